#!/usr/bin/env python3
"""Fails when a source file includes across the layers the wrong way.

The layers are build targets (see docs/architecture.md) and a dependency points one way only:

    model/core -> model/policies -> model/simulator -> model/checks -> model/exchange
        -> model/review -> model/labs
    document (Qt Core + Gui) and diagram (Qt Gui painter) build on the model
    handout (Qt Gui, the PDF handout) builds on diagram and the model
    views (the only QtWidgets layer) build on document, diagram, handout and the model
    app may use anything

A project include ("x/y.h" or "y.h") is resolved the way the compiler finds it: next to the
including file first, then in each target's include root. A Qt include (<QWidget>, <QtGui/...>)
is classified by the Qt module that ships it. Exit status 1 lists every violation; 0 when clean.

    check-layers.py --root SOURCE_DIR --qt-include-dir QT_INCLUDE_DIR
    check-layers.py --self-test --qt-include-dir QT_INCLUDE_DIR
"""

import argparse
import os
import re
import sys
import tempfile

# Layer of a source directory (relative to the source root, '/'-separated), most specific first.
LAYERS = [
    ("model/core", "core"),
    ("model/policies", "policies"),
    ("model/simulator", "simulator"),
    ("model/checks", "checks"),
    ("model/exchange", "exchange"),
    ("model/review", "review"),
    ("model/labs", "labs"),
    ("document", "document"),
    ("diagram", "diagram"),
    ("handout", "handout"),
    ("views", "views"),
    ("app", "app"),
]

MODEL = {"core", "policies", "simulator", "checks", "exchange", "review", "labs"}

# The one table of allowed directions: the layers each layer may include (itself included).
ALLOWED = {
    "core": {"core"},
    "policies": {"core", "policies"},
    "simulator": {"core", "policies", "simulator"},
    "checks": {"core", "policies", "simulator", "checks"},
    "exchange": {"core", "policies", "simulator", "checks", "exchange"},
    "review": {"core", "policies", "simulator", "checks", "exchange", "review"},
    "labs": {"core", "policies", "simulator", "checks", "exchange", "review", "labs"},
    "document": MODEL | {"document"},
    "diagram": MODEL | {"diagram"},
    "handout": MODEL | {"diagram", "handout"},
    "views": MODEL | {"document", "diagram", "handout", "views"},
    "app": MODEL | {"document", "diagram", "handout", "views", "app"},
}

# Qt modules a layer may not include at all: the model is plain C++ (the command line and the
# fuzzers link no Qt), and only views/ and app/ link QtWidgets.
FORBIDDEN_QT = {
    **{layer: "any Qt module" for layer in MODEL},
    "document": {"QtWidgets"},
    "diagram": {"QtWidgets"},
    "handout": {"QtWidgets"},
}

# Include roots, in the order the targets put them on the include path; last the source root, so
# a path written from the top ("views/canvasscene.h") is classified too.
INCLUDE_ROOTS = ["model", "document", "diagram", "handout", "views", "app/designer", "app/s3rd", ""]

SOURCE_SUFFIXES = (".h", ".cpp")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(relpath):
    for prefix, layer in LAYERS:
        if relpath == prefix or relpath.startswith(prefix + "/"):
            return layer
    return None


def resolve(root, including_dir, name):
    """The source-relative path of a project include, or None (system, generated, absent)."""
    for base in [including_dir] + INCLUDE_ROOTS:
        candidate = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate.replace(os.sep, "/")
    return None


def qt_module(qt_include_dir, name):
    """The Qt module of an angle include (<QWidget>, <QtWidgets/QWidget>, <QtWidgets>), or None."""
    first = name.split("/")[0]
    if re.fullmatch(r"Qt[A-Z]\w*", first):
        return first
    if not re.fullmatch(r"Q[A-Z]\w*", name):
        return None
    for module in sorted(os.listdir(qt_include_dir)):
        if os.path.isfile(os.path.join(qt_include_dir, module, name)):
            return module
    return "Qt"  # a Qt-style name no installed module has: still a Qt include


