// Certificate classification for the Blackbird fleet plugin, in plain OpenSSL because the
// plugin runs inside Mosquitto, where there is no Qt.
#include "certificateclassifier.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>

namespace Blackbird::Local::FleetPlugin {

CertificateClassifier::X509Ptr CertificateClassifier::readPem(const std::string &path,
                                                              std::string *error)
{
    FILE *file = std::fopen(path.c_str(), "r");
    if (!file) {
        *error = "cannot open " + path;
        return nullptr;
    }
    X509Ptr certificate(PEM_read_X509(file, nullptr, nullptr, nullptr));
    std::fclose(file);
    if (!certificate)
        *error = path + " holds no PEM certificate";
    return certificate;
}

bool CertificateClassifier::load(const std::string &claimCaPath, const std::string &deviceCaPath,
                                 const std::string &rootCaPath, std::string *error)
{
    m_claimCa = readPem(claimCaPath, error);
    if (!m_claimCa)
        return false;

    m_deviceCa = readPem(deviceCaPath, error);
    if (!m_deviceCa)
        return false;

    m_rootCa = readPem(rootCaPath, error);
    return m_rootCa != nullptr;
}

bool CertificateClassifier::issuedBy(X509 *certificate, X509 *ca)
{
    // Names and key identifiers first (cheap), then the signature itself, so that two CAs with
    // a similar name can never be confused.
    if (X509_check_issued(ca, certificate) != X509_V_OK)
        return false;
    EVP_PKEY *caKey = X509_get0_pubkey(ca);
    return caKey && X509_verify(certificate, caKey) == 1;
}

std::string CertificateClassifier::certificateId(X509 *certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return {};
    return hexEncode(std::string_view(reinterpret_cast<const char *>(digest), length));
}

std::string CertificateClassifier::subjectField(X509 *certificate, int nid)
{
    X509_NAME *subject = X509_get_subject_name(certificate);
    const int index = subject ? X509_NAME_get_index_by_NID(subject, nid, -1) : -1;
    if (index < 0)
        return {};

    ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    std::string text(reinterpret_cast<const char *>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return text;
}

ClientIdentity CertificateClassifier::classify(X509 *certificate) const
{
    // Mosquitto reads the thread's OpenSSL error queue after its own TLS calls; a failed check
    // here must leave nothing behind that would look like a broken connection there.
    struct ClearErrors
    {
        ~ClearErrors() { ERR_clear_error(); }
    } clearErrors;

    ClientIdentity identity;
    if (!certificate) {
        identity.reason = "no client certificate";
        return identity;
    }
    identity.certificateId = certificateId(certificate);

    if (m_claimCa && issuedBy(certificate, m_claimCa.get())) {
        identity.role = Role::Claim;
        return identity;
    }

    // The thing a device certificate belongs to is not in the certificate: as on AWS IoT, the
    // certificate is issued before RegisterThing names the thing, which attaches it later.
    if (m_deviceCa && issuedBy(certificate, m_deviceCa.get())) {
        identity.role = Role::Device;
        return identity;
    }

    if (m_rootCa && issuedBy(certificate, m_rootCa.get())) {
        const std::string unit = subjectField(certificate, NID_organizationalUnitName);
        if (unit == "operator")
            identity.role = Role::Operator;
        else if (unit == "service")
            identity.role = Role::Service;
        else
            identity.reason = "root-signed certificate with OU '" + unit + "'";
        return identity;
    }

    identity.reason = "certificate not issued by the claim, device or root CA";
    return identity;
}

} // namespace Blackbird::Local::FleetPlugin
