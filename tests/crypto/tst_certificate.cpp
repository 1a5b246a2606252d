// Certificates: parsing, the certificate id, identity fields, key matching, chain checks at a
// given time, CA bundles, certificate requests, and damaged input.
#include "crypto/certificate.h"
#include "crypto/sha256.h"

#include <QTest>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

using namespace Blackbird;

namespace {

struct Issued
{
    Certificate cert;
    EcKey key;
};

// Signs a certificate for a new key; a null issuer makes it self-signed.
Issued issue(const QString &cn, const Issued *issuer, qint64 fromSecs, qint64 toSecs, bool ca,
             const QString &ou = {})
{
    Issued result;
    result.key = EcKey::generate();
    X509 *x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 0x1234);
    X509_gmtime_adj(X509_getm_notBefore(x), long(fromSecs));
    X509_gmtime_adj(X509_getm_notAfter(x), long(toSecs));
    X509_NAME *name = X509_get_subject_name(x);
    const QByteArray cnUtf8 = cn.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cnUtf8.constData()), -1, -1,
                               0);
    if (!ou.isEmpty()) {
        const QByteArray ouUtf8 = ou.toUtf8();
        X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(ouUtf8.constData()), -1,
                                   -1, 0);
    }
    X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer->cert.handle()) : name);
    X509_set_pubkey(x, result.key.handle());
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuer ? issuer->cert.handle() : x, x, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_basic_constraints,
                                              ca ? "critical,CA:TRUE" : "CA:FALSE");
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
    X509_sign(x, issuer ? issuer->key.handle() : result.key.handle(), EVP_sha256());
    result.cert = Certificate::adopt(x);
    return result;
}

constexpr qint64 Day = 24 * 3600;

} // namespace

class TestCertificate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pemAndDerRoundTrip();
    void certificateIdIsSha256OfDer();
    void identityFields();
    void matchesOnlyItsKey();
    void chainVerifies();
    void chainRefusals_data();
    void chainRefusals();
    void readsBundles();
    void refusesDamagedInput_data();
    void refusesDamagedInput();
    void createsRequests();

private:
    Issued m_root;
    Issued m_claimCa;
    Issued m_claim;
};

void TestCertificate::initTestCase()
{
    m_root = issue(QStringLiteral("Test Root CA"), nullptr, -Day, 3650 * Day, true);
    m_claimCa = issue(QStringLiteral("Test Claim CA"), &m_root, -Day, 1825 * Day, true);
    m_claim = issue(QStringLiteral("claim-0001"), &m_claimCa, -Day, 365 * Day, false,
                    QStringLiteral("claim"));
    QVERIFY(!m_claim.cert.isNull());
}

void TestCertificate::pemAndDerRoundTrip()
{
    const QByteArray pem = m_claim.cert.toPem();
    QVERIFY(pem.startsWith("-----BEGIN CERTIFICATE-----"));
    const Certificate fromPem = Certificate::fromPem(pem);
    QCOMPARE(fromPem.toDer(), m_claim.cert.toDer());
    const Certificate fromDer = Certificate::fromDer(m_claim.cert.toDer());
    QCOMPARE(fromDer.toPem(), pem);
}

void TestCertificate::certificateIdIsSha256OfDer()
{
    const QString id = m_claim.cert.sha256Hex();
    QCOMPARE(id.size(), 64);
    QCOMPARE(id, id.toLower());
    QCOMPARE(id.toLatin1(), sha256Hex(m_claim.cert.toDer()));
    QVERIFY(id != m_claimCa.cert.sha256Hex());
}

