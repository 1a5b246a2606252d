// The station killed with SIGKILL in the middle of a batch, while devices are in transfer and
// commit, then started again on the same audit database: nothing recorded is lost or
// half-written, each cut-off attempt is marked interrupted with its last known step, every device
// holds a complete old or a complete new claim set, and a new batch provisions them all.
// The station runs as a child process (bb-fault-station) over the real local stack and the real
// simulator; the simulator paces its line at 9600 baud so the transfers last long enough to be
// cut.
#include "deviceinvariants.h"
#include "pipelinefixture.h"

#include "database/databaseconfig.h"

#include <QDeadlineTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace Blackbird;

namespace {

constexpr int kDevices = 8;
const QString kStationId = QStringLiteral("killed-station");

} // namespace

class TestStationKill : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killedMidBatchLosesNothing();

private:
    void startStation(QProcess &process, const QString &batch);
    // Reads the child's lines until it exits or DONE says stop; fills m_lastStep.
    void readLines(QProcess &process);

    PipelineFixture m_fixture;
    QString m_auditPath;
    QHash<QString, QString> m_lastStep; // port -> "step state" last printed by the child
    QStringList m_lines;
};

void TestStationKill::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("9600"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("0")},
                             &error),
             qPrintable(error));
    m_auditPath = m_fixture.dir() + QStringLiteral("/killed-station.sqlite");
}

void TestStationKill::startStation(QProcess &process, const QString &batch)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BLACKBIRD_API_KEY"), m_fixture.apiKey());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setProgram(QStringLiteral(BLACKBIRD_FAULT_STATION_BIN));
    QStringList args{QStringLiteral("--endpoints"),  m_fixture.endpointsPath(),
                     QStringLiteral("--audit"),      m_auditPath,
                     QStringLiteral("--batch"),      batch,
                     QStringLiteral("--station-id"), kStationId};
    args << m_fixture.ports(0, kDevices);
    process.setArguments(args);
    process.start();
}

void TestStationKill::readLines(QProcess &process)
{
    while (process.canReadLine()) {
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        m_lines << line;
        if (line.startsWith(QLatin1String("step: "))) {
            const QStringList parts = line.mid(6).split(QLatin1Char(' '));
            if (parts.size() == 3)
                m_lastStep[parts.at(0)] = parts.at(1) + QLatin1Char(' ') + parts.at(2);
        }
    }
}

