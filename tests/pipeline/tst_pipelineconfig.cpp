// The pipeline's configuration and the parts of a job that need no device: every bad input
// meets a clear message, endpoints.json is read as the local stack writes it, and a job that cannot
// run says why and records nothing secret.
#include "audit/auditstore.h"
#include "database/databaseconfig.h"
#include "pipeline/devicejob.h"
#include "pipeline/pipelineconfig.h"
#include "pipeline/provisioningstation.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Blackbird;

namespace {

QJsonObject sampleEndpoints(const QString &dir)
{
    return QJsonObject{
        {QStringLiteral("api_key"), QStringLiteral("bbk_not_read_here")},
        {QStringLiteral("ca_file"), QString(dir + QStringLiteral("/pki/root-ca.pem"))},
        {QStringLiteral("device_types"),
         QJsonArray{QStringLiteral("blackbird-sensor-v1"), QStringLiteral("blackbird-gateway-v1")}},
        {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("mqtt_port"), 39393},
        {QStringLiteral("operator_cert"), QString(dir + QStringLiteral("/pki/operator.pem"))},
        {QStringLiteral("operator_key"), QString(dir + QStringLiteral("/pki/operator.key"))},
        {QStringLiteral("registration_url"),
         QStringLiteral("https://127.0.0.1:45855/v1/registrations")},
        {QStringLiteral("template_name"), QStringLiteral("BlackbirdFleetTemplate")},
    };
}

DeviceJobConfig validJobConfig()
{
    DeviceJobConfig config;
    config.port = QStringLiteral("/nonexistent/dev-000");
    config.caPem = "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n";
    config.mqttHost = QStringLiteral("127.0.0.1");
    config.mqttPort = 8883;
    config.templateName = QStringLiteral("BlackbirdFleetTemplate");
    config.timeouts.identifyMs = 3000;
    return config;
}

} // namespace

class TestPipelineConfig : public QObject
{
    Q_OBJECT

private slots:
    void readsEndpointsJson();
    void refusesBadEndpoints_data();
    void refusesBadEndpoints();
    void jobConfigChecks_data();
    void jobConfigChecks();
    void stationConfigChecks();
    void timeoutPerStep();
    void jobOnMissingPortFailsAtIdentify();
    void jobWithoutAuditStoreRunsNothing();
    void stationWithoutAuditStoreStartsNothing();
};

