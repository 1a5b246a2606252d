// Fleet provisioning end to end against a real Mosquitto 2 running blackbird-fleet-plugin, with
// the fleet-provisioning service in this process (so its clock can be moved) and real claim
// credentials from the registration store. Every client is a real TLS MQTT connection.
#include "brokerprocess.h"
#include "certificateauthority.h"
#include "database/databaseconfig.h"
#include "fleetservice.h"
#include "localfiles.h"
#include "localpki.h"
#include "mosquittoconfig.h"
#include "registrationstore.h"
#include "statefolder.h"

#include "mqttpeer.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"
#include "mqtt/mqttclient.h"

#include <QCborMap>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

#include <pwd.h>
#include <unistd.h>

using namespace Blackbird;
using namespace Blackbird::Local;

namespace {

const QString kTemplate = QStringLiteral("TestFleetTemplate");
const QString kCreateKeys = QStringLiteral("$aws/certificates/create/json");
const QString kCreateFromCsr = QStringLiteral("$aws/certificates/create-from-csr/json");
const QString kRegister =
    QStringLiteral("$aws/provisioning-templates/TestFleetTemplate/provision/json");
const QString kServiceClientId = QStringLiteral("tst-fleet-service");

QJsonObject parse(const QByteArray &payload)
{
    return QJsonDocument::fromJson(payload).object();
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A device the registration service knows: its signing key and its claim credentials.
struct Device
{
    QString uuid;
    QString deviceType;
    EcKey signingKey;
    QString claimCertificateId;
    QByteArray claimCertificatePem;
    QByteArray claimKeyPem;
};

// What fleet provisioning gave a device.
struct Provisioned
{
    QString thingName;
    QString certificateId;
    QByteArray certificatePem;
    QByteArray keyPem;
};

enum class Variant {
    UnknownToken,
    EmptyToken,
    TokenOfAnotherClaim,
    UnregisteredUuid,
    ClaimOfAnotherDevice,
    WrongSigningKey,
    SignatureNotBase64,
    WrongDeviceType,
    MissingUuid,
    MissingSignature,
    ParametersNotAnObject,
    ExpiredToken,
    ReusedToken,
};

} // namespace

Q_DECLARE_METATYPE(Variant)

class TestFleetProvisioning : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void createKeysAndCertificateAnswersOnlyTheAsker();
    void createCertificateFromCsrCertifiesTheRequestKey();
    void mqtt5ClientsAreServedToo();
    void cborRequestsGetCborReplies();
    void malformedRequestsAreRejected_data();
    void malformedRequestsAreRejected();
    void registerThingRejects_data();
    void registerThingRejects();
    void tokenIsValidForAnHour();
    void provisionedDeviceConnectsWithItsNewCertificate();
    void unknownOrInactiveCertificatesAreRefused_data();
    void unknownOrInactiveCertificatesAreRefused();
    void overlongClientIdIsRefused();
    void claimCertificateIsConfinedToProvisioningTopics();
    void deviceIsConfinedToItsOwnThing();
    void replyIsDroppedWhenTheAskerIsNotSubscribed();
    void presenceEventsReachTheOperator();
    void requestsWaitForARestartingService();
    void requestsWithoutTheServiceAreRejected();

private:
    bool registerDevice(Device &device, const QString &deviceType);
    bool startService();
    std::unique_ptr<MqttPeer>
    connectPeer(const QString &clientId, const QByteArray &certificatePem, const QByteArray &keyPem,
                const QStringList &filters,
                MqttClient::ProtocolVersion version = MqttClient::ProtocolVersion::Mqtt311);
    std::unique_ptr<MqttPeer> connectClaim(const Device &device, const QStringList &filters);
    std::optional<Provisioned> provision(const Device &device, bool withCsr);
    QJsonObject registerRequest(const Device &device, const QString &token) const;
    bool operatorSaw(const QString &topic, const std::function<bool(const QJsonObject &)> &match);

    QTemporaryDir m_dir;
    StateFolder m_folder;
    std::unique_ptr<LocalPki> m_pki;
    DatabaseConfig m_database;
    QSqlDatabase m_db;
    std::unique_ptr<RegistrationStore> m_store;
    BrokerProcess m_broker;
    std::unique_ptr<FleetService> m_service;
    QDateTime m_now;
    QByteArray m_caPem;
    std::unique_ptr<MqttPeer> m_operator;
    Device m_sensor;  // blackbird-sensor-v1 with a claim certificate of its own
    Device m_gateway; // blackbird-gateway-v1 with another claim certificate
    Device m_sensor2; // a second sensor, for device-to-device checks
};

