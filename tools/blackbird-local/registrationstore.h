// The registration service's records over Qt SQL (SQLite or PostgreSQL): API keys with their
// allowed device types, which claim certificate each device uuid was given, and the claim
// certificates themselves. Registering is one transaction, so several service instances on one
// PostgreSQL database never hand out conflicting claim credentials or lose a registration.
#pragma once

#include "crypto/secretbytes.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Blackbird::Local {

struct ApiKeyRecord
{
    QString id;
    QStringList deviceTypes;
};

// What a device gets back from a registration. The private key is wiped when this goes away.
struct ClaimCredentials
{
    QString certificateId;
    QByteArray certificatePem;
    SecretBytes privateKeyPem;
};

struct RegistrationRecord
{
    QString uuid;
    QString publicKey; // Base64 DER SubjectPublicKeyInfo
    QString deviceType;
    QString certificateId;
    QString apiKeyId;
    QString createdAt;
    QString updatedAt;
};

struct RegistrationOutcome
{
    enum class Status {
        Created,            // a new registration with (possibly shared) claim credentials
        Existing,           // the same uuid and key registered before: its current credentials
        PublicKeyConflict,  // the uuid is registered with another public key
        DeviceTypeConflict, // the uuid is registered as another device type
        Failed,             // the database failed; error says how
    };
    Status status = Status::Failed;
    ClaimCredentials credentials;
    QString error;
};

// Makes new claim credentials for a device type when no shared certificate has room left.
using ClaimIssuer =
    std::function<std::optional<ClaimCredentials>(const QString &deviceType, QString *error)>;

class RegistrationStore
{
public:
    // Uses an open connection; the store does not own it.
    explicit RegistrationStore(QSqlDatabase db);

    // Creates or upgrades the tables. Call once after opening.
    bool migrate(QString *error);
    int schemaVersion() const;
    QSqlDatabase database() const { return m_db; }
    // True when the database answers.
    bool ping() const;

    // keySha256Hex: lower-case hex SHA-256 of the API key; the key itself is never stored.
    bool addApiKey(const ApiKeyRecord &key, const QByteArray &keySha256Hex, QString *error);
    // nullopt with an empty error when no key has that hash.
    std::optional<ApiKeyRecord> findApiKey(const QByteArray &keySha256Hex, QString *error) const;

    // claimShare: how many registrations of one device type share a claim certificate (1 means
    // a certificate of its own for each device). publicKey must be in canonical Base64.
    RegistrationOutcome registerDevice(const QString &uuid, const QString &publicKey,
                                       const QString &deviceType, const QString &apiKeyId,
                                       int claimShare, const ClaimIssuer &issueClaim);

    std::optional<RegistrationRecord> findRegistration(const QString &uuid) const;
    // How many registrations were given the claim certificate; -1 when it does not exist.
    int issuedCount(const QString &certificateId) const;

    // Small facts about the deployment, such as which claim CA the database belongs to.
    QString setting(const QString &key) const;
    bool setSetting(const QString &key, const QString &value, QString *error);

    // Deletes every row of the store's tables (blackbird-local --reset on a shared database).
    bool clear(QString *error);

private:
    enum class Step { Done, Retry, Fail };

    Step tryRegister(const QString &uuid, const QString &publicKey, const QString &deviceType,
                     const QString &apiKeyId, int claimShare, const ClaimIssuer &issueClaim,
                     RegistrationOutcome &outcome);
    bool allocateClaim(const QString &deviceType, int claimShare, const ClaimIssuer &issueClaim,
                       ClaimCredentials &credentials, QString *error);
    bool loadClaim(const QString &certificateId, ClaimCredentials &credentials,
                   QString *error) const;

    QSqlDatabase m_db;
};

} // namespace Blackbird::Local
