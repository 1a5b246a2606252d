// Tests MqttClient against a real Mosquitto broker on 127.0.0.1 with a throwaway PKI: TLS with
// client certificates, the refusals a station can meet, reconnecting and teardown.
#include "mosquittobroker.h"
#include "mqtt/mqttclient.h"
#include "testpki.h"

#include "crypto/opensslhandles.h"

#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/pem.h>

#include <memory>

using namespace Blackbird;
using namespace Blackbird::Test;

class TestMqttClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void roundTrip_data();
    void roundTrip();
    void connectsByHostName();
    void refusesBroker_data();
    void refusesBroker();
    void refusesTls11OnlyServer();
    void brokerRefusesUnknownClientCertificate();
    void rejectsBadCredentials_data();
    void rejectsBadCredentials();
    void reportsUnreachableBroker();
    void reportsSilentServer();
    void publishWithoutConnectionFails();
    void subscriptionRefusedForBadFilter();
    void reconnectsAfterBrokerRestart();
    void backoffGrowsWithoutJitter();
    void jitterStaysWithinBounds();
    void disconnectOnRequest();
    void teardownWhileConnected();
    void teardownWhileConnecting();

private:
    std::unique_ptr<MqttClient> makeClient(const QString &id, const QString &host = {},
                                           const IssuedCertificate *clientCert = nullptr,
                                           const QByteArray &caPem = {});
    bool startBroker(MosquittoBroker &broker, const IssuedCertificate &server);
    IssuedCertificate serverCertificate(const QStringList &dns, const QStringList &ips,
                                        qint64 notAfterOffset = 3600 * 24);

    IssuedCertificate m_root;
    IssuedCertificate m_client;
    IssuedCertificate m_server;
    MosquittoBroker m_broker;
};

void TestMqttClient::initTestCase()
{
    if (MosquittoBroker::executable().isEmpty())
        QSKIP("mosquitto is not installed: apt-get install mosquitto (scripts/install-deps.sh)");

    m_root = TestPki::createRoot(QStringLiteral("Test Root CA"));
    CertificateRequest client;
    client.commonName = QStringLiteral("test-client");
    m_client = TestPki::issue(m_root, client);
    m_server = serverCertificate({QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")});
    QVERIFY(startBroker(m_broker, m_server));
}

IssuedCertificate TestMqttClient::serverCertificate(const QStringList &dns, const QStringList &ips,
                                                    qint64 notAfterOffset)
{
    CertificateRequest request;
    request.commonName = QStringLiteral("test-broker");
    request.server = true;
    request.dnsNames = dns;
    request.ipAddresses = ips;
    request.notAfterOffset = notAfterOffset;
    if (notAfterOffset < 0)
        request.notBeforeOffset = notAfterOffset - 3600 * 24;
    return TestPki::issue(m_root, request);
}

bool TestMqttClient::startBroker(MosquittoBroker &broker, const IssuedCertificate &server)
{
    BrokerTls tls;
    tls.clientCaPem = m_root.certificatePem();
    tls.serverChainPem = server.certificatePem();
    tls.serverKeyPem = server.keyPem();
    QString error;
    const bool started = broker.start(tls, &error);
    if (!started)
        qWarning().noquote() << error;
    return started;
}

std::unique_ptr<MqttClient> TestMqttClient::makeClient(const QString &id, const QString &host,
                                                       const IssuedCertificate *clientCert,
                                                       const QByteArray &caPem)
{
    auto client = std::make_unique<MqttClient>();
    client->setBroker(host.isEmpty() ? QStringLiteral("127.0.0.1") : host, m_broker.port());
    client->setClientId(id);
    client->setConnectTimeout(5000);
    MqttReconnectPolicy noRetry;
    noRetry.enabled = false;
    client->setReconnectPolicy(noRetry);

    const IssuedCertificate &cert = clientCert ? *clientCert : m_client;
    QString error;
    const bool ok = client->setTlsCredentials(caPem.isEmpty() ? m_root.certificatePem() : caPem,
                                              cert.certificatePem(), cert.key, &error);
    if (!ok)
        qWarning().noquote() << "setTlsCredentials:" << error;
    return client;
}

void TestMqttClient::roundTrip_data()
{
    QTest::addColumn<int>("qos");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("qos0 text") << 0 << QByteArray("{\"hello\":1}");
    QTest::newRow("qos1 empty") << 1 << QByteArray();
    QTest::newRow("qos1 binary") << 1 << QByteArray("\x00\xff\xc0\xb1 binary", 12);
    QTest::newRow("qos2 large") << 2 << QByteArray(200 * 1024, 'x');
}

void TestMqttClient::roundTrip()
{
    QFETCH(int, qos);
    QFETCH(QByteArray, payload);

    auto client = makeClient(QStringLiteral("roundtrip"));
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy subscribedSpy(client.get(), &MqttClient::subscribed);
    QSignalSpy messageSpy(client.get(), &MqttClient::messageReceived);
    QSignalSpy publishedSpy(client.get(), &MqttClient::published);
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);

    // Subscribing before the connection exists is remembered and sent on connect.
    QCOMPARE(client->subscribe(QStringLiteral("test/roundtrip/#"), qos), 0);
    client->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 5000);
    QCOMPARE(client->state(), MqttClient::State::Connected);
    QTRY_COMPARE(subscribedSpy.count(), 1);
    QCOMPARE(subscribedSpy.at(0).at(0).toString(), QStringLiteral("test/roundtrip/#"));
    QCOMPARE(subscribedSpy.at(0).at(1).toInt(), qos);

    QString error;
    const int mid =
        client->publish(QStringLiteral("test/roundtrip/a"), payload, qos, false, &error);
    QVERIFY2(mid > 0, qPrintable(error));
    QTRY_COMPARE(messageSpy.count(), 1);
    QCOMPARE(messageSpy.at(0).at(0).toString(), QStringLiteral("test/roundtrip/a"));
    QCOMPARE(messageSpy.at(0).at(1).toByteArray(), payload);
    QTRY_VERIFY(publishedSpy.contains(QVariantList{mid}));
    QCOMPARE(errorSpy.count(), 0);
}

