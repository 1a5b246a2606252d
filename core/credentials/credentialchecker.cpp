#include "credentialchecker.h"

#include "crypto/cryptothread.h"
#include "crypto/opensslhandles.h"

#include "logging/logcategories.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <memory>

namespace Blackbird {

namespace {

CredentialCheckResult problem(CredentialProblem kind, const QString &message,
                              const QString &detail = {})
{
    CredentialCheckResult result;
    result.problem = kind;
    result.message = message;
    result.detail = detail;
    return result;
}

// Refuses passphrase-protected keys instead of letting OpenSSL prompt on a terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

QString keyTypeName(EVP_PKEY *key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return QStringLiteral("RSA");
    case EVP_PKEY_EC: {
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) == 1)
            return QStringLiteral("EC %1").arg(QLatin1String(group, qsizetype(length)));
        return QStringLiteral("EC");
    }
    case EVP_PKEY_ED25519:
        return QStringLiteral("Ed25519");
    default:
        return QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(key)));
    }
}

QString utcText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// Verifies that certificate was signed by one of the claim CAs, treating the claim CAs as trust
// anchors (they are intermediates, hence PARTIAL_CHAIN). Returns the issuing CA, or a null
// certificate with detail set.
Certificate issuingClaimCa(const Certificate &certificate, const QList<Certificate> &claimCas,
                           const QDateTime &at, QString *detail)
{
    ERR_clear_error();
    Ssl::X509StorePtr store(X509_STORE_new());
    for (const Certificate &ca : claimCas)
        X509_STORE_add_cert(store.get(), ca.handle());
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);

    Ssl::X509StoreCtxPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), certificate.handle(), nullptr);
    X509_STORE_CTX_set_time(context.get(), 0, time_t(at.toSecsSinceEpoch()));
    if (X509_verify_cert(context.get()) != 1) {
        *detail = QString::fromLatin1(
            X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
        ERR_clear_error();
        return {};
    }

    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(context.get());
    X509 *issuer = sk_X509_num(chain) >= 2 ? sk_X509_value(chain, 1) : nullptr;
    if (!issuer) {
        *detail = QStringLiteral("the certificate is itself a claim CA");
        return {};
    }
    X509_up_ref(issuer);
    return Certificate::adopt(issuer);
}

} // namespace

CredentialChecker::CredentialChecker(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

quint64 CredentialChecker::check(const ClaimCredentials &credentials)
{
    const quint64 id = m_nextId++;

    // The worker gets its own copies; the shared pointer's last owner wipes the key copy.
    auto input = std::make_shared<ClaimCredentials>();
    input->certificateId = credentials.certificateId;
    input->certificatePem = credentials.certificatePem;
    input->privateKeyPem = credentials.privateKeyPem.clone();
    const CredentialPolicy policy = m_policy;
    const QDateTime at = m_clock();

    auto *watcher = new QFutureWatcher<CredentialCheckResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        emit checked(id, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([input, policy, at] {
        CredentialCheckResult result = checkNow(*input, policy, at);
        releaseCryptoThreadState();
        return result;
    }));
    return id;
}

CredentialCheckResult CredentialChecker::checkNow(const ClaimCredentials &credentials,
                                                  const CredentialPolicy &policy,
                                                  const QDateTime &at)
{
    QString detail;
    const Certificate certificate = Certificate::fromPem(credentials.certificatePem, &detail);
    if (certificate.isNull()) {
        return problem(CredentialProblem::CertificateUnreadable,
                       tr("The claim certificate from the registration service cannot be read. "
                          "Nothing was pushed to the device; tell the Blackbird administrator."),
                       detail);
    }
    {
        X509 *x509 = certificate.handle();
        EVP_PKEY *certificateKey = X509_get0_pubkey(x509);
        if (!certificateKey || certificate.publicKey().isNull()) {
            return problem(
                CredentialProblem::CertificateKeyUnsupported,
                tr("The claim certificate holds a %1 key, but devices need ECDSA "
                   "P-256. Nothing was pushed; tell the Blackbird administrator.")
                    .arg(certificateKey ? keyTypeName(certificateKey) : tr("unreadable")));
        }
    }

    const QString actualId = certificate.sha256Hex();
    if (credentials.certificateId != actualId) {
        return problem(CredentialProblem::IdMismatch,
                       tr("The claim certificate does not match the certificate id the "
                          "registration service gave. Nothing was pushed; tell the Blackbird "
                          "administrator."),
                       QStringLiteral("certificate_id %1, SHA-256 of the certificate %2")
                           .arg(credentials.certificateId, actualId));
    }

    ERR_clear_error();
    Ssl::BioPtr bio =
        Ssl::memoryBio(credentials.privateKeyPem.constData(), credentials.privateKeyPem.size());
    EVP_PKEY *parsed = PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr);
    if (!parsed) {
        return problem(CredentialProblem::KeyUnreadable,
                       tr("The claim private key from the registration service cannot be read. "
                          "Nothing was pushed to the device; tell the Blackbird administrator."),
                       Ssl::lastError(QStringLiteral("reading the private key")));
    }
    const QString keyType = keyTypeName(parsed);
    const EcKey key = EcKey::adopt(parsed, &detail);
    if (key.isNull()) {
        return problem(CredentialProblem::KeyUnsupported,
                       tr("The claim private key is a %1 key, but devices need ECDSA P-256. "
                          "Nothing was pushed; tell the Blackbird administrator.")
                           .arg(keyType),
                       detail);
    }
    if (!certificate.matchesPrivateKey(key)) {
        return problem(CredentialProblem::KeyMismatch,
                       tr("The claim private key does not belong to the claim certificate. "
                          "Nothing was pushed to the device; tell the Blackbird "
                          "administrator."));
    }

    const QDateTime notBefore = certificate.notBefore();
    const QDateTime notAfter = certificate.notAfter();
    if (!notBefore.isValid() || at < notBefore) {
        return problem(CredentialProblem::NotYetValid,
                       tr("The claim certificate is valid only from %1, and the station's clock "
                          "says %2. Check the station's date and time; if it is right, tell the "
                          "Blackbird administrator.")
                           .arg(utcText(notBefore), utcText(at)));
    }
    if (!notAfter.isValid() || at > notAfter) {
        return problem(CredentialProblem::Expired,
                       tr("The claim certificate expired on %1 (the station's clock says %2). "
                          "Check the station's date and time; if it is right, tell the "
                          "Blackbird administrator.")
                           .arg(utcText(notAfter), utcText(at)));
    }

    if (!policy.checksChain())
        return {};
    const Certificate issuer = issuingClaimCa(certificate, policy.claimCas, at, &detail);
    if (issuer.isNull()) {
        return problem(CredentialProblem::UntrustedIssuer,
                       tr("The claim certificate was not issued by the claim CA this profile "
                          "trusts. Nothing was pushed; check the profile's registration "
                          "service and CA files, or tell the Blackbird administrator."),
                       detail);
    }
    if (!policy.rootCas.isEmpty() && !issuer.verifyChain(policy.rootCas, at, &detail)) {
        return problem(CredentialProblem::ClaimCaUntrusted,
                       tr("The claim CA is not signed by the root CA this profile trusts. "
                          "Nothing was pushed; check the profile's CA files."),
                       detail);
    }
    return {};
}

} // namespace Blackbird
