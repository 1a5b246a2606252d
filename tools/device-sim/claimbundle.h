// The claim credentials as the station transfers them: a UTF-8 JSON object holding the claim
// certificate, its private key, certificate_id and the endpoint settings the device needs for
// fleet provisioning. The device checks a bundle completely before it replaces the stored one.
#pragma once

#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Blackbird::Sim {

struct ClaimBundle
{
    QString uuid;
    QString certificateId;
    QByteArray certificatePem;
    SecretBytes privateKeyPem;
    QString mqttHost;
    int mqttPort = 0;
    QByteArray caPem;
    QString templateName;

    // Parses and checks a bundle: format 1, every field present and typed, the certificate and
    // key parse and belong together, certificate_id is the certificate's SHA-256. When
    // expectedUuid is not empty the bundle must name that device. On failure error says why.
    static std::optional<ClaimBundle> parse(QByteArrayView json, const QString &expectedUuid,
                                            QString *error);
};

} // namespace Blackbird::Sim
