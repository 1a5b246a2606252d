// MosquittoBroker: writes a mosquitto.conf, runs /usr/sbin/mosquitto and reads its log.
#include "mosquittobroker.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>

#include <pwd.h>
#include <unistd.h>

namespace Blackbird::Test {

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return file.write(bytes) == bytes.size();
}

} // namespace

MosquittoBroker::MosquittoBroker()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

MosquittoBroker::~MosquittoBroker()
{
    stop();
}

QString MosquittoBroker::executable()
{
    const QString found = QStandardPaths::findExecutable(
        QStringLiteral("mosquitto"),
        {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    return found.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("mosquitto")) : found;
}

quint16 MosquittoBroker::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool MosquittoBroker::start(const BrokerTls &tls, QString *error)
{
    stop();
    if (m_port == 0)
        m_port = freePort();

    // Mosquitto started as root switches to the user named here; naming the current user keeps
    // the 0600 key file readable for it.
    const passwd *account = getpwuid(geteuid());
    const QByteArray user = account ? QByteArray(account->pw_name) : QByteArray("mosquitto");

    const QString dir = m_dir.path();
    QByteArray config;
    config += "per_listener_settings false\n";
    config += "allow_anonymous true\n";
    config += "persistence false\n";
    config += "log_dest stderr\n"; // stderr is unbuffered, stdout is not when piped
    config += "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n";
    config += "connection_messages true\n";
    config += "user " + user + "\n";
    config += "listener " + QByteArray::number(m_port) + " 127.0.0.1\n";
    config += "cafile " + (dir + QStringLiteral("/clients-ca.pem")).toUtf8() + "\n";
    config += "certfile " + (dir + QStringLiteral("/server.pem")).toUtf8() + "\n";
    config += "keyfile " + (dir + QStringLiteral("/server.key")).toUtf8() + "\n";
    config += "require_certificate true\n";
    config += "tls_version " + tls.minimumTlsVersion.toUtf8() + "\n";

    if (!writeFile(dir + QStringLiteral("/clients-ca.pem"), tls.clientCaPem) ||
        !writeFile(dir + QStringLiteral("/server.pem"), tls.serverChainPem) ||
        !writeFile(dir + QStringLiteral("/server.key"), tls.serverKeyPem) ||
        !writeFile(dir + QStringLiteral("/mosquitto.conf"), config)) {
        if (error)
            *error = QStringLiteral("cannot write the broker's files in %1").arg(dir);
        return false;
    }
    return launch(error);
}

bool MosquittoBroker::restart(QString *error)
{
    stop();
    return launch(error);
}

bool MosquittoBroker::launch(QString *error)
{
    m_log.clear();
    m_process.start(executable(), {QStringLiteral("-c"), m_dir.filePath("mosquitto.conf")});
    if (!m_process.waitForStarted(5000)) {
        if (error)
            *error =
                QStringLiteral("cannot start %1: %2").arg(executable(), m_process.errorString());
        return false;
    }

    // The broker says it runs only after its listener is open.
    const QDeadlineTimer deadline(10000);
    while (!m_log.contains(" running") && !deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running)
            break;
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        m_log += m_process.readAll();
    }
    if (!m_log.contains(" running")) {
        if (error)
            *error = QStringLiteral("mosquitto did not start: %1").arg(QString::fromUtf8(m_log));
        stop();
        return false;
    }
    return true;
}

void MosquittoBroker::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
    m_log += m_process.readAll();
}

QByteArray MosquittoBroker::log()
{
    m_log += m_process.readAll();
    return m_log;
}

} // namespace Blackbird::Test
