// blackbird-station-cli from the outside, as a test rig or an MES runs it: a child process with
// the API key in its environment, against the real blackbird-local (registration service, CA,
// Mosquitto with fleet provisioning) and blackbird-devsim (devices on pseudo-terminals). Every
// result is checked from both sides: what the CLI printed, what the devices stored, what the
// stack activated, and what the audit database holds. The documented exit codes are each
// provoked once, and nothing the CLI wrote holds a claim private key or the API key.
#include "devsimprocess.h"
#include "stackprocess.h"

#include "keychain/apikeystore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>

#include <signal.h>

using namespace Blackbird;

namespace {

constexpr int kDevices = 8;

// The exit codes docs/cli.md promises.
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitConfiguration = 3;
constexpr int kExitNoApiKey = 4;
constexpr int kExitAuditUnusable = 5;
constexpr int kExitInterrupted = 130;

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QList<QJsonObject> events; // stdout's JSON lines, when --json

    QList<QJsonObject> withEvent(const QString &name) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &event : events) {
            if (event.value(QLatin1String("event")).toString() == name)
                found << event;
        }
        return found;
    }
    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.right(4000)), QString::fromUtf8(err.right(4000)));
    }
};

// The base64 lines of a PEM block: what would show up of a key however it was quoted.
QStringList pemBodyLines(const QString &pem)
{
    QStringList lines;
    for (const QString &line : pem.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.startsWith(QLatin1String("-----")) && line.trimmed().size() >= 16)
            lines << line.trimmed();
    }
    return lines;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestStationCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void helpAndUsageErrors();
    void configurationErrors();
    void missingApiKey();
    void auditDatabaseUnusable();
    void provisionsEightDevicesInParallel();
    void auditAndExportShowTheBatch();
    void secondRunLeavesThemAlone();
    void aFailedDeviceExitsOne();
    void rotationNeedsAReasonAndGivesANewCertificate();
    void watchProvisionsDevicesAsTheyAppear();
    void interruptCancelsAndRecords();
    void keychainHoldsTheApiKey();
    void noSecretInOutputDatabaseProfileOrExport();

private:
    enum class Key { None, Environment };
    // Runs the CLI with the arguments; during (if given) runs once the process has started.
    CliResult run(const QStringList &arguments, Key key = Key::Environment, int timeoutMs = 90000,
                  const std::function<bool(QProcess &, QByteArray &)> &during = {});
    QString port(int index) const { return m_devsim->link(index); }
    QStringList ports() const;
    QString storage(int index) const { return m_devsim->storage(index); }
    QJsonObject stored(int index, const QString &file) const
    {
        return readJson(QDir(storage(index)).filePath(file));
    }
    QString pattern() const { return QDir(m_devsim->linksDir()).filePath(QStringLiteral("dev-*")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QStringList station(const QString &batch) const;
    // The stack's list of activated device certificates: "<certificateId> <thingName>" lines.
    QHash<QString, QString> activeCertificates() const;
    QList<QJsonObject> auditRecords(const QStringList &filter);

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    std::unique_ptr<DevsimProcess> m_devsim;
    std::unique_ptr<DevsimProcess> m_late; // devices plugged in while the CLI watches
    QString m_endpoints;
    QString m_apiKey;
    QString m_audit;                      // the SQLite file every run records into
    QHash<QString, QString> m_firstCerts; // port -> permanent certificate id after batch 1
    QByteArray m_everything;              // every byte the CLI printed, for the secrets scan
    QStringList m_written;                // files the CLI wrote (profiles, exports)
};

void TestStationCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(BLACKBIRD_CLI_BIN)).isExecutable(), BLACKBIRD_CLI_BIN);
    m_stack = std::make_unique<StackProcess>(path(QStringLiteral("stack")));
    QString error;
    QVERIFY2(m_stack->start({}, &error), qPrintable(error));
    m_devsim = std::make_unique<DevsimProcess>(path(QStringLiteral("sim")));
    QVERIFY2(m_devsim->start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("300"),
                              QStringLiteral("--stdin-control")},
                             &error),
             qPrintable(error));
    m_endpoints = QDir(m_stack->stateDir()).filePath(QStringLiteral("endpoints.json"));
    m_apiKey = m_stack->endpoints().value(QStringLiteral("api_key")).toString();
    QVERIFY(m_apiKey.size() >= 16);
    m_audit = path(QStringLiteral("audit.sqlite"));
}

void TestStationCli::cleanupTestCase()
{
    if (m_late)
        m_late->stop();
    if (m_devsim)
        m_devsim->stop();
    if (m_stack)
        m_stack->stop();
}

