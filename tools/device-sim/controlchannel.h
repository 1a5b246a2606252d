// Reads line commands from standard input so that a test can inject faults into a running
// simulator, device by device, without restarting it.
#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace Blackbird::Sim {

class ControlChannel : public QObject
{
    Q_OBJECT

public:
    explicit ControlChannel(int fd, QObject *parent = nullptr);

signals:
    void lineReceived(const QString &line);
    // End of input: the controlling process went away.
    void closed();

private:
    void onReadable();

    int m_fd;
    QSocketNotifier *m_notifier;
    QByteArray m_buffer;
};

} // namespace Blackbird::Sim
