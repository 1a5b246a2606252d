// FleetHandshake: AWS IoT's fleet-provisioning topics and payloads over MqttClient, with the
// device's storage for keys and results and EVENT frames for progress.
#include "fleethandshake.h"

#include "crypto/certificate.h"
#include "crypto/opensslhandles.h"
#include "mqtt/mqttclient.h"
#include "protocol/frame.h"
#include "simlog.h"
#include "simulateddevice.h"

#include <QJsonDocument>

#include <openssl/x509.h>

namespace Blackbird::Sim {

namespace {

const QString kCreateTopic = QStringLiteral("$aws/certificates/create/json");
const QString kCreateFromCsrTopic = QStringLiteral("$aws/certificates/create-from-csr/json");

// Nothing listens on TCP port 1 (tcpmux) of a factory test bench, which is what the
// broker-unreachable fault needs.
constexpr int kUnreachablePort = 1;

// A certificate no Blackbird CA issued, for the wrong-claim-certificate fault: the broker must
// refuse it in the TLS handshake.
QByteArray selfSignedCertificatePem(const EcKey &key, const QString &commonName)
{
    Ssl::X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600L * 24);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.handle());
    if (X509_sign(cert.get(), key.handle(), EVP_sha256()) <= 0)
        return {};
    return Certificate::adopt(cert.release()).toPem();
}

QJsonObject parseObject(const QByteArray &payload)
{
    return QJsonDocument::fromJson(payload).object();
}

} // namespace

