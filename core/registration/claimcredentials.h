// The claim credentials the registration service hands out for one device: the shared or unique
// claim certificate, its id and its private key. The key is held in SecretBytes so it is wiped as
// soon as the credentials are released; the type is move-only so every copy is explicit.
#pragma once

#include "crypto/secretbytes.h"

#include <QByteArray>
#include <QString>

namespace Blackbird {

struct ClaimCredentials
{
    QString certificateId; // lower-case hex SHA-256 of the certificate's DER
    QByteArray certificatePem;
    SecretBytes privateKeyPem;

    bool isEmpty() const { return certificatePem.isEmpty() && privateKeyPem.isEmpty(); }
};

} // namespace Blackbird
