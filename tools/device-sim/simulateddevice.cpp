// The device side of the serial protocol as firmware would implement it: one frame in, one reply
// out (a success reply 0x80|command or an ERROR), the claim bundle moved in a window of offset-
// checked chunks and stored only after size, digest and content check out.
#include "simulateddevice.h"

#include "crypto/sha256.h"
#include "fleethandshake.h"
#include "ptylink.h"
#include "simlog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>

#include <unistd.h>

namespace Blackbird::Sim {

namespace {

constexpr int kRebootPollMs = 5;
// A frame candidate that has not completed by then is given up (docs/serial-protocol.md section
// 7): its wire time plus this margin.
constexpr int kAbandonMarginMs = 250;

const char *const kReset = "\x1b[0m";
const char *const kGreen = "\x1b[0;32m";
const char *const kYellow = "\x1b[0;33m";
const char *const kCyan = "\x1b[1;36m";

bool isLowerHexDigest(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

} // namespace

SimulatedDevice::SimulatedDevice(int index, DeviceSettings settings, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_settings(std::move(settings))
    , m_storage(m_settings.stateFolder)
    , m_parser(m_settings.maxPayload)
{
    connect(&m_consoleTimer, &QTimer::timeout, this, &SimulatedDevice::onConsoleTick);

    const int frameBytes = Protocol::kOverhead + m_settings.maxPayload;
    const int frameMs = m_settings.baud > 0 ? frameBytes * 10 * 1000 / m_settings.baud : 0;
    m_abandonTimer.setSingleShot(true);
    m_abandonTimer.setInterval(frameMs + kAbandonMarginMs);
    connect(&m_abandonTimer, &QTimer::timeout, this, &SimulatedDevice::onAbandonTimeout);

    m_rebootTimer.setInterval(kRebootPollMs);
    connect(&m_rebootTimer, &QTimer::timeout, this, [this] {
        if (m_link->pendingToStation() > 0)
            return;
        m_rebootTimer.stop();
        reboot();
    });
}

SimulatedDevice::~SimulatedDevice()
{
    endTransfer();
}

QString SimulatedDevice::linkPath() const
{
    return m_link ? m_link->linkPath() : m_settings.linkPath;
}

bool SimulatedDevice::start(QString *error)
{
    if (!m_storage.open(m_settings.deviceType, error))
        return false;

    m_link = new PtyLink(m_settings.linkPath, m_settings.baud, this);
    m_link->setRandomSeed(m_settings.seed);
    setFaults(m_faults);
    connect(m_link, &PtyLink::received, this, &SimulatedDevice::onReceived);
    if (!m_link->open(error))
        return false;

    qCInfo(lcSim).noquote() << QStringLiteral("device %1 (%2, %3) on %4 -> %5")
                                   .arg(m_index)
                                   .arg(m_storage.uuid(),
                                        DeviceStorage::stateName(m_storage.state()),
                                        m_link->linkPath(), m_link->slavePath());
    boot();
    return true;
}

void SimulatedDevice::stop()
{
    m_consoleTimer.stop();
    m_rebootTimer.stop();
    endTransfer();
    if (m_link)
        m_link->close();
}

void SimulatedDevice::setFaults(const FaultPlan &faults, bool rearmDrop)
{
    m_faults = faults;
    m_dropArmed = faults.dropAt != 0 && (rearmDrop || m_dropArmed);
    if (m_link)
        m_link->setCorruption(faults.corruptRate, faults.corruptToStation, faults.corruptToDevice);
}

void SimulatedDevice::boot()
{
    // Everything of the previous session is gone: the reply queue, a transfer half done, the
    // negotiated limits, bytes in flight.
    ++m_generation;
    m_helloDone = false;
    m_dropPending = false;
    m_eventSeq = 0;
    m_lastCommand = LastCommand();
    endTransfer();
    m_parser.reset();
    m_abandonTimer.stop();
    m_link->discardPending();
    m_uptime.restart();

    printConsole(QByteArray(kCyan) + "Blackbird sensor bootloader 2.1" + kReset + "\r\n");
    printConsole("rst:0x1 (POWERON_RESET), boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n");
    printConsole(QStringLiteral("I (%1) boot: firmware %2, device type %3\n")
                     .arg(uptimeText(), m_settings.firmware, m_storage.deviceType())
                     .toUtf8());
    printConsole(
        QStringLiteral("I (%1) boot: uuid %2\n").arg(uptimeText(), m_storage.uuid()).toUtf8());
    printConsole(QStringLiteral("I (%1) storage: state %2\n")
                     .arg(uptimeText(), DeviceStorage::stateName(m_storage.state()))
                     .toUtf8());
    printConsole(QByteArray(kGreen) +
                 QStringLiteral("I (%1) app: serial protocol v1 ready").arg(uptimeText()).toUtf8() +
                 kReset + "\n");

    if (m_settings.consoleIntervalMs > 0)
        m_consoleTimer.start(m_settings.consoleIntervalMs);
}

void SimulatedDevice::reboot()
{
    qCInfo(lcSim) << "device" << m_index << "reboots";
    m_rebootTimer.stop();
    boot();
}

bool SimulatedDevice::dropLink(QString *error)
{
    QString path = m_settings.linkPath;
    if (m_faults.dropMode == FaultPlan::DropMode::Reenumerate)
        path = m_settings.linkPath + QStringLiteral("-r%1").arg(++m_reenumerations);

    qCInfo(lcSim) << "device" << m_index << "drops its link; it comes back as" << path;
    if (!m_link->reconnect(path, error))
        return false;
    emit linkChanged(m_index, path);
    return true;
}

QString SimulatedDevice::uptimeText() const
{
    return QStringLiteral("%1").arg(m_uptime.elapsed(), 6);
}

void SimulatedDevice::printConsole(const QByteArray &line)
{
    m_link->send(line);
}

void SimulatedDevice::onConsoleTick()
{
    // Firmware chatter, sometimes a warning, in ESP-IDF's coloured log style.
    ++m_consoleCount;
    auto *rng = QRandomGenerator::global();
    if (m_consoleCount % 5 == 0) {
        printConsole(QByteArray(kYellow) +
                     QStringLiteral("W (%1) wifi: rssi %2 dBm, weak signal")
                         .arg(uptimeText())
                         .arg(-70 - int(rng->bounded(15)))
                         .toUtf8() +
                     kReset + "\n");
        return;
    }
    printConsole(QByteArray(kGreen) +
                 QStringLiteral("I (%1) sensor: temperature %2 C, humidity %3 %")
                     .arg(uptimeText())
                     .arg(20.0 + rng->bounded(60) / 10.0, 0, 'f', 1)
                     .arg(35 + rng->bounded(20))
                     .toUtf8() +
                 kReset + "\n");
}

void SimulatedDevice::onReceived(const QByteArray &bytes)
{
    const QList<FrameParser::Item> items = m_parser.feed(bytes);
    const bool candidateEnded = std::any_of(items.cbegin(), items.cend(), [](const auto &item) {
        return item.kind != FrameParser::Item::Kind::ConsoleLine;
    });
    handleItems(items);

    // A candidate whose rest never comes (a corrupted header that still passed its CRC-8, a
    // station that went away mid-frame) must not swallow the next command. The clock runs per
    // candidate: one that starts right after another ended gets its own full budget.
    if (!m_parser.hasPartialFrame())
        m_abandonTimer.stop();
    else if (candidateEnded || !m_abandonTimer.isActive())
        m_abandonTimer.start();
}

void SimulatedDevice::onAbandonTimeout()
{
    if (m_parser.hasPartialFrame()) {
        qCDebug(lcSim) << "device" << m_index << "abandons an incomplete frame";
        handleItems(m_parser.abandonPartialFrame());
    }
}

void SimulatedDevice::handleItems(const QList<FrameParser::Item> &items)
{
    // A reset in the middle (reset-during-commit) loses the frames that followed in the batch.
    const quint64 generation = m_generation;
    for (const FrameParser::Item &item : items) {
        if (generation != m_generation)
            return;
        if (item.kind == FrameParser::Item::Kind::Frame)
            handleFrame(item.frame);
        else if (item.kind == FrameParser::Item::Kind::Discarded)
            qCDebug(lcSim).noquote() << QStringLiteral("device %1 discarded %2 bytes: %3")
                                            .arg(m_index)
                                            .arg(item.discardedBytes)
                                            .arg(FrameParser::discardReasonText(item.reason));
        // Station -> device carries only frames; stray text is line noise and is ignored.
    }
}

void SimulatedDevice::sendFrame(const Frame &frame)
{
    m_link->send(frame.encode());
    if (frame.type == replyType(FrameType::Reboot))
        m_rebootTimer.start();
}

void SimulatedDevice::replyOk(FrameType command, quint16 seq, const QJsonObject &payload)
{
    sendReply(Frame::withJson(FrameType(replyType(command)), seq, payload));
}

void SimulatedDevice::replyError(quint16 seq, const QString &code, const QString &message)
{
    qCDebug(lcSim) << "device" << m_index << "answers" << code << message;
    sendReply(Frame::error(seq, code, message));
}

void SimulatedDevice::sendReply(const Frame &frame)
{
    if (m_current.valid && m_current.seq == frame.seq) {
        m_lastCommand = m_current;
        m_lastCommand.reply = frame;
        m_current = LastCommand();
    }

    if (m_dropPending) {
        m_dropPending = false;
        QString error;
        if (!dropLink(&error))
            qCWarning(lcSim).noquote() << error;
        return;
    }

    if (m_faults.slowMs <= 0) {
        sendFrame(frame);
        return;
    }

    const quint64 generation = m_generation;
    QTimer::singleShot(m_faults.slowMs, this, [this, frame, generation] {
        if (generation == m_generation)
            sendFrame(frame);
    });
}

void SimulatedDevice::sendEvent(const QString &name, const QJsonObject &fields)
{
    QJsonObject payload = fields;
    payload.insert(QStringLiteral("event"), name);
    payload.insert(QStringLiteral("device_time"),
                   QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    sendFrame(Frame::withJson(FrameType::Event, m_eventSeq++, payload));
}

bool SimulatedDevice::readJson(const Frame &frame, QJsonObject *object)
{
    // An empty payload is an empty object, for commands that take no fields.
    if (frame.payload.isEmpty()) {
        *object = {};
        return true;
    }

    QString why;
    if (frame.jsonObject(object, &why))
        return true;
    replyError(frame.seq, QString::fromLatin1(ErrorCode::BadRequest), why);
    return false;
}

bool SimulatedDevice::armDrop(quint8 command)
{
    if (!m_dropArmed || m_faults.dropAt != command)
        return false;

    // Once: a station that reconnects must be able to finish.
    m_dropArmed = false;
    m_dropPending = true;
    return true;
}

void SimulatedDevice::handleFrame(const Frame &frame)
{
    qCDebug(lcSim).noquote() << QStringLiteral("device %1 got %2 seq %3, %4 bytes")
                                    .arg(m_index)
                                    .arg(frameTypeName(frame.type))
                                    .arg(frame.seq)
                                    .arg(frame.payload.size());

    if (frame.version != Protocol::kVersion) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::UnsupportedVersion),
                   QStringLiteral("frame version %1 is not supported; this device speaks 1")
                       .arg(frame.version));
        return;
    }

