// The real blackbird-local program with --registration-fault rules, over HTTPS on loopback: each
// fault answers as documented (429 with Retry-After, 500, each 4xx, a late answer, a dropped
// connection, half a body, spoiled claim credentials), only for the device it names, only as
// often as it says, and the next request gets the service's real answer.
#include "httpsclient.h"
#include "stackprocess.h"

#include "crypto/certificate.h"
#include "crypto/eckey.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Blackbird;

namespace {

const QString kSensor = QStringLiteral("blackbird-sensor-v1");
const QList<int> kClientErrors = {400, 401, 403, 404, 409, 413, 415, 422};

QString uuidNumber(int n)
{
    return QStringLiteral("fa017000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

QByteArray registrationBody(const QString &uuid, const QByteArray &publicKey)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("uuid"), uuid},
                                     {QStringLiteral("public_key"), QString::fromLatin1(publicKey)},
                                     {QStringLiteral("device_type"), kSensor}})
        .toJson(QJsonDocument::Compact);
}

// Device numbers of the rules armed in initTestCase.
enum Device {
    RateLimited = 1,
    ServerError,
    Late,
    TimedOut,
    Closed,
    MismatchedKey,
    WrongId,
    Expired,
    Truncated,
    AfterTwo,
    FromFile,
    FromFileLater,
    FirstClientError = 100, // + index into kClientErrors
};

QString rule(const QString &spec, int device)
{
    return spec + QStringLiteral(",uuid=") + uuidNumber(device);
}

} // namespace

class TestRegistrationFaultStack : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void rateLimitedWithRetryAfter();
    void serverErrorOnce();
    void eachClientError_data();
    void eachClientError();
    void lateAnswer();
    void clientTimesOutThenRetrySucceeds();
    void connectionClosed();
    void mismatchedKey();
    void wrongCertificateId();
    void expiredCertificate();
    void truncatedBody();
    void letsFirstRequestsThrough();
    void otherDevicesUntouched();
    void faultsFromEnvironment();
    void faultsFromFileWhileRunning();

private:
    HttpsResult registerDevice(int device, const QByteArray &publicKey);
    void checkRealCredentials(const HttpsResult &result);
    QUrl url() const;

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    std::unique_ptr<HttpsClient> m_client;
    QJsonObject m_endpoints;
    QByteArray m_apiKey;
};

void TestRegistrationFaultStack::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStringList rules{
        rule(QStringLiteral("status=429,retry-after=2,times=2"), RateLimited),
        rule(QStringLiteral("status=500,times=1"), ServerError),
        rule(QStringLiteral("delay-ms=1500,times=1"), Late),
        rule(QStringLiteral("delay-ms=4000,times=1"), TimedOut),
        rule(QStringLiteral("close,times=8"), Closed),
        rule(QStringLiteral("mismatched-key,times=1"), MismatchedKey),
        rule(QStringLiteral("wrong-certificate-id,times=1"), WrongId),
        rule(QStringLiteral("expired-certificate,times=1"), Expired),
        rule(QStringLiteral("truncated-body,times=1"), Truncated),
        rule(QStringLiteral("status=503,after=2,times=1"), AfterTwo),
    };
    for (qsizetype i = 0; i < kClientErrors.size(); ++i) {
        rules << rule(QStringLiteral("status=%1,times=1").arg(kClientErrors.at(i)),
                      FirstClientError + int(i));
    }
    QStringList arguments;
    for (const QString &spec : std::as_const(rules))
        arguments << QStringLiteral("--registration-fault") << spec;

    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(m_stack->start(arguments, &error), qPrintable(error));
    QVERIFY(m_stack->output().contains(QLatin1String("registration fault armed: close,times=8")));
    m_endpoints = m_stack->endpoints();
    m_apiKey = m_endpoints.value(QLatin1String("api_key")).toString().toLatin1();
    m_client =
        std::make_unique<HttpsClient>(m_endpoints.value(QLatin1String("ca_file")).toString());
}

void TestRegistrationFaultStack::cleanupTestCase()
{
    // Whatever the faults did, the service still answers its health check and stops cleanly.
    if (m_client) {
        const HttpsResult health =
            m_client->get(QUrl(m_endpoints.value(QLatin1String("health_url")).toString()));
        QCOMPARE(health.status, 200);
    }
    m_client.reset();
    if (m_stack)
        QCOMPARE(m_stack->stop(), 0);
}

QUrl TestRegistrationFaultStack::url() const
{
    return QUrl(m_endpoints.value(QLatin1String("registration_url")).toString());
}

HttpsResult TestRegistrationFaultStack::registerDevice(int device, const QByteArray &publicKey)
{
    return m_client->post(url(), registrationBody(uuidNumber(device), publicKey), m_apiKey);
}

