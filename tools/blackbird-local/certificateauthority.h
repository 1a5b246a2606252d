// A certificate authority of the local stack: a CA certificate with its key, able to sign new
// certificates (other CAs, the TLS server, client and claim certificates). OpenSSL 3 does the
// signing; keys and certificates travel as core/crypto's EcKey and Certificate.
#pragma once

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace Blackbird::Local {

// What a new certificate is for; decides its basic constraints, key usage and extended key usage.
enum class CertificateRole {
    IntermediateCa, // CA:TRUE, pathlen 0, keyCertSign + cRLSign
    TlsServer,      // digitalSignature, serverAuth
    TlsClient,      // digitalSignature, clientAuth
};

struct CertificateProfile
{
    CertificateRole role = CertificateRole::TlsClient;
    QString commonName;
    QString organizationalUnit;
    QStringList dnsNames;
    QList<QHostAddress> ipAddresses;
    int validityDays = 825;
    // Moves the whole validity window this many days into the past (a certificate that has
    // already expired, for fault injection).
    int backdateDays = 0;
};

class CertificateAuthority
{
public:
    CertificateAuthority() = default;
    CertificateAuthority(Certificate certificate, EcKey key);

    // A new self-signed root CA with a fresh P-256 key.
    static CertificateAuthority createRoot(const QString &commonName, int validityDays,
                                           QString *error = nullptr);
    // Reads a CA from its PEM certificate and PEM private key files; they must belong together.
    static CertificateAuthority load(const QString &certificateFile, const QString &keyFile,
                                     QString *error = nullptr);

    bool isNull() const { return m_certificate.isNull() || m_key.isNull(); }
    const Certificate &certificate() const { return m_certificate; }
    const EcKey &key() const { return m_key; }

    // Signs a certificate for subjectKey (only its public half is used).
    Certificate issue(const EcKey &subjectKey, const CertificateProfile &profile,
                      QString *error = nullptr) const;

    // The public key of a PEM certificate signing request, after checking the request's own
    // signature (proof that the requester holds the private key).
    static EcKey publicKeyFromCsr(QByteArrayView csrPem, QString *error = nullptr);

private:
    Certificate m_certificate;
    EcKey m_key;
};

} // namespace Blackbird::Local
