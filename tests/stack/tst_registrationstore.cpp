// RegistrationStore against SQLite and against a real PostgreSQL server (BLACKBIRD_TEST_PG):
// migrations, API keys, new and repeated registrations, conflicts, claim sharing, persistence
// across reopening, and two connections registering at the same time.
#include "database/databaseconfig.h"
#include "database/schemamigrations.h"
#include "databasebackends.h"
#include "registrationstore.h"

#include "crypto/eckey.h"
#include "crypto/sha256.h"

#include <QFuture>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent>

#include <memory>

using namespace Blackbird;
using namespace Blackbird::Local;

namespace {

int g_connection = 0;

// Claim credentials made up by the test: the store treats them as opaque text.
ClaimIssuer fakeIssuer(int *issued)
{
    return [issued](const QString &deviceType, QString *) -> std::optional<ClaimCredentials> {
        ClaimCredentials credentials;
        const int n = ++*issued;
        credentials.certificateId = QString::fromLatin1(sha256Hex(QByteArray(
            deviceType.toUtf8() + QByteArray::number(n) + QByteArray::number(quintptr(issued)))));
        credentials.certificatePem = "certificate " + QByteArray::number(n);
        credentials.privateKeyPem = SecretBytes(QByteArray("key " + QByteArray::number(n)));
        return credentials;
    };
}

QString newUuid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

QString newPublicKey()
{
    return QString::fromLatin1(EcKey::generate().publicBase64());
}

} // namespace

class TestRegistrationStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void migrationsAreIdempotent_data() { DatabaseBackends::addRows(); }
    void migrationsAreIdempotent();
    void apiKeys_data() { DatabaseBackends::addRows(); }
    void apiKeys();
    void newRegistration_data() { DatabaseBackends::addRows(); }
    void newRegistration();
    void sameKeyGetsSameCredentials_data() { DatabaseBackends::addRows(); }
    void sameKeyGetsSameCredentials();
    void conflicts_data() { DatabaseBackends::addRows(); }
    void conflicts();
    void claimSharing_data();
    void claimSharing();
    void survivesReopening_data() { DatabaseBackends::addRows(); }
    void survivesReopening();
    void settings_data() { DatabaseBackends::addRows(); }
    void settings();
    void concurrentConnections_data() { DatabaseBackends::addRows(); }
    void concurrentConnections();

private:
    std::unique_ptr<RegistrationStore> openStore();

    DatabaseBackends m_backends;
};

void TestRegistrationStore::init()
{
    BLACKBIRD_SET_UP_BACKEND(m_backends);
}

void TestRegistrationStore::cleanup()
{
    m_backends.tearDown();
}

std::unique_ptr<RegistrationStore> TestRegistrationStore::openStore()
{
    auto store = std::make_unique<RegistrationStore>(m_backends.open());
    QString error;
    if (!store->migrate(&error))
        qFatal("migration failed: %s", qPrintable(error));
    return store;
}

void TestRegistrationStore::migrationsAreIdempotent()
{
    auto store = openStore();
    QCOMPARE(store->schemaVersion(), 2);

    QString error;
    QVERIFY2(store->migrate(&error), qPrintable(error));
    QCOMPARE(store->schemaVersion(), 2);

    QSqlQuery count(store->database());
    QVERIFY(count.exec(
        QStringLiteral("SELECT COUNT(*) FROM schema_migrations WHERE component = 'registration'")));
    QVERIFY(count.next());
    QCOMPARE(count.value(0).toInt(), 2);

    // The tables named in the brief, with their columns.
    QSqlQuery columns(store->database());
    QVERIFY(columns.exec(QStringLiteral(
        "SELECT uuid, public_key, device_type, certificate_id, api_key_id, created_at, "
        "updated_at FROM registrations")));
    QVERIFY(columns.exec(QStringLiteral(
        "SELECT certificate_id, certificate_pem, private_key_pem, device_type, issued_count, "
        "created_at FROM claim_certificates")));
}

void TestRegistrationStore::apiKeys()
{
    auto store = openStore();
    QString error;
    const QByteArray hash = sha256Hex("bbk_secret");
    QVERIFY2(
        store->addApiKey({QStringLiteral("k1"), {QStringLiteral("a-v1"), QStringLiteral("b-v1")}},
                         hash, &error),
        qPrintable(error));

    const auto found = store->findApiKey(hash, &error);
    QVERIFY(found.has_value());
    QCOMPARE(found->id, QStringLiteral("k1"));
    QCOMPARE(found->deviceTypes, (QStringList{QStringLiteral("a-v1"), QStringLiteral("b-v1")}));

    error.clear();
    QVERIFY(!store->findApiKey(sha256Hex("bbk_other"), &error).has_value());
    QVERIFY(error.isEmpty());

    // The key itself is nowhere in the table, only its hash.
    QSqlQuery rows(store->database());
    QVERIFY(rows.exec(QStringLiteral("SELECT id, key_sha256, device_types FROM api_keys")));
    while (rows.next()) {
        for (int i = 0; i < 3; ++i)
            QVERIFY(!rows.value(i).toString().contains(QLatin1String("bbk_secret")));
    }

    QVERIFY(!store->addApiKey({QStringLiteral("k2"), {}}, hash, &error));
}

