// How one keychain operation ended, as a value the station can show: a category and a sentence
// that says what to do. Holds no secret.
#pragma once

#include <QString>

namespace Blackbird {

enum class KeychainError {
    None,
    NotFound,     // no API key stored for this profile
    Unavailable,  // no Secret Service / keychain reachable: the station fails closed
    AccessDenied, // the keychain is locked or refused
    InvalidInput, // empty profile name or key
    Failed,       // anything else the keychain reported
};

enum class ApiKeySource {
    None,
    Keychain,
    Environment, // BLACKBIRD_API_KEY, for automated test rigs
};

struct KeychainResult
{
    KeychainError error = KeychainError::None;
    QString message; // for the technician, translated; empty on success
    QString detail;  // the keychain backend's own words, for engineers
    ApiKeySource source = ApiKeySource::None;

    bool ok() const { return error == KeychainError::None; }
};

} // namespace Blackbird
