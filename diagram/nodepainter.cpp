#include "nodepainter.h"

#include "arrowrouting.h"
#include "icons.h"
#include "labelplacement.h"

#include "core/autoarrange.h"
#include "core/names.h"

#include <QFontMetricsF>
#include <QHash>
#include <QObject>
#include <QPainter>

namespace s3rd::diagram {

using namespace s3rd::model;

namespace {

constexpr qreal kIconSize = 32;

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

void drawElided(QPainter &painter, const QRectF &rect, const QString &text, const QFont &font,
                const QColor &colour)
{
    painter.setFont(font);
    painter.setPen(colour);
    const QFontMetricsF fm(font);
    painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(text, Qt::ElideMiddle, rect.width()));
}

// The halo around an element related to the selection: the selection's colour, faint and wide,
// so it reads as "goes with the selection" without looking selected.
QPen relatedPen(const Style &style, qreal width)
{
    QColor halo = style.selection();
    halo.setAlphaF(0.38);
    return QPen(halo, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

// Outline and fill shared by buckets, keys and roles: selection, highlight, hover.
void paintFrame(QPainter &painter, const Style &style, Kind kind, const QRectF &rect,
                const PaintState &state)
{
    if (state.related && !state.selected) {
        painter.setPen(relatedPen(style, 6));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), kCornerRadius + 1, kCornerRadius + 1);
    }
    const QColor accent = style.accent(kind);
    QColor fill = mix(style.base(), accent, 0.08);
    if (state.hovered)
        fill = mix(fill, accent, 0.06);
    QPen pen(mix(accent, style.base(), 0.15), 1.5);
    if (state.highlight) {
        fill = mix(fill, *state.highlight, 0.18);
        pen = QPen(*state.highlight, 3);
    }
    if (state.selected)
        pen = QPen(style.selection(), state.highlight ? 3.5 : 2.5);
    painter.setPen(pen);
    painter.setBrush(fill);
    painter.drawRoundedRect(rect, kCornerRadius, kCornerRadius);
    if (state.selected && state.highlight) {
        painter.setPen(QPen(*state.highlight, 2, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), kCornerRadius + 2, kCornerRadius + 2);
    }
}

// A key or role box: frame, icon, title and subtitle.
void paintSmallBox(QPainter &painter, const Style &style, Kind kind, const QRectF &rect,
                   const PaintState &state, const QString &title, const QString &subtitle)
{
    painter.setRenderHint(QPainter::Antialiasing);
    paintFrame(painter, style, kind, rect, state);
    if (!state.detail)
        return;
    const IconKind icon = kind == Kind::Key ? IconKind::Key : IconKind::Role;
    paintIcon(&painter, icon, QRectF(rect.left() + 9, rect.top() + 14, kIconSize, kIconSize));
    const qreal textLeft = rect.left() + 48;
    const qreal textWidth = rect.width() - 48 - 8;
    drawElided(painter, QRectF(textLeft, rect.top() + 8, textWidth, 20), title, style.bold(0.95),
               style.text());
    drawElided(painter, QRectF(textLeft, rect.top() + 30, textWidth, 17), subtitle,
               style.small(0.8), style.secondaryText());
}

} // namespace

