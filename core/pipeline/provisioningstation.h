// The station's orchestrator: it owns the shared services (registration client, credential
// policy, the API key), uses the broker monitor and the audit store it is given, tracks device
// ports (from a PortWatcher or explicit provision() calls), and runs at most parallelLimit
// DeviceJobs at once, queueing the rest in arrival order. Everything runs on the thread the
// station lives on (the GUI thread), asynchronously.
//
// A failure on one port never touches another: each port has its own job, session and record.
// While the audit store cannot be written the station starts no new device (queued ones wait)
// and says why with startsBlockedChanged(); running devices finish and report their record
// failure themselves.
//
// Typical use (see the command-line front end):
//   ProvisioningStation station;
//   station.setAuditStore(&audit); station.setBrokerMonitor(&monitor);
//   station.setApiKey(std::move(key)); station.setBatch(batch);
//   if (!station.setConfig(config, &error)) ...;
//   station.start();                       // marks interrupted records, then starts devices
//   station.provision({"/tmp/bb/links/dev-000", ...});
#pragma once

#include "pipeline/devicejob.h"
#include "pipeline/pipelineconfig.h"
#include "pipeline/provisioningtypes.h"

#include "crypto/secretbytes.h"
#include "timeline/timelineentry.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <deque>
#include <map>
#include <memory>

namespace Blackbird {

class AuditStore;
class BrokerMonitor;
class PortWatcher;
class RegistrationClient;
struct PortInfo;

class ProvisioningStation : public QObject
{
    Q_OBJECT

public:
    explicit ProvisioningStation(QObject *parent = nullptr);
    ~ProvisioningStation() override;

    // Validates and takes the configuration: the registration endpoint and CA file, the claim
    // CA policy, the CA PEM for the bundles, the mode and its reason. On failure keeps the old
    // configuration and says why. Applies to devices started afterwards.
    bool setConfig(const StationConfig &config, QString *error);
    const StationConfig &config() const { return m_config; }
    // Convenience for the demo and the tests: setConfig() with a local stack's endpoints.json
    // plus the given settings (config.endpoint is replaced by the file's).
    bool setConfigFromEndpointsJson(const QString &path, StationConfig config, QString *error);

    void setBatch(const BatchContext &batch) { m_batch = batch; }
    BatchContext batch() const { return m_batch; }
    // The registration service's API key (from ApiKeyStore or BLACKBIRD_API_KEY); kept wiped.
    void setApiKey(SecretBytes apiKey);
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }
    // Not owned; must outlive the station. Without one nothing is recorded and no device starts.
    void setAuditStore(AuditStore *store);
    // Not owned; may be null when config().requireBrokerConfirmation is false.
    void setBrokerMonitor(BrokerMonitor *monitor);
    // Not owned: ports it adds are tracked (and started when autoStart is on), ports it removes
    // are forgotten once idle. The caller sets the watcher's filter (config().portFilter).
    void setPortWatcher(PortWatcher *watcher);
    RegistrationClient *registrationClient() const { return m_registration.get(); }

    // Marks this station's records left running by an earlier run as interrupted, then lets
    // devices start; ready() follows. Devices asked for before are queued until then.
    void start();
    bool isReady() const { return m_ready; }

    // Queues the ports (ignoring ones already queued or running) and starts as many as the
    // limit allows. Finished ports start a fresh attempt.
    void provision(const QStringList &ports);
    // Cancels a queued or running port; false when it is neither.
    bool cancel(const QString &port, const QString &reason = QString());
    // Retries a failed port from its failed step (queued under the parallel limit).
    bool retry(const QString &port);
    void cancelAll(const QString &reason = QString());

    QStringList ports() const;               // every port known, sorted
    QList<DeviceSnapshot> snapshots() const; // one per known port, sorted by port
    DeviceSnapshot snapshot(const QString &port) const;
    DeviceJob *job(const QString &port) const; // null when the port has none yet
    BatchCounters counters() const;
    // No device running or queued.
    bool isIdle() const;
    // True while the audit store cannot be written: no device starts.
    bool startsBlocked() const { return m_startsBlocked; }

signals:
    void ready(int interruptedRecords);
    void portAdded(const QString &port);
    // A port went away while idle; its snapshot is gone too.
    void portRemoved(const QString &port);
    void snapshotChanged(const Blackbird::DeviceSnapshot &snapshot);
    void timelineEntry(const Blackbird::TimelineEntry &entry);
    void deviceFinished(const Blackbird::DeviceSnapshot &snapshot);
    void countersChanged(const Blackbird::BatchCounters &counters);
    // blocked: the station stopped starting devices; reason says why (for the operator).
    void startsBlockedChanged(bool blocked, const QString &reason);
    // Every running and queued device has finished.
    void idle();

private:
    struct PortEntry
    {
        QString port;
        QString usbSerial;
        std::unique_ptr<DeviceJob> job;
        DeviceSnapshot lastSnapshot;
        bool queued = false;
        bool retryQueued = false;
        bool present = true;
    };

    PortEntry &entry(const QString &port);
    void enqueue(const QString &port, bool asRetry);
    void pump();
    void launch(PortEntry &entry, bool asRetry);
    void onJobFinished(const QString &port, const DeviceSnapshot &snapshot);
    void onPortAdded(const PortInfo &port);
    void onPortRemoved(const PortInfo &port);
    void onAuditWritable(bool writable, const QString &reason);
    void setStartsBlocked(bool blocked, const QString &reason);
    void emitCounters();
    void checkIdle();
    DeviceJobConfig jobConfig(const PortEntry &entry) const;
    int runningCount() const;

    StationConfig m_config;
    QByteArray m_caPem;
    CredentialPolicy m_policy;
    BatchContext m_batch;
    SecretBytes m_apiKey;
    std::unique_ptr<RegistrationClient> m_registration;
    QPointer<AuditStore> m_audit;
    QPointer<BrokerMonitor> m_broker;
    QPointer<PortWatcher> m_watcher;

    std::map<QString, std::unique_ptr<PortEntry>> m_ports;
    std::deque<QString> m_queue;
    bool m_ready = false;
    bool m_starting = false;
    bool m_startsBlocked = false;
    bool m_wasIdle = true;
    QDateTime m_firstStart;
    int m_passed = 0;
    int m_failed = 0;
    int m_skipped = 0;
    int m_cancelled = 0;
};

} // namespace Blackbird
