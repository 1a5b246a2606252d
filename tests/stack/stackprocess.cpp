#include "stackprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <csignal>

#include <sys/prctl.h>

StackProcess::StackProcess(const QString &stateDir)
    : m_stateDir(stateDir)
{}

StackProcess::~StackProcess()
{
    stop();
}

QString StackProcess::program()
{
    return QStringLiteral(BLACKBIRD_LOCAL_BIN);
}

bool StackProcess::start(const QStringList &extraArguments, QString *error, int timeoutMs)
{
    m_readyLine.clear();
    m_output.clear();
    m_process.setProgram(program());
    m_process.setArguments(QStringList{QStringLiteral("--state"), m_stateDir} + extraArguments);
    // When the test dies (a CTest timeout kills it) its servers must not live on as orphans.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }

    // Waits on the child's output, not on a clock: the ready line or the process ending.
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.canReadLine()) {
            m_readyLine = QString::fromUtf8(m_process.readLine()).trimmed();
            m_output += QString::fromUtf8(m_process.readAllStandardError());
            return m_readyLine.startsWith(QLatin1String("blackbird-local ready:"));
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
        m_process.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 1000)));
        m_output += QString::fromUtf8(m_process.readAllStandardError());
    }
    m_process.waitForFinished(2000);
    m_output += QString::fromUtf8(m_process.readAllStandardError());
    *error = QStringLiteral("blackbird-local did not get ready (exit code %1): %2")
                 .arg(m_process.exitCode())
                 .arg(m_output);
    return false;
}

int StackProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    m_output += QString::fromUtf8(m_process.readAllStandardError());
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QJsonObject StackProcess::endpoints() const
{
    QFile file(m_stateDir + QStringLiteral("/endpoints.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QList<qint64> StackProcess::childPids() const
{
    QList<qint64> pids;
    const qint64 pid = m_process.processId();
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(pid));
    if (!children.open(QIODevice::ReadOnly))
        return pids;
    const QList<QByteArray> parts = children.readAll().simplified().split(' ');
    for (const QByteArray &part : parts) {
        if (!part.isEmpty())
            pids << part.toLongLong();
    }
    return pids;
}
