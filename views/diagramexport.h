#pragma once

// Diagram export: the canvas exactly as drawn (without selection and handles), for slides and
// handouts. Used by File › Export and `s3rd export --format png|svg`.
//
// Needs a QApplication (the canvas is a QGraphicsScene); if no Qt application object exists
// yet, one is created on the offscreen platform when there is no display.

#include "document.h"

#include <QString>

class QImage;

namespace s3rd::views {

enum class DiagramFormat { Png, Svg };

// Writes the diagram of the design to path. PNG is rendered at 2× device pixel ratio. A design
// without positions is auto-arranged first. Returns an empty string, or an error message.
QString exportDiagram(const document::Document &doc, const QString &path, DiagramFormat format);

// The diagram as an image at the given scale (2 for the PNG export).
QImage renderDiagram(const document::Document &doc, qreal scale);

} // namespace s3rd::views
