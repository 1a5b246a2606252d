// DeviceSession: command queue, timeouts and retries, and the windowed credential transfer.
// Section numbers refer to docs/serial-protocol.md.
#include "devicesession.h"

#include "crypto/sha256.h"
#include "logging/logcategories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSerialPort>

namespace Blackbird {

namespace {

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString quotedMessage(const QJsonObject &error)
{
    const QString message = error.value(QStringLiteral("message")).toString();
    return message.isEmpty() ? QStringLiteral("no explanation given") : message;
}

} // namespace

const QList<int> &DeviceSession::stationProtocols()
{
    static const QList<int> protocols = {int(Protocol::kVersion)};
    return protocols;
}

DeviceSession::DeviceSession(QObject *parent)
    : QObject(parent)
    , m_parser(Protocol::kMaxPayload)
    , m_seq(quint16(QRandomGenerator::global()->bounded(0x10000)))
{
    m_commandTimer.setSingleShot(true);
    m_dataTimer.setSingleShot(true);
    m_partialTimer.setSingleShot(true);
    connect(&m_commandTimer, &QTimer::timeout, this, &DeviceSession::onCommandTimeout);
    connect(&m_dataTimer, &QTimer::timeout, this, &DeviceSession::onDataTimeout);
    connect(&m_partialTimer, &QTimer::timeout, this, &DeviceSession::onPartialFrameTimeout);
    m_clock.start();
}

DeviceSession::~DeviceSession()
{
    // Replies are children and die with the session; only the secrets need explicit care.
    if (m_job)
        m_job->bundle.wipe();
    for (const auto &job : m_queue)
        job->bundle.wipe();
}

bool DeviceSession::open(const QString &portPath, int baud, QString *error)
{
    close();

    auto *port = new QSerialPort(this);
    port->setPortName(portPath);
    if (!port->open(QIODevice::ReadWrite)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(portPath, port->errorString());
        delete port;
        return false;
    }
    port->setBaudRate(baud);
    port->setDataBits(QSerialPort::Data8);
    port->setParity(QSerialPort::NoParity);
    port->setStopBits(QSerialPort::OneStop);
    port->setFlowControl(QSerialPort::NoFlowControl);

    m_port = port;
    m_portPath = portPath;
    m_options.baud = baud;
    connect(port, &QSerialPort::errorOccurred, this, &DeviceSession::onPortError);
    setDevice(port);
    qCInfo(lcSerial).noquote() << "opened" << portPath << "at" << baud << "baud";
    return true;
}

void DeviceSession::setDevice(QIODevice *device)
{
    m_io = device;
    m_parser.reset();
    m_identified = false;
    if (m_io) {
        connect(m_io, &QIODevice::readyRead, this, &DeviceSession::onReadyRead);
        if (m_io->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &DeviceSession::onReadyRead);
    }
}

void DeviceSession::close()
{
    QIODevice *io = m_io;
    m_io = nullptr;
    if (io)
        disconnect(io, nullptr, this, nullptr);
    if (m_port) {
        m_port->close();
        m_port->deleteLater();
        m_port = nullptr;
        qCInfo(lcSerial).noquote() << "closed" << m_portPath;
    }
    m_parser.reset();
    m_partialTimer.stop();
    m_identified = false;

    const QString reason = QStringLiteral("the port %1 was closed").arg(portLabel());
    if (m_job)
        failJob(DeviceReply::Error::LinkLost, reason);
    while (!m_queue.empty()) {
        std::unique_ptr<Job> job = std::move(m_queue.front());
        m_queue.pop_front();
        job->bundle.wipe();
        if (job->reply)
            job->reply->finishError(DeviceReply::Error::LinkLost, reason);
    }
}

bool DeviceSession::isOpen() const
{
    return m_io && m_io->isOpen();
}

QString DeviceSession::portLabel() const
{
    return m_portPath.isEmpty() ? QStringLiteral("(device)") : m_portPath;
}

// --- Operations -------------------------------------------------------------------------------

DeviceReply *DeviceSession::identify()
{
    const QJsonObject hello{
        {QStringLiteral("protocols"), QJsonArray::fromVariantList({int(Protocol::kVersion)})},
        {QStringLiteral("station"), QStringLiteral("blackbird-station/" BLACKBIRD_VERSION)},
        {QStringLiteral("max_payload"), Protocol::kMaxPayload},
    };
    return enqueue(DeviceReply::Operation::Identify, quint8(FrameType::Hello), compactJson(hello),
                   m_options.replyAllowanceMs);
}

DeviceReply *DeviceSession::readPublicKey()
{
    return enqueue(DeviceReply::Operation::ReadPublicKey, quint8(FrameType::GetPublicKey), "{}",
                   m_options.replyAllowanceMs);
}

DeviceReply *DeviceSession::transferBundle(SecretBytes bundle)
{
    auto *reply = new DeviceReply(DeviceReply::Operation::TransferBundle, this);
    auto job = std::make_unique<Job>();
    job->reply = reply;
    job->type = quint8(FrameType::TransferBegin);
    job->sha256Hex = sha256Hex(bundle.view());

    // The bundle's certificate_id lets the station recognise a commit whose reply was lost
    // (section 6); nothing else of the bundle is looked at here.
    const QJsonObject object = QJsonDocument::fromJson(bundle.view().toByteArray()).object();
    job->certificateId = object.value(QStringLiteral("certificate_id")).toString();
    job->bundle = std::move(bundle);
    m_queue.push_back(std::move(job));
    scheduleNext();
    return reply;
}

DeviceReply *DeviceSession::abortTransfer()
{
    return enqueue(DeviceReply::Operation::AbortTransfer, quint8(FrameType::TransferAbort), "{}",
                   m_options.replyAllowanceMs);
}

DeviceReply *DeviceSession::startProvisioning(const QJsonObject &request)
{
    return enqueue(DeviceReply::Operation::StartProvisioning, quint8(FrameType::ProvisionStart),
                   compactJson(request), m_options.provisionAllowanceMs);
}

DeviceReply *DeviceSession::status()
{
    return enqueue(DeviceReply::Operation::Status, quint8(FrameType::Status), "{}",
                   m_options.replyAllowanceMs);
}

DeviceReply *DeviceSession::eraseClaim(const QString &uuid)
{
    const QJsonObject request{
        {QStringLiteral("confirm"), QString(QStringLiteral("ERASE ") + uuid)}};
    return enqueue(DeviceReply::Operation::EraseClaim, quint8(FrameType::ClaimErase),
                   compactJson(request), m_options.storageAllowanceMs);
}

DeviceReply *DeviceSession::reboot()
{
    return enqueue(DeviceReply::Operation::Reboot, quint8(FrameType::Reboot), "{}",
                   m_options.replyAllowanceMs);
}

DeviceReply *DeviceSession::sendCommand(quint8 type, const QByteArray &payload)
{
    const bool writes =
        type == quint8(FrameType::TransferCommit) || type == quint8(FrameType::ClaimErase);
    return enqueue(DeviceReply::Operation::Command, type, payload,
                   writes ? m_options.storageAllowanceMs : m_options.replyAllowanceMs);
}

DeviceReply *DeviceSession::enqueue(DeviceReply::Operation operation, quint8 type,
                                    QByteArray payload, int allowanceMs)
{
    auto *reply = new DeviceReply(operation, this);
    auto job = std::make_unique<Job>();
    job->reply = reply;
    job->type = type;
    job->payload = std::move(payload);
    job->allowanceMs = allowanceMs;
    m_queue.push_back(std::move(job));
    scheduleNext();
    return reply;
}

void DeviceSession::cancelAll()
{
    for (auto &job : m_queue) {
        job->bundle.wipe();
        if (job->reply)
            job->reply->finishError(DeviceReply::Error::Cancelled,
                                    QStringLiteral("cancelled before it started"));
    }
    m_queue.clear();
    if (m_job && m_job->reply)
        cancel(m_job->reply);
}

void DeviceSession::cancel(DeviceReply *reply)
{
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if ((*it)->reply == reply) {
            (*it)->bundle.wipe();
            m_queue.erase(it);
            reply->finishError(DeviceReply::Error::Cancelled,
                               QStringLiteral("cancelled before it started"));
            return;
        }
    }
    if (!m_job || m_job->reply != reply)
        return;

