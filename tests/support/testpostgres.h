// Test helper: a scratch PostgreSQL database per test on the server named by BLACKBIRD_TEST_PG
// (start one with scripts/start-test-postgres.sh), dropped again at the end of the test.
#pragma once

#include "database/databaseconfig.h"

#include <QString>

#include <optional>

class TestPostgres
{
public:
    // The how-to shown when BLACKBIRD_TEST_PG is not set.
    static QString skipMessage();
    static bool isConfigured();

    TestPostgres();
    ~TestPostgres();

    // Creates a fresh database; error says why not.
    bool create(QString *error);
    const Blackbird::DatabaseConfig &config() const { return *m_config; }
    // The libpq connection string of the scratch database, for blackbird-local --database.
    QString connectionString() const;

private:
    std::optional<Blackbird::DatabaseConfig> m_server;
    std::optional<Blackbird::DatabaseConfig> m_config;
    QString m_name;
};
