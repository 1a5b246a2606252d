#include "registrationrequest.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Blackbird {

QByteArray RegistrationRequest::toJson() const
{
    const QJsonObject body{{QStringLiteral("uuid"), uuid},
                           {QStringLiteral("public_key"), publicKeyBase64},
                           {QStringLiteral("device_type"), deviceType}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace Blackbird
