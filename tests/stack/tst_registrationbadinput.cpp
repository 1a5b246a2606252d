// Hostile requests against the real blackbird-local registration service, written byte for byte
// over TLS (verified against the stack's root CA) so that nothing in between tidies them up:
// malformed JSON, wrong types and missing fields, odd Unicode, SQL meta-characters in every field,
// very long fields, oversize bodies, wrong content types, methods and paths, API key games,
// header injection and broken HTTP. Each must get a 4xx with a JSON {error, message}, or for
// bytes that are not HTTP at all a closed connection; never a 5xx, never a crash, nothing stored,
// and the service must answer its health check afterwards.
#include "httpsclient.h"
#include "stackprocess.h"

#include "crypto/eckey.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Blackbird;

namespace {

const QByteArray kSensor = "blackbird-sensor-v1";
const QByteArray kUuid = "bad1e000-0000-4000-8000-000000000001";
const QByteArray kApiKeyMark = "@KEY@"; // replaced by the stack's API key when sent

struct RawReply
{
    bool answered = false; // a whole HTTP response arrived
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QJsonObject json;
    QByteArray raw;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// An HTTP/1.1 request; headers without Host and Content-Length unless given in extraHead.
QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &headers,
                   const QByteArray &body, bool contentLength = true)
{
    QByteArray text = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers;
    if (contentLength)
        text += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return text + "\r\n" + body;
}

QByteArray jsonPost(const QByteArray &body, const QByteArray &contentType = "application/json")
{
    QByteArray headers = "x-api-key: " + kApiKeyMark + "\r\n";
    if (!contentType.isNull())
        headers += "Content-Type: " + contentType + "\r\n";
    return request("POST", "/v1/registrations", headers, body);
}

// A body with the three fields given as raw JSON values (already quoted where they are strings).
QByteArray fields(const QByteArray &uuid, const QByteArray &publicKey, const QByteArray &type)
{
    return "{\"uuid\":" + uuid + ",\"public_key\":" + publicKey + ",\"device_type\":" + type + "}";
}

QByteArray quoted(const QByteArray &text)
{
    return '"' + text + '"';
}

} // namespace

class TestRegistrationBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void refusedWithClearError_data();
    void refusedWithClearError();
    void brokenHttpNeverAnswered5xx_data();
    void brokenHttpNeverAnswered5xx();
    void extraFieldsCannotSmuggleCredentials();
    void byteOrderMarkIsTolerated();
    void bodyAtTheLimitIsRead();
    void requestCutOffMidway();
    void responsesCarryNoInjectedHeaders();

private:
    RawReply send(QByteArray bytes, int timeoutMs = 10000);
    void checkStillHealthy();
    int registrationCount();

    QTemporaryDir m_dir;
    std::unique_ptr<StackProcess> m_stack;
    std::unique_ptr<HttpsClient> m_client;
    QJsonObject m_endpoints;
    QByteArray m_apiKey;
    QByteArray m_publicKey;
    quint16 m_port = 0;
};

void TestRegistrationBadInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_stack = std::make_unique<StackProcess>(m_dir.filePath(QStringLiteral("state")));
    QString error;
    QVERIFY2(m_stack->start({QStringLiteral("--rate-limit"), QStringLiteral("0/min")}, &error),
             qPrintable(error));
    m_endpoints = m_stack->endpoints();
    m_apiKey = m_endpoints.value(QLatin1String("api_key")).toString().toLatin1();
    m_port = QUrl(m_endpoints.value(QLatin1String("registration_url")).toString()).port();
    m_client =
        std::make_unique<HttpsClient>(m_endpoints.value(QLatin1String("ca_file")).toString());
    m_publicKey = EcKey::generate().publicBase64();
    QVERIFY(m_port != 0);
}

void TestRegistrationBadInput::cleanupTestCase()
{
    m_client.reset();
    if (m_stack)
        QCOMPARE(m_stack->stop(), 0);
}

