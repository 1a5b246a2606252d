// blackbird-station-cli's commands: reads the command line (a command, then its options),
// prints help, and runs ports, provision, audit, export and profile. Everything but provision
// is short and synchronous; provision runs on the event loop (ProvisionRun).
#pragma once

#include "clioutput.h"

#include "audit/auditrecord.h"
#include "settings/stationprofile.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace Blackbird {
class AuditStore;
}

namespace Blackbird::Cli {

class StationCli
{
public:
    // Runs the command line (arguments as QCoreApplication::arguments() gives them) and returns
    // the exit status. provision runs the application's event loop until it is done.
    int run(const QStringList &arguments);

    static QStringList commands();

private:
    int runPorts();
    int runProvision();
    int runAudit();
    int runExport();
    int runProfile();
    int printHelp(const QString &command);

    void addOptions(QCommandLineParser &parser, const QString &command) const;
    QString helpText(const QString &command) const;
    int usage(const QString &text) const;

    // The profile the options name (--endpoints, --profile, else the first one). When nothing
    // names one and there is none, returns nothing with error empty: defaults apply.
    std::optional<StationProfile> profile(QString *error, QStringList *warnings = nullptr) const;
    ProfileStore store() const;
    // Opens the audit store of --audit-sqlite or the profile; returns an exit code or ExitOk.
    int openAudit(AuditStore &audit) const;
    // The filters shared by audit and export; returns false (and says why) on a bad value.
    bool auditQuery(AuditQuery *query, QDateTime *since, QString *error) const;

    QCommandLineParser m_parser;
    QString m_command;
    QStringList m_positional; // after the command
    Output m_out;
};

} // namespace Blackbird::Cli
