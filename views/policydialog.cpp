#include "policydialog.h"

#include "dialogbuttons.h"
#include "jsonhighlighter.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace s3rd::views {

using model::GuardrailKind;

PolicyDialog::PolicyDialog(const QString &title, const QString &name, const QString &text,
                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(name);
    m_name->setObjectName(QStringLiteral("policyName"));
    form->addRow(tr("Name:"), m_name);
    layout->addLayout(form);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("policyText"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setPlainText(text);
    new JsonHighlighter(m_text->document(), m_text->palette());
    layout->addWidget(m_text, 1);
    m_error = newErrorLabel();
    layout->addWidget(m_error);
    layout->addWidget(newOkCancelButtons(this));
    connect(m_text, &QPlainTextEdit::textChanged, m_error, &QLabel::hide);
    resize(640, 520);
}

QString PolicyDialog::name() const
{
    return m_name->text().trimmed();
}

QString PolicyDialog::text() const
{
    return m_text->toPlainText();
}

void PolicyDialog::accept()
{
    if (const auto problem = checkJsonObject(text())) {
        m_error->setText(tr("Not valid JSON — %1").arg(problem->toString()));
        m_error->show();
        QTextCursor cursor = m_text->textCursor();
        cursor.setPosition(std::min(problem->position, int(text().size())));
        m_text->setTextCursor(cursor);
        m_text->setFocus();
        return;
    }
    if (name().isEmpty()) {
        m_error->setText(tr("Give the policy a name."));
        m_error->show();
        m_name->setFocus();
        return;
    }
    QDialog::accept();
}

QString emptyPolicyDocument()
{
    return QStringLiteral("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": []\n}\n");
}

QString guardrailTitle(GuardrailKind kind)
{
    switch (kind) {
    case GuardrailKind::ServiceControlPolicy: return PolicyDialog::tr("Service control policy");
    case GuardrailKind::ResourceControlPolicy: return PolicyDialog::tr("Resource control policy");
    case GuardrailKind::PermissionsBoundary: return PolicyDialog::tr("Permissions boundary");
    }
    return {};
}

QString guardrailShort(GuardrailKind kind)
{
    switch (kind) {
    case GuardrailKind::ServiceControlPolicy: return QStringLiteral("SCP");
    case GuardrailKind::ResourceControlPolicy: return QStringLiteral("RCP");
    case GuardrailKind::PermissionsBoundary: return QStringLiteral("boundary");
    }
    return {};
}

std::string guardrailTemplate(GuardrailKind kind)
{
    switch (kind) {
    case GuardrailKind::ServiceControlPolicy:
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
               "      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n"
               "      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    case GuardrailKind::ResourceControlPolicy:
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
               "      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n"
               "      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    case GuardrailKind::PermissionsBoundary:
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
               "      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:*\", "
               "\"kms:*\"],\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    }
    return {};
}

} // namespace s3rd::views
