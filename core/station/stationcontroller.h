// The station's services behind the window: the provisioning engine, the broker monitor, the
// audit store and the keychain, configured from a station profile (or a local stack's
// endpoints.json for the demo), with the API key read from BLACKBIRD_API_KEY or the keychain.
// Everything is asynchronous: the keychain read, the audit database's opening and the broker
// connection all report back through signals, so the window never waits.
#pragma once

#include "audit/auditstore.h"
#include "keychain/apikeystore.h"
#include "mqtt/brokermonitor.h"
#include "pipeline/provisioningstation.h"
#include "settings/stationprofile.h"

#include <QObject>
#include <QStringList>

namespace Blackbird {

class PortWatcher;

class StationController : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString endpointsFile;    // a local stack's endpoints.json instead of the profile's
        QStringList portPatterns; // replace the profile's patterns (and ignore system ports)
        bool autoStart = false;   // start devices as they appear, whatever the profile says
        QString auditSqlitePath;  // replaces the profile's audit database
        BatchContext batch;       // empty fields are filled in (date, user, station id)
        QString keychainService;  // empty: the station's default
    };

    explicit StationController(PortWatcher *watcher, QObject *parent = nullptr);
    ~StationController() override;

    // The profile from --endpoints FILE, or the named one from the profile store.
    static std::optional<StationProfile> loadProfile(const Options &options,
                                                     const QString &profileName,
                                                     const ProfileStore &store, QString *error);
    // The engine's configuration for a profile.
    static StationConfig stationConfig(const StationProfile &profile, const Options &options);

    // Configures everything for the profile and starts the station once the API key is read.
    // Returns false (and says why) when the profile cannot be used; the window still runs.
    bool configure(const StationProfile &profile, QString *error);
    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    ProvisioningStation &station() { return m_station; }
    BrokerMonitor &monitor() { return m_monitor; }
    AuditStore &audit() { return m_audit; }
    ApiKeyStore &keys() { return *m_keys; }
    StationProfile profile() const { return m_profile; }

Q_SIGNALS:
    // Something the technician must know and act on (no API key, audit database unusable...).
    void problem(const QString &text);
    // The API key was read and the station started.
    void started();

private:
    void readApiKey();

    PortWatcher *m_watcher;
    Options m_options;
    StationProfile m_profile;
    AuditStore m_audit;
    BrokerMonitor m_monitor;
    ProvisioningStation m_station;
    std::unique_ptr<ApiKeyStore> m_keys;
    bool m_auditOpened = false;
    bool m_started = false;
};

} // namespace Blackbird
