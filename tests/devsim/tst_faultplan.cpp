// Tests how faults are named and set, the same way on the command line and the control channel.
#include "faultplan.h"
#include "protocol/frame.h"

#include <QTest>

using Blackbird::FrameType;
using Blackbird::Sim::FaultPlan;

class TestFaultPlan : public QObject
{
    Q_OBJECT

private slots:
    void defaultsAreHarmless();
    void setsFault_data();
    void setsFault();
    void refusesBadFault_data();
    void refusesBadFault();
    void stepNamesRoundTrip();
};

void TestFaultPlan::defaultsAreHarmless()
{
    const FaultPlan plan;

    QCOMPARE(plan.corruptRate, 0.0);
    QCOMPARE(plan.dropAt, quint8(0));
    QCOMPARE(plan.commitReset, FaultPlan::CommitReset::None);
    QCOMPARE(plan.slowMs, 0);
    QVERIFY(!plan.refuseCommit);
    QVERIFY(plan.describe().contains(QStringLiteral("drop-at=none")));
}

void TestFaultPlan::setsFault_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("described");

    QTest::newRow("corrupt-rate") << "corrupt-rate"
                                  << "0.0001"
                                  << "corrupt-rate=0.0001";
    QTest::newRow("corrupt-rate exp") << "corrupt-rate"
                                      << "1e-3"
                                      << "corrupt-rate=0.001";
    QTest::newRow("to-station") << "corrupt-direction"
                                << "to-station"
                                << "corrupt-direction=to-station";
    QTest::newRow("to-device") << "corrupt-direction"
                               << "to-device"
                               << "corrupt-direction=to-device";
    QTest::newRow("drop at commit") << "drop-at"
                                    << "commit"
                                    << "drop-at=commit";
    QTest::newRow("drop at transfer_commit") << "drop-at"
                                             << "transfer_commit"
                                             << "drop-at=commit";
    QTest::newRow("drop at hello") << "drop-at"
                                   << "hello"
                                   << "drop-at=hello";
    QTest::newRow("reenumerate") << "drop-mode"
                                 << "reenumerate"
                                 << "drop-mode=reenumerate";
    QTest::newRow("before-rename") << "reset-during-commit"
                                   << "before-rename"
                                   << "reset-during-commit=before-rename";
    QTest::newRow("crash") << "reset-during-commit"
                           << "crash-before-rename"
                           << "reset-during-commit=crash-before-rename";
    QTest::newRow("slow") << "slow-ms"
                          << "250"
                          << "slow-ms=250";
    QTest::newRow("refuse on") << "refuse-commit"
                               << "on"
                               << "refuse-commit=on";
}

void TestFaultPlan::setsFault()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, described);
    FaultPlan plan;
    QString error;

    QVERIFY2(plan.set(name, value, &error), qPrintable(error));

    QVERIFY2(plan.describe().contains(described), qPrintable(plan.describe()));
}

void TestFaultPlan::refusesBadFault_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unknown fault") << "melt"
                                   << "on"
                                   << "unknown fault";
    QTest::newRow("rate text") << "corrupt-rate"
                               << "lots"
                               << "from 0 to 1";
    QTest::newRow("rate negative") << "corrupt-rate"
                                   << "-0.1"
                                   << "from 0 to 1";
    QTest::newRow("rate above one") << "corrupt-rate"
                                    << "1.5"
                                    << "from 0 to 1";
    QTest::newRow("direction") << "corrupt-direction"
                               << "sideways"
                               << "to-station";
    QTest::newRow("step") << "drop-at"
                          << "lunch"
                          << "hello";
    QTest::newRow("drop mode") << "drop-mode"
                               << "explode"
                               << "relink";
    QTest::newRow("reset mode") << "reset-during-commit"
                                << "sometimes"
                                << "before-rename";
    QTest::newRow("slow negative") << "slow-ms"
                                   << "-5"
                                   << "milliseconds";
    QTest::newRow("slow text") << "slow-ms"
                               << "fast"
                               << "milliseconds";
    QTest::newRow("refuse maybe") << "refuse-commit"
                                  << "maybe"
                                  << "on or off";
}

void TestFaultPlan::refusesBadFault()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, reason);
    FaultPlan plan;
    const QString before = plan.describe();
    QString error;

    QVERIFY(!plan.set(name, value, &error));

    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(plan.describe(), before);
}

void TestFaultPlan::stepNamesRoundTrip()
{
    for (const QString &step : FaultPlan::dropSteps())
        QCOMPARE(FaultPlan::stepName(FaultPlan::stepCode(step)), step);

    QCOMPARE(FaultPlan::stepCode(QStringLiteral("transfer_data")), quint8(FrameType::TransferData));
    QCOMPARE(FaultPlan::stepCode(QStringLiteral("nonsense")), quint8(0));
}

QTEST_GUILESS_MAIN(TestFaultPlan)
#include "tst_faultplan.moc"
