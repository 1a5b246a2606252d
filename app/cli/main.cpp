// blackbird-station-cli: the provisioning station without a window, for test rigs and MES
// integration. See docs/cli.md and the manual page.
#include "logging/crashhandler.h"
#include "stationcli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the window, so both find the same profiles and audit database.
    QCoreApplication::setOrganizationName(QStringLiteral("Blackbird"));
    QCoreApplication::setApplicationName(QStringLiteral("Blackbird Provisioning Station"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BLACKBIRD_VERSION));

    // Standard output carries the results; the log (stderr) says only what goes wrong unless
    // --verbose or QT_LOGGING_RULES (which wins) asks for more.
    QLoggingCategory::setFilterRules(QStringLiteral("blackbird.*.info=false"));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(QStringLiteral("%{category}: %{message}"));

    QString crashError;
    if (!Blackbird::CrashHandler::install(Blackbird::CrashHandler::defaultReportFolder(),
                                          &crashError))
        qWarning("%s Crashes will leave no report.", qPrintable(crashError));

    Blackbird::Cli::StationCli cli;
    return cli.run(QCoreApplication::arguments());
}
