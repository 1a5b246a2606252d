// The rule that names a thing after its device: readable, stable, within AWS IoT's thing-name
// alphabet and length.
#include "thingname.h"

#include <QRegularExpression>
#include <QTest>

using Blackbird::Local::thingNameFor;

class TestThingName : public QObject
{
    Q_OBJECT

private slots:
    void thingNameFor_data();
    void thingNameFor();
};

void TestThingName::thingNameFor_data()
{
    QTest::addColumn<QString>("deviceType");
    QTest::addColumn<QString>("uuid");
    QTest::addColumn<QString>("expected");

    QTest::newRow("usual") << "blackbird-sensor-v1"
                           << "0b8f3c9e-1f2a-4c55-9b0e-2d7f61a4c3b1"
                           << "blackbird-sensor-v1_0b8f3c9e-1f2a-4c55-9b0e-2d7f61a4c3b1";
    QTest::newRow("colon kept") << "gw:2"
                                << "a"
                                << "gw:2_a";
    QTest::newRow("slash replaced") << "a/b"
                                    << "c"
                                    << "a_b_c";
    QTest::newRow("wildcards replaced") << "a+#"
                                        << "u u"
                                        << "a___u_u";
    QTest::newRow("non-ASCII replaced") << QStringLiteral("ger\u00e4t") << "1"
                                        << "ger_t_1";
    QTest::newRow("cut to 128") << QString(100, QLatin1Char('t')) << QString(100, QLatin1Char('u'))
                                << QString(100, QLatin1Char('t')) + QLatin1Char('_') +
                                       QString(27, QLatin1Char('u'));
}

void TestThingName::thingNameFor()
{
    QFETCH(QString, deviceType);
    QFETCH(QString, uuid);
    QFETCH(QString, expected);

    const QString name = Blackbird::Local::thingNameFor(deviceType, uuid);
    QCOMPARE(name, expected);
    static const QRegularExpression awsThingName(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-zA-Z0-9:_-]{1,128}")));
    QVERIFY(awsThingName.match(name).hasMatch());
}

QTEST_GUILESS_MAIN(TestThingName)
#include "tst_thingname.moc"
