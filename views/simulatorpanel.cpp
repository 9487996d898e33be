#include "simulatorpanel.h"

#include "findbar.h"
#include "jsonhighlighter.h"
#include "panelparts.h"
#include "popout.h"
#include "qtext.h"
#include "selection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <optional>
#include <unordered_set>
#include <utility>

namespace s3rd::views {

using namespace s3rd::model;

namespace {

constexpr int kBucketDefault = -1; // encryption combo: as the bucket's default encryption
constexpr int DestRole = Qt::UserRole + 1;
constexpr int StepRole = Qt::UserRole + 2;

using ComboItems = std::vector<std::pair<QString, QString>>;

void syncCombo(QComboBox *box, const ComboItems &items)
{
    bool same = box->count() == qsizetype(items.size());
    for (int i = 0; same && i < box->count(); ++i)
        same = box->itemText(i) == items[std::size_t(i)].first
               && box->itemData(i).toString() == items[std::size_t(i)].second;
    if (same)
        return;
    const QSignalBlocker blocker(box);
    const QString current = box->currentData().toString();
    box->clear();
    for (const auto &[text, data] : items)
        box->addItem(text, data);
    const int index = box->findData(current);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

// How a bucket and a key are listed among the choices.
QString bucketChoice(const Bucket &b)
{
    return QStringLiteral("%1 — %2").arg(qs(b.name), qs(b.region));
}

QString keyChoice(const KmsKey &k)
{
    return QStringLiteral("%1 — %2").arg(qs(k.alias.empty() ? k.keyId : k.alias), qs(k.region));
}

QString bucketName(const Design &d, const std::string &id)
{
    const Bucket *b = document::findElement<Bucket>(d, id);
    return qs(b ? b->name : id);
}

} // namespace

SimulatorPanel::SimulatorPanel(document::Document &doc, Selection &selection, QWidget *parent)
    : DesignPanel(doc, selection, QStringLiteral("SimulatorPanel"), parent)
{
    // Automatic re-runs wait for a pause in editing: the policies in effect are recompiled for
    // each design state (tens of ms for 1,000 buckets), which must not slow down typing.
    m_rerunTimer.setParent(this); // found by name: "rerunTimer"
    m_rerunTimer.setObjectName(QStringLiteral("rerunTimer"));
    m_rerunTimer.setSingleShot(true);
    m_rerunTimer.setInterval(150);
    connect(&m_rerunTimer, &QTimer::timeout, this, [this] {
        if (m_hasRun && isVisible())
            run();
    });

    QVBoxLayout *layout = newPanelLayout();
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto comboBox = [](const QString &name) {
        auto *box = new QComboBox;
        box->setObjectName(name);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(14);
        return box;
    };
    m_bucket = comboBox(QStringLiteral("sourceBucket"));
    form->addRow(tr("Source bucket:"), m_bucket);
    m_key = new QLineEdit(QStringLiteral("reports/2026/summary.csv"));
    m_key->setObjectName(QStringLiteral("objectKey"));
    form->addRow(tr("Object key:"), m_key);
    m_tags = new QLineEdit;
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("key=value, key2=value2"));
    m_tagsError = new QLabel;
    m_tagsError->setWordWrap(true);
    QPalette p = m_tagsError->palette();
    p.setColor(QPalette::WindowText, isDarkPalette(p) ? QColor(0xff, 0x80, 0x80)
                                                      : QColor(0xb0, 0x00, 0x20));
    m_tagsError->setPalette(p);
    m_tagsError->hide();
    auto *tagsLayout = newGroupingBox<QVBoxLayout>();
    QWidget *tagsBox = tagsLayout->parentWidget();
    tagsLayout->setSpacing(2);
    tagsLayout->addWidget(m_tags);
    tagsLayout->addWidget(m_tagsError);
    form->addRow(tr("Tags:"), tagsBox);