void TestFleetProvisioning::initTestCase()
{
    if (!QFileInfo::exists(BrokerProcess::defaultProgram()))
        QSKIP("mosquitto is not installed: apt-get install mosquitto (scripts/install-deps.sh)");
    QVERIFY(m_dir.isValid());

    // The stack's own PKI and registration store, in a scratch state folder.
    m_folder = StateFolder(m_dir.path());
    QString error;
    QVERIFY2(m_folder.create(&error), qPrintable(error));
    m_pki = std::make_unique<LocalPki>(m_folder);
    QVERIFY2(m_pki->ensure(&error), qPrintable(error));
    m_caPem = LocalFiles::read(m_folder.rootCaCertificate(), &error);
    QVERIFY2(!m_caPem.isEmpty(), qPrintable(error));
    m_database = DatabaseConfig::sqlite(m_folder.sqliteDatabase());
    m_db = m_database.open(QStringLiteral("tst_fleetprovisioning"), &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
    m_store = std::make_unique<RegistrationStore>(m_db);
    QVERIFY2(m_store->migrate(&error), qPrintable(error));
    QVERIFY(registerDevice(m_sensor, QStringLiteral("blackbird-sensor-v1")));
    QVERIFY(registerDevice(m_gateway, QStringLiteral("blackbird-gateway-v1")));
    QVERIFY(registerDevice(m_sensor2, QStringLiteral("blackbird-sensor-v1")));
    QVERIFY(m_sensor.claimCertificateId != m_gateway.claimCertificateId);

    // The broker exactly as the stack configures it, with the plugin under test.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    MosquittoConfig config;
    config.port = probe.serverPort();
    probe.close();
    config.clientsCaFile = m_folder.brokerClientsCa();
    config.certificateFile = m_folder.serverCertificate();
    config.keyFile = m_folder.serverKey();
    const passwd *account = ::getpwuid(::geteuid());
    config.runAsUser = account ? QString::fromLocal8Bit(account->pw_name) : QString();
    config.pluginPath = QStringLiteral(BLACKBIRD_FLEET_PLUGIN_PATH);
    config.addPluginOption(QStringLiteral("claim_ca"), m_folder.claimCaCertificate());
    config.addPluginOption(QStringLiteral("device_ca"), m_folder.deviceCaCertificate());
    config.addPluginOption(QStringLiteral("root_ca"), m_folder.rootCaCertificate());
    config.addPluginOption(QStringLiteral("active_certificates"),
                           FleetService::activeCertificatesFile(m_folder));
    config.addPluginOption(QStringLiteral("service_wait_seconds"), QStringLiteral("2"));
    QSignalSpy brokerReady(&m_broker, &BrokerProcess::ready);
    QSignalSpy brokerFailed(&m_broker, &BrokerProcess::failed);
    m_broker.start(config, m_folder.mosquittoConfig());
    QTRY_VERIFY_WITH_TIMEOUT(brokerReady.count() + brokerFailed.count() > 0, 15000);
    QVERIFY2(brokerFailed.isEmpty(), qPrintable(m_broker.recentOutput()));

    // The operator watches every event from the start.
    m_operator = connectPeer(
        QStringLiteral("tst-operator"), LocalFiles::read(m_folder.operatorCertificate(), &error),
        LocalFiles::read(m_folder.operatorKey(), &error),
        {QStringLiteral("$aws/events/#"), QStringLiteral("blackbird/events/#")});
    QVERIFY(m_operator);
    QCOMPARE(m_operator->refused, QStringList());

    m_now = QDateTime::currentDateTimeUtc();
    QVERIFY(startService());
}

void TestFleetProvisioning::cleanupTestCase()
{
    m_operator.reset();
    m_service.reset();
    m_broker.stop();
    m_store.reset();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("tst_fleetprovisioning"));
}

void TestFleetProvisioning::cleanup()
{
    // Rows that move time forward must not age the tokens of the next ones.
    m_now = QDateTime::currentDateTimeUtc();
}

bool TestFleetProvisioning::registerDevice(Device &device, const QString &deviceType)
{
    device.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    device.deviceType = deviceType;
    device.signingKey = EcKey::generate();

    // Claim certificates issued the way the registration service issues them.
    const CertificateAuthority &claimCa = m_pki->claimCa();
    const ClaimIssuer issuer = [&claimCa](const QString &type,
                                          QString *error) -> std::optional<ClaimCredentials> {
        const EcKey key = EcKey::generate();
        CertificateProfile profile;
        profile.role = CertificateRole::TlsClient;
        profile.commonName = QStringLiteral("claim ") + type;
        const Certificate certificate = claimCa.issue(key, profile, error);
        if (certificate.isNull())
            return std::nullopt;
        return ClaimCredentials{certificate.sha256Hex(), certificate.toPem(), key.privatePem()};
    };
    RegistrationOutcome outcome =
        m_store->registerDevice(device.uuid, QString::fromLatin1(device.signingKey.publicBase64()),
                                deviceType, QStringLiteral("tst-key"), 1, issuer);
    if (outcome.status != RegistrationOutcome::Status::Created) {
        qWarning() << "registration failed:" << outcome.error;
        return false;
    }
    device.claimCertificateId = outcome.credentials.certificateId;
    device.claimCertificatePem = outcome.credentials.certificatePem;
    device.claimKeyPem = outcome.credentials.privateKeyPem.view().toByteArray();
    return true;
}

bool TestFleetProvisioning::startService()
{
    QString error;
    FleetServiceConfig config;
    config.brokerPort = m_broker.port();
    config.clientId = kServiceClientId;
    config.brokerCaPem = m_caPem;
    config.serviceCertificatePem = LocalFiles::read(m_folder.fleetServiceCertificate(), &error);
    config.serviceKeyFile = m_folder.fleetServiceKey();
    config.deviceCa = m_pki->deviceCa();
    config.database = m_database;
    config.activeCertificatesFile = FleetService::activeCertificatesFile(m_folder);
    config.templateName = kTemplate;

    m_service = std::make_unique<FleetService>(std::move(config));
    m_service->setClock([this] { return m_now; });
    if (!m_service->start(&error)) {
        qWarning() << "the fleet service did not start:" << error;
        return false;
    }
    return QTest::qWaitFor([this] { return m_service->isReady(); }, 10000);
}

