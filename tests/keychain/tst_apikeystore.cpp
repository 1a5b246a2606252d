// Tests the API key store against a real Secret Service (gnome-keyring in a private D-Bus
// session, see scripts/with-session-services.sh), the BLACKBIRD_API_KEY override, and the
// fail-closed answer when no keychain is reachable.
#include "keychain/apikeystore.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Blackbird;

Q_DECLARE_METATYPE(Blackbird::KeychainError)

namespace {

constexpr int kJobWaitMs = 20000;

#define REQUIRE_SESSION_BUS()                                                                      \
    do {                                                                                           \
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))                               \
            QSKIP("No D-Bus session bus, so no Secret Service: run the tests under "               \
                  "scripts/with-session-services.sh (dbus-run-session with an unlocked "           \
                  "gnome-keyring).");                                                              \
    } while (false)

} // namespace

class TestApiKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void storesReadsAndDeletes_data();
    void storesReadsAndDeletes();
    void overwrites();
    void keepsProfilesApart();
    void reportsMissingKey();
    void environmentOverrides();
    void refusesBadInput_data();
    void refusesBadInput();
    void failsClosedWithoutKeychain_data();
    void failsClosedWithoutKeychain();

private:
    // Waits for the job and returns its result; the key (for reads) goes to key.
    KeychainResult wait(ApiKeyJob *job, SecretBytes *key = nullptr);

    std::unique_ptr<ApiKeyStore> m_store;
};

void TestApiKeyStore::init()
{
    qunsetenv(ApiKeyStore::kEnvironmentVariable);
    // A service name of its own per test, so no test sees another's entries.
    m_store = std::make_unique<ApiKeyStore>(QStringLiteral("Blackbird Station Test ") +
                                            QUuid::createUuid().toString());
}

void TestApiKeyStore::cleanup()
{
    m_store.reset();
    qunsetenv(ApiKeyStore::kEnvironmentVariable);
}

KeychainResult TestApiKeyStore::wait(ApiKeyJob *job, SecretBytes *key)
{
    QSignalSpy finished(job, &ApiKeyJob::finished);
    if (!job->isFinished() && !finished.wait(kJobWaitMs))
        qWarning("the keychain job did not finish in time");
    if (key)
        *key = job->takeKey();
    const KeychainResult result = job->result();
    job->deleteLater();
    return result;
}

void TestApiKeyStore::storesReadsAndDeletes_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QByteArray>("key");

    QTest::newRow("plain") << "factory-a" << QByteArray("bbk_0123456789abcdef");
    QTest::newRow("spaces and accents")
        << QString::fromUtf8("Line 2 / Gr\xc3\xbcn") << QByteArray("bbk_-_AZaz09~");
    QTest::newRow("long key") << "long" << QByteArray(512, 'k');
}

void TestApiKeyStore::storesReadsAndDeletes()
{
    REQUIRE_SESSION_BUS();
    QFETCH(QString, profile);
    QFETCH(QByteArray, key);

    const KeychainResult written = wait(m_store->write(profile, SecretBytes(key)));
    QVERIFY2(written.ok(), qPrintable(written.message));

    SecretBytes read;
    const KeychainResult found = wait(m_store->read(profile), &read);
    QVERIFY2(found.ok(), qPrintable(found.message));
    QCOMPARE(found.source, ApiKeySource::Keychain);
    QCOMPARE(read.view(), QByteArrayView(key));

    QVERIFY(wait(m_store->remove(profile)).ok());
    const KeychainResult gone = wait(m_store->read(profile), &read);
    QCOMPARE(gone.error, KeychainError::NotFound);
    QVERIFY(read.isEmpty());
    QVERIFY(wait(m_store->remove(profile)).ok()); // removing again is not an error
}

void TestApiKeyStore::overwrites()
{
    REQUIRE_SESSION_BUS();

    // Queued back to back without waiting: the jobs run in order, so the read sees the second.
    ApiKeyJob *first = m_store->write(QStringLiteral("line-1"), SecretBytes("first-key"));
    ApiKeyJob *second = m_store->write(QStringLiteral("line-1"), SecretBytes("second-key"));
    ApiKeyJob *read = m_store->read(QStringLiteral("line-1"));
    QVERIFY(wait(first).ok());
    QVERIFY(wait(second).ok());

    SecretBytes key;
    const KeychainResult result = wait(read, &key);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(key.view(), QByteArrayView("second-key"));
}

