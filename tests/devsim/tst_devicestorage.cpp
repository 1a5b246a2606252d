// Tests a simulated device's storage folder: identity created once and kept, owner-only files,
// the device states, and that the claim bundle is always a complete old or complete new set.
#include "devicestorage.h"
#include "testbundle.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using Blackbird::EcKey;
using Blackbird::SecretBytes;
using Blackbird::Sim::DeviceCredentials;
using Blackbird::Sim::DeviceState;
using Blackbird::Sim::DeviceStorage;
using Blackbird::Sim::SecureFile;
using Blackbird::Test::TestBundle;

class TestDeviceStorage : public QObject
{
    Q_OBJECT

private slots:
    void firstStartCreatesIdentity();
    void identityIsKeptAcrossRestarts();
    void everyFileIsOwnerOnly();
    void storedDeviceTypeWins();
    void damagedIdentityIsRefused_data();
    void damagedIdentityIsRefused();
    void claimBundleRoundTrip();
    void resetDuringReplaceLeavesOneCompleteSet_data();
    void resetDuringReplaceLeavesOneCompleteSet();
    void eraseClaim();
    void permanentCredentialsAndProvisioned();
};

static const QString kType = QStringLiteral("blackbird-sensor-v1");

static int mode(const QString &path)
{
    struct stat st
    {};
    ::stat(QFile::encodeName(path).constData(), &st);
    return int(st.st_mode & 07777);
}

void TestDeviceStorage::firstStartCreatesIdentity()
{
    QTemporaryDir dir;
    DeviceStorage storage(dir.filePath(QStringLiteral("dev-000")));
    QString error;

    QVERIFY2(storage.open(kType, &error), qPrintable(error));

    const QRegularExpression uuidV4(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QVERIFY2(uuidV4.match(storage.uuid()).hasMatch(), qPrintable(storage.uuid()));
    QCOMPARE(storage.deviceType(), kType);
    QVERIFY(storage.signingKey().hasPrivateKey());
    QCOMPARE(storage.state(), DeviceState::Blank);
    QVERIFY(QFile::exists(storage.identityPath()));
    QVERIFY(QFile::exists(storage.signingKeyPath()));
}

void TestDeviceStorage::identityIsKeptAcrossRestarts()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("dev-000"));
    QString error;
    DeviceStorage first(folder);
    QVERIFY(first.open(kType, &error));

    DeviceStorage second(folder);
    QVERIFY2(second.open(kType, &error), qPrintable(error));

    QCOMPARE(second.uuid(), first.uuid());
    QVERIFY(second.signingKey().samePublicKey(first.signingKey()));
    const QByteArray signature = second.signingKey().sign("token");
    QVERIFY(first.signingKey().verify("token", signature));

    DeviceStorage other(dir.filePath(QStringLiteral("dev-001")));
    QVERIFY(other.open(kType, &error));
    QVERIFY(other.uuid() != first.uuid());
    QVERIFY(!other.signingKey().samePublicKey(first.signingKey()));
}

void TestDeviceStorage::everyFileIsOwnerOnly()
{
    QTemporaryDir dir;
    DeviceStorage storage(dir.filePath(QStringLiteral("dev-000")));
    QString error;
    QVERIFY(storage.open(kType, &error));
    QVERIFY(storage.replaceClaimBundle(TestBundle::create(storage.uuid(), "a").json(), &error));
    DeviceCredentials credentials;
    credentials.thingName = QStringLiteral("thing");
    credentials.privateKeyPem = SecretBytes(QByteArray("pem"));
    QVERIFY(storage.storeDeviceCredentials(credentials, &error));
    QVERIFY(storage.markProvisioned(QStringLiteral("thing"), &error));

    QCOMPARE(mode(storage.folder()), 0700);
    for (const QString &path :
         {storage.identityPath(), storage.signingKeyPath(), storage.claimBundlePath(),
          storage.deviceCredentialsPath(), storage.provisionedPath()})
        QCOMPARE(mode(path), 0600);
}

void TestDeviceStorage::storedDeviceTypeWins()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("dev-000"));
    QString error;
    DeviceStorage first(folder);
    QVERIFY(first.open(kType, &error));

    DeviceStorage second(folder);
    QVERIFY(second.open(QStringLiteral("another-type"), &error));

    QCOMPARE(second.deviceType(), kType);
}

void TestDeviceStorage::damagedIdentityIsRefused_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");

    QTest::newRow("identity not JSON")
        << QStringLiteral("identity.json") << QByteArray("{oops") << QStringLiteral("lacks uuid");
    QTest::newRow("identity without uuid")
        << QStringLiteral("identity.json") << QByteArray(R"({"device_type":"x"})")
        << QStringLiteral("lacks uuid");
    QTest::newRow("key not PEM") << QStringLiteral("signing-key.pem") << QByteArray("garbage")
                                 << QString();
}

