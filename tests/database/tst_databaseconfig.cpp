// DatabaseConfig's reading of libpq connection strings: keywords, quoting, options passed
// through, and each mistake refused with a message (a password above all).
#include "database/databaseconfig.h"

#include <QTest>

using namespace Blackbird;

class TestDatabaseConfig : public QObject
{
    Q_OBJECT

private slots:
    void connectionStrings_data();
    void connectionStrings();
    void sqlite();
};

void TestDatabaseConfig::connectionStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");

    QTest::newRow("full") << "host=db.local port=6543 dbname=bb user=me" << true << "db.local"
                          << 6543 << "bb";
    QTest::newRow("quoted") << "dbname='my db' user='o\\'neil'" << true << "127.0.0.1" << 5432
                            << "my db";
    QTest::newRow("sslmode passes")
        << "dbname=bb sslmode=require" << true << "127.0.0.1" << 5432 << "bb";
    QTest::newRow("password refused") << "dbname=bb password=x" << false << "" << 0 << "";
    QTest::newRow("no dbname") << "host=h" << false << "" << 0 << "";
    QTest::newRow("bad port") << "dbname=bb port=99999" << false << "" << 0 << "";
    QTest::newRow("unterminated quote") << "dbname='bb" << false << "" << 0 << "";
    QTest::newRow("no equals") << "dbname" << false << "" << 0 << "";
    QTest::newRow("option with semicolon") << "dbname=bb options=a;b" << false << "" << 0 << "";
}

void TestDatabaseConfig::connectionStrings()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);

    QString error;
    const auto config = DatabaseConfig::fromConnectionString(text, &error);
    QCOMPARE(config.has_value(), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QCOMPARE(config->host(), host);
    QCOMPARE(config->port(), port);
    QCOMPARE(config->databaseName(), database);
    QVERIFY(config->isPostgres());
}

void TestDatabaseConfig::sqlite()
{
    const DatabaseConfig config = DatabaseConfig::sqlite(QStringLiteral("/s/registrations.sqlite"));
    QVERIFY(!config.isPostgres());
    QCOMPARE(config.sqlitePath(), QStringLiteral("/s/registrations.sqlite"));
    QVERIFY(config.describe().contains(QLatin1String("/s/registrations.sqlite")));
}

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