CliResult TestStationCli::run(const QStringList &arguments, Key key, int timeoutMs,
                              const std::function<bool(QProcess &, QByteArray &)> &during)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QString::fromLatin1(ApiKeyStore::kEnvironmentVariable));
    if (key == Key::Environment)
        env.insert(QString::fromLatin1(ApiKeyStore::kEnvironmentVariable), m_apiKey);
    // The user's own profiles and audit database stay out of it.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(BLACKBIRD_CLI_BIN), arguments);
    CliResult result;
    if (!process.waitForStarted(10000)) {
        qWarning() << "the CLI did not start:" << process.errorString();
        return result;
    }
    if (during && !during(process, result.out))
        qWarning() << "the test's action during the run did not happen";
    if (!process.waitForFinished(timeoutMs)) {
        qWarning() << "the CLI did not finish in" << timeoutMs << "ms; killing it";
        process.kill();
        process.waitForFinished(5000);
    }
    result.out += process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    for (const QByteArray &line : result.out.split('\n')) {
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject())
            result.events << document.object();
    }
    m_everything += result.out + result.err;
    return result;
}

QStringList TestStationCli::ports() const
{
    QStringList list;
    for (int i = 0; i < kDevices; ++i)
        list << port(i);
    return list;
}

QStringList TestStationCli::station(const QString &batch) const
{
    return {QStringLiteral("--endpoints"),    m_endpoints,
            QStringLiteral("--audit-sqlite"), m_audit,
            QStringLiteral("--batch"),        batch,
            QStringLiteral("--operator"),     QStringLiteral("rig-7"),
            QStringLiteral("--station-id"),   QStringLiteral("cli-under-test")};
}

QHash<QString, QString> TestStationCli::activeCertificates() const
{
    QHash<QString, QString> active;
    const QString text = QString::fromUtf8(readAll(
        QDir(m_stack->stateDir()).filePath(QStringLiteral("fleet-active-certificates.txt"))));
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (fields.size() == 2)
            active.insert(fields.at(0), fields.at(1));
    }
    return active;
}

QList<QJsonObject> TestStationCli::auditRecords(const QStringList &filter)
{
    const CliResult result = run(QStringList{QStringLiteral("audit"), QStringLiteral("--json"),
                                             QStringLiteral("--audit-sqlite"), m_audit,
                                             QStringLiteral("--limit"), QStringLiteral("1000")} +
                                     filter,
                                 Key::None);
    if (result.exitCode != kExitOk)
        qWarning().noquote() << result.describe();
    return result.withEvent(QStringLiteral("attempt"));
}

