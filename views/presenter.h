#pragma once

// View › Present: starts and stops presenter mode for the designer's document.
//
// Contract: owns the Present (F5, from the first step) and Present from Current Step
// (Shift+F5, where the last presentation stopped) actions for the host window's menu. Presenting
// opens a full-screen PresenterWindow; with more than one screen it goes on a screen other than
// the host's, and the speaker notes window (PresenterNotes) is shown on the host's screen. The
// host window, its docks and toolbars are never changed: leaving (Esc) closes the presenter's
// windows and gives the focus back to the host as it was.

#include <QObject>
#include <QPointer>

class QAction;
class QUndoStack;
class QWidget;

namespace s3rd::document {
class Document;
}

namespace s3rd::views {

class PresenterNotes;
class PresenterWindow;

class Presenter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Presenter)

public:
    Presenter(document::Document &doc, QUndoStack &undo, QWidget *host);
    ~Presenter() override;

    QAction *presentAction() const { return m_present; }
    QAction *resumeAction() const { return m_resume; }

    bool isPresenting() const;
    PresenterWindow *window() const;
    // The speaker notes window; it exists while presenting, shown only with a second screen.
    PresenterNotes *notes() const;

public slots:
    void start(bool resume = false);
    void stop();

signals:
    void started();
    void stopped();

private:
    document::Document &m_doc;
    QUndoStack &m_undo;
    QWidget *m_host;
    QAction *m_present = nullptr;
    QAction *m_resume = nullptr;
    QPointer<PresenterWindow> m_window;
    QPointer<PresenterNotes> m_notes;
    int m_lastStep = 0;
};

} // namespace s3rd::views
