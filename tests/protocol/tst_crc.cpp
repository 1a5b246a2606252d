// The protocol's CRC-8 and CRC-32 against the published check values and known vectors, so that a
// firmware engineer's implementation and ours provably agree.
#include "protocol/crc.h"

#include <QTest>

using namespace Blackbird;

class TestCrc : public QObject
{
    Q_OBJECT

private slots:
    void crc8Vectors_data();
    void crc8Vectors();
    void crc32Vectors_data();
    void crc32Vectors();
    void crc32InPieces_data();
    void crc32InPieces();
    void crc8DetectsEverySingleBitError();
};

void TestCrc::crc8Vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expected");

    QTest::newRow("check value") << QByteArray("123456789") << 0xF4;
    QTest::newRow("empty") << QByteArray() << 0x00;
    QTest::newRow("single zero") << QByteArray(1, '\0') << 0x00;
    QTest::newRow("single 0x01") << QByteArray(1, '\x01') << 0x07;
    QTest::newRow("single 0xFF") << QByteArray(1, '\xFF') << 0xF3;
    QTest::newRow("hello header") << QByteArray::fromHex("c0b1010100010011") << 0x13;
}

void TestCrc::crc8Vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, expected);

    QCOMPARE(int(crc8(input)), expected);
}

void TestCrc::crc32Vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("expected");

    QTest::newRow("check value") << QByteArray("123456789") << quint32(0xCBF43926);
    QTest::newRow("empty") << QByteArray() << quint32(0x00000000);
    QTest::newRow("a") << QByteArray("a") << quint32(0xE8B7BE43);
    QTest::newRow("quick brown fox")
        << QByteArray("The quick brown fox jumps over the lazy dog") << quint32(0x414FA339);
    QTest::newRow("four zero bytes") << QByteArray(4, '\0') << quint32(0x2144DF1C);
}

void TestCrc::crc32Vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(quint32, expected);

    QCOMPARE(crc32(input), expected);
}

void TestCrc::crc32InPieces_data()
{
    QTest::addColumn<int>("split");

    for (int split = 0; split <= 9; ++split)
        QTest::addRow("split at %d", split) << split;
}

void TestCrc::crc32InPieces()
{
    QFETCH(int, split);
    const QByteArray input("123456789");

    const quint32 first = crc32Update(0, input.first(split));
    const quint32 whole = crc32Update(first, input.sliced(split));

    QCOMPARE(whole, quint32(0xCBF43926));
}

void TestCrc::crc8DetectsEverySingleBitError()
{
    const QByteArray header = QByteArray::fromHex("c0b1010100010011");
    const quint8 good = crc8(header);

    for (int bit = 0; bit < header.size() * 8; ++bit) {
        QByteArray damaged = header;
        damaged[bit / 8] = char(damaged[bit / 8] ^ (1 << (bit % 8)));
        QVERIFY2(crc8(damaged) != good, qPrintable(QStringLiteral("bit %1").arg(bit)));
    }
}

QTEST_GUILESS_MAIN(TestCrc)
#include "tst_crc.moc"
