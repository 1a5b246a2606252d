#include "devicejob.h"

#include "audit/auditstore.h"
#include "credentials/credentialchecker.h"
#include "crypto/certificate.h"
#include "logging/logcategories.h"
#include "mqtt/brokermonitor.h"
#include "protocol/devicereply.h"
#include "protocol/devicesession.h"
#include "registration/registrationclient.h"
#include "registration/registrationreply.h"
#include "timeline/ansi.h"

#include <QFutureWatcher>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <array>

namespace Blackbird {

namespace {

// How often the watch step asks STATUS, in case an event was lost on the line.
constexpr int kWatchPollMs = 2000;

// Rounds of HELLO (each the protocol's three attempts) before identify gives up.
constexpr int kIdentifyRounds = 3;

// How long after a job ended the broker's events about the device are still shown.
constexpr int kLateBrokerEventsMs = 5000;

constexpr std::array kAllSteps{
    ProvisioningStep::Identify, ProvisioningStep::Register,  ProvisioningStep::Transfer,
    ProvisioningStep::Commit,   ProvisioningStep::Provision, ProvisioningStep::Watch,
    ProvisioningStep::Verify,   ProvisioningStep::Record,
};

bool modeRuns(ServiceMode mode, ProvisioningStep step)
{
    switch (mode) {
    case ServiceMode::Production:
        return true;
    case ServiceMode::Rotate:
        return step == ProvisioningStep::Identify || step == ProvisioningStep::Provision ||
               step == ProvisioningStep::Watch || step == ProvisioningStep::Verify ||
               step == ProvisioningStep::Record;
    case ServiceMode::ReplaceClaim:
        return step == ProvisioningStep::Identify || step == ProvisioningStep::Register ||
               step == ProvisioningStep::Transfer || step == ProvisioningStep::Commit ||
               step == ProvisioningStep::Record;
    case ServiceMode::EraseClaim:
        return step == ProvisioningStep::Identify || step == ProvisioningStep::Commit ||
               step == ProvisioningStep::Record;
    }
    return false;
}

QString stepName(ProvisioningStep step)
{
    return provisioningStepName(step);
}

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 3);
}

// Appends text as a JSON string literal. Used for the claim bundle so that the private key
// exists in exactly one buffer we wipe, not in QJsonObject's internal copies.
void appendJsonString(QByteArray &out, QByteArrayView text)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (u < 0x20) {
                out.append("\\u00");
                out.append(hex[u >> 4]);
                out.append(hex[u & 0xF]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

QString describeEvent(const QString &name, const QJsonObject &payload)
{
    QStringList parts;
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (it.key() == QLatin1String("event") || it.key() == QLatin1String("device_time"))
            continue;
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 12);
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else
            text =
                QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        parts << QStringLiteral("%1=%2").arg(it.key(), text);
    }
    return parts.isEmpty() ? name
                           : QStringLiteral("%1 (%2)").arg(name, parts.join(QLatin1String(", ")));
}

} // namespace

// The job's moving parts, kept out of the header. A plain QObject: it is the context object of
// every connection, so destroying it cuts them all.
class DeviceJob::Private : public QObject
{
public:
    explicit Private(DeviceJob *job);
    ~Private() override;

    // Running.
    void begin(ProvisioningStep from, bool isRetry);
    void enterStep(ProvisioningStep step);
    void passStep(const QString &detail);
    void failStep(const QString &reason);
    void finishAs(DeviceState state, AuditOutcome outcome, const QString &error);
    void cancel(const QString &reason);
    void stopActivity();
    void onStepTimeout();
    ProvisioningStep nextStep(ProvisioningStep after) const;
    void recordSkippedUpTo(ProvisioningStep step);

    // Steps.
    void runIdentify();
    void onIdentified(DeviceReply *reply);
    void onStatus(DeviceReply *reply);
    void afterIdentify();
    void runRegister();
    void onPublicKey(DeviceReply *reply);
    void onRegistered();
    void onChecked(quint64 id, const CredentialCheckResult &result);
    void runTransfer();
    void onTransferProgress(qint64 acknowledged, qint64 total);
    void onTransferFinished(DeviceReply *reply);
    void runErase();
    void onErased(DeviceReply *reply);
    void runProvision();
    void onProvisionStarted(DeviceReply *reply);
    void pollWatchStatus();
    void onWatchStatus(DeviceReply *reply);
    void runVerify();
    void onVerifyStatus(DeviceReply *reply);
    void checkVerified();
    void runRecord();
    void onRecordWritten();

    // Resuming after a retry: the same device must still be on the port.
    void reconnectThen(ProvisioningStep step);

    // Events.
    void onConsoleLine(const QString &text, bool partial);
    void onDeviceEvent(const QString &name, const QJsonObject &payload);
    void onBrokerEvent(const BrokerEvent &event);
    void onLinkLost(const QString &reason);
    bool concernsThisDevice(const BrokerEvent &event) const;

    // Helpers.
    bool openSession(QString *error);
    void closeSession();
    DeviceReply *track(DeviceReply *reply, void (Private::*handler)(DeviceReply *));
    QString deviceFailure(const DeviceReply *reply, const QString &what) const;
    SecretBytes buildBundle() const;
    void wipeCredentials();
    void timeline(TimelineEntry::Source source, TimelineEntry::Level level, const QString &text,
                  const QDateTime &deviceTime = QDateTime());
    void publish();
    void writeAttempt();
    void writeStep(const AuditStep &step);
    void watchWrite(const QFuture<AuditResult> &future);

    DeviceJob *q;
    int generation = 0; // bumped by cancel/finish so late callbacks are ignored
    bool started = false;

    std::unique_ptr<DeviceSession> session;
    QPointer<DeviceReply> reply;
    QPointer<RegistrationReply> registration;
    CredentialChecker checker;
    quint64 checkId = 0;
    QTimer stepTimer;
    QTimer watchPoll;
    QMetaObject::Connection brokerConnection;

    ProvisioningStep step = ProvisioningStep::Identify;
    QDateTime stepStartedAt;
    bool transferPassed = false;
    int identifyRounds = 0;

    // What earlier steps established (kept for a retry).
    DeviceInfo info;
    QString publicKey;
    ClaimCredentials credentials;
    QString storedClaimId; // STATUS's certificate_id at identify
    QString storedThingName;
    QDateTime watchSince;
    bool deviceSucceeded = false;
    bool deviceStatusConfirmed = false;
    QHash<QString, QString> brokerConnections; // certificate id -> thing, as the broker saw
    QString lastBrokerRejection;
    QString brokerThingName;      // RegisterThing as the broker reported it
    QList<AuditStep> passedSteps; // of the current and earlier attempts, for a retry
    QString previousAttemptId;

    // Audit writes still in flight and the first that failed.
    QString writeError;
};

DeviceJob::Private::Private(DeviceJob *job)
    : q(job)
{
    stepTimer.setSingleShot(true);
    connect(&stepTimer, &QTimer::timeout, this, &Private::onStepTimeout);
    watchPoll.setInterval(kWatchPollMs);
    connect(&watchPoll, &QTimer::timeout, this, &Private::pollWatchStatus);
    connect(&checker, &CredentialChecker::checked, this, &Private::onChecked);
}

DeviceJob::Private::~Private()
{
    if (brokerConnection)
        disconnect(brokerConnection);
    stopActivity();
    wipeCredentials();
}

