#include "ratelimiter.h"

#include <QElapsedTimer>

#include <cmath>
#include <memory>

namespace Blackbird::Local {

RateLimiter::RateLimiter(int perMinute, Clock clock)
    : m_perMinute(perMinute)
    , m_clock(std::move(clock))
{
    if (!m_clock) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_clock = [timer] { return timer->elapsed(); };
    }
}

bool RateLimiter::tryAcquire(const QString &key, int *retryAfterSeconds)
{
    if (m_perMinute <= 0)
        return true;

    const qint64 nowMs = m_clock();
    const double capacity = m_perMinute;
    const double tokensPerMs = capacity / 60000.0;

    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{capacity, nowMs});

    Bucket &bucket = *it;
    bucket.tokens = std::min(capacity, bucket.tokens + (nowMs - bucket.updatedMs) * tokensPerMs);
    bucket.updatedMs = nowMs;

    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }

    if (retryAfterSeconds) {
        const double waitMs = (1.0 - bucket.tokens) / tokensPerMs;
        *retryAfterSeconds = std::max(1, int(std::ceil(waitMs / 1000.0)));
    }
    return false;
}

} // namespace Blackbird::Local
