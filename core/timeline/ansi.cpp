#include "ansi.h"

namespace Blackbird {

namespace {

constexpr char16_t Esc = 0x1b;
constexpr char16_t Bel = 0x07;
constexpr char16_t C1Csi = 0x9b;
constexpr char16_t C1St = 0x9c;
constexpr int MaxParameterLength = 64; // parameters beyond are swallowed but not read

enum class Colour { Other, Red, Yellow };

Colour classifyRgb(int r, int g, int b)
{
    if (r >= 128 && g < 100 && b < 100)
        return Colour::Red;
    if (r >= 128 && g >= 128 && b < 100)
        return Colour::Yellow;
    return Colour::Other;
}

Colour classifyIndexed(int index)
{
    if (index == 1 || index == 9)
        return Colour::Red;
    if (index == 3 || index == 11)
        return Colour::Yellow;
    if (index >= 16 && index <= 231) {
        const int cube = index - 16; // 6x6x6 colour cube
        const int r = cube / 36, g = (cube / 6) % 6, b = cube % 6;
        if (r >= 3 && g <= 1 && b <= 1)
            return Colour::Red;
        if (r >= 3 && g >= 3 && b <= 1)
            return Colour::Yellow;
    }
    return Colour::Other;
}

class Stripper
{
public:
    explicit Stripper(QStringView line) { m_out.reserve(line.size()); }

    void feed(QChar ch);
    AnsiStripped finish();

private:
    enum class State { Ground, Escape, EscapeIntermediate, Csi, String, StringEscape };

    void ground(QChar ch);
    void visible(QChar ch);
    void endCsi(char16_t final);
    void applySgr();

    State m_state = State::Ground;
    QString m_out;
    QString m_params;
    bool m_csiPlain = true; // no private marker or intermediate: a real SGR when it ends in 'm'
    bool m_pendingCarriageReturn = false;
    Colour m_colour = Colour::Other;
    Colour m_worst = Colour::Other;
};

void Stripper::feed(QChar qch)
{
    const char16_t ch = qch.unicode();
    switch (m_state) {
    case State::Ground:
        ground(qch);
        return;
    case State::Escape:
        if (ch == u'[') {
            m_state = State::Csi;
            m_params.clear();
            m_csiPlain = true;
        } else if (ch == u']' || ch == u'P' || ch == u'X' || ch == u'^' || ch == u'_') {
            m_state = State::String;
        } else if (ch >= 0x20 && ch <= 0x2f) {
            m_state = State::EscapeIntermediate;
        } else if (ch >= 0x30 && ch <= 0x7e) {
            m_state = State::Ground; // a two-byte escape such as ESC 7 or ESC M
        } else if (ch == Esc || ch < 0x20) {
            // Another escape restarts the sequence; other controls are swallowed.
        } else {
            m_state = State::Ground; // broken: the escape is dropped, the text kept
            ground(qch);
        }
        return;
    case State::EscapeIntermediate:
        if (ch >= 0x20 && ch <= 0x2f)
            return;
        if (ch == Esc) {
            m_state = State::Escape;
            return;
        }
        m_state = State::Ground;
        if (ch > 0x7e || ch < 0x20)
            ground(qch); // broken: keep what follows
        return;
    case State::Csi:
        if (ch >= 0x40 && ch <= 0x7e) {
            m_state = State::Ground;
            endCsi(ch);
        } else if (ch >= 0x30 && ch <= 0x3f) {
            if (ch == u'<' || ch == u'=' || ch == u'>' || ch == u'?')
                m_csiPlain = false;
            if (m_params.size() < MaxParameterLength)
                m_params.append(qch);
            else
                m_csiPlain = false; // too long to be a colour anybody meant
        } else if (ch >= 0x20 && ch <= 0x2f) {
            m_csiPlain = false;
        } else if (ch == Esc) {
            m_state = State::Escape; // cut off by a new sequence
        } else if (ch < 0x20) {
            // A terminal would execute a control here; there is nothing to execute.
        } else {
            m_state = State::Ground; // broken: a character no CSI holds
            ground(qch);
        }
        return;
    case State::String:
        if (ch == Bel || ch == C1St)
            m_state = State::Ground;
        else if (ch == Esc)
            m_state = State::StringEscape;
        return;
    case State::StringEscape:
        if (ch == u'\\') {
            m_state = State::Ground;
        } else {
            // ESC without the backslash still ends the string and starts something new.
            m_state = State::Escape;
            feed(qch);
        }
        return;
    }
}

void Stripper::ground(QChar qch)
{
    const char16_t ch = qch.unicode();
    if (ch == Esc) {
        m_state = State::Escape;
    } else if (ch == C1Csi) {
        m_state = State::Csi;
        m_params.clear();
        m_csiPlain = true;
    } else if (ch == 0x90 || ch == 0x98 || ch == 0x9d || ch == 0x9e || ch == 0x9f) {
        m_state = State::String; // DCS, SOS, OSC, PM, APC in their 8-bit form
    } else if (ch == u'\t') {
        visible(QChar(u' '));
    } else if (ch == u'\r') {
        m_pendingCarriageReturn = true;
    } else if (ch == u'\b') {
        if (!m_out.isEmpty())
            m_out.chop(1);
    } else if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f)) {
        // Other C0 and C1 controls have no readable form.
    } else {
        visible(qch);
    }
}

