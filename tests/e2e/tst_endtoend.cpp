// The whole provisioning story on one machine, with real programs only: blackbird-local (HTTPS
// registration service, CA, Mosquitto with the fleet plugin) and blackbird-devsim (devices on
// pseudo-terminals). The test plays the station: it reads a device's key over the serial
// protocol, registers it over verified HTTPS, pushes the claim credentials, starts fleet
// provisioning and checks the outcome on both sides: the device's events and storage, and the
// broker's presence events seen through an operator-certificate connection.
#include "crypto/certificate.h"
#include "crypto/secretbytes.h"
#include "mqtt/mqttclient.h"
#include "protocol/devicereply.h"
#include "protocol/devicesession.h"
#include "stackprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Blackbird;

namespace {

constexpr int kDevices = 8;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Waits for reply to finish and says whether it succeeded, with the reason when it did not.
bool finished(DeviceReply *reply, QString *why, int timeoutMs = 15000)
{
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &DeviceReply::finished);
        spy.wait(timeoutMs);
    }
    *why = reply->isFinished() ? reply->errorString() : QStringLiteral("no answer in time");
    return reply->isSuccess();
}

} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void provisionsOverSerialAndMqtt_data();
    void provisionsOverSerialAndMqtt();
    void refusesProvisionStartWithReason();
    void rotationGivesNewCertificate();

private:
    bool registerDevice(const QString &uuid, const QString &publicKey, const QString &deviceType,
                        QJsonObject *answer, QString *why);
    bool control(const QString &command, QString *why);
    bool pushClaimCredentials(DeviceSession &session, QString *why);
    QList<QJsonObject> runHandshake(DeviceSession &session, const QString &method, QString *why);
    QString linkOf(int index) const;

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    QJsonObject m_endpoints;
    QProcess m_devsim;
    QByteArray m_devsimOutput;
    std::unique_ptr<MqttClient> m_monitor;
    QList<QJsonObject> m_presence;
    int m_nextDevice = 0;
};

void TestEndToEnd::initTestCase()
{
    QVERIFY(m_dir.isValid());

    m_stack = std::make_unique<StackProcess>(m_dir.filePath("stack"));
    QString error;
    QVERIFY2(m_stack->start({}, &error), qPrintable(error));
    m_endpoints = m_stack->endpoints();
    QVERIFY2(!m_endpoints.value(QStringLiteral("registration_url")).toString().isEmpty(),
             "endpoints.json lacks registration_url");

    // The devices, on pseudo-terminals, driven by commands on their standard input.
    m_devsim.setProgram(QStringLiteral(DEVSIM_BIN));
    m_devsim.setArguments(
        {QStringLiteral("--count"), QString::number(kDevices), QStringLiteral("--links"),
         m_dir.filePath("links"), QStringLiteral("--state"), m_dir.filePath("devices"),
         QStringLiteral("--console-interval-ms"), QStringLiteral("0"), QStringLiteral("--baud"),
         QStringLiteral("921600"), QStringLiteral("--stdin-control")});
    m_devsim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_devsim.start();
    QVERIFY2(m_devsim.waitForStarted(), qPrintable(m_devsim.errorString()));
    while (!m_devsimOutput.contains("ready:") && m_devsim.waitForReadyRead(20000))
        m_devsimOutput += m_devsim.readAllStandardOutput();
    QVERIFY2(m_devsimOutput.contains("ready:"), m_devsimOutput.constData());

    // The broker's side: an operator connection that sees every client come and go.
    const QByteArray ca = readFile(m_endpoints.value(QStringLiteral("ca_file")).toString());
    const QByteArray operatorCert =
        readFile(m_endpoints.value(QStringLiteral("operator_cert")).toString());
    SecretBytes operatorKey(readFile(m_endpoints.value(QStringLiteral("operator_key")).toString()));
    m_monitor = std::make_unique<MqttClient>();
    m_monitor->setClientId(QStringLiteral("e2e-operator"));
    m_monitor->setBroker(m_endpoints.value(QStringLiteral("mqtt_host")).toString(),
                         quint16(m_endpoints.value(QStringLiteral("mqtt_port")).toInt()));
    QVERIFY2(m_monitor->setTlsCredentials(ca, operatorCert, operatorKey.view(), &error),
             qPrintable(error));
    connect(m_monitor.get(), &MqttClient::messageReceived, this,
            [this](const QString &topic, const QByteArray &payload) {
                if (topic.startsWith(QLatin1String("$aws/events/presence/connected/")))
                    m_presence << QJsonDocument::fromJson(payload).object();
            });
    QSignalSpy subscribed(m_monitor.get(), &MqttClient::subscribed);
    m_monitor->subscribe(QStringLiteral("$aws/events/presence/connected/+"), 1);
    m_monitor->connectToBroker();
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 1, 10000);
}

