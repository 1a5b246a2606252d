// The stream splitter: console lines and frames in any mixture, corruption at every byte of a
// frame, frames cut short, reads split at every point, and bounded memory on endless lines and
// binary noise.
#include "protocol/crc.h"
#include "protocol/frame.h"
#include "protocol/frameparser.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Blackbird;
using Item = FrameParser::Item;

namespace {

QString describe(const Item &item)
{
    switch (item.kind) {
    case Item::Kind::Frame:
        return QStringLiteral("F %1 %2 %3")
            .arg(frameTypeName(item.frame.type))
            .arg(item.frame.seq)
            .arg(QString::fromLatin1(item.frame.payload.toHex()));
    case Item::Kind::ConsoleLine:
        return (item.partial ? QStringLiteral("P ") : QStringLiteral("L ")) + item.text;
    case Item::Kind::Discarded:
        return QStringLiteral("D %1 %2")
            .arg(FrameParser::discardReasonText(item.reason))
            .arg(item.discardedBytes);
    }
    return QString();
}

QStringList describe(const QList<Item> &items)
{
    QStringList lines;
    for (const Item &item : items)
        lines.append(describe(item));
    return lines;
}

QString frameText(const Frame &frame)
{
    Item item;
    item.frame = frame;
    return describe(item);
}

Frame helloFrame(quint16 seq)
{
    return Frame::withJson(FrameType::Hello, seq, {{"protocols", QJsonArray{1}}});
}

Frame ackFrame(quint16 seq)
{
    return Frame::withJson(FrameType::TransferDataReply, seq, {{"next", 4096}});
}

// A header whose CRC-8 is right, announcing length payload bytes.
QByteArray validHeader(quint8 version, quint8 type, quint16 seq, quint16 length)
{
    QByteArray header;
    header.append(char(0xC0));
    header.append(char(0xB1));
    header.append(char(version));
    header.append(char(type));
    header.append(char(seq >> 8));
    header.append(char(seq & 0xFF));
    header.append(char(length >> 8));
    header.append(char(length & 0xFF));
    header.append(char(crc8(header)));
    return header;
}

// Console text, frames, a damaged frame, a line interrupted by a frame and an unfinished UTF-8
// character: every situation a split can fall into.
QByteArray streamForSplits()
{
    QByteArray damaged = helloFrame(9).encode();
    damaged[12] = char(damaged[12] ^ 0x10);
    return QByteArray("boot \xE2\x9C\x93\r\n") + helloFrame(1).encode() + QByteArray("half ") +
           Frame::transferData(2, 0, QByteArray("\xC0\xB1\n", 3)).encode() + QByteArray("line\n") +
           damaged + ackFrame(3).encode() + QByteArray("\xC0tail\n");
}

QList<Item> feedAll(FrameParser &parser, const QList<QByteArray> &pieces)
{
    QList<Item> items;
    for (const QByteArray &piece : pieces)
        items.append(parser.feed(piece));
    return items;
}

} // namespace

class TestFrameParser : public QObject
{
    Q_OBJECT

private slots:
    void consoleAndFrames_data();
    void consoleAndFrames();
    void corruptionAtEveryByte_data();
    void corruptionAtEveryByte();
    void truncatedFrameThenGoodFrame_data();
    void truncatedFrameThenGoodFrame();
    void splitAtEveryPoint_data();
    void splitAtEveryPoint();
    void byteByByteEqualsWhole();
    void headerRejections_data();
    void headerRejections();
    void negotiatedLimitApplies();
    void endlessLineStaysBounded();
    void multiByteCharacterNotSplitAtLimit();
    void binaryNoiseStaysBounded_data();
    void binaryNoiseStaysBounded();
    void flushConsoleHandsOutPrompt();
    void abandonKeepsConsoleAfterCutFrame();
    void resetForgetsEverything();
    void statsCount();
};

