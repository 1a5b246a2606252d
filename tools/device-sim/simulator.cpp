#include "simulator.h"

#include "ptylink.h"
#include "securefile.h"
#include "simlog.h"
#include "simulateddevice.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cstdio>
#include <unistd.h>

namespace Blackbird::Sim {

namespace {

// The status a crash-before-rename fault exits with, so that a test can tell it from a failure.
constexpr int kCrashExitStatus = 70;

QString deviceName(int index)
{
    return QStringLiteral("dev-%1").arg(index, 3, 10, QLatin1Char('0'));
}

} // namespace

Simulator::Simulator(SimOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

Simulator::~Simulator()
{
    stop();
}

void Simulator::say(const QString &line)
{
    // Standard output is the machine-readable channel; logs go to standard error.
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

bool Simulator::start(QString *error)
{
    if (!QDir().mkpath(m_options.linksFolder)) {
        *error = QStringLiteral("cannot create the links folder %1").arg(m_options.linksFolder);
        return false;
    }
    if (!SecureFile::makeFolder(m_options.stateFolder, error))
        return false;
    removeDanglingLinks();

    const quint32 seed =
        m_options.seedGiven ? m_options.seed : QRandomGenerator::global()->generate();
    for (int i = 0; i < m_options.count; ++i) {
        DeviceSettings settings = m_options.device;
        settings.linkPath = m_options.linksFolder + QLatin1Char('/') + deviceName(i);
        settings.stateFolder = m_options.stateFolder + QLatin1Char('/') + deviceName(i);
        settings.seed = seed + quint32(i);

        auto *device = new SimulatedDevice(i, settings, this);
        if (m_options.faultsApplyTo(i))
            device->setFaults(m_options.faults);
        connect(device, &SimulatedDevice::linkChanged, this, [](int index, const QString &path) {
            say(QStringLiteral("link: %1 %2").arg(index).arg(path));
        });
        connect(device, &SimulatedDevice::crashRequested, this, [](int index) {
            say(QStringLiteral("crash: %1").arg(index));
            ::_exit(kCrashExitStatus);
        });
        m_devices.append(device);

        if (!device->start(error))
            return false;
    }

    for (SimulatedDevice *device : std::as_const(m_devices))
        say(QStringLiteral("device: ") + show(device));
    say(QStringLiteral("ready: %1 devices in %2").arg(m_devices.size()).arg(m_options.linksFolder));
    return true;
}

void Simulator::stop()
{
    for (SimulatedDevice *device : std::as_const(m_devices))
        device->stop();
}

void Simulator::removeDanglingLinks()
{
    // Links a crashed run left behind point at pseudo-terminals that no longer exist; a station
    // would keep failing to open them.
    const QDir folder(m_options.linksFolder);
    const QFileInfoList entries = folder.entryInfoList({QStringLiteral("dev-*")}, QDir::System);
    for (const QFileInfo &entry : entries) {
        if (entry.isSymLink() && !QFileInfo::exists(entry.symLinkTarget()))
            QFile::remove(entry.absoluteFilePath());
    }
}

QString Simulator::show(SimulatedDevice *device) const
{
    return QStringLiteral("%1 %2 %3 %4 %5 [%6]")
        .arg(device->index())
        .arg(device->linkPath(), device->storage().uuid(),
             DeviceStorage::stateName(device->storage().state()), device->storage().folder(),
             device->faults().describe());
}

QString Simulator::execute(const QString &command)
{
    const QStringList words = command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return QStringLiteral("error: empty command");

    const QString verb = words.first();
    if (verb == QLatin1String("quit")) {
        emit quitRequested();
        return QStringLiteral("ok quit");
    }

    const int expected = verb == QLatin1String("fault") ? 4 : 2;
    const bool known = verb == QLatin1String("fault") || verb == QLatin1String("drop") ||
                       verb == QLatin1String("reboot") || verb == QLatin1String("show");
    if (!known)
        return QStringLiteral("error: unknown command \"%1\"; commands are fault, drop, reboot, "
                              "show, quit")
            .arg(verb);
    if (words.size() != expected)
        return QStringLiteral("error: %1 takes %2 argument(s)").arg(verb).arg(expected - 1);

    QList<int> indices;
    QString why;
    if (!SimOptions::parseDeviceList(words.at(1), int(m_devices.size()), &indices, &why))
        return QStringLiteral("error: ") + why;

    if (verb == QLatin1String("fault")) {
        for (int i : std::as_const(indices)) {
            FaultPlan plan = m_devices.at(i)->faults();
            if (!plan.set(words.at(2), words.at(3), &why))
                return QStringLiteral("error: ") + why;
            m_devices.at(i)->setFaults(plan, words.at(2) == QLatin1String("drop-at"));
        }
        return QStringLiteral("ok fault %1 %2=%3").arg(words.at(1), words.at(2), words.at(3));
    }

    QStringList lines;
    for (int i : std::as_const(indices)) {
        SimulatedDevice *device = m_devices.at(i);
        if (verb == QLatin1String("drop") && !device->dropLink(&why))
            return QStringLiteral("error: ") + why;
        if (verb == QLatin1String("reboot"))
            device->reboot();
        if (verb == QLatin1String("show"))
            lines << QStringLiteral("device: ") + show(device);
    }
    if (verb == QLatin1String("show"))
        return lines.join(QLatin1Char('\n')) + QStringLiteral("\nok show");
    return QStringLiteral("ok %1 %2").arg(verb, words.at(1));
}

} // namespace Blackbird::Sim
