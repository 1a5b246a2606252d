// When and how long the registration client waits before trying again: exponential backoff with
// jitter, a bound on the number of tries, and the server's Retry-After honoured up to a limit.
// Pure arithmetic, so the numbers can be tested without a network.
#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <optional>

namespace Blackbird {

struct RetryPolicy
{
    int maxAttempts = 4;          // tries in all, the first included
    int baseDelayMs = 500;        // wait before the second try, before jitter
    int maxDelayMs = 8000;        // backoff never waits longer than this
    int maxRetryAfterMs = 60000;  // a longer Retry-After ends the request instead of waiting
    int retryAfterJitterMs = 250; // added to Retry-After so parallel stations do not align

    // The wait before try number nextAttempt (2 for the first retry). random is uniform in
    // [0, 1): the wait is drawn from the upper half of the exponential step ("equal jitter"),
    // so it never collapses to zero.
    int backoffMs(int nextAttempt, double random) const;

    // A Retry-After header as milliseconds from now: delay-seconds ("120") or an HTTP date
    // ("Wed, 21 Oct 2026 07:28:00 GMT"). A date in the past gives 0; anything else nullopt.
    static std::optional<qint64> parseRetryAfterMs(QByteArrayView value, const QDateTime &now);
};

} // namespace Blackbird
