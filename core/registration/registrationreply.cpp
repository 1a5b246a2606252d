#include "registrationreply.h"

#include "registrationresponseparser.h"

#include "logging/logcategories.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslError>

namespace Blackbird {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(qMax(qint64(1), (ms + 999) / 1000));
}

} // namespace

RegistrationReply::RegistrationReply(const QNetworkRequest &prototype,
                                     const RegistrationRequest &request, SecretBytes apiKey,
                                     const RetryPolicy &retry, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_prototype(prototype)
    , m_request(request)
    , m_body(request.toJson())
    , m_apiKey(std::move(apiKey))
    , m_retry(retry)
    , m_timeoutMs(timeoutMs)
{
    m_attemptTimer.setSingleShot(true);
    m_backoffTimer.setSingleShot(true);
    // A coarse timer may fire a little early, and a retry must never come before Retry-After.
    m_backoffTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_attemptTimer, &QTimer::timeout, this, &RegistrationReply::onTimeout);
    connect(&m_backoffTimer, &QTimer::timeout, this, &RegistrationReply::sendAttempt);
}

RegistrationReply::~RegistrationReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
}

ClaimCredentials RegistrationReply::takeCredentials()
{
    return std::exchange(m_credentials, ClaimCredentials());
}

void RegistrationReply::abort()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    m_backoffTimer.stop();
    m_attemptTimer.stop();
    if (m_reply) {
        m_reply->abort(); // finished() of the network reply ends this reply as cancelled
        return;
    }

    RegistrationResult result;
    result.error = RegistrationError::Cancelled;
    result.message = tr("Registration was cancelled.");
    result.attempts = m_attempts;
    finish(result);
}

void RegistrationReply::start()
{
    sendAttempt();
}

void RegistrationReply::failBeforeStart(const RegistrationResult &result)
{
    if (!m_finished)
        finish(result);
}

void RegistrationReply::sendAttempt()
{
    if (m_finished || m_cancelled)
        return;
    ++m_attempts;
    m_timedOut = false;
    m_tooLarge = false;
    m_sslErrors.clear();
    m_retryAfterMs = -1;

    QNetworkRequest request = m_prototype;
    // Qt keeps its own copy of header values; that copy is released, not wiped, with the request.
    request.setRawHeader("x-api-key", QByteArray(m_apiKey.constData(), m_apiKey.size()));
    qCInfo(lcRegistration).noquote()
        << "registering" << m_request.uuid << "as" << m_request.deviceType << "try" << m_attempts
        << "of" << m_retry.maxAttempts;

    // Each try gets its own connection: a retry after a timeout must not queue behind the
    // connection that hung, which QNetworkAccessManager would otherwise reuse.
    if (m_network)
        m_network->deleteLater();
    m_network = new QNetworkAccessManager(this);
    // Redirects are answered, never followed: the API key must go to the configured host only.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setAutoDeleteReplies(false);

    QNetworkReply *reply = m_network->post(request, m_body);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &RegistrationReply::onReadyRead);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Recorded for the message only; the handshake fails because nothing ignores them.
        for (const QSslError &error : errors)
            m_sslErrors << error.errorString();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onNetworkFinished(reply); });
    m_attemptTimer.start(m_timeoutMs);
}

void RegistrationReply::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void RegistrationReply::onReadyRead()
{
    if (m_reply && m_reply->bytesAvailable() > RegistrationResponseParser::kMaxBodyBytes) {
        m_tooLarge = true;
        m_reply->abort();
    }
}

void RegistrationReply::onNetworkFinished(QNetworkReply *reply)
{
    m_attemptTimer.stop();
    reply->disconnect(this);
    reply->deleteLater();
    m_reply = nullptr;

    QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    bool retryable = false;
    RegistrationResult result = classify(reply, body, &retryable);
    SecretBytes::wipe(body);

    const bool triesLeft = m_attempts < m_retry.maxAttempts;
    const bool waitAllowed = m_retryAfterMs <= m_retry.maxRetryAfterMs;
    if (!retryable || !triesLeft || !waitAllowed) {
        finish(result);
        return;
    }

    QRandomGenerator *random = QRandomGenerator::global();
    const int delayMs =
        m_retryAfterMs >= 0
            ? int(m_retryAfterMs) + int(random->bounded(qMax(1, m_retry.retryAfterJitterMs)))
            : m_retry.backoffMs(m_attempts + 1, random->generateDouble());
    qCInfo(lcRegistration).noquote()
        << "registration of" << m_request.uuid << "failed ("
        << RegistrationResult::errorName(result.error) << result.httpStatus << "); trying again in"
        << delayMs << "ms";
    emit retrying(m_attempts + 1, delayMs, result);
    m_backoffTimer.start(delayMs);
}

