#include "provisionrun.h"

#include "logging/logcategories.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonObject>

namespace Blackbird::Cli {

namespace {

QString outcomeName(DeviceState state)
{
    return deviceStateName(state); // passed, failed, skipped, cancelled
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1) + QStringLiteral(" s");
}

} // namespace

ProvisionRun::ProvisionRun(const ProvisionOptions &options, const Output &output, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(output)
{
    m_brokerTimeout.setSingleShot(true);
    connect(&m_interrupts, &InterruptWatcher::interrupted, this, &ProvisionRun::onInterrupted);
}

ProvisionRun::~ProvisionRun()
{
    m_watcher.stop();
}

void ProvisionRun::start()
{
    m_clock.start();
    const ProfileStore store =
        m_options.profilesDir.isEmpty() ? ProfileStore() : ProfileStore(m_options.profilesDir);
    QString error;
    if (m_options.station.endpointsFile.isEmpty() && m_options.profileName.isEmpty() &&
        store.names().isEmpty()) {
        return fail(ExitConfiguration,
                    tr("There is no station profile yet (looked in %1). Import one with "
                       "\"blackbird-station-cli profile import ENDPOINTS.json NAME\", or give "
                       "--endpoints FILE.")
                        .arg(store.folder()));
    }
    std::optional<StationProfile> profile =
        StationController::loadProfile(m_options.station, m_options.profileName, store, &error);
    if (!profile)
        return fail(ExitConfiguration, error);
    m_profile = *profile;
    const QStringList problems = m_profile.problems();
    if (!problems.isEmpty()) {
        return fail(ExitConfiguration, tr("The profile %1 is not ready for provisioning: %2")
                                           .arg(m_profile.name, problems.join(u' ')));
    }

    m_config = StationController::stationConfig(m_profile, m_options.station);
    m_config.autoStart = false; // this run decides which ports start
    m_config.mode = m_options.mode;
    m_config.reason = m_options.reason.trimmed();
    m_config.confirmErase = m_options.confirmErase;
    if (m_options.parallel > 0)
        m_config.parallelLimit = m_options.parallel;

    BatchContext batch = m_options.station.batch;
    if (batch.batchId.isEmpty())
        batch.batchId = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    if (batch.operatorName.isEmpty())
        batch.operatorName = qEnvironmentVariable("USER", tr("operator"));
    if (batch.stationId.isEmpty())
        batch.stationId = m_profile.effectiveStationId();
    m_station.setBatch(batch);

    const bool configured = m_options.station.endpointsFile.isEmpty()
                                ? m_station.setConfig(m_config, &error)
                                : m_station.setConfigFromEndpointsJson(
                                      m_options.station.endpointsFile, m_config, &error);
    if (!configured)
        return fail(ExitConfiguration,
                    tr("The station cannot use this configuration: %1").arg(error));
    m_config = m_station.config();

    // The broker monitor takes the same description the local stack writes.
    const QJsonObject endpoints{{QStringLiteral("ca_file"), m_config.endpoint.caFile},
                                {QStringLiteral("operator_cert"), m_profile.operatorCertFile},
                                {QStringLiteral("operator_key"), m_profile.operatorKeyFile},
                                {QStringLiteral("mqtt_host"), m_config.endpoint.mqttHost},
                                {QStringLiteral("mqtt_port"), int(m_config.endpoint.mqttPort)}};
    BrokerMonitor::Config monitorConfig;
    if (!BrokerMonitor::configFromEndpoints(endpoints, &monitorConfig, &error) ||
        !m_monitor.start(std::move(monitorConfig), &error)) {
        return fail(
            ExitConfiguration,
            tr("The broker cannot be watched, so no device could be verified: %1").arg(error));
    }
    m_station.setBrokerMonitor(&m_monitor);
    readApiKey();
}

void ProvisionRun::readApiKey()
{
    ApiKeyJob *job = m_keys.read(m_profile.name);
    connect(job, &ApiKeyJob::finished, this, [this, job] {
        job->deleteLater();
        if (m_finishing)
            return;
        SecretBytes key = job->takeKey();
        if (!job->result().ok()) {
            return fail(ExitNoApiKey,
                        tr("No API key for profile %1: %2 Set %3 for this run, or store the key "
                           "in the keychain under the profile's name (the station's File > "
                           "Settings).")
                            .arg(m_profile.name, job->result().message,
                                 QLatin1String(ApiKeyStore::kEnvironmentVariable)));
        }
        qCInfo(lcApp).noquote() << "API key for profile" << m_profile.name << "read from"
                                << (job->result().source == ApiKeySource::Environment
                                        ? "the environment"
                                        : "the keychain");
        m_station.setApiKey(std::move(key));
        openAudit();
    });
}

void ProvisionRun::openAudit()
{
    QString error;
    const std::optional<DatabaseConfig> database =
        m_options.station.auditSqlitePath.isEmpty()
            ? m_profile.databaseConfig(&error)
            : std::optional(DatabaseConfig::sqlite(m_options.station.auditSqlitePath));
    if (!database)
        return fail(ExitConfiguration, error);
    auto *opened = new QFutureWatcher<AuditResult>(this);
    connect(opened, &QFutureWatcher<AuditResult>::finished, this, [this, opened] {
        opened->deleteLater();
        if (m_finishing)
            return;
        const AuditResult result = opened->result();
        if (!result.ok) {
            return fail(ExitAuditUnusable,
                        tr("The audit database cannot be opened, so no device starts: %1")
                            .arg(result.error));
        }
        startStation();
    });
    opened->setFuture(m_audit.open(*database));
}

void ProvisionRun::startStation()
{
    m_station.setAuditStore(&m_audit);
    connect(&m_station, &ProvisioningStation::snapshotChanged, this, &ProvisionRun::onSnapshot);
    connect(&m_station, &ProvisioningStation::deviceFinished, this, &ProvisionRun::onFinished);
    connect(&m_station, &ProvisioningStation::startsBlockedChanged, this,
            &ProvisionRun::onStartsBlocked);
    connect(&m_station, &ProvisioningStation::idle, this, &ProvisionRun::checkDone);
    connect(&m_station, &ProvisioningStation::ready, this, [this](int interrupted) {
        if (interrupted > 0) {
            m_out.warning(tr("%n attempt(s) of an earlier run on this station were cut off and "
                             "are now recorded as interrupted.",
                             nullptr, interrupted));
        }
        waitForBroker();
    });
    m_station.start();
}

void ProvisionRun::waitForBroker()
{
    if (m_finishing)
        return;
    if (m_monitor.isConnected())
        return begin();
    // Devices can run their first steps meanwhile, but verification needs the broker's view;
    // waiting a little avoids failing the first devices on a slow start.
    connect(&m_monitor, &BrokerMonitor::connectionChanged, this, [this](bool connected) {
        if (connected && !m_begun)
            begin();
    });
    connect(&m_brokerTimeout, &QTimer::timeout, this, [this] {
        if (m_begun)
            return;
        m_out.warning(tr("The broker monitor has not connected yet; devices start anyway and "
                         "fail at verify if it never does."));
        begin();
    });
    m_brokerTimeout.start(m_options.brokerWaitMs);
}

void ProvisionRun::begin()
{
    if (m_begun || m_finishing)
        return;
    m_begun = true;
    m_brokerTimeout.stop();
    const BatchContext batch = m_station.batch();
    m_out.event({{QStringLiteral("event"), QStringLiteral("ready")},
                 {QStringLiteral("profile"), m_profile.name},
                 {QStringLiteral("batch"), batch.batchId},
                 {QStringLiteral("operator"), batch.operatorName},
                 {QStringLiteral("station"), batch.stationId},
                 {QStringLiteral("mode"), serviceModeName(m_config.mode)},
                 {QStringLiteral("parallel"), m_config.parallelLimit},
                 {QStringLiteral("watch"), m_options.watch}});
    m_out.line(
        tr("Batch %1, operator %2, station %3, mode %4, up to %5 at once.")
            .arg(batch.batchId, batch.operatorName, batch.stationId, serviceModeName(m_config.mode))
            .arg(m_config.parallelLimit));

    if (!m_options.all && !m_options.watch) {
        take(m_options.ports);
        return;
    }
    m_watcher.setFilter(m_config.portFilter);
    // The station learns each port's USB serial number from the watcher (connected first, so
    // it knows a port before this run asks for it).
    m_station.setPortWatcher(&m_watcher);
    connect(&m_watcher, &PortWatcher::scanned, this, &ProvisionRun::onFirstScan);
    connect(&m_watcher, &PortWatcher::portAdded, this, &ProvisionRun::onPortAdded);
    connect(&m_watcher, &PortWatcher::portRemoved, this, [this](const PortInfo &port) {
        // A device unplugged after it finished may come back (replugged for another try).
        m_ignored.remove(port.path);
        if (m_finished.contains(port.path)) {
            m_finished.remove(port.path);
            m_taken.remove(port.path);
        }
    });
    m_watcher.start();
    if (m_options.watch) {
        m_out.line(tr("Waiting for devices on %1 (Ctrl+C to stop).")
                       .arg(m_config.portFilter.patterns.join(QStringLiteral(", "))));
    }
}

void ProvisionRun::onFirstScan()
{
    if (m_scanned)
        return;
    m_scanned = true;
    QStringList present;
    for (const PortInfo &port : m_watcher.ports())
        present << port.path;
    if (m_options.all)
        take(present);
    else
        m_ignored = QSet<QString>(present.cbegin(), present.cend()); // there before: left alone
    if (m_options.all && present.isEmpty() && !m_options.watch) {
        m_out.warning(
            tr("No port matches %1.").arg(m_config.portFilter.patterns.join(QStringLiteral(", "))));
    }
    checkDone();
}

void ProvisionRun::onPortAdded(const PortInfo &port)
{
    if (!m_scanned || !m_options.watch || m_finishing || m_ignored.contains(port.path))
        return;
    take({port.path});
}

void ProvisionRun::take(const QStringList &ports)
{
    QStringList fresh;
    for (const QString &port : ports) {
        if (countReached())
            break;
        if (m_taken.contains(port))
            continue;
        m_taken.insert(port);
        ++m_started;
        fresh << port;
    }
    if (countReached())
        m_watcher.stop();
    if (!fresh.isEmpty())
        m_station.provision(fresh);
    checkDone();
}

bool ProvisionRun::countReached() const
{
    return m_options.watch && m_options.count > 0 && m_started >= m_options.count;
}

void ProvisionRun::onSnapshot(const DeviceSnapshot &snap)
{
    const DeviceSnapshot before = m_last.value(snap.port);
    m_last.insert(snap.port, snap);
    if (snap.state != DeviceState::Running)
        return;
    const bool started = before.state != DeviceState::Running ||
                         (!snap.attemptId.isEmpty() && before.attemptId != snap.attemptId &&
                          !before.attemptId.isEmpty());
    if (started) {
        m_out.event({{QStringLiteral("event"), QStringLiteral("started")},
                     {QStringLiteral("port"), snap.port},
                     {QStringLiteral("mode"), serviceModeName(snap.mode)},
                     {QStringLiteral("usb_serial"), snap.usbSerial}});
        m_out.line(QStringLiteral("%1  started (%2)").arg(snap.port, serviceModeName(snap.mode)));
    }
    if (started || before.step != snap.step || before.deviceUuid != snap.deviceUuid) {
        if (!started && before.step == snap.step)
            return; // only the uuid arrived; it is shown with the next step
        m_out.event({{QStringLiteral("event"), QStringLiteral("step")},
                     {QStringLiteral("port"), snap.port},
                     {QStringLiteral("step"), provisioningStepName(snap.step)},
                     {QStringLiteral("uuid"), snap.deviceUuid}});
        if (m_options.verbose) {
            m_out.line(QStringLiteral("%1  %2%3")
                           .arg(snap.port, provisioningStepName(snap.step),
                                snap.deviceUuid.isEmpty()
                                    ? QString()
                                    : QStringLiteral("  ") + snap.deviceUuid));
        }
    }
}

void ProvisionRun::onFinished(const DeviceSnapshot &snap)
{
    m_finished.insert(snap.port);
    m_last.insert(snap.port, snap);
    QString reason = snap.error;
    if (snap.state == DeviceState::Skipped) {
        if (const DeviceJob *job = m_station.job(snap.port);
            job && !job->auditAttempt().steps.isEmpty()) {
            reason = job->auditAttempt().steps.constFirst().detail;
        }
        if (reason.isEmpty())
            reason = tr("already provisioned; left alone");
    }
    const qint64 durationMs = snap.startedAt.isValid() && snap.finishedAt.isValid()
                                  ? snap.startedAt.msecsTo(snap.finishedAt)
                                  : 0;
    m_out.event({{QStringLiteral("event"), QStringLiteral("finished")},
                 {QStringLiteral("port"), snap.port},
                 {QStringLiteral("outcome"), outcomeName(snap.state)},
                 {QStringLiteral("reason"), reason},
                 {QStringLiteral("step"), provisioningStepName(snap.step)},
                 {QStringLiteral("mode"), serviceModeName(snap.mode)},
                 {QStringLiteral("service_reason"), snap.reason},
                 {QStringLiteral("uuid"), snap.deviceUuid},
                 {QStringLiteral("device_type"), snap.deviceType},
                 {QStringLiteral("firmware"), snap.firmware},
                 {QStringLiteral("usb_serial"), snap.usbSerial},
                 {QStringLiteral("certificate_id"), snap.certificateId},
                 {QStringLiteral("device_certificate_id"), snap.deviceCertificateId},
                 {QStringLiteral("thing_name"), snap.thingName},
                 {QStringLiteral("device_confirmed"), snap.deviceConfirmed},
                 {QStringLiteral("broker_confirmed"), snap.brokerConfirmed},
                 {QStringLiteral("attempt_id"), snap.attemptId},
                 {QStringLiteral("duration_ms"), durationMs}});

    QString text;
    switch (snap.state) {
    case DeviceState::Passed:
        text = tr("%1  PASSED  uuid %2, thing %3, certificate %4 (%5)")
                   .arg(snap.port, snap.deviceUuid, snap.thingName,
                        snap.deviceCertificateId.isEmpty() ? snap.certificateId
                                                           : snap.deviceCertificateId,
                        seconds(durationMs));
        break;
    case DeviceState::Skipped:
        text = tr("%1  SKIPPED  uuid %2: %3").arg(snap.port, snap.deviceUuid, reason);
        break;
    case DeviceState::Failed:
        text = tr("%1  FAILED at %2: %3").arg(snap.port, provisioningStepName(snap.step), reason);
        break;
    default:
        text =
            tr("%1  CANCELLED at %2: %3").arg(snap.port, provisioningStepName(snap.step), reason);
        break;
    }
    m_out.line(text);
    if (countReached())
        m_watcher.stop();
}

void ProvisionRun::onStartsBlocked(bool blocked, const QString &reason)
{
    if (!blocked || m_blocked)
        return;
    m_blocked = true;
    m_out.warning(tr("The station stopped starting devices: %1").arg(reason));
    m_watcher.stop();
    // Devices not yet started never will; running ones finish and report their own record.
    QStringList queued;
    for (const QString &port : std::as_const(m_taken)) {
        if (!m_finished.contains(port) && m_station.snapshot(port).state != DeviceState::Running)
            queued << port;
    }
    cancelQueued(queued, reason);
    checkDone();
}

void ProvisionRun::cancelQueued(const QStringList &ports, const QString &why)
{
    // Queued devices never started: no attempt, no record; reported as cancelled all the same.
    for (const QString &port : ports) {
        m_station.cancel(port, why);
        // The station marks it cancelled, with the reason, and counts it.
        DeviceSnapshot snap = m_station.snapshot(port);
        snap.port = port;
        onFinished(snap);
    }
}

void ProvisionRun::onInterrupted(int signal)
{
    if (m_finishing || m_interrupted)
        return;
    m_interrupted = true;
    const QString why = tr("interrupted by %1").arg(InterruptWatcher::signalName(signal));
    Output::message(
        tr("%1: cancelling the devices still running (Ctrl+C again quits at once).").arg(why));
    m_watcher.stop();
    if (!m_begun)
        return finish(ExitInterrupted);

    // Running devices end cancelled now (and are recorded); queued ones never started.
    QStringList queued;
    for (const QString &port : std::as_const(m_taken)) {
        if (!m_finished.contains(port) && m_station.snapshot(port).state != DeviceState::Running)
            queued << port;
    }
    cancelQueued(queued, why);
    m_station.cancelAll(why);
    finish(ExitInterrupted);
}

void ProvisionRun::checkDone()
{
    if (m_finishing || !m_begun)
        return;
    if ((m_options.all || m_options.watch) && !m_scanned)
        return;
    if (m_options.watch && !countReached() && !m_blocked)
        return;
    if (!m_station.isIdle())
        return;
    if (m_blocked)
        return finish(ExitAuditUnusable);
    const BatchCounters counted = m_station.counters();
    finish(counted.failed + counted.cancelled > 0 ? ExitDeviceFailed : ExitOk);
}

void ProvisionRun::fail(int code, const QString &text)
{
    m_out.fail(code, text);
    finish(code);
}

void ProvisionRun::finish(int code)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_watcher.stop();
    m_brokerTimeout.stop();
    // Every record write queued so far (cancellations included) reaches the database first.
    m_audit.waitForIdle();
    if (m_begun) {
        // The station's own counts: one outcome per device, as the window's batch bar shows.
        const BatchCounters counted = m_station.counters();
        const int total = counted.passed + counted.failed + counted.skipped + counted.cancelled;
        m_out.event({{QStringLiteral("event"), QStringLiteral("summary")},
                     {QStringLiteral("batch"), m_station.batch().batchId},
                     {QStringLiteral("total"), total},
                     {QStringLiteral("passed"), counted.passed},
                     {QStringLiteral("failed"), counted.failed},
                     {QStringLiteral("skipped"), counted.skipped},
                     {QStringLiteral("cancelled"), counted.cancelled},
                     {QStringLiteral("interrupted"), m_interrupted},
                     {QStringLiteral("duration_ms"), m_clock.elapsed()},
                     {QStringLiteral("exit_code"), code}});
        m_out.line(tr("%1 device(s): %2 passed, %3 failed, %4 skipped, %5 cancelled in %6; batch "
                      "%7.")
                       .arg(total)
                       .arg(counted.passed)
                       .arg(counted.failed)
                       .arg(counted.skipped)
                       .arg(counted.cancelled)
                       .arg(seconds(m_clock.elapsed()), m_station.batch().batchId));
    }
    QTimer::singleShot(0, this, [this, code] { Q_EMIT done(code); });
}

} // namespace Blackbird::Cli
