// Where the registration service is and how patiently to talk to it. Filled from the station's
// profile (or a local stack's endpoints.json); holds no secret.
#pragma once

#include "retrypolicy.h"

#include <QString>
#include <QUrl>

namespace Blackbird {

struct RegistrationConfig
{
    QUrl baseUrl; // https://host[:port]
    QString path = QStringLiteral("/v1/registrations");
    QString caFile;        // PEM CA certificates trusted besides the system store; may be empty
    int timeoutMs = 15000; // per try, from sending the request to the last byte of the answer
    RetryPolicy retry;

    // Splits a full registration URL (endpoints.json's registration_url) into base and path.
    static RegistrationConfig fromRegistrationUrl(const QUrl &url);

    // The URL requests go to.
    QUrl endpoint() const;
};

} // namespace Blackbird
