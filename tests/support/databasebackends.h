// Test helper: runs a store's tests against SQLite and PostgreSQL. Each data-driven test gets a
// row per backend; a row whose data tag starts with "postgres" uses a scratch database of its own
// on the server named by BLACKBIRD_TEST_PG and is skipped when none is set up, every other test
// uses an SQLite file in a fresh folder. Connections opened through the helper are closed and
// removed again in tearDown().
#pragma once

#include "database/databaseconfig.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class TestPostgres;

class DatabaseBackends
{
public:
    DatabaseBackends();
    ~DatabaseBackends();

    // For a _data function: a "backend" column with the rows "sqlite" and "postgres".
    static void addRows();

    enum class Setup { Ready, Skip, Failed };
    // For init(): prepares the current test's database. Skip and Failed come with the message
    // to hand to QSKIP or QFAIL (BLACKBIRD_SET_UP_BACKEND does both).
    Setup setUp(QString *message);
    // For cleanup(): closes the connections, drops the scratch database, removes the folder.
    void tearDown();

    bool isPostgres() const { return m_postgres != nullptr; }
    // The current test's database; an SQLite file named FILE in the scratch folder.
    Blackbird::DatabaseConfig config(const QString &file = QStringLiteral("store.sqlite")) const;
    // A new named connection to config(); closed in tearDown(). Stops the test run (qFatal)
    // when the database cannot be opened, as nothing after it could run.
    QSqlDatabase open(const QString &file = QStringLiteral("store.sqlite"));
    // Closes and removes the connections opened so far; the database itself stays.
    void closeConnections();
    // A path in the test's scratch folder.
    QString filePath(const QString &name) const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestPostgres> m_postgres;
    QStringList m_connections;
};

#define BLACKBIRD_SET_UP_BACKEND(backends)                                                         \
    do {                                                                                           \
        QString message_;                                                                          \
        switch ((backends).setUp(&message_)) {                                                     \
        case DatabaseBackends::Setup::Skip:                                                        \
            QSKIP(qPrintable(message_));                                                           \
        case DatabaseBackends::Setup::Failed:                                                      \
            QFAIL(qPrintable(message_));                                                           \
        case DatabaseBackends::Setup::Ready:                                                       \
            break;                                                                                 \
        }                                                                                          \
    } while (false)
