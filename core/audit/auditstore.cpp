#include "auditstore.h"

#include "logging/logcategories.h"

#include <QDir>
#include <QPointer>
#include <QStandardPaths>

namespace Blackbird {

AuditStore::AuditStore(QObject *parent)
    : QObject(parent)
    , m_context(new QObject)
    , m_database(std::make_shared<AuditDatabase>())
{
    m_probeTimer.setInterval(std::chrono::seconds(5));
    connect(&m_probeTimer, &QTimer::timeout, this, &AuditStore::probe);
    m_thread.setObjectName(QStringLiteral("audit"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

AuditStore::~AuditStore()
{
    // The connection is closed on its own thread, after everything queued before has run.
    run<bool>([](AuditDatabase &db) {
        db.close();
        return true;
    });
    m_thread.quit();
    m_thread.wait();
}

QString AuditStore::defaultSqlitePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("audit.sqlite"));
}

void AuditStore::waitForIdle()
{
    run<bool>([](AuditDatabase &) { return true; }).waitForFinished();
}

QFuture<AuditResult> AuditStore::open(const DatabaseConfig &config)
{
    return submitWrite([config](AuditDatabase &db) { return db.open(config); });
}

QFuture<AuditResult> AuditStore::startAttempt(const AuditAttempt &attempt)
{
    return submitWrite([attempt](AuditDatabase &db) { return db.startAttempt(attempt); });
}

QFuture<AuditResult> AuditStore::updateAttempt(const AuditAttempt &attempt)
{
    return submitWrite([attempt](AuditDatabase &db) { return db.updateAttempt(attempt); });
}

QFuture<AuditResult> AuditStore::recordStep(const QString &attemptId, const AuditStep &step)
{
    return submitWrite(
        [attemptId, step](AuditDatabase &db) { return db.recordStep(attemptId, step); });
}

QFuture<AuditResult> AuditStore::finishAttempt(const QString &attemptId, AuditOutcome outcome,
                                               const QString &error)
{
    const QDateTime at = QDateTime::currentDateTimeUtc();
    return submitWrite([attemptId, outcome, error, at](AuditDatabase &db) {
        return db.finishAttempt(attemptId, outcome, error, at);
    });
}

QFuture<int> AuditStore::markInterrupted(const QString &stationId)
{
    const QDateTime at = QDateTime::currentDateTimeUtc();
    return run<int>([stationId, at](AuditDatabase &db) {
        QString error;
        const int count = db.markInterrupted(stationId, at, &error);
        if (count < 0)
            qCWarning(lcAudit).noquote() << "Cannot mark interrupted attempts:" << error;
        return count;
    });
}

QFuture<QList<AuditAttempt>> AuditStore::attempts(const AuditQuery &query)
{
    return run<QList<AuditAttempt>>([query](AuditDatabase &db) {
        QString error;
        QList<AuditAttempt> rows = db.attempts(query, &error);
        if (!error.isEmpty())
            qCWarning(lcAudit).noquote() << "Cannot read the audit records:" << error;
        return rows;
    });
}

QFuture<AuditResult> AuditStore::exportTo(const QString &path, AuditDatabase::ExportFormat format,
                                          const AuditQuery &query)
{
    return run<AuditResult>(
        [path, format, query](AuditDatabase &db) { return db.exportTo(path, format, query); });
}

QFuture<AuditResult> AuditStore::submitWrite(std::function<AuditResult(AuditDatabase &)> work)
{
    QPointer<AuditStore> self(this);
    return run<AuditResult>([work = std::move(work), self](AuditDatabase &db) {
        const AuditResult result = work(db);
        if (!result.ok)
            qCWarning(lcAudit).noquote() << "Audit write failed:" << result.error;
        // Report to the store's own thread; the store may be gone by then.
        QMetaObject::invokeMethod(
            self,
            [self, result] {
                if (self)
                    self->noteWrite(result);
            },
            Qt::QueuedConnection);
        return result;
    });
}

void AuditStore::setProbeInterval(std::chrono::milliseconds interval)
{
    m_probeTimer.setInterval(interval);
}

void AuditStore::probe()
{
    if (m_writable || m_probing)
        return;
    m_probing = true;
    QPointer<AuditStore> self(this);
    submitWrite([](AuditDatabase &db) {
        return db.probeWrite();
    }).then(this, [self](const AuditResult &) {
        if (self)
            self->m_probing = false;
    });
}

void AuditStore::noteWrite(const AuditResult &result)
{
    if (result.ok == m_writable)
        return;
    m_writable = result.ok;
    m_lastWriteError = result.error;
    if (m_writable) {
        m_probeTimer.stop();
        qCInfo(lcAudit) << "The audit database takes writes again";
    } else {
        m_probeTimer.start();
    }
    Q_EMIT writableChanged(m_writable, result.error);
}

} // namespace Blackbird
