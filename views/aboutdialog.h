#pragma once

// The About dialog: the version (with the git commit when built from a checkout), the license
// (Apache-2.0, full text) and the notices of the third-party software the programs use.
//
// Contract: the license text and the notices are compiled in as Qt resources from the project's
// LICENSE and packaging/third-party-notices.txt, so the dialog shows them without any installed
// file. The static accessors are what "--version" and the tests read.

#include <QDialog>

namespace s3rd::views {

class AboutDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // "0.1.0" or "0.1.0 (commit 1234abcd5678)".
    static QString versionText();
    // The full text of the program's license (the LICENSE file).
    static QString licenseText();
    // The notices and license texts of Qt, nlohmann/json and libzip.
    static QString thirdPartyNotices();
};

} // namespace s3rd::views
