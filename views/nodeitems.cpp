#include "canvasitems.h"

#include "canvasscene.h"
#include "core/autoarrange.h"
#include "core/names.h"
#include "iconcache.h"
#include "qtext.h"
#include "selection.h"

#include <QApplication>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace s3rd::views {

using namespace s3rd::model;
using document::ElementKind;

namespace {

constexpr qreal kCornerRadius = 8;
constexpr qreal kIconSize = 32;
constexpr qreal kConnectorRadius = 8;
// Below this zoom, boxes are drawn without text (overview, minimap): cheap and still readable.
constexpr qreal kDetailLod = 0.35;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

QPalette palette()
{
    return QApplication::palette();
}

QColor textColour()
{
    return palette().color(QPalette::Text);
}

QColor secondaryTextColour()
{
    const QPalette p = palette();
    return mix(p.color(QPalette::Text), p.color(QPalette::Base), 0.38);
}

QFont baseFont()
{
    return QApplication::font();
}

QFont boldFont(qreal scale = 1.0)
{
    QFont f = baseFont();
    f.setBold(true);
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale);
    return f;
}

QFont smallFont(qreal scale = 0.85)
{
    QFont f = baseFont();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale);
    return f;
}

qreal lodOf(const QStyleOptionGraphicsItem *option, QPainter *painter)
{
    return option->levelOfDetailFromTransform(painter->worldTransform());
}

void drawElided(QPainter *painter, const QRectF &rect, const QString &text, const QFont &font,
                const QColor &colour, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    painter->setFont(font);
    painter->setPen(colour);
    const QFontMetricsF fm(font);
    painter->drawText(rect, align, fm.elidedText(text, Qt::ElideMiddle, rect.width()));
}

QString regionLabel(const std::string &code)
{
    if (code.empty())
        return QObject::tr("no region");
    return qs(code);
}

QString keyKindLabel(KeyKind kind)
{
    switch (kind) {
    case KeyKind::CustomerManaged: return QObject::tr("Customer managed");
    case KeyKind::AwsManaged: return QObject::tr("AWS managed");
    case KeyKind::MultiRegionPrimary: return QObject::tr("Multi-Region primary");
    case KeyKind::MultiRegionReplica: return QObject::tr("Multi-Region replica");
    }
    return {};
}

} // namespace

// --- NodeItem ---

NodeItem::NodeItem(CanvasScene &scene, ElementKind kind, const QString &id)
    : m_canvas(scene)
    , m_kind(kind)
    , m_id(id)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline and the bucket connector handle.
    return m_rect.adjusted(-4, -4, kConnectorRadius + 4, 4);
}

void NodeItem::setRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