RawReply TestRegistrationBadInput::send(QByteArray bytes, int timeoutMs)
{
    bytes.replace(kApiKeyMark, m_apiKey);

    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(
        QSslCertificate::fromPath(m_endpoints.value(QLatin1String("ca_file")).toString()));
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(tls);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
    RawReply reply;
    if (!socket.waitForEncrypted(timeoutMs)) {
        qWarning() << "TLS handshake failed:" << socket.errorString();
        return reply;
    }
    socket.write(bytes);

    // Reads until one whole response (by Content-Length), the server closing, or the deadline.
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const qsizetype headEnd = reply.raw.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QList<QByteArray> lines = reply.raw.left(headEnd).split('\n');
            qsizetype length = -1;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                const QByteArray name = lines[i].left(colon).trimmed();
                const QByteArray value = lines[i].mid(colon + 1).trimmed();
                if (i > reply.headers.size())
                    reply.headers.emplaceBack(name, value);
                if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                    length = value.toLongLong();
            }
            if (length >= 0 && reply.raw.size() - headEnd - 4 >= length) {
                reply.answered = true;
                reply.status = lines.constFirst().split(' ').value(1).toInt();
                reply.body = reply.raw.mid(headEnd + 4, length);
                reply.json = QJsonDocument::fromJson(reply.body).object();
                break;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
        socket.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 200))));
        reply.raw += socket.readAll();
    }
    reply.raw += socket.readAll();
    return reply;
}

void TestRegistrationBadInput::checkStillHealthy()
{
    QCOMPARE(m_stack->process().state(), QProcess::Running);
    const HttpsResult health =
        m_client->get(QUrl(m_endpoints.value(QLatin1String("health_url")).toString()));
    QCOMPARE(health.status, 200);
}

