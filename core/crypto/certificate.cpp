#include "certificate.h"

#include "opensslhandles.h"
#include "sha256.h"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <utility>

namespace Blackbird {

namespace {

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

QString nameEntry(const X509_NAME *name, int nid)
{
    if (!name)
        return {};
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

} // namespace

Certificate::Certificate() = default;

Certificate::~Certificate()
{
    X509_free(m_cert);
}

Certificate::Certificate(Certificate &&other) noexcept
    : m_cert(std::exchange(other.m_cert, nullptr))
{}

Certificate &Certificate::operator=(Certificate &&other) noexcept
{
    if (this != &other) {
        X509_free(m_cert);
        m_cert = std::exchange(other.m_cert, nullptr);
    }
    return *this;
}

Certificate::Certificate(const Certificate &other)
    : m_cert(other.m_cert)
{
    if (m_cert)
        X509_up_ref(m_cert);
}

Certificate &Certificate::operator=(const Certificate &other)
{
    if (this != &other) {
        Certificate copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Certificate Certificate::adopt(X509 *cert)
{
    Certificate result;
    result.m_cert = cert;
    return result;
}

Certificate Certificate::fromPem(QByteArrayView pem, QString *error)
{
    ERR_clear_error();
    Ssl::BioPtr bio = Ssl::memoryBio(pem.data(), pem.size());
    X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert) {
        setError(error, Ssl::lastError(QStringLiteral("cannot read the certificate PEM")));
        return {};
    }
    return adopt(cert);
}

Certificate Certificate::fromDer(QByteArrayView der, QString *error)
{
    ERR_clear_error();
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.data());
    X509 *cert = d2i_X509(nullptr, &cursor, long(der.size()));
    if (!cert) {
        setError(error, Ssl::lastError(QStringLiteral("cannot read the certificate DER")));
        return {};
    }
    return adopt(cert);
}

QList<Certificate> Certificate::listFromPem(QByteArrayView pem, QString *error)
{
    ERR_clear_error();
    QList<Certificate> certificates;
    Ssl::BioPtr bio = Ssl::memoryBio(pem.data(), pem.size());
    while (X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certificates.append(adopt(cert));

    // Reading stops with "no start line" at the end of the input; anything else is damage.
    const unsigned long last = ERR_peek_last_error();
    if (certificates.isEmpty() || (last && ERR_GET_REASON(last) != PEM_R_NO_START_LINE)) {
        setError(error, Ssl::lastError(QStringLiteral("cannot read the certificates PEM")));
        return {};
    }
    ERR_clear_error();
    return certificates;
}

QByteArray Certificate::toPem() const
{
    if (!m_cert)
        return {};
    Ssl::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), m_cert);
    return Ssl::bioBytes(bio.get());
}

QByteArray Certificate::toDer() const
{
    if (!m_cert)
        return {};
    unsigned char *der = nullptr;
    const int size = i2d_X509(m_cert, &der);
    if (size <= 0)
        return {};
    QByteArray result(reinterpret_cast<const char *>(der), size);
    OPENSSL_free(der);
    return result;
}

QString Certificate::sha256Hex() const
{
    return m_cert ? QString::fromLatin1(Blackbird::sha256Hex(toDer())) : QString();
}

QString Certificate::subjectCommonName() const
{
    return m_cert ? nameEntry(X509_get_subject_name(m_cert), NID_commonName) : QString();
}

QString Certificate::subjectOrganizationalUnit() const
{
    return m_cert ? nameEntry(X509_get_subject_name(m_cert), NID_organizationalUnitName)
                  : QString();
}

QString Certificate::issuerCommonName() const
{
    return m_cert ? nameEntry(X509_get_issuer_name(m_cert), NID_commonName) : QString();
}

QDateTime Certificate::notBefore() const
{
    return m_cert ? toDateTime(X509_get0_notBefore(m_cert)) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? toDateTime(X509_get0_notAfter(m_cert)) : QDateTime();
}

QString Certificate::serialNumberHex() const
{
    if (!m_cert)
        return {};
    BIGNUM *number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert), nullptr);
    char *hex = BN_bn2hex(number);
    QString text = QString::fromLatin1(hex).toLower();
    OPENSSL_free(hex);
    BN_free(number);
    return text;
}

EcKey Certificate::publicKey() const
{
    if (!m_cert)
        return {};
    // Through DER, so the result is the public key alone even when the certificate object
    // was built in this process around a full key pair.
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(X509_get0_pubkey(m_cert), &der);
    if (size <= 0)
        return {};
    EcKey key = EcKey::fromPublicDer(QByteArrayView(der, size));
    OPENSSL_free(der);
    return key;
}

bool Certificate::matchesPrivateKey(const EcKey &key) const
{
    if (!m_cert || key.isNull() || !key.hasPrivateKey())
        return false;
    const bool matches = X509_check_private_key(m_cert, key.handle()) == 1;
    ERR_clear_error();
    return matches;
}

bool Certificate::verifyChain(const QList<Certificate> &trusted, const QDateTime &at,
                              QString *error) const
{
    if (!m_cert) {
        setError(error, QStringLiteral("no certificate"));
        return false;
    }
    Ssl::X509StorePtr store(X509_STORE_new());
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    for (const Certificate &cert : trusted) {
        if (cert.isNull())
            continue;
        // Self-signed certificates are anchors; the others are intermediates to build through.
        if (X509_check_issued(cert.handle(), cert.handle()) == X509_V_OK)
            X509_STORE_add_cert(store.get(), cert.handle());
        else
            sk_X509_push(untrusted, cert.handle());
    }

    Ssl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), store.get(), m_cert, untrusted);
    X509_STORE_CTX_set_time(ctx.get(), 0, time_t(at.toSecsSinceEpoch()));
    const bool ok = X509_verify_cert(ctx.get()) == 1;
    if (!ok) {
        const int code = X509_STORE_CTX_get_error(ctx.get());
        setError(error, QString::fromLatin1(X509_verify_cert_error_string(code)));
    }
    sk_X509_free(untrusted);
    ERR_clear_error();
    return ok;
}

QByteArray createCsrPem(const EcKey &key, const QString &commonName, QString *error)
{
    ERR_clear_error();
    if (!key.hasPrivateKey()) {
        setError(error, QStringLiteral("a certificate request needs a private key"));
        return {};
    }
    Ssl::X509ReqPtr request(X509_REQ_new());
    X509_REQ_set_version(request.get(), 0);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME *name = X509_REQ_get_subject_name(request.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()),
                               int(cn.size()), -1, 0);
    if (X509_REQ_set_pubkey(request.get(), key.handle()) != 1 ||
        X509_REQ_sign(request.get(), key.handle(), EVP_sha256()) <= 0) {
        setError(error, Ssl::lastError(QStringLiteral("cannot sign the certificate request")));
        return {};
    }
    Ssl::BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), request.get());
    return Ssl::bioBytes(bio.get());
}

} // namespace Blackbird
