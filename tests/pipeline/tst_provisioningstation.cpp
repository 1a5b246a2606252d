// The station provisions simulated devices in parallel against the real local stack: every
// device verified from both sides and recorded step by step, a second run leaves them alone,
// field-service rotation gives new certificates and records why, and the parallel limit holds.
#include "pipelinefixture.h"

#include "crypto/certificate.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Blackbird;

namespace {

constexpr int kDevices = 8;

// Every log line of the test, for the scan for secrets.
QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines << message;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

// The base64 lines of a PEM block: what would show up of a key however it was quoted.
QStringList pemBodyLines(const QString &pem)
{
    QStringList lines;
    for (const QString &line : pem.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.startsWith(QLatin1String("-----")) && line.size() >= 16)
            lines << line.trimmed();
    }
    return lines;
}

const QStringList kStepNames{
    QStringLiteral("identify"), QStringLiteral("register"),  QStringLiteral("transfer"),
    QStringLiteral("commit"),   QStringLiteral("provision"), QStringLiteral("watch"),
    QStringLiteral("verify"),   QStringLiteral("record"),
};

QStringList stepNames(const AuditAttempt &attempt)
{
    QStringList names;
    for (const AuditStep &step : attempt.steps)
        names << step.name;
    return names;
}

QStringList stepOutcomes(const AuditAttempt &attempt)
{
    QStringList outcomes;
    for (const AuditStep &step : attempt.steps)
        outcomes << step.outcome;
    return outcomes;
}

// Follows how many devices run at once.
struct Concurrency
{
    int current = 0;
    int maximum = 0;
    QHash<QString, DeviceState> states;

    void observe(const DeviceSnapshot &snap)
    {
        states[snap.port] = snap.state;
        current = 0;
        for (DeviceState state : std::as_const(states))
            current += state == DeviceState::Running ? 1 : 0;
        maximum = qMax(maximum, current);
    }
};

} // namespace

class TestProvisioningStation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void provisionsEightDevicesInParallel();
    void secondRunLeavesThemAlone();
    void rotationGivesNewCertificatesUnderTheLimit();
    void fieldServiceNeedsAReason();
    void noSecretInLogsTimelineOrDatabase();

private:
    PipelineFixture m_fixture;
    QHash<QString, QString> m_firstCertificates; // port -> permanent certificate id
    QList<TimelineEntry> m_timeline;             // of the first batch
};

void TestProvisioningStation::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(captureMessage);
    QString error;
    // Console lines every 300 ms, in colour: the timeline must show them without escapes.
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("300")},
                             &error),
             qPrintable(error));
}

