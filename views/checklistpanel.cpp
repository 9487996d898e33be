#include "checklistpanel.h"

#include "commands.h"
#include "jsonhighlighter.h"
#include "panelparts.h"
#include "qtext.h"
#include "selection.h"
#include "textdiff.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QAbstractTableModel>
#include <QEvent>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QListWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <unordered_set>
#include <utility>

namespace s3rd::views {

using namespace s3rd::model;

namespace {

constexpr int SeverityRole = Qt::UserRole + 2;
constexpr int kFlashMs = 4000; // how long a finding that appeared or went stays marked
// At most this many findings changed in place are updated one by one (changedInPlace()).
constexpr std::size_t kMaxChangedInPlace = 64;

std::size_t hashOf(const Finding &f)
{
    // No allocation, and Qt's hash of bytes (AES instructions where the processor has them): a
    // list of tens of thousands of findings is compared after every edit.
    const auto bytes = [](const std::string &s, std::size_t seed) {
        return qHashBits(s.data(), s.size(), seed);
    };
    std::size_t h = bytes(f.rule, std::size_t(f.severity) + 1);
    h = bytes(f.message, h);
    for (const std::string &e : f.elements)
        h = bytes(e, h);
    return h;
}

} // namespace

// The findings shown (after the severity filter), as indices into Document::report(); text is
// read on demand, so a design with thousands of findings costs one pass per refresh.
class FindingsModel : public QAbstractTableModel
{
public:
    FindingsModel(const document::Document &doc, const QStyle *style,
                  const std::unordered_set<std::size_t> &appeared, QObject *parent)
        : QAbstractTableModel(parent)
        , m_doc(doc)
        , m_appeared(appeared)
    {
        for (Severity s : {Severity::Error, Severity::Warning, Severity::Info})
            m_icons[int(s)] = severityIcon(style, s);
    }

    // Brings the rows up to date with the report: only the rows between the unchanged first
    // and last ones are removed and inserted (an edit changes a few findings of thousands), so
    // the view keeps its current row and repaints what changed. `hashes`: hashOf() per finding.
    void update(const bool shown[3], const std::vector<std::size_t> &hashes)
    {
        const auto &findings = m_doc.report().findings;
        std::vector<int> rows;
        std::vector<std::size_t> rowHashes;
        for (std::size_t i = 0; i < findings.size() && i < hashes.size(); ++i) {
            const int s = int(findings[i].severity);
            if (s >= 0 && s < 3 && shown[s]) {
                rows.push_back(int(i));
                rowHashes.push_back(hashes[i]);
            }
        }
        // A few findings changed in place (a rename): the same rows, those repainted.
        if (const auto changed = changedInPlace(m_rowHashes, rowHashes, kMaxChangedInPlace)) {
            m_rows = std::move(rows);
            m_rowHashes = std::move(rowHashes);
            for (std::size_t r : *changed)
                emit dataChanged(index(int(r), 0), index(int(r), 0));
            return;
        }
        const std::size_t before = m_rows.size();
        const std::size_t after = rows.size();
        const auto [prefix, suffix] = sharedEnds(m_rowHashes, rowHashes);
        // The rows kept show the same findings, now at their places in the new report; the
        // rows about to go point at none (the report they came from is gone).
        for (std::size_t r = 0; r < prefix; ++r)
            m_rows[r] = rows[r];
        for (std::size_t r = prefix; r < before - suffix; ++r)
            m_rows[r] = -1;
        for (std::size_t r = 0; r < suffix; ++r)
            m_rows[before - 1 - r] = rows[after - 1 - r];
        if (before - suffix > prefix) {
            beginRemoveRows({}, int(prefix), int(before - suffix) - 1);
            m_rows.erase(m_rows.begin() + std::ptrdiff_t(prefix),
                         m_rows.begin() + std::ptrdiff_t(before - suffix));
            endRemoveRows();
        }
        if (after - suffix > prefix) {
            beginInsertRows({}, int(prefix), int(after - suffix) - 1);
            m_rows.insert(m_rows.begin() + std::ptrdiff_t(prefix),
                          rows.begin() + std::ptrdiff_t(prefix),
                          rows.begin() + std::ptrdiff_t(after - suffix));
            endInsertRows();
        }
        m_rowHashes = std::move(rowHashes);
    }

