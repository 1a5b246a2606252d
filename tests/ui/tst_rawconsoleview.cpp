// The raw serial console: received and sent bytes kept in order within a byte budget, lines
// split at newlines even when they arrive in pieces, a binary frame shown escaped as text and as
// a hex dump with running offsets, and the oldest traffic dropped first.
#include "rawconsoleview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Blackbird;
using Direction = RawConsoleModel::Direction;
using Mode = RawConsoleModel::Mode;

namespace {

const QDateTime t0 = QDateTime(QDate(2026, 12, 3), QTime(10, 0, 0), Qt::UTC);

// A HELLO request as the station sends it: sync bytes, header, JSON payload, CRC.
const QByteArray frame = QByteArray::fromHex("c0b10110000100051f") + QByteArray("{\"a\":1}") +
                         QByteArray::fromHex("8d2e11f0");

QString cell(const RawConsoleModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestRawConsoleView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data();
    void escapes();
    void joinsPiecesIntoLines();
    void showsHex();
    void dropsOldestTraffic();
    void viewSwitchesAndCopies();
};

void TestRawConsoleView::escapes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QByteArray("boot ok") << QStringLiteral("boot ok");
    QTest::newRow("line end") << QByteArray("ok\r\n") << QStringLiteral("ok\\r\\n");
    QTest::newRow("ANSI colour") << QByteArray("\x1b[31mE\x1b[0m")
                                 << QStringLiteral("\\e[31mE\\e[0m");
    QTest::newRow("UTF-8 kept") << QByteArray("Grüße 你好") << QStringLiteral("Grüße 你好");
    QTest::newRow("frame sync bytes")
        << QByteArray::fromHex("c0b101") << QStringLiteral("\\xC0\\xB1\\x01");
    QTest::newRow("cut UTF-8") << QByteArray("\xe4\xbd") << QStringLiteral("\\xE4\\xBD");
    QTest::newRow("backslash") << QByteArray("a\\b") << QStringLiteral("a\\\\b");
    QTest::newRow("NUL and DEL") << QByteArray("\0\x7f", 2) << QStringLiteral("\\x00\\x7F");
}

void TestRawConsoleView::escapes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(RawConsoleModel::escapeBytes(bytes), text);
}

void TestRawConsoleView::joinsPiecesIntoLines()
{
    RawConsoleModel model(QStringLiteral("/dev/ttyUSB0"));
    QAbstractItemModelTester tester(&model);
    model.append(Direction::Received, "I (31) boo", t0);
    model.append(Direction::Received, "t: ok\nI (32) wi", t0.addMSecs(5));
    model.append(Direction::Received, "fi: up\n", t0.addMSecs(9));
    model.append(Direction::Sent, frame, t0.addMSecs(20));
    model.append(Direction::Received, "ack\n", t0.addMSecs(40));

    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(cell(model, 0, RawConsoleModel::TextColumn), QStringLiteral("I (31) boot: ok\\n"));
    QCOMPARE(cell(model, 1, RawConsoleModel::TextColumn), QStringLiteral("I (32) wifi: up\\n"));
    QCOMPARE(cell(model, 2, RawConsoleModel::DirectionColumn), QStringLiteral("TX →"));
    QVERIFY(cell(model, 2, RawConsoleModel::TextColumn).startsWith(QStringLiteral("\\xC0\\xB1")));
    QCOMPARE(model.rowBytes(2), frame);
    QCOMPARE(cell(model, 3, RawConsoleModel::DirectionColumn), QStringLiteral("RX ←"));
    QCOMPARE(model.byteCount(), qsizetype(10 + 15 + 7 + frame.size() + 4));
}

