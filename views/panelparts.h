#pragma once

// The small parts the panels, dialogs and presenter windows are built of, made one way
// everywhere: labels named (the tests and the style find them by object name) and wrapping to
// the width the layout gives them, never widening a dock; boxes that only group other widgets.

#include <QString>
#include <QWidget>

class QLabel;

namespace s3rd::views {

// A new box named `objectName` that only groups what it holds (a row of a form, a pane of a
// splitter), so it adds no margin of its own: its layout, whose parentWidget() is the box.
template<typename Layout>
Layout *newGroupingBox(const QString &objectName = QString())
{
    auto *box = new QWidget;
    box->setObjectName(objectName);
    auto *layout = new Layout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    return layout;
}

// A label named `objectName` whose text wraps.
QLabel *newWrappingLabel(const QString &objectName, const QString &text = QString());

// What explains the current finding or statement: rich text that wraps, set at the top left,
// selectable, its links opened in the web browser.
QLabel *newExplanationLabel(const QString &objectName);

} // namespace s3rd::views