void TestPipelineConfig::readsEndpointsJson()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir().mkpath(dir.filePath("pki")));
    QFile claimCa(dir.filePath("pki/claim-ca.pem"));
    QVERIFY(claimCa.open(QIODevice::WriteOnly));
    claimCa.close();
    QFile file(dir.filePath("endpoints.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(sampleEndpoints(dir.path())).toJson());
    file.close();

    PipelineEndpoint endpoint;
    QString error;
    QVERIFY2(PipelineEndpoint::fromEndpointsJson(file.fileName(), &endpoint, &error),
             qPrintable(error));
    QCOMPARE(endpoint.registrationUrl,
             QUrl(QStringLiteral("https://127.0.0.1:45855/v1/registrations")));
    QCOMPARE(endpoint.caFile, dir.filePath("pki/root-ca.pem"));
    QCOMPARE(endpoint.claimCaFile, dir.filePath("pki/claim-ca.pem"));
    QCOMPARE(endpoint.mqttHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(endpoint.mqttPort, quint16(39393));
    QCOMPARE(endpoint.templateName, QStringLiteral("BlackbirdFleetTemplate"));
    QCOMPARE(endpoint.deviceTypes, (QStringList{QStringLiteral("blackbird-sensor-v1"),
                                                QStringLiteral("blackbird-gateway-v1")}));
    QCOMPARE(endpoint.operatorCertFile, dir.filePath("pki/operator.pem"));
    QCOMPARE(endpoint.operatorKeyFile, dir.filePath("pki/operator.key"));

    // A file that is not there, or not JSON, is named in the message.
    QVERIFY(!PipelineEndpoint::fromEndpointsJson(dir.filePath("missing.json"), &endpoint, &error));
    QVERIFY2(error.contains(QLatin1String("missing.json")), qPrintable(error));
    QFile broken(dir.filePath("broken.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    QVERIFY(!PipelineEndpoint::fromEndpointsJson(broken.fileName(), &endpoint, &error));
    QVERIFY2(error.contains(QLatin1String("not a JSON object")), qPrintable(error));
}

void TestPipelineConfig::refusesBadEndpoints_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("http url") << "registration_url"
                              << QJsonValue(QStringLiteral("http://127.0.0.1/v1/registrations"))
                              << "https://";
    QTest::newRow("no url") << "registration_url" << QJsonValue() << "https://";
    QTest::newRow("no ca") << "ca_file" << QJsonValue() << "CA file";
    QTest::newRow("no host") << "mqtt_host" << QJsonValue() << "broker host";
    QTest::newRow("port zero") << "mqtt_port" << QJsonValue(0) << "mqtt_port";
    QTest::newRow("port too big") << "mqtt_port" << QJsonValue(70000) << "mqtt_port";
    QTest::newRow("no template") << "template_name" << QJsonValue() << "template name";
}

void TestPipelineConfig::refusesBadEndpoints()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);

    QJsonObject endpoints = sampleEndpoints(QStringLiteral("/tmp/none"));
    if (value.isNull())
        endpoints.remove(field);
    else
        endpoints.insert(field, value);
    PipelineEndpoint endpoint;
    QString error;
    QVERIFY(!PipelineEndpoint::fromEndpointsObject(endpoints, &endpoint, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestPipelineConfig::jobConfigChecks_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("confirm");
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("dropBundleFields");
    QTest::addColumn<QString>("expected"); // empty: valid

    const int production = int(ServiceMode::Production);
    const int rotate = int(ServiceMode::Rotate);
    const int replace = int(ServiceMode::ReplaceClaim);
    const int erase = int(ServiceMode::EraseClaim);
    QTest::newRow("production") << production << "" << false << "csr" << false << "";
    QTest::newRow("create_keys") << production << "" << false << "create_keys" << false << "";
    QTest::newRow("unknown method") << production << "" << false << "magic" << false << "magic";
    QTest::newRow("rotate without reason") << rotate << "" << false << "csr" << false << "reason";
    QTest::newRow("rotate blank reason") << rotate << "  " << false << "csr" << false << "reason";
    QTest::newRow("rotate") << rotate << "key rotation" << false << "csr" << true << "";
    QTest::newRow("replace without reason") << replace << "" << false << "csr" << false << "reason";
    QTest::newRow("replace without bundle fields")
        << replace << "new claim" << false << "csr" << true << "claim bundle";
    QTest::newRow("production without bundle fields")
        << production << "" << false << "csr" << true << "claim bundle";
    QTest::newRow("erase unconfirmed")
        << erase << "returned" << false << "csr" << true << "confirmation";
    QTest::newRow("erase") << erase << "returned" << true << "csr" << true << "";
}

void TestPipelineConfig::jobConfigChecks()
{
    QFETCH(int, mode);
    QFETCH(QString, reason);
    QFETCH(bool, confirm);
    QFETCH(QString, method);
    QFETCH(bool, dropBundleFields);
    QFETCH(QString, expected);

    DeviceJobConfig config = validJobConfig();
    config.mode = ServiceMode(mode);
    config.reason = reason;
    config.confirmErase = confirm;
    config.provisioningMethod = method;
    if (dropBundleFields)
        config.caPem.clear();
    QString error;
    const bool ok = config.validate(&error);
    if (expected.isEmpty()) {
        QVERIFY2(ok, qPrintable(error));
    } else {
        QVERIFY(!ok);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    DeviceJobConfig noPort = validJobConfig();
    noPort.port.clear();
    QVERIFY(!noPort.validate(&error));
    QVERIFY2(error.contains(QLatin1String("port")), qPrintable(error));
}

void TestPipelineConfig::stationConfigChecks()
{
    StationConfig config;
    config.endpoint.registrationUrl = QUrl(QStringLiteral("https://127.0.0.1:1/v1/registrations"));
    config.endpoint.caFile = QStringLiteral("/tmp/none/root-ca.pem");
    config.endpoint.mqttHost = QStringLiteral("127.0.0.1");
    config.endpoint.mqttPort = 8883;
    config.endpoint.templateName = QStringLiteral("T");
    QString error;
    QVERIFY2(config.validate(&error), qPrintable(error));

    StationConfig zero = config;
    zero.parallelLimit = 0;
    QVERIFY(!zero.validate(&error));
    QVERIFY2(error.contains(QLatin1String("parallel limit")), qPrintable(error));

    StationConfig baud = config;
    baud.baud = 0;
    QVERIFY(!baud.validate(&error));
    QVERIFY2(error.contains(QLatin1String("baud")), qPrintable(error));

    // The station reads the CA file itself and says when it cannot.
    ProvisioningStation station;
    QVERIFY(!station.setConfig(config, &error));
    QVERIFY2(error.contains(QLatin1String("root-ca.pem")), qPrintable(error));
}

void TestPipelineConfig::timeoutPerStep()
{
    PipelineTimeouts timeouts;
    timeouts.identifyMs = 1;
    timeouts.registerMs = 2;
    timeouts.transferMs = 3;
    timeouts.commitMs = 4;
    timeouts.provisionMs = 5;
    timeouts.watchMs = 6;
    timeouts.verifyMs = 7;
    timeouts.recordMs = 8;
    QCOMPARE(timeouts.forStep(ProvisioningStep::Identify), 1);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Register), 2);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Transfer), 3);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Commit), 4);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Provision), 5);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Watch), 6);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Verify), 7);
    QCOMPARE(timeouts.forStep(ProvisioningStep::Record), 8);
}