void TestEndToEnd::cleanupTestCase()
{
    m_monitor.reset();
    if (m_devsim.state() != QProcess::NotRunning) {
        m_devsim.write("quit\n");
        if (!m_devsim.waitForFinished(5000))
            m_devsim.kill();
    }
    if (m_stack)
        m_stack->stop();
}

bool TestEndToEnd::control(const QString &command, QString *why)
{
    m_devsim.write(command.toUtf8() + '\n');
    QByteArray answer;
    while (!answer.contains('\n') && m_devsim.waitForReadyRead(5000))
        answer += m_devsim.readAllStandardOutput();
    *why = QString::fromUtf8(answer).trimmed();
    return answer.startsWith("ok");
}

QString TestEndToEnd::linkOf(int index) const
{
    return m_dir.filePath(QStringLiteral("links/dev-%1").arg(index, 3, 10, QLatin1Char('0')));
}

bool TestEndToEnd::pushClaimCredentials(DeviceSession &session, QString *why)
{
    // Identify the device and read its signing key over the serial protocol.
    if (!finished(session.identify(), why))
        return false;
    const DeviceInfo info = session.deviceInfo();
    DeviceReply *keyReply = session.readPublicKey();
    if (!finished(keyReply, why))
        return false;
    const QString publicKey = keyReply->payload().value(QStringLiteral("public_key")).toString();

    // Register it over HTTPS and build the claim bundle from the answer.
    QJsonObject registration;
    if (!registerDevice(info.uuid, publicKey, info.deviceType, &registration, why))
        return false;
    const QString ca =
        QString::fromUtf8(readFile(m_endpoints.value(QStringLiteral("ca_file")).toString()));
    QJsonObject bundle{
        {QStringLiteral("format"), 1},
        {QStringLiteral("uuid"), info.uuid},
        {QStringLiteral("certificate_id"), registration.value(QStringLiteral("certificate_id"))},
        {QStringLiteral("certificate_pem"), registration.value(QStringLiteral("certificate_pem"))},
        {QStringLiteral("private_key_pem"), registration.value(QStringLiteral("private_key"))},
        {QStringLiteral("mqtt_host"), m_endpoints.value(QStringLiteral("mqtt_host"))},
        {QStringLiteral("mqtt_port"), m_endpoints.value(QStringLiteral("mqtt_port"))},
        {QStringLiteral("ca_pem"), ca},
        {QStringLiteral("template_name"), m_endpoints.value(QStringLiteral("template_name"))},
    };
    registration = QJsonObject();
    SecretBytes bundleBytes(QJsonDocument(bundle).toJson(QJsonDocument::Compact));
    bundle = QJsonObject();

    // Push the claim credentials.
    DeviceReply *transfer = session.transferBundle(std::move(bundleBytes));
    if (!finished(transfer, why, 30000))
        return false;
    const QString state = transfer->payload().value(QStringLiteral("state")).toString();
    *why = QStringLiteral("the device is %1 after the transfer").arg(state);
    return state == QLatin1String("claim_stored") || state == QLatin1String("provisioned");
}