void NodeItem::paintFrame(QPainter *painter, const QColor &accent, qreal radius) const
{
    const QPalette pal = palette();
    bool highlighted = false;
    const QColor hl = m_canvas.highlightColour(m_id, &highlighted);
    const bool selected = isSelected() && !m_canvas.exportMode();

    QColor fill = mix(pal.color(QPalette::Base), accent, 0.08);
    if (m_hovered && !m_canvas.exportMode())
        fill = mix(fill, accent, 0.06);
    QPen pen(mix(accent, pal.color(QPalette::Base), 0.15), 1.5);
    if (highlighted) {
        fill = mix(fill, hl, 0.18);
        pen = QPen(hl, 3);
    }
    if (selected)
        pen = QPen(pal.color(QPalette::Highlight), highlighted ? 3.5 : 2.5);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_rect, radius, radius);
    if (selected && highlighted) {
        painter->setPen(QPen(hl, 2, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(m_rect.adjusted(-3, -3, 3, 3), radius + 2, radius + 2);
    }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

// --- AccountItem ---

AccountItem::AccountItem(CanvasScene &scene, const QString &id)
    : NodeItem(scene, ElementKind::Account, id)
{
    setZValue(0);
}

void AccountItem::sync()
{
    const Account *a = m_canvas.index().account(m_id.toStdString());
    if (!a)
        return;
    setPos(a->geometry.x, a->geometry.y);
    m_modelSize = {a->geometry.width > 0 ? a->geometry.width : layout::kMinAccountWidth,
                   a->geometry.height > 0 ? a->geometry.height : layout::kMinAccountHeight};
    QString tip = QObject::tr("<b>%1</b><br>Account %2 · partition %3")
                      .arg(qs(a->name).toHtmlEscaped(),
                           a->accountId.empty() ? QObject::tr("(no account ID)") : qs(a->accountId),
                           qs(std::string(names::partitionName(a->partition))));
    if (!a->note.empty())
        tip += QStringLiteral("<br>") + qs(a->note).toHtmlEscaped();
    setToolTip(tip);
    fitChildren();
    update();
}

void AccountItem::fitChildren()
{
    if (m_canvas.moveInProgress())
        return;
    QRectF r(QPointF(0, 0), m_modelSize);
    for (QGraphicsItem *child : childItems()) {
        if (auto *node = dynamic_cast<NodeItem *>(child)) {
            const QRectF c = node->rect().translated(node->pos());
            r = r.united(c.adjusted(-layout::kAccountPadding / 2, -layout::kAccountHeader,
                                    layout::kAccountPadding, layout::kAccountPadding));
        }
    }
    setRect(r);
}

void AccountItem::setDropTarget(bool on)
{
    if (on == m_dropTarget)
        return;
    m_dropTarget = on;
    update();
}

QPainterPath AccountItem::shape() const
{
    QPainterPath outer;
    outer.addRoundedRect(m_rect, kCornerRadius, kCornerRadius);
    QPainterPath body;
    body.addRect(m_rect.adjusted(8, layout::kAccountHeader - 8, -8, -8));
    return outer.subtracted(body);
}

void AccountItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Account *a = m_canvas.index().account(m_id.toStdString());
    if (!a)
        return;
    const QPalette pal = palette();
    const QColor accent = m_canvas.accentColour(ElementKind::Account);
    painter->setRenderHint(QPainter::Antialiasing);

    bool highlighted = false;
    const QColor hl = m_canvas.highlightColour(m_id, &highlighted);
    const bool selected = isSelected() && !m_canvas.exportMode();
    QPen pen(mix(accent, pal.color(QPalette::Window), 0.35), 1.5);
    if (highlighted)
        pen = QPen(hl, 3);
    if (selected)
        pen = QPen(pal.color(QPalette::Highlight), 2.5);
    if (m_dropTarget)
        pen = QPen(pal.color(QPalette::Highlight), 3, Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(mix(pal.color(QPalette::Window), accent, 0.05));
    painter->drawRoundedRect(m_rect, kCornerRadius, kCornerRadius);

    // Header band.
    const QRectF header(m_rect.left(), m_rect.top(), m_rect.width(), layout::kAccountHeader - 12);
    QPainterPath headerPath;
    headerPath.addRoundedRect(header, kCornerRadius, kCornerRadius);
    QPainterPath clip;
    clip.addRect(header.adjusted(0, 0, 0, -kCornerRadius));
    headerPath = headerPath.united(clip).intersected([&] {
        QPainterPath p;
        p.addRoundedRect(m_rect, kCornerRadius, kCornerRadius);
        return p;
    }());
    painter->setPen(Qt::NoPen);
    painter->setBrush(mix(pal.color(QPalette::Window), accent, 0.16));
    painter->drawPath(headerPath);

    if (lodOf(option, painter) < kDetailLod) {
        return;
    }
    paintIcon(painter, IconKind::Account, QRectF(header.left() + 10, header.top() + 7, 28, 28));
    const qreal textLeft = header.left() + 46;
    const qreal textWidth = header.width() - 56;
    drawElided(painter, QRectF(textLeft, header.top() + 3, textWidth, 20),
               a->name.empty() ? QObject::tr("(unnamed account)") : qs(a->name), boldFont(),
               textColour());
    const QString sub = QStringLiteral("%1 · %2").arg(
        a->accountId.empty() ? QObject::tr("no account ID") : qs(a->accountId),
        qs(std::string(names::partitionName(a->partition))));
    drawElided(painter, QRectF(textLeft, header.top() + 22, textWidth, 17), sub, smallFont(),
               secondaryTextColour());
}

// --- BucketItem ---

BucketItem::BucketItem(CanvasScene &scene, const QString &id)
    : NodeItem(scene, ElementKind::Bucket, id)
{
    setZValue(1);
}

void BucketItem::sync()
{
    const Bucket *b = m_canvas.index().bucket(m_id.toStdString());
    if (!b)
        return;
    setPos(b->geometry.x, b->geometry.y);
    setRect(QRectF(0, 0, b->geometry.width > 0 ? b->geometry.width : layout::kBucketWidth,
                   b->geometry.height > 0 ? b->geometry.height : layout::kBucketHeight));
    setToolTip(summaryToolTip());
    update();
}

QString BucketItem::summaryToolTip() const
{
    const Bucket *b = m_canvas.index().bucket(m_id.toStdString());
    if (!b)
        return {};
    QString tip = QObject::tr("<b>%1</b><br>Region %2<br>Drag the round handle on the right "
                              "edge to another bucket to replicate to it.")
                      .arg(qs(b->name).toHtmlEscaped(), regionLabel(b->region));
    if (!b->note.empty())
        tip += QStringLiteral("<br>") + qs(b->note).toHtmlEscaped();
    return tip;
}

QList<BucketItem::Badge> BucketItem::badges() const
{
    QList<Badge> out;
    const Bucket *b = m_canvas.index().bucket(m_id.toStdString());
    if (!b)
        return out;
    const QFont font = smallFont(0.8);
    const QFontMetricsF fm(font);
    qreal x = m_rect.left() + 10;
    const qreal y = m_rect.bottom() - 26;
    auto add = [&](const QString &text, const QString &tip, const QColor &colour, int icon) {
        const qreal w = fm.horizontalAdvance(text) + 12 + (icon >= 0 ? 14 : 0);
        out.append({QRectF(x, y, w, 18), text, tip, colour, icon});
        x += w + 5;
    };

    switch (b->versioning) {
    case Versioning::Enabled:
        add(QObject::tr("Versioned"),
            QObject::tr("Versioning is enabled. Replication needs it on the source and the "
                        "destination."),
            QColor(0x2f, 0x8f, 0x6b), int(IconKind::Versioned));
        break;
    case Versioning::Suspended:
        add(QObject::tr("Suspended"),
            QObject::tr("Versioning is suspended: replication needs it enabled on both buckets."),
            QColor(0xc0, 0x39, 0x2b), int(IconKind::Unversioned));
        break;
    case Versioning::Unversioned:
        add(QObject::tr("Unversioned"),
            QObject::tr("Versioning is off: replication needs it enabled on both buckets."),
            QColor(0xc0, 0x39, 0x2b), int(IconKind::Unversioned));
        break;
    }

    QString keyName;
    if (const KmsKey *k = m_canvas.index().key(b->defaultKey))
        keyName = qs(k->alias.empty() ? k->keyId : k->alias);
    switch (b->defaultEncryption) {
    case DefaultEncryption::SseS3:
        add(QStringLiteral("SSE-S3"),
            QObject::tr("Default encryption with S3 managed keys (SSE-S3)."),
            QColor(0x6b, 0x7b, 0x8c), int(IconKind::Lock));
        break;
    case DefaultEncryption::SseKms:
    case DefaultEncryption::DsseKms: {
        const bool dsse = b->defaultEncryption == DefaultEncryption::DsseKms;
        QString tip = dsse ? QObject::tr("Default encryption: dual-layer SSE with KMS (DSSE-KMS)")
                           : QObject::tr("Default encryption: SSE-KMS");
        tip += keyName.isEmpty() ? QObject::tr(", but no key is chosen.")
                                 : QObject::tr(" with %1.").arg(keyName);
        if (b->bucketKey)
            tip += QObject::tr(" S3 Bucket Key is on.");
        add(dsse ? QStringLiteral("DSSE-KMS") : QStringLiteral("SSE-KMS"), tip,
            QColor(0xb9, 0x7a, 0x10), int(IconKind::Lock));
        break;
    }
    }
    if (b->objectLock)
        add(QObject::tr("Lock"),
            QObject::tr("Object Lock is enabled on this bucket."), QColor(0x5d, 0x6d, 0x7e),
            int(IconKind::ObjectLock));
    return out;
}

QRectF BucketItem::connectorRect() const
{
    const QPointF c(m_rect.right(), m_rect.center().y());
    return QRectF(c.x() - kConnectorRadius, c.y() - kConnectorRadius, 2 * kConnectorRadius,
                  2 * kConnectorRadius);
}

void BucketItem::setConnectTarget(bool on)
{
    if (on == m_connectTarget)
        return;
    m_connectTarget = on;
    update();
}

void BucketItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    QString tip;
    if (connectorRect().adjusted(-3, -3, 3, 3).contains(event->pos()))
        tip = QObject::tr("Drag to another bucket to replicate to it.");
    for (const Badge &badge : badges())
        if (badge.rect.contains(event->pos()))
            tip = badge.toolTip;
    setToolTip(tip.isEmpty() ? summaryToolTip() : tip);
    NodeItem::hoverMoveEvent(event);
}

void BucketItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Bucket *b = m_canvas.index().bucket(m_id.toStdString());
    if (!b)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor accent = m_canvas.accentColour(ElementKind::Bucket);
    paintFrame(painter, accent, kCornerRadius);
    if (m_connectTarget) {
        painter->setPen(QPen(palette().color(QPalette::Highlight), 3));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(m_rect.adjusted(-2, -2, 2, 2), kCornerRadius, kCornerRadius);
    }
    if (lodOf(option, painter) < kDetailLod)
        return;

    paintIcon(painter, IconKind::Bucket, QRectF(m_rect.left() + 10, m_rect.top() + 10, kIconSize,
                                                kIconSize));
    const qreal textLeft = m_rect.left() + 50;
    const qreal textWidth = m_rect.width() - 50 - 12;
    drawElided(painter, QRectF(textLeft, m_rect.top() + 9, textWidth, 20),
               b->name.empty() ? QObject::tr("(unnamed bucket)") : qs(b->name), boldFont(),
               textColour());
    drawElided(painter, QRectF(textLeft, m_rect.top() + 29, textWidth, 17), regionLabel(b->region),
               smallFont(), secondaryTextColour());

    const QFont badgeFont = smallFont(0.8);
    for (const Badge &badge : badges()) {
        if (badge.rect.right() > m_rect.right() - 4)
            break; // never clip a badge: the tooltip of the bucket lists the rest
        painter->setPen(QPen(badge.colour, 1));
        QColor fill = badge.colour;
        fill.setAlphaF(0.14);
        painter->setBrush(fill);
        painter->drawRoundedRect(badge.rect, 9, 9);
        qreal x = badge.rect.left() + 6;
        if (badge.icon >= 0) {
            paintIcon(painter, IconKind(badge.icon), QRectF(x, badge.rect.top() + 3, 12, 12));
            x += 14;
        }
        painter->setFont(badgeFont);
        painter->setPen(textColour());
        painter->drawText(QRectF(x, badge.rect.top(), badge.rect.right() - x - 4,
                                 badge.rect.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, badge.text);
    }

    // Connector handle: always there (discoverable), stronger on hover and in connect mode.
    if (!m_canvas.exportMode()) {
        const bool strong = m_hovered || isSelected()
                            || m_canvas.tool() == CanvasScene::Tool::Connect;
        painter->setOpacity(strong ? 1.0 : 0.45);
        paintIcon(painter, IconKind::Connector, connectorRect());
        painter->setOpacity(1.0);
    }
}

// --- KeyItem ---

KeyItem::KeyItem(CanvasScene &scene, const QString &id)
    : NodeItem(scene, ElementKind::Key, id)
{
    setZValue(1);
}

void KeyItem::sync()
{
    const KmsKey *k = m_canvas.index().key(m_id.toStdString());
    if (!k)
        return;
    setPos(k->geometry.x, k->geometry.y);
    setRect(QRectF(0, 0, k->geometry.width > 0 ? k->geometry.width : layout::kKeyWidth,
                   k->geometry.height > 0 ? k->geometry.height : layout::kKeyHeight));
    setToolTip(QObject::tr("<b>%1</b><br>KMS key, %2, %3<br>%4")
                   .arg(qs(k->alias).toHtmlEscaped(), keyKindLabel(k->kind),
                        regionLabel(k->region), qs(k->keyId).toHtmlEscaped()));
    update();
}

void KeyItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const KmsKey *k = m_canvas.index().key(m_id.toStdString());
    if (!k)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    paintFrame(painter, m_canvas.accentColour(ElementKind::Key), kCornerRadius);
    if (lodOf(option, painter) < kDetailLod)
        return;
    paintIcon(painter, IconKind::Key, QRectF(m_rect.left() + 9, m_rect.top() + 14, kIconSize,
                                             kIconSize));
    const qreal textLeft = m_rect.left() + 48;
    const qreal textWidth = m_rect.width() - 48 - 8;
    const QString alias = k->alias.empty() ? qs(k->keyId) : qs(k->alias);
    drawElided(painter, QRectF(textLeft, m_rect.top() + 8, textWidth, 20),
               alias.isEmpty() ? QObject::tr("(unnamed key)") : alias, boldFont(0.95),
               textColour());
    drawElided(painter, QRectF(textLeft, m_rect.top() + 30, textWidth, 17),
               QStringLiteral("%1 · %2").arg(keyKindLabel(k->kind), regionLabel(k->region)),
               smallFont(0.8), secondaryTextColour());
}

