#include "claimbundle.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Blackbird::Sim {

namespace {

constexpr int kBundleFormat = 1;

std::optional<ClaimBundle> refuse(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return std::nullopt;
}

} // namespace

std::optional<ClaimBundle> ClaimBundle::parse(QByteArrayView json, const QString &expectedUuid,
                                              QString *error)
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (!document.isObject())
        return refuse(
            error,
            QStringLiteral("the bundle is not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject object = document.object();

    if (object.value(QStringLiteral("format")).toInt(-1) != kBundleFormat)
        return refuse(error, QStringLiteral("the bundle's format is not 1"));

    const QStringList textFields = {
        QStringLiteral("uuid"),
        QStringLiteral("certificate_id"),
        QStringLiteral("certificate_pem"),
        QStringLiteral("private_key_pem"),
        QStringLiteral("mqtt_host"),
        QStringLiteral("ca_pem"),
        QStringLiteral("template_name"),
    };
    for (const QString &field : textFields) {
        if (object.value(field).toString().isEmpty())
            return refuse(error, QStringLiteral("the bundle lacks the text field %1").arg(field));
    }

    // The key text is wiped in bundle.privateKeyPem, but QJsonDocument keeps copies of its own
    // that cannot be wiped; firmware parsing in place would not. Acceptable in a simulator whose
    // claim keys are test keys; the station side must not copy this shortcut.
    ClaimBundle bundle;
    bundle.uuid = object.value(QStringLiteral("uuid")).toString();
    bundle.certificateId = object.value(QStringLiteral("certificate_id")).toString();
    bundle.certificatePem = object.value(QStringLiteral("certificate_pem")).toString().toUtf8();
    bundle.privateKeyPem =
        SecretBytes(object.value(QStringLiteral("private_key_pem")).toString().toUtf8());
    bundle.mqttHost = object.value(QStringLiteral("mqtt_host")).toString();
    bundle.mqttPort = object.value(QStringLiteral("mqtt_port")).toInt(0);
    bundle.caPem = object.value(QStringLiteral("ca_pem")).toString().toUtf8();
    bundle.templateName = object.value(QStringLiteral("template_name")).toString();

    if (!expectedUuid.isEmpty() && bundle.uuid != expectedUuid)
        return refuse(error, QStringLiteral("the bundle is for device %1, not this one (%2)")
                                 .arg(bundle.uuid, expectedUuid));

    if (bundle.mqttPort < 1 || bundle.mqttPort > 65535)
        return refuse(error, QStringLiteral("the bundle's mqtt_port is not a port number"));

    QString reason;
    const Certificate certificate = Certificate::fromPem(bundle.certificatePem, &reason);
    if (certificate.isNull())
        return refuse(error,
                      QStringLiteral("the claim certificate does not parse: %1").arg(reason));

    const EcKey key = EcKey::fromPrivatePem(bundle.privateKeyPem.view(), &reason);
    if (key.isNull())
        return refuse(error,
                      QStringLiteral("the claim private key does not parse: %1").arg(reason));
    if (!certificate.matchesPrivateKey(key))
        return refuse(error, QStringLiteral("the claim private key does not belong to the "
                                            "claim certificate"));

    if (certificate.sha256Hex() != bundle.certificateId)
        return refuse(error, QStringLiteral("certificate_id is not the claim certificate's "
                                            "SHA-256"));

    if (Certificate::listFromPem(bundle.caPem).isEmpty())
        return refuse(error, QStringLiteral("ca_pem holds no certificate"));

    return bundle;
}

} // namespace Blackbird::Sim