void TestApiKeyStore::keepsProfilesApart()
{
    REQUIRE_SESSION_BUS();
    QVERIFY(wait(m_store->write(QStringLiteral("day"), SecretBytes("day-key"))).ok());
    QVERIFY(wait(m_store->write(QStringLiteral("night"), SecretBytes("night-key"))).ok());

    QVERIFY(wait(m_store->remove(QStringLiteral("day"))).ok());

    SecretBytes key;
    QCOMPARE(wait(m_store->read(QStringLiteral("day")), &key).error, KeychainError::NotFound);
    QVERIFY(wait(m_store->read(QStringLiteral("night")), &key).ok());
    QCOMPARE(key.view(), QByteArrayView("night-key"));
}

void TestApiKeyStore::reportsMissingKey()
{
    REQUIRE_SESSION_BUS();

    const KeychainResult result = wait(m_store->read(QStringLiteral("never-stored")));

    QCOMPARE(result.error, KeychainError::NotFound);
    QVERIFY(result.message.contains(QLatin1String("\"never-stored\"")));
    QVERIFY(result.message.contains(QLatin1String("BLACKBIRD_API_KEY")));
}

void TestApiKeyStore::environmentOverrides()
{
    REQUIRE_SESSION_BUS();
    QVERIFY(wait(m_store->write(QStringLiteral("rig"), SecretBytes("keychain-key"))).ok());

    qputenv(ApiKeyStore::kEnvironmentVariable, "environment-key");
    QVERIFY(ApiKeyStore::environmentOverrides());
    SecretBytes key;
    KeychainResult result = wait(m_store->read(QStringLiteral("rig")), &key);
    QVERIFY(result.ok());
    QCOMPARE(result.source, ApiKeySource::Environment);
    QCOMPARE(key.view(), QByteArrayView("environment-key"));

    // Set but empty counts as not set.
    qputenv(ApiKeyStore::kEnvironmentVariable, "");
    QVERIFY(!ApiKeyStore::environmentOverrides());
    result = wait(m_store->read(QStringLiteral("rig")), &key);
    QVERIFY(result.ok());
    QCOMPARE(result.source, ApiKeySource::Keychain);
    QCOMPARE(key.view(), QByteArrayView("keychain-key"));
}

void TestApiKeyStore::refusesBadInput_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty profile") << QString() << QByteArray("k") << "needs a name";
    QTest::newRow("blank profile") << "   " << QByteArray("k") << "needs a name";
    QTest::newRow("profile too long")
        << QString(200, QLatin1Char('p')) << QByteArray("k") << "needs a name";
    QTest::newRow("empty key") << "p" << QByteArray() << "empty or longer";
    QTest::newRow("key too long") << "p" << QByteArray(2000, 'k') << "empty or longer";
}

void TestApiKeyStore::refusesBadInput()
{
    QFETCH(QString, profile);
    QFETCH(QByteArray, key);
    QFETCH(QString, reason);

    const KeychainResult result = wait(m_store->write(profile, SecretBytes(key)));

    QCOMPARE(result.error, KeychainError::InvalidInput);
    QVERIFY2(result.message.contains(reason), qPrintable(result.message));
}

void TestApiKeyStore::failsClosedWithoutKeychain_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("busAddressSet");

    QTest::newRow("read, bus address leads nowhere") << "read" << true;
    QTest::newRow("write, bus address leads nowhere") << "write" << true;
    QTest::newRow("read, no bus address at all") << "read" << false;
}

void TestApiKeyStore::failsClosedWithoutKeychain()
{
    QFETCH(QString, operation);
    QFETCH(bool, busAddressSet);

    // A child process whose session bus address leads nowhere: QtKeychain (libsecret) really
    // tries and fails to reach a Secret Service. Its config folder must stay empty, proving no
    // plain-text fallback was written.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=%1/no-bus-here").arg(home.path()));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("HOME"), home.path());
    if (!busAddressSet)
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QString::fromLatin1(ApiKeyStore::kEnvironmentVariable));
    QProcess probe;
    probe.setProcessEnvironment(environment);
    probe.start(QStringLiteral(KEYCHAIN_PROBE_BIN), {operation});
    QVERIFY(probe.waitForFinished(kJobWaitMs + 5000));
    const QString output = QString::fromUtf8(probe.readAllStandardOutput());

    QCOMPARE(probe.exitCode(), 0);
    QVERIFY2(output.contains(QLatin1String("error=unavailable")),
             qPrintable(output + QString::fromUtf8(probe.readAllStandardError())));
    QVERIFY2(output.contains(QLatin1String("not available")), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("BLACKBIRD_API_KEY")), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("GNOME Keyring")), qPrintable(output));
    const QStringList written =
        QDir(home.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QVERIFY2(written.isEmpty(), qPrintable(written.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestApiKeyStore)
#include "tst_apikeystore.moc"