RegistrationResult RegistrationReply::classify(QNetworkReply *reply, QByteArray &body,
                                               bool *retryable)
{
    const QString host = m_prototype.url().host();
    RegistrationResult result;
    *retryable = false;

    if (m_cancelled) {
        result.error = RegistrationError::Cancelled;
        result.message = tr("Registration was cancelled.");
    } else if (m_tooLarge) {
        result.error = RegistrationError::MalformedResponse;
        result.message = tr("The registration service sent an answer larger than %1 KiB, which "
                            "cannot be claim credentials. Tell the Blackbird administrator; "
                            "nothing was pushed to the device.")
                             .arg(RegistrationResponseParser::kMaxBodyBytes / 1024);
    } else if (m_timedOut) {
        result.error = RegistrationError::Timeout;
        result.message = tr("The registration service at %1 did not answer within %2 s. The "
                            "network or the service may be slow or down.")
                             .arg(host, seconds(m_timeoutMs));
        *retryable = true;
    } else {
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            result = networkFailure(reply, retryable);
        } else if (status.toInt() == 200 || status.toInt() == 201) {
            QString problem;
            ClaimCredentials credentials;
            if (RegistrationResponseParser::parse(body, &credentials, &problem)) {
                m_credentials = std::move(credentials);
                result.message = tr("Registered; claim certificate %1.")
                                     .arg(m_credentials.certificateId.left(12));
            } else {
                result.error = RegistrationError::MalformedResponse;
                result.message = tr("The registration service's answer cannot be used: %1. "
                                    "Tell the Blackbird administrator; nothing was pushed to "
                                    "the device.")
                                     .arg(problem);
            }
            result.httpStatus = status.toInt();
        } else {
            const QByteArray retryAfter = reply->rawHeader("Retry-After");
            if (!retryAfter.isEmpty()) {
                m_retryAfterMs =
                    RetryPolicy::parseRetryAfterMs(retryAfter, QDateTime::currentDateTimeUtc())
                        .value_or(-1);
            }
            result = httpFailure(status.toInt(), body, retryable);
        }
    }

    result.attempts = m_attempts;
    result.retryAfterMs = m_retryAfterMs;
    return result;
}

RegistrationResult RegistrationReply::networkFailure(QNetworkReply *reply, bool *retryable) const
{
    const QString host = m_prototype.url().host();
    RegistrationResult result;
    result.error = RegistrationError::Network;
    *retryable = true;

    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
        result.message = tr("The registration service's host name %1 cannot be found. Check the "
                            "registration URL in the profile and the station's network (DNS).")
                             .arg(host);
        break;
    case QNetworkReply::ConnectionRefusedError:
        result.message = tr("The registration service at %1 refused the connection: nothing "
                            "is listening there. Check the registration URL, or whether the "
                            "service is running.")
                             .arg(m_prototype.url().authority());
        break;
    case QNetworkReply::RemoteHostClosedError:
        result.message = tr("The registration service at %1 closed the connection before it "
                            "answered.")
                             .arg(host);
        break;
    case QNetworkReply::TimeoutError:
        result.error = RegistrationError::Timeout;
        result.message =
            tr("The connection to the registration service at %1 timed out.").arg(host);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        result.error = RegistrationError::Tls;
        result.message =
            tr("The connection to the registration service at %1 is not trusted "
               "(%2). The station does not send the API key over it. Check the CA "
               "file in the profile, or ask IT whether something intercepts HTTPS.")
                .arg(host, m_sslErrors.isEmpty() ? reply->errorString()
                                                 : m_sslErrors.join(QStringLiteral("; ")));
        *retryable = false;
        break;
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        result.error = RegistrationError::Configuration;
        result.message = tr("The registration URL %1 cannot be used: %2.")
                             .arg(m_prototype.url().toString(), reply->errorString());
        *retryable = false;
        break;
    default:
        result.message = tr("Cannot talk to the registration service at %1: %2.")
                             .arg(host, reply->errorString());
        break;
    }
    return result;
}