// --- RoleItem ---

RoleItem::RoleItem(CanvasScene &scene, const QString &id)
    : NodeItem(scene, ElementKind::Role, id)
{
    setZValue(1);
}

void RoleItem::sync()
{
    const Role *r = m_canvas.index().role(m_id.toStdString());
    if (!r)
        return;
    setPos(r->geometry.x, r->geometry.y);
    setRect(QRectF(0, 0, r->geometry.width > 0 ? r->geometry.width : layout::kRoleWidth,
                   r->geometry.height > 0 ? r->geometry.height : layout::kRoleHeight));
    setToolTip(QObject::tr("<b>%1</b><br>IAM role, path %2<br>S3 assumes it to replicate.")
                   .arg(qs(r->name).toHtmlEscaped(), qs(r->path).toHtmlEscaped()));
    update();
}

void RoleItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Role *r = m_canvas.index().role(m_id.toStdString());
    if (!r)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    paintFrame(painter, m_canvas.accentColour(ElementKind::Role), kCornerRadius);
    if (lodOf(option, painter) < kDetailLod)
        return;
    paintIcon(painter, IconKind::Role, QRectF(m_rect.left() + 9, m_rect.top() + 14, kIconSize,
                                              kIconSize));
    const qreal textLeft = m_rect.left() + 48;
    const qreal textWidth = m_rect.width() - 48 - 8;
    drawElided(painter, QRectF(textLeft, m_rect.top() + 8, textWidth, 20),
               r->name.empty() ? QObject::tr("(unnamed role)") : qs(r->name), boldFont(0.95),
               textColour());
    drawElided(painter, QRectF(textLeft, m_rect.top() + 30, textWidth, 17),
               QObject::tr("IAM role · %1").arg(qs(r->path)), smallFont(0.8),
               secondaryTextColour());
}

