// Station profiles and settings files as a technician or a failing disk leaves them: a profile
// saved and read back is the same profile; a damaged file (garbage bytes, truncated, wrong
// types, a bad URL), one from a newer station, or one with a bad name is refused or flagged with
// a sentence that names the problem, never crashed on or half-read; keys this station does not
// know survive a save; the API key in an endpoints file never becomes part of a profile.
#include "crypto/secretbytes.h"
#include "settings/stationprofile.h"
#include "settings/stationsettings.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Blackbird;

namespace {

// A profile with every field away from its default.
StationProfile fullProfile(const QString &name)
{
    StationProfile p;
    p.name = name;
    p.registrationUrl = QStringLiteral("https://registration.example:8443/v1/registrations");
    p.caFile = QStringLiteral("/etc/blackbird/ca.pem");
    p.claimCaFile = QStringLiteral("/etc/blackbird/claim-ca.pem");
    p.mqttHost = QStringLiteral("mqtt.example");
    p.mqttPort = 18883;
    p.operatorCertFile = QStringLiteral("/etc/blackbird/operator.pem");
    p.operatorKeyFile = QStringLiteral("/etc/blackbird/operator.key");
    p.templateName = QStringLiteral("FactoryTemplate");
    p.deviceTypes = {QStringLiteral("blackbird-sensor-v1"), QStringLiteral("blackbird-gateway-v1")};
    p.portPatterns = {QStringLiteral("/dev/serial/by-id/*Blackbird*"),
                      QStringLiteral("/tmp/bb/links/dev-*")};
    p.usbIds = {UsbId{0x0403, 0x6001}, UsbId{0x10c4, 0}};
    p.baudRate = 921600;
    p.parallelLimit = 12;
    p.autoStart = true;
    p.auditSqlitePath = QStringLiteral("/var/lib/blackbird/audit.sqlite");
    p.stationId = QStringLiteral("line-3-station-2");
    return p;
}

} // namespace

class TestStationProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTrip();
    void storeListsOnlyValidNames();
    void refusesInvalidNames_data();
    void refusesInvalidNames();
    void refusesDamagedFiles_data();
    void refusesDamagedFiles();
    void refusesANewerFormat();
    void flagsAProfileThatIsNotReady_data();
    void flagsAProfileThatIsNotReady();
    void keepsUnknownKeys();
    void endpointsFileKeepsItsApiKeyOut();
    void refusesBadEndpointsFiles_data();
    void refusesBadEndpointsFiles();
    void settingsSurviveAGarbageFile();

private:
    QString write(const QString &name, const QByteArray &bytes);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStationProfile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestStationProfile::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qWarning() << "cannot write" << path;
    return path;
}

