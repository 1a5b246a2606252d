// Test helper: runs the real blackbird-local program as a child with its own state folder,
// waits for its ready line, reads its endpoints.json, and stops it with SIGTERM.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

class StackProcess
{
public:
    explicit StackProcess(const QString &stateDir);
    ~StackProcess();

    // Starts blackbird-local --state DIR plus extra arguments and waits for the ready line.
    // On failure error holds the program's output.
    bool start(const QStringList &extraArguments, QString *error, int timeoutMs = 30000);
    // SIGTERM, then waits; returns the exit code (-1 if it had to be killed).
    int stop(int timeoutMs = 15000);

    QProcess &process() { return m_process; }
    QString readyLine() const { return m_readyLine; }
    QJsonObject endpoints() const;
    QString stateDir() const { return m_stateDir; }
    QString output() const { return m_output; }
    // The child's children (the broker), by pid.
    QList<qint64> childPids() const;

    static QString program();

private:
    QString m_stateDir;
    QProcess m_process;
    QString m_readyLine;
    QString m_output;
};
