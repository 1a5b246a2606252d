// The randomized soak of issue 9: BLACKBIRD_SOAK_ATTEMPTS (default 1000) provisioning attempts on
// 16 simulated devices in parallel, each round drawing one fault per device at random from a
// fixed, printed seed (BLACKBIRD_SOAK_SEED): devsim's line and storage faults (drop the link at a
// step, reset during commit, corrupt bytes at 1e-4, refuse the commit, fleet-provisioning
// faults) and registration-service faults (5xx, 429, 4xx, closed connection, bad credentials)
// scoped to the device's uuid. After every attempt it checks the invariants: the attempt is
// recorded (with a reason when it failed), the device holds a complete old or complete new claim
// set, a device without a fault passed (the others' faults did not touch it), and, faults gone,
// a retry of every failed device passes. Bounded by BLACKBIRD_SOAK_SECONDS (default 600) of wall
// clock: past it the test stops drawing rounds and says how far it got.
#include "deviceinvariants.h"
#include "pipelinefixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTest>

using namespace Blackbird;

namespace {

constexpr int kDevices = 16;

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

struct Fault
{
    QString devsim;       // a devsim control command's fault part ("drop-at commit"), or empty
    QString registration; // a registration-fault SPEC without uuid, or empty
    QString name() const { return devsim.isEmpty() ? registration : devsim; }
    bool none() const { return devsim.isEmpty() && registration.isEmpty(); }
};

// Faults that touch the claim set: the modes that transfer (production, replace_claim).
const QList<Fault> &transferFaults()
{
    static const QList<Fault> faults{
        {QStringLiteral("drop-at hello"), {}},
        {QStringLiteral("drop-at transfer_begin"), {}},
        {QStringLiteral("drop-at transfer_data"), {}},
        {QStringLiteral("drop-at commit"), {}},
        {QStringLiteral("reset-during-commit before-rename"), {}},
        {QStringLiteral("reset-during-commit after-rename"), {}},
        {QStringLiteral("corrupt-rate 0.0001"), {}},
        {QStringLiteral("refuse-commit on"), {}},
        {{}, QStringLiteral("status=500")},
        {{}, QStringLiteral("status=503,retry-after=1")},
        {{}, QStringLiteral("status=429,retry-after=1,times=1")},
        {{}, QStringLiteral("status=400")},
        {{}, QStringLiteral("status=401")},
        {{}, QStringLiteral("status=403")},
        {{}, QStringLiteral("status=409")},
        {{}, QStringLiteral("close")},
        {{}, QStringLiteral("mismatched-key")},
        {{}, QStringLiteral("wrong-certificate-id")},
        {{}, QStringLiteral("expired-certificate")},
        {{}, QStringLiteral("truncated-body")},
    };
    return faults;
}

// Faults of the fleet-provisioning half (rotate mode keeps the claim set).
const QList<Fault> &fleetFaults()
{
    static const QList<Fault> faults{
        {QStringLiteral("drop-at provision_start"), {}},
        {QStringLiteral("drop-at status"), {}},
        {QStringLiteral("corrupt-rate 0.0001"), {}},
        {QStringLiteral("fleet-fault wrong-claim-certificate"), {}},
        {QStringLiteral("fleet-fault bad-signature"), {}},
        {QStringLiteral("fleet-fault broker-unreachable"), {}},
        {QStringLiteral("fleet-fault disconnect-between-requests"), {}},
    };
    return faults;
}

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void randomFaultsKeepTheInvariants();

private:
    bool control(const QString &command);
    void setRegistrationFaults(const QStringList &specs);

    PipelineFixture m_fixture;
    QStringList m_uuids;
};

void TestSoak::initTestCase()
{
    // A thousand attempts with faults log tens of thousands of warnings: keep the station's own
    // logging out of the output (the test prints what it checked) and QTest's warning limit off.
    QLoggingCategory::setFilterRules(QStringLiteral("blackbird.*=false"));
    QString error;
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("921600"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("0"),
                              QStringLiteral("--seed"), QStringLiteral("7")},
                             &error),
             qPrintable(error));
    for (int i = 0; i < kDevices; ++i) {
        const QString uuid =
            m_fixture.readStorageJson(i, QStringLiteral("identity.json")).value("uuid").toString();
        QVERIFY(!uuid.isEmpty());
        m_uuids << uuid;
    }
}