std::unique_ptr<MqttPeer> TestFleetProvisioning::connectPeer(const QString &clientId,
                                                             const QByteArray &certificatePem,
                                                             const QByteArray &keyPem,
                                                             const QStringList &filters,
                                                             MqttClient::ProtocolVersion version)
{
    QString error;
    auto peer = MqttPeer::connect({m_broker.port(), m_caPem, version}, clientId, certificatePem,
                                  keyPem, filters, &error);
    if (!peer)
        qWarning() << error;
    return peer;
}

std::unique_ptr<MqttPeer> TestFleetProvisioning::connectClaim(const Device &device,
                                                              const QStringList &filters)
{
    return connectPeer(QStringLiteral("claim-") + device.uuid.left(8) + QLatin1Char('-') +
                           QString::number(QRandomGenerator::global()->generate()),
                       device.claimCertificatePem, device.claimKeyPem, filters);
}

QJsonObject TestFleetProvisioning::registerRequest(const Device &device, const QString &token) const
{
    const QByteArray signature = device.signingKey.sign(token.toUtf8()).toBase64();
    return {{QStringLiteral("certificateOwnershipToken"), token},
            {QStringLiteral("parameters"),
             QJsonObject{{QStringLiteral("uuid"), device.uuid},
                         {QStringLiteral("device_type"), device.deviceType},
                         {QStringLiteral("signature"), QString::fromLatin1(signature)}}}};
}

std::optional<Provisioned> TestFleetProvisioning::provision(const Device &device, bool withCsr)
{
    auto claim = connectClaim(device, replyTopics(kCreateKeys) + replyTopics(kCreateFromCsr) +
                                          replyTopics(kRegister));
    if (!claim)
        return std::nullopt;

    Provisioned result;
    bool accepted = false;
    std::optional<QJsonObject> created;
    if (withCsr) {
        const EcKey key = EcKey::generate();
        result.keyPem = key.privatePem().view().toByteArray();
        const QByteArray csr = createCsrPem(key, QStringLiteral("device"));
        created = claim->call(
            kCreateFromCsr,
            json({{QStringLiteral("certificateSigningRequest"), QString::fromLatin1(csr)}}),
            &accepted);
    } else {
        created = claim->call(kCreateKeys, "{}", &accepted);
        if (created)
            result.keyPem = created->value(QStringLiteral("privateKey")).toString().toLatin1();
    }
    if (!created || !accepted) {
        qWarning() << "certificate request failed:" << (created ? *created : QJsonObject());
        return std::nullopt;
    }
    result.certificateId = created->value(QStringLiteral("certificateId")).toString();
    result.certificatePem = created->value(QStringLiteral("certificatePem")).toString().toLatin1();

    const QString token = created->value(QStringLiteral("certificateOwnershipToken")).toString();
    const auto registered = claim->call(kRegister, json(registerRequest(device, token)), &accepted);
    if (!registered || !accepted) {
        qWarning() << "RegisterThing failed:" << (registered ? *registered : QJsonObject());
        return std::nullopt;
    }
    result.thingName = registered->value(QStringLiteral("thingName")).toString();
    return result;
}

bool TestFleetProvisioning::operatorSaw(const QString &topic,
                                        const std::function<bool(const QJsonObject &)> &match)
{
    return QTest::qWaitFor(
        [&] {
            for (const QByteArray &payload : m_operator->payloadsOn(topic)) {
                if (match(parse(payload)))
                    return true;
            }
            return false;
        },
        5000);
}

