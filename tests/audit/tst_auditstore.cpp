// The audit store against SQLite and, when BLACKBIRD_TEST_PG names a server, PostgreSQL: whole
// attempts round trip, filters, interrupted attempts after a crash, two stations writing at
// once, exports, a database from a newer version, and a write that fails.
#include "audit/auditstore.h"
#include "database/databaseconfig.h"
#include "databasebackends.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Blackbird;

namespace {

AuditAttempt makeAttempt(const QString &station, const QString &batch, int n)
{
    AuditAttempt a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.stationId = station;
    a.operatorName = QStringLiteral("Dana Operator");
    a.batchId = batch;
    a.mode = QStringLiteral("production");
    a.port = QStringLiteral("/dev/serial/by-id/dev-%1").arg(n);
    a.usbSerial = QStringLiteral("FT%1").arg(n);
    a.deviceUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.deviceType = QStringLiteral("blackbird-sensor-v1");
    a.firmware = QStringLiteral("1.2.%1").arg(n);
    a.startedAt = QDateTime::currentDateTimeUtc().addMSecs(n);
    return a;
}

AuditStep makeStep(const QString &name, const QString &outcome, const QString &detail = {})
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return {name, outcome, detail, now.addMSecs(-20), now};
}

template<typename T> T await(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class TestAuditStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void attemptRoundTrip_data() { DatabaseBackends::addRows(); }
    void attemptRoundTrip();
    void filters_data() { DatabaseBackends::addRows(); }
    void filters();
    void interruptedAfterCrash_data() { DatabaseBackends::addRows(); }
    void interruptedAfterCrash();
    void twoStationsAtOnce_data() { DatabaseBackends::addRows(); }
    void twoStationsAtOnce();
    void exports_data() { DatabaseBackends::addRows(); }
    void exports();
    void refusesNewerSchema_data() { DatabaseBackends::addRows(); }
    void refusesNewerSchema();
    void failedWriteStopsNewWork_data() { DatabaseBackends::addRows(); }
    void failedWriteStopsNewWork();
    void unknownAttemptIsAnError();

private:
    DatabaseConfig config() const { return m_backends.config(QStringLiteral("audit.sqlite")); }

    DatabaseBackends m_backends;
};

void TestAuditStore::init()
{
    BLACKBIRD_SET_UP_BACKEND(m_backends);
}

void TestAuditStore::cleanup()
{
    m_backends.tearDown();
}

void TestAuditStore::attemptRoundTrip()
{
    AuditStore store;
    const AuditResult opened = await(store.open(config()));
    QVERIFY2(opened.ok, qPrintable(opened.error));

    AuditAttempt attempt = makeAttempt(QStringLiteral("station-1"), QStringLiteral("B-1"), 1);
    QVERIFY(await(store.startAttempt(attempt)).ok);
    QVERIFY(await(store.recordStep(attempt.id, makeStep("identify", "passed"))).ok);
    QVERIFY(await(store.recordStep(attempt.id, makeStep("register", "passed"))).ok);

    attempt.certificateId = QString(64, QLatin1Char('a'));
    attempt.thingName = QStringLiteral("blackbird-sensor-v1-") + attempt.deviceUuid;
    attempt.lastStep = QStringLiteral("register");
    QVERIFY(await(store.updateAttempt(attempt)).ok);
    QVERIFY(await(store.recordStep(attempt.id,
                                   makeStep("transfer", "failed", "the device stopped answering")))
                .ok);
    QVERIFY(await(store.finishAttempt(attempt.id, AuditOutcome::Failed,
                                      QStringLiteral("the device stopped answering")))
                .ok);

    const QList<AuditAttempt> rows = await(store.attempts({}));
    QCOMPARE(rows.size(), 1);
    const AuditAttempt &read = rows.first();
    QCOMPARE(read.id, attempt.id);
    QCOMPARE(read.stationId, attempt.stationId);
    QCOMPARE(read.operatorName, attempt.operatorName);
    QCOMPARE(read.port, attempt.port);
    QCOMPARE(read.usbSerial, attempt.usbSerial);
    QCOMPARE(read.deviceUuid, attempt.deviceUuid);
    QCOMPARE(read.firmware, attempt.firmware);
    QCOMPARE(read.certificateId, attempt.certificateId);
    QCOMPARE(read.thingName, attempt.thingName);
    QCOMPARE(read.outcome, AuditOutcome::Failed);
    QCOMPARE(read.error, QStringLiteral("the device stopped answering"));
    QCOMPARE(read.lastStep, QStringLiteral("transfer"));
    QCOMPARE(read.startedAt, attempt.startedAt);
    QVERIFY(read.finishedAt >= read.startedAt);
    QCOMPARE(read.steps.size(), 3);
    QCOMPARE(read.steps.at(0).name, QStringLiteral("identify"));
    QCOMPARE(read.steps.at(2).outcome, QStringLiteral("failed"));
    QCOMPARE(read.steps.at(2).detail, QStringLiteral("the device stopped answering"));
    QVERIFY(store.isWritable());
}

