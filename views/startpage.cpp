#include "startpage.h"

#include "designsession.h"
#include "labprogress.h"
#include "diagramexport.h"
#include "qtext.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace s3rd::views {

namespace {

constexpr QSize kThumb(240, 150);
constexpr int kCardWidth = kThumb.width() + 24;

QLabel *heading(const QString &text)
{
    auto *label = new QLabel(QStringLiteral("<h3>%1</h3>").arg(text.toHtmlEscaped()));
    label->setTextFormat(Qt::RichText);
    return label;
}

// The design's diagram, fitted into a thumbnail on the window's base colour.
QIcon thumbnail(const model::Design &design, const QColor &background)
{
    QImage image(kThumb * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    diagram::drawDiagram(painter, design, QRectF(QPointF(4, 4), QSizeF(kThumb) - QSizeF(8, 8)),
                         diagram::Style{});
    painter.end();
    return QIcon(QPixmap::fromImage(image));
}

} // namespace

StartPage::StartPage(const QStringList &examples, const model::labs::Catalogue &labs,
                     QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("startPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget;
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(24, 16, 24, 16);

    auto *intro = new QLabel(
        tr("<h2>S3 Replication Designer</h2>Start from an example: change a bucket, a key or an "
           "arrow and watch the generated policies and the checklist follow."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *buttons = new QHBoxLayout;
    auto *blank = new QPushButton(tr("&New empty design"));
    blank->setObjectName(QStringLiteral("newButton"));
    auto *open = new QPushButton(tr("&Open a design…"));
    open->setObjectName(QStringLiteral("openButton"));
    buttons->addWidget(blank);
    buttons->addWidget(open);
    if (!labs.labs.empty()) {
        // The labs are below the examples, often out of sight: a way to them at the top.
        auto *all = new QPushButton(tr("Start a &lab…"));
        all->setObjectName(QStringLiteral("allLabsButton"));
        all->setToolTip(tr("Break-and-fix exercises: choose one by difficulty and time, or "
                           "open a folder of your own (Help › Labs)"));
        connect(all, &QPushButton::clicked, this, &StartPage::labsRequested);
        buttons->addWidget(all);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(blank, &QPushButton::clicked, this, &StartPage::newRequested);
    connect(open, &QPushButton::clicked, this, &StartPage::openRequested);

    layout->addWidget(heading(tr("Examples")));
    m_exampleGrid = new QGridLayout;
    layout->addLayout(m_exampleGrid);
    for (const QString &path : examples)
        m_examples.push_back(addCard(path));
    if (!labs.labs.empty()) {
        layout->addWidget(heading(tr("Labs: fix a design that does not work")));
        m_labGrid = new QGridLayout;
        layout->addLayout(m_labGrid);
        for (const model::labs::Lab &lab : labs.labs)
            m_labs.push_back(addLabCard(lab));
    }
    layout->addStretch(1);
    reflow();
}

QToolButton *StartPage::newCard(const QString &name, const QString &title,
                                 const QString &toolTip, const model::Design *design)
{
    auto *card = new QToolButton;
    card->setObjectName(name);
    card->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    card->setAutoRaise(true);
    card->setFocusPolicy(Qt::StrongFocus);
    card->setIconSize(kThumb);
    card->setFixedWidth(kCardWidth);
    QStringList lines;
    for (const QString &line : title.split(QLatin1Char('\n')))
        lines << fontMetrics().elidedText(line, Qt::ElideRight, kThumb.width());
    card->setText(lines.join(QLatin1Char('\n')));
    card->setToolTip(toolTip);
    if (design)
        card->setIcon(thumbnail(*design, palette().color(QPalette::Base)));
    else
        card->setEnabled(false);
    return card;
}

QToolButton *StartPage::addCard(const QString &path)
{
    const model::LoadResult loaded = document::DesignSession::read(path);
    const QString title = loaded.ok() && !loaded.design.name.empty()
                              ? qs(loaded.design.name)
                              : QFileInfo(path).fileName();
    const QString tip = loaded.ok() && !loaded.design.note.empty()
                            ? QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(),
                                                                    qs(loaded.design.note)
                                                                        .toHtmlEscaped())
                            : title;
    QToolButton *card = newCard(QFileInfo(path).fileName(), title, tip,
                                loaded.ok() ? &loaded.design : nullptr);
    connect(card, &QToolButton::clicked, this, [this, path] { emit exampleChosen(path); });
    return card;
}

QToolButton *StartPage::addLabCard(const model::labs::Lab &lab)
{
    static const char *const kDifficulty[] = {QT_TR_NOOP("Easy"), QT_TR_NOOP("Medium"),
                                              QT_TR_NOOP("Hard")};
    const QString id = qs(lab.id);
    const document::LabRecord record = document::labRecord(id);
    QString facts = tr("%1 · %2 min").arg(tr(kDifficulty[int(lab.difficulty)])).arg(lab.minutes);
    if (record.done)
        facts += tr(" · ✔ done");
    else if (record.started.isValid())
        facts += tr(" · started");
    QToolButton *card = newCard(id, qs(lab.title) + QLatin1Char('\n') + facts,
                                QStringLiteral("<b>%1</b><br>%2")
                                    .arg(qs(lab.title).toHtmlEscaped(),
                                         qs(lab.briefing).toHtmlEscaped()),
                                &lab.start);
    connect(card, &QToolButton::clicked, this, [this, id] { emit labChosen(id); });
    return card;
}

void StartPage::reflow()
{
    const int columns = std::max(1, (width() - 48) / (kCardWidth + 8));
    if (columns == m_columns)
        return;
    m_columns = columns;
    const auto place = [columns](QGridLayout *grid, const std::vector<QToolButton *> &cards) {
        if (!grid)
            return;
        for (QToolButton *card : cards)
            grid->removeWidget(card);
        for (int c = 0, n = grid->columnCount(); c < n; ++c)
            grid->setColumnStretch(c, 0);
        for (std::size_t i = 0; i < cards.size(); ++i)
            grid->addWidget(cards[i], int(i) / columns, int(i) % columns, Qt::AlignLeft);
        grid->setColumnStretch(columns, 1);
    };
    place(m_exampleGrid, m_examples);
    place(m_labGrid, m_labs);
}

void StartPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    reflow();
}

} // namespace s3rd::views