void TestMqttClient::connectsByHostName()
{
    auto client = makeClient(QStringLiteral("by-name"), QStringLiteral("localhost"));
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);

    client->connectToBroker();

    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 5000);
    QCOMPARE(errorSpy.count(), 0);
}

void TestMqttClient::refusesBroker_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("otherCa");
    QTest::addColumn<QStringList>("serverDns");
    QTest::addColumn<qint64>("serverNotAfter");
    QTest::addColumn<QString>("reasonPart");

    const QStringList localNames{QStringLiteral("localhost")};
    QTest::newRow("wrong CA") << QStringLiteral("127.0.0.1") << true << localNames << qint64(3600)
                              << QStringLiteral("not issued by the configured");
    QTest::newRow("IP address mismatch")
        << QStringLiteral("127.0.0.1") << false << QStringList{QStringLiteral("broker.example")}
        << qint64(3600) << QStringLiteral("does not name the IP address");
    QTest::newRow("host name mismatch")
        << QStringLiteral("localhost") << false << QStringList{QStringLiteral("broker.example")}
        << qint64(3600) << QStringLiteral("does not name the host");
    QTest::newRow("expired server certificate")
        << QStringLiteral("127.0.0.1") << false << localNames << qint64(-3600)
        << QStringLiteral("has expired");
}

void TestMqttClient::refusesBroker()
{
    QFETCH(QString, host);
    QFETCH(bool, otherCa);
    QFETCH(QStringList, serverDns);
    QFETCH(qint64, serverNotAfter);
    QFETCH(QString, reasonPart);

    // Only the rows about the broker's name leave the IP address out of its certificate.
    const QStringList ips = serverDns == QStringList{QStringLiteral("localhost")}
                                ? QStringList{QStringLiteral("127.0.0.1")}
                                : QStringList();
    MosquittoBroker broker;
    QVERIFY(startBroker(broker, serverCertificate(serverDns, ips, serverNotAfter)));

    const QByteArray ca =
        otherCa ? TestPki::createRoot(QStringLiteral("Other CA")).certificatePem() : QByteArray();
    auto client = makeClient(QStringLiteral("refused"), host, nullptr, ca);
    client->setBroker(host, broker.port());
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);
    QSignalSpy stateSpy(client.get(), &MqttClient::stateChanged);

    client->connectToBroker();

    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 5000);
    const QString reason = errorSpy.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("TLS")), qPrintable(reason));
    QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
    QCOMPARE(client->lastError(), reason);
    QTRY_COMPARE(client->state(), MqttClient::State::Disconnected);
    QCOMPARE(connectedSpy.count(), 0);
}

