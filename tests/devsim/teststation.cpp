#include "teststation.h"

#include <QCryptographicHash>
#include <QTest>

namespace Blackbird::Test {

TestStation::TestStation(QObject *parent)
    : QObject(parent)
{
    connect(&m_port, &QSerialPort::readyRead, this, &TestStation::onReadyRead);
    connect(&m_port, &QSerialPort::errorOccurred, this, [this](QSerialPort::SerialPortError e) {
        // A dropped link shows as end of file (ReadError) or EIO (ResourceError).
        if (e == QSerialPort::ResourceError || e == QSerialPort::ReadError) {
            m_hungUp = true;
            m_port.close();
        }
    });
}

bool TestStation::open(const QString &path)
{
    m_parser.reset();
    m_hungUp = false;
    m_port.setPortName(path);
    m_port.setBaudRate(QSerialPort::Baud115200);
    return m_port.open(QIODevice::ReadWrite);
}

void TestStation::close()
{
    m_port.close();
}

void TestStation::onReadyRead()
{
    const QList<FrameParser::Item> items = m_parser.feed(m_port.readAll());
    for (const FrameParser::Item &item : items) {
        switch (item.kind) {
        case FrameParser::Item::Kind::Frame:
            if (item.frame.type == quint8(FrameType::Event))
                events.append(item.frame);
            else
                replies.append(item.frame);
            break;
        case FrameParser::Item::Kind::ConsoleLine:
            consoleLines.append(item.text);
            break;
        case FrameParser::Item::Kind::Discarded:
            ++discardedFrames;
            break;
        }
    }
}

quint16 TestStation::send(FrameType type, const QJsonObject &payload)
{
    const quint16 seq = m_seq++;
    m_port.write(Frame::withJson(type, seq, payload).encode());
    return seq;
}

quint16 TestStation::sendPayload(FrameType type, const QByteArray &payload, quint8 version)
{
    const quint16 seq = m_seq++;
    m_port.write(Frame::encode(version, quint8(type), seq, payload));
    return seq;
}

quint16 TestStation::sendData(quint32 offset, QByteArrayView chunk)
{
    const quint16 seq = m_seq++;
    m_port.write(Frame::transferData(seq, offset, chunk).encode());
    return seq;
}

void TestStation::writeRaw(const QByteArray &bytes)
{
    m_port.write(bytes);
}

std::optional<Frame> TestStation::waitReply(quint16 seq, int timeoutMs)
{
    // A reply is taken out when it is matched, so that a later command that happens to reuse
    // the seq (a new station numbering from 1 again) is not answered by an old frame.
    auto index = [this, seq] {
        for (qsizetype i = 0; i < replies.size(); ++i) {
            if (replies.at(i).seq == seq)
                return i;
        }
        return qsizetype(-1);
    };
    if (!QTest::qWaitFor([&] { return index() >= 0; }, timeoutMs))
        return std::nullopt;
    return replies.takeAt(index());
}

std::optional<Frame> TestStation::request(FrameType type, const QJsonObject &payload, int timeoutMs)
{
    return waitReply(send(type, payload), timeoutMs);
}

std::optional<Frame> TestStation::transfer(const QByteArray &bundle, int chunkSize, int timeoutMs)
{
    const QString digest =
        QString::fromLatin1(QCryptographicHash::hash(bundle, QCryptographicHash::Sha256).toHex());
    const std::optional<Frame> begin = request(
        FrameType::TransferBegin,
        {{QStringLiteral("size"), bundle.size()}, {QStringLiteral("sha256"), digest}}, timeoutMs);
    if (!begin || begin->type != replyType(FrameType::TransferBegin))
        return begin;

    for (qsizetype offset = 0; offset < bundle.size(); offset += chunkSize) {
        const std::optional<Frame> ack =
            waitReply(sendData(quint32(offset),
                               QByteArrayView(bundle).sliced(
                                   offset, std::min<qsizetype>(chunkSize, bundle.size() - offset))),
                      timeoutMs);
        if (!ack || ack->type != replyType(FrameType::TransferData))
            return ack;
    }
    return request(FrameType::TransferCommit, {}, timeoutMs);
}

bool TestStation::waitForConsole(const QString &fragment, int timeoutMs)
{
    auto seen = [&] {
        for (const QString &line : std::as_const(consoleLines)) {
            if (line.contains(fragment))
                return true;
        }
        return false;
    };
    return QTest::qWaitFor(seen, timeoutMs);
}

QJsonObject TestStation::json(const Frame &frame)
{
    QJsonObject object;
    frame.jsonObject(&object);
    return object;
}

QString TestStation::errorCode(const std::optional<Frame> &frame)
{
    if (!frame || frame->type != quint8(FrameType::Error))
        return {};
    return json(*frame).value(QStringLiteral("code")).toString();
}

} // namespace Blackbird::Test
