// Frame encoding: the exact bytes of every frame type, the helpers for JSON, ERROR and
// TRANSFER_DATA payloads, and their refusals of bad input.
#include "protocol/frame.h"
#include "protocol/frameparser.h"

#include <QJsonArray>
#include <QTest>

using namespace Blackbird;

class TestFrame : public QObject
{
    Q_OBJECT

private slots:
    void goldenBytes_data();
    void goldenBytes();
    void everyTypeRoundTrips_data();
    void everyTypeRoundTrips();
    void typeNames_data();
    void typeNames();
    void replyTypes();
    void errorFrame();
    void transferData();
    void transferChunkRefusesShortPayload_data();
    void transferChunkRefusesShortPayload();
    void jsonObjectRefusesNonObjects_data();
    void jsonObjectRefusesNonObjects();
    void oversizedPayloadIsRefused();
};

void TestFrame::goldenBytes_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("expectedHex");

    // Computed independently (Python zlib.crc32 and a bitwise CRC-8); the same bytes appear as
    // worked examples in docs/serial-protocol.md.
    QTest::newRow("HELLO")
        << Frame::withJson(FrameType::Hello, 1, {{"protocols", QJsonArray{1}}}).encode()
        << QByteArray("c0b1010100010011137b2270726f746f636f6c73223a5b315d7d8742b2b3");
    QTest::newRow("STATUS with empty object")
        << Frame::withJson(FrameType::Status, 0x0102, {}).encode()
        << QByteArray("c0b1010801020002ba7b7d0484c623");
    QTest::newRow("REBOOT with empty payload")
        << Frame::encode(1, quint8(FrameType::Reboot), 0xFFFF, {})
        << QByteArray("c0b1010affff00004ac11680fe");
    QTest::newRow("TRANSFER_DATA at 1020")
        << Frame::transferData(7, 1020, "ABCD").encode()
        << QByteArray("c0b1010400070008cc000003fc4142434445405bb8");
    QTest::newRow("ERROR unknown_command")
        << Frame::error(3, "unknown_command", "type 0x23 is not a command").encode()
        << QByteArray(
               "c0b1017f00030041be7b22636f6465223a22756e6b6e6f776e5f636f6d6d616e64222c226d6573"
               "73616765223a22747970652030783233206973206e6f74206120636f6d6d616e64227d943a"
               "c40e");
}

void TestFrame::goldenBytes()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, expectedHex);

    QCOMPARE(encoded.toHex(), expectedHex);
}

void TestFrame::everyTypeRoundTrips_data()
{
    QTest::addColumn<quint8>("type");
    QTest::addColumn<QByteArray>("payload");

    const QList<FrameType> jsonTypes = {FrameType::Hello,
                                        FrameType::GetPublicKey,
                                        FrameType::TransferBegin,
                                        FrameType::TransferCommit,
                                        FrameType::TransferAbort,
                                        FrameType::ProvisionStart,
                                        FrameType::Status,
                                        FrameType::ClaimErase,
                                        FrameType::Reboot,
                                        FrameType::Event,
                                        FrameType::Error,
                                        FrameType::HelloReply,
                                        FrameType::GetPublicKeyReply,
                                        FrameType::TransferBeginReply,
                                        FrameType::TransferDataReply,
                                        FrameType::TransferCommitReply,
                                        FrameType::TransferAbortReply,
                                        FrameType::ProvisionStartReply,
                                        FrameType::StatusReply,
                                        FrameType::ClaimEraseReply,
                                        FrameType::RebootReply};
    for (const FrameType type : jsonTypes)
        QTest::addRow("%s", qPrintable(frameTypeName(quint8(type))))
            << quint8(type) << QByteArray(R"({"k":"v","n":1})");
    QTest::newRow("TRANSFER_DATA binary")
        << quint8(FrameType::TransferData) << QByteArray("\x00\x00\x00\x00\xC0\xB1\n\r\x00", 9);
    QTest::newRow("undefined type 0x23") << quint8(0x23) << QByteArray("{}");
    QTest::newRow("maximum payload")
        << quint8(FrameType::TransferData) << QByteArray(Protocol::kMaxPayload, '\xC0');
}

void TestFrame::everyTypeRoundTrips()
{
    QFETCH(quint8, type);
    QFETCH(QByteArray, payload);
    Frame frame;
    frame.type = type;
    frame.seq = 0xBEEF;
    frame.payload = payload;

    const QByteArray bytes = frame.encode();
    FrameParser parser;
    const auto items = parser.feed(bytes);

    QCOMPARE(bytes.size(), Protocol::kOverhead + payload.size());
    QCOMPARE(items.size(), 1);
    QCOMPARE(items[0].kind, FrameParser::Item::Kind::Frame);
    QCOMPARE(items[0].frame, frame);
}

