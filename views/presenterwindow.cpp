#include "presenterwindow.h"

#include "canvasitems.h"
#include "canvasscene.h"
#include "qtext.h"
#include "selection.h"

#include <QGraphicsView>
#include <QKeyEvent>
#include <QLabel>
#include <QShortcut>
#include <QTextDocument>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <set>
#include <variant>

namespace s3rd::views {

using document::PresentationStep;

namespace {

// The design is shown at least this much larger than the designer's actual size, at most so
// much that a small design does not become a poster.
constexpr qreal kMinZoom = 1.15;
constexpr qreal kMaxZoom = 2.2;
constexpr int kMargin = 24;

QString esc(const std::string &s)
{
    return qs(s).toHtmlEscaped();
}

// A hidden rich-text box over the canvas, framed in the border colour.
QLabel *overlayLabel(QWidget *parent, const QString &name, const QFont &font,
                     const QString &border, const QString &background)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setFont(font);
    label->setTextFormat(Qt::RichText);
    label->setStyleSheet(QStringLiteral("QLabel { background: %2; color: #1b1f24;"
                                        " border: 2px solid %1; border-radius: 8px;"
                                        " padding: 10px 14px; }")
                             .arg(border, background));
    label->hide();
    return label;
}

// Sizes a label to its text, wrapping at maxWidth.
void fitLabel(QLabel *label, int maxWidth)
{
    label->setWordWrap(false);
    label->setMinimumSize(0, 0);
    label->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    QSize size = label->sizeHint();
    if (size.width() > maxWidth) {
        label->setWordWrap(true);
        size = QSize(maxWidth, label->heightForWidth(maxWidth));
    }
    label->setFixedSize(size);
}

} // namespace

PresenterWindow::PresenterWindow(document::Document &doc, QUndoStack &undo, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_doc(doc)
{
    setObjectName(QStringLiteral("presenterWindow"));
    setWindowTitle(tr("Presenting"));
    setFocusPolicy(Qt::StrongFocus);
    m_selection = new Selection(this);
    m_scene = new CanvasScene(doc, undo, *m_selection, this);
    // No selection outlines, hover effects or connector handles: the diagram as exported.
    m_scene->setExportMode(true);

    m_view = new QGraphicsView(m_scene, this);
    m_view->setObjectName(QStringLiteral("presenterView"));
    m_view->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    m_view->setInteractive(false);
    m_view->setFocusPolicy(Qt::NoFocus);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    m_view->setBackgroundBrush(QColor(0xfb, 0xfb, 0xfc));
    m_view->viewport()->installEventFilter(this);
    installEventFilter(this); // the presenter keys
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.25);
    m_caption = new QLabel(m_view->viewport());
    m_caption->setObjectName(QStringLiteral("presenterCaption"));
    m_caption->setFont(big);
    m_caption->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(32, 38, 46, 225); color: white; border-radius: 8px;"
        " padding: 8px 18px; }"));
    m_statements = overlayLabel(m_view->viewport(), QStringLiteral("presenterStatements"), large,
                                QStringLiteral("#2f6fd6"), QStringLiteral("white"));
    m_notes = overlayLabel(m_view->viewport(), QStringLiteral("presenterNotes"), large,
                           QStringLiteral("#8a8f98"), QStringLiteral("#fffce8"));

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &PresenterWindow::refreshNow);
    connect(&doc, &document::Document::contentChanged, this, [this] { scheduleRefresh(true); });
    connect(&doc, &document::Document::designReset, this, [this] { scheduleRefresh(true); });
    connect(&doc, &document::Document::changed, this, [this] { scheduleRefresh(false); });

    // Edits while presenting: undo and redo a change shown live.
    auto *undoKey = new QShortcut(QKeySequence::Undo, this);
    connect(undoKey, &QShortcut::activated, &undo, &QUndoStack::undo);
    auto *redoKey = new QShortcut(QKeySequence::Redo, this);
    connect(redoKey, &QShortcut::activated, &undo, &QUndoStack::redo);

    refreshNow();
    setStep(0);
}

PresenterWindow::~PresenterWindow() = default;

