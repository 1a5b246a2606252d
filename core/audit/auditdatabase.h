// The audit store's tables and every query on them, synchronous and bound to the thread that
// opened it. AuditStore runs one of these on its own thread; nothing here may run on the GUI
// thread. Each write is one transaction, so a station killed mid-write leaves no half record.
#pragma once

#include "auditrecord.h"
#include "database/databaseconfig.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace Blackbird {

class AuditDatabase
{
public:
    enum class ExportFormat { Csv, Json };

    AuditDatabase();
    ~AuditDatabase();
    AuditDatabase(const AuditDatabase &) = delete;
    AuditDatabase &operator=(const AuditDatabase &) = delete;

    // Opens the database and brings its tables to the current version.
    AuditResult open(const DatabaseConfig &config);
    bool isOpen() const;
    void close();

    AuditResult startAttempt(const AuditAttempt &attempt);
    // Proves that the database takes writes again (after a full disk, a read-only file or a lost
    // server) by rewriting a row of the schema table with its own values: no record changes.
    AuditResult probeWrite();
    // Rewrites the attempt's identity and outcome columns (not its steps).
    AuditResult updateAttempt(const AuditAttempt &attempt);
    AuditResult recordStep(const QString &attemptId, const AuditStep &step);
    AuditResult finishAttempt(const QString &attemptId, AuditOutcome outcome, const QString &error,
                              const QDateTime &finishedAt);
    // Attempts of this station still marked running were cut off (the station was killed or
    // lost power): they become interrupted, keeping their last step. Returns how many, or -1.
    int markInterrupted(const QString &stationId, const QDateTime &at, QString *error = nullptr);

    QList<AuditAttempt> attempts(const AuditQuery &query, QString *error = nullptr);
    std::optional<AuditAttempt> attempt(const QString &id, QString *error = nullptr);
    AuditResult exportTo(const QString &path, ExportFormat format, const AuditQuery &query);

    static QString toText(const QDateTime &time);
    static QDateTime fromText(const QString &text);

private:
    bool loadSteps(AuditAttempt &attempt, QString *error);
    AuditResult write(const std::function<bool(QString *error)> &work);

    QSqlDatabase m_db;
    QString m_connection;
};

} // namespace Blackbird
