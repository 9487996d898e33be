// iconrender: renders an SVG icon to square PNGs for the hicolor icon theme at build time, so
// the package ships raster sizes without needing an extra converter on the build machine.
//
// Usage: iconrender INPUT.svg OUTPUT_DIR NAME SIZE...
// Writes OUTPUT_DIR/<SIZE>x<SIZE>/NAME.png for every SIZE. Exit 0 on success, 1 otherwise.

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char **argv)
{
    // Painting SVG shapes into a QImage needs no QGuiApplication (and so no display); the icons
    // have no text, which would need one for fonts.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.size() < 5) {
        std::fprintf(stderr, "Usage: iconrender INPUT.svg OUTPUT_DIR NAME SIZE...\n");
        return 1;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "iconrender: cannot read SVG %s\n", qPrintable(args.at(1)));
        return 1;
    }
    const QDir outDir(args.at(2));
    const QString name = args.at(3);
    for (qsizetype i = 4; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size <= 0 || size > 4096) {
            std::fprintf(stderr, "iconrender: bad size %s\n", qPrintable(args.at(i)));
            return 1;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        const QString sizeDir = QStringLiteral("%1x%1").arg(size);
        if (!outDir.mkpath(sizeDir)) {
            std::fprintf(stderr, "iconrender: cannot create %s\n",
                         qPrintable(outDir.filePath(sizeDir)));
            return 1;
        }
        const QString path = outDir.filePath(sizeDir + QLatin1Char('/') + name + ".png");
        if (!image.save(path, "PNG")) {
            std::fprintf(stderr, "iconrender: cannot write %s\n", qPrintable(path));
            return 1;
        }
    }
    return 0;
}
