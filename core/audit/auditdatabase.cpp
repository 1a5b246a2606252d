#include "auditdatabase.h"

#include "database/schemamigrations.h"
#include "logging/logcategories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace Blackbird {

namespace {

const QString s_component = QStringLiteral("audit");

// Each entry takes the audit tables one version further; never edit a released entry.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{{
        QStringLiteral("CREATE TABLE audit_attempts ("
                       "id TEXT PRIMARY KEY, station_id TEXT NOT NULL, "
                       "operator_name TEXT NOT NULL, batch_id TEXT NOT NULL, mode TEXT NOT NULL, "
                       "reason TEXT NOT NULL, port TEXT NOT NULL, usb_serial TEXT NOT NULL, "
                       "device_uuid TEXT NOT NULL, device_type TEXT NOT NULL, "
                       "firmware TEXT NOT NULL, certificate_id TEXT NOT NULL, "
                       "thing_name TEXT NOT NULL, outcome TEXT NOT NULL, "
                       "last_step TEXT NOT NULL, error TEXT NOT NULL, "
                       "started_at TEXT NOT NULL, finished_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX audit_attempts_started ON audit_attempts (started_at)"),
        QStringLiteral("CREATE INDEX audit_attempts_device ON audit_attempts (device_uuid)"),
        QStringLiteral("CREATE INDEX audit_attempts_batch ON audit_attempts (batch_id)"),
        QStringLiteral("CREATE TABLE audit_steps ("
                       "attempt_id TEXT NOT NULL REFERENCES audit_attempts (id), "
                       "seq INTEGER NOT NULL, step TEXT NOT NULL, outcome TEXT NOT NULL, "
                       "detail TEXT NOT NULL, started_at TEXT NOT NULL, "
                       "finished_at TEXT NOT NULL, PRIMARY KEY (attempt_id, seq))"),
    }};
    return steps;
}

const QStringList s_attemptColumns{
    QStringLiteral("id"),          QStringLiteral("station_id"), QStringLiteral("operator_name"),
    QStringLiteral("batch_id"),    QStringLiteral("mode"),       QStringLiteral("reason"),
    QStringLiteral("port"),        QStringLiteral("usb_serial"), QStringLiteral("device_uuid"),
    QStringLiteral("device_type"), QStringLiteral("firmware"),   QStringLiteral("certificate_id"),
    QStringLiteral("thing_name"),  QStringLiteral("outcome"),    QStringLiteral("last_step"),
    QStringLiteral("error"),       QStringLiteral("started_at"), QStringLiteral("finished_at"),
};

// Columns are NOT NULL: an unknown value is stored as empty text, never as NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariantList attemptValues(const AuditAttempt &a)
{
    return {text(a.id),
            text(a.stationId),
            text(a.operatorName),
            text(a.batchId),
            text(a.mode),
            text(a.reason),
            text(a.port),
            text(a.usbSerial),
            text(a.deviceUuid),
            text(a.deviceType),
            text(a.firmware),
            text(a.certificateId),
            text(a.thingName),
            text(auditOutcomeName(a.outcome)),
            text(a.lastStep),
            text(a.error),
            text(AuditDatabase::toText(a.startedAt)),
            text(AuditDatabase::toText(a.finishedAt))};
}

AuditAttempt attemptFromRecord(const QSqlQuery &q)
{
    AuditAttempt a;
    a.id = q.value(0).toString();
    a.stationId = q.value(1).toString();
    a.operatorName = q.value(2).toString();
    a.batchId = q.value(3).toString();
    a.mode = q.value(4).toString();
    a.reason = q.value(5).toString();
    a.port = q.value(6).toString();
    a.usbSerial = q.value(7).toString();
    a.deviceUuid = q.value(8).toString();
    a.deviceType = q.value(9).toString();
    a.firmware = q.value(10).toString();
    a.certificateId = q.value(11).toString();
    a.thingName = q.value(12).toString();
    a.outcome = auditOutcomeFromName(q.value(13).toString()).value_or(AuditOutcome::Failed);
    a.lastStep = q.value(14).toString();
    a.error = q.value(15).toString();
    a.startedAt = AuditDatabase::fromText(q.value(16).toString());
    a.finishedAt = AuditDatabase::fromText(q.value(17).toString());
    return a;
}