void TestRegistrationStore::newRegistration()
{
    auto store = openStore();
    int issued = 0;
    const QString key = newPublicKey();
    const RegistrationOutcome outcome = store->registerDevice(
        newUuid(1), key, QStringLiteral("a-v1"), QStringLiteral("k1"), 1, fakeIssuer(&issued));
    QCOMPARE(int(outcome.status), int(RegistrationOutcome::Status::Created));
    QCOMPARE(issued, 1);
    QCOMPARE(outcome.credentials.certificatePem, QByteArray("certificate 1"));
    QCOMPARE(outcome.credentials.privateKeyPem.view(), QByteArrayView("key 1"));

    const auto record = store->findRegistration(newUuid(1));
    QVERIFY(record.has_value());
    QCOMPARE(record->publicKey, key);
    QCOMPARE(record->deviceType, QStringLiteral("a-v1"));
    QCOMPARE(record->certificateId, outcome.credentials.certificateId);
    QCOMPARE(record->apiKeyId, QStringLiteral("k1"));
    QVERIFY(QDateTime::fromString(record->createdAt, Qt::ISODateWithMs).isValid());
    QCOMPARE(store->issuedCount(outcome.credentials.certificateId), 1);
}

void TestRegistrationStore::sameKeyGetsSameCredentials()
{
    auto store = openStore();
    int issued = 0;
    const QString key = newPublicKey();
    const auto first = store->registerDevice(newUuid(2), key, QStringLiteral("a-v1"),
                                             QStringLiteral("k1"), 1, fakeIssuer(&issued));
    const auto second = store->registerDevice(newUuid(2), key, QStringLiteral("a-v1"),
                                              QStringLiteral("k1"), 1, fakeIssuer(&issued));
    QCOMPARE(int(second.status), int(RegistrationOutcome::Status::Existing));
    QCOMPARE(second.credentials.certificateId, first.credentials.certificateId);
    QCOMPARE(second.credentials.privateKeyPem.view(), first.credentials.privateKeyPem.view());
    QCOMPARE(issued, 1);
    QCOMPARE(store->issuedCount(first.credentials.certificateId), 1);
}

void TestRegistrationStore::conflicts()
{
    auto store = openStore();
    int issued = 0;
    const QString key = newPublicKey();
    QCOMPARE(int(store
                     ->registerDevice(newUuid(3), key, QStringLiteral("a-v1"), QStringLiteral("k1"),
                                      1, fakeIssuer(&issued))
                     .status),
             int(RegistrationOutcome::Status::Created));

    const auto otherKey = store->registerDevice(newUuid(3), newPublicKey(), QStringLiteral("a-v1"),
                                                QStringLiteral("k1"), 1, fakeIssuer(&issued));
    QCOMPARE(int(otherKey.status), int(RegistrationOutcome::Status::PublicKeyConflict));
    QVERIFY(otherKey.credentials.privateKeyPem.isEmpty());

    const auto otherType = store->registerDevice(newUuid(3), key, QStringLiteral("b-v1"),
                                                 QStringLiteral("k1"), 1, fakeIssuer(&issued));
    QCOMPARE(int(otherType.status), int(RegistrationOutcome::Status::DeviceTypeConflict));
    QCOMPARE(issued, 1);
    QCOMPARE(store->findRegistration(newUuid(3))->publicKey, key);
}

void TestRegistrationStore::claimSharing_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<int>("share");
    QTest::addColumn<int>("devices");
    QTest::addColumn<int>("expectedCertificates");
    for (const char *backend : {"sqlite", "postgres"}) {
        QTest::addRow("%s unique", backend) << QString::fromLatin1(backend) << 1 << 4 << 4;
        QTest::addRow("%s share 3", backend) << QString::fromLatin1(backend) << 3 << 7 << 3;
        QTest::addRow("%s share 10", backend) << QString::fromLatin1(backend) << 10 << 10 << 1;
    }
}