void PresenterWindow::scheduleRefresh(bool steps)
{
    m_stepsDue = m_stepsDue || steps;
    m_refreshTimer->start();
}

void PresenterWindow::refreshNow()
{
    m_refreshTimer->stop();
    if (m_stepsDue) {
        m_steps = document::presentationSteps(m_doc.design(), m_doc.artifacts());
        m_stepsDue = false;
    }
    m_step = m_steps.empty() ? -1 : std::clamp(m_step, 0, stepCount() - 1);
    applyReveal();
    updateFailures();
    updateHighlights();
    fitView();
    layoutOverlays();
    emit stepChanged(m_step);
}

void PresenterWindow::setStep(int index)
{
    m_step = std::max(0, index); // refreshNow() keeps it within the steps
    refreshNow();
}

bool PresenterWindow::handleKey(int key, Qt::KeyboardModifiers modifiers)
{
    if (modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    switch (key) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter: setStep(m_step + 1); return true;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace: setStep(m_step - 1); return true;
    case Qt::Key_Home: setStep(0); return true;
    case Qt::Key_End: setStep(stepCount() - 1); return true;
    case Qt::Key_N: setNotesOverlayShown(!m_notesOverlayShown); return true;
    case Qt::Key_Escape: emit leaveRequested(); return true;
    default: return false;
    }
}

bool PresenterWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The presenter keys, in this window and in the notes window: both filter their events
    // through this.
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (handleKey(key->key(), key->modifiers()))
            return true;
    }
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::MouseButtonPress) {
            if (static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton)
                setStep(m_step + 1);
            return true;
        }
        // The viewport gets its final size after the window's own resize.
        if (event->type() == QEvent::Resize) {
            QTimer::singleShot(0, this, [this] {
                fitView();
                layoutOverlays();
            });
            return false;
        }
        // The view is placed by the steps, not by the wheel.
        if (event->type() == QEvent::Wheel || event->type() == QEvent::MouseButtonDblClick)
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void PresenterWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitView();
    layoutOverlays();
}

void PresenterWindow::setNotesOverlayShown(bool on)
{
    m_notesOverlayShown = on;
    layoutOverlays();
}

QString PresenterWindow::caption() const
{
    if (m_step < 0)
        return tr("Nothing to present: the design is empty");
    return tr("Step %1 of %2: %3")
        .arg(m_step + 1)
        .arg(stepCount())
        .arg(qs(m_steps[std::size_t(m_step)].caption));
}

void PresenterWindow::applyReveal()
{
    const std::vector<std::string> ids = document::revealedThrough(m_steps, m_step);
    const std::set<std::string> revealed(ids.begin(), ids.end());
    const auto shown = [&](const QString &id) { return revealed.count(id.toStdString()) > 0; };
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() < AccountItemType || item->type() > RuleItemType)
            continue;
        const auto *canvasItem = static_cast<CanvasItem *>(item);
        const bool on = shown(canvasItem->id());
        if (item->type() != AccountItemType) {
            item->setVisible(on);
            continue;
        }
        // An account revealed after its own elements: faint around them.
        bool childShown = false;
        for (QGraphicsItem *child : item->childItems()) {
            if (child->type() >= BucketItemType && child->type() <= RoleItemType)
                childShown = childShown || shown(static_cast<CanvasItem *>(child)->id());
        }
        item->setFlag(QGraphicsItem::ItemDoesntPropagateOpacityToChildren, true);
        item->setOpacity(on ? 1.0 : 0.18);
        item->setVisible(on || childShown);
    }
}

void PresenterWindow::updateFailures()
{
    m_failures.clear();
    const std::vector<std::string> ids = document::revealedThrough(m_steps, m_step);
    const std::set<std::string> revealed(ids.begin(), ids.end());
    for (const model::Finding &f : m_doc.report().findings) {
        if (f.severity != model::Severity::Error)
            continue;
        for (const std::string &id : f.elements) {
            const QString rule = qs(id);
            if (!revealed.count(id) || !m_scene->ruleItem(rule))
                continue;
            QStringList &messages = m_failures[rule];
            if (!messages.contains(qs(f.message)))
                messages << qs(f.message);
        }
    }
}

