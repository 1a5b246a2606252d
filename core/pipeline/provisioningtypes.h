// The vocabulary of the provisioning pipeline, shared by the engine, the command-line front end
// and the GUI: the steps a device goes through, the modes an attempt runs in, the batch it
// belongs to, and a snapshot of where one device stands.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Blackbird {

// In order. A production attempt runs them all; field-service modes skip what they do not need.
enum class ProvisioningStep : quint8 {
    Identify,  // hello: uuid, device type, firmware, state
    Register,  // read the public key, call the registration service, check the credentials
    Transfer,  // move the claim bundle over serial
    Commit,    // the device checks the digest and swaps its claim set atomically
    Provision, // tell the device to start fleet provisioning
    Watch,     // follow the handshake from both sides: device events and the broker
    Verify,    // the device reports its permanent identity and the broker saw it connect
    Record,    // the audit record is written
};

enum class ServiceMode : quint8 {
    Production,   // blank devices only; provisioned ones are skipped
    Rotate,       // field service: run fleet provisioning again with the stored claim
    ReplaceClaim, // field service: new claim credentials from the registration service
    EraseClaim,   // field service: erase the stored claim credentials
};

enum class DeviceState : quint8 { Idle, Running, Passed, Failed, Skipped, Cancelled };

QString provisioningStepName(ProvisioningStep step); // identify, register, ... (audit names)
std::optional<ProvisioningStep> provisioningStepFromName(const QString &name);
QString serviceModeName(ServiceMode mode); // production, rotate, replace_claim, erase_claim
std::optional<ServiceMode> serviceModeFromName(const QString &name);
QString deviceStateName(DeviceState state); // idle, running, passed, failed, ...

struct BatchContext
{
    QString batchId;
    QString operatorName;
    QString stationId;
};

// Where one device stands; the pipeline emits a fresh one whenever something changes.
struct DeviceSnapshot
{
    QString port;
    QString usbSerial;
    QString deviceUuid;
    QString deviceType;
    QString firmware;
    ServiceMode mode = ServiceMode::Production;
    DeviceState state = DeviceState::Idle;
    ProvisioningStep step = ProvisioningStep::Identify;
    double stepProgress = 0.0; // 0..1 within the step, for the transfer mainly
    QString error;             // readable reason when state is Failed
    QString certificateId;     // claim certificate id once registered
    QString thingName;         // once fleet provisioning registered the thing
    QString attemptId;         // the audit attempt
    QDateTime startedAt;
    QDateTime finishedAt;
    QDateTime claimExpiresAt;     // the claim certificate's notAfter, once known
    QDateTime tokenExpiresAt;     // the ownership token's expiry, once the device reported it
    QString reason;               // the field-service reason, empty in production
    QString deviceCertificateId;  // the permanent certificate fleet provisioning gave the device
    bool deviceConfirmed = false; // the device reported its permanent identity
    bool brokerConfirmed = false; // the broker saw a connection by that certificate
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::DeviceSnapshot)