void TestProvisioningStation::provisionsEightDevicesInParallel()
{
    StationConfig config;
    config.parallelLimit = kDevices;
    config.baud = 921600;
    QString error;
    auto station = m_fixture.makeStation(config, QStringLiteral("batch-1"), &error);
    QVERIFY2(station, qPrintable(error));

    Concurrency concurrency;
    connect(station.get(), &ProvisioningStation::snapshotChanged, this,
            [&concurrency](const DeviceSnapshot &snap) { concurrency.observe(snap); });
    QList<TimelineEntry> &timeline = m_timeline;
    connect(station.get(), &ProvisioningStation::timelineEntry, this,
            [&timeline](const TimelineEntry &entry) { timeline << entry; });
    QSignalSpy ready(station.get(), &ProvisioningStation::ready);
    QSignalSpy idle(station.get(), &ProvisioningStation::idle);

    station->start();
    station->provision(m_fixture.ports(0, kDevices));
    QVERIFY(ready.wait(10000) || ready.count() == 1);
    QVERIFY2(PipelineFixture::waitIdle(*station, 150000), "the batch did not finish");
    QCOMPARE(idle.count(), 1);

    // Every device passed, verified from both sides.
    const QList<DeviceSnapshot> snapshots = station->snapshots();
    QCOMPARE(snapshots.size(), kDevices);
    for (int i = 0; i < kDevices; ++i) {
        const DeviceSnapshot snap = station->snapshot(m_fixture.port(i));
        QVERIFY2(snap.state == DeviceState::Passed,
                 qPrintable(QStringLiteral("%1: %2 at %3: %4")
                                .arg(snap.port, deviceStateName(snap.state),
                                     provisioningStepName(snap.step), snap.error)));
        QVERIFY(!snap.thingName.isEmpty());
        QVERIFY(!snap.deviceCertificateId.isEmpty());
        QVERIFY(!snap.certificateId.isEmpty());
        QVERIFY(snap.deviceConfirmed);
        QVERIFY(snap.brokerConfirmed);
        QVERIFY(snap.claimExpiresAt > QDateTime::currentDateTimeUtc());

        // The device's own storage agrees with what the station saw.
        const QJsonObject stored = m_fixture.readStorageJson(i, "device-credentials.json");
        QCOMPARE(stored.value(QStringLiteral("certificate_id")).toString(),
                 snap.deviceCertificateId);
        QCOMPARE(stored.value(QStringLiteral("thing_name")).toString(), snap.thingName);
        const QJsonObject identity = m_fixture.readStorageJson(i, "identity.json");
        QCOMPARE(identity.value(QStringLiteral("uuid")).toString(), snap.deviceUuid);
        QCOMPARE(m_fixture.readStorageJson(i, "claim-bundle.json")
                     .value(QStringLiteral("certificate_id"))
                     .toString(),
                 snap.certificateId);
        m_firstCertificates.insert(snap.port, snap.deviceCertificateId);

        // The broker's history shows the device's connection by its new certificate.
        bool brokerSaw = false;
        for (const BrokerEvent &event : m_fixture.monitor().recentEvents()) {
            brokerSaw |= event.kind == BrokerEvent::Kind::Connected &&
                         event.certificateId == snap.deviceCertificateId;
        }
        QVERIFY(brokerSaw);
    }
    QVERIFY2(concurrency.maximum > 1, "the devices did not run in parallel");
    QVERIFY(concurrency.maximum <= kDevices);

    const BatchCounters counters = station->counters();
    QCOMPARE(counters.passed, kDevices);
    QCOMPARE(counters.failed, 0);
    QCOMPARE(counters.running, 0);
    QVERIFY(counters.devicesPerHour > 0.0);

    // The audit store holds eight passed attempts, each with every step passed.
    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-1"));
    QCOMPARE(attempts.size(), kDevices);
    const QString apiKey = m_fixture.apiKey();
    for (const AuditAttempt &attempt : attempts) {
        QCOMPARE(attempt.outcome, AuditOutcome::Passed);
        QCOMPARE(stepNames(attempt), kStepNames);
        QCOMPARE(stepOutcomes(attempt), QStringList(kStepNames.size(), QStringLiteral("passed")));
        QCOMPARE(attempt.mode, QStringLiteral("production"));
        QCOMPARE(attempt.operatorName, QStringLiteral("test-operator"));
        QCOMPARE(attempt.stationId, QStringLiteral("station-under-test"));
        QVERIFY(!attempt.thingName.isEmpty());
        QVERIFY(!attempt.certificateId.isEmpty());
        QVERIFY(!attempt.deviceUuid.isEmpty());
        QVERIFY(attempt.error.isEmpty());
        for (const AuditStep &step : attempt.steps) {
            QVERIFY(step.startedAt.isValid());
            QVERIFY(step.finishedAt >= step.startedAt);
            QVERIFY(!step.detail.contains(QLatin1String("PRIVATE KEY")));
            QVERIFY(!step.detail.contains(apiKey));
        }
    }

    // One timeline per device, from all four sources, console text without escape sequences.
    QHash<QString, QSet<TimelineEntry::Source>> sources;
    for (const TimelineEntry &entry : std::as_const(timeline)) {
        sources[entry.port].insert(entry.source);
        QVERIFY2(!entry.text.contains(QChar(0x1B)), qPrintable(entry.text));
        QVERIFY(!entry.text.contains(QLatin1String("PRIVATE KEY")));
        QVERIFY(!entry.text.contains(apiKey));
    }
    for (int i = 0; i < kDevices; ++i) {
        const QSet<TimelineEntry::Source> seen = sources.value(m_fixture.port(i));
        QVERIFY(seen.contains(TimelineEntry::Source::Station));
        QVERIFY(seen.contains(TimelineEntry::Source::Device));
        QVERIFY2(seen.contains(TimelineEntry::Source::Broker), qPrintable(m_fixture.port(i)));
        QVERIFY(seen.contains(TimelineEntry::Source::Console));
    }

    // No job keeps claim credentials once it has passed.
    for (int i = 0; i < kDevices; ++i)
        QVERIFY(!station->job(m_fixture.port(i))->holdsCredentials());
}

