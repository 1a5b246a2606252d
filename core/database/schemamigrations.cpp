#include "schemamigrations.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Blackbird {

namespace {

// Any constant works; every stack instance must use the same one.
constexpr qint64 kMigrationLockId = 0x426c61636b;

bool exec(QSqlDatabase db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("%1 failed: %2").arg(sql.left(60), query.lastError().text());
    return false;
}

} // namespace

bool SchemaMigrations::isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

bool SchemaMigrations::begin(QSqlDatabase db, QString *error)
{
    return exec(db, isPostgres(db) ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"),
                error);
}

bool SchemaMigrations::commit(QSqlDatabase db, QString *error)
{
    if (exec(db, QStringLiteral("COMMIT"), error))
        return true;
    rollback(db);
    return false;
}

void SchemaMigrations::rollback(QSqlDatabase db)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("ROLLBACK"));
}

int SchemaMigrations::version(QSqlDatabase db, const QString &component)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT MAX(version) FROM schema_migrations WHERE component = ?"));
    query.addBindValue(component);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool SchemaMigrations::apply(QSqlDatabase db, const QString &component,
                             const QList<QStringList> &steps, QString *error)
{
    // Steps we do not know would be undone by nothing and broken by our writes.
    const int found = version(db, component);
    if (found > steps.size()) {
        if (error)
            *error = QStringLiteral("the %1 tables are at version %2, newer than this program "
                                    "knows (%3): update the program, or use another database")
                         .arg(component)
                         .arg(found)
                         .arg(steps.size());
        return false;
    }

    for (qsizetype step = 0; step < steps.size(); ++step) {
        if (!begin(db, error))
            return false;

        // Instances starting together take turns; the second sees the first one's work.
        if (isPostgres(db) &&
            !exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockId),
                  error)) {
            rollback(db);
            return false;
        }

        if (!exec(db,
                  QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 "component TEXT NOT NULL, version INTEGER NOT NULL, "
                                 "applied_at TEXT NOT NULL, PRIMARY KEY (component, version))"),
                  error)) {
            rollback(db);
            return false;
        }

        if (version(db, component) > step) {
            rollback(db);
            continue;
        }

        for (const QString &sql : steps.at(step)) {
            if (!exec(db, sql, error)) {
                rollback(db);
                return false;
            }
        }

        QSqlQuery record(db);
        record.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)"));
        record.addBindValue(component);
        record.addBindValue(int(step + 1));
        record.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!record.exec()) {
            if (error)
                *error = record.lastError().text();
            rollback(db);
            return false;
        }

        if (!commit(db, error))
            return false;
    }
    return true;
}

} // namespace Blackbird