    if (!isKnownCommand(frame.type)) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::UnknownCommand),
                   QStringLiteral("command %1 is not known to this device")
                       .arg(frameTypeName(frame.type)));
        return;
    }

    if (!m_helloDone && frame.payload.size() > Protocol::kMaxPayloadBeforeHello) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::PayloadTooLarge),
                   QStringLiteral("payloads are limited to %1 bytes before HELLO")
                       .arg(Protocol::kMaxPayloadBeforeHello));
        return;
    }

    // A retry of the command just executed (its reply was lost) gets the same reply again
    // without running the command twice. DATA needs no such care: its offset makes it idempotent.
    const bool isData = frame.type == quint8(FrameType::TransferData);
    if (!isData && m_lastCommand.valid && m_lastCommand.type == frame.type &&
        m_lastCommand.seq == frame.seq) {
        qCDebug(lcSim) << "device" << m_index << "answers a retry of seq" << frame.seq << "again";
        sendReply(m_lastCommand.reply);
        return;
    }
    m_current = isData ? LastCommand() : LastCommand{true, frame.type, frame.seq, {}};

    // TRANSFER_DATA drops half-way through the bundle instead, in its handler.
    if (!isData)
        armDrop(frame.type);

    switch (frame.frameType()) {
    case FrameType::Hello:
        return handleHello(frame);
    case FrameType::GetPublicKey:
        return handleGetPublicKey(frame);
    case FrameType::TransferBegin:
        return handleTransferBegin(frame);
    case FrameType::TransferData:
        return handleTransferData(frame);
    case FrameType::TransferCommit:
        return handleTransferCommit(frame);
    case FrameType::TransferAbort:
        return handleTransferAbort(frame);
    case FrameType::ProvisionStart: {
        QJsonObject request;
        if (readJson(frame, &request))
            startFleetProvisioning(frame.seq, request);
        return;
    }
    case FrameType::Status:
        return handleStatus(frame);
    case FrameType::ClaimErase:
        return handleClaimErase(frame);
    case FrameType::Reboot:
        return handleReboot(frame);
    default:
        return;
    }
}

