// Invariants checked on every input: parsing is deterministic; a refusal leaves no credentials
// behind and says why; accepted credentials meet every documented rule (a 64-digit lower-case
// hex id, a PEM certificate and a PEM key within their size limits); where Qt's own JSON reader
// also reads the body, both agree on the three fields; a service error is short and printable.
#include "fuzzregistrationresponse.h"

#include "registration/registrationresponseparser.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Blackbird::Fuzz {

namespace {

bool isLowerHexId(const QString &id)
{
    if (id.size() != 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
    });
}

QString checkAccepted(QByteArrayView input, const ClaimCredentials &credentials)
{
    using Parser = RegistrationResponseParser;
    if (!isLowerHexId(credentials.certificateId))
        return QStringLiteral("accepted a certificate_id that is not 64 lower-case hex digits");
    if (credentials.certificatePem.isEmpty() ||
        credentials.certificatePem.size() > Parser::kMaxCertificatePemBytes ||
        !credentials.certificatePem.contains("-----BEGIN CERTIFICATE-----"))
        return QStringLiteral("accepted a certificate_pem that is not a PEM certificate");
    if (credentials.privateKeyPem.isEmpty() ||
        credentials.privateKeyPem.size() > Parser::kMaxPrivateKeyPemBytes ||
        !credentials.privateKeyPem.view().contains("PRIVATE KEY-----"))
        return QStringLiteral("accepted a private_key that is not a PEM private key");

    // Qt's reader is more lenient in places (and stricter about numbers it skips), so it is
    // only a referee when it reads the body too.
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(input.toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject())
        return QString();
    const QJsonObject object = document.object();
    if (object.value(QLatin1String("certificate_id")).toString() != credentials.certificateId ||
        object.value(QLatin1String("certificate_pem")).toString().toUtf8() !=
            credentials.certificatePem ||
        object.value(QLatin1String("private_key")).toString().toUtf8() !=
            credentials.privateKeyPem.view())
        return QStringLiteral("the parser and Qt's JSON reader disagree on a field");
    return QString();
}

QString checkServiceError(const ServiceError &serviceError)
{
    if (serviceError.code.size() > 64 || serviceError.message.size() > 300)
        return QStringLiteral("a service error text is longer than its limit");
    for (const QString &text : {serviceError.code, serviceError.message}) {
        for (const QChar c : text) {
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
                return QStringLiteral("a service error text kept a control character");
        }
    }
    return QString();
}

} // namespace

QString checkRegistrationResponse(QByteArrayView input)
{
    ClaimCredentials first;
    QString firstError;
    const bool accepted = RegistrationResponseParser::parse(input, &first, &firstError);

    ClaimCredentials second;
    QString secondError;
    if (RegistrationResponseParser::parse(input, &second, &secondError) != accepted ||
        first.certificateId != second.certificateId || firstError != secondError)
        return QStringLiteral("two parses of the same bytes differ");

    if (!accepted) {
        if (!first.isEmpty() || !first.certificateId.isEmpty())
            return QStringLiteral("a refused answer left credentials behind");
        if (firstError.isEmpty())
            return QStringLiteral("a refused answer came without a reason");
    } else if (QString failure = checkAccepted(input, first); !failure.isEmpty()) {
        return failure;
    }

    return checkServiceError(RegistrationResponseParser::parseServiceError(input));
}

} // namespace Blackbird::Fuzz
