// TestPki: certificates signed with OpenSSL directly, since core/crypto does not act as a CA.
#include "testpki.h"

#include "crypto/opensslhandles.h"

#include <QRandomGenerator>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace Blackbird::Test {

namespace {

void addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    Q_ASSERT(ext);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

Certificate sign(const CertificateRequest &request, const EcKey &subjectKey, X509 *issuerCert,
                 const EcKey &issuerKey)
{
    Ssl::X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()),
                            QRandomGenerator::global()->generate64() >> 1);
    X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, long(request.notBeforeOffset), nullptr);
    X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, long(request.notAfterOffset), nullptr);

    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = request.commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    if (!request.organizationalUnit.isEmpty()) {
        const QByteArray ou = request.organizationalUnit.toUtf8();
        X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(ou.constData()), -1, -1,
                                   0);
    }
    X509 *issuer = issuerCert ? issuerCert : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer));
    X509_set_pubkey(cert.get(), subjectKey.handle());

    addExtension(cert.get(), issuer, NID_subject_key_identifier, "hash");
    addExtension(cert.get(), issuer, NID_authority_key_identifier, "keyid:always");
    if (request.certificateAuthority) {
        addExtension(cert.get(), issuer, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(cert.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
        addExtension(cert.get(), issuer, NID_key_usage, "critical,digitalSignature");
        addExtension(cert.get(), issuer, NID_ext_key_usage,
                     request.server ? "serverAuth" : "clientAuth");
    }
    QStringList alt;
    for (const QString &dns : request.dnsNames)
        alt << QStringLiteral("DNS:") + dns;
    for (const QString &ip : request.ipAddresses)
        alt << QStringLiteral("IP:") + ip;
    if (!alt.isEmpty())
        addExtension(cert.get(), issuer, NID_subject_alt_name, alt.join(u',').toUtf8());

    const int signedBytes = X509_sign(cert.get(), issuerKey.handle(), EVP_sha256());
    Q_ASSERT(signedBytes > 0);
    return Certificate::adopt(cert.release());
}

} // namespace

QByteArray IssuedCertificate::keyPem() const
{
    const SecretBytes pem = key.privatePem();
    return QByteArray(pem.constData(), pem.size());
}

IssuedCertificate TestPki::createRoot(const QString &commonName)
{
    CertificateRequest request;
    request.commonName = commonName;
    request.certificateAuthority = true;
    request.notAfterOffset = 3600 * 24 * 365;

    IssuedCertificate root;
    root.key = EcKey::generate();
    root.certificate = sign(request, root.key, nullptr, root.key);
    return root;
}

IssuedCertificate TestPki::issue(const IssuedCertificate &issuer, const CertificateRequest &request,
                                 EcKey key)
{
    IssuedCertificate issued;
    issued.key = key.isNull() ? EcKey::generate() : std::move(key);
    issued.certificate = sign(request, issued.key, issuer.certificate.handle(), issuer.key);
    return issued;
}

} // namespace Blackbird::Test
