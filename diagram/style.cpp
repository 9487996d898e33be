#include "style.h"

#include <QGuiApplication>

namespace s3rd::diagram {

Style Style::fromApplication()
{
    return {QGuiApplication::palette(), QGuiApplication::font()};
}

QColor Style::accent(Kind kind) const
{
    QColor c;
    switch (kind) {
    case Kind::Account: c = QColor(0x3a, 0x6f, 0xb0); break;
    case Kind::Bucket: c = QColor(0x2f, 0x8f, 0x6b); break;
    case Kind::Key: c = QColor(0xc9, 0x8a, 0x1b); break;
    case Kind::Role: c = QColor(0x7b, 0x5c, 0xc4); break;
    case Kind::Rule: c = QColor(0x2f, 0x6f, 0xd0); break;
    }
    // Lighter on a dark theme, so boxes and arrows keep their contrast.
    return dark() ? c.lighter(150) : c;
}

QColor Style::secondaryText() const
{
    return mix(text(), base(), 0.38);
}

namespace {

// A font set in points (the screen) or in pixels (a page, where points would follow the
// printer's resolution while the diagram is laid out in screen units) at `scale` times its size.
QFont scaled(QFont f, qreal scale)
{
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale);
    else if (f.pixelSize() > 0)
        f.setPixelSize(qMax(1, qRound(f.pixelSize() * scale)));
    return f;
}

} // namespace

QFont Style::bold(qreal scale) const
{
    QFont f = scaled(font, scale);
    f.setBold(true);
    return f;
}

QFont Style::small(qreal scale) const
{
    return scaled(font, scale);
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

} // namespace s3rd::diagram