FleetHandshake *FleetHandshake::of(SimulatedDevice *device)
{
    if (auto *existing = device->findChild<FleetHandshake *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new FleetHandshake(device);
}

FleetHandshake::FleetHandshake(SimulatedDevice *device)
    : QObject(device)
    , m_device(device)
{
    m_replyTimer.setSingleShot(true);
}

FleetHandshake::~FleetHandshake() = default;

QString FleetHandshake::statusName(Status status)
{
    switch (status) {
    case Status::Idle:
        return QStringLiteral("idle");
    case Status::Running:
        return QStringLiteral("running");
    case Status::Succeeded:
        return QStringLiteral("succeeded");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

void FleetHandshake::handleStart(quint16 seq, const QJsonObject &request)
{
    if (m_status == Status::Running) {
        m_device->replyError(seq, QString::fromLatin1(ErrorCode::Busy),
                             QStringLiteral("fleet provisioning is already running"));
        return;
    }

    const QString method = request.value(QStringLiteral("method")).toString(QStringLiteral("csr"));
    if (method != QLatin1String("csr") && method != QLatin1String("create_keys")) {
        m_device->replyError(
            seq, QString::fromLatin1(ErrorCode::BadRequest),
            QStringLiteral("\"method\" must be csr or create_keys, not \"%1\"").arg(method));
        return;
    }
    if (!m_device->storage().hasClaimBundle()) {
        m_device->replyError(seq, QString::fromLatin1(ErrorCode::NoClaim),
                             QStringLiteral("no claim credentials are stored; transfer them "
                                            "first"));
        return;
    }

    // A new run (a rotation in field service, say) starts from nothing.
    m_deviceClient.reset();
    m_claimClient.reset();
    m_method = method == QLatin1String("csr") ? Method::Csr : Method::CreateKeys;
    m_faults = m_device->faults().fleet;
    m_status = Status::Running;
    m_step = Step::ClaimConnect;
    m_subscriptionsAcknowledged = 0;
    m_expectDisconnect = false;
    m_certificateId.clear();
    m_certificatePem.clear();
    m_ownershipToken.clear();
    m_thingName.clear();
    m_newKeyPem.wipe();
    m_device->replyOk(FrameType::ProvisionStart, seq,
                      QJsonObject{{QStringLiteral("started"), true}});

    QString error;
    if (!prepareClaimClient(&error)) {
        fail(error);
        return;
    }
    m_device->sendEvent(QStringLiteral("mqtt_connecting"),
                        QJsonObject{{QStringLiteral("host"), m_host},
                                    {QStringLiteral("port"), m_claimClient->port()}});
    m_claimClient->connectToBroker();
}

bool FleetHandshake::prepareClaimClient(QString *error)
{
    std::optional<ClaimBundle> bundle = m_device->storage().readClaimBundle(error);
    if (!bundle)
        return false;
    m_host = bundle->mqttHost;
    m_port = bundle->mqttPort;
    m_templateName = bundle->templateName;

    m_claimClient = std::make_unique<MqttClient>();
    m_claimClient->setClientId(m_device->storage().uuid());
    MqttReconnectPolicy noRetry;
    noRetry.enabled = false;
    m_claimClient->setReconnectPolicy(noRetry);
    m_claimClient->setBroker(m_host, m_faults.kind == FleetFaults::Kind::BrokerUnreachable
                                         ? quint16(kUnreachablePort)
                                         : quint16(m_port));

    bool ready = false;
    if (m_faults.kind == FleetFaults::Kind::WrongClaimCertificate) {
        const EcKey stranger = EcKey::generate();
        ready = m_claimClient->setTlsCredentials(
            bundle->caPem, selfSignedCertificatePem(stranger, QStringLiteral("not-a-claim")),
            stranger, error);
    } else {
        ready = m_claimClient->setTlsCredentials(bundle->caPem, bundle->certificatePem,
                                                 bundle->privateKeyPem.view(), error);
    }
    if (!ready)
        return false;

    connect(m_claimClient.get(), &MqttClient::connected, this, &FleetHandshake::onClaimConnected);
    connect(m_claimClient.get(), &MqttClient::errorOccurred, this, &FleetHandshake::onClaimError);
    connect(m_claimClient.get(), &MqttClient::disconnected, this,
            &FleetHandshake::onClaimDisconnected);
    connect(m_claimClient.get(), &MqttClient::subscribed, this, &FleetHandshake::onSubscribed);
    connect(m_claimClient.get(), &MqttClient::subscriptionRefused, this,
            [this](const QString &topic) {
                fail(QStringLiteral("the broker refused the subscription to %1").arg(topic));
            });
    connect(m_claimClient.get(), &MqttClient::messageReceived, this, &FleetHandshake::onMessage);

    // Replies reach only a connection that is subscribed when they are sent, so every reply
    // topic of the run is subscribed before the first request goes out.
    for (const QString &request : {certificateTopic(), registerTopic()}) {
        m_claimClient->subscribe(request + QStringLiteral("/accepted"), 1);
        m_claimClient->subscribe(request + QStringLiteral("/rejected"), 1);
    }
    armTimeout(QStringLiteral("the broker to accept the claim connection"));
    return true;
}

void FleetHandshake::onClaimConnected()
{
    if (m_status != Status::Running)
        return;
    m_device->sendEvent(QStringLiteral("mqtt_connected"));
    m_subscriptionsAcknowledged = 0;
    m_step = m_step == Step::Reconnect ? Step::Reconnect : Step::Subscribe;
    armTimeout(QStringLiteral("the broker to acknowledge the subscriptions"));
}

void FleetHandshake::onClaimError(const QString &reason)
{
    if (m_status != Status::Running)
        return;
    fail(reason, QJsonObject{{QStringLiteral("tls_error"),
                              reason.contains(QLatin1String("TLS")) ? reason : QString()}});
}

void FleetHandshake::onClaimDisconnected(const QString &reason)
{
    if (m_status != Status::Running)
        return;
    if (m_expectDisconnect) {
        m_expectDisconnect = false;
        m_device->sendEvent(QStringLiteral("mqtt_disconnected"),
                            QJsonObject{{QStringLiteral("reason"), reason}});

        // The token stays valid for an hour and is bound to the claim certificate, not to the
        // connection: a device that lost its link reconnects and carries on.
        m_device->sendEvent(QStringLiteral("mqtt_connecting"),
                            QJsonObject{{QStringLiteral("host"), m_host},
                                        {QStringLiteral("port"), m_claimClient->port()}});
        m_claimClient->connectToBroker();
        armTimeout(QStringLiteral("the broker to accept the claim connection again"));
        return;
    }
    fail(QStringLiteral("the claim connection was lost: %1").arg(reason));
}

void FleetHandshake::onSubscribed(const QString &topic)
{
    Q_UNUSED(topic);
    if (m_status != Status::Running)
        return;
    if (++m_subscriptionsAcknowledged < 4)
        return;

    if (m_step == Step::Reconnect)
        registerThing();
    else
        requestCertificate();
}

void FleetHandshake::requestCertificate()
{
    m_step = Step::CreateCertificate;
    QJsonObject request;
    if (m_method == Method::Csr) {
        m_newKey = EcKey::generate();
        QString error;
        const QByteArray csr = createCsrPem(m_newKey, m_device->storage().uuid(), &error);
        if (csr.isEmpty()) {
            fail(QStringLiteral("could not create the certificate signing request: %1").arg(error));
            return;
        }
        m_device->sendEvent(QStringLiteral("csr_created"));
        request.insert(QStringLiteral("certificateSigningRequest"), QString::fromLatin1(csr));
    }

    QString error;
    const QByteArray payload = QJsonDocument(request).toJson(QJsonDocument::Compact);
    if (m_claimClient->publish(certificateTopic(), payload, 1, false, &error) < 0) {
        fail(error);
        return;
    }
    armTimeout(QStringLiteral("the certificate"));
}

void FleetHandshake::onMessage(const QString &topic, const QByteArray &payload)
{
    if (m_status != Status::Running)
        return;
    QByteArray copy = payload;
    const QJsonObject reply = parseObject(copy);
    SecretBytes::wipe(copy); // CreateKeysAndCertificate's answer carries a private key

    if (topic == certificateTopic() + QStringLiteral("/accepted") &&
        m_step == Step::CreateCertificate) {
        onCertificateAccepted(reply);
    } else if (topic == certificateTopic() + QStringLiteral("/rejected") &&
               m_step == Step::CreateCertificate) {
        rejected(QStringLiteral("certificate_rejected"), reply);
    } else if (topic == registerTopic() + QStringLiteral("/accepted") &&
               m_step == Step::RegisterThing) {
        onThingRegistered(reply);
    } else if (topic == registerTopic() + QStringLiteral("/rejected") &&
               m_step == Step::RegisterThing) {
        rejected(QStringLiteral("register_thing_rejected"), reply);
    } else {
        qCInfo(lcSim).noquote() << "device" << m_device->index() << "ignores a message on" << topic;
    }
}

void FleetHandshake::onCertificateAccepted(const QJsonObject &reply)
{
    m_replyTimer.stop();
    m_certificateId = reply.value(QStringLiteral("certificateId")).toString();
    m_certificatePem = reply.value(QStringLiteral("certificatePem")).toString().toUtf8();
    m_ownershipToken = reply.value(QStringLiteral("certificateOwnershipToken")).toString();

    QString error;
    const Certificate certificate = Certificate::fromPem(m_certificatePem, &error);
    if (certificate.isNull() || m_ownershipToken.isEmpty()) {
        fail(QStringLiteral("the accepted certificate reply is incomplete: %1")
                 .arg(certificate.isNull() ? error : QStringLiteral("no ownership token")));
        return;
    }
    if (certificate.sha256Hex() != m_certificateId) {
        fail(
            QStringLiteral("certificateId %1 does not match the certificate").arg(m_certificateId));
        return;
    }

    if (m_method == Method::CreateKeys) {
        QByteArray keyPem = reply.value(QStringLiteral("privateKey")).toString().toUtf8();
        m_newKeyPem = SecretBytes(std::move(keyPem));
        m_newKey = EcKey::fromPrivatePem(m_newKeyPem.view(), &error);
    } else {
        m_newKeyPem = m_newKey.privatePem();
    }
    if (m_newKey.isNull() || !certificate.matchesPrivateKey(m_newKey)) {
        fail(QStringLiteral("the new certificate does not belong to the device's new key%1")
                 .arg(error.isEmpty() ? QString() : QStringLiteral(": ") + error));
        return;
    }
    m_device->sendEvent(QStringLiteral("certificate_accepted"),
                        QJsonObject{{QStringLiteral("certificate_id"), m_certificateId}});

    if (m_faults.kind == FleetFaults::Kind::DisconnectBetweenRequests) {
        m_step = Step::Reconnect;
        m_expectDisconnect = true;
        m_claimClient->disconnectFromBroker();
        armTimeout(QStringLiteral("the claim connection to close"));
        return;
    }
    registerThing();
}

void FleetHandshake::registerThing()
{
    m_step = Step::RegisterThing;

    // The registration service knows the device by its signing key; the signature over the
    // token proves this device asked for this certificate.
    const QByteArray token = m_ownershipToken.toUtf8();
    const QByteArray signed_ = m_faults.kind == FleetFaults::Kind::BadSignature
                                   ? token + QByteArrayLiteral("-tampered")
                                   : token;
    const QByteArray signature = m_device->storage().signingKey().sign(signed_).toBase64();

    const QJsonObject request{
        {QStringLiteral("certificateOwnershipToken"), m_ownershipToken},
        {QStringLiteral("parameters"),
         QJsonObject{{QStringLiteral("uuid"), m_device->storage().uuid()},
                     {QStringLiteral("device_type"), m_device->storage().deviceType()},
                     {QStringLiteral("signature"), QString::fromLatin1(signature)}}},
    };
    QString error;
    if (m_claimClient->publish(registerTopic(),
                               QJsonDocument(request).toJson(QJsonDocument::Compact), 1, false,
                               &error) < 0) {
        fail(error);
        return;
    }
    armTimeout(QStringLiteral("the RegisterThing answer"));
}

void FleetHandshake::onThingRegistered(const QJsonObject &reply)
{
    m_replyTimer.stop();
    m_thingName = reply.value(QStringLiteral("thingName")).toString();
    if (m_thingName.isEmpty()) {
        fail(QStringLiteral("the RegisterThing answer names no thing"));
        return;
    }
    m_device->sendEvent(QStringLiteral("register_thing_accepted"),
                        QJsonObject{{QStringLiteral("thing_name"), m_thingName}});

    m_step = Step::StoreCredentials;
    DeviceCredentials credentials;
    credentials.thingName = m_thingName;
    credentials.certificateId = m_certificateId;
    credentials.certificatePem = m_certificatePem;
    credentials.privateKeyPem = m_newKeyPem.clone();
    QString error;
    if (!m_device->storage().storeDeviceCredentials(credentials, &error)) {
        fail(QStringLiteral("could not store the permanent credentials: %1").arg(error));
        return;
    }
    m_device->sendEvent(QStringLiteral("credentials_stored"),
                        QJsonObject{{QStringLiteral("certificate_id"), m_certificateId}});

    // The claim connection has done its job; the device now proves its own identity.
    m_expectDisconnect = false;
    m_claimClient->disconnect(this);
    m_claimClient->disconnectFromBroker();
    connectWithDeviceCertificate();
}

void FleetHandshake::connectWithDeviceCertificate()
{
    m_step = Step::DeviceConnect;
    QString error;
    std::optional<ClaimBundle> bundle = m_device->storage().readClaimBundle(&error);
    std::optional<DeviceCredentials> stored = m_device->storage().readDeviceCredentials(&error);
    if (!bundle || !stored) {
        fail(QStringLiteral("could not read back the stored credentials: %1").arg(error));
        return;
    }

    m_deviceClient = std::make_unique<MqttClient>();
    m_deviceClient->setClientId(m_thingName);
    m_deviceClient->setBroker(m_host, quint16(m_port));
    // A first failure ends the handshake (and this client with it); once in service the
    // device reconnects with backoff like firmware would.
    if (!m_deviceClient->setTlsCredentials(bundle->caPem, stored->certificatePem,
                                           stored->privateKeyPem.view(), &error)) {
        fail(QStringLiteral("the stored permanent credentials do not work: %1").arg(error));
        return;
    }

    connect(m_deviceClient.get(), &MqttClient::connected, this, [this] {
        m_replyTimer.stop();
        m_device->sendEvent(QStringLiteral("reconnected_with_device_certificate"),
                            QJsonObject{{QStringLiteral("certificate_id"), m_certificateId}});
        QString why;
        if (!m_device->storage().markProvisioned(m_thingName, &why)) {
            fail(QStringLiteral("could not record the provisioned state: %1").arg(why));
            return;
        }
        m_device->sendEvent(QStringLiteral("provisioning_succeeded"),
                            QJsonObject{{QStringLiteral("thing_name"), m_thingName}});
        finish(Status::Succeeded);
    });
    connect(m_deviceClient.get(), &MqttClient::errorOccurred, this, [this](const QString &why) {
        if (m_status == Status::Running)
            fail(why, QJsonObject{{QStringLiteral("tls_error"),
                                   why.contains(QLatin1String("TLS")) ? why : QString()}});
    });
    m_deviceClient->connectToBroker();
    armTimeout(QStringLiteral("the broker to accept the device certificate"));
}

void FleetHandshake::rejected(const QString &eventName, const QJsonObject &reply)
{
    m_replyTimer.stop();
    QJsonObject fields{
        {QStringLiteral("statusCode"), reply.value(QStringLiteral("statusCode")).toInt()},
        {QStringLiteral("errorCode"), reply.value(QStringLiteral("errorCode")).toString()},
        {QStringLiteral("errorMessage"), reply.value(QStringLiteral("errorMessage")).toString()},
    };
    m_device->sendEvent(eventName, fields);
    fail(fields.value(QStringLiteral("errorMessage")).toString(), fields);
}

void FleetHandshake::fail(const QString &errorMessage, const QJsonObject &fields)
{
    if (m_status != Status::Running)
        return;
    qCInfo(lcSim).noquote() << "device" << m_device->index() << "fleet provisioning failed at"
                            << stepName() << ":" << errorMessage;

    QJsonObject event = fields;
    for (auto it = event.begin(); it != event.end();) {
        if (it.value().isString() && it.value().toString().isEmpty())
            it = event.erase(it);
        else
            ++it;
    }
    event.insert(QStringLiteral("step"), stepName());
    event.insert(QStringLiteral("errorMessage"), errorMessage);
    m_device->sendEvent(QStringLiteral("provisioning_failed"), event);
    finish(Status::Failed);
}

void FleetHandshake::armTimeout(const QString &waitingFor)
{
    m_replyTimer.disconnect(this);
    connect(&m_replyTimer, &QTimer::timeout, this, [this, waitingFor] {
        fail(QStringLiteral("no answer from the broker within %1 s while waiting for %2")
                 .arg(kReplyTimeoutMs / 1000)
                 .arg(waitingFor));
    });
    m_replyTimer.start(kReplyTimeoutMs);
}

void FleetHandshake::finish(Status status)
{
    m_replyTimer.stop();
    m_status = status;
    m_ownershipToken.clear();
    m_newKeyPem.wipe();
    m_newKey = EcKey();
    if (m_claimClient) {
        m_claimClient->disconnect(this);
        m_claimClient->disconnectFromBroker();
    }
    if (status == Status::Failed)
        m_deviceClient.reset();
}

QString FleetHandshake::stepName() const
{
    switch (m_step) {
    case Step::ClaimConnect:
        return QStringLiteral("mqtt_connect");
    case Step::Subscribe:
        return QStringLiteral("subscribe");
    case Step::CreateCertificate:
        return m_method == Method::Csr ? QStringLiteral("create_certificate_from_csr")
                                       : QStringLiteral("create_keys_and_certificate");
    case Step::Reconnect:
        return QStringLiteral("mqtt_reconnect");
    case Step::RegisterThing:
        return QStringLiteral("register_thing");
    case Step::StoreCredentials:
        return QStringLiteral("store_credentials");
    case Step::DeviceConnect:
        return QStringLiteral("device_connect");
    }
    return {};
}

QString FleetHandshake::certificateTopic() const
{
    return m_method == Method::Csr ? kCreateFromCsrTopic : kCreateTopic;
}

QString FleetHandshake::registerTopic() const
{
    return QStringLiteral("$aws/provisioning-templates/%1/provision/json").arg(m_templateName);
}

} // namespace Blackbird::Sim
