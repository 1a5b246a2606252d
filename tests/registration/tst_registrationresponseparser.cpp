// Tests the strict parser of the registration service's answers: the documented success body,
// and every kind of damaged or hostile body a service, proxy or attacker could send.
#include "registration/registrationresponseparser.h"

#include <QTest>

using namespace Blackbird;

namespace {

const QByteArray kId(64, 'a');
const QByteArray kCertificatePem = "-----BEGIN CERTIFICATE-----\nMIIBfakecertificatebody\n"
                                   "-----END CERTIFICATE-----\n";
const QByteArray kKeyPem = "-----BEGIN PRIVATE KEY-----\nMIGHfakekeybody\n"
                           "-----END PRIVATE KEY-----\n";

// JSON string literal of text, escaping as a JSON encoder would.
QByteArray quoted(const QByteArray &text)
{
    QByteArray out = "\"";
    for (char c : text) {
        if (c == '\n')
            out += "\\n";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    return out + "\"";
}

QByteArray body(const QByteArray &id = quoted(kId), const QByteArray &pem = quoted(kCertificatePem),
                const QByteArray &key = quoted(kKeyPem), const QByteArray &extra = {})
{
    return "{\"certificate_id\":" + id + ",\"certificate_pem\":" + pem + ",\"private_key\":" + key +
           extra + "}";
}

} // namespace

class TestRegistrationResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsDocumentedBody_data();
    void acceptsDocumentedBody();
    void refusesBadBody_data();
    void refusesBadBody();
    void serviceError_data();
    void serviceError();
    void survivesMutations();
};

void TestRegistrationResponseParser::acceptsDocumentedBody_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("compact") << body();
    QTest::newRow("whitespace everywhere")
        << "\r\n\t { \"certificate_id\" : " + quoted(kId) +
               " ,\n \"certificate_pem\" :" + quoted(kCertificatePem) +
               ",\"private_key\"\t:" + quoted(kKeyPem) + " } \n";
    QTest::newRow("other fields skipped")
        << body(quoted(kId), quoted(kCertificatePem), quoted(kKeyPem),
                ",\"created\":true,\"n\":-12.5e+3,\"z\":0,\"x\":null,\"list\":[1,[],{}],"
                "\"nested\":{\"a\":[\"\\u00e9\\ud83d\\ude00\",false]},\"text\":\"caf\xc3\xa9\"");
    QTest::newRow("fields in another order")
        << "{\"private_key\":" + quoted(kKeyPem) +
               ",\"certificate_pem\":" + quoted(kCertificatePem) +
               ",\"certificate_id\":" + quoted(kId) + "}";
    QTest::newRow("escaped solidus and unicode escapes")
        << body("\"" + QByteArray(63, 'a') + "\\u0061\"",
                quoted(kCertificatePem).replace("MIIB", "MI\\/IB").replace("fake", "\\u0066ake"));
}

void TestRegistrationResponseParser::acceptsDocumentedBody()
{
    QFETCH(QByteArray, json);

    ClaimCredentials credentials;
    QString error;
    QVERIFY2(RegistrationResponseParser::parse(json, &credentials, &error), qPrintable(error));

    QCOMPARE(credentials.certificateId, QString::fromLatin1(kId));
    QVERIFY(credentials.certificatePem.startsWith("-----BEGIN CERTIFICATE-----\nMI"));
    QVERIFY(credentials.certificatePem.endsWith("-----END CERTIFICATE-----\n"));
    QCOMPARE(credentials.privateKeyPem.view(), QByteArrayView(kKeyPem));
}

