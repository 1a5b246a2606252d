// blackbird-devsim as a child process for tests: simulated devices on pseudo-terminals, driven by
// commands on its standard input (--stdin-control, see docs/device-simulator.md).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

class DevsimProcess
{
public:
    // Devices get links DIR/links/dev-NNN and storage DIR/devices/dev-NNN.
    explicit DevsimProcess(const QString &dir);
    ~DevsimProcess();

    // Starts COUNT devices with the given extra arguments and waits for the ready line. On
    // failure error holds the program's output.
    bool start(int count, const QStringList &extraArguments, QString *error, int timeoutMs = 30000);
    // Sends one control command and waits for its one-line answer; true when it starts "ok".
    bool control(const QString &command, QString *answer, int timeoutMs = 5000);
    // Asks the simulator to quit, then kills it if it does not.
    void stop();

    // The link (pseudo-terminal symlink) of device INDEX, counted from 0.
    QString link(int index) const;
    QString linksDir() const;
    // The storage folder of device INDEX (identity.json, claim-bundle.json, ...).
    QString storage(int index) const;
    QProcess &process() { return m_process; }

    static QString program();

private:
    QString m_dir;
    QProcess m_process;
};
