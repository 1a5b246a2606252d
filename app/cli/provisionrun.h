// One run of "blackbird-station-cli provision": loads the profile, reads the API key, opens the
// audit store, connects the broker monitor, then provisions the ports it was given (or every
// matching port, or each port that appears while it watches) under the parallel limit, printing
// one event per device start, step and finish, and a summary. Asynchronous: done() carries the
// exit code. SIGINT/SIGTERM cancel the running devices, which records them as cancelled.
#pragma once

#include "clioutput.h"
#include "interruptwatcher.h"

#include "audit/auditstore.h"
#include "keychain/apikeystore.h"
#include "mqtt/brokermonitor.h"
#include "pipeline/provisioningstation.h"
#include "ports/portwatcher.h"
#include "station/stationcontroller.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Blackbird::Cli {

struct ProvisionOptions
{
    StationController::Options station; // endpoints file, port patterns, audit file, batch
    QString profileName;                // empty: the first profile (or "local" with endpoints)
    QString profilesDir;                // empty: the user's profile folder
    QStringList ports;                  // explicit ports
    bool all = false;                   // every matching port present at the start
    bool watch = false;                 // and every port that appears afterwards
    int count = 0;                      // with watch: stop after this many devices (0: never)
    ServiceMode mode = ServiceMode::Production;
    QString reason;
    bool confirmErase = false;
    int parallel = 0; // 0: the profile's limit
    bool verbose = false;
    int brokerWaitMs = 10000;
};

class ProvisionRun : public QObject
{
    Q_OBJECT

public:
    ProvisionRun(const ProvisionOptions &options, const Output &output, QObject *parent = nullptr);
    ~ProvisionRun() override;

    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void readApiKey();
    void openAudit();
    void startStation();
    void waitForBroker();
    void begin();
    void onFirstScan();
    void onPortAdded(const PortInfo &port);
    void take(const QStringList &ports);
    void onSnapshot(const DeviceSnapshot &snapshot);
    void onFinished(const DeviceSnapshot &snapshot);
    void onStartsBlocked(bool blocked, const QString &reason);
    void cancelQueued(const QStringList &ports, const QString &why);
    void onInterrupted(int signal);
    void checkDone();
    void finish(int code);
    void fail(int code, const QString &text);
    bool countReached() const;

    ProvisionOptions m_options;
    Output m_out;
    StationProfile m_profile;
    StationConfig m_config;

    // Declared before the station: the station and its jobs use them until it is gone.
    AuditStore m_audit;
    BrokerMonitor m_monitor;
    ApiKeyStore m_keys;
    PortWatcher m_watcher;
    ProvisioningStation m_station;
    InterruptWatcher m_interrupts;

    QElapsedTimer m_clock;
    QTimer m_brokerTimeout;
    QSet<QString> m_taken;    // ports handed to the station
    QSet<QString> m_finished; // ports whose device finished
    QSet<QString> m_ignored;  // present before a --watch without --all: left alone
    int m_started = 0;        // devices handed to the station
    QHash<QString, DeviceSnapshot> m_last;
    bool m_scanned = false;
    bool m_begun = false;
    bool m_blocked = false;
    bool m_interrupted = false;
    bool m_finishing = false;
};

} // namespace Blackbird::Cli
