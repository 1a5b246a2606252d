// The simulator's command line: what devices to run, where, how fast, and with which faults.
#pragma once

#include "faultplan.h"
#include "simulateddevice.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Blackbird::Sim {

struct SimOptions
{
    int count = 1;
    QString linksFolder;
    QString stateFolder;
    // Link path and state folder are filled in per device; everything else is shared.
    DeviceSettings device;
    FaultPlan faults;
    // Devices the fault options apply to; empty means all.
    QList<int> faultyDevices;
    bool stdinControl = false;
    bool seedGiven = false;
    quint32 seed = 0;

    enum class Outcome { Run, Exit, Error };
    // Parses arguments (argv, program name first). Exit means --help or --version was printed;
    // Error means message says what was wrong.
    static Outcome parse(const QStringList &arguments, SimOptions *options, QString *message);

    // "all", or indices and ranges such as "0,2-3".
    static bool parseDeviceList(const QString &text, int count, QList<int> *devices,
                                QString *error);
    bool faultsApplyTo(int index) const;
};

} // namespace Blackbird::Sim
