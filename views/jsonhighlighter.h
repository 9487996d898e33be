#pragma once

// Syntax colouring for the read-only policy views and the custom-policy editor.
//
// Colours follow the palette of the widget showing the text: call setPalette() when it changes
// (the owner reacts to QEvent::PaletteChange), so light and dark themes both stay readable.

#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <optional>

class QLabel;

namespace s3rd::views {

class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document, const QPalette &palette = QPalette());

    void setPalette(const QPalette &palette);

    // Exposed for tests: the format used for each token class.
    enum class Token { Key, String, Number, Keyword, Punctuation };
    QTextCharFormat format(Token token) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
};

// True when the palette's base colour is dark (a dark theme).
bool isDarkPalette(const QPalette &palette);

// The colour of problem messages, readable on light and dark palettes.
QColor errorColour(const QPalette &palette);

// A hidden, word-wrapping label in the error colour, for the problem under a field.
QLabel *newErrorLabel();

// A JSON syntax problem with its location (1-based line and column; position is the character
// offset into the text, for moving a cursor there).
struct JsonProblem
{
    QString message;
    int line = 1;
    int column = 1;
    int position = 0;
    QString toString() const; // "line 3, column 7: unexpected '}'"
};

// Checks that text is one JSON object (a policy document). std::nullopt when it is.
std::optional<JsonProblem> checkJsonObject(const QString &text);

} // namespace s3rd::views
