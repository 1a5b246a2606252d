// The local stack's PKI: chains verify up to the root, the server certificate names localhost
// and 127.0.0.1, client certificates carry the right OU and key usage, keys are private files,
// and a second start reuses what the first one created.
#include "certificateauthority.h"
#include "localpki.h"
#include "statefolder.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QFile>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509v3.h>

#include <sys/stat.h>

using namespace Blackbird;
using namespace Blackbird::Local;

namespace {

Certificate readCertificate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return Certificate::fromPem(file.readAll());
}

} // namespace

class TestCertificateAuthority : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void chainsVerify_data();
    void chainsVerify();
    void leafProfiles_data();
    void leafProfiles();
    void serverNamesLocalhost();
    void keyFilesArePrivate();
    void secondStartReusesPki();
    void damagedPkiIsRefused();
    void issuesFromCsr();
    void refusesForgedCsr();
    void brokerClientsCaHoldsThreeCas();

private:
    QTemporaryDir m_dir;
    StateFolder m_folder;
    LocalPki *m_pki = nullptr;
};

void TestCertificateAuthority::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_folder = StateFolder(m_dir.path());
    QString error;
    QVERIFY2(m_folder.create(&error), qPrintable(error));
    m_pki = new LocalPki(m_folder);
    QVERIFY(!m_pki->exists());
    QVERIFY2(m_pki->ensure(&error), qPrintable(error));
    QVERIFY(m_pki->exists());
}

void TestCertificateAuthority::chainsVerify_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("issuer");
    QTest::newRow("claim CA") << m_folder.claimCaCertificate() << "Blackbird Local Root CA";
    QTest::newRow("device CA") << m_folder.deviceCaCertificate() << "Blackbird Local Root CA";
    QTest::newRow("server") << m_folder.serverCertificate() << "Blackbird Local Root CA";
    QTest::newRow("operator") << m_folder.operatorCertificate() << "Blackbird Local Root CA";
    QTest::newRow("fleet service")
        << m_folder.fleetServiceCertificate() << "Blackbird Local Root CA";
}

void TestCertificateAuthority::chainsVerify()
{
    QFETCH(QString, file);
    QFETCH(QString, issuer);

    const Certificate root = readCertificate(m_folder.rootCaCertificate());
    const Certificate cert = readCertificate(file);
    QVERIFY(!root.isNull());
    QVERIFY(!cert.isNull());
    QCOMPARE(cert.issuerCommonName(), issuer);

    QString error;
    QVERIFY2(cert.verifyChain({root}, QDateTime::currentDateTimeUtc(), &error), qPrintable(error));

    // Against a stranger's root the same certificate must not verify.
    const CertificateAuthority stranger =
        CertificateAuthority::createRoot(QStringLiteral("Blackbird Local Root CA"), 10);
    QVERIFY(!cert.verifyChain({stranger.certificate()}, QDateTime::currentDateTimeUtc(), &error));
}

void TestCertificateAuthority::leafProfiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("ou");
    QTest::addColumn<bool>("isCa");
    QTest::addColumn<quint32>("keyUsage");
    QTest::addColumn<quint32>("extendedKeyUsage");

    QTest::newRow("root CA") << m_folder.rootCaCertificate() << m_folder.rootCaKey() << "" << true
                             << quint32(KU_KEY_CERT_SIGN | KU_CRL_SIGN) << quint32(0);
    QTest::newRow("claim CA") << m_folder.claimCaCertificate() << m_folder.claimCaKey() << ""
                              << true << quint32(KU_KEY_CERT_SIGN | KU_CRL_SIGN) << quint32(0);
    QTest::newRow("server") << m_folder.serverCertificate() << m_folder.serverKey() << "server"
                            << false << quint32(KU_DIGITAL_SIGNATURE) << quint32(XKU_SSL_SERVER);
    QTest::newRow("operator") << m_folder.operatorCertificate() << m_folder.operatorKey()
                              << "operator" << false << quint32(KU_DIGITAL_SIGNATURE)
                              << quint32(XKU_SSL_CLIENT);
    QTest::newRow("fleet service")
        << m_folder.fleetServiceCertificate() << m_folder.fleetServiceKey() << "service" << false
        << quint32(KU_DIGITAL_SIGNATURE) << quint32(XKU_SSL_CLIENT);
}

void TestCertificateAuthority::leafProfiles()
{
    QFETCH(QString, file);
    QFETCH(QString, keyFile);
    QFETCH(QString, ou);
    QFETCH(bool, isCa);
    QFETCH(quint32, keyUsage);
    QFETCH(quint32, extendedKeyUsage);

    const Certificate cert = readCertificate(file);
    QVERIFY(!cert.isNull());
    QCOMPARE(cert.subjectOrganizationalUnit(), ou);
    QCOMPARE(X509_check_ca(cert.handle()) != 0, isCa);
    QCOMPARE(X509_get_key_usage(cert.handle()), keyUsage);
    if (extendedKeyUsage)
        QCOMPARE(X509_get_extended_key_usage(cert.handle()), extendedKeyUsage);

    QFile key(keyFile);
    QVERIFY(key.open(QIODevice::ReadOnly));
    const EcKey privateKey = EcKey::fromPrivatePem(key.readAll());
    QVERIFY(cert.matchesPrivateKey(privateKey));
    QVERIFY(cert.notAfter() > QDateTime::currentDateTimeUtc().addYears(1));
}

