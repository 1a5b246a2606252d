// The simulated device's side of AWS IoT fleet provisioning by claim, as firmware runs it after
// PROVISION_START: connect with the stored claim credentials over TLS, subscribe to the replies
// before publishing, get a permanent certificate (CreateCertificateFromCsr, or
// CreateKeysAndCertificate on request), RegisterThing with the signed ownership token, store the
// certificate and key atomically, and connect again with them to prove they work. Every step is
// reported over serial as an EVENT frame (docs/serial-protocol.md section 11). The device stays
// connected with its permanent certificate afterwards, as a device in service would.
//
// Known shortcomings: a simulated reboot does not interrupt a running handshake (the device
// class tells nobody that it rebooted), and the private key of a CreateKeysAndCertificate answer
// passes through QJsonObject and QString, whose buffers cannot be wiped.
#pragma once

#include "crypto/eckey.h"
#include "crypto/secretbytes.h"
#include "fleetfaults.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace Blackbird {
class MqttClient;
}

namespace Blackbird::Sim {

class SimulatedDevice;

class FleetHandshake : public QObject
{
    Q_OBJECT

public:
    enum class Method { Csr, CreateKeys };
    enum class Status { Idle, Running, Succeeded, Failed };

    // How long the device waits for each broker answer before it gives up.
    static constexpr int kReplyTimeoutMs = 15000;

    // The device's handshake, created as its child on first use so that the device needs no
    // member of its own for it.
    static FleetHandshake *of(SimulatedDevice *device);

    explicit FleetHandshake(SimulatedDevice *device);
    ~FleetHandshake() override;

    // Answers PROVISION_START with seq: {"started": true}, or an ERROR (no_claim, busy,
    // bad_request), and runs the handshake.
    void handleStart(quint16 seq, const QJsonObject &request);

    Status status() const { return m_status; }
    static QString statusName(Status status);

private:
    enum class Step {
        ClaimConnect,
        Subscribe,
        CreateCertificate,
        Reconnect,
        RegisterThing,
        StoreCredentials,
        DeviceConnect,
    };

    bool prepareClaimClient(QString *error);
    void onClaimConnected();
    void onClaimError(const QString &reason);
    void onClaimDisconnected(const QString &reason);
    void onSubscribed(const QString &topic);
    void onMessage(const QString &topic, const QByteArray &payload);
    void requestCertificate();
    void onCertificateAccepted(const QJsonObject &reply);
    void registerThing();
    void onThingRegistered(const QJsonObject &reply);
    void connectWithDeviceCertificate();
    void fail(const QString &errorMessage, const QJsonObject &fields = {});
    void rejected(const QString &eventName, const QJsonObject &reply);
    void armTimeout(const QString &waitingFor);
    void finish(Status status);
    QString stepName() const;
    QString certificateTopic() const;
    QString registerTopic() const;

    SimulatedDevice *m_device;
    Method m_method = Method::Csr;
    Status m_status = Status::Idle;
    Step m_step = Step::ClaimConnect;
    FleetFaults m_faults;
    QString m_host;
    int m_port = 0;
    QString m_templateName;
    std::unique_ptr<MqttClient> m_claimClient;
    std::unique_ptr<MqttClient> m_deviceClient;
    int m_subscriptionsAcknowledged = 0;
    bool m_expectDisconnect = false;
    QTimer m_replyTimer;

    EcKey m_newKey;
    SecretBytes m_newKeyPem;
    QString m_certificateId;
    QByteArray m_certificatePem;
    QString m_ownershipToken;
    QString m_thingName;
};

} // namespace Blackbird::Sim
