// Devices that go wrong, against the real local stack and simulator: one unplugged in the middle
// of the transfer fails with a clear reason while the others pass, and its retry succeeds; a
// device that refuses the commit fails cleanly and keeps what it had; cancel stops running and
// queued devices; a failed handshake is retried from provisioning; credentials that fail the
// checks never reach the device; field service replaces and erases claims, with the reason kept.
#include "pipelinefixture.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Blackbird;

namespace {

constexpr int kDevices = 8;

QStringList stepOutcomes(const AuditAttempt &attempt)
{
    QStringList outcomes;
    for (const AuditStep &step : attempt.steps)
        outcomes << QStringLiteral("%1:%2").arg(step.name, step.outcome);
    return outcomes;
}

} // namespace

class TestDeviceJob : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void unpluggedMidTransferFailsOthersPassRetrySucceeds();
    void refusedCommitFailsCleanly();
    void cancelStopsRunningAndQueuedDevices();
    void failedHandshakeRetriesFromProvision();
    void badCredentialsNeverReachTheDevice();
    void wrongApiKeySaysSo();
    void replaceAndEraseClaimAreRecorded();
    void refusesWhatTheModeCannotDo();

private:
    bool control(const QString &command);
    std::unique_ptr<ProvisioningStation> station(const QString &batch, int limit = kDevices,
                                                 ServiceMode mode = ServiceMode::Production,
                                                 const QString &reason = QString());
    bool hasClaim(int index) const;

    PipelineFixture m_fixture;
    QByteArray m_devsimOutput;
};

void TestDeviceJob::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("0")},
                             &error),
             qPrintable(error));
}

bool TestDeviceJob::control(const QString &command)
{
    m_devsimOutput += m_fixture.drainDevsim();
    QString answer;
    const bool ok = m_fixture.devsim().control(command, &answer);
    if (!ok)
        qWarning() << "devsim control" << command << "answered" << answer;
    // An unsolicited line (a link moved) may have come first; keep it for the tests.
    m_devsimOutput += answer.toUtf8() + '\n';
    return ok || answer.contains(QLatin1String("\nok "));
}

std::unique_ptr<ProvisioningStation> TestDeviceJob::station(const QString &batch, int limit,
                                                            ServiceMode mode, const QString &reason)
{
    StationConfig config;
    config.parallelLimit = limit;
    config.baud = 921600;
    config.mode = mode;
    config.reason = reason;
    config.confirmErase = mode == ServiceMode::EraseClaim;
    QString error;
    auto made = m_fixture.makeStation(config, batch, &error);
    if (!made)
        qWarning() << "station:" << error;
    else
        made->start();
    return made;
}

bool TestDeviceJob::hasClaim(int index) const
{
    return QFile::exists(QDir(m_fixture.storage(index)).filePath("claim-bundle.json"));
}

