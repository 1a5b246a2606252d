// How one registration ended, as a value: a category the station can act on, a sentence a
// factory technician understands, and the details an engineer needs (HTTP status, the service's
// own error code and message). Holds no secret; the claim credentials travel separately.
#pragma once

#include <QMetaType>
#include <QString>

namespace Blackbird {

enum class RegistrationError {
    None,              // registered; credentials are available
    Configuration,     // the station's own settings are wrong (URL, CA file, API key missing)
    Network,           // no connection: refused, unreachable, name not resolved, connection lost
    Tls,               // the service's certificate is not trusted or TLS failed
    Timeout,           // no complete answer within the time allowed for a try
    Unauthorized,      // 401: API key missing or not known
    Forbidden,         // 403: the key may not register this device type
    Conflict,          // 409: the device is registered with another key or type
    InvalidRequest,    // 400: the service refused the device's data
    TooLarge,          // 413: the request was too large
    RateLimited,       // 429: too many requests, and waiting longer was not allowed
    ServerError,       // 5xx: the service failed
    UnexpectedStatus,  // any other HTTP status (404, 405, 415, 3xx): usually a wrong URL
    MalformedResponse, // 200/201 whose body is not the documented credentials
    Cancelled,         // the station cancelled the request
};

struct RegistrationResult
{
    RegistrationError error = RegistrationError::None;
    QString message;          // for the technician, translated
    int httpStatus = 0;       // 0 when no HTTP answer arrived
    QString serviceError;     // the service's {"error"} code, when it sent one
    QString serviceMessage;   // the service's {"message"}, when it sent one
    int attempts = 0;         // tries made, retries included
    qint64 retryAfterMs = -1; // what the service asked to wait on the last answer, -1 if nothing

    bool ok() const { return error == RegistrationError::None; }

    // A stable English identifier for logs, the audit store and JSON output ("rate_limited").
    static QString errorName(RegistrationError error);
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::RegistrationResult)