// --- Running --------------------------------------------------------------------------------

void DeviceJob::Private::begin(ProvisioningStep from, bool isRetry)
{
    ++generation;
    DeviceSnapshot &snap = q->m_snapshot;
    AuditAttempt &attempt = q->m_attempt;

    previousAttemptId = isRetry ? attempt.id : QString();
    attempt = AuditAttempt();
    attempt.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    attempt.stationId = q->m_config.batch.stationId;
    attempt.operatorName = q->m_config.batch.operatorName;
    attempt.batchId = q->m_config.batch.batchId;
    attempt.mode = serviceModeName(q->m_config.mode);
    attempt.reason = q->m_config.reason.trimmed();
    attempt.port = q->m_config.port;
    attempt.usbSerial = q->m_config.usbSerial;
    attempt.deviceUuid = info.uuid;
    attempt.deviceType = info.deviceType;
    attempt.firmware = info.firmware;
    attempt.certificateId = snap.certificateId;
    attempt.thingName = snap.thingName;
    attempt.outcome = AuditOutcome::Running;
    attempt.startedAt = QDateTime::currentDateTimeUtc();

    snap.port = q->m_config.port;
    snap.usbSerial = q->m_config.usbSerial;
    snap.mode = q->m_config.mode;
    snap.reason = attempt.reason;
    snap.state = DeviceState::Running;
    snap.error.clear();
    snap.attemptId = attempt.id;
    snap.startedAt = attempt.startedAt;
    snap.finishedAt = QDateTime();
    snap.stepProgress = 0.0;
    writeError.clear();

    if (q->m_services.audit) {
        watchWrite(q->m_services.audit->startAttempt(attempt));
        // A retry keeps what earlier attempts did, marked with where it was done.
        for (const AuditStep &done : std::as_const(passedSteps)) {
            AuditStep carried = done;
            if (!carried.detail.startsWith(QLatin1String("(attempt ")))
                carried.detail =
                    QStringLiteral("(attempt %1) %2").arg(previousAttemptId, carried.detail);
            attempt.steps << carried;
            watchWrite(q->m_services.audit->recordStep(attempt.id, carried));
        }
    }
    if (isRetry) {
        timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Info,
                 DeviceJob::tr("retrying from the %1 step (earlier attempt %2)")
                     .arg(stepName(from), previousAttemptId));
    } else {
        timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Info,
                 DeviceJob::tr("%1 attempt started on %2")
                     .arg(serviceModeName(q->m_config.mode), q->m_config.port));
    }

    // The first step starts from the event loop, so that even an immediate failure reaches
    // whoever connects to finished() after start() or retry() returned.
    const int expected = generation;
    QMetaObject::invokeMethod(
        this,
        [this, from, expected] {
            if (expected != generation || q->m_snapshot.state != DeviceState::Running)
                return;
            QString error;
            if (!q->m_config.validate(&error)) {
                step = ProvisioningStep::Identify;
                stepStartedAt = QDateTime::currentDateTimeUtc();
                failStep(error);
                return;
            }
            if (!q->m_services.audit) {
                step = ProvisioningStep::Identify;
                stepStartedAt = QDateTime::currentDateTimeUtc();
                failStep(DeviceJob::tr("no audit store is open: the station provisions nothing "
                                       "it cannot record"));
                return;
            }
            if (from == ProvisioningStep::Identify)
                enterStep(ProvisioningStep::Identify);
            else
                reconnectThen(from);
        },
        Qt::QueuedConnection);
    publish();
}

void DeviceJob::Private::enterStep(ProvisioningStep next)
{
    recordSkippedUpTo(next);
    step = next;
    stepStartedAt = QDateTime::currentDateTimeUtc();
    q->m_snapshot.step = next;
    q->m_snapshot.stepProgress = 0.0;
    stepTimer.start(q->m_config.timeouts.forStep(next));
    qCInfo(lcPipeline).noquote() << q->m_config.port << "step" << stepName(next);
    publish();

    switch (next) {
    case ProvisioningStep::Identify:
        runIdentify();
        break;
    case ProvisioningStep::Register:
        runRegister();
        break;
    case ProvisioningStep::Transfer:
        runTransfer();
        break;
    case ProvisioningStep::Commit:
        if (q->m_config.mode == ServiceMode::EraseClaim)
            runErase();
        // Otherwise the commit is the second half of the transfer reply, already running.
        break;
    case ProvisioningStep::Provision:
        runProvision();
        break;
    case ProvisioningStep::Watch:
        // The handshake was started by Provision; events drive it from here, and STATUS now
        // and then in case the line lost the event that ends it.
        if (deviceSucceeded) {
            passStep(DeviceJob::tr("the device completed fleet provisioning"));
            break;
        }
        watchPoll.start();
        break;
    case ProvisioningStep::Verify:
        runVerify();
        break;
    case ProvisioningStep::Record:
        runRecord();
        break;
    }
}

void DeviceJob::Private::recordSkippedUpTo(ProvisioningStep next)
{
    // Steps between the current one and next that this mode does not run are recorded skipped
    // so that every record lists every step.
    const auto *audit = q->m_services.audit;
    for (ProvisioningStep s : kAllSteps) {
        if (s >= next)
            break;
        const bool listed = std::any_of(q->m_attempt.steps.cbegin(), q->m_attempt.steps.cend(),
                                        [&](const AuditStep &a) { return a.name == stepName(s); });
        if (listed)
            continue;
        AuditStep skipped;
        skipped.name = stepName(s);
        skipped.outcome = QStringLiteral("skipped");
        skipped.detail =
            modeRuns(q->m_config.mode, s)
                ? DeviceJob::tr("not needed")
                : DeviceJob::tr("not part of %1").arg(serviceModeName(q->m_config.mode));
        skipped.startedAt = skipped.finishedAt = QDateTime::currentDateTimeUtc();
        q->m_attempt.steps << skipped;
        if (audit)
            writeStep(skipped);
    }
}

ProvisioningStep DeviceJob::Private::nextStep(ProvisioningStep after) const
{
    for (ProvisioningStep s : kAllSteps) {
        if (s > after && modeRuns(q->m_config.mode, s))
            return s;
    }
    return ProvisioningStep::Record;
}

void DeviceJob::Private::passStep(const QString &detail)
{
    AuditStep done;
    done.name = stepName(step);
    done.outcome = QStringLiteral("passed");
    done.detail = detail;
    done.startedAt = stepStartedAt;
    done.finishedAt = QDateTime::currentDateTimeUtc();
    q->m_attempt.steps << done;
    passedSteps << done;
    writeStep(done);
    timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Info,
             DeviceJob::tr("%1: %2").arg(stepName(step), detail));
    stepTimer.stop();
    watchPoll.stop();

    if (step == ProvisioningStep::Record) {
        finishAs(DeviceState::Passed, AuditOutcome::Passed, QString());
        return;
    }
    enterStep(nextStep(step));
}