void TestDeviceJob::unpluggedMidTransferFailsOthersPassRetrySucceeds()
{
    QVERIFY(control(QStringLiteral("fault 0 drop-mode relink")));
    QVERIFY(control(QStringLiteral("fault 0 drop-at transfer_data")));
    auto st = station(QStringLiteral("batch-unplug"));
    QVERIFY(st);
    st->provision(m_fixture.ports(0, 3));
    QVERIFY2(PipelineFixture::waitIdle(*st, 90000), "the batch did not finish");

    const DeviceSnapshot dropped = st->snapshot(m_fixture.port(0));
    QVERIFY2(dropped.state == DeviceState::Failed, qPrintable(describe(dropped)));
    QCOMPARE(st->job(m_fixture.port(0))->failedStep(), ProvisioningStep::Transfer);
    QVERIFY2(dropped.error.contains(QLatin1String("disconnected")), qPrintable(dropped.error));
    QVERIFY2(dropped.error.contains(QLatin1String("cable")), qPrintable(dropped.error));
    QVERIFY(!hasClaim(0));
    // The credentials stay in memory for the retry, and only then.
    QVERIFY(st->job(m_fixture.port(0))->holdsCredentials());

    // The failure touched nobody else.
    for (int i = 1; i < 3; ++i) {
        const DeviceSnapshot snap = st->snapshot(m_fixture.port(i));
        QVERIFY2(snap.state == DeviceState::Passed, qPrintable(describe(snap)));
    }
    QCOMPARE(st->counters().failed, 1);
    QCOMPARE(st->counters().passed, 2);

    // The device comes back on the same link; the retry resumes at the transfer.
    QTRY_VERIFY_WITH_TIMEOUT((m_devsimOutput += m_fixture.drainDevsim()).contains("link: 0 "),
                             10000);
    QVERIFY(st->retry(m_fixture.port(0)));
    QVERIFY(!st->retry(m_fixture.port(1))); // passed: nothing to retry
    QVERIFY2(PipelineFixture::waitIdle(*st, 60000), "the retry did not finish");
    const DeviceSnapshot retried = st->snapshot(m_fixture.port(0));
    QVERIFY2(retried.state == DeviceState::Passed, qPrintable(describe(retried)));
    QVERIFY(retried.brokerConfirmed && retried.deviceConfirmed);
    QVERIFY(!st->job(m_fixture.port(0))->holdsCredentials());
    QVERIFY(hasClaim(0));
    QCOMPARE(st->counters().failed, 0);
    QCOMPARE(st->counters().passed, 3);

    // The record: the failed attempt names the transfer, the retry carries the earlier steps.
    QList<AuditAttempt> attempts;
    for (const AuditAttempt &attempt : m_fixture.attempts(QStringLiteral("batch-unplug"))) {
        if (attempt.port == m_fixture.port(0))
            attempts << attempt;
    }
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0).outcome, AuditOutcome::Failed);
    QCOMPARE(attempts.at(0).lastStep, QStringLiteral("transfer"));
    QCOMPARE(attempts.at(0).error, dropped.error);
    QCOMPARE(stepOutcomes(attempts.at(0)),
             (QStringList{"identify:passed", "register:passed", "transfer:failed"}));
    QCOMPARE(attempts.at(1).outcome, AuditOutcome::Passed);
    QCOMPARE(stepOutcomes(attempts.at(1)),
             (QStringList{"identify:passed", "register:passed", "transfer:passed", "commit:passed",
                          "provision:passed", "watch:passed", "verify:passed", "record:passed"}));
    QVERIFY(attempts.at(1).steps.at(1).detail.contains(attempts.at(0).id));
    QCOMPARE(attempts.at(1).certificateId, attempts.at(0).certificateId);
}

void TestDeviceJob::refusedCommitFailsCleanly()
{
    QVERIFY(control(QStringLiteral("fault 3 refuse-commit on")));
    auto st = station(QStringLiteral("batch-refuse"));
    QVERIFY(st);
    st->provision({m_fixture.port(3)});
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));

    const DeviceSnapshot refused = st->snapshot(m_fixture.port(3));
    QVERIFY2(refused.state == DeviceState::Failed, qPrintable(describe(refused)));
    QCOMPARE(st->job(m_fixture.port(3))->failedStep(), ProvisioningStep::Commit);
    QVERIFY2(refused.error.contains(QLatin1String("refused to replace its claim credentials")),
             qPrintable(refused.error));
    QVERIFY(!hasClaim(3));
    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-refuse"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(stepOutcomes(attempts.first()), (QStringList{"identify:passed", "register:passed",
                                                          "transfer:passed", "commit:failed"}));

    // Once the device accepts, the retry sends the same credentials again.
    QVERIFY(control(QStringLiteral("fault 3 refuse-commit off")));
    QVERIFY(st->retry(m_fixture.port(3)));
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    const DeviceSnapshot passed = st->snapshot(m_fixture.port(3));
    QVERIFY2(passed.state == DeviceState::Passed, qPrintable(describe(passed)));
    QCOMPARE(passed.certificateId, refused.certificateId);
    QVERIFY(hasClaim(3));
}