void TestDeviceStorage::damagedIdentityIsRefused()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("dev-000"));
    QString error;
    DeviceStorage first(folder);
    QVERIFY(first.open(kType, &error));
    QVERIFY(SecureFile::write(folder + QLatin1Char('/') + file, content, &error));

    DeviceStorage second(folder);
    QVERIFY(!second.open(kType, &error));

    QVERIFY(!error.isEmpty());
    if (!reason.isEmpty())
        QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestDeviceStorage::claimBundleRoundTrip()
{
    QTemporaryDir dir;
    DeviceStorage storage(dir.filePath(QStringLiteral("dev-000")));
    QString error;
    QVERIFY(storage.open(kType, &error));
    const TestBundle bundle = TestBundle::create(storage.uuid(), QStringLiteral("claim"));

    QVERIFY2(storage.replaceClaimBundle(bundle.json(), &error), qPrintable(error));

    QCOMPARE(storage.state(), DeviceState::ClaimStored);
    QCOMPARE(storage.claimCertificateId(), bundle.certificateId);
    const auto stored = storage.readClaimBundle(&error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->certificateId, bundle.certificateId);
    QCOMPARE(stored->mqttPort, 8883);
    QCOMPARE(stored->templateName, QStringLiteral("blackbird-fleet"));
    QVERIFY(EcKey::fromPrivatePem(stored->privateKeyPem.view()).hasPrivateKey());
}

void TestDeviceStorage::resetDuringReplaceLeavesOneCompleteSet_data()
{
    QTest::addColumn<SecureFile::Interruption>("interruption");
    QTest::addColumn<bool>("newSetExpected");

    QTest::newRow("before rename") << SecureFile::Interruption::BeforeRename << false;
    QTest::newRow("after rename") << SecureFile::Interruption::AfterRename << true;
}

void TestDeviceStorage::resetDuringReplaceLeavesOneCompleteSet()
{
    QFETCH(SecureFile::Interruption, interruption);
    QFETCH(bool, newSetExpected);

    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("dev-000"));
    QString error;
    auto storage = std::make_unique<DeviceStorage>(folder);
    QVERIFY(storage->open(kType, &error));
    const TestBundle oldSet = TestBundle::create(storage->uuid(), QStringLiteral("old"));
    const TestBundle newSet = TestBundle::create(storage->uuid(), QStringLiteral("new"));
    QVERIFY(storage->replaceClaimBundle(oldSet.json(), &error));

    storage->replaceClaimBundle(newSet.json(), &error, interruption);
    // The reset: everything in memory is gone, the device boots from its folder.
    storage = std::make_unique<DeviceStorage>(folder);
    QVERIFY(storage->open(kType, &error));

    const auto stored = storage->readClaimBundle(&error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->certificateId, newSetExpected ? newSet.certificateId : oldSet.certificateId);
    QVERIFY(!QFile::exists(SecureFile::temporaryPath(storage->claimBundlePath())));
}

void TestDeviceStorage::eraseClaim()
{
    QTemporaryDir dir;
    DeviceStorage storage(dir.filePath(QStringLiteral("dev-000")));
    QString error;
    QVERIFY(storage.open(kType, &error));
    QVERIFY(storage.replaceClaimBundle(TestBundle::create(storage.uuid(), "c").json(), &error));

    QVERIFY2(storage.eraseClaimBundle(&error), qPrintable(error));

    QCOMPARE(storage.state(), DeviceState::Blank);
    QVERIFY(storage.claimCertificateId().isEmpty());
    QVERIFY(!storage.readClaimBundle(&error));
}

void TestDeviceStorage::permanentCredentialsAndProvisioned()
{
    QTemporaryDir dir;
    DeviceStorage storage(dir.filePath(QStringLiteral("dev-000")));
    QString error;
    QVERIFY(storage.open(kType, &error));
    QVERIFY(storage.replaceClaimBundle(TestBundle::create(storage.uuid(), "c").json(), &error));
    DeviceCredentials credentials;
    credentials.thingName = QStringLiteral("blackbird-sensor-v1-") + storage.uuid();
    credentials.certificateId = QStringLiteral("ab12");
    credentials.certificatePem = "-----BEGIN CERTIFICATE-----";
    credentials.privateKeyPem = SecretBytes(QByteArray("-----BEGIN PRIVATE KEY-----"));

    QVERIFY2(storage.storeDeviceCredentials(credentials, &error), qPrintable(error));
    QCOMPARE(storage.state(), DeviceState::ClaimStored);
    QVERIFY2(storage.markProvisioned(credentials.thingName, &error), qPrintable(error));

    QCOMPARE(storage.state(), DeviceState::Provisioned);
    QCOMPARE(storage.thingName(), credentials.thingName);
    const auto stored = storage.readDeviceCredentials(&error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->certificateId, credentials.certificateId);
    QCOMPARE(stored->privateKeyPem.view(), credentials.privateKeyPem.view());
}

QTEST_GUILESS_MAIN(TestDeviceStorage)
#include "tst_devicestorage.moc"