void TestProvisioningStation::secondRunLeavesThemAlone()
{
    StationConfig config;
    config.parallelLimit = kDevices;
    config.baud = 921600;
    QString error;
    auto station = m_fixture.makeStation(config, QStringLiteral("batch-2"), &error);
    QVERIFY2(station, qPrintable(error));
    station->start();
    station->provision(m_fixture.ports(0, kDevices));
    QVERIFY2(PipelineFixture::waitIdle(*station, 60000), "the second run did not finish");

    for (int i = 0; i < kDevices; ++i) {
        const DeviceSnapshot snap = station->snapshot(m_fixture.port(i));
        QVERIFY2(snap.state == DeviceState::Skipped, qPrintable(snap.error));
        QVERIFY(!snap.thingName.isEmpty());
        // Nothing changed on the device.
        QCOMPARE(m_fixture.readStorageJson(i, "device-credentials.json")
                     .value(QStringLiteral("certificate_id"))
                     .toString(),
                 m_firstCertificates.value(snap.port));
    }
    QCOMPARE(station->counters().skipped, kDevices);
    QCOMPARE(station->counters().passed, 0);

    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-2"));
    QCOMPARE(attempts.size(), kDevices);
    for (const AuditAttempt &attempt : attempts) {
        QCOMPARE(attempt.outcome, AuditOutcome::Skipped);
        QCOMPARE(stepNames(attempt), kStepNames);
        QCOMPARE(attempt.steps.first().outcome, QStringLiteral("passed"));
        QVERIFY2(attempt.steps.first().detail.contains(QLatin1String("already provisioned")),
                 qPrintable(attempt.steps.first().detail));
        for (int s = 1; s < 7; ++s)
            QCOMPARE(attempt.steps.at(s).outcome, QStringLiteral("skipped"));
    }
}

