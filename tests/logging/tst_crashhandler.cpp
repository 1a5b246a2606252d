// The crash handler: a process that crashes (invalid access, abort) while holding a claim key
// and an API key in memory leaves a report that names the program, the signal and the stack,
// ends with the signal's own exit status, and contains neither secret.
#include "crypto/secretbytes.h"
#include "logging/crashhandler.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdlib>

using namespace Blackbird;

namespace {

// Distinctive enough never to appear by chance.
const QByteArray kClaimKey = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH"
                             "crash-handler-test-claim-key-5f3a9c\n-----END PRIVATE KEY-----\n";
const QByteArray kApiKey = "bb_live_crashhandlertest_7d1e0b4c2a";

constexpr char kChildFolder[] = "BLACKBIRD_CRASH_CHILD_FOLDER";
constexpr char kChildSignal[] = "BLACKBIRD_CRASH_CHILD_SIGNAL";

[[noreturn]] void crashAsChild()
{
    QString error;
    if (!CrashHandler::install(qEnvironmentVariable(kChildFolder), &error)) {
        qCritical("%s", qPrintable(error));
        std::exit(2);
    }
    // The secrets sit in memory, as they would during a transfer, when the crash comes.
    SecretBytes claimKey(kClaimKey);
    SecretBytes apiKey(kApiKey);
    volatile const char *keep[] = {claimKey.view().data(), apiKey.view().data()};
    Q_UNUSED(keep);
    if (qEnvironmentVariable(kChildSignal) == QLatin1String("abort"))
        std::abort();
    std::raise(SIGSEGV);
    std::exit(3); // not reached
}

} // namespace

class TestCrashHandler : public QObject
{
    Q_OBJECT

private slots:
    void writesAReportWithoutSecrets_data();
    void writesAReportWithoutSecrets();
    void refusesAFolderItCannotMake();
};

void TestCrashHandler::writesAReportWithoutSecrets_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("name");
    QTest::newRow("invalid access") << "segv" << int(SIGSEGV) << "SIGSEGV";
    QTest::newRow("abort") << "abort" << int(SIGABRT) << "SIGABRT";
}

void TestCrashHandler::writesAReportWithoutSecrets()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer builds keep the sanitizer's own crash report");
#endif
    QFETCH(QString, how);
    QFETCH(int, signal);
    QFETCH(QString, name);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("crashes"));

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kChildFolder), folder);
    environment.insert(QString::fromLatin1(kChildSignal), how);
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(30000));
    // Ended by the signal itself, as without the handler.
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    const QByteArray stderrText = child.readAllStandardError();
    QVERIFY2(stderrText.contains("report written to"), stderrText.constData());

    const QStringList reports = QDir(folder).entryList({QStringLiteral("crash-*.txt")});
    QCOMPARE(reports.size(), 1);
    QFile file(QDir(folder).filePath(reports.first()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.permissions() & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
    const QByteArray report = file.readAll();
    QVERIFY2(report.contains("program: tst_crashhandler"), report.constData());
    QVERIFY2(report.contains(QStringLiteral("signal: %1 %2").arg(signal).arg(name).toUtf8()),
             report.constData());
    QVERIFY(report.contains("stack (innermost first):"));
    const qsizetype frames = report.mid(report.indexOf("stack")).count('\n') - 1;
    QVERIFY2(frames >= 3, report.constData());
    QVERIFY2(stderrText.contains(QFile::encodeName(file.fileName())), stderrText.constData());

    // Neither secret, nor a recognisable piece of one.
    for (const QByteArray &secret : {kClaimKey, kApiKey, QByteArray("crash-handler-test-claim-key"),
                                     QByteArray("crashhandlertest"), QByteArray("PRIVATE KEY")}) {
        QVERIFY2(!report.contains(secret), secret.constData());
        QVERIFY2(!stderrText.contains(secret), secret.constData());
    }
}

void TestCrashHandler::refusesAFolderItCannotMake()
{
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer builds install no handler");
#endif
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("not-a-folder"));
    QFile blocker(file);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    QVERIFY(!CrashHandler::install(file + QStringLiteral("/crashes"), &error));
    QVERIFY2(error.contains(QLatin1String("Cannot make the crash report folder")),
             qPrintable(error));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    app.setApplicationVersion(QStringLiteral("test"));
    if (qEnvironmentVariableIsSet(kChildFolder))
        crashAsChild();
    TestCrashHandler test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashhandler.moc"