void SimulatedDevice::handleHello(const Frame &frame)
{
    QJsonObject request;
    if (!readJson(frame, &request))
        return;

    // The station lists the protocol versions it speaks; this firmware speaks only 1.
    const QJsonValue offered = request.value(QStringLiteral("protocols"));
    if (!offered.isArray()) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::BadRequest),
                   QStringLiteral("HELLO needs \"protocols\", an array of integers"));
        return;
    }
    if (!offered.toArray().contains(QJsonValue(int(Protocol::kVersion)))) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::UnsupportedVersion),
                   QStringLiteral("this device speaks protocol 1 only"));
        return;
    }

    m_helloDone = true;
    replyOk(FrameType::Hello, frame.seq,
            QJsonObject{
                {QStringLiteral("protocol"), int(Protocol::kVersion)},
                {QStringLiteral("protocols"), QJsonArray{int(Protocol::kVersion)}},
                {QStringLiteral("uuid"), m_storage.uuid()},
                {QStringLiteral("device_type"), m_storage.deviceType()},
                {QStringLiteral("firmware"), m_settings.firmware},
                {QStringLiteral("capabilities"),
                 QJsonArray{QStringLiteral("claim_transfer"), QStringLiteral("claim_erase"),
                            QStringLiteral("reboot"), QStringLiteral("fleet_provisioning")}},
                {QStringLiteral("state"), DeviceStorage::stateName(m_storage.state())},
                {QStringLiteral("max_payload"), m_settings.maxPayload},
                {QStringLiteral("window"), m_settings.window},
            });
}

