// The broker monitor: its strict event parser on its own (good payloads, bad JSON, wrong types,
// missing fields, foreign topics), its configuration checks, and the real thing against the real
// blackbird-local: a device registered over HTTPS runs fleet provisioning with its claim
// credentials while the monitor watches with the operator certificate; a wrong CA, a certificate
// that is not the operator's, a malformed event and a broker restart.
#include "httpsclient.h"
#include "mqttpeer.h"
#include "stackprocess.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"
#include "mqtt/brokermonitor.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace Blackbird;

namespace {

const QDateTime kReceived = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject presencePayload()
{
    return {{QStringLiteral("clientId"), QStringLiteral("dev-1")},
            {QStringLiteral("timestamp"), 1767225600123.0},
            {QStringLiteral("eventType"), QStringLiteral("connected")},
            {QStringLiteral("ipAddress"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("sessionIdentifier"), QStringLiteral("s-1")},
            {QStringLiteral("principalIdentifier"), QStringLiteral("ab12cd34ef56ab12cd34ef56")},
            {QStringLiteral("thingName"), QStringLiteral("sensor_1")},
            {QStringLiteral("versionNumber"), 0}};
}

QJsonObject thingPayload()
{
    return {{QStringLiteral("eventType"), QStringLiteral("THING_EVENT")},
            {QStringLiteral("eventId"), QStringLiteral("e-1")},
            {QStringLiteral("timestamp"), 1767225600123.0},
            {QStringLiteral("operation"), QStringLiteral("CREATED")},
            {QStringLiteral("thingName"), QStringLiteral("sensor_1")},
            {QStringLiteral("thingTypeName"), QJsonValue::Null},
            {QStringLiteral("attributes"),
             QJsonObject{{QStringLiteral("uuid"), QStringLiteral("u-1")},
                         {QStringLiteral("device_type"), QStringLiteral("blackbird-sensor-v1")}}},
            {QStringLiteral("versionNumber"), 1}};
}

QJsonObject acceptedPayload()
{
    return {{QStringLiteral("operation"), QStringLiteral("RegisterThing")},
            {QStringLiteral("clientId"), QStringLiteral("claim-1")},
            {QStringLiteral("claimCertificateId"), QStringLiteral("c1")},
            {QStringLiteral("certificateId"), QStringLiteral("d1")},
            {QStringLiteral("thingName"), QStringLiteral("sensor_1")},
            {QStringLiteral("uuid"), QStringLiteral("u-1")},
            {QStringLiteral("timestamp"), QStringLiteral("2026-01-01T00:00:00.123Z")}};
}

QJsonObject rejectedPayload()
{
    return {{QStringLiteral("operation"), QStringLiteral("RegisterThing")},
            {QStringLiteral("clientId"), QStringLiteral("claim-1")},
            {QStringLiteral("claimCertificateId"), QStringLiteral("c1")},
            {QStringLiteral("statusCode"), 403},
            {QStringLiteral("errorCode"), QStringLiteral("InvalidSignature")},
            {QStringLiteral("errorMessage"), QStringLiteral("The signature does not verify.")},
            {QStringLiteral("uuid"), QStringLiteral("u-1")},
            {QStringLiteral("timestamp"), QStringLiteral("2026-01-01T00:00:00.123Z")}};
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

const QString kConnectedTopic = QStringLiteral("$aws/events/presence/connected/dev-1");
const QString kThingTopic = QStringLiteral("$aws/events/thing/sensor_1/created");
const QString kAcceptedTopic = QStringLiteral("blackbird/events/provisioning/accepted");
const QString kRejectedTopic = QStringLiteral("blackbird/events/provisioning/rejected");

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestBrokerMonitor : public QObject
{
    Q_OBJECT

private slots:
    // The parser and the configuration, without a broker.
    void parsesEachKind();
    void readsIsoAndEpochTimestampsAsUtc();
    void dropsMalformedPayloads_data();
    void dropsMalformedPayloads();
    void ignoresForeignTopics_data();
    void ignoresForeignTopics();
    void describesEventsForTheTimeline();
    void buildsConfigFromEndpoints();
    void refusesBadEndpoints_data();
    void refusesBadEndpoints();
    void refusesUnusableConfig_data();
    void refusesUnusableConfig();

    // Against the real blackbird-local.
    void initTestCase();
    void cleanupTestCase();
    void watchesAFleetProvisioningFromTheBroker();
    void keepsRecentEventsWithinItsBounds();
    void dropsAMalformedEventAndKeepsWatching();
    void refusesABrokerItCannotVerify();
    void saysWhenTheCertificateIsNotAnOperatorOne();
    void reconnectsAndResubscribesAfterABrokerRestart();

private:
    bool startStack();
    QByteArray readFile(const QString &key) const;
    MqttPeer::Broker broker() const;
    BrokerMonitor::Config operatorConfig() const;
    bool startMonitor(BrokerMonitor &monitor, BrokerMonitor::Config config);
    // Waits for the first event of kind with the given client id or thing name.
    // Waits for the first event of kind, from index from on, with the given client id (or thing
    // name, for thing events) and operation.
    std::optional<BrokerEvent> waitFor(BrokerEvent::Kind kind, const QString &who,
                                       const QString &operation = {}, qsizetype from = 0);
    bool registerDevice(const EcKey &signingKey, const QString &uuid, QJsonObject *answer);

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    QJsonObject m_endpoints;
    quint16 m_mqttPort = 0;
    std::unique_ptr<BrokerMonitor> m_monitor;
    QList<BrokerEvent> m_events;
};

// --- The parser ------------------------------------------------------------------------------

void TestBrokerMonitor::parsesEachKind()
{
    QString error;
    auto connected = parseBrokerEvent(kConnectedTopic, json(presencePayload()), kReceived, &error);
    QVERIFY2(connected, qPrintable(error));
    QCOMPARE(connected->kind, BrokerEvent::Kind::Connected);
    QCOMPARE(connected->clientId, QStringLiteral("dev-1"));
    QCOMPARE(connected->certificateId, QStringLiteral("ab12cd34ef56ab12cd34ef56"));
    QCOMPARE(connected->thingName, QStringLiteral("sensor_1"));
    QCOMPARE(connected->brokerTime.toMSecsSinceEpoch(), 1767225600123);
    QCOMPARE(connected->receivedAt, kReceived);
    QCOMPARE(connected->topic, kConnectedTopic);

    QJsonObject gone =
        with(presencePayload(), QStringLiteral("eventType"), QStringLiteral("disconnected"));
    gone.insert(QStringLiteral("clientInitiatedDisconnect"), false);
    gone.insert(QStringLiteral("disconnectReason"), QStringLiteral("UNKNOWN"));
    auto disconnected = parseBrokerEvent(QStringLiteral("$aws/events/presence/disconnected/dev-1"),
                                         json(gone), kReceived, &error);
    QVERIFY2(disconnected, qPrintable(error));
    QCOMPARE(disconnected->kind, BrokerEvent::Kind::Disconnected);
    QCOMPARE(disconnected->certificateId, QStringLiteral("ab12cd34ef56ab12cd34ef56"));

    auto thing = parseBrokerEvent(kThingTopic, json(thingPayload()), kReceived, &error);
    QVERIFY2(thing, qPrintable(error));
    QCOMPARE(thing->kind, BrokerEvent::Kind::ThingRegistered);
    QCOMPARE(thing->thingName, QStringLiteral("sensor_1"));
    QCOMPARE(thing->deviceUuid, QStringLiteral("u-1"));
    QCOMPARE(thing->deviceType, QStringLiteral("blackbird-sensor-v1"));
    QCOMPARE(thing->operation, QStringLiteral("CREATED"));

    auto accepted = parseBrokerEvent(kAcceptedTopic, json(acceptedPayload()), kReceived, &error);
    QVERIFY2(accepted, qPrintable(error));
    QCOMPARE(accepted->kind, BrokerEvent::Kind::Accepted);
    QCOMPARE(accepted->operation, QStringLiteral("RegisterThing"));
    QCOMPARE(accepted->clientId, QStringLiteral("claim-1"));
    QCOMPARE(accepted->claimCertificateId, QStringLiteral("c1"));
    QCOMPARE(accepted->certificateId, QStringLiteral("d1"));
    QCOMPARE(accepted->thingName, QStringLiteral("sensor_1"));
    QCOMPARE(accepted->deviceUuid, QStringLiteral("u-1"));

    auto rejected = parseBrokerEvent(kRejectedTopic, json(rejectedPayload()), kReceived, &error);
    QVERIFY2(rejected, qPrintable(error));
    QCOMPARE(rejected->kind, BrokerEvent::Kind::Rejected);
    QCOMPARE(rejected->statusCode, 403);
    QCOMPARE(rejected->errorCode, QStringLiteral("InvalidSignature"));
    QCOMPARE(rejected->errorMessage, QStringLiteral("The signature does not verify."));
    QCOMPARE(rejected->certificateId, QString());
    QVERIFY(error.isEmpty());
}

void TestBrokerMonitor::readsIsoAndEpochTimestampsAsUtc()
{
    QString error;
    const QDateTime expected = QDateTime::fromMSecsSinceEpoch(1767225600123, Qt::UTC);
    for (const QJsonValue &stamp :
         {QJsonValue(1767225600123.0), QJsonValue(QStringLiteral("2026-01-01T00:00:00.123Z")),
          QJsonValue(QStringLiteral("2026-01-01T02:00:00.123+02:00"))}) {
        auto event = parseBrokerEvent(
            kAcceptedTopic, json(with(acceptedPayload(), QStringLiteral("timestamp"), stamp)),
            kReceived, &error);
        QVERIFY2(event, qPrintable(error));
        QCOMPARE(event->brokerTime, expected);
        QCOMPARE(event->brokerTime.timeSpec(), Qt::UTC);
    }
}

void TestBrokerMonitor::dropsMalformedPayloads_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("errorPart");

    const QString created = kThingTopic;
    QTest::newRow("not JSON") << kConnectedTopic << QByteArray("{\"clientId\": ") << "not JSON";
    QTest::newRow("empty") << kAcceptedTopic << QByteArray() << "not JSON";
    QTest::newRow("array") << kRejectedTopic << QByteArray("[1,2]") << "not a JSON object";
    QTest::newRow("bare string") << kThingTopic << QByteArray("\"hello\"") << "not JSON";
    QTest::newRow("huge") << kAcceptedTopic << QByteArray(70000, ' ') << "more than an event";
    QTest::newRow("binary") << kConnectedTopic << QByteArray("\x00\xff\xfe", 3) << "not JSON";

    QTest::newRow("presence without clientId")
        << kConnectedTopic << json(with(presencePayload(), "clientId", QJsonValue::Undefined))
        << "\"clientId\" is missing";
    QTest::newRow("presence clientId a number")
        << kConnectedTopic << json(with(presencePayload(), "clientId", 7)) << "not a string";
    QTest::newRow("presence clientId null")
        << kConnectedTopic << json(with(presencePayload(), "clientId", QJsonValue::Null))
        << "not a string";
    QTest::newRow("presence clientId of another client")
        << kConnectedTopic << json(with(presencePayload(), "clientId", "dev-2"))
        << "differs from the client id";
    QTest::newRow("presence principalIdentifier an object")
        << kConnectedTopic << json(with(presencePayload(), "principalIdentifier", QJsonObject()))
        << "\"principalIdentifier\" is not a string";
    QTest::newRow("presence eventType of the other topic")
        << kConnectedTopic << json(with(presencePayload(), "eventType", "disconnected"))
        << "\"eventType\"";
    QTest::newRow("presence without timestamp")
        << kConnectedTopic << json(with(presencePayload(), "timestamp", QJsonValue::Undefined))
        << "\"timestamp\" is missing";
    QTest::newRow("timestamp fractional")
        << kConnectedTopic << json(with(presencePayload(), "timestamp", 12.5)) << "whole number";
    QTest::newRow("timestamp negative")
        << kConnectedTopic << json(with(presencePayload(), "timestamp", -1)) << "whole number";
    QTest::newRow("timestamp a bool")
        << kConnectedTopic << json(with(presencePayload(), "timestamp", true)) << "whole number";
    QTest::newRow("timestamp text not a time")
        << kAcceptedTopic << json(with(acceptedPayload(), "timestamp", "yesterday"))
        << "not an ISO 8601 time";

    QTest::newRow("thing without thingName")
        << created << json(with(thingPayload(), "thingName", QJsonValue::Undefined))
        << "\"thingName\" is missing";
    QTest::newRow("thing of another thing")
        << created << json(with(thingPayload(), "thingName", "other")) << "differs from the thing";
    QTest::newRow("thing operation of the other topic")
        << created << json(with(thingPayload(), "operation", "UPDATED")) << "\"operation\"";
    QTest::newRow("thing eventType wrong")
        << created << json(with(thingPayload(), "eventType", "THING_GROUP_EVENT"))
        << "not THING_EVENT";
    QTest::newRow("thing attributes a list")
        << created << json(with(thingPayload(), "attributes", QJsonArray{1}))
        << "\"attributes\" is not an object";
    QTest::newRow("thing uuid a number")
        << created
        << json(with(thingPayload(), "attributes", QJsonObject{{QStringLiteral("uuid"), 5}}))
        << "in \"attributes\": \"uuid\" is not a string";

    QTest::newRow("accepted without certificateId")
        << kAcceptedTopic << json(with(acceptedPayload(), "certificateId", QJsonValue::Undefined))
        << "\"certificateId\" is missing";
    QTest::newRow("accepted RegisterThing without thingName")
        << kAcceptedTopic << json(with(acceptedPayload(), "thingName", QJsonValue::Undefined))
        << "lacks \"thingName\"";
    QTest::newRow("accepted unknown operation")
        << kAcceptedTopic << json(with(acceptedPayload(), "operation", "DeleteThing"))
        << "not a provisioning operation";
    QTest::newRow("accepted operation a number")
        << kAcceptedTopic << json(with(acceptedPayload(), "operation", 3)) << "not a string";
    QTest::newRow("accepted claimCertificateId empty")
        << kAcceptedTopic << json(with(acceptedPayload(), "claimCertificateId", ""))
        << "\"claimCertificateId\" is empty";
    QTest::newRow("rejected statusCode a string")
        << kRejectedTopic << json(with(rejectedPayload(), "statusCode", "403"))
        << "\"statusCode\" is not a whole number";
    QTest::newRow("rejected statusCode out of range")
        << kRejectedTopic << json(with(rejectedPayload(), "statusCode", 4030))
        << "\"statusCode\" is not a whole number";
    QTest::newRow("rejected without errorCode")
        << kRejectedTopic << json(with(rejectedPayload(), "errorCode", QJsonValue::Undefined))
        << "\"errorCode\" is missing";
    QTest::newRow("rejected errorMessage a list")
        << kRejectedTopic << json(with(rejectedPayload(), "errorMessage", QJsonArray()))
        << "\"errorMessage\" is not a string";
    QTest::newRow("rejected uuid a number")
        << kRejectedTopic << json(with(rejectedPayload(), "uuid", 1)) << "\"uuid\" is not a string";
}

void TestBrokerMonitor::dropsMalformedPayloads()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QString, errorPart);

