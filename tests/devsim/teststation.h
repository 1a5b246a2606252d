// A minimal station for the simulator's tests: opens a device link with QSerialPort as the real
// station does, sends frames, and collects replies, events and console lines with the shared
// frame parser. Waiting spins the event loop until a condition holds, never a fixed sleep.
#pragma once

#include "protocol/frame.h"
#include "protocol/frameparser.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSerialPort>
#include <QStringList>

#include <optional>

namespace Blackbird::Test {

class TestStation : public QObject
{
    Q_OBJECT

public:
    explicit TestStation(QObject *parent = nullptr);

    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_port.isOpen(); }
    QString errorString() const { return m_port.errorString(); }
    // True once the port reported that the device side went away.
    bool hungUp() const { return m_hungUp; }

    quint16 send(FrameType type, const QJsonObject &payload = {});
    quint16 sendPayload(FrameType type, const QByteArray &payload, quint8 version = 1);
    quint16 sendData(quint32 offset, QByteArrayView chunk);
    void writeRaw(const QByteArray &bytes);

    // The reply (success or ERROR) to request seq, if it came within timeoutMs; taken out of
    // replies.
    std::optional<Frame> waitReply(quint16 seq, int timeoutMs = 5000);
    // send() then waitReply().
    std::optional<Frame> request(FrameType type, const QJsonObject &payload = {},
                                 int timeoutMs = 5000);
    // BEGIN, every chunk in order (each acknowledged), then COMMIT; returns COMMIT's reply.
    std::optional<Frame> transfer(const QByteArray &bundle, int chunkSize = 200,
                                  int timeoutMs = 5000);
    bool waitForConsole(const QString &fragment, int timeoutMs = 5000);

    static QJsonObject json(const Frame &frame);
    static QString errorCode(const std::optional<Frame> &frame);

    QStringList consoleLines;
    QList<Frame> events;
    QList<Frame> replies;
    quint64 discardedFrames = 0;

private:
    void onReadyRead();

    QSerialPort m_port;
    FrameParser m_parser;
    quint16 m_seq = 1;
    bool m_hungUp = false;
};

} // namespace Blackbird::Test