bool run(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

QJsonObject toJson(const AuditAttempt &a)
{
    QJsonArray steps;
    for (const AuditStep &s : a.steps) {
        steps.append(
            QJsonObject{{QStringLiteral("step"), s.name},
                        {QStringLiteral("outcome"), s.outcome},
                        {QStringLiteral("detail"), s.detail},
                        {QStringLiteral("started_at"), AuditDatabase::toText(s.startedAt)},
                        {QStringLiteral("finished_at"), AuditDatabase::toText(s.finishedAt)}});
    }
    QJsonObject object;
    const QVariantList values = attemptValues(a);
    for (qsizetype i = 0; i < s_attemptColumns.size(); ++i)
        object.insert(s_attemptColumns.at(i), values.at(i).toString());
    object.insert(QStringLiteral("steps"), steps);
    return object;
}

// RFC 4180 quoting; a leading formula character is defused so a spreadsheet shows it as text.
QString csvField(QString text)
{
    if (!text.isEmpty() && QStringLiteral("=+-@").contains(text.at(0)))
        text.prepend(QLatin1Char('\''));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
        text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))) {
        text.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

AuditDatabase::AuditDatabase()
    : m_connection(QStringLiteral("audit-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

AuditDatabase::~AuditDatabase()
{
    close();
}

QString AuditDatabase::toText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime AuditDatabase::fromText(const QString &text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

AuditResult AuditDatabase::open(const DatabaseConfig &config)
{
    close();
    QString error;
    m_db = config.open(m_connection, &error);
    if (!m_db.isOpen())
        return AuditResult::failure(error);

    // SQLite: a write-ahead log lets a second station (or the history view) read while one
    // writes, and full sync makes each committed record survive a power cut.
    if (!SchemaMigrations::isPostgres(m_db)) {
        QSqlQuery pragma(m_db);
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
    }

    if (!SchemaMigrations::apply(m_db, s_component, migrations(), &error)) {
        close();
        return AuditResult::failure(QStringLiteral("cannot prepare the audit tables in %1: %2")
                                        .arg(config.describe(), error));
    }
    qCInfo(lcAudit).noquote() << "Audit records go to" << config.describe();
    return {};
}

bool AuditDatabase::isOpen() const
{
    return m_db.isOpen();
}

void AuditDatabase::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

AuditResult AuditDatabase::write(const std::function<bool(QString *error)> &work)
{
    if (!isOpen())
        return AuditResult::failure(QStringLiteral("the audit database is not open"));

    QString error;
    if (!SchemaMigrations::begin(m_db, &error))
        return AuditResult::failure(error);
    if (!work(&error)) {
        SchemaMigrations::rollback(m_db);
        return AuditResult::failure(error);
    }
    if (!SchemaMigrations::commit(m_db, &error))
        return AuditResult::failure(error);
    return {};
}

AuditResult AuditDatabase::probeWrite()
{
    return write([this](QString *error) {
        QSqlQuery query(m_db);
        query.prepare(
            QStringLiteral("UPDATE schema_migrations SET version = version WHERE component = ?"));
        query.addBindValue(s_component);
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        return true;
    });
}

AuditResult AuditDatabase::startAttempt(const AuditAttempt &attempt)
{
    return write([&](QString *error) {
        QStringList marks;
        for (qsizetype i = 0; i < s_attemptColumns.size(); ++i)
            marks << QStringLiteral("?");
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("INSERT INTO audit_attempts (%1) VALUES (%2)")
                          .arg(s_attemptColumns.join(u','), marks.join(u',')));
        for (const QVariant &value : attemptValues(attempt))
            query.addBindValue(value);
        if (!run(query, error))
            return false;
        for (qsizetype i = 0; i < attempt.steps.size(); ++i) {
            QSqlQuery step(m_db);
            step.prepare(QStringLiteral("INSERT INTO audit_steps (attempt_id, seq, step, outcome, "
                                        "detail, started_at, finished_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
            const AuditStep &s = attempt.steps.at(i);
            step.addBindValue(attempt.id);
            step.addBindValue(int(i + 1));
            step.addBindValue(text(s.name));
            step.addBindValue(text(s.outcome));
            step.addBindValue(text(s.detail));
            step.addBindValue(text(toText(s.startedAt)));
            step.addBindValue(text(toText(s.finishedAt)));
            if (!run(step, error))
                return false;
        }
        return true;
    });
}

AuditResult AuditDatabase::updateAttempt(const AuditAttempt &attempt)
{
    return write([&](QString *error) {
        QStringList sets;
        for (qsizetype i = 1; i < s_attemptColumns.size(); ++i)
            sets << s_attemptColumns.at(i) + QStringLiteral(" = ?");
        QSqlQuery query(m_db);
        query.prepare(
            QStringLiteral("UPDATE audit_attempts SET %1 WHERE id = ?").arg(sets.join(u',')));
        const QVariantList values = attemptValues(attempt);
        for (qsizetype i = 1; i < values.size(); ++i)
            query.addBindValue(values.at(i));
        query.addBindValue(attempt.id);
        if (!run(query, error))
            return false;
        if (query.numRowsAffected() != 1) {
            *error = QStringLiteral("no audit record %1 to update").arg(attempt.id);
            return false;
        }
        return true;
    });
}

AuditResult AuditDatabase::recordStep(const QString &attemptId, const AuditStep &step)
{
    return write([&](QString *error) {
        QSqlQuery next(m_db);
        next.prepare(QStringLiteral(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_steps WHERE attempt_id = ?"));
        next.addBindValue(attemptId);
        if (!run(next, error) || !next.next())
            return false;
        const int seq = next.value(0).toInt();

        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO audit_steps (attempt_id, seq, step, outcome, "
                                      "detail, started_at, finished_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(attemptId);
        insert.addBindValue(seq);
        insert.addBindValue(text(step.name));
        insert.addBindValue(text(step.outcome));
        insert.addBindValue(text(step.detail));
        insert.addBindValue(text(toText(step.startedAt)));
        insert.addBindValue(text(toText(step.finishedAt)));
        if (!run(insert, error))
            return false;

        QSqlQuery last(m_db);
        last.prepare(QStringLiteral("UPDATE audit_attempts SET last_step = ? WHERE id = ?"));
        last.addBindValue(text(step.name));
        last.addBindValue(attemptId);
        if (!run(last, error))
            return false;
        if (last.numRowsAffected() != 1) {
            *error = QStringLiteral("no audit record %1 for the step").arg(attemptId);
            return false;
        }
        return true;
    });
}

AuditResult AuditDatabase::finishAttempt(const QString &attemptId, AuditOutcome outcome,
                                         const QString &error, const QDateTime &finishedAt)
{
    return write([&](QString *failure) {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral(
            "UPDATE audit_attempts SET outcome = ?, error = ?, finished_at = ? WHERE id = ?"));
        query.addBindValue(auditOutcomeName(outcome));
        query.addBindValue(text(error));
        query.addBindValue(text(toText(finishedAt)));
        query.addBindValue(attemptId);
        if (!run(query, failure))
            return false;
        if (query.numRowsAffected() != 1) {
            *failure = QStringLiteral("no audit record %1 to finish").arg(attemptId);
            return false;
        }
        return true;
    });
}

int AuditDatabase::markInterrupted(const QString &stationId, const QDateTime &at, QString *error)
{
    int count = -1;
    const AuditResult result = write([&](QString *failure) {
        QSqlQuery query(m_db);
        query.prepare(
            QStringLiteral("UPDATE audit_attempts SET outcome = ?, finished_at = ?, error = ? "
                           "WHERE station_id = ? AND outcome = ?"));
        query.addBindValue(auditOutcomeName(AuditOutcome::Interrupted));
        query.addBindValue(toText(at));
        query.addBindValue(QStringLiteral("the station stopped during this attempt"));
        query.addBindValue(stationId);
        query.addBindValue(auditOutcomeName(AuditOutcome::Running));
        if (!run(query, failure))
            return false;
        count = query.numRowsAffected();
        return true;
    });
    if (!result.ok) {
        if (error)
            *error = result.error;
        return -1;
    }
    if (count > 0)
        qCWarning(lcAudit) << count << "attempts were cut off when the station last stopped";
    return count;
}

QList<AuditAttempt> AuditDatabase::attempts(const AuditQuery &filter, QString *error)
{
    QStringList where;
    QVariantList binds;
    if (!filter.batchId.isEmpty()) {
        where << QStringLiteral("batch_id = ?");
        binds << filter.batchId;
    }
    if (!filter.deviceUuid.isEmpty()) {
        where << QStringLiteral("device_uuid = ?");
        binds << filter.deviceUuid;
    }
    if (filter.outcome) {
        where << QStringLiteral("outcome = ?");
        binds << auditOutcomeName(*filter.outcome);
    }
    if (!filter.text.isEmpty()) {
        // LIKE with an escape character, so '%' and '_' typed by a user match themselves.
        QString pattern = filter.text;
        pattern.replace(QLatin1String("\\"), QLatin1String("\\\\"))
            .replace(QLatin1String("%"), QLatin1String("\\%"))
            .replace(QLatin1String("_"), QLatin1String("\\_"));
        pattern = QLatin1Char('%') + pattern.toLower() + QLatin1Char('%');
        QStringList any;
        for (const char *column : {"device_uuid", "device_type", "port", "certificate_id",
                                   "thing_name", "operator_name", "error", "batch_id"}) {
            any << QStringLiteral("LOWER(%1) LIKE ? ESCAPE '\\'").arg(QLatin1String(column));
            binds << pattern;
        }
        where << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM audit_attempts %2 ORDER BY started_at DESC, id "
                                 "LIMIT %3 OFFSET %4")
                      .arg(s_attemptColumns.join(u','),
                           where.isEmpty()
                               ? QString()
                               : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")))
                      .arg(qMax(0, filter.limit))
                      .arg(qMax(0, filter.offset)));
    for (const QVariant &value : std::as_const(binds))
        query.addBindValue(value);
    QList<AuditAttempt> result;
    if (!run(query, error))
        return result;
    while (query.next())
        result << attemptFromRecord(query);

    for (AuditAttempt &attempt : result) {
        if (!loadSteps(attempt, error))
            return {};
    }
    return result;
}

bool AuditDatabase::loadSteps(AuditAttempt &attempt, QString *error)
{
    QSqlQuery steps(m_db);
    steps.setForwardOnly(true);
    steps.prepare(QStringLiteral("SELECT step, outcome, detail, started_at, finished_at "
                                 "FROM audit_steps WHERE attempt_id = ? ORDER BY seq"));
    steps.addBindValue(attempt.id);
    if (!run(steps, error))
        return false;
    attempt.steps.clear();
    while (steps.next()) {
        attempt.steps << AuditStep{steps.value(0).toString(), steps.value(1).toString(),
                                   steps.value(2).toString(), fromText(steps.value(3).toString()),
                                   fromText(steps.value(4).toString())};
    }
    return true;
}

std::optional<AuditAttempt> AuditDatabase::attempt(const QString &id, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1 FROM audit_attempts WHERE id = ?")
                      .arg(s_attemptColumns.join(u',')));
    query.addBindValue(id);
    if (!run(query, error) || !query.next())
        return std::nullopt;
    AuditAttempt found = attemptFromRecord(query);
    if (!loadSteps(found, error))
        return std::nullopt;
    return found;
}

AuditResult AuditDatabase::exportTo(const QString &path, ExportFormat format,
                                    const AuditQuery &query)
{
    QString error;
    const QList<AuditAttempt> rows = attempts(query, &error);
    if (!error.isEmpty())
        return AuditResult::failure(error);

    QByteArray bytes;
    if (format == ExportFormat::Json) {
        QJsonArray array;
        for (const AuditAttempt &a : rows)
            array.append(toJson(a));
        bytes = QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        QStringList lines{s_attemptColumns.join(u',') + QStringLiteral(",steps")};
        for (const AuditAttempt &a : rows) {
            QStringList fields;
            for (const QVariant &value : attemptValues(a))
                fields << csvField(value.toString());
            QStringList steps;
            for (const AuditStep &s : a.steps)
                steps << s.name + QLatin1Char(':') + s.outcome;
            fields << csvField(steps.join(u' '));
            lines << fields.join(u',');
        }
        bytes = lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
    }

    // Written whole or not at all: a full disk never leaves half an export behind.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return AuditResult::failure(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

} // namespace Blackbird