void TestAuditStore::filters()
{
    AuditStore store;
    QVERIFY(await(store.open(config())).ok);
    QList<AuditAttempt> made;
    for (int i = 0; i < 6; ++i) {
        AuditAttempt a = makeAttempt(QStringLiteral("station-1"),
                                     i < 4 ? QStringLiteral("B-1") : QStringLiteral("B-2"), i);
        a.error = i == 2 ? QStringLiteral("rate 100% and more_than") : QString();
        QVERIFY(await(store.startAttempt(a)).ok);
        made << a;
    }
    QVERIFY(await(store.finishAttempt(made[1].id, AuditOutcome::Passed, {})).ok);

    AuditQuery byBatch;
    byBatch.batchId = QStringLiteral("B-2");
    QCOMPARE(await(store.attempts(byBatch)).size(), 2);

    AuditQuery byDevice;
    byDevice.deviceUuid = made[3].deviceUuid;
    const QList<AuditAttempt> device = await(store.attempts(byDevice));
    QCOMPARE(device.size(), 1);
    QCOMPARE(device.first().id, made[3].id);

    AuditQuery byOutcome;
    byOutcome.outcome = AuditOutcome::Passed;
    QCOMPARE(await(store.attempts(byOutcome)).size(), 1);

    // '%' and '_' typed in a search match themselves, not any text.
    AuditQuery byText;
    byText.text = QStringLiteral("100%");
    QCOMPARE(await(store.attempts(byText)).size(), 1);
    byText.text = QStringLiteral("r_t");
    QCOMPARE(await(store.attempts(byText)).size(), 0);
    byText.text = made[4].port.toUpper();
    QCOMPARE(await(store.attempts(byText)).size(), 1);

    // Newest first, paged.
    AuditQuery page;
    page.limit = 2;
    page.offset = 1;
    const QList<AuditAttempt> paged = await(store.attempts(page));
    QCOMPARE(paged.size(), 2);
    QCOMPARE(paged.at(0).id, made[4].id);
    QCOMPARE(paged.at(1).id, made[3].id);
}

