// What claim credentials must chain to: the claim CA that issues them (an intermediate; a local
// stack publishes it as pki/claim-ca.pem) and, optionally, the root that signed the claim CA
// (endpoints.json's ca_file). Without a claim CA the chain check is skipped.
#pragma once

#include "crypto/certificate.h"

#include <QList>
#include <QString>

namespace Blackbird {

struct CredentialPolicy
{
    QList<Certificate> claimCas;
    QList<Certificate> rootCas;

    bool checksChain() const { return !claimCas.isEmpty(); }

    // Reads the PEM files; an empty file name leaves that list empty. On failure says which file
    // and why.
    static bool load(const QString &claimCaFile, const QString &rootCaFile,
                     CredentialPolicy *policy, QString *error);
};

} // namespace Blackbird
