#include "stationcli.h"

#include "provisionrun.h"

#include "audit/auditstore.h"
#include "keychain/apikeystore.h"
#include "ports/portscanner.h"
#include "station/stationcontroller.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace Blackbird::Cli {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("StationCli", text, disambiguation, n);
}

QString program()
{
    return QStringLiteral("blackbird-station-cli");
}

// Names of every option, so that help and parsing agree.
namespace Opt {
const QString help = QStringLiteral("help");
const QString version = QStringLiteral("version");
const QString json = QStringLiteral("json");
const QString verbose = QStringLiteral("verbose");
const QString profile = QStringLiteral("profile");
const QString profilesDir = QStringLiteral("profiles-dir");
const QString endpoints = QStringLiteral("endpoints");
const QString portPattern = QStringLiteral("port-pattern");
const QString auditSqlite = QStringLiteral("audit-sqlite");
const QString all = QStringLiteral("all");
const QString watch = QStringLiteral("watch");
const QString count = QStringLiteral("count");
const QString mode = QStringLiteral("mode");
const QString reason = QStringLiteral("reason");
const QString confirmErase = QStringLiteral("confirm-erase");
const QString parallel = QStringLiteral("parallel");
const QString batch = QStringLiteral("batch");
const QString operatorName = QStringLiteral("operator");
const QString stationId = QStringLiteral("station-id");
const QString uuid = QStringLiteral("uuid");
const QString outcome = QStringLiteral("outcome");
const QString search = QStringLiteral("search");
const QString since = QStringLiteral("since");
const QString limit = QStringLiteral("limit");
const QString steps = QStringLiteral("steps");
const QString format = QStringLiteral("format");
const QString output = QStringLiteral("output");
const QString force = QStringLiteral("force");
} // namespace Opt

const char *const kExitStatus =
    "Exit status:\n"
    "  0    every device passed or was skipped (already provisioned); the command succeeded\n"
    "  1    some device failed or was cancelled; or the export could not be written\n"
    "  2    usage error (unknown command or option, a field-service mode without --reason)\n"
    "  3    the profile or endpoints file is missing, damaged, from a newer station or\n"
    "       not ready (bad URL, unreadable CA file, broker not configured)\n"
    "  4    no API key: neither BLACKBIRD_API_KEY nor the keychain entry of the profile\n"
    "  5    the audit database cannot be opened or written, so no device starts\n"
    "  130  interrupted (SIGINT/SIGTERM): running devices were cancelled and recorded\n";

const char *const kEnvironment =
    "The API key comes from the environment variable BLACKBIRD_API_KEY or from the keychain\n"
    "entry named after the profile; it is never read from the command line or a file.\n"
    "See docs/cli.md or man blackbird-station-cli for the JSON lines of --json.\n";

bool parsePositive(const QString &text, int minimum, int maximum, int *value)
{
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < minimum || number > maximum)
        return false;
    *value = number;
    return true;
}

// "2026-12-04", "2026-12-04T07:30", "2026-12-04T07:30:00Z", or an age: "90m", "2h", "7d".
std::optional<QDateTime> parseSince(const QString &text)
{
    static const QRegularExpression age(QStringLiteral("^(\\d{1,6})([smhd])$"));
    const QRegularExpressionMatch match = age.match(text.trimmed());
    if (match.hasMatch()) {
        const qint64 amount = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = unit == u's'   ? amount
                               : unit == u'm' ? amount * 60
                               : unit == u'h' ? amount * 3600
                                              : amount * 86400;
        return QDateTime::currentDateTimeUtc().addSecs(-seconds);
    }
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text.trimmed(), Qt::ISODate);
        if (date.isValid())
            time = date.startOfDay();
    }
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC();
}

