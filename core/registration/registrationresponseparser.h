// Reads the registration service's answers. The success body carries a private key, so it is
// parsed by a small strict JSON reader of our own that decodes the key straight into memory we
// can wipe (a QJsonDocument would leave unwiped copies behind). Pure functions without Qt event
// loop or I/O, so a fuzzer can drive them directly.
#pragma once

#include "claimcredentials.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace Blackbird {

// The service's own explanation of a refusal: {"error": "<code>", "message": "<text>"}.
struct ServiceError
{
    QString code;
    QString message;

    bool isEmpty() const { return code.isEmpty() && message.isEmpty(); }
};

class RegistrationResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(Blackbird::RegistrationResponseParser)

public:
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;
    static constexpr qsizetype kMaxCertificatePemBytes = 16 * 1024;
    static constexpr qsizetype kMaxPrivateKeyPemBytes = 8 * 1024;
    static constexpr int kMaxNesting = 32;

    // Parses a 200/201 body into credentials. The body must be one JSON object (valid UTF-8,
    // nothing after it) with string fields certificate_id (64 lower-case hex digits),
    // certificate_pem (a PEM certificate) and private_key (a PEM private key), each exactly once;
    // other fields are skipped. On failure returns false, leaves out empty and says why.
    static bool parse(QByteArrayView body, ClaimCredentials *out, QString *error);

    // Reads {"error", "message"} from a refusal; empty when the body is not such an object.
    // Texts are cut to a length a technician can read.
    static ServiceError parseServiceError(QByteArrayView body);

    // Entry point for libFuzzer: parses arbitrary bytes, never crashes, always returns 0.
    static int fuzz(const std::uint8_t *data, std::size_t size);
};

} // namespace Blackbird