void TestStationProfile::roundTrip()
{
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    const StationProfile saved = fullProfile(QStringLiteral("line-3"));
    QString error;
    QVERIFY2(store.save(saved, &error), qPrintable(error));
    QVERIFY(store.exists(QStringLiteral("line-3")));
    QCOMPARE(store.names(), QStringList{QStringLiteral("line-3")});

    const ProfileLoadResult loaded = store.load(QStringLiteral("line-3"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QVERIFY(loaded.warnings.isEmpty());
    const StationProfile &p = *loaded.profile;
    QCOMPARE(p.name, saved.name);
    QCOMPARE(p.registrationUrl, saved.registrationUrl);
    QCOMPARE(p.caFile, saved.caFile);
    QCOMPARE(p.claimCaFile, saved.claimCaFile);
    QCOMPARE(p.mqttHost, saved.mqttHost);
    QCOMPARE(p.mqttPort, saved.mqttPort);
    QCOMPARE(p.operatorCertFile, saved.operatorCertFile);
    QCOMPARE(p.operatorKeyFile, saved.operatorKeyFile);
    QCOMPARE(p.templateName, saved.templateName);
    QCOMPARE(p.deviceTypes, saved.deviceTypes);
    QCOMPARE(p.portPatterns, saved.portPatterns);
    QCOMPARE(p.usbIds, saved.usbIds);
    QCOMPARE(p.baudRate, saved.baudRate);
    QCOMPARE(p.parallelLimit, saved.parallelLimit);
    QCOMPARE(p.autoStart, saved.autoStart);
    QCOMPARE(p.auditSqlitePath, saved.auditSqlitePath);
    QCOMPARE(p.stationId, saved.stationId);
    QVERIFY(p.unknownKeys.isEmpty());

    // Empty lists survive as empty lists (QSettings writes them as @Invalid()).
    StationProfile empty = saved;
    empty.name = QStringLiteral("empty-lists");
    empty.deviceTypes.clear();
    empty.usbIds.clear();
    QVERIFY(store.save(empty, &error));
    const ProfileLoadResult reloaded = store.load(QStringLiteral("empty-lists"));
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.error));
    QVERIFY(reloaded.profile->deviceTypes.isEmpty());
    QVERIFY(reloaded.profile->usbIds.isEmpty());

    // Removing it removes the file.
    QVERIFY(store.remove(QStringLiteral("empty-lists"), &error));
    QVERIFY(!store.exists(QStringLiteral("empty-lists")));
    QVERIFY(!store.remove(QStringLiteral("empty-lists"), &error));
    QVERIFY(error.contains(QLatin1String("no profile")));
}

void TestStationProfile::storeListsOnlyValidNames()
{
    const QString folder = m_dir->filePath(QStringLiteral("profiles"));
    QVERIFY(QDir().mkpath(folder));
    const ProfileStore store(folder);
    QString error;
    QVERIFY(store.save(fullProfile(QStringLiteral("good")), &error));
    // Files whose names could not be profile names are not offered.
    for (const char *name : {".hidden.ini", "with space.ini", "notes.txt"})
        write(QStringLiteral("profiles/") + QLatin1String(name), "[format]\nversion=1\n");
    QCOMPARE(store.names(), QStringList{QStringLiteral("good")});
}

void TestStationProfile::refusesInvalidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("dot first") << QStringLiteral(".profile");
    QTest::newRow("path") << QStringLiteral("../escape");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("space") << QStringLiteral("line 3");
    QTest::newRow("too long") << QString(65, QLatin1Char('a'));
    QTest::newRow("non-ascii") << QStringLiteral("stati\u00f6n");
}

void TestStationProfile::refusesInvalidNames()
{
    QFETCH(QString, name);
    QVERIFY(!StationProfile::isValidName(name));
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    StationProfile p = fullProfile(name);
    QString error;
    QVERIFY(!store.save(p, &error));
    QVERIFY2(error.contains(QLatin1String("not a profile name")), qPrintable(error));
    const ProfileLoadResult loaded = store.load(name);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.contains(QLatin1String("not a profile name")), qPrintable(loaded.error));
    // Nothing was written anywhere, inside the folder or beside it.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
    // The longest valid name is accepted.
    QVERIFY(StationProfile::isValidName(QString(64, QLatin1Char('a'))));
}