void TestFleetProvisioning::createKeysAndCertificateAnswersOnlyTheAsker()
{
    // Two claim connections subscribed to the same reply topics.
    auto asker = connectClaim(m_sensor, replyTopics(kCreateKeys));
    auto bystander = connectClaim(m_gateway, replyTopics(kCreateKeys));
    QVERIFY(asker);
    QVERIFY(bystander);
    QCOMPARE(asker->refused, QStringList());

    bool accepted = false;
    const auto reply = asker->call(kCreateKeys, QByteArray(), &accepted);
    QVERIFY(reply);
    QVERIFY2(accepted, json(*reply).constData());

    // AWS's four fields, and they fit together.
    QCOMPARE(
        reply->keys(),
        QStringList({QStringLiteral("certificateId"), QStringLiteral("certificateOwnershipToken"),
                     QStringLiteral("certificatePem"), QStringLiteral("privateKey")}));
    const Certificate certificate =
        Certificate::fromPem(reply->value(QStringLiteral("certificatePem")).toString().toLatin1());
    QVERIFY(!certificate.isNull());
    QCOMPARE(reply->value(QStringLiteral("certificateId")).toString(), certificate.sha256Hex());
    QCOMPARE(certificate.issuerCommonName(), m_pki->deviceCa().certificate().subjectCommonName());
    QString error;
    QVERIFY2(
        certificate.verifyChain({m_pki->rootCa().certificate(), m_pki->deviceCa().certificate()},
                                QDateTime::currentDateTimeUtc(), &error),
        qPrintable(error));
    const EcKey key = EcKey::fromPrivatePem(
        reply->value(QStringLiteral("privateKey")).toString().toLatin1(), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QVERIFY(certificate.matchesPrivateKey(key));
    QVERIFY(reply->value(QStringLiteral("certificateOwnershipToken")).toString().size() >= 40);

    // The bystander asks too: once its own answer is in, the asker's would have been as well.
    const auto own = bystander->call(kCreateKeys, "{}", &accepted);
    QVERIFY(own);
    QVERIFY(accepted);
    QCOMPARE(bystander->messages.size(), 1);
    QCOMPARE(asker->messages.size(), 1);
    QVERIFY(own->value(QStringLiteral("certificateId")) !=
            reply->value(QStringLiteral("certificateId")));

    // The operator hears of both, with who asked.
    const QString askerId = asker->client().clientId();
    QVERIFY(operatorSaw(QStringLiteral("blackbird/events/provisioning/accepted"),
                        [&](const QJsonObject &event) {
                            return event.value(QStringLiteral("clientId")).toString() == askerId &&
                                   event.value(QStringLiteral("operation")).toString() ==
                                       QLatin1String("CreateKeysAndCertificate") &&
                                   event.value(QStringLiteral("claimCertificateId")).toString() ==
                                       m_sensor.claimCertificateId &&
                                   event.value(QStringLiteral("certificateId")) ==
                                       reply->value(QStringLiteral("certificateId"));
                        }));
}

void TestFleetProvisioning::createCertificateFromCsrCertifiesTheRequestKey()
{
    auto claim = connectClaim(m_sensor, replyTopics(kCreateFromCsr));
    QVERIFY(claim);
    const EcKey key = EcKey::generate();
    const QByteArray csr = createCsrPem(key, QStringLiteral("ignored subject"));

    bool accepted = false;
    const auto reply =
        claim->call(kCreateFromCsr,
                    json({{QStringLiteral("certificateSigningRequest"), QString::fromLatin1(csr)},
                          {QStringLiteral("extra"), QStringLiteral("tolerated")}}),
                    &accepted);
    QVERIFY(reply);
    QVERIFY2(accepted, json(*reply).constData());
    QCOMPARE(reply->keys(), QStringList({QStringLiteral("certificateId"),
                                         QStringLiteral("certificateOwnershipToken"),
                                         QStringLiteral("certificatePem")}));
    const Certificate certificate =
        Certificate::fromPem(reply->value(QStringLiteral("certificatePem")).toString().toLatin1());
    QVERIFY(certificate.publicKey().samePublicKey(key));
    QCOMPARE(reply->value(QStringLiteral("certificateId")).toString(), certificate.sha256Hex());
}

void TestFleetProvisioning::mqtt5ClientsAreServedToo()
{
    // AWS IoT device SDKs speak MQTT 5 as well: a request without subscribers must still be
    // acknowledged as a success, and the reply must reach the asker.
    auto claim = connectPeer(QStringLiteral("mqtt5-claim"), m_sensor.claimCertificatePem,
                             m_sensor.claimKeyPem, replyTopics(kCreateKeys),
                             MqttClient::ProtocolVersion::Mqtt5);
    QVERIFY(claim);
    QVERIFY(claim->publishAcked(kCreateKeys, "{}"));
    QTRY_COMPARE(claim->payloadsOn(replyTopics(kCreateKeys).first()).size(), 1);
    QVERIFY(claim->errors.isEmpty());
}

void TestFleetProvisioning::cborRequestsGetCborReplies()
{
    // The same API with CBOR payloads, which AWS's embedded C SDK uses by default.
    const QString createCbor = QStringLiteral("$aws/certificates/create/cbor");
    const QString registerCbor =
        QStringLiteral("$aws/provisioning-templates/TestFleetTemplate/provision/cbor");
    auto claim = connectClaim(m_gateway, replyTopics(createCbor) + replyTopics(registerCbor));
    QVERIFY(claim);
    QCOMPARE(claim->refused, QStringList());

    bool accepted = false;
    const auto created = claim->call(createCbor, QCborMap().toCborValue().toCbor(), &accepted);
    QVERIFY(created);
    QVERIFY2(accepted, json(*created).constData());
    QVERIFY(created->value(QStringLiteral("certificateId")).toString().size() == 64);
    const QString token = created->value(QStringLiteral("certificateOwnershipToken")).toString();

    const QByteArray request =
        QCborValue::fromJsonValue(registerRequest(m_gateway, token)).toCbor();
    const auto registered = claim->call(registerCbor, request, &accepted);
    QVERIFY(registered);
    QVERIFY2(accepted, json(*registered).constData());
    QCOMPARE(registered->value(QStringLiteral("thingName")).toString(),
             QStringLiteral("blackbird-gateway-v1_") + m_gateway.uuid);

    // A payload that is not CBOR gets a CBOR rejection with all three fields.
    const auto rejected = claim->call(registerCbor, "{\"not\": \"cbor\"}", &accepted);
    QVERIFY(rejected);
    QVERIFY(!accepted);
    QCOMPARE(rejected->value(QStringLiteral("errorCode")).toString(),
             QStringLiteral("InvalidPayload"));
    QCOMPARE(rejected->value(QStringLiteral("statusCode")).toInt(), 400);
    QVERIFY(!rejected->value(QStringLiteral("errorMessage")).toString().isEmpty());
}

void TestFleetProvisioning::malformedRequestsAreRejected_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QString>("errorCode");

    const EcKey rsaLess = EcKey::generate();
    QByteArray corruptCsr = createCsrPem(rsaLess, QStringLiteral("x"));
    corruptCsr[corruptCsr.size() / 2] = corruptCsr[corruptCsr.size() / 2] == 'A' ? 'B' : 'A';

    QTest::newRow("create: not JSON")
        << kCreateKeys << QByteArray("hello") << 400 << "InvalidPayload";
    QTest::newRow("create: JSON array")
        << kCreateKeys << QByteArray("[1]") << 400 << "InvalidPayload";
    QTest::newRow("csr: empty payload")
        << kCreateFromCsr << QByteArray() << 400 << "InvalidPayload";
    QTest::newRow("csr: field missing")
        << kCreateFromCsr << QByteArray("{}") << 400 << "InvalidCsr";
    QTest::newRow("csr: not a string")
        << kCreateFromCsr << QByteArray(R"({"certificateSigningRequest": 5})") << 400
        << "InvalidCsr";
    QTest::newRow("csr: not PEM") << kCreateFromCsr
                                  << QByteArray(R"({"certificateSigningRequest": "garbage"})")
                                  << 400 << "InvalidCsr";
    QTest::newRow("csr: corrupted")
        << kCreateFromCsr
        << json({{QStringLiteral("certificateSigningRequest"), QString::fromLatin1(corruptCsr)}})
        << 400 << "InvalidCsr";
    QTest::newRow("register: not JSON") << kRegister << QByteArray("{") << 400 << "InvalidPayload";
    QTest::newRow("register: unknown template")
        << QStringLiteral("$aws/provisioning-templates/NoSuchTemplate/provision/json")
        << QByteArray(R"({"certificateOwnershipToken": "x"})") << 404 << "ResourceNotFound";
}

