// Certificates made on the spot for the credential-check tests: roots, intermediate claim CAs and
// claim certificates with any key type and validity window. Test keys are not secrets.
#pragma once

#include "crypto/certificate.h"

#include <QByteArray>
#include <QString>

typedef struct evp_pkey_st EVP_PKEY;

namespace Blackbird::Test {

struct TestIdentity
{
    QByteArray keyPem; // PKCS#8 PEM of the private key
    Certificate certificate;
    EVP_PKEY *key = nullptr; // shared with keyPem's key; owned by the identity

    TestIdentity() = default;
    TestIdentity(const TestIdentity &other);
    TestIdentity &operator=(const TestIdentity &other);
    ~TestIdentity();
};

class TestAuthority
{
public:
    enum class KeyType { P256, P384, Rsa2048 };

    static EVP_PKEY *generate(KeyType type);
    // A self-signed CA.
    static TestIdentity root(const QString &commonName);
    // A certificate signed by issuer, valid from now + notBeforeSecs to now + notAfterSecs.
    static TestIdentity issue(const TestIdentity &issuer, const QString &commonName, bool ca,
                              qint64 notBeforeSecs = -3600, qint64 notAfterSecs = 86400,
                              KeyType type = KeyType::P256);
    // The private key as PEM encrypted with a passphrase.
    static QByteArray encryptedKeyPem(const TestIdentity &identity);
};

} // namespace Blackbird::Test