    // A transfer cut short leaves a half-filled buffer on the device; tell it to drop it (best
    // effort: nobody waits for the answer, and a new TRANSFER_BEGIN would replace it anyway).
    if (m_job->reply->operation() == DeviceReply::Operation::TransferBundle && isOpen()) {
        writeBytes(
            Frame::encode(Protocol::kVersion, quint8(FrameType::TransferAbort), nextSeq(), "{}"));
    }
    qCInfo(lcProtocol).noquote() << portLabel() << DeviceReply::operationName(reply->operation())
                                 << "cancelled";
    failJob(DeviceReply::Error::Cancelled, QStringLiteral("cancelled by the operator"));
}

// --- Job machinery ----------------------------------------------------------------------------

void DeviceSession::scheduleNext()
{
    // Always through the event loop: the caller connects to finished() after the call returns,
    // so not even an immediate failure may finish a reply synchronously.
    if (m_startScheduled || m_job)
        return;
    m_startScheduled = true;
    QTimer::singleShot(0, this, &DeviceSession::startNext);
}

void DeviceSession::startNext()
{
    m_startScheduled = false;
    while (!m_job && !m_queue.empty()) {
        m_job = std::move(m_queue.front());
        m_queue.pop_front();
        if (!m_job->reply) { // deleted by its owner before it ran
            m_job->bundle.wipe();
            m_job.reset();
        }
    }
    if (!m_job)
        return;

    if (!isOpen()) {
        failJob(DeviceReply::Error::NotOpen, QStringLiteral("no serial port is open"));
        return;
    }

    switch (m_job->reply->operation()) {
    case DeviceReply::Operation::TransferBundle:
        if (m_job->bundle.isEmpty()) {
            failJob(DeviceReply::Error::InvalidInput, QStringLiteral("the bundle is empty"));
            return;
        }
        runTransfer();
        return;
    case DeviceReply::Operation::Identify:
        sendCommandFrame(m_job->type, m_job->payload, m_job->allowanceMs,
                         [this](const Frame &frame, int) { onHelloReply(frame, [] {}); });
        return;
    default:
        if (m_job->payload.size() > replyLimit()) {
            failJob(DeviceReply::Error::InvalidInput,
                    m_identified
                        ? QStringLiteral("the payload is over the device's limit of %1 bytes")
                              .arg(replyLimit())
                        : QStringLiteral("the payload is over %1 bytes; identify the device first")
                              .arg(Protocol::kMaxPayloadBeforeHello));
            return;
        }
        sendCommandFrame(m_job->type, m_job->payload, m_job->allowanceMs,
                         [this](const Frame &frame, int) { onSimpleReply(frame); });
        return;
    }
}

