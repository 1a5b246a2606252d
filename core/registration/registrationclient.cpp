#include "registrationclient.h"

#include "logging/logcategories.h"

#include <QFile>
#include <QSslCertificate>
#include <QTimer>

namespace Blackbird {

namespace {

// Printable ASCII only: anything else cannot travel in an HTTP header, and a line break would
// let a damaged key inject headers.
bool isHeaderSafe(QByteArrayView key)
{
    for (char c : key) {
        if (c < 0x21 || c > 0x7E)
            return false;
    }
    return true;
}

} // namespace

RegistrationClient::RegistrationClient(QObject *parent)
    : QObject(parent)
{}

RegistrationClient::~RegistrationClient() = default;

bool RegistrationClient::setConfig(const RegistrationConfig &config, QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };

    const QUrl endpoint = config.endpoint();
    if (!endpoint.isValid() || endpoint.host().isEmpty())
        return fail(
            tr("The registration URL \"%1\" is not a valid URL.").arg(config.baseUrl.toString()));
    if (endpoint.scheme() != QLatin1String("https"))
        return fail(tr("The registration URL must start with https://; the station never sends "
                       "the API key over an unencrypted connection."));
    if (config.timeoutMs <= 0 || config.retry.maxAttempts < 1)
        return fail(tr("The registration timeout and number of tries must be positive."));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!config.caFile.isEmpty()) {
        QFile file(config.caFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                tr("Cannot read the CA file %1: %2.").arg(config.caFile, file.errorString()));
        const QList<QSslCertificate> authorities =
            QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (authorities.isEmpty())
            return fail(tr("The CA file %1 holds no PEM certificate.").arg(config.caFile));
        tls.addCaCertificates(authorities);
    }

    m_config = config;
    m_tls = tls;
    m_configured = true;
    qCInfo(lcRegistration).noquote()
        << "registration service at" << endpoint.toString()
        << (config.caFile.isEmpty() ? QStringLiteral("(system CA store)")
                                    : QStringLiteral("(CA file %1)").arg(config.caFile));
    return true;
}

RegistrationReply *RegistrationClient::registerDevice(const RegistrationRequest &request,
                                                      const SecretBytes &apiKey)
{
    QNetworkRequest prototype(m_config.endpoint());
    prototype.setSslConfiguration(m_tls);
    prototype.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    prototype.setRawHeader("Accept", "application/json");
    prototype.setRawHeader("User-Agent", "BlackbirdStation/" BLACKBIRD_VERSION);
    prototype.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                           QNetworkRequest::AlwaysNetwork);
    prototype.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    prototype.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    prototype.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    auto *reply = new RegistrationReply(prototype, request, apiKey.clone(), m_config.retry,
                                        m_config.timeoutMs, this);

    RegistrationResult refusal;
    refusal.error = RegistrationError::Configuration;
    if (!m_configured) {
        refusal.message = tr("The registration service is not configured for this profile. Set "
                             "its URL in the profile settings.");
    } else if (apiKey.isEmpty()) {
        refusal.message = tr("There is no API key for this profile. Store it in the profile "
                             "settings (it is kept in the system keychain), or set "
                             "BLACKBIRD_API_KEY for automated runs.");
    } else if (!isHeaderSafe(apiKey.view())) {
        refusal.message = tr("The stored API key contains spaces or characters that cannot be "
                             "sent. Enter the key again in the profile settings.");
    }
    if (!refusal.message.isEmpty()) {
        QTimer::singleShot(0, reply, [reply, refusal] { reply->failBeforeStart(refusal); });
        return reply;
    }

    reply->start();
    return reply;
}

} // namespace Blackbird
