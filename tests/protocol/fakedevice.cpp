#include "fakedevice.h"

#include "crypto/sha256.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <unistd.h>

namespace Blackbird::Test {

FakeDevice::FakeDevice(QObject *parent)
    : QObject(parent)
{
    if (!m_pty.isOpen())
        return;
    m_notifier = new QSocketNotifier(m_pty.masterFd(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &FakeDevice::onReadable);
}

void FakeDevice::hangUp()
{
    if (m_notifier)
        m_notifier->setEnabled(false);
    m_pty.close();
}

void FakeDevice::send(const Frame &frame)
{
    sendRaw(frame.encode());
}

void FakeDevice::sendRaw(const QByteArray &bytes)
{
    m_pty.write(bytes);
}

void FakeDevice::reply(const Frame &request, const QJsonObject &payload)
{
    send(Frame::withJson(FrameType(replyType(request.frameType())), request.seq, payload));
}

void FakeDevice::replyError(const Frame &request, const QString &code, const QString &message)
{
    send(Frame::error(request.seq, code, message));
}

QList<Frame> FakeDevice::receivedOfType(FrameType type) const
{
    QList<Frame> frames;
    for (const Frame &frame : received) {
        if (frame.frameType() == type)
            frames.append(frame);
    }
    return frames;
}

void FakeDevice::onReadable()
{
    char buffer[4096];
    const ssize_t n = ::read(m_pty.masterFd(), buffer, sizeof buffer);
    if (n <= 0)
        return;

    for (const FrameParser::Item &item : m_parser.feed(QByteArrayView(buffer, n))) {
        if (item.kind != FrameParser::Item::Kind::Frame)
            continue;
        received.append(item.frame);
        emit frameReceived(item.frame);
        if (!intercept || !intercept(item.frame))
            handleDefault(item.frame);
    }
}

void FakeDevice::handleDefault(const Frame &frame)
{
    QJsonObject request;
    frame.jsonObject(&request);

    switch (frame.frameType()) {
    case FrameType::Hello:
        reply(frame, {{"protocol", 1},
                      {"protocols", QJsonArray{1}},
                      {"uuid", uuid},
                      {"device_type", "sensor-v2"},
                      {"firmware", "1.4.0"},
                      {"capabilities", QJsonArray{"claim_transfer"}},
                      {"state", state},
                      {"max_payload", maxPayload},
                      {"window", window}});
        return;
    case FrameType::GetPublicKey:
        reply(frame, {{"public_key", QString::fromLatin1(QByteArray("fake key").toBase64())},
                      {"algorithm", "ecdsa-p256"}});
        return;
    case FrameType::Status: {
        QJsonObject status{{"state", state}, {"uuid", uuid}, {"uptime_ms", 1}};
        if (!storedCertificateId.isEmpty())
            status.insert("certificate_id", storedCertificateId);
        reply(frame, status);
        return;
    }
    case FrameType::TransferBegin:
        transferActive = true;
        transferSize = request.value("size").toInteger();
        transferDigest = request.value("sha256").toString().toLatin1();
        transferBytes.clear();
        reply(frame, {{"next", 0}});
        return;
    case FrameType::TransferData: {
        if (!transferActive) {
            replyError(frame, ErrorCode::NoTransfer, "no transfer in progress");
            return;
        }
        quint32 offset = 0;
        QByteArrayView chunk;
        frame.transferChunk(&offset, &chunk);
        if (offset == quint32(transferBytes.size()))
            transferBytes.append(chunk.data(), chunk.size());
        reply(frame, {{"next", transferBytes.size()}});
        return;
    }
    case FrameType::TransferCommit: {
        if (!transferActive) {
            replyError(frame, ErrorCode::NoTransfer, "no transfer in progress");
            return;
        }
        if (transferBytes.size() != transferSize) {
            replyError(frame, ErrorCode::Incomplete, "bytes missing");
            return;
        }
        if (sha256Hex(transferBytes) != transferDigest) {
            transferActive = false;
            replyError(frame, ErrorCode::DigestMismatch, "digest differs");
            return;
        }
        stored = transferBytes;
        storedCertificateId =
            QJsonDocument::fromJson(stored).object().value("certificate_id").toString();
        state = QStringLiteral("claim_stored");
        transferActive = false;
        reply(frame, {{"state", state}, {"certificate_id", storedCertificateId}});
        return;
    }
    case FrameType::TransferAbort:
        reply(frame, {{"aborted", transferActive}});
        transferActive = false;
        return;
    case FrameType::ClaimErase:
        if (request.value("confirm").toString() != QStringLiteral("ERASE ") + uuid) {
            replyError(frame, ErrorCode::ConfirmationRequired, "say ERASE <uuid>");
            return;
        }
        stored.clear();
        storedCertificateId.clear();
        state = QStringLiteral("blank");
        reply(frame, {{"state", state}});
        return;
    case FrameType::ProvisionStart:
        reply(frame, {{"started", true}});
        return;
    case FrameType::Reboot:
        reply(frame, {});
        return;
    default:
        replyError(frame, ErrorCode::UnknownCommand,
                   QStringLiteral("command %1 is not known").arg(frameTypeName(frame.type)));
        return;
    }
}

} // namespace Blackbird::Test
