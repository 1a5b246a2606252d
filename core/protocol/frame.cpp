// Encoding and payload helpers of Frame.
#include "frame.h"

#include "crc.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QtEndian>

namespace Blackbird {

QString frameTypeName(quint8 type)
{
    switch (FrameType(type)) {
    case FrameType::Hello:
        return QStringLiteral("HELLO");
    case FrameType::GetPublicKey:
        return QStringLiteral("GET_PUBLIC_KEY");
    case FrameType::TransferBegin:
        return QStringLiteral("TRANSFER_BEGIN");
    case FrameType::TransferData:
        return QStringLiteral("TRANSFER_DATA");
    case FrameType::TransferCommit:
        return QStringLiteral("TRANSFER_COMMIT");
    case FrameType::TransferAbort:
        return QStringLiteral("TRANSFER_ABORT");
    case FrameType::ProvisionStart:
        return QStringLiteral("PROVISION_START");
    case FrameType::Status:
        return QStringLiteral("STATUS");
    case FrameType::ClaimErase:
        return QStringLiteral("CLAIM_ERASE");
    case FrameType::Reboot:
        return QStringLiteral("REBOOT");
    case FrameType::Event:
        return QStringLiteral("EVENT");
    case FrameType::Error:
        return QStringLiteral("ERROR");
    default:
        break;
    }
    if ((type & 0x80) && isKnownCommand(type & 0x7F))
        return frameTypeName(type & 0x7F) + QStringLiteral("_REPLY");
    return QStringLiteral("0x%1").arg(type, 2, 16, QLatin1Char('0'));
}

QByteArray Frame::encode(quint8 version, quint8 type, quint16 seq, QByteArrayView payload)
{
    if (payload.size() > 0xFFFF)
        return {};

    QByteArray bytes;
    bytes.reserve(Protocol::kOverhead + payload.size());
    bytes.append(char(Protocol::kSync0));
    bytes.append(char(Protocol::kSync1));
    bytes.append(char(version));
    bytes.append(char(type));
    bytes.append(char(seq >> 8));
    bytes.append(char(seq & 0xFF));
    bytes.append(char(payload.size() >> 8));
    bytes.append(char(payload.size() & 0xFF));
    bytes.append(char(crc8(bytes)));

    bytes.append(payload.data(), payload.size());
    const quint32 crc = crc32(bytes);
    bytes.append(char(crc >> 24));
    bytes.append(char((crc >> 16) & 0xFF));
    bytes.append(char((crc >> 8) & 0xFF));
    bytes.append(char(crc & 0xFF));
    return bytes;
}

QByteArray Frame::encode() const
{
    return encode(version, type, seq, payload);
}

Frame Frame::withJson(FrameType type, quint16 seq, const QJsonObject &object)
{
    Frame frame;
    frame.type = quint8(type);
    frame.seq = seq;
    frame.payload = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return frame;
}

Frame Frame::error(quint16 seq, const QString &code, const QString &message)
{
    return withJson(
        FrameType::Error, seq,
        QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}});
}

Frame Frame::transferData(quint16 seq, quint32 offset, QByteArrayView chunk)
{
    Frame frame;
    frame.type = quint8(FrameType::TransferData);
    frame.seq = seq;
    frame.payload.resize(Protocol::kDataOffsetSize);
    qToBigEndian(offset, frame.payload.data());
    frame.payload.append(chunk.data(), chunk.size());
    return frame;
}

bool Frame::jsonObject(QJsonObject *object, QString *error) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("%1 payload is not valid JSON: %2")
                         .arg(frameTypeName(type), parseError.errorString());
        return false;
    }
    if (!document.isObject()) {
        if (error)
            *error =
                QStringLiteral("%1 payload is JSON but not an object").arg(frameTypeName(type));
        return false;
    }
    *object = document.object();
    return true;
}

bool Frame::transferChunk(quint32 *offset, QByteArrayView *chunk) const
{
    if (payload.size() < Protocol::kDataOffsetSize)
        return false;

    *offset = qFromBigEndian<quint32>(payload.constData());
    *chunk = QByteArrayView(payload).sliced(Protocol::kDataOffsetSize);
    return true;
}

} // namespace Blackbird
