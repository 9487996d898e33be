#include "propertiespanel.h"

#include "panelparts.h"
#include "propertyeditors.h"
#include "propertyform.h"
#include "qtext.h"
#include "selection.h"
#include "textdiff.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace s3rd::views {

using namespace s3rd::model;
using document::ElementKind;

namespace {

// The form's title for an element of this kind, %1 its name.
QString titleFormat(ElementKind kind)
{
    switch (kind) {
    case ElementKind::Account: return PropertiesPanel::tr("Account — %1");
    case ElementKind::Bucket: return PropertiesPanel::tr("Bucket — %1");
    case ElementKind::Key: return PropertiesPanel::tr("KMS key — %1");
    case ElementKind::Role: return PropertiesPanel::tr("IAM role — %1");
    case ElementKind::Rule: break;
    }
    return PropertiesPanel::tr("Replication rule — %1");
}

} // namespace

PropertiesPanel::PropertiesPanel(const EditContext &context, QWidget *parent)
    : DesignPanel(context.doc, context.selection, QStringLiteral("PropertiesPanel"), parent)
    , m_undo(context.undo)
{
    QVBoxLayout *layout = newPanelLayout();
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("title"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_message = newWrappingLabel(QStringLiteral("message"));
    m_message->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_message, 1); // with the form hidden, the message takes the space below
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    layout->addWidget(m_scroll, 1);

    connect(&m_selection, &Selection::selectionChanged, this, &PropertiesPanel::scheduleRefresh);
    refresh();
}

void PropertiesPanel::refreshContents()
{
    const QStringList &ids = m_selection.ids();
    if (ids.size() > 1) {
        // A summary by kind: "3 elements selected: 2 buckets, 1 rule".
        int counts[5] = {};
        for (const QString &id : ids) {
            if (const auto kind = m_doc.kindOfId(id))
                ++counts[int(*kind)];
        }
        m_title->setText(tr("%1 elements selected").arg(ids.size()));
        showMessage(countsText(counts)
                    + tr("\n\nSelect a single element to edit its properties."));
        return;
    }
    const QString id = m_selection.current();
    const auto kind = id.isEmpty() ? std::nullopt : m_doc.kindOfId(id);
    if (!kind) {
        // Nothing selected: what the design holds, and how to get to an element.
        const model::Design &d = m_doc.design();
        const int counts[5] = {int(d.accounts.size()), int(d.buckets.size()), int(d.keys.size()),
                               int(d.roles.size()), int(d.rules.size())};
        m_title->setText(tr("Properties"));
        showMessage((d.accounts.empty() ? tr("This design is empty.")
                                        : tr("This design: %1.").arg(countsText(counts)))
                    + tr("\n\nSelect an account, bucket, key, role or replication arrow on the "
                         "canvas to see and edit its properties. Tab selects the next element, "
                         "Shift+Tab the previous one.\n\nDrag from the palette to add an "
                         "element; drag from a bucket's edge handle to another bucket to replicate."));
        return;
    }
    if (id != m_id || *kind != m_kind || !m_fields) {
        m_id = id;
        m_kind = *kind;
        rebuild();
    }
    loadValues();
    updateFindings();
}

QString PropertiesPanel::countsText(const int counts[5])
{
    const QString names[5] = {
        tr("%n account(s)", nullptr, counts[0]), tr("%n bucket(s)", nullptr, counts[1]),
        tr("%n KMS key(s)", nullptr, counts[2]), tr("%n role(s)", nullptr, counts[3]),
        tr("%n replication rule(s)", nullptr, counts[4])};
    QStringList parts;
    for (int i = 0; i < 5; ++i) {
        if (counts[i] > 0)
            parts << names[i];
    }
    return parts.join(QStringLiteral(", "));
}

void PropertiesPanel::showMessage(const QString &text)
{
    clearForm();
    m_message->setText(text);
    m_message->show();
    m_scroll->hide();
}

void PropertiesPanel::clearForm()
{
    m_fields = nullptr; // goes with the widget holding the fields
    m_findingsShown.clear();
    m_id.clear();
    if (QWidget *old = m_scroll->takeWidget())
        old->deleteLater();
    m_formHost = nullptr;
    m_findingsBox = nullptr;
    m_findingsLayout = nullptr;
}

