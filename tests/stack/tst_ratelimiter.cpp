// RateLimiter with an injected clock: the burst allowance, refill over time, Retry-After, keys
// that do not share an allowance, and the switch-off value.
#include "ratelimiter.h"

#include <QTest>

using Blackbird::Local::RateLimiter;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void burstThenRefill_data();
    void burstThenRefill();
    void keysAreIndependent();
    void zeroMeansUnlimited();
};

void TestRateLimiter::burstThenRefill_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("expectedRetryAfter");
    QTest::addColumn<qint64>("refillMs");

    QTest::newRow("3/min") << 3 << 20 << qint64(20000);
    QTest::newRow("60/min") << 60 << 1 << qint64(1000);
    QTest::newRow("600/min") << 600 << 1 << qint64(100);
    QTest::newRow("1/min") << 1 << 60 << qint64(60000);
}

void TestRateLimiter::burstThenRefill()
{
    QFETCH(int, perMinute);
    QFETCH(int, expectedRetryAfter);
    QFETCH(qint64, refillMs);

    qint64 now = 1000;
    RateLimiter limiter(perMinute, [&now] { return now; });
    int retryAfter = -1;
    for (int i = 0; i < perMinute; ++i)
        QVERIFY(limiter.tryAcquire(QStringLiteral("k"), &retryAfter));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k"), &retryAfter));
    QCOMPARE(retryAfter, expectedRetryAfter);

    now += refillMs - 1;
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k"), &retryAfter));
    QVERIFY(retryAfter >= 1);
    now += 1;
    QVERIFY(limiter.tryAcquire(QStringLiteral("k"), &retryAfter));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k"), &retryAfter));

    // A long pause refills the whole allowance but never more.
    now += 3600 * 1000;
    for (int i = 0; i < perMinute; ++i)
        QVERIFY(limiter.tryAcquire(QStringLiteral("k"), &retryAfter));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("k"), &retryAfter));
}

void TestRateLimiter::keysAreIndependent()
{
    qint64 now = 0;
    RateLimiter limiter(2, [&now] { return now; });
    int retryAfter = 0;
    QVERIFY(limiter.tryAcquire(QStringLiteral("a"), &retryAfter));
    QVERIFY(limiter.tryAcquire(QStringLiteral("a"), &retryAfter));
    QVERIFY(!limiter.tryAcquire(QStringLiteral("a"), &retryAfter));
    QVERIFY(limiter.tryAcquire(QStringLiteral("b"), &retryAfter));
}

void TestRateLimiter::zeroMeansUnlimited()
{
    qint64 now = 0;
    RateLimiter limiter(0, [&now] { return now; });
    int retryAfter = 0;
    for (int i = 0; i < 10000; ++i)
        QVERIFY(limiter.tryAcquire(QStringLiteral("a"), &retryAfter));
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