    // hashOf() of a row's finding.
    std::size_t rowHash(int row) const
    {
        return row >= 0 && std::size_t(row) < m_rowHashes.size() ? m_rowHashes[std::size_t(row)]
                                                                  : 0;
    }

    const Finding *finding(int row) const
    {
        if (row < 0 || std::size_t(row) >= m_rows.size())
            return nullptr;
        const auto &findings = m_doc.report().findings;
        const int i = m_rows[std::size_t(row)];
        return i >= 0 && std::size_t(i) < findings.size() ? &findings[std::size_t(i)] : nullptr;
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 1; }

    QVariant data(const QModelIndex &index, int role) const override
    {
        const Finding *f = finding(index.row());
        if (!f)
            return {};
        switch (role) {
        case Qt::DisplayRole: return qs(f->message);
        case ChecklistPanel::RuleRole: return qs(f->rule);
        case Qt::ToolTipRole: {
            QString tip = qs(f->message) + QStringLiteral("\n\n") + qs(f->explanation)
                          + QStringLiteral("\n\n") + QObject::tr("Rule: %1").arg(qs(f->rule));
            if (f->fix)
                tip += QStringLiteral("\n") + QObject::tr("Has a fix: %1").arg(qs(f->fix->label));
            return tip;
        }
        case Qt::DecorationRole: return m_icons[int(f->severity)];
        case SeverityRole: return int(f->severity);
        case ChecklistPanel::FindingAppearedRole:
        case Qt::BackgroundRole: {
            const bool appeared = !m_appeared.empty() && m_appeared.count(hashOf(*f));
            if (role == ChecklistPanel::FindingAppearedRole)
                return appeared;
            return appeared ? QVariant(QColor(0x3c, 0xb3, 0x71, 70)) : QVariant();
        }
        default: return {};
        }
    }

private:
    const document::Document &m_doc;
    const std::unordered_set<std::size_t> &m_appeared; // hashOf() of findings to mark
    std::vector<int> m_rows;              // indices into the report's findings, -1: none
    std::vector<std::size_t> m_rowHashes; // hashOf() of each row's finding
    QIcon m_icons[3];
};

ChecklistPanel::ChecklistPanel(const EditContext &context, QWidget *parent)
    : DesignPanel(context.doc, context.selection, QStringLiteral("ChecklistPanel"), parent)
    , m_undo(context.undo)
{

    QVBoxLayout *layout = newPanelLayout();

    // The counts double as the severity filter: each is a toggle.
    auto *header = new QHBoxLayout;
    const Severity severities[3] = {Severity::Error, Severity::Warning, Severity::Info};
    for (int i = 0; i < 3; ++i) {
        auto *button = new QToolButton;
        button->setObjectName(QStringLiteral("filter:") + qs(severityName(severities[i])));
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        button->setIcon(severityIcon(style(), severities[i]));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setToolTip(tr("Show or hide findings of this severity"));
        connect(button, &QToolButton::toggled, this, &ChecklistPanel::applyFilter);
        header->addWidget(button);
        m_filters[i] = button;
    }
    header->addStretch(1);
    layout->addLayout(header);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    followShape(splitter, {6, 3, 3});

    auto *listBox = new QWidget;
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_model = new FindingsModel(m_doc, style(), m_appeared, this);
    m_findings = new QTreeView;
    m_findings->setObjectName(QStringLiteral("findingList"));
    m_findings->setModel(m_model);
    m_findings->setRootIsDecorated(false);
    m_findings->setUniformRowHeights(true);
    // One column, the message: the rule's id is in the tooltip and the details below, so a
    // narrow dock shows as much of each finding as it can.
    m_findings->setHeaderHidden(true);
    m_findings->setTextElideMode(Qt::ElideRight);
    m_findings->header()->setStretchLastSection(true);
    m_findings->setMinimumHeight(80);
    listLayout->addWidget(m_findings, 1);
    m_summary = newWrappingLabel(QStringLiteral("summary"));
    listLayout->addWidget(m_summary);
    // What went is shown over the foot of the list, in no layout: showing, hiding or rewording
    // it lays out nothing else (a label in the layout made every edit lay out the window).
    m_resolved = new QLabel(m_findings);
    m_resolved->setObjectName(QStringLiteral("resolved"));
    m_resolved->setWordWrap(true);
    m_resolved->setTextFormat(Qt::RichText);
    m_resolved->setAutoFillBackground(true);
    m_resolved->setBackgroundRole(QPalette::ToolTipBase);
    m_resolved->setForegroundRole(QPalette::ToolTipText);
    m_resolved->setFrameShape(QFrame::StyledPanel);
    m_resolved->setMargin(4);
    m_resolved->hide();
    m_findings->viewport()->installEventFilter(this); // resized after the list lays it out
    m_flashTimer.setSingleShot(true);
    m_flashTimer.setInterval(kFlashMs);
    connect(&m_flashTimer, &QTimer::timeout, this, [this] {
        m_appeared.clear();
        m_resolved->hide();
        m_resolved->clear();
        m_findings->viewport()->update();
    });
    splitter->addWidget(listBox);

    auto *detailBox = new QWidget;
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_details = newExplanationLabel(QStringLiteral("details"));
    detailLayout->addWidget(m_details, 1);
    m_fix = new QPushButton;
    m_fix->setObjectName(QStringLiteral("fixButton"));
    m_fix->hide();
    auto *fixRow = new QHBoxLayout;
    fixRow->addWidget(m_fix);
    fixRow->addStretch(1);
    detailLayout->addLayout(fixRow);
    splitter->addWidget(detailBox);

    auto *preflightBox = new QGroupBox(tr("Pre-flight checklist"));
    auto *preflightLayout = new QVBoxLayout(preflightBox);
    preflightLayout->setContentsMargins(4, 4, 4, 4);
    // Items wrap to the dock's width (no sideways scrolling); the rules behind an item are in
    // its tooltip.
    m_preflight = new QListWidget;
    m_preflight->setObjectName(QStringLiteral("preflightList"));
    m_preflight->setWordWrap(true);
    m_preflight->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_preflight->setResizeMode(QListView::Adjust);
    m_preflight->setMinimumHeight(60);
    m_preflightNote = newWrappingLabel(QStringLiteral("preflightNote"),
                                       tr("Nothing to check yet: draw a replication arrow from "
                                          "one bucket to another, and these items are checked as "
                                          "you design."));
    m_preflightNote->hide();
    preflightLayout->addWidget(m_preflightNote);
    preflightLayout->addWidget(m_preflight);
    splitter->addWidget(preflightBox);
    setStretchFactors(splitter, {3, 1, 2});

    connect(m_findings->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                if (m_syncing)
                    return;
                if (const Finding *f = m_model->finding(index.row())) {
                    m_currentRule = f->rule;
                    m_currentElements = f->elements;
                    m_currentMessage = f->message;
                }
                showDetails();
                selectElementsOf(index);
            });
    connect(m_findings, &QTreeView::clicked, this,
            [this](const QModelIndex &index) { selectElementsOf(index); });
    connect(m_fix, &QPushButton::clicked, this, &ChecklistPanel::applyCurrentFix);
    refresh();
}

