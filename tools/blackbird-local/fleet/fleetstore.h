// The fleet-provisioning service's tables in the stack's database (SQLite or PostgreSQL):
// device_certificates (every certificate issued over MQTT, with the hash of its ownership token)
// and things (what RegisterThing created). It reads the registration service's tables but never
// writes them.
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace Blackbird::Local {

struct DeviceCertificateRecord
{
    QString certificateId;
    QString status; // PENDING_ACTIVATION, ACTIVE or INACTIVE
    QString claimCertificateId;
    QString tokenExpiresAt; // ISO 8601 UTC
    QString thingName;
};

struct ThingRecord
{
    QString thingName;
    QString uuid;
    QString deviceType;
    QString certificateId;
    QString templateName;
};

class FleetStore
{
public:
    // Uses an open connection; the store does not own it.
    explicit FleetStore(QSqlDatabase db);

    static QList<QStringList> schemaSteps();
    bool migrate(QString *error);

    // A certificate issued and waiting for RegisterThing; tokenSha256Hex identifies its token.
    bool addPendingCertificate(const QString &certificateId, const QByteArray &certificatePem,
                               const QString &claimCertificateId, const QByteArray &tokenSha256Hex,
                               const QString &tokenExpiresAt, const QString &now, QString *error);
    // nullopt with an empty error when no certificate has that token.
    std::optional<DeviceCertificateRecord> findByToken(const QByteArray &tokenSha256Hex,
                                                       QString *error) const;

    enum class RegisterResult { Created, Updated, TokenAlreadyUsed, Failed };
    // In one transaction: activates the certificate (only if it is still pending, so a token is
    // used once even with several service instances on one database) and creates or updates
    // the thing.
    RegisterResult registerThing(const ThingRecord &thing, const QString &now, QString *error);

    std::optional<ThingRecord> findThing(const QString &thingName) const;
    std::optional<DeviceCertificateRecord> findCertificate(const QString &certificateId) const;
    // Every ACTIVE certificate with the thing it is attached to.
    QList<std::pair<QString, QString>> activeCertificates(QString *error) const;

private:
    QSqlDatabase m_db;
};

} // namespace Blackbird::Local
