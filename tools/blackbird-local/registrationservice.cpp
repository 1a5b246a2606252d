#include "registrationservice.h"

#include "crypto/sha256.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <openssl/x509.h>

Q_LOGGING_CATEGORY(lcLocalRegistration, "blackbird.local.registration", QtInfoMsg)

namespace Blackbird::Local {

namespace {

constexpr qsizetype kMaxApiKeyLength = 256;
constexpr qsizetype kMaxPublicKeyLength = 512;

const QRegularExpression &uuidPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")));
    return pattern;
}

const QRegularExpression &deviceTypePattern()
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9][a-z0-9._-]{0,63}")));
    return pattern;
}

const QRegularExpression &base64Pattern()
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9+/]+={0,2}")));
    return pattern;
}

HttpReply jsonReply(int status, const QJsonObject &object)
{
    HttpReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

bool isJsonContentType(const QByteArray &value)
{
    const QByteArray type = value.split(';').constFirst().trimmed().toLower();
    return type == "application/json";
}

// Parses Base64 DER SubjectPublicKeyInfo. On failure sets the reply to send instead.
EcKey parsePublicKey(const QString &text, HttpReply *failure)
{
    if (text.size() > kMaxPublicKeyLength || text.size() % 4 != 0 ||
        !base64Pattern().match(text).hasMatch()) {
        *failure = RegistrationService::errorReply(
            400, QStringLiteral("invalid_public_key"),
            QStringLiteral("public_key must be standard Base64 (with padding) of a DER "
                           "SubjectPublicKeyInfo, at most %1 characters")
                .arg(kMaxPublicKeyLength));
        return {};
    }

    const QByteArray der = QByteArray::fromBase64(text.toLatin1());
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    EVP_PKEY *key = d2i_PUBKEY(nullptr, &cursor, long(der.size()));
    const bool wholeInput =
        cursor == reinterpret_cast<const unsigned char *>(der.constData()) + der.size();
    if (!key || !wholeInput) {
        EVP_PKEY_free(key);
        *failure = RegistrationService::errorReply(
            400, QStringLiteral("invalid_public_key"),
            QStringLiteral("public_key does not decode to a DER SubjectPublicKeyInfo"));
        return {};
    }

    EcKey parsed = EcKey::adopt(key);
    if (parsed.isNull()) {
        *failure = RegistrationService::errorReply(
            400, QStringLiteral("unsupported_key_type"),
            QStringLiteral("public_key must be an ECDSA P-256 (prime256v1) key"));
    }
    return parsed;
}

// The error code a Status fault sends when none is given: the service's own code for that
// status where it has one.
QString defaultFaultCode(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("malformed_json");
    case 401:
        return QStringLiteral("invalid_api_key");
    case 403:
        return QStringLiteral("device_type_not_allowed");
    case 404:
        return QStringLiteral("not_found");
    case 409:
        return QStringLiteral("uuid_conflict");
    case 413:
        return QStringLiteral("payload_too_large");
    case 415:
        return QStringLiteral("unsupported_media_type");
    case 429:
        return QStringLiteral("rate_limited");
    case 503:
        return QStringLiteral("database_unavailable");
    default:
        return status < 500 ? QStringLiteral("bad_request") : QStringLiteral("internal_error");
    }
}

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toHex());
}

} // namespace

QList<QByteArray> HttpRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values << value;
    }
    return values;
}

RegistrationService::RegistrationService(RegistrationStore *store,
                                         const CertificateAuthority *claimCa, int claimShare,
                                         int rateLimitPerMinute, RateLimiter::Clock clock)
    : m_store(store)
    , m_claimCa(claimCa)
    , m_claimShare(qMax(1, claimShare))
    , m_limiter(rateLimitPerMinute, std::move(clock))
{}

HttpReply RegistrationService::errorReply(int status, const QString &code, const QString &message)
{
    return jsonReply(status,
                     {{QStringLiteral("error"), code}, {QStringLiteral("message"), message}});
}

HttpReply RegistrationService::faultReply(const RegistrationFault &fault)
{
    HttpReply reply = errorReply(
        fault.status, fault.errorCode.isEmpty() ? defaultFaultCode(fault.status) : fault.errorCode,
        QStringLiteral("fault injected by blackbird-local --registration-fault %1")
            .arg(fault.spec));
    if (fault.retryAfter >= 0)
        reply.headers.emplaceBack("Retry-After", QByteArray::number(fault.retryAfter));
    return reply;
}