void TestRegistrationResponseParser::refusesBadBody_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason"); // a part of the error message

    const QByteArray id = quoted(kId);
    const QByteArray pem = quoted(kCertificatePem);
    const QByteArray key = quoted(kKeyPem);

    QTest::newRow("empty") << QByteArray() << "empty";
    QTest::newRow("only whitespace") << QByteArray(" \n\t") << "empty";
    QTest::newRow("html error page")
        << QByteArray("<html>502 Bad Gateway</html>") << "not a JSON object";
    QTest::newRow("array") << "[" + body() + "]"
                           << "not a JSON object";
    QTest::newRow("string") << QByteArray("\"hello\"") << "not a JSON object";
    QTest::newRow("empty object") << QByteArray("{}") << "certificate_id is missing";
    QTest::newRow("truncated") << body().left(body().size() / 2) << "not valid JSON";
    QTest::newRow("missing closing brace") << body().chopped(1) << "not valid JSON";
    QTest::newRow("trailing garbage") << body() + "x"
                                      << "more data after";
    QTest::newRow("two objects") << body() + body() << "more data after";
    QTest::newRow("trailing comma") << body().chopped(1) + ",}"
                                    << "not valid JSON";
    QTest::newRow("single quotes") << QByteArray("{'certificate_id':'a'}") << "not valid JSON";
    QTest::newRow("missing id") << "{\"certificate_pem\":" + pem + ",\"private_key\":" + key + "}"
                                << "certificate_id is missing";
    QTest::newRow("missing certificate")
        << "{\"certificate_id\":" + id + ",\"private_key\":" + key + "}"
        << "certificate_pem is missing";
    QTest::newRow("missing key") << "{\"certificate_id\":" + id + ",\"certificate_pem\":" + pem +
                                        "}"
                                 << "private_key is missing";
    QTest::newRow("id is a number") << body("12345") << "certificate_id must be a string";
    QTest::newRow("certificate is an object")
        << body(id, "{\"pem\":\"x\"}") << "certificate_pem must be a string";
    QTest::newRow("key is null") << body(id, pem, "null") << "private_key must be a string";
    QTest::newRow("key is an array")
        << body(id, pem, "[" + key + "]") << "private_key must be a string";
    QTest::newRow("key is true") << body(id, pem, "true") << "private_key must be a string";
    QTest::newRow("duplicate key field")
        << body(id, pem, key, ",\"private_key\":" + key) << "private_key appears twice";
    QTest::newRow("duplicate id field")
        << body(id, pem, key, ",\"certificate_id\":" + id) << "certificate_id appears twice";
    QTest::newRow("id upper case")
        << body(quoted(QByteArray(64, 'A'))) << "64 lower-case hexadecimal";
    QTest::newRow("id 63 digits") << body(quoted(QByteArray(63, 'a')))
                                  << "64 lower-case hexadecimal";
    QTest::newRow("id 65 digits") << body(quoted(QByteArray(65, 'a')))
                                  << "64 lower-case hexadecimal";
    QTest::newRow("id not hex") << body(quoted(QByteArray(64, 'g'))) << "64 lower-case hexadecimal";
    QTest::newRow("id empty") << body("\"\"") << "64 lower-case hexadecimal";
    QTest::newRow("id huge") << body(quoted(QByteArray(5000, 'a'))) << "longer than";
    QTest::newRow("certificate not PEM") << body(id, "\"hello\"") << "not a PEM certificate";
    QTest::newRow("certificate without end line")
        << body(id, quoted("-----BEGIN CERTIFICATE-----\nMIIB\n")) << "not a PEM certificate";
    QTest::newRow("certificate with non-ASCII")
        << body(id, quoted(kCertificatePem).replace("fake", "f\\u00e9ke"))
        << "not a PEM certificate";
    QTest::newRow("key not PEM") << body(id, pem, "\"secret\"") << "not a PEM private key";
    QTest::newRow("key is a certificate") << body(id, pem, pem) << "not a PEM private key";
    QTest::newRow("key with NUL escape")
        << body(id, pem, quoted(kKeyPem).replace("fake", "\\u0000")) << "not a PEM private key";
    QTest::newRow("huge certificate")
        << body(id, quoted(kCertificatePem + QByteArray(17 * 1024, 'A'))) << "longer than";
    QTest::newRow("huge key") << body(id, pem, quoted(kKeyPem + QByteArray(9 * 1024, 'A')))
                              << "longer than";
    QTest::newRow("huge body") << body(id, pem, key,
                                       ",\"padding\":\"" + QByteArray(70 * 1024, 'x') + "\"")
                               << "larger than 64 KiB";
    QTest::newRow("raw newline in string")
        << body(id, "\"" + kCertificatePem + "\"") << "control character";
    QTest::newRow("unknown escape") << body(id, pem, key, ",\"x\":\"\\q\"") << "unknown escape";
    QTest::newRow("short unicode escape")
        << body(id, pem, key, ",\"x\":\"\\u12\"") << "four hex digits";
    QTest::newRow("lone high surrogate") << body(id, pem, key, ",\"x\":\"\\ud800x\"") << "low half";
    QTest::newRow("lone low surrogate")
        << body(id, pem, key, ",\"x\":\"\\udc00\"") << "lone low surrogate";
    QTest::newRow("invalid UTF-8") << body(id, pem, key, ",\"x\":\"\xff\"") << "invalid UTF-8";
    QTest::newRow("overlong UTF-8") << body(id, pem, key, ",\"x\":\"\xc0\xaf\"") << "invalid UTF-8";
    QTest::newRow("UTF-8 surrogate")
        << body(id, pem, key, ",\"x\":\"\xed\xa0\x80\"") << "invalid UTF-8";
    QTest::newRow("truncated UTF-8")
        << body(id, pem, key, ",\"x\":\"\xe2\x82\"") << "invalid UTF-8";
    QTest::newRow("unterminated string")
        << QByteArray("{\"certificate_id\":\"abc") << "closing quote";
    QTest::newRow("ends inside an escape")
        << QByteArray("{\"certificate_id\":\"abc\\") << "closing quote";
    QTest::newRow("deep nesting") << body(id, pem, key,
                                          ",\"x\":" + QByteArray(40, '[') + QByteArray(40, ']'))
                                  << "nested more than";
    QTest::newRow("leading zero") << body(id, pem, key, ",\"x\":01") << "not valid JSON";
    QTest::newRow("bare minus") << body(id, pem, key, ",\"x\":-") << "expected a value";
    QTest::newRow("fraction without digits") << body(id, pem, key, ",\"x\":1.") << "after '.'";
    QTest::newRow("exponent without digits") << body(id, pem, key, ",\"x\":1e") << "exponent";
    QTest::newRow("misspelt literal") << body(id, pem, key, ",\"x\":nul") << "unknown word";
    QTest::newRow("key without colon") << QByteArray("{\"certificate_id\" \"x\"}") << "':'";
    QTest::newRow("number as key") << QByteArray("{1:2}") << "expected a string";
}

