#include "brokerprocess.h"

#include "localfiles.h"

#include <QLoggingCategory>
#include <QTcpSocket>

#include <csignal>
#include <sys/prctl.h>

Q_LOGGING_CATEGORY(lcLocalBroker, "blackbird.local.broker", QtInfoMsg)

namespace Blackbird::Local {

namespace {

constexpr int kStartTimeoutMs = 15000;
constexpr int kProbeIntervalMs = 50;
constexpr int kStopGraceMs = 5000;
constexpr int kKeptOutputLines = 20;

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

    // A plain TCP connect is enough to know the listener is up; the TLS handshake is not needed.
    auto *socket = new QTcpSocket(this);
    connect(socket, &QTcpSocket::connected, this, [this, socket] {
        socket->abort();
        socket->deleteLater();
        if (m_ready || m_reported)
            return;
        m_ready = true;
        m_reported = true;
        m_probeTimer.stop();
        qCInfo(lcLocalBroker) << "broker ready on port" << m_port << "after"
                              << m_startClock.elapsed() << "ms";
        emit ready();
    });
    connect(socket, &QTcpSocket::errorOccurred, socket, &QObject::deleteLater);
    m_probeTimer.stop();
    connect(socket, &QObject::destroyed, this, [this] {
        if (!m_ready && !m_reported && m_process.state() == QProcess::Running)
            m_probeTimer.start();
    });
    socket->connectToHost(QHostAddress::LocalHost, m_port);
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
