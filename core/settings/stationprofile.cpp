#include "stationprofile.h"

#include "audit/auditstore.h"
#include "crypto/secretbytes.h"
#include "logging/logcategories.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace Blackbird {

namespace {

// A profile is a few hundred bytes; anything this large is not one.
constexpr qint64 kMaxFileSize = 256 * 1024;

namespace Keys {
const QString version = QStringLiteral("format/version");
const QString registrationUrl = QStringLiteral("registration/url");
const QString caFile = QStringLiteral("registration/caFile");
const QString claimCaFile = QStringLiteral("registration/claimCaFile");
const QString deviceTypes = QStringLiteral("registration/deviceTypes");
const QString mqttHost = QStringLiteral("mqtt/host");
const QString mqttPort = QStringLiteral("mqtt/port");
const QString operatorCert = QStringLiteral("mqtt/operatorCertificate");
const QString operatorKey = QStringLiteral("mqtt/operatorKey");
const QString templateName = QStringLiteral("mqtt/templateName");
const QString portPatterns = QStringLiteral("ports/patterns");
const QString usbIds = QStringLiteral("ports/usbIds");
const QString baudRate = QStringLiteral("ports/baudRate");
const QString stationId = QStringLiteral("station/id");
const QString parallelLimit = QStringLiteral("station/parallelLimit");
const QString autoStart = QStringLiteral("station/autoStart");
const QString auditSqlite = QStringLiteral("audit/sqlitePath");
const QString auditPostgres = QStringLiteral("audit/postgres");

QStringList all()
{
    return {version,  registrationUrl, caFile,        claimCaFile,  deviceTypes,  mqttHost,
            mqttPort, operatorCert,    operatorKey,   templateName, portPatterns, usbIds,
            baudRate, stationId,       parallelLimit, autoStart,    auditSqlite,  auditPostgres};
}
} // namespace Keys

constexpr int kMinBaud = 1200;
constexpr int kMaxBaud = 4000000;
constexpr int kMaxParallel = 64;

QString tr(const char *text)
{
    return QCoreApplication::translate("StationProfile", text);
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

// Reads the typed values of one QSettings file and collects every key that has the wrong type.
class TypedReader
{
public:
    explicit TypedReader(QSettings &settings)
        : m_settings(settings)
    {}

    QStringList errors() const { return m_errors; }

    QString string(const QString &key, const QString &fallback = QString())
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        if (value.typeId() == QMetaType::QString)
            return value.toString();
        wrongType(key, value, tr("one text value"));
        return fallback;
    }

    QStringList list(const QString &key, const QStringList &fallback)
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        if (!value.isValid())
            return {}; // QSettings writes an empty list as @Invalid()
        if (value.typeId() == QMetaType::QString) {
            const QString text = value.toString().trimmed();
            return text.isEmpty() ? QStringList() : QStringList{text};
        }
        if (value.typeId() == QMetaType::QStringList)
            return value.toStringList();
        wrongType(key, value, tr("a comma-separated list"));
        return fallback;
    }

    int integer(const QString &key, int minimum, int maximum, int fallback)
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        bool ok = false;
        const int number = value.typeId() == QMetaType::QString ? value.toString().toInt(&ok) : 0;
        if (ok && number >= minimum && number <= maximum)
            return number;
        wrongType(key, value, tr("a whole number from %1 to %2").arg(minimum).arg(maximum));
        return fallback;
    }

    bool boolean(const QString &key, bool fallback)
    {
        if (!m_settings.contains(key))
            return fallback;
        const QVariant value = m_settings.value(key);
        const QString text = value.typeId() == QMetaType::QString ? value.toString() : QString();
        if (text == QLatin1String("true"))
            return true;
        if (text == QLatin1String("false"))
            return false;
        wrongType(key, value, tr("true or false"));
        return fallback;
    }

private:
    void wrongType(const QString &key, const QVariant &value, const QString &expected)
    {
        const QString found =
            value.typeId() == QMetaType::QString
                ? QStringLiteral("\"%1\"").arg(value.toString().left(40))
                : tr("a value of type %1").arg(QString::fromLatin1(value.metaType().name()));
        m_errors << tr("%1 should be %2, not %3").arg(key, expected, found);
    }

    QSettings &m_settings;
    QStringList m_errors;
};

bool isHttpsUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty();
}

QString jsonString(const QJsonObject &object, const QString &key, bool required,
                   QStringList *errors)
{
    const QJsonValue value = object.value(key);
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (required || !value.isUndefined())
        *errors << tr("\"%1\" should be a text value").arg(key);
    return {};
}

} // namespace

RegistrationConfig StationProfile::registrationConfig() const
{
    RegistrationConfig config = RegistrationConfig::fromRegistrationUrl(QUrl(registrationUrl));
    config.caFile = caFile;
    return config;
}

