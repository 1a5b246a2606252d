// blackbird-station: the provisioning station's window.
#include "logging/logcategories.h"
#include "logging/logmodel.h"
#include "logging/logsink.h"
#include "mainwindow.h"
#include "ports/portwatcher.h"
#include "settings/stationsettings.h"
#include "stationtranslator.h"

#include <QApplication>
#include <QCommandLineParser>

#include <chrono>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Blackbird"));
    QApplication::setApplicationName(QStringLiteral("Blackbird Provisioning Station"));
    QApplication::setApplicationVersion(QStringLiteral(BLACKBIRD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.blackbird.Station"));
    Blackbird::installStationTranslation(); // the system's language, before any text is made

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Gives IoT devices their identity over USB serial."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption patternOption(
        QStringLiteral("port-pattern"),
        QApplication::translate("main", "Watch ports whose path matches <glob> (repeatable); "
                                        "replaces the patterns in the settings."),
        QStringLiteral("glob"));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QApplication::translate("main", "Read and write settings in the INI <file>."),
        QStringLiteral("file"));
    parser.addOption(patternOption);
    parser.addOption(settingsOption);
    parser.process(app);

    Blackbird::LogModel log;
    QObject::connect(Blackbird::LogSink::instance(), &Blackbird::LogSink::recorded, &log,
                     &Blackbird::LogModel::append, Qt::QueuedConnection);

    Blackbird::StationSettings settings =
        parser.isSet(settingsOption) ? Blackbird::StationSettings(parser.value(settingsOption))
                                     : Blackbird::StationSettings();
    Blackbird::PortFilter filter = settings.portFilter();
    if (parser.isSet(patternOption))
        filter.patterns = parser.values(patternOption);

    Blackbird::PortWatcher watcher;
    watcher.setFilter(filter);
    watcher.setInterval(std::chrono::milliseconds(settings.portScanIntervalMs()));

    Blackbird::MainWindow window(&watcher, &log, &settings.backend());
    window.show();
    watcher.start();
    qCInfo(lcApp) << "Blackbird Provisioning Station" << BLACKBIRD_VERSION << "started";

    const int status = QApplication::exec();
    Blackbird::LogSink::uninstall();
    return status;
}
