#pragma once

// File › Import: AWS CLI outputs (or the bare documents in them) become a new design. Each file
// gets the subject its content does not name (bucket for get-bucket-* outputs, key for key
// policies, role for bare role policies) and the account and Region it was taken in. On accept
// the import runs; problems are listed (file and JSON location) and the dialog stays open, so
// nothing is half-imported.

#include "exchange/importer.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace s3rd::views {

class ImportDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    explicit ImportDialog(QWidget *parent = nullptr);

    // Files to start with (e.g. dropped on the window).
    void addFiles(const QStringList &files);

    // After accept: the imported, auto-arranged design and the report of what was inferred.
    const model::exchange::ImportResult &result() const { return m_result; }

    void accept() override;

private:
    void chooseFiles();
    void removeSelected();

    QTableWidget *m_table = nullptr;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_messages = nullptr;
    model::exchange::ImportResult m_result;
};

} // namespace s3rd::views
