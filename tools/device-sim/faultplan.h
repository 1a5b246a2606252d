// The faults one simulated device is told to show: a noisy cable, a cable pulled at a chosen
// protocol step, a reset while the claim bundle is being stored, slow answers, a refused commit.
// The command line and the control channel set them by the same names and values.
#pragma once

#include "fleetfaults.h"

#include <QString>
#include <QStringList>

namespace Blackbird::Sim {

struct FaultPlan
{
    enum class DropMode {
        Relink,      // the same link name points at the new pseudo-terminal
        Reenumerate, // the old link goes, a new one appears (dev-000-r1, dev-000-r2, ...)
    };

    enum class CommitReset {
        None,
        BeforeRename,      // the bundle's temporary file is written, the rename never happens
        AfterRename,       // the new bundle is in place, the reply is never sent
        CrashBeforeRename, // like BeforeRename, but the whole simulator process dies (_exit)
    };

    double corruptRate = 0.0;
    bool corruptToStation = true;
    bool corruptToDevice = true;
    // Command code (FrameType) at which the link drops once; 0 for never.
    quint8 dropAt = 0;
    DropMode dropMode = DropMode::Relink;
    CommitReset commitReset = CommitReset::None;
    int slowMs = 0;
    bool refuseCommit = false;
    FleetFaults fleet;

    // Sets one fault by name ("corrupt-rate", "corrupt-direction", "drop-at", "drop-mode",
    // "reset-during-commit", "slow-ms", "refuse-commit"). false, with a reason, for a bad name or
    // value; the plan is left unchanged then.
    bool set(const QString &name, const QString &value, QString *error);

    static QStringList names();
    static QStringList dropSteps();
    // The command code of a step name, 0 when the name is unknown.
    static quint8 stepCode(const QString &step);
    static QString stepName(quint8 code);
    // One line that says what this plan does, for logs and the control channel.
    QString describe() const;
};

} // namespace Blackbird::Sim
