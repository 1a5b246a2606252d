// The registration fault SPECs of blackbird-local: every setting, every mistake with its message,
// and the order, count and uuid rules by which a plan picks the fault for a request.
#include "registrationfaults.h"
#include "stackoptions.h"

#include <QTest>

using namespace Blackbird::Local;

namespace {

const QString kDevice = QStringLiteral("5a1e0000-0000-4000-8000-000000000001");
const QString kOther = QStringLiteral("5a1e0000-0000-4000-8000-000000000002");

RegistrationFault parsed(const QString &spec)
{
    QString error;
    const auto fault = RegistrationFault::parse(spec, &error);
    if (!fault)
        qFatal("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return *fault;
}

} // namespace

class TestRegistrationFaults : public QObject
{
    Q_OBJECT

private slots:
    void parsesSettings();
    void parsesKinds_data();
    void parsesKinds();
    void refusesMistakes_data();
    void refusesMistakes();
    void planCountsTimesAndAfter();
    void planTriesFaultsInOrder();
    void planMatchesUuid();
    void optionsCollectFaults();
    void optionsReadEnvironment();
    void optionsReportBadSpec();
};

void TestRegistrationFaults::parsesSettings()
{
    const RegistrationFault fault =
        parsed(QStringLiteral(" status=429, retry-after=2 ,times=3,after=1,delay-ms=250,"
                              "error=slow_down,uuid=5A1E0000-0000-4000-8000-000000000001"));
    QCOMPARE(fault.kind, RegistrationFault::Kind::Status);
    QCOMPARE(fault.status, 429);
    QCOMPARE(fault.retryAfter, 2);
    QCOMPARE(fault.times, 3);
    QCOMPARE(fault.after, 1);
    QCOMPARE(fault.delayMs, 250);
    QCOMPARE(fault.errorCode, QStringLiteral("slow_down"));
    QCOMPARE(fault.uuid, kDevice);
    QVERIFY(!fault.registersForReal());

    const RegistrationFault delay = parsed(QStringLiteral("delay-ms=30000"));
    QCOMPARE(delay.kind, RegistrationFault::Kind::None);
    QCOMPARE(delay.delayMs, 30000);
    QCOMPARE(delay.retryAfter, -1);
    QCOMPARE(delay.times, std::numeric_limits<int>::max());
    QCOMPARE(delay.after, 0);
    QVERIFY(delay.registersForReal());
}

void TestRegistrationFaults::parsesKinds_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<RegistrationFault::Kind>("kind");
    QTest::addColumn<bool>("registers");

    QTest::newRow("close") << "close" << RegistrationFault::Kind::Close << false;
    QTest::newRow("truncated-body")
        << "truncated-body" << RegistrationFault::Kind::TruncatedBody << true;
    QTest::newRow("mismatched-key")
        << "mismatched-key,times=1" << RegistrationFault::Kind::MismatchedKey << true;
    QTest::newRow("wrong-certificate-id")
        << "wrong-certificate-id" << RegistrationFault::Kind::WrongCertificateId << true;
    QTest::newRow("expired-certificate")
        << "expired-certificate" << RegistrationFault::Kind::ExpiredCertificate << true;
    QTest::newRow("status 500") << "status=500" << RegistrationFault::Kind::Status << false;
}

void TestRegistrationFaults::parsesKinds()
{
    QFETCH(QString, spec);
    QFETCH(RegistrationFault::Kind, kind);
    QFETCH(bool, registers);

    const RegistrationFault fault = parsed(spec);
    QCOMPARE(fault.kind, kind);
    QCOMPARE(fault.registersForReal(), registers);
    QCOMPARE(fault.spec, spec);
}

void TestRegistrationFaults::refusesMistakes_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("nothing to do") << "times=2"
                                   << "says nothing to do";
    QTest::newRow("unknown word") << "explode"
                                  << "unknown fault explode";
    QTest::newRow("unknown setting") << "status=500,colour=red"
                                     << "unknown setting colour";
    QTest::newRow("status 200") << "status=200"
                                << "status must be an HTTP status from 400";
    QTest::newRow("status 600") << "status=600"
                                << "status must be";
    QTest::newRow("status words") << "status=bad"
                                  << "status must be";
    QTest::newRow("two kinds") << "status=500,close"
                               << "give only one of";
    QTest::newRow("two flags") << "mismatched-key,expired-certificate"
                               << "give only one of";
    QTest::newRow("retry-after alone") << "delay-ms=5,retry-after=3"
                                       << "go with status=";
    QTest::newRow("error with close") << "close,error=x"
                                      << "go with status=";
    QTest::newRow("negative retry-after") << "status=429,retry-after=-1"
                                          << "retry-after must";
    QTest::newRow("delay too long") << "delay-ms=600001"
                                    << "delay-ms must be from 0 to 600000";
    QTest::newRow("times 0") << "status=500,times=0"
                             << "times must be";
    QTest::newRow("after negative") << "status=500,after=-1"
                                    << "after must be";
    QTest::newRow("bad uuid") << "close,uuid=device-1"
                              << "uuid must be";
    QTest::newRow("error code with spaces") << "status=500,error=a b"
                                            << "error must be a code";
}

