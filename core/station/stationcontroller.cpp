#include "station/stationcontroller.h"

#include "logging/logcategories.h"
#include "ports/portwatcher.h"

#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>

namespace Blackbird {

StationController::StationController(PortWatcher *watcher, QObject *parent)
    : QObject(parent)
    , m_watcher(watcher)
    , m_keys(std::make_unique<ApiKeyStore>())
{}

StationController::~StationController()
{
    m_station.cancelAll(tr("the station was closed"));
}

std::optional<StationProfile> StationController::loadProfile(const Options &options,
                                                             const QString &profileName,
                                                             const ProfileStore &store,
                                                             QString *error)
{
    if (!options.endpointsFile.isEmpty()) {
        return StationProfile::fromEndpoints(
            options.endpointsFile, profileName.isEmpty() ? QStringLiteral("local") : profileName,
            error);
    }
    QString name = profileName;
    if (name.isEmpty()) {
        const QStringList names = store.names();
        if (names.isEmpty()) {
            *error = tr("No station profile yet. Open File > Settings to create one.");
            return std::nullopt;
        }
        name = names.constFirst();
    }
    ProfileLoadResult loaded = store.load(name);
    if (!loaded.ok()) {
        *error = loaded.error;
        return std::nullopt;
    }
    for (const QString &warning : std::as_const(loaded.warnings))
        qCWarning(lcApp).noquote() << warning;
    return loaded.profile;
}

StationConfig StationController::stationConfig(const StationProfile &profile,
                                               const Options &options)
{
    StationConfig config;
    config.endpoint.registrationUrl = QUrl(profile.registrationUrl);
    config.endpoint.caFile = profile.caFile;
    config.endpoint.claimCaFile = profile.claimCaFile;
    config.endpoint.mqttHost = profile.mqttHost;
    config.endpoint.mqttPort = quint16(profile.mqttPort);
    config.endpoint.templateName = profile.templateName;
    config.endpoint.deviceTypes = profile.deviceTypes;
    config.endpoint.operatorCertFile = profile.operatorCertFile;
    config.endpoint.operatorKeyFile = profile.operatorKeyFile;
    config.portFilter = profile.portFilter();
    if (!options.portPatterns.isEmpty()) {
        config.portFilter.patterns = options.portPatterns;
        config.portFilter.usbIds.clear();
        config.portFilter.includeSystemPorts = false;
    }
    config.parallelLimit = std::max(1, profile.parallelLimit);
    config.autoStart = profile.autoStart || options.autoStart;
    config.baud = profile.baudRate;
    return config;
}

bool StationController::configure(const StationProfile &profile, QString *error)
{
    m_profile = profile;
    const StationConfig config = stationConfig(profile, m_options);
    m_watcher->setFilter(config.portFilter);

    BatchContext batch = m_options.batch;
    if (batch.batchId.isEmpty())
        batch.batchId = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    if (batch.operatorName.isEmpty())
        batch.operatorName = qEnvironmentVariable("USER", tr("operator"));
    if (batch.stationId.isEmpty())
        batch.stationId = profile.effectiveStationId();
    m_station.setBatch(batch);

    bool ok = m_options.endpointsFile.isEmpty()
                  ? m_station.setConfig(config, error)
                  : m_station.setConfigFromEndpointsJson(m_options.endpointsFile, config, error);
    if (!ok)
        return false;

    // The broker monitor takes the same description the local stack writes.
    QJsonObject endpoints{{QStringLiteral("ca_file"), profile.caFile},
                          {QStringLiteral("operator_cert"), profile.operatorCertFile},
                          {QStringLiteral("operator_key"), profile.operatorKeyFile},
                          {QStringLiteral("mqtt_host"), profile.mqttHost},
                          {QStringLiteral("mqtt_port"), profile.mqttPort}};
    BrokerMonitor::Config monitorConfig;
    QString why;
    if (BrokerMonitor::configFromEndpoints(endpoints, &monitorConfig, &why) &&
        m_monitor.start(std::move(monitorConfig), &why)) {
        m_station.setBrokerMonitor(&m_monitor);
    } else {
        Q_EMIT problem(
            tr("The broker cannot be watched, so no device can be verified: %1").arg(why));
    }

    if (!m_auditOpened) {
        QString dbError;
        std::optional<DatabaseConfig> database =
            m_options.auditSqlitePath.isEmpty()
                ? profile.databaseConfig(&dbError)
                : std::optional(DatabaseConfig::sqlite(m_options.auditSqlitePath));
        if (!database) {
            *error = dbError;
            return false;
        }
        auto *opened = new QFutureWatcher<AuditResult>(this);
        connect(opened, &QFutureWatcher<AuditResult>::finished, this, [this, opened] {
            opened->deleteLater();
            const AuditResult result = opened->result();
            if (!result.ok)
                Q_EMIT problem(tr("The audit database could not be opened, so no device "
                                  "starts: %1")
                                   .arg(result.error));
        });
        opened->setFuture(m_audit.open(*database));
        m_station.setAuditStore(&m_audit);
        m_station.setPortWatcher(m_watcher);
        m_auditOpened = true;
    }
    readApiKey();
    return true;
}

void StationController::readApiKey()
{
    ApiKeyJob *job = m_keys->read(m_profile.name);
    connect(job, &ApiKeyJob::finished, this, [this, job] {
        job->deleteLater();
        SecretBytes key = job->takeKey();
        if (job->result().ok()) {
            m_station.setApiKey(std::move(key));
        } else {
            Q_EMIT problem(tr("No API key for profile %1: %2 Enter it in File > Settings.")
                               .arg(m_profile.name, job->result().message));
        }
        if (!m_started) {
            m_started = true;
            m_station.start();
            Q_EMIT started();
        }
    });
}

} // namespace Blackbird
