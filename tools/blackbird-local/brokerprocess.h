// Runs Eclipse Mosquitto as a child process: writes its configuration, starts it, reports ready
// once its TLS port accepts connections, forwards its log lines, and stops it with SIGTERM.
// The child dies with the stack even if the stack itself is killed (parent-death signal).
#pragma once

#include "mosquittoconfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>

namespace Blackbird::Local {

class BrokerProcess : public QObject
{
    Q_OBJECT

public:
    static QString defaultProgram();

    explicit BrokerProcess(QObject *parent = nullptr);
    ~BrokerProcess() override;

    void setProgram(const QString &program) { m_program = program; }

    // Writes config to configFile and starts the broker. Emits ready() or failed() once.
    void start(const MosquittoConfig &config, const QString &configFile);
    // SIGTERM, then SIGKILL after a grace period; returns when the child is gone.
    void stop();

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    // The broker's last log lines, for error messages.
    QString recentOutput() const { return m_recentOutput.join(QLatin1Char('\n')); }

signals:
    void ready();
    void failed(const QString &reason, bool portInUse);
    // The broker stopped without being asked to.
    void exitedUnexpectedly(const QString &reason);

private:
    void probe();
    void reportReady();
    void readOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &reason);

    QString m_program;
    QProcess m_process;
    QTimer m_probeTimer;
    QElapsedTimer m_startClock;
    quint16 m_port = 0;
    bool m_ready = false;
    bool m_stopping = false;
    bool m_reported = false;
    QStringList m_recentOutput;
};

} // namespace Blackbird::Local