QJsonObject attemptJson(const AuditAttempt &a)
{
    QJsonArray steps;
    for (const AuditStep &s : a.steps) {
        steps.append(QJsonObject{
            {QStringLiteral("name"), s.name},
            {QStringLiteral("outcome"), s.outcome},
            {QStringLiteral("detail"), s.detail},
            {QStringLiteral("started_at"), s.startedAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished_at"), s.finishedAt.toUTC().toString(Qt::ISODateWithMs)}});
    }
    return {{QStringLiteral("event"), QStringLiteral("attempt")},
            {QStringLiteral("id"), a.id},
            {QStringLiteral("station"), a.stationId},
            {QStringLiteral("operator"), a.operatorName},
            {QStringLiteral("batch"), a.batchId},
            {QStringLiteral("mode"), a.mode},
            {QStringLiteral("service_reason"), a.reason},
            {QStringLiteral("port"), a.port},
            {QStringLiteral("usb_serial"), a.usbSerial},
            {QStringLiteral("uuid"), a.deviceUuid},
            {QStringLiteral("device_type"), a.deviceType},
            {QStringLiteral("firmware"), a.firmware},
            {QStringLiteral("certificate_id"), a.certificateId},
            {QStringLiteral("thing_name"), a.thingName},
            {QStringLiteral("outcome"), auditOutcomeName(a.outcome)},
            {QStringLiteral("last_step"), a.lastStep},
            {QStringLiteral("error"), a.error},
            {QStringLiteral("started_at"), a.startedAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished_at"), a.finishedAt.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("steps"), steps}};
}

QJsonObject profileJson(const StationProfile &p)
{
    QStringList ids;
    for (const UsbId &id : p.usbIds)
        ids << id.toString();
    return {{QStringLiteral("name"), p.name},
            {QStringLiteral("registration_url"), p.registrationUrl},
            {QStringLiteral("ca_file"), p.caFile},
            {QStringLiteral("claim_ca_file"), p.claimCaFile},
            {QStringLiteral("mqtt_host"), p.mqttHost},
            {QStringLiteral("mqtt_port"), p.mqttPort},
            {QStringLiteral("operator_cert"), p.operatorCertFile},
            {QStringLiteral("operator_key"), p.operatorKeyFile},
            {QStringLiteral("template_name"), p.templateName},
            {QStringLiteral("device_types"), QJsonArray::fromStringList(p.deviceTypes)},
            {QStringLiteral("port_patterns"), QJsonArray::fromStringList(p.portPatterns)},
            {QStringLiteral("usb_ids"), QJsonArray::fromStringList(ids)},
            {QStringLiteral("baud_rate"), p.baudRate},
            {QStringLiteral("parallel_limit"), p.parallelLimit},
            {QStringLiteral("auto_start"), p.autoStart},
            {QStringLiteral("audit_sqlite"), p.auditSqlitePath},
            {QStringLiteral("audit_postgres"), p.auditPostgres},
            {QStringLiteral("station_id"), p.effectiveStationId()},
            {QStringLiteral("unknown_keys"), QJsonArray::fromStringList(p.unknownKeys)}};
}

} // namespace

QStringList StationCli::commands()
{
    return {QStringLiteral("ports"),  QStringLiteral("provision"), QStringLiteral("audit"),
            QStringLiteral("export"), QStringLiteral("profile"),   QStringLiteral("help")};
}

void StationCli::addOptions(QCommandLineParser &parser, const QString &command) const
{
    parser.addOption({{QStringLiteral("h"), Opt::help}, tr("Show this help and exit.")});
    parser.addOption({Opt::version, tr("Show the version and exit.")});
    parser.addOption({Opt::json, tr("Print JSON lines (one object per event) for an MES.")});
    parser.addOption({{QStringLiteral("v"), Opt::verbose},
                      tr("Print every step and the station's informational log.")});
    parser.addOption({Opt::profile,
                      tr("Use the station profile <name> (default: the first; with --endpoints: "
                         "\"local\"). The API key is the keychain entry of this name."),
                      QStringLiteral("name")});
    parser.addOption(
        {Opt::profilesDir, tr("Keep station profiles in <folder>."), QStringLiteral("folder")});
    parser.addOption({Opt::endpoints,
                      tr("Take the endpoints from a local stack's endpoints.json <file> instead "
                         "of a profile (its API key is ignored)."),
                      QStringLiteral("file")});
    if (command == QLatin1String("ports") || command == QLatin1String("provision") ||
        command == QLatin1String("profile")) {
        parser.addOption({Opt::portPattern,
                          tr("Only ports whose path matches <glob> (repeatable); replaces the "
                             "profile's patterns and USB ids."),
                          QStringLiteral("glob")});
    }
    if (command == QLatin1String("provision") || command == QLatin1String("audit") ||
        command == QLatin1String("export") || command == QLatin1String("profile")) {
        parser.addOption({Opt::auditSqlite,
                          tr("Keep the audit records in the SQLite <file> instead of the "
                             "profile's database."),
                          QStringLiteral("file")});
    }
    if (command == QLatin1String("provision")) {
        parser.addOption({Opt::all, tr("Provision every matching port present now.")});
        parser.addOption({{Opt::watch, QStringLiteral("wait-for-new")},
                          tr("Keep running and provision each matching port that appears, until "
                             "Ctrl+C or --count.")});
        parser.addOption({Opt::count,
                          tr("With --watch: stop after <n> devices have been provisioned."),
                          QStringLiteral("n")});
        parser.addOption(
            {Opt::mode,
             tr("production (default; provisioned devices are skipped), or a field-service "
                "mode: rotate, replace-claim, erase-claim (each needs --reason)."),
             QStringLiteral("mode")});
        parser.addOption({Opt::reason,
                          tr("Why a field-service mode is used; recorded with every attempt."),
                          QStringLiteral("text")});
        parser.addOption(
            {Opt::confirmErase, tr("Confirms that erase-claim may erase the claim credentials.")});
        parser.addOption({Opt::parallel,
                          tr("Provision up to <n> devices at once (default: the profile's)."),
                          QStringLiteral("n")});
        parser.addOption(
            {Opt::batch, tr("The batch id (default: the date and time)."), QStringLiteral("id")});
        parser.addOption({Opt::operatorName, tr("The operator's name (default: the user)."),
                          QStringLiteral("name")});
        parser.addOption({Opt::stationId,
                          tr("This station's id in the records (default: the profile's, else the "
                             "host name). Give each instance its own when several run at once."),
                          QStringLiteral("id")});
    }
    if (command == QLatin1String("audit") || command == QLatin1String("export")) {
        parser.addOption({Opt::batch, tr("Only attempts of batch <id>."), QStringLiteral("id")});
        parser.addOption(
            {Opt::uuid, tr("Only attempts on the device <uuid>."), QStringLiteral("uuid")});
        parser.addOption({Opt::outcome,
                          tr("Only attempts that ended <outcome>: passed, failed, skipped, "
                             "cancelled, interrupted or running."),
                          QStringLiteral("outcome")});
        parser.addOption({Opt::search,
                          tr("Only attempts whose uuid, type, port, certificate, thing, "
                             "operator, batch or error contains <text>."),
                          QStringLiteral("text")});
        parser.addOption({Opt::limit,
                          tr("At most <n> attempts, newest first (audit: 50, export: all)."),
                          QStringLiteral("n")});
    }
    if (command == QLatin1String("audit")) {
        parser.addOption({Opt::since,
                          tr("Only attempts started since <time>: an ISO 8601 date or time, or "
                             "an age such as 30m, 12h, 7d."),
                          QStringLiteral("time")});
        parser.addOption({Opt::steps, tr("Show every step of each attempt.")});
    }
    if (command == QLatin1String("export")) {
        parser.addOption({Opt::format,
                          tr("csv or json (default: from the output's extension, else csv)."),
                          QStringLiteral("format")});
        parser.addOption({{QStringLiteral("o"), Opt::output},
                          tr("Write to <file> (default: standard output)."),
                          QStringLiteral("file")});
    }
    if (command == QLatin1String("profile")) {
        parser.addOption({Opt::force, tr("import: replace a profile of the same name.")});
        parser.addOption(
            {Opt::stationId, tr("import: the station id to store."), QStringLiteral("id")});
        parser.addOption(
            {Opt::parallel, tr("import: the parallel limit to store."), QStringLiteral("n")});
    }
}

QString StationCli::helpText(const QString &command) const
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    addOptions(parser, command);
    // QCommandLineParser's own first lines name the binary; ours name the command.
    QString options = parser.helpText();
    const qsizetype start = options.indexOf(QLatin1String("Options:"));
    options = start >= 0 ? options.mid(start) : options;

    QString text;
    if (command.isEmpty() || command == QLatin1String("help")) {
        text = tr("Usage: %1 <command> [options] [arguments]\n\n"
                  "Provisions Blackbird IoT devices over USB serial without the window, for "
                  "test rigs\nand MES integration, with the station's profiles, keychain and "
                  "audit database.\n\n"
                  "Commands:\n"
                  "  ports                       List the candidate device ports.\n"
                  "  provision [PORT...]         Provision the ports, or --all, or --watch.\n"
                  "  audit                       Show the recorded attempts, newest first.\n"
                  "  export                      Write the audit records as CSV or JSON.\n"
                  "  profile list|show|import|validate\n"
                  "                              Look after station profiles (no secrets).\n"
                  "  help [COMMAND]              Show a command's options.\n\n")
                   .arg(program());
    } else if (command == QLatin1String("ports")) {
        text = tr("Usage: %1 ports [options]\n\nLists the ports the profile's patterns and USB "
                  "ids (or --port-pattern) make candidates.\n\n")
                   .arg(program());
    } else if (command == QLatin1String("provision")) {
        text = tr("Usage: %1 provision [options] PORT...\n"
                  "       %1 provision [options] --all [--watch [--count N]]\n"
                  "       %1 provision [options] --watch [--count N]\n\n"
                  "Provisions devices in parallel: identify, register, transfer, commit, "
                  "provision,\nwatch, verify, record. Devices already provisioned are left alone "
                  "(skipped) unless\na field-service mode is given.\n\n")
                   .arg(program());
    } else if (command == QLatin1String("audit")) {
        text = tr("Usage: %1 audit [options]\n\nShows the recorded provisioning attempts, "
                  "newest first.\n\n")
                   .arg(program());
    } else if (command == QLatin1String("export")) {
        text = tr("Usage: %1 export [options]\n\nWrites the audit records (with their steps) "
                  "as CSV or JSON, whole or not at all.\n\n")
                   .arg(program());
    } else if (command == QLatin1String("profile")) {
        text = tr("Usage: %1 profile list\n"
                  "       %1 profile show [NAME]\n"
                  "       %1 profile import ENDPOINTS.json [NAME] [--port-pattern GLOB]... "
                  "[--force]\n"
                  "       %1 profile validate [NAME]\n\n"
                  "Station profiles hold endpoints, ports and limits, never a secret: import "
                  "drops the\nendpoints file's API key, validate only says whether a key is "
                  "available.\n\n")
                   .arg(program());
    }
    return text + options + QLatin1Char('\n') + QLatin1String(kEnvironment) + QLatin1Char('\n') +
           QLatin1String(kExitStatus);
}

int StationCli::usage(const QString &text) const
{
    const QString hint = m_command.isEmpty() || m_command == QLatin1String("help")
                             ? tr("Try \"%1 --help\".").arg(program())
                             : tr("Try \"%1 help %2\".").arg(program(), m_command);
    return m_out.fail(ExitUsage, text + QLatin1Char(' ') + hint);
}

int StationCli::printHelp(const QString &command)
{
    if (!command.isEmpty() && !commands().contains(command))
        return usage(tr("There is no command \"%1\".").arg(command));
    Output::raw(helpText(command).toUtf8());
    return ExitOk;
}

int StationCli::run(const QStringList &arguments)
{
    // First pass: the options before the command, and the command.
    QCommandLineParser first;
    first.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    first.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    addOptions(first, QString());
    first.addPositionalArgument(QStringLiteral("command"), QString());
    if (!first.parse(arguments))
        return usage(first.errorText() + QLatin1Char('.'));
    m_out.setJson(first.isSet(Opt::json));
    if (first.isSet(Opt::version)) {
        Output::raw(
            QStringLiteral("%1 %2\n").arg(program(), QStringLiteral(BLACKBIRD_VERSION)).toUtf8());
        return ExitOk;
    }
    const QStringList rest = first.positionalArguments();
    if (rest.isEmpty()) {
        if (first.isSet(Opt::help))
            return printHelp(QString());
        return usage(tr("Give a command: %1.").arg(commands().join(QStringLiteral(", "))));
    }
    m_command = rest.constFirst();
    if (!commands().contains(m_command)) {
        const QString command = m_command;
        m_command.clear();
        return usage(tr("There is no command \"%1\"; the commands are %2.")
                         .arg(command, commands().join(QStringLiteral(", "))));
    }

    // Second pass: the command's own options, anywhere after it.
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    addOptions(m_parser, m_command);
    if (!m_parser.parse(arguments))
        return usage(m_parser.errorText() + QLatin1Char('.'));
    m_out.setJson(m_parser.isSet(Opt::json));
    m_positional = m_parser.positionalArguments().mid(1);
    if (m_command == QLatin1String("help"))
        return printHelp(m_positional.value(0));
    if (m_parser.isSet(Opt::help))
        return printHelp(m_command);

    if (m_parser.isSet(Opt::verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("blackbird.*.info=true"));

    if (m_command == QLatin1String("ports"))
        return runPorts();
    if (m_command == QLatin1String("provision"))
        return runProvision();
    if (m_command == QLatin1String("audit"))
        return runAudit();
    if (m_command == QLatin1String("export"))
        return runExport();
    return runProfile();
}

ProfileStore StationCli::store() const
{
    return m_parser.isSet(Opt::profilesDir) ? ProfileStore(m_parser.value(Opt::profilesDir))
                                            : ProfileStore();
}

std::optional<StationProfile> StationCli::profile(QString *error, QStringList *warnings) const
{
    error->clear();
    const ProfileStore profiles = store();
    const QString name = m_parser.value(Opt::profile);
    if (m_parser.isSet(Opt::endpoints)) {
        return StationProfile::fromEndpoints(
            m_parser.value(Opt::endpoints), name.isEmpty() ? QStringLiteral("local") : name, error);
    }
    if (name.isEmpty() && profiles.names().isEmpty())
        return std::nullopt; // nothing named, nothing there: the caller's defaults apply
    const QString chosen = name.isEmpty() ? profiles.names().constFirst() : name;
    ProfileLoadResult loaded = profiles.load(chosen);
    if (!loaded.ok()) {
        *error = loaded.error;
        return std::nullopt;
    }
    if (warnings)
        *warnings = loaded.warnings;
    return loaded.profile;
}

int StationCli::runPorts()
{
    if (!m_positional.isEmpty())
        return usage(tr("ports takes no arguments."));
    PortFilter filter;
    if (m_parser.isSet(Opt::portPattern)) {
        filter.patterns = m_parser.values(Opt::portPattern);
        filter.includeSystemPorts = false;
    } else {
        QString error;
        const std::optional<StationProfile> found = profile(&error);
        if (!error.isEmpty())
            return m_out.fail(ExitConfiguration, error);
        filter = found.value_or(StationProfile()).portFilter();
    }
    const QList<PortInfo> ports = PortScanner::scan(filter);
    for (const PortInfo &port : ports) {
        m_out.event({{QStringLiteral("event"), QStringLiteral("port")},
                     {QStringLiteral("path"), port.path},
                     {QStringLiteral("device"), port.devicePath},
                     {QStringLiteral("usb_id"), port.hasUsbIds ? port.usbIdText() : QString()},
                     {QStringLiteral("serial_number"), port.serialNumber},
                     {QStringLiteral("manufacturer"), port.manufacturer},
                     {QStringLiteral("description"), port.description}});
        QStringList details;
        if (!port.devicePath.isEmpty() && port.devicePath != port.path)
            details << QStringLiteral("-> ") + port.devicePath;
        if (port.hasUsbIds)
            details << QStringLiteral("USB ") + port.usbIdText();
        if (!port.serialNumber.isEmpty())
            details << tr("serial %1").arg(port.serialNumber);
        if (!port.description.isEmpty())
            details << port.description;
        m_out.line(port.path + (details.isEmpty()
                                    ? QString()
                                    : QStringLiteral("  ") + details.join(QStringLiteral(", "))));
    }
    m_out.event({{QStringLiteral("event"), QStringLiteral("summary")},
                 {QStringLiteral("ports"), int(ports.size())},
                 {QStringLiteral("exit_code"), int(ExitOk)}});
    if (ports.isEmpty()) {
        Output::message(tr("No port matches %1.")
                            .arg(filter.patterns.isEmpty()
                                     ? tr("(no pattern)")
                                     : filter.patterns.join(QStringLiteral(", "))));
    }
    return ExitOk;
}

int StationCli::runProvision()
{
    ProvisionOptions options;
    options.station.endpointsFile = m_parser.value(Opt::endpoints);
    options.station.portPatterns = m_parser.values(Opt::portPattern);
    options.station.auditSqlitePath = m_parser.value(Opt::auditSqlite);
    options.station.batch.batchId = m_parser.value(Opt::batch);
    options.station.batch.operatorName = m_parser.value(Opt::operatorName);
    options.station.batch.stationId = m_parser.value(Opt::stationId);
    options.profileName = m_parser.value(Opt::profile);
    options.profilesDir = m_parser.value(Opt::profilesDir);
    options.ports = m_positional;
    options.all = m_parser.isSet(Opt::all);
    options.watch = m_parser.isSet(Opt::watch);
    options.verbose = m_parser.isSet(Opt::verbose);

    if (options.ports.isEmpty() && !options.all && !options.watch)
        return usage(tr("Name the ports to provision, or give --all or --watch."));
    if (!options.ports.isEmpty() && (options.all || options.watch))
        return usage(tr("Give either ports or --all/--watch, not both."));
    if (m_parser.isSet(Opt::count)) {
        if (!options.watch)
            return usage(tr("--count goes with --watch."));
        if (!parsePositive(m_parser.value(Opt::count), 1, 1000000, &options.count))
            return usage(tr("--count needs a whole number of at least 1."));
    }
    if (m_parser.isSet(Opt::parallel) &&
        !parsePositive(m_parser.value(Opt::parallel), 1, 64, &options.parallel))
        return usage(tr("--parallel needs a whole number from 1 to 64."));
    if (m_parser.isSet(Opt::mode)) {
        QString name = m_parser.value(Opt::mode);
        name.replace(u'-', u'_');
        const std::optional<ServiceMode> mode = serviceModeFromName(name);
        if (!mode) {
            return usage(tr("--mode is production, rotate, replace-claim or erase-claim, not "
                            "\"%1\".")
                             .arg(m_parser.value(Opt::mode)));
        }
        options.mode = *mode;
    }
    options.reason = m_parser.value(Opt::reason).trimmed();
    options.confirmErase = m_parser.isSet(Opt::confirmErase);
    if (options.mode != ServiceMode::Production && options.reason.isEmpty()) {
        return usage(tr("The field-service mode %1 needs --reason TEXT: why this is done, for "
                        "the record.")
                         .arg(m_parser.value(Opt::mode)));
    }
    if (options.mode == ServiceMode::Production && !options.reason.isEmpty())
        return usage(tr("--reason goes with a field-service --mode."));
    if (options.mode == ServiceMode::EraseClaim && !options.confirmErase) {
        return usage(tr("erase-claim erases the devices' claim credentials: confirm it with "
                        "--confirm-erase."));
    }
    if (options.confirmErase && options.mode != ServiceMode::EraseClaim)
        return usage(tr("--confirm-erase goes with --mode erase-claim."));

    ProvisionRun run(options, m_out);
    int code = ExitOk;
    QObject::connect(&run, &ProvisionRun::done, &run, [&code](int exitCode) {
        code = exitCode;
        QCoreApplication::exit(exitCode);
    });
    run.start();
    QCoreApplication::exec();
    return code;
}

bool StationCli::auditQuery(AuditQuery *query, QDateTime *since, QString *error) const
{
    query->batchId = m_parser.value(Opt::batch);
    query->deviceUuid = m_parser.value(Opt::uuid);
    query->text = m_parser.value(Opt::search);
    if (m_parser.isSet(Opt::outcome)) {
        query->outcome = auditOutcomeFromName(m_parser.value(Opt::outcome));
        if (!query->outcome) {
            *error = tr("--outcome is passed, failed, skipped, cancelled, interrupted or "
                        "running, not \"%1\".")
                         .arg(m_parser.value(Opt::outcome));
            return false;
        }
    }
    if (m_parser.isSet(Opt::limit) &&
        !parsePositive(m_parser.value(Opt::limit), 1, 100000000, &query->limit)) {
        *error = tr("--limit needs a whole number of at least 1.");
        return false;
    }
    if (since && m_parser.isSet(Opt::since)) {
        const std::optional<QDateTime> parsed = parseSince(m_parser.value(Opt::since));
        if (!parsed) {
            *error = tr("--since needs an ISO 8601 date or time (2026-12-04, "
                        "2026-12-04T07:30:00Z) or an age (30m, 12h, 7d), not \"%1\".")
                         .arg(m_parser.value(Opt::since));
            return false;
        }
        *since = *parsed;
    }
    return true;
}

int StationCli::openAudit(AuditStore &audit) const
{
    std::optional<DatabaseConfig> database;
    if (m_parser.isSet(Opt::auditSqlite)) {
        database = DatabaseConfig::sqlite(m_parser.value(Opt::auditSqlite));
    } else {
        QString error;
        const std::optional<StationProfile> found = profile(&error);
        if (!error.isEmpty())
            return m_out.fail(ExitConfiguration, error);
        database = found.value_or(StationProfile()).databaseConfig(&error);
        if (!database)
            return m_out.fail(ExitConfiguration, error);
    }
    // Reading must not create an empty database where the records were expected.
    if (!database->isPostgres() && !QFileInfo::exists(database->sqlitePath())) {
        return m_out.fail(ExitAuditUnusable,
                          tr("There is no audit database at %1: nothing has been recorded there "
                             "(give --audit-sqlite or --profile to read another).")
                              .arg(database->sqlitePath()));
    }
    QFuture<AuditResult> opened = audit.open(*database);
    opened.waitForFinished(); // the store's own thread does the work
    if (!opened.result().ok) {
        return m_out.fail(ExitAuditUnusable, tr("The audit database %1 cannot be opened: %2")
                                                 .arg(database->describe(), opened.result().error));
    }
    return ExitOk;
}

int StationCli::runAudit()
{
    if (!m_positional.isEmpty())
        return usage(tr("audit takes no arguments; filter with its options."));
    AuditQuery query;
    query.limit = 50;
    QDateTime since;
    QString error;
    if (!auditQuery(&query, &since, &error))
        return usage(error);
    AuditStore audit;
    if (const int code = openAudit(audit); code != ExitOk)
        return code;
    QFuture<QList<AuditAttempt>> future = audit.attempts(query);
    future.waitForFinished();
    QList<AuditAttempt> rows = future.result();
    // Newest first, so the attempts since a time are the first ones.
    if (since.isValid()) {
        const auto older = std::find_if(rows.begin(), rows.end(),
                                        [&](const AuditAttempt &a) { return a.startedAt < since; });
        rows.erase(older, rows.end());
    }
    const bool steps = m_parser.isSet(Opt::steps);
    for (const AuditAttempt &a : std::as_const(rows)) {
        m_out.event(attemptJson(a));
        const QString what = a.outcome == AuditOutcome::Passed || a.outcome == AuditOutcome::Skipped
                                 ? a.thingName
                                 : tr("at %1: %2").arg(a.lastStep, a.error);
        m_out.line(
            QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                .arg(a.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                     auditOutcomeName(a.outcome).leftJustified(11), a.mode, a.port,
                     a.deviceUuid.isEmpty() ? QStringLiteral("-") : a.deviceUuid,
                     tr("batch %1, %2").arg(a.batchId, a.operatorName), what));
        if (!a.reason.isEmpty())
            m_out.line(tr("    reason: %1").arg(a.reason));
        if (steps) {
            for (const AuditStep &s : a.steps) {
                m_out.line(QStringLiteral("    %1 %2 %3 ms  %4")
                               .arg(s.name.leftJustified(9), s.outcome.leftJustified(9))
                               .arg(s.startedAt.msecsTo(s.finishedAt))
                               .arg(s.detail));
            }
        }
    }
    m_out.event({{QStringLiteral("event"), QStringLiteral("summary")},
                 {QStringLiteral("attempts"), int(rows.size())},
                 {QStringLiteral("exit_code"), int(ExitOk)}});
    if (!m_out.json())
        Output::message(tr("%n attempt(s).", nullptr, int(rows.size())));
    return ExitOk;
}

int StationCli::runExport()
{
    if (!m_positional.isEmpty())
        return usage(tr("export takes no arguments; give the file with --output."));
    AuditQuery query;
    query.limit = 100000000;
    QString error;
    if (!auditQuery(&query, nullptr, &error))
        return usage(error);
    const QString target = m_parser.value(Opt::output);
    const bool toStdout = target.isEmpty() || target == QLatin1String("-");
    QString format = m_parser.value(Opt::format).toLower();
    if (format.isEmpty()) {
        format = !toStdout && target.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                     ? QStringLiteral("json")
                     : QStringLiteral("csv");
    }
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return usage(tr("--format is csv or json, not \"%1\".").arg(format));
    const auto exportFormat = format == QLatin1String("json") ? AuditDatabase::ExportFormat::Json
                                                              : AuditDatabase::ExportFormat::Csv;

    AuditStore audit;
    if (const int code = openAudit(audit); code != ExitOk)
        return code;
    QTemporaryDir scratch;
    const QString path = toStdout ? scratch.filePath(QStringLiteral("export.") + format) : target;
    if (toStdout && !scratch.isValid())
        return m_out.fail(ExitDeviceFailed, tr("No temporary folder for the export."));
    QFuture<AuditResult> written = audit.exportTo(path, exportFormat, query);
    written.waitForFinished();
    if (!written.result().ok) {
        return m_out.fail(ExitDeviceFailed,
                          tr("The export was not written: %1").arg(written.result().error));
    }
    if (toStdout) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return m_out.fail(ExitDeviceFailed, tr("The export cannot be read back."));
        Output::raw(file.readAll());
    } else {
        Output::message(tr("Wrote %1 (%2).").arg(QDir::toNativeSeparators(target), format));
    }
    return ExitOk;
}

int StationCli::runProfile()
{
    const QString action = m_positional.value(0);
    const ProfileStore profiles = store();
    if (action == QLatin1String("list")) {
        if (m_positional.size() > 1)
            return usage(tr("profile list takes no more arguments."));
        const QStringList names = profiles.names();
        for (const QString &name : names) {
            const ProfileLoadResult loaded = profiles.load(name);
            const QStringList problems =
                loaded.ok() ? loaded.profile->problems() : QStringList{loaded.error};
            const QString status = !loaded.ok()         ? QStringLiteral("refused")
                                   : problems.isEmpty() ? QStringLiteral("ready")
                                                        : QStringLiteral("incomplete");
            m_out.event({{QStringLiteral("event"), QStringLiteral("profile")},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("status"), status},
                         {QStringLiteral("file"), profiles.filePath(name)},
                         {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}});
            m_out.line(QStringLiteral("%1  %2%3")
                           .arg(name, status,
                                problems.isEmpty() ? QString()
                                                   : QStringLiteral(": ") + problems.join(u' ')));
        }
        if (names.isEmpty() && !m_out.json())
            Output::message(tr("No profiles in %1.").arg(profiles.folder()));
        return ExitOk;
    }

    if (action == QLatin1String("import")) {
        if (m_positional.size() < 2 || m_positional.size() > 3)
            return usage(tr("profile import needs the endpoints file, then optionally a name."));
        const QString name = m_positional.value(2, m_parser.value(Opt::profile));
        const QString chosen = name.isEmpty() ? QStringLiteral("local") : name;
        if (!StationProfile::isValidName(chosen)) {
            return usage(tr("\"%1\" is not a profile name: use 1 to 64 letters, digits, '.', "
                            "'_' or '-', not starting with '.'.")
                             .arg(chosen));
        }
        if (profiles.exists(chosen) && !m_parser.isSet(Opt::force)) {
            return m_out.fail(ExitConfiguration,
                              tr("The profile %1 exists already (%2); give --force to replace "
                                 "it.")
                                  .arg(chosen, profiles.filePath(chosen)));
        }
        QString error;
        // No SecretBytes given: the endpoints file's API key is dropped, never stored.
        std::optional<StationProfile> imported =
            StationProfile::fromEndpoints(m_positional.at(1), chosen, &error);
        if (!imported)
            return m_out.fail(ExitConfiguration, error);
        if (m_parser.isSet(Opt::portPattern)) {
            imported->portPatterns = m_parser.values(Opt::portPattern);
            imported->usbIds.clear();
        }
        if (m_parser.isSet(Opt::auditSqlite))
            imported->auditSqlitePath =
                QFileInfo(m_parser.value(Opt::auditSqlite)).absoluteFilePath();
        if (m_parser.isSet(Opt::stationId))
            imported->stationId = m_parser.value(Opt::stationId);
        if (m_parser.isSet(Opt::parallel) &&
            !parsePositive(m_parser.value(Opt::parallel), 1, 64, &imported->parallelLimit))
            return usage(tr("--parallel needs a whole number from 1 to 64."));
        if (!profiles.save(*imported, &error))
            return m_out.fail(ExitConfiguration, error);
        m_out.event({{QStringLiteral("event"), QStringLiteral("profile_imported")},
                     {QStringLiteral("name"), chosen},
                     {QStringLiteral("file"), profiles.filePath(chosen)}});
        m_out.line(tr("Imported profile %1 into %2. Its API key is not imported: set %3 or "
                      "store the key in the keychain under \"%1\".")
                       .arg(chosen, profiles.filePath(chosen),
                            QLatin1String(ApiKeyStore::kEnvironmentVariable)));
        return ExitOk;
    }

    if (action == QLatin1String("show") || action == QLatin1String("validate")) {
        if (m_positional.size() > 2)
            return usage(tr("profile %1 takes at most a name.").arg(action));
        QString error;
        QStringList warnings;
        std::optional<StationProfile> found;
        if (m_positional.size() == 2) {
            ProfileLoadResult loaded = profiles.load(m_positional.at(1));
            if (!loaded.ok())
                return m_out.fail(ExitConfiguration, loaded.error);
            warnings = loaded.warnings;
            found = loaded.profile;
        } else {
            found = profile(&error, &warnings);
            if (!found) {
                return m_out.fail(ExitConfiguration,
                                  error.isEmpty()
                                      ? tr("There is no profile in %1.").arg(profiles.folder())
                                      : error);
            }
        }
        for (const QString &warning : std::as_const(warnings))
            m_out.warning(warning);
        const QStringList problems = found->problems();
        if (action == QLatin1String("show")) {
            QJsonObject object = profileJson(*found);
            object.insert(QStringLiteral("event"), QStringLiteral("profile"));
            object.insert(QStringLiteral("problems"), QJsonArray::fromStringList(problems));
            m_out.event(object);
            if (!m_out.json()) {
                const QJsonObject fields = profileJson(*found);
                for (auto it = fields.begin(); it != fields.end(); ++it) {
                    const QJsonValue value = it.value();
                    QString text;
                    if (value.isArray()) {
                        QStringList items;
                        for (const QJsonValue &item : value.toArray())
                            items << item.toString();
                        text = items.join(QStringLiteral(", "));
                    } else {
                        text = value.toVariant().toString();
                    }
                    m_out.line(QStringLiteral("%1  %2").arg(it.key().leftJustified(16), text));
                }
                for (const QString &problem : problems)
                    m_out.line(tr("problem: %1").arg(problem));
            }
            return ExitOk;
        }

        // validate: the profile, then whether an API key is there (never what it is).
        for (const QString &problem : problems)
            Output::message(tr("problem: %1").arg(problem));
        if (!problems.isEmpty()) {
            return m_out.fail(ExitConfiguration, tr("The profile %1 is not ready: %n problem(s).",
                                                    nullptr, int(problems.size()))
                                                     .arg(found->name));
        }
        ApiKeyStore keys;
        ApiKeyJob *job = keys.read(found->name);
        QEventLoop loop;
        QObject::connect(job, &ApiKeyJob::finished, &loop, &QEventLoop::quit);
        if (!job->isFinished())
            loop.exec();
        job->takeKey(); // only its presence matters; wiped here
        const KeychainResult result = job->result();
        job->deleteLater();
        if (!result.ok()) {
            return m_out.fail(
                ExitNoApiKey,
                tr("The profile %1 has no API key: %2").arg(found->name, result.message));
        }
        const QString source = result.source == ApiKeySource::Environment
                                   ? QStringLiteral("environment")
                                   : QStringLiteral("keychain");
        m_out.event({{QStringLiteral("event"), QStringLiteral("profile_valid")},
                     {QStringLiteral("name"), found->name},
                     {QStringLiteral("api_key_source"), source}});
        m_out.line(
            tr("The profile %1 is ready; the API key comes from the %2.").arg(found->name, source));
        return ExitOk;
    }

    if (action.isEmpty())
        return usage(tr("profile needs an action: list, show, import or validate."));
    return usage(
        tr("profile has no action \"%1\"; use list, show, import or validate.").arg(action));
}

} // namespace Blackbird::Cli