void PresenterWindow::updateHighlights()
{
    QHash<QString, Highlight> highlights;
    if (m_step >= 0) {
        const PresentationStep &step = m_steps[std::size_t(m_step)];
        for (const std::string &id : step.elements)
            highlights.insert(qs(id), Highlight::Emphasis);
    }
    for (auto it = m_failures.cbegin(); it != m_failures.cend(); ++it)
        highlights.insert(it.key(), Highlight::Fail);
    m_selection->setHighlights(highlights);
}

void PresenterWindow::fitView()
{
    QRectF all;
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() == AccountItemType || item->type() == RuleItemType)
            all = all.united(item->sceneBoundingRect());
    }
    const QRect viewport = m_view->viewport()->rect();
    if (all.isEmpty() || viewport.isEmpty())
        return;
    const int captionSpace = m_caption->sizeHint().height() + kMargin;
    QRectF room(kMargin, kMargin, viewport.width() - 2 * kMargin,
                viewport.height() - kMargin - captionSpace);
    if (room.width() <= 0 || room.height() <= 0)
        return;
    qreal fit = std::min(room.width() / all.width(), room.height() / all.height());
    qreal minZoom = kMinZoom;
    m_statementsRoom = {};
    if (isStatementsStep()) {
        // The statements get a room of their own, below or beside the diagram, whichever
        // leaves the diagram larger: they never cover a box or an arrow. The diagram may be
        // smaller than on the other steps to make that room.
        m_statements->setText(statementsHtml());
        fitLabel(m_statements, std::max(320, int(viewport.width() * 0.42)));
        const QSizeF box = QSizeF(m_statements->size()) + QSizeF(kMargin, kMargin);
        const QRectF below = room.adjusted(0, 0, 0, -box.height());
        const QRectF beside = room.adjusted(0, 0, -box.width(), 0);
        auto fitIn = [&all](const QRectF &r) {
            return r.width() <= 0 || r.height() <= 0
                       ? 0.0
                       : std::min(r.width() / all.width(), r.height() / all.height());
        };
        const bool useBelow = fitIn(below) >= fitIn(beside);
        const QRectF diagram = useBelow ? below : beside;
        fit = fitIn(diagram);
        minZoom = std::min(kMinZoom, std::max(0.3, fit));
        // The diagram is drawn centred in its part; the statements take the rest.
        const qreal zoomNow = std::clamp(fit, minZoom, kMaxZoom);
        const QSizeF drawn = all.size() * zoomNow;
        if (useBelow) {
            const qreal top = diagram.center().y() + drawn.height() / 2 + kMargin / 2;
            m_statementsRoom = QRect(QPoint(int(room.left()), int(top)),
                                     QPoint(int(room.right()), int(room.bottom())));
        } else {
            const qreal left = diagram.center().x() + drawn.width() / 2 + kMargin / 2;
            m_statementsRoom = QRect(QPoint(int(left), int(room.top())),
                                     QPoint(int(room.right()), int(room.bottom())));
        }
        room = diagram;
    }
    const qreal zoom = std::clamp(fit, minZoom, kMaxZoom);
    m_view->setSceneRect(all.adjusted(-all.width() - 4000, -all.height() - 4000,
                                      all.width() + 4000, all.height() + 4000));
    m_view->setTransform(QTransform::fromScale(zoom, zoom));
    QPointF centre = all.center();
    if (zoom > fit && m_step >= 0) {
        // Too large to show whole at a readable size: follow the current step.
        QStringList current;
        for (const std::string &id : m_steps[std::size_t(m_step)].elements)
            current << qs(id);
        const QRectF r = m_scene->boundingRectOf(current);
        if (!r.isNull()) {
            const qreal halfW = room.width() / zoom / 2;
            const qreal halfH = room.height() / zoom / 2;
            centre.setX(std::clamp(r.center().x(), all.left() + halfW,
                                   std::max(all.left() + halfW, all.right() - halfW)));
            centre.setY(std::clamp(r.center().y(), all.top() + halfH,
                                   std::max(all.top() + halfH, all.bottom() - halfH)));
        }
    }
    // Centre in the room above the caption.
    const QPointF offset((viewport.center().x() - room.center().x()) / zoom,
                         (viewport.center().y() - room.center().y()) / zoom);
    m_view->centerOn(centre + offset);
}