void DeviceJob::Private::failStep(const QString &reason)
{
    if (q->m_snapshot.state != DeviceState::Running)
        return;
    qCWarning(lcPipeline).noquote() << q->m_config.port << stepName(step) << "failed:" << reason;

    AuditStep failed;
    failed.name = stepName(step);
    failed.outcome = QStringLiteral("failed");
    failed.detail = reason;
    failed.startedAt = stepStartedAt.isValid() ? stepStartedAt : QDateTime::currentDateTimeUtc();
    failed.finishedAt = QDateTime::currentDateTimeUtc();
    q->m_attempt.steps << failed;
    writeStep(failed);
    q->m_failedStep = step;
    timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Error,
             DeviceJob::tr("%1 failed: %2").arg(stepName(step), reason));
    finishAs(DeviceState::Failed, AuditOutcome::Failed, reason);
}

void DeviceJob::Private::finishAs(DeviceState state, AuditOutcome outcome, const QString &error)
{
    ++generation;
    stopActivity();
    closeSession();
    // Credentials are kept after a failed transfer or commit, for the retry; otherwise wiped.
    const bool keepForRetry =
        state == DeviceState::Failed &&
        (step == ProvisioningStep::Transfer || step == ProvisioningStep::Commit) &&
        q->m_config.mode != ServiceMode::EraseClaim;
    if (!keepForRetry)
        wipeCredentials();

    DeviceSnapshot &snap = q->m_snapshot;
    snap.state = state;
    snap.error = error;
    snap.finishedAt = QDateTime::currentDateTimeUtc();
    q->m_attempt.outcome = outcome;
    q->m_attempt.error = error;
    q->m_attempt.lastStep = stepName(step);
    q->m_attempt.finishedAt = snap.finishedAt;
    if (q->m_services.audit && outcome != AuditOutcome::Passed) {
        // A passed attempt was finished by the record step already.
        writeAttempt();
        q->m_services.audit->finishAttempt(q->m_attempt.id, outcome, error);
    }
    if (state == DeviceState::Passed || state == DeviceState::Skipped)
        passedSteps.clear();

    qCInfo(lcPipeline).noquote() << q->m_config.port << "finished:" << deviceStateName(state)
                                 << error;
    publish();
    emit q->finished(snap);
}

void DeviceJob::Private::cancel(const QString &reason)
{
    if (q->m_snapshot.state != DeviceState::Running)
        return;
    // Known shortcoming: a fleet-provisioning handshake the device already started cannot be
    // stopped (protocol version 1 has no command for it); it runs on and its outcome is no
    // longer recorded. A later attempt finds the device's state at identify.
    const QString why = reason.isEmpty() ? DeviceJob::tr("cancelled by the operator")
                                         : DeviceJob::tr("cancelled: %1").arg(reason);
    AuditStep cancelled;
    cancelled.name = stepName(step);
    cancelled.outcome = QStringLiteral("cancelled");
    cancelled.detail = why;
    cancelled.startedAt = stepStartedAt;
    cancelled.finishedAt = QDateTime::currentDateTimeUtc();
    q->m_attempt.steps << cancelled;
    writeStep(cancelled);
    timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Warning, why);
    wipeCredentials();
    passedSteps.clear();
    finishAs(DeviceState::Cancelled, AuditOutcome::Cancelled, why);
}

void DeviceJob::Private::stopActivity()
{
    stepTimer.stop();
    watchPoll.stop();
    if (reply) {
        DeviceReply *pending = reply;
        reply = nullptr;
        pending->disconnect(this);
        if (!pending->isFinished())
            pending->cancel();
        pending->deleteLater();
    }
    if (registration) {
        RegistrationReply *pending = registration;
        registration = nullptr;
        pending->disconnect(this);
        if (!pending->isFinished())
            pending->abort();
        pending->deleteLater();
    }
    checkId = 0;
}

void DeviceJob::Private::onStepTimeout()
{
    const int limit = q->m_config.timeouts.forStep(step);
    QString hint;
    switch (step) {
    case ProvisioningStep::Identify:
        hint = DeviceJob::tr("is a device connected, powered and set to %1 baud?")
                   .arg(q->m_config.baud);
        break;
    case ProvisioningStep::Register:
        hint = DeviceJob::tr("the registration service is too slow or unreachable");
        break;
    case ProvisioningStep::Transfer:
    case ProvisioningStep::Commit:
        hint = DeviceJob::tr("the device stopped answering over serial");
        break;
    case ProvisioningStep::Provision:
        hint = DeviceJob::tr("the device did not start fleet provisioning");
        break;
    case ProvisioningStep::Watch:
        hint = lastBrokerRejection.isEmpty()
                   ? DeviceJob::tr("the device did not finish fleet provisioning; check its "
                                   "network and the broker")
                   : DeviceJob::tr("the device did not finish fleet provisioning; the broker's "
                                   "last word: %1")
                         .arg(lastBrokerRejection);
        break;
    case ProvisioningStep::Verify:
        hint = q->m_services.broker && !q->m_services.broker->isConnected()
                   ? DeviceJob::tr("the station's broker monitor is not connected")
                   : DeviceJob::tr("the broker did not report a connection by the device's new "
                                   "certificate");
        break;
    case ProvisioningStep::Record:
        hint = DeviceJob::tr("the audit store did not confirm the record");
        break;
    }
    failStep(DeviceJob::tr("the %1 step did not finish within %2 s: %3")
                 .arg(stepName(step), seconds(limit), hint));
}

// --- Identify ------------------------------------------------------------------------------

void DeviceJob::Private::runIdentify()
{
    QString error;
    if (!openSession(&error)) {
        failStep(error);
        return;
    }
    identifyRounds = 1;
    track(session->identify(), &Private::onIdentified);
}

void DeviceJob::Private::onIdentified(DeviceReply *done)
{
    if (!done->isSuccess()) {
        // HELLO changes nothing on the device, so on a noisy cable it is worth asking again
        // (each round is the protocol's three attempts) while the step has time left.
        if (done->error() == DeviceReply::Error::Timeout && identifyRounds < kIdentifyRounds &&
            stepTimer.remainingTime() > 1000) {
            ++identifyRounds;
            qCInfo(lcPipeline).noquote()
                << q->m_config.port << "no answer to HELLO, round" << identifyRounds;
            timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Warning,
                     DeviceJob::tr("no answer to HELLO; asking again (round %1 of %2)")
                         .arg(identifyRounds)
                         .arg(kIdentifyRounds));
            track(session->identify(), &Private::onIdentified);
            return;
        }
        failStep(deviceFailure(done, DeviceJob::tr("identifying the device")));
        return;
    }
    const DeviceInfo fresh = session->deviceInfo();
    if (!info.uuid.isEmpty() && fresh.uuid != info.uuid) {
        failStep(DeviceJob::tr("another device (%1) is on this port now, not %2; start a new "
                               "attempt for it")
                     .arg(fresh.uuid, info.uuid));
        return;
    }
    info = fresh;
    DeviceSnapshot &snap = q->m_snapshot;
    snap.deviceUuid = info.uuid;
    snap.deviceType = info.deviceType;
    snap.firmware = info.firmware;
    q->m_attempt.deviceUuid = info.uuid;
    q->m_attempt.deviceType = info.deviceType;
    q->m_attempt.firmware = info.firmware;
    writeAttempt();
    timeline(TimelineEntry::Source::Device, TimelineEntry::Level::Info,
             DeviceJob::tr("device %1, type %2, firmware %3, state %4")
                 .arg(info.uuid, info.deviceType, info.firmware, info.state));
    track(session->status(), &Private::onStatus);
}