void TestRegistrationStore::claimSharing()
{
    QFETCH(int, share);
    QFETCH(int, devices);
    QFETCH(int, expectedCertificates);

    auto store = openStore();
    int issued = 0;
    QSet<QString> certificates;
    QHash<QString, int> perCertificate;
    for (int i = 0; i < devices; ++i) {
        const auto outcome =
            store->registerDevice(newUuid(100 + i), newPublicKey(), QStringLiteral("a-v1"),
                                  QStringLiteral("k1"), share, fakeIssuer(&issued));
        QCOMPARE(int(outcome.status), int(RegistrationOutcome::Status::Created));
        certificates << outcome.credentials.certificateId;
        ++perCertificate[outcome.credentials.certificateId];
    }
    QCOMPARE(certificates.size(), expectedCertificates);
    QCOMPARE(issued, expectedCertificates);
    for (auto it = perCertificate.cbegin(); it != perCertificate.cend(); ++it) {
        QVERIFY(it.value() <= share);
        QCOMPARE(store->issuedCount(it.key()), it.value());
    }

    // Another device type never shares a certificate with the first.
    const auto other = store->registerDevice(newUuid(999), newPublicKey(), QStringLiteral("b-v1"),
                                             QStringLiteral("k1"), share, fakeIssuer(&issued));
    QVERIFY(!certificates.contains(other.credentials.certificateId));
}

void TestRegistrationStore::survivesReopening()
{
    QString certificateId;
    const QString key = newPublicKey();
    {
        auto store = openStore();
        int issued = 0;
        QString error;
        QVERIFY(store->addApiKey({QStringLiteral("k9"), {QStringLiteral("a-v1")}},
                                 sha256Hex("bbk_persist"), &error));
        certificateId = store
                            ->registerDevice(newUuid(5), key, QStringLiteral("a-v1"),
                                             QStringLiteral("k9"), 1, fakeIssuer(&issued))
                            .credentials.certificateId;
    }
    m_backends.closeConnections();

    auto reopened = openStore();
    QString error;
    QCOMPARE(reopened->findApiKey(sha256Hex("bbk_persist"), &error)->id, QStringLiteral("k9"));
    QCOMPARE(reopened->findRegistration(newUuid(5))->certificateId, certificateId);
    QCOMPARE(reopened->findRegistration(newUuid(5))->publicKey, key);
}

void TestRegistrationStore::settings()
{
    auto store = openStore();
    QString error;
    QCOMPARE(store->setting(QStringLiteral("claim_ca")), QString());
    QVERIFY2(store->setSetting(QStringLiteral("claim_ca"), QStringLiteral("abc"), &error),
             qPrintable(error));
    QVERIFY(store->setSetting(QStringLiteral("claim_ca"), QStringLiteral("def"), &error));
    QCOMPARE(store->setting(QStringLiteral("claim_ca")), QStringLiteral("def"));

    QVERIFY(store->clear(&error));
    QCOMPARE(store->setting(QStringLiteral("claim_ca")), QString());
}

void TestRegistrationStore::concurrentConnections()
{
    const DatabaseConfig config = m_backends.config();
    {
        auto store = openStore();
    }

    // Two connections in two threads register the same uuids (same key) and fresh ones,
    // sharing claim certificates three ways. No registration may be lost, no uuid may get two
    // certificates, and no certificate may be given to more than three devices.
    constexpr int kDevices = 24;
    constexpr int kShare = 3;
    QStringList keys;
    for (int i = 0; i < kDevices; ++i)
        keys << newPublicKey();

    const auto worker = [&config, &keys](int id) {
        const QString name = QStringLiteral("store-race-%1-%2").arg(id).arg(++g_connection);
        QHash<QString, QString> given;
        {
            QString error;
            QSqlDatabase db = config.open(name, &error);
            RegistrationStore store(db);
            int issued = 0;
            for (int i = 0; i < kDevices; ++i) {
                const int n = id == 0 ? i : kDevices - 1 - i;
                const auto outcome =
                    store.registerDevice(newUuid(500 + n), keys.at(n), QStringLiteral("a-v1"),
                                         QStringLiteral("k1"), kShare, fakeIssuer(&issued));
                if (outcome.status == RegistrationOutcome::Status::Created ||
                    outcome.status == RegistrationOutcome::Status::Existing)
                    given.insert(newUuid(500 + n), outcome.credentials.certificateId);
                else
                    given.insert(newUuid(500 + n), QStringLiteral("failed: ") + outcome.error);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return given;
    };

    QFuture<QHash<QString, QString>> first = QtConcurrent::run(worker, 0);
    QFuture<QHash<QString, QString>> second = QtConcurrent::run(worker, 1);
    const QHash<QString, QString> a = first.result();
    const QHash<QString, QString> b = second.result();

    QCOMPARE(a.size(), kDevices);
    QCOMPARE(b.size(), kDevices);
    auto store = openStore();
    QHash<QString, int> perCertificate;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        QVERIFY2(!it.value().startsWith(QLatin1String("failed")), qPrintable(it.value()));
        QCOMPARE(b.value(it.key()), it.value());
        QCOMPARE(store->findRegistration(it.key())->certificateId, it.value());
        ++perCertificate[it.value()];
    }
    for (auto it = perCertificate.cbegin(); it != perCertificate.cend(); ++it) {
        QVERIFY(it.value() <= kShare);
        QCOMPARE(store->issuedCount(it.key()), it.value());
    }
}

QTEST_GUILESS_MAIN(TestRegistrationStore)
#include "tst_registrationstore.moc"
