// The Mosquitto broker that blackbird-local runs: a TLS client with a certificate from the
// stack's CAs is accepted (MQTT CONNACK 0), clients without one or with a foreign one are not,
// a client trusting another CA refuses the broker, TLS 1.1 is refused by the broker and the
// HTTPS service, and a dying broker takes the stack down with a message instead of leaving it
// half alive.
#include "certificateauthority.h"
#include "stackprocess.h"

#include "crypto/eckey.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Blackbird;

namespace {

// MQTT 3.1.1 CONNECT with a clean session and the given client id.
QByteArray connectPacket(const QByteArray &clientId)
{
    QByteArray variable("\x00\x04MQTT\x04\x02\x00\x3c", 10);
    QByteArray payload;
    payload.append(char(clientId.size() >> 8)).append(char(clientId.size() & 0xff));
    payload.append(clientId);
    const QByteArray body = variable + payload;
    return QByteArray(1, char(0x10)) + char(body.size()) + body;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestStackBroker : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clientCertificates_data();
    void clientCertificates();
    void foreignTrustRefusesBroker();
    void refusesOldTls_data();
    void refusesOldTls();
    void brokerDeathStopsStack();

private:
    std::unique_ptr<QSslSocket> connectClient(const QList<QSslCertificate> &trust,
                                              const QString &certificateFile,
                                              const QString &keyFile);

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    QJsonObject m_endpoints;
    QString m_pki;
};

void TestStackBroker::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(m_stack->start({}, &error), qPrintable(error));
    m_endpoints = m_stack->endpoints();
    m_pki = m_stack->stateDir() + QStringLiteral("/pki/");

    // A client certificate from a CA the broker has never heard of.
    const auto stranger =
        Local::CertificateAuthority::createRoot(QStringLiteral("Stranger Root"), 30);
    const EcKey key = EcKey::generate();
    Local::CertificateProfile profile;
    profile.commonName = QStringLiteral("stranger");
    profile.organizationalUnit = QStringLiteral("operator");
    const Certificate cert = stranger.issue(key, profile);
    QFile certFile(m_dir.filePath(QStringLiteral("stranger.pem")));
    QFile keyFile(m_dir.filePath(QStringLiteral("stranger.key")));
    QVERIFY(certFile.open(QIODevice::WriteOnly) && keyFile.open(QIODevice::WriteOnly));
    certFile.write(cert.toPem());
    const SecretBytes keyPem = key.privatePem();
    keyFile.write(keyPem.constData(), keyPem.size());
    QFile rootFile(m_dir.filePath(QStringLiteral("stranger-root.pem")));
    QVERIFY(rootFile.open(QIODevice::WriteOnly));
    rootFile.write(stranger.certificate().toPem());
}

void TestStackBroker::cleanupTestCase()
{
    if (m_stack)
        QCOMPARE(m_stack->stop(), 0);
}

std::unique_ptr<QSslSocket> TestStackBroker::connectClient(const QList<QSslCertificate> &trust,
                                                           const QString &certificateFile,
                                                           const QString &keyFile)
{
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(trust);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!certificateFile.isEmpty()) {
        tls.setLocalCertificate(QSslCertificate::fromPath(certificateFile).value(0));
        tls.setPrivateKey(QSslKey(readFile(keyFile), QSsl::Ec));
    }
    socket->setSslConfiguration(tls);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"),
                                   quint16(m_endpoints.value(QLatin1String("mqtt_port")).toInt()));
    return socket;
}

void TestStackBroker::clientCertificates_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("operator") << "operator.pem"
                              << "operator.key" << true;
    QTest::newRow("fleet service") << "fleet-service.pem"
                                   << "fleet-service.key" << true;
    QTest::newRow("no certificate") << ""
                                    << "" << false;
    QTest::newRow("foreign CA") << "stranger.pem"
                                << "stranger.key" << false;
}