void RegistrationService::applyFault(const RegistrationFault &fault, HttpReply *reply) const
{
    if (reply->status != 200 && reply->status != 201)
        return;
    QJsonObject body = QJsonDocument::fromJson(reply->body).object();
    const QString keyField = QStringLiteral("private_key");
    const QString idField = QStringLiteral("certificate_id");
    const QString pemField = QStringLiteral("certificate_pem");

    switch (fault.kind) {
    case RegistrationFault::Kind::TruncatedBody:
        reply->body.truncate(reply->body.size() / 2);
        return;
    case RegistrationFault::Kind::MismatchedKey: {
        const SecretBytes otherKey = EcKey::generate().privatePem();
        body.insert(keyField, QString::fromLatin1(otherKey.view()));
        break;
    }
    case RegistrationFault::Kind::WrongCertificateId: {
        // Well-formed (64 lower-case hex digits), but the SHA-256 of something else.
        const QByteArray other = body.value(idField).toString().toLatin1() + QByteArray("-wrong");
        body.insert(idField, QString::fromLatin1(sha256Hex(other)));
        break;
    }
    case RegistrationFault::Kind::ExpiredCertificate: {
        CertificateProfile profile;
        profile.role = CertificateRole::TlsClient;
        profile.commonName = QStringLiteral("claim-expired-%1").arg(randomHex(6));
        profile.organizationalUnit = QStringLiteral("claim");
        profile.validityDays = 30;
        profile.backdateDays = 31;
        const EcKey key = EcKey::generate();
        QString error;
        const Certificate certificate = m_claimCa->issue(key, profile, &error);
        if (certificate.isNull()) {
            qCWarning(lcLocalRegistration) << "cannot make an expired certificate:" << error;
            return;
        }
        const SecretBytes keyPem = key.privatePem();
        body.insert(idField, certificate.sha256Hex());
        body.insert(pemField, QString::fromLatin1(certificate.toPem()));
        body.insert(keyField, QString::fromLatin1(keyPem.view()));
        break;
    }
    case RegistrationFault::Kind::None:
    case RegistrationFault::Kind::Status:
    case RegistrationFault::Kind::Close:
        return;
    }
    reply->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
}

HttpReply RegistrationService::handle(const HttpRequest &request)
{
    if (request.path == QLatin1String("/v1/registrations")) {
        if (request.method == "POST")
            return registerDevice(request);
        HttpReply reply = errorReply(405, QStringLiteral("method_not_allowed"),
                                     QStringLiteral("use POST on /v1/registrations"));
        reply.headers.emplaceBack("Allow", "POST");
        return reply;
    }

    if (request.path == QLatin1String("/v1/health")) {
        if (request.method == "GET")
            return health();
        HttpReply reply = errorReply(405, QStringLiteral("method_not_allowed"),
                                     QStringLiteral("use GET on /v1/health"));
        reply.headers.emplaceBack("Allow", "GET");
        return reply;
    }

    return errorReply(404, QStringLiteral("not_found"),
                      QStringLiteral("no such resource; the service offers POST "
                                     "/v1/registrations and GET /v1/health"));
}

HttpReply RegistrationService::health() const
{
    if (!m_store->ping()) {
        return errorReply(503, QStringLiteral("database_unavailable"),
                          QStringLiteral("the registration database does not answer"));
    }
    return jsonReply(200, {{QStringLiteral("status"), QStringLiteral("ok")}});
}