QString regionLabel(const std::string &region)
{
    if (region.empty())
        return QObject::tr("no region");
    return qs(region);
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

// --- Accounts ---

QPainterPath accountOutline(const QRectF &rect)
{
    QPainterPath outer;
    outer.addRoundedRect(rect, kCornerRadius, kCornerRadius);
    QPainterPath body;
    body.addRect(rect.adjusted(8, layout::kAccountHeader - 8, -8, -8));
    return outer.subtracted(body);
}

void paintAccount(QPainter &painter, const Style &style, const Account &account,
                  const QRectF &rect, const PaintState &state)
{
    const QColor accent = style.accent(Kind::Account);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(mix(accent, style.window(), 0.35), 1.5);
    if (state.highlight)
        pen = QPen(*state.highlight, 3);
    if (state.selected)
        pen = QPen(style.selection(), 2.5);
    if (state.dropTarget)
        pen = QPen(style.selection(), 3, Qt::DashLine);
    painter.setPen(pen);
    painter.setBrush(mix(style.window(), accent, 0.05));
    painter.drawRoundedRect(rect, kCornerRadius, kCornerRadius);

    // Header band: rounded at the top only, inside the outline.
    const QRectF header(rect.left(), rect.top(), rect.width(), layout::kAccountHeader - 12);
    QPainterPath headerPath;
    headerPath.addRoundedRect(header, kCornerRadius, kCornerRadius);
    QPainterPath square;
    square.addRect(header.adjusted(0, 0, 0, -kCornerRadius));
    QPainterPath outline;
    outline.addRoundedRect(rect, kCornerRadius, kCornerRadius);
    headerPath = headerPath.united(square).intersected(outline);
    painter.setPen(Qt::NoPen);
    painter.setBrush(mix(style.window(), accent, 0.16));
    painter.drawPath(headerPath);

    if (!state.detail)
        return;
    paintIcon(&painter, IconKind::Account, QRectF(header.left() + 10, header.top() + 7, 28, 28));
    const qreal textLeft = header.left() + 46;
    const qreal textWidth = header.width() - 56;
    drawElided(painter, QRectF(textLeft, header.top() + 3, textWidth, 20),
               account.name.empty() ? QObject::tr("(unnamed account)") : qs(account.name),
               style.bold(), style.text());
    const QString sub = QStringLiteral("%1 · %2").arg(
        account.accountId.empty() ? QObject::tr("no account ID") : qs(account.accountId),
        qs(std::string(names::partitionName(account.partition))));
    drawElided(painter, QRectF(textLeft, header.top() + 22, textWidth, 17), sub, style.small(),
               style.secondaryText());
}

// --- Buckets ---

namespace {

// The bucket's default key as a hint: the alias without its "alias/" prefix, else the key id.
QString keyHint(const KmsKey *key)
{
    if (!key)
        return QObject::tr("no key");
    const QString name = qs(key->alias.empty() ? key->keyId : key->alias);
    return name.startsWith(QStringLiteral("alias/")) ? name.mid(6) : name;
}

} // namespace

QString bucketSubtitle(const Style &style, const Bucket &bucket, const KmsKey *defaultKey,
                       const QRectF &rect)
{
    const QString region = regionLabel(bucket.region);
    if (!bucket.encryptsWithKms())
        return region;
    // The key goes on the badge when the badge has room for it, else here.
    for (const Badge &badge : bucketBadges(style, bucket, defaultKey, rect))
        if (badge.icon == int(IconKind::Lock) && badge.text.contains(QStringLiteral(" · ")))
            return region;
    return QObject::tr("%1 · key %2").arg(region, keyHint(defaultKey));
}

QList<Badge> bucketBadges(const Style &style, const Bucket &bucket, const KmsKey *defaultKey,
                          const QRectF &rect)
{
    QList<Badge> out;
    const QFontMetricsF fm(style.label());
    qreal x = rect.left() + 10;
    const qreal y = rect.bottom() - 26;
    constexpr qreal kPadding = 12 + 14; // around the text: margins and the icon
    auto add = [&](const QString &text, const QString &tip, const QColor &colour, IconKind icon) {
        const qreal w = fm.horizontalAdvance(text) + kPadding;
        out.append({QRectF(x, y, w, 18), text, tip, colour, int(icon)});
        x += w + 5;
    };
    // The Object Lock badge comes last; the encryption badge leaves room for it.
    const QString lockText = QObject::tr("Lock");
    const qreal lockRoom = bucket.objectLock ? fm.horizontalAdvance(lockText) + kPadding + 5 : 0;

    switch (bucket.versioning) {
    case Versioning::Enabled:
        add(QObject::tr("Versioned"),
            QObject::tr("Versioning is enabled. Replication needs it on the source and the "
                        "destination."),
            QColor(0x2f, 0x8f, 0x6b), IconKind::Versioned);
        break;
    case Versioning::Suspended:
        add(QObject::tr("Suspended"),
            QObject::tr("Versioning is suspended: replication needs it enabled on both buckets."),
            QColor(0xc0, 0x39, 0x2b), IconKind::Unversioned);
        break;
    case Versioning::Unversioned:
        add(QObject::tr("Unversioned"),
            QObject::tr("Versioning is off: replication needs it enabled on both buckets."),
            QColor(0xc0, 0x39, 0x2b), IconKind::Unversioned);
        break;
    }

    const QString keyName =
        defaultKey ? qs(defaultKey->alias.empty() ? defaultKey->keyId : defaultKey->alias)
                   : QString();
    // A quiet hint of the key on the badge itself ("SSE-KMS · payments-records"): the alias
    // without its "alias/" prefix, elided to what is left of the bucket's width.
    const auto withKey = [&](const QString &kind) {
        const QString hint = keyHint(defaultKey);
        const QString joint = QStringLiteral(" · ");
        const qreal room = rect.right() - 4 - x - lockRoom - kPadding
                           - fm.horizontalAdvance(kind + joint);
        const QString elided = fm.elidedText(hint, Qt::ElideRight, room);
        if (room < fm.horizontalAdvance(QStringLiteral("abc…")) || elided.isEmpty())
            return kind;
        return kind + joint + elided;
    };
    switch (bucket.defaultEncryption) {
    case DefaultEncryption::SseS3:
        add(QStringLiteral("SSE-S3"),
            QObject::tr("Default encryption with S3 managed keys (SSE-S3)."),
            QColor(0x6b, 0x7b, 0x8c), IconKind::Lock);
        break;
    case DefaultEncryption::SseKms:
    case DefaultEncryption::DsseKms: {
        const bool dsse = bucket.defaultEncryption == DefaultEncryption::DsseKms;
        QString tip = dsse ? QObject::tr("Default encryption: dual-layer SSE with KMS (DSSE-KMS)")
                           : QObject::tr("Default encryption: SSE-KMS");
        tip += keyName.isEmpty() ? QObject::tr(", but no key is chosen.")
                                 : QObject::tr(" with %1.").arg(keyName);
        if (bucket.bucketKey)
            tip += QObject::tr(" S3 Bucket Key is on.");
        add(withKey(dsse ? QStringLiteral("DSSE-KMS") : QStringLiteral("SSE-KMS")), tip,
            QColor(0xb9, 0x7a, 0x10), IconKind::Lock);
        break;
    }
    }
    if (bucket.objectLock)
        add(lockText, QObject::tr("Object Lock is enabled on this bucket."),
            QColor(0x5d, 0x6d, 0x7e), IconKind::ObjectLock);
    return out;
}

QRectF connectorRect(const QRectF &bucketRect)
{
    const QPointF c(bucketRect.right(), bucketRect.center().y());
    return QRectF(c.x() - kConnectorRadius, c.y() - kConnectorRadius, 2 * kConnectorRadius,
                  2 * kConnectorRadius);
}

void paintBucket(QPainter &painter, const Style &style, const Bucket &bucket,
                 const KmsKey *defaultKey, const QRectF &rect, const PaintState &state)
{
    painter.setRenderHint(QPainter::Antialiasing);
    paintFrame(painter, style, Kind::Bucket, rect, state);
    if (state.connectTarget) {
        painter.setPen(QPen(style.selection(), 3));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), kCornerRadius, kCornerRadius);
    }
    if (!state.detail)
        return;

    paintIcon(&painter, IconKind::Bucket,
              QRectF(rect.left() + 10, rect.top() + 10, kIconSize, kIconSize));
    const qreal textLeft = rect.left() + 50;
    const qreal textWidth = rect.width() - 50 - 12;
    drawElided(painter, QRectF(textLeft, rect.top() + 9, textWidth, 20),
               bucket.name.empty() ? QObject::tr("(unnamed bucket)") : qs(bucket.name),
               style.bold(), style.text());
    drawElided(painter, QRectF(textLeft, rect.top() + 29, textWidth, 17),
               bucketSubtitle(style, bucket, defaultKey, rect), style.small(),
               style.secondaryText());

    const QFont badgeFont = style.label();
    for (const Badge &badge : bucketBadges(style, bucket, defaultKey, rect)) {
        if (badge.rect.right() > rect.right() - 4)
            break; // never clip a badge: the tooltip of the bucket lists the rest
        painter.setPen(QPen(badge.colour, 1));
        QColor fill = badge.colour;
        fill.setAlphaF(0.14);
        painter.setBrush(fill);
        painter.drawRoundedRect(badge.rect, 9, 9);
        qreal x = badge.rect.left() + 6;
        paintIcon(&painter, IconKind(badge.icon), QRectF(x, badge.rect.top() + 3, 12, 12));
        x += 14;
        painter.setFont(badgeFont);
        painter.setPen(style.text());
        painter.drawText(
            QRectF(x, badge.rect.top(), badge.rect.right() - x - 4, badge.rect.height()),
            Qt::AlignLeft | Qt::AlignVCenter, badge.text);
    }

    // Connector handle: always there on screen (discoverable), stronger on hover and while
    // connecting.
    if (state.connector > 0) {
        painter.setOpacity(state.connector > 1 ? 1.0 : 0.45);
        paintIcon(&painter, IconKind::Connector, connectorRect(rect));
        painter.setOpacity(1.0);
    }
}

