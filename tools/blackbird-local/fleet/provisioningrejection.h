// A fleet-provisioning rejection as AWS IoT sends it on a .../rejected topic: an HTTP-like status
// code, a machine-readable error code and a sentence for a person. The factory functions are the
// complete list of reasons the local stack rejects a request for; docs/local-stack.md has the
// same table.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Blackbird::Local {

struct ProvisioningRejection
{
    int statusCode = 400;
    QString errorCode;
    QString errorMessage;

    // {"statusCode", "errorCode", "errorMessage"}: all three, always.
    QJsonObject toJson() const;

    static ProvisioningRejection invalidPayload(const QString &why);
    static ProvisioningRejection invalidCsr(const QString &why);
    static ProvisioningRejection invalidToken(const QString &why);
    static ProvisioningRejection expiredToken();
    static ProvisioningRejection invalidParameters(const QString &why);
    static ProvisioningRejection deviceNotRegistered(const QString &uuid);
    static ProvisioningRejection claimCertificateMismatch(const QString &uuid);
    static ProvisioningRejection invalidSignature(const QString &why);
    static ProvisioningRejection deviceTypeMismatch(const QString &given,
                                                    const QString &registered);
    static ProvisioningRejection templateNotFound(const QString &templateName);
    static ProvisioningRejection internalFailure();
};

} // namespace Blackbird::Local