void DeviceJob::Private::onStatus(DeviceReply *done)
{
    if (!done->isSuccess()) {
        failStep(deviceFailure(done, DeviceJob::tr("reading the device's status")));
        return;
    }
    const QJsonObject status = done->payload();
    storedClaimId = status.value(QStringLiteral("certificate_id")).toString();
    storedThingName = status.value(QStringLiteral("thing_name")).toString();
    info.state = status.value(QStringLiteral("state")).toString(info.state);
    if (step == ProvisioningStep::Identify)
        afterIdentify();
}

void DeviceJob::Private::afterIdentify()
{
    const DeviceJobConfig &config = q->m_config;
    DeviceSnapshot &snap = q->m_snapshot;

    if (!config.deviceTypes.isEmpty() && !config.deviceTypes.contains(info.deviceType)) {
        failStep(DeviceJob::tr("this station does not provision devices of type %1 (allowed: %2)")
                     .arg(info.deviceType, config.deviceTypes.join(QLatin1String(", "))));
        return;
    }
    const bool provisioned = info.state == QLatin1String("provisioned");
    if (!storedThingName.isEmpty()) {
        snap.thingName = storedThingName;
        q->m_attempt.thingName = storedThingName;
    }

    switch (config.mode) {
    case ServiceMode::Production:
        if (provisioned) {
            AuditStep done;
            done.name = stepName(ProvisioningStep::Identify);
            done.outcome = QStringLiteral("passed");
            done.detail = DeviceJob::tr("already provisioned as %1; left alone")
                              .arg(storedThingName.isEmpty() ? DeviceJob::tr("an unnamed thing")
                                                             : storedThingName);
            done.startedAt = stepStartedAt;
            done.finishedAt = QDateTime::currentDateTimeUtc();
            q->m_attempt.steps << done;
            writeStep(done);
            timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Info, done.detail);
            step = ProvisioningStep::Record;
            recordSkippedUpTo(ProvisioningStep::Record);
            AuditStep record;
            record.name = stepName(ProvisioningStep::Record);
            record.outcome = QStringLiteral("passed");
            record.detail = DeviceJob::tr("skipped device recorded");
            record.startedAt = record.finishedAt = QDateTime::currentDateTimeUtc();
            q->m_attempt.steps << record;
            writeStep(record);
            finishAs(DeviceState::Skipped, AuditOutcome::Skipped, QString());
            return;
        }
        break;
    case ServiceMode::Rotate:
        if (storedClaimId.isEmpty()) {
            failStep(DeviceJob::tr("the device holds no claim credentials to rotate with; replace "
                                   "the claim first"));
            return;
        }
        snap.certificateId = storedClaimId;
        q->m_attempt.certificateId = storedClaimId;
        break;
    case ServiceMode::ReplaceClaim:
    case ServiceMode::EraseClaim:
        if (!storedClaimId.isEmpty()) {
            snap.certificateId = storedClaimId;
            q->m_attempt.certificateId = storedClaimId;
        }
        break;
    }
    writeAttempt();
    passStep(DeviceJob::tr("device %1 (%2, firmware %3) is %4")
                 .arg(info.uuid, info.deviceType, info.firmware, info.state));
}

// --- Register ------------------------------------------------------------------------------

void DeviceJob::Private::runRegister()
{
    if (!q->m_services.registration || !q->m_services.registration->isConfigured()) {
        failStep(DeviceJob::tr("the registration service is not configured"));
        return;
    }
    if (!q->m_services.apiKey || q->m_services.apiKey->isEmpty()) {
        failStep(DeviceJob::tr("no API key for the registration service: store one in the "
                               "keychain for this profile or set BLACKBIRD_API_KEY"));
        return;
    }
    wipeCredentials();
    track(session->readPublicKey(), &Private::onPublicKey);
}

void DeviceJob::Private::onPublicKey(DeviceReply *done)
{
    if (!done->isSuccess()) {
        failStep(deviceFailure(done, DeviceJob::tr("reading the device's public key")));
        return;
    }
    publicKey = done->payload().value(QStringLiteral("public_key")).toString();
    if (publicKey.isEmpty()) {
        failStep(DeviceJob::tr("the device reported no public key"));
        return;
    }
    RegistrationRequest request;
    request.uuid = info.uuid;
    request.publicKeyBase64 = publicKey;
    request.deviceType = info.deviceType;
    registration = q->m_services.registration->registerDevice(request, *q->m_services.apiKey);
    const int expected = generation;
    connect(registration, &RegistrationReply::retrying, this,
            [this](int next, int delayMs, const RegistrationResult &failedTry) {
                timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Warning,
                         DeviceJob::tr("registration try failed (%1); try %2 in %3 s")
                             .arg(failedTry.message)
                             .arg(next)
                             .arg(seconds(delayMs)));
            });
    connect(registration, &RegistrationReply::finished, this, [this, expected] {
        if (expected == generation)
            onRegistered();
    });
}

void DeviceJob::Private::onRegistered()
{
    RegistrationReply *done = registration;
    registration = nullptr;
    done->deleteLater();
    const RegistrationResult result = done->result();
    if (!result.ok()) {
        QString reason =
            DeviceJob::tr("the registration service refused the device: %1").arg(result.message);
        if (result.httpStatus == 0)
            reason = DeviceJob::tr("registration failed: %1").arg(result.message);
        failStep(reason);
        return;
    }
    credentials = done->takeCredentials();
    timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Info,
             DeviceJob::tr("registered; claim certificate %1").arg(credentials.certificateId));
    checker.setPolicy(q->m_services.credentialPolicy);
    checkId = checker.check(credentials);
}

void DeviceJob::Private::onChecked(quint64 id, const CredentialCheckResult &result)
{
    if (id != checkId || step != ProvisioningStep::Register ||
        q->m_snapshot.state != DeviceState::Running)
        return;
    checkId = 0;
    if (!result.ok()) {
        wipeCredentials();
        QString reason =
            DeviceJob::tr("the claim credentials from the registration service "
                          "failed the check (%1): %2")
                .arg(CredentialCheckResult::problemName(result.problem), result.message);
        if (!result.message.contains(QLatin1String("Nothing was pushed")))
            reason += DeviceJob::tr(" Nothing was sent to the device.");
        failStep(reason);
        return;
    }
    const Certificate certificate = Certificate::fromPem(credentials.certificatePem);
    DeviceSnapshot &snap = q->m_snapshot;
    snap.certificateId = credentials.certificateId;
    snap.claimExpiresAt = certificate.isNull() ? QDateTime() : certificate.notAfter();
    q->m_attempt.certificateId = credentials.certificateId;
    writeAttempt();
    passStep(DeviceJob::tr("claim certificate %1 issued and checked (valid until %2)")
                 .arg(credentials.certificateId, snap.claimExpiresAt.toString(Qt::ISODate)));
}

// --- Transfer and commit -------------------------------------------------------------------