void TestAuditStore::interruptedAfterCrash()
{
    AuditAttempt running = makeAttempt(QStringLiteral("station-1"), QStringLiteral("B"), 1);
    AuditAttempt done = makeAttempt(QStringLiteral("station-1"), QStringLiteral("B"), 2);
    AuditAttempt other = makeAttempt(QStringLiteral("station-2"), QStringLiteral("B"), 3);
    {
        AuditStore store;
        QVERIFY(await(store.open(config())).ok);
        for (const AuditAttempt &a : {running, done, other})
            QVERIFY(await(store.startAttempt(a)).ok);
        QVERIFY(await(store.recordStep(running.id, makeStep("transfer", "passed"))).ok);
        QVERIFY(await(store.finishAttempt(done.id, AuditOutcome::Passed, {})).ok);
        // The store goes away with an attempt still running, as when the station is killed.
    }

    AuditStore restarted;
    QVERIFY(await(restarted.open(config())).ok);
    QCOMPARE(await(restarted.markInterrupted(QStringLiteral("station-1"))), 1);

    const QList<AuditAttempt> rows = await(restarted.attempts({}));
    QCOMPARE(rows.size(), 3);
    for (const AuditAttempt &a : rows) {
        if (a.id == running.id) {
            QCOMPARE(a.outcome, AuditOutcome::Interrupted);
            QCOMPARE(a.lastStep, QStringLiteral("transfer"));
            QVERIFY(a.finishedAt.isValid());
        } else if (a.id == done.id) {
            QCOMPARE(a.outcome, AuditOutcome::Passed);
        } else {
            QCOMPARE(a.outcome, AuditOutcome::Running); // another station's, left alone
        }
    }
    QCOMPARE(await(restarted.markInterrupted(QStringLiteral("station-1"))), 0);
}

void TestAuditStore::twoStationsAtOnce()
{
    constexpr int perStation = 60;
    AuditStore first;
    AuditStore second;
    QVERIFY(await(first.open(config())).ok);
    QVERIFY(await(second.open(config())).ok);

    // Both queue all their writes at once; their worker threads interleave on the database.
    QList<QFuture<AuditResult>> writes;
    QSet<QString> ids;
    for (int i = 0; i < perStation; ++i) {
        for (AuditStore *store : {&first, &second}) {
            const QString station = store == &first ? QStringLiteral("s1") : QStringLiteral("s2");
            const AuditAttempt a = makeAttempt(station, QStringLiteral("B"), i);
            ids.insert(a.id);
            writes << store->startAttempt(a);
            writes << store->recordStep(a.id, makeStep("identify", "passed"));
            writes << store->recordStep(a.id, makeStep("register", "passed"));
            writes << store->finishAttempt(a.id, AuditOutcome::Passed, {});
        }
    }
    for (QFuture<AuditResult> &write : writes) {
        const AuditResult result = await(write);
        QVERIFY2(result.ok, qPrintable(result.error));
    }

    AuditQuery all;
    all.limit = 10 * perStation;
    const QList<AuditAttempt> rows = await(first.attempts(all));
    QCOMPARE(rows.size(), 2 * perStation);
    QSet<QString> seen;
    for (const AuditAttempt &a : rows) {
        QVERIFY(ids.contains(a.id));
        QVERIFY(!seen.contains(a.id));
        seen.insert(a.id);
        QCOMPARE(a.outcome, AuditOutcome::Passed);
        QCOMPARE(a.steps.size(), 2);
    }
}

void TestAuditStore::exports()
{
    AuditStore store;
    QVERIFY(await(store.open(config())).ok);
    AuditAttempt a = makeAttempt(QStringLiteral("station-1"), QStringLiteral("B-7"), 1);
    a.error = QStringLiteral("=HYPERLINK(\"x\"), then \"quoted\"\nsecond line");
    QVERIFY(await(store.startAttempt(a)).ok);
    QVERIFY(await(store.recordStep(a.id, makeStep("identify", "passed"))).ok);

    const QString csvPath = m_backends.filePath(QStringLiteral("audit.csv"));
    QVERIFY(await(store.exportTo(csvPath, AuditDatabase::ExportFormat::Csv)).ok);
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    QVERIFY(text.startsWith(QStringLiteral("id,station_id,operator_name,batch_id,")));
    QVERIFY(text.contains(a.id));
    // A formula stays text, quotes are doubled and the field keeps its line break inside quotes.
    QVERIFY(text.contains(
        QStringLiteral("\"'=HYPERLINK(\"\"x\"\"), then \"\"quoted\"\"\nsecond line\"")));
    QVERIFY(text.contains(QStringLiteral("identify:passed")));

    const QString jsonPath = m_backends.filePath(QStringLiteral("audit.json"));
    QVERIFY(await(store.exportTo(jsonPath, AuditDatabase::ExportFormat::Json)).ok);
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray array = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(array.size(), 1);
    QCOMPARE(array.at(0)[QStringLiteral("id")].toString(), a.id);
    QCOMPARE(array.at(0)[QStringLiteral("error")].toString(), a.error);
    QCOMPARE(array.at(0)[QStringLiteral("steps")].toArray().size(), 1);

    const AuditResult refused =
        await(store.exportTo(m_backends.filePath(QStringLiteral("no/such/folder/a.csv")),
                             AuditDatabase::ExportFormat::Csv));
    QVERIFY(!refused.ok);
    QVERIFY(refused.error.contains(QStringLiteral("no/such/folder")));
}

