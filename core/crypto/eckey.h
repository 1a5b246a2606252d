// An ECDSA P-256 key pair or public key, the only key type Blackbird devices and claim
// certificates use. Wraps OpenSSL's EVP_PKEY so callers never touch raw OpenSSL handles.
#pragma once

#include "secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

namespace Blackbird {

class EcKey
{
public:
    EcKey();
    ~EcKey();
    EcKey(EcKey &&other) noexcept;
    EcKey &operator=(EcKey &&other) noexcept;
    EcKey(const EcKey &other);
    EcKey &operator=(const EcKey &other);

    // A fresh P-256 key pair from the operating system's random source.
    static EcKey generate();
    // A private key in PEM (PKCS#8 or SEC1). Anything but a P-256 key is refused.
    static EcKey fromPrivatePem(QByteArrayView pem, QString *error = nullptr);
    // A public key as DER SubjectPublicKeyInfo, or as its Base64 text.
    static EcKey fromPublicDer(QByteArrayView der, QString *error = nullptr);
    static EcKey fromPublicBase64(QByteArrayView base64, QString *error = nullptr);

    bool isNull() const { return !m_key; }
    bool hasPrivateKey() const;

    // PKCS#8 PEM of the private key, held in memory that is wiped when released.
    SecretBytes privatePem() const;
    QByteArray publicDer() const;
    QByteArray publicBase64() const { return publicDer().toBase64(); }

    // ECDSA over SHA-256 of data; the signature is DER-encoded.
    QByteArray sign(QByteArrayView data) const;
    bool verify(QByteArrayView data, QByteArrayView signatureDer) const;

    // True when both hold the same public key.
    bool samePublicKey(const EcKey &other) const;

    EVP_PKEY *handle() const { return m_key; }
    // Takes ownership of key; refuses (and frees) anything that is not P-256.
    static EcKey adopt(EVP_PKEY *key, QString *error = nullptr);

private:
    EVP_PKEY *m_key = nullptr;
};

} // namespace Blackbird