void ChecklistPanel::refreshContents()
{
    const CheckReport &report = m_doc.report();

    const QString countText[3] = {tr("%n error(s)", nullptr, report.count(Severity::Error)),
                                  tr("%n warning(s)", nullptr, report.count(Severity::Warning)),
                                  tr("%n info", nullptr, report.count(Severity::Info))};
    for (int i = 0; i < 3; ++i) {
        // A button of fixed size is laid out by nobody when its text changes; it grows when a
        // count needs more room (an edit changes a count by a few, rarely its digits).
        if (m_filters[i]->text() == countText[i])
            continue;
        m_filters[i]->setText(countText[i]);
        QToolButton *b = m_filters[i];
        const QSize need = b->sizeHint();
        const bool fixed = b->minimumSize() == b->maximumSize();
        if (!fixed || need.width() > b->minimumWidth() || need.height() > b->minimumHeight())
            b->setFixedSize(fixed ? need.expandedTo(b->minimumSize()) : need);
    }

    std::vector<std::size_t> hashes;
    hashes.reserve(report.findings.size());
    for (const Finding &f : report.findings)
        hashes.push_back(hashOf(f));
    if (hashes != m_findingHashes) { // the same findings need no repaint
        flashChanges(hashes, report);
        m_findingHashes = std::move(hashes);
        applyFilter();
        retint();
    }
    m_summary->setText(!report.findings.empty() ? QString()
                       : m_doc.design().rules.empty()
                           ? tr("No findings: the design has no replication rule to check yet.")
                           : tr("No findings: nothing in this design is known to break "
                                "replication."));
    m_summary->setVisible(report.findings.empty());

    // A design that replicates nothing has nothing to tick: its items are "not checked yet",
    // never ticked (a tick says the design is ready to enable replication).
    const bool nothingToCheck = m_doc.design().rules.empty();
    m_preflightNote->setVisible(nothingToCheck);
    std::vector<std::string> preflightKeys;
    for (const PreflightItem &p : report.preflight) {
        std::string key = (nothingToCheck ? "-" : "") + std::string(p.ok ? "1" : "0") + p.item;
        for (const std::string &r : p.rules)
            key += '\x1f' + r;
        preflightKeys.push_back(std::move(key));
    }
    if (preflightKeys != m_preflightKeys) {
        // Only the items whose tick changed are touched: a word-wrapped list re-lays out and
        // repaints whatever is cleared and refilled.
        const bool dark = isDarkPalette(palette());
        const QColor good = dark ? QColor(0x7c, 0xd9, 0x92) : QColor(0x1b, 0x7a, 0x35);
        const QColor bad = dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x00, 0x20);
        const QColor unchecked = palette().color(QPalette::Disabled, QPalette::Text);
        while (m_preflight->count() > int(preflightKeys.size()))
            delete m_preflight->takeItem(m_preflight->count() - 1);
        for (std::size_t i = 0; i < report.preflight.size(); ++i) {
            if (i < m_preflightKeys.size() && int(i) < m_preflight->count()
                && m_preflightKeys[i] == preflightKeys[i])
                continue;
            const PreflightItem &p = report.preflight[i];
            QStringList rules;
            for (const std::string &r : p.rules)
                rules << qs(r);
            const bool notChecked = nothingToCheck && p.ok;
            const QString mark = notChecked ? QStringLiteral("○ ")
                                 : p.ok     ? QStringLiteral("✔ ")
                                            : QStringLiteral("✘ ");
            QListWidgetItem *item = int(i) < m_preflight->count() ? m_preflight->item(int(i))
                                                                   : new QListWidgetItem(m_preflight);
            item->setText(mark + qs(p.item));
            item->setForeground(notChecked ? unchecked : p.ok ? good : bad);
            item->setData(Qt::UserRole, p.ok && !nothingToCheck);
            item->setToolTip(notChecked ? tr("Not checked yet: the design has no replication rule")
                             : rules.isEmpty()
                                 ? qs(p.item)
                                 : tr("Checked by: %1").arg(rules.join(QStringLiteral(", "))));
        }
        m_preflightKeys = std::move(preflightKeys);
    }
    showDetails();
}

