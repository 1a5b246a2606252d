#include "testpostgres.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {

bool execOnServer(const Blackbird::DatabaseConfig &server, const QString &sql, QString *error)
{
    const QString connection =
        QStringLiteral("test-postgres-admin-%1").arg(QRandomGenerator::global()->generate());
    bool ok = false;
    {
        QSqlDatabase db = server.open(connection, error);
        if (db.isOpen()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok && error)
                *error = query.lastError().text();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

QString TestPostgres::skipMessage()
{
    return QStringLiteral("BLACKBIRD_TEST_PG is not set. Start a throwaway server with "
                          "eval \"$(scripts/start-test-postgres.sh)\" and run the test again.");
}

bool TestPostgres::isConfigured()
{
    return !qEnvironmentVariableIsEmpty("BLACKBIRD_TEST_PG");
}

TestPostgres::TestPostgres() = default;

TestPostgres::~TestPostgres()
{
    if (m_server && !m_name.isEmpty()) {
        QString error;
        execOnServer(*m_server,
                     QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name), &error);
    }
}

bool TestPostgres::create(QString *error)
{
    m_server = Blackbird::DatabaseConfig::fromConnectionString(
        qEnvironmentVariable("BLACKBIRD_TEST_PG"), error);
    if (!m_server)
        return false;

    m_name = QStringLiteral("bbtest_%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    if (!execOnServer(*m_server, QStringLiteral("CREATE DATABASE %1").arg(m_name), error)) {
        m_name.clear();
        return false;
    }
    m_config = m_server->withDatabaseName(m_name);
    return true;
}

QString TestPostgres::connectionString() const
{
    return QStringLiteral("host=%1 port=%2 dbname=%3 user=%4")
        .arg(m_config->host())
        .arg(m_config->port())
        .arg(m_config->databaseName(), m_config->userName());
}
