#include "credentialcheckresult.h"

namespace Blackbird {

QString CredentialCheckResult::problemName(CredentialProblem problem)
{
    switch (problem) {
    case CredentialProblem::None:
        return QStringLiteral("none");
    case CredentialProblem::CertificateUnreadable:
        return QStringLiteral("certificate_unreadable");
    case CredentialProblem::CertificateKeyUnsupported:
        return QStringLiteral("certificate_key_unsupported");
    case CredentialProblem::IdMismatch:
        return QStringLiteral("id_mismatch");
    case CredentialProblem::KeyUnreadable:
        return QStringLiteral("key_unreadable");
    case CredentialProblem::KeyUnsupported:
        return QStringLiteral("key_unsupported");
    case CredentialProblem::KeyMismatch:
        return QStringLiteral("key_mismatch");
    case CredentialProblem::NotYetValid:
        return QStringLiteral("not_yet_valid");
    case CredentialProblem::Expired:
        return QStringLiteral("expired");
    case CredentialProblem::UntrustedIssuer:
        return QStringLiteral("untrusted_issuer");
    case CredentialProblem::ClaimCaUntrusted:
        return QStringLiteral("claim_ca_untrusted");
    }
    return QStringLiteral("unknown");
}

} // namespace Blackbird
