// The local stack's public key infrastructure in DIR/pki: a root CA, the claim CA that signs
// claim certificates, the device CA that signs permanent device certificates, and the
// certificates of the TLS server, the operator and the fleet-provisioning service.
#pragma once

#include "certificateauthority.h"
#include "statefolder.h"

namespace Blackbird::Local {

class LocalPki
{
public:
    explicit LocalPki(const StateFolder &folder);

    // Creates the whole PKI when DIR/pki does not exist yet, then loads and checks it.
    bool ensure(QString *error);
    // True when ensure() would create the PKI rather than load it.
    bool exists() const;

    const CertificateAuthority &rootCa() const { return m_root; }
    const CertificateAuthority &claimCa() const { return m_claim; }
    const CertificateAuthority &deviceCa() const { return m_device; }

private:
    bool create(QString *error);
    bool load(QString *error);

    StateFolder m_folder;
    CertificateAuthority m_root;
    CertificateAuthority m_claim;
    CertificateAuthority m_device;
};

} // namespace Blackbird::Local
