#include "fleetfaults.h"

#include <utility>

namespace Blackbird::Sim {

namespace {

const std::pair<const char *, FleetFaults::Kind> kKinds[] = {
    {"none", FleetFaults::Kind::None},
    {"wrong-claim-certificate", FleetFaults::Kind::WrongClaimCertificate},
    {"bad-signature", FleetFaults::Kind::BadSignature},
    {"broker-unreachable", FleetFaults::Kind::BrokerUnreachable},
    {"disconnect-between-requests", FleetFaults::Kind::DisconnectBetweenRequests},
};

} // namespace

QStringList FleetFaults::values()
{
    QStringList list;
    for (const auto &[text, kind] : kKinds)
        list << QString::fromLatin1(text);
    return list;
}

bool FleetFaults::set(const QString &name, const QString &value, QString *error)
{
    if (!isName(name)) {
        if (error)
            *error = QStringLiteral("\"%1\" is not a fleet-provisioning fault").arg(name);
        return false;
    }
    for (const auto &[text, candidate] : kKinds) {
        if (value == QLatin1String(text)) {
            kind = candidate;
            return true;
        }
    }
    if (error)
        *error = QStringLiteral("fleet-fault must be one of %1, not \"%2\"")
                     .arg(values().join(QStringLiteral(", ")), value);
    return false;
}

QString FleetFaults::describe() const
{
    for (const auto &[text, candidate] : kKinds) {
        if (candidate == kind)
            return QStringLiteral("fleet-fault=%1").arg(QString::fromLatin1(text));
    }
    return {};
}

} // namespace Blackbird::Sim
