// One simulated device's non-volatile memory, a folder (DIR/dev-000/ ...) that plays the
// device's secure storage: its identity, its signing key, the claim bundle, the permanent
// credentials and the provisioned mark. Every file is owner-only and replaced atomically.
//
// Layout:
//   identity.json            {"uuid", "device_type", "created_at"}  fixed on first start
//   signing-key.pem          P-256 signing key, PKCS#8 PEM            fixed on first start
//   claim-bundle.json        the claim bundle exactly as transferred  (absent: no claim stored)
//   device-credentials.json  permanent certificate and key from fleet provisioning
//   provisioned.json         {"thing_name", "provisioned_at"}: the device is provisioned
#pragma once

#include "claimbundle.h"
#include "crypto/eckey.h"
#include "crypto/secretbytes.h"
#include "securefile.h"

#include <QString>

#include <optional>

namespace Blackbird::Sim {

enum class DeviceState { Blank, ClaimStored, Provisioned };

// The permanent credentials fleet provisioning leaves on the device.
struct DeviceCredentials
{
    QString thingName;
    QString certificateId;
    QByteArray certificatePem;
    SecretBytes privateKeyPem;
};

class DeviceStorage
{
public:
    explicit DeviceStorage(QString folder);

    // Loads the identity, creating it (random UUID v4, fresh signing key) on first start, and
    // removes temporary files a reset left behind.
    bool open(const QString &deviceType, QString *error);

    QString folder() const { return m_folder; }
    QString uuid() const { return m_uuid; }
    QString deviceType() const { return m_deviceType; }
    const EcKey &signingKey() const { return m_signingKey; }

    DeviceState state() const;
    static QString stateName(DeviceState state);

    bool hasClaimBundle() const;
    // The stored bundle's certificate_id, empty when none is stored.
    QString claimCertificateId() const;
    std::optional<ClaimBundle> readClaimBundle(QString *error) const;
    // Replaces the stored bundle with json (already checked) in one atomic step.
    bool replaceClaimBundle(QByteArrayView json, QString *error,
                            SecureFile::Interruption interruption = SecureFile::Interruption::None);
    bool eraseClaimBundle(QString *error);

    bool storeDeviceCredentials(const DeviceCredentials &credentials, QString *error);
    std::optional<DeviceCredentials> readDeviceCredentials(QString *error) const;
    bool markProvisioned(const QString &thingName, QString *error);
    // The thing name recorded by markProvisioned(), empty when not provisioned.
    QString thingName() const;

    QString identityPath() const;
    QString signingKeyPath() const;
    QString claimBundlePath() const;
    QString deviceCredentialsPath() const;
    QString provisionedPath() const;

private:
    bool createIdentity(const QString &deviceType, QString *error);
    bool loadIdentity(QString *error);

    QString m_folder;
    QString m_uuid;
    QString m_deviceType;
    EcKey m_signingKey;
};

} // namespace Blackbird::Sim