HttpReply RegistrationService::registerDevice(const HttpRequest &request)
{
    if (request.body.size() > kMaxBodyBytes) {
        return errorReply(
            413, QStringLiteral("payload_too_large"),
            QStringLiteral("the request body is larger than %1 bytes").arg(kMaxBodyBytes));
    }

    const QList<QByteArray> contentTypes = request.headerValues("content-type");
    if (!contentTypes.isEmpty() && !isJsonContentType(contentTypes.constFirst())) {
        return errorReply(415, QStringLiteral("unsupported_media_type"),
                          QStringLiteral("send the body as Content-Type: application/json"));
    }

    const QList<QByteArray> apiKeys = request.headerValues("x-api-key");
    if (apiKeys.isEmpty() || apiKeys.constFirst().isEmpty()) {
        return errorReply(401, QStringLiteral("missing_api_key"),
                          QStringLiteral("send your API key in the x-api-key header"));
    }
    const QByteArray &apiKey = apiKeys.constFirst();
    QString lookupError;
    std::optional<ApiKeyRecord> key;
    if (apiKeys.size() == 1 && apiKey.size() <= kMaxApiKeyLength)
        key = m_store->findApiKey(sha256Hex(apiKey), &lookupError);
    if (!lookupError.isEmpty()) {
        qCWarning(lcLocalRegistration) << "API key lookup failed:" << lookupError;
        return errorReply(503, QStringLiteral("database_unavailable"),
                          QStringLiteral("the registration database does not answer; try again"));
    }
    if (!key) {
        return errorReply(401, QStringLiteral("invalid_api_key"),
                          QStringLiteral("the API key in x-api-key is not known"));
    }

    int retryAfter = 0;
    if (!m_limiter.tryAcquire(key->id, &retryAfter)) {
        HttpReply reply = errorReply(
            429, QStringLiteral("rate_limited"),
            QStringLiteral("more than %1 requests per minute with this API key; retry in %2 s")
                .arg(m_limiter.perMinute())
                .arg(retryAfter));
        reply.headers.emplaceBack("Retry-After", QByteArray::number(retryAfter));
        return reply;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return errorReply(400, QStringLiteral("malformed_json"),
                          parseError.error != QJsonParseError::NoError
                              ? QStringLiteral("the body is not valid JSON: %1 at offset %2")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset)
                              : QStringLiteral("the body must be a JSON object"));
    }

    const QJsonObject body = document.object();
    for (const char *field : {"uuid", "public_key", "device_type"}) {
        const QJsonValue value = body.value(QLatin1String(field));
        if (value.isUndefined()) {
            return errorReply(400, QStringLiteral("missing_field"),
                              QStringLiteral("the field %1 is missing").arg(QLatin1String(field)));
        }
        if (!value.isString()) {
            return errorReply(
                400, QStringLiteral("invalid_field_type"),
                QStringLiteral("the field %1 must be a string").arg(QLatin1String(field)));
        }
    }

    const QString uuidText = body.value(QLatin1String("uuid")).toString();
    if (!uuidPattern().match(uuidText).hasMatch()) {
        return errorReply(400, QStringLiteral("invalid_uuid"),
                          QStringLiteral("uuid must look like "
                                         "123e4567-e89b-12d3-a456-426614174000 (36 characters)"));
    }
    const QString uuid = uuidText.toLower();

    HttpReply failure;
    const EcKey publicKey =
        parsePublicKey(body.value(QLatin1String("public_key")).toString(), &failure);
    if (publicKey.isNull())
        return failure;

    const QString deviceType = body.value(QLatin1String("device_type")).toString();
    if (!deviceTypePattern().match(deviceType).hasMatch()) {
        return errorReply(400, QStringLiteral("invalid_device_type"),
                          QStringLiteral("device_type must be 1 to 64 characters of a-z, 0-9, "
                                         "'.', '_' and '-', starting with a letter or digit"));
    }
    if (!key->deviceTypes.contains(deviceType)) {
        return errorReply(
            403, QStringLiteral("device_type_not_allowed"),
            QStringLiteral("this API key may not register devices of type %1").arg(deviceType));
    }

    const ClaimIssuer issuer = [this](const QString &type, QString *error) {
        return issueClaim(type, error);
    };
    RegistrationOutcome outcome =
        m_store->registerDevice(uuid, QString::fromLatin1(publicKey.publicBase64()), deviceType,
                                key->id, m_claimShare, issuer);

    switch (outcome.status) {
    case RegistrationOutcome::Status::PublicKeyConflict:
        qCInfo(lcLocalRegistration) << "refused" << uuid << ": registered with another key";
        return errorReply(409, QStringLiteral("uuid_conflict"),
                          QStringLiteral("uuid %1 is already registered with a different "
                                         "public key")
                              .arg(uuid));
    case RegistrationOutcome::Status::DeviceTypeConflict:
        qCInfo(lcLocalRegistration) << "refused" << uuid << ": registered as another type";
        return errorReply(409, QStringLiteral("device_type_conflict"),
                          QStringLiteral("uuid %1 is already registered as a different device "
                                         "type")
                              .arg(uuid));
    case RegistrationOutcome::Status::Failed:
        qCWarning(lcLocalRegistration) << "registration of" << uuid << "failed:" << outcome.error;
        return errorReply(503, QStringLiteral("database_unavailable"),
                          QStringLiteral("the registration could not be stored; try again"));
    case RegistrationOutcome::Status::Created:
    case RegistrationOutcome::Status::Existing:
        break;
    }

    const bool created = outcome.status == RegistrationOutcome::Status::Created;
    qCInfo(lcLocalRegistration).noquote()
        << (created ? "registered" : "registered again") << uuid << "as" << deviceType
        << "with claim certificate" << outcome.credentials.certificateId << "for API key"
        << key->id;
    return jsonReply(created ? 201 : 200,
                     {{QStringLiteral("certificate_id"), outcome.credentials.certificateId},
                      {QStringLiteral("certificate_pem"),
                       QString::fromLatin1(outcome.credentials.certificatePem)},
                      {QStringLiteral("private_key"),
                       QString::fromLatin1(outcome.credentials.privateKeyPem.view())}});
}

std::optional<ClaimCredentials> RegistrationService::issueClaim(const QString &deviceType,
                                                                QString *error) const
{
    CertificateProfile profile;
    profile.role = CertificateRole::TlsClient;
    profile.commonName = QStringLiteral("claim-%1-%2").arg(deviceType, randomHex(6));
    profile.organizationalUnit = QStringLiteral("claim");

    const EcKey key = EcKey::generate();
    const Certificate certificate = m_claimCa->issue(key, profile, error);
    if (certificate.isNull())
        return std::nullopt;

    ClaimCredentials credentials;
    credentials.certificateId = certificate.sha256Hex();
    credentials.certificatePem = certificate.toPem();
    credentials.privateKeyPem = key.privatePem();
    return credentials;
}

} // namespace Blackbird::Local
