#include "registrationconfig.h"

namespace Blackbird {

RegistrationConfig RegistrationConfig::fromRegistrationUrl(const QUrl &url)
{
    RegistrationConfig config;
    config.baseUrl = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    config.path = url.path();
    return config;
}

QUrl RegistrationConfig::endpoint() const
{
    QUrl url = baseUrl;
    QString joined = url.path();
    if (joined.endsWith(QLatin1Char('/')))
        joined.chop(1);
    if (!path.startsWith(QLatin1Char('/')))
        joined += QLatin1Char('/');
    joined += path;
    url.setPath(joined);
    return url;
}

} // namespace Blackbird
