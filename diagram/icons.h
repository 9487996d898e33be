#pragma once

// The product's icons (resources/icons/*.svg), parsed once and shared by every canvas item.
//
// On screens and images an icon is drawn from a pixmap cached per size and device pixel ratio
// (rendering SVG per item per paint would make a 1,000-bucket scene slow); on vector devices
// (SVG export, printing) it is drawn from the SVG itself so it stays sharp.

#include <QIcon>
#include <QPixmap>

class QPainter;
class QRectF;
class QSvgRenderer;

namespace s3rd::diagram {

// Registers the compiled-in icons (the diagram is a static library). Safe to call more than once.
void initResources();

enum class IconKind {
    Account,
    Bucket,
    Key,
    Role,
    Rule,
    App,
    Versioned,
    Unversioned,
    Lock,
    ObjectLock,
    Connector,
};

QString iconPath(IconKind kind); // ":/icons/bucket.svg"
QIcon icon(IconKind kind);
QPixmap iconPixmap(IconKind kind, int size, qreal devicePixelRatio);
void paintIcon(QPainter *painter, IconKind kind, const QRectF &rect);

} // namespace s3rd::diagram
