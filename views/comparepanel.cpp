#include "comparepanel.h"

#include "jsonhighlighter.h"
#include "qtext.h"
#include "selection.h"

#include "core/elements.h"
#include "review/reviewformat.h"

#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTextBlock>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace s3rd::views {

namespace review = model::review;

namespace {

enum Role
{
    IdsRole = Qt::UserRole, // QStringList: the elements a click selects
    DiffRole,               // QString: a document's unified diff
    KeyRole,                // QString: identifies the row across refreshes
    DetailRole,             // QString: the row in full, shown beside the list
};

// An access entry as a list row: what is allowed on what first, then who ("role NAME" for a
// role ARN), as the rows are narrower than an ARN; the row's details say it in full.
QString accessRow(const review::Access &a)
{
    QString who = qs(a.principal);
    if (const qsizetype role = who.indexOf(QLatin1String(":role/")); role >= 0)
        who = QObject::tr("role %1").arg(who.mid(who.lastIndexOf(QLatin1Char('/')) + 1));
    else if (who == QLatin1String("*"))
        who = QObject::tr("anyone");
    QString text = QObject::tr("%1 on %2, by %3").arg(qs(a.action), qs(a.resource), who);
    if (!a.conditions.empty())
        text += QObject::tr(" (%n condition(s))", nullptr, int(a.conditions.size()));
    return text;
}

QString accessDetails(const review::Access &a)
{
    QString text = QObject::tr("Principal: %1\nAction: %2\nResource: %3")
                       .arg(qs(a.principal), qs(a.action), qs(a.resource));
    for (const auto &[key, value] : a.conditions)
        text += QObject::tr("\nCondition: %1 = %2").arg(qs(key), qs(value));
    return text;
}

QString elementName(const model::Design &design, model::ElementKind kind, const std::string &id)
{
    const std::optional<model::Element> e = model::findElement(design, kind, id);
    return e ? qs(model::displayName(*e)) : QString();
}

QString jsonValue(const nlohmann::ordered_json &v)
{
    if (v.is_null())
        return QObject::tr("(none)");
    QString text = qs(
        v.is_string() ? v.get<std::string>()
                      : v.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    if (text.size() > 80)
        text = text.left(77) + QStringLiteral("…");
    return text;
}

QString changeWord(review::Change c)
{
    switch (c) {
    case review::Change::Added:
        return QObject::tr("added");
    case review::Change::Removed:
        return QObject::tr("removed");
    case review::Change::Changed:
        break;
    }
    return QObject::tr("changed");
}

QStringList toIds(const std::vector<std::string> &ids)
{
    QStringList out;
    for (const std::string &id : ids)
        out << qs(id);
    return out;
}

} // namespace

ComparePanel::ComparePanel(document::Document &doc, Selection &selection, QWidget *parent)
    : DesignPanel(doc, selection, QStringLiteral("comparePanel"), parent)
{
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setToolTip(tr("Compare again (the comparison follows every edit by itself)"));
    connect(m_refresh, &QPushButton::clicked, this, &ComparePanel::refresh);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("compareList"));
    m_list->setHeaderHidden(true);
    m_list->setUniformRowHeights(true);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    connect(m_list, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem *item) { activate(item); });
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { activate(item); });
    // The keys move through the rows without selecting on the canvas; the details follow.
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showDetails(item);
    });

    m_diff = new QPlainTextEdit(this);
    m_diff->setObjectName(QStringLiteral("compareDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setPlaceholderText(
        tr("Click a row to read it in full; a document shows what changes in it."));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_list);
    split->addWidget(m_diff);
    split->setChildrenCollapsible(false);
    setStretchFactors(split, {3, 2});
    followShape(split, {3, 2});

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_refresh, 0, Qt::AlignTop);
    QVBoxLayout *layout = newPanelLayout();
    layout->addLayout(top);
    layout->addWidget(split, 1);
    refresh();
}

ComparePanel::~ComparePanel() = default;

void ComparePanel::compareWith(model::Design other, const QString &label)
{
    m_other = std::move(other);
    m_label = label;
    m_stale = false;
    m_review = review::reviewChange(*m_other, m_doc.design());
    fill();
    updateHighlights();
}

QString ComparePanel::loadProblemsText(const QString &path,
                                       const std::vector<model::LoadProblem> &problems)
{
    QStringList lines;
    const QString file = QDir::toNativeSeparators(path);
    for (const model::LoadProblem &p : problems)
        lines << (p.location.empty()
                      ? QStringLiteral("%1: %2").arg(file, qs(p.message))
                      : QStringLiteral("%1:%2: %3").arg(file, qs(p.location), qs(p.message)));
    return lines.join(QLatin1Char('\n'));
}

void ComparePanel::refreshContents()
{
    if (!m_other) {
        fill();
        return;
    }
    if (!isVisible()) {
        m_stale = true; // reviewed again when shown
        return;
    }
    compareWith(std::move(*m_other), m_label);
}

void ComparePanel::showEvent(QShowEvent *event)
{
    DesignPanel::showEvent(event);
    if (std::exchange(m_stale, false))
        refresh();
    else
        updateHighlights();
}

