#include "diagramexport.h"

#include "diagramlayout.h"
#include "icons.h"

#include "core/autoarrange.h"

#include <QGuiApplication>
#include <QImage>
#include <QObject>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace s3rd::diagram {

using namespace s3rd::model;

namespace {

constexpr qreal kMargin = 32;

bool haveGuiApplication()
{
    return qobject_cast<QGuiApplication *>(QCoreApplication::instance()) != nullptr;
}

// The design with positions: a design written by hand or imported is arranged as the canvas
// would arrange it on opening.
Design arranged(const Design &design)
{
    return lacksLayout(design) ? autoArrange(design) : design;
}

QRectF withMargins(const DiagramLayout &layout)
{
    const QRectF r = layout.bounds.adjusted(-kMargin, -kMargin, kMargin, kMargin);
    return r.isEmpty() ? QRectF(0, 0, 400, 300) : r;
}

// Draws the laid-out design so that `source` (diagram coordinates) fills `target`.
void draw(QPainter &painter, const Design &design, const DiagramLayout &layout,
          const QRectF &source, const QRectF &target, const Style &style)
{
    initResources();
    painter.save();
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                           | QPainter::SmoothPixmapTransform);
    painter.fillRect(target, style.base());
    const qreal scale = std::min(target.width() / source.width(),
                                 target.height() / source.height());
    painter.translate(target.center());
    painter.scale(scale, scale);
    painter.translate(-source.center());
    paintDiagram(painter, design, layout, style);
    painter.restore();
}

QString cannotWrite(const QString &path, const QSaveFile &file)
{
    return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
}

} // namespace

QRectF diagramRect(const Design &design, const Style &style)
{
    return withMargins(layoutDiagram(arranged(design), style));
}

void drawDiagram(QPainter &painter, const Design &design, const QRectF &target,
                 const Style &style)
{
    const Design shown = arranged(design);
    const DiagramLayout layout = layoutDiagram(shown, style);
    draw(painter, shown, layout, withMargins(layout), target, style);
}

QImage renderDiagram(const Design &design, qreal scale)
{
    if (!haveGuiApplication())
        return {};
    const Style style = Style::fromApplication();
    const Design shown = arranged(design);
    const DiagramLayout layout = layoutDiagram(shown, style);
    const QRectF source = withMargins(layout);
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    draw(painter, shown, layout, source, QRectF(QPointF(0, 0), source.size()), style);
    return image;
}

QString exportDiagram(const Design &design, const QString &path, DiagramFormat format)
{
    if (!haveGuiApplication())
        return QObject::tr("Diagram export needs a QGuiApplication.");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file);
    if (format == DiagramFormat::Png) {
        const QImage image = renderDiagram(design, 2.0);
        if (image.isNull())
            return QObject::tr("Could not render the diagram.");
        if (!image.save(&file, "PNG"))
            return QObject::tr("Cannot encode the diagram as PNG.");
    } else {
        const Style style = Style::fromApplication();
        const Design shown = arranged(design);
        const DiagramLayout layout = layoutDiagram(shown, style);
        const QRectF source = withMargins(layout);
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QString::fromStdString(design.name));
        svg.setDescription(QObject::tr("Replication diagram drawn by S3 Replication Designer"));
        QPainter painter(&svg);
        draw(painter, shown, layout, source, QRectF(QPointF(0, 0), source.size()), style);
    }
    if (!file.commit())
        return cannotWrite(path, file);
    return {};
}

} // namespace s3rd::diagram