void TestStationProfile::refusesDamagedFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected"); // a regular expression the reason must match

    QByteArray garbage(2048, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 7919 + 13) % 256);
    QTest::newRow("garbage bytes") << garbage << QStringLiteral("NUL bytes");
    QTest::newRow("text garbage") << QByteArray("\xff\xfe{{{ not = an ini [[[\n\x01\x02")
                                  << QStringLiteral("no format/version");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("no format/version");
    QTest::newRow("too large") << QByteArray(300 * 1024, 'a') << QStringLiteral("bytes long");
    QTest::newRow("version not a number")
        << QByteArray("[format]\nversion=one\n") << QStringLiteral("not a format version");
    QTest::newRow("version zero") << QByteArray("[format]\nversion=0\n")
                                  << QStringLiteral("not a format version");
    QTest::newRow("port not a number")
        << QByteArray("[format]\nversion=1\n[mqtt]\nport=eighty\n")
        << QStringLiteral("mqtt/port should be a whole number from 1 to 65535");
    QTest::newRow("port out of range") << QByteArray("[format]\nversion=1\n[mqtt]\nport=70000\n")
                                       << QStringLiteral("mqtt/port should be");
    QTest::newRow("list where text belongs")
        << QByteArray("[format]\nversion=1\n[registration]\nurl=https://a, https://b\n")
        << QStringLiteral("registration/url should be one text value");
    QTest::newRow("boolean not a boolean")
        << QByteArray("[format]\nversion=1\n[station]\nautoStart=maybe\n")
        << QStringLiteral("station/autoStart should be true or false");
    QTest::newRow("parallel limit too high")
        << QByteArray("[format]\nversion=1\n[station]\nparallelLimit=1000\n")
        << QStringLiteral("station/parallelLimit should be a whole number from 1 to 64");
    QTest::newRow("baud rate too low") << QByteArray("[format]\nversion=1\n[ports]\nbaudRate=50\n")
                                       << QStringLiteral("ports/baudRate should be");
    QTest::newRow("bad USB id") << QByteArray(
                                       "[format]\nversion=1\n[ports]\nusbIds=0403:6001, zz:top\n")
                                << QStringLiteral("not a USB id");
    QTest::newRow("password in the database setting")
        << QByteArray("[format]\nversion=1\n[audit]\npostgres=host=db user=x password=secret\n")
        << QStringLiteral("audit/postgres is not usable");
    QTest::newRow("several errors at once")
        << QByteArray("[format]\nversion=1\n[mqtt]\nport=x\n[station]\nautoStart=2\n")
        << QStringLiteral("mqtt/port.*; station/autoStart");
}

void TestStationProfile::refusesDamagedFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("damaged.ini"), bytes);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot be used")));
    const ProfileLoadResult loaded = ProfileStore::loadFile(path, QStringLiteral("damaged"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.contains(path), qPrintable(loaded.error));
    QVERIFY2(loaded.error.contains(QRegularExpression(expected)), qPrintable(loaded.error));
    // The password given in the file never shows in the message.
    QVERIFY(!loaded.error.contains(QLatin1String("secret")));
}

