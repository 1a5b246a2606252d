// Tests the checks claim credentials must pass before they are pushed to a device, one row per
// way they can be wrong, plus the asynchronous API that runs them off the calling thread.
#include "testauthority.h"

#include "credentials/credentialchecker.h"

#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using namespace Blackbird;
using Blackbird::Test::TestAuthority;
using Blackbird::Test::TestIdentity;

Q_DECLARE_METATYPE(Blackbird::CredentialProblem)

namespace {

enum PolicyKind { NoChain, ClaimCaOnly, ClaimCaAndRoot, ClaimCaAndOtherRoot };

} // namespace

class TestCredentialChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checks_data();
    void checks();
    void problemsReadDifferently();
    void checksAsynchronously();
    void usesInjectedClock();
    void loadsPolicy_data();
    void loadsPolicy();

private:
    ClaimCredentials credentials(const TestIdentity &claim) const;
    CredentialPolicy policy(int kind) const;

    TestIdentity m_root;
    TestIdentity m_otherRoot;
    TestIdentity m_claimCa;
    TestIdentity m_otherClaimCa;
    TestIdentity m_good;
    TestIdentity m_second;
    TestIdentity m_expired;
    TestIdentity m_notYetValid;
    TestIdentity m_byRoot;
    TestIdentity m_byOtherCa;
    TestIdentity m_rsaCertificate;
    QByteArray m_rsaKeyPem;
    QByteArray m_p384KeyPem;
};

void TestCredentialChecker::initTestCase()
{
    m_root = TestAuthority::root(QStringLiteral("Test Root"));
    m_otherRoot = TestAuthority::root(QStringLiteral("Other Root"));
    m_claimCa = TestAuthority::issue(m_root, QStringLiteral("Test Claim CA"), true);
    m_otherClaimCa = TestAuthority::issue(m_otherRoot, QStringLiteral("Other Claim CA"), true);
    m_good = TestAuthority::issue(m_claimCa, QStringLiteral("claim-1"), false);
    m_second = TestAuthority::issue(m_claimCa, QStringLiteral("claim-2"), false);
    m_expired = TestAuthority::issue(m_claimCa, QStringLiteral("old"), false, -2 * 86400, -86400);
    m_notYetValid =
        TestAuthority::issue(m_claimCa, QStringLiteral("early"), false, 86400, 2 * 86400);
    m_byRoot = TestAuthority::issue(m_root, QStringLiteral("claim-from-root"), false);
    m_byOtherCa = TestAuthority::issue(m_otherClaimCa, QStringLiteral("claim-other"), false);
    m_rsaCertificate = TestAuthority::issue(m_claimCa, QStringLiteral("rsa"), false, -3600, 86400,
                                            TestAuthority::KeyType::Rsa2048);
    m_rsaKeyPem = TestAuthority::issue(m_claimCa, QStringLiteral("rsa-key"), false, -3600, 86400,
                                       TestAuthority::KeyType::Rsa2048)
                      .keyPem;
    m_p384KeyPem = TestAuthority::issue(m_claimCa, QStringLiteral("p384"), false, -3600, 86400,
                                        TestAuthority::KeyType::P384)
                       .keyPem;
    QVERIFY(!m_good.certificate.isNull());
    QVERIFY(!m_rsaKeyPem.isEmpty());
}

ClaimCredentials TestCredentialChecker::credentials(const TestIdentity &claim) const
{
    ClaimCredentials result;
    result.certificateId = claim.certificate.sha256Hex();
    result.certificatePem = claim.certificate.toPem();
    result.privateKeyPem = SecretBytes(claim.keyPem);
    return result;
}

CredentialPolicy TestCredentialChecker::policy(int kind) const
{
    CredentialPolicy result;
    if (kind != NoChain)
        result.claimCas = {m_claimCa.certificate};
    if (kind == ClaimCaAndRoot)
        result.rootCas = {m_root.certificate};
    if (kind == ClaimCaAndOtherRoot)
        result.rootCas = {m_otherRoot.certificate};
    return result;
}

