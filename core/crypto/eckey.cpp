#include "eckey.h"

#include "opensslhandles.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <utility>

namespace Blackbird {

namespace {

bool isP256(EVP_PKEY *key)
{
    if (!key || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &length) != 1)
        return false;
    return qstrcmp(group, "prime256v1") == 0 || qstrcmp(group, "P-256") == 0;
}

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

} // namespace

EcKey::EcKey() = default;

EcKey::~EcKey()
{
    EVP_PKEY_free(m_key);
}

EcKey::EcKey(EcKey &&other) noexcept
    : m_key(std::exchange(other.m_key, nullptr))
{}

EcKey &EcKey::operator=(EcKey &&other) noexcept
{
    if (this != &other) {
        EVP_PKEY_free(m_key);
        m_key = std::exchange(other.m_key, nullptr);
    }
    return *this;
}

EcKey::EcKey(const EcKey &other)
    : m_key(other.m_key)
{
    if (m_key)
        EVP_PKEY_up_ref(m_key);
}

EcKey &EcKey::operator=(const EcKey &other)
{
    if (this != &other) {
        EcKey copy(other);
        *this = std::move(copy);
    }
    return *this;
}

EcKey EcKey::generate()
{
    EcKey key;
    key.m_key = EVP_EC_gen("P-256");
    return key;
}

EcKey EcKey::adopt(EVP_PKEY *key, QString *error)
{
    if (!isP256(key)) {
        EVP_PKEY_free(key);
        setError(error, QStringLiteral("the key is not an ECDSA P-256 key"));
        return {};
    }
    EcKey result;
    result.m_key = key;
    return result;
}

EcKey EcKey::fromPrivatePem(QByteArrayView pem, QString *error)
{
    ERR_clear_error();
    Ssl::BioPtr bio = Ssl::memoryBio(pem.data(), pem.size());
    // An encrypted key is refused outright: OpenSSL's default would ask on the terminal.
    const auto noPassphrase = [](char *, int, int, void *) { return 0; };
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr);
    if (!key) {
        setError(error, Ssl::lastError(QStringLiteral("cannot read the private key PEM")));
        return {};
    }
    return adopt(key, error);
}

EcKey EcKey::fromPublicDer(QByteArrayView der, QString *error)
{
    ERR_clear_error();
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.data());
    EVP_PKEY *key = d2i_PUBKEY(nullptr, &cursor, long(der.size()));
    if (!key) {
        setError(error, QStringLiteral("the public key is not a DER SubjectPublicKeyInfo"));
        ERR_clear_error();
        return {};
    }
    if (cursor != reinterpret_cast<const unsigned char *>(der.data() + der.size())) {
        EVP_PKEY_free(key);
        setError(error, QStringLiteral("the public key has trailing bytes after its DER"));
        return {};
    }
    return adopt(key, error);
}

EcKey EcKey::fromPublicBase64(QByteArrayView base64, QString *error)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64.toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        setError(error, QStringLiteral("the public key is not valid Base64"));
        return {};
    }
    return fromPublicDer(decoded.decoded, error);
}

bool EcKey::hasPrivateKey() const
{
    if (!m_key)
        return false;
    // A key taken from a certificate may report the parameter with no value behind it.
    BIGNUM *priv = nullptr;
    const bool has = EVP_PKEY_get_bn_param(m_key, OSSL_PKEY_PARAM_PRIV_KEY, &priv) == 1 && priv &&
                     !BN_is_zero(priv);
    BN_clear_free(priv);
    ERR_clear_error();
    return has;
}

SecretBytes EcKey::privatePem() const
{
    if (!hasPrivateKey())
        return {};
    Ssl::BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key, nullptr, nullptr, 0, nullptr, nullptr))
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return SecretBytes(QByteArray(data, qsizetype(size)));
}

QByteArray EcKey::publicDer() const
{
    if (!m_key)
        return {};
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(m_key, &der);
    if (size <= 0)
        return {};
    QByteArray result(reinterpret_cast<const char *>(der), size);
    OPENSSL_free(der);
    return result;
}

QByteArray EcKey::sign(QByteArrayView data) const
{
    if (!hasPrivateKey())
        return {};
    Ssl::MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(data.data()),
                       size_t(data.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.data()),
                       size_t(data.size())) != 1)
        return {};
    signature.truncate(qsizetype(length));
    return signature;
}

bool EcKey::verify(QByteArrayView data, QByteArrayView signatureDer) const
{
    if (!m_key || signatureDer.isEmpty())
        return false;
    Ssl::MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok =
        EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signatureDer.data()),
                         size_t(signatureDer.size()),
                         reinterpret_cast<const unsigned char *>(data.data()),
                         size_t(data.size())) == 1;
    ERR_clear_error();
    return ok;
}

bool EcKey::samePublicKey(const EcKey &other) const
{
    return m_key && other.m_key && EVP_PKEY_eq(m_key, other.m_key) == 1;
}

} // namespace Blackbird