def violations(root, qt_include_dir):
    found = []
    for top in sorted({prefix.split("/")[0] for prefix, _ in LAYERS}):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for filename in sorted(filenames):
                if not filename.endswith(SOURCE_SUFFIXES):
                    continue
                path = os.path.relpath(os.path.join(dirpath, filename), root).replace(os.sep, "/")
                layer = layer_of(path)
                if layer is None:
                    continue
                with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                    lines = f.readlines()
                for number, line in enumerate(lines, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    where = f"{path}:{number}: {layer} includes {m.group(2)}"
                    if m.group(1) == "<":
                        module = qt_module(qt_include_dir, m.group(2))
                        forbidden = FORBIDDEN_QT.get(layer)
                        if module and forbidden and (forbidden == "any Qt module"
                                                     or module in forbidden):
                            found.append(f"{where}: {layer} may not use {module}")
                        continue
                    target = resolve(root, os.path.dirname(path), m.group(2))
                    target_layer = layer_of(target) if target else None
                    if target_layer and target_layer not in ALLOWED[layer]:
                        found.append(f"{where} ({target}): {layer} may include only "
                                     + ", ".join(sorted(ALLOWED[layer])))
    return found


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def self_test(qt_include_dir):
    """Runs the check on small trees: a clean one, then one per kind of bad include."""
    clean = {
        "model/core/design.h": "#pragma once\n#include <string>\n",
        "model/core/names.cpp": '#include "design.h"\n#include "core/design.h"\n',
        "model/policies/gen.cpp": '#include "core/design.h"\n#include <nlohmann/json.hpp>\n',
        "model/exchange/export.cpp": '#include "policies/gen.h"\n#include "checks/find.h"\n',
        "model/policies/gen.h": "#pragma once\n",
        "model/checks/find.h": '#pragma once\n#include "simulator/sim.h"\n',
        "model/simulator/sim.h": '#pragma once\n#include "policies/gen.h"\n',
        "document/document.h": '#include "core/design.h"\n#include <QObject>\n#include <QUndoStack>\n',
        "diagram/painter.cpp": '#include "core/design.h"\n#include <QPainter>\n',
        "views/canvas.cpp": '#include "document.h"\n#include "diagram/painter.h"\n'
                            '#include "checks/find.h"\n#include <QWidget>\n',
        "diagram/painter.h": "#pragma once\n",
        "app/main.cpp": '#include "views/canvas.h"\n#include <QApplication>\n',
        "views/canvas.h": "#pragma once\n",
    }
    bad = {
        "core includes policies": ("model/core/bad.cpp", '#include "policies/gen.h"\n'),
        "policies includes simulator": ("model/policies/bad.cpp", '#include "simulator/sim.h"\n'),
        "checks includes exchange": ("model/checks/bad.cpp", '#include "exchange/export.h"\n'),
        "exchange includes review": ("model/exchange/bad.cpp", '#include "review/diff.h"\n'),
        "model includes document": ("model/exchange/bad.cpp", '#include "document.h"\n'),
        "model includes a Qt header": ("model/core/bad.cpp", "#include <QString>\n"),
        "model includes a Qt module": ("model/checks/bad.cpp", "#include <QtCore>\n"),
        "document includes views": ("document/bad.cpp", '#include "views/canvas.h"\n'),
        "document includes diagram": ("document/bad.cpp", '#include "diagram/painter.h"\n'),
        "document uses QtWidgets": ("document/bad.cpp", "#include <QWidget>\n"),
        "document uses QtWidgets by module": ("document/bad.h",
                                              "#include <QtWidgets/QUndoView>\n"),
        "diagram includes document": ("diagram/bad.cpp", '#include "document/document.h"\n'),
        "diagram uses QtWidgets": ("diagram/bad.cpp", "#include <QGraphicsItem>\n"),
        "handout includes views": ("handout/bad.cpp", '#include "views/canvas.h"\n'),
        "handout uses QtWidgets": ("handout/bad.cpp", "#include <QPushButton>\n"),
        "views includes app": ("views/bad.cpp", '#include "app/main.h"\n'),
    }
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in clean.items():
            write(tmp, path, text)
        write(tmp, "app/main.h", "#pragma once\n")
        write(tmp, "model/exchange/export.h", "#pragma once\n")
        write(tmp, "model/review/diff.h", "#pragma once\n")
        found = violations(tmp, qt_include_dir)
        if found:
            failures.append("the clean tree was reported: " + "; ".join(found))
        for name, (path, text) in bad.items():
            write(tmp, path, text)
            found = violations(tmp, qt_include_dir)
            os.remove(os.path.join(tmp, path))
            if len(found) != 1 or not found[0].startswith(path + ":1:"):
                failures.append(f"{name}: expected one violation in {path}, got {found}")
    for failure in failures:
        print("self-test FAILED:", failure)
    if not failures:
        print(f"self-test: a clean tree passes and all {len(bad)} bad includes are caught")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", help="the source directory to check")
    parser.add_argument("--qt-include-dir", required=True,
                        help="Qt's include directory (holding QtCore/, QtWidgets/, ...)")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if not os.path.isdir(os.path.join(args.qt_include_dir, "QtWidgets")):
        parser.error(f"no QtWidgets/ in {args.qt_include_dir}")
    if args.self_test:
        return self_test(args.qt_include_dir)
    if not args.root:
        parser.error("--root is required")
    found = violations(args.root, args.qt_include_dir)
    for v in found:
        print(v)
    print(f"{len(found)} include(s) against the layering" if found else "layers: no violation")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