SecretBytes DeviceJob::Private::buildBundle() const
{
    const DeviceJobConfig &config = q->m_config;
    const QByteArray uuid = info.uuid.toUtf8();
    const QByteArray certificateId = credentials.certificateId.toUtf8();
    const QByteArray host = config.mqttHost.toUtf8();
    const QByteArray templateName = config.templateName.toUtf8();

    // Reserve enough up front so the buffer holding the key never reallocates (a reallocation
    // would leave an unwiped copy behind).
    QByteArray out;
    out.reserve(2 * (credentials.certificatePem.size() + credentials.privateKeyPem.size() +
                     config.caPem.size()) +
                1024);
    out.append("{\"format\":1,\"uuid\":");
    appendJsonString(out, uuid);
    out.append(",\"certificate_id\":");
    appendJsonString(out, certificateId);
    out.append(",\"certificate_pem\":");
    appendJsonString(out, credentials.certificatePem);
    out.append(",\"private_key_pem\":");
    appendJsonString(out, credentials.privateKeyPem.view());
    out.append(",\"mqtt_host\":");
    appendJsonString(out, host);
    out.append(",\"mqtt_port\":");
    out.append(QByteArray::number(config.mqttPort));
    out.append(",\"ca_pem\":");
    appendJsonString(out, config.caPem);
    out.append(",\"template_name\":");
    appendJsonString(out, templateName);
    out.append('}');
    return SecretBytes(std::move(out));
}

void DeviceJob::Private::runTransfer()
{
    if (credentials.isEmpty()) {
        failStep(DeviceJob::tr("no claim credentials to transfer; retry from the register step"));
        return;
    }
    transferPassed = false;
    DeviceReply *transfer =
        track(session->transferBundle(buildBundle()), &Private::onTransferFinished);
    connect(transfer, &DeviceReply::transferProgress, this, &Private::onTransferProgress);
}

void DeviceJob::Private::onTransferProgress(qint64 acknowledged, qint64 total)
{
    if (step != ProvisioningStep::Transfer || total <= 0)
        return;
    q->m_snapshot.stepProgress = double(acknowledged) / double(total);
    if (acknowledged >= total) {
        transferPassed = true;
        passStep(DeviceJob::tr("%1 bytes of claim bundle acknowledged by the device").arg(total));
        return;
    }
    publish();
}

void DeviceJob::Private::onTransferFinished(DeviceReply *done)
{
    static const QStringList commitCodes{
        QStringLiteral("commit_refused"),  QStringLiteral("bad_bundle"),
        QStringLiteral("digest_mismatch"), QStringLiteral("storage_failed"),
        QStringLiteral("incomplete"),
    };
    if (!done->isSuccess()) {
        if (step == ProvisioningStep::Transfer && commitCodes.contains(done->deviceErrorCode())) {
            // The data arrived (the device judged the whole bundle); the commit is what failed.
            passStep(DeviceJob::tr("claim bundle sent"));
        }
        QString reason;
        const QString code = done->deviceErrorCode();
        if (code == QLatin1String("commit_refused"))
            reason = DeviceJob::tr("the device refused to replace its claim credentials (its "
                                   "policy forbids it; the device keeps what it had): %1")
                         .arg(done->errorString());
        else if (code == QLatin1String("bad_bundle"))
            reason =
                DeviceJob::tr("the device rejected the claim bundle: %1").arg(done->errorString());
        else if (code == QLatin1String("storage_failed"))
            reason = DeviceJob::tr("the device could not write its secure storage (its previous "
                                   "credentials are intact): %1")
                         .arg(done->errorString());
        else
            reason = deviceFailure(done, step == ProvisioningStep::Transfer
                                             ? DeviceJob::tr("sending the claim bundle")
                                             : DeviceJob::tr("committing the claim bundle"));
        failStep(reason);
        return;
    }
    if (step == ProvisioningStep::Transfer)
        passStep(DeviceJob::tr("claim bundle sent"));
    if (step != ProvisioningStep::Commit)
        return;

    const QJsonObject payload = done->payload();
    const QString committedId = payload.value(QStringLiteral("certificate_id")).toString();
    const QString state = payload.value(QStringLiteral("state")).toString();
    if (committedId != credentials.certificateId) {
        failStep(DeviceJob::tr("after the commit the device holds claim certificate %1, not %2")
                     .arg(committedId.isEmpty() ? DeviceJob::tr("(none)") : committedId,
                          credentials.certificateId));
        return;
    }
    // The device has its own copy now; ours is wiped at once.
    wipeCredentials();
    storedClaimId = committedId;
    info.state = state;
    passStep(
        DeviceJob::tr("the device stored claim certificate %1 and is %2").arg(committedId, state));
}

void DeviceJob::Private::runErase()
{
    track(session->eraseClaim(info.uuid), &Private::onErased);
}

void DeviceJob::Private::onErased(DeviceReply *done)
{
    if (!done->isSuccess()) {
        failStep(deviceFailure(done, DeviceJob::tr("erasing the claim credentials")));
        return;
    }
    const QString state = done->payload().value(QStringLiteral("state")).toString();
    info.state = state;
    passStep(DeviceJob::tr("claim credentials erased; the device is %1").arg(state));
}

// --- Provision, watch, verify -------------------------------------------------------------

void DeviceJob::Private::runProvision()
{
    deviceSucceeded = false;
    deviceStatusConfirmed = false;
    brokerConnections.clear();
    lastBrokerRejection.clear();
    brokerThingName.clear();
    q->m_snapshot.deviceConfirmed = false;
    q->m_snapshot.brokerConfirmed = false;
    q->m_snapshot.deviceCertificateId.clear();
    if (storedClaimId.isEmpty() && q->m_snapshot.certificateId.isEmpty()) {
        failStep(DeviceJob::tr("the device holds no claim credentials to provision with"));
        return;
    }

    // Watch the broker from now on: its events may come before the device's.
    watchSince = QDateTime::currentDateTimeUtc().addSecs(-1);
    if (brokerConnection)
        disconnect(brokerConnection);
    if (q->m_services.broker) {
        brokerConnection = connect(q->m_services.broker, &BrokerMonitor::eventReceived, this,
                                   &Private::onBrokerEvent);
    }
    track(session->startProvisioning(
              QJsonObject{{QStringLiteral("method"), q->m_config.provisioningMethod}}),
          &Private::onProvisionStarted);
}

void DeviceJob::Private::onProvisionStarted(DeviceReply *done)
{
    if (!done->isSuccess()) {
        const QString code = done->deviceErrorCode();
        if (code == QLatin1String("no_claim"))
            failStep(DeviceJob::tr("the device says it holds no claim credentials"));
        else if (code == QLatin1String("not_available"))
            failStep(DeviceJob::tr("this firmware cannot do fleet provisioning: %1")
                         .arg(done->errorString()));
        else if (code == QLatin1String("busy"))
            failStep(DeviceJob::tr("the device is already running fleet provisioning; retry when "
                                   "it has finished"));
        else
            failStep(deviceFailure(done, DeviceJob::tr("starting fleet provisioning")));
        return;
    }
    if (!done->payload().value(QStringLiteral("started")).toBool()) {
        failStep(DeviceJob::tr("the device did not confirm that fleet provisioning started"));
        return;
    }
    passStep(DeviceJob::tr("fleet provisioning started (%1)").arg(q->m_config.provisioningMethod));
}

void DeviceJob::Private::pollWatchStatus()
{
    if (step != ProvisioningStep::Watch || !session || reply)
        return;
    track(session->status(), &Private::onWatchStatus);
}