void ChecklistPanel::flashChanges(const std::vector<std::size_t> &hashes,
                                  const CheckReport &report)
{
    const bool first = !m_filled;
    m_filled = true;
    // Only the findings that differ can have appeared or gone, and only their messages are
    // copied for next time: a few changed in place (a rename), or (they are sorted, and an
    // edit changes a few) those between a first and a last run the findings before and after
    // share.
    const std::size_t before = m_findingHashes.size();
    const std::size_t after = hashes.size();
    const bool known = !first && m_findingMessages.size() == before;
    std::vector<std::size_t> oldAt; // where they were among the previous findings
    std::vector<std::size_t> newAt; // where they are now
    std::vector<std::string> goneMessages; // parallel to oldAt
    if (const auto changed = known ? changedInPlace(m_findingHashes, hashes, kMaxChangedInPlace)
                                   : std::nullopt) {
        oldAt = newAt = *changed;
        for (std::size_t i : *changed)
            goneMessages.push_back(
                std::exchange(m_findingMessages[i], report.findings[i].message));
    } else {
        const auto [prefix, suffix] = known ? sharedEnds(m_findingHashes, hashes)
                                            : std::pair<std::size_t, std::size_t>{0, 0};
        std::vector<std::string> messages;
        messages.reserve(after - prefix - suffix);
        for (std::size_t i = prefix; i < after - suffix; ++i) {
            messages.push_back(report.findings[i].message);
            newAt.push_back(i);
        }
        for (std::size_t i = prefix; i < before - suffix; ++i)
            oldAt.push_back(i);
        goneMessages.assign(
            std::make_move_iterator(m_findingMessages.begin() + std::ptrdiff_t(prefix)),
            std::make_move_iterator(m_findingMessages.end() - std::ptrdiff_t(suffix)));
        m_findingMessages.erase(m_findingMessages.begin() + std::ptrdiff_t(prefix),
                                m_findingMessages.end() - std::ptrdiff_t(suffix));
        m_findingMessages.insert(m_findingMessages.begin() + std::ptrdiff_t(prefix),
                                 std::make_move_iterator(messages.begin()),
                                 std::make_move_iterator(messages.end()));
    }
    if (first)
        return;
    // A multiset difference both ways: what appeared is tinted, what went is listed struck.
    std::unordered_multiset<std::size_t> old;
    for (std::size_t i : oldAt)
        old.insert(m_findingHashes[i]);
    std::unordered_set<std::size_t> appeared;
    for (std::size_t i : newAt) {
        const auto it = old.find(hashes[i]);
        if (it != old.end())
            old.erase(it);
        else
            appeared.insert(hashes[i]);
    }
    QStringList gone;
    for (std::size_t k = 0; k < oldAt.size() && k < goneMessages.size(); ++k) {
        const auto it = old.find(m_findingHashes[oldAt[k]]);
        if (it == old.end())
            continue;
        old.erase(it);
        gone << QStringLiteral("<s>%1</s>").arg(qs(goneMessages[k]).toHtmlEscaped());
    }
    // Another design (opened, not edited) changes nearly everything: nothing to point out.
    constexpr qsizetype kMaxShown = 30;
    if (appeared.size() + std::size_t(gone.size()) > std::size_t(kMaxShown)) {
        appeared.clear();
        gone.clear();
    }
    // Tints of rows kept change too: those tinted before and those tinted now are repainted
    // (retint()), once the rows are up to date.
    m_retint = m_appeared;
    m_retint.insert(appeared.begin(), appeared.end());
    m_appeared = std::move(appeared);
    m_resolved->setText(gone.isEmpty() ? QString()
                                       : tr("Gone after the last edit: %1")
                                             .arg(gone.join(QStringLiteral("; "))));
    m_resolved->setVisible(!gone.isEmpty());
    placeResolved();
    if (!m_appeared.empty() || !gone.isEmpty())
        m_flashTimer.start();
}