void TestMqttClient::refusesTls11OnlyServer()
{
    // Mosquitto 2.0 can only raise the minimum TLS version, never cap the maximum, so a server
    // that speaks nothing newer than TLS 1.1 is OpenSSL's own test server.
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("the openssl command is not installed: apt-get install openssl");

    QTemporaryDir dir;
    const IssuedCertificate server = serverCertificate({}, {QStringLiteral("127.0.0.1")});
    QFile certFile(dir.filePath("server.pem"));
    QVERIFY(certFile.open(QIODevice::WriteOnly));
    certFile.write(server.certificatePem());
    certFile.close();
    QFile keyFile(dir.filePath("server.key"));
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.write(server.keyPem());
    keyFile.close();

    const quint16 port = MosquittoBroker::freePort();
    QProcess sServer;
    sServer.setProcessChannelMode(QProcess::MergedChannels);
    sServer.start(openssl, {QStringLiteral("s_server"), QStringLiteral("-accept"),
                            QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-tls1_1"),
                            QStringLiteral("-cipher"), QStringLiteral("DEFAULT@SECLEVEL=0"),
                            QStringLiteral("-cert"), certFile.fileName(), QStringLiteral("-key"),
                            keyFile.fileName(), QStringLiteral("-naccept"), QStringLiteral("1")});
    QVERIFY(sServer.waitForStarted());
    QByteArray banner;
    while (!banner.contains("ACCEPT") && sServer.waitForReadyRead(5000))
        banner += sServer.readAll();
    QVERIFY2(banner.contains("ACCEPT"), banner.constData());

    auto client = makeClient(QStringLiteral("tls11"));
    client->setBroker(QStringLiteral("127.0.0.1"), port);
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);

    client->connectToBroker();

    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 5000);
    const QString reason = errorSpy.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("TLS 1.2 or newer")), qPrintable(reason));
    QCOMPARE(connectedSpy.count(), 0);
    sServer.kill();
    sServer.waitForFinished();
}

void TestMqttClient::brokerRefusesUnknownClientCertificate()
{
    const IssuedCertificate strangerCa = TestPki::createRoot(QStringLiteral("Stranger CA"));
    CertificateRequest request;
    request.commonName = QStringLiteral("stranger");
    const IssuedCertificate stranger = TestPki::issue(strangerCa, request);

    auto client = makeClient(QStringLiteral("stranger"), {}, &stranger);
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);

    client->connectToBroker();

    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 5000);
    const QString reason = errorSpy.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("refused this client's certificate")),
             qPrintable(reason));
    QTRY_VERIFY(m_broker.log().contains("certificate"));
    QCOMPARE(connectedSpy.count(), 0);
}

void TestMqttClient::rejectsBadCredentials_data()
{
    QTest::addColumn<QByteArray>("ca");
    QTest::addColumn<QByteArray>("cert");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("reasonPart");

    const QByteArray ca = m_root.certificatePem();
    const QByteArray cert = m_client.certificatePem();
    const QByteArray key = m_client.keyPem();
    const QByteArray otherKey = TestPki::createRoot(QStringLiteral("x")).keyPem();

    QTest::newRow("empty CA") << QByteArray() << cert << key << QStringLiteral("CA file");
    QTest::newRow("garbage CA") << QByteArray("not a pem") << cert << key
                                << QStringLiteral("CA file");
    QTest::newRow("empty certificate")
        << ca << QByteArray() << key << QStringLiteral("client certificate");
    QTest::newRow("key as certificate") << ca << key << key << QStringLiteral("client certificate");
    QTest::newRow("garbage key") << ca << cert << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA")
                                 << QStringLiteral("private key");
    QTest::newRow("certificate as key") << ca << cert << cert << QStringLiteral("private key");
    QTest::newRow("key of another certificate")
        << ca << cert << otherKey << QStringLiteral("does not belong");

    // An encrypted key must be refused rather than prompt for a pass phrase.
    Ssl::BioPtr bio(BIO_new(BIO_s_mem()));
    const char pass[] = "secret";
    PEM_write_bio_PKCS8PrivateKey(bio.get(), m_client.key.handle(), EVP_aes_128_cbc(), pass,
                                  int(sizeof pass - 1), nullptr, nullptr);
    QTest::newRow("encrypted key")
        << ca << cert << Ssl::bioBytes(bio.get()) << QStringLiteral("unencrypted");
}

void TestMqttClient::rejectsBadCredentials()
{
    QFETCH(QByteArray, ca);
    QFETCH(QByteArray, cert);
    QFETCH(QByteArray, key);
    QFETCH(QString, reasonPart);

    MqttClient client;
    QString error;

    QVERIFY(!client.setTlsCredentials(ca, cert, key, &error));

    QVERIFY2(error.contains(reasonPart), qPrintable(error));

    // Without credentials the client refuses to connect at all, with a reason.
    QSignalSpy errorSpy(&client, &MqttClient::errorOccurred);
    client.connectToBroker();
    QTRY_COMPARE(errorSpy.count(), 1);
    QVERIFY(errorSpy.at(0).at(0).toString().contains(QStringLiteral("TLS credentials")));
    QCOMPARE(client.state(), MqttClient::State::Disconnected);
}