RegistrationResult RegistrationReply::httpFailure(int status, const QByteArray &body,
                                                  bool *retryable) const
{
    const ServiceError service = RegistrationResponseParser::parseServiceError(body);
    RegistrationResult result;
    result.httpStatus = status;
    result.serviceError = service.code;
    result.serviceMessage = service.message;
    const QString detail =
        service.message.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : service.message;

    switch (status) {
    case 400:
        result.error = RegistrationError::InvalidRequest;
        result.message = tr("The registration service refused this device's data: %1. The "
                            "device may report a wrong uuid, public key or device type; set it "
                            "aside for an engineer.")
                             .arg(detail);
        break;
    case 401:
        result.error = RegistrationError::Unauthorized;
        result.message =
            service.code == QLatin1String("missing_api_key")
                ? tr("The registration service received no API key. Store the station's API "
                     "key in the profile settings, or set BLACKBIRD_API_KEY for automated runs.")
                : tr("The registration service does not accept this station's API key. Ask "
                     "your Blackbird administrator for a valid key and store it in the profile "
                     "settings.");
        break;
    case 403:
        result.error = RegistrationError::Forbidden;
        result.message = tr("This station's API key may not register devices of type %1. Check "
                            "that the right devices are being provisioned, or ask your Blackbird "
                            "administrator for a key that covers this type.")
                             .arg(m_request.deviceType);
        break;
    case 409:
        result.error = RegistrationError::Conflict;
        result.message = tr("Device %1 is already registered with a different public key or "
                            "device type. Trying again will not help; set the device aside for "
                            "an engineer.")
                             .arg(m_request.uuid);
        break;
    case 413:
        result.error = RegistrationError::TooLarge;
        result.message = tr("The registration request for device %1 was too large for the "
                            "service. The device reports unusually long data; set it aside for "
                            "an engineer.")
                             .arg(m_request.uuid);
        break;
    case 429:
        result.error = RegistrationError::RateLimited;
        result.message = m_retryAfterMs >= 0
                             ? tr("The registration service is receiving too many requests with "
                                  "this station's API key and asked to wait %1 s. Try again "
                                  "then, or provision fewer devices at once.")
                                   .arg(seconds(m_retryAfterMs))
                             : tr("The registration service is receiving too many requests with "
                                  "this station's API key. Try again in a minute, or provision "
                                  "fewer devices at once.");
        *retryable = true;
        break;
    default:
        if (status >= 500 && status <= 599) {
            result.error = RegistrationError::ServerError;
            result.message = tr("The registration service has a problem (%1). Try again in a "
                                "few minutes; if it keeps happening, tell the Blackbird "
                                "administrator.")
                                 .arg(detail);
            *retryable = true;
        } else {
            result.error = RegistrationError::UnexpectedStatus;
            result.message = tr("The registration service answered with HTTP status %1, which "
                                "the station does not expect. Check the registration URL in the "
                                "profile (%2).")
                                 .arg(status)
                                 .arg(m_prototype.url().toString());
        }
        break;
    }
    return result;
}

void RegistrationReply::finish(RegistrationResult result)
{
    m_finished = true;
    m_attemptTimer.stop();
    m_backoffTimer.stop();
    m_apiKey.wipe();
    m_result = std::move(result);
    if (m_result.ok()) {
        qCInfo(lcRegistration).noquote()
            << "registered" << m_request.uuid << "with claim certificate"
            << m_credentials.certificateId << "after" << m_result.attempts << "tries";
    } else {
        qCWarning(lcRegistration).noquote()
            << "registration of" << m_request.uuid
            << "failed:" << RegistrationResult::errorName(m_result.error) << "HTTP"
            << m_result.httpStatus << m_result.serviceError << "-" << m_result.message;
    }
    emit finished();
}

} // namespace Blackbird
