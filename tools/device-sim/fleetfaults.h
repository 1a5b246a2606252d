// The fleet-provisioning faults a simulated device can show, set by the same "fault NAME VALUE"
// mechanism as its serial faults: name "fleet-fault", one value at a time.
#pragma once

#include <QString>
#include <QStringList>

namespace Blackbird::Sim {

struct FleetFaults
{
    enum class Kind {
        None,
        WrongClaimCertificate,     // connect with a self-signed certificate instead of the claim
        BadSignature,              // sign something other than the ownership token
        BrokerUnreachable,         // dial a port where no broker listens
        DisconnectBetweenRequests, // drop the MQTT connection after the certificate arrives
    };

    Kind kind = Kind::None;

    static bool isName(const QString &name) { return name == QLatin1String("fleet-fault"); }
    static QStringList names() { return {QStringLiteral("fleet-fault")}; }
    static QStringList values();

    // false, with a reason, for an unknown value; the faults are unchanged then.
    bool set(const QString &name, const QString &value, QString *error);
    QString describe() const;
};

} // namespace Blackbird::Sim
