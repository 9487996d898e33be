#include "presenter.h"

#include "presenternotes.h"
#include "presenterwindow.h"

#include <QAction>
#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace s3rd::views {

Presenter::Presenter(document::Document &doc, QUndoStack &undo, QWidget *host)
    : QObject(host)
    , m_doc(doc)
    , m_undo(undo)
    , m_host(host)
{
    setObjectName(QStringLiteral("presenter"));
    m_present = new QAction(tr("&Present"), this);
    m_present->setObjectName(QStringLiteral("present"));
    m_present->setShortcut(QKeySequence(Qt::Key_F5));
    m_present->setStatusTip(tr("Show the design full screen, step by step in build order"));
    connect(m_present, &QAction::triggered, this, [this] { start(false); });
    m_resume = new QAction(tr("Present from &Current Step"), this);
    m_resume->setObjectName(QStringLiteral("presentResume"));
    m_resume->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    connect(m_resume, &QAction::triggered, this, [this] { start(true); });
}

Presenter::~Presenter()
{
    delete m_notes;
    delete m_window;
}

bool Presenter::isPresenting() const
{
    return m_window != nullptr;
}

PresenterWindow *Presenter::window() const
{
    return m_window;
}

PresenterNotes *Presenter::notes() const
{
    return m_notes;
}

void Presenter::start(bool resume)
{
    if (m_window) {
        m_window->activateWindow();
        return;
    }
    m_window = new PresenterWindow(m_doc, m_undo);
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->setStep(resume ? m_lastStep : 0);
    connect(m_window, &PresenterWindow::leaveRequested, this, &Presenter::stop);
    m_notes = new PresenterNotes(*m_window);

    // The audience's screen: another than the designer's when there is one.
    QScreen *own = m_host->screen();
    QScreen *audience = own;
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (QScreen *s : screens) {
        if (s != own) {
            audience = s;
            break;
        }
    }
    m_window->setScreen(audience);
    m_window->setGeometry(audience->geometry());
    m_window->showFullScreen();
    m_window->activateWindow();
    m_window->setFocus();
    if (screens.size() > 1) {
        m_notes->setScreen(own);
        const QRect area = own->availableGeometry();
        m_notes->resize(area.width() * 2 / 3, area.height() * 2 / 3);
        m_notes->move(area.center() - m_notes->rect().center());
        m_notes->show();
    }
    emit started();
}

void Presenter::stop()
{
    if (!m_window)
        return;
    m_lastStep = std::max(0, m_window->currentStep());
    // Deleted later: stop() is reached from the window's own key handler.
    m_notes->hide();
    m_notes->deleteLater();
    m_notes = nullptr;
    m_window->hide();
    m_window->deleteLater();
    m_window = nullptr;
    m_host->window()->raise();
    m_host->window()->activateWindow();
    emit stopped();
}

} // namespace s3rd::views
