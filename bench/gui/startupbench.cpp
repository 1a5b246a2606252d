// blackbird-startup-bench: how long blackbird-station takes from being launched to its main
// window being shown (first paint done). The figure to reach (issue 8): within 500 ms of start.
// Each run launches the real program with QT_QPA_PLATFORM=offscreen (unless a platform is set)
// and BLACKBIRD_REPORT_SHOWN=exit, which makes it print "window shown after N ms" (N counted
// from its main()) after the first paint and quit. HOME and XDG folders point into a temporary
// folder, so no settings of the user are read or written.
//
//   blackbird-startup-bench [--runs 5] [--station PATH] [-- station arguments...]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser options;
    options.setApplicationDescription("Times blackbird-station from launch to its main window.");
    options.addHelpOption();
    const QCommandLineOption runs("runs", "Launches to time.", "N", "5");
    const QCommandLineOption station("station", "Path of blackbird-station.", "PATH", STATION_BIN);
    options.addOptions({runs, station});
    options.addPositionalArgument("arguments", "Passed to blackbird-station (after --).");
    options.process(app);

    QList<double> launches;
    QList<double> fromMain;
    const int count = std::max(1, options.value(runs).toInt());
    std::printf("Blackbird startup benchmark: %s, %d launches\n",
                qPrintable(options.value(station)), count);
    for (int run = 1; run <= count; ++run) {
        QTemporaryDir home;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!environment.contains(QStringLiteral("QT_QPA_PLATFORM")))
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("BLACKBIRD_REPORT_SHOWN"), QStringLiteral("exit"));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath("config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath("data"));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath("cache"));
        QProcess process;
        process.setProcessEnvironment(environment);
        process.setStandardErrorFile(QProcess::nullDevice());
        const QStringList arguments = QStringList{"--settings", home.filePath("station.ini"),
                                                  "--profiles-dir", home.filePath("profiles")} +
                                      options.positionalArguments();

        QElapsedTimer clock;
        clock.start();
        process.start(options.value(station), arguments);
        double shownMs = -1;
        QByteArray output;
        while (process.waitForReadyRead(10000) || process.bytesAvailable() > 0) {
            output += process.readAllStandardOutput();
            if (output.contains("window shown after")) {
                shownMs = clock.nsecsElapsed() / 1e6;
                break;
            }
        }
        if (!process.waitForFinished(10000))
            process.kill();
        static const QRegularExpression reported(QStringLiteral("window shown after (\\d+) ms"));
        const auto match = reported.match(QString::fromUtf8(output));
        if (shownMs < 0 || !match.hasMatch()) {
            std::fprintf(stderr, "run %d: the window was not reported shown (exit %d): %s\n", run,
                         process.exitCode(), output.constData());
            return 1;
        }
        launches << shownMs;
        fromMain << match.captured(1).toDouble();
        std::printf("  run %d: shown %.0f ms after launch (%.0f ms after main())\n", run, shownMs,
                    fromMain.last());
    }
    std::sort(launches.begin(), launches.end());
    std::sort(fromMain.begin(), fromMain.end());
    std::printf("window shown after launch: median %.0f ms, worst %.0f ms (target <= 500 ms); "
                "median %.0f ms after main()\n",
                launches[launches.size() / 2], launches.last(), fromMain[fromMain.size() / 2]);
    return 0;
}
