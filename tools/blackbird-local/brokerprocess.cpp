#include "brokerprocess.h"

#include "localfiles.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTcpSocket>

#include <csignal>
#include <optional>
#include <sys/prctl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcLocalBroker, "blackbird.local.broker", QtInfoMsg)

namespace Blackbird::Local {

namespace {

constexpr int kStartTimeoutMs = 15000;
constexpr int kProbeIntervalMs = 50;
constexpr int kStopGraceMs = 5000;
constexpr int kKeptOutputLines = 20;

// Whether the broker process itself (pid) listens on 127.0.0.1:port, from the kernel's socket
// table and the process's file descriptors; nullopt when those cannot be read. Checking the
// owner matters: another program that grabbed the port meanwhile must not look like the broker.
std::optional<bool> isListening(quint16 port, qint64 pid)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (pid <= 0 || !table.open(QIODevice::ReadOnly))
        return std::nullopt;

    // Columns: "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...",
    // addresses as hex "0100007F:1F90", state 0A = LISTEN.
    const QByteArray wanted =
        "0100007F:" + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    QByteArray inode;
    const QList<QByteArray> lines = table.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 9 && fields.at(1) == wanted && fields.at(3) == "0A") {
            inode = fields.at(9);
            break;
        }
    }
    if (inode.isEmpty())
        return false;

    const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
    const QDir fds(fdDir);
    if (!fds.exists())
        return std::nullopt;
    const QByteArray target = "socket:[" + inode + ']';
    const QStringList entries = fds.entryList(QDir::System | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        char link[64] = {};
        const QByteArray path = QFile::encodeName(fdDir + QLatin1Char('/') + entry);
        const ssize_t length = ::readlink(path.constData(), link, sizeof link - 1);
        if (length > 0 && QByteArray(link, length) == target)
            return true;
    }
    return false;
}

} // namespace

QString BrokerProcess::defaultProgram()
{
    const QByteArray fromEnvironment = qgetenv("BLACKBIRD_MOSQUITTO");
    return fromEnvironment.isEmpty() ? QStringLiteral("/usr/sbin/mosquitto")
                                     : QString::fromLocal8Bit(fromEnvironment);
}

BrokerProcess::BrokerProcess(QObject *parent)
    : QObject(parent)
    , m_program(defaultProgram())
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setChildProcessModifier([] {
        // Runs in the child between fork and exec: no Qt, no allocation.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    m_probeTimer.setInterval(kProbeIntervalMs);

    connect(&m_probeTimer, &QTimer::timeout, this, &BrokerProcess::probe);
    connect(&m_process, &QProcess::readyRead, this, &BrokerProcess::readOutput);
    connect(&m_process, &QProcess::finished, this, &BrokerProcess::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(QStringLiteral("cannot run %1: %2").arg(m_program, m_process.errorString()));
    });
}

BrokerProcess::~BrokerProcess()
{
    stop();
}

void BrokerProcess::start(const MosquittoConfig &config, const QString &configFile)
{
    m_port = config.port;
    m_ready = false;
    m_stopping = false;
    m_reported = false;
    m_recentOutput.clear();

    QString error;
    const QByteArray text = config.render(&error);
    if (text.isEmpty() || !LocalFiles::writePublic(configFile, text, &error)) {
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }

    qCInfo(lcLocalBroker) << "starting" << m_program << "on 127.0.0.1 port" << m_port;
    m_startClock.start();
    m_process.start(m_program, {QStringLiteral("-c"), configFile});
    m_probeTimer.start();
}

void BrokerProcess::stop()
{
    m_probeTimer.stop();
    if (m_process.state() == QProcess::NotRunning)
        return;

    m_stopping = true;
    m_process.terminate();
    if (!m_process.waitForFinished(kStopGraceMs)) {
        qCWarning(lcLocalBroker) << "the broker ignored SIGTERM; killing it";
        m_process.kill();
        m_process.waitForFinished(kStopGraceMs);
    }
}

void BrokerProcess::probe()
{
    if (m_process.state() != QProcess::Running)
        return;
    if (m_startClock.elapsed() > kStartTimeoutMs) {
        fail(QStringLiteral("the broker did not open port %1 within %2 s")
                 .arg(m_port)
                 .arg(kStartTimeoutMs / 1000));
        stop();
        return;
    }

    // The kernel's socket table says when the listener is up without connecting to it (a probe
    // connection would show up in the broker's log as a failed TLS client).
    const std::optional<bool> listening = isListening(m_port, m_process.processId());
    if (listening.has_value()) {
        if (*listening)
            reportReady();
        return;
    }

    // No socket table to read: a plain TCP connect tells the same.
    auto *socket = new QTcpSocket(this);
    connect(socket, &QTcpSocket::connected, this, [this, socket] {
        socket->abort();
        socket->deleteLater();
        reportReady();
    });
    connect(socket, &QTcpSocket::errorOccurred, socket, &QObject::deleteLater);
    m_probeTimer.stop();
    connect(socket, &QObject::destroyed, this, [this] {
        if (!m_ready && !m_reported && m_process.state() == QProcess::Running)
            m_probeTimer.start();
    });
    socket->connectToHost(QHostAddress::LocalHost, m_port);
}

void BrokerProcess::reportReady()
{
    if (m_ready || m_reported)
        return;
    m_ready = true;
    m_reported = true;
    m_probeTimer.stop();
    qCInfo(lcLocalBroker) << "broker ready on port" << m_port << "after" << m_startClock.elapsed()
                          << "ms";
    emit ready();
}

void BrokerProcess::readOutput()
{
    while (m_process.canReadLine()) {
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        m_recentOutput << line;
        if (m_recentOutput.size() > kKeptOutputLines)
            m_recentOutput.removeFirst();
        qCInfo(lcLocalBroker).noquote() << "mosquitto:" << line;
    }
}

void BrokerProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readOutput();
    m_probeTimer.stop();
    if (m_stopping)
        return;

    const QString reason =
        QStringLiteral("mosquitto exited (%1 %2): %3")
            .arg(status == QProcess::CrashExit ? QStringLiteral("crashed, signal")
                                               : QStringLiteral("exit code"))
            .arg(exitCode)
            .arg(m_recentOutput.isEmpty() ? QStringLiteral("no output")
                                          : m_recentOutput.join(QStringLiteral(" | ")));
    if (m_ready) {
        qCWarning(lcLocalBroker).noquote() << reason;
        emit exitedUnexpectedly(reason);
        return;
    }
    fail(reason);
}

void BrokerProcess::fail(const QString &reason)
{
    if (m_reported)
        return;
    m_reported = true;
    m_probeTimer.stop();
    const bool portInUse = reason.contains(QLatin1String("Address already in use"));
    qCWarning(lcLocalBroker).noquote() << "broker failed:" << reason;
    emit failed(reason, portInUse);
}

} // namespace Blackbird::Local
