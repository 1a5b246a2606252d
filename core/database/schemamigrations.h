// Versioned schema migrations. Each component (the station's audit store, the stack's registration
// store, its fleet-provisioning service) owns an ordered list of steps; the applied versions are
// recorded per component in schema_migrations, so components evolve their tables independently.
// Safe when several processes start at once on one PostgreSQL database. A database that a newer
// version of the program has migrated further is refused, not written to.
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Blackbird {

class SchemaMigrations
{
public:
    // steps[i] holds the SQL statements that take the component from version i to i + 1.
    // Applies the missing steps, each in its own transaction.
    static bool apply(QSqlDatabase db, const QString &component, const QList<QStringList> &steps,
                      QString *error);
    // The component's current version, 0 when none of its steps ran yet.
    static int version(QSqlDatabase db, const QString &component);

    // Starts a write transaction the right way for the backend: SQLite takes its write lock up
    // front (BEGIN IMMEDIATE) so two writers queue instead of failing midway.
    static bool begin(QSqlDatabase db, QString *error);
    static bool commit(QSqlDatabase db, QString *error);
    static void rollback(QSqlDatabase db);
    static bool isPostgres(const QSqlDatabase &db);
};

} // namespace Blackbird
