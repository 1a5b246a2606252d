#include "retrypolicy.h"

#include <QLocale>

#include <cmath>

namespace Blackbird {

int RetryPolicy::backoffMs(int nextAttempt, double random) const
{
    const int step = qMax(0, nextAttempt - 2);
    const double exponential = double(qMax(0, baseDelayMs)) * std::pow(2.0, qMin(step, 30));
    const double capped = qMin(exponential, double(qMax(0, maxDelayMs)));
    const double unit = qBound(0.0, random, 1.0);
    return int(capped / 2 + unit * capped / 2);
}

std::optional<qint64> RetryPolicy::parseRetryAfterMs(QByteArrayView value, const QDateTime &now)
{
    const QByteArray text = value.trimmed().toByteArray();
    if (text.isEmpty())
        return std::nullopt;

    bool allDigits = true;
    for (char c : text)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits) {
        // Anything longer than a day is as good as "not today"; cap before multiplying.
        if (text.size() > 6)
            return qint64(86400) * 1000;
        return qMin(text.toLongLong(), qint64(86400)) * 1000;
    }

    // IMF-fixdate, the form RFC 9110 requires senders to use; the obsolete RFC 850 and asctime
    // forms are accepted too, as the RFC asks of recipients.
    const QLocale c = QLocale::c();
    const QString string = QString::fromLatin1(text);
    QDateTime when = c.toDateTime(string, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    if (!when.isValid()) {
        // Two-digit years read as 19xx, so the weekday would not match: it is left out.
        const QString withoutWeekday = string.section(QLatin1String(", "), 1);
        when = c.toDateTime(withoutWeekday, QStringLiteral("dd-MMM-yy hh:mm:ss 'GMT'"));
    }
    if (!when.isValid())
        when = c.toDateTime(QString(string).replace(QLatin1String("  "), QLatin1String(" ")),
                            QStringLiteral("ddd MMM d hh:mm:ss yyyy"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    if (when.date().year() < 1970)
        when = when.addYears(100);
    return qMax(qint64(0), now.msecsTo(when));
}

} // namespace Blackbird
