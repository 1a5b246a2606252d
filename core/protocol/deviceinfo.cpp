// Validation of the HELLO reply.
#include "deviceinfo.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace Blackbird {

namespace {

std::optional<DeviceInfo> refuse(QString *error, const QString &reason)
{
    if (error)
        *error = QStringLiteral("the device's HELLO reply is invalid: %1").arg(reason);
    return std::nullopt;
}

bool isWholeNumber(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() == double(value.toInteger());
}

} // namespace

std::optional<DeviceInfo> DeviceInfo::fromHelloReply(const QJsonObject &reply,
                                                     const QList<int> &stationProtocols,
                                                     QString *error)
{
    DeviceInfo info;

    const QJsonValue protocols = reply.value(QStringLiteral("protocols"));
    if (!protocols.isArray() || protocols.toArray().isEmpty())
        return refuse(error, QStringLiteral("\"protocols\" is missing or empty"));
    for (const QJsonValue &version : protocols.toArray()) {
        if (!isWholeNumber(version))
            return refuse(error, QStringLiteral("\"protocols\" holds a non-integer"));
        info.protocols.append(int(version.toInteger()));
    }

    int common = 0;
    for (const int version : stationProtocols) {
        if (info.protocols.contains(version))
            common = std::max(common, version);
    }
    if (common == 0) {
        QStringList theirs;
        for (const int version : std::as_const(info.protocols))
            theirs.append(QString::number(version));
        QStringList ours;
        for (const int version : stationProtocols)
            ours.append(QString::number(version));
        if (error)
            *error = QStringLiteral("the device speaks protocol versions %1, the station %2")
                         .arg(theirs.join(QStringLiteral(", ")), ours.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const QJsonValue chosen = reply.value(QStringLiteral("protocol"));
    if (!isWholeNumber(chosen) || chosen.toInteger() != common)
        return refuse(
            error,
            QStringLiteral("\"protocol\" is not %1, the highest common version").arg(common));
    info.protocol = common;

    static const QRegularExpression uuidPattern(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    info.uuid = reply.value(QStringLiteral("uuid")).toString();
    if (!uuidPattern.match(info.uuid).hasMatch())
        return refuse(error, QStringLiteral("\"uuid\" is not a lower-case RFC 4122 uuid"));

    info.deviceType = reply.value(QStringLiteral("device_type")).toString();
    if (info.deviceType.isEmpty())
        return refuse(error, QStringLiteral("\"device_type\" is missing"));
    info.firmware = reply.value(QStringLiteral("firmware")).toString();
    if (info.firmware.isEmpty())
        return refuse(error, QStringLiteral("\"firmware\" is missing"));

    for (const QJsonValue &capability : reply.value(QStringLiteral("capabilities")).toArray())
        info.capabilities.append(capability.toString());

    info.state = reply.value(QStringLiteral("state")).toString();
    static const QStringList states = {QStringLiteral("blank"), QStringLiteral("claim_stored"),
                                       QStringLiteral("provisioned")};
    if (!states.contains(info.state))
        return refuse(error, QStringLiteral("\"state\" is not blank, claim_stored or provisioned"));

    const QJsonValue maxPayload = reply.value(QStringLiteral("max_payload"));
    if (!isWholeNumber(maxPayload) || maxPayload.toInteger() < 256 ||
        maxPayload.toInteger() > 65535)
        return refuse(error, QStringLiteral("\"max_payload\" is not an integer from 256 up"));
    info.maxPayload = int(maxPayload.toInteger());

    const QJsonValue window = reply.value(QStringLiteral("window"));
    if (!isWholeNumber(window) || window.toInteger() < 1 || window.toInteger() > 32)
        return refuse(error, QStringLiteral("\"window\" is not an integer from 1 to 32"));
    info.window = int(window.toInteger());

    return info;
}

} // namespace Blackbird