PortFilter StationProfile::portFilter() const
{
    PortFilter filter;
    filter.patterns = portPatterns;
    filter.usbIds = usbIds;
    // Without USB ids the station only takes the ports its patterns name, never every serial
    // port of the machine (a modem or a console could sit on one).
    filter.includeSystemPorts = !usbIds.isEmpty();
    return filter;
}

std::optional<DatabaseConfig> StationProfile::databaseConfig(QString *error) const
{
    if (!auditPostgres.trimmed().isEmpty()) {
        QString why;
        auto config = DatabaseConfig::fromConnectionString(auditPostgres, &why);
        if (!config)
            setError(error, tr("The audit database setting %1 is not usable: %2")
                                .arg(Keys::auditPostgres, why));
        return config;
    }
    return DatabaseConfig::sqlite(auditSqlitePath.isEmpty() ? AuditStore::defaultSqlitePath()
                                                            : auditSqlitePath);
}

QString StationProfile::effectiveStationId() const
{
    return stationId.isEmpty() ? QHostInfo::localHostName() : stationId;
}

QStringList StationProfile::problems() const
{
    QStringList found;
    if (!isHttpsUrl(registrationUrl))
        found << tr("The registration URL (%1) must be an https:// address.")
                     .arg(Keys::registrationUrl);
    if (mqttHost.isEmpty())
        found << tr("The broker host (%1) is not set.").arg(Keys::mqttHost);
    if (templateName.isEmpty())
        found
            << tr("The fleet-provisioning template name (%1) is not set.").arg(Keys::templateName);
    const std::pair<QString, QString> files[] = {{Keys::caFile, caFile},
                                                 {Keys::claimCaFile, claimCaFile},
                                                 {Keys::operatorCert, operatorCertFile},
                                                 {Keys::operatorKey, operatorKeyFile}};
    for (const auto &[key, path] : files) {
        if (!path.isEmpty() && !QFileInfo(path).isReadable())
            found << tr("The file %1 (%2) cannot be read.").arg(path, key);
    }
    if (operatorCertFile.isEmpty() != operatorKeyFile.isEmpty())
        found << tr("The operator certificate and key go together: set both or neither.");
    if (portPatterns.isEmpty() && usbIds.isEmpty())
        found << tr("No port patterns and no USB ids: no port would ever be a candidate.");
    QString why;
    if (!databaseConfig(&why))
        found << why;
    return found;
}

bool StationProfile::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

QString StationProfile::databasePasswordEntry(const QString &profileName)
{
    return profileName + QStringLiteral(".database-password");
}

std::optional<StationProfile> StationProfile::fromEndpoints(const QString &endpointsFile,
                                                            const QString &name, QString *error,
                                                            SecretBytes *apiKey)
{
    QFile file(endpointsFile);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(
            error,
            tr("Cannot read the endpoints file %1: %2").arg(endpointsFile, file.errorString()));
        return std::nullopt;
    }
    if (file.size() > kMaxFileSize) {
        setError(error, tr("%1 is too large to be an endpoints file.").arg(endpointsFile));
        return std::nullopt;
    }
    QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    SecretBytes::wipe(bytes); // it holds the demo API key
    if (!document.isObject()) {
        setError(error, tr("%1 is not an endpoints file: %2")
                            .arg(endpointsFile, document.isNull() ? parseError.errorString()
                                                                  : tr("expected a JSON object")));
        return std::nullopt;
    }
    QJsonObject object = document.object();
    document = QJsonDocument();

    StationProfile profile;
    profile.name = name;
    QStringList errors;
    profile.registrationUrl = jsonString(object, QStringLiteral("registration_url"), true, &errors);
    profile.caFile = jsonString(object, QStringLiteral("ca_file"), false, &errors);
    profile.mqttHost = jsonString(object, QStringLiteral("mqtt_host"), true, &errors);
    profile.operatorCertFile = jsonString(object, QStringLiteral("operator_cert"), false, &errors);
    profile.operatorKeyFile = jsonString(object, QStringLiteral("operator_key"), false, &errors);
    profile.templateName = jsonString(object, QStringLiteral("template_name"), true, &errors);

    const QJsonValue port = object.value(QStringLiteral("mqtt_port"));
    if (port.isDouble() && port.toInteger() > 0 && port.toInteger() <= 65535)
        profile.mqttPort = int(port.toInteger());
    else
        errors << tr("\"mqtt_port\" should be a port number");

    const QJsonValue types = object.value(QStringLiteral("device_types"));
    if (types.isArray()) {
        for (const QJsonValue &type : types.toArray()) {
            if (type.isString())
                profile.deviceTypes << type.toString();
            else
                errors << tr("\"device_types\" should list text values");
        }
    } else if (!types.isUndefined()) {
        errors << tr("\"device_types\" should be a list");
    }

    // The stack publishes its claim CA beside the root; with it the station checks the chain.
    const QString stateDir = jsonString(object, QStringLiteral("state_dir"), false, &errors);
    const QString claimCa = QDir(stateDir).filePath(QStringLiteral("pki/claim-ca.pem"));
    if (!stateDir.isEmpty() && QFileInfo::exists(claimCa))
        profile.claimCaFile = claimCa;

    if (apiKey) {
        const QJsonValue key = object.value(QStringLiteral("api_key"));
        if (key.isString() && !key.toString().isEmpty())
            *apiKey = SecretBytes(key.toString().toUtf8());
        else
            errors << tr("\"api_key\" should be a text value");
    }
    object = QJsonObject();

    if (!errors.isEmpty()) {
        setError(error, tr("%1 is not a usable endpoints file: %2.")
                            .arg(endpointsFile, errors.join(QStringLiteral("; "))));
        return std::nullopt;
    }
    return profile;
}

