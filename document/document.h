#pragma once

// The open design as a QObject: the one place the design lives while the designer runs.
//
// Contract:
// - Only undo commands (commands.h) call the mutating functions; views and panels read
//   design() and listen to the signals.
// - Fine-grained signals are emitted synchronously, in this order for a removal:
//   elementAboutToBeRemoved (the element is still in design()), then elementRemoved.
// - changed() is emitted after every mutation; listeners that do heavy work (regenerating
//   policies, rerunning checks) coalesce it themselves, once per event-loop turn.
// - artifacts() and report() are derived lazily, at most once per design state; after an edit
//   only the artifacts it can affect are generated again (model::ArtifactCache).

#include "checks/findings.h"
#include "core/design.h"
#include "policies/artifactcache.h"

#include <QObject>
#include <QString>

#include <optional>
#include <variant>

namespace s3rd::document {

enum class ElementKind { Account, Bucket, Key, Role, Rule };

using Element = std::variant<model::Account, model::Bucket, model::KmsKey, model::Role,
                             model::ReplicationRule>;

ElementKind kindOf(const Element &e);
QString idOf(const Element &e);

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
    void elementChanged(s3rd::document::ElementKind kind, const QString &id);
    void designReset();
    void changed();

private:
    // Marks what a change of the element can affect, in the design as it is now.
    void invalidateArtifactsOf(const Element &element);

    model::Design m_design;
    mutable model::ArtifactCache m_artifacts; // regenerates only what edits affected
    mutable std::optional<model::CheckReport> m_report;
};

} // namespace s3rd::document
