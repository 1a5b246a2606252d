#include "registrationresponseparser.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Blackbird {

namespace {

constexpr qsizetype kMaxKeyBytes = 256;
constexpr qsizetype kMaxIdBytes = 1024;
constexpr qsizetype kServiceErrorMaxBody = 16 * 1024;
constexpr qsizetype kServiceCodeMaxChars = 64;
constexpr qsizetype kServiceMessageMaxChars = 300;

// Length of the valid UTF-8 sequence at p (2 to 4 bytes), or 0 when it is not valid: no
// overlong forms, no surrogates, nothing above U+10FFFF.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char lead = p[0];
    int length = 0;
    char32_t minimum = 0;
    char32_t value = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        minimum = 0x80;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        minimum = 0x800;
        value = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        minimum = 0x10000;
        value = lead & 0x07;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;

    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (p[i] & 0x3F);
    }
    const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    return (value < minimum || value > 0x10FFFF || surrogate) ? 0 : length;
}

void appendUtf8(QByteArray *out, char32_t code)
{
    if (code < 0x80) {
        out->append(char(code));
    } else if (code < 0x800) {
        out->append(char(0xC0 | (code >> 6)));
        out->append(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out->append(char(0xE0 | (code >> 12)));
        out->append(char(0x80 | ((code >> 6) & 0x3F)));
        out->append(char(0x80 | (code & 0x3F)));
    } else {
        out->append(char(0xF0 | (code >> 18)));
        out->append(char(0x80 | ((code >> 12) & 0x3F)));
        out->append(char(0x80 | ((code >> 6) & 0x3F)));
        out->append(char(0x80 | (code & 0x3F)));
    }
}

int hexValue(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A strict reader of RFC 8259 JSON over a byte buffer it does not copy. Strings are decoded only
// where the caller asks for them, into a buffer reserved up front so it never reallocates (a
// reallocation would leave an unwiped copy of a secret in freed memory).
class JsonReader
{
public:
    explicit JsonReader(QByteArrayView text)
        : m_begin(reinterpret_cast<const unsigned char *>(text.data()))
        , m_p(m_begin)
        , m_end(m_begin + text.size())
    {}

    QString error() const { return m_error; }
    qsizetype offset() const { return m_p - m_begin; }
    bool atEnd() const { return m_p == m_end; }
    unsigned char peek() const { return m_p < m_end ? *m_p : 0; }

    void skipWhitespace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool expect(char c, const char *what)
    {
        skipWhitespace();
        if (m_p < m_end && *m_p == static_cast<unsigned char>(c)) {
            ++m_p;
            return true;
        }
        return fail(QStringLiteral("expected %1").arg(QLatin1String(what)));
    }

    // Reads the string at the cursor. With out null the string is only checked; otherwise it
    // is decoded into out, which must not grow beyond maxBytes.
    bool readString(QByteArray *out, qsizetype maxBytes)
    {
        if (peek() != '"')
            return fail(QStringLiteral("expected a string"));
        const unsigned char *start = m_p + 1;
        const unsigned char *close = findClosingQuote(start);
        if (!close)
            return false;

        if (out) {
            out->clear();
            // Decoding never makes a string longer, and one step adds at most four bytes.
            out->reserve(qMin(qsizetype(close - start), maxBytes + 4));
        }
        for (const unsigned char *p = start; p < close;) {
            if (out && out->size() >= maxBytes)
                return fail(QStringLiteral("a string is longer than %1 bytes").arg(maxBytes));
            if (*p == '\\') {
                if (!decodeEscape(&p, close, out))
                    return false;
                if (out && out->size() > maxBytes)
                    return fail(QStringLiteral("a string is longer than %1 bytes").arg(maxBytes));
                continue;
            }
            if (*p < 0x80) {
                if (out)
                    out->append(char(*p));
                ++p;
                continue;
            }
            const int length = utf8SequenceLength(p, close);
            if (length == 0) {
                m_p = p;
                return fail(QStringLiteral("invalid UTF-8"));
            }
            if (out && out->size() + length > maxBytes)
                return fail(QStringLiteral("a string is longer than %1 bytes").arg(maxBytes));
            if (out)
                out->append(reinterpret_cast<const char *>(p), length);
            p += length;
        }
        m_p = close + 1;
        return true;
    }

    bool skipValue(int depth)
    {
        if (depth > RegistrationResponseParser::kMaxNesting)
            return fail(QStringLiteral("nested more than %1 levels deep")
                            .arg(RegistrationResponseParser::kMaxNesting));
        skipWhitespace();
        switch (peek()) {
        case '{':
            return skipContainer(depth, '}', true);
        case '[':
            return skipContainer(depth, ']', false);
        case '"':
            return readString(nullptr, 0);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    // What the value at the cursor is, for messages about wrong types.
    QString describeValue()
    {
        skipWhitespace();
        switch (peek()) {
        case '{':
            return QStringLiteral("an object");
        case '[':
            return QStringLiteral("an array");
        case '"':
            return QStringLiteral("a string");
        case 't':
        case 'f':
            return QStringLiteral("a boolean");
        case 'n':
            return QStringLiteral("null");
        default:
            return QStringLiteral("a number");
        }
    }

    bool fail(const QString &text)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 at byte %2").arg(text).arg(offset());
        return false;
    }

private:
    const unsigned char *findClosingQuote(const unsigned char *p)
    {
        while (p < m_end) {
            if (*p == '"')
                return p;
            if (*p < 0x20) {
                m_p = p;
                fail(QStringLiteral("a control character inside a string"));
                return nullptr;
            }
            if (*p == '\\' && m_end - p < 2)
                break;
            p += (*p == '\\') ? 2 : 1;
        }
        m_p = m_end;
        fail(QStringLiteral("a string without its closing quote"));
        return nullptr;
    }

    bool readHex4(const unsigned char *p, const unsigned char *end, char32_t *value)
    {
        if (end - p < 4)
            return false;
        char32_t result = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(p[i]);
            if (digit < 0)
                return false;
            result = (result << 4) | char32_t(digit);
        }
        *value = result;
        return true;
    }

    bool decodeEscape(const unsigned char **cursor, const unsigned char *close, QByteArray *out)
    {
        const unsigned char *p = *cursor;
        m_p = p;
        if (close - p < 2)
            return fail(QStringLiteral("an unfinished escape"));
        char plain = 0;
        switch (p[1]) {
        case '"':
            plain = '"';
            break;
        case '\\':
            plain = '\\';
            break;
        case '/':
            plain = '/';
            break;
        case 'b':
            plain = '\b';
            break;
        case 'f':
            plain = '\f';
            break;
        case 'n':
            plain = '\n';
            break;
        case 'r':
            plain = '\r';
            break;
        case 't':
            plain = '\t';
            break;
        case 'u':
            break;
        default:
            return fail(QStringLiteral("an unknown escape"));
        }
        if (plain) {
            if (out)
                out->append(plain);
            *cursor = p + 2;
            return true;
        }

        char32_t code = 0;
        if (!readHex4(p + 2, close, &code))
            return fail(QStringLiteral("a \\u escape without four hex digits"));
        p += 6;
        if (code >= 0xDC00 && code <= 0xDFFF)
            return fail(QStringLiteral("a lone low surrogate"));
        if (code >= 0xD800 && code <= 0xDBFF) {
            char32_t low = 0;
            if (close - p < 6 || p[0] != '\\' || p[1] != 'u' || !readHex4(p + 2, close, &low) ||
                low < 0xDC00 || low > 0xDFFF) {
                return fail(QStringLiteral("a high surrogate without its low half"));
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            p += 6;
        }
        if (out)
            appendUtf8(out, code);
        *cursor = p;
        return true;
    }

    bool skipContainer(int depth, char closing, bool object)
    {
        ++m_p;
        skipWhitespace();
        if (peek() == static_cast<unsigned char>(closing)) {
            ++m_p;
            return true;
        }
        for (;;) {
            if (object) {
                skipWhitespace();
                if (!readString(nullptr, 0) || !expect(':', "':'"))
                    return false;
            }
            if (!skipValue(depth + 1))
                return false;
            skipWhitespace();
            if (peek() == ',') {
                ++m_p;
                continue;
            }
            if (peek() == static_cast<unsigned char>(closing)) {
                ++m_p;
                return true;
            }
            return fail(object ? QStringLiteral("expected ',' or '}'")
                               : QStringLiteral("expected ',' or ']'"));
        }
    }

    bool literal(const char *word)
    {
        const qsizetype length = qsizetype(qstrlen(word));
        if (m_end - m_p < length || memcmp(m_p, word, size_t(length)) != 0)
            return fail(QStringLiteral("an unknown word"));
        m_p += length;
        return true;
    }

    bool digits()
    {
        const unsigned char *start = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        return m_p > start;
    }

    bool number()
    {
        if (peek() == '-')
            ++m_p;
        if (peek() == '0') {
            ++m_p;
        } else if (!digits()) {
            return fail(QStringLiteral("expected a value"));
        }
        if (peek() == '.') {
            ++m_p;
            if (!digits())
                return fail(QStringLiteral("a number without digits after '.'"));
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_p;
            if (peek() == '+' || peek() == '-')
                ++m_p;
            if (!digits())
                return fail(QStringLiteral("a number without exponent digits"));
        }
        return true;
    }

    const unsigned char *m_begin;
    const unsigned char *m_p;
    const unsigned char *m_end;
    QString m_error;
};

bool isLowerHexId(QByteArrayView id)
{
    if (id.size() != 64)
        return false;
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

// PEM is 7-bit text: printable ASCII and line breaks.
bool isPemText(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (!(u == '\n' || u == '\r' || (u >= 0x20 && u < 0x7F)))
            return false;
    }
    return true;
}

bool looksLikeCertificatePem(QByteArrayView pem)
{
    const QByteArrayView begin("-----BEGIN CERTIFICATE-----");
    const QByteArrayView end("-----END CERTIFICATE-----");
    const qsizetype at = pem.indexOf(begin);
    return isPemText(pem) && at >= 0 && pem.indexOf(end, at + begin.size()) > at;
}

bool looksLikePrivateKeyPem(QByteArrayView pem)
{
    const qsizetype begin = pem.indexOf(QByteArrayView("-----BEGIN "));
    const qsizetype label = pem.indexOf(QByteArrayView("PRIVATE KEY-----"));
    const qsizetype end = pem.indexOf(QByteArrayView("-----END "));
    return isPemText(pem) && begin >= 0 && label > begin && end > label;
}

QString readableText(QString text, qsizetype maxChars)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

} // namespace

bool RegistrationResponseParser::parse(QByteArrayView body, ClaimCredentials *out, QString *error)
{
    *out = ClaimCredentials();
    const auto failWith = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };

    if (body.size() > kMaxBodyBytes)
        return failWith(tr("the answer is larger than %1 KiB").arg(kMaxBodyBytes / 1024));
    if (body.trimmed().isEmpty())
        return failWith(tr("the answer is empty"));

    JsonReader reader(body);
    if (!reader.expect('{', "a JSON object"))
        return failWith(tr("the answer is not a JSON object (%1)").arg(reader.error()));

    QByteArray id;
    QByteArray certificatePem;
    QByteArray privateKey; // wiped on every way out below
    bool seenId = false;
    bool seenCertificate = false;
    bool seenKey = false;
    QString problem;

    reader.skipWhitespace();
    bool more = reader.peek() != '}';
    if (!more)
        reader.expect('}', "'}'");
    while (more && problem.isEmpty()) {
        QByteArray key;
        reader.skipWhitespace();
        if (!reader.readString(&key, kMaxKeyBytes) || !reader.expect(':', "':'")) {
            problem = tr("the answer is not valid JSON: %1").arg(reader.error());
            break;
        }
        reader.skipWhitespace();

        QByteArray *target = nullptr;
        bool *seen = nullptr;
        qsizetype limit = 0;
        if (key == "certificate_id") {
            target = &id;
            seen = &seenId;
            limit = kMaxIdBytes;
        } else if (key == "certificate_pem") {
            target = &certificatePem;
            seen = &seenCertificate;
            limit = kMaxCertificatePemBytes;
        } else if (key == "private_key") {
            target = &privateKey;
            seen = &seenKey;
            limit = kMaxPrivateKeyPemBytes;
        }

        if (target && *seen) {
            problem = tr("the field %1 appears twice").arg(QString::fromLatin1(key));
            break;
        }
        if (target && reader.peek() != '"') {
            problem = tr("the field %1 must be a string, not %2")
                          .arg(QString::fromLatin1(key), reader.describeValue());
            break;
        }
        if (target) {
            *seen = true;
            if (!reader.readString(target, limit)) {
                problem = reader.error().contains(QLatin1String("longer than"))
                              ? tr("the field %1 is longer than %2 bytes")
                                    .arg(QString::fromLatin1(key))
                                    .arg(limit)
                              : tr("the answer is not valid JSON: %1").arg(reader.error());
                break;
            }
        } else if (!reader.skipValue(1)) {
            problem = tr("the answer is not valid JSON: %1").arg(reader.error());
            break;
        }

        reader.skipWhitespace();
        if (reader.peek() == ',') {
            reader.expect(',', "','");
        } else if (reader.expect('}', "',' or '}'")) {
            more = false;
        } else {
            problem = tr("the answer is not valid JSON: %1").arg(reader.error());
        }
    }

    if (problem.isEmpty() && !reader.error().isEmpty())
        problem = tr("the answer is not valid JSON: %1").arg(reader.error());
    reader.skipWhitespace();
    if (problem.isEmpty() && !reader.atEnd())
        problem =
            tr("the answer has more data after its JSON object (byte %1)").arg(reader.offset());
    if (problem.isEmpty() && !seenId)
        problem = tr("the field certificate_id is missing");
    if (problem.isEmpty() && !seenCertificate)
        problem = tr("the field certificate_pem is missing");
    if (problem.isEmpty() && !seenKey)
        problem = tr("the field private_key is missing");
    if (problem.isEmpty() && !isLowerHexId(id))
        problem = tr("certificate_id is not 64 lower-case hexadecimal digits");
    if (problem.isEmpty() && !looksLikeCertificatePem(certificatePem))
        problem = tr("certificate_pem is not a PEM certificate");
    if (problem.isEmpty() && !looksLikePrivateKeyPem(privateKey))
        problem = tr("private_key is not a PEM private key");

    if (!problem.isEmpty()) {
        SecretBytes::wipe(privateKey);
        return failWith(problem);
    }

    out->certificateId = QString::fromLatin1(id);
    out->certificatePem = certificatePem;
    out->privateKeyPem = SecretBytes(std::move(privateKey));
    return true;
}

ServiceError RegistrationResponseParser::parseServiceError(QByteArrayView body)
{
    if (body.isEmpty() || body.size() > kServiceErrorMaxBody)
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray());
    if (!document.isObject())
        return {};
    const QJsonObject object = document.object();
    ServiceError result;
    const QJsonValue code = object.value(QLatin1String("error"));
    const QJsonValue message = object.value(QLatin1String("message"));
    if (code.isString())
        result.code = readableText(code.toString(), kServiceCodeMaxChars);
    if (message.isString())
        result.message = readableText(message.toString(), kServiceMessageMaxChars);
    return result;
}

int RegistrationResponseParser::fuzz(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    ClaimCredentials credentials;
    QString error;
    parse(body, &credentials, &error);
    parseServiceError(body);
    return 0;
}

} // namespace Blackbird
