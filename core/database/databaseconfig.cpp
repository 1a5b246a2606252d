#include "databaseconfig.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Blackbird {

namespace {

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

// Splits "key=value key='quoted value'" the way libpq reads its connection strings.
std::optional<QList<std::pair<QString, QString>>> splitKeywords(const QString &text, QString *error)
{
    QList<std::pair<QString, QString>> pairs;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;

        const qsizetype equals = text.indexOf(QLatin1Char('='), i);
        if (equals < 0) {
            setError(error, QStringLiteral("expected keyword=value in the connection string"));
            return std::nullopt;
        }
        const QString key = text.mid(i, equals - i).trimmed();
        i = equals + 1;
        while (i < n && text.at(i).isSpace())
            ++i;

        QString value;
        if (i < n && text.at(i) == QLatin1Char('\'')) {
            ++i;
            while (i < n && text.at(i) != QLatin1Char('\'')) {
                if (text.at(i) == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                value += text.at(i++);
            }
            if (i >= n) {
                setError(error, QStringLiteral("unterminated quote in the connection string"));
                return std::nullopt;
            }
            ++i;
        } else {
            while (i < n && !text.at(i).isSpace())
                value += text.at(i++);
        }
        pairs.append({key, value});
    }
    return pairs;
}

} // namespace

DatabaseConfig DatabaseConfig::sqlite(const QString &path)
{
    DatabaseConfig config;
    config.m_backend = Backend::Sqlite;
    config.m_sqlitePath = path;
    return config;
}

std::optional<DatabaseConfig> DatabaseConfig::fromConnectionString(const QString &text,
                                                                   QString *error)
{
    const auto pairs = splitKeywords(text, error);
    if (!pairs)
        return std::nullopt;

    DatabaseConfig config;
    config.m_backend = Backend::Postgres;
    static const QRegularExpression optionValue(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_.:/-]*")));
    for (const auto &[key, value] : *pairs) {
        if (key == QLatin1String("host") || key == QLatin1String("hostaddr")) {
            config.m_host = value;
        } else if (key == QLatin1String("port")) {
            bool ok = false;
            config.m_port = value.toInt(&ok);
            if (!ok || config.m_port <= 0 || config.m_port > 65535) {
                setError(error, QStringLiteral("port must be a number from 1 to 65535"));
                return std::nullopt;
            }
        } else if (key == QLatin1String("dbname")) {
            config.m_databaseName = value;
        } else if (key == QLatin1String("user")) {
            config.m_userName = value;
        } else if (key == QLatin1String("password")) {
            setError(error, QStringLiteral("put the database password in PGPASSWORD or "
                                           "~/.pgpass, not in the connection string"));
            return std::nullopt;
        } else if (optionValue.match(value).hasMatch()) {
            config.m_options << key + QLatin1Char('=') + value;
        } else {
            setError(error, QStringLiteral("unsupported value for %1").arg(key));
            return std::nullopt;
        }
    }

    if (config.m_databaseName.isEmpty()) {
        setError(error, QStringLiteral("the connection string needs dbname=..."));
        return std::nullopt;
    }
    return config;
}

DatabaseConfig DatabaseConfig::withDatabaseName(const QString &name) const
{
    DatabaseConfig copy = *this;
    copy.m_databaseName = name;
    return copy;
}

QSqlDatabase DatabaseConfig::open(const QString &connectionName, QString *error) const
{
    QSqlDatabase db;
    if (m_backend == Backend::Sqlite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(m_sqlitePath);
        // Another connection holding the write lock makes this one wait instead of failing.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setDatabaseName(m_databaseName);
        db.setUserName(m_userName);
        QStringList options = m_options;
        if (!options.join(QLatin1Char(' ')).contains(QLatin1String("connect_timeout")))
            options << QStringLiteral("connect_timeout=10");
        db.setConnectOptions(options.join(QLatin1Char(';')));
    }

    if (!db.isValid()) {
        setError(error, QStringLiteral("the Qt SQL driver for %1 is not installed (%2)")
                            .arg(describe(), db.driverName()));
        return db;
    }
    if (!db.open()) {
        setError(error,
                 QStringLiteral("cannot open %1: %2").arg(describe(), db.lastError().text()));
        return db;
    }

    // "relation already exists, skipping" and the like are not worth a line on stderr.
    if (m_backend == Backend::Postgres)
        QSqlQuery(db).exec(QStringLiteral("SET client_min_messages TO warning"));
    return db;
}

QString DatabaseConfig::describe() const
{
    if (m_backend == Backend::Sqlite)
        return QStringLiteral("SQLite database %1").arg(m_sqlitePath);
    return QStringLiteral("PostgreSQL database %1 on %2:%3")
        .arg(m_databaseName, m_host)
        .arg(m_port);
}

} // namespace Blackbird