void TestDeviceJob::cancelStopsRunningAndQueuedDevices()
{
    // Slow replies keep device 4 busy long enough to cancel it in the middle.
    QVERIFY(control(QStringLiteral("fault 4 slow-ms 300")));
    auto st = station(QStringLiteral("batch-cancel"), 1);
    QVERIFY(st);
    st->provision({m_fixture.port(4), m_fixture.port(5)});
    QTRY_VERIFY_WITH_TIMEOUT(st->snapshot(m_fixture.port(4)).step >= ProvisioningStep::Register,
                             20000);
    QCOMPARE(st->counters().queued, 1);
    QCOMPARE(st->snapshot(m_fixture.port(5)).state, DeviceState::Idle);

    QVERIFY(st->cancel(m_fixture.port(5), QStringLiteral("wrong tray")));
    QVERIFY(st->cancel(m_fixture.port(4), QStringLiteral("operator stopped the line")));
    QVERIFY(PipelineFixture::waitIdle(*st, 20000));

    const DeviceSnapshot running = st->snapshot(m_fixture.port(4));
    QCOMPARE(running.state, DeviceState::Cancelled);
    QVERIFY2(running.error.contains(QLatin1String("operator stopped the line")),
             qPrintable(running.error));
    QVERIFY(!st->job(m_fixture.port(4))->holdsCredentials());
    QCOMPARE(st->snapshot(m_fixture.port(5)).state, DeviceState::Cancelled);
    QVERIFY(!st->job(m_fixture.port(5)));
    QCOMPARE(st->counters().cancelled, 2);
    QVERIFY(!st->cancel(m_fixture.port(4)));

    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-cancel"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().outcome, AuditOutcome::Cancelled);
    QCOMPARE(attempts.first().steps.last().outcome, QStringLiteral("cancelled"));
    QVERIFY(control(QStringLiteral("fault 4 slow-ms 0")));
}

