// Faults the registration service can be told to inject, so that the station's handling of a
// misbehaving service can be tested and rehearsed: an error status (with Retry-After), a late
// answer, a dropped connection, a body that is not JSON, and claim credentials that are wrong in
// a way the station must notice before it pushes them (a key that does not match the
// certificate, a certificate id that is not the certificate's, an expired certificate).
// docs/local-stack.md describes the SPEC syntax.
#pragma once

#include <QList>
#include <QString>

#include <limits>
#include <optional>

namespace Blackbird::Local {

struct RegistrationFault
{
    // What the service answers instead of (or on top of) its real answer.
    enum class Kind {
        None,               // only delay-ms: the real answer, late
        Status,             // an error status with a JSON {error, message}; nothing is stored
        Close,              // the connection is closed without an answer; nothing is stored
        TruncatedBody,      // the real registration, answered with half of its JSON body
        MismatchedKey,      // the real registration, with a private key of another certificate
        WrongCertificateId, // the real registration, with a certificate_id that is not its own
        ExpiredCertificate, // a claim certificate that expired yesterday, with its key
    };

    Kind kind = Kind::None;
    int status = 0;
    QString errorCode;   // for Status; empty: a code that fits the status
    int retryAfter = -1; // seconds for a Retry-After header; -1: none
    int delayMs = 0;
    int times = std::numeric_limits<int>::max(); // how often it fires; default: always
    int after = 0;                               // matching requests let through first
    QString uuid;                                // lower case; empty: every device
    QString spec;                                // as given, for log lines and messages

    // Parses one SPEC such as "status=429,retry-after=2,times=2" or "mismatched-key,uuid=...".
    static std::optional<RegistrationFault> parse(const QString &spec, QString *error);

    // Whether the real service runs (and stores the registration) before the fault is applied.
    bool registersForReal() const { return kind != Kind::Status && kind != Kind::Close; }
};

// The faults of one blackbird-local run, tried in the order given: the first one that applies to
// a request answers it. A fault applies when its uuid (if any) is the request's, it has let
// `after` matching requests through, and it has fired fewer than `times` times.
class RegistrationFaultPlan
{
public:
    RegistrationFaultPlan() = default;
    explicit RegistrationFaultPlan(QList<RegistrationFault> faults);

    bool isEmpty() const { return m_entries.isEmpty(); }
    // The fault for one POST /v1/registrations naming uuid (empty if the body has none), and
    // counts it as fired.
    std::optional<RegistrationFault> take(const QString &uuid);

private:
    struct Entry
    {
        RegistrationFault fault;
        int seen = 0;
        int fired = 0;
    };
    QList<Entry> m_entries;
};

} // namespace Blackbird::Local