// The service's own answer: a certificate from the claim CA, its key, its id.
void TestRegistrationFaultStack::checkRealCredentials(const HttpsResult &result)
{
    QVERIFY2(result.status == 200 || result.status == 201, result.body.constData());
    const Certificate certificate = Certificate::fromPem(
        result.json.value(QLatin1String("certificate_pem")).toString().toLatin1());
    QVERIFY(!certificate.isNull());
    QCOMPARE(result.json.value(QLatin1String("certificate_id")).toString(),
             certificate.sha256Hex());
    QVERIFY(certificate.matchesPrivateKey(EcKey::fromPrivatePem(
        result.json.value(QLatin1String("private_key")).toString().toLatin1())));
    QVERIFY(certificate.notAfter() > QDateTime::currentDateTimeUtc());
}

void TestRegistrationFaultStack::rateLimitedWithRetryAfter()
{
    const QByteArray key = EcKey::generate().publicBase64();
    for (int attempt = 0; attempt < 2; ++attempt) {
        const HttpsResult limited = registerDevice(RateLimited, key);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("Retry-After"), QByteArray("2"));
        QCOMPARE(limited.json.value(QLatin1String("error")).toString(),
                 QStringLiteral("rate_limited"));
        QVERIFY(limited.json.value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("--registration-fault status=429")));
        QCOMPARE(limited.json.size(), 2);
    }

    // Nothing was stored by the refused attempts: the third is the first registration.
    const HttpsResult third = registerDevice(RateLimited, key);
    QCOMPARE(third.status, 201);
    checkRealCredentials(third);
}

void TestRegistrationFaultStack::serverErrorOnce()
{
    const QByteArray key = EcKey::generate().publicBase64();
    const HttpsResult failed = registerDevice(ServerError, key);
    QCOMPARE(failed.status, 500);
    QCOMPARE(failed.json.value(QLatin1String("error")).toString(),
             QStringLiteral("internal_error"));
    QVERIFY(failed.header("Retry-After").isEmpty());
    QCOMPARE(failed.header("Content-Type"), QByteArray("application/json"));

    const HttpsResult retry = registerDevice(ServerError, key);
    QCOMPARE(retry.status, 201);
    checkRealCredentials(retry);
}

void TestRegistrationFaultStack::eachClientError_data()
{
    QTest::addColumn<int>("device");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QStringList codes{
        QStringLiteral("malformed_json"),          QStringLiteral("invalid_api_key"),
        QStringLiteral("device_type_not_allowed"), QStringLiteral("not_found"),
        QStringLiteral("uuid_conflict"),           QStringLiteral("payload_too_large"),
        QStringLiteral("unsupported_media_type"),  QStringLiteral("bad_request"),
    };
    for (qsizetype i = 0; i < kClientErrors.size(); ++i) {
        QTest::addRow("%d", kClientErrors.at(i))
            << FirstClientError + int(i) << kClientErrors.at(i) << codes.at(i);
    }
}

void TestRegistrationFaultStack::eachClientError()
{
    QFETCH(int, device);
    QFETCH(int, status);
    QFETCH(QString, error);

    const QByteArray key = EcKey::generate().publicBase64();
    const HttpsResult refused = registerDevice(device, key);
    QCOMPARE(refused.status, status);
    QCOMPARE(refused.json.value(QLatin1String("error")).toString(), error);
    QVERIFY(!refused.json.contains(QLatin1String("private_key")));

    const HttpsResult retry = registerDevice(device, key);
    QCOMPARE(retry.status, 201);
}

void TestRegistrationFaultStack::lateAnswer()
{
    QElapsedTimer clock;
    clock.start();
    const HttpsResult late = registerDevice(Late, EcKey::generate().publicBase64());
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed >= 1400, qPrintable(QString::number(elapsed)));
    QCOMPARE(late.status, 201);
    checkRealCredentials(late);

    // Only once.
    clock.restart();
    QCOMPARE(registerDevice(Late, EcKey::generate().publicBase64()).status, 409);
    QVERIFY(clock.elapsed() < 1400);
}

void TestRegistrationFaultStack::clientTimesOutThenRetrySucceeds()
{
    const QByteArray key = EcKey::generate().publicBase64();
    QNetworkAccessManager manager;
    QNetworkRequest request(url());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(
        QSslCertificate::fromPath(m_endpoints.value(QLatin1String("ca_file")).toString()));
    request.setSslConfiguration(tls);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("x-api-key", m_apiKey);
    request.setTransferTimeout(800);
    QNetworkReply *reply = manager.post(request, registrationBody(uuidNumber(TimedOut), key));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    delete reply;

    // The service registered the device before it sat on the answer: asking again repeats it.
    const HttpsResult retry = registerDevice(TimedOut, key);
    QCOMPARE(retry.status, 200);
    checkRealCredentials(retry);
}