void DeviceJob::Private::onWatchStatus(DeviceReply *done)
{
    // A lost STATUS on a noisy line is no failure: the next poll or an event will tell.
    if (!done->isSuccess() || deviceSucceeded)
        return;
    const QJsonObject status = done->payload();
    if (status.value(QStringLiteral("provisioning")).toString() == QLatin1String("failed")) {
        failStep(DeviceJob::tr("the device reports that fleet provisioning failed (the event "
                               "with the details did not arrive)"));
        return;
    }
    const QString thing = status.value(QStringLiteral("thing_name")).toString();
    if (status.value(QStringLiteral("state")).toString() != QLatin1String("provisioned") ||
        thing.isEmpty())
        return;
    DeviceSnapshot &snap = q->m_snapshot;
    if (!snap.thingName.isEmpty() && snap.thingName != thing)
        return; // the events named another thing: keep waiting for the device's own word
    // The device is provisioned; the event naming its new certificate may be lost too, and then
    // the broker's connection as this thing since the handshake started names it.
    QString certificate = snap.deviceCertificateId;
    if (certificate.isEmpty()) {
        for (auto it = brokerConnections.cbegin(); it != brokerConnections.cend(); ++it) {
            if (it.value() == thing)
                certificate = it.key();
        }
    }
    if (certificate.isEmpty())
        return;
    snap.thingName = thing;
    snap.deviceCertificateId = certificate;
    q->m_attempt.thingName = thing;
    writeAttempt();
    deviceSucceeded = true;
    timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Warning,
             DeviceJob::tr("the device's final event did not arrive; its status says it is "
                           "provisioned as %1")
                 .arg(thing));
    passStep(
        DeviceJob::tr("the device completed fleet provisioning as %1 (by its status)").arg(thing));
}

void DeviceJob::Private::runVerify()
{
    // The device's side: it reports its permanent identity.
    track(session->status(), &Private::onVerifyStatus);
    // The broker's side may have been seen already (live, or in the monitor's history).
    if (q->m_services.broker) {
        const QList<BrokerEvent> recent = q->m_services.broker->recentEvents();
        for (const BrokerEvent &event : recent) {
            if (event.kind == BrokerEvent::Kind::Connected && !event.certificateId.isEmpty() &&
                event.certificateId == q->m_snapshot.deviceCertificateId &&
                event.receivedAt >= watchSince)
                brokerConnections.insert(event.certificateId, event.thingName);
        }
    }
    if (!q->m_config.requireBrokerConfirmation) {
        timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Warning,
                 DeviceJob::tr("the broker's side is not checked (no broker monitor)"));
    } else if (!q->m_services.broker) {
        failStep(DeviceJob::tr("no broker monitor is configured, so the broker's side cannot be "
                               "verified"));
    }
}

void DeviceJob::Private::onVerifyStatus(DeviceReply *done)
{
    if (!done->isSuccess()) {
        failStep(deviceFailure(done, DeviceJob::tr("reading the device's status")));
        return;
    }
    const QJsonObject status = done->payload();
    const QString state = status.value(QStringLiteral("state")).toString();
    const QString thing = status.value(QStringLiteral("thing_name")).toString();
    if (state != QLatin1String("provisioned")) {
        failStep(DeviceJob::tr("the device reported success but its status is %1").arg(state));
        return;
    }
    if (thing != q->m_snapshot.thingName) {
        failStep(DeviceJob::tr("the device's status names thing %1, its events named %2")
                     .arg(thing, q->m_snapshot.thingName));
        return;
    }
    deviceStatusConfirmed = true;
    q->m_snapshot.deviceConfirmed = true;
    publish();
    checkVerified();
}

void DeviceJob::Private::checkVerified()
{
    if (step != ProvisioningStep::Verify || q->m_snapshot.state != DeviceState::Running)
        return;
    const bool brokerOk = !q->m_config.requireBrokerConfirmation ||
                          (!q->m_snapshot.deviceCertificateId.isEmpty() &&
                           brokerConnections.contains(q->m_snapshot.deviceCertificateId));
    if (brokerOk && q->m_config.requireBrokerConfirmation) {
        const QString brokerThing = brokerConnections.value(q->m_snapshot.deviceCertificateId);
        if (!brokerThing.isEmpty() && !q->m_snapshot.thingName.isEmpty() &&
            brokerThing != q->m_snapshot.thingName) {
            failStep(
                DeviceJob::tr("the broker saw certificate %1 connect as thing %2, but the "
                              "device says it is %3")
                    .arg(q->m_snapshot.deviceCertificateId, brokerThing, q->m_snapshot.thingName));
            return;
        }
    }
    if (brokerOk && q->m_config.requireBrokerConfirmation && !q->m_snapshot.brokerConfirmed) {
        q->m_snapshot.brokerConfirmed = true;
        publish();
    }
    if (!deviceStatusConfirmed || !brokerOk)
        return;
    passStep(q->m_config.requireBrokerConfirmation
                 ? DeviceJob::tr("thing %1 with certificate %2, confirmed by the device and the "
                                 "broker")
                       .arg(q->m_snapshot.thingName, q->m_snapshot.deviceCertificateId)
                 : DeviceJob::tr("thing %1 with certificate %2, confirmed by the device only "
                                 "(broker not watched)")
                       .arg(q->m_snapshot.thingName, q->m_snapshot.deviceCertificateId));
}

// --- Record -------------------------------------------------------------------------------

void DeviceJob::Private::runRecord()
{
    AuditStore *audit = q->m_services.audit;
    AuditStep record;
    record.name = stepName(ProvisioningStep::Record);
    record.outcome = QStringLiteral("passed");
    record.detail = DeviceJob::tr("attempt recorded");
    record.startedAt = stepStartedAt;
    record.finishedAt = QDateTime::currentDateTimeUtc();

    // Written before the outcome so the record is complete; if the store fails, the attempt
    // fails at this step and a retry writes it again.
    AuditAttempt &attempt = q->m_attempt;
    attempt.outcome = AuditOutcome::Passed;
    attempt.lastStep = record.name;
    attempt.finishedAt = record.finishedAt;
    writeAttempt();
    // A store that fails from here on leaves this step written as passed and then failed; the
    // attempt's outcome (written last) is what counts.
    audit->recordStep(attempt.id, record);
    auto *watcher = new QFutureWatcher<AuditResult>(this);
    const int expected = generation;
    connect(watcher, &QFutureWatcher<AuditResult>::finished, this, [this, watcher, expected] {
        watcher->deleteLater();
        if (expected != generation)
            return;
        const AuditResult result = watcher->result();
        if (!result.ok && writeError.isEmpty())
            writeError = result.error;
        onRecordWritten();
    });
    watcher->setFuture(audit->finishAttempt(attempt.id, AuditOutcome::Passed, QString()));
}

void DeviceJob::Private::onRecordWritten()
{
    if (!writeError.isEmpty()) {
        failStep(DeviceJob::tr("the audit store could not keep the record: %1").arg(writeError));
        return;
    }
    // The record step itself was written with the outcome; only the bookkeeping is left.
    AuditStep done;
    done.name = stepName(ProvisioningStep::Record);
    done.outcome = QStringLiteral("passed");
    done.detail = DeviceJob::tr("attempt recorded");
    done.startedAt = stepStartedAt;
    done.finishedAt = q->m_attempt.finishedAt;
    q->m_attempt.steps << done;
    stepTimer.stop();
    timeline(TimelineEntry::Source::Station, TimelineEntry::Level::Info,
             DeviceJob::tr("record: attempt recorded"));
    finishAs(DeviceState::Passed, AuditOutcome::Passed, QString());
}

