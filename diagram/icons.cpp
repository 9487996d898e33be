#include "icons.h"

#include <QHash>
#include <QPaintDevice>
#include <QPainter>
#include <QPixmapCache>
#include <QSvgRenderer>

#include <array>
#include <cmath>
#include <memory>

static void initS3rdIcons()
{
    Q_INIT_RESOURCE(icons);
}

namespace s3rd::diagram {

namespace {

constexpr int kIconCount = int(IconKind::Connector) + 1;

QSvgRenderer *renderer(IconKind kind)
{
    static std::array<std::unique_ptr<QSvgRenderer>, kIconCount> renderers;
    auto &r = renderers[size_t(kind)];
    if (!r) {
        initResources();
        r = std::make_unique<QSvgRenderer>(iconPath(kind));
    }
    return r.get();
}

} // namespace

void initResources()
{
    static const bool done = [] {
        initS3rdIcons();
        return true;
    }();
    (void)done;
}

QString iconPath(IconKind kind)
{
    switch (kind) {
    case IconKind::Account: return QStringLiteral(":/icons/account.svg");
    case IconKind::Bucket: return QStringLiteral(":/icons/bucket.svg");
    case IconKind::Key: return QStringLiteral(":/icons/key.svg");
    case IconKind::Role: return QStringLiteral(":/icons/role.svg");
    case IconKind::Rule: return QStringLiteral(":/icons/rule.svg");
    case IconKind::App: return QStringLiteral(":/icons/app.svg");
    case IconKind::Versioned: return QStringLiteral(":/icons/badge-versioned.svg");
    case IconKind::Unversioned: return QStringLiteral(":/icons/badge-unversioned.svg");
    case IconKind::Lock: return QStringLiteral(":/icons/badge-lock.svg");
    case IconKind::ObjectLock: return QStringLiteral(":/icons/badge-objectlock.svg");
    case IconKind::Connector: break;
    }
    return QStringLiteral(":/icons/connector.svg");
}

QIcon icon(IconKind kind)
{
    initResources();
    return QIcon(iconPath(kind));
}

QPixmap iconPixmap(IconKind kind, int size, qreal devicePixelRatio)
{
    const int px = qMax(1, qRound(size * devicePixelRatio));
    // Small cache keyed by kind and pixel size; QPixmapCache would evict under pressure, these
    // few pixmaps are needed on every paint.
    static QHash<quint64, QPixmap> cache;
    const quint64 key = (quint64(kind) << 32) | quint64(px);
    auto it = cache.find(key);
    if (it == cache.end()) {
        QPixmap pm(px, px);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        renderer(kind)->render(&p, QRectF(0, 0, px, px));
        p.end();
        pm.setDevicePixelRatio(devicePixelRatio);
        it = cache.insert(key, pm);
    }
    return *it;
}

void paintIcon(QPainter *painter, IconKind kind, const QRectF &rect)
{
    const QPaintDevice *device = painter->device();
    const int type = device ? device->devType() : 0;
    const bool raster = type == QInternal::Widget || type == QInternal::Pixmap
                        || type == QInternal::Image;
    if (!raster) {
        renderer(kind)->render(painter, rect);
        return;
    }
    // The pixmap matches the device pixels the icon covers at the current zoom.
    const qreal scale = painter->worldTransform().m11() * (device ? device->devicePixelRatioF() : 1);
    const int size = qRound(rect.width());
    // Quantised so zooming does not fill the cache with near-identical pixmaps.
    const qreal dpr = qBound(0.25, std::ceil(scale * 4) / 4, 8.0);
    const QPixmap pm = iconPixmap(kind, size, dpr);
    painter->drawPixmap(rect, pm, QRectF(pm.rect()));
}

} // namespace s3rd::diagram
