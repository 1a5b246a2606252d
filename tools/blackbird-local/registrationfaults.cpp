#include "registrationfaults.h"

#include <QRegularExpression>

namespace Blackbird::Local {

namespace {

constexpr int kMaxDelayMs = 10 * 60 * 1000;

struct KindName
{
    const char *name;
    RegistrationFault::Kind kind;
};

constexpr KindName kKindNames[] = {
    {"close", RegistrationFault::Kind::Close},
    {"truncated-body", RegistrationFault::Kind::TruncatedBody},
    {"mismatched-key", RegistrationFault::Kind::MismatchedKey},
    {"wrong-certificate-id", RegistrationFault::Kind::WrongCertificateId},
    {"expired-certificate", RegistrationFault::Kind::ExpiredCertificate},
};

bool parseNumber(const QString &text, int low, int high, int *value)
{
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < low || number > high)
        return false;
    *value = number;
    return true;
}

const QRegularExpression &uuidPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")));
    return pattern;
}

const QRegularExpression &errorCodePattern()
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z][a-z0-9_]{0,63}")));
    return pattern;
}

} // namespace

std::optional<RegistrationFault> RegistrationFault::parse(const QString &spec, QString *error)
{
    RegistrationFault fault;
    fault.spec = spec.trimmed();
    const auto fail = [&](const QString &why) {
        *error = QStringLiteral("--registration-fault %1: %2").arg(fault.spec, why);
        return std::nullopt;
    };
    if (fault.spec.isEmpty())
        return fail(QStringLiteral("empty; give e.g. status=500,times=1"));

    const auto setKind = [&fault](Kind kind) {
        if (fault.kind != Kind::None)
            return false;
        fault.kind = kind;
        return true;
    };

    for (const QString &part : fault.spec.split(QLatin1Char(','))) {
        const QString item = part.trimmed();
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString name = equals < 0 ? item : item.left(equals);
        const QString value = equals < 0 ? QString() : item.mid(equals + 1);

        if (equals < 0) {
            const auto known = std::find_if(std::begin(kKindNames), std::end(kKindNames),
                                            [&](const KindName &k) { return name == k.name; });
            if (known == std::end(kKindNames))
                return fail(QStringLiteral("unknown fault %1").arg(name));
            if (!setKind(known->kind))
                return fail(QStringLiteral("give only one of status=, close, truncated-body, "
                                           "mismatched-key, wrong-certificate-id, "
                                           "expired-certificate"));
            continue;
        }

        if (name == QLatin1String("status")) {
            if (!parseNumber(value, 400, 599, &fault.status))
                return fail(QStringLiteral("status must be an HTTP status from 400 to 599"));
            if (!setKind(Kind::Status))
                return fail(QStringLiteral("give only one of status=, close, truncated-body, "
                                           "mismatched-key, wrong-certificate-id, "
                                           "expired-certificate"));
        } else if (name == QLatin1String("error")) {
            if (!errorCodePattern().match(value).hasMatch())
                return fail(QStringLiteral("error must be a code such as internal_error "
                                           "(a-z, 0-9, _)"));
            fault.errorCode = value;
        } else if (name == QLatin1String("retry-after")) {
            if (!parseNumber(value, 0, 86400, &fault.retryAfter))
                return fail(QStringLiteral("retry-after must be seconds from 0 to 86400"));
        } else if (name == QLatin1String("delay-ms")) {
            if (!parseNumber(value, 0, kMaxDelayMs, &fault.delayMs))
                return fail(QStringLiteral("delay-ms must be from 0 to %1").arg(kMaxDelayMs));
        } else if (name == QLatin1String("times")) {
            if (!parseNumber(value, 1, std::numeric_limits<int>::max(), &fault.times))
                return fail(QStringLiteral("times must be a whole number of at least 1"));
        } else if (name == QLatin1String("after")) {
            if (!parseNumber(value, 0, std::numeric_limits<int>::max(), &fault.after))
                return fail(QStringLiteral("after must be a whole number of at least 0"));
        } else if (name == QLatin1String("uuid")) {
            if (!uuidPattern().match(value).hasMatch())
                return fail(QStringLiteral("uuid must be a device uuid (8-4-4-4-12 hex)"));
            fault.uuid = value.toLower();
        } else {
            return fail(QStringLiteral("unknown setting %1").arg(name));
        }
    }

    if (fault.kind == Kind::None && fault.delayMs == 0)
        return fail(QStringLiteral("says nothing to do; give status=, delay-ms=, close, "
                                   "truncated-body, mismatched-key, wrong-certificate-id or "
                                   "expired-certificate"));
    if (fault.kind != Kind::Status && (fault.retryAfter >= 0 || !fault.errorCode.isEmpty()))
        return fail(QStringLiteral("retry-after and error go with status="));
    return fault;
}

RegistrationFaultPlan::RegistrationFaultPlan(QList<RegistrationFault> faults)
{
    for (RegistrationFault &fault : faults)
        m_entries.append(Entry{std::move(fault)});
}

std::optional<RegistrationFault> RegistrationFaultPlan::take(const QString &uuid)
{
    const QString device = uuid.toLower();
    for (Entry &entry : m_entries) {
        if (!entry.fault.uuid.isEmpty() && entry.fault.uuid != device)
            continue;
        if (entry.fired >= entry.fault.times)
            continue;
        if (entry.seen++ < entry.fault.after)
            continue;
        ++entry.fired;
        return entry.fault;
    }
    return std::nullopt;
}

} // namespace Blackbird::Local