void TestCertificateAuthority::serverNamesLocalhost()
{
    const QList<QSslCertificate> server = QSslCertificate::fromPath(m_folder.serverCertificate());
    QCOMPARE(server.size(), 1);
    const auto names = server.constFirst().subjectAlternativeNames();
    QCOMPARE(names.values(QSsl::DnsEntry), QStringList{QStringLiteral("localhost")});
    QCOMPARE(names.values(QSsl::IpAddressEntry), QStringList{QStringLiteral("127.0.0.1")});
}

void TestCertificateAuthority::keyFilesArePrivate()
{
    const QString keys[] = {m_folder.rootCaKey(),   m_folder.claimCaKey(),
                            m_folder.deviceCaKey(), m_folder.serverKey(),
                            m_folder.operatorKey(), m_folder.fleetServiceKey()};
    for (const QString &key : keys) {
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(key).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
    }
}

void TestCertificateAuthority::secondStartReusesPki()
{
    const QString before = readCertificate(m_folder.claimCaCertificate()).sha256Hex();
    LocalPki again(m_folder);
    QString error;
    QVERIFY2(again.ensure(&error), qPrintable(error));
    QCOMPARE(again.claimCa().certificate().sha256Hex(), before);
    QCOMPARE(readCertificate(m_folder.claimCaCertificate()).sha256Hex(), before);
}

void TestCertificateAuthority::damagedPkiIsRefused()
{
    QTemporaryDir dir;
    StateFolder folder(dir.path());
    QString error;
    LocalPki pki(folder);
    QVERIFY2(pki.ensure(&error), qPrintable(error));

    // A claim CA key that does not belong to its certificate.
    QVERIFY(QFile::remove(folder.claimCaKey()));
    QVERIFY(QFile::copy(folder.deviceCaKey(), folder.claimCaKey()));
    LocalPki damaged(folder);
    QVERIFY(!damaged.ensure(&error));
    QVERIFY2(error.contains(QLatin1String("does not belong")), qPrintable(error));
}

void TestCertificateAuthority::issuesFromCsr()
{
    const EcKey deviceKey = EcKey::generate();
    const QByteArray csr = createCsrPem(deviceKey, QStringLiteral("device-1"));
    QString error;
    const EcKey fromCsr = CertificateAuthority::publicKeyFromCsr(csr, &error);
    QVERIFY2(!fromCsr.isNull(), qPrintable(error));
    QVERIFY(fromCsr.samePublicKey(deviceKey));

    CertificateProfile profile;
    profile.role = CertificateRole::TlsClient;
    profile.commonName = QStringLiteral("device-1");
    const Certificate cert = m_pki->deviceCa().issue(fromCsr, profile, &error);
    QVERIFY2(!cert.isNull(), qPrintable(error));
    QVERIFY(cert.matchesPrivateKey(deviceKey));
    QVERIFY(cert.verifyChain({m_pki->rootCa().certificate(), m_pki->deviceCa().certificate()},
                             QDateTime::currentDateTimeUtc(), &error));
    // The device CA's certificates do not chain to the claim CA.
    QVERIFY(!cert.verifyChain({m_pki->claimCa().certificate()}, QDateTime::currentDateTimeUtc(),
                              &error));
}

void TestCertificateAuthority::refusesForgedCsr()
{
    QString error;
    QVERIFY(CertificateAuthority::publicKeyFromCsr("not a csr", &error).isNull());
    QVERIFY(!error.isEmpty());

    // Flip a byte inside the signature: the request no longer proves possession of the key.
    QByteArray csr = createCsrPem(EcKey::generate(), QStringLiteral("device-2"));
    QByteArray der = QByteArray::fromBase64(csr.split('\n').mid(1, csr.count('\n') - 2).join());
    der[der.size() - 5] = char(der.at(der.size() - 5) ^ 0x01);
    const QByteArray forged = "-----BEGIN CERTIFICATE REQUEST-----\n" + der.toBase64() +
                              "\n-----END CERTIFICATE REQUEST-----\n";
    error.clear();
    QVERIFY(CertificateAuthority::publicKeyFromCsr(forged, &error).isNull());
    QVERIFY(!error.isEmpty());
}

void TestCertificateAuthority::brokerClientsCaHoldsThreeCas()
{
    QFile file(m_folder.brokerClientsCa());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<Certificate> cas = Certificate::listFromPem(file.readAll());
    QStringList names;
    for (const Certificate &ca : cas)
        names << ca.subjectCommonName();
    QCOMPARE(names, (QStringList{QStringLiteral("Blackbird Local Root CA"),
                                 QStringLiteral("Blackbird Local Claim CA"),
                                 QStringLiteral("Blackbird Local Device CA")}));
}

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "tst_certificateauthority.moc"