bool TestSoak::control(const QString &command)
{
    m_fixture.drainDevsim();
    QString answer;
    const bool ok = m_fixture.devsim().control(command, &answer);
    if (!ok)
        qWarning() << "devsim:" << command << "->" << answer;
    return ok;
}

void TestSoak::setRegistrationFaults(const QStringList &specs)
{
    const QString path = QDir(m_fixture.stack().stateDir()).filePath("registration-faults");
    if (specs.isEmpty()) {
        QFile::remove(path);
    } else {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(specs.join(QLatin1Char('\n')).toUtf8() + '\n');
    }
    QTest::qWait(800); // the stack re-reads the file within half a second
}

void TestSoak::randomFaultsKeepTheInvariants()
{
    const int attempts = envInt("BLACKBIRD_SOAK_ATTEMPTS", 1000);
    const int budgetS = envInt("BLACKBIRD_SOAK_SECONDS", 600);
    const quint32 seed = quint32(envInt("BLACKBIRD_SOAK_SEED", 20261204));
    qInfo("soak: %d attempts on %d devices, seed %u (BLACKBIRD_SOAK_SEED), bound %d s", attempts,
          kDevices, seed, budgetS);
    QRandomGenerator random(seed);
    QElapsedTimer clock;
    clock.start();

    int done = 0;
    int failed = 0;
    int round = 0;
    QHash<QString, int> failuresByFault;
    while (done < attempts) {
        if (clock.elapsed() > qint64(budgetS) * 1000) {
            qWarning("soak: wall-clock bound of %d s reached after %d of %d attempts", budgetS,
                     done, attempts);
            QVERIFY2(done >= attempts / 10, "fewer than a tenth of the attempts in the bound");
            break;
        }
        const int count = qMin(kDevices, attempts - done);
        // Round 0 provisions blank devices; later rounds mostly replace the claim (transfer and
        // commit again), some rotate (fleet provisioning again).
        const ServiceMode mode = round == 0               ? ServiceMode::Production
                                 : random.bounded(4) == 0 ? ServiceMode::Rotate
                                                          : ServiceMode::ReplaceClaim;
        const QList<Fault> &pool = mode == ServiceMode::Rotate ? fleetFaults() : transferFaults();

        // Draw: about half the devices get a fault.
        QList<Fault> faults(count);
        QStringList registrationSpecs;
        QList<QString> before(count);
        for (int i = 0; i < count; ++i) {
            const ClaimSetState set = inspectClaimSet(m_fixture.storage(i));
            QVERIFY2(set.complete, qPrintable(set.why));
            before[i] = set.certificateId;
            if (random.bounded(2) == 0)
                continue;
            faults[i] = pool.at(int(random.bounded(quint32(pool.size()))));
            if (!faults[i].devsim.isEmpty())
                QVERIFY(control(QStringLiteral("fault %1 %2").arg(i).arg(faults[i].devsim)));
            else
                registrationSpecs << faults[i].registration + QStringLiteral(",uuid=") +
                                         m_uuids.at(i);
        }
        setRegistrationFaults(registrationSpecs);

        StationConfig config;
        config.baud = 921600;
        config.parallelLimit = kDevices;
        config.mode = mode;
        config.reason = mode == ServiceMode::Production ? QString() : QStringLiteral("soak");
        config.timeouts.identifyMs = 5000;
        config.timeouts.transferMs = 15000;
        config.timeouts.commitMs = 5000;
        config.timeouts.watchMs = 30000;
        const QString batch = QStringLiteral("soak-%1").arg(round);
        QString error;
        auto st = m_fixture.makeStation(config, batch, &error);
        QVERIFY2(st, qPrintable(error));
        st->start();
        st->provision(m_fixture.ports(0, count));
        QVERIFY2(PipelineFixture::waitIdle(*st, 180000), qPrintable(batch + " did not finish"));

        // Faults gone (devsim's and the service's), then check the round and retry.
        for (const char *clear : {"drop-at none", "reset-during-commit none", "corrupt-rate 0",
                                  "refuse-commit off", "fleet-fault none"})
            QVERIFY(control(QStringLiteral("fault all %1").arg(QLatin1String(clear))));
        setRegistrationFaults({});
        m_fixture.audit().waitForIdle();
        const QList<AuditAttempt> records = m_fixture.attempts(batch);

        QStringList toRetry;
        for (int i = 0; i < count; ++i) {
            const QString port = m_fixture.port(i);
            const DeviceSnapshot snap = st->snapshot(port);
            const QString what = QStringLiteral("round %1 (%2), %3, fault '%4'")
                                     .arg(round)
                                     .arg(serviceModeName(mode), describe(snap), faults[i].name());
            QVERIFY2(snap.state == DeviceState::Passed || snap.state == DeviceState::Failed,
                     qPrintable(what));
            // Recorded, once, with its outcome and (failed) its reason.
            const AuditAttempt attempt = st->job(port)->auditAttempt();
            const auto mine =
                std::count_if(records.cbegin(), records.cend(),
                              [&](const AuditAttempt &r) { return r.id == attempt.id; });
            QVERIFY2(mine == 1, qPrintable(what));
            const auto stored =
                std::find_if(records.cbegin(), records.cend(),
                             [&](const AuditAttempt &r) { return r.id == attempt.id; });
            QVERIFY2(stored->outcome == (snap.state == DeviceState::Passed ? AuditOutcome::Passed
                                                                           : AuditOutcome::Failed),
                     qPrintable(what));
            if (snap.state == DeviceState::Failed) {
                QVERIFY2(!stored->error.isEmpty() && !snap.error.isEmpty(), qPrintable(what));
                QVERIFY2(!stored->lastStep.isEmpty(), qPrintable(what));
                ++failed;
                ++failuresByFault[faults[i].name()];
                toRetry << port;
            }
            // A complete old or a complete new claim set.
            const ClaimSetState set = inspectClaimSet(m_fixture.storage(i));
            QVERIFY2(set.complete, qPrintable(what + QStringLiteral(": ") + set.why));
            QVERIFY2(set.present || before.at(i).isEmpty(), qPrintable(what)); // none: blank
            QVERIFY2(set.certificateId == before.at(i) ||
                         set.certificateId == stored->certificateId,
                     qPrintable(what +
                                QStringLiteral(": holds %1, had %2, attempt %3")
                                    .arg(set.certificateId, before.at(i), stored->certificateId)));
            if (snap.state == DeviceState::Passed && mode != ServiceMode::Rotate)
                QCOMPARE(set.certificateId, stored->certificateId);
            // Another device's fault never touches a device without one.
            if (faults[i].none())
                QVERIFY2(snap.state == DeviceState::Passed, qPrintable(what));
        }

        // Faults gone, a retry passes.
        for (const QString &port : std::as_const(toRetry)) {
            if (!st->retry(port))
                st->provision({port});
        }
        QVERIFY2(PipelineFixture::waitIdle(*st, 180000), qPrintable(batch + " retry"));
        for (const QString &port : std::as_const(toRetry)) {
            const DeviceSnapshot snap = st->snapshot(port);
            QVERIFY2(
                snap.state == DeviceState::Passed,
                qPrintable(QStringLiteral("round %1 retry: %2").arg(round).arg(describe(snap))));
        }
        done += count;
        ++round;
        qInfo("soak: round %d done, %d attempts, %d failed by their fault, %.1f s", round, done,
              failed, double(clock.elapsed()) / 1000.0);
    }
    qInfo() << "soak: failures by fault" << failuresByFault;
    qInfo("soak: %d attempts (%d failed by their fault, all retried to a pass) in %.1f s, seed %u",
          done, failed, double(clock.elapsed()) / 1000.0, seed);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    TestSoak test;
    QStringList arguments = QCoreApplication::arguments();
    if (!arguments.contains(QLatin1String("-maxwarnings")))
        arguments << QStringLiteral("-maxwarnings") << QStringLiteral("0");
    return QTest::qExec(&test, arguments);
}
#include "tst_soak.moc"
