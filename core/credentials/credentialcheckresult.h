// The verdict on a set of claim credentials before anything is pushed to a device: one distinct
// problem (or none) with a sentence a technician can act on. Holds no secret.
#pragma once

#include <QMetaType>
#include <QString>

namespace Blackbird {

enum class CredentialProblem {
    None,
    CertificateUnreadable,     // not a PEM certificate, or damaged
    CertificateKeyUnsupported, // the certificate's key is not ECDSA P-256
    IdMismatch,                // certificate_id is not the SHA-256 of the certificate's DER
    KeyUnreadable,             // not a PEM private key, damaged, or protected by a passphrase
    KeyUnsupported,            // a private key of another type than ECDSA P-256 (RSA, say)
    KeyMismatch,               // the private key does not belong to the certificate
    NotYetValid,               // the certificate's validity starts after the station's clock
    Expired,                   // the certificate's validity ended before the station's clock
    UntrustedIssuer,           // not issued by the configured claim CA
    ClaimCaUntrusted,          // the configured claim CA does not chain to the configured root
};

struct CredentialCheckResult
{
    CredentialProblem problem = CredentialProblem::None;
    QString message; // for the technician, translated
    QString detail;  // OpenSSL's words or the values compared, for engineers

    bool ok() const { return problem == CredentialProblem::None; }

    // A stable English identifier for logs and the audit store ("key_mismatch").
    static QString problemName(CredentialProblem problem);
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::CredentialCheckResult)