void PresenterWindow::placeNear(QLabel *label, const QRectF &anchor, int maxWidth)
{
    fitLabel(label, maxWidth);
    const QRectF area = QRectF(m_view->viewport()->rect())
                            .adjusted(kMargin / 2, kMargin / 2, -kMargin / 2,
                                      -(m_caption->height() + kMargin));
    const QSizeF size = label->size();
    const qreal gap = 18;
    const QPointF candidates[] = {
        {anchor.right() + gap, anchor.center().y() - size.height() / 2},
        {anchor.left() - gap - size.width(), anchor.center().y() - size.height() / 2},
        {anchor.center().x() - size.width() / 2, anchor.bottom() + gap},
        {anchor.center().x() - size.width() / 2, anchor.top() - gap - size.height()},
    };
    QPointF best = candidates[0];
    bool found = false;
    for (const QPointF &p : candidates) {
        // Clamped along the side it sits on, it must still stay clear of the anchor.
        QRectF r(p, size);
        r.moveLeft(std::clamp(r.left(), area.left(), std::max(area.left(), area.right() - r.width())));
        r.moveTop(std::clamp(r.top(), area.top(), std::max(area.top(), area.bottom() - r.height())));
        if (area.contains(r) && !r.intersects(anchor)) {
            best = r.topLeft();
            found = true;
            break;
        }
    }
    if (!found) { // no room clear of the anchor: keep it on screen, at the right
        best = QPointF(area.right() - size.width(), area.top());
    }
    label->move(best.toPoint());
    label->show();
    label->raise();
}

