#include "auditrecord.h"

#include <array>

namespace Blackbird {

namespace {

const std::array<std::pair<AuditOutcome, const char *>, 6> s_names{{
    {AuditOutcome::Running, "running"},
    {AuditOutcome::Passed, "passed"},
    {AuditOutcome::Failed, "failed"},
    {AuditOutcome::Skipped, "skipped"},
    {AuditOutcome::Cancelled, "cancelled"},
    {AuditOutcome::Interrupted, "interrupted"},
}};

} // namespace

QString auditOutcomeName(AuditOutcome outcome)
{
    for (const auto &[value, name] : s_names) {
        if (value == outcome)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AuditOutcome> auditOutcomeFromName(const QString &name)
{
    for (const auto &[value, text] : s_names) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

} // namespace Blackbird
