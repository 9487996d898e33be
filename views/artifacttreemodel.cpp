#include "artifacttreemodel.h"

#include "qtext.h"

#include <QApplication>
#include <QFont>
#include <QStyle>

#include <unordered_map>

namespace s3rd::views {

using namespace s3rd::model;

QString kindLabel(ArtifactKind kind)
{
    switch (kind) {
    case ArtifactKind::ReplicationConfiguration: return QObject::tr("Replication configuration");
    case ArtifactKind::RoleTrustPolicy: return QObject::tr("Trust policy");
    case ArtifactKind::RolePermissionsPolicy: return QObject::tr("Permissions policy");
    case ArtifactKind::KeyPolicy: return QObject::tr("Key policy");
    case ArtifactKind::RoleManagedPolicy: return QObject::tr("Managed policy");
    case ArtifactKind::BucketPolicy: break;
    }
    return QObject::tr("Bucket policy");
}

namespace {

// The display name of the bucket, role or key an artifact applies to.
QString elementName(const Design &d, const std::string &id)
{
    for (const Bucket &b : d.buckets) {
        if (b.id == id)
            return qs(b.name);
    }
    for (const Role &r : d.roles) {
        if (r.id == id)
            return qs(r.name);
    }
    for (const KmsKey &k : d.keys) {
        if (k.id == id)
            return qs(k.alias.empty() ? k.keyId : k.alias);
    }
    return qs(id);
}

// A changed row is bold: seen at a glance in a long tree.
QVariant changedData(int role, bool changed)
{
    if (role == ChangedRole)
        return changed;
    if (!changed)
        return {};
    QFont font = QApplication::font();
    font.setBold(true);
    return font;
}

} // namespace

ArtifactTreeModel::ArtifactTreeModel(const document::Document &doc, QObject *parent)
    : QAbstractItemModel(parent)
    , m_doc(doc)
{
}

ArtifactTreeModel::Sync ArtifactTreeModel::sync()
{
    const auto &artifacts = m_doc.artifacts();
    m_renamed.clear();
    bool same = artifacts.size() == m_rows.size();
    for (std::size_t i = 0; same && i < artifacts.size(); ++i) {
        const Artifact &a = artifacts[i];
        const Row &row = m_rows[i];
        same = a.kind == row.kind && a.element == row.element && a.account == row.account;
    }
    // Same structure: labels are read on demand, so a repaint of the visible rows (the
    // caller's job) shows renamed elements or changed flags. No dataChanged(): QTreeView
    // would re-measure every row it covers.
    if (same) {
        bool flagsSame = true;
        for (std::size_t i = 0; i < artifacts.size(); ++i) {
            const unsigned char f = flagsOf(artifacts[i]);
            flagsSame = flagsSame && f == m_rows[i].flags;
            m_rows[i].flags = f;
            if (artifacts[i].path != m_rows[i].path) {
                m_renamed.emplace_back(qs(m_rows[i].path), qs(artifacts[i].path));
                m_rows[i].path = artifacts[i].path;
            }
        }
        return flagsSame && m_renamed.empty() ? Sync::Same : Sync::RowsChanged;
    }
    beginResetModel();
    m_rows.clear();
    m_groups.clear();
    std::unordered_map<std::string, std::size_t> groupOf;
    for (const Account &a : m_doc.design().accounts) {
        groupOf.emplace(a.id, m_groups.size());
        m_groups.push_back({a.id, {}});
    }
    for (std::size_t i = 0; i < artifacts.size(); ++i) {
        const Artifact &a = artifacts[i];
        m_rows.push_back({a.kind, a.element, a.account, a.path, flagsOf(a)});
        auto it = groupOf.find(a.account);
        if (it == groupOf.end()) {
            it = groupOf.emplace(a.account, m_groups.size()).first;
            m_groups.push_back({a.account, {}});
        }
        m_groups[it->second].artifacts.push_back(int(i));
    }
    // Accounts with nothing to apply are left out.
    std::erase_if(m_groups, [](const Group &g) { return g.artifacts.empty(); });
    endResetModel();
    return Sync::Reset;
}

QModelIndex ArtifactTreeModel::indexOfPath(const QString &path) const
{
    const std::string p = path.toStdString();
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const auto &rows = m_groups[g].artifacts;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (m_rows[std::size_t(rows[r])].path == p)
                return createIndex(int(r), 0, quintptr(g + 1));
        }
    }
    return {};
}

