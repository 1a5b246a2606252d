// The real device simulator (blackbird-devsim) as a child process for integration tests: started
// with a links and a state folder, ready when it says so, steered through --stdin-control, and
// stopped with SIGTERM.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace Blackbird::Test {

class SimulatorProcess
{
public:
    SimulatorProcess(QString program, QString links, QString state);
    ~SimulatorProcess();

    // Starts it with extra options and waits for "ready: N devices"; false with a reason.
    bool start(const QStringList &options, QString *error);
    // Sends a --stdin-control command and waits for its "ok ..." line; false with the answer.
    bool control(const QString &command, QString *error);
    // Waits for the process to end by itself (crash-before-rename) and returns its exit code.
    int waitForExit(int timeoutMs);
    void stop();

    QString linkPath(int device) const;
    QString stateFolder(int device) const;
    QProcess &process() { return m_process; }

private:
    bool waitForLine(const QString &prefix, QString *line, int timeoutMs);

    QString m_program;
    QString m_links;
    QString m_state;
    QProcess m_process;
    QByteArray m_stdout;
};

} // namespace Blackbird::Test