void TestFrameParser::consoleAndFrames_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QStringList>("expected");

    const QByteArray hello = helloFrame(1).encode();
    const QString helloText = frameText(helloFrame(1));

    QTest::newRow("console only, CRLF and LF")
        << QByteArray("boot: blackbird sim 1.0\r\nheap ok\n")
        << QStringList{"L boot: blackbird sim 1.0", "L heap ok"};
    QTest::newRow("blank lines kept")
        << QByteArray("a\n\r\n\nb\n") << QStringList{"L a", "L ", "L ", "L b"};
    QTest::newRow("frame alone") << hello << QStringList{helloText};
    QTest::newRow("frame between lines") << QByteArray("one\n") + hello + QByteArray("two\n")
                                         << QStringList{"L one", helloText, "L two"};
    QTest::newRow("frame inside a line")
        << QByteArray("abc") + hello + QByteArray("def\n") << QStringList{helloText, "L abcdef"};
    QTest::newRow("two frames back to back")
        << hello + ackFrame(2).encode() << QStringList{helloText, frameText(ackFrame(2))};
    QTest::newRow("lone 0xC0 is console text")
        << QByteArray("x\xC0y\n") << QStringList{QStringLiteral("L x\uFFFDy")};
    QTest::newRow("0xC0 0xC0 0xB1 starts a frame at the second 0xC0")
        << QByteArray("x\xC0") + hello + QByteArray("\n")
        << QStringList{helloText, QStringLiteral("L x\uFFFD")};
    QTest::newRow("0xB1 alone is console text")
        << QByteArray("\xB1z\n") << QStringList{QStringLiteral("L \uFFFDz")};
    QTest::newRow("ANSI colour sequences left in")
        << QByteArray("\x1b[32mOK\x1b[0m\r\n")
        << QStringList{QStringLiteral("L \x1b[32mOK\x1b[0m")};
    QTest::newRow("UTF-8 text") << QByteArray("Temperatur 21 \xC2\xB0"
                                              "C \xE2\x9C\x93\n")
                                << QStringList{QStringLiteral("L Temperatur 21 \u00B0C \u2713")};
    QTest::newRow("undefined type passes through")
        << Frame::encode(1, 0x23, 5, "{}") << QStringList{QStringLiteral("F 0x23 5 7b7d")};
    QTest::newRow("future version passes through")
        << Frame::encode(2, 0x81, 6, "{}") << QStringList{QStringLiteral("F HELLO_REPLY 6 7b7d")};
}

void TestFrameParser::consoleAndFrames()
{
    QFETCH(QByteArray, stream);
    QFETCH(QStringList, expected);
    FrameParser parser;

    const QStringList got = describe(parser.feed(stream));

    QCOMPARE(got, expected);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestFrameParser::corruptionAtEveryByte_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("mask");

    const QList<QPair<const char *, Frame>> frames = {
        {"HELLO", helloFrame(1)},
        {"DATA", Frame::transferData(2, 1020, QByteArray("\x00\n\xC0\x01\xFF", 5))},
        {"REBOOT empty", Frame::withJson(FrameType::Reboot, 3, {})},
        {"ERROR", Frame::error(4, ErrorCode::Busy, "provisioning running")},
    };
    for (const auto &[name, frame] : frames) {
        const QByteArray bytes = frame.encode();
        for (int position = 0; position < bytes.size(); ++position) {
            for (const int mask : {0x01, 0x80, 0xFF}) {
                QTest::addRow("%s byte %d xor 0x%02x", name, position, mask)
                    << bytes << position << mask;
            }
        }
    }
}

void TestFrameParser::corruptionAtEveryByte()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, position);
    QFETCH(int, mask);
    const QString original = describe(FrameParser().feed(frame)).value(0);
    FrameParser parser;
    QByteArray damaged = frame;
    damaged[position] = char(damaged[position] ^ mask);
    const Frame next = ackFrame(0x7777);

    const QStringList got = describe(
        parser.feed(QByteArray(QByteArray("before\n") + damaged + next.encode() + "after\n")));

    QVERIFY2(!got.contains(original), qPrintable(got.join(" | ")));
    QCOMPARE(got.count(frameText(next)), 1);
    QCOMPARE(got.first(), QString("L before"));
    QVERIFY2(got.last().startsWith("L ") && got.last().endsWith("after"),
             qPrintable(got.join(" | ")));
    QCOMPARE(parser.stats().frames, quint64(1));
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestFrameParser::truncatedFrameThenGoodFrame_data()
{
    QTest::addColumn<QByteArray>("cut");

    const QList<QPair<const char *, QByteArray>> frames = {
        {"HELLO", helloFrame(1).encode()},
        {"DATA 1000", Frame::transferData(2, 0, QByteArray(1000, 'x')).encode()},
    };
    for (const auto &[name, bytes] : frames) {
        for (int length = 1; length < bytes.size(); ++length) {
            if (length > 40 && length < bytes.size() - 40 && length % 97 != 0)
                continue; // the middle of a long payload behaves alike everywhere
            QTest::addRow("%s cut after %d bytes", name, length) << bytes.first(length);
        }
    }
}

void TestFrameParser::truncatedFrameThenGoodFrame()
{
    QFETCH(QByteArray, cut);
    FrameParser parser;
    const Frame good = ackFrame(0x0101);

    QList<Item> items = parser.feed(QByteArray(cut + good.encode() + "after\n"));
    if (parser.hasPartialFrame())
        items.append(parser.abandonPartialFrame());
    const QStringList got = describe(items);

    QCOMPARE(got.count(frameText(good)), 1);
    QCOMPARE(parser.stats().frames, quint64(1));
    QVERIFY(!parser.hasPartialFrame());
}

