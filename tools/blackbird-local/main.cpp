// blackbird-local: runs the local Blackbird stack until SIGINT or SIGTERM. Prints exactly one
// line on standard output when ready; everything else goes to the log on standard error.
#include "localstack.h"
#include "stackoptions.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[0], &byte, 1);
}

// Turns SIGINT and SIGTERM into a notification in the event loop, where stopping is safe.
bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 &&
           ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("blackbird-local"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BLACKBIRD_VERSION));

    QString error;
    QString exitNowText;
    const auto options =
        Blackbird::Local::StackOptions::parse(QCoreApplication::arguments(), &error, &exitNowText);
    if (!options) {
        std::fprintf(stderr, "blackbird-local: %s\nTry --help.\n", qPrintable(error));
        return 2;
    }
    if (!exitNowText.isEmpty()) {
        std::fputs(qPrintable(exitNowText), stdout);
        return 0;
    }

    if (!installSignalHandlers()) {
        std::fprintf(stderr, "blackbird-local: cannot install signal handlers\n");
        return 1;
    }

    Blackbird::Local::LocalStack stack(*options);
    QSocketNotifier signalNotifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&stack] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(g_signalPipe[1], &byte, 1);
        std::fprintf(stderr, "blackbird-local: stopping\n");
        stack.stop();
        QCoreApplication::exit(0);
    });
    QObject::connect(&stack, &Blackbird::Local::LocalStack::ready, &app,
                     [](const QString &endpointsFile) {
                         std::fprintf(stdout, "blackbird-local ready: endpoints %s\n",
                                      qPrintable(endpointsFile));
                         std::fflush(stdout);
                     });
    QObject::connect(&stack, &Blackbird::Local::LocalStack::failed, &app,
                     [](const QString &reason) {
                         std::fprintf(stderr, "blackbird-local: %s\n", qPrintable(reason));
                         QCoreApplication::exit(1);
                     });
    QObject::connect(&stack, &Blackbird::Local::LocalStack::brokenDown, &app,
                     [&stack](const QString &reason) {
                         std::fprintf(stderr, "blackbird-local: %s\n", qPrintable(reason));
                         stack.stop();
                         QCoreApplication::exit(1);
                     });

    stack.start();
    return app.exec();
}
