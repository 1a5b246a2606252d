#include "databasebackends.h"

#include "testpostgres.h"

#include <QTest>

#include <atomic>

namespace {

std::atomic<int> g_connection{0};

} // namespace

DatabaseBackends::DatabaseBackends() = default;
DatabaseBackends::~DatabaseBackends()
{
    tearDown();
}

void DatabaseBackends::addRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

DatabaseBackends::Setup DatabaseBackends::setUp(QString *message)
{
    tearDown();
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        *message = QStringLiteral("cannot create a scratch folder: %1").arg(m_dir->errorString());
        return Setup::Failed;
    }
    const char *tag = QTest::currentDataTag();
    if (!tag || !QByteArray(tag).startsWith("postgres"))
        return Setup::Ready;

    if (!TestPostgres::isConfigured()) {
        *message = TestPostgres::skipMessage();
        return Setup::Skip;
    }
    m_postgres = std::make_unique<TestPostgres>();
    if (!m_postgres->create(message)) {
        m_postgres.reset();
        return Setup::Failed;
    }
    return Setup::Ready;
}

void DatabaseBackends::tearDown()
{
    closeConnections();
    m_postgres.reset();
    m_dir.reset();
}

void DatabaseBackends::closeConnections()
{
    for (const QString &name : std::as_const(m_connections)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
}

Blackbird::DatabaseConfig DatabaseBackends::config(const QString &file) const
{
    if (m_postgres)
        return m_postgres->config();
    return Blackbird::DatabaseConfig::sqlite(filePath(file));
}

QSqlDatabase DatabaseBackends::open(const QString &file)
{
    const QString name = QStringLiteral("backends-test-%1").arg(++g_connection);
    QString error;
    QSqlDatabase db = config(file).open(name, &error);
    m_connections << name;
    if (!db.isOpen())
        qFatal("cannot open the test database: %s", qPrintable(error));
    return db;
}

QString DatabaseBackends::filePath(const QString &name) const
{
    return m_dir ? m_dir->filePath(name) : QString();
}