// --- RuleItem ---

namespace {

// How far each detour step bends an arrow, and how many steps are tried.
constexpr qreal kDetourStep = 70;
constexpr int kMaxDetourSteps = 6;

// How many boxes (buckets, keys and roles other than the arrow's ends) the cubic curve through
// these four points passes through, with a little clearance.
int boxesCrossed(const CanvasScene &canvas, const std::array<QPointF, 4> &curve,
                 const QGraphicsItem *from, const QGraphicsItem *to)
{
    constexpr int kSamples = 48;
    constexpr qreal kClearance = 6;
    std::array<QPointF, kSamples + 1> points;
    QRectF bounds(curve[0], QSizeF(0, 0));
    for (int i = 0; i <= kSamples; ++i) {
        const qreal t = qreal(i) / kSamples, u = 1 - t;
        points[std::size_t(i)] = u * u * u * curve[0] + 3 * u * u * t * curve[1] +
                                 3 * u * t * t * curve[2] + t * t * t * curve[3];
        bounds |= QRectF(points[std::size_t(i)], QSizeF(1, 1));
    }
    thread_local std::vector<CanvasScene::Box> near;
    canvas.boxesIn(bounds.adjusted(-kClearance, -kClearance, kClearance, kClearance), near);
    int crossed = 0;
    for (const CanvasScene::Box &box : near) {
        if (box.item == from || box.item == to)
            continue;
        const QRectF around = box.rect.adjusted(-kClearance, -kClearance, kClearance, kClearance);
        if (std::any_of(points.begin(), points.end(),
                        [&](const QPointF &p) { return around.contains(p); }))
            ++crossed;
    }
    return crossed;
}

} // namespace