void TestRawConsoleView::showsHex()
{
    RawConsoleModel model(QStringLiteral("/dev/ttyUSB0"));
    QAbstractItemModelTester tester(&model);
    model.append(Direction::Received, "0123456789abcdefXYZ", t0);
    model.append(Direction::Sent, frame, t0.addMSecs(1));
    model.append(Direction::Received, "tail", t0.addMSecs(2));
    model.setMode(Mode::Hex);

    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.rowCount(), 2 + 2 + 1);
    QCOMPARE(cell(model, 0, RawConsoleModel::OffsetColumn), QStringLiteral("00000000"));
    QCOMPARE(cell(model, 0, RawConsoleModel::HexColumn),
             QStringLiteral("30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66"));
    QCOMPARE(cell(model, 0, RawConsoleModel::AsciiColumn), QStringLiteral("0123456789abcdef"));
    QCOMPARE(cell(model, 1, RawConsoleModel::OffsetColumn), QStringLiteral("00000010"));
    QCOMPARE(cell(model, 2, RawConsoleModel::HexColumn).left(8), QStringLiteral("c0 b1 01"));
    QCOMPARE(cell(model, 2, RawConsoleModel::AsciiColumn).left(9), QStringLiteral("........."));
    // Offsets run per direction: the received tail continues after the first 19 bytes.
    QCOMPARE(cell(model, 4, RawConsoleModel::OffsetColumn), QStringLiteral("00000013"));
    QCOMPARE(cell(model, 4, RawConsoleModel::AsciiColumn), QStringLiteral("tail"));

    model.append(Direction::Received, "0123456789abcdef", t0.addMSecs(3));
    QCOMPARE(model.rowCount(), 6); // the open row took 12 bytes, a new one the other 4
    QCOMPARE(cell(model, 4, RawConsoleModel::AsciiColumn), QStringLiteral("tail0123456789ab"));
    model.setMode(Mode::Text);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(cell(model, 2, RawConsoleModel::TextColumn), QStringLiteral("tail0123456789abcdef"));
}

void TestRawConsoleView::dropsOldestTraffic()
{
    RawConsoleModel model(QStringLiteral("/dev/ttyUSB0"));
    QAbstractItemModelTester tester(&model);
    model.setCapacity(100);
    for (int i = 0; i < 20; ++i) // 2 s apart: each line its own chunk
        model.append(Direction::Received, QByteArray("line ") + QByteArray::number(i) + "\n",
                     t0.addSecs(2 * i));
    QVERIFY(model.byteCount() <= 100);
    QVERIFY(model.byteCount() > 80);
    QCOMPARE(model.droppedBytes(), quint64(7 * 10 + 8 * 10 - model.byteCount()));
    QCOMPARE(cell(model, model.rowCount() - 1, RawConsoleModel::TextColumn),
             QStringLiteral("line 19\\n"));
    QCOMPARE(cell(model, 0, RawConsoleModel::TextColumn),
             QStringLiteral("line %1\\n").arg(20 - model.rowCount()));

    model.append(Direction::Sent, QByteArray(500, 'x'), t0.addSecs(100));
    QCOMPARE(model.byteCount(), 100);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.byteCount(), 0);
}

void TestRawConsoleView::viewSwitchesAndCopies()
{
    RawConsoleModel model(QStringLiteral("/dev/serial/by-id/usb-Blackbird_Sensor_7-if00"));
    RawConsoleView view;
    QVERIFY(!view.isEnabled());
    view.setModel(&model);
    QVERIFY(view.isEnabled());
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(
        view.findChild<QLabel *>(QStringLiteral("rawConsoleTitle"))->text().contains(model.port()));

    model.append(Direction::Received, "\x1b[32mI (12) boot: ready\x1b[0m\r\n", t0);
    model.append(Direction::Sent, frame, t0.addMSecs(30));
    model.append(Direction::Received, QByteArray::fromHex("c0b101900001000a4e") + "{\"ok\":true}\n",
                 t0.addMSecs(80));
    view.findChild<QToolButton *>(QStringLiteral("rawConsoleHex"))->click();
    QCOMPARE(model.mode(), Mode::Hex);
    view.table()->selectRow(0);
    QApplication::clipboard()->clear();
    view.copySelection();
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("1b 5b 33 32 6d 49")), qPrintable(copied));

    const QString dir = qEnvironmentVariable("BLACKBIRD_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(view.grab().save(QDir(dir).filePath(QStringLiteral("raw-console-hex.png"))));
    view.findChild<QToolButton *>(QStringLiteral("rawConsoleText"))->click();
    QCOMPARE(model.mode(), Mode::Text);
    view.table()->setFocus();
    QTest::keySequence(view.table(), QKeySequence(Qt::ALT | Qt::Key_H));
    QCOMPARE(model.mode(), Mode::Hex);
    QVERIFY(view.findChild<QToolButton *>(QStringLiteral("rawConsoleHex"))->isChecked());
    QTest::keySequence(view.table(), QKeySequence(Qt::ALT | Qt::Key_T));
    QCOMPARE(model.mode(), Mode::Text);
    if (!dir.isEmpty())
        QVERIFY(view.grab().save(QDir(dir).filePath(QStringLiteral("raw-console-text.png"))));
}

QTEST_MAIN(TestRawConsoleView)
#include "tst_rawconsoleview.moc"