void TestDeviceJob::failedHandshakeRetriesFromProvision()
{
    QVERIFY(control(QStringLiteral("fault 6 fleet-fault bad-signature")));
    auto st = station(QStringLiteral("batch-fleet"));
    QVERIFY(st);
    QList<TimelineEntry> timeline;
    connect(st.get(), &ProvisioningStation::timelineEntry, this,
            [&timeline](const TimelineEntry &entry) { timeline << entry; });
    st->provision({m_fixture.port(6)});
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));

    const DeviceSnapshot failed = st->snapshot(m_fixture.port(6));
    QVERIFY2(failed.state == DeviceState::Failed, qPrintable(describe(failed)));
    QCOMPARE(st->job(m_fixture.port(6))->failedStep(), ProvisioningStep::Watch);
    QVERIFY2(failed.error.contains(QLatin1String("InvalidSignature")), qPrintable(failed.error));
    QVERIFY2(failed.error.contains(QLatin1String("register_thing")), qPrintable(failed.error));
    // The broker's rejection is on the device's timeline too (it may come after the device's).
    const auto brokerRejected = [&timeline] {
        return std::any_of(timeline.cbegin(), timeline.cend(), [](const TimelineEntry &e) {
            return e.source == TimelineEntry::Source::Broker &&
                   e.level == TimelineEntry::Level::Error &&
                   e.text.contains(QLatin1String("InvalidSignature"));
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(brokerRejected(), 4000);

    QVERIFY(control(QStringLiteral("fault 6 fleet-fault none")));
    QVERIFY(st->retry(m_fixture.port(6)));
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    const DeviceSnapshot passed = st->snapshot(m_fixture.port(6));
    QVERIFY2(passed.state == DeviceState::Passed, qPrintable(describe(passed)));
    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-fleet"));
    QCOMPARE(attempts.size(), 2);
    // The retry did not register or transfer again: those steps are carried from attempt one.
    for (int s = 0; s < 4; ++s)
        QVERIFY2(attempts.at(1).steps.at(s).detail.startsWith(
                     QStringLiteral("(attempt %1)").arg(attempts.at(0).id)),
                 qPrintable(attempts.at(1).steps.at(s).detail));
}

void TestDeviceJob::badCredentialsNeverReachTheDevice()
{
    // The device CA did not issue claim certificates: every claim certificate is refused by the
    // chain check before anything is sent.
    StationConfig config;
    QString error;
    QVERIFY2(
        PipelineEndpoint::fromEndpointsJson(m_fixture.endpointsPath(), &config.endpoint, &error),
        qPrintable(error));
    config.endpoint.claimCaFile =
        QDir(m_fixture.stack().stateDir()).filePath(QStringLiteral("pki/device-ca.pem"));
    config.baud = 921600;
    auto st = station(QStringLiteral("batch-badcreds"));
    QVERIFY(st);
    QVERIFY2(st->setConfig(config, &error), qPrintable(error));
    st->provision({m_fixture.port(7)});
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));

    const DeviceSnapshot snap = st->snapshot(m_fixture.port(7));
    QVERIFY2(snap.state == DeviceState::Failed, qPrintable(describe(snap)));
    QCOMPARE(st->job(m_fixture.port(7))->failedStep(), ProvisioningStep::Register);
    QVERIFY2(snap.error.contains(QLatin1String("untrusted_issuer")), qPrintable(snap.error));
    QVERIFY2(snap.error.contains(QLatin1String("Nothing was pushed")) ||
                 snap.error.contains(QLatin1String("Nothing was sent")),
             qPrintable(snap.error));
    QVERIFY(!st->job(m_fixture.port(7))->holdsCredentials());
    QVERIFY(!hasClaim(7));
}

void TestDeviceJob::wrongApiKeySaysSo()
{
    auto st = station(QStringLiteral("batch-key"));
    QVERIFY(st);
    st->setApiKey(SecretBytes(QByteArrayLiteral("bbk_this_key_is_not_known_to_the_service")));
    st->provision({m_fixture.port(7)});
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    const DeviceSnapshot snap = st->snapshot(m_fixture.port(7));
    QVERIFY2(snap.state == DeviceState::Failed, qPrintable(describe(snap)));
    QCOMPARE(st->job(m_fixture.port(7))->failedStep(), ProvisioningStep::Register);
    QVERIFY2(snap.error.contains(QLatin1String("API key"), Qt::CaseInsensitive),
             qPrintable(snap.error));
    QVERIFY(!hasClaim(7));

    // With no key at all the station says where a key comes from.
    st->setApiKey(SecretBytes());
    QVERIFY(st->retry(m_fixture.port(7)));
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    const DeviceSnapshot none = st->snapshot(m_fixture.port(7));
    QVERIFY2(none.error.contains(QLatin1String("BLACKBIRD_API_KEY")), qPrintable(none.error));
}

