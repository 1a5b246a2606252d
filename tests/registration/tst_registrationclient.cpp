// Tests the registration client end to end: against the real local registration service
// (blackbird-local over HTTPS on loopback) for every answer that service gives, and against
// small loopback servers run by the test for what the service never does on purpose (server
// errors, garbage, silence, refused connections, exact Retry-After).
#include "localstackprocess.h"
#include "scriptedhttpsserver.h"

#include "credentials/credentialchecker.h"
#include "crypto/eckey.h"
#include "registration/registrationclient.h"
#include "registration/registrationresponseparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>
#include <QUuid>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace Blackbird;
using Blackbird::Test::LocalStackProcess;
using Blackbird::Test::ScriptedHttpsServer;
using Blackbird::Test::ScriptedReply;

Q_DECLARE_METATYPE(Blackbird::RegistrationError)
Q_DECLARE_METATYPE(QList<Blackbird::Test::ScriptedReply>)

namespace {

constexpr int kStackStartMs = 60000;

// Everything logged while the test runs, to prove no secret ever reaches a log.
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_log << message;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}
constexpr int kReplyWaitMs = 30000;

QByteArray rsaPublicKeyBase64()
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    unsigned char *der = nullptr;
    const int size = i2d_PUBKEY(key, &der);
    QByteArray result = QByteArray(reinterpret_cast<const char *>(der), size).toBase64();
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return result;
}

QByteArray fakeCredentialsBody()
{
    const QJsonObject body{
        {QStringLiteral("certificate_id"), QString(64, QLatin1Char('b'))},
        {QStringLiteral("certificate_pem"),
         QStringLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")},
        {QStringLiteral("private_key"),
         QStringLiteral("-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n")}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray serviceError(const char *code, const char *message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), QLatin1String(code)},
                                     {QStringLiteral("message"), QLatin1String(message)}})
        .toJson(QJsonDocument::Compact);
}

RetryPolicy quickRetries(int attempts)
{
    RetryPolicy retry;
    retry.maxAttempts = attempts;
    retry.baseDelayMs = 20;
    retry.maxDelayMs = 80;
    retry.maxRetryAfterMs = 5000;
    retry.retryAfterJitterMs = 100;
    return retry;
}

} // namespace

class TestRegistrationClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refusesBadConfiguration_data();
    void refusesBadConfiguration();
    void splitsRegistrationUrl();
    void registersDevice();
    void serviceRefusals_data();
    void serviceRefusals();
    void conflicts_data();
    void conflicts();
    void refusesMissingApiKey();
    void rateLimitedByService();
    void refusesUntrustedServer_data();
    void refusesUntrustedServer();
    void retriesRefusedConnection();
    void retriesTimeout();
    void scriptedAnswers_data();
    void scriptedAnswers();
    void honoursRetryAfter();
    void cancels_data();
    void cancels();
    void logsHoldNoSecret();

private:
    RegistrationConfig stackConfig() const;
    RegistrationRequest newDevice(const QString &deviceType = QString()) const;
    // Runs one registration to its end and returns the reply (owned by client).
    RegistrationReply *finish(RegistrationClient &client, const RegistrationRequest &request,
                              const SecretBytes &key);
    bool startScripted(ScriptedHttpsServer &server, const QList<ScriptedReply> &script);

    LocalStackProcess m_stack;
    SecretBytes m_apiKey;
    QString m_deviceType;
    QString m_otherDeviceType;
    QList<QByteArray> m_privateKeys; // every claim key received, to look for in the log
};

void TestRegistrationClient::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("blackbird.*.debug=true"));
    g_previousHandler = qInstallMessageHandler(captureMessage);
    QString error;
    QVERIFY2(m_stack.start({QStringLiteral("--rate-limit"), QStringLiteral("0/min")}, kStackStartMs,
                           &error),
             qPrintable(error));
    m_apiKey = SecretBytes(m_stack.endpoint("api_key").toLatin1());
    const QJsonArray types = m_stack.endpoints().value(QLatin1String("device_types")).toArray();
    QVERIFY(types.size() >= 2);
    m_deviceType = types.at(0).toString();
    m_otherDeviceType = types.at(1).toString();
    QVERIFY(!m_apiKey.isEmpty());
}