void TestCredentialChecker::checks_data()
{
    QTest::addColumn<QByteArray>("certificatePem");
    QTest::addColumn<QByteArray>("keyPem");
    QTest::addColumn<QString>("certificateId");
    QTest::addColumn<int>("policyKind");
    QTest::addColumn<CredentialProblem>("problem");

    const QByteArray pem = m_good.certificate.toPem();
    const QString id = m_good.certificate.sha256Hex();
    const QByteArray key = m_good.keyPem;

    QTest::newRow("good set") << pem << key << id << int(ClaimCaAndRoot) << CredentialProblem::None;
    QTest::newRow("good set, claim CA only")
        << pem << key << id << int(ClaimCaOnly) << CredentialProblem::None;
    QTest::newRow("good set, no chain configured")
        << pem << key << id << int(NoChain) << CredentialProblem::None;
    QTest::newRow("key of another certificate")
        << pem << m_second.keyPem << id << int(ClaimCaAndRoot) << CredentialProblem::KeyMismatch;
    QTest::newRow("expired") << m_expired.certificate.toPem() << m_expired.keyPem
                             << m_expired.certificate.sha256Hex() << int(ClaimCaAndRoot)
                             << CredentialProblem::Expired;
    QTest::newRow("not yet valid") << m_notYetValid.certificate.toPem() << m_notYetValid.keyPem
                                   << m_notYetValid.certificate.sha256Hex() << int(ClaimCaAndRoot)
                                   << CredentialProblem::NotYetValid;
    QTest::newRow("issued by another claim CA")
        << m_byOtherCa.certificate.toPem() << m_byOtherCa.keyPem
        << m_byOtherCa.certificate.sha256Hex() << int(ClaimCaAndRoot)
        << CredentialProblem::UntrustedIssuer;
    QTest::newRow("issued by the root, not the claim CA")
        << m_byRoot.certificate.toPem() << m_byRoot.keyPem << m_byRoot.certificate.sha256Hex()
        << int(ClaimCaAndRoot) << CredentialProblem::UntrustedIssuer;
    QTest::newRow("claim CA not under the configured root")
        << pem << key << id << int(ClaimCaAndOtherRoot) << CredentialProblem::ClaimCaUntrusted;
    QTest::newRow("id of another certificate")
        << pem << key << m_second.certificate.sha256Hex() << int(ClaimCaAndRoot)
        << CredentialProblem::IdMismatch;
    QTest::newRow("id in upper case")
        << pem << key << id.toUpper() << int(ClaimCaAndRoot) << CredentialProblem::IdMismatch;
    QTest::newRow("empty id") << pem << key << QString() << int(ClaimCaAndRoot)
                              << CredentialProblem::IdMismatch;
    QTest::newRow("garbage certificate PEM")
        << QByteArray("-----BEGIN CERTIFICATE-----\nnot base64!\n"
                      "-----END CERTIFICATE-----\n")
        << key << id << int(ClaimCaAndRoot) << CredentialProblem::CertificateUnreadable;
    QTest::newRow("truncated certificate PEM")
        << pem.left(pem.size() / 2) << key << id << int(ClaimCaAndRoot)
        << CredentialProblem::CertificateUnreadable;
    QTest::newRow("empty certificate") << QByteArray() << key << id << int(ClaimCaAndRoot)
                                       << CredentialProblem::CertificateUnreadable;
    QTest::newRow("garbage key PEM")
        << pem
        << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n"
                      "-----END PRIVATE KEY-----\n")
        << id << int(ClaimCaAndRoot) << CredentialProblem::KeyUnreadable;
    QTest::newRow("truncated key PEM") << pem << key.left(key.size() / 2) << id
                                       << int(ClaimCaAndRoot) << CredentialProblem::KeyUnreadable;
    QTest::newRow("passphrase-protected key")
        << pem << TestAuthority::encryptedKeyPem(m_good) << id << int(ClaimCaAndRoot)
        << CredentialProblem::KeyUnreadable;
    QTest::newRow("RSA key") << pem << m_rsaKeyPem << id << int(ClaimCaAndRoot)
                             << CredentialProblem::KeyUnsupported;
    QTest::newRow("P-384 key") << pem << m_p384KeyPem << id << int(ClaimCaAndRoot)
                               << CredentialProblem::KeyUnsupported;
    QTest::newRow("RSA certificate")
        << m_rsaCertificate.certificate.toPem() << m_rsaCertificate.keyPem
        << m_rsaCertificate.certificate.sha256Hex() << int(ClaimCaAndRoot)
        << CredentialProblem::CertificateKeyUnsupported;
}

void TestCredentialChecker::checks()
{
    QFETCH(QByteArray, certificatePem);
    QFETCH(QByteArray, keyPem);
    QFETCH(QString, certificateId);
    QFETCH(int, policyKind);
    QFETCH(CredentialProblem, problem);

    ClaimCredentials input;
    input.certificateId = certificateId;
    input.certificatePem = certificatePem;
    input.privateKeyPem = SecretBytes(keyPem);

    const CredentialCheckResult result =
        CredentialChecker::checkNow(input, policy(policyKind), QDateTime::currentDateTimeUtc());

    QVERIFY2(result.problem == problem,
             qPrintable(CredentialCheckResult::problemName(result.problem) + QLatin1String(": ") +
                        result.message + QLatin1String(" / ") + result.detail));
    QCOMPARE(result.ok(), problem == CredentialProblem::None);
    QCOMPARE(result.message.isEmpty(), problem == CredentialProblem::None);
    // Nothing secret leaks into what is shown or logged.
    QVERIFY(!result.message.contains(QLatin1String("PRIVATE KEY")));
    QVERIFY(!result.detail.contains(QLatin1String("PRIVATE KEY")));
}

