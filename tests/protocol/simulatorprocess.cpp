#include "simulatorprocess.h"

#include <QDeadlineTimer>

namespace Blackbird::Test {

SimulatorProcess::SimulatorProcess(QString program, QString links, QString state)
    : m_program(std::move(program))
    , m_links(std::move(links))
    , m_state(std::move(state))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
}

SimulatorProcess::~SimulatorProcess()
{
    stop();
}

bool SimulatorProcess::start(const QStringList &options, QString *error)
{
    m_stdout.clear();
    QStringList arguments = {QStringLiteral("--links"), m_links, QStringLiteral("--state"), m_state,
                             QStringLiteral("--stdin-control")};
    arguments += options;
    m_process.start(m_program, arguments);
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(m_program, m_process.errorString());
        return false;
    }

    QString line;
    if (!waitForLine(QStringLiteral("ready:"), &line, 15000)) {
        *error = QStringLiteral("the simulator did not get ready: %1; stderr: %2")
                     .arg(line, QString::fromLocal8Bit(m_process.readAllStandardError()));
        return false;
    }
    return true;
}

bool SimulatorProcess::control(const QString &command, QString *error)
{
    m_process.write(command.toUtf8() + '\n');
    QString line;
    if (!waitForLine(QStringLiteral("ok"), &line, 5000)) {
        *error = QStringLiteral("\"%1\" answered: %2").arg(command, line);
        return false;
    }
    return true;
}

int SimulatorProcess::waitForExit(int timeoutMs)
{
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
        return -1;
    return m_process.exitCode();
}

void SimulatorProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QString SimulatorProcess::linkPath(int device) const
{
    return m_links + QStringLiteral("/dev-%1").arg(device, 3, 10, QLatin1Char('0'));
}

QString SimulatorProcess::stateFolder(int device) const
{
    return m_state + QStringLiteral("/dev-%1").arg(device, 3, 10, QLatin1Char('0'));
}

// Lines that do not start with prefix (link notices, other answers) are skipped; an "error:"
// line ends the wait at once. The simulator talks only when asked, so blocking here is brief.
bool SimulatorProcess::waitForLine(const QString &prefix, QString *line, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        while (m_process.canReadLine()) {
            *line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line->startsWith(prefix))
                return true;
            if (line->startsWith(QLatin1String("error")))
                return false;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning) {
            if (line->isEmpty())
                *line = QStringLiteral("(nothing)");
            return false;
        }
        m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
}

} // namespace Blackbird::Test
