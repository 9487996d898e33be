#pragma once

// The open design as a QObject: the one place the design lives while the designer runs.
//
// Contract:
// - Only undo commands (commands.h) call the mutating functions; views and panels read
//   design() and listen to the signals.
// - Fine-grained signals are emitted synchronously, in this order for a removal:
//   elementAboutToBeRemoved (the element is still in design()), then elementRemoved.
// - elementChanged says what changed (ChangedProperties), found by comparing the element before
//   and after, so a box moved on the canvas is told apart from an edit of its settings.
// - changed() is emitted after every mutation, a move included (the canvas and the minimap
//   follow it). contentChanged() is emitted after every mutation except a change of geometry
//   only: what the panels, the generated documents and the checks show. Listeners that do heavy
//   work coalesce these themselves, once per event-loop turn.
// - artifacts() and report() are derived lazily, at most once per design state; after an edit
//   only the artifacts it can affect are generated again (model::ArtifactCache), and after an
//   edit of the settings of a rule, bucket, key or role only the checks that read them run again
//   (model::LiveChecks). A change of geometry only keeps them, and keeps every element at its
//   address (only its geometry is written), so pointers into design() taken for the current
//   content stay valid.

#include "checks/findings.h"
#include "checks/livechecks.h"
#include "core/design.h"
#include "core/designindex.h"
#include "core/elements.h"
#include "policies/artifactcache.h"

#include <QObject>
#include <QString>

#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace s3rd::document {

// The element kinds, an element by value and lookups are the model's (model/core/elements.h);
// the document only adds the QString form of an id.
using ElementKind = model::ElementKind;
using Element = model::Element;
using model::elementsOf;
using model::kindOf;

QString elementId(const Element &e);

// The element of type T with this id; nullptr when there is none.
template<typename T>
const T *findElement(const model::Design &design, std::string_view id)
{
    return model::findById(model::elementsOf<T>(design), id);
}

// What a change of one element touched (Tiled's MapObjectsChangeEvent properties).
enum class ChangedProperty {
    Geometry = 0x1, // where its box sits on the canvas and its size
    Owner = 0x2,    // the account of a bucket, key or role: it moved into another account
    Content = 0x4,  // anything else: names, settings, custom policies, notes, references
};
Q_DECLARE_FLAGS(ChangedProperties, ChangedProperty)

// What differs between two values of the same element; empty when they are equal.
ChangedProperties changedProperties(const Element &before, const Element &after);

class Document : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Document)

public:
    explicit Document(QObject *parent = nullptr);
    explicit Document(model::Design design, QObject *parent = nullptr);

    const model::Design &design() const { return m_design; }

    // Derived data, computed on first use after each change.
    const std::vector<model::Artifact> &artifacts() const;
    const model::CheckReport &report() const;
    // What the last regeneration of artifacts() replaced (previous versions) and which of the
    // current artifacts it generated again; artifactsGeneration() counts regenerations. For
    // showing what an edit changed without comparing every document.
    const std::vector<model::Artifact> &replacedArtifacts() const { return m_artifacts.replaced(); }
    const std::vector<std::size_t> &regeneratedArtifacts() const
    {
        return m_artifacts.regenerated();
    }
    std::uint64_t artifactsGeneration() const { return m_artifacts.generation(); }
    // Whether the last regeneration left every other document where it was (by index).
    bool artifactPlacesKept() const { return m_artifacts.placesKept(); }

    // Element lookup by id; std::nullopt when there is none.
    std::optional<Element> element(ElementKind kind, const QString &id) const;
    std::optional<ElementKind> kindOfId(const QString &id) const;
    int indexOf(ElementKind kind, const QString &id) const; // -1 when absent

    // A fresh element id with the given prefix ("b" → "b12") not used by any element.
    QString newId(const QString &prefix) const;

    // --- Mutations: for undo commands only. ---
    void insertElement(const Element &element, int index); // index -1: append
    void removeElement(ElementKind kind, const QString &id);
    void updateElement(const Element &element); // replaces the element with the same id
    void setDesignName(const QString &name);
    void resetDesign(model::Design design); // emits designReset()

signals:
    void elementAdded(s3rd::document::ElementKind kind, const QString &id);
    void elementAboutToBeRemoved(s3rd::document::ElementKind kind, const QString &id);
    void elementRemoved(s3rd::document::ElementKind kind, const QString &id);
    void elementChanged(s3rd::document::ElementKind kind, const QString &id,
                        s3rd::document::ChangedProperties what);
    void designReset();
    void contentChanged(); // every mutation except a change of geometry only
    void changed();        // every mutation

private:
    // Marks what a change of the element can affect, in the design as it is now.
    void invalidateArtifactsOf(const Element &element);
    // One index of the design per design state, for both the generation and the checks.
    const model::DesignIndex &index() const;
    void contentMutated(); // drops the report and the index


    model::Design m_design;
    mutable model::ArtifactCache m_artifacts; // regenerates only what edits affected
    // The checklist: after an edit of an element's settings, only the checks that read them
    // run.
    mutable model::LiveChecks m_checks;
    mutable std::optional<model::DesignIndex> m_index; // of the design's current content
};

} // namespace s3rd::document

Q_DECLARE_OPERATORS_FOR_FLAGS(s3rd::document::ChangedProperties)
