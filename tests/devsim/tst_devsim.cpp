// Tests the blackbird-devsim program as a test or a demo script meets it: the command line, the
// "ready" line and the links, identities kept across restarts, clean stops on SIGINT/SIGTERM,
// the control channel on standard input, and a real process crash in the middle of a commit.
#include "testbundle.h"
#include "teststation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Blackbird;
using Blackbird::Test::TestBundle;
using Blackbird::Test::TestStation;

namespace {

// The simulator as a child process, with its standard output read line by line.
class Simulator
{
public:
    explicit Simulator(const QTemporaryDir &dir)
        : m_links(dir.filePath(QStringLiteral("links")))
        , m_state(dir.filePath(QStringLiteral("state")))
    {
        m_process.setProgram(QStringLiteral(DEVSIM_BIN));
    }

    ~Simulator()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    QString links() const { return m_links; }
    QString state() const { return m_state; }

    bool start(const QStringList &options)
    {
        m_lines.clear();
        m_taken = 0;
        m_process.setArguments(
            QStringList{QStringLiteral("--links"), m_links, QStringLiteral("--state"), m_state,
                        QStringLiteral("--console-interval-ms"), QStringLiteral("0"),
                        QStringLiteral("--baud"), QStringLiteral("0")} +
            options);
        m_process.start();
        return m_process.waitForStarted(5000) && !waitForLine(QStringLiteral("ready:")).isEmpty();
    }

    // The first line starting with prefix that has not been returned before.
    QString waitForLine(const QString &prefix, int timeoutMs = 10000)
    {
        QString found;
        [[maybe_unused]] const bool seen = QTest::qWaitFor(
            [&] {
                while (m_process.canReadLine())
                    m_lines << QString::fromUtf8(m_process.readLine()).trimmed();
                for (qsizetype i = m_taken; i < m_lines.size(); ++i) {
                    if (m_lines.at(i).startsWith(prefix)) {
                        found = m_lines.at(i);
                        m_taken = i + 1;
                        return true;
                    }
                }
                return m_process.state() == QProcess::NotRunning;
            },
            timeoutMs);
        return found;
    }

    QStringList lines(const QString &prefix) const
    {
        QStringList matching;
        for (const QString &line : m_lines) {
            if (line.startsWith(prefix))
                matching << line;
        }
        return matching;
    }

    QString command(const QString &line)
    {
        m_process.write(line.toUtf8() + '\n');
        const QString answer = waitForLine(QString());
        return answer;
    }

    QString deviceUuid(int index) const
    {
        const QStringList devices = lines(QStringLiteral("device: "));
        return index < devices.size() ? devices.at(index).split(QLatin1Char(' ')).value(3)
                                      : QString();
    }

    QString link(int index) const
    {
        return m_links + QStringLiteral("/dev-%1").arg(index, 3, 10, QLatin1Char('0'));
    }

    bool signalAndWait(int signalNumber)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        return waitForExit();
    }

    // waitForFinished() alone says false for a process that has already gone.
    bool waitForExit()
    {
        return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(10000);
    }

    QProcess &process() { return m_process; }

private:
    QString m_links;
    QString m_state;
    QProcess m_process;
    QStringList m_lines;
    qsizetype m_taken = 0;
};

QJsonObject helloRequest()
{
    return {{QStringLiteral("protocols"), QJsonArray{1}}};
}

} // namespace

class TestDevsim : public QObject
{
    Q_OBJECT

private slots:
    void helpAndVersion();
    void badArguments_data();
    void badArguments();
    void readyLineAndLinks();
    void stopsCleanlyAndKeepsIdentity_data();
    void stopsCleanlyAndKeepsIdentity();
    void faultsApplyOnlyToNamedDevices();
    void controlChannel();
    void crashBeforeRenameKeepsOldSet();
};

