#include "testauthority.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

namespace Blackbird::Test {

namespace {

QByteArray keyToPem(EVP_PKEY *key, const EVP_CIPHER *cipher = nullptr)
{
    BIO *bio = BIO_new(BIO_s_mem());
    static char passphrase[] = "blackbird-test";
    PEM_write_bio_PKCS8PrivateKey(bio, key, cipher, cipher ? passphrase : nullptr,
                                  cipher ? int(sizeof passphrase - 1) : 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, int(size));
    BIO_free(bio);
    return pem;
}

void addExtension(X509 *certificate, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
}

TestIdentity make(const TestIdentity *issuer, const QString &commonName, bool ca, qint64 notBefore,
                  qint64 notAfter, TestAuthority::KeyType type)
{
    static long serial = 1;
    TestIdentity identity;
    identity.key = TestAuthority::generate(type);
    identity.keyPem = keyToPem(identity.key);

    X509 *certificate = X509_new();
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial++);
    X509_gmtime_adj(X509_getm_notBefore(certificate), long(notBefore));
    X509_gmtime_adj(X509_getm_notAfter(certificate), long(notAfter));
    X509_set_pubkey(certificate, identity.key);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate), "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509 *issuerCertificate = issuer ? issuer->certificate.handle() : certificate;
    X509_set_issuer_name(certificate, X509_get_subject_name(issuerCertificate));
    addExtension(certificate, issuerCertificate, NID_basic_constraints,
                 ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    addExtension(certificate, issuerCertificate, NID_key_usage,
                 ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    X509_sign(certificate, issuer ? issuer->key : identity.key, EVP_sha256());
    identity.certificate = Certificate::adopt(certificate);
    return identity;
}

} // namespace

TestIdentity::TestIdentity(const TestIdentity &other)
    : keyPem(other.keyPem)
    , certificate(other.certificate)
    , key(other.key)
{
    if (key)
        EVP_PKEY_up_ref(key);
}

TestIdentity &TestIdentity::operator=(const TestIdentity &other)
{
    if (this != &other) {
        EVP_PKEY_free(key);
        keyPem = other.keyPem;
        certificate = other.certificate;
        key = other.key;
        if (key)
            EVP_PKEY_up_ref(key);
    }
    return *this;
}

TestIdentity::~TestIdentity()
{
    EVP_PKEY_free(key);
}

EVP_PKEY *TestAuthority::generate(KeyType type)
{
    switch (type) {
    case KeyType::P256:
        return EVP_EC_gen("prime256v1");
    case KeyType::P384:
        return EVP_EC_gen("secp384r1");
    case KeyType::Rsa2048:
        return EVP_RSA_gen(2048);
    }
    return nullptr;
}

TestIdentity TestAuthority::root(const QString &commonName)
{
    return make(nullptr, commonName, true, -86400, 86400 * 3650, KeyType::P256);
}

TestIdentity TestAuthority::issue(const TestIdentity &issuer, const QString &commonName, bool ca,
                                  qint64 notBeforeSecs, qint64 notAfterSecs, KeyType type)
{
    return make(&issuer, commonName, ca, notBeforeSecs, notAfterSecs, type);
}

QByteArray TestAuthority::encryptedKeyPem(const TestIdentity &identity)
{
    return keyToPem(identity.key, EVP_aes_256_cbc());
}

} // namespace Blackbird::Test
