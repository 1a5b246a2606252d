// One serial port's conversation with one device, fully asynchronous on the Qt event loop.
// Operations (identify, read the public key, transfer and commit claim credentials, start
// fleet provisioning, status, erase, reboot) queue up and run one at a time; each returns a
// DeviceReply that finishes with the result or with an error that says what went wrong. Every
// command has a timeout and a bounded number of attempts (docs/serial-protocol.md section 7);
// the credential transfer runs the windowed go-back-N scheme of section 13. Console lines and
// device events arrive as signals whatever operation is running.
#pragma once

#include "crypto/secretbytes.h"
#include "protocol/deviceinfo.h"
#include "protocol/devicereply.h"
#include "protocol/frameparser.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;
class QSerialPort;

namespace Blackbird {

class DeviceSession : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int baud = 115200;              // to compute wire times; open() sets it too
        int maxAttempts = 3;            // tries per command, the first included
        int marginMs = 250;             // slack on top of wire times and device allowances
        int replyAllowanceMs = 100;     // device's reply deadline for ordinary commands
        int storageAllowanceMs = 3000;  // ... for TRANSFER_COMMIT and CLAIM_ERASE
        int provisionAllowanceMs = 500; // ... for PROVISION_START
        int maxDataTimeouts = 5;        // consecutive data timeouts without progress
        int maxTransferRestarts = 1;    // restarts of a transfer the device lost (it reset)
    };

    // The protocol versions this station speaks, in HELLO's "protocols".
    static const QList<int> &stationProtocols();

    explicit DeviceSession(QObject *parent = nullptr);
    // Destroys the replies still pending too, without finished(): hold them in QPointer.
    ~DeviceSession() override;

    void setOptions(const Options &options) { m_options = options; }
    const Options &options() const { return m_options; }

    // Opens a serial port by path (a /dev/serial/by-id link, a simulator's pseudo-terminal link)
    // at 8N1 without flow control.
    bool open(const QString &portPath, int baud, QString *error);
    // Talks over an already open device instead (tests); the session does not own it.
    void setDevice(QIODevice *device);
    // Fails every running and queued operation with LinkLost and closes the port.
    void close();
    bool isOpen() const;
    QString portPath() const { return m_portPath; }

    DeviceReply *identify();
    DeviceReply *readPublicKey();
    // Sends the claim bundle (it holds the claim private key: wiped once the operation ends),
    // identifying the device first if needed, and commits it.
    DeviceReply *transferBundle(SecretBytes bundle);
    DeviceReply *abortTransfer();
    DeviceReply *startProvisioning(const QJsonObject &request = {});
    DeviceReply *status();
    // Sends CLAIM_ERASE with the confirmation "ERASE <uuid>".
    DeviceReply *eraseClaim(const QString &uuid);
    DeviceReply *reboot();
    // Any command type with any payload, under the normal timeout and retry rules.
    DeviceReply *sendCommand(quint8 type, const QByteArray &payload);

    // Cancels the running operation and everything queued.
    void cancelAll();

    bool isIdentified() const { return m_identified; }
    // Valid after a successful identify() until the port closes or the device resets.
    const DeviceInfo &deviceInfo() const { return m_info; }
    const FrameParser::Stats &parserStats() const { return m_parser.stats(); }

signals:
    // A line the device's firmware printed, '\r' removed, ANSI sequences left in. partial:
    // cut at the length limit, more of it follows.
    void consoleLine(const QString &text, bool partial);
    // An EVENT frame: "event" in name, the whole payload (device_time, fields) in payload.
    void eventReceived(const QString &name, const QJsonObject &payload);
    // A frame candidate failed its checks (noise, corruption); the protocol recovers by itself.
    void frameDiscarded(const QString &reason, qsizetype bytes);
    // The port failed or hung up (device unplugged, simulator dropped its link).
    void linkLost(const QString &reason);