void TestDevsim::helpAndVersion()
{
    QProcess help;
    help.start(QStringLiteral(DEVSIM_BIN), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    const QString text = QString::fromUtf8(help.readAllStandardOutput());
    QCOMPARE(help.exitCode(), 0);
    for (const char *expected :
         {"--count", "--links", "--state", "--baud", "--corrupt-rate", "--drop-at",
          "--reset-during-commit", "--slow-ms", "--refuse-commit", "--fleet-fault", "--faulty",
          "--stdin-control", "ready: N"})
        QVERIFY2(text.contains(QLatin1String(expected)), expected);

    QProcess version;
    version.start(QStringLiteral(DEVSIM_BIN), {QStringLiteral("--version")});
    QVERIFY(version.waitForFinished(10000));
    QCOMPARE(version.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(version.readAllStandardOutput()).trimmed(),
             QStringLiteral("blackbird-devsim " BLACKBIRD_VERSION));
}

void TestDevsim::badArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    const QStringList dirs = {"--links", "/tmp/never-made-links", "--state", "/tmp/never-state"};
    QTest::newRow("no links") << QStringList{"--state", "/tmp/x"} << "--links DIR is required";
    QTest::newRow("no state") << QStringList{"--links", "/tmp/x"} << "--state DIR is required";
    QTest::newRow("count zero") << dirs + QStringList{"--count", "0"} << "--count must be";
    QTest::newRow("count text") << dirs + QStringList{"--count", "many"} << "--count must be";
    QTest::newRow("baud negative") << dirs + QStringList{"--baud", "-1"} << "--baud must be";
    QTest::newRow("window too big") << dirs + QStringList{"--window", "33"} << "--window must be";
    QTest::newRow("payload too small")
        << dirs + QStringList{"--max-payload", "100"} << "--max-payload must be";
    QTest::newRow("device type upper-case")
        << dirs + QStringList{"--device-type", "Sensor"} << "--device-type must be";
    QTest::newRow("corrupt rate") << dirs + QStringList{"--corrupt-rate", "2"} << "corrupt-rate";
    QTest::newRow("drop step") << dirs + QStringList{"--drop-at", "lunch"} << "drop-at must be";
    QTest::newRow("reset mode") << dirs + QStringList{"--reset-during-commit", "maybe"}
                                << "reset-during-commit must be";
    QTest::newRow("fleet fault") << dirs + QStringList{"--fleet-fault", "gremlins"}
                                 << "fleet-fault must be one of";
    QTest::newRow("faulty out of range")
        << dirs + QStringList{"--count", "2", "--faulty", "5"} << "--faulty";
    QTest::newRow("unknown option") << dirs + QStringList{"--frobnicate"} << "frobnicate";
    QTest::newRow("stray argument") << dirs + QStringList{"extra"} << "unexpected argument";
}

void TestDevsim::badArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    QProcess process;
    process.start(QStringLiteral(DEVSIM_BIN), arguments);
    QVERIFY(process.waitForFinished(10000));

    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/never-made-links")));
}

void TestDevsim::readyLineAndLinks()
{
    QTemporaryDir dir;
    Simulator simulator(dir);

    QVERIFY(simulator.start({QStringLiteral("--count"), QStringLiteral("3")}));

    QCOMPARE(simulator.lines(QStringLiteral("ready:")),
             QStringList{QStringLiteral("ready: 3 devices in ") + simulator.links()});
    QCOMPARE(simulator.lines(QStringLiteral("device: ")).size(), 3);
    const QStringList links = QDir(simulator.links()).entryList({"dev-*"}, QDir::System);
    QCOMPARE(links, (QStringList{"dev-000", "dev-001", "dev-002"}));
    for (int i = 0; i < 3; ++i) {
        const QFileInfo link(simulator.link(i));
        QVERIFY(link.isSymLink());
        QVERIFY(link.symLinkTarget().startsWith(QStringLiteral("/dev/pts/")));
        QVERIFY(QFileInfo::exists(
            simulator.state() +
            QStringLiteral("/dev-%1/identity.json").arg(i, 3, 10, QLatin1Char('0'))));
    }
    QVERIFY(simulator.deviceUuid(0) != simulator.deviceUuid(1));

    TestStation station;
    QVERIFY(station.open(simulator.link(2)));
    const auto hello = station.request(FrameType::Hello, helloRequest());
    QVERIFY(hello && hello->type == replyType(FrameType::Hello));
    QCOMPARE(TestStation::json(*hello).value(QStringLiteral("uuid")).toString(),
             simulator.deviceUuid(2));
}

