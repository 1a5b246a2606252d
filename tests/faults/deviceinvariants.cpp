#include "deviceinvariants.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Blackbird;

namespace {

bool readObject(const QString &path, QJsonObject *object, QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1").arg(path);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *why =
            QStringLiteral("%1 is not a whole JSON object: %2").arg(path, parseError.errorString());
        return false;
    }
    *object = doc.object();
    return true;
}

} // namespace

ClaimSetState inspectClaimSet(const QString &storage)
{
    ClaimSetState state;
    const QDir dir(storage);
    QJsonObject identity;
    if (!readObject(dir.filePath(QStringLiteral("identity.json")), &identity, &state.why))
        return state;

    for (const char *name : {"provisioned.json", "device-credentials.json"}) {
        const QString path = dir.filePath(QLatin1String(name));
        QJsonObject ignored;
        if (QFile::exists(path) && !readObject(path, &ignored, &state.why))
            return state;
    }
    state.provisioned = QFile::exists(dir.filePath(QStringLiteral("provisioned.json")));

    const QString bundlePath = dir.filePath(QStringLiteral("claim-bundle.json"));
    if (!QFile::exists(bundlePath)) {
        state.complete = true;
        return state;
    }
    state.present = true;
    QJsonObject bundle;
    if (!readObject(bundlePath, &bundle, &state.why))
        return state;
    if (bundle.value(QLatin1String("format")).toInt() != 1) {
        state.why = QStringLiteral("the bundle's format is not 1");
        return state;
    }
    if (bundle.value(QLatin1String("uuid")).toString() !=
        identity.value(QLatin1String("uuid")).toString()) {
        state.why = QStringLiteral("the bundle is for another device");
        return state;
    }
    for (const char *field : {"certificate_id", "certificate_pem", "private_key_pem", "mqtt_host",
                              "ca_pem", "template_name"}) {
        if (bundle.value(QLatin1String(field)).toString().isEmpty()) {
            state.why = QStringLiteral("the bundle has no %1").arg(QLatin1String(field));
            return state;
        }
    }
    QString error;
    const Certificate certificate = Certificate::fromPem(
        bundle.value(QLatin1String("certificate_pem")).toString().toLatin1(), &error);
    const EcKey key = EcKey::fromPrivatePem(
        bundle.value(QLatin1String("private_key_pem")).toString().toLatin1(), &error);
    state.certificateId = bundle.value(QLatin1String("certificate_id")).toString();
    if (certificate.isNull() || key.isNull()) {
        state.why = QStringLiteral("the bundle's certificate or key does not parse: %1").arg(error);
    } else if (!certificate.matchesPrivateKey(key)) {
        state.why = QStringLiteral("the bundle's key is not its certificate's (a mixed set)");
    } else if (certificate.sha256Hex() != state.certificateId) {
        state.why = QStringLiteral("certificate_id is not the certificate's (a mixed set)");
    } else {
        state.complete = true;
    }
    return state;
}
