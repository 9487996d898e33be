#pragma once

// Presenter mode's speaker notes window, for the presenter's own screen: the current step, the
// next one, the notes of the current step's elements and the time since presenting started.
//
// Contract: shows what the PresenterWindow it follows shows (stepChanged), and its presenter
// keys go to it (its event filter), so the presentation is driven from either screen.

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QTextBrowser;
class QTimer;

namespace s3rd::views {

class PresenterWindow;

class PresenterNotes : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenterNotes)

public:
    explicit PresenterNotes(PresenterWindow &presenter, QWidget *parent = nullptr);

    QString currentText() const;
    QString nextText() const;
    QString notesText() const; // plain text
    QString elapsedText() const;

    // Starts the clock again from zero.
    void restartClock();

private:
    void follow(int index);
    void tick();

    PresenterWindow &m_presenter;
    QLabel *m_current = nullptr;
    QLabel *m_next = nullptr;
    QTextBrowser *m_notes = nullptr;
    QLabel *m_clock = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_elapsed;
};

} // namespace s3rd::views
