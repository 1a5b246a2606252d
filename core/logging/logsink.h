// Receives every message of the process's logging categories (through Qt's message handler) and
// hands them to the GUI thread as LogRecords, while still passing them to the previous handler
// (stderr, the journal). Messages may come from any thread.
#pragma once

#include "logrecord.h"

#include <QObject>

namespace Blackbird {

class LogSink : public QObject
{
    Q_OBJECT

public:
    // The one sink of the process, created and installed on first use from the main thread.
    static LogSink *instance();
    // Restores the handler that was there before; for tests and shutdown.
    static void uninstall();

Q_SIGNALS:
    // Delivered queued to receivers in other threads.
    void recorded(const Blackbird::LogRecord &record);

private:
    LogSink();
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
};

} // namespace Blackbird
