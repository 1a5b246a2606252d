// An X.509 certificate: parsing, identity and the checks the station runs before it pushes claim
// credentials to a device. Wraps OpenSSL's X509.
#pragma once

#include "eckey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

typedef struct x509_st X509;

namespace Blackbird {

class Certificate
{
public:
    Certificate();
    ~Certificate();
    Certificate(Certificate &&other) noexcept;
    Certificate &operator=(Certificate &&other) noexcept;
    Certificate(const Certificate &other);
    Certificate &operator=(const Certificate &other);

    static Certificate fromPem(QByteArrayView pem, QString *error = nullptr);
    static Certificate fromDer(QByteArrayView der, QString *error = nullptr);
    // Every certificate in a PEM file with several (a CA bundle).
    static QList<Certificate> listFromPem(QByteArrayView pem, QString *error = nullptr);

    bool isNull() const { return !m_cert; }

    QByteArray toPem() const;
    QByteArray toDer() const;
    // Lower-case hex SHA-256 of the DER encoding: Blackbird's and AWS IoT's certificate id.
    QString sha256Hex() const;

    QString subjectCommonName() const;
    QString subjectOrganizationalUnit() const;
    QString issuerCommonName() const;
    QDateTime notBefore() const;
    QDateTime notAfter() const;
    QString serialNumberHex() const;
    EcKey publicKey() const;

    // True when the private key belongs to this certificate.
    bool matchesPrivateKey(const EcKey &key) const;
    // Verifies the chain up to one of the trust anchors (intermediates may be among them) at the
    // given time; on failure error says why in OpenSSL's words.
    bool verifyChain(const QList<Certificate> &trusted, const QDateTime &at,
                     QString *error = nullptr) const;

    X509 *handle() const { return m_cert; }
    static Certificate adopt(X509 *cert);

private:
    X509 *m_cert = nullptr;
};

// Creates a PEM certificate signing request for key with the given subject common name.
QByteArray createCsrPem(const EcKey &key, const QString &commonName, QString *error = nullptr);

} // namespace Blackbird