RegistrationConfig TestRegistrationClient::stackConfig() const
{
    RegistrationConfig config =
        RegistrationConfig::fromRegistrationUrl(QUrl(m_stack.endpoint("registration_url")));
    config.caFile = m_stack.endpoint("ca_file");
    config.timeoutMs = 10000;
    config.retry = quickRetries(3);
    return config;
}

RegistrationRequest TestRegistrationClient::newDevice(const QString &deviceType) const
{
    RegistrationRequest request;
    request.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.publicKeyBase64 = QString::fromLatin1(EcKey::generate().publicBase64());
    request.deviceType = deviceType.isEmpty() ? m_deviceType : deviceType;
    return request;
}

RegistrationReply *TestRegistrationClient::finish(RegistrationClient &client,
                                                  const RegistrationRequest &request,
                                                  const SecretBytes &key)
{
    RegistrationReply *reply = client.registerDevice(request, key);
    QSignalSpy finished(reply, &RegistrationReply::finished);
    if (!finished.wait(kReplyWaitMs) && finished.isEmpty())
        qWarning("the registration did not finish in time");
    return reply;
}

bool TestRegistrationClient::startScripted(ScriptedHttpsServer &server,
                                           const QList<ScriptedReply> &script)
{
    QString error;
    server.setScript(script);
    if (!server.start(m_stack.pkiFile(QStringLiteral("server.pem")),
                      m_stack.pkiFile(QStringLiteral("server.key")), &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

void TestRegistrationClient::refusesBadConfiguration_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("reason");

    QTest::newRow("plain http") << "http://127.0.0.1:1/v1/registrations" << QString() << "https://";
    QTest::newRow("no host") << "https:///v1/registrations" << QString() << "not a valid URL";
    QTest::newRow("missing CA file") << "https://127.0.0.1:1/v1/registrations"
                                     << "/nonexistent/ca.pem"
                                     << "Cannot read the CA file /nonexistent/ca.pem";
    QTest::newRow("CA file without certificate") << "https://127.0.0.1:1/v1/registrations"
                                                 << "GARBAGE"
                                                 << "holds no PEM certificate";
}

void TestRegistrationClient::refusesBadConfiguration()
{
    QFETCH(QString, url);
    QFETCH(QString, caFile);
    QFETCH(QString, reason);

    QTemporaryFile garbage;
    if (caFile == QLatin1String("GARBAGE")) {
        QVERIFY(garbage.open());
        garbage.write("-----BEGIN CERTIFICATE-----\nnot base64\n");
        garbage.close();
        caFile = garbage.fileName();
    }
    RegistrationConfig config = RegistrationConfig::fromRegistrationUrl(QUrl(url));
    config.caFile = caFile;
    RegistrationClient client;
    QString error;

    QVERIFY(!client.setConfig(config, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!client.isConfigured());
}

void TestRegistrationClient::splitsRegistrationUrl()
{
    const RegistrationConfig config = RegistrationConfig::fromRegistrationUrl(
        QUrl(QStringLiteral("https://127.0.0.1:8443/v1/registrations")));
    QCOMPARE(config.baseUrl, QUrl(QStringLiteral("https://127.0.0.1:8443")));
    QCOMPARE(config.path, QStringLiteral("/v1/registrations"));

    RegistrationConfig moved = config;
    moved.baseUrl = QUrl(QStringLiteral("https://blackbird.example/api/"));
    moved.path = QStringLiteral("v2/register");
    QCOMPARE(moved.endpoint(), QUrl(QStringLiteral("https://blackbird.example/api/v2/register")));
}

void TestRegistrationClient::registersDevice()
{
    RegistrationClient client;
    QString error;
    QVERIFY2(client.setConfig(stackConfig(), &error), qPrintable(error));
    const RegistrationRequest device = newDevice();

    RegistrationReply *first = finish(client, device, m_apiKey);
    QVERIFY(first->isFinished());
    QVERIFY2(first->result().ok(), qPrintable(first->result().message));
    QCOMPARE(first->result().httpStatus, 201);
    QCOMPARE(first->result().attempts, 1);
    ClaimCredentials credentials = first->takeCredentials();
    m_privateKeys << credentials.privateKeyPem.view().toByteArray();
    QVERIFY(first->takeCredentials().isEmpty());

    // The credentials pass every check against the stack's own claim CA and root.
    CredentialPolicy policy;
    QVERIFY2(CredentialPolicy::load(m_stack.pkiFile(QStringLiteral("claim-ca.pem")),
                                    m_stack.endpoint("ca_file"), &policy, &error),
             qPrintable(error));
    const CredentialCheckResult check =
        CredentialChecker::checkNow(credentials, policy, QDateTime::currentDateTimeUtc());
    QVERIFY2(check.ok(), qPrintable(check.message + QLatin1Char(' ') + check.detail));

    // Registering the same device again hands out the same claim credentials.
    RegistrationReply *again = finish(client, device, m_apiKey);
    QVERIFY2(again->result().ok(), qPrintable(again->result().message));
    QCOMPARE(again->result().httpStatus, 200);
    const ClaimCredentials repeated = again->takeCredentials();
    QCOMPARE(repeated.certificateId, credentials.certificateId);
    QCOMPARE(repeated.privateKeyPem.view(), credentials.privateKeyPem.view());
}

void TestRegistrationClient::serviceRefusals_data()
{
    QTest::addColumn<QString>("uuid");
    QTest::addColumn<QString>("publicKey");
    QTest::addColumn<QString>("deviceType");
    QTest::addColumn<QByteArray>("apiKey"); // empty: the stack's key
    QTest::addColumn<RegistrationError>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("serviceError");
    QTest::addColumn<QString>("reason"); // a part of the technician's message

    const QString key = QString::fromLatin1(EcKey::generate().publicBase64());
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QTest::newRow("400 invalid uuid") << "not-a-uuid" << key << QString() << QByteArray()
                                      << RegistrationError::InvalidRequest << 400 << "invalid_uuid"
                                      << "refused this device's data";
    QTest::newRow("400 public key not Base64")
        << uuid << "%%%%" << QString() << QByteArray() << RegistrationError::InvalidRequest << 400
        << "invalid_public_key"
        << "public_key must be standard Base64";
    QTest::newRow("400 public key not DER")
        << uuid << "AAAA" << QString() << QByteArray() << RegistrationError::InvalidRequest << 400
        << "invalid_public_key"
        << "refused this device's data";
    QTest::newRow("400 RSA public key")
        << uuid << QString::fromLatin1(rsaPublicKeyBase64()) << QString() << QByteArray()
        << RegistrationError::InvalidRequest << 400 << "unsupported_key_type"
        << "P-256";
    QTest::newRow("400 invalid device type")
        << uuid << key << "Sensor V1!" << QByteArray() << RegistrationError::InvalidRequest << 400
        << "invalid_device_type"
        << "device_type must be";
    QTest::newRow("401 unknown API key")
        << uuid << key << QString() << QByteArray("bbk_not_a_real_key")
        << RegistrationError::Unauthorized << 401 << "invalid_api_key"
        << "does not accept this station's API key";
    QTest::newRow("403 device type not allowed")
        << uuid << key << "blackbird-unknown-v9" << QByteArray() << RegistrationError::Forbidden
        << 403 << "device_type_not_allowed"
        << "may not register devices of type "
           "blackbird-unknown-v9";
    QTest::newRow("413 request too large")
        << uuid << key << QString(17 * 1024, QLatin1Char('a')) << QByteArray()
        << RegistrationError::TooLarge << 413 << "payload_too_large"
        << "too large";
}

void TestRegistrationClient::serviceRefusals()
{
    QFETCH(QString, uuid);
    QFETCH(QString, publicKey);
    QFETCH(QString, deviceType);
    QFETCH(QByteArray, apiKey);
    QFETCH(RegistrationError, error);
    QFETCH(int, status);
    QFETCH(QString, serviceError);
    QFETCH(QString, reason);

    RegistrationClient client;
    QString configError;
    QVERIFY2(client.setConfig(stackConfig(), &configError), qPrintable(configError));
    RegistrationRequest request{uuid, publicKey, deviceType.isEmpty() ? m_deviceType : deviceType};
    const SecretBytes key = apiKey.isEmpty() ? m_apiKey.clone() : SecretBytes(apiKey);

    RegistrationReply *reply = finish(client, request, key);

    const RegistrationResult &result = reply->result();
    QCOMPARE(result.error, error);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.serviceError, serviceError);
    QVERIFY2(QString(result.message + result.serviceMessage).contains(reason),
             qPrintable(result.message + QLatin1String(" | ") + result.serviceMessage));
    QCOMPARE(result.attempts, 1); // refusals are final: never retried
    QVERIFY(reply->takeCredentials().isEmpty());
}

void TestRegistrationClient::conflicts_data()
{
    QTest::addColumn<bool>("otherKey");
    QTest::addColumn<bool>("otherType");
    QTest::addColumn<QString>("serviceError");

    QTest::newRow("409 another public key") << true << false << "uuid_conflict";
    QTest::newRow("409 another device type") << false << true << "device_type_conflict";
}

void TestRegistrationClient::conflicts()
{
    QFETCH(bool, otherKey);
    QFETCH(bool, otherType);
    QFETCH(QString, serviceError);

    RegistrationClient client;
    QString error;
    QVERIFY2(client.setConfig(stackConfig(), &error), qPrintable(error));
    const RegistrationRequest device = newDevice();
    QVERIFY(finish(client, device, m_apiKey)->result().ok());

    RegistrationRequest changed = device;
    if (otherKey)
        changed.publicKeyBase64 = QString::fromLatin1(EcKey::generate().publicBase64());
    if (otherType)
        changed.deviceType = m_otherDeviceType;
    RegistrationReply *reply = finish(client, changed, m_apiKey);

    QCOMPARE(reply->result().error, RegistrationError::Conflict);
    QCOMPARE(reply->result().httpStatus, 409);
    QCOMPARE(reply->result().serviceError, serviceError);
    QVERIFY(reply->result().message.contains(device.uuid));
    QCOMPARE(reply->result().attempts, 1);
}

void TestRegistrationClient::refusesMissingApiKey()
{
    ScriptedHttpsServer server;
    QVERIFY(startScripted(server, {}));
    RegistrationConfig config = stackConfig();
    config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
    RegistrationClient client;
    QString error;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    for (const QByteArray &key : {QByteArray(), QByteArray("bad key\r\nx-injected: 1")}) {
        RegistrationReply *reply = client.registerDevice(newDevice(), SecretBytes(key));
        QVERIFY(!reply->isFinished()); // even this failure arrives through the event loop
        QSignalSpy finished(reply, &RegistrationReply::finished);
        QVERIFY(finished.wait(kReplyWaitMs));
        QCOMPARE(reply->result().error, RegistrationError::Configuration);
        QCOMPARE(reply->result().attempts, 0);
        QVERIFY(reply->result().message.contains(QLatin1String("API key")));
    }
    QCOMPARE(server.connections(), 0);
}

void TestRegistrationClient::rateLimitedByService()
{
    // A second stack that allows one request per minute: the second request is refused with
    // the service's own Retry-After, longer than the client may wait, so it ends at once.
    LocalStackProcess limited;
    QString error;
    QVERIFY2(limited.start({QStringLiteral("--rate-limit"), QStringLiteral("1/min")}, kStackStartMs,
                           &error),
             qPrintable(error));
    RegistrationConfig config =
        RegistrationConfig::fromRegistrationUrl(QUrl(limited.endpoint("registration_url")));
    config.caFile = limited.endpoint("ca_file");
    config.retry = quickRetries(3);
    RegistrationClient client;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));
    const SecretBytes key(limited.endpoint("api_key").toLatin1());

    QVERIFY(finish(client, newDevice(), key)->result().ok());
    RegistrationReply *reply = client.registerDevice(newDevice(), key);
    QSignalSpy retrying(reply, &RegistrationReply::retrying);
    QSignalSpy finished(reply, &RegistrationReply::finished);
    QVERIFY(finished.wait(kReplyWaitMs));

    const RegistrationResult &result = reply->result();
    QCOMPARE(result.error, RegistrationError::RateLimited);
    QCOMPARE(result.httpStatus, 429);
    QCOMPARE(result.serviceError, QStringLiteral("rate_limited"));
    QVERIFY2(result.retryAfterMs > config.retry.maxRetryAfterMs && result.retryAfterMs <= 60000,
             qPrintable(QString::number(result.retryAfterMs)));
    QVERIFY(result.message.contains(
        QStringLiteral("asked to wait %1 s").arg((result.retryAfterMs + 999) / 1000)));
    QCOMPARE(result.attempts, 1);
    QCOMPARE(retrying.count(), 0);
}

