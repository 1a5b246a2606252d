#include "registrationresult.h"

namespace Blackbird {

QString RegistrationResult::errorName(RegistrationError error)
{
    switch (error) {
    case RegistrationError::None:
        return QStringLiteral("none");
    case RegistrationError::Configuration:
        return QStringLiteral("configuration");
    case RegistrationError::Network:
        return QStringLiteral("network");
    case RegistrationError::Tls:
        return QStringLiteral("tls");
    case RegistrationError::Timeout:
        return QStringLiteral("timeout");
    case RegistrationError::Unauthorized:
        return QStringLiteral("unauthorized");
    case RegistrationError::Forbidden:
        return QStringLiteral("forbidden");
    case RegistrationError::Conflict:
        return QStringLiteral("conflict");
    case RegistrationError::InvalidRequest:
        return QStringLiteral("invalid_request");
    case RegistrationError::TooLarge:
        return QStringLiteral("too_large");
    case RegistrationError::RateLimited:
        return QStringLiteral("rate_limited");
    case RegistrationError::ServerError:
        return QStringLiteral("server_error");
    case RegistrationError::UnexpectedStatus:
        return QStringLiteral("unexpected_status");
    case RegistrationError::MalformedResponse:
        return QStringLiteral("malformed_response");
    case RegistrationError::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

} // namespace Blackbird
