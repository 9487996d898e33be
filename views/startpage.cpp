#include "startpage.h"

#include "designsession.h"
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

StartPage::StartPage(const QStringList &examples, const QStringList &labs, QWidget *parent)
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
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(blank, &QPushButton::clicked, this, &StartPage::newRequested);
    connect(open, &QPushButton::clicked, this, &StartPage::openRequested);

    layout->addWidget(heading(tr("Examples")));
    m_exampleGrid = new QGridLayout;
    layout->addLayout(m_exampleGrid);
    for (const QString &path : examples)
        m_examples.push_back(addCard(path, false));
    if (!labs.isEmpty()) {
        layout->addWidget(heading(tr("Labs: guided exercises")));
        m_labGrid = new QGridLayout;
        layout->addLayout(m_labGrid);
        for (const QString &path : labs)
            m_labs.push_back(addCard(path, true));
    }
    layout->addStretch(1);
    reflow();
}

QStringList StartPage::labPaths()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/labs"));
    for (const QString &name :
         dir.entryList({QStringLiteral("*.s3rd.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

QToolButton *StartPage::addCard(const QString &path, bool lab)
{
    const model::LoadResult loaded = document::DesignSession::read(path);
    auto *card = new QToolButton;
    card->setObjectName(QFileInfo(path).fileName());
    card->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    card->setAutoRaise(true);
    card->setFocusPolicy(Qt::StrongFocus);
    card->setIconSize(kThumb);
    card->setFixedWidth(kCardWidth);
    const QString title = loaded.ok() && !loaded.design.name.empty()
                              ? qs(loaded.design.name)
                              : QFileInfo(path).fileName();
    card->setText(fontMetrics().elidedText(title, Qt::ElideRight, kThumb.width()));
    card->setToolTip(loaded.ok() && !loaded.design.note.empty()
                         ? QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(),
                                                                 qs(loaded.design.note)
                                                                     .toHtmlEscaped())
                         : title);
    if (loaded.ok())
        card->setIcon(thumbnail(loaded.design, palette().color(QPalette::Base)));
    else
        card->setEnabled(false);
    connect(card, &QToolButton::clicked, this, [this, path, lab] {
        if (lab)
            emit labChosen(path);
        else
            emit exampleChosen(path);
    });
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