// --- Resuming -----------------------------------------------------------------------------

void DeviceJob::Private::reconnectThen(ProvisioningStep resume)
{
    // The device may have reset or been replugged: reopen, HELLO, and check it is the same one.
    step = resume;
    stepStartedAt = QDateTime::currentDateTimeUtc();
    q->m_snapshot.step = resume;
    stepTimer.start(q->m_config.timeouts.forStep(ProvisioningStep::Identify) +
                    q->m_config.timeouts.forStep(resume));
    publish();
    if (resume == ProvisioningStep::Record) {
        recordSkippedUpTo(resume);
        stepTimer.start(q->m_config.timeouts.forStep(resume));
        runRecord();
        return;
    }

    QString error;
    if (!openSession(&error)) {
        failStep(error);
        return;
    }
    DeviceReply *hello = session->identify();
    reply = hello;
    const int expected = generation;
    connect(hello, &DeviceReply::finished, this, [this, hello, resume, expected] {
        if (reply == hello)
            reply = nullptr;
        hello->deleteLater();
        if (expected != generation)
            return;
        if (!hello->isSuccess()) {
            failStep(deviceFailure(hello, DeviceJob::tr("identifying the device again")));
            return;
        }
        if (session->deviceInfo().uuid != info.uuid) {
            failStep(DeviceJob::tr("another device (%1) is on this port now, not %2; start a new "
                                   "attempt for it")
                         .arg(session->deviceInfo().uuid, info.uuid));
            return;
        }
        timeline(TimelineEntry::Source::Device, TimelineEntry::Level::Info,
                 DeviceJob::tr("the same device %1 answered again (%2)")
                     .arg(info.uuid, session->deviceInfo().state));
        enterStep(resume);
    });
}

// --- Events -------------------------------------------------------------------------------

void DeviceJob::Private::onConsoleLine(const QString &text, bool partial)
{
    // The firmware's colour survives as the level: red lines are errors, yellow warnings.
    const AnsiStripped stripped = stripAnsiWithLevel(text);
    QString clean = stripped.text;
    if (clean.trimmed().isEmpty())
        return;
    if (partial)
        clean += QStringLiteral(" …");
    timeline(TimelineEntry::Source::Console,
             stripped.colourLevel.value_or(TimelineEntry::Level::Info), clean);
}

void DeviceJob::Private::onDeviceEvent(const QString &name, const QJsonObject &payload)
{
    const QDateTime deviceTime = QDateTime::fromString(
        payload.value(QStringLiteral("device_time")).toString(), Qt::ISODateWithMs);
    const bool bad =
        name.endsWith(QLatin1String("_rejected")) || name == QLatin1String("provisioning_failed");
    timeline(TimelineEntry::Source::Device,
             bad ? TimelineEntry::Level::Error : TimelineEntry::Level::Info,
             describeEvent(name, payload), deviceTime);

    if (q->m_snapshot.state != DeviceState::Running)
        return;
    DeviceSnapshot &snap = q->m_snapshot;
    const bool watching = step == ProvisioningStep::Provision || step == ProvisioningStep::Watch;
    if (!watching)
        return;

    if (name == QLatin1String("register_thing_accepted")) {
        snap.thingName = payload.value(QStringLiteral("thing_name")).toString();
    } else if (name == QLatin1String("credentials_stored") ||
               name == QLatin1String("certificate_accepted")) {
        const QString id = payload.value(QStringLiteral("certificate_id")).toString();
        if (!id.isEmpty())
            snap.deviceCertificateId = id;
    } else if (name == QLatin1String("provisioning_succeeded")) {
        const QString thing = payload.value(QStringLiteral("thing_name")).toString();
        if (!thing.isEmpty())
            snap.thingName = thing;
        q->m_attempt.thingName = snap.thingName;
        writeAttempt();
        deviceSucceeded = true;
        if (step == ProvisioningStep::Watch) {
            if (snap.deviceCertificateId.isEmpty()) {
                failStep(DeviceJob::tr("the device reported success without naming its new "
                                       "certificate"));
                return;
            }
            passStep(
                DeviceJob::tr("the device completed fleet provisioning as %1").arg(snap.thingName));
            return;
        }
    } else if (name == QLatin1String("provisioning_failed")) {
        const QString where = payload.value(QStringLiteral("step")).toString();
        const QString message = payload.value(QStringLiteral("errorMessage")).toString();
        const QString code = payload.value(QStringLiteral("errorCode")).toString();
        const int status = payload.value(QStringLiteral("statusCode")).toInt();
        QString detail = message;
        if (!code.isEmpty())
            detail = QStringLiteral("%1 (%2 %3)").arg(message).arg(status).arg(code);
        if (step == ProvisioningStep::Provision)
            passStep(DeviceJob::tr("fleet provisioning started"));
        failStep(DeviceJob::tr("fleet provisioning failed at %1: %2")
                     .arg(where.isEmpty() ? DeviceJob::tr("an unknown step") : where, detail));
        return;
    }
    publish();
}

bool DeviceJob::Private::concernsThisDevice(const BrokerEvent &event) const
{
    const DeviceSnapshot &snap = q->m_snapshot;
    if (!info.uuid.isEmpty() && (event.deviceUuid == info.uuid || event.clientId == info.uuid))
        return true;
    for (const QString &thing : {snap.thingName, brokerThingName}) {
        if (!thing.isEmpty() && (event.thingName == thing || event.clientId == thing))
            return true;
    }
    if (!snap.deviceCertificateId.isEmpty() && event.certificateId == snap.deviceCertificateId)
        return true;
    // A shared claim certificate is no identity on its own; only with no client id to go by.
    const QString claimId = storedClaimId.isEmpty() ? snap.certificateId : storedClaimId;
    return !claimId.isEmpty() && event.claimCertificateId == claimId && event.clientId.isEmpty();
}

void DeviceJob::Private::onBrokerEvent(const BrokerEvent &event)
{
    // The broker's side of a handshake may arrive after the device has reported its end; such
    // late events still belong on the timeline for a few seconds.
    const bool running = q->m_snapshot.state == DeviceState::Running;
    if (!running &&
        QDateTime::currentDateTimeUtc() > q->m_snapshot.finishedAt.addMSecs(kLateBrokerEventsMs)) {
        disconnect(brokerConnection);
        return;
    }
    if (!concernsThisDevice(event))
        return;
    const bool rejected = event.kind == BrokerEvent::Kind::Rejected;
    timeline(TimelineEntry::Source::Broker,
             rejected ? TimelineEntry::Level::Error : TimelineEntry::Level::Info, event.describe(),
             event.brokerTime);
    if (!running)
        return;

    if (rejected)
        lastBrokerRejection = event.describe();
    // The broker names the thing it registered for this uuid; its connection is then known even
    // if the device's own event about it was lost.
    if (event.kind == BrokerEvent::Kind::ThingRegistered && event.deviceUuid == info.uuid)
        brokerThingName = event.thingName;
    // Remembered even before the device names its new certificate: the broker may be faster.
    if (event.kind == BrokerEvent::Kind::Connected && !event.certificateId.isEmpty()) {
        brokerConnections.insert(event.certificateId, event.thingName);
        checkVerified();
    }
}

