#include "devicestorage.h"

#include "simlog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace Blackbird::Sim {

namespace {

QJsonObject readJsonObject(const QString &path, QString *error)
{
    QByteArray bytes;
    if (!SecureFile::read(path, &bytes, error))
        return {};

    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject() && error)
        *error = QStringLiteral("%1 is not a JSON object").arg(path);
    return document.object();
}

QString nowText()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

DeviceStorage::DeviceStorage(QString folder)
    : m_folder(std::move(folder))
{}

QString DeviceStorage::identityPath() const
{
    return m_folder + QStringLiteral("/identity.json");
}

QString DeviceStorage::signingKeyPath() const
{
    return m_folder + QStringLiteral("/signing-key.pem");
}

QString DeviceStorage::claimBundlePath() const
{
    return m_folder + QStringLiteral("/claim-bundle.json");
}

QString DeviceStorage::deviceCredentialsPath() const
{
    return m_folder + QStringLiteral("/device-credentials.json");
}

QString DeviceStorage::provisionedPath() const
{
    return m_folder + QStringLiteral("/provisioned.json");
}

bool DeviceStorage::open(const QString &deviceType, QString *error)
{
    if (!SecureFile::makeFolder(m_folder, error))
        return false;

    if (const int removed = SecureFile::removeLeftovers(m_folder))
        qCInfo(lcSim) << "removed" << removed << "unfinished write(s) in" << m_folder;

    if (!QFile::exists(identityPath()) || !QFile::exists(signingKeyPath()))
        return createIdentity(deviceType, error);

    if (!loadIdentity(error))
        return false;
    if (m_deviceType != deviceType)
        qCWarning(lcSim) << "device" << m_uuid << "keeps its stored device type" << m_deviceType
                         << "rather than" << deviceType;
    return true;
}

bool DeviceStorage::createIdentity(const QString &deviceType, QString *error)
{
    // The key is written before the identity: an identity file on disk means both are complete.
    m_signingKey = EcKey::generate();
    if (m_signingKey.isNull()) {
        if (error)
            *error = QStringLiteral("cannot generate a signing key");
        return false;
    }
    const SecretBytes pem = m_signingKey.privatePem();
    if (!SecureFile::write(signingKeyPath(), pem.view(), error))
        return false;

    m_uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_deviceType = deviceType;
    const QJsonObject identity{
        {QStringLiteral("uuid"), m_uuid},
        {QStringLiteral("device_type"), m_deviceType},
        {QStringLiteral("created_at"), nowText()},
    };
    return SecureFile::write(identityPath(), QJsonDocument(identity).toJson(), error);
}

bool DeviceStorage::loadIdentity(QString *error)
{
    const QJsonObject identity = readJsonObject(identityPath(), error);
    m_uuid = identity.value(QStringLiteral("uuid")).toString();
    m_deviceType = identity.value(QStringLiteral("device_type")).toString();
    if (m_uuid.isEmpty() || m_deviceType.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1 lacks uuid or device_type").arg(identityPath());
        return false;
    }

    QByteArray pem;
    if (!SecureFile::read(signingKeyPath(), &pem, error))
        return false;
    const SecretBytes secretPem(std::move(pem));
    m_signingKey = EcKey::fromPrivatePem(secretPem.view(), error);
    return !m_signingKey.isNull();
}

DeviceState DeviceStorage::state() const
{
    if (QFile::exists(provisionedPath()))
        return DeviceState::Provisioned;
    if (hasClaimBundle())
        return DeviceState::ClaimStored;
    return DeviceState::Blank;
}

QString DeviceStorage::stateName(DeviceState state)
{
    switch (state) {
    case DeviceState::Blank:
        return QStringLiteral("blank");
    case DeviceState::ClaimStored:
        return QStringLiteral("claim_stored");
    case DeviceState::Provisioned:
        return QStringLiteral("provisioned");
    }
    return {};
}

bool DeviceStorage::hasClaimBundle() const
{
    return QFile::exists(claimBundlePath());
}

QString DeviceStorage::claimCertificateId() const
{
    if (!hasClaimBundle())
        return {};

    QString ignored;
    QByteArray bytes;
    if (!SecureFile::read(claimBundlePath(), &bytes, &ignored))
        return {};
    const QString id =
        QJsonDocument::fromJson(bytes).object().value(QStringLiteral("certificate_id")).toString();
    SecretBytes::wipe(bytes);
    return id;
}

std::optional<ClaimBundle> DeviceStorage::readClaimBundle(QString *error) const
{
    QByteArray bytes;
    if (!SecureFile::read(claimBundlePath(), &bytes, error))
        return std::nullopt;

    std::optional<ClaimBundle> bundle = ClaimBundle::parse(bytes, m_uuid, error);
    SecretBytes::wipe(bytes);
    return bundle;
}

bool DeviceStorage::replaceClaimBundle(QByteArrayView json, QString *error,
                                       SecureFile::Interruption interruption)
{
    return SecureFile::write(claimBundlePath(), json, error, interruption);
}

bool DeviceStorage::eraseClaimBundle(QString *error)
{
    return SecureFile::remove(claimBundlePath(), error);
}

bool DeviceStorage::storeDeviceCredentials(const DeviceCredentials &credentials, QString *error)
{
    const QJsonObject object{
        {QStringLiteral("thing_name"), credentials.thingName},
        {QStringLiteral("certificate_id"), credentials.certificateId},
        {QStringLiteral("certificate_pem"), QString::fromUtf8(credentials.certificatePem)},
        {QStringLiteral("private_key_pem"), QString::fromUtf8(credentials.privateKeyPem.view())},
    };
    QByteArray json = QJsonDocument(object).toJson();
    const bool stored = SecureFile::write(deviceCredentialsPath(), json, error);
    SecretBytes::wipe(json);
    return stored;
}

std::optional<DeviceCredentials> DeviceStorage::readDeviceCredentials(QString *error) const
{
    const QJsonObject object = readJsonObject(deviceCredentialsPath(), error);
    if (object.isEmpty())
        return std::nullopt;

    DeviceCredentials credentials;
    credentials.thingName = object.value(QStringLiteral("thing_name")).toString();
    credentials.certificateId = object.value(QStringLiteral("certificate_id")).toString();
    credentials.certificatePem =
        object.value(QStringLiteral("certificate_pem")).toString().toUtf8();
    credentials.privateKeyPem =
        SecretBytes(object.value(QStringLiteral("private_key_pem")).toString().toUtf8());
    return credentials;
}

bool DeviceStorage::markProvisioned(const QString &thingName, QString *error)
{
    const QJsonObject object{
        {QStringLiteral("thing_name"), thingName},
        {QStringLiteral("provisioned_at"), nowText()},
    };
    return SecureFile::write(provisionedPath(), QJsonDocument(object).toJson(), error);
}

QString DeviceStorage::thingName() const
{
    QString ignored;
    return readJsonObject(provisionedPath(), &ignored)
        .value(QStringLiteral("thing_name"))
        .toString();
}

} // namespace Blackbird::Sim
