// What the provisioning pipeline needs to know besides the device itself: where the cloud side
// is (registration service, broker, CA, template), how patient each step is, and how a station
// runs its ports (parallel limit, auto-start, mode). Plain values, no secret: the API key and the
// claim credentials travel separately in SecretBytes.
#pragma once

#include "pipeline/provisioningtypes.h"
#include "ports/portinfo.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Blackbird {

// Each step's time limit, in milliseconds. A step that runs over fails with a sentence naming
// the step and the limit. The defaults suit a device at 115200 baud on a loaded station.
struct PipelineTimeouts
{
    int identifyMs = 15000;  // open the port, HELLO, STATUS
    int registerMs = 90000;  // public key, registration service (with its retries), checks
    int transferMs = 60000;  // the bundle's bytes over serial
    int commitMs = 15000;    // from the last byte acknowledged to the commit reply
    int provisionMs = 10000; // PROVISION_START answered
    int watchMs = 90000;     // the handshake until the device reports success or failure
    int verifyMs = 20000;    // the broker confirms a connection by the new certificate
    int recordMs = 20000;    // the audit store confirms the record

    int forStep(ProvisioningStep step) const;
};

// Where the cloud side is. Filled from the station profile or from a local stack's
// endpoints.json (fromEndpointsJson).
struct PipelineEndpoint
{
    QUrl registrationUrl; // full URL, e.g. https://127.0.0.1:45855/v1/registrations
    QString caFile;       // PEM: verifies the registration service and the broker (ca_pem)
    QString claimCaFile;  // PEM: the claim CA claim certificates must chain to; may be empty
    QString mqttHost;     // the broker the device connects to
    quint16 mqttPort = 8883;
    QString templateName;    // the fleet-provisioning template
    QStringList deviceTypes; // device types this station provisions; empty allows any
    // The operator connection for the broker monitor (endpoints.json's operator_cert/_key).
    QString operatorCertFile;
    QString operatorKeyFile;

    // Reads a local stack's endpoints.json: registration_url, ca_file, mqtt_host, mqtt_port,
    // template_name, device_types, operator_cert, operator_key, and pki/claim-ca.pem next to
    // ca_file when it exists. The file's api_key is NOT read here (see apiKeyFromEndpointsJson).
    static bool fromEndpointsJson(const QString &path, PipelineEndpoint *endpoint, QString *error);
    static bool fromEndpointsObject(const QJsonObject &endpoints, PipelineEndpoint *endpoint,
                                    QString *error);

    // Checks the fields a device job needs; says which one is missing or wrong.
    bool validate(QString *error) const;
};

// One attempt on one port, as the station hands it to a DeviceJob.
struct DeviceJobConfig
{
    QString port;      // the path to open
    QString usbSerial; // from the port scan, for the record; may be empty
    int baud = 115200;
    ServiceMode mode = ServiceMode::Production;
    QString reason;            // required for every field-service mode
    bool confirmErase = false; // EraseClaim only runs when the operator confirmed it
    BatchContext batch;
    PipelineTimeouts timeouts;

    // What goes into the claim bundle besides the credentials (docs/serial-protocol.md 14).
    QByteArray caPem; // the broker's trust anchor for the device
    QString mqttHost;
    quint16 mqttPort = 8883;
    QString templateName;
    QStringList deviceTypes;                            // allowed types; empty allows any
    QString provisioningMethod = QStringLiteral("csr"); // "csr" or "create_keys"

    // Verification needs the broker's view. Only a station without a monitor connection turns
    // this off, and the record then says the broker was not watched.
    bool requireBrokerConfirmation = true;

    // Checks the combination (a field-service mode needs a reason, erase its confirmation, a
    // port and bundle fields must be present); says what is wrong.
    bool validate(QString *error) const;
};

struct StationConfig
{
    PipelineEndpoint endpoint;
    PortFilter portFilter;  // which ports a PortWatcher reports (the caller applies it)
    int parallelLimit = 4;  // devices provisioned at once, at least 1
    bool autoStart = false; // start a device as soon as its port appears
    int baud = 115200;
    PipelineTimeouts timeouts;
    ServiceMode mode = ServiceMode::Production;
    QString reason; // for field-service modes
    bool confirmErase = false;
    QString provisioningMethod = QStringLiteral("csr");
    bool requireBrokerConfirmation = true;

    bool validate(QString *error) const;
};

// The station's running totals for the current batch.
struct BatchCounters
{
    int queued = 0;
    int running = 0;
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    int cancelled = 0;
    double devicesPerHour = 0.0; // passed devices per hour since the first device started
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::BatchCounters)