void SimulatedDevice::handleGetPublicKey(const Frame &frame)
{
    replyOk(FrameType::GetPublicKey, frame.seq,
            QJsonObject{
                {QStringLiteral("public_key"),
                 QString::fromLatin1(m_storage.signingKey().publicBase64())},
                {QStringLiteral("algorithm"), QStringLiteral("ecdsa-p256")},
            });
}

void SimulatedDevice::handleTransferBegin(const Frame &frame)
{
    QJsonObject request;
    if (!readJson(frame, &request))
        return;

    const QJsonValue size = request.value(QStringLiteral("size"));
    const QString digest = request.value(QStringLiteral("sha256")).toString();
    if (!size.isDouble() || size.toDouble() != double(size.toInteger()) || size.toInteger() < 1) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::BadRequest),
                   QStringLiteral("TRANSFER_BEGIN needs \"size\", a whole number of bytes from 1"));
        return;
    }
    if (!isLowerHexDigest(digest)) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::BadRequest),
                   QStringLiteral("TRANSFER_BEGIN needs \"sha256\", 64 lower-case hex digits"));
        return;
    }
    if (size.toInteger() > kMaxBundleSize) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::TransferTooLarge),
                   QStringLiteral("a bundle of %1 bytes does not fit; this device stores up to "
                                  "%2 bytes")
                       .arg(size.toInteger())
                       .arg(kMaxBundleSize));
        return;
    }

    // A new BEGIN replaces a transfer in progress: the station starts over.
    endTransfer();
    m_transfer.active = true;
    m_transfer.size = size.toInteger();
    m_transfer.sha256Hex = digest.toLatin1();
    m_transfer.bytes.reserve(m_transfer.size);
    replyOk(FrameType::TransferBegin, frame.seq, QJsonObject{{QStringLiteral("next"), 0}});
}

