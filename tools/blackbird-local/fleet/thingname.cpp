// Thing names: readable (device type first, so a list sorts by product) and stable (the same
// device always gets the same thing).
#include "thingname.h"

namespace Blackbird::Local {

QString thingNameFor(const QString &deviceType, const QString &uuid)
{
    constexpr int kMaxLength = 128;
    QString name = deviceType + QLatin1Char('_') + uuid;
    for (QChar &c : name) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                             (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                             (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                             c == QLatin1Char('_') || c == QLatin1Char('-') ||
                             c == QLatin1Char(':');
        if (!allowed)
            c = QLatin1Char('_');
    }
    return name.left(kMaxLength);
}

} // namespace Blackbird::Local