// --- Keys and roles ---

void paintKey(QPainter &painter, const Style &style, const KmsKey &key, const QRectF &rect,
              const PaintState &state)
{
    const QString alias = key.alias.empty() ? qs(key.keyId) : qs(key.alias);
    paintSmallBox(painter, style, Kind::Key, rect, state,
                  alias.isEmpty() ? QObject::tr("(unnamed key)") : alias,
                  QStringLiteral("%1 · %2").arg(keyKindLabel(key.kind), regionLabel(key.region)));
}

void paintRole(QPainter &painter, const Style &style, const Role &role, const QRectF &rect,
               const PaintState &state)
{
    paintSmallBox(painter, style, Kind::Role, rect, state,
                  role.name.empty() ? QObject::tr("(unnamed role)") : qs(role.name),
                  QObject::tr("IAM role · %1").arg(qs(role.path)));
}

// --- Rules ---

QString ruleLabel(const Style &style, const ReplicationRule &rule, const Bucket *source,
                  const Bucket *destination, bool showPriority)
{
    QStringList parts;
    parts << ((source && destination && source->region == destination->region)
                  ? QStringLiteral("SRR")
                  : QStringLiteral("CRR"));
    if (rule.replicateKmsObjects)
        parts << QStringLiteral("KMS");
    if (rule.replicationTimeControl)
        parts << QStringLiteral("RTC");
    if (!rule.filterPrefix.empty())
        parts << QFontMetricsF(style.label())
                     .elidedText(qs(rule.filterPrefix) + QStringLiteral("*"), Qt::ElideRight, 90);
    if (!rule.filterTags.empty())
        parts << QObject::tr("%n tag(s)", nullptr, int(rule.filterTags.size()));
    if (showPriority)
        parts << QStringLiteral("P%1").arg(rule.priority);
    if (!rule.enabled)
        parts << QObject::tr("disabled");
    return parts.join(QStringLiteral(" · "));
}

