// A scripted device on the master end of a real pseudo-terminal, for the device session's
// tests. By default it behaves as docs/serial-protocol.md asks of firmware (HELLO, STATUS,
// the windowed transfer, commit); a test overrides any frame with intercept() to inject the
// fault it is about.
#pragma once

#include "protocol/frame.h"
#include "protocol/frameparser.h"
#include "pseudoterminal.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSocketNotifier>

#include <functional>

namespace Blackbird::Test {

class FakeDevice : public QObject
{
    Q_OBJECT

public:
    explicit FakeDevice(QObject *parent = nullptr);

    bool isOpen() const { return m_pty.isOpen(); }
    QString portPath() const { return m_pty.slavePath(); }
    // Closes the master end: the station's port sees a hang-up.
    void hangUp();

    // Returns true when it handled the frame itself; the default behaviour is then skipped.
    std::function<bool(const Frame &)> intercept;

    void send(const Frame &frame);
    void sendRaw(const QByteArray &bytes);
    void reply(const Frame &request, const QJsonObject &payload);
    void replyError(const Frame &request, const QString &code, const QString &message);
    // The default behaviour for a frame, for interceptors that only want to watch.
    void handleDefault(const Frame &frame);

    // Every frame received, in order.
    QList<Frame> received;
    QList<Frame> receivedOfType(FrameType type) const;

    // Device state, settable by tests.
    QString uuid = QStringLiteral("6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
    int maxPayload = 256;
    int window = 4;
    QString state = QStringLiteral("blank");
    QByteArray stored; // the committed bundle
    QString storedCertificateId;
    bool transferActive = false;
    qint64 transferSize = 0;
    QByteArray transferDigest;
    QByteArray transferBytes;

signals:
    void frameReceived(const Frame &frame);

private:
    void onReadable();

    PseudoTerminal m_pty;
    QSocketNotifier *m_notifier = nullptr;
    FrameParser m_parser;
};

} // namespace Blackbird::Test