int TestRegistrationBadInput::registrationCount()
{
    const QString name = QStringLiteral("bad-input-reader");
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

void TestRegistrationBadInput::refusedWithClearError_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QByteArray uuid = quoted(kUuid);
    const QByteArray key = quoted(m_publicKey);
    const QByteArray type = quoted(kSensor);
    const auto row = [](const char *name, const QByteArray &bytes, int status, const char *error) {
        QTest::newRow(name) << bytes << status << QString::fromLatin1(error);
    };

    // Malformed JSON.
    row("truncated", jsonPost("{\"uuid\":\"bad1"), 400, "malformed_json");
    row("empty body", jsonPost(""), 400, "malformed_json");
    row("whitespace body", jsonPost("  \r\n\t "), 400, "malformed_json");
    row("trailing garbage", jsonPost(fields(uuid, key, type) + "x"), 400, "malformed_json");
    row("two objects", jsonPost(fields(uuid, key, type) + fields(uuid, key, type)), 400,
        "malformed_json");
    row("single quotes", jsonPost("{'uuid':'x'}"), 400, "malformed_json");
    row("comment", jsonPost("/* hi */" + fields(uuid, key, type)), 400, "malformed_json");
    row("NaN", jsonPost("{\"uuid\":NaN}"), 400, "malformed_json");
    row("unquoted key", jsonPost("{uuid:1}"), 400, "malformed_json");
    row("top-level string", jsonPost("\"uuid\""), 400, "malformed_json");
    row("top-level null", jsonPost("null"), 400, "malformed_json");
    row("top-level array", jsonPost("[" + fields(uuid, key, type) + "]"), 400, "malformed_json");
    row("deep nesting", jsonPost(QByteArray(5000, '[') + QByteArray(5000, ']')), 400,
        "malformed_json");
    row("deep object nesting",
        jsonPost(QByteArray("{\"a\":").repeated(2000) + "1" + QByteArray(2000, '}')), 400,
        "malformed_json");
    row("UTF-16 body",
        jsonPost(QByteArray::fromRawData(reinterpret_cast<const char *>(u"{\"uuid\":1}"), 20)), 400,
        "malformed_json");
    row("unterminated escape", jsonPost("{\"uuid\":\"\\u12\"}"), 400, "malformed_json");

    // Missing fields and wrong types, for each field.
    row("empty object", jsonPost("{}"), 400, "missing_field");
    row("missing uuid", jsonPost("{\"public_key\":" + key + ",\"device_type\":" + type + "}"), 400,
        "missing_field");
    row("missing public_key", jsonPost("{\"uuid\":" + uuid + ",\"device_type\":" + type + "}"), 400,
        "missing_field");
    row("missing device_type", jsonPost("{\"uuid\":" + uuid + ",\"public_key\":" + key + "}"), 400,
        "missing_field");
    const QList<std::pair<const char *, QByteArray>> wrongValues = {
        {"number", "42"}, {"float", "1.5e300"}, {"null", "null"},
        {"true", "true"}, {"array", "[\"x\"]"}, {"object", "{}"},
    };
    for (const auto &[what, value] : wrongValues) {
        QTest::addRow("uuid is %s", what)
            << jsonPost(fields(value, key, type)) << 400 << QStringLiteral("invalid_field_type");
        QTest::addRow("public_key is %s", what)
            << jsonPost(fields(uuid, value, type)) << 400 << QStringLiteral("invalid_field_type");
        QTest::addRow("device_type is %s", what)
            << jsonPost(fields(uuid, key, value)) << 400 << QStringLiteral("invalid_field_type");
    }

    // A number out of double's range is refused by the JSON parser itself.
    row("uuid is 1e999", jsonPost(fields("1e999", key, type)), 400, "malformed_json");
    row("device_type is -1e999", jsonPost(fields(uuid, key, "-1e999")), 400, "malformed_json");

    // Odd Unicode: JSON escapes and raw bytes.
    row("uuid with escaped NUL", jsonPost(fields(quoted(kUuid.left(35) + "\\u0000"), key, type)),
        400, "invalid_uuid");
    row("device_type with escaped NUL",
        jsonPost(fields(uuid, key, quoted("blackbird\\u0000sensor"))), 400, "invalid_device_type");
    row("public_key with escaped NUL", jsonPost(fields(uuid, quoted("AAAA\\u0000AAA"), type)), 400,
        "invalid_public_key");
    row("uuid with lone high surrogate",
        jsonPost(fields(quoted("\\ud800" + kUuid.mid(1)), key, type)), 400, "invalid_uuid");
    row("uuid with lone low surrogate",
        jsonPost(fields(quoted(kUuid.left(35) + "\\udfff"), key, type)), 400, "invalid_uuid");
    row("device_type with lone surrogate", jsonPost(fields(uuid, key, quoted("\\udc00abc"))), 400,
        "invalid_device_type");
    row("public_key with lone surrogate", jsonPost(fields(uuid, quoted("\\ud83dAAA"), type)), 400,
        "invalid_public_key");
    row("device_type with right-to-left override",
        jsonPost(fields(uuid, key, quoted("blackbird-\\u202esensor-v1"))), 400,
        "invalid_device_type");
    row("device_type raw right-to-left override",
        jsonPost(fields(uuid, key, quoted("blackbird-\xe2\x80\xaesensor-v1"))), 400,
        "invalid_device_type");
    row("device_type with zero-width joiner",
        jsonPost(fields(uuid, key, quoted("blackbird-\xe2\x80\x8dsensor-v1"))), 400,
        "invalid_device_type");
    row("device_type with Cyrillic look-alike",
        jsonPost(fields(uuid, key,
                        quoted("bl\xd0\xb0"
                               "ckbird-sensor-v1"))),
        400, "invalid_device_type");
    row("uuid with Arabic-Indic digits",
        jsonPost(fields(quoted("\xd9\xa5" + kUuid.mid(1)), key, type)), 400, "invalid_uuid");
    row("overlong UTF-8 slash", jsonPost(fields(quoted("\xc0\xaf"), key, type)), 400,
        "malformed_json");
    row("overlong UTF-8 NUL", jsonPost(fields(uuid, key, quoted("a\xc0\x80"))), 400,
        "malformed_json");
    row("invalid UTF-8 byte", jsonPost(fields(uuid, key, quoted("\xff\xfe"))), 400,
        "malformed_json");
    row("truncated UTF-8 sequence", jsonPost(fields(uuid, quoted("\xe2\x82"), type)), 400,
        "malformed_json");
    row("UTF-8 encoded surrogate", jsonPost(fields(quoted("\xed\xa0\x80"), key, type)), 400,
        "malformed_json");
    // Qt's parser lets a raw control character through inside a string; the field check
    // stops it.
    row("raw control character", jsonPost(fields(quoted("a\x01"), key, type)), 400, "invalid_uuid");

    // SQL meta-characters in every field.
    row("uuid SQL", jsonPost(fields(quoted("' OR '1'='1"), key, type)), 400, "invalid_uuid");
    row("uuid SQL in uuid shape",
        jsonPost(fields(quoted("bad1e000-0000-4000-8000-00000000001'"), key, type)), 400,
        "invalid_uuid");
    row("public_key SQL", jsonPost(fields(uuid, quoted("'; DROP TABLE api_keys; --"), type)), 400,
        "invalid_public_key");
    row("device_type SQL", jsonPost(fields(uuid, key, quoted("blackbird-sensor-v1' OR '1'='1"))),
        400, "invalid_device_type");
    row("device_type SQL comment", jsonPost(fields(uuid, key, quoted("a;--"))), 400,
        "invalid_device_type");
    row("API key SQL",
        request("POST", "/v1/registrations",
                "Content-Type: application/json\r\nx-api-key: ' OR '1'='1' --\r\n",
                fields(uuid, key, type)),
        401, "invalid_api_key");
    row("API key SQL wildcard",
        request("POST", "/v1/registrations", "Content-Type: application/json\r\nx-api-key: %\r\n",
                fields(uuid, key, type)),
        401, "invalid_api_key");

    // Very long fields (inside the body limit) and oversize bodies.
    row("uuid 15000 characters", jsonPost(fields(quoted(QByteArray(15000, '1')), key, type)), 400,
        "invalid_uuid");
    row("public_key 15000 characters", jsonPost(fields(uuid, quoted(QByteArray(15000, 'A')), type)),
        400, "invalid_public_key");
    row("device_type 15000 characters", jsonPost(fields(uuid, key, quoted(QByteArray(15000, 'a')))),
        400, "invalid_device_type");
    row("API key 20000 characters",
        request("POST", "/v1/registrations",
                "Content-Type: application/json\r\nx-api-key: " + QByteArray(20000, 'k') + "\r\n",
                fields(uuid, key, type)),
        401, "invalid_api_key");
    row("body one byte over", jsonPost(fields(uuid, key, type) + QByteArray(16385, ' ')), 413,
        "payload_too_large");
    row("body 4 MiB", jsonPost(QByteArray(4 * 1024 * 1024, '[')), 413, "payload_too_large");
    row("body over limit without key",
        request("POST", "/v1/registrations", "", QByteArray(100000, 'x')), 413,
        "payload_too_large");

    // Content types.
    row("text/plain", jsonPost(fields(uuid, key, type), "text/plain"), 415,
        "unsupported_media_type");
    row("form", jsonPost(fields(uuid, key, type), "application/x-www-form-urlencoded"), 415,
        "unsupported_media_type");
    row("multipart", jsonPost(fields(uuid, key, type), "multipart/form-data; boundary=x"), 415,
        "unsupported_media_type");
    row("json look-alike", jsonPost(fields(uuid, key, type), "application/jsonp"), 415,
        "unsupported_media_type");
    row("empty content type", jsonPost(fields(uuid, key, type), ""), 415, "unsupported_media_type");
    row("content type with CR", jsonPost(fields(uuid, key, type), "text/plain\rx: y"), 415,
        "unsupported_media_type");

    // Methods and paths.
    for (const char *method : {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"}) {
        QTest::addRow("%s /v1/registrations", method)
            << request(method, "/v1/registrations", "x-api-key: " + kApiKeyMark + "\r\n", "") << 405
            << QStringLiteral("method_not_allowed");
    }
    row("POST /v1/health", request("POST", "/v1/health", "", "{}"), 405, "method_not_allowed");
    row("trailing slash", request("POST", "/v1/registrations/", "", "{}"), 404, "not_found");
    row("upper-case path", request("POST", "/V1/REGISTRATIONS", "", "{}"), 404, "not_found");
    row("root", request("GET", "/", "", ""), 404, "not_found");
    row("dot segments", request("GET", "/v1/../../etc/passwd", "", ""), 404, "not_found");
    row("encoded NUL in path", request("GET", "/v1/health%00", "", ""), 404, "not_found");
    // Qt decodes the path: this names /v1/registrations, which then wants its API key.
    row("encoded slash", request("POST", "/v1%2Fregistrations", "", "{}"), 401, "missing_api_key");
    row("path 60000 characters", request("GET", "/" + QByteArray(60000, 'a'), "", ""), 404,
        "not_found");

    // API key games.
    row("no API key",
        request("POST", "/v1/registrations", "Content-Type: application/json\r\n",
                fields(uuid, key, type)),
        401, "missing_api_key");
    row("empty API key",
        request("POST", "/v1/registrations", "Content-Type: application/json\r\nx-api-key:\r\n",
                fields(uuid, key, type)),
        401, "missing_api_key");
    row("blank API key",
        request("POST", "/v1/registrations", "Content-Type: application/json\r\nx-api-key:    \r\n",
                fields(uuid, key, type)),
        401, "missing_api_key");
    row("API key twice",
        request("POST", "/v1/registrations",
                "Content-Type: application/json\r\nx-api-key: " + kApiKeyMark +
                    "\r\nx-api-key: " + kApiKeyMark + "\r\n",
                fields(uuid, key, type)),
        401, "invalid_api_key");
    row("API key with a suffix",
        request("POST", "/v1/registrations",
                "Content-Type: application/json\r\nx-api-key: " + kApiKeyMark + "x\r\n",
                fields(uuid, key, type)),
        401, "invalid_api_key");
    row("API key non-ASCII",
        request("POST", "/v1/registrations",
                "Content-Type: application/json\r\nx-api-key: bbk_\xc3\xa9\xff\r\n",
                fields(uuid, key, type)),
        401, "invalid_api_key");
    row("API key in the body only",
        request("POST", "/v1/registrations", "Content-Type: application/json\r\n",
                "{\"x-api-key\":\"" + kApiKeyMark + "\"}"),
        401, "missing_api_key");
    row("API key in an Authorization header",
        request("POST", "/v1/registrations",
                "Content-Type: application/json\r\nAuthorization: Bearer " + kApiKeyMark + "\r\n",
                fields(uuid, key, type)),
        401, "missing_api_key");

    // Header and response injection through field values.
    row("uuid with CRLF and a header",
        jsonPost(fields(quoted(kUuid + "\\r\\nSet-Cookie: injected=1"), key, type)), 400,
        "invalid_uuid");
    row("device_type with CRLF and a header",
        jsonPost(fields(uuid, key, quoted("x\\r\\nX-Injected: 1\\r\\n\\r\\n<html>"))), 400,
        "invalid_device_type");
    row("device type not allowed", jsonPost(fields(uuid, key, quoted("blackbird-evil-v1"))), 403,
        "device_type_not_allowed");
}

void TestRegistrationBadInput::refusedWithClearError()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, error);

    const int before = registrationCount();
    QVERIFY(before >= 0);

    const RawReply reply = send(bytes);
    QVERIFY2(reply.answered, reply.raw.left(300).constData());
    QVERIFY2(reply.status == status, reply.raw.left(300).constData());
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QVERIFY2(reply.json.value(QLatin1String("error")).toString() == error, reply.body.constData());
    QVERIFY(reply.json.value(QLatin1String("message")).toString().size() > 10);
    QCOMPARE(reply.json.size(), 2);

    QCOMPARE(registrationCount(), before);
    checkStillHealthy();
}

