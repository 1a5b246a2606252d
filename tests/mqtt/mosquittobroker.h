// A real Mosquitto broker started by a test on 127.0.0.1 with a TLS listener that requires client
// certificates. The configuration, certificates and key live in a temporary folder.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace Blackbird::Test {

struct BrokerTls
{
    QByteArray clientCaPem;    // verifies the clients' certificates
    QByteArray serverChainPem; // the broker's certificate (and intermediates)
    QByteArray serverKeyPem;
    QString minimumTlsVersion = QStringLiteral("tlsv1.2");
};

class MosquittoBroker
{
public:
    MosquittoBroker();
    ~MosquittoBroker();
    MosquittoBroker(const MosquittoBroker &) = delete;
    MosquittoBroker &operator=(const MosquittoBroker &) = delete;

    // Starts the broker on a free loopback port (or the port of the previous start) and waits
    // until it reports that it runs. Returns false with the broker's output in error.
    bool start(const BrokerTls &tls, QString *error);
    bool restart(QString *error);
    void stop();

    quint16 port() const { return m_port; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    // Everything the broker logged so far.
    QByteArray log();

    static QString executable();
    // A loopback port that was free a moment ago.
    static quint16 freePort();

private:
    bool launch(QString *error);

    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

} // namespace Blackbird::Test