void TestDeviceJob::replaceAndEraseClaimAreRecorded()
{
    // Device 1 passed in the first test; give it new claim credentials.
    const QString oldClaim =
        m_fixture.readStorageJson(1, "claim-bundle.json").value("certificate_id").toString();
    QVERIFY(!oldClaim.isEmpty());
    auto replace = station(QStringLiteral("batch-replace"), kDevices, ServiceMode::ReplaceClaim,
                           QStringLiteral("claim CA renewed"));
    QVERIFY(replace);
    replace->provision({m_fixture.port(1)});
    QVERIFY(PipelineFixture::waitIdle(*replace, 60000));
    const DeviceSnapshot replaced = replace->snapshot(m_fixture.port(1));
    QVERIFY2(replaced.state == DeviceState::Passed, qPrintable(describe(replaced)));
    QCOMPARE(m_fixture.readStorageJson(1, "claim-bundle.json").value("certificate_id").toString(),
             replaced.certificateId);
    QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-replace"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().mode, QStringLiteral("replace_claim"));
    QCOMPARE(attempts.first().reason, QStringLiteral("claim CA renewed"));
    QCOMPARE(
        stepOutcomes(attempts.first()),
        (QStringList{"identify:passed", "register:passed", "transfer:passed", "commit:passed",
                     "provision:skipped", "watch:skipped", "verify:skipped", "record:passed"}));

    // And erase them (device 2), with confirmation and a reason.
    QVERIFY(hasClaim(2));
    auto erase = station(QStringLiteral("batch-erase"), kDevices, ServiceMode::EraseClaim,
                         QStringLiteral("unit returned for repair"));
    QVERIFY(erase);
    erase->provision({m_fixture.port(2)});
    QVERIFY(PipelineFixture::waitIdle(*erase, 60000));
    const DeviceSnapshot erased = erase->snapshot(m_fixture.port(2));
    QVERIFY2(erased.state == DeviceState::Passed, qPrintable(describe(erased)));
    QVERIFY(!hasClaim(2));
    attempts = m_fixture.attempts(QStringLiteral("batch-erase"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().mode, QStringLiteral("erase_claim"));
    QCOMPARE(attempts.first().reason, QStringLiteral("unit returned for repair"));
    QCOMPARE(
        stepOutcomes(attempts.first()),
        (QStringList{"identify:passed", "register:skipped", "transfer:skipped", "commit:passed",
                     "provision:skipped", "watch:skipped", "verify:skipped", "record:passed"}));
}

void TestDeviceJob::refusesWhatTheModeCannotDo()
{
    // Rotation needs stored claim credentials; device 2 had them erased above.
    auto rotate = station(QStringLiteral("batch-rotate-erased"), kDevices, ServiceMode::Rotate,
                          QStringLiteral("rotate after erase"));
    QVERIFY(rotate);
    rotate->provision({m_fixture.port(2)});
    QVERIFY(PipelineFixture::waitIdle(*rotate, 60000));
    const DeviceSnapshot noClaim = rotate->snapshot(m_fixture.port(2));
    QVERIFY2(noClaim.state == DeviceState::Failed, qPrintable(describe(noClaim)));
    QCOMPARE(rotate->job(m_fixture.port(2))->failedStep(), ProvisioningStep::Identify);
    QVERIFY2(noClaim.error.contains(QLatin1String("no claim credentials to rotate")),
             qPrintable(noClaim.error));

    // A device type the profile does not allow is refused at identify.
    StationConfig config;
    QString error;
    QVERIFY(
        PipelineEndpoint::fromEndpointsJson(m_fixture.endpointsPath(), &config.endpoint, &error));
    config.endpoint.deviceTypes = {QStringLiteral("blackbird-gateway-v1")};
    config.baud = 921600;
    auto typed = station(QStringLiteral("batch-type"));
    QVERIFY(typed);
    QVERIFY2(typed->setConfig(config, &error), qPrintable(error));
    typed->provision({m_fixture.port(7)});
    QVERIFY(PipelineFixture::waitIdle(*typed, 60000));
    const DeviceSnapshot wrongType = typed->snapshot(m_fixture.port(7));
    QVERIFY2(wrongType.state == DeviceState::Failed, qPrintable(describe(wrongType)));
    QCOMPARE(typed->job(m_fixture.port(7))->failedStep(), ProvisioningStep::Identify);
    QVERIFY2(wrongType.error.contains(QLatin1String("blackbird-sensor-v1")),
             qPrintable(wrongType.error));
    QVERIFY(!hasClaim(7));
}

QTEST_GUILESS_MAIN(TestDeviceJob)
#include "tst_devicejob.moc"
