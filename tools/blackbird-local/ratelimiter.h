// Per-API-key request rate limit as a token bucket: a key may burst up to its whole per-minute
// allowance, then gets one request back every 60/N seconds. The clock is injectable for tests.
#pragma once

#include <QHash>
#include <QString>

#include <functional>

namespace Blackbird::Local {

class RateLimiter
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    // perMinute <= 0 switches the limit off.
    explicit RateLimiter(int perMinute, Clock clock = {});

    // Takes one request from key's allowance. When none is left returns false and sets
    // retryAfterSeconds to when the next request will be allowed (at least 1).
    bool tryAcquire(const QString &key, int *retryAfterSeconds);

    int perMinute() const { return m_perMinute; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    int m_perMinute;
    Clock m_clock;
    QHash<QString, Bucket> m_buckets;
};

} // namespace Blackbird::Local