void TestDevsim::stopsCleanlyAndKeepsIdentity_data()
{
    QTest::addColumn<int>("signalNumber");

    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestDevsim::stopsCleanlyAndKeepsIdentity()
{
    QFETCH(int, signalNumber);
    QTemporaryDir dir;
    Simulator simulator(dir);
    const QStringList options = {QStringLiteral("--count"), QStringLiteral("2")};
    QVERIFY(simulator.start(options));
    const QString first = simulator.deviceUuid(0);
    const QString second = simulator.deviceUuid(1);

    QVERIFY(simulator.signalAndWait(signalNumber));

    QCOMPARE(simulator.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(simulator.process().exitCode(), 0);
    QVERIFY(QDir(simulator.links()).entryList({"dev-*"}, QDir::System).isEmpty());

    QVERIFY(simulator.start(options));
    QCOMPARE(simulator.deviceUuid(0), first);
    QCOMPARE(simulator.deviceUuid(1), second);
    TestStation station;
    QVERIFY(station.open(simulator.link(1)));
    const auto hello = station.request(FrameType::Hello, helloRequest());
    QVERIFY(hello.has_value());
    QCOMPARE(TestStation::json(*hello).value(QStringLiteral("uuid")).toString(), second);
}

void TestDevsim::faultsApplyOnlyToNamedDevices()
{
    QTemporaryDir dir;
    Simulator simulator(dir);
    QVERIFY(
        simulator.start({QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--faulty"),
                         QStringLiteral("1"), QStringLiteral("--refuse-commit")}));

    QStringList codes;
    for (int i = 0; i < 2; ++i) {
        TestStation station;
        QVERIFY(station.open(simulator.link(i)));
        QVERIFY(station.request(FrameType::Hello, helloRequest()).has_value());
        const auto commit =
            station.transfer(TestBundle::create(simulator.deviceUuid(i), "claim").json());
        QVERIFY(commit.has_value());
        codes << TestStation::errorCode(commit);
    }

    QCOMPARE(codes, (QStringList{QString(), QStringLiteral("commit_refused")}));
    QVERIFY(simulator.lines(QStringLiteral("device: 1 "))
                .first()
                .contains(QStringLiteral("refuse-commit=on")));
}

void TestDevsim::controlChannel()
{
    QTemporaryDir dir;
    Simulator simulator(dir);
    QVERIFY(simulator.start(
        {QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--stdin-control")}));

    QCOMPARE(simulator.command(QStringLiteral("fault 0 refuse-commit on")),
             QStringLiteral("ok fault 0 refuse-commit=on"));
    QVERIFY(simulator.command(QStringLiteral("fault 0 drop-at sideways")).startsWith("error: "));
    QVERIFY(simulator.command(QStringLiteral("fault 7 slow-ms 5")).startsWith("error: "));
    QVERIFY(simulator.command(QStringLiteral("explode all")).startsWith("error: "));
    QVERIFY(simulator.command(QStringLiteral("drop")).startsWith("error: "));

    TestStation station;
    QVERIFY(station.open(simulator.link(0)));
    QVERIFY(station.request(FrameType::Hello, helloRequest()).has_value());
    const auto refused =
        station.transfer(TestBundle::create(simulator.deviceUuid(0), "claim").json());
    QCOMPARE(TestStation::errorCode(refused), QStringLiteral("commit_refused"));

    QCOMPARE(simulator.command(QStringLiteral("fault 0 drop-mode reenumerate")),
             QStringLiteral("ok fault 0 drop-mode=reenumerate"));
    QCOMPARE(simulator.command(QStringLiteral("drop 0")),
             QStringLiteral("link: 0 ") + simulator.links() + QStringLiteral("/dev-000-r1"));
    QCOMPARE(simulator.waitForLine(QStringLiteral("ok")), QStringLiteral("ok drop 0"));
    QTRY_VERIFY(station.hungUp());
    QVERIFY(QFileInfo(simulator.links() + QStringLiteral("/dev-000-r1")).isSymLink());

    QCOMPARE(simulator.command(QStringLiteral("show 1")).left(9), QStringLiteral("device: 1"));
    QCOMPARE(simulator.waitForLine(QStringLiteral("ok")), QStringLiteral("ok show"));
    QCOMPARE(simulator.command(QStringLiteral("quit")), QStringLiteral("ok quit"));
    QVERIFY(simulator.waitForExit());
    QCOMPARE(simulator.process().exitCode(), 0);
    QVERIFY(QDir(simulator.links()).entryList({"dev-*"}, QDir::System).isEmpty());
}

void TestDevsim::crashBeforeRenameKeepsOldSet()
{
    QTemporaryDir dir;
    Simulator simulator(dir);
    QVERIFY(simulator.start({}));
    const QString uuid = simulator.deviceUuid(0);
    const TestBundle oldSet = TestBundle::create(uuid, QStringLiteral("old"));
    const TestBundle newSet = TestBundle::create(uuid, QStringLiteral("new"));
    {
        TestStation station;
        QVERIFY(station.open(simulator.link(0)));
        QVERIFY(station.request(FrameType::Hello, helloRequest()).has_value());
        QVERIFY(station.transfer(oldSet.json()).has_value());
    }
    QVERIFY(simulator.signalAndWait(SIGTERM));

    QVERIFY(simulator.start(
        {QStringLiteral("--reset-during-commit"), QStringLiteral("crash-before-rename")}));
    {
        TestStation station;
        QVERIFY(station.open(simulator.link(0)));
        QVERIFY(station.request(FrameType::Hello, helloRequest()).has_value());
        QVERIFY(!station.transfer(newSet.json(), 200, 2000).has_value());
    }
    QVERIFY(simulator.waitForExit());

    QCOMPARE(simulator.process().exitCode(), 70);
    QCOMPARE(simulator.waitForLine(QStringLiteral("crash:")), QStringLiteral("crash: 0"));
    const QString bundlePath = simulator.state() + QStringLiteral("/dev-000/claim-bundle.json");
    QFile stored(bundlePath);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), oldSet.json());
    QFile leftover(bundlePath + QStringLiteral(".tmp"));
    QVERIFY(leftover.open(QIODevice::ReadOnly));
    QCOMPARE(leftover.readAll(), newSet.json());
    leftover.close();

    // The next boot clears the half-done write and still holds the complete old set.
    QVERIFY(simulator.start({}));
    QVERIFY(!QFileInfo::exists(bundlePath + QStringLiteral(".tmp")));
    TestStation station;
    QVERIFY(station.open(simulator.link(0)));
    const auto status = station.request(FrameType::Status);
    QVERIFY(status.has_value());
    QCOMPARE(TestStation::json(*status).value(QStringLiteral("certificate_id")).toString(),
             oldSet.certificateId);
}

QTEST_GUILESS_MAIN(TestDevsim)
#include "tst_devsim.moc"