private:
    friend class DeviceReply;

    struct Job
    {
        QPointer<DeviceReply> reply;
        quint8 type = 0;
        QByteArray payload;
        int allowanceMs = 0;
        SecretBytes bundle;
        QByteArray sha256Hex;
        QString certificateId;
    };

    struct PendingCommand
    {
        quint8 type = 0;
        quint16 seq = 0;
        QByteArray bytes;
        int attempts = 0;
        int timeoutMs = 0;
        std::function<void(const Frame &, int attempts)> onReply;
        // Runs after a retry was written (TRANSFER_BEGIN: its pipelined data follows it again).
        std::function<void()> afterRetry;
    };

    // One round of the pipelined transfer (section 13): TRANSFER_BEGIN, the data right behind
    // it, TRANSFER_COMMIT right behind the last data frame.
    struct TransferWindow
    {
        bool active = false;      // BEGIN sent: data frames go out and their replies count
        bool begun = false;       // the BEGIN reply arrived
        bool commitSent = false;  // a COMMIT is the outstanding command
        bool commitStale = false; // data was resent behind that COMMIT: "incomplete" is expected
        qint64 base = 0;          // lowest offset not acknowledged
        qint64 sendNext = 0;      // next offset to transmit
        qint64 baseAtCommit = 0;  // base when the last COMMIT was sent
        int chunk = 0;
        int window = 1;
        QMap<quint16, std::pair<qint64, int>> outstanding; // seq -> (offset, length)
        int timeouts = 0; // rounds without progress: data timeouts, COMMITs found incomplete
        int restarts = 0;
    };

    // Station clock readings of the running transfer, in ns of m_clock; -1: not yet.
    struct TransferClock
    {
        qint64 firstBegin = -1;
        qint64 helloSent = -1;
        qint64 helloDone = -1;
        qint64 beginSent = -1;
        qint64 beginReply = -1;
        qint64 firstData = -1;
        qint64 allAcknowledged = -1;
        qint64 commitSent = -1;
        qint64 bytesSent = 0;
        int rounds = 0;
    };

    DeviceReply *enqueue(DeviceReply::Operation operation, quint8 type, QByteArray payload,
                         int allowanceMs);
    void scheduleNext();
    void startNext();
    void cancel(DeviceReply *reply);
    void finishJob(const QJsonObject &payload);
    void failJob(DeviceReply::Error error, const QString &reason, const QString &code = {});
    void failDevice(const Frame &errorFrame);
    void resetActiveState();

    void sendCommandFrame(quint8 type, const QByteArray &payload, int allowanceMs,
                          std::function<void(const Frame &, int)> onReply);
    void transmitCommand();
    void onCommandTimeout();
    bool writeBytes(const QByteArray &bytes);

    void onReadyRead();
    void handleItems(const QList<FrameParser::Item> &items);
    void handleFrame(const Frame &frame);
    void handleEvent(const Frame &frame);
    void onPartialFrameTimeout();
    void onPortError();

    void onSimpleReply(const Frame &frame);
    void onHelloReply(const Frame &frame, const std::function<void()> &then);
    void runTransfer();
    void beginTransfer();
    void onBeginReply(const Frame &frame);
    void resendBegin();
    void fillWindow();
    void handleDataReply(const Frame &frame);
    void goBack(qint64 offset);
    void onDataTimeout();
    bool countStall();
    void commitTransfer();
    void onCommitReply(const Frame &frame, int attempts);
    void onCommitIncomplete(const Frame &frame);
    void verifyCommitByStatus();
    void restartTransfer(const QString &reason);
    void finishTransfer(const QJsonObject &payload);

    quint16 nextSeq() { return m_seq++; }
    int wireMs(qsizetype bytes) const;
    // Wire time of what the station wrote and the line has not carried yet (estimated).
    int backlogMs() const;
    int replyLimit() const;
    int dataTimeoutMs() const;
    QString portLabel() const;

    Options m_options;
    QIODevice *m_io = nullptr;
    QSerialPort *m_port = nullptr;
    QString m_portPath;
    FrameParser m_parser;
    quint16 m_seq;
    bool m_identified = false;
    DeviceInfo m_info;

    std::deque<std::unique_ptr<Job>> m_queue;
    std::unique_ptr<Job> m_job;
    bool m_startScheduled = false;
    std::optional<PendingCommand> m_command;
    TransferWindow m_transfer;
    TransferClock m_transferClock;
    QElapsedTimer m_clock;
    qint64 m_txIdleNs = 0; // when the output line will have carried every byte written

    QTimer m_commandTimer;
    QTimer m_dataTimer;
    QTimer m_partialTimer;
};

} // namespace Blackbird