void DeviceJob::Private::onLinkLost(const QString &reason)
{
    if (q->m_snapshot.state != DeviceState::Running)
        return;
    failStep(DeviceJob::tr("the device was disconnected during the %1 step (%2); check the "
                           "cable and the device, then retry")
                 .arg(stepName(step), reason));
}

// --- Helpers ------------------------------------------------------------------------------

bool DeviceJob::Private::openSession(QString *error)
{
    if (session && session->isOpen())
        return true;
    session = std::make_unique<DeviceSession>();
    DeviceSession::Options options;
    options.baud = q->m_config.baud;
    session->setOptions(options);
    connect(session.get(), &DeviceSession::consoleLine, this, &Private::onConsoleLine);
    connect(session.get(), &DeviceSession::eventReceived, this, &Private::onDeviceEvent);
    connect(session.get(), &DeviceSession::linkLost, this, &Private::onLinkLost);
    QString why;
    if (!session->open(q->m_config.port, q->m_config.baud, &why)) {
        session.reset();
        *error = DeviceJob::tr("%1 (is the device plugged in, and is no other program using "
                               "the port?)")
                     .arg(why);
        return false;
    }
    return true;
}

void DeviceJob::Private::closeSession()
{
    if (!session)
        return;
    session->disconnect(this);
    session->close();
    // Deleted later: this may run inside one of the session's own signals.
    session.release()->deleteLater();
}

DeviceReply *DeviceJob::Private::track(DeviceReply *pending,
                                       void (Private::*handler)(DeviceReply *))
{
    reply = pending;
    const int expected = generation;
    const ProvisioningStep issuedIn = step;
    connect(pending, &DeviceReply::finished, this, [this, pending, handler, expected, issuedIn] {
        if (reply == pending)
            reply = nullptr;
        pending->deleteLater();
        if (expected != generation || q->m_snapshot.state != DeviceState::Running)
            return;
        // A step that ended another way (an event, a failure) leaves its reply unheard; only the
        // transfer's reply spans two steps (transfer, then commit).
        if (step != issuedIn && handler != &Private::onTransferFinished)
            return;
        (this->*handler)(pending);
    });
    return pending;
}

QString DeviceJob::Private::deviceFailure(const DeviceReply *done, const QString &what) const
{
    switch (done->error()) {
    case DeviceReply::Error::Timeout:
        return DeviceJob::tr("%1: the device did not answer (%2)").arg(what, done->errorString());
    case DeviceReply::Error::LinkLost:
        return DeviceJob::tr("%1: the device was disconnected (%2); check the cable and the "
                             "device, then retry")
            .arg(what, done->errorString());
    case DeviceReply::Error::DeviceError:
        return DeviceJob::tr("%1: the device refused (%2)").arg(what, done->errorString());
    case DeviceReply::Error::InvalidReply:
        return DeviceJob::tr("%1: the device's answer breaks the protocol; is its firmware "
                             "compatible? (%2)")
            .arg(what, done->errorString());
    case DeviceReply::Error::NotOpen:
        return DeviceJob::tr("%1: the port is not open (%2)").arg(what, done->errorString());
    case DeviceReply::Error::Cancelled:
        return DeviceJob::tr("%1: cancelled").arg(what);
    case DeviceReply::Error::InvalidInput:
        return DeviceJob::tr("%1: %2").arg(what, done->errorString());
    case DeviceReply::Error::None:
        break;
    }
    return what;
}

void DeviceJob::Private::wipeCredentials()
{
    credentials.privateKeyPem.wipe();
    credentials.certificatePem.clear();
    credentials.certificateId.clear();
}

void DeviceJob::Private::timeline(TimelineEntry::Source source, TimelineEntry::Level level,
                                  const QString &text, const QDateTime &deviceTime)
{
    TimelineEntry entry;
    entry.stationTime = QDateTime::currentDateTimeUtc();
    entry.deviceTime = deviceTime;
    entry.source = source;
    entry.level = level;
    entry.port = q->m_config.port;
    entry.deviceUuid = info.uuid;
    entry.text = text;
    emit q->timelineEntry(entry);
}

void DeviceJob::Private::publish()
{
    emit q->snapshotChanged(q->m_snapshot);
}

void DeviceJob::Private::writeAttempt()
{
    if (q->m_services.audit)
        watchWrite(q->m_services.audit->updateAttempt(q->m_attempt));
}

void DeviceJob::Private::writeStep(const AuditStep &auditStep)
{
    if (q->m_services.audit)
        watchWrite(q->m_services.audit->recordStep(q->m_attempt.id, auditStep));
}

void DeviceJob::Private::watchWrite(const QFuture<AuditResult> &future)
{
    auto *watcher = new QFutureWatcher<AuditResult>(this);
    connect(watcher, &QFutureWatcher<AuditResult>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const AuditResult result = watcher->result();
        if (!result.ok && writeError.isEmpty()) {
            writeError = result.error;
            qCWarning(lcPipeline).noquote()
                << q->m_config.port << "audit write failed:" << result.error;
        }
    });
    watcher->setFuture(future);
}

// --- DeviceJob ----------------------------------------------------------------------------

DeviceJob::DeviceJob(const DeviceJobConfig &config, const DeviceJobServices &services,
                     QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_services(services)
{
    m_snapshot.port = config.port;
    m_snapshot.usbSerial = config.usbSerial;
    m_snapshot.mode = config.mode;
    m_snapshot.reason = config.reason.trimmed();
    d = std::make_unique<Private>(this);
}

DeviceJob::~DeviceJob()
{
    d.reset();
}

void DeviceJob::start()
{
    if (d->started)
        return;
    d->started = true;
    d->begin(ProvisioningStep::Identify, false);
}

void DeviceJob::cancel(const QString &reason)
{
    d->cancel(reason);
}

bool DeviceJob::canRetry() const
{
    return m_snapshot.state == DeviceState::Failed;
}

bool DeviceJob::retry()
{
    if (!canRetry())
        return false;
    ProvisioningStep from = m_failedStep;
    switch (m_failedStep) {
    case ProvisioningStep::Identify:
    case ProvisioningStep::Register:
    case ProvisioningStep::Record:
        break;
    case ProvisioningStep::Transfer:
    case ProvisioningStep::Commit:
        if (m_config.mode == ServiceMode::EraseClaim)
            from = ProvisioningStep::Commit;
        else
            from =
                d->credentials.isEmpty() ? ProvisioningStep::Register : ProvisioningStep::Transfer;
        break;
    case ProvisioningStep::Provision:
    case ProvisioningStep::Watch:
    case ProvisioningStep::Verify:
        from = ProvisioningStep::Provision;
        break;
    }
    if (d->info.uuid.isEmpty())
        from = ProvisioningStep::Identify;
    // Steps from the resumed one onward run again; earlier passes are carried over.
    QList<AuditStep> kept;
    for (const AuditStep &done : std::as_const(d->passedSteps)) {
        const auto named = provisioningStepFromName(done.name);
        if (named && *named < from)
            kept << done;
    }
    d->passedSteps = kept;
    d->begin(from, true);
    return true;
}

bool DeviceJob::isFinished() const
{
    return d->started && m_snapshot.state != DeviceState::Running;
}

bool DeviceJob::holdsCredentials() const
{
    return !d->credentials.privateKeyPem.isEmpty();
}

} // namespace Blackbird
