#pragma once

// Cut, copy, paste and duplicate of canvas elements.
//
// The clipboard holds a small design file (the same format as *.s3rd.json) with the copied
// elements plus the elements they refer to ("context": the account of a copied bucket, its
// key, a rule's role), so the payload always loads on its own. Pasting creates fresh ids and
// unique names for the copied elements; context elements are reused when the document still
// has them and copied otherwise. A paste is one undo step.

#include "document.h"

#include <QPointF>
#include <QStringList>

class QMimeData;
class QUndoCommand;

namespace s3rd::views {

inline constexpr const char *kDesignMimeType = "application/x-s3rd-design+json";

// nullptr when nothing copyable is selected.
QMimeData *copyElements(const document::Document &doc, const QStringList &ids);
bool canPaste(const QMimeData *mime);
// The paste as one undo step; newIds receives the ids of the pasted elements (to select them).
// nullptr when the clipboard holds no design elements.
QUndoCommand *pasteCommand(document::Document &doc, const QMimeData *mime, QStringList *newIds);
QUndoCommand *duplicateCommand(document::Document &doc, const QStringList &ids,
                               QStringList *newIds);

} // namespace s3rd::views
