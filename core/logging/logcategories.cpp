#include "logcategories.h"

Q_LOGGING_CATEGORY(lcApp, "blackbird.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPorts, "blackbird.ports", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSerial, "blackbird.serial", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtocol, "blackbird.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "blackbird.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRegistration, "blackbird.registration", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCredentials, "blackbird.credentials", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPipeline, "blackbird.pipeline", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMqtt, "blackbird.mqtt", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudit, "blackbird.audit", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "blackbird.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "blackbird.ui", QtInfoMsg)
