// What the station sends the registration service for one device.
#pragma once

#include <QByteArray>
#include <QString>

namespace Blackbird {

struct RegistrationRequest
{
    QString uuid;
    QString publicKeyBase64; // DER SubjectPublicKeyInfo as the device reported it
    QString deviceType;

    // The JSON body {uuid, public_key, device_type}.
    QByteArray toJson() const;
};

} // namespace Blackbird
