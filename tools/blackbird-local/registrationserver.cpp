#include "registrationserver.h"

#include "localfiles.h"

#include "crypto/secretbytes.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcLocalHttps, "blackbird.local.https", QtInfoMsg)

namespace Blackbird::Local {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    const QMetaEnum meta = QMetaEnum::fromType<QHttpServerRequest::Method>();
    const char *name = meta.valueToKey(int(method));
    return name ? QByteArray(name).toUpper() : QByteArray("UNKNOWN");
}

} // namespace

RegistrationServer::RegistrationServer(RegistrationService *service, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_service(service)
{}

QSslConfiguration RegistrationServer::tlsConfiguration(const QString &certificateFile,
                                                       const QString &keyFile, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile);
    QByteArray keyPem = LocalFiles::read(keyFile, error);
    const QSslKey key(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    SecretBytes::wipe(keyPem);
    if (chain.isEmpty() || key.isNull()) {
        if (error && error->isEmpty())
            *error = QStringLiteral("cannot load the TLS server certificate %1 or key %2")
                         .arg(certificateFile, keyFile);
        return {};
    }

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

bool RegistrationServer::start(const QHostAddress &address, quint16 port,
                               const QSslConfiguration &tls, QString *error)
{
    sslSetup(tls);
    m_port = listen(address, port);
    if (m_port == 0) {
        *error = QStringLiteral("cannot listen for HTTPS on %1:%2 (is the port in use?)")
                     .arg(address.toString())
                     .arg(port);
        return false;
    }
    qCInfo(lcLocalHttps) << "registration service listening on https://" << address.toString()
                         << ":" << m_port;
    return true;
}

bool RegistrationServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest call;
    call.method = methodName(request.method());
    call.path = request.url().path();
    call.headers = request.headers();
    call.body = request.body();

    const HttpReply reply = m_service->handle(call);
    qCDebug(lcLocalHttps) << call.method << call.path << "->" << reply.status;

    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeBody(reply.body);
    return true;
}

void RegistrationServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers every request; this only runs if that ever changes.
    const HttpReply reply = RegistrationService::errorReply(404, QStringLiteral("not_found"),
                                                            QStringLiteral("no such resource"));
    makeResponder(request, socket)
        .write(reply.body, "application/json", QHttpServerResponder::StatusCode::NotFound);
}

} // namespace Blackbird::Local
