#pragma once

// Cut, copy, paste and duplicate of design elements, as model operations (no clipboard, no
// widgets: the window puts the payload on the system clipboard under kDesignMimeType).
//
// The payload holds a small design file (the same format as *.s3rd.json) with the copied
// elements plus the elements they refer to ("context": the account of a copied bucket, its
// key, a rule's role), so it always loads on its own. Pasting creates fresh ids and unique
// names for the copied elements; context elements are reused when the document still has them
// and copied otherwise. A paste is one undo step.

#include "document.h"

#include <QByteArray>
#include <QStringList>

class QUndoCommand;

namespace s3rd::document {

inline constexpr const char *kDesignMimeType = "application/x-s3rd-design+json";

// The payload of the given elements; empty when nothing copyable is among them.
QByteArray copyPayload(const Document &doc, const QStringList &ids);
// The paste as one undo step; newIds receives the ids of the pasted elements (to select them).
// nullptr when the payload holds no design elements (or is not a payload at all).
QUndoCommand *pasteCommand(Document &doc, const QByteArray &payload, QStringList *newIds);
QUndoCommand *duplicateCommand(Document &doc, const QStringList &ids, QStringList *newIds);

} // namespace s3rd::document
