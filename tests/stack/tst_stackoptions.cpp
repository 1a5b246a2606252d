// The command line of blackbird-local: defaults, every option, and each mistake with its message.
#include "stackoptions.h"

#include <QTest>

using Blackbird::Local::StackOptions;

class TestStackOptions : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void allOptions();
    void helpAndVersion();
    void mistakes_data();
    void mistakes();
};

void TestStackOptions::defaults()
{
    QString error;
    const auto options = StackOptions::parse(
        {QStringLiteral("blackbird-local"), QStringLiteral("--state"), QStringLiteral("/tmp/x")},
        &error);
    QVERIFY2(options.has_value(), qPrintable(error));
    QCOMPARE(options->stateDir, QStringLiteral("/tmp/x"));
    QCOMPARE(options->reset, false);
    QCOMPARE(options->databaseConnection, QString());
    QCOMPARE(options->httpsPort, quint16(0));
    QCOMPARE(options->mqttPort, quint16(0));
    QCOMPARE(options->claimShare, 1);
    QCOMPARE(options->rateLimitPerMinute, 600);
}

void TestStackOptions::allOptions()
{
    QString error;
    const auto options = StackOptions::parse(
        {QStringLiteral("blackbird-local"), QStringLiteral("--state"), QStringLiteral("s"),
         QStringLiteral("--reset"), QStringLiteral("--database"), QStringLiteral("host=h dbname=d"),
         QStringLiteral("--https-port"), QStringLiteral("8443"), QStringLiteral("--mqtt-port"),
         QStringLiteral("8883"), QStringLiteral("--claim-share"), QStringLiteral("25"),
         QStringLiteral("--rate-limit"), QStringLiteral("120/min")},
        &error);
    QVERIFY2(options.has_value(), qPrintable(error));
    QVERIFY(options->reset);
    QCOMPARE(options->databaseConnection, QStringLiteral("host=h dbname=d"));
    QCOMPARE(options->httpsPort, quint16(8443));
    QCOMPARE(options->mqttPort, quint16(8883));
    QCOMPARE(options->claimShare, 25);
    QCOMPARE(options->rateLimitPerMinute, 120);
}

void TestStackOptions::helpAndVersion()
{
    QString error;
    QString text;
    QVERIFY(StackOptions::parse({QStringLiteral("blackbird-local"), QStringLiteral("--help")},
                                &error, &text));
    QVERIFY(text.contains(QLatin1String("--claim-share")));
    QVERIFY(text.contains(QLatin1String("--rate-limit")));
    QVERIFY(StackOptions::parse({QStringLiteral("blackbird-local"), QStringLiteral("--version")},
                                &error, &text));
    QVERIFY(text.startsWith(QLatin1String("blackbird-local ")));
}

void TestStackOptions::mistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    const QStringList state{QStringLiteral("--state"), QStringLiteral("s")};
    QTest::newRow("no state") << QStringList{} << "--state DIR is required";
    QTest::newRow("unknown option")
        << (state + QStringList{QStringLiteral("--frobnicate")}) << "frobnicate";
    QTest::newRow("stray argument")
        << (state + QStringList{QStringLiteral("extra")}) << "unexpected argument extra";
    QTest::newRow("port 0") << (state +
                                QStringList{QStringLiteral("--https-port"), QStringLiteral("0")})
                            << "--https-port must be";
    QTest::newRow("port words") << (state + QStringList{QStringLiteral("--mqtt-port"),
                                                        QStringLiteral("mqtt")})
                                << "--mqtt-port must be";
    QTest::newRow("claim share negative")
        << (state + QStringList{QStringLiteral("--claim-share"), QStringLiteral("-2")})
        << "--claim-share must be";
    QTest::newRow("rate per hour")
        << (state + QStringList{QStringLiteral("--rate-limit"), QStringLiteral("5/hour")})
        << "--rate-limit must look like";
}

void TestStackOptions::mistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!StackOptions::parse(QStringList{QStringLiteral("blackbird-local")} + arguments, &error)
                 .has_value());
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStackOptions)
#include "tst_stackoptions.moc"
