// The first start: with no profile the station offers to import a local stack's endpoints or to
// type the settings; an import fills the Settings dialog without the file's API key, and a bad
// file is refused in words while the dialog stays open.
#include "firstrundialog.h"
#include "keychain/apikeystore.h"
#include "logging/logmodel.h"
#include "mainwindow.h"
#include "ports/portwatcher.h"
#include "settingsdialog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Blackbird;

namespace {

const QString kSecretKey = QStringLiteral("demo-key-that-must-stay-in-the-file-1234567890");

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestFirstRunDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void offeredOnlyWithoutProfiles();
    void importFillsSettingsWithoutTheKey();
    void badEndpointsAreRefused_data();
    void badEndpointsAreRefused();
    void typingTheSettings();

private:
    SettingsDialog *openSettingsDialog() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<PortWatcher> m_watcher;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<MainWindow> m_window;
};

void TestFirstRunDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("station.ini")),
                                             QSettings::IniFormat);
    m_log = std::make_unique<LogModel>();
    m_watcher = std::make_unique<PortWatcher>();
    m_keys = std::make_unique<ApiKeyStore>(QStringLiteral("Blackbird first-run test"));
    m_window = std::make_unique<MainWindow>(m_watcher.get(), m_log.get(), m_settings.get());
    m_window->setProfileSupport(m_keys.get(), nullptr, StationProfile());
    m_window->show();
}

void TestFirstRunDialog::cleanup()
{
    m_window.reset();
    m_keys.reset();
    m_watcher.reset();
    m_log.reset();
    m_settings.reset();
    m_dir.reset();
}

SettingsDialog *TestFirstRunDialog::openSettingsDialog() const
{
    const auto dialogs = m_window->findChildren<SettingsDialog *>();
    for (SettingsDialog *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void TestFirstRunDialog::offeredOnlyWithoutProfiles()
{
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    QVERIFY(!offerFirstRun(m_window.get(), nullptr));
    FirstRunDialog *dialog = offerFirstRun(m_window.get(), &store);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->laterButton()->click();
    QVERIFY(!dialog->isVisible());

    StationProfile profile;
    profile.name = QStringLiteral("line-3");
    profile.registrationUrl = QStringLiteral("https://registration.example/v1/registrations");
    profile.mqttHost = QStringLiteral("mqtt.example");
    profile.templateName = QStringLiteral("factory");
    QString error;
    QVERIFY2(store.save(profile, &error), qPrintable(error));
    QVERIFY(!offerFirstRun(m_window.get(), &store));
}

void TestFirstRunDialog::importFillsSettingsWithoutTheKey()
{
    const QString endpoints = m_dir->filePath(QStringLiteral("endpoints.json"));
    const QJsonObject object{
        {QStringLiteral("registration_url"),
         QStringLiteral("https://127.0.0.1:8443/v1/registrations")},
        {QStringLiteral("api_key"), kSecretKey},
        {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("mqtt_port"), 8883},
        {QStringLiteral("ca_file"), m_dir->filePath(QStringLiteral("ca.pem"))},
        {QStringLiteral("template_name"), QStringLiteral("blackbird-fleet")},
        {QStringLiteral("device_types"), QJsonArray{QStringLiteral("sensor-v1")}},
    };
    QVERIFY(writeFile(endpoints, QJsonDocument(object).toJson()));

    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    FirstRunDialog *dialog = offerFirstRun(m_window.get(), &store);
    QVERIFY(dialog);
    QSignalSpy finished(dialog, &FirstRunDialog::importFinished);
    dialog->importEndpoints(endpoints);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.first().at(1).toString().isEmpty());

    QTRY_VERIFY(openSettingsDialog());
    SettingsDialog *settings = openSettingsDialog();
    const StationProfile shown = settings->profile();
    QCOMPARE(shown.registrationUrl, QStringLiteral("https://127.0.0.1:8443/v1/registrations"));
    QCOMPARE(shown.mqttHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(shown.mqttPort, 8883);
    QCOMPARE(shown.templateName, QStringLiteral("blackbird-fleet"));
    QCOMPARE(shown.deviceTypes, QStringList{QStringLiteral("sensor-v1")});
    // The demo key is not carried over: the technician types it, and it goes to the keychain.
    QVERIFY(settings->apiKeyField()->text().isEmpty());
    QVERIFY(settings->typedApiKey().isEmpty());
    settings->reject();
}

void TestFirstRunDialog::badEndpointsAreRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reasonPart");
    QTest::newRow("not JSON") << QByteArray("\x00\xff garbage {", 12) << QStringLiteral("not an");
    QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("JSON object");
    QTest::newRow("missing url") << QByteArray(R"({"mqtt_host": "h", "mqtt_port": 1,
        "template_name": "t"})") << QStringLiteral("registration_url");
    QTest::newRow("port as text") << QByteArray(R"({"registration_url": "https://h/v1/r",
        "mqtt_host": "h", "mqtt_port": "8883", "template_name": "t"})")
                                  << QStringLiteral("port number");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("Cannot read");
}

void TestFirstRunDialog::badEndpointsAreRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reasonPart);
    const QString endpoints = m_dir->filePath(QStringLiteral("endpoints.json"));
    if (!content.isEmpty())
        QVERIFY(writeFile(endpoints, content));

    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    FirstRunDialog *dialog = offerFirstRun(m_window.get(), &store);
    QVERIFY(dialog);
    QSignalSpy finished(dialog, &FirstRunDialog::importFinished);
    dialog->importEndpoints(endpoints);
    QVERIFY(finished.wait(5000));
    const QString error = finished.first().at(1).toString();
    QVERIFY2(error.contains(reasonPart), qPrintable(error));
    QVERIFY(dialog->statusText().contains(reasonPart));
    QVERIFY(dialog->isVisible()); // the technician can pick another file
    QVERIFY(dialog->importButton()->isEnabled());
    QVERIFY(!openSettingsDialog());
}

void TestFirstRunDialog::typingTheSettings()
{
    const ProfileStore store(m_dir->filePath(QStringLiteral("profiles")));
    FirstRunDialog *dialog = offerFirstRun(m_window.get(), &store);
    QVERIFY(dialog);
    dialog->settingsButton()->click();
    QVERIFY(!dialog->isVisible());
    QTRY_VERIFY(openSettingsDialog());
    openSettingsDialog()->reject();
}

QTEST_MAIN(TestFirstRunDialog)
#include "tst_firstrundialog.moc"