void TestFrameParser::splitAtEveryPoint_data()
{
    QTest::addColumn<int>("split");

    const QByteArray stream = streamForSplits();
    for (int split = 0; split <= stream.size(); ++split)
        QTest::addRow("split at %d", split) << split;
}

void TestFrameParser::splitAtEveryPoint()
{
    QFETCH(int, split);
    const QByteArray stream = streamForSplits();
    FrameParser whole;
    const QStringList expected = describe(whole.feed(stream));
    FrameParser parser;

    const QStringList got = describe(feedAll(parser, {stream.first(split), stream.sliced(split)}));

    QCOMPARE(got, expected);
    QCOMPARE(expected.count(frameText(helloFrame(1))), 1);
    QCOMPARE(expected.count(frameText(ackFrame(3))), 1);
    QCOMPARE(expected.filter(QRegularExpression("^D ")).size(), 1);
}

void TestFrameParser::byteByByteEqualsWhole()
{
    const QByteArray stream = streamForSplits();
    FrameParser whole;
    const QStringList expected = describe(whole.feed(stream));
    FrameParser parser;
    QList<QByteArray> pieces;
    for (const char c : stream)
        pieces.append(QByteArray(1, c));

    const QStringList got = describe(feedAll(parser, pieces));

    QCOMPARE(got, expected);
    QCOMPARE(got.first(), QStringLiteral("L boot \u2713"));
    QVERIFY(got.contains("L half line"));
    QCOMPARE(got.last(), QStringLiteral("L \uFFFDtail"));
}

void TestFrameParser::headerRejections_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");

    QByteArray badCrc = validHeader(1, 0x81, 1, 2) + "{}";
    badCrc[8] = char(badCrc[8] ^ 0x01);
    QTest::newRow("header CRC") << badCrc << "header CRC-8 mismatch";
    QTest::newRow("version 0") << validHeader(0, 0x81, 1, 2) + "{}"
                               << "invalid version byte";
    QTest::newRow("length 4097") << validHeader(1, 0x84, 1, 4097)
                                 << "announced payload over the limit";
    QTest::newRow("length 65535") << validHeader(1, 0x84, 1, 0xFFFF)
                                  << "announced payload over the limit";
    QByteArray badTrailer = helloFrame(1).encode();
    badTrailer[badTrailer.size() - 1] = char(badTrailer.back() ^ 0x01);
    QTest::newRow("frame CRC") << badTrailer << "frame CRC-32 mismatch";
}

void TestFrameParser::headerRejections()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    FrameParser parser;

    const QList<Item> items = parser.feed(bytes);

    QVERIFY(!items.isEmpty());
    QCOMPARE(items.first().kind, Item::Kind::Discarded);
    QCOMPARE(FrameParser::discardReasonText(items.first().reason), reason);
    QCOMPARE(parser.stats().discardedFrames, quint64(1));
    QCOMPARE(parser.stats().frames, quint64(0));
}

void TestFrameParser::negotiatedLimitApplies()
{
    FrameParser parser(Protocol::kMaxPayloadBeforeHello);
    const QByteArray small = Frame::encode(1, 0x84, 1, QByteArray(256, 'a'));
    const QByteArray large = Frame::encode(1, 0x84, 2, QByteArray(257, 'a'));

    const QList<Item> first = parser.feed(QByteArray(small + large));
    parser.setMaxPayload(1024);
    const QList<Item> second = parser.feed(large);

    QCOMPARE(first.first().kind, Item::Kind::Frame);
    QCOMPARE(first.value(1).kind, Item::Kind::Discarded);
    QCOMPARE(first.value(1).reason, FrameParser::DiscardReason::TooLong);
    QCOMPARE(second.size(), 1);
    QCOMPARE(second.first().frame.payload.size(), 257);
}

void TestFrameParser::endlessLineStaysBounded()
{
    FrameParser parser;
    const QByteArray chunk(4096, 'a');
    qsizetype delivered = 0;
    qsizetype peak = 0;

    for (int i = 0; i < 512; ++i) { // 2 MiB without a single newline
        for (const Item &item : parser.feed(chunk)) {
            QCOMPARE(item.kind, Item::Kind::ConsoleLine);
            QVERIFY(item.partial);
            QCOMPARE(item.text.size(), parser.maxLineLength());
            delivered += item.text.size();
        }
        peak = qMax(peak, parser.bufferedBytes());
    }
    const QList<Item> last = parser.feed("\n");

    QVERIFY(peak <= parser.maxLineLength());
    QCOMPARE(last.size(), 1);
    QVERIFY(!last.first().partial);
    QCOMPARE(delivered + last.first().text.size(), 512 * 4096);
    QCOMPARE(parser.bufferedBytes(), 0);
}

