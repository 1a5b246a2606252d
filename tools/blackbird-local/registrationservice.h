// The registration service's behaviour, independent of the HTTP server that carries it: takes a
// request (method, path, headers, body) and answers with a status and a JSON body. POST
// /v1/registrations turns {uuid, public_key, device_type} into claim credentials; GET /v1/health
// says whether the database answers. docs/registration-api.md describes every answer.
#pragma once

#include "certificateauthority.h"
#include "ratelimiter.h"
#include "registrationfaults.h"
#include "registrationstore.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace Blackbird::Local {

struct HttpRequest
{
    QByteArray method; // upper case: GET, POST, ...
    QString path;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // The values of a header, matched without regard to case.
    QList<QByteArray> headerValues(QByteArrayView name) const;
};

struct HttpReply
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // besides Content-Type and Content-Length
};

class RegistrationService
{
public:
    static constexpr qsizetype kMaxBodyBytes = 16 * 1024;

    // claimShare: registrations per claim certificate (1 = unique). rateLimitPerMinute <= 0 turns
    // the per-key limit off. Store and CA must outlive the service.
    RegistrationService(RegistrationStore *store, const CertificateAuthority *claimCa,
                        int claimShare, int rateLimitPerMinute, RateLimiter::Clock clock = {});

    HttpReply handle(const HttpRequest &request);

    // New claim credentials signed by the claim CA (also what the store calls when no shared
    // certificate has room).
    std::optional<ClaimCredentials> issueClaim(const QString &deviceType, QString *error) const;

    static HttpReply errorReply(int status, const QString &code, const QString &message);

    // The answer a Status fault gives instead of the service's own.
    static HttpReply faultReply(const RegistrationFault &fault);
    // Spoils the claim credentials of a successful registration answer the way fault says
    // (MismatchedKey, WrongCertificateId, ExpiredCertificate, TruncatedBody). Any other answer
    // is left alone.
    void applyFault(const RegistrationFault &fault, HttpReply *reply) const;

private:
    HttpReply health() const;
    HttpReply registerDevice(const HttpRequest &request);

    RegistrationStore *m_store;
    const CertificateAuthority *m_claimCa;
    int m_claimShare;
    RateLimiter m_limiter;
};

} // namespace Blackbird::Local