void TestStationCli::helpAndUsageErrors()
{
    CliResult help = run({QStringLiteral("--help")}, Key::None);
    QCOMPARE(help.exitCode, kExitOk);
    for (const char *text : {"Exit status", "130", "BLACKBIRD_API_KEY", "provision", "export"})
        QVERIFY2(help.out.contains(text), text);
    help = run({QStringLiteral("help"), QStringLiteral("provision")}, Key::None);
    QCOMPARE(help.exitCode, kExitOk);
    QVERIFY(help.out.contains("--wait-for-new"));
    QVERIFY(help.out.contains("--reason"));
    const CliResult version = run({QStringLiteral("--version")}, Key::None);
    QCOMPARE(version.exitCode, kExitOk);
    QVERIFY(version.out.startsWith("blackbird-station-cli " BLACKBIRD_VERSION));

    // Each wrong command line: exit 2 with a sentence on stderr, never a device touched.
    const QList<QPair<QStringList, QByteArray>> wrong{
        {{}, "Give a command"},
        {{QStringLiteral("frobnicate")}, "no command"},
        {{QStringLiteral("provision")}, "--all or --watch"},
        {{QStringLiteral("provision"), QStringLiteral("--all"), port(0)}, "not both"},
        {{QStringLiteral("provision"), QStringLiteral("--parallel"), QStringLiteral("0"), port(0)},
         "--parallel"},
        {{QStringLiteral("provision"), QStringLiteral("--count"), QStringLiteral("2"), port(0)},
         "--watch"},
        {{QStringLiteral("provision"), QStringLiteral("--mode"), QStringLiteral("teleport"),
          port(0)},
         "--mode"},
        {{QStringLiteral("provision"), QStringLiteral("--mode"), QStringLiteral("erase-claim"),
          QStringLiteral("--reason"), QStringLiteral("returned"), port(0)},
         "--confirm-erase"},
        {{QStringLiteral("provision"), QStringLiteral("--api-key"), m_apiKey, port(0)},
         "Unknown option"},
        {{QStringLiteral("audit"), QStringLiteral("--since"), QStringLiteral("yesterday")},
         "--since"},
        {{QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml")}, "--format"},
        {{QStringLiteral("profile"), QStringLiteral("frobnicate")}, "no action"},
    };
    for (const auto &[arguments, message] : wrong) {
        const CliResult result = run(arguments, Key::Environment);
        QVERIFY2(result.exitCode == kExitUsage,
                 qPrintable(arguments.join(u' ') + QLatin1Char('\n') + result.describe()));
        QVERIFY2(result.err.contains(message), qPrintable(result.describe()));
    }

    // ports lists the simulated devices, with the device node behind each link.
    const CliResult listed = run({QStringLiteral("ports"), QStringLiteral("--json"),
                                  QStringLiteral("--port-pattern"), pattern()},
                                 Key::None);
    QCOMPARE(listed.exitCode, kExitOk);
    const QList<QJsonObject> found = listed.withEvent(QStringLiteral("port"));
    QCOMPARE(found.size(), kDevices);
    for (int i = 0; i < kDevices; ++i) {
        QCOMPARE(found.at(i).value(QLatin1String("path")).toString(), port(i));
        QVERIFY(found.at(i)
                    .value(QLatin1String("device"))
                    .toString()
                    .startsWith(QLatin1String("/dev/pts/")));
    }

    // In JSON mode the reason is also the last line on stdout.
    const CliResult json = run({QStringLiteral("--json"), QStringLiteral("provision"),
                                QStringLiteral("--mode"), QStringLiteral("rotate"), port(0)});
    QCOMPARE(json.exitCode, kExitUsage);
    QCOMPARE(json.events.size(), 1);
    QCOMPARE(json.events.first().value(QLatin1String("event")).toString(), QStringLiteral("error"));
    QCOMPARE(json.events.first().value(QLatin1String("exit_code")).toInt(), kExitUsage);
    QVERIFY(json.events.first()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("--reason")));
}

void TestStationCli::configurationErrors()
{
    const QString profiles = path(QStringLiteral("bad-profiles"));
    QVERIFY(QDir().mkpath(profiles));
    const auto provisionWith = [&](const QStringList &profileArguments) {
        return run(QStringList{QStringLiteral("provision"), QStringLiteral("--profiles-dir"),
                               profiles, QStringLiteral("--audit-sqlite"), m_audit} +
                   profileArguments + QStringList{port(0)});
    };

    // No profile at all.
    CliResult result = provisionWith({});
    QCOMPARE(result.exitCode, kExitConfiguration);
    QVERIFY2(result.err.contains("no station profile"), qPrintable(result.describe()));

    // A profile that is not there.
    result = provisionWith({QStringLiteral("--profile"), QStringLiteral("missing")});
    QCOMPARE(result.exitCode, kExitConfiguration);
    QVERIFY2(result.err.contains("no profile \"missing\""), qPrintable(result.describe()));

    // Garbage bytes.
    QByteArray garbage(600, '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 131 + 17) % 256);
    QFile broken(QDir(profiles).filePath(QStringLiteral("broken.ini")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(garbage);
    broken.close();
    result = provisionWith({QStringLiteral("--profile"), QStringLiteral("broken")});
    QCOMPARE(result.exitCode, kExitConfiguration);
    QVERIFY2(result.err.contains("cannot be used"), qPrintable(result.describe()));

    // From a newer station.
    {
        QSettings future(QDir(profiles).filePath(QStringLiteral("future.ini")),
                         QSettings::IniFormat);
        future.setValue(QStringLiteral("format/version"), 99);
        future.setValue(QStringLiteral("registration/url"),
                        QStringLiteral("https://127.0.0.1:1/v1/registrations"));
    }
    result = provisionWith({QStringLiteral("--profile"), QStringLiteral("future")});
    QCOMPARE(result.exitCode, kExitConfiguration);
    QVERIFY2(result.err.contains("newer station"), qPrintable(result.describe()));

    // A readable profile that is not ready: the registration URL is not https.
    result = run({QStringLiteral("profile"), QStringLiteral("import"), m_endpoints,
                  QStringLiteral("plain-http"), QStringLiteral("--profiles-dir"), profiles});
    QCOMPARE(result.exitCode, kExitOk);
    {
        QSettings edit(QDir(profiles).filePath(QStringLiteral("plain-http.ini")),
                       QSettings::IniFormat);
        edit.setValue(QStringLiteral("registration/url"),
                      edit.value(QStringLiteral("registration/url"))
                          .toString()
                          .replace(QLatin1String("https:"), QLatin1String("http:")));
    }
    result = provisionWith({QStringLiteral("--profile"), QStringLiteral("plain-http")});
    QCOMPARE(result.exitCode, kExitConfiguration);
    QVERIFY2(result.err.contains("https://"), qPrintable(result.describe()));
    result = run({QStringLiteral("profile"), QStringLiteral("validate"),
                  QStringLiteral("plain-http"), QStringLiteral("--profiles-dir"), profiles});
    QCOMPARE(result.exitCode, kExitConfiguration);

    // profile list names each with its state, and crashes on none of them.
    result = run({QStringLiteral("profile"), QStringLiteral("list"), QStringLiteral("--json"),
                  QStringLiteral("--profiles-dir"), profiles});
    QCOMPARE(result.exitCode, kExitOk);
    QHash<QString, QString> states;
    for (const QJsonObject &p : result.withEvent(QStringLiteral("profile")))
        states.insert(p.value(QLatin1String("name")).toString(),
                      p.value(QLatin1String("status")).toString());
    QCOMPARE(states.value(QStringLiteral("broken")), QStringLiteral("refused"));
    QCOMPARE(states.value(QStringLiteral("future")), QStringLiteral("refused"));
    QCOMPARE(states.value(QStringLiteral("plain-http")), QStringLiteral("incomplete"));

    // An endpoints file that is not there.
    result = run({QStringLiteral("provision"), QStringLiteral("--endpoints"),
                  path(QStringLiteral("nowhere.json")), port(0)});
    QCOMPARE(result.exitCode, kExitConfiguration);
    QVERIFY2(result.err.contains("nowhere.json"), qPrintable(result.describe()));

    // Nothing of it reached a device.
    for (int i = 0; i < kDevices; ++i)
        QVERIFY(!QFileInfo::exists(QDir(storage(i)).filePath("claim-bundle.json")));
}

void TestStationCli::missingApiKey()
{
    // A profile name no keychain has an entry for, and no BLACKBIRD_API_KEY.
    const QString name = QStringLiteral("cli-no-key-") + QUuid::createUuid().toString(QUuid::Id128);
    CliResult result = run({QStringLiteral("--json"), QStringLiteral("provision"),
                            QStringLiteral("--endpoints"), m_endpoints, QStringLiteral("--profile"),
                            name, QStringLiteral("--audit-sqlite"), m_audit, port(0)},
                           Key::None);
    QCOMPARE(result.exitCode, kExitNoApiKey);
    const QByteArray expected = "No API key for profile " + name.toUtf8();
    QVERIFY2(result.err.contains(expected), qPrintable(result.describe()));
    QVERIFY(result.err.contains("BLACKBIRD_API_KEY"));
    QCOMPARE(result.withEvent(QStringLiteral("error")).size(), 1);
    QCOMPARE(result.withEvent(QStringLiteral("started")).size(), 0);
    QVERIFY(!QFileInfo::exists(QDir(storage(0)).filePath("claim-bundle.json")));

    result = run({QStringLiteral("profile"), QStringLiteral("validate"),
                  QStringLiteral("--endpoints"), m_endpoints, QStringLiteral("--profile"), name},
                 Key::None);
    QCOMPARE(result.exitCode, kExitNoApiKey);
    result = run({QStringLiteral("profile"), QStringLiteral("validate"),
                  QStringLiteral("--endpoints"), m_endpoints, QStringLiteral("--profile"), name});
    QCOMPARE(result.exitCode, kExitOk);
    QVERIFY(result.out.contains("environment"));
}

void TestStationCli::auditDatabaseUnusable()
{
    // The database's folder would have to be where a file is.
    QFile blocker(path(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    CliResult result = run({QStringLiteral("provision"), QStringLiteral("--endpoints"), m_endpoints,
                            QStringLiteral("--audit-sqlite"),
                            path(QStringLiteral("not-a-folder/audit.sqlite")), port(0)});
    QCOMPARE(result.exitCode, kExitAuditUnusable);
    QVERIFY2(result.err.contains("audit database"), qPrintable(result.describe()));
    QVERIFY(!QFileInfo::exists(QDir(storage(0)).filePath("claim-bundle.json")));

    // Reading a database that does not exist does not create one.
    const QString absent = path(QStringLiteral("absent.sqlite"));
    result = run({QStringLiteral("audit"), QStringLiteral("--audit-sqlite"), absent}, Key::None);
    QCOMPARE(result.exitCode, kExitAuditUnusable);
    QVERIFY(!QFileInfo::exists(absent));
}

void TestStationCli::provisionsEightDevicesInParallel()
{
    QElapsedTimer clock;
    clock.start();
    const CliResult result =
        run(QStringList{QStringLiteral("provision"), QStringLiteral("--json"),
                        QStringLiteral("--all"), QStringLiteral("--port-pattern"), pattern(),
                        QStringLiteral("--parallel"), QString::number(kDevices)} +
            station(QStringLiteral("cli-1")));
    qInfo() << "8 devices provisioned by the CLI in" << clock.elapsed() << "ms";
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));

    const QList<QJsonObject> finished = result.withEvent(QStringLiteral("finished"));
    QCOMPARE(finished.size(), kDevices);
    QCOMPARE(result.withEvent(QStringLiteral("started")).size(), kDevices);
    QVERIFY(result.withEvent(QStringLiteral("step")).size() >= kDevices * 8);

    // Parallel: more than one device had started before the first one finished.
    int running = 0;
    int most = 0;
    for (const QJsonObject &event : result.events) {
        const QString name = event.value(QLatin1String("event")).toString();
        running += name == QLatin1String("started")    ? 1
                   : name == QLatin1String("finished") ? -1
                                                       : 0;
        most = qMax(most, running);
    }
    QVERIFY2(most > 1, "the devices did not run in parallel");

    const QHash<QString, QString> active = activeCertificates();
    QSet<QString> seenPorts;
    for (const QJsonObject &event : finished) {
        const QString where = event.value(QLatin1String("port")).toString();
        QVERIFY2(event.value(QLatin1String("outcome")).toString() == QLatin1String("passed"),
                 qPrintable(QJsonDocument(event).toJson()));
        QVERIFY(event.value(QLatin1String("device_confirmed")).toBool());
        QVERIFY(event.value(QLatin1String("broker_confirmed")).toBool());
        seenPorts.insert(where);
        const int index = ports().indexOf(where);
        QVERIFY2(index >= 0, qPrintable(where));

        // The device's side: its storage holds what the CLI named.
        const QString certificate = event.value(QLatin1String("device_certificate_id")).toString();
        const QString thing = event.value(QLatin1String("thing_name")).toString();
        QVERIFY(!certificate.isEmpty());
        QVERIFY(!thing.isEmpty());
        QCOMPARE(stored(index, "device-credentials.json")
                     .value(QLatin1String("certificate_id"))
                     .toString(),
                 certificate);
        QCOMPARE(stored(index, "provisioned.json").value(QLatin1String("thing_name")).toString(),
                 thing);
        QCOMPARE(stored(index, "identity.json").value(QLatin1String("uuid")).toString(),
                 event.value(QLatin1String("uuid")).toString());
        QCOMPARE(
            stored(index, "claim-bundle.json").value(QLatin1String("certificate_id")).toString(),
            event.value(QLatin1String("certificate_id")).toString());
        // The cloud's side: fleet provisioning activated that certificate for that thing.
        QCOMPARE(active.value(certificate), thing);
        m_firstCerts.insert(where, certificate);
    }
    QCOMPARE(seenPorts.size(), kDevices);

    const QList<QJsonObject> summary = result.withEvent(QStringLiteral("summary"));
    QCOMPARE(summary.size(), 1);
    QCOMPARE(summary.first().value(QLatin1String("passed")).toInt(), kDevices);
    QCOMPARE(summary.first().value(QLatin1String("failed")).toInt(), 0);
    QCOMPARE(summary.first().value(QLatin1String("exit_code")).toInt(), kExitOk);
    QCOMPARE(summary.first().value(QLatin1String("batch")).toString(), QStringLiteral("cli-1"));
    QCOMPARE(result.events.last(), summary.first());

    // Recorded: one passed attempt per device with every step passed.
    const QList<QJsonObject> records =
        auditRecords({QStringLiteral("--batch"), QStringLiteral("cli-1")});
    QCOMPARE(records.size(), kDevices);
    for (const QJsonObject &record : records) {
        QCOMPARE(record.value(QLatin1String("outcome")).toString(), QStringLiteral("passed"));
        QCOMPARE(record.value(QLatin1String("mode")).toString(), QStringLiteral("production"));
        QCOMPARE(record.value(QLatin1String("operator")).toString(), QStringLiteral("rig-7"));
        QCOMPARE(record.value(QLatin1String("station")).toString(),
                 QStringLiteral("cli-under-test"));
        const QJsonArray steps = record.value(QLatin1String("steps")).toArray();
        QCOMPARE(steps.size(), 8);
        for (const QJsonValue &step : steps)
            QCOMPARE(step.toObject().value(QLatin1String("outcome")).toString(),
                     QStringLiteral("passed"));
    }
}

void TestStationCli::auditAndExportShowTheBatch()
{
    // Human-readable audit: one line per attempt.
    CliResult result = run({QStringLiteral("audit"), QStringLiteral("--audit-sqlite"), m_audit,
                            QStringLiteral("--batch"), QStringLiteral("cli-1"),
                            QStringLiteral("--since"), QStringLiteral("1h")},
                           Key::None);
    QCOMPARE(result.exitCode, kExitOk);
    QCOMPARE(result.out.count("passed"), kDevices);
    // --since in the future leaves nothing.
    result =
        run({QStringLiteral("audit"), QStringLiteral("--json"), QStringLiteral("--audit-sqlite"),
             m_audit, QStringLiteral("--since"), QStringLiteral("2999-01-01")},
            Key::None);
    QCOMPARE(result.exitCode, kExitOk);
    QCOMPARE(result.withEvent(QStringLiteral("attempt")).size(), 0);

    const QString csv = path(QStringLiteral("cli-1.csv"));
    result = run({QStringLiteral("export"), QStringLiteral("--audit-sqlite"), m_audit,
                  QStringLiteral("--batch"), QStringLiteral("cli-1"), QStringLiteral("-o"), csv},
                 Key::None);
    QCOMPARE(result.exitCode, kExitOk);
    m_written << csv;
    const QList<QByteArray> lines = readAll(csv).trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + kDevices);
    QVERIFY(lines.first().startsWith("id,"));

    result = run({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
                  QStringLiteral("--audit-sqlite"), m_audit, QStringLiteral("--batch"),
                  QStringLiteral("cli-1")},
                 Key::None);
    QCOMPARE(result.exitCode, kExitOk);
    const QJsonDocument exported = QJsonDocument::fromJson(result.out);
    QVERIFY(exported.isArray());
    QCOMPARE(exported.array().size(), kDevices);

    // An export that cannot be written fails whole.
    result = run({QStringLiteral("export"), QStringLiteral("--audit-sqlite"), m_audit,
                  QStringLiteral("-o"), path(QStringLiteral("not-a-folder/x.csv"))},
                 Key::None);
    QCOMPARE(result.exitCode, 1);
}

void TestStationCli::secondRunLeavesThemAlone()
{
    const CliResult result =
        run(QStringList{QStringLiteral("provision"), QStringLiteral("--parallel"),
                        QString::number(kDevices)} +
            station(QStringLiteral("cli-2")) + ports());
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));
    QCOMPARE(result.out.count(" SKIPPED "), kDevices);
    QVERIFY(result.out.contains("already provisioned"));
    QVERIFY(result.out.contains("8 skipped"));
    for (int i = 0; i < kDevices; ++i) {
        QCOMPARE(
            stored(i, "device-credentials.json").value(QLatin1String("certificate_id")).toString(),
            m_firstCerts.value(port(i)));
    }
    const QList<QJsonObject> records =
        auditRecords({QStringLiteral("--batch"), QStringLiteral("cli-2")});
    QCOMPARE(records.size(), kDevices);
    for (const QJsonObject &record : records)
        QCOMPARE(record.value(QLatin1String("outcome")).toString(), QStringLiteral("skipped"));
}

void TestStationCli::aFailedDeviceExitsOne()
{
    // One good device and one port where nothing answers: the failure is named, recorded, and
    // leaves the other device alone.
    const QString gone = QDir(m_devsim->linksDir()).filePath(QStringLiteral("dev-999"));
    const CliResult result =
        run(QStringList{QStringLiteral("provision"), QStringLiteral("--json")} +
            station(QStringLiteral("cli-fail")) + QStringList{port(1), gone});
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QHash<QString, QJsonObject> byPort;
    for (const QJsonObject &event : result.withEvent(QStringLiteral("finished")))
        byPort.insert(event.value(QLatin1String("port")).toString(), event);
    QCOMPARE(byPort.size(), 2);
    QCOMPARE(byPort.value(port(1)).value(QLatin1String("outcome")).toString(),
             QStringLiteral("skipped"));
    const QJsonObject failed = byPort.value(gone);
    QCOMPARE(failed.value(QLatin1String("outcome")).toString(), QStringLiteral("failed"));
    QCOMPARE(failed.value(QLatin1String("step")).toString(), QStringLiteral("identify"));
    QVERIFY(!failed.value(QLatin1String("reason")).toString().isEmpty());
    const QJsonObject summary = result.withEvent(QStringLiteral("summary")).value(0);
    QCOMPARE(summary.value(QLatin1String("failed")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("exit_code")).toInt(), 1);

    const QList<QJsonObject> records =
        auditRecords({QStringLiteral("--batch"), QStringLiteral("cli-fail"),
                      QStringLiteral("--outcome"), QStringLiteral("failed")});
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(QLatin1String("port")).toString(), gone);
    QCOMPARE(records.first().value(QLatin1String("error")).toString(),
             failed.value(QLatin1String("reason")).toString());
}

