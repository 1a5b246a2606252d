// Tests the registration client's waiting rules: exponential backoff with jitter inside its
// bounds, and Retry-After in both of HTTP's forms.
#include "registration/retrypolicy.h"

#include <QTest>

using namespace Blackbird;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoff_data();
    void backoff();
    void retryAfter_data();
    void retryAfter();
};

void TestRetryPolicy::backoff_data()
{
    QTest::addColumn<int>("nextAttempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expectedMs");

    // base 500 ms, cap 8000 ms: the step doubles, the wait lies in [step/2, step].
    QTest::newRow("second try, least jitter") << 2 << 0.0 << 250;
    QTest::newRow("second try, most jitter") << 2 << 0.999999 << 499;
    QTest::newRow("third try, middle") << 3 << 0.5 << 750;
    QTest::newRow("fourth try, least") << 4 << 0.0 << 1000;
    QTest::newRow("fifth try, most") << 5 << 1.0 << 4000;
    QTest::newRow("capped") << 12 << 1.0 << 8000;
    QTest::newRow("capped, least") << 40 << 0.0 << 4000;
    QTest::newRow("random out of range is clamped") << 2 << 7.0 << 500;
    QTest::newRow("first try never waits long") << 1 << 1.0 << 500;
}

void TestRetryPolicy::backoff()
{
    QFETCH(int, nextAttempt);
    QFETCH(double, random);
    QFETCH(int, expectedMs);

    RetryPolicy policy;
    policy.baseDelayMs = 500;
    policy.maxDelayMs = 8000;

    QCOMPARE(policy.backoffMs(nextAttempt, random), expectedMs);
}

void TestRetryPolicy::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1: not understood

    QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("padded") << QByteArray(" 3 ") << qint64(3000);
    QTest::newRow("huge is capped at a day")
        << QByteArray("99999999999999999999") << qint64(86400000);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
    QTest::newRow("empty") << QByteArray("") << qint64(-1);
    QTest::newRow("words") << QByteArray("soon") << qint64(-1);
    QTest::newRow("IMF date") << QByteArray("Thu, 03 Dec 2026 18:00:30 GMT") << qint64(30000);
    QTest::newRow("IMF date in the past")
        << QByteArray("Thu, 03 Dec 2026 17:00:00 GMT") << qint64(0);
    QTest::newRow("RFC 850 date") << QByteArray("Thursday, 03-Dec-26 18:01:00 GMT")
                                  << qint64(60000);
    QTest::newRow("asctime date") << QByteArray("Thu Dec  3 18:00:10 2026") << qint64(10000);
    QTest::newRow("date without zone") << QByteArray("Thu, 03 Dec 2026 18:00:30") << qint64(-1);
    QTest::newRow("impossible date") << QByteArray("Thu, 35 Dec 2026 18:00:30 GMT") << qint64(-1);
}

void TestRetryPolicy::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);

    const QDateTime now(QDate(2026, 12, 3), QTime(18, 0, 0), Qt::UTC);
    const std::optional<qint64> parsed = RetryPolicy::parseRetryAfterMs(header, now);

    QCOMPARE(parsed.value_or(-1), expectedMs);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