void TestStationProfile::refusesANewerFormat()
{
    const QString folder = m_dir->filePath(QStringLiteral("profiles"));
    const ProfileStore store(folder);
    QString error;
    QVERIFY(store.save(fullProfile(QStringLiteral("future")), &error));
    {
        QSettings edit(store.filePath(QStringLiteral("future")), QSettings::IniFormat);
        edit.setValue(QStringLiteral("format/version"),
                      QString::number(StationProfile::kFormatVersion + 1));
        edit.setValue(QStringLiteral("format/newThing"), QStringLiteral("whatever"));
    }
    const QByteArray before = [&] {
        QFile file(store.filePath(QStringLiteral("future")));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("newer station")));
    const ProfileLoadResult loaded = store.load(QStringLiteral("future"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.contains(
                 QStringLiteral("profile format %1").arg(StationProfile::kFormatVersion + 1)),
             qPrintable(loaded.error));
    QVERIFY(loaded.error.contains(QLatin1String("Update this station")));
    // Refusing it leaves the file as it was.
    QFile file(store.filePath(QStringLiteral("future")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestStationProfile::flagsAProfileThatIsNotReady_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http") << QStringLiteral("http://registration.example/v1/registrations")
                          << QStringLiteral("https://");
    QTest::newRow("no scheme") << QStringLiteral("registration.example/v1")
                               << QStringLiteral("https://");
    QTest::newRow("no host") << QStringLiteral("https:///v1/registrations")
                             << QStringLiteral("https://");
    QTest::newRow("garbage") << QStringLiteral("ht tps://exa mple") << QStringLiteral("https://");
    QTest::newRow("empty") << QString() << QStringLiteral("https://");
}

void TestStationProfile::flagsAProfileThatIsNotReady()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    StationProfile p = fullProfile(QStringLiteral("not-ready"));
    p.registrationUrl = url;
    p.caFile.clear(); // files that do not exist here are a separate problem
    p.claimCaFile.clear();
    p.operatorCertFile.clear();
    p.operatorKeyFile.clear();
    QString error;
    QVERIFY(store.save(p, &error));
    // It loads (a technician can open and fix it) but says why it cannot provision.
    const ProfileLoadResult loaded = store.load(QStringLiteral("not-ready"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    const QStringList problems = loaded.profile->problems();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(expected), qPrintable(problems.first()));
    QVERIFY(problems.first().contains(QLatin1String("registration/url")));

    // Other things that are not ready, each named.
    StationProfile other = *loaded.profile;
    other.registrationUrl = QStringLiteral("https://registration.example/v1/registrations");
    QVERIFY(other.problems().isEmpty());
    other.mqttHost.clear();
    other.templateName.clear();
    other.operatorCertFile = m_dir->filePath(QStringLiteral("missing.pem"));
    other.portPatterns.clear();
    other.usbIds.clear();
    const QString all = other.problems().join(u'\n');
    for (const char *text : {"mqtt/host", "mqtt/templateName", "missing.pem",
                             "certificate and key go together", "No port patterns"})
        QVERIFY2(all.contains(QLatin1String(text)), qPrintable(all));
}

void TestStationProfile::keepsUnknownKeys()
{
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    QString error;
    QVERIFY(store.save(fullProfile(QStringLiteral("extended")), &error));
    {
        QSettings edit(store.filePath(QStringLiteral("extended")), QSettings::IniFormat);
        edit.setValue(QStringLiteral("station/lineName"), QStringLiteral("Line 3"));
        edit.setValue(QStringLiteral("future/feature"), 42);
    }
    ProfileLoadResult loaded = store.load(QStringLiteral("extended"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.warnings.size(), 2);
    QVERIFY(loaded.warnings.join(u' ').contains(QLatin1String("station/lineName")));
    QVERIFY(loaded.warnings.join(u' ').contains(QLatin1String("kept in the file")));
    QCOMPARE(
        QSet<QString>(loaded.profile->unknownKeys.cbegin(), loaded.profile->unknownKeys.cend()),
        (QSet<QString>{QStringLiteral("station/lineName"), QStringLiteral("future/feature")}));

    // Saved again (changed), the unknown keys are still there, with their values.
    StationProfile changed = *loaded.profile;
    changed.parallelLimit = 3;
    QVERIFY(store.save(changed, &error));
    QSettings check(store.filePath(QStringLiteral("extended")), QSettings::IniFormat);
    QCOMPARE(check.value(QStringLiteral("station/lineName")).toString(), QStringLiteral("Line 3"));
    QCOMPARE(check.value(QStringLiteral("future/feature")).toString(), QStringLiteral("42"));
    loaded = store.load(QStringLiteral("extended"));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.profile->parallelLimit, 3);
}

void TestStationProfile::endpointsFileKeepsItsApiKeyOut()
{
    const QString apiKey = QStringLiteral("bb-test-key-3f9a0c7e51d24b8e");
    const QJsonObject endpoints{
        {QStringLiteral("registration_url"),
         QStringLiteral("https://127.0.0.1:8443/v1/registrations")},
        {QStringLiteral("ca_file"), m_dir->filePath(QStringLiteral("ca.pem"))},
        {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("mqtt_port"), 8883},
        {QStringLiteral("template_name"), QStringLiteral("T")},
        {QStringLiteral("device_types"), QJsonArray{QStringLiteral("blackbird-sensor-v1")}},
        {QStringLiteral("api_key"), apiKey}};
    const QString path = write(QStringLiteral("endpoints.json"), QJsonDocument(endpoints).toJson());
    QString error;
    std::optional<StationProfile> p =
        StationProfile::fromEndpoints(path, QStringLiteral("local"), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->mqttPort, 8883);
    QCOMPARE(p->deviceTypes, QStringList{QStringLiteral("blackbird-sensor-v1")});

    // Saved, the profile file holds no trace of the key.
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    QVERIFY(store.save(*p, &error));
    QFile file(store.filePath(QStringLiteral("local")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(apiKey.toUtf8()));
    QVERIFY(!bytes.contains("api_key"));

    // Asked for, the key goes to SecretBytes only.
    SecretBytes key;
    p = StationProfile::fromEndpoints(path, QStringLiteral("local"), &error, &key);
    QVERIFY(p);
    QVERIFY(key.view() == apiKey.toUtf8());
}

void TestStationProfile::refusesBadEndpointsFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("registration_url = https://x")
                              << QStringLiteral("not an endpoints file");
    QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("expected a JSON object");
    QTest::newRow("wrong types")
        << QByteArray(R"({"registration_url": 5, "mqtt_host": "h", "template_name": "t",
                         "mqtt_port": "8883"})")
        << QStringLiteral("\"registration_url\" should be a text value; \"mqtt_port\"");
    QTest::newRow("missing fields") << QByteArray("{}") << QStringLiteral("\"mqtt_host\"");
    QTest::newRow("port out of range")
        << QByteArray(R"({"registration_url": "https://h/v1", "mqtt_host": "h",
                         "template_name": "t", "mqtt_port": 70000})")
        << QStringLiteral("\"mqtt_port\" should be a port number");
    QTest::newRow("device types not text")
        << QByteArray(R"({"registration_url": "https://h/v1", "mqtt_host": "h",
                         "template_name": "t", "mqtt_port": 1, "device_types": [1]})")
        << QStringLiteral("\"device_types\" should list text values");
}

