// s3rd-draw: the diagram and handout formats of `s3rd export`, drawn with Qt Gui.
//
//   s3rd-draw png|svg|handout DESIGN TARGET
//
// s3rd runs this program for those formats only (after checking its arguments and the design),
// so that s3rd itself loads no Qt library: every other command starts without mapping the
// fifty-odd libraries Qt Gui brings. Not meant to be run by hand; installed under libexec.

#include "core/designfile.h"

#include "diagramexport.h"
#include "handout.h"

#include <QGuiApplication>

#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "Usage: s3rd-draw png|svg|handout DESIGN TARGET (run by s3rd export)\n";
        return 2;
    }
    const std::string format = argv[1];
    const std::string design = argv[2];
    const std::string target = argv[3];
    if (format != "png" && format != "svg" && format != "handout") {
        std::cerr << "s3rd export: unknown drawn format '" << format << "'\n";
        return 2;
    }
    const s3rd::model::LoadResult loaded = s3rd::model::loadDesignFile(design);
    if (!loaded.ok()) {
        for (const s3rd::model::LoadProblem &p : loaded.problems)
            std::cerr << design << ":" << (p.location.empty() ? "" : p.location + ":") << " "
                      << p.message << "\n";
        return 2;
    }
    // Fonts need a Qt GUI application: on the offscreen platform unless the caller chose
    // another, so no display is needed and no widget library is loaded.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QGuiApplication app(qtArgc, argv);
    const QString path = QString::fromStdString(target);
    const QString error =
        format == "handout"
            ? s3rd::handout::exportHandout(loaded.design, path)
            : s3rd::diagram::exportDiagram(loaded.design, path,
                                           format == "svg" ? s3rd::diagram::DiagramFormat::Svg
                                                           : s3rd::diagram::DiagramFormat::Png);
    if (!error.isEmpty()) {
        std::cerr << "s3rd export: " << error.toStdString() << "\n";
        return 2;
    }
    return 0;
}
