#include "registrationstore.h"

#include "database/schemamigrations.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

Q_LOGGING_CATEGORY(lcLocalStore, "blackbird.local.store", QtInfoMsg)

namespace Blackbird::Local {

namespace {

constexpr int kMaxAttempts = 8;
const QString kComponent = QStringLiteral("registration");

QList<QStringList> migrationSteps()
{
    return {
        // 1: the tables the registration service started with.
        {QStringLiteral("CREATE TABLE api_keys (id TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL "
                        "UNIQUE, device_types TEXT NOT NULL, created_at TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE registrations (uuid TEXT PRIMARY KEY, public_key TEXT NOT "
                        "NULL, device_type TEXT NOT NULL, certificate_id TEXT NOT NULL, "
                        "api_key_id TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT "
                        "NOT NULL)"),
         QStringLiteral("CREATE TABLE claim_certificates (certificate_id TEXT PRIMARY KEY, "
                        "certificate_pem TEXT, private_key_pem TEXT, device_type TEXT, "
                        "issued_count INTEGER, created_at TEXT)"),
         QStringLiteral("CREATE INDEX claim_certificates_by_type ON claim_certificates "
                        "(device_type, issued_count)"),
         QStringLiteral("CREATE INDEX registrations_by_certificate ON registrations "
                        "(certificate_id)")},
        // 2: deployment facts (which claim CA the data belongs to).
        {QStringLiteral("CREATE TABLE stack_settings (key TEXT PRIMARY KEY, value TEXT NOT "
                        "NULL)")},
    };
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// Serialisation failures and deadlocks are PostgreSQL's way of saying "try again".
bool isTransient(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("40001") || code == QLatin1String("40P01");
}

QString describe(const QSqlQuery &query)
{
    return query.lastError().text();
}

} // namespace

RegistrationStore::RegistrationStore(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool RegistrationStore::migrate(QString *error)
{
    return SchemaMigrations::apply(m_db, kComponent, migrationSteps(), error);
}

int RegistrationStore::schemaVersion() const
{
    return SchemaMigrations::version(m_db, kComponent);
}

bool RegistrationStore::ping() const
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("SELECT 1")) && query.next();
}

bool RegistrationStore::addApiKey(const ApiKeyRecord &key, const QByteArray &keySha256Hex,
                                  QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO api_keys (id, key_sha256, device_types, created_at) "
                                 "VALUES (?, ?, ?, ?)"));
    query.addBindValue(key.id);
    query.addBindValue(QString::fromLatin1(keySha256Hex));
    query.addBindValue(key.deviceTypes.join(QLatin1Char(',')));
    query.addBindValue(now());
    if (query.exec())
        return true;
    if (error)
        *error = QStringLiteral("cannot store API key %1: %2").arg(key.id, describe(query));
    return false;
}

std::optional<ApiKeyRecord> RegistrationStore::findApiKey(const QByteArray &keySha256Hex,
                                                          QString *error) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, device_types FROM api_keys WHERE key_sha256 = ?"));
    query.addBindValue(QString::fromLatin1(keySha256Hex));
    if (!query.exec()) {
        if (error)
            *error = describe(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;

    ApiKeyRecord key;
    key.id = query.value(0).toString();
    key.deviceTypes = query.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return key;
}

RegistrationOutcome RegistrationStore::registerDevice(const QString &uuid, const QString &publicKey,
                                                      const QString &deviceType,
                                                      const QString &apiKeyId, int claimShare,
                                                      const ClaimIssuer &issueClaim)
{
    RegistrationOutcome outcome;
    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
        const Step step = tryRegister(uuid, publicKey, deviceType, apiKeyId, qMax(1, claimShare),
                                      issueClaim, outcome);
        if (step == Step::Done)
            return outcome;
        if (step == Step::Fail) {
            outcome.status = RegistrationOutcome::Status::Failed;
            return outcome;
        }
        qCDebug(lcLocalStore) << "registration of" << uuid << "raced another one; attempt"
                              << attempt + 1;
    }
    outcome.status = RegistrationOutcome::Status::Failed;
    outcome.error =
        QStringLiteral("the registration of %1 kept conflicting with concurrent ones").arg(uuid);
    return outcome;
}