void TestRegistrationClient::refusesUntrustedServer_data()
{
    QTest::addColumn<QString>("caFile");

    QTest::newRow("system store only") << QString();
    QTest::newRow("another CA") << QStringLiteral("claim-ca.pem");
}

void TestRegistrationClient::refusesUntrustedServer()
{
    QFETCH(QString, caFile);

    RegistrationConfig config = stackConfig();
    config.caFile = caFile.isEmpty() ? QString() : m_stack.pkiFile(caFile);
    RegistrationClient client;
    QString error;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    RegistrationReply *reply = finish(client, newDevice(), m_apiKey);

    QCOMPARE(reply->result().error, RegistrationError::Tls);
    QCOMPARE(reply->result().httpStatus, 0);
    QCOMPARE(reply->result().attempts, 1); // a trust problem is not retried
    QVERIFY2(reply->result().message.contains(QLatin1String("not trusted")),
             qPrintable(reply->result().message));
}

void TestRegistrationClient::retriesRefusedConnection()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    RegistrationConfig config = stackConfig();
    config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
    RegistrationClient client;
    QString error;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    RegistrationReply *reply = client.registerDevice(newDevice(), m_apiKey);
    QSignalSpy retrying(reply, &RegistrationReply::retrying);
    QSignalSpy finished(reply, &RegistrationReply::finished);
    QVERIFY(finished.wait(kReplyWaitMs));

    QCOMPARE(reply->result().error, RegistrationError::Network);
    QCOMPARE(reply->result().attempts, 3);
    QCOMPARE(retrying.count(), 2);
    QCOMPARE(retrying.at(0).at(0).toInt(), 2);
    QCOMPARE(retrying.at(1).at(0).toInt(), 3);
    for (const QList<QVariant> &signal : retrying) {
        const int delay = signal.at(1).toInt();
        QVERIFY2(delay >= 10 && delay <= 80, qPrintable(QString::number(delay)));
    }
    QVERIFY2(reply->result().message.contains(QLatin1String("refused the connection")),
             qPrintable(reply->result().message));
    QCOMPARE(finished.count(), 1);
}