    m_encryption = comboBox(QStringLiteral("encryption"));
    m_encryption->addItem(tr("As the bucket's default"), kBucketDefault);
    m_encryption->addItem(tr("Unencrypted"), int(ObjectWrite::Unencrypted));
    m_encryption->addItem(tr("SSE-S3"), int(ObjectWrite::SseS3));
    m_encryption->addItem(tr("SSE-KMS"), int(ObjectWrite::SseKms));
    m_encryption->addItem(tr("DSSE-KMS"), int(ObjectWrite::DsseKms));
    m_encryption->addItem(tr("SSE-C (customer key)"), int(ObjectWrite::SseC));
    m_encryption->addItem(tr("Client-side"), int(ObjectWrite::ClientSide));
    form->addRow(tr("Written with:"), m_encryption);
    m_kmsKey = comboBox(QStringLiteral("kmsKey"));
    form->addRow(tr("KMS key:"), m_kmsKey);
    m_operation = comboBox(QStringLiteral("operation"));
    m_operation->addItem(tr("A new object version"));
    m_operation->addItem(tr("A delete marker (delete without version ID)"));
    m_operation->addItem(tr("A delete of a specific version"));
    form->addRow(tr("Event:"), m_operation);
    m_replica = new QCheckBox(tr("The object is itself a replica"));
    m_replica->setObjectName(QStringLiteral("replica"));
    form->addRow(QString(), m_replica);
    // The inputs scroll rather than make the dock grow; beside them (or under them, in a tall
    // dock) the trace, which can also be opened in a window of its own.
    auto *inputs = new QWidget;
    auto *inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->setContentsMargins(0, 0, 4, 0);
    inputsLayout->addLayout(form);

