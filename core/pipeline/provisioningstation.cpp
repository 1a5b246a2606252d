#include "provisioningstation.h"

#include "audit/auditstore.h"
#include "logging/logcategories.h"
#include "mqtt/brokermonitor.h"
#include "ports/portinfo.h"
#include "ports/portwatcher.h"
#include "registration/registrationclient.h"

#include <QFile>
#include <QFutureWatcher>
#include <QTimer>

namespace Blackbird {

ProvisioningStation::ProvisioningStation(QObject *parent)
    : QObject(parent)
    , m_registration(std::make_unique<RegistrationClient>())
{}

ProvisioningStation::~ProvisioningStation()
{
    // Jobs first: they hold pointers to the services below.
    m_ports.clear();
    m_apiKey.wipe();
}

bool ProvisioningStation::setConfig(const StationConfig &config, QString *error)
{
    if (!config.validate(error))
        return false;

    QFile ca(config.endpoint.caFile);
    if (!ca.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read the CA file %1: %2").arg(config.endpoint.caFile, ca.errorString());
        return false;
    }
    const QByteArray caPem = ca.readAll();
    if (!caPem.contains("-----BEGIN CERTIFICATE-----")) {
        *error = tr("the CA file %1 holds no PEM certificate").arg(config.endpoint.caFile);
        return false;
    }

    CredentialPolicy policy;
    if (!CredentialPolicy::load(config.endpoint.claimCaFile,
                                config.endpoint.claimCaFile.isEmpty() ? QString()
                                                                      : config.endpoint.caFile,
                                &policy, error))
        return false;

    RegistrationConfig registration =
        RegistrationConfig::fromRegistrationUrl(config.endpoint.registrationUrl);
    registration.caFile = config.endpoint.caFile;
    if (!m_registration->setConfig(registration, error))
        return false;

    m_config = config;
    m_caPem = caPem;
    m_policy = policy;
    emitCounters();
    return true;
}

bool ProvisioningStation::setConfigFromEndpointsJson(const QString &path, StationConfig config,
                                                     QString *error)
{
    if (!PipelineEndpoint::fromEndpointsJson(path, &config.endpoint, error))
        return false;
    return setConfig(config, error);
}

void ProvisioningStation::setApiKey(SecretBytes apiKey)
{
    m_apiKey = std::move(apiKey);
}

void ProvisioningStation::setAuditStore(AuditStore *store)
{
    if (m_audit)
        m_audit->disconnect(this);
    m_audit = store;
    if (!store) {
        setStartsBlocked(true, tr("no audit store is open"));
        return;
    }
    connect(store, &AuditStore::writableChanged, this, &ProvisioningStation::onAuditWritable);
    onAuditWritable(store->isWritable(), store->lastWriteError());
}

void ProvisioningStation::setBrokerMonitor(BrokerMonitor *monitor)
{
    m_broker = monitor;
}

void ProvisioningStation::setPortWatcher(PortWatcher *watcher)
{
    if (m_watcher)
        m_watcher->disconnect(this);
    m_watcher = watcher;
    if (!watcher)
        return;
    connect(watcher, &PortWatcher::portAdded, this, &ProvisioningStation::onPortAdded);
    connect(watcher, &PortWatcher::portRemoved, this, &ProvisioningStation::onPortRemoved);
    const QList<PortInfo> known = watcher->ports();
    for (const PortInfo &port : known)
        onPortAdded(port);
}

void ProvisioningStation::start()
{
    if (m_ready || m_starting)
        return;
    m_starting = true;
    if (!m_audit) {
        m_ready = true;
        m_starting = false;
        setStartsBlocked(true, tr("no audit store is open"));
        emit ready(0);
        return;
    }
    auto *watcher = new QFutureWatcher<int>(this);
    connect(watcher, &QFutureWatcher<int>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const int interrupted = watcher->result();
        if (interrupted > 0)
            qCInfo(lcPipeline) << interrupted << "attempts of an earlier run marked interrupted";
        else if (interrupted < 0)
            qCWarning(lcPipeline) << "could not mark earlier attempts interrupted";
        m_ready = true;
        m_starting = false;
        emit ready(qMax(0, interrupted));
        pump();
    });
    watcher->setFuture(m_audit->markInterrupted(m_batch.stationId));
}

void ProvisioningStation::provision(const QStringList &ports)
{
    for (const QString &port : ports)
        enqueue(port, false);
    pump();
}