RuleItem::RuleItem(CanvasScene &scene, const QString &id)
    : m_canvas(scene)
    , m_id(id)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(10);
}

void RuleItem::updateLabel()
{
    const auto &idx = m_canvas.index();
    const ReplicationRule *r = idx.rule(m_id.toStdString());
    if (!r)
        return;
    const Bucket *src = idx.bucket(r->source);
    const Bucket *dst = idx.bucket(r->destination);
    QStringList parts;
    parts << ((src && dst && src->region == dst->region) ? QStringLiteral("SRR")
                                                         : QStringLiteral("CRR"));
    if (r->replicateKmsObjects)
        parts << QStringLiteral("KMS");
    if (r->replicationTimeControl)
        parts << QStringLiteral("RTC");
    if (!r->filterPrefix.empty())
        parts << QFontMetricsF(smallFont(0.8))
                     .elidedText(qs(r->filterPrefix) + QStringLiteral("*"), Qt::ElideRight, 90);
    if (!r->filterTags.empty())
        parts << QObject::tr("%n tag(s)", nullptr, int(r->filterTags.size()));
    if (src && idx.rulesFrom(src->id).size() > 1)
        parts << QStringLiteral("P%1").arg(r->priority);
    if (!r->enabled)
        parts << QObject::tr("disabled");
    const QString label = parts.join(QStringLiteral(" · "));
    m_enabled = r->enabled;

    QString tip = QObject::tr("<b>Rule %1</b><br>%2 → %3<br>Priority %4")
                      .arg(qs(r->ruleId).toHtmlEscaped(),
                           src ? qs(src->name).toHtmlEscaped() : QObject::tr("(missing)"),
                           dst ? qs(dst->name).toHtmlEscaped() : QObject::tr("(missing)"))
                      .arg(r->priority);
    if (!r->filterPrefix.empty())
        tip += QObject::tr("<br>Prefix filter: %1").arg(qs(r->filterPrefix).toHtmlEscaped());
    if (r->replicateKmsObjects)
        tip += QObject::tr("<br>Replicates SSE-KMS objects");
    if (r->replicationTimeControl)
        tip += QObject::tr("<br>Replication Time Control (15 minutes)");
    if (r->deleteMarkerReplication)
        tip += QObject::tr("<br>Replicates delete markers");
    setToolTip(tip);

    if (label != m_label) {
        prepareGeometryChange();
        m_label = label;
        const QFontMetricsF fm(smallFont(0.8));
        const QSizeF size(fm.horizontalAdvance(m_label) + 14, fm.height() + 6);
        m_labelRect = QRectF(m_labelPos - QPointF(size.width() / 2, size.height() / 2), size);
        m_bounds = m_path.boundingRect().united(m_head.boundingRect()).united(m_labelRect)
                       .adjusted(-6, -6, 6, 6);
    }
    update();
}