void TestStationCli::rotationNeedsAReasonAndGivesANewCertificate()
{
    const QString before = m_firstCerts.value(port(0));
    QVERIFY(!before.isEmpty());

    // Without a reason: a usage error, and the device is not touched.
    CliResult result = run(QStringList{QStringLiteral("provision"), QStringLiteral("--mode"),
                                       QStringLiteral("rotate")} +
                           station(QStringLiteral("cli-rotate")) + QStringList{port(0)});
    QCOMPARE(result.exitCode, kExitUsage);
    QVERIFY2(result.err.contains("--reason"), qPrintable(result.describe()));
    QCOMPARE(stored(0, "device-credentials.json").value(QLatin1String("certificate_id")).toString(),
             before);

    const QString reason = QStringLiteral("claim rotation after audit finding 17");
    result = run(QStringList{QStringLiteral("provision"), QStringLiteral("--json"),
                             QStringLiteral("--mode"), QStringLiteral("rotate"),
                             QStringLiteral("--reason"), reason} +
                 station(QStringLiteral("cli-rotate")) + QStringList{port(0)});
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));
    const QList<QJsonObject> finished = result.withEvent(QStringLiteral("finished"));
    QCOMPARE(finished.size(), 1);
    const QJsonObject event = finished.first();
    QCOMPARE(event.value(QLatin1String("outcome")).toString(), QStringLiteral("passed"));
    QCOMPARE(event.value(QLatin1String("mode")).toString(), QStringLiteral("rotate"));
    QCOMPARE(event.value(QLatin1String("service_reason")).toString(), reason);
    const QString after = event.value(QLatin1String("device_certificate_id")).toString();
    QVERIFY(!after.isEmpty());
    QVERIFY(after != before);
    QCOMPARE(stored(0, "device-credentials.json").value(QLatin1String("certificate_id")).toString(),
             after);
    QCOMPARE(activeCertificates().value(after),
             event.value(QLatin1String("thing_name")).toString());
    // The other devices keep theirs.
    QCOMPARE(stored(1, "device-credentials.json").value(QLatin1String("certificate_id")).toString(),
             m_firstCerts.value(port(1)));

    const QList<QJsonObject> records =
        auditRecords({QStringLiteral("--batch"), QStringLiteral("cli-rotate")});
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(QLatin1String("mode")).toString(), QStringLiteral("rotate"));
    QCOMPARE(records.first().value(QLatin1String("service_reason")).toString(), reason);
    QCOMPARE(records.first().value(QLatin1String("outcome")).toString(), QStringLiteral("passed"));
    m_firstCerts.insert(port(0), after);
}