void ComparePanel::hideEvent(QHideEvent *event)
{
    setOwnHighlights({});
    DesignPanel::hideEvent(event);
}

QStringList ComparePanel::changedIds() const
{
    QStringList ids;
    if (!m_other)
        return ids;
    for (const review::ElementChange &e : m_review.elements) {
        if (e.change != review::Change::Removed && model::findElement(m_doc.design(), e.kind, e.id))
            ids << qs(e.id);
    }
    return ids;
}

void ComparePanel::updateHighlights()
{
    QHash<QString, Highlight> lit;
    if (isVisible())
        for (const QString &id : changedIds())
            lit.insert(id, Highlight::Emphasis);
    setOwnHighlights(lit);
}

QTreeWidgetItem *ComparePanel::sectionItem(Section section) const
{
    return m_list->topLevelItem(int(section));
}

void ComparePanel::fill()
{
    // Keep the row the user was on (and its diff) across a refresh.
    QString currentKey;
    if (const QTreeWidgetItem *current = m_list->currentItem())
        currentKey = current->data(0, KeyRole).toString();

    m_list->clear();
    m_diff->clear();
    m_diff->setExtraSelections({});
    if (!m_other) {
        m_header->setText(tr("Nothing compared yet: File › Compare With › a design file or the "
                             "last saved version."));
        m_refresh->setEnabled(false);
        return;
    }
    m_refresh->setEnabled(true);
    const review::DesignReview &r = m_review;
    QString summary = tr("Changes from %1 to this design.").arg(m_label);
    if (r.empty())
        summary += QLatin1Char(' ') + tr("The designs are the same.");
    else if (r.risky())
        summary += QLatin1Char(' ') +
                   tr("Review first: the change grants new access or introduces an error.");
    m_header->setText(summary);

    const model::Design &now = m_doc.design();
    const QFont bold = [this] {
        QFont f = m_list->font();
        f.setBold(true);
        return f;
    }();
    auto section = [&](const QString &title, std::size_t count) {
        auto *item = new QTreeWidgetItem(m_list, {tr("%1 (%2)").arg(title).arg(count)});
        item->setFont(0, bold);
        item->setData(0, KeyRole, title);
        item->setFirstColumnSpanned(true);
        return item;
    };
    auto row = [&](QTreeWidgetItem *parent, const QString &text, const QString &key) {
        auto *item = new QTreeWidgetItem(parent, {text});
        item->setToolTip(0, text);
        item->setData(0, KeyRole, key);
        return item;
    };
    // keyPrefix tells the sections apart in the keys that keep the selection across refreshes.
    auto addFindings = [&](const QString &title, const std::vector<model::Finding> &findings,
                           const QString &keyPrefix) {
        QTreeWidgetItem *parent = section(title, findings.size());
        for (const model::Finding &f : findings) {
            QTreeWidgetItem *item = row(parent, qs(f.message), keyPrefix + qs(f.rule + f.message));
            item->setIcon(0, severityIcon(style(), f.severity));
            item->setData(0, DetailRole,
                          qs(f.message + "\n\n" + f.explanation + "\n\n" + f.rule));
            item->setData(0, IdsRole, toIds(f.elements));
        }
    };

    QTreeWidgetItem *granted = section(tr("Access newly granted"), r.access.granted.size());
    for (const review::Access &a : r.access.granted) {
        QTreeWidgetItem *item =
            row(granted, accessRow(a), QStringLiteral("g:") + qs(review::accessLine(a)));
        item->setForeground(0, QColor(0xc0, 0x39, 0x2b));
        item->setData(0, DetailRole, tr("Newly granted\n\n") + accessDetails(a));
    }
    addFindings(tr("Findings introduced"), r.introduced, QStringLiteral("i:"));
    QTreeWidgetItem *removed = section(tr("Access removed"), r.access.removed.size());
    for (const review::Access &a : r.access.removed)
        row(removed, accessRow(a), QStringLiteral("r:") + qs(review::accessLine(a)))
            ->setData(0, DetailRole, tr("No longer granted\n\n") + accessDetails(a));
    addFindings(tr("Findings resolved"), r.resolved, QStringLiteral("s:"));
    addElementRows(section(tr("Elements"), r.elements.size()));
    QTreeWidgetItem *documents = section(tr("Documents"), r.documents.size());
    for (const review::DocumentChange &d : r.documents) {
        QTreeWidgetItem *item = row(documents, tr("%1 (%2)").arg(qs(d.path), changeWord(d.change)),
                                    QStringLiteral("d:") + qs(d.path));
        item->setData(0, DiffRole, qs(d.diff));
    }
    QTreeWidgetItem *simulate = section(tr("Test outcomes"), r.simulate.size());
    for (const review::SimulateChange &s : r.simulate) {
        const QString text =
            tr("%1/%2 to %3: %4 → %5")
                .arg(qs(s.source), qs(s.key), qs(s.destination), qs(s.before), qs(s.after));
        QTreeWidgetItem *item = row(simulate, text, QStringLiteral("o:") + text);
        item->setData(0, DetailRole,
                      tr("%1\n\nBefore: %2\nAfter: %3")
                          .arg(text, qs(s.beforeReason.empty() ? s.before : s.beforeReason),
                               qs(s.afterReason.empty() ? s.after : s.afterReason)));
        if (model::findElement(now, model::ElementKind::Rule, s.rule))
            item->setData(0, IdsRole, QStringList{qs(s.rule)});
    }

    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_list->topLevelItem(i);
        top->setExpanded(top->childCount() > 0);
        if (top->childCount() == 0)
            top->setForeground(0, palette().color(QPalette::Disabled, QPalette::Text));
    }
    // The row the user was on; at first the first row of the first section that has one
    // (granted access when there is any), read in full beside the list.
    QTreeWidgetItem *current = nullptr;
    for (QTreeWidgetItemIterator it(m_list); *it && !currentKey.isEmpty(); ++it) {
        if ((*it)->data(0, KeyRole).toString() == currentKey) {
            current = *it;
            break;
        }
    }
    for (int i = 0; !current && i < m_list->topLevelItemCount(); ++i)
        current = m_list->topLevelItem(i)->child(0);
    if (current) {
        m_list->setCurrentItem(current);
        showDetails(current);
    }
}

