#pragma once

// The tree of the policies panel: account → artifact, over Document::artifacts(). It keeps only
// the grouping (indices into the artifact list) and reads labels on demand, so a refresh whose
// artifact list has the same structure costs one comparison pass and no model reset.

#include "document.h"

#include <QAbstractItemModel>

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace s3rd::views {

// Item data roles of the tree (and of the panel's statement list).
enum ArtifactRoles
{
    PathRole = Qt::UserRole + 1,
    AccountRole,
    NoteRole,
    RangeRole,
    ChangedRole // true on a document (or its account) the last edit changed
};

// "Bucket policy", "Trust policy", …
QString kindLabel(model::ArtifactKind kind);

class ArtifactTreeModel : public QAbstractItemModel
{
public:
    ArtifactTreeModel(const document::Document &doc, QObject *parent);

    enum class Sync
    {
        Same,
        RowsChanged, // the same rows, showing new flags or paths
        Reset
    };

    // Brings the grouping up to date. A row stays while its document is of the same kind,
    // element and account: under a new path, it was renamed (renamedPaths()).
    Sync sync();
    // The paths that the last sync() found renamed, before → after.
    const std::vector<std::pair<QString, QString>> &renamedPaths() const { return m_renamed; }

    // The documents to mark as changed (bold, with a dot); the caller repaints.
    void setChangedPaths(std::unordered_set<std::string> paths) { m_changed = std::move(paths); }

    QModelIndex indexOfPath(const QString &path) const;
    QModelIndex indexOfAccount(const QString &account) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Group
    {
        std::string account;
        std::vector<int> artifacts;
    };
    // What a row shows besides its element's name: custom, too large, not JSON.
    static unsigned char flagsOf(const model::Artifact &a);

    const document::Document &m_doc;
    std::vector<Group> m_groups;
    // Per artifact, what the rows were made of.
    struct Row
    {
        model::ArtifactKind kind;
        std::string element;
        std::string account;
        std::string path;
        unsigned char flags = 0; // flagsOf()
    };
    std::vector<Row> m_rows;
    std::unordered_set<std::string> m_changed; // paths
    std::vector<std::pair<QString, QString>> m_renamed;
};

} // namespace s3rd::views
