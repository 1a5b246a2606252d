#include "fleethooks.h"

#include "localstack.h"
#include "mosquittoconfig.h"

#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLocalFleetHooks, "blackbird.local.fleet", QtInfoMsg)

namespace Blackbird::Local {

QString FleetHooks::pluginPath()
{
    QString path = qEnvironmentVariable("BLACKBIRD_FLEET_PLUGIN");
#ifdef BLACKBIRD_FLEET_PLUGIN_PATH
    if (path.isEmpty())
        path = QStringLiteral(BLACKBIRD_FLEET_PLUGIN_PATH);
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
    // The fleet-provisioning code adds its plugin_opt_* lines here, for example
    // config.addPluginOption(QStringLiteral("state_dir"), stack.stateFolder().root());
    Q_UNUSED(stack);
    Q_UNUSED(config);
}

QObject *FleetHooks::startService(LocalStack &stack, QString *error)
{
    // The in-process fleet-provisioning service (fleet/) is created here once it exists; it
    // gets the stack's database configuration, state folder paths and MQTT port from stack.
    Q_UNUSED(stack);
    Q_UNUSED(error);
    qCInfo(lcLocalFleetHooks) << "no in-process fleet-provisioning service is built into this "
                                 "stack yet";
    return nullptr;
}

} // namespace Blackbird::Local
