#include "stackoptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace Blackbird::Local {

namespace {

bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

} // namespace

std::optional<StackOptions> StackOptions::parse(const QStringList &arguments, QString *error,
                                                QString *exitNowText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a local Blackbird stack on 127.0.0.1: the HTTPS registration service, its "
        "certificate authorities, and a Mosquitto broker with fleet provisioning by claim.\n"
        "Prints one line when ready; stop it with Ctrl+C (SIGINT) or SIGTERM."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption state(QStringLiteral("state"),
                                   QStringLiteral("Folder for the stack's PKI, database and "
                                                  "endpoints.json (created if missing)."),
                                   QStringLiteral("dir"));
    const QCommandLineOption reset(QStringLiteral("reset"),
                                   QStringLiteral("Start over: new CAs, new API key, empty "
                                                  "database."));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("PostgreSQL connection string, e.g. \"host=127.0.0.1 port=5432 "
                       "dbname=blackbird user=blackbird\" (password via PGPASSWORD). "
                       "Default: SQLite in the state folder."),
        QStringLiteral("conninfo"));
    const QCommandLineOption httpsPort(QStringLiteral("https-port"),
                                       QStringLiteral("HTTPS port (default: a free port)."),
                                       QStringLiteral("port"));
    const QCommandLineOption mqttPort(QStringLiteral("mqtt-port"),
                                      QStringLiteral("MQTT over TLS port (default: a free "
                                                     "port)."),
                                      QStringLiteral("port"));
    const QCommandLineOption claimShare(QStringLiteral("claim-share"),
                                        QStringLiteral("Registrations of one device type that "
                                                       "share a claim certificate (default 1: "
                                                       "one per device)."),
                                        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
                                       QStringLiteral("Requests per minute per API key, as N/min "
                                                      "(default 600/min; 0/min: no limit)."),
                                       QStringLiteral("n/min"), QStringLiteral("600/min"));
    const QCommandLineOption registrationFault(
        QStringLiteral("registration-fault"),
        QStringLiteral("Inject a fault into POST /v1/registrations, e.g. "
                       "status=429,retry-after=2,times=2 or delay-ms=30000 or mismatched-key "
                       "(repeatable; see docs/local-stack.md). Also read from "
                       "BLACKBIRD_LOCAL_REGISTRATION_FAULTS, SPECs separated by ';'."),
        QStringLiteral("spec"));
    parser.addOptions(
        {state, reset, database, httpsPort, mqttPort, claimShare, rateLimit, registrationFault});

    const auto fail = [error](const QString &text) {
        *error = text;
        return std::nullopt;
    };

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help) || parser.isSet(version)) {
        if (exitNowText) {
            *exitNowText =
                parser.isSet(help)
                    ? parser.helpText()
                    : QStringLiteral("blackbird-local %1\n").arg(QStringLiteral(BLACKBIRD_VERSION));
        }
        return StackOptions{};
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument %1")
                        .arg(parser.positionalArguments().constFirst()));

    StackOptions options;
    options.stateDir = parser.value(state);
    if (options.stateDir.isEmpty())
        return fail(QStringLiteral("--state DIR is required"));
    options.reset = parser.isSet(reset);
    options.databaseConnection = parser.value(database);

    if (parser.isSet(httpsPort) && !parsePort(parser.value(httpsPort), &options.httpsPort))
        return fail(QStringLiteral("--https-port must be a number from 1 to 65535"));
    if (parser.isSet(mqttPort) && !parsePort(parser.value(mqttPort), &options.mqttPort))
        return fail(QStringLiteral("--mqtt-port must be a number from 1 to 65535"));
    if (options.httpsPort != 0 && options.httpsPort == options.mqttPort)
        return fail(QStringLiteral("--https-port and --mqtt-port must differ"));

    bool ok = false;
    options.claimShare = parser.value(claimShare).toInt(&ok);
    if (!ok || options.claimShare < 1 || options.claimShare > 1000000)
        return fail(QStringLiteral("--claim-share must be a whole number from 1 to 1000000"));

    static const QRegularExpression ratePattern(
        QRegularExpression::anchoredPattern(QStringLiteral("(\\d{1,7})(?:/min)?")));
    const QRegularExpressionMatch rate = ratePattern.match(parser.value(rateLimit));
    if (!rate.hasMatch())
        return fail(QStringLiteral("--rate-limit must look like 600/min"));
    options.rateLimitPerMinute = rate.captured(1).toInt();

    QStringList faultSpecs = parser.values(registrationFault);
    const QStringList fromEnvironment =
        qEnvironmentVariable("BLACKBIRD_LOCAL_REGISTRATION_FAULTS").split(QLatin1Char(';'));
    for (const QString &spec : fromEnvironment) {
        if (!spec.trimmed().isEmpty())
            faultSpecs << spec;
    }
    for (const QString &spec : std::as_const(faultSpecs)) {
        QString faultError;
        const auto fault = RegistrationFault::parse(spec, &faultError);
        if (!fault)
            return fail(faultError);
        options.registrationFaults.append(*fault);
    }

    if (exitNowText)
        exitNowText->clear();
    return options;
}

} // namespace Blackbird::Local