void TestCredentialChecker::problemsReadDifferently()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const CredentialPolicy full = policy(ClaimCaAndRoot);
    ClaimCredentials mismatch = credentials(m_good);
    mismatch.privateKeyPem = SecretBytes(m_second.keyPem);
    ClaimCredentials wrongId = credentials(m_good);
    wrongId.certificateId = m_second.certificate.sha256Hex();

    const QStringList messages{
        CredentialChecker::checkNow(mismatch, full, now).message,
        CredentialChecker::checkNow(wrongId, full, now).message,
        CredentialChecker::checkNow(credentials(m_expired), full, now).message,
        CredentialChecker::checkNow(credentials(m_notYetValid), full, now).message,
        CredentialChecker::checkNow(credentials(m_byOtherCa), full, now).message,
        CredentialChecker::checkNow(credentials(m_good), policy(ClaimCaAndOtherRoot), now).message,
    };
    QCOMPARE(QSet<QString>(messages.begin(), messages.end()).size(), messages.size());
}

void TestCredentialChecker::checksAsynchronously()
{
    CredentialChecker checker;
    checker.setPolicy(policy(ClaimCaAndRoot));
    QSignalSpy checked(&checker, &CredentialChecker::checked);
    ClaimCredentials mismatch = credentials(m_good);
    mismatch.privateKeyPem = SecretBytes(m_second.keyPem);

    const quint64 first = checker.check(credentials(m_good));
    const quint64 second = checker.check(mismatch);
    QVERIFY(first != second);
    QCOMPARE(checked.count(), 0); // results always arrive through the event loop
    QTRY_COMPARE(checked.count(), 2);

    QHash<quint64, CredentialProblem> problems;
    for (const QList<QVariant> &signal : checked)
        problems.insert(signal.at(0).toULongLong(),
                        signal.at(1).value<CredentialCheckResult>().problem);
    QVERIFY(problems.value(first, CredentialProblem::Expired) == CredentialProblem::None);
    QVERIFY(problems.value(second) == CredentialProblem::KeyMismatch);
}

void TestCredentialChecker::usesInjectedClock()
{
    CredentialChecker checker;
    checker.setPolicy(policy(ClaimCaAndRoot));
    QSignalSpy checked(&checker, &CredentialChecker::checked);

    checker.setClock([] { return QDateTime::currentDateTimeUtc().addDays(400); });
    checker.check(credentials(m_good));
    checker.setClock([] { return QDateTime::currentDateTimeUtc().addDays(-400); });
    checker.check(credentials(m_good));
    QTRY_COMPARE(checked.count(), 2);

    QList<CredentialProblem> seen;
    for (const QList<QVariant> &signal : checked)
        seen << signal.at(1).value<CredentialCheckResult>().problem;
    QVERIFY(seen.contains(CredentialProblem::Expired));
    QVERIFY(seen.contains(CredentialProblem::NotYetValid));
}

void TestCredentialChecker::loadsPolicy_data()
{
    QTest::addColumn<QByteArray>("claimCaContent"); // "-": no file named
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("reason");

    QTest::newRow("claim CA file") << m_claimCa.certificate.toPem() << true << QString();
    QTest::newRow("no claim CA") << QByteArray("-") << true << QString();
    QTest::newRow("garbage file") << QByteArray("hello") << false << "no readable certificate";
    QTest::newRow("missing file") << QByteArray("MISSING") << false << "Cannot read the CA file";
}

void TestCredentialChecker::loadsPolicy()
{
    QFETCH(QByteArray, claimCaContent);
    QFETCH(bool, ok);
    QFETCH(QString, reason);

    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(claimCaContent);
    file.close();
    QString name = file.fileName();
    if (claimCaContent == "-")
        name.clear();
    if (claimCaContent == "MISSING")
        name = QStringLiteral("/nonexistent/claim-ca.pem");

    CredentialPolicy loaded;
    QString error;
    QCOMPARE(CredentialPolicy::load(name, QString(), &loaded, &error), ok);

    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(loaded.checksChain(), ok && !name.isEmpty());
}

QTEST_GUILESS_MAIN(TestCredentialChecker)
#include "tst_credentialchecker.moc"
