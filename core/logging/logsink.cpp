#include "logsink.h"

#include <QCoreApplication>
#include <QMutex>

namespace Blackbird {

namespace {

QtMessageHandler s_previous = nullptr;
LogSink *s_instance = nullptr;
// Recursive: a receiver connected directly may itself log.
QRecursiveMutex s_mutex;

} // namespace

LogSink::LogSink()
{
    qRegisterMetaType<Blackbird::LogRecord>();
}

LogSink *LogSink::instance()
{
    QMutexLocker<QRecursiveMutex> lock(&s_mutex);
    if (!s_instance) {
        s_instance = new LogSink;
        if (QCoreApplication::instance())
            s_instance->moveToThread(QCoreApplication::instance()->thread());
        s_previous = qInstallMessageHandler(&LogSink::handle);
    }
    return s_instance;
}

void LogSink::uninstall()
{
    QMutexLocker<QRecursiveMutex> lock(&s_mutex);
    if (!s_instance)
        return;
    qInstallMessageHandler(s_previous);
    s_previous = nullptr;
    delete s_instance;
    s_instance = nullptr;
}

void LogSink::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker<QRecursiveMutex> lock(&s_mutex);
        if (s_instance) {
            LogRecord record{QDateTime::currentDateTimeUtc(), type,
                             QString::fromLatin1(context.category ? context.category : "default"),
                             message};
            Q_EMIT s_instance->recorded(record);
        }
    }
    if (s_previous)
        s_previous(type, context, message);
}

} // namespace Blackbird