void TestRegistrationBadInput::brokenHttpNeverAnswered5xx_data()
{
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray body = fields(quoted(kUuid), quoted(m_publicKey), quoted(kSensor));
    const QByteArray json = "Content-Type: application/json\r\nx-api-key: " + kApiKeyMark + "\r\n";
    QTest::newRow("not HTTP") << QByteArray("HELLO\r\n\r\n");
    QTest::newRow("no version") << QByteArray("GET /v1/health\r\n\r\n");
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    QTest::newRow("binary noise") << QByteArray("\x00\x01\x02\xff\xfe\r\n\r\n", 9);
    QTest::newRow("NUL in request line") << QByteArray("GET /v1/he\0alth HTTP/1.1\r\n\r\n", 28);
    QTest::newRow("space in method") << QByteArray("PO ST /v1/registrations HTTP/1.1\r\n\r\n");
    QTest::newRow("bare LF lines") << QByteArray("GET /v1/health HTTP/1.1\nHost: x\n\n");
    QTest::newRow("folded header")
        << QByteArray("POST /v1/registrations HTTP/1.1\r\nHost: x\r\nx-api-key: a\r\n b\r\n"
                      "Content-Length: 2\r\n\r\n{}");
    QTest::newRow("NUL in API key") << request(
        "POST", "/v1/registrations",
        QByteArray("Content-Type: application/json\r\nx-api-key: bbk_\0x\r\n", 51), body);
    QTest::newRow("CR alone in header")
        << request("POST", "/v1/registrations", json + "X-A: a\rInjected: b\r\n", body);
    QTest::newRow("content length words")
        << request("POST", "/v1/registrations", json + "Content-Length: abc\r\n", body, false);
    QTest::newRow("negative content length")
        << request("POST", "/v1/registrations", json + "Content-Length: -5\r\n", body, false);
    QTest::newRow("two content lengths")
        << request("POST", "/v1/registrations", json + "Content-Length: 2\r\n", body);
    QTest::newRow("chunked and content length") << request(
        "POST", "/v1/registrations", json + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
        "0\r\n\r\n" + body, false);
    QTest::newRow("bad chunk size")
        << request("POST", "/v1/registrations", json + "Transfer-Encoding: chunked\r\n",
                   "zz\r\n{}\r\n0\r\n\r\n", false);
    QTest::newRow("chunked over the limit")
        << request("POST", "/v1/registrations", json + "Transfer-Encoding: chunked\r\n",
                   "5000\r\n" + QByteArray(0x5000, ' ') + "\r\n0\r\n\r\n", false);
    QTest::newRow("10000 headers")
        << request("GET", "/v1/health", QByteArray("X-Many: a\r\n").repeated(10000), "");
    QTest::newRow("header 100000 characters")
        << request("GET", "/v1/health", "X-Big: " + QByteArray(100000, 'a') + "\r\n", "");
    QTest::newRow("absolute URI") << request("POST", "https://evil.example/v1/registrations", json,
                                             body);
    QTest::newRow("HTTP/0.9") << QByteArray("GET /v1/health\r\n");
    QTest::newRow("HTTP/9.9") << QByteArray("GET /v1/health HTTP/9.9\r\nHost: x\r\n\r\n");
}

