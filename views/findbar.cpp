#include "findbar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

namespace s3rd::views {

QToolButton *addToolButton(QBoxLayout *layout, const QString &name, const QString &text,
                           const QString &tip)
{
    auto *b = new QToolButton;
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    layout->addWidget(b);
    return b;
}

FindBar::FindBar(QPlainTextEdit *text, QWidget *shortcutScope, QWidget *parent)
    : QWidget(parent)
    , m_text(text)
{
    setObjectName(QStringLiteral("findBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    m_field = new QLineEdit;
    m_field->setObjectName(QStringLiteral("findField"));
    m_field->setPlaceholderText(tr("Find in document"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    layout->addWidget(m_field, 1);
    const auto button = [layout](const QString &name, const QString &text, const QString &tip) {
        return addToolButton(layout, name, text, tip);
    };
    QToolButton *previous = button(QStringLiteral("findPrevious"), QStringLiteral("▲"),
                                   tr("Previous match (Shift+Enter, Shift+F3)"));
    QToolButton *next = button(QStringLiteral("findNext"), QStringLiteral("▼"),
                               tr("Next match (Enter, F3)"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(tr("999 of 999")));
    layout->addWidget(m_status);
    QToolButton *closer = button(QStringLiteral("findClose"), QString(), tr("Close (Esc)"));
    closer->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));

    connect(previous, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(closer, &QToolButton::clicked, this, &FindBar::close);
    connect(m_field, &QLineEdit::textChanged, this, [this] {
        // Search from the start of the current match, so typing extends it in place.
        QTextCursor c = m_text->textCursor();
        c.setPosition(c.selectionStart());
        m_text->setTextCursor(c);
        findNext(false);
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (isVisible())
            updateCount();
    });

    const auto shortcut = [&](const QKeySequence &key, auto slot) {
        auto *a = new QAction(shortcutScope);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        shortcutScope->addAction(a);
        connect(a, &QAction::triggered, this, slot);
    };
    shortcut(QKeySequence::Find, [this] { open(); });
    shortcut(QKeySequence::FindNext, [this] { isVisible() ? void(findNext(false)) : open(); });
    shortcut(QKeySequence::FindPrevious, [this] { isVisible() ? void(findNext(true)) : open(); });
    shortcut(QKeySequence(Qt::Key_Escape), [this] {
        if (isVisible())
            close();
    });
    hide();
}

void FindBar::open()
{
    show();
    if (m_text->textCursor().hasSelection()
        && !m_text->textCursor().selectedText().contains(QChar::ParagraphSeparator))
        m_field->setText(m_text->textCursor().selectedText());
    m_field->setFocus();
    m_field->selectAll();
    updateCount();
}

void FindBar::close()
{
    hide();
    m_text->setFocus();
}

bool FindBar::findNext(bool backward)
{
    const QString needle = m_field->text();
    if (needle.isEmpty()) {
        updateCount();
        return false;
    }
    const QTextDocument::FindFlags flags = backward ? QTextDocument::FindBackward
                                                    : QTextDocument::FindFlags();
    QTextCursor found = m_text->document()->find(needle, m_text->textCursor(), flags);
    if (found.isNull()) { // wrap around
        QTextCursor from(m_text->document());
        if (backward)
            from.movePosition(QTextCursor::End);
        found = m_text->document()->find(needle, from, flags);
    }
    if (!found.isNull()) {
        m_text->setTextCursor(found);
        m_text->centerCursor();
    }
    updateCount();
    return !found.isNull();
}

void FindBar::updateCount()
{
    const QString needle = m_field->text();
    m_count = 0;
    m_index = 0;
    if (!needle.isEmpty()) {
        const QString text = m_text->toPlainText();
        const int selected = m_text->textCursor().selectionStart();
        for (qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(needle, at + 1, Qt::CaseInsensitive)) {
            ++m_count;
            if (at == selected && m_text->textCursor().hasSelection())
                m_index = m_count;
        }
    }
    m_status->setText(statusText());
}

QString FindBar::statusText() const
{
    if (m_field->text().isEmpty())
        return QString();
    if (m_count == 0)
        return tr("No match");
    return m_index > 0 ? tr("%1 of %2").arg(m_index).arg(m_count)
                       : tr("%n match(es)", nullptr, m_count);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_field && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            findNext(key->modifiers() & Qt::ShiftModifier);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace s3rd::views
