// The audit database on a disk that fills up or turns read-only: the station stops starting new
// devices and says why (startsBlockedChanged), the device that met the failure keeps a complete
// claim set, and once records can be kept again the waiting devices start and pass. Runs the
// real local stack and simulator; the disk is a small tmpfs mounted by the test (skipped with a
// message where mounting is not permitted, i.e. not root).
#include "deviceinvariants.h"
#include "pipelinefixture.h"

#include "database/databaseconfig.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Blackbird;

namespace {

// How often the audit store tries a write while the disk refuses them.
constexpr int kProbeMs = 200;

constexpr int kDevices = 6;

template<typename T> T await(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        done.wait(20000);
    return future.result();
}

bool run(const QString &program, const QStringList &arguments, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(10000))
        return false;
    *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace

class TestAuditDisk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void fullDiskStopsNewDevices();
    void readOnlyDiskStopsNewDevices();

private:
    // Mounts a tmpfs of SIZE at a new folder; QSKIPs when mounting is not permitted.
    bool mountDisk(const QString &size, QString *dir, QString *error);
    std::unique_ptr<ProvisioningStation> station(AuditStore &store, const QString &batch);

    PipelineFixture m_fixture;
    QStringList m_mounts;
};

void TestAuditDisk::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.start(kDevices,
                             {QStringLiteral("--baud"), QStringLiteral("0"),
                              QStringLiteral("--console-interval-ms"), QStringLiteral("0")},
                             &error),
             qPrintable(error));
}

void TestAuditDisk::cleanup()
{
    QString output;
    for (const QString &dir : std::as_const(m_mounts)) {
        if (!run(QStringLiteral("umount"), {QStringLiteral("-l"), dir}, &output))
            qWarning() << "cannot unmount" << dir << output;
    }
    m_mounts.clear();
}

bool TestAuditDisk::mountDisk(const QString &size, QString *dir, QString *error)
{
    *dir = m_fixture.dir() + QStringLiteral("/disk-%1").arg(m_mounts.size());
    QDir().mkpath(*dir);
    if (!run(QStringLiteral("mount"),
             {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
              QStringLiteral("size=%1,mode=0700").arg(size), QStringLiteral("tmpfs"), *dir},
             error))
        return false;
    m_mounts << *dir;
    return true;
}

std::unique_ptr<ProvisioningStation> TestAuditDisk::station(AuditStore &store, const QString &batch)
{
    auto st = std::make_unique<ProvisioningStation>();
    // The store is set by the caller, once it watches startsBlockedChanged.
    Q_UNUSED(store);
    st->setBrokerMonitor(&m_fixture.monitor());
    st->setApiKey(SecretBytes(m_fixture.apiKey().toUtf8()));
    st->setBatch(BatchContext{batch, QStringLiteral("test-operator"), QStringLiteral("disk")});
    StationConfig config;
    config.baud = 921600;
    config.parallelLimit = 1; // one at a time: the second device must wait in the queue
    QString error;
    if (!st->setConfigFromEndpointsJson(m_fixture.endpointsPath(), config, &error)) {
        qWarning() << error;
        return nullptr;
    }
    return st;
}