void TestRegistrationBadInput::brokenHttpNeverAnswered5xx()
{
    QFETCH(QByteArray, bytes);

    const int before = registrationCount();
    const RawReply reply = send(bytes, 3000);
    qInfo() << (reply.answered ? QByteArray::number(reply.status) : "closed without an answer");
    if (reply.answered) {
        QVERIFY2(reply.status < 500, reply.raw.left(300).constData());
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        // Some of these are valid requests after all (Qt's parser is lenient about a lone CR
        // or an absolute URI): then the answer is the registration itself.
        QVERIFY2(reply.json.contains(QLatin1String("status")) ||
                     reply.json.contains(QLatin1String("certificate_id")) ||
                     (reply.json.contains(QLatin1String("error")) &&
                      reply.json.contains(QLatin1String("message"))),
                 reply.raw.left(300).constData());
    }
    QVERIFY2(!reply.raw.startsWith("HTTP/1.1 5"), reply.raw.left(300).constData());
    // Some of these carry a valid registration; none may have been stored twice or half.
    QVERIFY(registrationCount() - before <= 1);
    checkStillHealthy();
}

void TestRegistrationBadInput::extraFieldsCannotSmuggleCredentials()
{
    // Unknown fields are ignored (docs/registration-api.md), including ones named like the
    // answer's: the answer carries the service's own credentials, not the client's.
    const QByteArray uuid = "bad1e000-0000-4000-8000-000000000077";
    const QByteArray body =
        "{\"uuid\":\"" + uuid + "\",\"public_key\":\"" + m_publicKey + "\",\"device_type\":\"" +
        kSensor + "\",\"certificate_id\":\"" + QByteArray(64, 'a') +
        "\",\"private_key\":\"smuggled\",\"certificate_pem\":\"smuggled\",\"api_key_id\":"
        "\"admin\",\"claim_share\":1000,\"x-api-key\":\"x\",\"\":\"\",\"uuid2\":[1,{\"a\":null}]}";
    const RawReply reply = send(jsonPost(body));
    QVERIFY2(reply.status == 201, reply.raw.left(300).constData());
    QVERIFY(reply.json.value(QLatin1String("certificate_id")).toString() != QString(64, u'a'));
    QVERIFY(reply.json.value(QLatin1String("private_key"))
                .toString()
                .startsWith(QLatin1String("-----BEGIN PRIVATE KEY-----")));
    QVERIFY(reply.json.value(QLatin1String("certificate_pem"))
                .toString()
                .startsWith(QLatin1String("-----BEGIN CERTIFICATE-----")));
    QCOMPARE(reply.json.size(), 3);
}