void TestMqttClient::reportsUnreachableBroker()
{
    auto client = makeClient(QStringLiteral("unreachable"));
    client->setBroker(QStringLiteral("127.0.0.1"), MosquittoBroker::freePort());
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);

    client->connectToBroker();

    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 5000);
    const QString reason = errorSpy.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("Could not reach the broker")), qPrintable(reason));
    QVERIFY2(reason.contains(QStringLiteral("refused")), qPrintable(reason));
    QTRY_COMPARE(client->state(), MqttClient::State::Disconnected);
}

void TestMqttClient::reportsSilentServer()
{
    // A server that accepts TCP and never says a word: the attempt must end on its timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    auto client = makeClient(QStringLiteral("silent"));
    client->setBroker(QStringLiteral("127.0.0.1"), silent.serverPort());
    client->setConnectTimeout(300);
    QSignalSpy errorSpy(client.get(), &MqttClient::errorOccurred);

    client->connectToBroker();

    QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 1, 5000);
    const QString reason = errorSpy.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("No answer")), qPrintable(reason));
    QTRY_COMPARE(client->state(), MqttClient::State::Disconnected);
}

void TestMqttClient::publishWithoutConnectionFails()
{
    auto client = makeClient(QStringLiteral("idle"));
    QString error;

    QCOMPARE(client->publish(QStringLiteral("test/x"), "payload", 1, false, &error), -1);

    QVERIFY2(error.contains(QStringLiteral("not connected")), qPrintable(error));
    QCOMPARE(client->subscribe(QString(), 1, &error), -1);
    QVERIFY(error.contains(QStringLiteral("topic filter")));
    QCOMPARE(client->subscribe(QStringLiteral("a/b"), 3, &error), -1);
    QVERIFY(error.contains(QStringLiteral("QoS")));
}

void TestMqttClient::subscriptionRefusedForBadFilter()
{
    auto client = makeClient(QStringLiteral("badfilter"));
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    client->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 5000);
    QString error;

    // A '#' that is not the last level is malformed; libmosquitto refuses it before sending.
    QCOMPARE(client->subscribe(QStringLiteral("a/#/b"), 1, &error), -1);

    QVERIFY2(error.contains(QStringLiteral("a/#/b")), qPrintable(error));
    QCOMPARE(client->publish(QStringLiteral("a/+/b"), "x", 1, false, &error), -1);
    QVERIFY2(error.contains(QStringLiteral("a/+/b")), qPrintable(error));
}

void TestMqttClient::reconnectsAfterBrokerRestart()
{
    MosquittoBroker broker;
    QVERIFY(startBroker(broker, m_server));
    auto client = makeClient(QStringLiteral("reconnector"));
    client->setBroker(QStringLiteral("127.0.0.1"), broker.port());
    MqttReconnectPolicy policy;
    policy.initialDelayMs = 50;
    policy.maxDelayMs = 400;
    client->setReconnectPolicy(policy);
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy disconnectedSpy(client.get(), &MqttClient::disconnected);
    QSignalSpy subscribedSpy(client.get(), &MqttClient::subscribed);
    QSignalSpy messageSpy(client.get(), &MqttClient::messageReceived);
    QSignalSpy retrySpy(client.get(), &MqttClient::reconnectScheduled);
    client->subscribe(QStringLiteral("test/restart"), 1);
    client->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(subscribedSpy.count(), 1, 5000);

    QString error;
    QVERIFY2(broker.restart(&error), qPrintable(error));

    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.count(), 1, 5000);
    QVERIFY(!disconnectedSpy.at(0).at(0).toString().contains(QStringLiteral("on request")));
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 2, 10000);
    QVERIFY(retrySpy.count() >= 1);
    // After a connection that was up, backoff starts again from the initial delay.
    QCOMPARE(retrySpy.at(0).at(0).toInt(), 1);
    QVERIFY(retrySpy.at(0).at(1).toInt() <= policy.initialDelayMs * (1.0 + policy.jitter) + 1);
    // The remembered subscription is renewed on the new connection.
    QTRY_COMPARE(subscribedSpy.count(), 2);
    QVERIFY(client->publish(QStringLiteral("test/restart"), "after", 1, false, &error) > 0);
    QTRY_COMPARE(messageSpy.count(), 1);
    QCOMPARE(messageSpy.at(0).at(1).toByteArray(), QByteArray("after"));
}

