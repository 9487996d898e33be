#pragma once

// Exports of a design for the people who apply it: the policy bundle (per account: the JSON
// documents, a README runbook and deploy.sh), CloudFormation templates and Terraform
// configurations. Diagrams (PNG, SVG) need the canvas and live in views/diagramexport.h.
//
// Contract:
// - Every export is computed in memory first (a list of files with relative paths) by a pure
//   function of the design, then written in one go; nothing is written when the design cannot
//   be exported safely.
// - Nothing generated can inject: exportProblems() must be empty before anything is rendered
//   (names are validated against AWS's rules, which admit no shell, HCL or path metacharacters);
//   shell values are single-quoted anyway; file names come from validated names only and every
//   written path is checked to stay inside the output folder.

#include "core/design.h"

#include <string>
#include <vector>

namespace s3rd::model {
struct CheckReport;
}

namespace s3rd::model::exchange {

enum class ExportFormat { Bundle, CloudFormation, Terraform };

// "bundle", "cloudformation", "terraform"; parseExportFormat() returns false on anything else.
const char *exportFormatName(ExportFormat format);
bool parseExportFormat(const std::string &text, ExportFormat &out);

struct ExportFile
{
    std::string path; // relative, '/'-separated, e.g. "111122223333/deploy.sh"
    std::string content;
    bool executable = false;
};

// One problem that blocks the export: the element (its id and display name) and what is wrong.
struct ExportProblem
{
    std::string element; // element id
    std::string what;    // "bucket 'a$(b)': bucket names may contain only …"
};

// Every name, id and reference that goes into a file name, a shell command, a template or a
// configuration is valid: bucket names, account ids, regions, role names and paths, key ids and
// aliases, rule ids, prefixes, tags and storage classes, and every reference resolves.
std::vector<ExportProblem> exportProblems(const Design &design);

// The files of an export, in a deterministic order. Precondition: exportProblems() is empty.
// When `checklist` is given it receives the checklist the export was made with (runChecks() of
// the design and its generated artifacts), so a caller that reports it checks nothing twice.
std::vector<ExportFile> exportFiles(const Design &design, ExportFormat format,
                                    CheckReport *checklist = nullptr);

// Writes the files under outDir (created when missing). The folder is replaced as a whole
// (core/atomicfile.h): a crash leaves the previous export or the complete new one, never a mix;
// files of the old folder that the export does not write are kept. A path that would leave
// outDir (after resolving "..", symlinks) is refused before anything is written. Returns an
// empty string or an error message.
std::string writeExportFolder(const std::vector<ExportFile> &files, const std::string &outDir);

// Writes the files into one zip archive with libzip, atomically: built in memory, then written
// to a temporary file in the target directory renamed over zipPath once complete. Entries keep their relative paths, and
// executable files keep their mode. Returns an empty string or an error message.
std::string writeExportZip(const std::vector<ExportFile> &files, const std::string &zipPath);

// Shell single-quoting: the value between single quotes, every ' written as '\''.
std::string shellQuote(const std::string &value);

} // namespace s3rd::model::exchange
