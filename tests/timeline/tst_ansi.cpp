// Console lines as real firmware prints them: SGR colours (16, 256 and true colour), cursor and
// erase sequences, window titles (OSC with BEL and with ST), 8-bit C1 forms, and sequences that
// are broken or cut off at the end of the line. The text survives, no escape byte does.
#include "timeline/ansi.h"

#include <QTest>

using namespace Blackbird;
using Level = TimelineEntry::Level;

Q_DECLARE_METATYPE(std::optional<Blackbird::TimelineEntry::Level>)

class TestAnsi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strips_data();
    void strips();
    void plainTextIsUntouched();
    void neverLeavesAControlCharacter();
};

void TestAnsi::strips_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<Level>>("level");

    const std::optional<Level> none;
    QTest::newRow("no escapes") << QStringLiteral("boot ok") << QStringLiteral("boot ok") << none;
    QTest::newRow("esp-idf info (green)")
        << QStringLiteral("\x1b[0;32mI (312) wifi: connected\x1b[0m")
        << QStringLiteral("I (312) wifi: connected") << none;
    QTest::newRow("esp-idf error (red)")
        << QStringLiteral("\x1b[0;31mE (1203) mqtt: TLS handshake failed\x1b[0m")
        << QStringLiteral("E (1203) mqtt: TLS handshake failed") << std::optional(Level::Error);
    QTest::newRow("esp-idf warning (yellow)")
        << QStringLiteral("\x1b[0;33mW (88) nvs: partition almost full\x1b[0m")
        << QStringLiteral("W (88) nvs: partition almost full") << std::optional(Level::Warning);
    QTest::newRow("bright red, bold")
        << QStringLiteral("\x1b[1;91mPANIC\x1b[22;39m after reset")
        << QStringLiteral("PANIC after reset") << std::optional(Level::Error);
    QTest::newRow("red set but reset before the text")
        << QStringLiteral("\x1b[31m\x1b[0mall fine") << QStringLiteral("all fine") << none;
    QTest::newRow("red background only")
        << QStringLiteral("\x1b[41mhighlighted\x1b[49m") << QStringLiteral("highlighted") << none;
    QTest::newRow("256 colours: 196 is red")
        << QStringLiteral("\x1b[38;5;196mfault\x1b[m") << QStringLiteral("fault")
        << std::optional(Level::Error);
    QTest::newRow("256 colours: 31 is not red")
        << QStringLiteral("\x1b[38;5;31mteal\x1b[m") << QStringLiteral("teal") << none;
    QTest::newRow("256 colours: 226 is yellow")
        << QStringLiteral("\x1b[38;5;226mcareful") << QStringLiteral("careful")
        << std::optional(Level::Warning);
    QTest::newRow("true colour red") << QStringLiteral("\x1b[38;2;220;20;30mdenied\x1b[0m")
                                     << QStringLiteral("denied") << std::optional(Level::Error);
    QTest::newRow("true colour with colons")
        << QStringLiteral("\x1b[38:2:255:200:0mwarm\x1b[0m") << QStringLiteral("warm")
        << std::optional(Level::Warning);
    QTest::newRow("warning then error: the worse wins")
        << QStringLiteral("\x1b[33mretry \x1b[31mgave up") << QStringLiteral("retry gave up")
        << std::optional(Level::Error);
    QTest::newRow("cursor and erase")
        << QStringLiteral("\x1b[2K\x1b[1G\x1b[?25lprogress 40%\x1b[?25h")
        << QStringLiteral("progress 40%") << none;
    QTest::newRow("private SGR-like sequence is not a colour")
        << QStringLiteral("\x1b[>31mtext") << QStringLiteral("text") << none;
    QTest::newRow("OSC title ended by BEL") << QStringLiteral("\x1b]0;blackbird sensor\x07shell> ")
                                            << QStringLiteral("shell> ") << none;
    QTest::newRow("OSC hyperlink ended by ST")
        << QStringLiteral("see \x1b]8;;https://blackbird.example/doc\x1b\\the manual"
                          "\x1b]8;;\x1b\\ now")
        << QStringLiteral("see the manual now") << none;
    QTest::newRow("DCS string") << QStringLiteral("a\x1bPq#0;2;0;0;0~-\x1b\\b")
                                << QStringLiteral("ab") << none;
    QTest::newRow("8-bit CSI") << QStringLiteral("x\u009b31my") << QStringLiteral("xy")
                               << std::optional(Level::Error);
    QTest::newRow("8-bit OSC with 8-bit ST")
        << QStringLiteral("x\u009d0;title\u009cy") << QStringLiteral("xy") << none;
    QTest::newRow("charset selection ESC ( B")
        << QStringLiteral("\x1b(Bplain\x1b)0") << QStringLiteral("plain") << none;
    QTest::newRow("two-byte escapes ESC 7 ESC 8") << QStringLiteral("\x1b"
                                                                    "7saved\x1b"
                                                                    "8")
                                                  << QStringLiteral("saved") << none;
    QTest::newRow("cut-off CSI at the end")
        << QStringLiteral("temperature 21 C\x1b[0;3") << QStringLiteral("temperature 21 C") << none;
    QTest::newRow("lone ESC at the end")
        << QStringLiteral("done\x1b") << QStringLiteral("done") << none;
    QTest::newRow("unterminated OSC swallows only itself")
        << QStringLiteral("ok \x1b]0;title without end") << QStringLiteral("ok ") << none;
    QTest::newRow("CSI broken by a new ESC") << QStringLiteral("a\x1b[12\x1b[31mb")
                                             << QStringLiteral("ab") << std::optional(Level::Error);
    QTest::newRow("CSI broken by a non-ASCII character keeps it")
        << QStringLiteral("a\x1b[1ü b") << QStringLiteral("aü b") << none;
    QTest::newRow("escape followed by UTF-8 keeps it")
        << QStringLiteral("\x1bÄpfel") << QStringLiteral("Äpfel") << none;
    QTest::newRow("tabs become spaces") << QStringLiteral("a\tb") << QStringLiteral("a b") << none;
    QTest::newRow("trailing CR of CRLF")
        << QStringLiteral("line\r") << QStringLiteral("line") << none;
    QTest::newRow("CR overwrites a progress line")
        << QStringLiteral("\x1b[31m10%\r\x1b[0m100%") << QStringLiteral("100%") << none;
    QTest::newRow("backspace") << QStringLiteral("abx\bc") << QStringLiteral("abc") << none;
    QTest::newRow("bell and NUL dropped")
        << QStringLiteral("ding\x07 ") + QChar(u'\0') + QStringLiteral("dong")
        << QStringLiteral("ding dong") << none;
    QTest::newRow("CJK text kept")
        << QStringLiteral("\x1b[32m设备已注册\x1b[0m") << QStringLiteral("设备已注册") << none;
    QTest::newRow("overlong CSI is swallowed whole, not read")
        << QStringLiteral("a\x1b[") + QString(300, u'1') + QStringLiteral(";31mb")
        << QStringLiteral("ab") << none;
}