void TestFleetProvisioning::malformedRequestsAreRejected()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(int, statusCode);
    QFETCH(QString, errorCode);

    auto claim = connectClaim(m_sensor, replyTopics(topic));
    QVERIFY(claim);
    bool accepted = true;
    const auto reply = claim->call(topic, payload, &accepted);
    QVERIFY(reply);
    QVERIFY(!accepted);
    QCOMPARE(reply->keys(),
             QStringList({QStringLiteral("errorCode"), QStringLiteral("errorMessage"),
                          QStringLiteral("statusCode")}));
    QCOMPARE(reply->value(QStringLiteral("statusCode")).toInt(), statusCode);
    QCOMPARE(reply->value(QStringLiteral("errorCode")).toString(), errorCode);
    QVERIFY(!reply->value(QStringLiteral("errorMessage")).toString().isEmpty());

    // A bad request never costs the service its own broker connection.
    QVERIFY(
        m_operator
            ->payloadsOn(QStringLiteral("$aws/events/presence/disconnected/") + kServiceClientId)
            .isEmpty());
}

void TestFleetProvisioning::registerThingRejects_data()
{
    QTest::addColumn<Variant>("variant");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QString>("errorCode");

    QTest::newRow("unknown token")
        << Variant::UnknownToken << 400 << "InvalidCertificateOwnershipToken";
    QTest::newRow("empty token") << Variant::EmptyToken << 400
                                 << "InvalidCertificateOwnershipToken";
    QTest::newRow("token of another claim certificate")
        << Variant::TokenOfAnotherClaim << 400 << "InvalidCertificateOwnershipToken";
    QTest::newRow("token used twice")
        << Variant::ReusedToken << 400 << "InvalidCertificateOwnershipToken";
    QTest::newRow("token an hour old")
        << Variant::ExpiredToken << 400 << "ExpiredCertificateOwnershipToken";
    QTest::newRow("unregistered uuid") << Variant::UnregisteredUuid << 403 << "DeviceNotRegistered";
    QTest::newRow("claim certificate of another device")
        << Variant::ClaimOfAnotherDevice << 403 << "ClaimCertificateMismatch";
    QTest::newRow("signed with another key")
        << Variant::WrongSigningKey << 403 << "InvalidSignature";
    QTest::newRow("signature not Base64")
        << Variant::SignatureNotBase64 << 403 << "InvalidSignature";
    QTest::newRow("wrong device type") << Variant::WrongDeviceType << 403 << "DeviceTypeMismatch";
    QTest::newRow("uuid missing") << Variant::MissingUuid << 400 << "InvalidParameters";
    QTest::newRow("signature missing") << Variant::MissingSignature << 400 << "InvalidParameters";
    QTest::newRow("parameters not an object")
        << Variant::ParametersNotAnObject << 400 << "InvalidParameters";
}

