#include "jsonhighlighter.h"

#include <QLabel>

#include <nlohmann/json.hpp>

namespace s3rd::views {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor errorColour(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x00, 0x20);
}

QLabel *newErrorLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, errorColour(p));
    label->setPalette(p);
    label->hide();
    return label;
}

JsonHighlighter::JsonHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
{
    setPalette(palette);
}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    // Two hand-picked sets with enough contrast against a light or a dark base colour.
    const bool dark = isDarkPalette(palette);
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x45, 0x8b));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_keyword.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xcc));
    QColor punct = palette.color(QPalette::Text);
    punct.setAlphaF(0.6);
    m_punctuation.setForeground(punct);
    rehighlight();
}

QTextCharFormat JsonHighlighter::format(Token token) const
{
    switch (token) {
    case Token::Key: return m_key;
    case Token::String: return m_string;
    case Token::Number: return m_number;
    case Token::Keyword: return m_keyword;
    case Token::Punctuation: break;
    }
    return m_punctuation;
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    // A hand-written scanner rather than regular expressions: one pass per line, and a string
    // is a key exactly when the next non-space character is ':'. Block state 1 means the line
    // ended inside a string (custom policies may be laid out any way).
    const int n = int(text.size());
    int i = 0;
    auto scanString = [&](int start) {
        int j = start;
        while (j < n) {
            if (text[j] == u'\\') {
                j += 2;
                continue;
            }
            if (text[j] == u'"')
                return j + 1;
            ++j;
        }
        return -1; // unterminated on this line
    };
    auto isKeyAfter = [&](int end) {
        int j = end;
        while (j < n && text[j].isSpace())
            ++j;
        return j < n && text[j] == u':';
    };

    setCurrentBlockState(0);
    if (previousBlockState() == 1) {
        const int end = scanString(0);
        if (end < 0) {
            setFormat(0, n, m_string);
            setCurrentBlockState(1);
            return;
        }
        setFormat(0, end, isKeyAfter(end) ? m_key : m_string);
        i = end;
    }
    while (i < n) {
        const QChar c = text[i];
        if (c == u'"') {
            const int end = scanString(i + 1);
            if (end < 0) {
                setFormat(i, n - i, m_string);
                setCurrentBlockState(1);
                return;
            }
            setFormat(i, end - i, isKeyAfter(end) ? m_key : m_string);
            i = end;
        } else if (c == u'-' || c.isDigit()) {
            int j = i + 1;
            while (j < n && (text[j].isDigit() || text[j] == u'.' || text[j] == u'e'
                             || text[j] == u'E' || text[j] == u'+' || text[j] == u'-'))
                ++j;
            setFormat(i, j - i, m_number);
            i = j;
        } else if (c.isLetter()) {
            int j = i + 1;
            while (j < n && text[j].isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(i, j - i, m_keyword);
            i = j;
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':')
                setFormat(i, 1, m_punctuation);
            ++i;
        }
    }
}

QString JsonProblem::toString() const
{
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

std::optional<JsonProblem> checkJsonObject(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    auto locate = [&](std::size_t byteOffset, QString message) {
        const qsizetype bytes = qsizetype(std::min<std::size_t>(byteOffset, std::size_t(utf8.size())));
        const QString before = QString::fromUtf8(utf8.constData(), bytes);
        JsonProblem p;
        p.message = std::move(message);
        p.position = int(before.size());
        p.line = int(before.count(u'\n')) + 1;
        p.column = int(before.size() - (before.lastIndexOf(u'\n') + 1)) + 1;
        return p;
    };
    try {
        const auto json = nlohmann::json::parse(utf8.constData(), utf8.constData() + utf8.size());
        if (!json.is_object())
            return locate(0, QStringLiteral("a policy must be a JSON object ({ ... })"));
        return std::nullopt;
    } catch (const nlohmann::json::parse_error &e) {
        // what() reads "[json.exception.parse_error.101] parse error at line 1, column 5:
        // syntax error while parsing value - ..."; keep only the part after the location.
        QString what = QString::fromUtf8(e.what());
        const qsizetype column = what.indexOf(QStringLiteral("column "));
        const qsizetype colon = column < 0 ? -1 : what.indexOf(QStringLiteral(": "), column);
        if (colon >= 0)
            what = what.mid(colon + 2);
        return locate(e.byte > 0 ? e.byte - 1 : 0, what);
    }
}

} // namespace s3rd::views