void TestStationCli::watchProvisionsDevicesAsTheyAppear()
{
    // The CLI waits on a folder where no device is yet; two are plugged in once it is ready.
    m_late = std::make_unique<DevsimProcess>(path(QStringLiteral("late")));
    QVERIFY(QDir().mkpath(m_late->linksDir()));
    const QString latePattern = QDir(m_late->linksDir()).filePath(QStringLiteral("dev-*"));
    QString plugError;
    const auto plugInWhenReady = [&](QProcess &process, QByteArray &out) {
        QDeadlineTimer deadline(30000);
        while (!out.contains("\"event\":\"ready\"") && !deadline.hasExpired()) {
            process.waitForReadyRead(200);
            out += process.readAllStandardOutput();
        }
        if (!out.contains("\"event\":\"ready\""))
            return false;
        return m_late->start(2,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("0")},
                             &plugError);
    };
    const CliResult result =
        run(QStringList{QStringLiteral("provision"), QStringLiteral("--json"),
                        QStringLiteral("--wait-for-new"), QStringLiteral("--count"),
                        QStringLiteral("2"), QStringLiteral("--port-pattern"), latePattern} +
                station(QStringLiteral("cli-watch")),
            Key::Environment, 90000, plugInWhenReady);
    QVERIFY2(plugError.isEmpty(), qPrintable(plugError));
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));
    const QList<QJsonObject> finished = result.withEvent(QStringLiteral("finished"));
    QCOMPARE(finished.size(), 2);
    QSet<QString> lateCerts;
    for (const QJsonObject &event : finished) {
        QCOMPARE(event.value(QLatin1String("outcome")).toString(), QStringLiteral("passed"));
        lateCerts.insert(event.value(QLatin1String("device_certificate_id")).toString());
    }
    for (int i = 0; i < 2; ++i) {
        QVERIFY(lateCerts.contains(
            readJson(QDir(m_late->storage(i)).filePath("device-credentials.json"))
                .value(QLatin1String("certificate_id"))
                .toString()));
    }
    QCOMPARE(result.withEvent(QStringLiteral("ready")).first().value(QLatin1String("watch")),
             QJsonValue(true));
}