void SimulatedDevice::handleTransferData(const Frame &frame)
{
    if (!m_transfer.active) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::NoTransfer),
                   QStringLiteral("no transfer in progress; send TRANSFER_BEGIN first"));
        return;
    }

    quint32 offset = 0;
    QByteArrayView chunk;
    if (!frame.transferChunk(&offset, &chunk) || chunk.isEmpty()) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::BadRequest),
                   QStringLiteral("TRANSFER_DATA needs a 4-byte offset and at least one byte"));
        return;
    }

    const qsizetype next = m_transfer.bytes.size();
    if (offset == quint32(next)) {
        if (next + chunk.size() > m_transfer.size) {
            replyError(frame.seq, QString::fromLatin1(ErrorCode::TransferTooLarge),
                       QStringLiteral("the chunk at %1 runs past the announced size %2")
                           .arg(offset)
                           .arg(m_transfer.size));
            return;
        }
        m_transfer.bytes.append(chunk.data(), chunk.size());

        const bool crossedHalf =
            next * 2 < m_transfer.size && m_transfer.bytes.size() * 2 >= m_transfer.size;
        if (crossedHalf)
            armDrop(quint8(FrameType::TransferData));
    }

    // A duplicate or a gap is answered with the same "next": the station resends from there.
    replyOk(FrameType::TransferData, frame.seq,
            QJsonObject{{QStringLiteral("next"), m_transfer.bytes.size()}});
}

void SimulatedDevice::handleTransferCommit(const Frame &frame)
{
    if (!m_transfer.active) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::NoTransfer),
                   QStringLiteral("no transfer in progress; nothing to commit"));
        return;
    }
    if (m_transfer.bytes.size() != m_transfer.size) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::Incomplete),
                   QStringLiteral("received %1 of %2 bytes")
                       .arg(m_transfer.bytes.size())
                       .arg(m_transfer.size));
        return;
    }
    if (!constantTimeEquals(sha256Hex(m_transfer.bytes), m_transfer.sha256Hex)) {
        endTransfer();
        replyError(frame.seq, QString::fromLatin1(ErrorCode::DigestMismatch),
                   QStringLiteral("the received bundle's SHA-256 differs from TRANSFER_BEGIN's; "
                                  "the stored credentials are unchanged"));
        return;
    }
    if (m_faults.refuseCommit) {
        endTransfer();
        replyError(frame.seq, QString::fromLatin1(ErrorCode::CommitRefused),
                   QStringLiteral("this device refuses to store claim credentials "
                                  "(simulated refusal)"));
        return;
    }

    QString why;
    const std::optional<ClaimBundle> bundle =
        ClaimBundle::parse(m_transfer.bytes, m_storage.uuid(), &why);
    if (!bundle) {
        endTransfer();
        replyError(frame.seq, QString::fromLatin1(ErrorCode::BadBundle), why);
        return;
    }

    if (m_faults.commitReset != FaultPlan::CommitReset::None) {
        const FaultPlan::CommitReset reset = m_faults.commitReset;
        m_faults.commitReset = FaultPlan::CommitReset::None; // once, so that a retry can succeed
        const auto interruption = reset == FaultPlan::CommitReset::AfterRename
                                      ? SecureFile::Interruption::AfterRename
                                      : SecureFile::Interruption::BeforeRename;
        m_storage.replaceClaimBundle(m_transfer.bytes, &why, interruption);
        qCInfo(lcSim) << "device" << m_index << "resets during commit:" << why;
        if (reset == FaultPlan::CommitReset::CrashBeforeRename) {
            emit crashRequested(m_index);
            return;
        }
        reboot();
        return;
    }

    if (!m_storage.replaceClaimBundle(m_transfer.bytes, &why)) {
        endTransfer();
        replyError(frame.seq, QString::fromLatin1(ErrorCode::StorageFailed), why);
        return;
    }

    endTransfer();
    // The reply goes out before the log line, as firmware that answers first and logs after
    // would do: the station's transfer ends one console line sooner.
    replyOk(FrameType::TransferCommit, frame.seq,
            QJsonObject{
                {QStringLiteral("state"), DeviceStorage::stateName(m_storage.state())},
                {QStringLiteral("certificate_id"), bundle->certificateId},
            });
    printConsole(QStringLiteral("I (%1) storage: claim credentials stored, certificate %2\n")
                     .arg(uptimeText(), bundle->certificateId.left(12))
                     .toUtf8());
}

