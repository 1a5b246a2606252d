// Turns SIGINT and SIGTERM into a Qt signal, so that the simulator stops from its event loop
// and removes its links rather than dying in the middle of a write.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Blackbird::Sim {

class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    // Installs the handlers; false, with a reason, when the self-pipe cannot be made.
    bool install(QString *error);

signals:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Blackbird::Sim
