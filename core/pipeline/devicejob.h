// One device on one port, from HELLO to the audit record. A DeviceJob lives on the Qt event loop
// of its thread (the GUI thread in the station) and never blocks it: the serial session, the
// registration service, the credential checks (a worker thread), the broker monitor and the audit
// store (its own thread) all answer through signals.
//
// Steps (provisioningtypes.h), by mode:
//   production     identify, register, transfer, commit, provision, watch, verify, record;
//                  a device that identifies as provisioned is Skipped (identify, record).
//   rotate         identify, provision, watch, verify, record (the stored claim is used again)
//   replace_claim  identify, register, transfer, commit, record
//   erase_claim    identify, commit (CLAIM_ERASE with the device's confirmation), record
// Steps a mode does not run are recorded as skipped.
//
// Every step has a time limit (PipelineTimeouts) and fails with a sentence a technician can act
// on. retry() resumes a failed job from the step that failed (a failed commit, watch or verify
// resumes from the step that makes it meaningful: transfer, provision, provision). The claim
// credentials are held in SecretBytes from the registration until the commit succeeds (kept for
// a retry after a failed transfer or commit) and wiped then, on cancel() and on destruction.
// Nothing secret reaches the snapshot, the timeline, the log or the audit record.
#pragma once

#include "pipeline/pipelineconfig.h"
#include "pipeline/provisioningtypes.h"

#include "audit/auditrecord.h"
#include "credentials/credentialpolicy.h"
#include "crypto/secretbytes.h"
#include "timeline/timelineentry.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Blackbird {

class AuditStore;
class BrokerMonitor;
class RegistrationClient;

// The shared services a job uses; the station owns them and outlives its jobs.
struct DeviceJobServices
{
    RegistrationClient *registration = nullptr; // configured; needed by register
    const SecretBytes *apiKey = nullptr;        // the registration API key; needed by register
    CredentialPolicy credentialPolicy;          // chain checks for the claim certificate
    BrokerMonitor *broker = nullptr;            // needed by verify unless not required
    AuditStore *audit = nullptr;                // open; every step is written to it
};

class DeviceJob : public QObject
{
    Q_OBJECT

public:
    DeviceJob(const DeviceJobConfig &config, const DeviceJobServices &services,
              QObject *parent = nullptr);
    // Wipes the credentials; a running job is abandoned (the record stays "running" and the
    // next markInterrupted() marks it interrupted).
    ~DeviceJob() override;

    const DeviceJobConfig &config() const { return m_config; }
    QString port() const { return m_config.port; }

    // Starts the attempt from identify. Does nothing when already started.
    void start();
    // Stops a running job: the device's operation is cancelled (a transfer is aborted), the
    // credentials are wiped, the record ends cancelled. reason goes into the record.
    void cancel(const QString &reason = QString());
    // A failed job starts again (a new audit attempt) from the step that failed, reusing what the
    // earlier steps established. False when the job has not failed.
    bool retry();
    bool canRetry() const;

    bool isRunning() const { return m_snapshot.state == DeviceState::Running; }
    bool isFinished() const;
    DeviceSnapshot snapshot() const { return m_snapshot; }
    // The step that failed (valid when the snapshot's state is Failed).
    ProvisioningStep failedStep() const { return m_failedStep; }
    // The audit record as last written (no secret in it by design).
    AuditAttempt auditAttempt() const { return m_attempt; }
    // Whether the job holds claim credentials right now (for tests of the wiping rule).
    bool holdsCredentials() const;

signals:
    void snapshotChanged(const Blackbird::DeviceSnapshot &snapshot);
    void timelineEntry(const Blackbird::TimelineEntry &entry);
    // Once per start() or retry(): Passed, Failed, Skipped or Cancelled.
    void finished(const Blackbird::DeviceSnapshot &snapshot);

private:
    class Private;
    friend class Private;
    std::unique_ptr<Private> d;

    DeviceJobConfig m_config;
    DeviceJobServices m_services;
    DeviceSnapshot m_snapshot;
    AuditAttempt m_attempt;
    ProvisioningStep m_failedStep = ProvisioningStep::Identify;
};

} // namespace Blackbird
