// The station when the world around the device misbehaves, against the real local stack with
// registration faults injected and the real simulator: bad claim credentials are caught before
// anything is pushed, a slow service or device runs into the step's time limit with a clear
// reason, an audit store that cannot write stops new devices until it can, a plugged-in device
// starts by itself, and verification says what it could and could not see of the broker.
#include "pipelinefixture.h"

#include "ports/portwatcher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Blackbird;

namespace {

constexpr int kDevices = 8;

} // namespace

class TestPipelineFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void startMarksLeftoverAttemptsInterrupted();
    void badClaimCredentialsAreCaughtBeforePush_data();
    void badClaimCredentialsAreCaughtBeforePush();
    void slowRegistrationRunsIntoTheStepLimit();
    void afterTheFaultsTheServiceIsTrustedAgain();
    void silentDeviceRunsIntoTheIdentifyLimit();
    void unwritableAuditStoreStopsNewDevices();
    void pluggedInDevicesStartByThemselves();
    void verificationSaysWhatItSaw();

private:
    std::unique_ptr<ProvisioningStation> station(const QString &batch,
                                                 const StationConfig &config = StationConfig());
    bool hasClaim(int index) const;
    bool control(const QString &command);

    PipelineFixture m_fixture;
};

void TestPipelineFaults::initTestCase()
{
    // Requests are answered in this order, one fault each, then normally. The devices below
    // register one at a time, so device N meets fault N.
    const QStringList faults{
        QStringLiteral("--registration-fault"), QStringLiteral("mismatched-key,times=1"),
        QStringLiteral("--registration-fault"), QStringLiteral("wrong-certificate-id,times=1"),
        QStringLiteral("--registration-fault"), QStringLiteral("expired-certificate,times=1"),
        QStringLiteral("--registration-fault"), QStringLiteral("delay-ms=4000,times=1"),
    };
    QString error;
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("0")},
                             &error, faults),
             qPrintable(error));
}

std::unique_ptr<ProvisioningStation> TestPipelineFaults::station(const QString &batch,
                                                                 const StationConfig &config)
{
    StationConfig withBaud = config;
    withBaud.baud = 921600;
    QString error;
    auto made = m_fixture.makeStation(withBaud, batch, &error);
    if (!made)
        qWarning() << "station:" << error;
    return made;
}

bool TestPipelineFaults::hasClaim(int index) const
{
    return QFile::exists(QDir(m_fixture.storage(index)).filePath("claim-bundle.json"));
}

bool TestPipelineFaults::control(const QString &command)
{
    m_fixture.drainDevsim();
    QString answer;
    return m_fixture.devsim().control(command, &answer) || answer.contains(QLatin1String("\nok "));
}

void TestPipelineFaults::startMarksLeftoverAttemptsInterrupted()
{
    // A record an earlier run of this station left running (it crashed mid-device).
    AuditAttempt leftover;
    leftover.id = QStringLiteral("leftover-attempt");
    leftover.stationId = QStringLiteral("station-under-test");
    leftover.batchId = QStringLiteral("batch-crashed");
    leftover.port = m_fixture.port(0);
    leftover.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    m_fixture.audit().startAttempt(leftover);

    auto st = station(QStringLiteral("batch-after-crash"));
    QVERIFY(st);
    QSignalSpy ready(st.get(), &ProvisioningStation::ready);
    st->start();
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().at(0).toInt(), 1);
    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-crashed"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().outcome, AuditOutcome::Interrupted);
}

void TestPipelineFaults::badClaimCredentialsAreCaughtBeforePush_data()
{
    QTest::addColumn<int>("device");
    QTest::addColumn<QString>("problem");

    QTest::newRow("key does not match the certificate") << 0 << "key_mismatch";
    QTest::newRow("certificate_id is not the certificate's") << 1 << "id_mismatch";
    QTest::newRow("certificate expired") << 2 << "expired";
}

void TestPipelineFaults::badClaimCredentialsAreCaughtBeforePush()
{
    QFETCH(int, device);
    QFETCH(QString, problem);

    auto st = station(QStringLiteral("batch-creds"));
    QVERIFY(st);
    st->start();
    st->provision({m_fixture.port(device)});
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));

    const DeviceSnapshot snap = st->snapshot(m_fixture.port(device));
    QVERIFY2(snap.state == DeviceState::Failed, qPrintable(describe(snap)));
    QCOMPARE(st->job(m_fixture.port(device))->failedStep(), ProvisioningStep::Register);
    QVERIFY2(snap.error.contains(problem), qPrintable(snap.error));
    QVERIFY2(snap.error.contains(QLatin1String("Nothing was")), qPrintable(snap.error));
    // Nothing reached the device, and the station holds nothing either.
    QVERIFY(!hasClaim(device));
    QVERIFY(!st->job(m_fixture.port(device))->holdsCredentials());
}

