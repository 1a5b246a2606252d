// The fleet-provisioning service's tables on SQLite and on a real PostgreSQL server (rows skip
// with a how-to when BLACKBIRD_TEST_PG is not set): pending certificates found by their token's
// hash, a token used once even by several connections at once, things created then updated,
// and the list of active certificates the broker plugin reads.
#include "database/databaseconfig.h"
#include "database/schemamigrations.h"
#include "databasebackends.h"
#include "fleetstore.h"

#include <QFuture>
#include <QSqlDatabase>
#include <QTest>
#include <QtConcurrent>

#include <atomic>
#include <memory>

using namespace Blackbird;
using namespace Blackbird::Local;

namespace {

std::atomic<int> g_connection{0};

const QString kNow = QStringLiteral("2026-01-01T10:00:00.000Z");
const QString kLater = QStringLiteral("2026-01-01T11:00:00.000Z");

QByteArray tokenHash(char fill)
{
    return QByteArray(64, fill);
}

ThingRecord thing(const QString &certificateId)
{
    return {QStringLiteral("sensor_0001"), QStringLiteral("0001"), QStringLiteral("sensor"),
            certificateId, QStringLiteral("Template")};
}

} // namespace

class TestFleetStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void migrationsAreIdempotent_data() { DatabaseBackends::addRows(); }
    void migrationsAreIdempotent();
    void pendingCertificateIsFoundByItsToken_data() { DatabaseBackends::addRows(); }
    void pendingCertificateIsFoundByItsToken();
    void registerThingUsesATokenOnce_data() { DatabaseBackends::addRows(); }
    void registerThingUsesATokenOnce();
    void anotherCertificateUpdatesTheThing_data() { DatabaseBackends::addRows(); }
    void anotherCertificateUpdatesTheThing();
    void concurrentConnectionsUseATokenOnce_data() { DatabaseBackends::addRows(); }
    void concurrentConnectionsUseATokenOnce();

private:
    std::unique_ptr<FleetStore> openStore();

    DatabaseBackends m_backends;
};

void TestFleetStore::init()
{
    BLACKBIRD_SET_UP_BACKEND(m_backends);
}

void TestFleetStore::cleanup()
{
    m_backends.tearDown();
}

std::unique_ptr<FleetStore> TestFleetStore::openStore()
{
    auto store = std::make_unique<FleetStore>(m_backends.open());
    QString error;
    if (!store->migrate(&error))
        qFatal("migration failed: %s", qPrintable(error));
    return store;
}

void TestFleetStore::migrationsAreIdempotent()
{
    QSqlDatabase db = m_backends.open();
    FleetStore store(db);

    QString error;
    QVERIFY2(store.migrate(&error), qPrintable(error));
    QVERIFY2(store.migrate(&error), qPrintable(error));
    QCOMPARE(SchemaMigrations::version(db, QStringLiteral("fleet")), 1);
}

