// A throwaway certificate authority for network tests: P-256 keys, certificates with chosen names
// and validity, written as PEM. Only for tests; the keys are not treated as secrets.
#pragma once

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Blackbird::Test {

struct IssuedCertificate
{
    EcKey key;
    Certificate certificate;

    QByteArray certificatePem() const { return certificate.toPem(); }
    QByteArray keyPem() const;
};

struct CertificateRequest
{
    QString commonName;
    QString organizationalUnit;
    // DNS names and IP addresses for the subjectAltName extension (servers only).
    QStringList dnsNames;
    QStringList ipAddresses;
    // Validity relative to now, in seconds; negative values lie in the past.
    qint64 notBeforeOffset = -3600;
    qint64 notAfterOffset = 3600 * 24;
    bool certificateAuthority = false;
    bool server = false;
};

class TestPki
{
public:
    // A self-signed root.
    static IssuedCertificate createRoot(const QString &commonName);
    // A certificate signed by issuer; a fresh key unless one is given.
    static IssuedCertificate issue(const IssuedCertificate &issuer,
                                   const CertificateRequest &request, EcKey key = EcKey());
};

} // namespace Blackbird::Test