    QString error;
    const auto event = parseBrokerEvent(topic, payload, kReceived, &error);
    QVERIFY(!event);
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestBrokerMonitor::ignoresForeignTopics_data()
{
    QTest::addColumn<QString>("topic");
    QTest::newRow("thing deleted") << QStringLiteral("$aws/events/thing/sensor_1/deleted");
    QTest::newRow("thing too deep") << QStringLiteral("$aws/events/thing/sensor_1/created/x");
    QTest::newRow("thing without name") << QStringLiteral("$aws/events/thing//created");
    QTest::newRow("presence without client") << QStringLiteral("$aws/events/presence/connected/");
    QTest::newRow("subscriptions") << QStringLiteral("$aws/events/subscriptions/subscribed/x");
    QTest::newRow("provisioning other") << QStringLiteral("blackbird/events/provisioning/other");
    QTest::newRow("device topic") << QStringLiteral("things/sensor_1/shadow/update");
}

void TestBrokerMonitor::ignoresForeignTopics()
{
    QFETCH(QString, topic);
    QString error = QStringLiteral("untouched");
    QVERIFY(!parseBrokerEvent(topic, json(thingPayload()), kReceived, &error));
    QCOMPARE(error, QString());
}

void TestBrokerMonitor::describesEventsForTheTimeline()
{
    QString error;
    auto rejected = parseBrokerEvent(kRejectedTopic, json(rejectedPayload()), kReceived, &error);
    QVERIFY2(rejected, qPrintable(error));
    QCOMPARE(rejected->describe(),
             QStringLiteral("broker: RegisterThing rejected (403 InvalidSignature): The signature "
                            "does not verify. (client claim-1)"));

    auto connected = parseBrokerEvent(kConnectedTopic, json(presencePayload()), kReceived, &error);
    QVERIFY2(connected, qPrintable(error));
    QCOMPARE(connected->describe(), QStringLiteral("broker: client dev-1 connected with "
                                                   "certificate ab12cd34ef56\u2026 (thing "
                                                   "sensor_1)"));

    auto thing = parseBrokerEvent(kThingTopic, json(thingPayload()), kReceived, &error);
    QVERIFY2(thing, qPrintable(error));
    QCOMPARE(thing->describe(), QStringLiteral("broker: thing sensor_1 created for device u-1 "
                                               "(blackbird-sensor-v1)"));

    auto accepted =
        parseBrokerEvent(kAcceptedTopic,
                         json(with(with(acceptedPayload(), "operation", "CreateCertificateFromCsr"),
                                   "thingName", QJsonValue::Undefined)),
                         kReceived, &error);
    QVERIFY2(accepted, qPrintable(error));
    QCOMPARE(accepted->describe(), QStringLiteral("broker: CreateCertificateFromCsr accepted for "
                                                  "client claim-1: certificate d1 issued"));
}

// --- Configuration ---------------------------------------------------------------------------

void TestBrokerMonitor::buildsConfigFromEndpoints()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const char *name, const QByteArray &bytes) {
        QFile file(dir.filePath(QLatin1String(name)));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    QVERIFY(write("ca.pem", "CA"));
    QVERIFY(write("op.pem", "CERT"));
    QVERIFY(write("op.key", "KEY"));
    const QJsonObject endpoints{{QStringLiteral("ca_file"), dir.filePath("ca.pem")},
                                {QStringLiteral("operator_cert"), dir.filePath("op.pem")},
                                {QStringLiteral("operator_key"), dir.filePath("op.key")},
                                {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
                                {QStringLiteral("mqtt_port"), 39393}};
    BrokerMonitor::Config config;
    QString error;
    QVERIFY2(BrokerMonitor::configFromEndpoints(endpoints, &config, &error), qPrintable(error));
    QCOMPARE(config.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(config.port, quint16(39393));
    QCOMPARE(config.caPem, QByteArray("CA"));
    QCOMPARE(config.certificatePem, QByteArray("CERT"));
    QCOMPARE(config.privateKeyPem.view(), QByteArrayView("KEY"));
    QCOMPARE(config.clientId, QString());
}

void TestBrokerMonitor::refusesBadEndpoints_data()
{
    QTest::addColumn<QJsonObject>("endpoints");
    QTest::addColumn<QString>("errorPart");

    const QJsonObject good{{QStringLiteral("ca_file"), QStringLiteral("/nonexistent/ca.pem")},
                           {QStringLiteral("operator_cert"), QStringLiteral("/nonexistent/op.pem")},
                           {QStringLiteral("operator_key"), QStringLiteral("/nonexistent/op.key")},
                           {QStringLiteral("mqtt_host"), QStringLiteral("127.0.0.1")},
                           {QStringLiteral("mqtt_port"), 39393}};
    QTest::newRow("empty") << QJsonObject() << "\"ca_file\" is missing";
    QTest::newRow("no operator key")
        << with(good, "operator_key", QJsonValue::Undefined) << "\"operator_key\" is missing";
    QTest::newRow("port a string") << with(good, "mqtt_port", "39393") << "\"mqtt_port\"";
    QTest::newRow("port zero") << with(good, "mqtt_port", 0) << "\"mqtt_port\"";
    QTest::newRow("port too large") << with(good, "mqtt_port", 70000) << "\"mqtt_port\"";
    QTest::newRow("host a number") << with(good, "mqtt_host", 127) << "\"mqtt_host\"";
    QTest::newRow("files missing") << good << "Cannot read /nonexistent/ca.pem";
}

void TestBrokerMonitor::refusesBadEndpoints()
{
    QFETCH(QJsonObject, endpoints);
    QFETCH(QString, errorPart);

    BrokerMonitor::Config config;
    QString error;
    QVERIFY(!BrokerMonitor::configFromEndpoints(endpoints, &config, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QVERIFY(config.host.isEmpty());
}

void TestBrokerMonitor::refusesUnusableConfig_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("ca");
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("errorPart");

    const EcKey key = EcKey::generate();
    const QByteArray keyPem = key.privatePem().view().toByteArray();
    QTest::newRow("no host") << "" << 8883 << QByteArray("x") << QByteArray("x") << keyPem
                             << "No broker host";
    QTest::newRow("no port") << "127.0.0.1" << 0 << QByteArray("x") << QByteArray("x") << keyPem
                             << "No broker port";
    QTest::newRow("no CA") << "127.0.0.1" << 8883 << QByteArray() << QByteArray("x") << keyPem
                           << "No CA certificate";
    QTest::newRow("no key") << "127.0.0.1" << 8883 << QByteArray("x") << QByteArray("x")
                            << QByteArray() << "certificate and key are both needed";
    QTest::newRow("garbage PEM") << "127.0.0.1" << 8883 << QByteArray("not a certificate")
                                 << QByteArray("not a certificate") << keyPem
                                 << "operator credentials cannot be used";
}

void TestBrokerMonitor::refusesUnusableConfig()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QByteArray, ca);
    QFETCH(QByteArray, certificate);
    QFETCH(QByteArray, key);
    QFETCH(QString, errorPart);

    BrokerMonitor monitor;
    BrokerMonitor::Config config;
    config.host = host;
    config.port = quint16(port);
    config.caPem = ca;
    config.certificatePem = certificate;
    config.privateKeyPem = SecretBytes(key);
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not started")));
    QVERIFY(!monitor.start(std::move(config), &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QVERIFY(!monitor.isConnected());
}

// --- Against the real stack ------------------------------------------------------------------

void TestBrokerMonitor::initTestCase()
{
    if (!QFileInfo::exists(QStringLiteral("/usr/sbin/mosquitto")) &&
        qEnvironmentVariableIsEmpty("BLACKBIRD_MOSQUITTO"))
        QSKIP("mosquitto is not installed: apt-get install mosquitto (scripts/install-deps.sh)");
    QVERIFY(m_dir.isValid());

    // A fixed broker port, so that the restart test finds the broker where it was.
    m_mqttPort = freePort();
    QVERIFY(m_mqttPort != 0);
    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("stack")));
    QVERIFY(startStack());

    m_monitor = std::make_unique<BrokerMonitor>();
    m_monitor->setReconnectDelays(200, 2000);
    connect(m_monitor.get(), &BrokerMonitor::eventReceived, this,
            [this](const BrokerEvent &event) { m_events.append(event); });
    QVERIFY(startMonitor(*m_monitor, operatorConfig()));
}

void TestBrokerMonitor::cleanupTestCase()
{
    m_monitor.reset();
    if (m_stack)
        m_stack->stop();
}

bool TestBrokerMonitor::startStack()
{
    QString error;
    if (!m_stack->start({QStringLiteral("--mqtt-port"), QString::number(m_mqttPort)}, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    m_endpoints = m_stack->endpoints();
    return m_endpoints.value(QStringLiteral("mqtt_port")).toInt() == m_mqttPort;
}

QByteArray TestBrokerMonitor::readFile(const QString &key) const
{
    QFile file(m_endpoints.value(key).toString());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

MqttPeer::Broker TestBrokerMonitor::broker() const
{
    return {m_mqttPort, readFile(QStringLiteral("ca_file"))};
}

BrokerMonitor::Config TestBrokerMonitor::operatorConfig() const
{
    BrokerMonitor::Config config;
    QString error;
    if (!BrokerMonitor::configFromEndpoints(m_endpoints, &config, &error))
        qWarning().noquote() << error;
    return config;
}

bool TestBrokerMonitor::startMonitor(BrokerMonitor &monitor, BrokerMonitor::Config config)
{
    QSignalSpy changed(&monitor, &BrokerMonitor::connectionChanged);
    QString error;
    if (!monitor.start(std::move(config), &error)) {
        qWarning().noquote() << error;
        return false;
    }
    if (!QTest::qWaitFor([&] { return monitor.isConnected(); }, 15000)) {
        for (const QList<QVariant> &arguments : std::as_const(changed))
            qWarning().noquote() << arguments.at(1).toString();
        return false;
    }
    return !changed.isEmpty() && changed.last().at(0).toBool();
}

std::optional<BrokerEvent> TestBrokerMonitor::waitFor(BrokerEvent::Kind kind, const QString &who,
                                                      const QString &operation, qsizetype from)
{
    std::optional<BrokerEvent> found;
    const bool arrived = QTest::qWaitFor(
        [&] {
            for (qsizetype i = from; i < m_events.size(); ++i) {
                const BrokerEvent &event = m_events.at(i);
                const QString name =
                    kind == BrokerEvent::Kind::ThingRegistered ? event.thingName : event.clientId;
                if (event.kind == kind && name == who &&
                    (operation.isEmpty() || event.operation == operation)) {
                    found = event;
                    return true;
                }
            }
            return false;
        },
        10000);
    return arrived ? found : std::nullopt;
}

bool TestBrokerMonitor::registerDevice(const EcKey &signingKey, const QString &uuid,
                                       QJsonObject *answer)
{
    const QString deviceType =
        m_endpoints.value(QStringLiteral("device_types")).toArray().first().toString();
    HttpsClient https(m_endpoints.value(QStringLiteral("ca_file")).toString());
    const QJsonObject body{
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("public_key"), QString::fromLatin1(signingKey.publicBase64())},
        {QStringLiteral("device_type"), deviceType}};
    const HttpsResult registered =
        https.post(QUrl(m_endpoints.value(QStringLiteral("registration_url")).toString()),
                   json(body), m_endpoints.value(QStringLiteral("api_key")).toString().toUtf8());
    *answer = registered.json;
    return registered.status == 201;
}

void TestBrokerMonitor::watchesAFleetProvisioningFromTheBroker()
{
    QVERIFY(m_monitor && m_monitor->isConnected());

    // A device registered over HTTPS, as the station does it.
    const EcKey signingKey = EcKey::generate();
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString deviceType =
        m_endpoints.value(QStringLiteral("device_types")).toArray().first().toString();
    QJsonObject registration;
    QVERIFY(registerDevice(signingKey, uuid, &registration));
    const QString claimId = registration.value(QStringLiteral("certificate_id")).toString();
    QVERIFY(!claimId.isEmpty());

    // Its claim connection: the broker announces it with the claim certificate.
    const QString claimClient = QStringLiteral("claim-") + uuid;
    const QString csrTopic = QStringLiteral("$aws/certificates/create-from-csr/json");
    const QString registerTopic =
        QStringLiteral("$aws/provisioning-templates/%1/provision/json")
            .arg(m_endpoints.value(QStringLiteral("template_name")).toString());
    QString error;
    auto claim = MqttPeer::connect(
        broker(), claimClient,
        registration.value(QStringLiteral("certificate_pem")).toString().toLatin1(),
        registration.value(QStringLiteral("private_key")).toString().toLatin1(),
        replyTopics(csrTopic) + replyTopics(registerTopic), &error);
    QVERIFY2(claim, qPrintable(error));
    auto connected = waitFor(BrokerEvent::Kind::Connected, claimClient);
    QVERIFY(connected);
    QCOMPARE(connected->certificateId, claimId);
    QVERIFY(connected->brokerTime.isValid());
    QVERIFY(qAbs(connected->brokerTime.secsTo(connected->receivedAt)) < 60);

    // CreateCertificateFromCsr: accepted, with the new certificate's id.
    const EcKey deviceKey = EcKey::generate();
    bool accepted = false;
    const auto created = claim->call(csrTopic,
                                     json({{QStringLiteral("certificateSigningRequest"),
                                            QString::fromLatin1(createCsrPem(deviceKey, uuid))}}),
                                     &accepted);
    QVERIFY(created && accepted);
    const QString deviceCertId = created->value(QStringLiteral("certificateId")).toString();
    const QString token = created->value(QStringLiteral("certificateOwnershipToken")).toString();
    auto issued = waitFor(BrokerEvent::Kind::Accepted, claimClient,
                          QStringLiteral("CreateCertificateFromCsr"));
    QVERIFY(issued);
    QCOMPARE(issued->certificateId, deviceCertId);
    QCOMPARE(issued->claimCertificateId, claimId);

    // RegisterThing with a token the service never issued: rejected, as the device heard it.
    const auto registerRequest = [&](const QString &ownershipToken, const QByteArray &signature) {
        return json({{QStringLiteral("certificateOwnershipToken"), ownershipToken},
                     {QStringLiteral("parameters"),
                      QJsonObject{{QStringLiteral("uuid"), uuid},
                                  {QStringLiteral("device_type"), deviceType},
                                  {QStringLiteral("signature"),
                                   QString::fromLatin1(signature.toBase64())}}}});
    };
    const QString badToken = QStringLiteral("not-a-token");
    const auto refused = claim->call(
        registerTopic, registerRequest(badToken, signingKey.sign(badToken.toUtf8())), &accepted);
    QVERIFY(refused && !accepted);
    auto badTokenEvent =
        waitFor(BrokerEvent::Kind::Rejected, claimClient, QStringLiteral("RegisterThing"));
    QVERIFY(badTokenEvent);
    QCOMPARE(badTokenEvent->statusCode, refused->value(QStringLiteral("statusCode")).toInt());
    QCOMPARE(badTokenEvent->errorCode, refused->value(QStringLiteral("errorCode")).toString());
    QCOMPARE(badTokenEvent->errorMessage,
             refused->value(QStringLiteral("errorMessage")).toString());
    QCOMPARE(badTokenEvent->claimCertificateId, claimId);
    QVERIFY(badTokenEvent->statusCode >= 400);
    QVERIFY(!badTokenEvent->errorCode.isEmpty());
    QVERIFY2(badTokenEvent->describe().contains(QStringLiteral("RegisterThing rejected (%1 %2)")
                                                    .arg(badTokenEvent->statusCode)
                                                    .arg(badTokenEvent->errorCode)),
             qPrintable(badTokenEvent->describe()));

    // A real token signed by the wrong key: 403 InvalidSignature, naming the certificate.
    const qsizetype before = m_events.size();
    const auto badSignature = claim->call(
        registerTopic, registerRequest(token, EcKey::generate().sign(token.toUtf8())), &accepted);
    QVERIFY(badSignature && !accepted);
    auto signatureEvent =
        waitFor(BrokerEvent::Kind::Rejected, claimClient, QStringLiteral("RegisterThing"), before);
    QVERIFY(signatureEvent);
    QCOMPARE(signatureEvent->statusCode, 403);
    QCOMPARE(signatureEvent->errorCode, QStringLiteral("InvalidSignature"));
    QCOMPARE(signatureEvent->certificateId, deviceCertId);
    QCOMPARE(signatureEvent->deviceUuid, uuid);

    // The right signature: accepted, and the thing is created.
    const auto thing = claim->call(
        registerTopic, registerRequest(token, signingKey.sign(token.toUtf8())), &accepted);
    QVERIFY(thing && accepted);
    const QString thingName = thing->value(QStringLiteral("thingName")).toString();
    auto registered =
        waitFor(BrokerEvent::Kind::Accepted, claimClient, QStringLiteral("RegisterThing"));
    QVERIFY(registered);
    QCOMPARE(registered->thingName, thingName);
    QCOMPARE(registered->certificateId, deviceCertId);
    QCOMPARE(registered->deviceUuid, uuid);
    auto thingEvent = waitFor(BrokerEvent::Kind::ThingRegistered, thingName);
    QVERIFY(thingEvent);
    QCOMPARE(thingEvent->operation, QStringLiteral("CREATED"));
    QCOMPARE(thingEvent->deviceUuid, uuid);
    QCOMPARE(thingEvent->deviceType, deviceType);

    // The claim connection goes; the device comes back with its permanent certificate.
    claim.reset();
    auto gone = waitFor(BrokerEvent::Kind::Disconnected, claimClient);
    QVERIFY(gone);
    QCOMPARE(gone->certificateId, claimId);
    auto device = MqttPeer::connect(
        broker(), thingName, created->value(QStringLiteral("certificatePem")).toString().toLatin1(),
        deviceKey.privatePem().view().toByteArray(), {}, &error);
    QVERIFY2(device, qPrintable(error));
    auto permanent = waitFor(BrokerEvent::Kind::Connected, thingName);
    QVERIFY(permanent);
    QCOMPARE(permanent->certificateId, deviceCertId);
    QCOMPARE(permanent->thingName, thingName);
    QVERIFY2(permanent->describe().contains(deviceCertId.left(12)),
             qPrintable(permanent->describe()));

    // A job that starts watching now still finds all of it, in order.
    const QList<BrokerEvent> recent = m_monitor->recentEvents();
    QStringList seen;
    for (const BrokerEvent &event : recent) {
        if (event.clientId == claimClient || event.thingName == thingName)
            seen << event.describe().section(QLatin1Char(' '), 1, 3);
    }
    QVERIFY2(seen.size() >= 7, qPrintable(seen.join(QStringLiteral(" | "))));
    QVERIFY(recent.first().receivedAt <= recent.last().receivedAt);
}

void TestBrokerMonitor::keepsRecentEventsWithinItsBounds()
{
    // A second monitor that keeps only the last two events.
    BrokerMonitor monitor;
    monitor.setHistoryLimits(300, 2);
    QVERIFY(startMonitor(monitor, operatorConfig()));

    QStringList clients;
    const QByteArray operatorCert = readFile(QStringLiteral("operator_cert"));
    const QByteArray operatorKey = readFile(QStringLiteral("operator_key"));
    QString error;
    for (int i = 0; i < 3; ++i) {
        clients << QStringLiteral("bounds-%1").arg(i);
        auto peer =
            MqttPeer::connect(broker(), clients.last(), operatorCert, operatorKey, {}, &error);
        QVERIFY2(peer, qPrintable(error));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.recentEvents().isEmpty() &&
                                 monitor.recentEvents().last().kind ==
                                     BrokerEvent::Kind::Disconnected &&
                                 monitor.recentEvents().last().clientId == clients.last(),
                             10000);
    const QList<BrokerEvent> recent = monitor.recentEvents();
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent.first().clientId, clients.last());
    QCOMPARE(recent.first().kind, BrokerEvent::Kind::Connected);

    // Age counts too: with a one-second window the old events fall out.
    monitor.setHistoryLimits(1, 100);
    QTest::qWait(1100);
    QVERIFY(monitor.recentEvents().isEmpty());
}

void TestBrokerMonitor::dropsAMalformedEventAndKeepsWatching()
{
    // The fleet service's certificate may publish events; this connection uses it to send junk.
    const QString pki = m_stack->stateDir() + QStringLiteral("/pki/");
    const auto read = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QString error;
    auto service = MqttPeer::connect(broker(), QStringLiteral("monitor-test-publisher"),
                                     read(pki + QStringLiteral("fleet-service.pem")),
                                     read(pki + QStringLiteral("fleet-service.key")), {}, &error);
    QVERIFY2(service, qPrintable(error));

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("dropped a malformed event on "
                                                           "blackbird/events/provisioning/"
                                                           "rejected.*not JSON")));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("dropped a malformed event.*"
                                                           "\"statusCode\" is not a whole")));
    const qsizetype before = m_events.size();
    QVERIFY(service->publishAcked(kRejectedTopic, QByteArray("{\"operation\": [")));
    QVERIFY(service->publishAcked(kRejectedTopic,
                                  json(with(rejectedPayload(), "statusCode", "forbidden"))));
    const QString deleted = QStringLiteral("$aws/events/thing/sensor_1/deleted");
    QVERIFY(service->publishAcked(deleted, json(thingPayload())));
    QVERIFY(service->publishAcked(kRejectedTopic,
                                  json(with(rejectedPayload(), "clientId", "after-the-junk"))));

    auto good = waitFor(BrokerEvent::Kind::Rejected, QStringLiteral("after-the-junk"));
    QVERIFY(good);
    QCOMPARE(good->errorCode, QStringLiteral("InvalidSignature"));
    // Only the good one became an event; the junk and the foreign topic did not.
    qsizetype rejectedSince = 0;
    for (qsizetype i = before; i < m_events.size(); ++i) {
        rejectedSince += m_events.at(i).kind == BrokerEvent::Kind::Rejected ? 1 : 0;
        QVERIFY(m_events.at(i).topic != deleted);
    }
    QCOMPARE(rejectedSince, 1);
    QVERIFY(m_monitor->isConnected());
}