void TestRegistrationClient::retriesTimeout()
{
    ScriptedHttpsServer silent;
    QString error;
    QVERIFY2(silent.startSilent(&error), qPrintable(error));
    RegistrationConfig config = stackConfig();
    config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(silent.serverPort()));
    config.timeoutMs = 300;
    config.retry = quickRetries(2);
    RegistrationClient client;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    RegistrationReply *reply = finish(client, newDevice(), m_apiKey);

    QCOMPARE(reply->result().error, RegistrationError::Timeout);
    QCOMPARE(reply->result().attempts, 2);
    QVERIFY2(silent.connections() >= 2, qPrintable(QString::number(silent.connections())));
    QVERIFY2(reply->result().message.contains(QLatin1String("did not answer within 1 s")),
             qPrintable(reply->result().message));
}

void TestRegistrationClient::scriptedAnswers_data()
{
    QTest::addColumn<QList<ScriptedReply>>("script");
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<RegistrationError>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("reason");

    const ScriptedReply ok{201, fakeCredentialsBody(), {}};
    const ScriptedReply internal{500, serviceError("internal", "database on fire"), {}};
    const ScriptedReply unavailable{503, serviceError("database_unavailable", "try again"), {}};

    QTest::newRow("500 retried until the tries run out")
        << QList<ScriptedReply>{internal, internal, internal} << 3 << RegistrationError::ServerError
        << 500 << 3 << "database on fire";
    QTest::newRow("503 then success") << QList<ScriptedReply>{unavailable, ok} << 3
                                      << RegistrationError::None << 201 << 2 << "Registered";
    QTest::newRow("502 without body") << QList<ScriptedReply>{{502, {}, {}}} << 1
                                      << RegistrationError::ServerError << 502 << 1 << "HTTP 502";
    QTest::newRow("200 with HTML")
        << QList<ScriptedReply>{{200, "<html>ok</html>", {}}} << 3
        << RegistrationError::MalformedResponse << 200 << 1 << "not a JSON object";
    QTest::newRow("201 with a missing field")
        << QList<ScriptedReply>{{201, R"({"certificate_id":"x"})", {}}} << 3
        << RegistrationError::MalformedResponse << 201 << 1 << "missing";
    QTest::newRow("200 with a huge body")
        << QList<ScriptedReply>{{200, QByteArray(200 * 1024, ' '), {}}} << 3
        << RegistrationError::MalformedResponse << 0 << 1 << "larger than 64 KiB";
    QTest::newRow("404 wrong path")
        << QList<ScriptedReply>{{404, serviceError("not_found", "no"), {}}} << 3
        << RegistrationError::UnexpectedStatus << 404 << 1 << "Check the registration URL";
    QTest::newRow("301 redirect is not followed")
        << QList<ScriptedReply>{{301, {}, {{"Location", "https://evil.example/"}}}} << 3
        << RegistrationError::UnexpectedStatus << 301 << 1 << "HTTP status 301";
    QTest::newRow("401 missing key")
        << QList<ScriptedReply>{{401, serviceError("missing_api_key", "send it"), {}}} << 3
        << RegistrationError::Unauthorized << 401 << 1 << "received no API key";
    QTest::newRow("429 asking too long a wait")
        << QList<ScriptedReply>{{429,
                                 serviceError("rate_limited", "slow"),
                                 {{"Retry-After", "120"}}}}
        << 3 << RegistrationError::RateLimited << 429 << 1 << "asked to wait 120 s";
    QTest::newRow("429 without Retry-After uses backoff")
        << QList<ScriptedReply>{{429, {}, {}}, {429, {}, {}}} << 2 << RegistrationError::RateLimited
        << 429 << 2 << "Try again in a minute";
}