QList<QJsonObject> TestEndToEnd::runHandshake(DeviceSession &session, const QString &method,
                                              QString *why)
{
    QList<QJsonObject> events;
    QMetaObject::Connection collector =
        connect(&session, &DeviceSession::eventReceived, this,
                [&events](const QString &, const QJsonObject &payload) { events << payload; });

    DeviceReply *start = session.startProvisioning(QJsonObject{{QStringLiteral("method"), method}});
    if (!finished(start, why) || !start->payload().value(QStringLiteral("started")).toBool()) {
        disconnect(collector);
        if (why->isEmpty())
            *why = QStringLiteral("PROVISION_START was not answered with started: true");
        return {};
    }

    // The handshake reports by events only; it ends with provisioning_succeeded or _failed.
    const auto ended = [&events] {
        const QString last =
            events.isEmpty() ? QString() : events.last().value(QStringLiteral("event")).toString();
        return last == QLatin1String("provisioning_failed") ||
               last == QLatin1String("provisioning_succeeded");
    };
    QDeadlineTimer deadline(30000);
    while (!ended() && !deadline.hasExpired())
        QTest::qWait(20);
    disconnect(collector);
    *why = ended() ? QString() : QStringLiteral("the handshake did not end within 30 s");
    return events;
}

bool TestEndToEnd::registerDevice(const QString &uuid, const QString &publicKey,
                                  const QString &deviceType, QJsonObject *answer, QString *why)
{
    // TLS verified against the stack's own CA and nothing else.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(
        QSslCertificate::fromPath(m_endpoints.value(QStringLiteral("ca_file")).toString()));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);

    QNetworkRequest request(QUrl(m_endpoints.value(QStringLiteral("registration_url")).toString()));
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("x-api-key",
                         m_endpoints.value(QStringLiteral("api_key")).toString().toUtf8());
    const QJsonObject body{{QStringLiteral("uuid"), uuid},
                           {QStringLiteral("public_key"), publicKey},
                           {QStringLiteral("device_type"), deviceType}};

    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(
        network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!done.wait(15000)) {
        *why = QStringLiteral("the registration service did not answer");
        return false;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->readAll();
    *answer = QJsonDocument::fromJson(bytes).object();
    *why = QStringLiteral("HTTP %1 %2: %3")
               .arg(status)
               .arg(reply->errorString(), QString::fromUtf8(bytes));
    return status == 201;
}

void TestEndToEnd::provisionsOverSerialAndMqtt_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QStringList>("expectedEvents");
    QTest::addColumn<QString>("failedStep");
    QTest::addColumn<QString>("errorPart");

    const QStringList success{QStringLiteral("mqtt_connecting"),
                              QStringLiteral("mqtt_connected"),
                              QStringLiteral("certificate_accepted"),
                              QStringLiteral("register_thing_accepted"),
                              QStringLiteral("credentials_stored"),
                              QStringLiteral("reconnected_with_device_certificate"),
                              QStringLiteral("provisioning_succeeded")};
    QStringList withCsr = success;
    withCsr.insert(2, QStringLiteral("csr_created"));
    QStringList withDrop = withCsr;
    withDrop.insert(4, QStringLiteral("mqtt_disconnected"));
    withDrop.insert(5, QStringLiteral("mqtt_connecting"));
    withDrop.insert(6, QStringLiteral("mqtt_connected"));

    QTest::newRow("CreateCertificateFromCsr")
        << QStringLiteral("csr") << QStringLiteral("none") << withCsr << QString() << QString();
    QTest::newRow("CreateKeysAndCertificate")
        << QStringLiteral("create_keys") << QStringLiteral("none") << success << QString()
        << QString();
    QTest::newRow("disconnect between requests")
        << QStringLiteral("csr") << QStringLiteral("disconnect-between-requests") << withDrop
        << QString() << QString();
    QTest::newRow("bad signature")
        << QStringLiteral("csr") << QStringLiteral("bad-signature")
        << QStringList{QStringLiteral("mqtt_connecting"),
                       QStringLiteral("mqtt_connected"),
                       QStringLiteral("csr_created"),
                       QStringLiteral("certificate_accepted"),
                       QStringLiteral("register_thing_rejected"),
                       QStringLiteral("provisioning_failed")}
        << QStringLiteral("register_thing") << QStringLiteral("InvalidSignature");
    QTest::newRow("wrong claim certificate")
        << QStringLiteral("csr") << QStringLiteral("wrong-claim-certificate")
        << QStringList{QStringLiteral("mqtt_connecting"), QStringLiteral("provisioning_failed")}
        << QStringLiteral("mqtt_connect") << QStringLiteral("certificate");
    QTest::newRow("broker unreachable")
        << QStringLiteral("csr") << QStringLiteral("broker-unreachable")
        << QStringList{QStringLiteral("mqtt_connecting"), QStringLiteral("provisioning_failed")}
        << QStringLiteral("mqtt_connect") << QStringLiteral("Could not reach");
}

