// One registration in flight, like a QNetworkReply one level up: it sends the request, retries
// after 429, 5xx and network failures with backoff, and ends once with finished(). Then result()
// says how it went and takeCredentials() hands out the claim credentials (once). The reply
// belongs to the RegistrationClient that made it; delete it with deleteLater() when done.
#pragma once

#include "claimcredentials.h"
#include "registrationrequest.h"
#include "registrationresult.h"
#include "retrypolicy.h"

#include "crypto/secretbytes.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace Blackbird {

class RegistrationReply : public QObject
{
    Q_OBJECT

public:
    ~RegistrationReply() override;

    const RegistrationRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    // Valid after finished().
    const RegistrationResult &result() const { return m_result; }
    // The claim credentials of a successful registration; empty afterwards and on failure.
    ClaimCredentials takeCredentials();

public Q_SLOTS:
    // Cancels the request; finished() follows with RegistrationError::Cancelled unless the reply
    // had already finished.
    void abort();

Q_SIGNALS:
    // A try failed in a way worth repeating; the next one starts after delayMs.
    void retrying(int nextAttempt, int delayMs, const Blackbird::RegistrationResult &failedTry);
    void finished();

private:
    friend class RegistrationClient;

    RegistrationReply(const QNetworkRequest &prototype, const RegistrationRequest &request,
                      SecretBytes apiKey, const RetryPolicy &retry, int timeoutMs, QObject *parent);

    void start();
    void failBeforeStart(const RegistrationResult &result);
    void sendAttempt();
    void onTimeout();
    void onReadyRead();
    void onNetworkFinished(QNetworkReply *reply);
    RegistrationResult classify(QNetworkReply *reply, QByteArray &body, bool *retryable);
    RegistrationResult networkFailure(QNetworkReply *reply, bool *retryable) const;
    RegistrationResult httpFailure(int status, const QByteArray &body, bool *retryable) const;
    void finish(RegistrationResult result);

    QPointer<QNetworkAccessManager> m_network; // a fresh one per try, see sendAttempt()
    QNetworkRequest m_prototype;
    RegistrationRequest m_request;
    QByteArray m_body;
    SecretBytes m_apiKey;
    RetryPolicy m_retry;
    int m_timeoutMs;

    QPointer<QNetworkReply> m_reply;
    QTimer m_attemptTimer;
    QTimer m_backoffTimer;
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_cancelled = false;
    bool m_finished = false;
    QStringList m_sslErrors;
    qint64 m_retryAfterMs = -1;

    RegistrationResult m_result;
    ClaimCredentials m_credentials;
};

} // namespace Blackbird
