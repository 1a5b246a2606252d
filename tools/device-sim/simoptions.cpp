#include "simoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QRegularExpression>

namespace Blackbird::Sim {

namespace {

const char kDescription[] =
    R"(Runs simulated Blackbird devices, each on its own pseudo-terminal, for
the provisioning station, its tests and its benchmarks.

Each device gets a stable link LINKS/dev-000, LINKS/dev-001, ... that a station
opens like a serial port (port pattern LINKS/dev-*), and a state folder
STATE/dev-000, ... that plays its secure storage: identity.json (uuid,
device_type), signing-key.pem (P-256), claim-bundle.json (the stored claim
credentials), device-credentials.json and provisioned.json. Identities are
created on first start and kept across restarts. Bytes are paced at --baud in
both directions (10 bits per byte). When every device is up, one line
"ready: N devices in LINKS" goes to standard output.

Faults apply to the devices named by --faulty (default: all). drop-at and
reset-during-commit fire once per device per start; the others stay on.
PROVISION_START runs AWS-IoT-style fleet provisioning over TLS MQTT with the
stored claim credentials; --fleet-fault makes that handshake fail on purpose.
  drop-at STEP: the device handles the command, then pulls the cable instead
    of replying: the station's port hangs up and a new pseudo-terminal appears
    (STEP: hello, get_public_key, transfer_begin, transfer_data (when half of
    the bundle has arrived), commit (after the bundle is stored),
    transfer_abort, provision_start, status, claim_erase, reboot).
  reset-during-commit MODE: at TRANSFER_COMMIT the device resets instead of
    replying. before-rename: the new bundle's temporary file is written and
    synced, the rename never happens (the old set survives). after-rename: the
    new set is in place. crash-before-rename: like before-rename, then the
    whole simulator process exits with status 70.

With --stdin-control, each line on standard input is a command, answered with
one line "ok ..." or "error: ...":
  fault DEVICES NAME VALUE   set a fault by its option name without the
                             dashes, e.g. "fault 1 drop-at commit",
                             "fault all corrupt-rate 0"
  drop DEVICES               pull the cable now
  reboot DEVICES             power-cycle now
  show DEVICES               "device: INDEX LINK UUID STATE FOLDER [FAULTS]"
                             per device, then "ok show"
  quit                       stop like SIGINT
DEVICES is "all", an index, or a list such as 0,2-3. A link that moves prints
"link: INDEX PATH" on standard output.)";

bool parseInt(const QString &text, int min, int max, int *value)
{
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max)
        return false;
    *value = v;
    return true;
}

} // namespace

bool SimOptions::parseDeviceList(const QString &text, int count, QList<int> *devices,
                                 QString *error)
{
    devices->clear();
    if (text == QLatin1String("all")) {
        for (int i = 0; i < count; ++i)
            devices->append(i);
        return true;
    }

    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QStringList range = part.split(QLatin1Char('-'));
        int first = -1;
        int last = -1;
        const bool ok = range.size() <= 2 && parseInt(range.first(), 0, count - 1, &first) &&
                        parseInt(range.last(), first, count - 1, &last);
        if (!ok) {
            if (error)
                *error = QStringLiteral("\"%1\" is not a device index or range from 0 to %2")
                             .arg(part)
                             .arg(count - 1);
            return false;
        }
        for (int i = first; i <= last; ++i) {
            if (!devices->contains(i))
                devices->append(i);
        }
    }

    if (devices->isEmpty()) {
        if (error)
            *error = QStringLiteral("no device named in \"%1\"").arg(text);
        return false;
    }
    return true;
}

bool SimOptions::faultsApplyTo(int index) const
{
    return faultyDevices.isEmpty() || faultyDevices.contains(index);
}

