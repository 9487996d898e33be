#pragma once

// The OK / Cancel row of the designer's dialogs, wired to accept() and reject() (which the
// dialogs override to check their input first).

#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>

namespace s3rd::views {

// okText: what the OK button says ("Export"); empty for the platform's "OK".
inline QDialogButtonBox *newOkCancelButtons(QDialog *dialog, const QString &okText = {})
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    if (!okText.isEmpty())
        buttons->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

} // namespace s3rd::views
