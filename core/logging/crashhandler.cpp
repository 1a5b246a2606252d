#include "crashhandler.h"

#include "logcategories.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BLACKBIRD_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BLACKBIRD_ASAN 1
#endif

#if defined(Q_OS_UNIX)
#include <csignal>
#include <cstring>

#include <execinfo.h>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Blackbird::CrashHandler {

namespace {

QString s_reportPath;

#if defined(Q_OS_UNIX)
// Everything the handler writes is prepared here, because a signal handler may not allocate.
char s_path[4096];
char s_header[1024];
size_t s_headerLength = 0;
constexpr int kMaxFrames = 64;
// A stack overflow must still be reported. Known shortcoming: only the thread that installs the
// handler (the main thread) gets this stack; an overflow on a worker thread dies unreported.
alignas(16) char s_alternateStack[64 * 1024];

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

void writeAll(int fd, const char *text, size_t length)
{
    while (length > 0) {
        const ssize_t written = ::write(fd, text, length);
        if (written <= 0)
            return;
        text += written;
        length -= size_t(written);
    }
}

void writeText(int fd, const char *text)
{
    writeAll(fd, text, std::strlen(text));
}

void writeNumber(int fd, long value)
{
    char digits[24];
    int n = 0;
    const bool negative = value < 0;
    unsigned long rest =
        negative ? 0UL - static_cast<unsigned long>(value) : static_cast<unsigned long>(value);
    do {
        digits[n++] = char('0' + rest % 10);
        rest /= 10;
    } while (rest > 0 && n < int(sizeof digits));
    if (negative)
        writeAll(fd, "-", 1);
    while (n > 0)
        writeAll(fd, &digits[--n], 1);
}

const char *signalName(int signal)
{
    switch (signal) {
    case SIGSEGV:
        return "SIGSEGV (invalid memory access)";
    case SIGBUS:
        return "SIGBUS (bus error)";
    case SIGILL:
        return "SIGILL (illegal instruction)";
    case SIGFPE:
        return "SIGFPE (arithmetic error)";
    case SIGABRT:
        return "SIGABRT (aborted)";
    default:
        return "unknown signal";
    }
}

void onCrash(int signal)
{
    const int fd = ::open(s_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        writeAll(fd, s_header, s_headerLength);
        writeText(fd, "signal: ");
        writeNumber(fd, signal);
        writeText(fd, " ");
        writeText(fd, signalName(signal));
        writeText(fd, "\nstack (innermost first):\n");
        void *frames[kMaxFrames];
        const int count = ::backtrace(frames, kMaxFrames);
        ::backtrace_symbols_fd(frames, count, fd);
        ::close(fd);
    }
    writeText(STDERR_FILENO, "blackbird: crashed with ");
    writeText(STDERR_FILENO, signalName(signal));
    if (fd >= 0) {
        writeText(STDERR_FILENO, "; report written to ");
        writeText(STDERR_FILENO, s_path);
    }
    writeText(STDERR_FILENO, "\n");
    // The handler was installed with SA_RESETHAND: raising again ends the process the way the
    // signal would have, core dump and exit status included.
    ::raise(signal);
}
#endif

} // namespace

QString defaultReportFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("crashes"));
}

QString reportPath()
{
    return s_reportPath;
}

bool install(const QString &folder, QString *error)
{
#if defined(BLACKBIRD_ASAN) || !defined(Q_OS_UNIX)
    Q_UNUSED(folder);
    Q_UNUSED(error);
    return true;
#else
    if (!QDir().mkpath(folder)) {
        if (error)
            *error = QCoreApplication::translate("CrashHandler",
                                                 "Cannot make the crash report folder %1.")
                         .arg(folder);
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString path =
        QDir(folder).filePath(QStringLiteral("crash-%1-%2.txt")
                                  .arg(now.toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                  .arg(QCoreApplication::applicationPid()));
    const QByteArray encodedPath = QFile::encodeName(path);
    const QByteArray header =
        QStringLiteral("program: %1 %2\nstarted: %3\npid: %4\n")
            .arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion(),
                 now.toString(Qt::ISODate))
            .arg(QCoreApplication::applicationPid())
            .toUtf8();
    if (size_t(encodedPath.size()) >= sizeof s_path || size_t(header.size()) >= sizeof s_header) {
        if (error)
            *error =
                QCoreApplication::translate("CrashHandler", "The crash report path %1 is too long.")
                    .arg(path);
        return false;
    }
    std::memcpy(s_path, encodedPath.constData(), size_t(encodedPath.size()) + 1);
    std::memcpy(s_header, header.constData(), size_t(header.size()));
    s_headerLength = size_t(header.size());
    s_reportPath = path;

    // backtrace() loads libgcc on its first call, which allocates: do that now, not in the handler.
    void *warmUp[2];
    ::backtrace(warmUp, 2);

    stack_t alternate{};
    alternate.ss_sp = s_alternateStack;
    alternate.ss_size = sizeof s_alternateStack;
    ::sigaltstack(&alternate, nullptr);

    struct sigaction action
    {};
    action.sa_handler = onCrash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    for (const int signal : kSignals)
        ::sigaction(signal, &action, nullptr);
    qCDebug(lcApp).noquote() << "crash reports go to" << path;
    return true;
#endif
}

} // namespace Blackbird::CrashHandler
