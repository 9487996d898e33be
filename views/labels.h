#pragma once

// The labels the panels, dialogs and presenter windows are built of: named (the tests and the
// style find them by object name) and wrapping to the width the layout gives them, never
// widening a dock.

#include <QString>

class QLabel;

namespace s3rd::views {

// A label named `objectName` whose text wraps.
QLabel *newWrappingLabel(const QString &objectName, const QString &text = QString());

// What explains the current finding or statement: rich text that wraps, set at the top left,
// selectable, its links opened in the web browser.
QLabel *newExplanationLabel(const QString &objectName);

} // namespace s3rd::views
