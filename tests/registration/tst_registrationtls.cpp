// The registration client refuses a service it cannot trust, each way TLS can be wrong: a
// certificate from another CA, an expired certificate, a certificate for another host name (and
// for another IP address). A control row with a good certificate proves the rig reaches the
// server. The server is a scripted HTTPS server on loopback with certificates made by the test
// (TestPki); nothing is retried and no request body reaches the server.
#include "scriptedhttpsserver.h"
#include "testpki.h"

#include "crypto/eckey.h"
#include "registration/registrationclient.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Blackbird;
using namespace Blackbird::Test;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestRegistrationTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void refusesUntrustedService_data();
    void refusesUntrustedService();

private:
    QTemporaryDir m_dir;
    IssuedCertificate m_root;
    QString m_caFile;
};

void TestRegistrationTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_root = TestPki::createRoot(QStringLiteral("Registration Test Root"));
    m_caFile = m_dir.filePath(QStringLiteral("ca.pem"));
    QVERIFY(writeFile(m_caFile, m_root.certificatePem()));
}

void TestRegistrationTls::refusesUntrustedService_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("otherCa");
    QTest::addColumn<QStringList>("dns");
    QTest::addColumn<QStringList>("ips");
    QTest::addColumn<qint64>("notAfter");
    QTest::addColumn<QString>("reasonPart"); // empty: the connection is trusted

    const QStringList localhost{QStringLiteral("localhost")};
    const QStringList loopback{QStringLiteral("127.0.0.1")};
    const QStringList other{QStringLiteral("registration.example")};
    QTest::newRow("control: good certificate")
        << "127.0.0.1" << false << localhost << loopback << qint64(3600) << QString();
    QTest::newRow("wrong CA") << "127.0.0.1" << true << localhost << loopback << qint64(3600)
                              << "issuer certificate";
    QTest::newRow("expired server certificate")
        << "127.0.0.1" << false << localhost << loopback << qint64(-3600) << "expired";
    QTest::newRow("host name mismatch") << "localhost" << false << other << QStringList()
                                        << qint64(3600) << "host name did not match";
    QTest::newRow("IP address mismatch") << "127.0.0.1" << false << other << QStringList()
                                         << qint64(3600) << "host name did not match";
}

void TestRegistrationTls::refusesUntrustedService()
{
    QFETCH(QString, host);
    QFETCH(bool, otherCa);
    QFETCH(QStringList, dns);
    QFETCH(QStringList, ips);
    QFETCH(qint64, notAfter);
    QFETCH(QString, reasonPart);

    const IssuedCertificate issuer =
        otherCa ? TestPki::createRoot(QStringLiteral("Some Other CA")) : m_root;
    CertificateRequest request;
    request.commonName = QStringLiteral("registration-service");
    request.server = true;
    request.dnsNames = dns;
    request.ipAddresses = ips;
    request.notAfterOffset = notAfter;
    if (notAfter < 0)
        request.notBeforeOffset = notAfter - 3600 * 24;
    const IssuedCertificate server = TestPki::issue(issuer, request);
    const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-');
    const QString certFile = m_dir.filePath(tag + QStringLiteral(".pem"));
    const QString keyFile = m_dir.filePath(tag + QStringLiteral(".key"));
    QVERIFY(writeFile(certFile, server.certificatePem()));
    QVERIFY(writeFile(keyFile, server.keyPem()));

    ScriptedHttpsServer https;
    https.setScript({ScriptedReply{400, R"({"error":"bad_request","message":"scripted"})", {}}});
    QString error;
    QVERIFY2(https.start(certFile, keyFile, &error), qPrintable(error));

    RegistrationConfig config;
    config.baseUrl = QUrl(QStringLiteral("https://%1:%2").arg(host).arg(https.serverPort()));
    config.caFile = m_caFile;
    config.timeoutMs = 10000;
    config.retry.maxAttempts = 3;
    config.retry.baseDelayMs = 20;
    config.retry.maxDelayMs = 40;
    RegistrationClient client;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    RegistrationRequest device;
    device.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    device.publicKeyBase64 = QString::fromLatin1(EcKey::generate().publicBase64());
    device.deviceType = QStringLiteral("blackbird-sensor-v1");
    RegistrationReply *reply =
        client.registerDevice(device, SecretBytes(QByteArrayLiteral("test-api-key")));
    QSignalSpy finished(reply, &RegistrationReply::finished);
    QVERIFY(finished.wait(20000));
    const RegistrationResult &result = reply->result();

    if (reasonPart.isEmpty()) {
        // The rig works: the trusted server was reached and its answer read.
        QCOMPARE(result.httpStatus, 400);
        QVERIFY(result.error != RegistrationError::Tls);
        QCOMPARE(https.received().size(), 1);
        return;
    }
    QCOMPARE(result.error, RegistrationError::Tls);
    QCOMPARE(result.httpStatus, 0);
    QCOMPARE(result.attempts, 1); // a trust problem is not retried
    QVERIFY2(result.message.contains(QLatin1String("not trusted")), qPrintable(result.message));
    QVERIFY2(result.message.contains(reasonPart, Qt::CaseInsensitive), qPrintable(result.message));
    QVERIFY(https.received().isEmpty()); // not a byte of the request reached the server
    QVERIFY(reply->takeCredentials().isEmpty());
}

QTEST_GUILESS_MAIN(TestRegistrationTls)
#include "tst_registrationtls.moc"
