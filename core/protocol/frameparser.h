// Splits the byte stream that arrives from a device into protocol frames and console lines.
// Frames are recognised by their sync bytes and accepted only when both CRCs match; every other
// byte is console text. Memory stays bounded whatever arrives: a console line longer than the
// limit is handed out in pieces, a frame candidate never grows past the largest legal frame.
// Used by the station's DeviceSession and by the device simulator (which ignores console items).
#pragma once

#include "frame.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Blackbird {

class FrameParser
{
public:
    enum class DiscardReason {
        BadHeaderCrc, // the header's CRC-8 did not match
        BadVersion,   // version byte 0, which no protocol version uses
        TooLong,      // the header announced more payload than maxPayload()
        BadFrameCrc,  // the CRC-32 over header and payload did not match
        Abandoned,    // abandonPartialFrame() gave up on an incomplete frame
    };

    struct Item
    {
        enum class Kind { Frame, ConsoleLine, Discarded };
        Kind kind = Kind::Frame;
        Frame frame;          // Kind::Frame
        QString text;         // Kind::ConsoleLine, without '\r' and '\n'
        bool partial = false; // Kind::ConsoleLine cut at the length limit or by flush()
        DiscardReason reason = DiscardReason::BadHeaderCrc; // Kind::Discarded
        qsizetype discardedBytes = 0;                       // Kind::Discarded
    };

    struct Stats
    {
        quint64 frames = 0;
        quint64 consoleLines = 0;
        quint64 discardedFrames = 0;
        quint64 discardedBytes = 0;
    };

    static constexpr qsizetype kDefaultMaxLineLength = 1024;

    explicit FrameParser(int maxPayload = Protocol::kMaxPayload,
                         qsizetype maxLineLength = kDefaultMaxLineLength);

    // Consumes bytes and returns, in stream order, what they completed. Bytes of an unfinished
    // frame or line are kept for the next call.
    QList<Item> feed(QByteArrayView bytes);

    // Hands out a console line that has not seen its '\n' yet (a prompt, or the last words before
    // a device went quiet) as a partial line. A frame in progress is left alone.
    QList<Item> flushConsole();

    // Gives up on a frame whose remaining bytes never came (the device reset mid-frame). Its
    // sync pair is dropped and every byte after it is parsed again as ordinary stream.
    QList<Item> abandonPartialFrame();

    bool hasPartialFrame() const { return m_state == State::Header || m_state == State::Body; }
    // Bytes held between calls; never more than maxLineLength() + 2 * maximum frame size.
    qsizetype bufferedBytes() const { return m_line.size() + m_frame.size() + m_replay.size(); }

    int maxPayload() const { return m_maxPayload; }
    void setMaxPayload(int maxPayload);
    qsizetype maxLineLength() const { return m_maxLineLength; }
    const Stats &stats() const { return m_stats; }

    // Forgets everything buffered (a port was closed and reopened).
    void reset();

    static QString discardReasonText(DiscardReason reason);

private:
    enum class State { Text, SawSync0, Header, Body };

    qsizetype consume(QByteArrayView bytes, QList<Item> &out);
    void drainReplay(QList<Item> &out);
    void appendConsoleBytes(const char *bytes, qsizetype count, QList<Item> &out);
    void appendConsoleByte(char byte, QList<Item> &out);
    void emitLine(bool partial, bool keepUnfinishedUtf8, QList<Item> &out);
    bool checkHeader(QList<Item> &out);
    bool finishFrame(QList<Item> &out);
    void reject(DiscardReason reason, QList<Item> &out);

    int m_maxPayload;
    qsizetype m_maxLineLength;
    State m_state = State::Text;
    QByteArray m_line;
    QByteArray m_frame;
    qsizetype m_frameSize = 0;
    // Bytes of a rejected candidate that follow a sync pair inside it; parsed again first.
    QByteArray m_replay;
    Stats m_stats;
};

} // namespace Blackbird