void TestPipelineFaults::slowRegistrationRunsIntoTheStepLimit()
{
    StationConfig config;
    config.timeouts.registerMs = 1500;
    auto st = station(QStringLiteral("batch-slow"), config);
    QVERIFY(st);
    st->start();
    st->provision({m_fixture.port(3)});
    QVERIFY(PipelineFixture::waitIdle(*st, 30000));

    const DeviceSnapshot snap = st->snapshot(m_fixture.port(3));
    QVERIFY2(snap.state == DeviceState::Failed, qPrintable(describe(snap)));
    QCOMPARE(st->job(m_fixture.port(3))->failedStep(), ProvisioningStep::Register);
    QVERIFY2(snap.error.contains(QLatin1String("did not finish within 1.5 s")),
             qPrintable(snap.error));
    QVERIFY2(snap.error.contains(QLatin1String("registration service")), qPrintable(snap.error));
    QVERIFY(!hasClaim(3));
}

void TestPipelineFaults::afterTheFaultsTheServiceIsTrustedAgain()
{
    // Each fault fired once; the same devices now get the service's real credentials.
    auto st = station(QStringLiteral("batch-creds-again"));
    QVERIFY(st);
    st->start();
    st->provision(m_fixture.ports(0, 3));
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    for (int i = 0; i < 3; ++i) {
        const DeviceSnapshot snap = st->snapshot(m_fixture.port(i));
        QVERIFY2(snap.state == DeviceState::Passed, qPrintable(describe(snap)));
        QVERIFY(hasClaim(i));
    }
}

void TestPipelineFaults::silentDeviceRunsIntoTheIdentifyLimit()
{
    QVERIFY(control(QStringLiteral("fault 3 slow-ms 5000")));
    StationConfig config;
    config.timeouts.identifyMs = 700;
    auto st = station(QStringLiteral("batch-silent"), config);
    QVERIFY(st);
    st->start();
    st->provision({m_fixture.port(3)});
    QVERIFY(PipelineFixture::waitIdle(*st, 30000));
    QVERIFY(control(QStringLiteral("fault 3 slow-ms 0")));

    const DeviceSnapshot snap = st->snapshot(m_fixture.port(3));
    QVERIFY2(snap.state == DeviceState::Failed, qPrintable(describe(snap)));
    QCOMPARE(st->job(m_fixture.port(3))->failedStep(), ProvisioningStep::Identify);
    QVERIFY2(snap.error.contains(QLatin1String("identify step did not finish within 0.7 s")),
             qPrintable(snap.error));
    QVERIFY2(snap.error.contains(QLatin1String("921600 baud")), qPrintable(snap.error));

    // Given time again, the same job passes (the slow fault's late replies are ignored).
    QTest::qWait(200);
    QVERIFY(st->retry(m_fixture.port(3)));
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    // The retry keeps the station's limits; the device answers in time now.
    const DeviceSnapshot retried = st->snapshot(m_fixture.port(3));
    QVERIFY2(retried.state == DeviceState::Passed, qPrintable(describe(retried)));
}

void TestPipelineFaults::unwritableAuditStoreStopsNewDevices()
{
    auto st = station(QStringLiteral("batch-audit"));
    QVERIFY(st);
    QSignalSpy blocked(st.get(), &ProvisioningStation::startsBlockedChanged);
    st->start();
    QTRY_VERIFY(st->isReady());

    // A write that fails (the record does not exist) makes the store unwritable.
    AuditStep step;
    step.name = QStringLiteral("identify");
    step.outcome = QStringLiteral("passed");
    m_fixture.audit().recordStep(QStringLiteral("no-such-attempt"), step);
    QTRY_VERIFY_WITH_TIMEOUT(st->startsBlocked(), 5000);
    QCOMPARE(blocked.count(), 1);
    QCOMPARE(blocked.first().at(0).toBool(), true);
    QVERIFY2(blocked.first().at(1).toString().contains(QLatin1String("audit store")),
             qPrintable(blocked.first().at(1).toString()));

    st->provision({m_fixture.port(4)});
    QTest::qWait(500);
    QCOMPARE(st->counters().running, 0);
    QCOMPARE(st->counters().queued, 1);
    QVERIFY(!st->job(m_fixture.port(4)));

    // A write that succeeds again lets the queued device start.
    AuditAttempt probe;
    probe.id = QStringLiteral("probe-attempt");
    probe.stationId = QStringLiteral("probe");
    probe.startedAt = QDateTime::currentDateTimeUtc();
    m_fixture.audit().startAttempt(probe);
    QTRY_VERIFY_WITH_TIMEOUT(!st->startsBlocked(), 5000);
    QCOMPARE(blocked.count(), 2);
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    const DeviceSnapshot snap = st->snapshot(m_fixture.port(4));
    QVERIFY2(snap.state == DeviceState::Passed, qPrintable(describe(snap)));
}

