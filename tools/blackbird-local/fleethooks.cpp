#include "fleethooks.h"

#include "fleetservice.h"
#include "localfiles.h"
#include "localstack.h"
#include "mosquittoconfig.h"

#include <QFileInfo>
#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcLocalFleetHooks, "blackbird.local.fleet", QtInfoMsg)

namespace Blackbird::Local {

QString FleetHooks::pluginPath()
{
    QString path = qEnvironmentVariable("BLACKBIRD_FLEET_PLUGIN");
#ifdef BLACKBIRD_FLEET_PLUGIN_PATH
    // A program run from the build tree uses the plugin built beside it; an installed one
    // uses the plugin its package installed.
    if (path.isEmpty()) {
        path = QStringLiteral(BLACKBIRD_FLEET_PLUGIN_PATH);
        if (!QFileInfo::exists(path))
            path = QStringLiteral(BLACKBIRD_FLEET_PLUGIN_INSTALLED_PATH);
    }
#endif
    if (!path.isEmpty() && !QFileInfo::exists(path)) {
        qCWarning(lcLocalFleetHooks)
            << "fleet plugin" << path << "does not exist; the broker runs without it";
        return {};
    }
    return path;
}

void FleetHooks::addPluginOptions(const LocalStack &stack, MosquittoConfig &config)
{
    const StateFolder &folder = stack.stateFolder();
    config.addPluginOption(QStringLiteral("claim_ca"), folder.claimCaCertificate());
    config.addPluginOption(QStringLiteral("device_ca"), folder.deviceCaCertificate());
    config.addPluginOption(QStringLiteral("root_ca"), folder.rootCaCertificate());
    config.addPluginOption(QStringLiteral("active_certificates"),
                           FleetService::activeCertificatesFile(folder));
}

QObject *FleetHooks::startService(LocalStack &stack, QString *error)
{
    // Without the plugin the broker would neither route requests nor enforce the topic rules,
    // so the service would only mislead.
    if (pluginPath().isEmpty()) {
        qCWarning(lcLocalFleetHooks) << "the fleet plugin is not built; fleet provisioning is off";
        return nullptr;
    }

    const StateFolder &folder = stack.stateFolder();
    FleetServiceConfig config;
    config.brokerPort = stack.mqttPort();
    config.brokerCaPem = LocalFiles::read(folder.rootCaCertificate(), error);
    config.serviceCertificatePem = LocalFiles::read(folder.fleetServiceCertificate(), error);
    if (config.brokerCaPem.isEmpty() || config.serviceCertificatePem.isEmpty())
        return nullptr;
    config.serviceKeyFile = folder.fleetServiceKey();
    config.deviceCa = stack.pki().deviceCa();
    config.database = stack.databaseConfig();
    config.activeCertificatesFile = FleetService::activeCertificatesFile(folder);
    config.templateName = stack.options().templateName;

    auto service = std::make_unique<FleetService>(std::move(config));
    if (!service->start(error))
        return nullptr;
    return service.release();
}

} // namespace Blackbird::Local
