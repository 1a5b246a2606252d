// The station's audit store: every provisioning attempt, with each step's time and outcome, in
// SQLite (the user's data folder by default) or PostgreSQL (shared by several stations). All
// database work runs on one worker thread owned by the store, in the order it was asked for;
// callers get QFutures and never wait on the database from the GUI thread.
#pragma once

#include "auditdatabase.h"
#include "auditrecord.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThread>
#include <QTimer>

#include <chrono>

#include <memory>

namespace Blackbird {

class AuditStore : public QObject
{
    Q_OBJECT

public:
    explicit AuditStore(QObject *parent = nullptr);
    ~AuditStore() override;

    // The SQLite file the station uses when no database is configured.
    static QString defaultSqlitePath();

    QFuture<AuditResult> open(const DatabaseConfig &config);
    QFuture<AuditResult> startAttempt(const AuditAttempt &attempt);
    QFuture<AuditResult> updateAttempt(const AuditAttempt &attempt);
    QFuture<AuditResult> recordStep(const QString &attemptId, const AuditStep &step);
    QFuture<AuditResult> finishAttempt(const QString &attemptId, AuditOutcome outcome,
                                       const QString &error);
    // Marks this station's attempts left running by a previous run as interrupted; the
    // future holds how many, or -1 when the database could not be written.
    QFuture<int> markInterrupted(const QString &stationId);
    QFuture<QList<AuditAttempt>> attempts(const AuditQuery &query);
    QFuture<AuditResult> exportTo(const QString &path, AuditDatabase::ExportFormat format,
                                  const AuditQuery &query = {});

    // False after a write failed (disk full, read-only file, lost server) until one succeeds:
    // the pipeline starts no new device while records cannot be kept. While false, the store
    // tries a harmless write every probe interval, so that freeing the disk is enough.
    bool isWritable() const { return m_writable; }
    QString lastWriteError() const { return m_lastWriteError; }

    void setProbeInterval(std::chrono::milliseconds interval);

    // Waits for every operation queued so far; for shutdown and tests, never on the GUI path.
    void waitForIdle();

Q_SIGNALS:
    void writableChanged(bool writable, const QString &reason);

private:
    // Runs work on the store's thread. Not a thread pool: a pool lets a thread that waits on a
    // future run the task itself, and a database connection must stay on one thread.
    template<typename T> QFuture<T> run(std::function<T(AuditDatabase &)> work)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        QMetaObject::invokeMethod(
            m_context,
            [promise, work = std::move(work), database = m_database] {
                promise->start();
                promise->addResult(work(*database));
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }
    QFuture<AuditResult> submitWrite(std::function<AuditResult(AuditDatabase &)> work);
    void noteWrite(const AuditResult &result);
    void probe();

    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread, receives the work
    std::shared_ptr<AuditDatabase> m_database;
    QTimer m_probeTimer;
    bool m_probing = false;
    bool m_writable = true;
    QString m_lastWriteError;
};

} // namespace Blackbird
