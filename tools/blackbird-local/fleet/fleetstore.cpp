// Fleet-provisioning records over Qt SQL. Statements are plain SQL that SQLite and PostgreSQL
// both accept, so one code path serves both backends.
#include "fleetstore.h"

#include "database/schemamigrations.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Blackbird::Local {

namespace {

QString describe(const QSqlQuery &query)
{
    return query.lastError().text();
}

} // namespace

FleetStore::FleetStore(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<QStringList> FleetStore::schemaSteps()
{
    return {
        {QStringLiteral("CREATE TABLE IF NOT EXISTS device_certificates ("
                        "certificate_id TEXT PRIMARY KEY, "
                        "certificate_pem TEXT NOT NULL, "
                        "status TEXT NOT NULL, "
                        "claim_certificate_id TEXT NOT NULL, "
                        "ownership_token_sha256 TEXT NOT NULL UNIQUE, "
                        "token_expires_at TEXT NOT NULL, "
                        "thing_name TEXT, "
                        "created_at TEXT NOT NULL, "
                        "updated_at TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE IF NOT EXISTS things ("
                        "thing_name TEXT PRIMARY KEY, "
                        "uuid TEXT NOT NULL UNIQUE, "
                        "device_type TEXT NOT NULL, "
                        "certificate_id TEXT NOT NULL, "
                        "template_name TEXT NOT NULL, "
                        "created_at TEXT NOT NULL, "
                        "updated_at TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX IF NOT EXISTS device_certificates_status "
                        "ON device_certificates (status)")},
    };
}

bool FleetStore::migrate(QString *error)
{
    return SchemaMigrations::apply(m_db, QStringLiteral("fleet"), schemaSteps(), error);
}

bool FleetStore::addPendingCertificate(const QString &certificateId,
                                       const QByteArray &certificatePem,
                                       const QString &claimCertificateId,
                                       const QByteArray &tokenSha256Hex,
                                       const QString &tokenExpiresAt, const QString &now,
                                       QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO device_certificates (certificate_id, certificate_pem, status, "
        "claim_certificate_id, ownership_token_sha256, token_expires_at, created_at, updated_at) "
        "VALUES (?, ?, 'PENDING_ACTIVATION', ?, ?, ?, ?, ?)"));
    query.addBindValue(certificateId);
    query.addBindValue(QString::fromLatin1(certificatePem));
    query.addBindValue(claimCertificateId);
    query.addBindValue(QString::fromLatin1(tokenSha256Hex));
    query.addBindValue(tokenExpiresAt);
    query.addBindValue(now);
    query.addBindValue(now);
    if (query.exec())
        return true;
    *error = QStringLiteral("cannot record certificate %1: %2").arg(certificateId, describe(query));
    return false;
}

std::optional<DeviceCertificateRecord> FleetStore::findByToken(const QByteArray &tokenSha256Hex,
                                                               QString *error) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT certificate_id, status, claim_certificate_id, "
                                 "token_expires_at, thing_name FROM device_certificates "
                                 "WHERE ownership_token_sha256 = ?"));
    query.addBindValue(QString::fromLatin1(tokenSha256Hex));
    if (!query.exec()) {
        *error = QStringLiteral("cannot look up an ownership token: %1").arg(describe(query));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return DeviceCertificateRecord{query.value(0).toString(), query.value(1).toString(),
                                   query.value(2).toString(), query.value(3).toString(),
                                   query.value(4).toString()};
}

std::optional<DeviceCertificateRecord>
FleetStore::findCertificate(const QString &certificateId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT certificate_id, status, claim_certificate_id, "
                                 "token_expires_at, thing_name FROM device_certificates "
                                 "WHERE certificate_id = ?"));
    query.addBindValue(certificateId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return DeviceCertificateRecord{query.value(0).toString(), query.value(1).toString(),
                                   query.value(2).toString(), query.value(3).toString(),
                                   query.value(4).toString()};
}

FleetStore::RegisterResult FleetStore::registerThing(const ThingRecord &thing, const QString &now,
                                                     QString *error)
{
    if (!SchemaMigrations::begin(m_db, error))
        return RegisterResult::Failed;

    const auto fail = [&](const QSqlQuery &query) {
        *error =
            QStringLiteral("cannot register thing %1: %2").arg(thing.thingName, describe(query));
        SchemaMigrations::rollback(m_db);
        return RegisterResult::Failed;
    };

    QSqlQuery activate(m_db);
    activate.prepare(QStringLiteral("UPDATE device_certificates SET status = 'ACTIVE', "
                                    "thing_name = ?, updated_at = ? "
                                    "WHERE certificate_id = ? AND status = 'PENDING_ACTIVATION'"));
    activate.addBindValue(thing.thingName);
    activate.addBindValue(now);
    activate.addBindValue(thing.certificateId);
    if (!activate.exec())
        return fail(activate);
    if (activate.numRowsAffected() != 1) {
        SchemaMigrations::rollback(m_db);
        return RegisterResult::TokenAlreadyUsed;
    }

    QSqlQuery existing(m_db);
    existing.prepare(QStringLiteral("SELECT thing_name FROM things WHERE thing_name = ?"));
    existing.addBindValue(thing.thingName);
    if (!existing.exec())
        return fail(existing);
    const bool exists = existing.next();

    QSqlQuery upsert(m_db);
    upsert.prepare(QStringLiteral(
        "INSERT INTO things (thing_name, uuid, device_type, certificate_id, template_name, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (thing_name) DO UPDATE SET certificate_id = excluded.certificate_id, "
        "template_name = excluded.template_name, updated_at = excluded.updated_at"));
    upsert.addBindValue(thing.thingName);
    upsert.addBindValue(thing.uuid);
    upsert.addBindValue(thing.deviceType);
    upsert.addBindValue(thing.certificateId);
    upsert.addBindValue(thing.templateName);
    upsert.addBindValue(now);
    upsert.addBindValue(now);
    if (!upsert.exec())
        return fail(upsert);

    if (!SchemaMigrations::commit(m_db, error))
        return RegisterResult::Failed;
    return exists ? RegisterResult::Updated : RegisterResult::Created;
}

std::optional<ThingRecord> FleetStore::findThing(const QString &thingName) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT thing_name, uuid, device_type, certificate_id, "
                                 "template_name FROM things WHERE thing_name = ?"));
    query.addBindValue(thingName);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return ThingRecord{query.value(0).toString(), query.value(1).toString(),
                       query.value(2).toString(), query.value(3).toString(),
                       query.value(4).toString()};
}

QList<std::pair<QString, QString>> FleetStore::activeCertificates(QString *error) const
{
    QList<std::pair<QString, QString>> active;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT certificate_id, thing_name FROM device_certificates "
                                   "WHERE status = 'ACTIVE' ORDER BY certificate_id"))) {
        *error = QStringLiteral("cannot list active certificates: %1").arg(describe(query));
        return active;
    }
    while (query.next())
        active.append({query.value(0).toString(), query.value(1).toString()});
    return active;
}

} // namespace Blackbird::Local
