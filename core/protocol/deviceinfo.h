// What a device says about itself in its HELLO reply, checked and typed. The pipeline decides
// from it whether the device is new, holds claim credentials already, or is provisioned.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Blackbird {

struct DeviceInfo
{
    int protocol = 0;
    QList<int> protocols;
    QString uuid;
    QString deviceType;
    QString firmware;
    QStringList capabilities;
    QString state; // "blank", "claim_stored" or "provisioned"
    int maxPayload = 0;
    int window = 0;

    // Checks the reply field by field against docs/serial-protocol.md section 10.1 and against
    // the versions the station speaks; nullopt with a reason when anything is off.
    static std::optional<DeviceInfo>
    fromHelloReply(const QJsonObject &reply, const QList<int> &stationProtocols, QString *error);
};

} // namespace Blackbird
