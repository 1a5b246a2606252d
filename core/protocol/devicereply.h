// The outcome of one operation on a device session (identify, transfer a bundle, erase, ...),
// delivered asynchronously like a QNetworkReply: wait for finished(), then read the result or
// the error. The session owns its replies; call deleteLater() on one when done with it.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace Blackbird {

class DeviceSession;

class DeviceReply : public QObject
{
    Q_OBJECT

public:
    enum class Operation {
        Identify,
        ReadPublicKey,
        TransferBundle,
        AbortTransfer,
        StartProvisioning,
        Status,
        EraseClaim,
        Reboot,
        Command, // any other command, sent as given
    };
    Q_ENUM(Operation)

    enum class Error {
        None,
        NotOpen,      // no port is open
        Timeout,      // no valid reply after every attempt
        DeviceError,  // the device answered ERROR: see deviceErrorCode()
        InvalidReply, // the device answered something that breaks the protocol
        Cancelled,    // cancel() or cancelAll() ended it
        LinkLost,     // the port closed or failed while the operation was running
        InvalidInput, // the caller's request cannot be sent (empty bundle, too large, ...)
    };
    Q_ENUM(Error)

    Operation operation() const { return m_operation; }
    bool isFinished() const { return m_finished; }
    bool isSuccess() const { return m_finished && m_error == Error::None; }
    Error error() const { return m_error; }
    // The device's code from its ERROR frame ("digest_mismatch", ...), empty for other errors.
    QString deviceErrorCode() const { return m_deviceErrorCode; }
    // One sentence a technician can act on, naming the operation; empty on success.
    QString errorString() const { return m_errorString; }
    // The JSON payload of the device's success reply (for a transfer: of TRANSFER_COMMIT).
    QJsonObject payload() const { return m_payload; }
    // Command frames sent for this operation, retries and resent data included.
    int framesSent() const { return m_framesSent; }
    // Retries after timeouts and go-back-N resends of data, for logs and tests.
    int retries() const { return m_retries; }

    // Where the time of a credential transfer went (TransferBundle only; valid once it
    // succeeded). The station pipelines (docs/serial-protocol.md section 13), so the phases
    // overlap: they are measured on the station's clock at the moments named below.
    struct TransferTiming
    {
        bool valid = false;
        qint64 bundleBytes = 0; // the bundle's size
        qint64 bytesSent = 0;   // station -> device bytes of the exchange, resends included
        int rounds = 0;         // TRANSFER_BEGIN rounds: 1, more after a restart
        double helloMs = 0;     // HELLO before the transfer, when the limits were not known
        // TRANSFER_BEGIN written -> its reply (the last round's).
        double beginMs = 0;
        // First TRANSFER_DATA written -> every bundle byte acknowledged (or the COMMIT reply,
        // when the last acknowledgements were lost) (the last round's).
        double dataMs = 0;
        // Every byte acknowledged (or the last COMMIT written, if later) -> the COMMIT reply:
        // the device's verification and durable write plus the reply's wire time.
        double commitMs = 0;
        // First TRANSFER_BEGIN written -> the COMMIT reply: section 16's "elapsed".
        double totalMs = 0;
    };
    TransferTiming transferTiming() const { return m_timing; }

    // Ends the operation now with Error::Cancelled; a reply that still arrives is ignored.
    void cancel();

    static QString operationName(Operation operation);

signals:
    void finished();
    // Bundle bytes the device has acknowledged so far (TransferBundle only).
    void transferProgress(qint64 acknowledged, qint64 total);

private:
    friend class DeviceSession;
    DeviceReply(Operation operation, DeviceSession *session);

    void finishOk(const QJsonObject &payload);
    void finishError(Error error, const QString &reason, const QString &deviceCode = QString());

    DeviceSession *m_session;
    Operation m_operation;
    bool m_finished = false;
    Error m_error = Error::None;
    QString m_deviceErrorCode;
    QString m_errorString;
    QJsonObject m_payload;
    int m_framesSent = 0;
    int m_retries = 0;
    TransferTiming m_timing;
};

} // namespace Blackbird