void TestRegistrationClient::scriptedAnswers()
{
    QFETCH(QList<ScriptedReply>, script);
    QFETCH(int, maxAttempts);
    QFETCH(RegistrationError, error);
    QFETCH(int, status);
    QFETCH(int, attempts);
    QFETCH(QString, reason);

    ScriptedHttpsServer server;
    QVERIFY(startScripted(server, script));
    RegistrationConfig config = stackConfig();
    config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
    config.retry = quickRetries(maxAttempts);
    RegistrationClient client;
    QString configError;
    QVERIFY2(client.setConfig(config, &configError), qPrintable(configError));
    const RegistrationRequest device = newDevice();

    RegistrationReply *reply = finish(client, device, m_apiKey);

    const RegistrationResult &result = reply->result();
    QCOMPARE(result.error, error);
    if (status)
        QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.attempts, attempts);
    QVERIFY2(result.message.contains(reason), qPrintable(result.message));
    QCOMPARE(server.received().size(), attempts);
    QCOMPARE(reply->takeCredentials().isEmpty(), !result.ok());

    // What went over the wire: the documented body, and the key in x-api-key.
    const auto &first = server.received().constFirst();
    QVERIFY(first.head.startsWith("POST /v1/registrations HTTP/1.1"));
    const QByteArray keyHeader = "\r\nx-api-key: " + m_apiKey.view().toByteArray().toLower();
    QVERIFY(first.head.toLower().contains(keyHeader));
    const QJsonObject sent = QJsonDocument::fromJson(first.body).object();
    QCOMPARE(sent.value(QLatin1String("uuid")).toString(), device.uuid);
    QCOMPARE(sent.value(QLatin1String("public_key")).toString(), device.publicKeyBase64);
    QCOMPARE(sent.value(QLatin1String("device_type")).toString(), device.deviceType);
}

