#include "palette.h"

#include "canvasscene.h"
#include "iconcache.h"

#include <QApplication>
#include <QDrag>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace s3rd::views {

namespace {

// A palette entry: pressing and dragging it starts a QDrag of its element kind.
class PaletteButton : public QToolButton
{
public:
    PaletteButton(const QString &kind, IconKind iconKind, const QString &text,
                  const QString &toolTip, QWidget *parent)
        : QToolButton(parent)
        , m_kind(kind)
    {
        setIcon(s3rd::views::icon(iconKind));
        setIconSize(QSize(32, 32));
        setText(text);
        setToolTip(toolTip);
        setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
        setAutoRaise(true);
        setMinimumWidth(84);
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        setCursor(Qt::OpenHandCursor);
    }

protected:
    void mousePressEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton)
            m_pressPos = event->position().toPoint();
        QToolButton::mousePressEvent(event);
    }

    void mouseMoveEvent(QMouseEvent *event) override
    {
        if (!(event->buttons() & Qt::LeftButton)
            || (event->position().toPoint() - m_pressPos).manhattanLength()
                   < QApplication::startDragDistance()) {
            QToolButton::mouseMoveEvent(event);
            return;
        }
        setDown(false);
        auto *mime = new QMimeData;
        mime->setData(QString::fromLatin1(kPaletteMimeType), m_kind.toUtf8());
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        drag->setPixmap(icon().pixmap(iconSize(), devicePixelRatioF()));
        drag->setHotSpot(QPoint(iconSize().width() / 2, iconSize().height() / 2));
        drag->exec(Qt::CopyAction);
    }

private:
    QString m_kind;
    QPoint m_pressPos;
};

} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    const struct
    {
        const char *kind;
        IconKind icon;
        QString text;
        QString toolTip;
    } elements[] = {
        {"account", IconKind::Account, tr("Account"),
         tr("An AWS account: drag onto an empty part of the canvas. Buckets, keys and roles "
            "live inside accounts.")},
        {"bucket", IconKind::Bucket, tr("Bucket"),
         tr("An S3 bucket: drag into an account. It belongs to the account it is dropped in.")},
        {"key", IconKind::Key, tr("KMS key"),
         tr("A KMS key: drop on a bucket to make it the bucket's default encryption key "
            "(SSE-KMS), or into an account.")},
        {"role", IconKind::Role, tr("Role"),
         tr("An IAM role that S3 assumes to replicate: drag into the source bucket's account. "
            "Drawing a replication creates one if the account has none.")},
    };
    for (const auto &e : elements)
        layout->addWidget(
            new PaletteButton(QString::fromLatin1(e.kind), e.icon, e.text, e.toolTip, this));

    m_connect = new QToolButton(this);
    m_connect->setIcon(icon(IconKind::Rule));
    m_connect->setIconSize(QSize(32, 32));
    m_connect->setText(tr("Connect"));
    m_connect->setToolTip(tr("Connect tool: drag from one bucket to another to replicate. "
                             "You can also drag from a bucket's round handle at any time."));
    m_connect->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    m_connect->setCheckable(true);
    m_connect->setAutoRaise(true);
    m_connect->setMinimumWidth(84);
    layout->addSpacing(8);
    layout->addWidget(m_connect);
    layout->addStretch(1);
}

} // namespace s3rd::views
