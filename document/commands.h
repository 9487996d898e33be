#pragma once

// The undo commands: the only code that changes a Document. One family per file would be the
// ideal; these are small, so they share one file. Merge ids are in one enum.
//
// Every command stores the full before/after values of what it changes, so undo restores
// exactly the previous state; a command whose net change is zero marks itself obsolete.

#include "document.h"

#include <QUndoCommand>

#include <vector>

namespace s3rd::document {

enum class MergeId { UpdateElement = 1, MoveElements = 2 };

// Adds one element (at the end of its list).
class AddElementCommand : public QUndoCommand
{
public:
    AddElementCommand(Document &doc, Element element, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document &m_doc;
    Element m_element;
};

// Replaces elements by new values with the same ids: the base of property edits and moves.
// What each change touched (geometry only, owner, content) is for the Document to find out by
// comparing values; a command does not claim it. A later command of the same gesture merges in:
// its values win, and elements it changes for the first time bring their previous values along.
class UpdateElementsCommand : public QUndoCommand
{
public:
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

protected:
    // Commands with the same merge id and the same non-empty gesture key merge.
    UpdateElementsCommand(Document &doc, std::vector<Element> after, MergeId mergeId,
                          const QString &gesture, QUndoCommand *parent);
    virtual void merged() {} // after another command merged in

    Document &m_doc;
    std::vector<Element> m_before;
    std::vector<Element> m_after;

private:
    MergeId m_mergeId;
    QString m_gesture;
};

// Replaces one element by a new value with the same id (a property edit). Consecutive edits
// of the same element with the same mergeKey (e.g. typing in one field) merge into one step.
class UpdateElementCommand : public UpdateElementsCommand
{
public:
    UpdateElementCommand(Document &doc, Element after, const QString &mergeKey = {},
                         QUndoCommand *parent = nullptr);
};

// Moves canvas elements to new geometries (and, for buckets/keys/roles, possibly into another
// account: element.account changes too). A drag pushes one per mouse move with the same
// gesture number; those merge into one undo step.
class MoveElementsCommand : public UpdateElementsCommand
{
public:
    MoveElementsCommand(Document &doc, std::vector<Element> after, int gesture,
                        QUndoCommand *parent = nullptr);

private:
    void merged() override;
};

// Replaces the whole design (a checklist fix, auto-arrange, paste of several elements).
class ReplaceDesignCommand : public QUndoCommand
{
public:
    ReplaceDesignCommand(Document &doc, model::Design after, const QString &text,
                         QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    Document &m_doc;
    model::Design m_before;
    model::Design m_after;
};


// Removes elements and everything that cannot exist without them, in one step: a bucket takes
// its rules along; an account takes its buckets, keys and roles (and their rules). References
// to removed keys/roles from remaining elements are cleared (and restored on undo).
class RemoveElementsCommand : public ReplaceDesignCommand
{
public:
    RemoveElementsCommand(Document &doc, const QStringList &ids, QUndoCommand *parent = nullptr);
};

} // namespace s3rd::document