void TestFrameParser::multiByteCharacterNotSplitAtLimit()
{
    FrameParser parser(Protocol::kMaxPayload, 16);
    const QByteArray line =
        QByteArray(15, 'a') + "\xC3\xA9" + QByteArray(15, 'b') + "\xE2\x9C\x93\n";

    const QStringList got = describe(parser.feed(line));

    QCOMPARE(got, (QStringList{"P aaaaaaaaaaaaaaa", QStringLiteral("P \u00E9bbbbbbbbbbbbbb"),
                               QStringLiteral("L b\u2713")}));
}

void TestFrameParser::binaryNoiseStaysBounded_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("withHeaders");

    QTest::newRow("uniform bytes, seed 1") << quint32(1) << false;
    QTest::newRow("uniform bytes, seed 2") << quint32(2) << false;
    QTest::newRow("valid headers sprinkled, seed 3") << quint32(3) << true;
    QTest::newRow("valid headers sprinkled, seed 4") << quint32(4) << true;
}

void TestFrameParser::binaryNoiseStaysBounded()
{
    QFETCH(quint32, seed);
    QFETCH(bool, withHeaders);
    QRandomGenerator random(seed);
    FrameParser parser;
    const qsizetype bound =
        parser.maxLineLength() + 2 * (Protocol::kOverhead + Protocol::kMaxPayload);
    qsizetype peak = 0;
    qsizetype total = 0;

    while (total < 2 * 1024 * 1024) {
        QByteArray noise(1 + random.bounded(8192), Qt::Uninitialized);
        for (char &c : noise)
            c = char(random.bounded(256));
        if (withHeaders) // candidates that pass the CRC-8 and make the parser wait for a payload
            noise.append(validHeader(1, 0x84, 1, quint16(random.bounded(4097))));
        parser.feed(noise);
        total += noise.size();
        peak = qMax(peak, parser.bufferedBytes());
    }
    const Frame good = ackFrame(0x4242);
    const QStringList got = describe(parser.feed(
        QByteArray(good.encode() + QByteArray(Protocol::kMaxPayload + 64, 'z') + "\n")));

    QVERIFY2(peak <= bound, qPrintable(QString::number(peak)));
    QVERIFY(got.contains(frameText(good)));
    QVERIFY(parser.stats().discardedFrames > 0);
}

void TestFrameParser::flushConsoleHandsOutPrompt()
{
    FrameParser parser;

    const QList<Item> fed = parser.feed("login: ");
    const QStringList flushed = describe(parser.flushConsole());
    const QStringList again = describe(parser.flushConsole());

    QVERIFY(fed.isEmpty());
    QCOMPARE(flushed, QStringList{"P login: "});
    QVERIFY(again.isEmpty());
}

void TestFrameParser::abandonKeepsConsoleAfterCutFrame()
{
    FrameParser parser;
    const QByteArray cut = Frame::transferData(2, 0, QByteArray(1000, 'x')).encode().first(20);

    const QList<Item> fed = parser.feed(QByteArray(cut + "boot: blackbird sim\n"));
    const bool waiting = parser.hasPartialFrame();
    const QStringList got = describe(parser.abandonPartialFrame());

    QVERIFY(fed.isEmpty());
    QVERIFY(waiting);
    QCOMPARE(got.first(), QString("D frame incomplete, abandoned 2"));
    QVERIFY2(got.last().startsWith("L ") && got.last().endsWith("boot: blackbird sim"),
             qPrintable(got.join(" | ")));
    QVERIFY(!parser.hasPartialFrame());
    QVERIFY(parser.abandonPartialFrame().isEmpty());
}

void TestFrameParser::resetForgetsEverything()
{
    FrameParser parser;
    parser.feed(QByteArray(QByteArray("partial line ") + helloFrame(1).encode().first(12)));

    parser.reset();
    const QStringList got = describe(parser.feed(QByteArray(helloFrame(2).encode() + "x\n")));

    QCOMPARE(got, (QStringList{frameText(helloFrame(2)), "L x"}));
}

void TestFrameParser::statsCount()
{
    FrameParser parser;
    QByteArray damaged = helloFrame(1).encode();
    damaged[15] = char(damaged[15] ^ 0x04);

    parser.feed(QByteArray("a\nb\n" + helloFrame(1).encode() + damaged + ackFrame(2).encode()));

    QCOMPARE(parser.stats().consoleLines, quint64(2));
    QCOMPARE(parser.stats().frames, quint64(2));
    QCOMPARE(parser.stats().discardedFrames, quint64(1));
    QCOMPARE(parser.stats().discardedBytes, quint64(damaged.size()));
}

QTEST_GUILESS_MAIN(TestFrameParser)
#include "tst_frameparser.moc"
