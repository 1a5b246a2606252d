// The registration API of the real blackbird-local program over HTTPS on loopback, verified
// against the stack's own root CA: the 201 path, repeated and conflicting registrations, claim
// sharing, every error status with its JSON body, hostile input, the body limit, the per-key
// rate limit, and a TLS handshake that fails against a foreign CA.
#include "certificateauthority.h"
#include "httpsclient.h"
#include "stackprocess.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

using namespace Blackbird;

namespace {

QByteArray registrationBody(const QString &uuid, const QByteArray &publicKey,
                            const QString &deviceType)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("uuid"), uuid},
                                     {QStringLiteral("public_key"), QString::fromLatin1(publicKey)},
                                     {QStringLiteral("device_type"), deviceType}})
        .toJson(QJsonDocument::Compact);
}

QString uuidNumber(int n)
{
    return QStringLiteral("5a1e0000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

// A valid SubjectPublicKeyInfo of a key the service must refuse (P-384).
QByteArray p384PublicKeyBase64()
{
    EVP_PKEY *key = EVP_EC_gen("P-384");
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    const QByteArray result = QByteArray(reinterpret_cast<const char *>(der), length).toBase64();
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return result;
}

} // namespace

class TestRegistrationApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void registersDevice();
    void sameKeyAgainReturnsCurrentCredentials();
    void conflicts();
    void sharesClaimCertificates();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void rejectsLargeBody();
    void health();
    void unknownRoutes();
    void rateLimitsPerKey();
    void foreignCaFailsHandshake();

private:
    int registrationCount();
    QUrl url() const;

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    std::unique_ptr<HttpsClient> m_client;
    QJsonObject m_endpoints;
    QByteArray m_apiKey;
};

void TestRegistrationApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(m_stack->start({QStringLiteral("--claim-share"), QStringLiteral("2")}, &error),
             qPrintable(error));
    m_endpoints = m_stack->endpoints();
    m_apiKey = m_endpoints.value(QLatin1String("api_key")).toString().toLatin1();
    QVERIFY(m_apiKey.startsWith("bbk_"));
    m_client =
        std::make_unique<HttpsClient>(m_endpoints.value(QLatin1String("ca_file")).toString());
}

void TestRegistrationApi::cleanupTestCase()
{
    m_client.reset();
    if (m_stack)
        QCOMPARE(m_stack->stop(), 0);
}

QUrl TestRegistrationApi::url() const
{
    return QUrl(m_endpoints.value(QLatin1String("registration_url")).toString());
}

int TestRegistrationApi::registrationCount()
{
    const QString name = QStringLiteral("api-test-reader");
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_stack->stateDir() + QStringLiteral("/registrations.sqlite"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM registrations")) && query.next())
                count = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

void TestRegistrationApi::registersDevice()
{
    const EcKey deviceKey = EcKey::generate();
    const HttpsResult result =
        m_client->post(url(),
                       registrationBody(uuidNumber(1), deviceKey.publicBase64(),
                                        QStringLiteral("blackbird-sensor-v1")),
                       m_apiKey);
    QVERIFY2(result.status == 201, result.body.constData());
    QCOMPARE(result.header("Content-Type"), QByteArray("application/json"));

    const QString id = result.json.value(QLatin1String("certificate_id")).toString();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(id).hasMatch());

    const Certificate claim = Certificate::fromPem(
        result.json.value(QLatin1String("certificate_pem")).toString().toLatin1());
    QVERIFY(!claim.isNull());
    QCOMPARE(claim.sha256Hex(), id);
    QCOMPARE(claim.issuerCommonName(), QStringLiteral("Blackbird Local Claim CA"));
    QCOMPARE(claim.subjectOrganizationalUnit(), QStringLiteral("claim"));

    const EcKey claimKey = EcKey::fromPrivatePem(
        result.json.value(QLatin1String("private_key")).toString().toLatin1());
    QVERIFY(claim.matchesPrivateKey(claimKey));
    QVERIFY(!claimKey.samePublicKey(deviceKey));

    QFile root(m_stack->stateDir() + QStringLiteral("/pki/root-ca.pem"));
    QFile claimCa(m_stack->stateDir() + QStringLiteral("/pki/claim-ca.pem"));
    QVERIFY(root.open(QIODevice::ReadOnly) && claimCa.open(QIODevice::ReadOnly));
    QString error;
    QVERIFY2(claim.verifyChain(
                 {Certificate::fromPem(root.readAll()), Certificate::fromPem(claimCa.readAll())},
                 QDateTime::currentDateTimeUtc(), &error),
             qPrintable(error));
}

void TestRegistrationApi::sameKeyAgainReturnsCurrentCredentials()
{
    const QByteArray key = EcKey::generate().publicBase64();
    const QByteArray body =
        registrationBody(uuidNumber(2), key, QStringLiteral("blackbird-sensor-v1"));
    const HttpsResult first = m_client->post(url(), body, m_apiKey);
    QCOMPARE(first.status, 201);

    const HttpsResult again = m_client->post(url(), body, m_apiKey);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, first.json);

    // The uuid is case-insensitive: upper case names the same device.
    const HttpsResult upper = m_client->post(
        url(),
        registrationBody(uuidNumber(2).toUpper(), key, QStringLiteral("blackbird-sensor-v1")),
        m_apiKey);
    QCOMPARE(upper.status, 200);
    QCOMPARE(upper.json.value(QLatin1String("certificate_id")),
             first.json.value(QLatin1String("certificate_id")));
}