void SimulatedDevice::handleTransferAbort(const Frame &frame)
{
    const bool wasActive = m_transfer.active;
    endTransfer();
    replyOk(FrameType::TransferAbort, frame.seq,
            QJsonObject{{QStringLiteral("aborted"), wasActive}});
}

void SimulatedDevice::startFleetProvisioning(quint16 seq, const QJsonObject &request)
{
    FleetHandshake::of(this)->handleStart(seq, request);
}

void SimulatedDevice::handleStatus(const Frame &frame)
{
    QJsonObject status{
        {QStringLiteral("state"), DeviceStorage::stateName(m_storage.state())},
        {QStringLiteral("uuid"), m_storage.uuid()},
        {QStringLiteral("uptime_ms"), m_uptime.elapsed()},
    };
    if (const QString id = m_storage.claimCertificateId(); !id.isEmpty())
        status.insert(QStringLiteral("certificate_id"), id);
    if (const QString thing = m_storage.thingName(); !thing.isEmpty())
        status.insert(QStringLiteral("thing_name"), thing);
    if (m_transfer.active)
        status.insert(QStringLiteral("transfer"),
                      QJsonObject{{QStringLiteral("size"), m_transfer.size},
                                  {QStringLiteral("next"), m_transfer.bytes.size()}});
    replyOk(FrameType::Status, frame.seq, status);
}

void SimulatedDevice::handleClaimErase(const Frame &frame)
{
    QJsonObject request;
    if (!readJson(frame, &request))
        return;

    // The confirmation names this very device, so that an erase meant for another one (a
    // station talking to the wrong port) cannot succeed.
    const QString expected = QStringLiteral("ERASE ") + m_storage.uuid();
    if (request.value(QStringLiteral("confirm")).toString() != expected) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::ConfirmationRequired),
                   QStringLiteral("CLAIM_ERASE needs \"confirm\": \"ERASE <uuid of this "
                                  "device>\"; nothing was erased"));
        return;
    }

    QString why;
    if (!m_storage.eraseClaimBundle(&why)) {
        replyError(frame.seq, QString::fromLatin1(ErrorCode::StorageFailed), why);
        return;
    }
    printConsole(
        QStringLiteral("I (%1) storage: claim credentials erased\n").arg(uptimeText()).toUtf8());
    replyOk(FrameType::ClaimErase, frame.seq,
            QJsonObject{{QStringLiteral("state"), DeviceStorage::stateName(m_storage.state())}});
}

void SimulatedDevice::handleReboot(const Frame &frame)
{
    // The reply goes out first; the reset follows once it has left the UART. When the link
    // drops instead of the reply, the device resets at once.
    const bool dropping = m_dropPending;
    replyOk(FrameType::Reboot, frame.seq, {});
    if (dropping)
        reboot();
}

void SimulatedDevice::endTransfer()
{
    SecretBytes::wipe(m_transfer.bytes);
    m_transfer = Transfer();
}

} // namespace Blackbird::Sim
