// Tests the simulated device's storage primitive: owner-only files, atomic replacement, and
// what a reset at each point of a replacement leaves behind.
#include "securefile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using Blackbird::Sim::SecureFile;

class TestSecureFile : public QObject
{
    Q_OBJECT

private slots:
    void writeCreatesOwnerOnlyFile();
    void replace_data();
    void replace();
    void removeLeftovers();
    void readMissingFileSaysWhy();
    void writeIntoMissingFolderFails();
    void removeIsIdempotent();
    void makeFolderIsOwnerOnly();
};

static QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

static int mode(const QString &path)
{
    struct stat st
    {};
    ::stat(QFile::encodeName(path).constData(), &st);
    return int(st.st_mode & 07777);
}

void TestSecureFile::writeCreatesOwnerOnlyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("key.pem"));

    QString error;
    QVERIFY2(SecureFile::write(path, "secret", &error), qPrintable(error));

    QCOMPARE(contents(path), QByteArray("secret"));
    QCOMPARE(mode(path), 0600);
    QVERIFY(!QFile::exists(SecureFile::temporaryPath(path)));
}

void TestSecureFile::replace_data()
{
    QTest::addColumn<SecureFile::Interruption>("interruption");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("leftover");

    QTest::newRow("no reset") << SecureFile::Interruption::None << true << QByteArray("new set")
                              << false;
    QTest::newRow("reset before rename")
        << SecureFile::Interruption::BeforeRename << false << QByteArray("old set") << true;
    QTest::newRow("reset after rename")
        << SecureFile::Interruption::AfterRename << true << QByteArray("new set") << false;
}

void TestSecureFile::replace()
{
    QFETCH(SecureFile::Interruption, interruption);
    QFETCH(bool, succeeds);
    QFETCH(QByteArray, expected);
    QFETCH(bool, leftover);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("claim-bundle.json"));
    QString error;
    QVERIFY2(SecureFile::write(path, "old set", &error), qPrintable(error));

    QCOMPARE(SecureFile::write(path, "new set", &error, interruption), succeeds);

    QCOMPARE(contents(path), expected);
    QCOMPARE(mode(path), 0600);
    QCOMPARE(QFile::exists(SecureFile::temporaryPath(path)), leftover);
    if (!succeeds)
        QVERIFY(error.contains(QStringLiteral("reset")));
}

void TestSecureFile::removeLeftovers()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("claim-bundle.json"));
    QString error;
    QVERIFY(SecureFile::write(path, "old set", &error));
    QVERIFY(!SecureFile::write(path, "new set", &error, SecureFile::Interruption::BeforeRename));

    QCOMPARE(SecureFile::removeLeftovers(dir.path()), 1);

    QVERIFY(!QFile::exists(SecureFile::temporaryPath(path)));
    QCOMPARE(contents(path), QByteArray("old set"));
    QCOMPARE(SecureFile::removeLeftovers(dir.path()), 0);
}

void TestSecureFile::readMissingFileSaysWhy()
{
    QTemporaryDir dir;
    QByteArray data;
    QString error;

    QVERIFY(!SecureFile::read(dir.filePath(QStringLiteral("absent.json")), &data, &error));

    QVERIFY(error.contains(QStringLiteral("absent.json")));
}

void TestSecureFile::writeIntoMissingFolderFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/file.json"));
    QString error;

    QVERIFY(!SecureFile::write(path, "data", &error));

    QVERIFY(error.contains(QStringLiteral("cannot create")));
    QVERIFY(!QFile::exists(path));
}

void TestSecureFile::removeIsIdempotent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("claim-bundle.json"));
    QString error;
    QVERIFY(SecureFile::write(path, "set", &error));

    QVERIFY2(SecureFile::remove(path, &error), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QVERIFY2(SecureFile::remove(path, &error), qPrintable(error));
}

void TestSecureFile::makeFolderIsOwnerOnly()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("state/dev-000"));
    QString error;

    QVERIFY2(SecureFile::makeFolder(folder, &error), qPrintable(error));

    QCOMPARE(mode(folder), 0700);
}

QTEST_GUILESS_MAIN(TestSecureFile)
#include "tst_securefile.moc"