void TestRegistrationFaults::refusesMistakes()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!RegistrationFault::parse(spec, &error).has_value());
    QVERIFY2(error.startsWith(QLatin1String("--registration-fault")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestRegistrationFaults::planCountsTimesAndAfter()
{
    RegistrationFaultPlan plan({parsed(QStringLiteral("status=500,after=1,times=2"))});
    QVERIFY(!plan.take(kDevice).has_value()); // let through
    QCOMPARE(plan.take(kDevice)->status, 500);
    QCOMPARE(plan.take(kOther)->status, 500);
    QVERIFY(!plan.take(kDevice).has_value()); // used up
    QVERIFY(!plan.take(QString()).has_value());
    QVERIFY(RegistrationFaultPlan().isEmpty());
}

void TestRegistrationFaults::planTriesFaultsInOrder()
{
    RegistrationFaultPlan plan({parsed(QStringLiteral("status=429,retry-after=1,times=2")),
                                parsed(QStringLiteral("status=500,times=1"))});
    QCOMPARE(plan.take(kDevice)->status, 429);
    QCOMPARE(plan.take(kDevice)->status, 429);
    QCOMPARE(plan.take(kDevice)->status, 500);
    QVERIFY(!plan.take(kDevice).has_value());
}

void TestRegistrationFaults::planMatchesUuid()
{
    RegistrationFaultPlan plan({parsed(QStringLiteral("mismatched-key,uuid=") + kDevice.toUpper()),
                                parsed(QStringLiteral("delay-ms=10,times=1"))});
    QCOMPARE(plan.take(kOther)->kind, RegistrationFault::Kind::None); // the delay
    QVERIFY(!plan.take(kOther).has_value());
    QCOMPARE(plan.take(kDevice.toUpper())->kind, RegistrationFault::Kind::MismatchedKey);
    QCOMPARE(plan.take(kDevice)->kind, RegistrationFault::Kind::MismatchedKey);
    QVERIFY(!plan.take(QString()).has_value());
}

void TestRegistrationFaults::optionsCollectFaults()
{
    QString error;
    const auto options = StackOptions::parse(
        {QStringLiteral("blackbird-local"), QStringLiteral("--state"), QStringLiteral("s"),
         QStringLiteral("--registration-fault"), QStringLiteral("status=500,times=1"),
         QStringLiteral("--registration-fault"), QStringLiteral("expired-certificate")},
        &error);
    QVERIFY2(options.has_value(), qPrintable(error));
    QCOMPARE(options->registrationFaults.size(), 2);
    QCOMPARE(options->registrationFaults.at(0).status, 500);
    QCOMPARE(options->registrationFaults.at(1).kind, RegistrationFault::Kind::ExpiredCertificate);

    QString text;
    QVERIFY(StackOptions::parse({QStringLiteral("blackbird-local"), QStringLiteral("--help")},
                                &error, &text));
    QVERIFY(text.contains(QLatin1String("--registration-fault")));
}

void TestRegistrationFaults::optionsReadEnvironment()
{
    qputenv("BLACKBIRD_LOCAL_REGISTRATION_FAULTS", "delay-ms=100; ;status=503,times=1");
    QString error;
    const auto options = StackOptions::parse(
        {QStringLiteral("blackbird-local"), QStringLiteral("--state"), QStringLiteral("s"),
         QStringLiteral("--registration-fault"), QStringLiteral("close,times=1")},
        &error);
    qunsetenv("BLACKBIRD_LOCAL_REGISTRATION_FAULTS");
    QVERIFY2(options.has_value(), qPrintable(error));
    QCOMPARE(options->registrationFaults.size(), 3);
    QCOMPARE(options->registrationFaults.at(0).kind, RegistrationFault::Kind::Close);
    QCOMPARE(options->registrationFaults.at(1).delayMs, 100);
    QCOMPARE(options->registrationFaults.at(2).status, 503);
}

void TestRegistrationFaults::optionsReportBadSpec()
{
    QString error;
    QVERIFY(!StackOptions::parse({QStringLiteral("blackbird-local"), QStringLiteral("--state"),
                                  QStringLiteral("s"), QStringLiteral("--registration-fault"),
                                  QStringLiteral("status=700")},
                                 &error)
                 .has_value());
    QVERIFY2(error.contains(QLatin1String("--registration-fault status=700: status must be")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRegistrationFaults)
#include "tst_registrationfaults.moc"
