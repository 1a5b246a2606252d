// Turns SIGINT and SIGTERM into a Qt signal on the event loop (a self-pipe: the handler only
// writes one byte), so that a run can cancel its devices cleanly and record them. The handlers
// are one-shot: a second Ctrl+C gets the default action and ends the program at once.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Blackbird::Cli {

class InterruptWatcher : public QObject
{
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    static QString signalName(int signal); // SIGINT, SIGTERM

Q_SIGNALS:
    void interrupted(int signal);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Blackbird::Cli