void TestStationCli::interruptCancelsAndRecords()
{
    // Slow replies keep device 6 at identify long enough to interrupt it there; device 7 waits
    // in the queue behind it (one at a time).
    QString answer;
    QVERIFY2(m_devsim->control(QStringLiteral("fault 6-7 slow-ms 3000"), &answer),
             qPrintable(answer));
    const auto interruptOnceStarted = [](QProcess &process, QByteArray &out) {
        QDeadlineTimer deadline(30000);
        while (!out.contains("\"event\":\"started\"") && !deadline.hasExpired()) {
            process.waitForReadyRead(200);
            out += process.readAllStandardOutput();
        }
        return out.contains("\"event\":\"started\"") &&
               ::kill(pid_t(process.processId()), SIGINT) == 0;
    };
    const CliResult result =
        run(QStringList{QStringLiteral("provision"), QStringLiteral("--json"),
                        QStringLiteral("--parallel"), QStringLiteral("1"), QStringLiteral("--mode"),
                        QStringLiteral("rotate"), QStringLiteral("--reason"),
                        QStringLiteral("interrupt test")} +
                station(QStringLiteral("cli-interrupt")) + QStringList{port(6), port(7)},
            Key::Environment, 60000, interruptOnceStarted);
    QVERIFY(m_devsim->control(QStringLiteral("fault 6-7 slow-ms 0"), &answer));
    QVERIFY2(result.exitCode == kExitInterrupted, qPrintable(result.describe()));
    QVERIFY(result.err.contains("interrupted by SIGINT"));
    QCOMPARE(result.withEvent(QStringLiteral("started")).size(), 1);
    const QList<QJsonObject> finished = result.withEvent(QStringLiteral("finished"));
    QCOMPARE(finished.size(), 2);
    for (const QJsonObject &event : finished) {
        QCOMPARE(event.value(QLatin1String("outcome")).toString(), QStringLiteral("cancelled"));
        QVERIFY(event.value(QLatin1String("reason")).toString().contains(QLatin1String("SIGINT")));
    }
    const QJsonObject summary = result.withEvent(QStringLiteral("summary")).value(0);
    QVERIFY(summary.value(QLatin1String("interrupted")).toBool());
    QCOMPARE(summary.value(QLatin1String("cancelled")).toInt(), 2);
    QCOMPARE(summary.value(QLatin1String("exit_code")).toInt(), kExitInterrupted);

    // The started one is recorded as cancelled, with why, not left running; the queued one
    // never started, so it has no record.
    const QList<QJsonObject> records =
        auditRecords({QStringLiteral("--batch"), QStringLiteral("cli-interrupt")});
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().value(QLatin1String("outcome")).toString(),
             QStringLiteral("cancelled"));
    QVERIFY(
        records.first().value(QLatin1String("error")).toString().contains(QLatin1String("SIGINT")));
    // SIGTERM (a service being stopped) ends a run the same way.
    const auto terminateWhenReady = [](QProcess &process, QByteArray &out) {
        QDeadlineTimer deadline(30000);
        while (!out.contains("\"event\":\"ready\"") && !deadline.hasExpired()) {
            process.waitForReadyRead(200);
            out += process.readAllStandardOutput();
        }
        return out.contains("\"event\":\"ready\"") &&
               ::kill(pid_t(process.processId()), SIGTERM) == 0;
    };
    const CliResult stopped =
        run(QStringList{QStringLiteral("provision"), QStringLiteral("--json"),
                        QStringLiteral("--watch"), QStringLiteral("--port-pattern"),
                        path(QStringLiteral("empty/dev-*"))} +
                station(QStringLiteral("cli-sigterm")),
            Key::Environment, 60000, terminateWhenReady);
    QVERIFY2(stopped.exitCode == kExitInterrupted, qPrintable(stopped.describe()));
    QVERIFY(stopped.err.contains("interrupted by SIGTERM"));
    QCOMPARE(stopped.withEvent(QStringLiteral("summary")).value(0).value(QLatin1String("total")),
             QJsonValue(0));

    // The devices still have the credentials they had.
    for (int i : {6, 7}) {
        QCOMPARE(
            stored(i, "device-credentials.json").value(QLatin1String("certificate_id")).toString(),
            m_firstCerts.value(port(i)));
    }
}

