#include "provisioningtypes.h"

#include <array>
#include <utility>

namespace Blackbird {

namespace {

const std::array<std::pair<ProvisioningStep, const char *>, 8> kSteps{{
    {ProvisioningStep::Identify, "identify"},
    {ProvisioningStep::Register, "register"},
    {ProvisioningStep::Transfer, "transfer"},
    {ProvisioningStep::Commit, "commit"},
    {ProvisioningStep::Provision, "provision"},
    {ProvisioningStep::Watch, "watch"},
    {ProvisioningStep::Verify, "verify"},
    {ProvisioningStep::Record, "record"},
}};

const std::array<std::pair<ServiceMode, const char *>, 4> kModes{{
    {ServiceMode::Production, "production"},
    {ServiceMode::Rotate, "rotate"},
    {ServiceMode::ReplaceClaim, "replace_claim"},
    {ServiceMode::EraseClaim, "erase_claim"},
}};

template<typename E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table,
                         const QString &name)
{
    for (const auto &[v, n] : table) {
        if (name == QLatin1String(n))
            return v;
    }
    return std::nullopt;
}

} // namespace

QString provisioningStepName(ProvisioningStep step)
{
    return nameOf(kSteps, step);
}

std::optional<ProvisioningStep> provisioningStepFromName(const QString &name)
{
    return valueOf(kSteps, name);
}

QString serviceModeName(ServiceMode mode)
{
    return nameOf(kModes, mode);
}

std::optional<ServiceMode> serviceModeFromName(const QString &name)
{
    return valueOf(kModes, name);
}

QString deviceStateName(DeviceState state)
{
    switch (state) {
    case DeviceState::Idle:
        return QStringLiteral("idle");
    case DeviceState::Running:
        return QStringLiteral("running");
    case DeviceState::Passed:
        return QStringLiteral("passed");
    case DeviceState::Failed:
        return QStringLiteral("failed");
    case DeviceState::Skipped:
        return QStringLiteral("skipped");
    case DeviceState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace Blackbird
