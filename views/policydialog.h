#pragma once

// The modal editor of one custom policy or guardrail document: a name and the JSON text,
// checked before it is accepted (the error names the line and column, and the cursor jumps
// there). And what it opens with when there is no document yet.

#include "core/design.h"

#include <QDialog>
#include <QString>

#include <string>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace s3rd::views {

class PolicyDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyDialog)

public:
    PolicyDialog(const QString &title, const QString &name, const QString &text, QWidget *parent);

    QString name() const;
    QString text() const;

    void accept() override;

private:
    QLineEdit *m_name;
    QPlainTextEdit *m_text;
    QLabel *m_error;
};

// A policy document with no statements, to start a custom policy from when none is generated.
QString emptyPolicyDocument();

// "Service control policy", "Resource control policy", "Permissions boundary".
QString guardrailTitle(model::GuardrailKind kind);
// "SCP", "RCP", "boundary": in lists and as a new guardrail's name.
QString guardrailShort(model::GuardrailKind kind);
// A starting document that changes nothing: a guardrail that allows everything the replication
// needs. RCPs need a Principal, like resource policies.
std::string guardrailTemplate(model::GuardrailKind kind);

} // namespace s3rd::views