RegistrationStore::Step
RegistrationStore::tryRegister(const QString &uuid, const QString &publicKey,
                               const QString &deviceType, const QString &apiKeyId, int claimShare,
                               const ClaimIssuer &issueClaim, RegistrationOutcome &outcome)
{
    const bool postgres = SchemaMigrations::isPostgres(m_db);
    const auto fail = [&](const QSqlQuery &query) {
        SchemaMigrations::rollback(m_db);
        outcome.error = describe(query);
        return isTransient(query.lastError()) ? Step::Retry : Step::Fail;
    };

    if (!SchemaMigrations::begin(m_db, &outcome.error))
        return Step::Fail;

    // The row lock keeps a concurrent re-registration of the same uuid waiting until we are done.
    QSqlQuery existing(m_db);
    existing.prepare(QStringLiteral("SELECT public_key, device_type, certificate_id FROM "
                                    "registrations WHERE uuid = ?") +
                     (postgres ? QStringLiteral(" FOR UPDATE") : QString()));
    existing.addBindValue(uuid);
    if (!existing.exec())
        return fail(existing);

    if (existing.next()) {
        const QString storedKey = existing.value(0).toString();
        const QString storedType = existing.value(1).toString();
        const QString storedCertificate = existing.value(2).toString();
        existing.finish();

        if (storedKey != publicKey) {
            SchemaMigrations::rollback(m_db);
            outcome.status = RegistrationOutcome::Status::PublicKeyConflict;
            return Step::Done;
        }
        if (storedType != deviceType) {
            SchemaMigrations::rollback(m_db);
            outcome.status = RegistrationOutcome::Status::DeviceTypeConflict;
            return Step::Done;
        }
        if (!loadClaim(storedCertificate, outcome.credentials, &outcome.error)) {
            SchemaMigrations::rollback(m_db);
            return Step::Fail;
        }

        QSqlQuery touch(m_db);
        touch.prepare(QStringLiteral("UPDATE registrations SET updated_at = ? WHERE uuid = ?"));
        touch.addBindValue(now());
        touch.addBindValue(uuid);
        if (!touch.exec())
            return fail(touch);
        if (!SchemaMigrations::commit(m_db, &outcome.error))
            return Step::Retry;
        outcome.status = RegistrationOutcome::Status::Existing;
        return Step::Done;
    }

    existing.finish();

    if (!allocateClaim(deviceType, claimShare, issueClaim, outcome.credentials, &outcome.error)) {
        SchemaMigrations::rollback(m_db);
        return Step::Fail;
    }

    // Another instance may have registered the uuid since the SELECT; then nothing is inserted,
    // the claim allocation is rolled back, and the next attempt returns that registration.
    const QString stamp = now();
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO registrations (uuid, public_key, device_type, certificate_id, api_key_id, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING"));
    insert.addBindValue(uuid);
    insert.addBindValue(publicKey);
    insert.addBindValue(deviceType);
    insert.addBindValue(outcome.credentials.certificateId);
    insert.addBindValue(apiKeyId);
    insert.addBindValue(stamp);
    insert.addBindValue(stamp);
    if (!insert.exec())
        return fail(insert);
    if (insert.numRowsAffected() != 1) {
        SchemaMigrations::rollback(m_db);
        outcome.credentials = {};
        return Step::Retry;
    }

    if (!SchemaMigrations::commit(m_db, &outcome.error))
        return Step::Retry;
    outcome.status = RegistrationOutcome::Status::Created;
    return Step::Done;
}

bool RegistrationStore::allocateClaim(const QString &deviceType, int claimShare,
                                      const ClaimIssuer &issueClaim, ClaimCredentials &credentials,
                                      QString *error)
{
    // Take a seat on the oldest shared certificate with room left. The conditional UPDATE is the
    // arbiter: if another instance filled the seat first it changes no row and we look again.
    while (claimShare > 1) {
        QSqlQuery candidate(m_db);
        candidate.prepare(QStringLiteral(
            "SELECT certificate_id FROM claim_certificates WHERE device_type = ? AND "
            "issued_count < ? ORDER BY created_at, certificate_id LIMIT 1"));
        candidate.addBindValue(deviceType);
        candidate.addBindValue(claimShare);
        if (!candidate.exec()) {
            *error = describe(candidate);
            return false;
        }
        if (!candidate.next())
            break;
        const QString certificateId = candidate.value(0).toString();
        candidate.finish();

        QSqlQuery take(m_db);
        take.prepare(QStringLiteral("UPDATE claim_certificates SET issued_count = issued_count "
                                    "+ 1 WHERE certificate_id = ? AND issued_count < ?"));
        take.addBindValue(certificateId);
        take.addBindValue(claimShare);
        if (!take.exec()) {
            *error = describe(take);
            return false;
        }
        if (take.numRowsAffected() == 1)
            return loadClaim(certificateId, credentials, error);
    }

    std::optional<ClaimCredentials> fresh = issueClaim(deviceType, error);
    if (!fresh)
        return false;

    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO claim_certificates (certificate_id, certificate_pem, private_key_pem, "
        "device_type, issued_count, created_at) VALUES (?, ?, ?, ?, 1, ?)"));
    insert.addBindValue(fresh->certificateId);
    insert.addBindValue(QString::fromLatin1(fresh->certificatePem));
    insert.addBindValue(QString::fromLatin1(fresh->privateKeyPem.view()));
    insert.addBindValue(deviceType);
    insert.addBindValue(now());
    if (!insert.exec()) {
        *error = describe(insert);
        return false;
    }
    credentials = std::move(*fresh);
    return true;
}

