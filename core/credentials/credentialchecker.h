// The checks claim credentials pass before anything is pushed to a device: certificate and key
// parse, the key is ECDSA P-256 and belongs to the certificate, the certificate is within its
// validity period, certificate_id is the SHA-256 of its DER, and it was issued by the configured
// claim CA (which chains to the configured root). OpenSSL does the work on a worker thread
// (QtConcurrent), so the GUI thread never waits for crypto.
#pragma once

#include "credentialcheckresult.h"
#include "credentialpolicy.h"

#include "registration/claimcredentials.h"

#include <QDateTime>
#include <QObject>

#include <functional>

namespace Blackbird {

class CredentialChecker : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    explicit CredentialChecker(QObject *parent = nullptr);

    void setPolicy(const CredentialPolicy &policy) { m_policy = policy; }
    const CredentialPolicy &policy() const { return m_policy; }
    // The station's clock for the validity check; tests pass a fixed time.
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // Starts checking a copy of the credentials on a worker thread; checked(id) follows. The
    // copy of the private key is wiped when the check is done.
    quint64 check(const ClaimCredentials &credentials);

    // The checks themselves, on the calling thread, at the given time.
    static CredentialCheckResult checkNow(const ClaimCredentials &credentials,
                                          const CredentialPolicy &policy, const QDateTime &at);

Q_SIGNALS:
    void checked(quint64 id, const Blackbird::CredentialCheckResult &result);

private:
    CredentialPolicy m_policy;
    Clock m_clock;
    quint64 m_nextId = 1;
};

} // namespace Blackbird