void ChecklistPanel::retint()
{
    const std::unordered_set<std::size_t> hashes = std::exchange(m_retint, {});
    if (hashes.empty())
        return;
    // The visible rows only: a list of tens of thousands shows a few dozen.
    QWidget *viewport = m_findings->viewport();
    for (QModelIndex i = m_findings->indexAt(QPoint(1, 1)); i.isValid();
         i = m_findings->indexBelow(i)) {
        const QRect row = m_findings->visualRect(i);
        if (row.top() > viewport->height())
            break;
        if (m_model->finding(i.row()) && hashes.count(m_model->rowHash(i.row())))
            viewport->update(QRect(0, row.top(), viewport->width(), row.height()));
    }
}

void ChecklistPanel::placeResolved()
{
    if (m_resolved->isHidden())
        return;
    // The width of the list's viewport, as high as the text needs (at most half the list).
    const QRect area = m_findings->viewport()->geometry();
    const int height = std::min(m_resolved->heightForWidth(area.width()), area.height() / 2);
    m_resolved->setGeometry(area.left(), area.bottom() + 1 - height, area.width(), height);
    m_resolved->raise();
}

bool ChecklistPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_findings->viewport() && event->type() == QEvent::Resize)
        placeResolved();
    return QWidget::eventFilter(watched, event);
}

