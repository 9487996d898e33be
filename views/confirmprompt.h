#pragma once

// How the designer asks a yes/no question before it does what cannot simply be undone
// (overwriting a file, recovering an autosave, showing a lab's solution). Windows hold one so
// that tests can answer in place of the user.

#include <QMessageBox>
#include <QString>

#include <functional>

namespace s3rd::views {

// True when the user agrees.
using ConfirmPrompt = std::function<bool(const QString &title, const QString &question)>;

// The prompt windows use unless told otherwise: a question dialog over `parent`, No by default.
inline ConfirmPrompt questionDialogPrompt(QWidget *parent)
{
    return [parent](const QString &title, const QString &question) {
        return QMessageBox::question(parent, title, question, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No)
               == QMessageBox::Yes;
    };
}

} // namespace s3rd::views
