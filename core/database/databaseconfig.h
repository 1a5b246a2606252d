// Where a store keeps its tables: a SQLite file, or a PostgreSQL server given as a libpq
// keyword string ("host=127.0.0.1 port=5432 dbname=blackbird user=blackbird"). The station's
// audit store and the local stack's stores open their connections from one of these.
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Blackbird {

class DatabaseConfig
{
public:
    enum class Backend { Sqlite, Postgres };

    static DatabaseConfig sqlite(const QString &path);
    // Parses a libpq keyword/value string. Passwords belong in PGPASSWORD or ~/.pgpass, not here:
    // a password keyword is refused so it never reaches a command line or a log.
    static std::optional<DatabaseConfig> fromConnectionString(const QString &text,
                                                              QString *error = nullptr);

    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::Postgres; }
    QString sqlitePath() const { return m_sqlitePath; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString databaseName() const { return m_databaseName; }
    QString userName() const { return m_userName; }

    // A copy that names another PostgreSQL database on the same server (tests use scratch ones).
    DatabaseConfig withDatabaseName(const QString &name) const;

    // Opens a new named connection; the caller removes it with QSqlDatabase::removeDatabase.
    QSqlDatabase open(const QString &connectionName, QString *error = nullptr) const;
    // Where the data is, for logs and messages.
    QString describe() const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_sqlitePath;
    QString m_host = QStringLiteral("127.0.0.1");
    int m_port = 5432;
    QString m_databaseName;
    QString m_userName;
    QStringList m_options; // other libpq keywords, passed through as connect options
};

} // namespace Blackbird