void DeviceSession::resetActiveState()
{
    m_command.reset();
    m_commandTimer.stop();
    m_dataTimer.stop();
    m_transfer = TransferWindow();
    m_transferClock = TransferClock();
}

void DeviceSession::finishJob(const QJsonObject &payload)
{
    std::unique_ptr<Job> job = std::move(m_job);
    resetActiveState();
    job->bundle.wipe();
    if (job->reply)
        job->reply->finishOk(payload);
    scheduleNext();
}

void DeviceSession::failJob(DeviceReply::Error error, const QString &reason, const QString &code)
{
    std::unique_ptr<Job> job = std::move(m_job);
    resetActiveState();
    if (!job)
        return;
    job->bundle.wipe();
    if (job->reply) {
        qCWarning(lcProtocol).noquote()
            << portLabel() << DeviceReply::operationName(job->reply->operation())
            << "failed:" << reason;
        job->reply->finishError(error, reason, code);
    }
    scheduleNext();
}

void DeviceSession::failDevice(const Frame &errorFrame)
{
    QJsonObject error;
    errorFrame.jsonObject(&error);
    const QString code = error.value(QStringLiteral("code")).toString();
    failJob(DeviceReply::Error::DeviceError,
            QStringLiteral("the device answered %1: %2")
                .arg(code.isEmpty() ? QStringLiteral("an error") : code, quotedMessage(error)),
            code);
}

// --- Commands, timeouts, retries (section 7) --------------------------------------------------

int DeviceSession::wireMs(qsizetype bytes) const
{
    const qint64 baud = qMax(m_options.baud, 300);
    return int((qint64(bytes) * 10 * 1000 + baud - 1) / baud);
}

int DeviceSession::backlogMs() const
{
    const qint64 pendingNs = m_txIdleNs - m_clock.nsecsElapsed();
    return pendingNs > 0 ? int((pendingNs + 999999) / 1000000) : 0;
}

int DeviceSession::replyLimit() const
{
    if (!m_identified)
        return Protocol::kMaxPayloadBeforeHello;
    return qMin(m_info.maxPayload, Protocol::kMaxPayload);
}

void DeviceSession::sendCommandFrame(quint8 type, const QByteArray &payload, int allowanceMs,
                                     std::function<void(const Frame &, int)> onReply)
{
    PendingCommand command;
    command.type = type;
    command.seq = nextSeq();
    command.bytes = Frame::encode(Protocol::kVersion, type, command.seq, payload);
    command.timeoutMs = allowanceMs + wireMs(command.bytes.size()) +
                        wireMs(Protocol::kOverhead + replyLimit()) + m_options.marginMs;
    command.onReply = std::move(onReply);
    m_command = std::move(command);
    transmitCommand();
}

void DeviceSession::transmitCommand()
{
    ++m_command->attempts;
    if (m_job && m_job->reply) {
        ++m_job->reply->m_framesSent;
        if (m_command->attempts > 1)
            ++m_job->reply->m_retries;
    }
    qCDebug(lcProtocol).noquote() << portLabel() << "->" << frameTypeName(m_command->type) << "seq"
                                  << m_command->seq << "attempt" << m_command->attempts;
    // A pipelined command waits behind the data frames written before it, and its reply behind
    // their acknowledgements (section 13): both add to its time.
    constexpr int kAcknowledgementBytes = Protocol::kOverhead + 16;
    const int aheadMs =
        backlogMs() + wireMs(qsizetype(m_transfer.outstanding.size()) * kAcknowledgementBytes);
    m_commandTimer.start(m_command->timeoutMs + aheadMs);
    writeBytes(m_command->bytes);
}

