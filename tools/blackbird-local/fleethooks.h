// Where the fleet-provisioning part of the stack plugs in (owned by the fleet-provisioning
// code under fleet/ and mosquitto-plugin/): the broker plugin's options, and starting and
// stopping the in-process fleet-provisioning service once the broker is up.
#pragma once

#include <QObject>
#include <QString>

namespace Blackbird::Local {

class LocalStack;
class MosquittoConfig;

class FleetHooks
{
public:
    // Path of the fleet plugin module, empty when it is not built.
    static QString pluginPath();
    // Adds the fleet plugin's plugin_opt_* lines to the broker's configuration.
    static void addPluginOptions(const LocalStack &stack, MosquittoConfig &config);
    // Starts the fleet-provisioning service after the broker accepts connections. Returns the
    // service (the stack parents and later deletes it) or nullptr when there is none to start;
    // sets error when starting failed.
    static QObject *startService(LocalStack &stack, QString *error);
};

} // namespace Blackbird::Local