void TestRegistrationFaultStack::connectionClosed()
{
    // Qt's network access resends a request by itself when the connection closes before any
    // answer, a few times, so the rule drops eight connections in a row.
    const QByteArray key = EcKey::generate().publicBase64();
    m_stack->process().readAllStandardError();
    HttpsClient fresh(m_endpoints.value(QLatin1String("ca_file")).toString());
    const HttpsResult dropped =
        fresh.post(url(), registrationBody(uuidNumber(Closed), key), m_apiKey);
    QCOMPARE(dropped.status, 0);
    QCOMPARE(dropped.networkError, QNetworkReply::RemoteHostClosedError);

    QByteArray log;
    QTRY_VERIFY((log += m_stack->process().readAllStandardError()).contains("fault close"));
    const qsizetype dropsSeen = log.count("injecting fault close");
    qInfo() << "one request from QNetworkAccessManager met" << dropsSeen << "dropped connections";
    QVERIFY(dropsSeen >= 1 && dropsSeen < 8);

    // Nothing was stored by the dropped attempts: once the rule is used up, the device is new.
    HttpsResult retry;
    for (qsizetype attempt = dropsSeen; attempt <= 8 && retry.status == 0; ++attempt)
        retry = fresh.post(url(), registrationBody(uuidNumber(Closed), key), m_apiKey);
    QCOMPARE(retry.status, 201);
    checkRealCredentials(retry);
}

void TestRegistrationFaultStack::mismatchedKey()
{
    const QByteArray key = EcKey::generate().publicBase64();
    const HttpsResult spoiled = registerDevice(MismatchedKey, key);
    QCOMPARE(spoiled.status, 201);
    const Certificate certificate = Certificate::fromPem(
        spoiled.json.value(QLatin1String("certificate_pem")).toString().toLatin1());
    const EcKey claimKey = EcKey::fromPrivatePem(
        spoiled.json.value(QLatin1String("private_key")).toString().toLatin1());
    QVERIFY(!certificate.isNull());
    QVERIFY(!claimKey.isNull());
    QVERIFY(!certificate.matchesPrivateKey(claimKey));
    QCOMPARE(spoiled.json.value(QLatin1String("certificate_id")).toString(),
             certificate.sha256Hex());

    const HttpsResult retry = registerDevice(MismatchedKey, key);
    QCOMPARE(retry.status, 200);
    checkRealCredentials(retry);
    QCOMPARE(retry.json.value(QLatin1String("certificate_pem")),
             spoiled.json.value(QLatin1String("certificate_pem")));
}

void TestRegistrationFaultStack::wrongCertificateId()
{
    const QByteArray key = EcKey::generate().publicBase64();
    const HttpsResult spoiled = registerDevice(WrongId, key);
    QCOMPARE(spoiled.status, 201);
    const QString id = spoiled.json.value(QLatin1String("certificate_id")).toString();
    const Certificate certificate = Certificate::fromPem(
        spoiled.json.value(QLatin1String("certificate_pem")).toString().toLatin1());
    QCOMPARE(id.size(), 64);
    QVERIFY(id != certificate.sha256Hex());
    QVERIFY(certificate.matchesPrivateKey(EcKey::fromPrivatePem(
        spoiled.json.value(QLatin1String("private_key")).toString().toLatin1())));

    const HttpsResult retry = registerDevice(WrongId, key);
    QCOMPARE(retry.status, 200);
    checkRealCredentials(retry);
}

void TestRegistrationFaultStack::expiredCertificate()
{
    const QByteArray key = EcKey::generate().publicBase64();
    const HttpsResult spoiled = registerDevice(Expired, key);
    QCOMPARE(spoiled.status, 201);
    const Certificate certificate = Certificate::fromPem(
        spoiled.json.value(QLatin1String("certificate_pem")).toString().toLatin1());
    QVERIFY(!certificate.isNull());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(certificate.notAfter() < now);
    QVERIFY(certificate.notBefore() < certificate.notAfter());
    QCOMPARE(spoiled.json.value(QLatin1String("certificate_id")).toString(),
             certificate.sha256Hex());
    QVERIFY(certificate.matchesPrivateKey(EcKey::fromPrivatePem(
        spoiled.json.value(QLatin1String("private_key")).toString().toLatin1())));
    QCOMPARE(certificate.issuerCommonName(), QStringLiteral("Blackbird Local Claim CA"));

    const HttpsResult retry = registerDevice(Expired, key);
    QCOMPARE(retry.status, 200);
    checkRealCredentials(retry);
    QVERIFY(retry.json.value(QLatin1String("certificate_id")) !=
            spoiled.json.value(QLatin1String("certificate_id")));
}