void TestPipelineConfig::jobOnMissingPortFailsAtIdentify()
{
    QTemporaryDir dir;
    AuditStore audit;
    QFutureWatcher<AuditResult> opened;
    QSignalSpy openedSpy(&opened, &QFutureWatcher<AuditResult>::finished);
    opened.setFuture(audit.open(DatabaseConfig::sqlite(dir.filePath("audit.sqlite"))));
    QVERIFY(openedSpy.wait(10000) || opened.isFinished());
    QVERIFY2(opened.result().ok, qPrintable(opened.result().error));

    DeviceJobServices services;
    services.audit = &audit;
    DeviceJobConfig config = validJobConfig();
    config.batch = BatchContext{QStringLiteral("b"), QStringLiteral("op"), QStringLiteral("st")};
    DeviceJob job(config, services);
    QSignalSpy finished(&job, &DeviceJob::finished);
    job.start();
    QVERIFY(finished.wait(10000));

    const DeviceSnapshot snap = job.snapshot();
    QCOMPARE(snap.state, DeviceState::Failed);
    QCOMPARE(job.failedStep(), ProvisioningStep::Identify);
    QVERIFY2(snap.error.contains(QLatin1String("cannot open /nonexistent/dev-000")),
             qPrintable(snap.error));
    QVERIFY(job.canRetry());

    // The failure is in the record with the same reason.
    audit.waitForIdle();
    QFutureWatcher<QList<AuditAttempt>> read;
    QSignalSpy readSpy(&read, &QFutureWatcher<QList<AuditAttempt>>::finished);
    read.setFuture(audit.attempts(AuditQuery{}));
    QVERIFY(readSpy.wait(10000) || read.isFinished());
    const QList<AuditAttempt> attempts = read.result();
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().outcome, AuditOutcome::Failed);
    QCOMPARE(attempts.first().error, snap.error);
    QCOMPARE(attempts.first().lastStep, QStringLiteral("identify"));

    // A retry is a new attempt that fails the same way.
    QVERIFY(job.retry());
    QVERIFY(finished.wait(10000));
    QCOMPARE(job.snapshot().state, DeviceState::Failed);
    QVERIFY(job.snapshot().attemptId != snap.attemptId);
}

void TestPipelineConfig::jobWithoutAuditStoreRunsNothing()
{
    DeviceJob job(validJobConfig(), DeviceJobServices{});
    QSignalSpy finished(&job, &DeviceJob::finished);
    job.start();
    QVERIFY(finished.count() == 1 || finished.wait(5000));
    QCOMPARE(job.snapshot().state, DeviceState::Failed);
    QVERIFY2(job.snapshot().error.contains(QLatin1String("audit")),
             qPrintable(job.snapshot().error));
}

void TestPipelineConfig::stationWithoutAuditStoreStartsNothing()
{
    ProvisioningStation station;
    QSignalSpy blocked(&station, &ProvisioningStation::startsBlockedChanged);
    station.setAuditStore(nullptr);
    QCOMPARE(blocked.count(), 1);
    QVERIFY(station.startsBlocked());
    QVERIFY(blocked.first().at(1).toString().contains(QLatin1String("audit")));
    station.start();
    station.provision({QStringLiteral("/nonexistent/dev-000")});
    QTest::qWait(50);
    QCOMPARE(station.counters().running, 0);
    QCOMPARE(station.counters().queued, 1);
    QVERIFY(!station.job(QStringLiteral("/nonexistent/dev-000")));
    QVERIFY(station.cancel(QStringLiteral("/nonexistent/dev-000")));
    QCOMPARE(station.snapshot(QStringLiteral("/nonexistent/dev-000")).state,
             DeviceState::Cancelled);
    QVERIFY(station.isIdle());
}

QTEST_GUILESS_MAIN(TestPipelineConfig)
#include "tst_pipelineconfig.moc"