QSizeF labelSize(const Style &style, const QString &label)
{
    if (label.isEmpty())
        return {};
    // Measured once per text and font: a large design has thousands of arrows and few distinct
    // labels, and a label is placed again whenever an arrow near it changes.
    thread_local QFont measuredIn;
    thread_local QHash<QString, QSizeF> sizes;
    const QFont font = style.label();
    if (!(font == measuredIn)) {
        measuredIn = font;
        sizes.clear();
    }
    const auto it = sizes.constFind(label);
    if (it != sizes.constEnd())
        return *it;
    const QFontMetricsF fm(font);
    const QSizeF size(fm.horizontalAdvance(label) + 14, fm.height() + 6);
    sizes.insert(label, size);
    return size;
}

void paintArrow(QPainter &painter, const Style &style, const ArrowRoute &route, bool enabled,
                const QString &label, const LabelPlace &place, const PaintState &state)
{
    if (route.path.isEmpty())
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    QColor colour = style.accent(Kind::Rule);
    qreal width = 2.2;
    if (state.highlight) {
        colour = *state.highlight;
        width = 3.5;
    }
    if (state.selected) {
        colour = style.selection();
        width = 3.5;
    } else if (state.hovered) {
        width += 1;
    }
    painter.setBrush(Qt::NoBrush);
    if (state.related && !state.selected) {
        painter.setPen(relatedPen(style, 10));
        painter.drawPath(route.path);
    }
    painter.setPen(QPen(colour, width, enabled ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap,
                        Qt::RoundJoin));
    painter.drawPath(route.path);
    painter.setPen(QPen(colour, 1));
    painter.setBrush(colour);
    painter.drawPolygon(route.head);

    const QRectF &labelRect = place.rect;
    if (label.isEmpty() || labelRect.isNull() || !state.detail)
        return;
    if (!place.leader.isNull()) {
        painter.setPen(QPen(colour, 1, Qt::DotLine, Qt::RoundCap));
        painter.drawLine(place.leader);
        painter.setBrush(colour);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(place.leader.p1(), 2.5, 2.5);
    }
    painter.setPen(QPen(colour, state.selected || state.highlight || state.related ? 2 : 1));
    painter.setBrush(style.base());
    painter.drawRoundedRect(labelRect, labelRect.height() / 2, labelRect.height() / 2);
    painter.setFont(style.label());
    painter.setPen(style.text());
    painter.drawText(labelRect, Qt::AlignCenter, label);
}

} // namespace s3rd::diagram
