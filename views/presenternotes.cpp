#include "presenternotes.h"

#include "panelparts.h"
#include "presenterwindow.h"
#include "qtext.h"

#include <QGridLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QTimer>

namespace s3rd::views {

PresenterNotes::PresenterNotes(PresenterWindow &presenter, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_presenter(presenter)
{
    setObjectName(QStringLiteral("presenterNotesWindow"));
    setWindowTitle(tr("Presenter notes"));
    setFocusPolicy(Qt::StrongFocus);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.3);

    m_current = newWrappingLabel(QStringLiteral("notesCurrent"));
    m_current->setFont(big);
    m_next = newWrappingLabel(QStringLiteral("notesNext"));
    m_next->setFont(large);
    m_next->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_notes = new QTextBrowser;
    m_notes->setObjectName(QStringLiteral("notesText"));
    m_notes->setFont(large);
    m_notes->setFocusPolicy(Qt::NoFocus);
    m_clock = new QLabel;
    m_clock->setObjectName(QStringLiteral("notesClock"));
    m_clock->setFont(big);
    auto *keys = new QLabel(tr("Right, Page Down: next    Left, Page Up: back    "
                               "Home, End: first, last    Esc: stop presenting"));
    keys->setStyleSheet(QStringLiteral("color: palette(mid);"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(20, 16, 20, 16);
    grid->addWidget(m_current, 0, 0);
    grid->addWidget(m_clock, 0, 1, Qt::AlignRight | Qt::AlignTop);
    grid->addWidget(m_next, 1, 0, 1, 2);
    grid->addWidget(m_notes, 2, 0, 1, 2);
    grid->addWidget(keys, 3, 0, 1, 2);
    grid->setRowStretch(2, 1);
    grid->setColumnStretch(0, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &PresenterNotes::tick);
    connect(&presenter, &PresenterWindow::stepChanged, this, &PresenterNotes::follow);
    installEventFilter(&presenter); // the presenter keys
    restartClock();
    follow(presenter.currentStep());
}

void PresenterNotes::restartClock()
{
    m_elapsed.start();
    m_timer->start();
    tick();
}

void PresenterNotes::tick()
{
    const qint64 seconds = m_elapsed.elapsed() / 1000;
    m_clock->setText(QStringLiteral("%1:%2:%3")
                         .arg(seconds / 3600)
                         .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                         .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void PresenterNotes::follow(int index)
{
    m_current->setText(m_presenter.caption());
    const int next = index + 1;
    m_next->setText(next < m_presenter.stepCount()
                        ? tr("Next: %1").arg(qs(m_presenter.steps()[std::size_t(next)].caption))
                        : tr("Next: the end"));
    const QString notes = m_presenter.notesHtml(index);
    m_notes->setHtml(notes.isEmpty() ? tr("<i>No notes for this step.</i>") : notes);
}

QString PresenterNotes::currentText() const
{
    return m_current->text();
}

QString PresenterNotes::nextText() const
{
    return m_next->text();
}

QString PresenterNotes::notesText() const
{
    return m_notes->toPlainText();
}

QString PresenterNotes::elapsedText() const
{
    return m_clock->text();
}

} // namespace s3rd::views
