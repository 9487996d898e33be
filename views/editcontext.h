#pragma once

// What a panel that edits the design is given: the document, the undo stack its edits go onto,
// and the canvas selection it follows. The panel keeps the references: their owner (the main
// window's session and selection) outlives it.

class QUndoStack;

namespace s3rd::document {
class Document;
}

namespace s3rd::views {

class Selection;

struct EditContext
{
    document::Document &doc;
    QUndoStack &undo;
    Selection &selection;
};

} // namespace s3rd::views