void TestEndToEnd::provisionsOverSerialAndMqtt()
{
    QFETCH(QString, method);
    QFETCH(QString, fault);
    QFETCH(QStringList, expectedEvents);
    QFETCH(QString, failedStep);
    QFETCH(QString, errorPart);

    const int index = m_nextDevice++;
    QVERIFY(index < kDevices);
    const QString name = QStringLiteral("dev-%1").arg(index, 3, 10, QLatin1Char('0'));
    QString why;
    QVERIFY2(control(QStringLiteral("fault %1 fleet-fault %2").arg(index).arg(fault), &why),
             qPrintable(why));

    DeviceSession session;
    QVERIFY2(session.open(linkOf(index), 921600, &why), qPrintable(why));
    QVERIFY2(pushClaimCredentials(session, &why), qPrintable(why));

    const QList<QJsonObject> events = runHandshake(session, method, &why);

    QVERIFY2(why.isEmpty(), qPrintable(why));
    QStringList names;
    for (const QJsonObject &event : std::as_const(events))
        names << event.value(QStringLiteral("event")).toString();
    QCOMPARE(names, expectedEvents);
    const QJsonObject last = events.last();

    const QString folder = m_dir.filePath(QStringLiteral("devices/") + name);
    if (!failedStep.isEmpty()) {
        QCOMPARE(last.value(QStringLiteral("step")).toString(), failedStep);
        const QString text = QJsonDocument(last).toJson(QJsonDocument::Compact);
        QVERIFY2(text.contains(errorPart), qPrintable(text));
        for (const QJsonObject &event : std::as_const(events)) {
            if (event.value(QStringLiteral("event"))
                    .toString()
                    .endsWith(QLatin1String("_rejected"))) {
                QVERIFY(event.contains(QStringLiteral("statusCode")));
                QVERIFY(event.contains(QStringLiteral("errorCode")));
                QVERIFY(event.contains(QStringLiteral("errorMessage")));
            }
        }
        QVERIFY(!QFile::exists(folder + QStringLiteral("/provisioned.json")));
        DeviceReply *status = session.status();
        QVERIFY2(finished(status, &why), qPrintable(why));
        QCOMPARE(status->payload().value(QStringLiteral("state")).toString(),
                 QStringLiteral("claim_stored"));
        return;
    }

    // The device side: the permanent certificate, issued by the device CA, stored with its key.
    const QString thingName = last.value(QStringLiteral("thing_name")).toString();
    QVERIFY(!thingName.isEmpty());
    const QJsonObject stored =
        QJsonDocument::fromJson(readFile(folder + QStringLiteral("/device-credentials.json")))
            .object();
    const Certificate deviceCert =
        Certificate::fromPem(stored.value(QStringLiteral("certificate_pem")).toString().toUtf8());
    QVERIFY(!deviceCert.isNull());
    QCOMPARE(stored.value(QStringLiteral("certificate_id")).toString(), deviceCert.sha256Hex());
    QCOMPARE(stored.value(QStringLiteral("thing_name")).toString(), thingName);
    const QString pki = m_stack->stateDir() + QStringLiteral("/pki/");
    const QList<Certificate> deviceChain{
        Certificate::fromPem(readFile(pki + QStringLiteral("device-ca.pem"))),
        Certificate::fromPem(readFile(pki + QStringLiteral("root-ca.pem")))};
    QVERIFY2(deviceCert.verifyChain(deviceChain, QDateTime::currentDateTimeUtc(), &why),
             qPrintable(why));
    QCOMPARE(deviceCert.issuerCommonName(), deviceChain.first().subjectCommonName());
    QVERIFY(QFile::exists(folder + QStringLiteral("/provisioned.json")));
    DeviceReply *status = session.status();
    QVERIFY2(finished(status, &why), qPrintable(why));
    QCOMPARE(status->payload().value(QStringLiteral("state")).toString(),
             QStringLiteral("provisioned"));
    QCOMPARE(status->payload().value(QStringLiteral("thing_name")).toString(), thingName);

    // The broker side: a connection by exactly that certificate.
    const auto connectedWithDeviceCertificate = [this, &deviceCert] {
        for (const QJsonObject &presence : std::as_const(m_presence)) {
            if (presence.value(QStringLiteral("principalIdentifier")).toString() ==
                deviceCert.sha256Hex())
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(connectedWithDeviceCertificate(), 10000);
}

void TestEndToEnd::refusesProvisionStartWithReason()
{
    const int index = m_nextDevice++;
    QVERIFY(index < kDevices);
    DeviceSession session;
    QString why;
    QVERIFY2(session.open(linkOf(index), 921600, &why), qPrintable(why));
    QVERIFY2(finished(session.identify(), &why), qPrintable(why));
    QCOMPARE(session.deviceInfo().state, QStringLiteral("blank"));

    DeviceReply *noClaim = session.startProvisioning();
    QVERIFY(!finished(noClaim, &why));
    QCOMPARE(noClaim->deviceErrorCode(), QStringLiteral("no_claim"));

    DeviceReply *badMethod =
        session.startProvisioning(QJsonObject{{QStringLiteral("method"), QStringLiteral("magic")}});
    QVERIFY(!finished(badMethod, &why));
    QCOMPARE(badMethod->deviceErrorCode(), QStringLiteral("bad_request"));
    QVERIFY2(why.contains(QStringLiteral("magic")), qPrintable(why));

    // An unknown fleet fault is refused by the simulator's control channel with the choices.
    QVERIFY(!control(QStringLiteral("fault %1 fleet-fault sometimes").arg(index), &why));
    QVERIFY2(why.contains(QStringLiteral("bad-signature")), qPrintable(why));
}

void TestEndToEnd::rotationGivesNewCertificate()
{
    const int index = m_nextDevice++;
    QVERIFY(index < kDevices);
    DeviceSession session;
    QString why;
    QVERIFY2(session.open(linkOf(index), 921600, &why), qPrintable(why));
    QVERIFY2(pushClaimCredentials(session, &why), qPrintable(why));
    const QList<QJsonObject> first = runHandshake(session, QStringLiteral("csr"), &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(first.last().value(QStringLiteral("event")).toString(),
             QStringLiteral("provisioning_succeeded"));

    // Field service runs the handshake again with the stored claim: a new certificate, the
    // same thing.
    const QList<QJsonObject> second = runHandshake(session, QStringLiteral("csr"), &why);

    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(second.last().value(QStringLiteral("event")).toString(),
             QStringLiteral("provisioning_succeeded"));
    const auto certificateId = [](const QList<QJsonObject> &events) {
        for (const QJsonObject &event : events) {
            if (event.value(QStringLiteral("event")) == QLatin1String("credentials_stored"))
                return event.value(QStringLiteral("certificate_id")).toString();
        }
        return QString();
    };
    QVERIFY(!certificateId(first).isEmpty());
    QVERIFY(!certificateId(second).isEmpty());
    QVERIFY(certificateId(first) != certificateId(second));
    QCOMPARE(second.last().value(QStringLiteral("thing_name")),
             first.last().value(QStringLiteral("thing_name")));
    const QJsonObject stored =
        QJsonDocument::fromJson(readFile(m_dir.filePath(QStringLiteral("devices/dev-%1/"
                                                                       "device-credentials.json")
                                                            .arg(index, 3, 10, QLatin1Char('0')))))
            .object();
    QCOMPARE(stored.value(QStringLiteral("certificate_id")).toString(), certificateId(second));
}

QTEST_GUILESS_MAIN(TestEndToEnd)
#include "tst_endtoend.moc"