bool ProvisioningStation::cancel(const QString &port, const QString &reason)
{
    auto it = m_ports.find(port);
    if (it == m_ports.end())
        return false;
    PortEntry &e = *it->second;
    if (e.queued) {
        const bool wasRetry = e.retryQueued;
        e.queued = false;
        e.retryQueued = false;
        m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), port), m_queue.end());
        if (wasRetry && e.job) {
            // The retry never started: the device stays failed as it was.
            e.lastSnapshot = e.job->snapshot();
            emit snapshotChanged(e.lastSnapshot);
            emitCounters();
            checkIdle();
            return true;
        }
        e.lastSnapshot.state = DeviceState::Cancelled;
        e.lastSnapshot.error = reason.isEmpty() ? tr("cancelled before it started")
                                                : tr("cancelled before it started: %1").arg(reason);
        e.lastSnapshot.finishedAt = QDateTime::currentDateTimeUtc();
        ++m_cancelled;
        emit snapshotChanged(e.lastSnapshot);
        emitCounters();
        checkIdle();
        return true;
    }
    if (e.job && e.job->isRunning()) {
        e.job->cancel(reason);
        return true;
    }
    return false;
}

bool ProvisioningStation::retry(const QString &port)
{
    auto it = m_ports.find(port);
    if (it == m_ports.end())
        return false;
    PortEntry &e = *it->second;
    if (e.queued || !e.job || !e.job->canRetry())
        return false;
    enqueue(port, true);
    pump();
    return true;
}

void ProvisioningStation::cancelAll(const QString &reason)
{
    const QStringList all = ports();
    for (const QString &port : all)
        cancel(port, reason);
}

QStringList ProvisioningStation::ports() const
{
    QStringList result;
    for (const auto &[port, e] : m_ports)
        result << port;
    return result;
}

QList<DeviceSnapshot> ProvisioningStation::snapshots() const
{
    QList<DeviceSnapshot> result;
    for (const auto &[port, e] : m_ports)
        result << e->lastSnapshot;
    return result;
}

DeviceSnapshot ProvisioningStation::snapshot(const QString &port) const
{
    const auto it = m_ports.find(port);
    return it == m_ports.end() ? DeviceSnapshot() : it->second->lastSnapshot;
}

DeviceJob *ProvisioningStation::job(const QString &port) const
{
    const auto it = m_ports.find(port);
    return it == m_ports.end() ? nullptr : it->second->job.get();
}

BatchCounters ProvisioningStation::counters() const
{
    BatchCounters counters;
    counters.queued = int(m_queue.size());
    counters.running = runningCount();
    counters.passed = m_passed;
    counters.failed = m_failed;
    counters.skipped = m_skipped;
    counters.cancelled = m_cancelled;
    if (m_firstStart.isValid()) {
        const double hours =
            double(m_firstStart.msecsTo(QDateTime::currentDateTimeUtc())) / 3600000.0;
        if (hours > 0.0)
            counters.devicesPerHour = double(m_passed) / hours;
    }
    return counters;
}

bool ProvisioningStation::isIdle() const
{
    return m_queue.empty() && runningCount() == 0;
}

// --- Internals ----------------------------------------------------------------------------

ProvisioningStation::PortEntry &ProvisioningStation::entry(const QString &port)
{
    auto it = m_ports.find(port);
    if (it != m_ports.end())
        return *it->second;
    auto created = std::make_unique<PortEntry>();
    created->port = port;
    created->lastSnapshot.port = port;
    created->lastSnapshot.mode = m_config.mode;
    PortEntry &ref = *created;
    m_ports.emplace(port, std::move(created));
    emit portAdded(port);
    return ref;
}

void ProvisioningStation::enqueue(const QString &port, bool asRetry)
{
    if (port.isEmpty())
        return;
    PortEntry &e = entry(port);
    if (e.queued || (e.job && e.job->isRunning()))
        return;
    e.queued = true;
    e.retryQueued = asRetry;
    m_queue.push_back(port);
    if (!asRetry) {
        // A fresh attempt shows as waiting until its turn.
        e.lastSnapshot = DeviceSnapshot();
        e.lastSnapshot.port = port;
        e.lastSnapshot.usbSerial = e.usbSerial;
        e.lastSnapshot.mode = m_config.mode;
        emit snapshotChanged(e.lastSnapshot);
    }
    emitCounters();
}

void ProvisioningStation::pump()
{
    if (!m_ready || m_startsBlocked || !m_audit)
        return;
    while (!m_queue.empty() && runningCount() < m_config.parallelLimit) {
        const QString port = m_queue.front();
        m_queue.pop_front();
        auto it = m_ports.find(port);
        if (it == m_ports.end())
            continue;
        PortEntry &e = *it->second;
        const bool asRetry = e.retryQueued;
        e.queued = false;
        e.retryQueued = false;
        launch(e, asRetry);
    }
    emitCounters();
}

