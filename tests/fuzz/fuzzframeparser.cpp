// Invariants checked on every input: memory stays within its bound after every feed; feeding in
// pieces gives exactly what feeding at once gives; every frame delivered respects the payload
// limit and survives re-encoding unchanged; console pieces respect the line limit; the statistics
// match what was delivered.
#include "fuzzframeparser.h"

#include "protocol/frame.h"
#include "protocol/frameparser.h"

namespace Blackbird::Fuzz {

namespace {

using Item = FrameParser::Item;

bool sameItem(const Item &a, const Item &b)
{
    return a.kind == b.kind && a.frame == b.frame && a.text == b.text && a.partial == b.partial &&
           (a.kind != Item::Kind::Discarded ||
            (a.reason == b.reason && a.discardedBytes == b.discardedBytes));
}

QString compareRuns(const QList<Item> &whole, const QList<Item> &pieces)
{
    if (whole.size() != pieces.size())
        return QStringLiteral("feeding at once gave %1 items, in pieces %2")
            .arg(whole.size())
            .arg(pieces.size());
    for (qsizetype i = 0; i < whole.size(); ++i) {
        if (!sameItem(whole[i], pieces[i]))
            return QStringLiteral("item %1 differs between feeding at once and in pieces").arg(i);
    }
    return QString();
}

QString checkItems(const QList<Item> &items, const FrameParser &parser)
{
    quint64 frames = 0;
    for (const Item &item : items) {
        switch (item.kind) {
        case Item::Kind::Frame: {
            ++frames;
            if (item.frame.payload.size() > parser.maxPayload())
                return QStringLiteral("a frame exceeds the payload limit");
            if (item.frame.version == 0)
                return QStringLiteral("a frame of version 0 was delivered");
            FrameParser again(parser.maxPayload(), parser.maxLineLength());
            const QList<Item> reparsed = again.feed(item.frame.encode());
            if (reparsed.size() != 1 || reparsed[0].kind != Item::Kind::Frame ||
                !(reparsed[0].frame == item.frame))
                return QStringLiteral("a delivered frame does not survive re-encoding");
            break;
        }
        case Item::Kind::ConsoleLine:
            if (item.text.size() > parser.maxLineLength())
                return QStringLiteral("a console piece exceeds the line limit");
            if (item.text.contains(QLatin1Char('\n')) || item.text.contains(QLatin1Char('\r')))
                return QStringLiteral("a console line kept a line break");
            break;
        case Item::Kind::Discarded:
            if (item.discardedBytes <= 0)
                return QStringLiteral("a discard dropped no bytes");
            break;
        }
    }
    if (parser.stats().frames != frames)
        return QStringLiteral("the frame count in the statistics is off");
    return QString();
}

} // namespace

QString checkFrameParser(QByteArrayView input)
{
    if (input.isEmpty())
        return QString();

    const quint8 control = quint8(input[0]);
    const QByteArrayView stream = input.sliced(1);
    const int maxPayload =
        (control & 0x80) ? Protocol::kMaxPayloadBeforeHello : Protocol::kMaxPayload;
    const qsizetype maxLine = (control & 0x40) ? 16 : FrameParser::kDefaultMaxLineLength;
    const qsizetype chunk = (control & 0x3F) + 1;
    const qsizetype bound = maxLine + Protocol::kOverhead + maxPayload;

    FrameParser whole(maxPayload, maxLine);
    QList<Item> wholeItems = whole.feed(stream);
    if (whole.bufferedBytes() > bound)
        return QStringLiteral("buffered %1 bytes, over the bound %2")
            .arg(whole.bufferedBytes())
            .arg(bound);

    FrameParser pieces(maxPayload, maxLine);
    QList<Item> pieceItems;
    for (qsizetype at = 0; at < stream.size(); at += chunk) {
        pieceItems.append(pieces.feed(stream.sliced(at, qMin(chunk, stream.size() - at))));
        if (pieces.bufferedBytes() > bound)
            return QStringLiteral("buffered %1 bytes after a piece, over the bound %2")
                .arg(pieces.bufferedBytes())
                .arg(bound);
    }

    // What is left at the end: an unfinished frame given up, an unfinished line flushed.
    wholeItems.append(whole.abandonPartialFrame());
    wholeItems.append(whole.flushConsole());
    pieceItems.append(pieces.abandonPartialFrame());
    pieceItems.append(pieces.flushConsole());
    if (whole.hasPartialFrame() && whole.bufferedBytes() > bound)
        return QStringLiteral("abandoning left more than the bound");

    if (QString failure = compareRuns(wholeItems, pieceItems); !failure.isEmpty())
        return failure;
    return checkItems(wholeItems, whole);
}

} // namespace Blackbird::Fuzz