void TestBrokerMonitor::refusesABrokerItCannotVerify()
{
    // The device CA did not sign the broker's certificate.
    BrokerMonitor::Config config = operatorConfig();
    QFile deviceCa(m_stack->stateDir() + QStringLiteral("/pki/device-ca.pem"));
    QVERIFY(deviceCa.open(QIODevice::ReadOnly));
    config.caPem = deviceCa.readAll();

    BrokerMonitor monitor;
    monitor.setReconnectDelays(200, 400);
    QSignalSpy changed(&monitor, &BrokerMonitor::connectionChanged);
    QString error;
    QVERIFY2(monitor.start(std::move(config), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);
    QCOMPARE(changed.first().at(0).toBool(), false);
    const QString reason = changed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("TLS")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("certificate")), qPrintable(reason));

    // It keeps trying with backoff, never connects, and says the same thing only once.
    QTest::qWait(1500);
    QVERIFY(!monitor.isConnected());
    for (const QList<QVariant> &arguments : std::as_const(changed))
        QCOMPARE(arguments.at(0).toBool(), false);
    QCOMPARE(changed.count(), 1);
}

void TestBrokerMonitor::saysWhenTheCertificateIsNotAnOperatorOne()
{
    // A claim certificate connects, but may not read the event topics.
    const EcKey signingKey = EcKey::generate();
    QJsonObject registration;
    QVERIFY(registerDevice(signingKey, QUuid::createUuid().toString(QUuid::WithoutBraces),
                           &registration));
    BrokerMonitor::Config config = operatorConfig();
    config.certificatePem =
        registration.value(QStringLiteral("certificate_pem")).toString().toLatin1();
    config.privateKeyPem =
        SecretBytes(registration.value(QStringLiteral("private_key")).toString().toLatin1());

    BrokerMonitor monitor;
    QSignalSpy changed(&monitor, &BrokerMonitor::connectionChanged);
    QString error;
    QVERIFY2(monitor.start(std::move(config), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);
    QCOMPARE(changed.first().at(0).toBool(), false);
    const QString reason = changed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("not an operator certificate")), qPrintable(reason));
    QTest::qWait(300);
    QVERIFY(!monitor.isConnected());
    QCOMPARE(changed.count(), 1);
}

