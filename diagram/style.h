#pragma once

// Colours and fonts of the diagram, shared by the canvas and the exported PNG/SVG/PDF.
//
// A Style is a value taken from the running Qt GUI application (palette and font), so the
// canvas follows a dark desktop theme and an export from the designer looks like its canvas.
// It needs a QGuiApplication (or QApplication) to exist.

#include <QColor>
#include <QFont>
#include <QPalette>

namespace s3rd::diagram {

// What a box or arrow is; picks its accent colour.
enum class Kind { Account, Bucket, Key, Role, Rule };

struct Style
{
    QPalette palette;
    QFont font;

    // The application's palette and font.
    static Style fromApplication();

    bool dark() const { return palette.color(QPalette::Window).lightness() < 128; }
    QColor accent(Kind kind) const;
    QColor text() const { return palette.color(QPalette::Text); }
    QColor secondaryText() const;
    QColor base() const { return palette.color(QPalette::Base); }
    QColor window() const { return palette.color(QPalette::Window); }
    QColor selection() const { return palette.color(QPalette::Highlight); }

    QFont bold(qreal scale = 1.0) const;
    QFont small(qreal scale = 0.85) const;
    // The font of rule labels and bucket badges.
    QFont label() const { return small(0.8); }
};

// Linear blend of two colours: t = 0 gives a, t = 1 gives b.
QColor mix(const QColor &a, const QColor &b, qreal t);

} // namespace s3rd::diagram