void TestAnsi::strips()
{
    QFETCH(QString, input);
    QFETCH(QString, text);
    QFETCH(std::optional<Level>, level);

    const AnsiStripped result = stripAnsiWithLevel(input);
    QCOMPARE(result.text, text);
    QCOMPARE(result.colourLevel, level);
    QCOMPARE(stripAnsi(input), text);
}

void TestAnsi::plainTextIsUntouched()
{
    const QString line = QStringLiteral("[  12.345] heap: free 182344 bytes, Grüße, 你好");
    QCOMPARE(stripAnsi(line), line);
    QCOMPARE(stripAnsiWithLevel(line).text, line);
    QVERIFY(!stripAnsiWithLevel(line).colourLevel.has_value());
}

void TestAnsi::neverLeavesAControlCharacter()
{
    // Every pair of an escape-relevant character with a few others, in every position.
    const QList<QChar> alphabet{QChar(0x1b),  QChar(u'['),  QChar(u']'),  QChar(u'P'),
                                QChar(u'\\'), QChar(0x07),  QChar(0x9b),  QChar(0x9c),
                                QChar(0x9d),  QChar(u';'),  QChar(u'3'),  QChar(u'm'),
                                QChar(u'x'),  QChar(u'\r'), QChar(u'\b'), QChar(u'é')};
    int checked = 0;
    for (QChar a : alphabet) {
        for (QChar b : alphabet) {
            for (QChar c : alphabet) {
                const QString input = QString(a) + b + c + QStringLiteral("text") + a + b;
                const QString out = stripAnsi(input);
                for (QChar ch : out) {
                    const char16_t u = ch.unicode();
                    QVERIFY2(u >= 0x20 && !(u >= 0x7f && u <= 0x9f),
                             qPrintable(QStringLiteral("control %1 left in output of %2")
                                            .arg(int(u))
                                            .arg(QString::fromLatin1(
                                                input.toUtf8().toPercentEncoding()))));
                }
                ++checked;
            }
        }
    }
    QCOMPARE(checked, alphabet.size() * alphabet.size() * alphabet.size());
}

QTEST_APPLESS_MAIN(TestAnsi)
#include "tst_ansi.moc"
