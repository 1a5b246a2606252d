#include "pipelinefixture.h"

#include "database/databaseconfig.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Blackbird;

namespace {

template<typename T> T await(QFuture<T> future, int timeoutMs = 20000)
{
    QFutureWatcher<T> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        done.wait(timeoutMs);
    return future.result();
}

} // namespace

PipelineFixture::PipelineFixture() = default;

PipelineFixture::~PipelineFixture()
{
    m_monitor.reset();
    if (m_devsim)
        m_devsim->stop();
    if (m_stack)
        m_stack->stop();
}

bool PipelineFixture::start(int devices, const QStringList &devsimArguments, QString *error,
                            const QStringList &stackArguments)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("stack")));
    if (!m_stack->start(stackArguments, error))
        return false;

    m_devsim = std::make_unique<DevsimProcess>(m_dir.filePath(QStringLiteral("sim")));
    if (!m_devsim->start(devices, devsimArguments, error))
        return false;

    BrokerMonitor::Config config;
    if (!BrokerMonitor::configFromEndpoints(m_stack->endpoints(), &config, error))
        return false;
    m_monitor = std::make_unique<BrokerMonitor>();
    QSignalSpy connected(m_monitor.get(), &BrokerMonitor::connectionChanged);
    if (!m_monitor->start(std::move(config), error))
        return false;
    QDeadlineTimer deadline(15000);
    while (!m_monitor->isConnected() && !deadline.hasExpired())
        QTest::qWait(50);
    if (!m_monitor->isConnected()) {
        *error = QStringLiteral("the broker monitor did not connect");
        return false;
    }

    m_audit = std::make_unique<AuditStore>();
    const AuditResult opened = await(
        m_audit->open(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("audit.sqlite")))));
    if (!opened.ok) {
        *error = opened.error;
        return false;
    }
    return true;
}

std::unique_ptr<ProvisioningStation>
PipelineFixture::makeStation(StationConfig config, const QString &batchId, QString *error)
{
    auto station = std::make_unique<ProvisioningStation>();
    station->setAuditStore(m_audit.get());
    station->setBrokerMonitor(m_monitor.get());
    station->setApiKey(SecretBytes(apiKey().toUtf8()));
    station->setBatch(BatchContext{batchId, QStringLiteral("test-operator"),
                                   QStringLiteral("station-under-test")});
    if (!station->setConfigFromEndpointsJson(endpointsPath(), config, error))
        return nullptr;
    return station;
}

bool PipelineFixture::waitIdle(ProvisioningStation &station, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    // One turn of the loop first: provision() may just have queued the devices.
    QTest::qWait(10);
    while (!station.isIdle() && !deadline.hasExpired())
        QTest::qWait(50);
    return station.isIdle();
}

QList<AuditAttempt> PipelineFixture::attempts(const QString &batchId)
{
    AuditQuery query;
    query.batchId = batchId;
    QList<AuditAttempt> list = await(m_audit->attempts(query));
    std::sort(list.begin(), list.end(), [](const AuditAttempt &a, const AuditAttempt &b) {
        return a.startedAt < b.startedAt;
    });
    return list;
}

QByteArray PipelineFixture::drainDevsim()
{
    m_devsim->process().waitForReadyRead(50);
    return m_devsim->process().readAllStandardOutput();
}

QString PipelineFixture::endpointsPath() const
{
    return QDir(m_stack->stateDir()).filePath(QStringLiteral("endpoints.json"));
}

QString PipelineFixture::apiKey() const
{
    return m_stack->endpoints().value(QStringLiteral("api_key")).toString();
}

QStringList PipelineFixture::ports(int from, int count) const
{
    QStringList result;
    for (int i = from; i < from + count; ++i)
        result << port(i);
    return result;
}

QJsonObject PipelineFixture::readStorageJson(int index, const QString &file) const
{
    QFile f(QDir(storage(index)).filePath(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString describe(const Blackbird::DeviceSnapshot &snap)
{
    using namespace Blackbird;
    return QStringLiteral("%1: %2 at %3: %4")
        .arg(snap.port, deviceStateName(snap.state), provisioningStepName(snap.step), snap.error);
}