void TestStationCli::keychainHoldsTheApiKey()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("No D-Bus session bus, so no Secret Service: run the tests under "
              "scripts/with-session-services.sh (dbus-run-session with an unlocked "
              "gnome-keyring).");
    // A profile of its own, imported by the CLI, its key stored the way the window stores it.
    const QString profiles = path(QStringLiteral("profiles"));
    const QString name =
        QStringLiteral("cli-keychain-") + QUuid::createUuid().toString(QUuid::Id128);
    CliResult result =
        run({QStringLiteral("profile"), QStringLiteral("import"), m_endpoints, name,
             QStringLiteral("--profiles-dir"), profiles, QStringLiteral("--port-pattern"),
             pattern(), QStringLiteral("--audit-sqlite"), m_audit},
            Key::None);
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));
    m_written << QDir(profiles).filePath(name + QStringLiteral(".ini"));

    ApiKeyStore keys;
    ApiKeyJob *write = keys.write(name, SecretBytes(m_apiKey.toUtf8()));
    QSignalSpy written(write, &ApiKeyJob::finished);
    QVERIFY(write->isFinished() || written.wait(20000));
    QVERIFY2(write->result().ok(), qPrintable(write->result().message));

    result = run({QStringLiteral("profile"), QStringLiteral("validate"), name,
                  QStringLiteral("--profiles-dir"), profiles},
                 Key::None);
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));
    QVERIFY(result.out.contains("keychain"));

    // Provisioning with the keychain's key (and no BLACKBIRD_API_KEY) gets past the key check:
    // the devices are provisioned already, so they are skipped and recorded.
    result = run({QStringLiteral("provision"), QStringLiteral("--json"), QStringLiteral("--all"),
                  QStringLiteral("--profiles-dir"), profiles, QStringLiteral("--profile"), name,
                  QStringLiteral("--batch"), QStringLiteral("cli-keychain")},
                 Key::None);
    ApiKeyJob *remove = keys.remove(name);
    QSignalSpy removed(remove, &ApiKeyJob::finished);
    QVERIFY(remove->isFinished() || removed.wait(20000));
    QVERIFY2(result.exitCode == kExitOk, qPrintable(result.describe()));
    const QJsonObject summary = result.withEvent(QStringLiteral("summary")).value(0);
    QCOMPARE(summary.value(QLatin1String("skipped")).toInt(), kDevices);

    // The profile file holds no key.
    QVERIFY(!readAll(m_written.last()).contains(m_apiKey.toUtf8()));
    QVERIFY(!readAll(m_written.last()).contains("api_key"));
}