void TestRegistrationApi::conflicts()
{
    const QByteArray key = EcKey::generate().publicBase64();
    QCOMPARE(m_client
                 ->post(url(),
                        registrationBody(uuidNumber(3), key, QStringLiteral("blackbird-sensor-v1")),
                        m_apiKey)
                 .status,
             201);

    const HttpsResult otherKey =
        m_client->post(url(),
                       registrationBody(uuidNumber(3), EcKey::generate().publicBase64(),
                                        QStringLiteral("blackbird-sensor-v1")),
                       m_apiKey);
    QCOMPARE(otherKey.status, 409);
    QCOMPARE(otherKey.json.value(QLatin1String("error")).toString(),
             QStringLiteral("uuid_conflict"));
    QVERIFY(!otherKey.json.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(!otherKey.json.contains(QLatin1String("private_key")));

    const HttpsResult otherType = m_client->post(
        url(), registrationBody(uuidNumber(3), key, QStringLiteral("blackbird-gateway-v1")),
        m_apiKey);
    QCOMPARE(otherType.status, 409);
    QCOMPARE(otherType.json.value(QLatin1String("error")).toString(),
             QStringLiteral("device_type_conflict"));
}

void TestRegistrationApi::sharesClaimCertificates()
{
    // The stack runs with --claim-share 2; the gateway type is used by no other test.
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        const HttpsResult result =
            m_client->post(url(),
                           registrationBody(uuidNumber(100 + i), EcKey::generate().publicBase64(),
                                            QStringLiteral("blackbird-gateway-v1")),
                           m_apiKey);
        QCOMPARE(result.status, 201);
        ids << result.json.value(QLatin1String("certificate_id")).toString();
    }
    QCOMPARE(ids.at(0), ids.at(1));
    QCOMPARE(ids.at(2), ids.at(3));
    QVERIFY(ids.at(1) != ids.at(2));
    QVERIFY(ids.at(3) != ids.at(4));
}