void TestAuditDisk::fullDiskStopsNewDevices()
{
    QString dir;
    QString error;
    if (!mountDisk(QStringLiteral("1m"), &dir, &error))
        QSKIP(qPrintable(QStringLiteral("cannot mount a small tmpfs for the full-disk case (needs "
                                        "root or CAP_SYS_ADMIN): ") +
                         error));
    AuditStore store;
    store.setProbeInterval(std::chrono::milliseconds(kProbeMs));
    QVERIFY2(await(store.open(DatabaseConfig::sqlite(dir + QStringLiteral("/audit.sqlite")))).ok,
             "cannot open the audit store on the tmpfs");
    auto st = station(store, QStringLiteral("batch-full"));
    QVERIFY(st);
    QSignalSpy blocked(st.get(), &ProvisioningStation::startsBlockedChanged);
    st->setAuditStore(&store);
    st->start();
    st->provision({m_fixture.port(0)});
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    QVERIFY2(st->snapshot(m_fixture.port(0)).state == DeviceState::Passed,
             qPrintable(describe(st->snapshot(m_fixture.port(0)))));

    // Fill the disk to the last byte.
    const QString fillerPath = dir + QStringLiteral("/filler");
    {
        QFile filler(fillerPath);
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }

    st->provision({m_fixture.port(1), m_fixture.port(2)});
    QTRY_VERIFY_WITH_TIMEOUT(st->startsBlocked(), 30000);
    QVERIFY(!blocked.isEmpty());
    const QString reason = blocked.last().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("audit store cannot be written")), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("full"), Qt::CaseInsensitive), qPrintable(reason));
    QVERIFY(PipelineFixture::waitIdle(*st, 1000) == false); // device 2 waits in the queue
    QTRY_COMPARE_WITH_TIMEOUT(st->counters().running, 0, 60000);
    QCOMPARE(st->counters().queued, 1);
    QVERIFY(!st->job(m_fixture.port(2)));
    for (int i = 0; i < 3; ++i) {
        const ClaimSetState set = inspectClaimSet(m_fixture.storage(i));
        QVERIFY2(set.complete, qPrintable(set.why));
    }

    // The store keeps trying while blocked; a disk still full keeps it blocked.
    QTest::qWait(3 * kProbeMs);
    QVERIFY(st->startsBlocked());
    QVERIFY(!store.isWritable());

    // Room again, and nothing else: the store's probe finds the disk writable, the queued
    // device starts and passes; the failed one passes on retry.
    QVERIFY(QFile::remove(fillerPath));
    QTRY_VERIFY_WITH_TIMEOUT(!st->startsBlocked(), 10 * kProbeMs);
    QVERIFY(store.isWritable());
    QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    QVERIFY2(st->snapshot(m_fixture.port(2)).state == DeviceState::Passed,
             qPrintable(describe(st->snapshot(m_fixture.port(2)))));
    const DeviceSnapshot met = st->snapshot(m_fixture.port(1));
    if (met.state != DeviceState::Passed) {
        QVERIFY2(met.state == DeviceState::Failed, qPrintable(describe(met)));
        QVERIFY(st->retry(m_fixture.port(1)) || (st->provision({m_fixture.port(1)}), true));
        QVERIFY(PipelineFixture::waitIdle(*st, 60000));
    }
    QVERIFY2(st->snapshot(m_fixture.port(1)).state == DeviceState::Passed,
             qPrintable(describe(st->snapshot(m_fixture.port(1)))));
    store.waitForIdle();
}

void TestAuditDisk::readOnlyDiskStopsNewDevices()
{
    QString dir;
    QString error;
    if (!mountDisk(QStringLiteral("4m"), &dir, &error))
        QSKIP(qPrintable(QStringLiteral("cannot mount a small tmpfs for the read-only case "
                                        "(needs root or CAP_SYS_ADMIN): ") +
                         error));
    const QString path = dir + QStringLiteral("/audit.sqlite");
    {
        AuditStore made;
        QVERIFY(await(made.open(DatabaseConfig::sqlite(path))).ok);
        made.waitForIdle();
    }
    // The disk turns read-only (no file open on it, else the kernel refuses the remount).
    QVERIFY2(run(QStringLiteral("mount"), {QStringLiteral("-o"), QStringLiteral("remount,ro"), dir},
                 &error),
             qPrintable(error));

    AuditStore store;
    const AuditResult opened = await(store.open(DatabaseConfig::sqlite(path)));
    qInfo() << "opening on the read-only disk:" << opened.ok << opened.error;
    auto st = station(store, QStringLiteral("batch-readonly"));
    QVERIFY(st);
    QSignalSpy blocked(st.get(), &ProvisioningStation::startsBlockedChanged);
    st->setAuditStore(&store);
    st->start();
    st->provision({m_fixture.port(3), m_fixture.port(4)});
    QTRY_VERIFY_WITH_TIMEOUT(st->startsBlocked(), 30000);
    QVERIFY(!blocked.isEmpty());
    const QString reason = blocked.last().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("audit store cannot be written")), qPrintable(reason));
    // SQLite cannot open a WAL database on a read-only disk; the reason names the file and says
    // so in SQLite's words (it does not say "read-only": see docs/reliability.md).
    QVERIFY2(reason.contains(path), qPrintable(reason));
    QVERIFY2(reason.contains(QLatin1String("unable to open database file")), qPrintable(reason));
    // Blocked from the start: neither device started, both wait.
    QTest::qWait(300);
    QCOMPARE(st->counters().running, 0);
    QCOMPARE(st->counters().queued, 2);
    QVERIFY(!st->job(m_fixture.port(3)));
    QVERIFY(!st->job(m_fixture.port(4)));
    // Nothing that cannot be recorded reached a device.
    for (int i = 3; i < 5; ++i) {
        const ClaimSetState set = inspectClaimSet(m_fixture.storage(i));
        QVERIFY2(set.complete, qPrintable(set.why));
        QVERIFY2(!set.provisioned, qPrintable(m_fixture.port(i)));
    }
    st->cancelAll(QStringLiteral("test over"));
    QVERIFY(PipelineFixture::waitIdle(*st, 30000));
}

QTEST_GUILESS_MAIN(TestAuditDisk)
#include "tst_auditdisk.moc"
