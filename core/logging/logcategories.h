// The station's logging categories, one per area, all under "blackbird.". Enable them with
// QT_LOGGING_RULES, for example "blackbird.protocol.debug=true". Never log a secret, at any level.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)          // blackbird.app: start-up, settings, shutdown
Q_DECLARE_LOGGING_CATEGORY(lcPorts)        // blackbird.ports: serial port discovery
Q_DECLARE_LOGGING_CATEGORY(lcSerial)       // blackbird.serial: opening, reading, writing a port
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)     // blackbird.protocol: frames and device sessions
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)       // blackbird.crypto: keys and certificates
Q_DECLARE_LOGGING_CATEGORY(lcRegistration) // blackbird.registration: the registration service
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)  // blackbird.credentials: claim credential checks
Q_DECLARE_LOGGING_CATEGORY(lcPipeline)     // blackbird.pipeline: per-device provisioning steps
Q_DECLARE_LOGGING_CATEGORY(lcMqtt)         // blackbird.mqtt: broker connections
Q_DECLARE_LOGGING_CATEGORY(lcAudit)        // blackbird.audit: the audit store
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)     // blackbird.keychain: the OS keychain
Q_DECLARE_LOGGING_CATEGORY(lcUi)           // blackbird.ui: the window and its views
