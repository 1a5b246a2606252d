// bb-fault-station: a provisioning station without a window, for the fault tests that must kill
// a station (SIGKILL) and start it again on the same audit database. It runs
// ProvisioningStation over a local stack's endpoints.json and the given ports, with the audit
// store on SQLite, and prints one machine-readable line per change on standard output:
//   ready: N                      the station marked N records of an earlier run interrupted
//   step: PORT STEP STATE         a device's snapshot changed
//   finished: PORT STATE STEP     a device finished (STEP: its last step)
//   idle                          every device finished (then the program exits 0)
// The API key comes from BLACKBIRD_API_KEY only. Test-only: not installed.
#include "audit/auditstore.h"
#include "crypto/secretbytes.h"
#include "database/databaseconfig.h"
#include "pipeline/provisioningstation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLoggingCategory>

#include <cstdio>

using namespace Blackbird;

namespace {

void say(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption endpoints(QStringLiteral("endpoints"), QStringLiteral("file"),
                                       QStringLiteral("file"));
    const QCommandLineOption audit(QStringLiteral("audit"), QStringLiteral("SQLite file"),
                                   QStringLiteral("file"));
    const QCommandLineOption batch(QStringLiteral("batch"), QStringLiteral("batch id"),
                                   QStringLiteral("id"));
    const QCommandLineOption station(QStringLiteral("station-id"), QStringLiteral("station id"),
                                     QStringLiteral("id"));
    const QCommandLineOption parallel(QStringLiteral("parallel"), QStringLiteral("limit"),
                                      QStringLiteral("n"), QStringLiteral("8"));
    parser.addOptions({endpoints, audit, batch, station, parallel});
    parser.addPositionalArgument(QStringLiteral("ports"), QStringLiteral("ports to provision"));
    parser.process(app);

    const QByteArray key = qgetenv("BLACKBIRD_API_KEY");
    if (key.isEmpty() || !parser.isSet(endpoints) || !parser.isSet(audit)) {
        std::fputs("need BLACKBIRD_API_KEY, --endpoints and --audit\n", stderr);
        return 2;
    }

    AuditStore store;
    QFutureWatcher<AuditResult> opened;
    opened.setFuture(store.open(DatabaseConfig::sqlite(parser.value(audit))));
    opened.waitForFinished();
    if (!opened.result().ok) {
        std::fprintf(stderr, "audit: %s\n", qPrintable(opened.result().error));
        return 3;
    }

    ProvisioningStation st;
    st.setAuditStore(&store);
    st.setApiKey(SecretBytes(key));
    st.setBatch(
        BatchContext{parser.value(batch), QStringLiteral("fault-operator"), parser.value(station)});
    StationConfig config;
    config.baud = 921600;
    config.parallelLimit = parser.value(parallel).toInt();
    // No operator connection to the broker here: the device's word is the verification.
    config.requireBrokerConfirmation = false;
    QString error;
    if (!st.setConfigFromEndpointsJson(parser.value(endpoints), config, &error)) {
        std::fprintf(stderr, "config: %s\n", qPrintable(error));
        return 4;
    }

    QObject::connect(&st, &ProvisioningStation::ready, &st, [&](int interrupted) {
        say(QStringLiteral("ready: %1").arg(interrupted));
        st.provision(parser.positionalArguments());
    });
    QObject::connect(
        &st, &ProvisioningStation::snapshotChanged, &st, [](const DeviceSnapshot &snap) {
            say(QStringLiteral("step: %1 %2 %3")
                    .arg(snap.port, provisioningStepName(snap.step), deviceStateName(snap.state)));
        });
    QObject::connect(
        &st, &ProvisioningStation::deviceFinished, &st, [](const DeviceSnapshot &snap) {
            say(QStringLiteral("finished: %1 %2 %3")
                    .arg(snap.port, deviceStateName(snap.state), provisioningStepName(snap.step)));
        });
    QObject::connect(&st, &ProvisioningStation::idle, &app, [&] {
        store.waitForIdle();
        say(QStringLiteral("idle"));
        QCoreApplication::quit();
    });
    st.start();
    return QCoreApplication::exec();
}