void TestBrokerMonitor::reconnectsAndResubscribesAfterABrokerRestart()
{
    QVERIFY(m_monitor->isConnected());
    QSignalSpy changed(m_monitor.get(), &BrokerMonitor::connectionChanged);

    // The stack (and its broker) goes away: the monitor says so.
    QCOMPARE(m_stack->stop(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);
    QCOMPARE(changed.first().at(0).toBool(), false);
    QVERIFY2(changed.first().at(1).toString().startsWith(QLatin1String("Lost the broker")),
             qPrintable(changed.first().at(1).toString()));
    QVERIFY(!m_monitor->isConnected());

    // Down for a while: several attempts fail, the backoff keeps them apart.
    QTest::qWait(1500);
    QVERIFY(!m_monitor->isConnected());

    // Back on the same port: the monitor reconnects by itself and subscribes again.
    QVERIFY(startStack());
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->isConnected(), 20000);
    QCOMPARE(changed.last().at(0).toBool(), true);

    const QString client = QStringLiteral("after-restart");
    QString error;
    auto peer = MqttPeer::connect(broker(), client, readFile(QStringLiteral("operator_cert")),
                                  readFile(QStringLiteral("operator_key")), {}, &error);
    QVERIFY2(peer, qPrintable(error));
    auto seen = waitFor(BrokerEvent::Kind::Connected, client);
    QVERIFY(seen);
    QVERIFY(!seen->certificateId.isEmpty());
}

QTEST_GUILESS_MAIN(TestBrokerMonitor)
#include "tst_brokermonitor.moc"
