// A station profile: everything one station needs to provision devices for one deployment
// (registration service, broker, template, device types, ports, limits, audit database), under
// a name. Profiles are INI files read and written through QSettings, one file per profile, with
// a format version so that a file from a newer station is refused instead of misread.
//
// No secret is ever stored in a profile. The API key lives in the OS keychain under the
// profile's name (ApiKeyStore, or BLACKBIRD_API_KEY for automation); a PostgreSQL password for
// the audit database lives there too, under databasePasswordEntry().
#pragma once

#include "database/databaseconfig.h"
#include "ports/portinfo.h"
#include "registration/registrationconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Blackbird {

class SecretBytes;

struct StationProfile
{
    // The format this station writes and the newest it reads.
    static constexpr int kFormatVersion = 1;

    QString name;

    QString registrationUrl; // full URL, https://host[:port]/v1/registrations
    QString caFile;          // PEM CAs trusted for the registration service and the broker
    QString claimCaFile;     // claim credentials must chain to it; empty skips the chain check
    QString mqttHost;
    int mqttPort = 8883;
    QString operatorCertFile; // the broker monitor's client certificate
    QString operatorKeyFile;
    QString templateName;
    QStringList deviceTypes; // empty: every type the registration service allows

    QStringList portPatterns{QStringLiteral("/dev/serial/by-id/*")};
    QList<UsbId> usbIds;
    int baudRate = 115200;
    int parallelLimit = 8;
    bool autoStart = false;

    QString auditSqlitePath; // empty: AuditStore::defaultSqlitePath()
    QString auditPostgres;   // libpq keywords without password; when set, wins over SQLite
    QString stationId;       // empty: the host name

    // Settings found in the file that this station does not know; they stay in the file.
    QStringList unknownKeys;

    RegistrationConfig registrationConfig() const;
    PortFilter portFilter() const;
    std::optional<DatabaseConfig> databaseConfig(QString *error) const;
    QString effectiveStationId() const;

    // What is missing or wrong for provisioning (empty when ready), one sentence each.
    QStringList problems() const;

    // Names are used as file names and keychain entries: 1..64 of [A-Za-z0-9._-], not
    // starting with a dot.
    static bool isValidName(const QString &name);
    // The keychain entry (an ApiKeyStore profile) of the audit database's password.
    static QString databasePasswordEntry(const QString &profileName);

    // Reads blackbird-local's endpoints.json. The demo API key in it goes to apiKey when given,
    // and is otherwise dropped; it never becomes part of the profile.
    static std::optional<StationProfile> fromEndpoints(const QString &endpointsFile,
                                                       const QString &name, QString *error,
                                                       SecretBytes *apiKey = nullptr);
};

// How loading a profile file went: the profile, or the reason it was refused.
struct ProfileLoadResult
{
    std::optional<StationProfile> profile;
    QString error;
    QStringList warnings; // for example the unknown keys that were kept but ignored

    bool ok() const { return profile.has_value(); }
};

// The folder of profile files: NAME.ini each.
class ProfileStore
{
public:
    // The user's profiles (the application's configuration folder, "profiles").
    ProfileStore();
    explicit ProfileStore(const QString &folder);

    static QString defaultFolder();
    QString folder() const { return m_folder; }
    QString filePath(const QString &name) const;

    QStringList names() const;
    bool exists(const QString &name) const;
    ProfileLoadResult load(const QString &name) const;
    bool save(const StationProfile &profile, QString *error) const;
    bool remove(const QString &name, QString *error) const;

    // One file, whatever its name; the profile takes the name given.
    static ProfileLoadResult loadFile(const QString &path, const QString &name);
    // Writes the known keys; keys the station does not know stay as they were.
    static bool saveFile(const QString &path, const StationProfile &profile, QString *error);

private:
    QString m_folder;
};

} // namespace Blackbird
