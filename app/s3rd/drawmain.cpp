// s3rd-draw: the diagram and handout formats of `s3rd export`, drawn with Qt Gui.
//
//   s3rd-draw png|svg|handout DESIGN TARGET [--labs-dir DIR [--with-solution]]
//
// With --labs-dir, the handout of a lab's design (its "lab" field) opens with that lab's
// briefing and goals, found in DIR; --with-solution adds its hints and solution.
// s3rd runs this program for those formats only (after checking its arguments and the design),
// so that s3rd itself loads no Qt library: every other command starts without mapping the
// fifty-odd libraries Qt Gui brings. Not meant to be run by hand; installed under libexec.

#include "core/designfile.h"
#include "labs/catalogue.h"

#include "diagramexport.h"
#include "handout.h"

#include <QGuiApplication>

#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    const std::string format = argc >= 4 ? argv[1] : "";
    std::string labsDir;
    bool withSolution = false;
    bool usage = argc < 4;
    for (int i = 4; i < argc && !usage; ++i) {
        const std::string arg = argv[i];
        if (arg == "--labs-dir" && i + 1 < argc)
            labsDir = argv[++i];
        else if (arg == "--with-solution")
            withSolution = true;
        else
            usage = true;
    }
    if (usage) {
        std::cerr << "Usage: s3rd-draw png|svg|handout DESIGN TARGET [--labs-dir DIR "
                     "[--with-solution]] (run by s3rd export)\n";
        return 2;
    }
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
    s3rd::handout::HandoutOptions options;
    if (format == "handout" && !loaded.design.lab.empty() && !labsDir.empty()) {
        const s3rd::model::labs::Catalogue catalogue = s3rd::model::labs::loadCatalogue(labsDir);
        if (const s3rd::model::labs::Lab *lab = catalogue.find(loaded.design.lab))
            options.lab = s3rd::handout::labSheet(*lab, withSolution);
    }
    const QString error =
        format == "handout"
            ? s3rd::handout::exportHandout(loaded.design, path, options)
            : s3rd::diagram::exportDiagram(loaded.design, path,
                                           format == "svg" ? s3rd::diagram::DiagramFormat::Svg
                                                           : s3rd::diagram::DiagramFormat::Png);
    if (!error.isEmpty()) {
        std::cerr << "s3rd export: " << error.toStdString() << "\n";
        return 2;
    }
    return 0;
}