void DeviceSession::onCommandTimeout()
{
    if (!m_command)
        return;

    if (m_command->attempts < m_options.maxAttempts) {
        qCInfo(lcProtocol).noquote()
            << portLabel() << "no reply to" << frameTypeName(m_command->type) << "seq"
            << m_command->seq << "within" << m_command->timeoutMs << "ms; sending it again";
        transmitCommand();
        if (m_command && m_command->afterRetry)
            m_command->afterRetry();
        return;
    }

    m_identified = false; // a silent device may come back reset, with the 256-byte limit
    failJob(DeviceReply::Error::Timeout,
            QStringLiteral("no reply from the device to %1 after %2 attempts")
                .arg(frameTypeName(m_command->type))
                .arg(m_command->attempts));
}

bool DeviceSession::writeBytes(const QByteArray &bytes)
{
    if (!isOpen())
        return false;
    if (m_io->write(bytes) != bytes.size()) {
        qCWarning(lcSerial).noquote() << portLabel() << "write failed:" << m_io->errorString();
        return false;
    }
    const qint64 baud = qMax(m_options.baud, 300);
    m_txIdleNs =
        qMax(m_txIdleNs, m_clock.nsecsElapsed()) + qint64(bytes.size()) * 10 * 1000000000LL / baud;
    if (m_job && m_job->reply &&
        m_job->reply->operation() == DeviceReply::Operation::TransferBundle)
        m_transferClock.bytesSent += bytes.size();
    return true;
}

// --- Receiving ----------------------------------------------------------------------------------

void DeviceSession::onReadyRead()
{
    if (!m_io)
        return;
    const QByteArray bytes = m_io->readAll();
    if (bytes.isEmpty())
        return;

    const QList<FrameParser::Item> items = m_parser.feed(bytes);
    handleItems(items);

    // A frame that starts but never ends (the device reset while sending it) must not hold back
    // the console text behind it for ever (section 4, step 6).
    bool completedFrame = false;
    for (const FrameParser::Item &item : items)
        completedFrame = completedFrame || item.kind != FrameParser::Item::Kind::ConsoleLine;
    if (!m_parser.hasPartialFrame())
        m_partialTimer.stop();
    else if (completedFrame || !m_partialTimer.isActive())
        m_partialTimer.start(wireMs(Protocol::kOverhead + Protocol::kMaxPayload) +
                             m_options.marginMs);
}

void DeviceSession::onPartialFrameTimeout()
{
    qCDebug(lcProtocol).noquote() << portLabel() << "abandons an incomplete frame";
    handleItems(m_parser.abandonPartialFrame());
}

void DeviceSession::handleItems(const QList<FrameParser::Item> &items)
{
    for (const FrameParser::Item &item : items) {
        switch (item.kind) {
        case FrameParser::Item::Kind::ConsoleLine:
            emit consoleLine(item.text, item.partial);
            break;
        case FrameParser::Item::Kind::Discarded:
            qCDebug(lcProtocol).noquote()
                << portLabel() << "discarded" << item.discardedBytes
                << "bytes:" << FrameParser::discardReasonText(item.reason);
            emit frameDiscarded(FrameParser::discardReasonText(item.reason), item.discardedBytes);
            break;
        case FrameParser::Item::Kind::Frame:
            handleFrame(item.frame);
            break;
        }
    }
}

void DeviceSession::handleFrame(const Frame &frame)
{
    qCDebug(lcProtocol).noquote() << portLabel() << "<-" << frameTypeName(frame.type) << "seq"
                                  << frame.seq << frame.payload.size() << "bytes";
    if (frame.version != Protocol::kVersion) {
        qCWarning(lcProtocol).noquote()
            << portLabel() << "ignores a frame of version" << frame.version;
        return;
    }

    if (frame.frameType() == FrameType::Event) {
        handleEvent(frame);
        return;
    }

    const bool isError = frame.frameType() == FrameType::Error;
    if (m_command && frame.seq == m_command->seq &&
        (isError || frame.type == (0x80 | m_command->type))) {
        const int attempts = m_command->attempts;
        const auto onReply = std::move(m_command->onReply);
        m_command.reset();
        m_commandTimer.stop();
        onReply(frame, attempts);
        return;
    }

    if (m_transfer.active && m_transfer.outstanding.contains(frame.seq) &&
        (isError || frame.frameType() == FrameType::TransferDataReply)) {
        handleDataReply(frame);
        return;
    }

    qCDebug(lcProtocol).noquote() << portLabel() << "ignores" << frameTypeName(frame.type) << "seq"
                                  << frame.seq << "(answers nothing outstanding)";
}

void DeviceSession::handleEvent(const Frame &frame)
{
    QJsonObject payload;
    QString error;
    if (!frame.jsonObject(&payload, &error)) {
        qCWarning(lcProtocol).noquote() << portLabel() << "ignores an event:" << error;
        return;
    }
    const QString name = payload.value(QStringLiteral("event")).toString();
    if (name.isEmpty()) {
        qCWarning(lcProtocol).noquote() << portLabel() << "ignores an event without a name";
        return;
    }
    qCInfo(lcProtocol).noquote() << portLabel() << "event" << name;
    emit eventReceived(name, payload);
}

