#include "registrationserver.h"

#include "localfiles.h"

#include "crypto/secretbytes.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaEnum>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcLocalHttps, "blackbird.local.https", QtInfoMsg)

namespace Blackbird::Local {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    const QMetaEnum meta = QMetaEnum::fromType<QHttpServerRequest::Method>();
    const char *name = meta.valueToKey(int(method));
    return name ? QByteArray(name).toUpper() : QByteArray("UNKNOWN");
}

// The uuid a registration body names, or an empty string; only used to pick a fault.
QString uuidOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("uuid")).toString();
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return status < 500 ? "Client Error" : "Server Error";
    }
}

// A whole HTTP/1.1 response, for answers written later than the request's handler returns.
QByteArray serialize(const HttpReply &reply)
{
    QByteArray text =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    text += "Content-Type: application/json\r\nCache-Control: no-store\r\n";
    text += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        text += name + ": " + value + "\r\n";
    return text + "\r\n" + reply.body;
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

    if ((!m_faults.isEmpty() || !m_runtimeFaults.isEmpty()) && call.method == "POST" &&
        call.path == QLatin1String("/v1/registrations")) {
        const QString uuid = uuidOf(call.body);
        std::optional<RegistrationFault> fault = m_runtimeFaults.take(uuid);
        if (!fault)
            fault = m_faults.take(uuid);
        if (fault) {
            answerWithFault(*fault, call, socket);
            return true;
        }
    }

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

void RegistrationServer::answerWithFault(const RegistrationFault &fault, const HttpRequest &call,
                                         QTcpSocket *socket)
{
    const QString uuid = uuidOf(call.body);
    qCInfo(lcLocalHttps).noquote() << "injecting fault" << fault.spec << "into a registration"
                                   << (uuid.isEmpty() ? QString() : QStringLiteral("for ") + uuid);

    HttpReply reply;
    if (fault.kind == RegistrationFault::Kind::Status) {
        reply = RegistrationService::faultReply(fault);
    } else if (fault.registersForReal()) {
        reply = m_service->handle(call);
        m_service->applyFault(fault, &reply);
    }

    // Written straight to the socket, now or after the delay; the socket may be gone by then.
    const bool close = fault.kind == RegistrationFault::Kind::Close;
    const QByteArray response = close ? QByteArray() : serialize(reply);
    QPointer<QTcpSocket> target(socket);
    const auto answer = [target, response, close] {
        if (!target || target->state() != QAbstractSocket::ConnectedState)
            return;
        if (close) {
            target->abort();
            return;
        }
        target->write(response);
    };
    if (fault.delayMs > 0)
        QTimer::singleShot(fault.delayMs, this, answer);
    else
        answer();
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
