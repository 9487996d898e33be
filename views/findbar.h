#pragma once

// A find bar for a read-only text view: Ctrl+F (while the view or the bar has focus) shows it
// with the search field focused; Enter or F3 goes to the next match, Shift+Enter or Shift+F3
// to the previous one, wrapping around; it shows "3 of 7" (or "No match"); Esc closes it and
// returns the focus to the text. Case-insensitive.

#include <QWidget>

class QBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace s3rd::views {

// A flat tool button named `name` with a text and a tooltip, added to `layout`: the small
// buttons of the find bar and of the panels' tool rows.
QToolButton *addToolButton(QBoxLayout *layout, const QString &name, const QString &text,
                           const QString &tip);

class FindBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindBar)

public:
    // Installs the Ctrl+F and F3 shortcuts on `shortcutScope` (the text's container).
    FindBar(QPlainTextEdit *text, QWidget *shortcutScope, QWidget *parent = nullptr);

    void open();
    void close();
    // Selects the next (or previous) match after (before) the cursor; false when none.
    bool findNext(bool backward = false);
    int matchCount() const { return m_count; }
    QString statusText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();

    QPlainTextEdit *m_text;
    QLineEdit *m_field = nullptr;
    QLabel *m_status = nullptr;
    int m_count = 0;
    int m_index = 0; // 1-based index of the selected match, 0 when none is selected
};

} // namespace s3rd::views