void TestRegistrationResponseParser::refusesBadBody()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);

    ClaimCredentials credentials;
    credentials.certificateId = QStringLiteral("left over");
    QString error;
    QVERIFY(!RegistrationResponseParser::parse(json, &credentials, &error));

    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(credentials.isEmpty());
    QVERIFY(credentials.certificateId.isEmpty());
}

void TestRegistrationResponseParser::serviceError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("both") << QByteArray(R"({"error":"invalid_uuid","message":"uuid is bad"})")
                          << "invalid_uuid"
                          << "uuid is bad";
    QTest::newRow("code only") << QByteArray(R"({"error":"rate_limited"})") << "rate_limited"
                               << QString();
    QTest::newRow("wrong types") << QByteArray(R"({"error":5,"message":["x"]})") << QString()
                                 << QString();
    QTest::newRow("not JSON") << QByteArray("Internal Server Error") << QString() << QString();
    QTest::newRow("array") << QByteArray(R"([{"error":"x"}])") << QString() << QString();
    QTest::newRow("control characters removed")
        << QByteArray(R"({"error":"x","message":"line one\nline\u0007two"})") << "x"
        << "line one line two";
    QTest::newRow("long message cut")
        << "{\"error\":\"x\",\"message\":\"" + QByteArray(1000, 'm') + "\"}"
        << "x" << QString(299, QLatin1Char('m')) + QChar(0x2026);
}

void TestRegistrationResponseParser::serviceError()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const ServiceError error = RegistrationResponseParser::parseServiceError(json);

    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
}

void TestRegistrationResponseParser::survivesMutations()
{
    // Every single-byte change of a valid body either parses to well-formed credentials or is
    // refused with a reason; none may crash (ASan runs this too).
    const QByteArray valid = body();
    const char replacements[] = {'\0', '"', '\\', '{', '}', ',', '\x80', 'A'};
    int refused = 0;
    for (qsizetype i = 0; i < valid.size(); ++i) {
        for (char replacement : replacements) {
            QByteArray mutated = valid;
            mutated[i] = replacement;
            ClaimCredentials credentials;
            QString error;
            if (RegistrationResponseParser::parse(mutated, &credentials, &error)) {
                QCOMPARE(credentials.certificateId.size(), 64);
                QVERIFY(!credentials.privateKeyPem.isEmpty());
            } else {
                QVERIFY(!error.isEmpty());
                ++refused;
            }
            RegistrationResponseParser::fuzz(
                reinterpret_cast<const std::uint8_t *>(mutated.constData()),
                std::size_t(mutated.size()));
        }
    }
    QVERIFY(refused > valid.size());
}

QTEST_GUILESS_MAIN(TestRegistrationResponseParser)
#include "tst_registrationresponseparser.moc"