void TestCertificate::identityFields()
{
    QCOMPARE(m_claim.cert.subjectCommonName(), QStringLiteral("claim-0001"));
    QCOMPARE(m_claim.cert.subjectOrganizationalUnit(), QStringLiteral("claim"));
    QCOMPARE(m_claim.cert.issuerCommonName(), QStringLiteral("Test Claim CA"));
    QCOMPARE(m_claim.cert.serialNumberHex(), QStringLiteral("1234"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(m_claim.cert.notBefore().secsTo(now.addSecs(-Day))) < 60);
    QVERIFY(qAbs(m_claim.cert.notAfter().secsTo(now.addSecs(365 * Day))) < 60);
    QVERIFY(m_claim.cert.publicKey().samePublicKey(m_claim.key));
    QCOMPARE(Certificate().subjectCommonName(), QString());
}

void TestCertificate::matchesOnlyItsKey()
{
    QVERIFY(m_claim.cert.matchesPrivateKey(m_claim.key));
    QVERIFY(!m_claim.cert.matchesPrivateKey(m_claimCa.key));
    QVERIFY(!m_claim.cert.matchesPrivateKey(EcKey::generate()));
    QVERIFY(!m_claim.cert.matchesPrivateKey(m_claim.cert.publicKey()));
    QVERIFY(!Certificate().matchesPrivateKey(m_claim.key));
}

void TestCertificate::chainVerifies()
{
    QString error;
    QVERIFY2(m_claim.cert.verifyChain({m_root.cert, m_claimCa.cert},
                                      QDateTime::currentDateTimeUtc(), &error),
             qPrintable(error));
}

void TestCertificate::chainRefusals_data()
{
    QTest::addColumn<int>("scenario");
    QTest::addColumn<QString>("reason");
    QTest::newRow("other root") << 0 << "unable to get local issuer";
    QTest::newRow("missing intermediate") << 1 << "unable to get local issuer";
    QTest::newRow("expired at that time") << 2 << "expired";
    QTest::newRow("not yet valid at that time") << 3 << "not yet valid";
}

void TestCertificate::chainRefusals()
{
    QFETCH(int, scenario);
    QFETCH(QString, reason);

    const Issued otherRoot = issue(QStringLiteral("Other Root"), nullptr, -Day, Day, true);
    QList<Certificate> trusted{m_root.cert, m_claimCa.cert};
    QDateTime at = QDateTime::currentDateTimeUtc();
    if (scenario == 0)
        trusted = {otherRoot.cert};
    else if (scenario == 1)
        trusted = {m_root.cert};
    else if (scenario == 2)
        at = at.addSecs(400 * Day);
    else
        at = at.addSecs(-2 * Day);

    QString error;
    QVERIFY(!m_claim.cert.verifyChain(trusted, at, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestCertificate::readsBundles()
{
    const QByteArray bundle = m_root.cert.toPem() + "\n" + m_claimCa.cert.toPem();
    QString error;
    const QList<Certificate> list = Certificate::listFromPem(bundle, &error);
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).subjectCommonName(), QStringLiteral("Test Claim CA"));

    QVERIFY(Certificate::listFromPem("no certificates here", &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestCertificate::refusesDamagedInput_data()
{
    QTest::addColumn<QByteArray>("pem");
    const QByteArray good = m_claim.cert.toPem();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("text") << QByteArray("hello");
    QTest::newRow("truncated") << good.left(good.size() / 2);
    QByteArray damaged = good;
    damaged[80] = damaged.at(80) == 'A' ? 'B' : 'A';
    QTest::newRow("one character changed") << damaged;
    QTest::newRow("private key instead")
        << QByteArray(m_claim.key.privatePem().view().toByteArray());
}

void TestCertificate::refusesDamagedInput()
{
    QFETCH(QByteArray, pem);
    QString error;
    const Certificate cert = Certificate::fromPem(pem, &error);
    // A changed character may still decode; then it must at least no longer be the same
    // certificate, and its signature no longer verifies.
    if (!cert.isNull()) {
        QVERIFY(cert.sha256Hex() != m_claim.cert.sha256Hex());
        QVERIFY(!cert.verifyChain({m_root.cert, m_claimCa.cert}, QDateTime::currentDateTimeUtc()));
        return;
    }
    QVERIFY(!error.isEmpty());
}

void TestCertificate::createsRequests()
{
    const EcKey key = EcKey::generate();
    QString error;
    const QByteArray csr = createCsrPem(key, QStringLiteral("device-\u00e9"), &error);
    QVERIFY2(csr.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), qPrintable(error));

    BIO *bio = BIO_new_mem_buf(csr.constData(), int(csr.size()));
    X509_REQ *request = PEM_read_bio_X509_REQ(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    QVERIFY(request);
    QCOMPARE(X509_REQ_verify(request, key.handle()), 1);
    X509_REQ_free(request);

    QVERIFY(
        createCsrPem(EcKey::fromPublicDer(key.publicDer()), QStringLiteral("x"), &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("private key")));
}

QTEST_GUILESS_MAIN(TestCertificate)
#include "tst_certificate.moc"