void TestStackBroker::clientCertificates()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(bool, accepted);

    const bool foreign = certificate.startsWith(QLatin1String("stranger"));
    const QString folder = foreign ? m_dir.path() + QLatin1Char('/') : m_pki;
    auto socket = connectClient(QSslCertificate::fromPath(m_pki + QStringLiteral("root-ca.pem")),
                                certificate.isEmpty() ? QString() : folder + certificate,
                                key.isEmpty() ? QString() : folder + key);

    // Our side always trusts the broker: any failure is the broker refusing the client.
    QSignalSpy encrypted(socket.get(), &QSslSocket::encrypted);
    QSignalSpy closed(socket.get(), &QAbstractSocket::disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(encrypted.size() == 1 || closed.size() == 1 ||
                                 socket->state() == QAbstractSocket::UnconnectedState,
                             10000);
    if (encrypted.size() == 1)
        socket->write(connectPacket("stack-broker-test"));

    if (accepted) {
        QCOMPARE(encrypted.size(), 1);
        QVERIFY(socket->sessionProtocol() == QSsl::TlsV1_2 ||
                socket->sessionProtocol() == QSsl::TlsV1_3);
        QTRY_VERIFY_WITH_TIMEOUT(socket->bytesAvailable() >= 4, 10000);
        QCOMPARE(socket->read(4).toHex(), QByteArray("20020000"));
        socket->disconnectFromHost();
        return;
    }

    // A TLS 1.3 server may finish the handshake before it checks the client's certificate;
    // then it closes the connection instead of answering CONNECT.
    QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::UnconnectedState, 10000);
    const QByteArray answer = socket->readAll();
    QVERIFY2(!answer.startsWith(QByteArray::fromHex("20020000")), answer.toHex().constData());
}

void TestStackBroker::foreignTrustRefusesBroker()
{
    auto socket = connectClient(
        QSslCertificate::fromPath(m_dir.filePath(QStringLiteral("stranger-root.pem"))),
        m_pki + QStringLiteral("operator.pem"), m_pki + QStringLiteral("operator.key"));
    QSignalSpy sslErrors(socket.get(), &QSslSocket::sslErrors);
    QSignalSpy encrypted(socket.get(), &QSslSocket::encrypted);
    QTRY_VERIFY_WITH_TIMEOUT(sslErrors.size() == 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(encrypted.size(), 0);
}

void TestStackBroker::refusesOldTls_data()
{
    QTest::addColumn<QString>("service");
    QTest::newRow("broker") << "mqtt";
    QTest::newRow("registration service") << "https";
}

void TestStackBroker::refusesOldTls()
{
    QFETCH(QString, service);

    const int port =
        service == QLatin1String("mqtt")
            ? m_endpoints.value(QLatin1String("mqtt_port")).toInt()
            : QUrl(m_endpoints.value(QLatin1String("registration_url")).toString()).port();

    // The client is allowed TLS 1.1 (security level 0), so a refusal can only come from the
    // server, as a "protocol version" alert.
    QProcess client;
    client.start(QStringLiteral("openssl"),
                 {QStringLiteral("s_client"), QStringLiteral("-connect"),
                  QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-tls1_1"),
                  QStringLiteral("-cipher"), QStringLiteral("DEFAULT@SECLEVEL=0")});
    QVERIFY(client.waitForStarted());
    client.closeWriteChannel();
    QVERIFY(client.waitForFinished(10000));
    const QString output =
        QString::fromUtf8(client.readAllStandardOutput() + client.readAllStandardError());
    QVERIFY2(output.contains(QLatin1String("alert protocol version")), qPrintable(output));
    QVERIFY(client.exitCode() != 0);
}

void TestStackBroker::brokerDeathStopsStack()
{
    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));
    const QList<qint64> children = stack.childPids();
    QCOMPARE(children.size(), 1);

    QSignalSpy finished(&stack.process(), &QProcess::finished);
    QCOMPARE(::kill(pid_t(children.constFirst()), SIGKILL), 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(stack.process().exitCode(), 1);
    const QString output = QString::fromUtf8(stack.process().readAllStandardError());
    QVERIFY2(output.contains(QLatin1String("mosquitto exited")), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestStackBroker)
#include "tst_stackbroker.moc"