QModelIndex ArtifactTreeModel::indexOfAccount(const QString &account) const
{
    const std::string a = account.toStdString();
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        if (m_groups[g].account == a)
            return createIndex(int(g), 0, quintptr(0));
    }
    return {};
}

QModelIndex ArtifactTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return std::size_t(row) < m_groups.size() ? createIndex(row, 0, quintptr(0))
                                                  : QModelIndex();
    if (parent.internalId() != 0 || std::size_t(parent.row()) >= m_groups.size())
        return {};
    if (std::size_t(row) >= m_groups[std::size_t(parent.row())].artifacts.size())
        return {};
    return createIndex(row, 0, quintptr(parent.row() + 1));
}

QModelIndex ArtifactTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ArtifactTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0 || std::size_t(parent.row()) >= m_groups.size())
        return 0;
    return int(m_groups[std::size_t(parent.row())].artifacts.size());
}

QVariant ArtifactTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Design &design = m_doc.design();
    if (index.internalId() == 0) {
        const Group &g = m_groups[std::size_t(index.row())];
        if (role == AccountRole)
            return qs(g.account);
        if (role == ChangedRole || role == Qt::FontRole) {
            bool changed = false;
            for (int i : g.artifacts)
                changed = changed || m_changed.count(m_rows[std::size_t(i)].path);
            return changedData(role, changed);
        }
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
            return {};
        for (const Account &a : design.accounts) {
            if (a.id == g.account)
                return QObject::tr("%1 (%2) — %n document(s)", nullptr, int(g.artifacts.size()))
                    .arg(qs(a.name), qs(a.accountId));
        }
        return qs(g.account);
    }
    const Group &g = m_groups[std::size_t(index.internalId() - 1)];
    const std::size_t i = std::size_t(g.artifacts[std::size_t(index.row())]);
    const auto &artifacts = m_doc.artifacts();
    if (i >= artifacts.size())
        return {};
    const Artifact &a = artifacts[i];
    switch (role) {
    case Qt::DisplayRole: {
        QString text = m_changed.count(a.path) ? QStringLiteral("● ") : QString();
        text += kindLabel(a.kind);
        if (a.part > 0)
            text += QStringLiteral(" %1 (%2)").arg(a.part).arg(qs(a.name));
        text += QStringLiteral(" — ") + elementName(design, a.element);
        if (a.custom)
            text += QObject::tr(" (custom)");
        return text;
    }
    case Qt::ToolTipRole: {
        QString tip = qs(a.path) + u'\n' + qs(a.target);
        if (a.overLimit)
            tip += QObject::tr("\nLarger than AWS accepts for this kind of document.");
        if (!a.parsed)
            tip += QObject::tr("\nNot valid JSON.");
        if (m_changed.count(a.path))
            tip += QObject::tr("\nChanged by the last edit.");
        return tip;
    }
    case Qt::DecorationRole:
        if (a.overLimit || !a.parsed)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case PathRole: return qs(a.path);
    case AccountRole: return qs(a.account);
    case ChangedRole:
    case Qt::FontRole: return changedData(role, m_changed.count(a.path) > 0);
    default: return {};
    }
}

unsigned char ArtifactTreeModel::flagsOf(const Artifact &a)
{
    return (a.custom ? 1 : 0) | (a.overLimit ? 2 : 0) | (a.parsed ? 0 : 4);
}

int ArtifactTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

} // namespace s3rd::views