bool RegistrationStore::loadClaim(const QString &certificateId, ClaimCredentials &credentials,
                                  QString *error) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT certificate_pem, private_key_pem FROM "
                                 "claim_certificates WHERE certificate_id = ?"));
    query.addBindValue(certificateId);
    if (!query.exec() || !query.next()) {
        *error = QStringLiteral("claim certificate %1 is missing: %2")
                     .arg(certificateId, describe(query));
        return false;
    }

    // Qt SQL hands the key over in a QVariant whose copies cannot be wiped; the stack plays the
    // cloud side, which keeps claim keys at rest anyway.
    credentials.certificateId = certificateId;
    credentials.certificatePem = query.value(0).toString().toLatin1();
    credentials.privateKeyPem = SecretBytes(query.value(1).toString().toLatin1());
    query.finish();
    return true;
}

std::optional<RegistrationRecord> RegistrationStore::findRegistration(const QString &uuid) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT uuid, public_key, device_type, certificate_id, "
                                 "api_key_id, created_at, updated_at FROM registrations WHERE "
                                 "uuid = ?"));
    query.addBindValue(uuid);
    if (!query.exec() || !query.next())
        return std::nullopt;

    RegistrationRecord record;
    record.uuid = query.value(0).toString();
    record.publicKey = query.value(1).toString();
    record.deviceType = query.value(2).toString();
    record.certificateId = query.value(3).toString();
    record.apiKeyId = query.value(4).toString();
    record.createdAt = query.value(5).toString();
    record.updatedAt = query.value(6).toString();
    return record;
}

int RegistrationStore::issuedCount(const QString &certificateId) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT issued_count FROM claim_certificates WHERE "
                                 "certificate_id = ?"));
    query.addBindValue(certificateId);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toInt();
}

QString RegistrationStore::setting(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM stack_settings WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool RegistrationStore::setSetting(const QString &key, const QString &value, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO stack_settings (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (query.exec())
        return true;
    if (error)
        *error = describe(query);
    return false;
}

bool RegistrationStore::clear(QString *error)
{
    if (!SchemaMigrations::begin(m_db, error))
        return false;
    for (const char *table :
         {"registrations", "claim_certificates", "api_keys", "stack_settings"}) {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table))) {
            if (error)
                *error = describe(query);
            SchemaMigrations::rollback(m_db);
            return false;
        }
    }
    return SchemaMigrations::commit(m_db, error);
}

} // namespace Blackbird::Local
