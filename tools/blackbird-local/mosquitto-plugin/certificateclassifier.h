// Decides what a broker client is from the TLS client certificate it presented: claim
// certificate, permanent device certificate, operator or fleet service. The broker has already
// verified the chain; this looks at which of the stack's CAs signed the certificate.
#pragma once

#include "topicrules.h"

#include <openssl/x509.h>

#include <memory>
#include <string>

namespace Blackbird::Local::FleetPlugin {

struct ClientIdentity
{
    Role role = Role::Unknown;
    std::string certificateId; // lower-case hex SHA-256 of the certificate's DER
    std::string thingName;     // device certificates: the thing they are attached to
    std::string reason;        // why the role is Unknown, for the broker log
};

class CertificateClassifier
{
public:
    // PEM files of the claim CA, the device CA and the root CA (which signs the operator and
    // service certificates). On failure error says which file and why.
    bool load(const std::string &claimCaPath, const std::string &deviceCaPath,
              const std::string &rootCaPath, std::string *error);

    ClientIdentity classify(X509 *certificate) const;

    static std::string certificateId(X509 *certificate);
    static std::string subjectField(X509 *certificate, int nid);

private:
    struct X509Free
    {
        void operator()(X509 *x) const { X509_free(x); }
    };
    using X509Ptr = std::unique_ptr<X509, X509Free>;

    static X509Ptr readPem(const std::string &path, std::string *error);
    static bool issuedBy(X509 *certificate, X509 *ca);

    X509Ptr m_claimCa;
    X509Ptr m_deviceCa;
    X509Ptr m_rootCa;
};

} // namespace Blackbird::Local::FleetPlugin
