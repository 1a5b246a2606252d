#include "scriptedhttpsserver.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace Blackbird::Test {

ScriptedHttpsServer::ScriptedHttpsServer(QObject *parent)
    : QTcpServer(parent)
{}

bool ScriptedHttpsServer::start(const QString &certificateFile, const QString &keyFile,
                                QString *error)
{
    QFile keyInput(keyFile);
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile);
    if (chain.isEmpty() || !keyInput.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 or %2").arg(certificateFile, keyFile);
        return false;
    }
    const QSslKey key(keyInput.readAll(), QSsl::Ec);
    if (key.isNull()) {
        *error = QStringLiteral("cannot read the key %1").arg(keyFile);
        return false;
    }
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setLocalCertificateChain(chain);
    m_tls.setPrivateKey(key);
    m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (!startSilent(error))
        return false;
    m_silent = false;
    return true;
}

bool ScriptedHttpsServer::startSilent(QString *error)
{
    m_silent = true;
    m_clock.start();
    if (!listen(QHostAddress::LocalHost, 0)) {
        *error = errorString();
        return false;
    }
    return true;
}

void ScriptedHttpsServer::incomingConnection(qintptr descriptor)
{
    ++m_connections;
    auto *socket = new QSslSocket(this);
    socket->setSocketDescriptor(descriptor);
    if (m_silent)
        return; // held open and never read or written until the server goes away
    socket->setSslConfiguration(m_tls);
    serve(socket);
    socket->startServerEncryption();
}

void ScriptedHttpsServer::serve(QSslSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer->left(headEnd);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer->size() < headEnd + 4 + length)
            return;

        m_received.append({head, buffer->mid(headEnd + 4, length), m_clock.elapsed()});
        buffer->clear();
        const ScriptedReply reply =
            m_script.isEmpty() ? ScriptedReply{500, "{}", {}} : m_script.takeFirst();
        QByteArray answer = "HTTP/1.1 " + QByteArray::number(reply.status) +
                            " Scripted\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: " +
                            QByteArray::number(reply.body.size()) +
                            "\r\n"
                            "Connection: close\r\n";
        for (const auto &[name, value] : reply.headers)
            answer += name + ": " + value + "\r\n";
        answer += "\r\n" + reply.body;
        socket->write(answer);
        socket->disconnectFromHost();
    });
}

} // namespace Blackbird::Test
