#include "certificateauthority.h"

#include "crypto/opensslhandles.h"

#include <QFile>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace Blackbird::Local {

namespace {

using X509NamePtr = std::unique_ptr<X509_NAME, Ssl::Deleter<X509_NAME, X509_NAME_free>>;
using X509ExtensionPtr =
    std::unique_ptr<X509_EXTENSION, Ssl::Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Ssl::Deleter<BIGNUM, BN_free>>;

constexpr auto kOrganization = "Blackbird Local Stack";

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

X509NamePtr makeName(const QString &commonName, const QString &organizationalUnit)
{
    X509NamePtr name(X509_NAME_new());
    const auto add = [&name](const char *field, const QString &value) {
        const QByteArray utf8 = value.toUtf8();
        return X509_NAME_add_entry_by_txt(name.get(), field, MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char *>(utf8.constData()),
                                          int(utf8.size()), -1, 0) == 1;
    };
    if (!name || !add("O", QString::fromLatin1(kOrganization)))
        return {};
    if (!organizationalUnit.isEmpty() && !add("OU", organizationalUnit))
        return {};
    if (!add("CN", commonName))
        return {};
    return name;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(cert, extension.get(), -1) == 1;
}

// A random positive 128-bit serial: unique without keeping a serial counter on disk.
bool setRandomSerial(X509 *cert)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    BignumPtr number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert));
}

QByteArray subjectAltNames(const CertificateProfile &profile)
{
    QStringList names;
    for (const QString &dns : profile.dnsNames)
        names << QStringLiteral("DNS:") + dns;
    for (const QHostAddress &ip : profile.ipAddresses)
        names << QStringLiteral("IP:") + ip.toString();
    return names.join(QLatin1Char(',')).toLatin1();
}

bool addProfileExtensions(X509 *cert, X509 *issuer, const CertificateProfile &profile)
{
    bool ok = addExtension(cert, cert, NID_subject_key_identifier, "hash") &&
              addExtension(cert, issuer, NID_authority_key_identifier, "keyid:always");

    switch (profile.role) {
    case CertificateRole::IntermediateCa:
        ok = ok &&
             addExtension(cert, issuer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
             addExtension(cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
        break;
    case CertificateRole::TlsServer:
        ok = ok && addExtension(cert, issuer, NID_basic_constraints, "critical,CA:FALSE") &&
             addExtension(cert, issuer, NID_key_usage, "critical,digitalSignature") &&
             addExtension(cert, issuer, NID_ext_key_usage, "serverAuth");
        break;
    case CertificateRole::TlsClient:
        ok = ok && addExtension(cert, issuer, NID_basic_constraints, "critical,CA:FALSE") &&
             addExtension(cert, issuer, NID_key_usage, "critical,digitalSignature") &&
             addExtension(cert, issuer, NID_ext_key_usage, "clientAuth");
        break;
    }

    const QByteArray altNames = subjectAltNames(profile);
    if (ok && !altNames.isEmpty())
        ok = addExtension(cert, issuer, NID_subject_alt_name, altNames);
    return ok;
}

// Fills the fields every certificate shares; the caller adds extensions and signs.
Ssl::X509Ptr newCertificate(const X509_NAME *issuerName, const X509_NAME *subjectName,
                            EVP_PKEY *subjectKey, int validityDays, int backdateDays = 0)
{
    Ssl::X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 || !setRandomSerial(cert.get()))
        return {};

    // An hour of slack so a device whose clock runs slightly behind still accepts it.
    if (!X509_time_adj_ex(X509_getm_notBefore(cert.get()), -backdateDays, -3600, nullptr) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert.get()), validityDays - backdateDays, 0, nullptr))
        return {};

    if (X509_set_issuer_name(cert.get(), issuerName) != 1 ||
        X509_set_subject_name(cert.get(), subjectName) != 1 ||
        X509_set_pubkey(cert.get(), subjectKey) != 1)
        return {};
    return cert;
}

QByteArray readFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return {};
    }
    return file.readAll();
}

} // namespace