void TestRegistrationFaultStack::truncatedBody()
{
    const QByteArray key = EcKey::generate().publicBase64();
    const HttpsResult spoiled = registerDevice(Truncated, key);
    QCOMPARE(spoiled.status, 201);
    QVERIFY(!spoiled.body.isEmpty());
    QCOMPARE(spoiled.header("Content-Length"), QByteArray::number(spoiled.body.size()));
    QJsonParseError parseError;
    QJsonDocument::fromJson(spoiled.body, &parseError);
    QVERIFY(parseError.error != QJsonParseError::NoError);

    const HttpsResult retry = registerDevice(Truncated, key);
    QCOMPARE(retry.status, 200);
    checkRealCredentials(retry);
}

void TestRegistrationFaultStack::letsFirstRequestsThrough()
{
    const QByteArray key = EcKey::generate().publicBase64();
    QCOMPARE(registerDevice(AfterTwo, key).status, 201);
    QCOMPARE(registerDevice(AfterTwo, key).status, 200);
    const HttpsResult third = registerDevice(AfterTwo, key);
    QCOMPARE(third.status, 503);
    QCOMPARE(third.json.value(QLatin1String("error")).toString(),
             QStringLiteral("database_unavailable"));
    QCOMPARE(registerDevice(AfterTwo, key).status, 200);
}

void TestRegistrationFaultStack::otherDevicesUntouched()
{
    for (int i = 0; i < 5; ++i) {
        const HttpsResult result = registerDevice(1000 + i, EcKey::generate().publicBase64());
        QCOMPARE(result.status, 201);
        checkRealCredentials(result);
    }
}

void TestRegistrationFaultStack::faultsFromEnvironment()
{
    QTemporaryDir dir;
    StackProcess stack(dir.filePath(QStringLiteral("state")));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BLACKBIRD_LOCAL_REGISTRATION_FAULTS"),
                       QStringLiteral("status=502,times=1;status=429,retry-after=7,times=1"));
    stack.process().setProcessEnvironment(environment);
    QString error;
    QVERIFY2(stack.start({}, &error), qPrintable(error));

    const QJsonObject endpoints = stack.endpoints();
    HttpsClient client(endpoints.value(QLatin1String("ca_file")).toString());
    const QUrl target(endpoints.value(QLatin1String("registration_url")).toString());
    const QByteArray apiKey = endpoints.value(QLatin1String("api_key")).toString().toLatin1();
    const QByteArray body = registrationBody(uuidNumber(2000), EcKey::generate().publicBase64());

    QCOMPARE(client.post(target, body, apiKey).status, 502);
    const HttpsResult limited = client.post(target, body, apiKey);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("7"));
    QCOMPARE(client.post(target, body, apiKey).status, 201);
    QCOMPARE(stack.stop(), 0);
}

void TestRegistrationFaultStack::faultsFromFileWhileRunning()
{
    // The stack's own log tells when it has read the file.
    QByteArray log = m_stack->process().readAllStandardError();
    const auto waitForLog = [this, &log](const QByteArray &text) {
        QDeadlineTimer deadline(10000);
        while (!log.contains(text) && !deadline.hasExpired()) {
            m_stack->process().waitForReadyRead(100);
            log += m_stack->process().readAllStandardError();
        }
        const bool found = log.contains(text);
        log.clear();
        return found;
    };
    const QString path = m_stack->stateDir() + QStringLiteral("/registration-faults");
    const auto writeFile = [&path](const QByteArray &content) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
               file.write(content) == content.size();
    };
    const QByteArray key = EcKey::generate().publicBase64();

    QVERIFY(writeFile("# rehearsal\n\nstatus=500,times=1,uuid=" + uuidNumber(FromFile).toLatin1() +
                      "\n"));
    QVERIFY(waitForLog("registration fault armed from"));
    QCOMPARE(registerDevice(FromFile, key).status, 500);
    QCOMPARE(registerDevice(FromFile, key).status, 201);

    // A mistake in the file is reported and changes nothing.
    QVERIFY(writeFile("status=500,times=1,uuid=" + uuidNumber(FromFile).toLatin1() +
                      "\nstatus=9000\n"));
    QVERIFY(waitForLog("line 2: --registration-fault status=9000: status must be"));
    QCOMPARE(registerDevice(FromFile, key).status, 200);

    // Rules from the file are tried before the command line's, and removing the file disarms
    // them.
    QVERIFY(writeFile("status=429,retry-after=3,uuid=" + uuidNumber(FromFileLater).toLatin1()));
    QVERIFY(waitForLog("registration fault armed from"));
    const HttpsResult limited = registerDevice(FromFileLater, key);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("3"));
    QVERIFY(QFile::remove(path));
    QVERIFY(waitForLog("no registration faults from"));
    QCOMPARE(registerDevice(FromFileLater, key).status, 201);
}

QTEST_GUILESS_MAIN(TestRegistrationFaultStack)
#include "tst_registrationfaultstack.moc"