void PresenterWindow::layoutOverlays()
{
    const QRect viewport = m_view->viewport()->rect();
    m_caption->setText(caption());
    fitLabel(m_caption, std::max(200, viewport.width() - 2 * kMargin));
    m_caption->move((viewport.width() - m_caption->width()) / 2,
                    viewport.height() - m_caption->height() - kMargin / 2);
    m_caption->raise();

    // Failing checks: on the arrow, in red.
    for (auto it = m_failureLabels.begin(); it != m_failureLabels.end();) {
        if (!m_failures.contains(it.key())) {
            delete it.value();
            it = m_failureLabels.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_failures.cbegin(); it != m_failures.cend(); ++it) {
        QLabel *&label = m_failureLabels[it.key()];
        if (!label) {
            label = new QLabel(m_view->viewport());
            label->setObjectName(QStringLiteral("presenterFailure:") + it.key());
            label->setFont(m_statements->font());
            label->setTextFormat(Qt::RichText);
            label->setStyleSheet(QStringLiteral(
                "QLabel { background: rgba(255, 238, 238, 245); color: #b3261e;"
                " border: 2px solid #d93025; border-radius: 6px; padding: 4px 10px; }"));
        }
        QStringList lines;
        for (const QString &m : it.value())
            lines << QStringLiteral("\u2717 ") + m.toHtmlEscaped();
        label->setText(lines.join(QStringLiteral("<br>")));
        const RuleItem *rule = m_scene->ruleItem(it.key());
        const QPointF mid = m_view->mapFromScene(rule->path().pointAtPercent(0.5));
        fitLabel(label, std::max(200, viewport.width() / 3));
        QPoint at(int(mid.x()) - label->width() / 2, int(mid.y()) + 14);
        at.setX(std::clamp(at.x(), kMargin / 2,
                           std::max(kMargin / 2, viewport.width() - label->width() - kMargin / 2)));
        at.setY(std::clamp(at.y(), kMargin / 2,
                           std::max(kMargin / 2, viewport.height() - label->height()
                                                     - m_caption->height() - kMargin)));
        label->move(at);
        label->show();
        label->raise();
    }

    if (isStatementsStep()) {
        m_statements->setText(statementsHtml());
        const QString rule = qs(m_steps[std::size_t(m_step)].elements.front());
        QRectF anchor;
        if (const RuleItem *item = m_scene->ruleItem(rule))
            anchor = m_view->mapFromScene(item->sceneBoundingRect()).boundingRect();
        fitLabel(m_statements, std::max(320, int(viewport.width() * 0.42)));
        if (m_statementsRoom.width() >= m_statements->width()
            && m_statementsRoom.height() >= m_statements->height()) {
            // In the room fitView() kept for it, as close to the arrow as that room allows.
            const QRect &r = m_statementsRoom;
            const int x = std::clamp(int(anchor.center().x()) - m_statements->width() / 2,
                                     r.left(), r.right() - m_statements->width());
            const int y = std::clamp(int(anchor.center().y()) - m_statements->height() / 2,
                                     r.top(), r.bottom() - m_statements->height());
            m_statements->move(x, y);
            m_statements->show();
            m_statements->raise();
        } else {
            placeNear(m_statements, anchor, std::max(320, int(viewport.width() * 0.42)));
        }
    } else {
        m_statements->hide();
    }

    if (m_notesOverlayShown) {
        QString notes = notesHtml(m_step);
        if (notes.isEmpty())
            notes = tr("<i>No notes for this step.</i>");
        m_notes->setText(tr("<b>Notes</b>") + notes);
        fitLabel(m_notes, std::max(260, viewport.width() / 3));
        m_notes->move(viewport.width() - m_notes->width() - kMargin / 2, kMargin / 2);
        m_notes->show();
        m_notes->raise();
    } else {
        m_notes->hide();
    }
}

bool PresenterWindow::isStatementsStep() const
{
    return m_step >= 0 && std::size_t(m_step) < m_steps.size()
           && m_steps[std::size_t(m_step)].kind == PresentationStep::Kind::Statements;
}

QString PresenterWindow::statementsHtml() const
{
    const PresentationStep &step = m_steps[std::size_t(m_step)];
    const model::ReplicationRule *rule =
        document::findElement<model::ReplicationRule>(m_doc.design(), step.elements.front());
    QString html = QStringLiteral("<div style='font-weight:600; color:#2f6fd6'>%1</div>")
                       .arg(tr("What each account applies for %1")
                                .arg(rule ? qs(rule->ruleId.empty() ? rule->id : rule->ruleId)
                                                .toHtmlEscaped()
                                          : QString()));
    if (step.statements.empty())
        html += tr("<p>No generated statement names this rule.</p>");
    for (const document::AccountStatements &account : step.statements) {
        html += QStringLiteral("<p style='margin-top:8px; margin-bottom:2px'><b>%1</b></p>")
                    .arg(tr("Account %1").arg(esc(account.label)));
        for (const document::DocumentToApply &d : account.documents) {
            QStringList sids;
            for (const std::string &sid : d.sids)
                sids << QStringLiteral("<code>%1</code>").arg(esc(sid));
            html += QStringLiteral("<div style='margin-left:14px'>%1 <i>%2</i>: %3</div>")
                        .arg(esc(d.title), esc(d.target), sids.join(QStringLiteral(", ")));
        }
    }
    return html;
}

QString PresenterWindow::statementsText() const
{
    if (m_step < 0 || m_steps[std::size_t(m_step)].kind != PresentationStep::Kind::Statements)
        return {};
    QTextDocument text;
    text.setHtml(statementsHtml());
    return text.toPlainText();
}

QString PresenterWindow::notesHtml(int index) const
{
    if (index < 0 || index >= stepCount())
        return {};
    QString html;
    for (const std::string &id : m_steps[std::size_t(index)].elements) {
        const auto kind = m_doc.kindOfId(qs(id));
        if (!kind)
            continue;
        const auto element = m_doc.element(*kind, qs(id));
        if (!element)
            continue;
        const std::string note = std::visit([](const auto &e) { return e.note; }, *element);
        if (note.empty())
            continue;
        html += QStringLiteral("<p><b>%1</b><br>%2</p>")
                    .arg(qs(model::displayName(*element)).toHtmlEscaped(),
                         qs(note).toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
    }
    return html;
}

} // namespace s3rd::views
