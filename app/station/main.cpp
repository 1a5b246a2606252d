// blackbird-station: the provisioning station's window.
#include "firstrundialog.h"
#include "logging/crashhandler.h"
#include "logging/logcategories.h"
#include "logging/logmodel.h"
#include "logging/logsink.h"
#include "mainwindow.h"
#include "ports/portwatcher.h"
#include "settings/stationsettings.h"
#include "station/stationcontroller.h"
#include "stationtranslator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <memory>

using namespace Blackbird;

namespace {

// For the startup benchmark (bench/gui/startupbench.cpp): with BLACKBIRD_REPORT_SHOWN set, prints
// "window shown after N ms" once the main window's first paint is done (N from main()), and with
// BLACKBIRD_REPORT_SHOWN=exit quits then.
class FirstPaintReporter : public QObject
{
public:
    FirstPaintReporter(QWidget *window, const QElapsedTimer &clock, bool quit)
        : m_window(window)
        , m_clock(clock)
        , m_quit(quit)
    {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done && watched->isWidgetType() &&
            static_cast<QWidget *>(watched)->window() == m_window) {
            m_done = true;
            // After this paint round: the frame is complete when the queued call runs.
            QTimer::singleShot(0, this, [this] {
                std::printf("blackbird-station: window shown after %lld ms\n",
                            static_cast<long long>(m_clock.elapsed()));
                std::fflush(stdout);
                if (m_quit)
                    QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget *m_window;
    QElapsedTimer m_clock;
    bool m_quit;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Blackbird"));
    QApplication::setApplicationName(QStringLiteral("Blackbird Provisioning Station"));
    QApplication::setApplicationVersion(QStringLiteral(BLACKBIRD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.blackbird.Station"));
    installStationTranslation();
    QString crashError;
    if (!CrashHandler::install(CrashHandler::defaultReportFolder(), &crashError))
        qCWarning(lcApp).noquote() << crashError << "Crashes will leave no report.";

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Gives IoT devices their identity over USB serial."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption patternOption(
        QStringLiteral("port-pattern"),
        QApplication::translate("main", "Watch only ports whose path matches <glob> "
                                        "(repeatable); replaces the profile's patterns and USB "
                                        "ids."),
        QStringLiteral("glob"));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QApplication::translate("main", "Read and write the window's settings in the INI <file>."),
        QStringLiteral("file"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QApplication::translate("main", "Use the station profile <name> (default: the first)."),
        QStringLiteral("name"));
    const QCommandLineOption profilesOption(
        QStringLiteral("profiles-dir"),
        QApplication::translate("main", "Keep station profiles in <folder>."),
        QStringLiteral("folder"));
    const QCommandLineOption endpointsOption(
        QStringLiteral("endpoints"),
        QApplication::translate("main", "Take the endpoints from a local stack's endpoints.json "
                                        "<file> instead of a profile. The API key still comes "
                                        "from BLACKBIRD_API_KEY or the keychain."),
        QStringLiteral("file"));
    const QCommandLineOption autoStartOption(
        QStringLiteral("auto-start"),
        QApplication::translate("main", "Provision every device as soon as its port appears."));
    const QCommandLineOption batchOption(
        QStringLiteral("batch"), QApplication::translate("main", "The batch id (default: now)."),
        QStringLiteral("id"));
    const QCommandLineOption operatorOption(
        QStringLiteral("operator"),
        QApplication::translate("main", "The operator's name (default: the user)."),
        QStringLiteral("name"));
    const QCommandLineOption auditOption(
        QStringLiteral("audit-sqlite"),
        QApplication::translate("main", "Keep the audit records in the SQLite <file>."),
        QStringLiteral("file"));
    for (const QCommandLineOption &option :
         {patternOption, settingsOption, profileOption, profilesOption, endpointsOption,
          autoStartOption, batchOption, operatorOption, auditOption}) {
        parser.addOption(option);
    }
    parser.process(app);

    LogModel log;
    QObject::connect(LogSink::instance(), &LogSink::recorded, &log, &LogModel::append,
                     Qt::QueuedConnection);

    StationSettings settings = parser.isSet(settingsOption)
                                   ? StationSettings(parser.value(settingsOption))
                                   : StationSettings();
    const QString language = MainWindow::chosenLanguage(settings.backend());
    if (!language.isEmpty())
        installStationTranslation(QLocale(language));
    PortFilter filter = settings.portFilter();
    if (parser.isSet(patternOption)) {
        filter.patterns = parser.values(patternOption);
        filter.usbIds.clear();
        filter.includeSystemPorts = false;
    }

    PortWatcher watcher;
    watcher.setFilter(filter);
    watcher.setInterval(std::chrono::milliseconds(settings.portScanIntervalMs()));

    StationController::Options options;
    options.endpointsFile = parser.value(endpointsOption);
    options.portPatterns = parser.values(patternOption);
    options.autoStart = parser.isSet(autoStartOption);
    options.auditSqlitePath = parser.value(auditOption);
    options.batch.batchId = parser.value(batchOption);
    options.batch.operatorName = parser.value(operatorOption);
    StationController controller(&watcher);
    controller.setOptions(options);
    const ProfileStore profiles =
        parser.isSet(profilesOption) ? ProfileStore(parser.value(profilesOption)) : ProfileStore();

    MainWindow window(&watcher, &log, &settings.backend());
    const auto report = [&window](const QString &text) {
        qCWarning(lcApp).noquote() << text;
        window.statusBar()->showMessage(text);
        auto *box = new QMessageBox(QMessageBox::Warning, window.windowTitle(), text,
                                    QMessageBox::Ok, &window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    QObject::connect(&controller, &StationController::problem, &window, report);

    QString error;
    std::optional<StationProfile> profile =
        StationController::loadProfile(options, parser.value(profileOption), profiles, &error);
    if (profile && controller.configure(*profile, &error)) {
        window.setStation(&controller.station(), &controller.audit());
        window.setBrokerMonitor(&controller.monitor());
    }
    StationProfile fresh;
    fresh.name = QStringLiteral("default");
    window.setProfileSupport(&controller.keys(), &profiles, profile.value_or(fresh));
    QObject::connect(
        &window, &MainWindow::profileChanged, &controller, [&](const StationProfile &changed) {
            StationController::Options next = controller.options();
            next.endpointsFile.clear(); // the edited profile wins from now on
            controller.setOptions(next);
            QString why;
            if (!controller.configure(changed, &why)) {
                report(QApplication::translate("main", "The new settings were not applied: "
                                                       "%1")
                           .arg(why));
                return;
            }
            window.setStation(&controller.station(), &controller.audit());
            window.setBrokerMonitor(&controller.monitor());
        });

    std::unique_ptr<FirstPaintReporter> shownReporter;
    if (qEnvironmentVariableIsSet("BLACKBIRD_REPORT_SHOWN")) {
        shownReporter = std::make_unique<FirstPaintReporter>(
            &window, sinceMain, qgetenv("BLACKBIRD_REPORT_SHOWN") == "exit");
        app.installEventFilter(shownReporter.get());
    }
    window.show();
    watcher.start();
    // A station with no profile at all is new: help set one up instead of saying what is missing.
    if (!profile && options.endpointsFile.isEmpty() && offerFirstRun(&window, &profiles))
        error.clear();
    if (!error.isEmpty())
        report(error);
    qCInfo(lcApp) << "Blackbird Provisioning Station" << BLACKBIRD_VERSION << "started";

    const int status = QApplication::exec();
    LogSink::uninstall();
    return status;
}