void TestFrame::typeNames_data()
{
    QTest::addColumn<quint8>("type");
    QTest::addColumn<QString>("name");

    QTest::newRow("0x01") << quint8(0x01) << "HELLO";
    QTest::newRow("0x04") << quint8(0x04) << "TRANSFER_DATA";
    QTest::newRow("0x0A") << quint8(0x0A) << "REBOOT";
    QTest::newRow("0x40") << quint8(0x40) << "EVENT";
    QTest::newRow("0x7F") << quint8(0x7F) << "ERROR";
    QTest::newRow("0x85") << quint8(0x85) << "TRANSFER_COMMIT_REPLY";
    QTest::newRow("0x23") << quint8(0x23) << "0x23";
    QTest::newRow("0x8B") << quint8(0x8B) << "0x8b";
    QTest::newRow("0x00") << quint8(0x00) << "0x00";
}

void TestFrame::typeNames()
{
    QFETCH(quint8, type);
    QFETCH(QString, name);

    QCOMPARE(frameTypeName(type), name);
}

void TestFrame::replyTypes()
{
    QCOMPARE(replyType(FrameType::Hello), quint8(0x81));
    QCOMPARE(replyType(FrameType::Reboot), quint8(0x8A));
    QVERIFY(isKnownCommand(0x01));
    QVERIFY(isKnownCommand(0x0A));
    QVERIFY(!isKnownCommand(0x00));
    QVERIFY(!isKnownCommand(0x0B));
    QVERIFY(!isKnownCommand(0x81));
}

void TestFrame::errorFrame()
{
    const Frame frame = Frame::error(42, ErrorCode::DigestMismatch, "SHA-256 differs");
    QJsonObject object;

    QVERIFY(frame.jsonObject(&object));
    QCOMPARE(frame.frameType(), FrameType::Error);
    QCOMPARE(frame.seq, quint16(42));
    QCOMPARE(object.value("code").toString(), QString("digest_mismatch"));
    QCOMPARE(object.value("message").toString(), QString("SHA-256 differs"));
}

void TestFrame::transferData()
{
    const QByteArray chunk("\x00\x01\xC0\xB1", 4);
    const Frame frame = Frame::transferData(9, 0x01020304, chunk);
    quint32 offset = 0;
    QByteArrayView bytes;

    QVERIFY(frame.transferChunk(&offset, &bytes));
    QCOMPARE(offset, quint32(0x01020304));
    QCOMPARE(bytes.toByteArray(), chunk);
    QCOMPARE(frame.payload.first(4), QByteArray("\x01\x02\x03\x04", 4));
}

void TestFrame::transferChunkRefusesShortPayload_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("three bytes") << QByteArray("\x00\x00\x01", 3);
}

void TestFrame::transferChunkRefusesShortPayload()
{
    QFETCH(QByteArray, payload);
    Frame frame;
    frame.type = quint8(FrameType::TransferData);
    frame.payload = payload;
    quint32 offset = 0;
    QByteArrayView bytes;

    QVERIFY(!frame.transferChunk(&offset, &bytes));
}

void TestFrame::jsonObjectRefusesNonObjects_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("empty") << QByteArray() << "not valid JSON";
    QTest::newRow("truncated") << QByteArray(R"({"size": 4)") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[1,2]") << "not an object";
    QTest::newRow("binary") << QByteArray("\xC0\xB1\x00", 3) << "not valid JSON";
}

void TestFrame::jsonObjectRefusesNonObjects()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, reasonPart);
    Frame frame;
    frame.type = quint8(FrameType::HelloReply);
    frame.payload = payload;
    QJsonObject object;
    QString error;

    QVERIFY(!frame.jsonObject(&object, &error));
    QVERIFY2(error.contains(reasonPart), qPrintable(error));
    QVERIFY2(error.contains("HELLO_REPLY"), qPrintable(error));
}

void TestFrame::oversizedPayloadIsRefused()
{
    QVERIFY(Frame::encode(1, 0x04, 0, QByteArray(0x10000, 'x')).isEmpty());
    QCOMPARE(Frame::encode(1, 0x04, 0, QByteArray(0xFFFF, 'x')).size(), 0xFFFF + 13);
}

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
