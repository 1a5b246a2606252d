// The fleet-provisioning service's tables on SQLite and on a real PostgreSQL server (rows skip
// with a how-to when BLACKBIRD_TEST_PG is not set): pending certificates found by their token's
// hash, a token used once even by several connections at once, things created then updated,
// and the list of active certificates the broker plugin reads.
#include "database/databaseconfig.h"
#include "fleetstore.h"
#include "database/schemamigrations.h"
#include "testpostgres.h"

#include <QFuture>
#include <QSqlDatabase>
#include <QTemporaryDir>
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

#define SKIP_WITHOUT_POSTGRES()                                                                    \
    do {                                                                                           \
        QFETCH(QString, backend);                                                                  \
        if (backend == QLatin1String("postgres") && !TestPostgres::isConfigured())                 \
            QSKIP(qPrintable(TestPostgres::skipMessage()));                                        \
    } while (false)

class TestFleetStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void migrationsAreIdempotent_data() { backends(); }
    void migrationsAreIdempotent();
    void pendingCertificateIsFoundByItsToken_data() { backends(); }
    void pendingCertificateIsFoundByItsToken();
    void registerThingUsesATokenOnce_data() { backends(); }
    void registerThingUsesATokenOnce();
    void anotherCertificateUpdatesTheThing_data() { backends(); }
    void anotherCertificateUpdatesTheThing();
    void concurrentConnectionsUseATokenOnce_data() { backends(); }
    void concurrentConnectionsUseATokenOnce();

private:
    void backends();
    DatabaseConfig currentConfig();
    QSqlDatabase open(const DatabaseConfig &config);
    std::unique_ptr<FleetStore> openStore();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestPostgres> m_postgres;
    QStringList m_connections;
};

void TestFleetStore::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

void TestFleetStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestFleetStore::cleanup()
{
    for (const QString &name : std::as_const(m_connections)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
    m_postgres.reset();
    m_dir.reset();
}

DatabaseConfig TestFleetStore::currentConfig()
{
    QFETCH(QString, backend);
    if (backend == QLatin1String("sqlite"))
        return DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("fleet.sqlite")));

    if (!m_postgres) {
        m_postgres = std::make_unique<TestPostgres>();
        QString error;
        if (!m_postgres->create(&error))
            qFatal("cannot create a scratch PostgreSQL database: %s", qPrintable(error));
    }
    return m_postgres->config();
}

QSqlDatabase TestFleetStore::open(const DatabaseConfig &config)
{
    const QString name = QStringLiteral("fleet-store-test-%1").arg(++g_connection);
    QString error;
    QSqlDatabase db = config.open(name, &error);
    m_connections << name;
    if (!db.isOpen())
        qFatal("cannot open the database: %s", qPrintable(error));
    return db;
}

std::unique_ptr<FleetStore> TestFleetStore::openStore()
{
    auto store = std::make_unique<FleetStore>(open(currentConfig()));
    QString error;
    if (!store->migrate(&error))
        qFatal("migration failed: %s", qPrintable(error));
    return store;
}

void TestFleetStore::migrationsAreIdempotent()
{
    SKIP_WITHOUT_POSTGRES();
    const DatabaseConfig config = currentConfig();
    QSqlDatabase db = open(config);
    FleetStore store(db);

    QString error;
    QVERIFY2(store.migrate(&error), qPrintable(error));
    QVERIFY2(store.migrate(&error), qPrintable(error));
    QCOMPARE(SchemaMigrations::version(db, QStringLiteral("fleet")), 1);
}

void TestFleetStore::pendingCertificateIsFoundByItsToken()
{
    SKIP_WITHOUT_POSTGRES();
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
    SKIP_WITHOUT_POSTGRES();
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
    SKIP_WITHOUT_POSTGRES();
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
    SKIP_WITHOUT_POSTGRES();
    const DatabaseConfig config = currentConfig();
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