CertificateAuthority::CertificateAuthority(Certificate certificate, EcKey key)
    : m_certificate(std::move(certificate))
    , m_key(std::move(key))
{}

CertificateAuthority CertificateAuthority::createRoot(const QString &commonName, int validityDays,
                                                      QString *error)
{
    ERR_clear_error();
    EcKey key = EcKey::generate();
    X509NamePtr name = makeName(commonName, {});
    if (key.isNull() || !name) {
        setError(error, Ssl::lastError(QStringLiteral("cannot prepare the root CA")));
        return {};
    }

    Ssl::X509Ptr cert = newCertificate(name.get(), name.get(), key.handle(), validityDays);
    const bool ok =
        cert && addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
        addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign") &&
        addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash") &&
        X509_sign(cert.get(), key.handle(), EVP_sha256()) > 0;
    if (!ok) {
        setError(error, Ssl::lastError(QStringLiteral("cannot sign the root CA")));
        return {};
    }
    return CertificateAuthority(Certificate::adopt(cert.release()), std::move(key));
}

CertificateAuthority CertificateAuthority::load(const QString &certificateFile,
                                                const QString &keyFile, QString *error)
{
    const QByteArray certificatePem = readFile(certificateFile, error);
    if (certificatePem.isEmpty())
        return {};
    QByteArray keyPem = readFile(keyFile, error);
    if (keyPem.isEmpty())
        return {};

    QString reason;
    Certificate certificate = Certificate::fromPem(certificatePem, &reason);
    EcKey key = EcKey::fromPrivatePem(keyPem, &reason);
    SecretBytes::wipe(keyPem);
    if (certificate.isNull() || key.isNull()) {
        setError(error, QStringLiteral("%1 or %2: %3").arg(certificateFile, keyFile, reason));
        return {};
    }

    if (!certificate.matchesPrivateKey(key)) {
        setError(error, QStringLiteral("%1 does not belong to %2").arg(keyFile, certificateFile));
        return {};
    }
    return CertificateAuthority(std::move(certificate), std::move(key));
}

Certificate CertificateAuthority::issue(const EcKey &subjectKey, const CertificateProfile &profile,
                                        QString *error) const
{
    if (isNull() || subjectKey.isNull()) {
        setError(error, QStringLiteral("no CA or no subject key to issue a certificate"));
        return {};
    }

    ERR_clear_error();
    X509NamePtr subject = makeName(profile.commonName, profile.organizationalUnit);
    if (!subject) {
        setError(error, Ssl::lastError(QStringLiteral("invalid subject name")));
        return {};
    }

    X509 *issuer = m_certificate.handle();
    Ssl::X509Ptr cert =
        newCertificate(X509_get_subject_name(issuer), subject.get(), subjectKey.handle(),
                       profile.validityDays, profile.backdateDays);
    if (!cert || !addProfileExtensions(cert.get(), issuer, profile) ||
        X509_sign(cert.get(), m_key.handle(), EVP_sha256()) <= 0) {
        setError(error,
                 Ssl::lastError(
                     QStringLiteral("cannot sign the certificate for %1").arg(profile.commonName)));
        return {};
    }
    return Certificate::adopt(cert.release());
}

EcKey CertificateAuthority::publicKeyFromCsr(QByteArrayView csrPem, QString *error)
{
    ERR_clear_error();
    Ssl::BioPtr bio = Ssl::memoryBio(csrPem.data(), csrPem.size());
    Ssl::X509ReqPtr request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!request) {
        setError(error,
                 Ssl::lastError(QStringLiteral("cannot read the certificate signing request")));
        return {};
    }

    EVP_PKEY *key = X509_REQ_get_pubkey(request.get());
    if (!key) {
        setError(error, QStringLiteral("the certificate signing request has no public key"));
        return {};
    }

    if (X509_REQ_verify(request.get(), key) != 1) {
        EVP_PKEY_free(key);
        setError(error, QStringLiteral("the certificate signing request's signature is invalid"));
        return {};
    }
    return EcKey::adopt(key, error);
}

} // namespace Blackbird::Local
