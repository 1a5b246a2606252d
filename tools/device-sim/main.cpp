// blackbird-devsim: simulated Blackbird devices on pseudo-terminals for the provisioning
// station, its tests and its benchmarks. See --help.
#include "controlchannel.h"
#include "signalwatcher.h"
#include "simlog.h"
#include "simoptions.h"
#include "simulator.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

using namespace Blackbird::Sim;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("blackbird-devsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BLACKBIRD_VERSION));

    SimOptions options;
    QString message;
    switch (SimOptions::parse(QCoreApplication::arguments(), &options, &message)) {
    case SimOptions::Outcome::Exit:
        std::fputs(qPrintable(message), stdout);
        return 0;
    case SimOptions::Outcome::Error:
        std::fprintf(stderr, "blackbird-devsim: %s\nTry --help.\n", qPrintable(message));
        return 2;
    case SimOptions::Outcome::Run:
        break;
    }

    SignalWatcher watcher;
    if (!watcher.install(&message)) {
        std::fprintf(stderr, "blackbird-devsim: %s\n", qPrintable(message));
        return 1;
    }

    Simulator simulator(options);
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, [](int signalNumber) {
        qCInfo(lcSim) << "stopping on signal" << signalNumber;
        QCoreApplication::quit();
    });
    QObject::connect(&simulator, &Simulator::quitRequested, &app, &QCoreApplication::quit,
                     Qt::QueuedConnection);

    if (!simulator.start(&message)) {
        std::fprintf(stderr, "blackbird-devsim: %s\n", qPrintable(message));
        simulator.stop();
        return 1;
    }

    if (options.stdinControl) {
        auto *control = new ControlChannel(STDIN_FILENO, &app);
        QObject::connect(control, &ControlChannel::lineReceived, &simulator,
                         [&simulator](const QString &line) {
                             const QByteArray answer = simulator.execute(line).toUtf8() + '\n';
                             std::fwrite(answer.constData(), 1, size_t(answer.size()), stdout);
                             std::fflush(stdout);
                         });
    }

    const int status = QCoreApplication::exec();
    simulator.stop();
    qCInfo(lcSim) << "stopped; links removed";
    return status;
}