void TestStationCli::noSecretInOutputDatabaseProfileOrExport()
{
    // The claim private keys the devices hold (they came through the CLI) and the API key.
    QStringList secrets{m_apiKey};
    for (int i = 0; i < kDevices; ++i) {
        const QString key =
            stored(i, "claim-bundle.json").value(QLatin1String("private_key_pem")).toString();
        QVERIFY(!key.isEmpty());
        secrets << pemBodyLines(key);
    }
    for (int i = 0; m_late && i < 2; ++i) {
        secrets << pemBodyLines(readJson(QDir(m_late->storage(i)).filePath("claim-bundle.json"))
                                    .value(QLatin1String("private_key_pem"))
                                    .toString());
    }
    QVERIFY(secrets.size() > kDevices + 2);

    // Everything the CLI wrote: its output, the audit database (journal files too), the
    // profiles it imported, its exports.
    QByteArray written = m_everything;
    QVERIFY(written.size() > 10000);
    const QDir dir(m_dir.path());
    int databaseFiles = 0;
    for (const QString &name : dir.entryList({QStringLiteral("audit.sqlite*")}, QDir::Files)) {
        written += readAll(dir.filePath(name));
        ++databaseFiles;
    }
    QVERIFY(databaseFiles >= 1);
    const QStringList profiles{path(QStringLiteral("bad-profiles/plain-http.ini"))};
    for (const QString &file : profiles + m_written) {
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        written += readAll(file);
    }
    for (const QString &secret : std::as_const(secrets))
        QVERIFY2(!written.contains(secret.toUtf8()), "a secret reached the CLI's output or files");
    QVERIFY(!written.contains("PRIVATE KEY"));
}

QTEST_GUILESS_MAIN(TestStationCli)
#include "tst_stationcli.moc"
