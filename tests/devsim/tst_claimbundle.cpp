// Tests the checks a simulated device runs on a transferred claim bundle before storing it.
#include "claimbundle.h"
#include "testbundle.h"

#include <QJsonDocument>
#include <QTest>

using Blackbird::Sim::ClaimBundle;
using Blackbird::Test::TestBundle;

class TestClaimBundle : public QObject
{
    Q_OBJECT

private slots:
    void acceptsValidBundle();
    void refusesBadBundle_data();
    void refusesBadBundle();
};

static const QString kUuid = QStringLiteral("6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b");

void TestClaimBundle::acceptsValidBundle()
{
    const TestBundle bundle = TestBundle::create(kUuid, QStringLiteral("claim"));
    QString error;

    const auto parsed = ClaimBundle::parse(bundle.json(), kUuid, &error);

    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->uuid, kUuid);
    QCOMPARE(parsed->certificateId, bundle.certificateId);
    QCOMPARE(parsed->mqttHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(parsed->mqttPort, 8883);
    QVERIFY(parsed->certificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
    QVERIFY(!parsed->privateKeyPem.isEmpty());
}

void TestClaimBundle::refusesBadBundle_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");

    const TestBundle good = TestBundle::create(kUuid, QStringLiteral("claim"));
    const TestBundle other = TestBundle::create(kUuid, QStringLiteral("other"));
    auto with = [&](const QString &field, const QJsonValue &value) {
        QJsonObject object = good.object;
        if (value.isUndefined())
            object.remove(field);
        else
            object.insert(field, value);
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };

    QTest::newRow("not JSON") << QByteArray("{\"format\": 1,") << QStringLiteral("not a JSON");
    QTest::newRow("JSON array") << QByteArray("[1]") << QStringLiteral("not a JSON");
    QTest::newRow("format 2") << with(QStringLiteral("format"), 2) << QStringLiteral("format");
    QTest::newRow("format missing")
        << with(QStringLiteral("format"), QJsonValue::Undefined) << QStringLiteral("format");
    for (const char *field : {"uuid", "certificate_id", "certificate_pem", "private_key_pem",
                              "mqtt_host", "ca_pem", "template_name"}) {
        QTest::addRow("%s missing", field)
            << with(QString::fromLatin1(field), QJsonValue::Undefined)
            << QString::fromLatin1(field);
        QTest::addRow("%s not text", field)
            << with(QString::fromLatin1(field), 42) << QString::fromLatin1(field);
    }
    QTest::newRow("other device") << with(QStringLiteral("uuid"),
                                          QStringLiteral("00000000-0000-4000-8000-000000000000"))
                                  << QStringLiteral("not this one");
    QTest::newRow("port zero") << with(QStringLiteral("mqtt_port"), 0) << QStringLiteral("port");
    QTest::newRow("port too big") << with(QStringLiteral("mqtt_port"), 70000)
                                  << QStringLiteral("port");
    QTest::newRow("port text") << with(QStringLiteral("mqtt_port"), QStringLiteral("8883"))
                               << QStringLiteral("port");
    QTest::newRow("certificate garbage")
        << with(QStringLiteral("certificate_pem"), QStringLiteral("-----BEGIN CERTIFICATE-----"))
        << QStringLiteral("certificate does not parse");
    QTest::newRow("key garbage") << with(QStringLiteral("private_key_pem"), QStringLiteral("xx"))
                                 << QStringLiteral("key does not parse");
    QTest::newRow("key of another certificate")
        << with(QStringLiteral("private_key_pem"),
                other.object.value(QStringLiteral("private_key_pem")))
        << QStringLiteral("does not belong");
    QTest::newRow("wrong certificate_id")
        << with(QStringLiteral("certificate_id"), other.certificateId) << QStringLiteral("SHA-256");
    QTest::newRow("CA without certificate")
        << with(QStringLiteral("ca_pem"), QStringLiteral("not a pem")) << QStringLiteral("ca_pem");
}

void TestClaimBundle::refusesBadBundle()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QString error;

    const auto parsed = ClaimBundle::parse(json, kUuid, &error);

    QVERIFY(!parsed);
    QVERIFY2(error.contains(reason), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestClaimBundle)
#include "tst_claimbundle.moc"