void ProvisioningStation::launch(PortEntry &e, bool asRetry)
{
    if (!m_firstStart.isValid())
        m_firstStart = QDateTime::currentDateTimeUtc();
    m_wasIdle = false;

    if (asRetry && e.job && e.job->canRetry()) {
        // The failure is being worked on again; it counts once it ends.
        if (m_failed > 0)
            --m_failed;
        e.job->retry();
        return;
    }

    if (e.job) {
        // The old job may still be on the call stack (its finished() started this); let the event
        // loop delete it.
        e.job->disconnect(this);
        e.job.release()->deleteLater();
    }
    DeviceJobServices services;
    services.registration = m_registration.get();
    services.apiKey = &m_apiKey;
    services.credentialPolicy = m_policy;
    services.broker = m_broker;
    services.audit = m_audit;
    e.job = std::make_unique<DeviceJob>(jobConfig(e), services);
    DeviceJob *job = e.job.get();
    const QString port = e.port;
    connect(job, &DeviceJob::snapshotChanged, this, [this, port](const DeviceSnapshot &snap) {
        auto it = m_ports.find(port);
        if (it != m_ports.end())
            it->second->lastSnapshot = snap;
        emit snapshotChanged(snap);
    });
    connect(job, &DeviceJob::timelineEntry, this, &ProvisioningStation::timelineEntry);
    connect(job, &DeviceJob::finished, this,
            [this, port](const DeviceSnapshot &snap) { onJobFinished(port, snap); });
    job->start();
}

void ProvisioningStation::onJobFinished(const QString &port, const DeviceSnapshot &snap)
{
    switch (snap.state) {
    case DeviceState::Passed:
        ++m_passed;
        break;
    case DeviceState::Failed:
        ++m_failed;
        break;
    case DeviceState::Skipped:
        ++m_skipped;
        break;
    case DeviceState::Cancelled:
        ++m_cancelled;
        break;
    case DeviceState::Idle:
    case DeviceState::Running:
        break;
    }
    auto it = m_ports.find(port);
    if (it != m_ports.end())
        it->second->lastSnapshot = snap;
    emit deviceFinished(snap);
    emitCounters();

    // Start the next device from the event loop, not inside this job's signal.
    QTimer::singleShot(0, this, [this] {
        pump();
        checkIdle();
    });
}

void ProvisioningStation::checkIdle()
{
    if (!isIdle() || m_wasIdle)
        return;
    m_wasIdle = true;
    emit idle();
}

void ProvisioningStation::onPortAdded(const PortInfo &port)
{
    PortEntry &e = entry(port.path);
    e.present = true;
    e.usbSerial = port.serialNumber;
    if (m_config.autoStart)
        provision({port.path});
}

void ProvisioningStation::onPortRemoved(const PortInfo &port)
{
    auto it = m_ports.find(port.path);
    if (it == m_ports.end())
        return;
    PortEntry &e = *it->second;
    e.present = false;
    if (e.job && e.job->isRunning())
        return; // the job notices the lost link itself and fails with the reason
    if (e.queued) {
        m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), port.path), m_queue.end());
        e.queued = false;
    }
    if (e.job) {
        e.job->disconnect(this);
        e.job.release()->deleteLater();
    }
    m_ports.erase(it);
    emit portRemoved(port.path);
    emitCounters();
    checkIdle();
}

void ProvisioningStation::onAuditWritable(bool writable, const QString &reason)
{
    setStartsBlocked(!writable,
                     writable ? QString()
                              : tr("the audit store cannot be written (%1); no new device starts "
                                   "until records can be kept again")
                                    .arg(reason));
}

void ProvisioningStation::setStartsBlocked(bool blocked, const QString &reason)
{
    if (blocked == m_startsBlocked)
        return;
    m_startsBlocked = blocked;
    if (blocked)
        qCWarning(lcPipeline).noquote() << reason;
    else
        qCInfo(lcPipeline) << "devices start again";
    emit startsBlockedChanged(blocked, reason);
    if (!blocked)
        pump();
}

void ProvisioningStation::emitCounters()
{
    emit countersChanged(counters());
}

DeviceJobConfig ProvisioningStation::jobConfig(const PortEntry &e) const
{
    DeviceJobConfig config;
    config.port = e.port;
    config.usbSerial = e.usbSerial;
    config.baud = m_config.baud;
    config.mode = m_config.mode;
    config.reason = m_config.reason;
    config.confirmErase = m_config.confirmErase;
    config.batch = m_batch;
    config.timeouts = m_config.timeouts;
    config.caPem = m_caPem;
    config.mqttHost = m_config.endpoint.mqttHost;
    config.mqttPort = m_config.endpoint.mqttPort;
    config.templateName = m_config.endpoint.templateName;
    config.deviceTypes = m_config.endpoint.deviceTypes;
    config.provisioningMethod = m_config.provisioningMethod;
    config.requireBrokerConfirmation = m_config.requireBrokerConfirmation;
    return config;
}

int ProvisioningStation::runningCount() const
{
    int count = 0;
    for (const auto &[port, e] : m_ports) {
        if (e->job && e->job->isRunning())
            ++count;
    }
    return count;
}

} // namespace Blackbird