void TestRegistrationApi::rejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("apiKey"); // "valid", "none" or the literal key to send
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QByteArray key = EcKey::generate().publicBase64();
    const QString sensor = QStringLiteral("blackbird-sensor-v1");
    const QString valid = QStringLiteral("valid");
    const QByteArray json = "application/json";
    const auto body = [&](const QString &uuid, const QByteArray &publicKey, const QString &type) {
        return registrationBody(uuid, publicKey, type);
    };

    QTest::newRow("truncated JSON")
        << QByteArray("{\"uuid\":") << valid << json << 400 << "malformed_json";
    QTest::newRow("empty body") << QByteArray() << valid << json << 400 << "malformed_json";
    QTest::newRow("array") << QByteArray("[1,2]") << valid << json << 400 << "malformed_json";
    QTest::newRow("invalid UTF-8")
        << QByteArray("{\"uuid\":\"\xff\xfe\"}") << valid << json << 400 << "malformed_json";
    QTest::newRow("missing uuid") << QByteArray("{\"public_key\":\"" + key +
                                                "\",\"device_type\":\"blackbird-sensor-v1\"}")
                                  << valid << json << 400 << "missing_field";
    QTest::newRow("missing public_key") << QByteArray("{\"uuid\":\"" + uuidNumber(9).toLatin1() +
                                                      "\",\"device_type\":\"blackbird-sensor-v1\"}")
                                        << valid << json << 400 << "missing_field";
    QTest::newRow("uuid is a number") << QByteArray("{\"uuid\":42,\"public_key\":\"" + key +
                                                    "\",\"device_type\":\"blackbird-sensor-v1\"}")
                                      << valid << json << 400 << "invalid_field_type";
    QTest::newRow("public_key is null")
        << QByteArray("{\"uuid\":\"" + uuidNumber(9).toLatin1() +
                      "\",\"public_key\":null,\"device_type\":\"blackbird-sensor-v1\"}")
        << valid << json << 400 << "invalid_field_type";
    QTest::newRow("uuid not a uuid")
        << body(QStringLiteral("device-1"), key, sensor) << valid << json << 400 << "invalid_uuid";
    QTest::newRow("uuid with newline") << body(uuidNumber(9) + QLatin1Char('\n'), key, sensor)
                                       << valid << json << 400 << "invalid_uuid";
    QTest::newRow("uuid with NUL") << body(uuidNumber(9).left(35) + QChar(0), key, sensor) << valid
                                   << json << 400 << "invalid_uuid";
    QTest::newRow("uuid with full-width digits")
        << body(QStringLiteral("\uff15a1e0000-0000-4000-8000-000000000009"), key, sensor) << valid
        << json << 400 << "invalid_uuid";
    QTest::newRow("uuid with lone surrogate")
        << QByteArray("{\"uuid\":\"\\ud800" + uuidNumber(9).mid(1).toLatin1() +
                      "\",\"public_key\":\"" + key + "\",\"device_type\":\"blackbird-sensor-v1\"}")
        << valid << json << 400 << "invalid_uuid";
    QTest::newRow("uuid SQL injection") << body(QStringLiteral("' OR '1'='1' --"), key, sensor)
                                        << valid << json << 400 << "invalid_uuid";
    QTest::newRow("uuid 10000 characters") << body(QString(10000, QLatin1Char('a')), key, sensor)
                                           << valid << json << 400 << "invalid_uuid";
    QTest::newRow("public_key not Base64")
        << body(uuidNumber(9), "!!!!", sensor) << valid << json << 400 << "invalid_public_key";
    QTest::newRow("public_key Base64 of junk")
        << body(uuidNumber(9), QByteArray("not a key at all").toBase64(), sensor) << valid << json
        << 400 << "invalid_public_key";
    QTest::newRow("public_key with trailing bytes")
        << body(uuidNumber(9), QByteArray(QByteArray::fromBase64(key) + "xyz").toBase64(), sensor)
        << valid << json << 400 << "invalid_public_key";
    QTest::newRow("public_key too long") << body(uuidNumber(9), QByteArray(600, 'A'), sensor)
                                         << valid << json << 400 << "invalid_public_key";
    QTest::newRow("public_key P-384") << body(uuidNumber(9), p384PublicKeyBase64(), sensor) << valid
                                      << json << 400 << "unsupported_key_type";
    QTest::newRow("device_type SQL injection")
        << body(uuidNumber(9), key, QStringLiteral("x'; DROP TABLE registrations; --")) << valid
        << json << 400 << "invalid_device_type";
    QTest::newRow("device_type right-to-left override")
        << body(uuidNumber(9), key, QStringLiteral("blackbird\u202e-sensor-v1")) << valid << json
        << 400 << "invalid_device_type";
    QTest::newRow("device_type empty")
        << body(uuidNumber(9), key, QString()) << valid << json << 400 << "invalid_device_type";
    QTest::newRow("device_type 65 characters")
        << body(uuidNumber(9), key, QString(65, QLatin1Char('a'))) << valid << json << 400
        << "invalid_device_type";
    QTest::newRow("device_type not allowed")
        << body(uuidNumber(9), key, QStringLiteral("blackbird-camera-v1")) << valid << json << 403
        << "device_type_not_allowed";
    QTest::newRow("no API key") << body(uuidNumber(9), key, sensor) << QStringLiteral("none")
                                << json << 401 << "missing_api_key";
    QTest::newRow("unknown API key")
        << body(uuidNumber(9), key, sensor) << QStringLiteral("bbk_not-a-real-key") << json << 401
        << "invalid_api_key";
    QTest::newRow("API key 300 characters")
        << body(uuidNumber(9), key, sensor) << QString(300, QLatin1Char('k')) << json << 401
        << "invalid_api_key";
    QTest::newRow("form content type")
        << body(uuidNumber(9), key, sensor) << valid
        << QByteArray("application/x-www-form-urlencoded") << 415 << "unsupported_media_type";
}