ProfileStore::ProfileStore()
    : m_folder(defaultFolder())
{}

ProfileStore::ProfileStore(const QString &folder)
    : m_folder(folder)
{}

QString ProfileStore::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("profiles"));
}

QString ProfileStore::filePath(const QString &name) const
{
    return QDir(m_folder).filePath(name + QStringLiteral(".ini"));
}

QStringList ProfileStore::names() const
{
    QStringList found;
    const QStringList files =
        QDir(m_folder).entryList({QStringLiteral("*.ini")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString name = file.chopped(4);
        if (StationProfile::isValidName(name))
            found << name;
    }
    return found;
}

bool ProfileStore::exists(const QString &name) const
{
    return StationProfile::isValidName(name) && QFileInfo::exists(filePath(name));
}

ProfileLoadResult ProfileStore::load(const QString &name) const
{
    if (!StationProfile::isValidName(name))
        return {std::nullopt,
                tr("\"%1\" is not a profile name: use 1 to 64 letters, digits, '.', '_' or '-'.")
                    .arg(name),
                {}};
    if (!QFileInfo::exists(filePath(name)))
        return {std::nullopt,
                tr("There is no profile \"%1\" (looked for %2).").arg(name, filePath(name)),
                {}};
    return loadFile(filePath(name), name);
}

bool ProfileStore::save(const StationProfile &profile, QString *error) const
{
    if (!StationProfile::isValidName(profile.name)) {
        setError(error, tr("\"%1\" is not a profile name: use 1 to 64 letters, digits, '.', '_' "
                           "or '-'.")
                            .arg(profile.name));
        return false;
    }
    if (!QDir().mkpath(m_folder)) {
        setError(error, tr("Cannot create the profile folder %1.").arg(m_folder));
        return false;
    }
    return saveFile(filePath(profile.name), profile, error);
}

bool ProfileStore::remove(const QString &name, QString *error) const
{
    if (!exists(name)) {
        setError(error, tr("There is no profile \"%1\".").arg(name));
        return false;
    }
    QFile file(filePath(name));
    if (!file.remove()) {
        setError(error, tr("Cannot remove %1: %2").arg(file.fileName(), file.errorString()));
        return false;
    }
    return true;
}

ProfileLoadResult ProfileStore::loadFile(const QString &path, const QString &name)
{
    ProfileLoadResult result;
    auto refuse = [&](const QString &why) {
        result.error = tr("The profile file %1 cannot be used: %2").arg(path, why);
        qCWarning(lcApp).noquote() << result.error;
        return result;
    };

    // Look at the bytes first: QSettings reads almost anything as some INI file.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refuse(file.errorString());
    if (file.size() > kMaxFileSize)
        return refuse(tr("it is %1 bytes long, far more than a profile.").arg(file.size()));
    const QByteArray bytes = file.readAll();
    file.close();
    if (bytes.contains('\0'))
        return refuse(tr("it is not a text file (it holds NUL bytes); it may be damaged."));

    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return refuse(tr("it is not a readable settings file; it may be damaged."));

    // The version decides how to read the rest, so it comes first.
    if (!settings.contains(Keys::version))
        return refuse(tr("it has no %1, so it is not a station profile or it is damaged.")
                          .arg(Keys::version));
    const QVariant versionValue = settings.value(Keys::version);
    bool numeric = false;
    const int version =
        versionValue.typeId() == QMetaType::QString ? versionValue.toString().toInt(&numeric) : 0;
    if (!numeric || version < 1)
        return refuse(tr("its %1 is not a format version.").arg(Keys::version));
    if (version > StationProfile::kFormatVersion)
        return refuse(tr("it was written by a newer station (profile format %1; this station "
                         "reads up to format %2). Update this station, or import the profile "
                         "again here.")
                          .arg(version)
                          .arg(StationProfile::kFormatVersion));

    StationProfile profile;
    profile.name = name;
    TypedReader read(settings);
    profile.registrationUrl = read.string(Keys::registrationUrl);
    profile.caFile = read.string(Keys::caFile);
    profile.claimCaFile = read.string(Keys::claimCaFile);
    profile.deviceTypes = read.list(Keys::deviceTypes, {});
    profile.mqttHost = read.string(Keys::mqttHost);
    profile.mqttPort = read.integer(Keys::mqttPort, 1, 65535, profile.mqttPort);
    profile.operatorCertFile = read.string(Keys::operatorCert);
    profile.operatorKeyFile = read.string(Keys::operatorKey);
    profile.templateName = read.string(Keys::templateName);
    profile.portPatterns = read.list(Keys::portPatterns, profile.portPatterns);
    const QStringList ids = read.list(Keys::usbIds, {});
    profile.baudRate = read.integer(Keys::baudRate, kMinBaud, kMaxBaud, profile.baudRate);
    profile.stationId = read.string(Keys::stationId);
    profile.parallelLimit =
        read.integer(Keys::parallelLimit, 1, kMaxParallel, profile.parallelLimit);
    profile.autoStart = read.boolean(Keys::autoStart, profile.autoStart);
    profile.auditSqlitePath = read.string(Keys::auditSqlite);
    profile.auditPostgres = read.string(Keys::auditPostgres);

    QStringList errors = read.errors();
    for (const QString &text : ids) {
        UsbId id;
        if (UsbId::parse(text, &id))
            profile.usbIds << id;
        else
            errors << tr("%1 holds \"%2\", which is not a USB id such as 0403:6001")
                          .arg(Keys::usbIds, text.left(40));
    }
    if (!profile.auditPostgres.isEmpty()) {
        QString why;
        if (!DatabaseConfig::fromConnectionString(profile.auditPostgres, &why))
            errors << tr("%1 is not usable: %2").arg(Keys::auditPostgres, why);
    }
    if (!errors.isEmpty())
        return refuse(errors.join(QStringLiteral("; ")) + QLatin1Char('.'));

    // Keys of a later minor addition, or typed by hand: kept in the file, ignored here.
    const QStringList known = Keys::all();
    for (const QString &key : settings.allKeys()) {
        if (!known.contains(key)) {
            profile.unknownKeys << key;
            result.warnings << tr("The profile %1 has a setting this station does not know, %2; "
                                  "it is kept in the file and ignored.")
                                   .arg(name, key);
        }
    }
    result.profile = profile;
    return result;
}

bool ProfileStore::saveFile(const QString &path, const StationProfile &profile, QString *error)
{
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        setError(error, tr("Cannot write the profile file %1: the existing file is damaged; "
                           "remove it first.")
                            .arg(path));
        return false;
    }
    QStringList ids;
    for (const UsbId &id : profile.usbIds)
        ids << id.toString();

    // Numbers and booleans as text: that is what a reader gets from the file, and QSettings
    // hands this process its cached values, which must look the same (else the profile just
    // saved would be refused as having the wrong types).
    const auto number = [](int value) { return QString::number(value); };
    settings.setValue(Keys::version, number(StationProfile::kFormatVersion));
    settings.setValue(Keys::registrationUrl, profile.registrationUrl);
    settings.setValue(Keys::caFile, profile.caFile);
    settings.setValue(Keys::claimCaFile, profile.claimCaFile);
    settings.setValue(Keys::deviceTypes, profile.deviceTypes);
    settings.setValue(Keys::mqttHost, profile.mqttHost);
    settings.setValue(Keys::mqttPort, number(profile.mqttPort));
    settings.setValue(Keys::operatorCert, profile.operatorCertFile);
    settings.setValue(Keys::operatorKey, profile.operatorKeyFile);
    settings.setValue(Keys::templateName, profile.templateName);
    settings.setValue(Keys::portPatterns, profile.portPatterns);
    settings.setValue(Keys::usbIds, ids);
    settings.setValue(Keys::baudRate, number(profile.baudRate));
    settings.setValue(Keys::stationId, profile.stationId);
    settings.setValue(Keys::parallelLimit, number(profile.parallelLimit));
    settings.setValue(Keys::autoStart,
                      profile.autoStart ? QStringLiteral("true") : QStringLiteral("false"));
    settings.setValue(Keys::auditSqlite, profile.auditSqlitePath);
    settings.setValue(Keys::auditPostgres, profile.auditPostgres);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        setError(error, tr("Cannot write the profile file %1.").arg(path));
        return false;
    }
    return true;
}

} // namespace Blackbird
