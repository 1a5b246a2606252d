// A tiny HTTPS/1.1 server on 127.0.0.1 for the answers the real registration service never
// gives on purpose (500, garbage, oversized bodies, exact Retry-After): it answers each request
// with the next scripted reply and records what it received and when. In "silent" mode it
// accepts connections and never says a word, for timeout tests.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>

#include <utility>

namespace Blackbird::Test {

struct ScriptedReply
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

struct ReceivedRequest
{
    QByteArray head; // request line and headers
    QByteArray body;
    qint64 atMs = 0; // since the server started
};

class ScriptedHttpsServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit ScriptedHttpsServer(QObject *parent = nullptr);

    // Serves TLS with the given server certificate and key files.
    bool start(const QString &certificateFile, const QString &keyFile, QString *error);
    // Accepts TCP connections and never answers, not even the TLS handshake.
    bool startSilent(QString *error);

    void setScript(const QList<ScriptedReply> &script) { m_script = script; }
    const QList<ReceivedRequest> &received() const { return m_received; }
    int connections() const { return m_connections; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void serve(class QSslSocket *socket);

    QSslConfiguration m_tls;
    bool m_silent = false;
    QList<ScriptedReply> m_script;
    QList<ReceivedRequest> m_received;
    QElapsedTimer m_clock;
    int m_connections = 0;
};

} // namespace Blackbird::Test