void TestFleetProvisioning::registerThingRejects()
{
    QFETCH(Variant, variant);
    QFETCH(int, statusCode);
    QFETCH(QString, errorCode);

    const QStringList filters = replyTopics(kCreateKeys) + replyTopics(kRegister);
    auto claim = connectClaim(m_sensor, filters);
    QVERIFY(claim);

    // A fresh certificate and token, from this claim certificate or (one row) another one.
    bool accepted = false;
    std::unique_ptr<MqttPeer> other;
    MqttPeer *tokenSource = claim.get();
    if (variant == Variant::TokenOfAnotherClaim) {
        other = connectClaim(m_gateway, filters);
        QVERIFY(other);
        tokenSource = other.get();
    }
    const auto created = tokenSource->call(kCreateKeys, "{}", &accepted);
    QVERIFY(created && accepted);
    const QString token = created->value(QStringLiteral("certificateOwnershipToken")).toString();

    QJsonObject request = registerRequest(m_sensor, token);
    QJsonObject parameters = request.value(QStringLiteral("parameters")).toObject();
    switch (variant) {
    case Variant::UnknownToken:
        request = registerRequest(m_sensor, QStringLiteral("not-a-token-this-service-issued"));
        break;
    case Variant::EmptyToken:
        request.insert(QStringLiteral("certificateOwnershipToken"), QString());
        break;
    case Variant::TokenOfAnotherClaim:
        break;
    case Variant::ReusedToken: {
        const auto first = claim->call(kRegister, json(request), &accepted);
        QVERIFY(first);
        QVERIFY2(accepted, json(*first).constData());
        break;
    }
    case Variant::ExpiredToken:
        m_now = m_now.addSecs(3600);
        break;
    case Variant::UnregisteredUuid:
        parameters.insert(QStringLiteral("uuid"),
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
        break;
    case Variant::ClaimOfAnotherDevice:
        request = registerRequest(m_gateway, token);
        parameters = request.value(QStringLiteral("parameters")).toObject();
        break;
    case Variant::WrongSigningKey:
        parameters.insert(QStringLiteral("signature"),
                          QString::fromLatin1(EcKey::generate().sign(token.toUtf8()).toBase64()));
        break;
    case Variant::SignatureNotBase64:
        parameters.insert(QStringLiteral("signature"), QStringLiteral("***"));
        break;
    case Variant::WrongDeviceType:
        parameters.insert(QStringLiteral("device_type"), QStringLiteral("blackbird-gateway-v1"));
        break;
    case Variant::MissingUuid:
        parameters.remove(QStringLiteral("uuid"));
        break;
    case Variant::MissingSignature:
        parameters.remove(QStringLiteral("signature"));
        break;
    case Variant::ParametersNotAnObject:
        break;
    }
    request.insert(QStringLiteral("parameters"), parameters);
    if (variant == Variant::ParametersNotAnObject)
        request.insert(QStringLiteral("parameters"), QJsonArray{1, 2});

    const auto reply = claim->call(kRegister, json(request), &accepted);
    QVERIFY(reply);
    QVERIFY2(!accepted, json(*reply).constData());
    QCOMPARE(reply->keys(),
             QStringList({QStringLiteral("errorCode"), QStringLiteral("errorMessage"),
                          QStringLiteral("statusCode")}));
    QCOMPARE(reply->value(QStringLiteral("errorCode")).toString(), errorCode);
    QCOMPARE(reply->value(QStringLiteral("statusCode")).toInt(), statusCode);
    QVERIFY(!reply->value(QStringLiteral("errorMessage")).toString().isEmpty());

    // Every rejection is also a Blackbird event with its reason.
    const QString clientId = claim->client().clientId();
    QVERIFY(operatorSaw(
        QStringLiteral("blackbird/events/provisioning/rejected"), [&](const QJsonObject &event) {
            return event.value(QStringLiteral("clientId")).toString() == clientId &&
                   event.value(QStringLiteral("operation")).toString() ==
                       QLatin1String("RegisterThing") &&
                   event.value(QStringLiteral("errorCode")).toString() == errorCode &&
                   !event.value(QStringLiteral("errorMessage")).toString().isEmpty();
        }));
}

void TestFleetProvisioning::tokenIsValidForAnHour()
{
    auto claim = connectClaim(m_sensor2, replyTopics(kCreateKeys) + replyTopics(kRegister));
    QVERIFY(claim);
    bool accepted = false;
    const auto created = claim->call(kCreateKeys, "{}", &accepted);
    QVERIFY(created && accepted);

    m_now = m_now.addSecs(3599);
    const QString token = created->value(QStringLiteral("certificateOwnershipToken")).toString();

    // The uuid as a device may report it, in upper case, is the same registered device.
    Device shouting = m_sensor2;
    shouting.uuid = shouting.uuid.toUpper();
    const auto reply = claim->call(kRegister, json(registerRequest(shouting, token)), &accepted);
    QVERIFY(reply);
    QVERIFY2(accepted, json(*reply).constData());
    QCOMPARE(reply->value(QStringLiteral("thingName")).toString(),
             QStringLiteral("blackbird-sensor-v1_") + m_sensor2.uuid);
}

void TestFleetProvisioning::provisionedDeviceConnectsWithItsNewCertificate()
{
    const auto device = provision(m_sensor, true);
    QVERIFY(device);

    // The documented name rule, and the thing events.
    const QString thingName = QStringLiteral("blackbird-sensor-v1_") + m_sensor.uuid;
    QCOMPARE(device->thingName, thingName);
    QVERIFY(operatorSaw(QStringLiteral("$aws/events/thing/%1/created").arg(thingName),
                        [&](const QJsonObject &event) {
                            return event.value(QStringLiteral("thingName")).toString() ==
                                       thingName &&
                                   event.value(QStringLiteral("operation")).toString() ==
                                       QLatin1String("CREATED");
                        }) ||
            operatorSaw(QStringLiteral("$aws/events/thing/%1/updated").arg(thingName),
                        [&](const QJsonObject &event) {
                            return event.value(QStringLiteral("thingName")).toString() == thingName;
                        }));
    QVERIFY(operatorSaw(
        QStringLiteral("blackbird/events/provisioning/accepted"), [&](const QJsonObject &event) {
            return event.value(QStringLiteral("operation")).toString() ==
                       QLatin1String("RegisterThing") &&
                   event.value(QStringLiteral("thingName")).toString() == thingName &&
                   event.value(QStringLiteral("certificateId")).toString() == device->certificateId;
        }));

    // The new certificate connects and may use its own thing's topics, and nothing else.
    const QString own = QStringLiteral("things/%1/#").arg(thingName);
    const QStringList filters = {own, QStringLiteral("things/someone-else/#"),
                                 QStringLiteral("things/#"), kCreateKeys + "/accepted"};
    auto connection = connectPeer(thingName, device->certificatePem, device->keyPem, filters);
    QVERIFY(connection);
    QCOMPARE(connection->subscribed, QStringList({own}));
    QCOMPARE(connection->refused.size(), 3);

    const QString telemetry = QStringLiteral("things/%1/telemetry").arg(thingName);
    QVERIFY(connection->client().publish(telemetry, "21.5") > 0);
    QTRY_COMPARE(connection->payloadsOn(telemetry), QList<QByteArray>({"21.5"}));

    // The operator sees it arrive, named by its certificate.
    QVERIFY(operatorSaw(QStringLiteral("$aws/events/presence/connected/") + thingName,
                        [&](const QJsonObject &event) {
                            return event.value(QStringLiteral("principalIdentifier")).toString() ==
                                       device->certificateId &&
                                   event.value(QStringLiteral("thingName")).toString() == thingName;
                        }));
}

void TestFleetProvisioning::unknownOrInactiveCertificatesAreRefused_data()
{
    QTest::addColumn<QString>("kind");

    QTest::newRow("device certificate before RegisterThing") << "pending";
    QTest::newRow("root-signed certificate of another unit") << "stranger";
}

void TestFleetProvisioning::unknownOrInactiveCertificatesAreRefused()
{
    QFETCH(QString, kind);

    QByteArray certificatePem;
    QByteArray keyPem;
    if (kind == QLatin1String("pending")) {
        auto claim = connectClaim(m_sensor, replyTopics(kCreateKeys));
        QVERIFY(claim);
        bool accepted = false;
        const auto created = claim->call(kCreateKeys, "{}", &accepted);
        QVERIFY(created && accepted);
        certificatePem = created->value(QStringLiteral("certificatePem")).toString().toLatin1();
        keyPem = created->value(QStringLiteral("privateKey")).toString().toLatin1();
    } else {
        const EcKey key = EcKey::generate();
        CertificateProfile profile;
        profile.commonName = QStringLiteral("stranger");
        profile.organizationalUnit = QStringLiteral("visitors");
        QString error;
        const Certificate certificate = m_pki->rootCa().issue(key, profile, &error);
        QVERIFY2(!certificate.isNull(), qPrintable(error));
        certificatePem = certificate.toPem();
        keyPem = key.privatePem().view().toByteArray();
    }

    // The TLS handshake succeeds (the chain is valid); the broker refuses the CONNECT.
    QString error;
    const auto peer =
        MqttPeer::connect({m_broker.port(), m_caPem}, QStringLiteral("refused-") + kind,
                          certificatePem, keyPem, {}, &error);
    QVERIFY(!peer);
    QVERIFY2(error.contains(QStringLiteral("not authorised")), qPrintable(error));
}

void TestFleetProvisioning::overlongClientIdIsRefused()
{
    // AWS IoT takes client ids of up to 128 characters.
    QString error;
    QVERIFY(MqttPeer::connect({m_broker.port(), m_caPem}, QString(128, QLatin1Char('c')),
                              m_sensor.claimCertificatePem, m_sensor.claimKeyPem, {}, &error));
    const auto refused =
        MqttPeer::connect({m_broker.port(), m_caPem}, QString(129, QLatin1Char('c')),
                          m_sensor.claimCertificatePem, m_sensor.claimKeyPem, {}, &error);
    QVERIFY(!refused);
    QVERIFY2(error.contains(QStringLiteral("not authorised")), qPrintable(error));
}

void TestFleetProvisioning::claimCertificateIsConfinedToProvisioningTopics()
{
    const auto device = provision(m_sensor2, false);
    QVERIFY(device);
    const QString inbox = QStringLiteral("things/%1/inbox").arg(device->thingName);
    auto target = connectPeer(QStringLiteral("confined-target"), device->certificatePem,
                              device->keyPem, {inbox});
    QVERIFY(target);

    // Nothing outside fleet provisioning may be subscribed to ...
    const QStringList outside = {QStringLiteral("things/#"),
                                 inbox,
                                 QStringLiteral("$aws/events/#"),
                                 QStringLiteral("blackbird/internal/fleet/request/#"),
                                 QStringLiteral("$aws/certificates/create/json"),
                                 QStringLiteral("#")};
    auto claim = connectClaim(m_sensor2, outside);
    QVERIFY(claim);
    QCOMPARE(claim->subscribed, QStringList());
    QCOMPARE(claim->refused.size(), outside.size());

    // ... or published to: the thing never gets the claim's message, only its own later one.
    QVERIFY(claim->publishAcked(inbox, "from the claim certificate"));
    QVERIFY(claim->publishAcked(QStringLiteral("$aws/events/presence/connected/fake"), "{}"));
    QVERIFY(target->publishAcked(inbox, "from the device"));
    QTRY_VERIFY(!target->messages.isEmpty());
    QCOMPARE(target->payloadsOn(inbox), QList<QByteArray>({"from the device"}));
    QVERIFY(
        m_operator->payloadsOn(QStringLiteral("$aws/events/presence/connected/fake")).isEmpty());
}

void TestFleetProvisioning::deviceIsConfinedToItsOwnThing()
{
    const auto first = provision(m_sensor, false);
    const auto second = provision(m_sensor2, false);
    QVERIFY(first);
    QVERIFY(second);
    QVERIFY(first->thingName != second->thingName);

    const QString secondInbox = QStringLiteral("things/%1/inbox").arg(second->thingName);
    auto intruder = connectPeer(QStringLiteral("intruder"), first->certificatePem, first->keyPem,
                                {replyTopics(kCreateKeys).first()});
    auto victim = connectPeer(QStringLiteral("victim"), second->certificatePem, second->keyPem,
                              {secondInbox});
    QVERIFY(intruder);
    QVERIFY(victim);
    QCOMPARE(intruder->refused.size(), 1);

    // Another thing's topics and the certificate service are out of reach.
    QVERIFY(intruder->publishAcked(secondInbox, "intrusion"));
    QVERIFY(intruder->publishAcked(kCreateKeys, "{}"));
    QVERIFY(victim->publishAcked(secondInbox, "own"));
    QTRY_VERIFY(!victim->messages.isEmpty());
    QCOMPARE(victim->payloadsOn(secondInbox), QList<QByteArray>({"own"}));
    QVERIFY(intruder->messages.isEmpty());
}

void TestFleetProvisioning::replyIsDroppedWhenTheAskerIsNotSubscribed()
{
    auto claim = connectClaim(m_gateway, {});
    QVERIFY(claim);
    QVERIFY(claim->publishAcked(kCreateKeys, "{}"));

    // The service publishes its event after the reply, on the same connection: once the
    // operator has the event, the broker has dealt with the reply.
    const QString clientId = claim->client().clientId();
    QVERIFY(operatorSaw(QStringLiteral("blackbird/events/provisioning/accepted"),
                        [&](const QJsonObject &event) {
                            return event.value(QStringLiteral("clientId")).toString() == clientId;
                        }));

    // Subscribing afterwards gets the answers to later requests only, as on AWS IoT.
    const QString acceptedTopic = replyTopics(kCreateKeys).first();
    QSignalSpy subscribed(&claim->client(), &MqttClient::subscribed);
    claim->client().subscribe(acceptedTopic, 1);
    QTRY_COMPARE(subscribed.count(), 1);
    bool accepted = false;
    const auto reply = claim->call(kCreateKeys, "{}", &accepted);
    QVERIFY(reply && accepted);
    QCOMPARE(claim->messages.size(), 1);
}

void TestFleetProvisioning::presenceEventsReachTheOperator()
{
    const QString clientId = QStringLiteral("presence-probe");
    auto claim = connectPeer(clientId, m_gateway.claimCertificatePem, m_gateway.claimKeyPem, {});
    QVERIFY(claim);
    QJsonObject connectedEvent;
    QVERIFY(operatorSaw(QStringLiteral("$aws/events/presence/connected/") + clientId,
                        [&](const QJsonObject &event) {
                            connectedEvent = event;
                            return true;
                        }));
    QCOMPARE(connectedEvent.value(QStringLiteral("clientId")).toString(), clientId);
    QCOMPARE(connectedEvent.value(QStringLiteral("eventType")).toString(),
             QStringLiteral("connected"));
    QCOMPARE(connectedEvent.value(QStringLiteral("principalIdentifier")).toString(),
             m_gateway.claimCertificateId);
    QVERIFY(connectedEvent.value(QStringLiteral("timestamp")).toDouble() > 1.6e12);
    QVERIFY(!connectedEvent.value(QStringLiteral("sessionIdentifier")).toString().isEmpty());

    claim->client().disconnectFromBroker();
    QJsonObject disconnectedEvent;
    QVERIFY(operatorSaw(QStringLiteral("$aws/events/presence/disconnected/") + clientId,
                        [&](const QJsonObject &event) {
                            disconnectedEvent = event;
                            return true;
                        }));
    QCOMPARE(disconnectedEvent.value(QStringLiteral("eventType")).toString(),
             QStringLiteral("disconnected"));
    QCOMPARE(disconnectedEvent.value(QStringLiteral("principalIdentifier")).toString(),
             m_gateway.claimCertificateId);
    QCOMPARE(disconnectedEvent.value(QStringLiteral("sessionIdentifier")),
             connectedEvent.value(QStringLiteral("sessionIdentifier")));
    QVERIFY(disconnectedEvent.contains(QStringLiteral("clientInitiatedDisconnect")));
    QVERIFY(disconnectedEvent.contains(QStringLiteral("disconnectReason")));
}

void TestFleetProvisioning::requestsWaitForARestartingService()
{
    auto claim = connectClaim(m_sensor, replyTopics(kCreateKeys));
    QVERIFY(claim);
    m_service->stop();
    QVERIFY(operatorSaw(QStringLiteral("$aws/events/presence/disconnected/") + kServiceClientId,
                        [](const QJsonObject &) { return true; }));

    // Asked while the service is away; answered once it is back, within the broker's wait.
    QVERIFY(claim->publishAcked(kCreateKeys, "{}"));
    QVERIFY(startService());
    QTRY_COMPARE(claim->payloadsOn(replyTopics(kCreateKeys).first()).size(), 1);
    QVERIFY(claim->payloadsOn(replyTopics(kCreateKeys).last()).isEmpty());
}

void TestFleetProvisioning::requestsWithoutTheServiceAreRejected()
{
    m_service->stop();
    QTRY_COMPARE(
        m_operator
            ->payloadsOn(QStringLiteral("$aws/events/presence/disconnected/") + kServiceClientId)
            .size(),
        2);

    auto claim = connectClaim(m_sensor, replyTopics(kCreateKeys));
    QVERIFY(claim);
    bool accepted = true;
    const auto reply = claim->call(kCreateKeys, "{}", &accepted);
    QVERIFY(reply);
    QVERIFY(!accepted);
    QCOMPARE(reply->value(QStringLiteral("statusCode")).toInt(), 503);
    QCOMPARE(reply->value(QStringLiteral("errorCode")).toString(),
             QStringLiteral("ServiceUnavailable"));
    QVERIFY(!reply->value(QStringLiteral("errorMessage")).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestFleetProvisioning)
#include "tst_fleetprovisioning.moc"