void PropertiesPanel::rebuild()
{
    const QString id = m_id;
    const ElementKind kind = m_kind;
    clearForm();
    m_id = id;
    m_kind = kind;
    m_message->hide();
    m_scroll->show();

    m_formHost = new QWidget;
    auto *outer = new QVBoxLayout(m_formHost);
    outer->setContentsMargins(0, 0, 4, 0);
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    outer->addLayout(form);
    m_fields = new PropertyForm(m_doc, m_undo, m_kind, m_id, form, m_formHost);

    auto *idLabel = new QLabel(m_id);
    idLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    idLabel->setToolTip(tr("The element id used in the design file"));
    buildEditor(*m_fields, m_kind);
    m_fields->addRow(tr("Element id:"), idLabel);

    m_findingsBox = new QWidget;
    m_findingsBox->setObjectName(QStringLiteral("findings"));
    m_findingsLayout = new QVBoxLayout(m_findingsBox);
    m_findingsLayout->setContentsMargins(0, 8, 0, 0);
    outer->addWidget(m_findingsBox);
    outer->addStretch(1);
    m_scroll->setWidget(m_formHost);
}

void PropertiesPanel::loadValues()
{
    const std::optional<Element> element = m_doc.element(m_kind, m_id);
    m_title->setText(element ? titleFormat(m_kind).arg(qs(displayName(*element))) : QString());
    m_fields->load();
}

void PropertiesPanel::updateFindings()
{
    if (!m_findingsLayout)
        return;
    const std::string id = m_id.toStdString();
    std::vector<const Finding *> mine;
    std::vector<std::string> signature;
    for (const Finding &f : m_doc.report().findings) {
        if (std::find(f.elements.begin(), f.elements.end(), id) != f.elements.end()) {
            mine.push_back(&f);
            signature.push_back(f.rule + '\n' + f.message);
        }
    }
    if (signature == m_findingsShown && m_findingsLayout->count() > 0)
        return;
    auto *heading = m_findingsLayout->count() > 0
                        ? qobject_cast<QLabel *>(m_findingsLayout->itemAt(0)->widget())
                        : nullptr;
    if (!heading) {
        heading = new QLabel;
        m_findingsLayout->addWidget(heading);
    }
    heading->setText(mine.empty() ? tr("No checklist findings for this element.")
                                  : tr("Checklist findings (%1)").arg(mine.size()));
    QFont bold = heading->font();
    bold.setBold(!mine.empty());
    heading->setFont(bold);
    // Only the rows between the unchanged first and last ones are replaced: an edit changes a
    // few findings, and a new word-wrapped row costs a layout of its text.
    const std::vector<std::string> &before = m_findingsShown;
    const auto [prefix, suffix] = sharedEnds(before, signature);
    // As many rows as before (a rename changed their texts): the rows stay, showing the new
    // findings.
    const std::size_t kept = before.size() == signature.size() ? before.size() - suffix : prefix;
    for (std::size_t i = prefix; i < kept; ++i)
        showFinding(m_findingsLayout->itemAt(int(i) + 1)->widget(), *mine[i]);
    for (std::size_t i = kept; i < before.size() - suffix; ++i) {
        QLayoutItem *item = m_findingsLayout->takeAt(int(kept) + 1);
        delete item->widget();
        delete item;
    }
    for (std::size_t i = kept; i < mine.size() - suffix; ++i) {
        auto *row = new QWidget;
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *icon = new QLabel;
        icon->setAlignment(Qt::AlignTop);
        h->addWidget(icon);
        auto *text = new QLabel;
        text->setWordWrap(true);
        h->addWidget(text, 1);
        showFinding(row, *mine[i]);
        m_findingsLayout->insertWidget(int(i) + 1, row);
    }
    m_findingsShown = std::move(signature);
}

void PropertiesPanel::showFinding(QWidget *row, const Finding &f)
{
    row->setObjectName(QStringLiteral("finding:") + qs(f.rule));
    const auto labels = row->findChildren<QLabel *>(Qt::FindDirectChildrenOnly);
    if (labels.size() != 2)
        return;
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    labels[0]->setPixmap(severityIcon(style(), f.severity).pixmap(iconSize, iconSize));
    labels[1]->setText(QStringLiteral("%1 <span style=\"color:gray\">(%2)</span>")
                           .arg(qs(f.message).toHtmlEscaped(), qs(f.rule)));
    labels[1]->setToolTip(qs(f.explanation));
}

} // namespace s3rd::views
