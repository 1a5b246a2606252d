// The command line of blackbird-local, parsed into plain values so tests can check the parsing
// without starting anything.
#pragma once

#include "registrationfaults.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Blackbird::Local {

struct StackOptions
{
    QString stateDir;
    bool reset = false;
    QString databaseConnection; // empty: SQLite in the state folder
    quint16 httpsPort = 0;      // 0: a free port chosen at start
    quint16 mqttPort = 0;
    int claimShare = 1;
    int rateLimitPerMinute = 600;
    QString templateName = QStringLiteral("BlackbirdFleetTemplate");
    QStringList demoDeviceTypes = {QStringLiteral("blackbird-sensor-v1"),
                                   QStringLiteral("blackbird-gateway-v1")};
    // From --registration-fault SPEC (repeatable) and then BLACKBIRD_LOCAL_REGISTRATION_FAULTS
    // (SPECs separated by ';'), in that order.
    QList<RegistrationFault> registrationFaults;

    // Parses arguments (arguments[0] is the program). On --help or --version sets exitNow and
    // the text to print; on a mistake returns nullopt with error set.
    static std::optional<StackOptions> parse(const QStringList &arguments, QString *error,
                                             QString *exitNowText = nullptr);
};

} // namespace Blackbird::Local