void TestFleetStore::pendingCertificateIsFoundByItsToken()
{
    auto store = openStore();
    QString error;
    QVERIFY2(store->addPendingCertificate(QStringLiteral("cert-1"), "PEM",
                                          QStringLiteral("claim-1"), tokenHash('a'), kLater, kNow,
                                          &error),
             qPrintable(error));

    const auto found = store->findByToken(tokenHash('a'), &error);
    QVERIFY2(found, qPrintable(error));
    QCOMPARE(found->certificateId, QStringLiteral("cert-1"));
    QCOMPARE(found->status, QStringLiteral("PENDING_ACTIVATION"));
    QCOMPARE(found->claimCertificateId, QStringLiteral("claim-1"));
    QCOMPARE(found->tokenExpiresAt, kLater);
    QVERIFY(found->thingName.isEmpty());

    // An unknown token is no error, just nothing; the same token twice is refused.
    QVERIFY(!store->findByToken(tokenHash('b'), &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!store->addPendingCertificate(QStringLiteral("cert-2"), "PEM",
                                          QStringLiteral("claim-1"), tokenHash('a'), kLater, kNow,
                                          &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(store->activeCertificates(&error).isEmpty());
}

void TestFleetStore::registerThingUsesATokenOnce()
{
    auto store = openStore();
    QString error;
    QVERIFY(store->addPendingCertificate(QStringLiteral("cert-1"), "PEM", QStringLiteral("claim-1"),
                                         tokenHash('a'), kLater, kNow, &error));

    QCOMPARE(store->registerThing(thing(QStringLiteral("cert-1")), kNow, &error),
             FleetStore::RegisterResult::Created);
    QCOMPARE(store->registerThing(thing(QStringLiteral("cert-1")), kNow, &error),
             FleetStore::RegisterResult::TokenAlreadyUsed);

    const auto certificate = store->findCertificate(QStringLiteral("cert-1"));
    QVERIFY(certificate);
    QCOMPARE(certificate->status, QStringLiteral("ACTIVE"));
    QCOMPARE(certificate->thingName, QStringLiteral("sensor_0001"));
    const auto active = store->activeCertificates(&error);
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.first(),
             std::make_pair(QStringLiteral("cert-1"), QStringLiteral("sensor_0001")));
}

void TestFleetStore::anotherCertificateUpdatesTheThing()
{
    auto store = openStore();
    QString error;
    QVERIFY(store->addPendingCertificate(QStringLiteral("cert-1"), "PEM", QStringLiteral("claim-1"),
                                         tokenHash('a'), kLater, kNow, &error));
    QVERIFY(store->addPendingCertificate(QStringLiteral("cert-2"), "PEM", QStringLiteral("claim-1"),
                                         tokenHash('b'), kLater, kNow, &error));
    QCOMPARE(store->registerThing(thing(QStringLiteral("cert-1")), kNow, &error),
             FleetStore::RegisterResult::Created);
    QCOMPARE(store->registerThing(thing(QStringLiteral("cert-2")), kLater, &error),
             FleetStore::RegisterResult::Updated);

    const auto record = store->findThing(QStringLiteral("sensor_0001"));
    QVERIFY(record);
    QCOMPARE(record->certificateId, QStringLiteral("cert-2"));
    QCOMPARE(record->uuid, QStringLiteral("0001"));
    QCOMPARE(store->activeCertificates(&error).size(), 2);
}

void TestFleetStore::concurrentConnectionsUseATokenOnce()
{
    const DatabaseConfig config = m_backends.config();
    {
        auto store = openStore();
        QString error;
        QVERIFY(store->addPendingCertificate(QStringLiteral("cert-1"), "PEM",
                                             QStringLiteral("claim-1"), tokenHash('a'), kLater,
                                             kNow, &error));
    }

    // Several service instances answer RegisterThing for the same token at the same moment.
    constexpr int kInstances = 6;
    QList<QFuture<FleetStore::RegisterResult>> results;
    for (int i = 0; i < kInstances; ++i) {
        results << QtConcurrent::run([config] {
            const QString name = QStringLiteral("fleet-store-thread-%1").arg(++g_connection);
            FleetStore::RegisterResult result = FleetStore::RegisterResult::Failed;
            {
                QString error;
                QSqlDatabase db = config.open(name, &error);
                if (db.isOpen())
                    result =
                        FleetStore(db).registerThing(thing(QStringLiteral("cert-1")), kNow, &error);
                if (result == FleetStore::RegisterResult::Failed)
                    qWarning() << "registerThing failed:" << error;
            }
            QSqlDatabase::removeDatabase(name);
            return result;
        });
    }

    int created = 0;
    int used = 0;
    for (QFuture<FleetStore::RegisterResult> &future : results) {
        const FleetStore::RegisterResult result = future.result();
        created += result == FleetStore::RegisterResult::Created;
        used += result == FleetStore::RegisterResult::TokenAlreadyUsed;
    }
    QCOMPARE(created, 1);
    QCOMPARE(used, kInstances - 1);
}

QTEST_GUILESS_MAIN(TestFleetStore)
#include "tst_fleetstore.moc"
