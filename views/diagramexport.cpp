#include "diagramexport.h"

#include "canvasscene.h"
#include "core/autoarrange.h"
#include "iconcache.h"
#include "selection.h"

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QUndoStack>

namespace s3rd::views {

namespace {

constexpr qreal kMargin = 32;

bool ensureApplication(QString *error)
{
    if (qobject_cast<QApplication *>(QCoreApplication::instance()))
        return true;
    if (QCoreApplication::instance()) {
        *error = QObject::tr("Diagram export needs a QApplication.");
        return false;
    }
    // Command-line use: a GUI application object without a window.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "s3rd";
    static char *argv[] = {name, nullptr};
    new QApplication(argc, argv); // lives until the process ends
    return true;
}

// Renders through a private copy so the user's document, undo stack and selection are never
// touched by the export.
template<typename Paint>
void withScene(const document::Document &doc, Paint &&paint)
{
    initResources();
    model::Design design = doc.design();
    if (model::lacksLayout(design))
        design = model::autoArrange(design);
    document::Document copy(std::move(design));
    QUndoStack undo;
    Selection selection;
    CanvasScene scene(copy, undo, selection);
    scene.setExportMode(true);
    const QRectF source = scene.itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    paint(scene, source.isEmpty() ? QRectF(0, 0, 400, 300) : source);
}

} // namespace

QImage renderDiagram(const document::Document &doc, qreal scale)
{
    QString error;
    if (!ensureApplication(&error))
        return {};
    QImage image;
    withScene(doc, [&](CanvasScene &scene, const QRectF &source) {
        image = QImage((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(QApplication::palette().color(QPalette::Base));
        QPainter p(&image);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                         | QPainter::SmoothPixmapTransform);
        scene.render(&p, QRectF(QPointF(0, 0), source.size()), source);
    });
    return image;
}

QString exportDiagram(const document::Document &doc, const QString &path, DiagramFormat format)
{
    QString error;
    if (!ensureApplication(&error))
        return error;
    if (format == DiagramFormat::Png) {
        const QImage image = renderDiagram(doc, 2.0);
        if (image.isNull())
            return QObject::tr("Could not render the diagram.");
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        if (!image.save(&file, "PNG"))
            return QObject::tr("Cannot encode the diagram as PNG.");
        if (!file.commit())
            return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
        return {};
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    withScene(doc, [&](CanvasScene &scene, const QRectF &source) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QString::fromStdString(doc.design().name));
        svg.setDescription(QObject::tr("Replication diagram drawn by S3 Replication Designer"));
        QPainter p(&svg);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        p.fillRect(QRectF(QPointF(0, 0), source.size()),
                   QApplication::palette().color(QPalette::Base));
        scene.render(&p, QRectF(QPointF(0, 0), source.size()), source);
    });
    if (!file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace s3rd::views