void TestRegistrationClient::honoursRetryAfter()
{
    ScriptedHttpsServer server;
    QVERIFY(
        startScripted(server, {{429, serviceError("rate_limited", "wait"), {{"Retry-After", "1"}}},
                               {201, fakeCredentialsBody(), {}}}));
    RegistrationConfig config = stackConfig();
    config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
    RegistrationClient client;
    QString error;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    RegistrationReply *reply = client.registerDevice(newDevice(), m_apiKey);
    QSignalSpy retrying(reply, &RegistrationReply::retrying);
    QSignalSpy finished(reply, &RegistrationReply::finished);
    QVERIFY(finished.wait(kReplyWaitMs));

    QVERIFY2(reply->result().ok(), qPrintable(reply->result().message));
    QCOMPARE(reply->result().attempts, 2);
    QCOMPARE(retrying.count(), 1);
    const int delay = retrying.at(0).at(1).toInt();
    QVERIFY2(delay >= 1000 && delay < 1100, qPrintable(QString::number(delay)));
    const auto failedTry = retrying.at(0).at(2).value<RegistrationResult>();
    QCOMPARE(failedTry.error, RegistrationError::RateLimited);
    QCOMPARE(failedTry.retryAfterMs, qint64(1000));
    // The server saw the second request no earlier than it asked for.
    QCOMPARE(server.received().size(), 2);
    QVERIFY(server.received().at(1).atMs - server.received().at(0).atMs >= 1000);
}