void TestProvisioningStation::rotationGivesNewCertificatesUnderTheLimit()
{
    constexpr int kRotated = 4;
    StationConfig config;
    config.parallelLimit = 2;
    config.baud = 921600;
    config.mode = ServiceMode::Rotate;
    config.reason = QStringLiteral("claim key rotation after audit finding 17");
    QString error;
    auto station = m_fixture.makeStation(config, QStringLiteral("batch-rotate"), &error);
    QVERIFY2(station, qPrintable(error));
    Concurrency concurrency;
    int maxQueued = 0;
    connect(station.get(), &ProvisioningStation::snapshotChanged, this,
            [&concurrency](const DeviceSnapshot &snap) { concurrency.observe(snap); });
    connect(station.get(), &ProvisioningStation::countersChanged, this,
            [&maxQueued](const BatchCounters &counters) {
                maxQueued = qMax(maxQueued, counters.queued);
                QVERIFY(counters.running <= 2);
            });

    station->start();
    station->provision(m_fixture.ports(0, kRotated));
    QVERIFY2(PipelineFixture::waitIdle(*station, 120000), "the rotation did not finish");

    QCOMPARE(concurrency.maximum, 2);
    QVERIFY(maxQueued >= 2);
    for (int i = 0; i < kRotated; ++i) {
        const DeviceSnapshot snap = station->snapshot(m_fixture.port(i));
        QVERIFY2(snap.state == DeviceState::Passed, qPrintable(snap.error));
        QVERIFY(!snap.deviceCertificateId.isEmpty());
        QVERIFY(snap.deviceCertificateId != m_firstCertificates.value(snap.port));
        QCOMPARE(m_fixture.readStorageJson(i, "device-credentials.json")
                     .value(QStringLiteral("certificate_id"))
                     .toString(),
                 snap.deviceCertificateId);
        QVERIFY(snap.brokerConfirmed);
    }
    // Devices not asked for are untouched.
    QCOMPARE(m_fixture.readStorageJson(kRotated, "device-credentials.json")
                 .value(QStringLiteral("certificate_id"))
                 .toString(),
             m_firstCertificates.value(m_fixture.port(kRotated)));

    const QList<AuditAttempt> attempts = m_fixture.attempts(QStringLiteral("batch-rotate"));
    QCOMPARE(attempts.size(), kRotated);
    for (const AuditAttempt &attempt : attempts) {
        QCOMPARE(attempt.outcome, AuditOutcome::Passed);
        QCOMPARE(attempt.mode, QStringLiteral("rotate"));
        QCOMPARE(attempt.reason, config.reason);
        QCOMPARE(stepNames(attempt), kStepNames);
        QCOMPARE(stepOutcomes(attempt), (QStringList{"passed", "skipped", "skipped", "skipped",
                                                     "passed", "passed", "passed", "passed"}));
    }
}

void TestProvisioningStation::fieldServiceNeedsAReason()
{
    const QList<ServiceMode> modes{ServiceMode::Rotate, ServiceMode::ReplaceClaim,
                                   ServiceMode::EraseClaim};
    for (ServiceMode mode : modes) {
        StationConfig config;
        config.mode = mode;
        config.reason = QStringLiteral("   ");
        config.confirmErase = true;
        QString error;
        auto station = m_fixture.makeStation(config, QStringLiteral("batch-none"), &error);
        QVERIFY(!station);
        QVERIFY2(error.contains(QLatin1String("reason")), qPrintable(error));
    }

    StationConfig erase;
    erase.mode = ServiceMode::EraseClaim;
    erase.reason = QStringLiteral("returned unit");
    QString error;
    QVERIFY(!m_fixture.makeStation(erase, QStringLiteral("batch-none"), &error));
    QVERIFY2(error.contains(QLatin1String("confirmation")), qPrintable(error));
}

void TestProvisioningStation::noSecretInLogsTimelineOrDatabase()
{
    // The claim private keys the devices hold (they came through the station) and the API key.
    QStringList secrets{m_fixture.apiKey()};
    for (int i = 0; i < kDevices; ++i) {
        const QString key = m_fixture.readStorageJson(i, "claim-bundle.json")
                                .value(QStringLiteral("private_key_pem"))
                                .toString();
        QVERIFY(!key.isEmpty());
        secrets << pemBodyLines(key);
    }
    QVERIFY(secrets.size() > kDevices);

    // Everything the station wrote to the database, byte for byte (journal files included).
    QByteArray database;
    const QDir dir(m_fixture.dir());
    for (const QString &name : dir.entryList({QStringLiteral("audit.sqlite*")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        database += file.readAll();
    }
    QVERIFY(database.size() > 0);
    QVERIFY(!g_logLines.isEmpty());
    QVERIFY(!m_timeline.isEmpty());

    const QString logs = g_logLines.join(QLatin1Char('\n'));
    for (const QString &secret : std::as_const(secrets)) {
        QVERIFY2(!logs.contains(secret), "a secret reached the log");
        QVERIFY2(!database.contains(secret.toUtf8()), "a secret reached the audit database");
        for (const TimelineEntry &entry : std::as_const(m_timeline))
            QVERIFY2(!entry.text.contains(secret), "a secret reached the timeline");
    }
}

QTEST_GUILESS_MAIN(TestProvisioningStation)
#include "tst_provisioningstation.moc"