QStringList ChecklistPanel::goneFindings() const
{
    return m_resolved->isHidden() ? QStringList{} : QStringList{m_resolved->text()};
}

void ChecklistPanel::applyFilter()
{
    bool shown[3];
    for (int i = 0; i < 3; ++i)
        shown[i] = m_filters[i]->isChecked();
    const int scroll = m_findings->verticalScrollBar()->value();
    m_syncing = true;
    m_model->update(shown, m_findingHashes);
    restoreCurrent();
    m_syncing = false;
    m_findings->verticalScrollBar()->setValue(scroll);
    showDetails();
}

void ChecklistPanel::restoreCurrent()
{
    const auto isCurrent = [this](const Finding *f) {
        return f && f->rule == m_currentRule && f->elements == m_currentElements
               && f->message == m_currentMessage;
    };
    if (isCurrent(currentFinding()))
        return; // still on its row
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (isCurrent(m_model->finding(row))) {
            m_findings->setCurrentIndex(m_model->index(row, 0));
            return;
        }
    }
    // The current finding went (fixed, or filtered out): no other one takes its place.
    m_findings->selectionModel()->clear();
}

const Finding *ChecklistPanel::currentFinding() const
{
    const QModelIndex index = m_findings->currentIndex();
    return index.isValid() ? m_model->finding(index.row()) : nullptr;
}

void ChecklistPanel::showDetails()
{
    const Finding *f = currentFinding();
    if (!f) {
        m_details->setText(m_model->rowCount() > 0
                               ? tr("Select a finding to see why it matters and how to fix it.")
                               : QString());
        m_fix->hide();
        return;
    }
    QString html = QStringLiteral("<b>%1</b> <span style=\"color:gray\">(%2, %3)</span><br>%4")
                       .arg(qs(f->message).toHtmlEscaped(), qs(f->rule),
                            qs(severityName(f->severity)), qs(f->explanation).toHtmlEscaped());
    if (!f->docUrl.empty())
        html += QStringLiteral("<br><a href=\"%1\">%2</a>")
                    .arg(qs(f->docUrl).toHtmlEscaped(), tr("AWS documentation"));
    m_details->setText(html);
    if (f->fix) {
        m_fix->setText(tr("Fix: %1").arg(qs(f->fix->label)));
        m_fix->setToolTip(tr("Applies the fix as one undoable step"));
        m_fix->show();
    } else {
        m_fix->hide();
    }
}

void ChecklistPanel::selectElementsOf(const QModelIndex &index)
{
    const Finding *f = m_model->finding(index.row());
    if (!f || f->elements.empty())
        return;
    QStringList ids;
    for (const std::string &e : f->elements)
        ids << qs(e);
    m_selection.selectAndCentre(ids);
}

bool ChecklistPanel::applyCurrentFix()
{
    const Finding *f = currentFinding();
    if (!f || !f->fix || !f->fix->apply)
        return false;
    Design after = m_doc.design();
    f->fix->apply(after);
    if (after == m_doc.design())
        return false;
    // The command text is the fix's label, so Edit > Undo names what it undoes.
    const QString label = qs(f->fix->label);
    m_undo.push(new document::ReplaceDesignCommand(m_doc, std::move(after), label));
    return true;
}

} // namespace s3rd::views