void TestRegistrationClient::cancels_data()
{
    QTest::addColumn<bool>("duringBackoff");

    QTest::newRow("while waiting for the answer") << false;
    QTest::newRow("while waiting to retry") << true;
}

void TestRegistrationClient::cancels()
{
    QFETCH(bool, duringBackoff);

    ScriptedHttpsServer server;
    QString error;
    if (duringBackoff)
        QVERIFY(startScripted(server, {{503, {}, {}}}));
    else
        QVERIFY2(server.startSilent(&error), qPrintable(error));
    RegistrationConfig config = stackConfig();
    config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort()));
    config.retry.baseDelayMs = 20000; // the retry would come long after the test ends
    config.retry.maxDelayMs = 20000;
    RegistrationClient client;
    QVERIFY2(client.setConfig(config, &error), qPrintable(error));

    RegistrationReply *reply = client.registerDevice(newDevice(), m_apiKey);
    QSignalSpy retrying(reply, &RegistrationReply::retrying);
    QSignalSpy finished(reply, &RegistrationReply::finished);
    if (duringBackoff)
        QTRY_COMPARE_WITH_TIMEOUT(retrying.count(), 1, kReplyWaitMs);
    else
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 1, kReplyWaitMs);
    reply->abort();
    QTRY_COMPARE(finished.count(), 1);

    QCOMPARE(reply->result().error, RegistrationError::Cancelled);
    QCOMPARE(reply->result().attempts, 1);
    reply->abort(); // a second cancel changes nothing
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->result().error, RegistrationError::Cancelled);
}

void TestRegistrationClient::logsHoldNoSecret()
{
    // Runs last: every test above logged through the station's categories at debug level.
    QVERIFY(g_log.size() > 20);
    QVERIFY(!m_privateKeys.isEmpty());
    const QString log = g_log.join(QLatin1Char('\n'));
    QVERIFY(log.contains(QLatin1String("registered")));

    QVERIFY(!log.contains(QString::fromLatin1(m_apiKey.view())));
    QVERIFY(!log.contains(QLatin1String("PRIVATE KEY")));
    for (const QByteArray &key : std::as_const(m_privateKeys)) {
        // The Base64 lines of the key, any one of which would be a leak.
        for (const QByteArray &line : key.split('\n')) {
            if (line.size() > 20 && !line.startsWith("-----"))
                QVERIFY(!log.contains(QString::fromLatin1(line)));
        }
    }
}

QTEST_GUILESS_MAIN(TestRegistrationClient)
#include "tst_registrationclient.moc"
