// What the audit store keeps of one provisioning attempt: who, where, which device, every step
// with its times and outcome, and how it ended. There is no field for a secret, by design: claim
// keys and API keys never reach the audit record.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Blackbird {

enum class AuditOutcome { Running, Passed, Failed, Skipped, Cancelled, Interrupted };

QString auditOutcomeName(AuditOutcome outcome);
std::optional<AuditOutcome> auditOutcomeFromName(const QString &name);

struct AuditStep
{
    QString name;    // identify, register, transfer, commit, provision, watch, verify, record
    QString outcome; // passed, failed, skipped, cancelled
    QString detail;  // a readable sentence; the failure reason on failure
    QDateTime startedAt;
    QDateTime finishedAt;
};

struct AuditAttempt
{
    QString id; // chosen by the station (a UUID), unique across stations
    QString stationId;
    QString operatorName;
    QString batchId;
    QString mode;   // production, rotate, replace_claim, erase_claim
    QString reason; // why, for field service
    QString port;
    QString usbSerial;
    QString deviceUuid;
    QString deviceType;
    QString firmware;
    QString certificateId;
    QString thingName;
    AuditOutcome outcome = AuditOutcome::Running;
    QString lastStep;
    QString error;
    QDateTime startedAt;
    QDateTime finishedAt;
    QList<AuditStep> steps;
};

// Which attempts to read, newest first.
struct AuditQuery
{
    QString batchId;
    QString deviceUuid;
    std::optional<AuditOutcome> outcome;
    // Matched against uuid, device type, port, certificate id, thing name, operator and error.
    QString text;
    int limit = 1000;
    int offset = 0;
};

struct AuditResult
{
    bool ok = true;
    QString error;
    static AuditResult failure(const QString &reason) { return {false, reason}; }
};

} // namespace Blackbird

Q_DECLARE_METATYPE(Blackbird::AuditAttempt)
