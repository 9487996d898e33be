#pragma once

// File › Export: the policy bundle (optionally zipped), CloudFormation, Terraform, or the
// diagram as PNG or SVG. The dialog runs the export itself on accept and stays open with the
// error when it fails; a design whose names cannot be exported safely is refused up front.

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace s3rd::document {
class Document;
}

namespace s3rd::views {

class ExportDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    // suggestedName: the design file's path without ".s3rd.json"; outputs default to its
    // folder and base name.
    ExportDialog(const document::Document &doc, const QString &suggestedName,
                 QWidget *parent = nullptr);

    QString writtenPath() const { return m_written; } // after accept

    void accept() override;

private:
    void updateForFormat();
    void browse();
    bool drawn() const; // one file drawn with Qt: the diagram (PNG, SVG) or the handout (PDF)

    const document::Document &m_doc;
    QString m_baseName;
    QComboBox *m_format = nullptr;
    QLineEdit *m_path = nullptr;
    QCheckBox *m_zip = nullptr;
    QCheckBox *m_withSolution = nullptr; // the handout of a lab's design: a trainer's copy
    QLabel *m_problems = nullptr;
    QString m_written;
};

} // namespace s3rd::views