void DeviceSession::onPortError()
{
    if (!m_port)
        return;
    const QSerialPort::SerialPortError error = m_port->error();
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;

    const QString reason =
        QStringLiteral("the port %1 failed: %2").arg(portLabel(), m_port->errorString());
    m_port->clearError();
    qCWarning(lcSerial).noquote() << reason;

    // The device is gone: unplugged (resource error) or, for a pseudo-terminal, hung up (read
    // error, repeated for ever if the port stayed open). Anything else is reported only.
    if (error != QSerialPort::ResourceError && error != QSerialPort::ReadError &&
        error != QSerialPort::WriteError)
        return;
    emit linkLost(reason);
    close();
}

// --- Simple commands ----------------------------------------------------------------------------

void DeviceSession::onSimpleReply(const Frame &frame)
{
    if (frame.frameType() == FrameType::Error) {
        failDevice(frame);
        return;
    }

    QJsonObject payload;
    QString error;
    if (!frame.payload.isEmpty() && !frame.jsonObject(&payload, &error)) {
        failJob(DeviceReply::Error::InvalidReply, error);
        return;
    }

    if (m_job->reply->operation() == DeviceReply::Operation::ReadPublicKey) {
        const QString key = payload.value(QStringLiteral("public_key")).toString();
        const QString algorithm = payload.value(QStringLiteral("algorithm")).toString();
        const auto decoded =
            QByteArray::fromBase64Encoding(key.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (key.isEmpty() || !decoded || decoded.decoded.isEmpty()) {
            failJob(DeviceReply::Error::InvalidReply,
                    QStringLiteral("the device sent no valid Base64 public key"));
            return;
        }
        if (algorithm != QLatin1String("ecdsa-p256")) {
            failJob(DeviceReply::Error::InvalidReply,
                    QStringLiteral("the device's key algorithm \"%1\" is not ecdsa-p256")
                        .arg(algorithm));
            return;
        }
    }
    if (m_job->reply->operation() == DeviceReply::Operation::Reboot)
        m_identified = false; // it starts over with the 256-byte limit (section 8)

    finishJob(payload);
}

void DeviceSession::onHelloReply(const Frame &frame, const std::function<void()> &then)
{
    if (frame.frameType() == FrameType::Error) {
        failDevice(frame);
        return;
    }

    QJsonObject payload;
    QString error;
    if (!frame.jsonObject(&payload, &error)) {
        failJob(DeviceReply::Error::InvalidReply, error);
        return;
    }
    const std::optional<DeviceInfo> info =
        DeviceInfo::fromHelloReply(payload, stationProtocols(), &error);
    if (!info) {
        failJob(DeviceReply::Error::InvalidReply, error);
        return;
    }

    if (m_identified && info->uuid != m_info.uuid)
        qCWarning(lcProtocol).noquote()
            << portLabel() << "now answers as device" << info->uuid << "instead of" << m_info.uuid;
    m_info = *info;
    m_identified = true;
    qCInfo(lcProtocol).noquote() << portLabel() << "device" << m_info.uuid << m_info.deviceType
                                 << "firmware" << m_info.firmware << "state" << m_info.state;

    if (m_job->reply->operation() == DeviceReply::Operation::Identify) {
        finishJob(payload);
        return;
    }
    then();
}

// --- Credential transfer (section 13) ------------------------------------------------------------
//
// Pipelined: TRANSFER_BEGIN, the first window of data right behind it, TRANSFER_COMMIT right
// behind the last data frame. The device answers in order (section 6), which is what recovery
// leans on: a data reply before the BEGIN reply means BEGIN (or its reply) was lost; a COMMIT
// answered "incomplete" means the data written before it and not acknowledged was lost.
// COMMIT is sent only once the BEGIN reply is in, so it can never commit another transfer.

void DeviceSession::runTransfer()
{
    if (m_identified) {
        beginTransfer();
        return;
    }

    // Limits come from HELLO; ask for them first (also after a reset of the device).
    const QJsonObject hello{
        {QStringLiteral("protocols"), QJsonArray::fromVariantList({int(Protocol::kVersion)})},
        {QStringLiteral("station"), QStringLiteral("blackbird-station/" BLACKBIRD_VERSION)},
        {QStringLiteral("max_payload"), Protocol::kMaxPayload},
    };
    m_transferClock.helloSent = m_clock.nsecsElapsed();
    sendCommandFrame(quint8(FrameType::Hello), compactJson(hello), m_options.replyAllowanceMs,
                     [this](const Frame &frame, int) {
                         m_transferClock.helloDone = m_clock.nsecsElapsed();
                         onHelloReply(frame, [this] { beginTransfer(); });
                     });
}

void DeviceSession::beginTransfer()
{
    const qint64 size = m_job->bundle.size();
    const int restarts = m_transfer.restarts;
    m_dataTimer.stop();
    m_transfer = TransferWindow();
    m_transfer.restarts = restarts;
    m_transfer.active = true;
    m_transfer.chunk = replyLimit() - Protocol::kDataOffsetSize;
    m_transfer.window = qBound(1, m_info.window, 32);

    TransferClock &clock = m_transferClock;
    clock.beginSent = m_clock.nsecsElapsed();
    if (clock.firstBegin < 0)
        clock.firstBegin = clock.beginSent;
    clock.beginReply = clock.firstData = clock.allAcknowledged = clock.commitSent = -1;
    ++clock.rounds;

    qCInfo(lcProtocol).noquote() << portLabel() << "sends" << size
                                 << "bytes of claim credentials in chunks of" << m_transfer.chunk
                                 << "window" << m_transfer.window;
    const QJsonObject begin{
        {QStringLiteral("size"), size},
        {QStringLiteral("sha256"), QString::fromLatin1(m_job->sha256Hex)},
    };
    sendCommandFrame(quint8(FrameType::TransferBegin), compactJson(begin),
                     m_options.replyAllowanceMs,
                     [this](const Frame &frame, int) { onBeginReply(frame); });
    // The data written behind a lost BEGIN was answered no_transfer: it follows the retry again.
    m_command->afterRetry = [this] {
        m_transfer.outstanding.clear();
        m_transfer.base = 0;
        m_transfer.sendNext = 0;
        m_dataTimer.stop();
        fillWindow();
    };
    fillWindow();
}

void DeviceSession::onBeginReply(const Frame &frame)
{
    if (frame.frameType() == FrameType::Error) {
        QJsonObject error;
        frame.jsonObject(&error);
        const QString code = error.value(QStringLiteral("code")).toString();
        if (code == QLatin1String(ErrorCode::PayloadTooLarge)) {
            restartTransfer(QStringLiteral("the device reset"));
            return;
        }
        // The data behind the refused BEGIN is answered no_transfer and ignored. Should a
        // leftover transfer of an earlier session have taken it, drop that (best effort).
        if (m_transfer.sendNext > 0)
            writeBytes(Frame::encode(Protocol::kVersion, quint8(FrameType::TransferAbort),
                                     nextSeq(), "{}"));
        failDevice(frame);
        return;
    }

    m_transfer.begun = true;
    m_transferClock.beginReply = m_clock.nsecsElapsed();
    fillWindow(); // and COMMIT, if every data frame is out already
}

void DeviceSession::resendBegin()
{
    if (!m_command || m_command->type != quint8(FrameType::TransferBegin))
        return;
    if (m_command->attempts >= m_options.maxAttempts) {
        m_identified = false;
        failJob(DeviceReply::Error::Timeout,
                QStringLiteral("no reply from the device to TRANSFER_BEGIN after %1 attempts "
                               "(it answered the data that followed)")
                    .arg(m_command->attempts));
        return;
    }
    qCInfo(lcProtocol).noquote() << portLabel()
                                 << "got a data reply before the TRANSFER_BEGIN reply: BEGIN or "
                                    "its reply was lost; sending it again";
    transmitCommand();
    m_command->afterRetry();
}

int DeviceSession::dataTimeoutMs() const
{
    const int frameBytes = Protocol::kOverhead + replyLimit();
    return wireMs(qsizetype(m_transfer.window) * frameBytes) + wireMs(Protocol::kOverhead + 32) +
           m_options.replyAllowanceMs + m_options.marginMs;
}

void DeviceSession::fillWindow()
{
    const qint64 size = m_job->bundle.size();
    m_transfer.sendNext = qMax(m_transfer.sendNext, m_transfer.base);
    while (m_transfer.outstanding.size() < m_transfer.window && m_transfer.sendNext < size) {
        const int length = int(qMin<qint64>(m_transfer.chunk, size - m_transfer.sendNext));
        const quint16 seq = nextSeq();
        const QByteArray bytes =
            Frame::transferData(seq, quint32(m_transfer.sendNext),
                                m_job->bundle.view().sliced(m_transfer.sendNext, length))
                .encode();
        m_transfer.outstanding.insert(seq, {m_transfer.sendNext, length});
        m_transfer.sendNext += length;
        ++m_job->reply->m_framesSent;
        qCDebug(lcProtocol).noquote() << portLabel() << "-> TRANSFER_DATA seq" << seq << "offset"
                                      << m_transfer.sendNext - length << "length" << length;
        if (m_transferClock.firstData < 0)
            m_transferClock.firstData = m_clock.nsecsElapsed();
        writeBytes(bytes);
        // While a COMMIT is out, its reply (or its timeout) tells what the device lacks.
        if (!m_transfer.commitSent && !m_dataTimer.isActive())
            m_dataTimer.start(dataTimeoutMs());
    }

    if (m_transfer.begun && !m_transfer.commitSent && m_transfer.sendNext >= size)
        commitTransfer();
}

void DeviceSession::handleDataReply(const Frame &frame)
{
    const auto [offset, length] = m_transfer.outstanding.take(frame.seq);

    if (!m_transfer.begun) {
        // The BEGIN reply comes before any data reply (section 6): BEGIN or its reply was lost,
        // and what this reply says belongs to whatever transfer the device had, if any.
        resendBegin();
        return;
    }

    if (frame.frameType() == FrameType::Error) {
        QJsonObject error;
        frame.jsonObject(&error);
        const QString code = error.value(QStringLiteral("code")).toString();
        // Both mean the device forgot the transfer: it reset (and lost its HELLO limits).
        if (code == QLatin1String(ErrorCode::NoTransfer) ||
            code == QLatin1String(ErrorCode::PayloadTooLarge)) {
            restartTransfer(QStringLiteral("the device lost the transfer (%1)").arg(code));
            return;
        }
        failDevice(frame);
        return;
    }

    QJsonObject ack;
    const bool parsed = frame.jsonObject(&ack);
    const QJsonValue nextValue = ack.value(QStringLiteral("next"));
    const qint64 next = nextValue.toInteger(-1);
    if (!parsed || !nextValue.isDouble() || next < 0 || next > m_job->bundle.size()) {
        failJob(DeviceReply::Error::InvalidReply,
                QStringLiteral("the device acknowledged data with an invalid \"next\""));
        return;
    }

    if (next > m_transfer.base) {
        m_transfer.base = next;
        for (auto it = m_transfer.outstanding.begin(); it != m_transfer.outstanding.end();) {
            if (it->first + it->second <= next)
                it = m_transfer.outstanding.erase(it);
            else
                ++it;
        }
        m_transfer.timeouts = 0;
        if (!m_transfer.commitSent)
            m_dataTimer.start(dataTimeoutMs());
        emit m_job->reply->transferProgress(next, m_job->bundle.size());
    }

    if (m_transfer.base >= m_job->bundle.size()) {
        if (m_transferClock.allAcknowledged < 0)
            m_transferClock.allAcknowledged = m_clock.nsecsElapsed();
        m_dataTimer.stop();
        m_transfer.outstanding.clear();
        fillWindow(); // commits, unless a COMMIT is on its way already
        return;
    }

    // The device refused this frame: it expects earlier data, which was lost (section 13).
    if (next <= offset) {
        qCDebug(lcProtocol).noquote()
            << portLabel() << "device expects offset" << next << "again, going back";
        goBack(next);
        return;
    }
    fillWindow();
}

void DeviceSession::goBack(qint64 offset)
{
    ++m_job->reply->m_retries;
    m_transfer.outstanding.clear();
    m_transfer.base = offset;
    m_transfer.sendNext = offset;
    // A COMMIT written before this resend reaches the device first: "incomplete" is expected.
    if (m_transfer.commitSent)
        m_transfer.commitStale = true;
    m_dataTimer.stop();
    fillWindow();
}

bool DeviceSession::countStall()
{
    ++m_transfer.timeouts;
    if (m_transfer.timeouts <= m_options.maxDataTimeouts)
        return true;
    m_identified = false;
    failJob(DeviceReply::Error::Timeout,
            QStringLiteral("the device stopped acknowledging data at offset %1 of %2")
                .arg(m_transfer.base)
                .arg(m_job->bundle.size()));
    return false;
}

void DeviceSession::onDataTimeout()
{
    if (!m_transfer.active || !m_job || m_transfer.commitSent)
        return;
    if (!countStall())
        return;
    qCInfo(lcProtocol).noquote() << portLabel() << "no progress on the transfer at offset"
                                 << m_transfer.base << "- resending from there";
    goBack(m_transfer.base);
}

void DeviceSession::commitTransfer()
{
    m_dataTimer.stop();
    m_transfer.commitSent = true;
    m_transfer.commitStale = false;
    m_transfer.baseAtCommit = m_transfer.base;
    m_transferClock.commitSent = m_clock.nsecsElapsed();
    sendCommandFrame(quint8(FrameType::TransferCommit), "{}", m_options.storageAllowanceMs,
                     [this](const Frame &frame, int attempts) { onCommitReply(frame, attempts); });
}

void DeviceSession::onCommitReply(const Frame &frame, int attempts)
{
    m_transfer.commitSent = false;
    if (frame.frameType() != FrameType::Error) {
        QJsonObject payload;
        frame.jsonObject(&payload);
        qCInfo(lcProtocol).noquote()
            << portLabel() << "claim credentials committed, certificate"
            << payload.value(QStringLiteral("certificate_id")).toString().left(12);
        finishTransfer(payload);
        return;
    }

    QJsonObject error;
    frame.jsonObject(&error);
    const QString code = error.value(QStringLiteral("code")).toString();
    if (code == QLatin1String(ErrorCode::Incomplete)) {
        onCommitIncomplete(frame);
        return;
    }
    if (code == QLatin1String(ErrorCode::NoTransfer) && attempts > 1 &&
        !m_job->certificateId.isEmpty()) {
        // The first COMMIT may have been executed and only its reply lost (section 6), or the
        // device reset meanwhile: in either case ask HELLO again before the next transfer.
        m_identified = false;
        verifyCommitByStatus();
        return;
    }
    if (code == QLatin1String(ErrorCode::NoTransfer) ||
        code == QLatin1String(ErrorCode::DigestMismatch) ||
        code == QLatin1String(ErrorCode::PayloadTooLarge)) {
        restartTransfer(
            QStringLiteral("the device answered %1: %2").arg(code, quotedMessage(error)));
        return;
    }
    failDevice(frame);
}

void DeviceSession::onCommitIncomplete(const Frame &frame)
{
    // Each COMMIT found incomplete without the device having taken more data since the previous
    // one counts like a data timeout, so that a device that never completes cannot loop us.
    if (m_transfer.base <= m_transfer.baseAtCommit && !countStall())
        return;

    if (m_transfer.commitStale) {
        // Data was resent behind that COMMIT already: commit again behind the resend.
        m_transfer.commitStale = false;
        if (!m_transfer.outstanding.isEmpty())
            m_dataTimer.start(dataTimeoutMs());
        fillWindow();
        return;
    }

    if (m_transfer.base >= m_job->bundle.size()) {
        // Every byte was acknowledged, yet the device lacks some: it lost its transfer state.
        QJsonObject error;
        frame.jsonObject(&error);
        restartTransfer(QStringLiteral("the device answered incomplete after acknowledging "
                                       "every byte: %1")
                            .arg(quotedMessage(error)));
        return;
    }

    // Replies come in order: the data written before this COMMIT and never acknowledged was
    // lost on the way. Resend it; fillWindow() commits again behind the last frame.
    qCInfo(lcProtocol).noquote() << portLabel() << "the device lacks data from offset"
                                 << m_transfer.base << "at COMMIT; resending it";
    goBack(m_transfer.base);
}

void DeviceSession::verifyCommitByStatus()
{
    m_dataTimer.stop();
    m_transfer.active = false;
    m_transfer.outstanding.clear();
    sendCommandFrame(
        quint8(FrameType::Status), "{}", m_options.replyAllowanceMs,
        [this](const Frame &frame, int) {
            QJsonObject status;
            if (frame.frameType() == FrameType::StatusReply && frame.jsonObject(&status) &&
                status.value(QStringLiteral("certificate_id")).toString() == m_job->certificateId) {
                qCInfo(lcProtocol).noquote()
                    << portLabel() << "the commit happened; its reply was lost";
                finishTransfer(QJsonObject{
                    {QStringLiteral("state"), status.value(QStringLiteral("state"))},
                    {QStringLiteral("certificate_id"), m_job->certificateId},
                });
                return;
            }
            restartTransfer(QStringLiteral("the device does not hold the new "
                                           "credentials after the commit"));
        });
}

void DeviceSession::restartTransfer(const QString &reason)
{
    // A device that forgot the transfer has probably reset and lost its HELLO limits with it.
    m_identified = false;

    if (m_transfer.restarts >= m_options.maxTransferRestarts) {
        failJob(DeviceReply::Error::DeviceError,
                m_transfer.restarts == 0
                    ? reason
                    : QStringLiteral("%1, also after %2 restart(s) of the transfer")
                          .arg(reason)
                          .arg(m_transfer.restarts));
        return;
    }

    qCInfo(lcProtocol).noquote()
        << QStringLiteral("%1 %2; restarting the transfer").arg(portLabel(), reason);
    // Replies to this round's frames still on their way match nothing any more and are ignored.
    const int restarts = m_transfer.restarts + 1;
    m_dataTimer.stop();
    m_transfer = TransferWindow();
    m_transfer.restarts = restarts;
    ++m_job->reply->m_retries;
    runTransfer();
}

void DeviceSession::finishTransfer(const QJsonObject &payload)
{
    const qint64 now = m_clock.nsecsElapsed();
    const TransferClock &clock = m_transferClock;
    const auto ms = [](qint64 from, qint64 to) {
        return from < 0 || to < from ? 0.0 : double(to - from) / 1e6;
    };
    const qint64 dataEnd = clock.allAcknowledged >= 0 ? clock.allAcknowledged : now;

    DeviceReply::TransferTiming timing;
    timing.valid = true;
    timing.bundleBytes = m_job->bundle.size();
    timing.bytesSent = clock.bytesSent;
    timing.rounds = clock.rounds;
    timing.helloMs = ms(clock.helloSent, clock.helloDone);
    timing.beginMs = ms(clock.beginSent, clock.beginReply);
    timing.dataMs = ms(clock.firstData, dataEnd);
    timing.commitMs = ms(qMax(dataEnd, clock.commitSent), now);
    timing.totalMs = ms(clock.firstBegin, now);
    if (m_job->reply)
        m_job->reply->m_timing = timing;
    finishJob(payload);
}

} // namespace Blackbird