void TestPipelineFaults::pluggedInDevicesStartByThemselves()
{
    QVERIFY(control(QStringLiteral("fault 7 drop-mode reenumerate")));
    StationConfig config;
    config.autoStart = true;
    auto st = station(QStringLiteral("batch-auto"), config);
    QVERIFY(st);
    st->start();

    PortWatcher watcher;
    PortFilter filter;
    filter.includeSystemPorts = false;
    filter.patterns = {m_fixture.devsim().linksDir() + QStringLiteral("/dev-00[5-7]*")};
    watcher.setFilter(filter);
    watcher.setInterval(std::chrono::milliseconds(100));
    st->setPortWatcher(&watcher);
    QSignalSpy finished(st.get(), &ProvisioningStation::deviceFinished);
    watcher.start();

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);
    for (int i = 5; i < 8; ++i) {
        const DeviceSnapshot snap = st->snapshot(m_fixture.port(i));
        QVERIFY2(snap.state == DeviceState::Passed, qPrintable(describe(snap)));
    }
    const QString uuid = st->snapshot(m_fixture.port(7)).deviceUuid;

    // Device 7 is unplugged and comes back under a new name: it starts by itself and, being
    // provisioned already, is left alone.
    QVERIFY(control(QStringLiteral("drop 7")));
    const QString renamed = m_fixture.port(7) + QStringLiteral("-r1");
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 30000);
    const DeviceSnapshot again = st->snapshot(renamed);
    QVERIFY2(again.state == DeviceState::Skipped, qPrintable(describe(again)));
    QCOMPARE(again.deviceUuid, uuid);
    QTRY_VERIFY_WITH_TIMEOUT(!st->ports().contains(m_fixture.port(7)), 5000);
    watcher.stop();
}

void TestPipelineFaults::verificationSaysWhatItSaw()
{
    // Without a broker monitor, a rotation is verified by the device alone, and says so.
    StationConfig config;
    config.mode = ServiceMode::Rotate;
    config.reason = QStringLiteral("bench test without the broker");
    config.requireBrokerConfirmation = false;
    auto deviceOnly = station(QStringLiteral("batch-nobroker"), config);
    QVERIFY(deviceOnly);
    deviceOnly->setBrokerMonitor(nullptr);
    deviceOnly->start();
    deviceOnly->provision({m_fixture.port(5)});
    QVERIFY(PipelineFixture::waitIdle(*deviceOnly, 60000));
    const DeviceSnapshot seen = deviceOnly->snapshot(m_fixture.port(5));
    QVERIFY2(seen.state == DeviceState::Passed, qPrintable(describe(seen)));
    QVERIFY(seen.deviceConfirmed);
    QVERIFY(!seen.brokerConfirmed);
    const AuditAttempt attempt = deviceOnly->job(m_fixture.port(5))->auditAttempt();
    const auto verify = std::find_if(attempt.steps.cbegin(), attempt.steps.cend(),
                                     [](const AuditStep &s) { return s.name == "verify"; });
    QVERIFY(verify != attempt.steps.cend());
    QVERIFY2(verify->detail.contains(QLatin1String("broker not watched")),
             qPrintable(verify->detail));

    // Requiring the broker without a monitor fails at verify and says why.
    config.requireBrokerConfirmation = true;
    auto required = station(QStringLiteral("batch-nomonitor"), config);
    QVERIFY(required);
    required->setBrokerMonitor(nullptr);
    required->start();
    required->provision({m_fixture.port(6)});
    QVERIFY(PipelineFixture::waitIdle(*required, 60000));
    const DeviceSnapshot unseen = required->snapshot(m_fixture.port(6));
    QVERIFY2(unseen.state == DeviceState::Failed, qPrintable(describe(unseen)));
    QCOMPARE(required->job(m_fixture.port(6))->failedStep(), ProvisioningStep::Verify);
    QVERIFY2(unseen.error.contains(QLatin1String("no broker monitor")), qPrintable(unseen.error));
}

QTEST_GUILESS_MAIN(TestPipelineFaults)
#include "tst_pipelinefaults.moc"
