#pragma once

// The diagram of a design as a picture: PNG, SVG, or drawn into any QPaintDevice (a PDF
// handout through QPdfWriter, a printer). Used by the designer's File › Export and by
// `s3rd export --format png|svg`.
//
// Needs a QGuiApplication (fonts); no QApplication, no scene, no widgets. Draws the design as
// the canvas shows it, without selection and handles; a design without positions is
// auto-arranged first (the file is not changed).

#include "style.h"

#include "core/design.h"

#include <QRectF>
#include <QString>

class QImage;
class QPainter;

namespace s3rd::diagram {

enum class DiagramFormat { Png, Svg };

// The area the diagram covers, margins included, in diagram units (1 unit is 1 pixel at scale 1).
QRectF diagramRect(const model::Design &design, const Style &style);

// Draws the diagram scaled to fit `target` (aspect ratio kept, centred) on the painter's
// background colour. For a page: target is the page's printable rectangle.
void drawDiagram(QPainter &painter, const model::Design &design, const QRectF &target,
                 const Style &style);

// The diagram as an image at the given scale (2 for the PNG export); null without a
// QGuiApplication.
QImage renderDiagram(const model::Design &design, qreal scale);

// Writes the diagram to path (replacing it only once complete). PNG is rendered at 2× device
// pixel ratio. Returns an empty string, or an error message.
QString exportDiagram(const model::Design &design, const QString &path, DiagramFormat format);

} // namespace s3rd::diagram
