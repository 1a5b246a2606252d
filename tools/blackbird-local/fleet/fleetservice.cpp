// Fleet provisioning by claim, the service half (the broker half is the Mosquitto plugin).
#include "fleetservice.h"

#include "localfiles.h"
#include "registrationstore.h"
#include "statefolder.h"
#include "thingname.h"
#include "topicrules.h"

#include "crypto/eckey.h"
#include "crypto/secretbytes.h"
#include "crypto/sha256.h"

#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QUuid>

#include <openssl/err.h>
#include <openssl/rand.h>

Q_LOGGING_CATEGORY(lcLocalFleet, "blackbird.local.fleet", QtInfoMsg)

namespace Blackbird::Local {

namespace {

namespace Plugin = FleetPlugin;

const QString kCreateKeys = QStringLiteral("CreateKeysAndCertificate");
const QString kCreateFromCsr = QStringLiteral("CreateCertificateFromCsr");
const QString kRegisterThing = QStringLiteral("RegisterThing");

// The request's object, from JSON or CBOR as its topic says. An empty payload counts as {}
// where AWS allows it.
std::optional<QJsonObject> parseObject(const QByteArray &payload, bool cbor, bool emptyAllowed,
                                       QString *why)
{
    if (payload.trimmed().isEmpty() && emptyAllowed)
        return QJsonObject();
    if (cbor) {
        QCborParserError parseError;
        const QCborValue value = QCborValue::fromCbor(payload, &parseError);
        if (parseError.error != QCborError::NoError) {
            *why =
                QStringLiteral("The request is not valid CBOR: %1.").arg(parseError.errorString());
            return std::nullopt;
        }
        if (!value.isMap()) {
            *why = QStringLiteral("The request must be a CBOR map.");
            return std::nullopt;
        }
        return value.toMap().toJsonObject();
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *why = QStringLiteral("The request is not valid JSON: %1.").arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *why = QStringLiteral("The request must be a JSON object.");
        return std::nullopt;
    }
    return document.object();
}

// 256 random bits, Base64url: an opaque ASCII token, so its UTF-8 bytes are well defined for the
// device's signature.
QString newOwnershipToken()
{
    QByteArray bytes(32, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), static_cast<int>(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString templateOf(const QString &topic)
{
    // $aws/provisioning-templates/<templateName>/provision/json
    return topic.section(QLatin1Char('/'), 2, 2);
}

} // namespace

FleetService::FleetService(FleetServiceConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_connectionName(QStringLiteral("blackbird-fleet-%1").arg(quintptr(this), 0, 16))
{
    connect(&m_mqtt, &MqttClient::messageReceived, this, &FleetService::onMessage);
    connect(&m_mqtt, &MqttClient::subscribed, this, [this](const QString &) {
        if (m_ready)
            return;
        m_ready = true;
        qCInfo(lcLocalFleet) << "fleet provisioning is ready on template" << m_config.templateName;
        emit ready();
    });
    connect(&m_mqtt, &MqttClient::errorOccurred, this, [](const QString &reason) {
        qCWarning(lcLocalFleet) << "broker connection:" << reason;
    });
    connect(&m_mqtt, &MqttClient::disconnected, this, [](const QString &reason) {
        qCWarning(lcLocalFleet) << "lost the broker connection:" << reason;
    });
}

FleetService::~FleetService()
{
    stop();
    m_store.reset();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

QString FleetService::activeCertificatesFile(const StateFolder &folder)
{
    return folder.root() + QStringLiteral("/fleet-active-certificates.txt");
}

void FleetService::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QString FleetService::now() const
{
    return m_clock().toUTC().toString(Qt::ISODateWithMs);
}

bool FleetService::start(QString *error)
{
    if (m_config.deviceCa.isNull()) {
        *error = QStringLiteral("no device CA to issue device certificates");
        return false;
    }

    m_db = m_config.database.open(m_connectionName, error);
    if (!m_db.isOpen())
        return false;
    m_store = std::make_unique<FleetStore>(m_db);
    if (!m_store->migrate(error) || !writeActiveCertificates(error))
        return false;

    QString keyError;
    SecretBytes key(LocalFiles::read(m_config.serviceKeyFile, &keyError));
    if (key.isEmpty()) {
        *error = QStringLiteral("cannot read the fleet service key: %1").arg(keyError);
        return false;
    }
    if (!m_mqtt.setTlsCredentials(m_config.brokerCaPem, m_config.serviceCertificatePem, key.view(),
                                  error))
        return false;
    key.wipe();

    m_mqtt.setBroker(m_config.brokerHost, m_config.brokerPort);
    m_mqtt.setClientId(m_config.clientId);
    QString subscribeError;
    if (m_mqtt.subscribe(QString::fromLatin1(Plugin::kRequestPrefix.data(),
                                             qsizetype(Plugin::kRequestPrefix.size())) +
                             QLatin1Char('#'),
                         1, &subscribeError) < 0) {
        *error = subscribeError;
        return false;
    }
    m_mqtt.connectToBroker();
    return true;
}

void FleetService::stop()
{
    if (m_mqtt.state() != MqttClient::State::Disconnected)
        m_mqtt.disconnectFromBroker();
    m_ready = false;
}

void FleetService::onMessage(const QString &topic, const QByteArray &payload)
{
    const auto routed = Plugin::parseRoutedTopic(Plugin::kRequestPrefix, topic.toStdString());
    if (!routed) {
        qCWarning(lcLocalFleet) << "ignored a message on" << topic;
        return;
    }

    Request request{QString::fromStdString(routed->clientId),
                    QString::fromStdString(routed->certificateId),
                    QString::fromStdString(routed->topic),
                    QString(),
                    payload,
                    routed->topic.ends_with("/cbor")};
    const QString operationPath = request.topic.section(QLatin1Char('/'), 0, -2);
    if (operationPath == QLatin1String("$aws/certificates/create")) {
        request.operation = kCreateKeys;
        createKeysAndCertificate(request);
    } else if (operationPath == QLatin1String("$aws/certificates/create-from-csr")) {
        request.operation = kCreateFromCsr;
        createCertificateFromCsr(request);
    } else if (Plugin::isProvisioningRequestTopic(routed->topic)) {
        request.operation = kRegisterThing;
        registerThing(request, templateOf(request.topic));
    } else {
        qCWarning(lcLocalFleet) << "ignored a request on" << request.topic;
    }
    ERR_clear_error();
}

std::optional<FleetService::IssuedCertificate>
FleetService::issueCertificate(const Request &request, const EcKey &key, QString *error)
{
    CertificateProfile profile;
    profile.role = CertificateRole::TlsClient;
    // The thing is named only by RegisterThing, later; the subject says what the certificate is.
    profile.commonName = QStringLiteral("Blackbird device certificate");
    profile.validityDays = m_config.certificateValidityDays;
    const Certificate certificate = m_config.deviceCa.issue(key, profile, error);
    if (certificate.isNull())
        return std::nullopt;

    IssuedCertificate issued{certificate.sha256Hex(), certificate.toPem(), newOwnershipToken()};
    const QDateTime issuedAt = m_clock().toUTC();
    const QString expiresAt =
        issuedAt.addSecs(m_config.tokenLifetimeSeconds).toString(Qt::ISODateWithMs);
    if (!m_store->addPendingCertificate(issued.certificateId, issued.certificatePem,
                                        request.claimCertificateId,
                                        sha256Hex(issued.token.toUtf8()), expiresAt,
                                        issuedAt.toString(Qt::ISODateWithMs), error))
        return std::nullopt;
    return issued;
}

void FleetService::createKeysAndCertificate(const Request &request)
{
    QString why;
    if (!parseObject(request.payload, request.cbor, true, &why)) {
        reject(request, ProvisioningRejection::invalidPayload(why));
        return;
    }

    const EcKey key = EcKey::generate();
    QString error;
    const auto issued = issueCertificate(request, key, &error);
    if (!issued) {
        qCWarning(lcLocalFleet) << "CreateKeysAndCertificate failed:" << error;
        reject(request, ProvisioningRejection::internalFailure());
        return;
    }

    // The private key exists only in this reply; Qt's JSON classes keep transient copies that
    // cannot be wiped, the final payload bytes are wiped after sending.
    SecretBytes privateKey = key.privatePem();
    QJsonObject reply{
        {QStringLiteral("certificateId"), issued->certificateId},
        {QStringLiteral("certificatePem"), QString::fromLatin1(issued->certificatePem)},
        {QStringLiteral("privateKey"), QString::fromLatin1(privateKey.view())},
        {QStringLiteral("certificateOwnershipToken"), issued->token}};
    privateKey.wipe();
    accept(request, reply, {{QStringLiteral("certificateId"), issued->certificateId}});
}

void FleetService::createCertificateFromCsr(const Request &request)
{
    QString why;
    const auto body = parseObject(request.payload, request.cbor, false, &why);
    if (!body) {
        reject(request, ProvisioningRejection::invalidPayload(why));
        return;
    }
    const QJsonValue csr = body->value(QStringLiteral("certificateSigningRequest"));
    if (!csr.isString() || csr.toString().isEmpty()) {
        reject(request, ProvisioningRejection::invalidCsr(
                            QStringLiteral("certificateSigningRequest is missing.")));
        return;
    }

    QString error;
    const EcKey key = CertificateAuthority::publicKeyFromCsr(csr.toString().toUtf8(), &error);
    if (key.isNull()) {
        reject(request, ProvisioningRejection::invalidCsr(
                            QStringLiteral("The certificate signing request was refused: %1. It "
                                           "must be a PEM PKCS#10 request for an EC P-256 key.")
                                .arg(error)));
        return;
    }
    const auto issued = issueCertificate(request, key, &error);
    if (!issued) {
        qCWarning(lcLocalFleet) << "CreateCertificateFromCsr failed:" << error;
        reject(request, ProvisioningRejection::internalFailure());
        return;
    }

    const QJsonObject reply{
        {QStringLiteral("certificateId"), issued->certificateId},
        {QStringLiteral("certificatePem"), QString::fromLatin1(issued->certificatePem)},
        {QStringLiteral("certificateOwnershipToken"), issued->token}};
    accept(request, reply, {{QStringLiteral("certificateId"), issued->certificateId}});
}

void FleetService::registerThing(const Request &request, const QString &templateName)
{
    QString why;
    const auto body = parseObject(request.payload, request.cbor, false, &why);
    if (!body) {
        reject(request, ProvisioningRejection::invalidPayload(why));
        return;
    }
    if (templateName != m_config.templateName) {
        reject(request, ProvisioningRejection::templateNotFound(templateName));
        return;
    }

    // The ownership token: present, known, fresh, unused, and this claim certificate's.
    const QString token = body->value(QStringLiteral("certificateOwnershipToken")).toString();
    if (token.isEmpty()) {
        reject(request, ProvisioningRejection::invalidToken(
                            QStringLiteral("Certificate ownership token cannot be empty.")));
        return;
    }
    QString error;
    const auto certificate = m_store->findByToken(sha256Hex(token.toUtf8()), &error);
    if (!certificate) {
        if (!error.isEmpty()) {
            qCWarning(lcLocalFleet) << "RegisterThing failed:" << error;
            reject(request, ProvisioningRejection::internalFailure());
        } else {
            reject(request, ProvisioningRejection::invalidToken(
                                QStringLiteral("The certificate ownership token is unknown.")));
        }
        return;
    }
    const QJsonObject tokenFacts{{QStringLiteral("certificateId"), certificate->certificateId}};
    if (certificate->claimCertificateId != request.claimCertificateId) {
        reject(request,
               ProvisioningRejection::invalidToken(QStringLiteral(
                   "The certificate ownership token was issued to another claim certificate.")),
               tokenFacts);
        return;
    }
    if (certificate->status != QLatin1String("PENDING_ACTIVATION")) {
        reject(request,
               ProvisioningRejection::invalidToken(
                   QStringLiteral("The certificate ownership token was already used.")),
               tokenFacts);
        return;
    }
    if (m_clock().toUTC() >=
        QDateTime::fromString(certificate->tokenExpiresAt, Qt::ISODateWithMs)) {
        reject(request, ProvisioningRejection::expiredToken(), tokenFacts);
        return;
    }

    // The parameters Blackbird's pre-provisioning check needs.
    const QJsonValue parametersValue = body->value(QStringLiteral("parameters"));
    const QJsonObject parameters = parametersValue.toObject();
    for (const QString &name :
         {QStringLiteral("uuid"), QStringLiteral("device_type"), QStringLiteral("signature")}) {
        if (!parameters.value(name).isString() || parameters.value(name).toString().isEmpty()) {
            reject(request,
                   ProvisioningRejection::invalidParameters(
                       QStringLiteral("parameters.%1 is missing or not a string.").arg(name)),
                   tokenFacts);
            return;
        }
    }
    // The registration service keeps uuids in lower case; devices may report them either way.
    const QString uuid = parameters.value(QStringLiteral("uuid")).toString().toLower();
    const QString deviceType = parameters.value(QStringLiteral("device_type")).toString();
    const QString signature = parameters.value(QStringLiteral("signature")).toString();
    QJsonObject facts = tokenFacts;
    facts.insert(QStringLiteral("uuid"), uuid);

    // The device as the registration service knows it.
    const auto registration = RegistrationStore(m_db).findRegistration(uuid);
    if (!registration) {
        reject(request, ProvisioningRejection::deviceNotRegistered(uuid), facts);
        return;
    }
    if (registration->certificateId != request.claimCertificateId) {
        reject(request, ProvisioningRejection::claimCertificateMismatch(uuid), facts);
        return;
    }
    const auto signatureDer = QByteArray::fromBase64Encoding(
        signature.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!signatureDer || signatureDer.decoded.isEmpty()) {
        reject(request,
               ProvisioningRejection::invalidSignature(
                   QStringLiteral("parameters.signature is not valid Base64.")),
               facts);
        return;
    }
    const EcKey registeredKey = EcKey::fromPublicBase64(registration->publicKey.toLatin1());
    if (registeredKey.isNull() || !registeredKey.verify(token.toUtf8(), signatureDer.decoded)) {
        reject(request,
               ProvisioningRejection::invalidSignature(QStringLiteral(
                   "The signature over the certificate ownership token does not verify with "
                   "the device's registered key.")),
               facts);
        return;
    }
    if (deviceType != registration->deviceType) {
        reject(request,
               ProvisioningRejection::deviceTypeMismatch(deviceType, registration->deviceType),
               facts);
        return;
    }

    // Record the thing and activate the certificate, then tell the broker before the device
    // hears back, so that its first connection with the new certificate is admitted.
    const ThingRecord thing{thingNameFor(deviceType, uuid), uuid, deviceType,
                            certificate->certificateId, templateName};
    const auto result = m_store->registerThing(thing, now(), &error);
    if (result == FleetStore::RegisterResult::TokenAlreadyUsed) {
        reject(request,
               ProvisioningRejection::invalidToken(
                   QStringLiteral("The certificate ownership token was already used.")),
               facts);
        return;
    }
    if (result == FleetStore::RegisterResult::Failed || !writeActiveCertificates(&error)) {
        qCWarning(lcLocalFleet) << "RegisterThing failed:" << error;
        reject(request, ProvisioningRejection::internalFailure(), facts);
        return;
    }
    publish(QString::fromLatin1(Plugin::kCertificatePrefix.data(),
                                qsizetype(Plugin::kCertificatePrefix.size())) +
                thing.certificateId,
            "ACTIVE " + thing.thingName.toUtf8());

    const QJsonObject configuration{
        {QStringLiteral("thingName"), thing.thingName},
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("device_type"), deviceType},
        {QStringLiteral("certificateId"), thing.certificateId},
        {QStringLiteral("topicPrefix"), QStringLiteral("things/%1/").arg(thing.thingName)}};
    const QJsonObject reply{{QStringLiteral("deviceConfiguration"), configuration},
                            {QStringLiteral("thingName"), thing.thingName}};
    facts.insert(QStringLiteral("thingName"), thing.thingName);
    qCInfo(lcLocalFleet).noquote() << "device" << uuid << "provisioned as thing" << thing.thingName
                                   << "with certificate" << thing.certificateId;
    accept(request, reply, facts);
    publishThingEvent(thing, result == FleetStore::RegisterResult::Created);
}

QByteArray FleetService::encode(const Request &request, const QJsonObject &object)
{
    if (request.cbor)
        return QCborValue::fromJsonValue(object).toCbor();
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void FleetService::accept(const Request &request, const QJsonObject &reply, QJsonObject event)
{
    QByteArray payload = encode(request, reply);
    const std::string replyTopic = request.topic.toStdString() + "/accepted";
    publish(QString::fromStdString(
                Plugin::replyTopicFor({request.clientId.toStdString(),
                                       request.claimCertificateId.toStdString(), replyTopic})),
            payload);
    SecretBytes::wipe(payload);

    event.insert(QStringLiteral("operation"), request.operation);
    event.insert(QStringLiteral("clientId"), request.clientId);
    event.insert(QStringLiteral("claimCertificateId"), request.claimCertificateId);
    event.insert(QStringLiteral("timestamp"), now());
    publish(QStringLiteral("blackbird/events/provisioning/accepted"),
            QJsonDocument(event).toJson(QJsonDocument::Compact));
    emit requestHandled(request.operation, request.clientId, QString());
}

void FleetService::reject(const Request &request, const ProvisioningRejection &rejection,
                          QJsonObject event)
{
    qCInfo(lcLocalFleet).noquote()
        << request.operation << "from" << request.clientId << "rejected:" << rejection.errorCode
        << "-" << rejection.errorMessage;
    const std::string replyTopic = request.topic.toStdString() + "/rejected";
    publish(QString::fromStdString(
                Plugin::replyTopicFor({request.clientId.toStdString(),
                                       request.claimCertificateId.toStdString(), replyTopic})),
            encode(request, rejection.toJson()));

    event.insert(QStringLiteral("operation"), request.operation);
    event.insert(QStringLiteral("clientId"), request.clientId);
    event.insert(QStringLiteral("claimCertificateId"), request.claimCertificateId);
    event.insert(QStringLiteral("statusCode"), rejection.statusCode);
    event.insert(QStringLiteral("errorCode"), rejection.errorCode);
    event.insert(QStringLiteral("errorMessage"), rejection.errorMessage);
    event.insert(QStringLiteral("timestamp"), now());
    publish(QStringLiteral("blackbird/events/provisioning/rejected"),
            QJsonDocument(event).toJson(QJsonDocument::Compact));
    emit requestHandled(request.operation, request.clientId, rejection.errorCode);
}

void FleetService::publishThingEvent(const ThingRecord &thing, bool created)
{
    const QJsonObject attributes{{QStringLiteral("uuid"), thing.uuid},
                                 {QStringLiteral("device_type"), thing.deviceType}};
    const QJsonObject event{
        {QStringLiteral("eventType"), QStringLiteral("THING_EVENT")},
        {QStringLiteral("eventId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("timestamp"), m_clock().toMSecsSinceEpoch()},
        {QStringLiteral("operation"),
         created ? QStringLiteral("CREATED") : QStringLiteral("UPDATED")},
        {QStringLiteral("thingName"), thing.thingName},
        {QStringLiteral("thingTypeName"), QJsonValue::Null},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("versionNumber"), 1}};
    publish(
        QStringLiteral("$aws/events/thing/%1/%2")
            .arg(thing.thingName, created ? QStringLiteral("created") : QStringLiteral("updated")),
        QJsonDocument(event).toJson(QJsonDocument::Compact));
}

void FleetService::publish(const QString &topic, const QByteArray &payload)
{
    // libmosquitto shares this thread's OpenSSL error queue and takes any error left in it for
    // a failure of its own TLS connection; a refused CSR or key must not cut the service off.
    ERR_clear_error();
    QString error;
    if (m_mqtt.publish(topic, payload, 1, false, &error) < 0)
        qCWarning(lcLocalFleet) << "could not publish on" << topic << ":" << error;
}

bool FleetService::writeActiveCertificates(QString *error)
{
    QString listError;
    const auto active = m_store->activeCertificates(&listError);
    if (!listError.isEmpty()) {
        *error = listError;
        return false;
    }

    QByteArray text = "# Written by blackbird-local's fleet-provisioning service: "
                      "<certificateId> <thingName>\n";
    for (const auto &[certificateId, thingName] : active)
        text += certificateId.toLatin1() + ' ' + thingName.toUtf8() + '\n';

    // Replaced in one step, so the broker plugin never reads half a list.
    QSaveFile file(m_config.activeCertificatesFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(m_config.activeCertificatesFile, file.errorString());
        return false;
    }
    QFile::setPermissions(m_config.activeCertificatesFile, QFile::ReadOwner | QFile::WriteOwner |
                                                               QFile::ReadGroup | QFile::ReadOther);
    return true;
}

} // namespace Blackbird::Local