void TestStationKill::killedMidBatchLosesNothing()
{
    // 1. A batch, killed once one device is committing and at least three are past register.
    QProcess first;
    startStation(first, QStringLiteral("batch-killed"));
    QVERIFY2(first.waitForStarted(5000), qPrintable(first.errorString()));
    QDeadlineTimer deadline(90000);
    bool killed = false;
    while (!deadline.hasExpired() && first.state() == QProcess::Running) {
        first.waitForReadyRead(20);
        readLines(first);
        int committing = 0;
        int inFlight = 0;
        for (const QString &s : std::as_const(m_lastStep)) {
            committing += s == QLatin1String("commit running");
            inFlight +=
                s == QLatin1String("transfer running") || s == QLatin1String("commit running");
        }
        if (committing >= 1 && inFlight >= 3) {
            ::kill(static_cast<pid_t>(first.processId()), SIGKILL);
            killed = true;
            break;
        }
    }
    QVERIFY2(killed, qPrintable(QStringLiteral("no moment with devices in transfer and commit:\n") +
                                m_lines.join(QLatin1Char('\n')) +
                                QString::fromUtf8(first.readAllStandardError())));
    QVERIFY(first.waitForFinished(5000));
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    const QHash<QString, QString> atKill = m_lastStep;
    qInfo() << "killed with" << atKill;

    // 2. The database file is whole, and every device the station started has one record.
    {
        const QString name = QStringLiteral("kill-check");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_auditPath);
            QVERIFY(db.open());
            QSqlQuery check(db);
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            QSqlQuery rows(db);
            QVERIFY(rows.exec(QStringLiteral("SELECT port, COUNT(*) FROM audit_attempts WHERE "
                                             "batch_id = 'batch-killed' GROUP BY port")));
            QHash<QString, int> perPort;
            while (rows.next())
                perPort[rows.value(0).toString()] = rows.value(1).toInt();
            for (auto it = atKill.cbegin(); it != atKill.cend(); ++it) {
                if (it.value().startsWith(QLatin1String("identify")))
                    continue; // its first record may not have reached the disk yet
                QVERIFY2(
                    perPort.value(it.key()) == 1,
                    qPrintable(it.key() +
                               QStringLiteral(" has %1 records").arg(perPort.value(it.key()))));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

    // 3. Every device holds a complete old (none) or a complete new claim set.
    for (int i = 0; i < kDevices; ++i) {
        const ClaimSetState set = inspectClaimSet(m_fixture.storage(i));
        QVERIFY2(set.complete, qPrintable(m_fixture.port(i) + QStringLiteral(": ") + set.why));
    }

    // 4. Started again on the same database: the cut-off attempts become interrupted, and a new
    //    batch provisions every device.
    m_lastStep.clear();
    m_lines.clear();
    QProcess second;
    startStation(second, QStringLiteral("batch-after-kill"));
    QVERIFY(second.waitForStarted(5000));
    QDeadlineTimer again(120000);
    while (second.state() == QProcess::Running && !again.hasExpired()) {
        second.waitForReadyRead(50);
        readLines(second);
    }
    readLines(second);
    if (second.state() == QProcess::Running) {
        second.kill();
        second.waitForFinished(2000);
    }
    QVERIFY2(second.exitStatus() == QProcess::NormalExit && second.exitCode() == 0,
             qPrintable(m_lines.join(QLatin1Char('\n')) +
                        QString::fromUtf8(second.readAllStandardError())));
    QVERIFY(m_lines.contains(QLatin1String("idle")));
    const QString readyLine = m_lines.first();
    QVERIFY2(readyLine.startsWith(QLatin1String("ready: ")), qPrintable(readyLine));
    QVERIFY2(readyLine.mid(7).toInt() >= 3, qPrintable(readyLine));

    for (int i = 0; i < kDevices; ++i) {
        const QString port = m_fixture.port(i);
        QVERIFY2(m_lines.contains(QStringLiteral("finished: %1 passed record").arg(port)),
                 qPrintable(m_lines.join(QLatin1Char('\n'))));
        const ClaimSetState set = inspectClaimSet(m_fixture.storage(i));
        QVERIFY2(set.complete && set.present && set.provisioned,
                 qPrintable(port + QStringLiteral(": ") + set.why));
    }

    // 5. The killed batch's records, read back through the store: each interrupted attempt
    //    keeps its last known step (the last step it recorded), none is left running.
    const QList<AuditAttempt> killedRecords = [&] {
        AuditStore store;
        QList<AuditAttempt> list;
        QFutureWatcher<AuditResult> opened;
        opened.setFuture(store.open(DatabaseConfig::sqlite(m_auditPath)));
        opened.waitForFinished();
        AuditQuery query;
        query.batchId = QStringLiteral("batch-killed");
        auto future = store.attempts(query);
        future.waitForFinished();
        return future.result();
    }();
    int interrupted = 0;
    for (const AuditAttempt &attempt : killedRecords) {
        QVERIFY2(attempt.outcome != AuditOutcome::Running, qPrintable(attempt.port));
        if (attempt.outcome != AuditOutcome::Interrupted)
            continue;
        ++interrupted;
        QVERIFY2(attempt.error.contains(QLatin1String("stopped during this attempt")),
                 qPrintable(attempt.error));
        const QString lastRecorded =
            attempt.steps.isEmpty() ? QString() : attempt.steps.last().name;
        QCOMPARE(attempt.lastStep, lastRecorded);
        // A device the station had in transfer or commit had passed register at least.
        const QString seen = atKill.value(attempt.port);
        if (seen.startsWith(QLatin1String("transfer")) || seen.startsWith(QLatin1String("commit")))
            QVERIFY2(!attempt.lastStep.isEmpty(), qPrintable(attempt.port));
    }
    QCOMPARE(interrupted, readyLine.mid(7).toInt());
}

QTEST_GUILESS_MAIN(TestStationKill)
#include "tst_stationkill.moc"