void TestRegistrationApi::rejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, apiKey);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);

    const int before = registrationCount();
    QVERIFY(before >= 0);

    const QByteArray key = apiKey == QLatin1String("valid")  ? m_apiKey
                           : apiKey == QLatin1String("none") ? QByteArray()
                                                             : apiKey.toLatin1();
    const HttpsResult result = m_client->post(url(), body, key, contentType);
    QVERIFY2(result.status == status, result.body.constData());
    QCOMPARE(result.json.value(QLatin1String("error")).toString(), error);
    QVERIFY(result.json.value(QLatin1String("message")).toString().size() > 10);
    QCOMPARE(result.json.size(), 2);

    // Nothing was stored, and the table is still there.
    QCOMPARE(registrationCount(), before);
}

void TestRegistrationApi::rejectsLargeBody()
{
    QByteArray body = registrationBody(uuidNumber(10), EcKey::generate().publicBase64(),
                                       QStringLiteral("blackbird-sensor-v1"));
    body.insert(1, "\"padding\":\"" + QByteArray(17 * 1024, 'x') + "\",");
    const HttpsResult result = m_client->post(url(), body, m_apiKey);
    QCOMPARE(result.status, 413);
    QCOMPARE(result.json.value(QLatin1String("error")).toString(),
             QStringLiteral("payload_too_large"));

    // Just under the limit, unknown fields are tolerated.
    body = registrationBody(uuidNumber(11), EcKey::generate().publicBase64(),
                            QStringLiteral("blackbird-sensor-v1"));
    body.insert(1, "\"padding\":\"" + QByteArray(15 * 1024, 'x') + "\",");
    QCOMPARE(m_client->post(url(), body, m_apiKey).status, 201);
}

void TestRegistrationApi::health()
{
    const HttpsResult result =
        m_client->get(QUrl(m_endpoints.value(QLatin1String("health_url")).toString()));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
}

void TestRegistrationApi::unknownRoutes()
{
    QUrl other = url();
    other.setPath(QStringLiteral("/v1/devices"));
    const HttpsResult missing = m_client->get(other);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json.value(QLatin1String("error")).toString(), QStringLiteral("not_found"));

    const HttpsResult wrongMethod = m_client->get(url());
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.header("Allow"), QByteArray("POST"));
    QCOMPARE(wrongMethod.json.value(QLatin1String("error")).toString(),
             QStringLiteral("method_not_allowed"));
}

void TestRegistrationApi::rateLimitsPerKey()
{
    QTemporaryDir dir;
    StackProcess limited(dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(limited.start({QStringLiteral("--rate-limit"), QStringLiteral("3/min")}, &error),
             qPrintable(error));
    const QJsonObject endpoints = limited.endpoints();
    HttpsClient client(endpoints.value(QLatin1String("ca_file")).toString());
    const QUrl target(endpoints.value(QLatin1String("registration_url")).toString());
    const QByteArray key = endpoints.value(QLatin1String("api_key")).toString().toLatin1();

    for (int i = 0; i < 3; ++i) {
        const HttpsResult ok =
            client.post(target,
                        registrationBody(uuidNumber(200 + i), EcKey::generate().publicBase64(),
                                         QStringLiteral("blackbird-sensor-v1")),
                        key);
        QCOMPARE(ok.status, 201);
    }

    const HttpsResult limitedResult =
        client.post(target,
                    registrationBody(uuidNumber(203), EcKey::generate().publicBase64(),
                                     QStringLiteral("blackbird-sensor-v1")),
                    key);
    QCOMPARE(limitedResult.status, 429);
    QCOMPARE(limitedResult.json.value(QLatin1String("error")).toString(),
             QStringLiteral("rate_limited"));
    bool ok = false;
    const int retryAfter = limitedResult.header("Retry-After").toInt(&ok);
    QVERIFY(ok);
    QVERIFY(retryAfter >= 1 && retryAfter <= 20);

    // Requests without a valid key are refused before they reach a key's allowance.
    QCOMPARE(client.post(target, "{}", "bbk_unknown").status, 401);
    QCOMPARE(limited.stop(), 0);
}

void TestRegistrationApi::foreignCaFailsHandshake()
{
    QTemporaryDir dir;
    const auto stranger =
        Local::CertificateAuthority::createRoot(QStringLiteral("Blackbird Local Root CA"), 30);
    QFile file(dir.filePath(QStringLiteral("stranger.pem")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(stranger.certificate().toPem());
    file.close();

    HttpsClient client(file.fileName());
    const HttpsResult result =
        client.post(url(),
                    registrationBody(uuidNumber(300), EcKey::generate().publicBase64(),
                                     QStringLiteral("blackbird-sensor-v1")),
                    m_apiKey);
    QCOMPARE(result.status, 0);
    QCOMPARE(result.networkError, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(result.body.isEmpty());
}

QTEST_GUILESS_MAIN(TestRegistrationApi)
#include "tst_registrationapi.moc"