void RuleItem::updatePath()
{
    m_canvas.countArrowPathUpdate();
    const auto &idx = m_canvas.index();
    const ReplicationRule *r = idx.rule(m_id.toStdString());
    BucketItem *src = r ? m_canvas.bucketItem(QString::fromStdString(r->source)) : nullptr;
    BucketItem *dst = r ? m_canvas.bucketItem(QString::fromStdString(r->destination)) : nullptr;
    prepareGeometryChange();
    m_path = QPainterPath();
    m_head.clear();
    if (!src || !dst) {
        m_bounds = QRectF();
        m_shape = QPainterPath();
        return;
    }
    const QRectF a = src->mapRectToScene(src->rect());
    const QRectF b = dst->mapRectToScene(dst->rect());
    const auto [lane, lanes] = m_canvas.laneOf(m_id);
    // Arrows between the same two buckets fan out so each stays readable; the direction from
    // lower to higher id fans the other way from the reverse, keeping pairs apart.
    const qreal offset = (lane - (lanes - 1) / 2.0) * 16.0;

    QPointF start, end, c1, c2;
    // The curve for a detour step (0: the direct one); steps bend it further and further away
    // until it passes no other box.
    std::function<void(int)> shape;
    const bool sideBySide = b.left() > a.right() + 20 || a.left() > b.right() + 20;
    if (sideBySide) {
        const bool rightwards = b.left() > a.right();
        start = QPointF(rightwards ? a.right() : a.left(), a.center().y() + offset);
        end = QPointF(rightwards ? b.left() : b.right(), b.center().y() + offset);
        const qreal dx = std::max(60.0, std::abs(end.x() - start.x()) * 0.45);
        if (rightwards) // leave from the connector handle, past it
            start.rx() += kConnectorRadius;
        shape = [&, dx, rightwards](int step) {
            // 0, up, down, further up, further down, ...
            const qreal dy = step == 0 ? 0 : ((step + 1) / 2) * kDetourStep * (step % 2 ? -1 : 1);
            c1 = start + QPointF(rightwards ? dx : -dx, dy);
            c2 = end - QPointF(rightwards ? dx : -dx, -dy);
        };
    } else {
        // Stacked (same column): leave and enter on the right and bulge outwards, so the arrow
        // never crosses the buckets between them.
        start = QPointF(a.right() + kConnectorRadius, a.center().y() + offset * 0.6);
        end = QPointF(b.right(), b.center().y() - offset * 0.6);
        const qreal bulge = 70 + std::abs(end.y() - start.y()) * 0.18 + std::abs(offset) * 2;
        const qreal x = std::max(a.right(), b.right()) + bulge;
        shape = [&, x](int step) {
            c1 = QPointF(x + step * kDetourStep, start.y());
            c2 = QPointF(x + step * kDetourStep, end.y());
        };
    }
    int best = 0, fewest = -1;
    for (int step = 0; step <= kMaxDetourSteps && fewest != 0; ++step) {
        shape(step);
        const int crossed = boxesCrossed(m_canvas, {start, c1, c2, end}, src, dst);
        if (fewest < 0 || crossed < fewest) {
            fewest = crossed;
            best = step;
        }
    }
    shape(best);
    m_path.moveTo(start);
    m_path.cubicTo(c1, c2, end);

    // Arrow head along the tangent at the end.
    const qreal angle = std::atan2(end.y() - c2.y(), end.x() - c2.x());
    const qreal len = 12, half = 0.42;
    m_head << end << end - QPointF(len * std::cos(angle - half), len * std::sin(angle - half))
           << end - QPointF(len * std::cos(angle + half), len * std::sin(angle + half));

    m_labelPos = m_path.pointAtPercent(0.5);
    const QFontMetricsF fm(smallFont(0.8));
    const QSizeF size(fm.horizontalAdvance(m_label) + 14, fm.height() + 6);
    m_labelRect = QRectF(m_labelPos - QPointF(size.width() / 2, size.height() / 2), size);

    QPainterPathStroker stroker;
    stroker.setWidth(10);
    m_shape = stroker.createStroke(m_path);
    m_shape.addPolygon(m_head);
    if (!m_label.isEmpty())
        m_shape.addRect(m_labelRect);
    m_bounds = m_path.boundingRect().united(m_head.boundingRect()).united(m_labelRect)
                   .adjusted(-6, -6, 6, 6);
    update();
}

