#include "handout.h"

#include "checks/findings.h"
#include "core/atomicfile.h"
#include "diagramexport.h"
#include "policies/artifacts.h"
#include "review/designdiff.h"
#include "style.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFontInfo>
#include <QGuiApplication>
#include <QObject>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <algorithm>
#include <map>

namespace s3rd::handout {

namespace {

using namespace s3rd::model;

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString esc(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

// Paragraphs of plain text (blank-line separated) as HTML paragraphs.
QString paragraphs(const std::string &text)
{
    QString html;
    for (const QString &p : QString::fromStdString(text).split(QStringLiteral("\n\n"),
                                                               Qt::SkipEmptyParts))
        html += QStringLiteral("<p>") + p.trimmed().toHtmlEscaped() + QStringLiteral("</p>");
    return html;
}

QString title(const Design &design)
{
    return design.name.empty() ? QObject::tr("Replication design")
                               : QString::fromStdString(design.name);
}

QString labSection(const LabSheet &lab)
{
    QString html = QStringLiteral("<h1>") + QObject::tr("Lab: %1").arg(esc(lab.title))
                   + QStringLiteral("</h1><h2>") + QObject::tr("Briefing")
                   + QStringLiteral("</h2>") + paragraphs(lab.briefing);
    html += QStringLiteral("<h2>") + QObject::tr("Goals") + QStringLiteral("</h2><ol>");
    for (const std::string &goal : lab.goals)
        html += QStringLiteral("<li>") + esc(goal) + QStringLiteral("</li>");
    html += QStringLiteral("</ol>");
    if (lab.hints.empty() && lab.solution.empty())
        return html;
    html += QStringLiteral("<div style=\"page-break-before: always\"></div><h1>")
            + QObject::tr("For the trainer: hints and solution") + QStringLiteral("</h1>");
    if (!lab.hints.empty()) {
        html += QStringLiteral("<h2>") + QObject::tr("Hints") + QStringLiteral("</h2><ol>");
        for (const std::string &hint : lab.hints)
            html += QStringLiteral("<li>") + esc(hint) + QStringLiteral("</li>");
        html += QStringLiteral("</ol>");
    }
    html += QStringLiteral("<h2>") + QObject::tr("Solution: what changes in the start design")
            + QStringLiteral("</h2><ul>");
    for (const std::string &line : lab.solution)
        html += QStringLiteral("<li><pre>") + esc(line) + QStringLiteral("</pre></li>");
    return html + QStringLiteral("</ul>");
}

// A field's value as the solution shows it: a custom policy by its document's text.
std::string valueText(const nlohmann::ordered_json &v)
{
    if (v.is_null())
        return "(none)";
    if (v.is_object() && v.contains("document") && v["document"].is_string())
        return "\n" + v["document"].get<std::string>();
    return v.dump();
}

QString documentSection(const Artifact &a)
{
    QString html = QStringLiteral("<h3>") + esc(a.path) + QStringLiteral("</h3><p>")
                   + fromView(artifactPurpose(a.kind))
                   + QStringLiteral("<br/>") + QObject::tr("Applies to: %1").arg(esc(a.target))
                   + QStringLiteral("</p>");
    if (a.custom)
        html += QStringLiteral("<p><i>")
                + QObject::tr("The design's own custom policy, passed through as written.")
                + QStringLiteral("</i></p>");
    if (a.overLimit)
        html += QStringLiteral("<p><b>")
                + QObject::tr("Larger than AWS accepts: AWS refuses it as it is.")
                + QStringLiteral("</b></p>");
    html += QStringLiteral("<pre>") + esc(a.text) + QStringLiteral("</pre>");
    if (a.notes.empty())
        return html;
    // Paragraphs, not a table: Qt's page layout moves a paragraph's line that would cross the
    // page's end to the next page, where a table cell's line would be cut in two.
    html += QStringLiteral("<p><b>") + QObject::tr("Why each statement is there")
            + QStringLiteral("</b></p>");
    for (const StatementNote &n : a.notes) {
        html += QStringLiteral("<p class=\"why\"><span class=\"sid\">") + esc(n.sid)
                + QStringLiteral("</span><br/>") + esc(n.why);
        if (!n.docUrl.empty())
            html += QStringLiteral("<br/><span class=\"url\">") + esc(std::string(n.docUrl))
                    + QStringLiteral("</span>");
        html += QStringLiteral("</p>");
    }
    return html;
}

QString documentsSection(const Design &design, const std::vector<Artifact> &artifacts)
{
    QString html = QStringLiteral("<h1>") + QObject::tr("Documents to apply")
                   + QStringLiteral("</h1>");
    if (artifacts.empty())
        return html + QStringLiteral("<p>")
               + QObject::tr("The design needs no document: it has no replication rule.")
               + QStringLiteral("</p>");
    // Per account, in the design's order of accounts; documents in generation order.
    std::map<std::string, std::vector<const Artifact *>> byAccount;
    for (const Artifact &a : artifacts)
        byAccount[a.account].push_back(&a);
    for (const Account &acct : design.accounts) {
        const auto it = byAccount.find(acct.id);
        if (it == byAccount.end())
            continue;
        html += QStringLiteral("<h2>")
                + QObject::tr("Account %1 (%2)").arg(esc(acct.name), esc(acct.accountId))
                + QStringLiteral("</h2>");
        for (const Artifact *a : it->second)
            html += documentSection(*a);
        byAccount.erase(it);
    }
    for (const auto &[account, list] : byAccount) {
        html += QStringLiteral("<h2>") + QObject::tr("Account %1").arg(esc(account))
                + QStringLiteral("</h2>");
        for (const Artifact *a : list)
            html += documentSection(*a);
    }
    return html;
}

QString checklistSection(const CheckReport &report)
{
    QString html = QStringLiteral("<h1>") + QObject::tr("Checklist") + QStringLiteral("</h1>");
    if (report.findings.empty())
        return html + QStringLiteral("<p>")
               + QObject::tr("No findings: nothing in the design is known to break replication.")
               + QStringLiteral("</p>");
    html += QStringLiteral("<p>")
            + QObject::tr("%1 errors, %2 warnings, %3 notes.")
                  .arg(report.count(Severity::Error))
                  .arg(report.count(Severity::Warning))
                  .arg(report.count(Severity::Info))
            + QStringLiteral("</p>");
    for (const Finding &f : report.findings) {
        html += QStringLiteral("<p class=\"finding\"><b>")
                + fromView(severityName(f.severity)).toUpper()
                + QStringLiteral("</b> ") + esc(f.message) + QStringLiteral(" <span class=\"url\">[")
                + esc(f.rule) + QStringLiteral("]</span><br/>") + esc(f.explanation);
        if (f.fix)
            html += QStringLiteral("<br/><i>") + QObject::tr("Fix: %1").arg(esc(f.fix->label))
                    + QStringLiteral("</i>");
        if (!f.docUrl.empty())
            html += QStringLiteral("<br/><span class=\"url\">") + esc(f.docUrl)
                    + QStringLiteral("</span>");
        html += QStringLiteral("</p>");
    }
    return html;
}

QString preflightSection(const CheckReport &report)
{
    QString html = QStringLiteral("<h1>") + QObject::tr("Pre-flight checklist")
                   + QStringLiteral("</h1><p>")
                   + QObject::tr("Before enabling replication, every item should be ticked.")
                   + QStringLiteral("</p>");
    for (const PreflightItem &item : report.preflight) {
        QString rules;
        for (const std::string &r : item.rules)
            rules += (rules.isEmpty() ? QString() : QStringLiteral(", ")) + esc(r);
        html += QStringLiteral("<p class=\"item\">")
                + (item.ok ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + esc(item.item)
                + (rules.isEmpty() ? QString()
                                   : QStringLiteral(" <span class=\"url\">(") + rules
                                         + QStringLiteral(")</span>"))
                + QStringLiteral("</p>");
    }
    return html;
}

// The handout's fonts: the application's family without ligatures, so that text copied or
// searched in the PDF reads "fi", not "ﬁ". Qt shapes no ligatures when letter spacing is set;
// this much (in device pixels at 300 dpi) is the least Qt's 26.6 fixed point does not round
// to zero, and invisible.
constexpr qreal kNoLigatures = 0.05;

QFont paperFont(qreal pointSize)
{
    QFont font = diagram::Style::fromApplication().font;
    font.setPointSizeF(pointSize);
    font.setLetterSpacing(QFont::AbsoluteSpacing, kNoLigatures);
    return font;
}

const char *const kStyleSheet = "h1 { font-size: 16pt; margin-top: 0; }"
                                "h2 { font-size: 13pt; margin-top: 14pt; }"
                                "h3 { font-size: 10.5pt; margin-top: 12pt; }"
                                "pre { font-size: 7.5pt; }"
                                ".sid { font-weight: bold; }"
                                "p.why { margin-left: 8pt; margin-top: 4pt; }"
                                "p.item { margin-top: 3pt; }"
                                ".url { color: #555555; font-size: 7.5pt; }"
                                "p.finding { margin-top: 6pt; }";

// The diagram page: the title, a one-line summary, the diagram filling the rest.
void drawDiagramPage(QPainter &painter, const Design &design, const QRectF &page)
{
    diagram::Style style = diagram::Style::fromApplication();
    // The diagram is laid out in screen units and scaled onto the page: its fonts in pixels of
    // those units, not in points, which the PDF would turn into its own 300 dpi pixels.
    style.font.setPixelSize(QFontInfo(style.font).pixelSize());
    style.font.setLetterSpacing(QFont::AbsoluteSpacing, kNoLigatures);
    if (style.dark()) { // paper is white, whatever the desktop's theme
        style.palette.setColor(QPalette::Window, Qt::white);
        style.palette.setColor(QPalette::Base, Qt::white);
        style.palette.setColor(QPalette::Text, Qt::black);
        style.palette.setColor(QPalette::WindowText, Qt::black);
    }
    QFont titleFont = paperFont(18);
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(Qt::black);
    // A long name wraps rather than running off the page.
    const QRectF titleRect = QFontMetricsF(titleFont, painter.device())
                                 .boundingRect(QRectF(page.left(), page.top(), page.width(), 0),
                                               Qt::AlignLeft | Qt::TextWordWrap, title(design));
    const qreal titleHeight = titleRect.height();
    painter.drawText(titleRect, Qt::AlignLeft | Qt::TextWordWrap, title(design));
    const QFont summaryFont = paperFont(9);
    painter.setFont(summaryFont);
    const qreal summaryHeight = QFontMetricsF(summaryFont, painter.device()).height() * 1.5;
    const QString summary = QObject::tr("%1 accounts, %2 buckets, %3 KMS keys, %4 roles, "
                                        "%5 replication rules")
                                .arg(design.accounts.size())
                                .arg(design.buckets.size())
                                .arg(design.keys.size())
                                .arg(design.roles.size())
                                .arg(design.rules.size());
    painter.drawText(QRectF(page.left(), page.top() + titleHeight, page.width(), summaryHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, summary);
    // Under the title at the page's width, as tall as its shape needs (at most the rest of
    // the page), rather than centred in the middle of the page.
    const qreal top = page.top() + titleHeight + summaryHeight;
    const QRectF shape = diagram::diagramRect(design, style);
    const qreal height = shape.width() > 0
                             ? std::min(page.bottom() - top,
                                        page.width() * shape.height() / shape.width())
                             : page.bottom() - top;
    drawDiagram(painter, design, QRectF(page.left(), top, page.width(), height), style);
}

} // namespace

LabSheet labSheet(const labs::Lab &lab, bool withSolution)
{
    LabSheet sheet{lab.title, lab.briefing, {}, {}, {}};
    for (const labs::Goal &g : lab.goals)
        sheet.goals.push_back(g.description);
    if (!withSolution)
        return sheet;
    sheet.hints = lab.hints;
    for (const review::ElementChange &c : review::elementChanges(lab.start, lab.solution)) {
        const std::string what = std::string(review::elementKindName(c.kind)) + " " + c.id;
        if (c.change != review::Change::Changed) {
            sheet.solution.push_back(std::string(review::changeName(c.change)) + " " + what);
            continue;
        }
        for (const review::FieldChange &f : c.fields) {
            if (f.field != "geometry")
                sheet.solution.push_back(what + ": " + f.field + ": " + valueText(f.before)
                                         + " -> " + valueText(f.after));
        }
    }
    if (sheet.solution.empty())
        sheet.solution.push_back("the solution is the start design");
    return sheet;
}

QString handoutHtml(const Design &design, const HandoutOptions &options)
{
    const std::vector<Artifact> artifacts = generateArtifacts(design);
    const CheckReport report = runChecks(design, artifacts);
    const QString pageBreak = QStringLiteral("<div style=\"page-break-before: always\"></div>");
    QString html;
    if (options.lab)
        html += labSection(*options.lab) + pageBreak;
    html += documentsSection(design, artifacts) + pageBreak + checklistSection(report) + pageBreak
            + preflightSection(report);
    return html;
}

QString exportHandout(const Design &design, const QString &path, const HandoutOptions &options)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return QObject::tr("The handout export needs a QGuiApplication.");
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        writer.setResolution(300);
        writer.setTitle(title(design));
        writer.setCreator(QStringLiteral("S3 Replication Designer"));
        QPainter painter(&writer);
        const QRectF page(0, 0, writer.width(), writer.height());

        const QFont footerFont = paperFont(7.5);
        const qreal footerHeight = QFontMetricsF(footerFont, &writer).height() * 2;
        const QRectF body(page.left(), page.top(), page.width(), page.height() - footerHeight);

        QTextDocument text;
        text.documentLayout()->setPaintDevice(&writer);
        text.setDefaultFont(paperFont(9));
        text.setDefaultStyleSheet(QString::fromLatin1(kStyleSheet));
        QTextOption wrap = text.defaultTextOption();
        wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        text.setDefaultTextOption(wrap);
        text.setDocumentMargin(0);
        text.setPageSize(body.size());
        text.setHtml(handoutHtml(design, options));
        const int textPages = text.pageCount();
        const int pages = 1 + textPages;

        auto footer = [&](int number) {
            painter.setFont(footerFont);
            painter.setPen(QColor(0x55, 0x55, 0x55));
            painter.drawText(QRectF(page.left(), body.bottom(), page.width(), footerHeight),
                             Qt::AlignRight | Qt::AlignBottom,
                             QObject::tr("%1 · page %2 of %3").arg(title(design)).arg(number)
                                 .arg(pages));
        };
        drawDiagramPage(painter, design, body);
        footer(1);
        for (int i = 0; i < textPages; ++i) {
            writer.newPage();
            painter.save();
            painter.translate(body.topLeft() - QPointF(0, i * body.height()));
            text.drawContents(&painter, QRectF(0, i * body.height(), body.width(), body.height()));
            painter.restore();
            footer(2 + i);
        }
        if (!painter.end())
            return QObject::tr("Cannot write %1: the PDF could not be drawn.").arg(path);
    }
    const std::string error = model::files::writeFileAtomically(
        path.toStdString(), std::string_view(buffer.data().constData(),
                                             std::size_t(buffer.data().size())));
    if (!error.empty())
        return QObject::tr("Cannot write %1: %2").arg(path, QString::fromStdString(error));
    return {};
}

} // namespace s3rd::handout