    auto *runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_run->setToolTip(tr("Walk the object through the design as S3 would; after a first run, "
                         "every change re-runs it"));
    runRow->addWidget(m_run);
    m_summary = newWrappingLabel(QStringLiteral("summary"));
    runRow->addWidget(m_summary, 1);
    inputsLayout->addLayout(runRow);
    inputsLayout->addStretch(1);
    auto *inputsScroll = new QScrollArea;
    inputsScroll->setWidgetResizable(true);
    inputsScroll->setFrameShape(QFrame::NoFrame);
    inputsScroll->setWidget(inputs);
    inputsScroll->setMinimumWidth(260);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    m_results = new QTreeWidget;
    m_results->setObjectName(QStringLiteral("results"));
    m_results->setColumnCount(6);
    m_results->setHeaderLabels(
        {tr("Check"), tr("Decision"), tr("Action"), tr("Principal"), tr("Resource"),
         tr("Matched statements")});
    m_results->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_results->header()->setStretchLastSection(true);
    m_results->setMinimumHeight(100);
    splitter->addWidget(m_results);
    auto *detailsScroll = new QScrollArea;
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    m_details = newWrappingLabel(QStringLiteral("stepDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMargin(4);
    detailsScroll->setWidget(m_details);
    splitter->addWidget(detailsScroll);
    setStretchFactors(splitter, {3, 1});
    auto *traceLayout = newGroupingBox<QVBoxLayout>();
    QWidget *traceView = traceLayout->parentWidget();
    auto *traceHeader = new QHBoxLayout;
    traceHeader->addWidget(new QLabel(tr("Trace — every check S3 makes, in order:")), 1);
    m_traceOut = addToolButton(traceHeader, QStringLiteral("traceWindowButton"),
                               tr("Open in window"),
                               tr("Show the trace in a window of its own, to enlarge it"));
    m_traceOut->setCheckable(true);
    traceLayout->addLayout(traceHeader);
    traceLayout->addWidget(splitter, 1);
    auto *traceHolder = new QWidget;
    m_tracePopOut = new PopOut(traceView, traceHolder, QSize(980, 640));
    m_tracePopOut->setWindowTitle(tr("Trace — Test an object"));
    connect(m_traceOut, &QToolButton::toggled, this, [this](bool out) {
        out ? m_tracePopOut->popOut() : m_tracePopOut->bringBack();
    });
    connect(m_tracePopOut, &PopOut::poppedOutChanged, m_traceOut, &QToolButton::setChecked);

    auto *shape = new QSplitter;
    shape->setChildrenCollapsible(false);
    shape->addWidget(inputsScroll);
    shape->addWidget(traceHolder);
    setStretchFactors(shape, {1, 3});
    followShape(shape, {1, 2});
    layout->addWidget(shape, 1);

    connect(m_run, &QPushButton::clicked, this, &SimulatorPanel::run);
    connect(m_key, &QLineEdit::returnPressed, this, &SimulatorPanel::run);
    // What the user typed stays; until then the object follows the rule to test.
    for (QLineEdit *field : {m_key, m_tags})
        connect(field, &QLineEdit::textEdited, this, [this] { m_userEdited = true; });
    connect(m_bucket, &QComboBox::activated, this, [this] {
        if (!m_userEdited)
            proposeObject(nullptr);
    });
    connect(&m_selection, &Selection::selectionChanged, this, [this] {
        // Selecting an arrow on the canvas proposes an object that its rule replicates.
        for (const QString &id : m_selection.ids()) {
            if (const auto *r = document::findElement<ReplicationRule>(m_doc.design(),
                                                                       id.toStdString())) {
                proposeObject(r);
                return;
            }
        }
    });
    connect(m_tags, &QLineEdit::returnPressed, this, &SimulatorPanel::run);
    connect(m_key, &QLineEdit::textChanged, this, &SimulatorPanel::inputChanged);
    connect(m_tags, &QLineEdit::textChanged, this, &SimulatorPanel::inputChanged);
    for (QComboBox *box : {m_bucket, m_encryption, m_kmsKey, m_operation})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this,
                &SimulatorPanel::inputChanged);
    connect(m_replica, &QCheckBox::toggled, this, &SimulatorPanel::inputChanged);
    connect(m_results, &QTreeWidget::currentItemChanged, this, [this] {
        updateHighlights();
        showStepDetails();
    });
    // The compiled policies hold pointers into the design: drop them at once on any change
    // but a move on the canvas, which keeps every element where it is (see Document).
    connect(&m_doc, &document::Document::contentChanged, this, [this] { m_policies.reset(); });
    // What the bucket and key choices show (rules' sources are compared at each refresh).
    const auto choicesChanged = [this] { m_choicesDirty = true; };
    connect(&m_doc, &document::Document::elementAdded, this, choicesChanged);
    connect(&m_doc, &document::Document::elementRemoved, this, choicesChanged);
    connect(&m_doc, &document::Document::designReset, this, choicesChanged);
    connect(&m_doc, &document::Document::elementChanged, this,
            [this](document::ElementKind kind, const QString &id, document::ChangedProperties what) {
                // Only a new label changes the choices (not a bucket's settings), and only
                // that choice's text: the order is the design's, not the labels'.
                if (what == document::ChangedProperty::Geometry || m_choicesDirty)
                    return;
                const Design &d = m_doc.design();
                std::optional<QString> label;
                if (kind == document::ElementKind::Bucket) {
                    if (const Bucket *b = document::findElement<Bucket>(d, id.toStdString()))
                        label = bucketChoice(*b);
                } else if (kind == document::ElementKind::Key) {
                    if (const KmsKey *k = document::findElement<KmsKey>(d, id.toStdString()))
                        label = keyChoice(*k);
                } else {
                    return;
                }
                if (!label || !m_choiceLabels.contains(id))
                    m_choicesDirty = true;
                else if (*label != m_choiceLabels.value(id) && !m_relabelled.contains(id))
                    m_relabelled.append(id);
            });
    refresh();
}

void SimulatorPanel::refreshContents()
{
    const Design &d = m_doc.design();
    // The choices name buckets and keys, and put the sources of rules first: rebuilt only when
    // one of those changed (a design of thousands of buckets makes thousands of labels).
    std::vector<std::string> ruleSources;
    ruleSources.reserve(d.rules.size());
    for (const ReplicationRule &r : d.rules)
        ruleSources.push_back(r.source);
    if (ruleSources != m_ruleSources) {
        m_ruleSources = std::move(ruleSources);
        m_choicesDirty = true;
    }
    if (std::exchange(m_choicesDirty, false))
        refreshChoices();
    else
        relabelChoices();
    const int enc = m_encryption->currentData().toInt();
    m_kmsKey->setEnabled(enc == int(ObjectWrite::SseKms) || enc == int(ObjectWrite::DsseKms));
    m_run->setEnabled(m_bucket->count() > 0);
    if (!m_userEdited)
        proposeObject(nullptr);
    if (m_hasRun && isVisible())
        m_rerunTimer.start();
}

void SimulatorPanel::refreshChoices()
{
    const Design &d = m_doc.design();
    {
        // Buckets with outgoing rules first: those are the ones worth testing.
        std::unordered_set<std::string_view> sources;
        for (const ReplicationRule &r : d.rules)
            sources.insert(r.source);
        ComboItems withRules, without;
        m_choiceLabels.clear();
        m_relabelled.clear();
        for (const Bucket &b : d.buckets) {
            const QString id = qs(b.id), label = bucketChoice(b);
            m_choiceLabels.insert(id, label);
            (sources.count(b.id) ? withRules : without).emplace_back(label, id);
        }
        withRules.insert(withRules.end(), without.begin(), without.end());
        syncCombo(m_bucket, withRules);
    }
    ComboItems keys{{tr("The bucket's default key"), QString()}};
    for (const KmsKey &k : d.keys) {
        const QString id = qs(k.id), label = keyChoice(k);
        m_choiceLabels.insert(id, label);
        keys.emplace_back(label, id);
    }
    syncCombo(m_kmsKey, keys);
}

void SimulatorPanel::relabelChoices()
{
    const Design &d = m_doc.design();
    for (const QString &id : std::exchange(m_relabelled, {})) {
        QString label;
        QComboBox *box = m_bucket;
        if (const Bucket *b = document::findElement<Bucket>(d, id.toStdString())) {
            label = bucketChoice(*b);
        } else if (const KmsKey *k = document::findElement<KmsKey>(d, id.toStdString())) {
            label = keyChoice(*k);
            box = m_kmsKey;
        } else {
            continue; // removed since: the removal rebuilt the choices
        }
        m_choiceLabels.insert(id, label);
        const int at = box->findData(id);
        if (at >= 0)
            box->setItemText(at, label);
    }
}

const ReplicationRule *SimulatorPanel::ruleToTest() const
{
    const Design &d = m_doc.design();
    const std::string bucket = m_bucket->currentData().toString().toStdString();
    const ReplicationRule *first = nullptr;
    for (const ReplicationRule &r : d.rules) {
        if (r.source == bucket && r.enabled)
            return &r;
        if (!first || (!first->enabled && r.enabled))
            first = &r;
    }
    return first;
}

void SimulatorPanel::proposeObject(const ReplicationRule *rule)
{
    if (!rule)
        rule = ruleToTest();
    if (!rule)
        return;
    // An object the rule's filter selects: a key under its prefix, and its tags.
    const QString prefix = qs(rule->filterPrefix);
    const QString key = prefix.isEmpty() ? QStringLiteral("reports/2026/summary.csv")
                        : prefix.endsWith(u'/') ? prefix + QStringLiteral("summary.csv")
                                                : prefix + QStringLiteral("/summary.csv");
    QStringList tags;
    for (const Tag &t : rule->filterTags)
        tags << qs(t.key) + u'=' + qs(t.value);
    const int index = m_bucket->findData(qs(rule->source));
    if (index >= 0 && index != m_bucket->currentIndex())
        m_bucket->setCurrentIndex(index);
    if (m_key->text() != key)
        m_key->setText(key);
    if (m_tags->text() != tags.join(QStringLiteral(", ")))
        m_tags->setText(tags.join(QStringLiteral(", ")));
}

bool SimulatorPanel::setSourceBucket(const QString &bucketId)
{
    refresh();
    const int index = m_bucket->findData(bucketId);
    if (index < 0)
        return false;
    m_bucket->setCurrentIndex(index);
    return true;
}

void SimulatorPanel::inputChanged()
{
    const int enc = m_encryption->currentData().toInt();
    m_kmsKey->setEnabled(enc == int(ObjectWrite::SseKms) || enc == int(ObjectWrite::DsseKms));
    if (m_hasRun && isVisible())
        scheduleRefresh();
}

TestObject SimulatorPanel::testObject(QString *problem) const
{
    TestObject o;
    o.bucket = m_bucket->currentData().toString().toStdString();
    o.key = m_key->text().toStdString();
    QStringList bad;
    for (const QString &part : m_tags->text().split(u',', Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed();
        if (tag.isEmpty())
            continue;
        const qsizetype eq = tag.indexOf(u'=');
        if (eq <= 0) {
            bad << tag;
            continue;
        }
        o.tags.push_back({tag.left(eq).trimmed().toStdString(), tag.mid(eq + 1).trimmed().toStdString()});
    }
    if (problem)
        *problem = bad.isEmpty() ? QString()
                                 : tr("Tags are written key=value, separated by commas: %1")
                                       .arg(bad.join(QStringLiteral(", ")));
    const int enc = m_encryption->currentData().toInt();
    if (enc == kBucketDefault) {
        o.encryption = ObjectWrite::SseS3;
        for (const Bucket &b : m_doc.design().buckets) {
            if (b.id != o.bucket)
                continue;
            o.encryption = b.defaultEncryption == DefaultEncryption::SseKms    ? ObjectWrite::SseKms
                           : b.defaultEncryption == DefaultEncryption::DsseKms ? ObjectWrite::DsseKms
                                                                               : ObjectWrite::SseS3;
        }
    } else {
        o.encryption = ObjectWrite(enc);
        if (o.encryption == ObjectWrite::SseKms || o.encryption == ObjectWrite::DsseKms)
            o.kmsKey = m_kmsKey->currentData().toString().toStdString();
    }
    o.deleteMarker = m_operation->currentIndex() == 1;
    o.versionDelete = m_operation->currentIndex() == 2;
    o.isReplica = m_replica->isChecked();
    return o;
}

void SimulatorPanel::run()
{
    m_rerunTimer.stop();
    QString problem;
    const TestObject object = testObject(&problem);
    m_tagsError->setText(problem);
    m_tagsError->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_result = {};
        m_result.problems.push_back(problem.toStdString());
    } else {
        if (!m_policies)
            m_policies = std::make_unique<PolicySet>(m_doc.design(), m_doc.artifacts());
        m_result = simulate(*m_policies, object);
    }
    m_hasRun = true;
    showResult();
    updateHighlights();
}

void SimulatorPanel::showResult()
{
    const Design &d = m_doc.design();
    // Keep the reader on the same destination and step across re-runs.
    int keepDest = -1, keepStep = -1;
    if (const QTreeWidgetItem *item = m_results->currentItem()) {
        keepDest = item->data(0, DestRole).toInt();
        keepStep = item->data(0, StepRole).toInt();
    }
    const QSignalBlocker blocker(m_results);
    m_results->clear();

    if (!m_result.problems.empty()) {
        QStringList problems;
        for (const std::string &p : m_result.problems)
            problems << qs(p);
        m_summary->setText(tr("Cannot run: %1").arg(problems.join(QStringLiteral("; "))));
        showStepDetails();
        return;
    }
    int counts[3] = {};
    int matched = 0;
    QTreeWidgetItem *restore = nullptr;
    const QStyle *s = style();
    for (std::size_t di = 0; di < m_result.destinations.size(); ++di) {
        const DestinationResult &dest = m_result.destinations[di];
        if (dest.matched)
            ++matched;
        ++counts[int(dest.outcome)];
        QString text = QStringLiteral("%1 — %2").arg(bucketName(d, dest.destination),
                                                     qs(outcomeName(dest.outcome)));
        if (!dest.ruleId.empty())
            text += tr(" (rule %1)").arg(qs(dest.ruleId));
        if (!dest.reason.empty())
            text += QStringLiteral(": ") + qs(dest.reason);
        else if (dest.outcome == Outcome::Replicated && !dest.replicaSummary.empty())
            text += QStringLiteral(": ") + qs(dest.replicaSummary);
        auto *top = new QTreeWidgetItem(m_results, {text});
        top->setFirstColumnSpanned(true);
        top->setIcon(0, s->standardIcon(dest.outcome == Outcome::Replicated
                                            ? QStyle::SP_DialogApplyButton
                                        : dest.outcome == Outcome::Failed
                                            ? QStyle::SP_MessageBoxCritical
                                            : QStyle::SP_MessageBoxInformation));
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        top->setToolTip(0, text);
        top->setData(0, DestRole, int(di));
        top->setData(0, StepRole, -1);
        if (int(di) == keepDest && keepStep < 0)
            restore = top;
        for (std::size_t si = 0; si < dest.steps.size(); ++si) {
            const SimulationStep &step = dest.steps[si];
            QStringList matchedText;
            for (const MatchedStatement &m : step.matched)
                matchedText << QStringLiteral("%1 %2#%3")
                                   .arg(m.allow ? QStringLiteral("Allow") : QStringLiteral("Deny"),
                                        qs(m.policy), qs(m.sid));
            const bool request = !step.request.action.empty();
            const QString decision = request ? qs(decisionName(step.decision))
                                             : (step.passed ? tr("ok") : tr("failed"));
            auto *item = new QTreeWidgetItem(
                top, {qs(step.check), decision, qs(step.request.action), qs(step.request.principal),
                      qs(step.request.resource), matchedText.join(QStringLiteral("; "))});
            item->setIcon(0, s->standardIcon(step.passed ? QStyle::SP_DialogApplyButton
                                             : step.fatal ? QStyle::SP_MessageBoxCritical
                                                          : QStyle::SP_MessageBoxWarning));
            item->setToolTip(0, qs(step.detail));
            for (int c = 2; c < 6; ++c)
                item->setToolTip(c, item->text(c));
            item->setData(0, DestRole, int(di));
            item->setData(0, StepRole, int(si));
            if (int(di) == keepDest && int(si) == keepStep)
                restore = item;
        }
        top->setExpanded(true);
    }
    if (m_result.destinations.empty())
        m_summary->setText(tr("No replication rule has this bucket as its source."));
    else
        m_summary->setText(tr("%1 replicated, %2 not replicated, %3 failed")
                               .arg(counts[int(Outcome::Replicated)])
                               .arg(counts[int(Outcome::NotReplicated)])
                               .arg(counts[int(Outcome::Failed)]));
    if (restore)
        m_results->setCurrentItem(restore);
    m_results->resizeColumnToContents(0);
    m_results->resizeColumnToContents(1);
    showStepDetails();
}

void SimulatorPanel::updateHighlights()
{
    if (!m_hasRun || !m_result.problems.empty()) {
        setOwnHighlights({});
        return;
    }
    // A picked destination (or one of its steps) narrows the lit path to that destination.
    int only = -1;
    if (const QTreeWidgetItem *item = m_results->currentItem())
        only = item->data(0, DestRole).toInt();
    QHash<QString, Highlight> highlights;
    auto rank = [](Highlight h) { return h == Highlight::Fail ? 2 : h == Highlight::Emphasis ? 1 : 0; };
    auto mark = [&](const std::string &id, Highlight h) {
        if (id.empty())
            return;
        const QString key = qs(id);
        const auto it = highlights.constFind(key);
        if (it == highlights.constEnd() || rank(*it) < rank(h))
            highlights.insert(key, h);
    };
    for (std::size_t di = 0; di < m_result.destinations.size(); ++di) {
        if (only >= 0 && int(di) != only)
            continue;
        const DestinationResult &dest = m_result.destinations[di];
        if (!dest.matched)
            continue;
        bool failingStep = false;
        for (const SimulationStep &step : dest.steps) {
            // A denial that only drops the tags is shown as emphasis, not as the failure.
            const Highlight h = step.passed ? Highlight::Pass
                                : step.fatal ? Highlight::Fail
                                             : Highlight::Emphasis;
            failingStep = failingStep || (!step.passed && step.fatal);
            for (const std::string &e : step.elements)
                mark(e, h);
        }
        if (dest.outcome == Outcome::Failed && !failingStep) {
            mark(dest.destination, Highlight::Fail);
            mark(dest.rule, Highlight::Fail);
        } else if (dest.outcome == Outcome::Replicated) {
            mark(dest.rule, Highlight::Pass);
            mark(dest.destination, Highlight::Pass);
        }
    }
    setOwnHighlights(highlights);
}

void SimulatorPanel::showStepDetails()
{
    const QTreeWidgetItem *item = m_results->currentItem();
    if (!item) {
        m_details->setText(m_result.destinations.empty()
                               ? QString()
                               : tr("Select a check to see its request, context keys and the "
                                    "policies that decided it."));
        return;
    }
    const int di = item->data(0, DestRole).toInt();
    const int si = item->data(0, StepRole).toInt();
    if (di < 0 || std::size_t(di) >= m_result.destinations.size())
        return;
    const DestinationResult &dest = m_result.destinations[std::size_t(di)];
    QStringList lines;
    if (si < 0 || std::size_t(si) >= dest.steps.size()) {
        lines << tr("Destination: %1").arg(qs(dest.bucketArn));
        lines << tr("Outcome: %1").arg(qs(outcomeName(dest.outcome)));
        if (!dest.reason.empty())
            lines << tr("Reason: %1").arg(qs(dest.reason));
        if (dest.outcome == Outcome::Replicated) {
            lines << tr("Replica: %1").arg(qs(dest.replicaSummary));
            if (!dest.replicaTags)
                lines << tr("The replica is written without its tags.");
        }
        m_details->setText(lines.join(u'\n'));
        return;
    }
    const SimulationStep &step = dest.steps[std::size_t(si)];
    lines << tr("Check: %1 — %2").arg(qs(step.check),
                                      step.passed ? tr("passed") : tr("failed"));
    if (!step.detail.empty())
        lines << qs(step.detail);
    if (!step.request.action.empty()) {
        lines << tr("Principal: %1").arg(qs(step.request.principal));
        lines << tr("Action: %1").arg(qs(step.request.action));
        lines << tr("Resource: %1").arg(qs(step.request.resource));
        for (const auto &[key, values] : step.request.context) {
            QStringList v;
            for (const std::string &value : values)
                v << qs(value);
            lines << QStringLiteral("    %1 = %2").arg(qs(key), v.join(QStringLiteral(", ")));
        }
        lines << tr("Decision: %1").arg(qs(decisionName(step.decision)));
    }
    if (!step.policies.empty()) {
        QStringList p;
        for (const std::string &policy : step.policies)
            p << qs(policy);
        lines << tr("Policies in effect: %1").arg(p.join(QStringLiteral(", ")));
    }
    for (const MatchedStatement &m : step.matched)
        lines << tr("Matched: %1 %2 in %3").arg(m.allow ? QStringLiteral("Allow") : QStringLiteral("Deny"),
                                                 qs(m.sid), qs(m.policy));
    for (const std::string &p : step.problems)
        lines << tr("Policy problem: %1").arg(qs(p));
    m_details->setText(lines.join(u'\n'));
}

void SimulatorPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_hasRun)
        scheduleRefresh();
}

void SimulatorPanel::hideEvent(QHideEvent *event)
{
    setOwnHighlights({});
    QWidget::hideEvent(event);
}

} // namespace s3rd::views
