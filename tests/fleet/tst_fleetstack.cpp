// Fleet provisioning through the real blackbird-local program: a device registered over HTTPS
// runs CreateCertificateFromCsr and RegisterThing with its claim credentials, connects with its
// new certificate, and still can after the stack restarts on the same state folder. This is what
// the station, the simulator and firmware developers meet.
#include "httpsclient.h"
#include "mqttpeer.h"
#include "stackprocess.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace Blackbird;

class TestFleetStack : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void registeredDeviceIsProvisionedAndConnects();
    void provisionedDeviceConnectsAfterARestart();

private:
    bool startStack();
    QByteArray readFile(const QString &key) const;
    MqttPeer::Broker broker() const;

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    QJsonObject m_endpoints;
    QString m_thingName;
    QByteArray m_devicePem;
    QByteArray m_deviceKeyPem;
};

void TestFleetStack::initTestCase()
{
    if (!QFileInfo::exists(QStringLiteral("/usr/sbin/mosquitto")) &&
        qEnvironmentVariableIsEmpty("BLACKBIRD_MOSQUITTO"))
        QSKIP("mosquitto is not installed: apt-get install mosquitto (scripts/install-deps.sh)");
    QVERIFY(m_dir.isValid());
    m_stack = std::make_unique<StackProcess>(m_dir.path());
    QVERIFY(startStack());
}

void TestFleetStack::cleanupTestCase()
{
    if (m_stack)
        m_stack->stop();
}

bool TestFleetStack::startStack()
{
    QString error;
    if (!m_stack->start({}, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    m_endpoints = m_stack->endpoints();
    return !m_endpoints.isEmpty();
}

QByteArray TestFleetStack::readFile(const QString &key) const
{
    QFile file(m_endpoints.value(key).toString());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

MqttPeer::Broker TestFleetStack::broker() const
{
    return {quint16(m_endpoints.value(QStringLiteral("mqtt_port")).toInt()),
            readFile(QStringLiteral("ca_file"))};
}

void TestFleetStack::registeredDeviceIsProvisionedAndConnects()
{
    // Register the device's signing key, as the station does.
    const EcKey signingKey = EcKey::generate();
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString deviceType =
        m_endpoints.value(QStringLiteral("device_types")).toArray().first().toString();
    HttpsClient https(m_endpoints.value(QStringLiteral("ca_file")).toString());
    const QJsonObject body{
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("public_key"), QString::fromLatin1(signingKey.publicBase64())},
        {QStringLiteral("device_type"), deviceType}};
    const HttpsResult registered =
        https.post(QUrl(m_endpoints.value(QStringLiteral("registration_url")).toString()),
                   QJsonDocument(body).toJson(QJsonDocument::Compact),
                   m_endpoints.value(QStringLiteral("api_key")).toString().toUtf8());
    QCOMPARE(registered.status, 201);
    const QByteArray claimPem =
        registered.json.value(QStringLiteral("certificate_pem")).toString().toLatin1();
    const QByteArray claimKeyPem =
        registered.json.value(QStringLiteral("private_key")).toString().toLatin1();

    // The handshake an AWS IoT device SDK runs: subscribe first, then ask.
    const QString templateName = m_endpoints.value(QStringLiteral("template_name")).toString();
    const QString csrTopic = QStringLiteral("$aws/certificates/create-from-csr/json");
    const QString registerTopic =
        QStringLiteral("$aws/provisioning-templates/%1/provision/json").arg(templateName);
    QString error;
    auto claim = MqttPeer::connect(broker(), QStringLiteral("claim-") + uuid, claimPem, claimKeyPem,
                                   replyTopics(csrTopic) + replyTopics(registerTopic), &error);
    QVERIFY2(claim, qPrintable(error));
    QCOMPARE(claim->refused, QStringList());

    const EcKey deviceKey = EcKey::generate();
    const QByteArray csr = createCsrPem(deviceKey, uuid);
    bool accepted = false;
    const auto created =
        claim->call(csrTopic,
                    QJsonDocument(QJsonObject{{QStringLiteral("certificateSigningRequest"),
                                               QString::fromLatin1(csr)}})
                        .toJson(),
                    &accepted);
    QVERIFY(created);
    QVERIFY2(accepted, QJsonDocument(*created).toJson().constData());
    const QString token = created->value(QStringLiteral("certificateOwnershipToken")).toString();

    const QJsonObject request{
        {QStringLiteral("certificateOwnershipToken"), token},
        {QStringLiteral("parameters"),
         QJsonObject{{QStringLiteral("uuid"), uuid},
                     {QStringLiteral("device_type"), deviceType},
                     {QStringLiteral("signature"),
                      QString::fromLatin1(signingKey.sign(token.toUtf8()).toBase64())}}}};
    const auto thing = claim->call(registerTopic, QJsonDocument(request).toJson(), &accepted);
    QVERIFY(thing);
    QVERIFY2(accepted, QJsonDocument(*thing).toJson().constData());
    m_thingName = thing->value(QStringLiteral("thingName")).toString();
    QCOMPARE(m_thingName, deviceType + QLatin1Char('_') + uuid);

    // The permanent credentials work at once.
    m_devicePem = created->value(QStringLiteral("certificatePem")).toString().toLatin1();
    m_deviceKeyPem = deviceKey.privatePem().view().toByteArray();
    auto device = MqttPeer::connect(broker(), m_thingName, m_devicePem, m_deviceKeyPem,
                                    {QStringLiteral("things/%1/#").arg(m_thingName)}, &error);
    QVERIFY2(device, qPrintable(error));
    QCOMPARE(device->refused, QStringList());
}

void TestFleetStack::provisionedDeviceConnectsAfterARestart()
{
    QVERIFY(!m_devicePem.isEmpty());
    m_stack->stop();
    QVERIFY(startStack());

    QString error;
    auto device = MqttPeer::connect(broker(), m_thingName, m_devicePem, m_deviceKeyPem,
                                    {QStringLiteral("things/%1/#").arg(m_thingName)}, &error);
    QVERIFY2(device, qPrintable(error));
    QCOMPARE(device->subscribed.size(), 1);
}

QTEST_GUILESS_MAIN(TestFleetStack)
#include "tst_fleetstack.moc"
