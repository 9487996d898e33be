#pragma once

// The labs the designer offers: the shipped ones, compiled into the program's resources
// (":/labs/<folder>/lab.json", registered by views::initResources()), then those of a folder the
// user chose in the lab chooser, remembered in QSettings.
//
// Contract: never throws; a lab that does not load is left out and reported in the catalogue's
// problems (its file and location), the other labs still load.

#include "labs/catalogue.h"

#include <QString>

namespace s3rd::document {

inline constexpr char kShippedLabsRoot[] = ":/labs";

// The shipped labs and those of `userFolder` (none when empty), easy to hard. A user's lab with
// the id of a shipped one is reported as a duplicate and left out.
model::labs::Catalogue loadDesignerLabs(const QString &userFolder);

// The folder of the user's own labs ("Open lab folder…"); empty when none was chosen.
QString labFolder();
void setLabFolder(const QString &folder);

} // namespace s3rd::document