void TestAuditStore::refusesNewerSchema()
{
    {
        AuditStore store;
        QVERIFY(await(store.open(config())).ok);
    }
    {
        QString error;
        QSqlDatabase db = config().open(QStringLiteral("newer"), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QVERIFY(QSqlQuery(db).exec(
            QStringLiteral("INSERT INTO schema_migrations (component, version, applied_at) "
                           "VALUES ('audit', 99, '2030-01-01T00:00:00.000Z')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));

    AuditStore store;
    const AuditResult result = await(store.open(config()));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("newer")), qPrintable(result.error));
    QVERIFY(!await(store.startAttempt(makeAttempt("s", "b", 1))).ok);
}

void TestAuditStore::failedWriteStopsNewWork()
{
    AuditStore store;
    QVERIFY(await(store.open(config())).ok);
    QSignalSpy writable(&store, &AuditStore::writableChanged);
    const AuditAttempt a = makeAttempt(QStringLiteral("s"), QStringLiteral("b"), 1);
    QVERIFY(await(store.startAttempt(a)).ok);

    // Another program breaks the database under the store: its next write fails for real.
    {
        QString error;
        QSqlDatabase db = config().open(QStringLiteral("breaker"), &error);
        QVERIFY(db.isOpen());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("ALTER TABLE audit_steps RENAME TO moved")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("breaker"));

    const AuditResult failed = await(store.recordStep(a.id, makeStep("identify", "passed")));
    QVERIFY(!failed.ok);
    QTRY_COMPARE(writable.count(), 1);
    QCOMPARE(writable.at(0).at(0).toBool(), false);
    QVERIFY(!store.isWritable());
    QCOMPARE(store.lastWriteError(), failed.error);

    // Once a write succeeds again, the store says so.
    QVERIFY(await(store.finishAttempt(a.id, AuditOutcome::Failed, QStringLiteral("x"))).ok);
    QTRY_COMPARE(writable.count(), 2);
    QVERIFY(store.isWritable());
}

void TestAuditStore::unknownAttemptIsAnError()
{
    AuditStore store;
    QVERIFY(await(store.open(DatabaseConfig::sqlite(m_backends.filePath("a.sqlite")))).ok);
    const AuditResult step = await(store.recordStep(QStringLiteral("nope"), makeStep("x", "y")));
    QVERIFY(!step.ok);
    QVERIFY(step.error.contains(QStringLiteral("nope")));
    QVERIFY(!await(store.finishAttempt(QStringLiteral("nope"), AuditOutcome::Passed, {})).ok);

    AuditStore closed;
    const AuditResult notOpen = await(closed.startAttempt(makeAttempt("s", "b", 1)));
    QVERIFY(!notOpen.ok);
    QVERIFY(notOpen.error.contains(QStringLiteral("not open")));
}

QTEST_GUILESS_MAIN(TestAuditStore)
#include "tst_auditstore.moc"
