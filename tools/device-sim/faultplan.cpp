#include "faultplan.h"

#include "protocol/frame.h"

#include <utility>

namespace Blackbird::Sim {

namespace {

struct Step
{
    const char *name;
    FrameType command;
};

constexpr Step kSteps[] = {
    {"hello", FrameType::Hello},
    {"get_public_key", FrameType::GetPublicKey},
    {"transfer_begin", FrameType::TransferBegin},
    {"transfer_data", FrameType::TransferData},
    {"commit", FrameType::TransferCommit},
    {"transfer_abort", FrameType::TransferAbort},
    {"provision_start", FrameType::ProvisionStart},
    {"status", FrameType::Status},
    {"claim_erase", FrameType::ClaimErase},
    {"reboot", FrameType::Reboot},
};

const std::pair<const char *, FaultPlan::CommitReset> kCommitResets[] = {
    {"none", FaultPlan::CommitReset::None},
    {"before-rename", FaultPlan::CommitReset::BeforeRename},
    {"after-rename", FaultPlan::CommitReset::AfterRename},
    {"crash-before-rename", FaultPlan::CommitReset::CrashBeforeRename},
};

bool refuse(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return false;
}

bool parseBool(const QString &value, bool *result)
{
    const QString v = value.toLower();
    if (v == QLatin1String("on") || v == QLatin1String("true") || v == QLatin1String("1")) {
        *result = true;
        return true;
    }
    if (v == QLatin1String("off") || v == QLatin1String("false") || v == QLatin1String("0")) {
        *result = false;
        return true;
    }
    return false;
}

} // namespace

QStringList FaultPlan::names()
{
    return {QStringLiteral("corrupt-rate"),
            QStringLiteral("corrupt-direction"),
            QStringLiteral("drop-at"),
            QStringLiteral("drop-mode"),
            QStringLiteral("reset-during-commit"),
            QStringLiteral("slow-ms"),
            QStringLiteral("refuse-commit"),
            QStringLiteral("fleet-fault")};
}

QStringList FaultPlan::dropSteps()
{
    QStringList steps;
    for (const Step &step : kSteps)
        steps << QString::fromLatin1(step.name);
    return steps;
}

quint8 FaultPlan::stepCode(const QString &step)
{
    const QString name = step == QLatin1String("transfer_commit") ? QStringLiteral("commit") : step;
    for (const Step &candidate : kSteps) {
        if (name == QLatin1String(candidate.name))
            return quint8(candidate.command);
    }
    return 0;
}

QString FaultPlan::stepName(quint8 code)
{
    for (const Step &step : kSteps) {
        if (quint8(step.command) == code)
            return QString::fromLatin1(step.name);
    }
    return QStringLiteral("none");
}

bool FaultPlan::set(const QString &name, const QString &value, QString *error)
{
    if (name == QLatin1String("corrupt-rate")) {
        bool ok = false;
        const double rate = value.toDouble(&ok);
        if (!ok || rate < 0.0 || rate > 1.0)
            return refuse(error, QStringLiteral("corrupt-rate must be a number from 0 to 1, "
                                                "not \"%1\"")
                                     .arg(value));
        corruptRate = rate;
        return true;
    }

    if (name == QLatin1String("corrupt-direction")) {
        const bool toStation =
            value == QLatin1String("to-station") || value == QLatin1String("both");
        const bool toDevice = value == QLatin1String("to-device") || value == QLatin1String("both");
        if (!toStation && !toDevice)
            return refuse(error, QStringLiteral("corrupt-direction must be to-station, to-device "
                                                "or both, not \"%1\"")
                                     .arg(value));
        corruptToStation = toStation;
        corruptToDevice = toDevice;
        return true;
    }

    if (name == QLatin1String("drop-at")) {
        const quint8 code = value == QLatin1String("none") ? 0 : stepCode(value);
        if (code == 0 && value != QLatin1String("none"))
            return refuse(error, QStringLiteral("drop-at must be none or one of %1, not \"%2\"")
                                     .arg(dropSteps().join(QStringLiteral(", ")), value));
        dropAt = code;
        return true;
    }

    if (name == QLatin1String("drop-mode")) {
        if (value == QLatin1String("relink"))
            dropMode = DropMode::Relink;
        else if (value == QLatin1String("reenumerate"))
            dropMode = DropMode::Reenumerate;
        else
            return refuse(error, QStringLiteral("drop-mode must be relink or reenumerate, "
                                                "not \"%1\"")
                                     .arg(value));
        return true;
    }

    if (name == QLatin1String("reset-during-commit")) {
        for (const auto &[text, mode] : kCommitResets) {
            if (value == QLatin1String(text)) {
                commitReset = mode;
                return true;
            }
        }
        return refuse(error, QStringLiteral("reset-during-commit must be none, before-rename, "
                                            "after-rename or crash-before-rename, not \"%1\"")
                                 .arg(value));
    }

    if (name == QLatin1String("slow-ms")) {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (!ok || ms < 0 || ms > 600000)
            return refuse(error, QStringLiteral("slow-ms must be a whole number of milliseconds "
                                                "from 0 to 600000, not \"%1\"")
                                     .arg(value));
        slowMs = ms;
        return true;
    }

    if (name == QLatin1String("refuse-commit")) {
        bool refuseIt = false;
        if (!parseBool(value, &refuseIt))
            return refuse(error,
                          QStringLiteral("refuse-commit must be on or off, not \"%1\"").arg(value));
        refuseCommit = refuseIt;
        return true;
    }

    if (FleetFaults::isName(name))
        return fleet.set(name, value, error);

    return refuse(error, QStringLiteral("unknown fault \"%1\"; faults are %2")
                             .arg(name, names().join(QStringLiteral(", "))));
}

QString FaultPlan::describe() const
{
    QString direction = QStringLiteral("both");
    if (corruptToStation != corruptToDevice)
        direction = corruptToStation ? QStringLiteral("to-station") : QStringLiteral("to-device");

    QString reset;
    for (const auto &[text, mode] : kCommitResets) {
        if (mode == commitReset)
            reset = QString::fromLatin1(text);
    }

    return QStringLiteral("corrupt-rate=%1 corrupt-direction=%2 drop-at=%3 drop-mode=%4 "
                          "reset-during-commit=%5 slow-ms=%6 refuse-commit=%7")
        .arg(corruptRate)
        .arg(direction, stepName(dropAt),
             dropMode == DropMode::Relink ? QStringLiteral("relink")
                                          : QStringLiteral("reenumerate"),
             reset)
        .arg(slowMs)
        .arg(refuseCommit ? QStringLiteral("on") : QStringLiteral("off"));
}

} // namespace Blackbird::Sim
