#include "pipelineconfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Blackbird {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Blackbird::PipelineConfig", text);
}

bool isFieldService(ServiceMode mode)
{
    return mode != ServiceMode::Production;
}

} // namespace

int PipelineTimeouts::forStep(ProvisioningStep step) const
{
    switch (step) {
    case ProvisioningStep::Identify:
        return identifyMs;
    case ProvisioningStep::Register:
        return registerMs;
    case ProvisioningStep::Transfer:
        return transferMs;
    case ProvisioningStep::Commit:
        return commitMs;
    case ProvisioningStep::Provision:
        return provisionMs;
    case ProvisioningStep::Watch:
        return watchMs;
    case ProvisioningStep::Verify:
        return verifyMs;
    case ProvisioningStep::Record:
        return recordMs;
    }
    return identifyMs;
}

bool PipelineEndpoint::fromEndpointsJson(const QString &path, PipelineEndpoint *endpoint,
                                         QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = tr("%1 is not a JSON object (%2)").arg(path, parseError.errorString());
        return false;
    }
    if (!fromEndpointsObject(document.object(), endpoint, error)) {
        *error = tr("%1: %2").arg(path, *error);
        return false;
    }
    return true;
}

bool PipelineEndpoint::fromEndpointsObject(const QJsonObject &endpoints, PipelineEndpoint *endpoint,
                                           QString *error)
{
    PipelineEndpoint result;
    result.registrationUrl = QUrl(endpoints.value(QStringLiteral("registration_url")).toString());
    result.caFile = endpoints.value(QStringLiteral("ca_file")).toString();
    result.mqttHost = endpoints.value(QStringLiteral("mqtt_host")).toString();
    const int port = endpoints.value(QStringLiteral("mqtt_port")).toInt(0);
    if (port < 1 || port > 65535) {
        *error = tr("mqtt_port is missing or out of range");
        return false;
    }
    result.mqttPort = quint16(port);
    result.templateName = endpoints.value(QStringLiteral("template_name")).toString();
    const QJsonArray types = endpoints.value(QStringLiteral("device_types")).toArray();
    for (const QJsonValue &type : types)
        result.deviceTypes << type.toString();
    result.operatorCertFile = endpoints.value(QStringLiteral("operator_cert")).toString();
    result.operatorKeyFile = endpoints.value(QStringLiteral("operator_key")).toString();

    // A local stack keeps its claim CA next to the root (pki/claim-ca.pem).
    if (!result.caFile.isEmpty()) {
        const QString claimCa =
            QFileInfo(result.caFile).dir().filePath(QStringLiteral("claim-ca.pem"));
        if (QFileInfo::exists(claimCa))
            result.claimCaFile = claimCa;
    }

    if (!result.validate(error))
        return false;
    *endpoint = result;
    return true;
}

bool PipelineEndpoint::validate(QString *error) const
{
    if (!registrationUrl.isValid() || registrationUrl.scheme() != QLatin1String("https") ||
        registrationUrl.host().isEmpty()) {
        *error = tr("the registration URL must be an https:// address (got \"%1\")")
                     .arg(registrationUrl.toString());
        return false;
    }
    if (caFile.isEmpty()) {
        *error = tr("no CA file is configured: the device needs it to trust the broker");
        return false;
    }
    if (mqttHost.isEmpty()) {
        *error = tr("no MQTT broker host is configured");
        return false;
    }
    if (mqttPort == 0) {
        *error = tr("no MQTT broker port is configured");
        return false;
    }
    if (templateName.isEmpty()) {
        *error = tr("no fleet-provisioning template name is configured");
        return false;
    }
    return true;
}

bool DeviceJobConfig::validate(QString *error) const
{
    if (port.isEmpty()) {
        *error = tr("no port is given");
        return false;
    }
    if (baud <= 0) {
        *error = tr("the baud rate must be positive (got %1)").arg(baud);
        return false;
    }
    if (isFieldService(mode) && reason.trimmed().isEmpty()) {
        *error = tr("field service (%1) needs a reason, which the record keeps")
                     .arg(serviceModeName(mode));
        return false;
    }
    if (mode == ServiceMode::EraseClaim && !confirmErase) {
        *error = tr("erasing claim credentials needs the operator's confirmation");
        return false;
    }
    const bool pushes = mode == ServiceMode::Production || mode == ServiceMode::ReplaceClaim;
    if (pushes &&
        (caPem.isEmpty() || mqttHost.isEmpty() || mqttPort == 0 || templateName.isEmpty())) {
        *error = tr("the claim bundle needs the CA, the broker's host and port and the template "
                    "name; the station configuration lacks one of them");
        return false;
    }
    if (provisioningMethod != QLatin1String("csr") &&
        provisioningMethod != QLatin1String("create_keys")) {
        *error = tr("unknown provisioning method \"%1\" (use csr or create_keys)")
                     .arg(provisioningMethod);
        return false;
    }
    return true;
}

bool StationConfig::validate(QString *error) const
{
    if (!endpoint.validate(error))
        return false;
    if (parallelLimit < 1) {
        *error = tr("the parallel limit must be at least 1 (got %1)").arg(parallelLimit);
        return false;
    }
    if (baud <= 0) {
        *error = tr("the baud rate must be positive (got %1)").arg(baud);
        return false;
    }
    if (isFieldService(mode) && reason.trimmed().isEmpty()) {
        *error = tr("field service (%1) needs a reason, which the record keeps")
                     .arg(serviceModeName(mode));
        return false;
    }
    if (mode == ServiceMode::EraseClaim && !confirmErase) {
        *error = tr("erasing claim credentials needs the operator's confirmation");
        return false;
    }
    if (provisioningMethod != QLatin1String("csr") &&
        provisioningMethod != QLatin1String("create_keys")) {
        *error = tr("unknown provisioning method \"%1\" (use csr or create_keys)")
                     .arg(provisioningMethod);
        return false;
    }
    return true;
}

} // namespace Blackbird