void TestStationProfile::refusesBadEndpointsFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("endpoints.json"), bytes);
    QString error;
    QVERIFY(!StationProfile::fromEndpoints(path, QStringLiteral("local"), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(error.contains(path));

    QVERIFY(!StationProfile::fromEndpoints(m_dir->filePath(QStringLiteral("none.json")),
                                           QStringLiteral("local"), &error));
    QVERIFY(error.contains(QLatin1String("Cannot read")));
}

void TestStationProfile::settingsSurviveAGarbageFile()
{
    // The window's own settings file, damaged: defaults, a warning for what was unusable.
    QByteArray garbage(1024, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 31 + 7) % 256);
    const StationSettings damaged(write(QStringLiteral("garbage.conf"), garbage));
    QCOMPARE(damaged.portScanIntervalMs(), 250);
    QCOMPARE(damaged.portFilter().patterns, QStringList{QStringLiteral("/dev/serial/by-id/*")});

    // Wrong values: the interval is held within its bounds, a bad USB id is named and dropped.
    const StationSettings wrong(write(
        QStringLiteral("wrong.conf"),
        "[ports]\nscanIntervalMs=banana\nusbIds=0403:6001, nonsense\nincludeSystemPorts=true\n"));
    QCOMPARE(wrong.portScanIntervalMs(), 50);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("nonsense")));
    const PortFilter filter = wrong.portFilter();
    QCOMPARE(filter.usbIds, (QList<UsbId>{UsbId{0x0403, 0x6001}}));
    QVERIFY(filter.includeSystemPorts);
    const StationSettings huge(
        write(QStringLiteral("huge.conf"), "[ports]\nscanIntervalMs=99999999\n"));
    QCOMPARE(huge.portScanIntervalMs(), 5000);
}

QTEST_GUILESS_MAIN(TestStationProfile)
#include "tst_stationprofile.moc"