void Stripper::visible(QChar ch)
{
    if (m_pendingCarriageReturn) {
        // The terminal returned to the start of the line: what follows is what stays visible.
        m_out.clear();
        m_worst = Colour::Other;
        m_pendingCarriageReturn = false;
    }
    m_out.append(ch);
    if (m_colour == Colour::Red || (m_colour == Colour::Yellow && m_worst == Colour::Other))
        m_worst = m_colour;
}

void Stripper::endCsi(char16_t final)
{
    if (final == u'm' && m_csiPlain)
        applySgr();
}

void Stripper::applySgr()
{
    QList<int> codes;
    for (QStringView part : QStringView(m_params).tokenize(u';')) {
        // Colon sub-parameters (38:2::r:g:b) are read as if they were separate parameters.
        for (QStringView sub : part.tokenize(u':'))
            codes.append(sub.isEmpty() ? 0 : sub.toInt());
    }
    if (codes.isEmpty())
        codes.append(0);

    for (qsizetype i = 0; i < codes.size(); ++i) {
        const int code = codes.at(i);
        if (code == 0 || code == 39) {
            m_colour = Colour::Other;
        } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
            m_colour = classifyIndexed(code % 10);
        } else if (code == 38 || code == 48) {
            Colour extended = Colour::Other;
            if (i + 2 < codes.size() && codes.at(i + 1) == 5) {
                extended = classifyIndexed(codes.at(i + 2));
                i += 2;
            } else if (i + 4 < codes.size() && codes.at(i + 1) == 2) {
                extended = classifyRgb(codes.at(i + 2), codes.at(i + 3), codes.at(i + 4));
                i += 4;
            } else {
                i = codes.size(); // malformed: ignore the rest of this SGR
            }
            if (code == 38)
                m_colour = extended;
        }
    }
}

AnsiStripped Stripper::finish()
{
    if (m_pendingCarriageReturn && m_out.isEmpty())
        m_pendingCarriageReturn = false;
    AnsiStripped result;
    result.text = std::move(m_out);
    if (m_worst == Colour::Red)
        result.colourLevel = TimelineEntry::Level::Error;
    else if (m_worst == Colour::Yellow)
        result.colourLevel = TimelineEntry::Level::Warning;
    return result;
}

} // namespace

AnsiStripped stripAnsiWithLevel(QStringView line)
{
    Stripper stripper(line);
    for (QChar ch : line)
        stripper.feed(ch);
    return stripper.finish();
}

QString stripAnsi(QStringView line)
{
    // Most console lines carry no escape or control character at all.
    bool plain = true;
    for (QChar ch : line) {
        const char16_t c = ch.unicode();
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            plain = false;
            break;
        }
    }
    if (plain)
        return line.toString();
    return stripAnsiWithLevel(line).text;
}

} // namespace Blackbird