void TestRegistrationBadInput::byteOrderMarkIsTolerated()
{
    // RFC 8259 lets a parser ignore a leading UTF-8 byte order mark; Qt's does.
    const QByteArray uuid = "bad1e000-0000-4000-8000-000000000078";
    const RawReply reply =
        send(jsonPost("\xef\xbb\xbf" + fields(quoted(uuid), quoted(m_publicKey), quoted(kSensor))));
    QVERIFY2(reply.status == 201, reply.raw.left(300).constData());
}

void TestRegistrationBadInput::bodyAtTheLimitIsRead()
{
    // 16384 bytes exactly is read (and refused for its content, not its size).
    QByteArray body = fields(quoted(kUuid), quoted(m_publicKey), quoted("bad type"));
    body += QByteArray(16384 - body.size(), ' ');
    const RawReply reply = send(jsonPost(body));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json.value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_device_type"));
}

void TestRegistrationBadInput::requestCutOffMidway()
{
    // Headers announcing a body that never comes, then the client goes away; and a request cut
    // in the middle of its headers. Neither may disturb the service.
    for (const QByteArray &part :
         {QByteArray("POST /v1/registrations HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999"
                     "\r\nContent-Type: application/json\r\n\r\n{\"uuid\":"),
          QByteArray("POST /v1/registrations HTTP/1.1\r\nHost: x\r\nx-api-k")}) {
        const RawReply reply = send(part, 500);
        QVERIFY2(!reply.answered, reply.raw.left(300).constData());
        checkStillHealthy();
    }
}

void TestRegistrationBadInput::responsesCarryNoInjectedHeaders()
{
    const RawReply reply =
        send(jsonPost(fields(quoted(kUuid + "\\r\\nSet-Cookie: injected=1"), quoted(m_publicKey),
                             quoted("x\\r\\nX-Injected: 1"))));
    QCOMPARE(reply.status, 400);
    const QByteArray head = reply.raw.left(reply.raw.indexOf("\r\n\r\n"));
    QVERIFY2(!head.contains("Set-Cookie") && !head.contains("X-Injected"), head.constData());
    QVERIFY(!reply.body.contains("\r\n"));
}

QTEST_GUILESS_MAIN(TestRegistrationBadInput)
#include "tst_registrationbadinput.moc"