void ComparePanel::addElementRows(QTreeWidgetItem *section)
{
    const model::Design &now = m_doc.design();
    for (const review::ElementChange &e : m_review.elements) {
        const bool gone = e.change == review::Change::Removed;
        QString name = elementName(gone ? *m_other : now, e.kind, e.id);
        if (name.isEmpty())
            name = qs(e.id);
        QStringList fields;
        for (const review::FieldChange &f : e.fields)
            fields << qs(f.field);
        QString text =
            tr("%1 %2 %3").arg(qs(review::elementKindName(e.kind)), name, changeWord(e.change));
        if (e.change == review::Change::Changed)
            text += QStringLiteral(": ") + fields.join(QStringLiteral(", "));
        auto *item = new QTreeWidgetItem(section, {text});
        item->setData(0, KeyRole, QStringLiteral("e:") + qs(e.id));
        item->setToolTip(0, text);
        if (!gone)
            item->setData(0, IdsRole, QStringList{qs(e.id)});
        QString details = text;
        for (const review::FieldChange &f : e.fields)
            details += QStringLiteral("\n  ") + qs(f.field) + QStringLiteral(": ") +
                       jsonValue(f.before) + QStringLiteral(" → ") + jsonValue(f.after);
        item->setData(0, DetailRole, details);
        if (e.change != review::Change::Changed)
            continue;
        for (const review::FieldChange &f : e.fields) {
            const QString line =
                tr("%1: %2 → %3").arg(qs(f.field), jsonValue(f.before), jsonValue(f.after));
            auto *child = new QTreeWidgetItem(item, {line});
            child->setToolTip(0, line);
            child->setData(0, KeyRole, QStringLiteral("f:") + qs(e.id) + qs(f.field));
            child->setData(0, IdsRole, QStringList{qs(e.id)});
        }
    }
}

void ComparePanel::activate(QTreeWidgetItem *item)
{
    if (!item)
        return;
    showDetails(item);
    const QStringList ids = item->data(0, IdsRole).toStringList();
    QStringList present;
    for (const QString &id : ids)
        if (model::kindOfId(m_doc.design(), id.toStdString()))
            present << id;
    if (!present.isEmpty())
        m_selection.selectAndCentre(present);
}

void ComparePanel::showDetails(QTreeWidgetItem *item)
{
    const QVariant diff = item->data(0, DiffRole);
    if (!diff.isNull()) {
        showDiff(diff.toString());
        return;
    }
    const QVariant details = item->data(0, DetailRole);
    m_diff->setLineWrapMode(QPlainTextEdit::WidgetWidth); // prose; a diff keeps its columns
    m_diff->setPlainText(details.isNull() ? item->toolTip(0) : details.toString());
    m_diff->setExtraSelections({});
}

void ComparePanel::showDiff(const QString &diff)
{
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setPlainText(diff);
    // The colours of the policies panel's "what the last edit changed".
    const bool dark = isDarkPalette(m_diff->palette());
    QList<QTextEdit::ExtraSelection> marks;
    for (QTextBlock block = m_diff->document()->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        QColor background;
        if (text.startsWith(QLatin1String("+++")) || text.startsWith(QLatin1String("---")) ||
            text.startsWith(QLatin1String("@@")))
            background = dark ? QColor(0x2a, 0x3a, 0x55) : QColor(0xe4, 0xec, 0xfa);
        else if (text.startsWith(QLatin1Char('+')))
            background = dark ? QColor(0x1f, 0x4d, 0x2b) : QColor(0xd4, 0xf7, 0xdc);
        else if (text.startsWith(QLatin1Char('-')))
            background = dark ? QColor(0x5c, 0x22, 0x22) : QColor(0xfb, 0xe0, 0xe0);
        else
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(block);
        mark.format.setBackground(background);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    m_diff->setExtraSelections(marks);
}

} // namespace s3rd::views