QRectF RuleItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath RuleItem::shape() const
{
    return m_shape;
}

void RuleItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void RuleItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void RuleItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_path.isEmpty())
        return;
    const QPalette pal = palette();
    painter->setRenderHint(QPainter::Antialiasing);
    bool highlighted = false;
    const QColor hl = m_canvas.highlightColour(m_id, &highlighted);
    const bool selected = isSelected() && !m_canvas.exportMode();
    QColor colour = m_canvas.accentColour(ElementKind::Rule);
    qreal width = 2.2;
    if (highlighted) {
        colour = hl;
        width = 3.5;
    }
    if (selected) {
        colour = pal.color(QPalette::Highlight);
        width = 3.5;
    } else if (m_hovered && !m_canvas.exportMode()) {
        width += 1;
    }
    QPen pen(colour, width, m_enabled ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap,
             Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setPen(QPen(colour, 1));
    painter->setBrush(colour);
    painter->drawPolygon(m_head);

    if (m_label.isEmpty() || lodOf(option, painter) < kDetailLod)
        return;
    painter->setPen(QPen(colour, selected || highlighted ? 2 : 1));
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRoundedRect(m_labelRect, m_labelRect.height() / 2, m_labelRect.height() / 2);
    painter->setFont(smallFont(0.8));
    painter->setPen(textColour());
    painter->drawText(m_labelRect, Qt::AlignCenter, m_label);
}

} // namespace s3rd::views
