// One frame of the station <-> device serial protocol (wire format v1, docs/serial-protocol.md):
// its type codes, limits and the encoder. The station and the device simulator share this file,
// so both sides build exactly the same bytes.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace Blackbird {

namespace Protocol {

inline constexpr quint8 kSync0 = 0xC0;
inline constexpr quint8 kSync1 = 0xB1;
// Frame format version written in every header; also the only protocol version defined so far.
inline constexpr quint8 kVersion = 1;
inline constexpr int kHeaderSize = 9;
inline constexpr int kTrailerSize = 4;
inline constexpr int kOverhead = kHeaderSize + kTrailerSize;
// Payload limit that both sides honour until HELLO has told them the peer's limit.
inline constexpr int kMaxPayloadBeforeHello = 256;
// The largest payload the station ever sends or accepts.
inline constexpr int kMaxPayload = 4096;
// TRANSFER_DATA payloads start with the chunk's offset in the bundle, u32 big-endian.
inline constexpr int kDataOffsetSize = 4;

} // namespace Protocol

enum class FrameType : quint8 {
    // Station -> device commands.
    Hello = 0x01,
    GetPublicKey = 0x02,
    TransferBegin = 0x03,
    TransferData = 0x04,
    TransferCommit = 0x05,
    TransferAbort = 0x06,
    ProvisionStart = 0x07,
    Status = 0x08,
    ClaimErase = 0x09,
    Reboot = 0x0A,

    // Device -> station: unsolicited events and the failure reply to any command.
    Event = 0x40,
    Error = 0x7F,

    // Device -> station success replies: 0x80 | command.
    HelloReply = 0x81,
    GetPublicKeyReply = 0x82,
    TransferBeginReply = 0x83,
    TransferDataReply = 0x84,
    TransferCommitReply = 0x85,
    TransferAbortReply = 0x86,
    ProvisionStartReply = 0x87,
    StatusReply = 0x88,
    ClaimEraseReply = 0x89,
    RebootReply = 0x8A,
};

// The success reply type of a command: 0x80 | command.
constexpr quint8 replyType(FrameType command)
{
    return quint8(0x80 | quint8(command));
}

// True for the ten command codes 0x01..0x0A defined by protocol version 1.
constexpr bool isKnownCommand(quint8 type)
{
    return type >= quint8(FrameType::Hello) && type <= quint8(FrameType::Reboot);
}

// "HELLO", "TRANSFER_DATA", "EVENT", "0x23" for a code this version does not define.
QString frameTypeName(quint8 type);

struct Frame
{
    quint8 version = Protocol::kVersion;
    quint8 type = 0;
    quint16 seq = 0;
    QByteArray payload;

    FrameType frameType() const { return FrameType(type); }

    // The complete frame on the wire: header, payload, CRC-32. An empty result means the payload
    // is longer than the 16-bit length field can say.
    QByteArray encode() const;
    static QByteArray encode(quint8 version, quint8 type, quint16 seq, QByteArrayView payload);

    // A control frame whose payload is the compact UTF-8 JSON text of object.
    static Frame withJson(FrameType type, quint16 seq, const QJsonObject &object);
    // An ERROR frame (0x7F) answering request seq: {"code": code, "message": message}.
    static Frame error(quint16 seq, const QString &code, const QString &message);
    // A TRANSFER_DATA frame carrying bytes of the bundle that start at offset.
    static Frame transferData(quint16 seq, quint32 offset, QByteArrayView chunk);

    // Parses the payload as a JSON object. Returns false, with a reason, when it is not one.
    bool jsonObject(QJsonObject *object, QString *error = nullptr) const;
    // Splits a TRANSFER_DATA payload into offset and bytes; false when it is under 4 bytes.
    bool transferChunk(quint32 *offset, QByteArrayView *chunk) const;

    bool operator==(const Frame &other) const = default;
};

// Error codes of the ERROR frame's "code" field, the table in docs/serial-protocol.md.
namespace ErrorCode {
inline constexpr char UnknownCommand[] = "unknown_command";
inline constexpr char UnsupportedVersion[] = "unsupported_version";
inline constexpr char BadRequest[] = "bad_request";
inline constexpr char PayloadTooLarge[] = "payload_too_large";
inline constexpr char Busy[] = "busy";
inline constexpr char NoTransfer[] = "no_transfer";
inline constexpr char TransferTooLarge[] = "transfer_too_large";
inline constexpr char Incomplete[] = "incomplete";
inline constexpr char DigestMismatch[] = "digest_mismatch";
inline constexpr char BadBundle[] = "bad_bundle";
inline constexpr char StorageFailed[] = "storage_failed";
inline constexpr char CommitRefused[] = "commit_refused";
inline constexpr char NoClaim[] = "no_claim";
inline constexpr char NotAvailable[] = "not_available";
inline constexpr char ConfirmationRequired[] = "confirmation_required";
inline constexpr char Internal[] = "internal";
} // namespace ErrorCode

} // namespace Blackbird
