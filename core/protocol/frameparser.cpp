// The stream splitter of the serial protocol. The rules it implements (when a frame starts, what
// is discarded, how it resynchronises) are specified in docs/serial-protocol.md, section
// "Receiving: splitting frames from console text".
#include "frameparser.h"

#include "crc.h"

#include <QtEndian>

#include <utility>

namespace Blackbird {

namespace {

// Length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot lead one.
int utf8SequenceLength(quint8 lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 0;
}

// Bytes that end a run of console text: a possible frame start and the line characters.
bool isSpecialTextByte(char byte)
{
    return quint8(byte) == Protocol::kSync0 || byte == '\n' || byte == '\r';
}

} // namespace

FrameParser::FrameParser(int maxPayload, qsizetype maxLineLength)
    : m_maxPayload(qBound(0, maxPayload, 0xFFFF))
    , m_maxLineLength(qMax<qsizetype>(maxLineLength, 16))
{}

void FrameParser::setMaxPayload(int maxPayload)
{
    m_maxPayload = qBound(0, maxPayload, 0xFFFF);
}

void FrameParser::reset()
{
    m_state = State::Text;
    m_line.clear();
    m_frame.clear();
    m_replay.clear();
    m_frameSize = 0;
}

QString FrameParser::discardReasonText(DiscardReason reason)
{
    switch (reason) {
    case DiscardReason::BadHeaderCrc:
        return QStringLiteral("header CRC-8 mismatch");
    case DiscardReason::BadVersion:
        return QStringLiteral("invalid version byte");
    case DiscardReason::TooLong:
        return QStringLiteral("announced payload over the limit");
    case DiscardReason::BadFrameCrc:
        return QStringLiteral("frame CRC-32 mismatch");
    case DiscardReason::Abandoned:
        return QStringLiteral("frame incomplete, abandoned");
    }
    return QString();
}

QList<FrameParser::Item> FrameParser::feed(QByteArrayView bytes)
{
    QList<Item> out;
    drainReplay(out);

    qsizetype pos = 0;
    while (pos < bytes.size()) {
        pos += consume(bytes.sliced(pos), out);
        drainReplay(out);
    }
    return out;
}

QList<FrameParser::Item> FrameParser::flushConsole()
{
    QList<Item> out;
    if (!m_line.isEmpty())
        emitLine(true, false, out);
    return out;
}

QList<FrameParser::Item> FrameParser::abandonPartialFrame()
{
    QList<Item> out;
    if (!hasPartialFrame())
        return out;

    reject(DiscardReason::Abandoned, out);
    drainReplay(out);
    return out;
}

void FrameParser::drainReplay(QList<Item> &out)
{
    // A rejection while replaying leaves the rejected candidate's tail in m_replay; the part of
    // this replay not consumed yet comes after it in the stream.
    while (!m_replay.isEmpty()) {
        const QByteArray replay = std::exchange(m_replay, QByteArray());
        const qsizetype used = consume(replay, out);
        m_replay.append(replay.constData() + used, replay.size() - used);
    }
}

// Returns how many bytes it consumed: all of them, or fewer when a candidate frame was rejected
// (the caller must then parse m_replay before the rest).
qsizetype FrameParser::consume(QByteArrayView bytes, QList<Item> &out)
{
    const char *data = bytes.data();
    const qsizetype size = bytes.size();
    qsizetype i = 0;

    while (i < size) {
        switch (m_state) {
        case State::Text: {
            // A run of ordinary console bytes is copied in one go.
            qsizetype end = i;
            while (end < size && !isSpecialTextByte(data[end]))
                ++end;
            if (end > i) {
                appendConsoleBytes(data + i, end - i, out);
                i = end;
                break;
            }
            const char c = data[i++];
            if (quint8(c) == Protocol::kSync0)
                m_state = State::SawSync0;
            else if (c == '\n')
                emitLine(false, false, out);
            else if (c != '\r')
                appendConsoleByte(c, out);
            break;
        }
        case State::SawSync0:
            if (quint8(data[i]) == Protocol::kSync1) {
                ++i;
                m_frame.clear();
                m_frame.append(char(Protocol::kSync0));
                m_frame.append(char(Protocol::kSync1));
                m_state = State::Header;
            } else {
                // A lone 0xC0 is console text (invalid UTF-8, shown as a replacement character);
                // the byte after it is looked at again in text state.
                m_state = State::Text;
                appendConsoleByte(char(Protocol::kSync0), out);
            }
            break;
        case State::Header:
            m_frame.append(data[i++]);
            if (m_frame.size() == Protocol::kHeaderSize && !checkHeader(out))
                return i;
            break;
        case State::Body: {
            const qsizetype take = qMin(size - i, m_frameSize - m_frame.size());
            m_frame.append(data + i, take);
            i += take;
            if (m_frame.size() == m_frameSize && !finishFrame(out))
                return i;
            break;
        }
        }
    }
    return size;
}

bool FrameParser::checkHeader(QList<Item> &out)
{
    const auto *header = reinterpret_cast<const quint8 *>(m_frame.constData());
    if (crc8(QByteArrayView(m_frame).first(Protocol::kHeaderSize - 1)) != header[8]) {
        reject(DiscardReason::BadHeaderCrc, out);
        return false;
    }
    if (header[2] == 0) {
        reject(DiscardReason::BadVersion, out);
        return false;
    }
    const int length = (header[6] << 8) | header[7];
    if (length > m_maxPayload) {
        reject(DiscardReason::TooLong, out);
        return false;
    }

    m_frameSize = Protocol::kOverhead + length;
    m_state = State::Body;
    return true;
}

bool FrameParser::finishFrame(QList<Item> &out)
{
    const qsizetype crcAt = m_frameSize - Protocol::kTrailerSize;
    const quint32 expected = qFromBigEndian<quint32>(m_frame.constData() + crcAt);
    if (crc32(QByteArrayView(m_frame).first(crcAt)) != expected) {
        reject(DiscardReason::BadFrameCrc, out);
        return false;
    }

    Item item;
    item.kind = Item::Kind::Frame;
    item.frame.version = quint8(m_frame[2]);
    item.frame.type = quint8(m_frame[3]);
    item.frame.seq = quint16((quint8(m_frame[4]) << 8) | quint8(m_frame[5]));
    item.frame.payload = m_frame.sliced(Protocol::kHeaderSize, crcAt - Protocol::kHeaderSize);
    out.append(std::move(item));
    ++m_stats.frames;

    m_frame.clear();
    m_state = State::Text;
    return true;
}

void FrameParser::reject(DiscardReason reason, QList<Item> &out)
{
    // Resynchronise on the next sync pair inside the rejected bytes: a real frame may have begun
    // there (the rejected "frame" was noise, or the start of a frame cut short by a reset).
    qsizetype next = -1;
    for (qsizetype i = 1; i + 1 < m_frame.size(); ++i) {
        if (quint8(m_frame[i]) == Protocol::kSync0 && quint8(m_frame[i + 1]) == Protocol::kSync1) {
            next = i;
            break;
        }
    }
    if (next < 0 && m_frame.size() > 1 && quint8(m_frame.back()) == Protocol::kSync0)
        next = m_frame.size() - 1;

    // An abandoned frame was cut short, so what followed its start is ordinary stream again
    // (typically the boot banner of a device that reset while sending it).
    if (reason == DiscardReason::Abandoned)
        next = qMin<qsizetype>(2, m_frame.size());

    const qsizetype dropped = next < 0 ? m_frame.size() : next;
    if (next >= 0)
        m_replay = m_frame.sliced(next);

    Item item;
    item.kind = Item::Kind::Discarded;
    item.reason = reason;
    item.discardedBytes = dropped;
    out.append(std::move(item));
    ++m_stats.discardedFrames;
    m_stats.discardedBytes += quint64(dropped);

    m_frame.clear();
    m_frameSize = 0;
    m_state = State::Text;
}

void FrameParser::appendConsoleBytes(const char *bytes, qsizetype count, QList<Item> &out)
{
    while (count > 0) {
        if (m_line.size() >= m_maxLineLength)
            emitLine(true, true, out);
        const qsizetype take = qMin(count, m_maxLineLength - m_line.size());
        m_line.append(bytes, take);
        bytes += take;
        count -= take;
    }
}

void FrameParser::appendConsoleByte(char byte, QList<Item> &out)
{
    if (m_line.size() >= m_maxLineLength)
        emitLine(true, true, out);
    m_line.append(byte);
}

void FrameParser::emitLine(bool partial, bool keepUnfinishedUtf8, QList<Item> &out)
{
    // A line cut at the length limit keeps an unfinished UTF-8 sequence for the next piece, so
    // that a multi-byte character is never split into two replacement characters.
    QByteArray carry;
    if (keepUnfinishedUtf8) {
        for (qsizetype back = 1; back <= 3 && back < m_line.size(); ++back) {
            const quint8 byte = quint8(m_line[m_line.size() - back]);
            if ((byte & 0xC0) == 0x80)
                continue;
            if (utf8SequenceLength(byte) > back)
                carry = m_line.last(back);
            break;
        }
        m_line.chop(carry.size());
    }

    Item item;
    item.kind = Item::Kind::ConsoleLine;
    item.text = QString::fromUtf8(m_line);
    item.partial = partial;
    out.append(std::move(item));
    ++m_stats.consoleLines;

    m_line = carry;
}

} // namespace Blackbird