void TestMqttClient::backoffGrowsWithoutJitter()
{
    auto client = makeClient(QStringLiteral("backoff"));
    client->setBroker(QStringLiteral("127.0.0.1"), MosquittoBroker::freePort());
    MqttReconnectPolicy policy;
    policy.initialDelayMs = 20;
    policy.maxDelayMs = 80;
    policy.jitter = 0.0;
    client->setReconnectPolicy(policy);
    QSignalSpy retrySpy(client.get(), &MqttClient::reconnectScheduled);

    client->connectToBroker();

    QTRY_VERIFY_WITH_TIMEOUT(retrySpy.count() >= 5, 5000);
    const QList<int> expected{20, 40, 80, 80, 80};
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(retrySpy.at(i).at(0).toInt(), i + 2);
        QCOMPARE(retrySpy.at(i).at(1).toInt(), expected.at(i));
    }
    client->disconnectFromBroker();
    QCOMPARE(client->state(), MqttClient::State::Disconnected);
}

void TestMqttClient::jitterStaysWithinBounds()
{
    auto client = makeClient(QStringLiteral("jitter"));
    client->setBroker(QStringLiteral("127.0.0.1"), MosquittoBroker::freePort());
    MqttReconnectPolicy policy;
    policy.initialDelayMs = 40;
    policy.maxDelayMs = 40;
    policy.jitter = 0.5;
    client->setReconnectPolicy(policy);
    QSignalSpy retrySpy(client.get(), &MqttClient::reconnectScheduled);

    client->connectToBroker();

    QTRY_VERIFY_WITH_TIMEOUT(retrySpy.count() >= 8, 5000);
    client->disconnectFromBroker();
    QSet<int> distinct;
    for (const QList<QVariant> &row : std::as_const(retrySpy)) {
        const int delay = row.at(1).toInt();
        QVERIFY2(delay >= 20 && delay <= 60, qPrintable(QString::number(delay)));
        distinct.insert(delay);
    }
    QVERIFY(distinct.size() > 1);
}

void TestMqttClient::disconnectOnRequest()
{
    auto client = makeClient(QStringLiteral("polite"));
    MqttReconnectPolicy policy;
    policy.initialDelayMs = 20;
    client->setReconnectPolicy(policy);
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    QSignalSpy disconnectedSpy(client.get(), &MqttClient::disconnected);
    QSignalSpy retrySpy(client.get(), &MqttClient::reconnectScheduled);
    client->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 5000);

    // A second request while the first DISCONNECT is on its way must not cut it short.
    client->disconnectFromBroker();
    client->disconnectFromBroker();

    QTRY_COMPARE(disconnectedSpy.count(), 1);
    QCOMPARE(disconnectedSpy.at(0).at(0).toString(), QStringLiteral("Disconnected on request"));
    QCOMPARE(client->state(), MqttClient::State::Disconnected);
    QTRY_VERIFY(m_broker.log().contains("Client polite disconnected."));
    QCOMPARE(retrySpy.count(), 0);
    QCOMPARE(connectedSpy.count(), 1);
}

void TestMqttClient::teardownWhileConnected()
{
    auto client = makeClient(QStringLiteral("teardown"));
    QSignalSpy connectedSpy(client.get(), &MqttClient::connected);
    client->subscribe(QStringLiteral("test/teardown"), 1);
    client->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.count(), 1, 5000);
    client->publish(QStringLiteral("test/teardown"), QByteArray(64 * 1024, 'y'), 1);

    // Destroyed with traffic in flight and events still queued: nothing may reach it afterwards.
    QPointer<MqttClient> watcher(client.get());
    client.reset();

    // The DISCONNECT is best effort behind the publish still in flight; either way the broker
    // must see this client gone at once, not after a keepalive timeout.
    QVERIFY(watcher.isNull());
    QTRY_VERIFY(m_broker.log().contains("Client teardown disconnected") ||
                m_broker.log().contains("Client teardown closed its connection"));
}

void TestMqttClient::teardownWhileConnecting()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    auto client = makeClient(QStringLiteral("half"));
    client->setBroker(QStringLiteral("127.0.0.1"), silent.serverPort());
    QSignalSpy stateSpy(client.get(), &MqttClient::stateChanged);
    client->connectToBroker();
    QTRY_VERIFY(silent.hasPendingConnections() || silent.waitForNewConnection(0));
    std::unique_ptr<QTcpSocket> accepted(silent.nextPendingConnection());
    QVERIFY(accepted);

    client.reset();

    QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState);
}

QTEST_GUILESS_MAIN(TestMqttClient)
#include "tst_mqttclient.moc"
