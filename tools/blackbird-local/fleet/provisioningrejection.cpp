// The rejections of the local fleet-provisioning service. Messages name the fact that failed and,
// where it helps a firmware developer, what to do about it; they never echo secrets.
#include "provisioningrejection.h"

namespace Blackbird::Local {

QJsonObject ProvisioningRejection::toJson() const
{
    return QJsonObject{{QStringLiteral("statusCode"), statusCode},
                       {QStringLiteral("errorCode"), errorCode},
                       {QStringLiteral("errorMessage"), errorMessage}};
}

ProvisioningRejection ProvisioningRejection::invalidPayload(const QString &why)
{
    return {400, QStringLiteral("InvalidPayload"), why};
}

ProvisioningRejection ProvisioningRejection::invalidCsr(const QString &why)
{
    return {400, QStringLiteral("InvalidCsr"), why};
}

ProvisioningRejection ProvisioningRejection::invalidToken(const QString &why)
{
    return {400, QStringLiteral("InvalidCertificateOwnershipToken"), why};
}

ProvisioningRejection ProvisioningRejection::expiredToken()
{
    return {400, QStringLiteral("ExpiredCertificateOwnershipToken"),
            QStringLiteral("The certificate ownership token has expired (tokens are valid for one "
                           "hour); request a new certificate.")};
}

ProvisioningRejection ProvisioningRejection::invalidParameters(const QString &why)
{
    return {400, QStringLiteral("InvalidParameters"), why};
}

ProvisioningRejection ProvisioningRejection::deviceNotRegistered(const QString &uuid)
{
    return {403, QStringLiteral("DeviceNotRegistered"),
            QStringLiteral("Device %1 is not registered; register its signing key with the "
                           "registration service first.")
                .arg(uuid)};
}

ProvisioningRejection ProvisioningRejection::claimCertificateMismatch(const QString &uuid)
{
    return {403, QStringLiteral("ClaimCertificateMismatch"),
            QStringLiteral("This connection's claim certificate is not the one issued to device "
                           "%1.")
                .arg(uuid)};
}

ProvisioningRejection ProvisioningRejection::invalidSignature(const QString &why)
{
    return {403, QStringLiteral("InvalidSignature"), why};
}

ProvisioningRejection ProvisioningRejection::deviceTypeMismatch(const QString &given,
                                                                const QString &registered)
{
    return {403, QStringLiteral("DeviceTypeMismatch"),
            QStringLiteral("Device type '%1' does not match the registered device type '%2'.")
                .arg(given, registered)};
}

ProvisioningRejection ProvisioningRejection::templateNotFound(const QString &templateName)
{
    return {404, QStringLiteral("ResourceNotFound"),
            QStringLiteral("Provisioning template '%1' does not exist.").arg(templateName)};
}

ProvisioningRejection ProvisioningRejection::internalFailure()
{
    return {500, QStringLiteral("InternalFailure"),
            QStringLiteral("The fleet-provisioning service failed; see its log.")};
}

} // namespace Blackbird::Local