SimOptions::Outcome SimOptions::parse(const QStringList &arguments, SimOptions *options,
                                      QString *message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("Number of devices (1 to 256)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption links(QStringLiteral("links"),
                                   QStringLiteral("Folder for the device links (required)."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption state(QStringLiteral("state"),
                                   QStringLiteral("Folder for the devices' storage (required)."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption deviceType(
        QStringLiteral("device-type"), QStringLiteral("Device type of new devices."),
        QStringLiteral("TYPE"), QStringLiteral("blackbird-sensor-v1"));
    const QCommandLineOption firmware(QStringLiteral("firmware"),
                                      QStringLiteral("Firmware version the devices report."),
                                      QStringLiteral("VERSION"), QStringLiteral("2.3.0-sim"));
    const QCommandLineOption baud(QStringLiteral("baud"),
                                  QStringLiteral("Line rate in bit/s, paced in both directions; "
                                                 "0 turns pacing off."),
                                  QStringLiteral("BAUD"), QStringLiteral("115200"));
    const QCommandLineOption consoleInterval(
        QStringLiteral("console-interval-ms"),
        QStringLiteral("Milliseconds between console lines; 0 for none but the boot banner."),
        QStringLiteral("MS"), QStringLiteral("2000"));
    const QCommandLineOption maxPayload(QStringLiteral("max-payload"),
                                        QStringLiteral("Largest frame payload a device accepts, "
                                                       "reported by HELLO (256 to 4096)."),
                                        QStringLiteral("BYTES"), QStringLiteral("1024"));
    const QCommandLineOption window(QStringLiteral("window"),
                                    QStringLiteral("Data frames in flight, reported by HELLO "
                                                   "(1 to 32)."),
                                    QStringLiteral("FRAMES"), QStringLiteral("8"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed for corruption, so that runs repeat."),
                                  QStringLiteral("N"));
    const QCommandLineOption faulty(QStringLiteral("faulty"),
                                    QStringLiteral("Devices the fault options apply to: all, or "
                                                   "indices like 0,2-3."),
                                    QStringLiteral("DEVICES"), QStringLiteral("all"));
    const QCommandLineOption corruptRate(QStringLiteral("corrupt-rate"),
                                         QStringLiteral("Probability per byte of one flipped "
                                                        "bit, e.g. 1e-4."),
                                         QStringLiteral("RATE"), QStringLiteral("0"));
    const QCommandLineOption corruptDirection(QStringLiteral("corrupt-direction"),
                                              QStringLiteral("to-station, to-device or both."),
                                              QStringLiteral("DIR"), QStringLiteral("both"));
    const QCommandLineOption dropAt(QStringLiteral("drop-at"),
                                    QStringLiteral("Pull the cable at this protocol step (see "
                                                   "above)."),
                                    QStringLiteral("STEP"), QStringLiteral("none"));
    const QCommandLineOption dropMode(QStringLiteral("drop-mode"),
                                      QStringLiteral("relink (same link name) or reenumerate "
                                                     "(new name dev-000-r1, ...)."),
                                      QStringLiteral("MODE"), QStringLiteral("relink"));
    const QCommandLineOption resetDuringCommit(
        QStringLiteral("reset-during-commit"),
        QStringLiteral("before-rename, after-rename or crash-before-rename (see above)."),
        QStringLiteral("MODE"), QStringLiteral("none"));
    const QCommandLineOption slowMs(QStringLiteral("slow-ms"),
                                    QStringLiteral("Delay every reply by this many "
                                                   "milliseconds."),
                                    QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption refuseCommit(QStringLiteral("refuse-commit"),
                                          QStringLiteral("Answer every TRANSFER_COMMIT with "
                                                         "ERROR commit_refused."));
    const QCommandLineOption fleetFault(
        QStringLiteral("fleet-fault"),
        QStringLiteral("A fault in the fleet-provisioning handshake: %1.")
            .arg(FleetFaults::values().join(QStringLiteral(", "))),
        QStringLiteral("FAULT"), QStringLiteral("none"));
    const QCommandLineOption stdinControl(QStringLiteral("stdin-control"),
                                          QStringLiteral("Read control commands from standard "
                                                         "input (see above)."));
    parser.addOptions({count,
                       links,
                       state,
                       deviceType,
                       firmware,
                       baud,
                       consoleInterval,
                       maxPayload,
                       window,
                       seed,
                       faulty,
                       corruptRate,
                       corruptDirection,
                       dropAt,
                       dropMode,
                       resetDuringCommit,
                       slowMs,
                       refuseCommit,
                       fleetFault,
                       stdinControl});

    if (!parser.parse(arguments)) {
        *message = parser.errorText();
        return Outcome::Error;
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        return Outcome::Exit;
    }
    if (parser.isSet(version)) {
        *message = QStringLiteral("blackbird-devsim %1\n").arg(QStringLiteral(BLACKBIRD_VERSION));
        return Outcome::Exit;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *message =
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first());
        return Outcome::Error;
    }

    auto number = [&](const QCommandLineOption &option, int min, int max, int *value) {
        if (parseInt(parser.value(option), min, max, value))
            return true;
        *message = QStringLiteral("--%1 must be a whole number from %2 to %3, not \"%4\"")
                       .arg(option.names().first())
                       .arg(min)
                       .arg(max)
                       .arg(parser.value(option));
        return false;
    };
    if (!number(count, 1, 256, &options->count) ||
        !number(baud, 0, 4000000, &options->device.baud) ||
        !number(consoleInterval, 0, 3600000, &options->device.consoleIntervalMs) ||
        !number(maxPayload, 256, 4096, &options->device.maxPayload) ||
        !number(window, 1, 32, &options->device.window))
        return Outcome::Error;

    for (const QCommandLineOption *required : {&links, &state}) {
        if (parser.value(*required).isEmpty()) {
            *message = QStringLiteral("--%1 DIR is required").arg(required->names().first());
            return Outcome::Error;
        }
    }
    options->linksFolder = QDir(parser.value(links)).absolutePath();
    options->stateFolder = QDir(parser.value(state)).absolutePath();
    options->device.deviceType = parser.value(deviceType);
    options->device.firmware = parser.value(firmware);
    // docs/serial-protocol.md limits device types to 1..64 of [a-z0-9._-].
    static const QRegularExpression typePattern(QStringLiteral("^[a-z0-9._-]{1,64}$"));
    if (!typePattern.match(options->device.deviceType).hasMatch()) {
        *message = QStringLiteral("--device-type must be 1 to 64 characters of a-z, 0-9, '.', "
                                  "'_' and '-', not \"%1\"")
                       .arg(options->device.deviceType);
        return Outcome::Error;
    }
    if (options->device.firmware.isEmpty() || options->device.firmware.size() > 32) {
        *message = QStringLiteral("--firmware must be 1 to 32 characters");
        return Outcome::Error;
    }

    if (parser.isSet(seed)) {
        bool ok = false;
        options->seed = parser.value(seed).toUInt(&ok);
        if (!ok) {
            *message = QStringLiteral("--seed must be a whole number from 0 to 4294967295");
            return Outcome::Error;
        }
        options->seedGiven = true;
    }

    const std::pair<const QCommandLineOption *, QString> faults[] = {
        {&corruptRate, QStringLiteral("corrupt-rate")},
        {&corruptDirection, QStringLiteral("corrupt-direction")},
        {&dropAt, QStringLiteral("drop-at")},
        {&dropMode, QStringLiteral("drop-mode")},
        {&resetDuringCommit, QStringLiteral("reset-during-commit")},
        {&slowMs, QStringLiteral("slow-ms")},
        {&fleetFault, QStringLiteral("fleet-fault")},
    };
    for (const auto &[option, name] : faults) {
        QString why;
        if (!options->faults.set(name, parser.value(*option), &why)) {
            *message = QStringLiteral("--") + why;
            return Outcome::Error;
        }
    }
    options->faults.refuseCommit = parser.isSet(refuseCommit);

    QString why;
    if (!parseDeviceList(parser.value(faulty), options->count, &options->faultyDevices, &why)) {
        *message = QStringLiteral("--faulty: ") + why;
        return Outcome::Error;
    }

    options->stdinControl = parser.isSet(stdinControl);
    return Outcome::Run;
}

} // namespace Blackbird::Sim
