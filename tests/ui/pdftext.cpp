#include "pdftext.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>

namespace Blackbird::Test {

namespace {

// A ToUnicode target: UTF-16 code units in hex, one glyph can stand for several (ligatures).
QString utf16Hex(const QString &hex)
{
    QString text;
    for (qsizetype i = 0; i + 4 <= hex.size(); i += 4)
        text += QChar(char16_t(hex.mid(i, 4).toUInt(nullptr, 16)));
    return text;
}

} // namespace

QString pdfText(const QByteArray &pdf)
{
    QList<QByteArray> streams;
    qsizetype at = 0;
    while ((at = pdf.indexOf("stream", at)) >= 0) {
        if (at >= 3 && pdf.mid(at - 3, 3) == "end") {
            at += 6;
            continue;
        }
        qsizetype begin = at + 6;
        if (pdf.at(begin) == '\r')
            ++begin;
        if (pdf.at(begin) == '\n')
            ++begin;
        const qsizetype end = pdf.indexOf("endstream", begin);
        if (end < 0)
            break;
        QByteArray raw = pdf.mid(begin, end - begin);
        QByteArray sized(4, '\0');
        const quint32 hint = 8 * 1024 * 1024;
        sized[0] = char(hint >> 24);
        sized[1] = char(hint >> 16);
        sized[2] = char(hint >> 8);
        sized[3] = char(hint);
        const QByteArray inflated = qUncompress(sized + raw);
        streams.append(inflated.isEmpty() ? raw : inflated);
        at = end + 9;
    }

    // Glyph to character maps, by the order the CMaps appear; the content refers to fonts by
    // name, so one map per font is merged: Qt gives each font subset distinct glyph codes only
    // within itself, and the report uses one font.
    QHash<quint32, QString> glyphs;
    static const QRegularExpression bfchar(QStringLiteral("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>"));
    static const QRegularExpression bfrange(
        QStringLiteral("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>\\s*(\\[[^\\]]*\\]|<[0-9A-Fa-f]+>)"));
    static const QRegularExpression hexToken(QStringLiteral("<([0-9A-Fa-f]+)>"));
    for (const QByteArray &s : std::as_const(streams)) {
        if (!s.contains("begincmap"))
            continue;
        const QString text = QString::fromLatin1(s);
        // A range maps consecutive glyphs either from one starting character or from a list.
        for (const QString &section : text.split(QStringLiteral("beginbfrange")).mid(1)) {
            const QString body = section.section(QStringLiteral("endbfrange"), 0, 0);
            auto it = bfrange.globalMatch(body);
            while (it.hasNext()) {
                const auto m = it.next();
                const quint32 from = m.captured(1).toUInt(nullptr, 16);
                const quint32 to = m.captured(2).toUInt(nullptr, 16);
                QList<quint32> codes;
                auto tokens = hexToken.globalMatch(m.captured(3));
                while (tokens.hasNext())
                    codes.append(tokens.next().captured(1).toUInt(nullptr, 16));
                for (quint32 g = from; g <= to && !codes.isEmpty(); ++g) {
                    const quint32 code =
                        codes.size() == 1 ? codes.first() + (g - from) : codes.value(g - from);
                    glyphs.insert(g, QString(QChar(char16_t(code))));
                }
            }
        }
        for (const QString &section : text.split(QStringLiteral("beginbfchar")).mid(1)) {
            const QString body = section.section(QStringLiteral("endbfchar"), 0, 0);
            auto it = bfchar.globalMatch(body);
            while (it.hasNext()) {
                const auto m = it.next();
                glyphs.insert(m.captured(1).toUInt(nullptr, 16), utf16Hex(m.captured(2)));
            }
        }
    }

    QString out;
    static const QRegularExpression shown(QStringLiteral("<([0-9A-Fa-f]+)>"));
    for (const QByteArray &s : std::as_const(streams)) {
        if (s.contains("begincmap") || (!s.contains("Tj") && !s.contains("TJ")))
            continue;
        auto it = shown.globalMatch(QString::fromLatin1(s));
        while (it.hasNext()) {
            const QString hex = it.next().captured(1);
            for (qsizetype i = 0; i + 4 <= hex.size(); i += 4)
                out += glyphs.value(hex.mid(i, 4).toUInt(nullptr, 16));
        }
        out += u'\n';
    }
    // Qt maps a ligature glyph (ff, fi) to its ligature character; searching needs the letters.
    return out.normalized(QString::NormalizationForm_KC);
}

} // namespace Blackbird::Test
