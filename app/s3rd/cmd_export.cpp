// s3rd export: the policy bundle, CloudFormation, Terraform, or the diagram.

#include "commands.h"
#include "labsdir.h"

#include "checks/findings.h"
#include "core/designfile.h"
#include "exchange/exporter.h"
#include "labs/catalogue.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>

namespace s3rd::cli {

namespace {

namespace fs = std::filesystem;
using namespace s3rd::model;

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size()
           && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The diagram exactly as the designer draws it, by the same painter, or the handout around it:
// drawn by s3rd-draw, which links Qt Gui, so that s3rd loads no Qt library and every command
// that draws nothing starts fast. s3rd-draw sits next to s3rd in the build tree and under
// libexec when installed. A handout of a lab's design gets the lab from `labsFolder` (with its
// solution when asked). It prints its own errors; returns its exit status, or kBadInput.
int drawToFile(const std::string &designPath, const std::string &target,
               const std::string &format, const std::string &labsFolder, bool withSolution, Io io)
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    std::string helper;
    if (!ec) {
        for (const fs::path &candidate :
             {exe.parent_path() / "s3rd-draw",
              exe.parent_path().parent_path() / S3RD_INSTALLED_HELPER_DIR / "s3rd-draw"}) {
            if (::access(candidate.c_str(), X_OK) == 0) {
                helper = candidate.string();
                break;
            }
        }
    }
    if (helper.empty()) {
        io.err << "s3rd export: cannot find s3rd-draw, which draws the " << format
               << " format (next to s3rd, or in " << S3RD_INSTALLED_HELPER_DIR << ")\n";
        return kBadInput;
    }
    io.out.flush();
    io.err.flush();
    std::vector<std::string> args = {helper, format, designPath, target};
    if (format == "handout") {
        args.insert(args.end(), {"--labs-dir", labsFolder});
        if (withSolution)
            args.push_back("--with-solution");
    }
    std::vector<char *> argv;
    for (std::string &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (const int e = ::posix_spawn(&pid, helper.c_str(), nullptr, nullptr, argv.data(), environ);
        e != 0) {
        io.err << "s3rd export: cannot run " << helper << ": " << std::strerror(e) << "\n";
        return kBadInput;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return kBadInput;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status) == 0 ? kOk : kBadInput;
    io.err << "s3rd export: s3rd-draw stopped by signal " << WTERMSIG(status) << "\n";
    return kBadInput;
}

} // namespace

int runExport(const std::vector<std::string> &argv, Io io)
{
    Args args(argv);
    const std::optional<std::string> out = args.value("out");
    const std::optional<std::string> formatText = args.value("format");
    const bool zip = args.flag("zip");
    const bool withSolution = args.flag("with-solution");
    const std::optional<std::string> labsDirOption = args.value("labs-dir");
    const bool labsDirGiven = labsDirOption.has_value();
    const std::string labsFolder = labsDir(labsDirOption);
    const std::vector<std::string> files = args.positional();
    if (!args.error().empty())
        return usageError(io, "export", args.error());
    if (files.size() != 1)
        return usageError(io, "export", "give exactly one design file");
    if (!out || out->empty())
        return usageError(io, "export", "give the output with --out DIR");
    const std::string format = formatText.value_or("bundle");
    exchange::ExportFormat exportFormat = exchange::ExportFormat::Bundle;
    // The diagram and the handout are one file each, drawn with Qt.
    const bool drawn = format == "png" || format == "svg" || format == "handout";
    if (!drawn && !exchange::parseExportFormat(format, exportFormat))
        return usageError(io, "export",
                          "unknown format '" + format
                              + "' (bundle, cloudformation, terraform, png, svg or handout)");
    if (drawn && zip)
        return usageError(io, "export", "--zip applies to bundle, cloudformation and terraform");
    if ((withSolution || labsDirGiven) && format != "handout")
        return usageError(io, "export", "--with-solution and --labs-dir apply to the handout");

    const std::string &path = files.front();
    const std::optional<Design> loaded = loadDesignReporting(io, path);
    if (!loaded)
        return kBadInput;
    const Design &design = *loaded;
    const std::vector<exchange::ExportProblem> problems = exchange::exportProblems(design);
    if (!problems.empty()) {
        io.err << "s3rd export: " << path << " cannot be exported safely; nothing was written:\n";
        for (const exchange::ExportProblem &p : problems)
            io.err << "  " << p.what << " [" << p.element << "]\n";
        return kBadInput;
    }

    // The handout of a lab's design opens with the lab's briefing and goals (s3rd-draw reads
    // them from the same folder): a lab that is not there is bad input, found here.
    if (format == "handout" && !design.lab.empty()) {
        if (!labs::loadCatalogue(labsFolder).find(design.lab)) {
            io.err << "s3rd export: " << path << " was started from the lab '" << design.lab
                   << "', which is not in " << labsFolder
                   << " (--labs-dir DIR or S3RD_LABS_DIR names another folder)\n";
            return kBadInput;
        }
    } else if (withSolution) {
        return usageError(io, "export",
                          "--with-solution needs a design started from a lab (its \"lab\" field)");
    }

    if (drawn) {
        const std::string extension = format == "handout" ? "pdf" : format;
        std::string target = *out;
        if (!endsWith(target, "." + extension)) {
            std::string stem = fs::path(path).filename().string();
            for (const char *suffix : {".json", ".s3rd"}) {
                if (endsWith(stem, suffix))
                    stem.resize(stem.size() - std::string(suffix).size());
            }
            target = (fs::path(*out) / (stem + "." + extension)).string();
            std::error_code ec;
            fs::create_directories(*out, ec);
            if (ec) {
                io.err << "s3rd export: cannot create " << *out << ": " << ec.message() << "\n";
                return kBadInput;
            }
        }
        if (const int status = drawToFile(path, target, format, labsFolder, withSolution, io);
            status != kOk)
            return status;
        io.out << "Wrote " << target << "\n";
        return kOk;
    }

    // The checklist the export was made with (the README lists its findings), reported below.
    CheckReport report;
    const std::vector<exchange::ExportFile> exported =
        exchange::exportFiles(design, exportFormat, &report);
    std::string error;
    std::string written = *out;
    if (zip) {
        if (!endsWith(written, ".zip"))
            written += ".zip";
        error = exchange::writeExportZip(exported, written);
    } else {
        error = exchange::writeExportFolder(exported, written);
    }
    if (!error.empty()) {
        io.err << "s3rd export: " << error << "\n";
        return kBadInput;
    }
    io.out << "Wrote " << exported.size() << " files (" << exchange::exportFormatName(exportFormat)
           << ") to " << written << "\n";
    if (const int errors = report.count(Severity::Error); errors > 0)
        io.err << "s3rd export: warning: the checklist has " << errors
               << " error(s); the README lists them. Fix them before applying.\n";
    return kOk;
}

namespace {

const char kExportUsage[] =
    "Usage: s3rd export FILE --out DIR [--zip] [--format FORMAT] [--with-solution]\n"
    "                   [--labs-dir DIR]\n\n"
    "Exports a design for the people who apply it.\n\n"
    "Formats:\n"
    "  bundle          (default) one folder per account id with the JSON documents that\n"
    "                  account applies, README.md (the runbook in apply order, the checklist\n"
    "                  findings, the pre-flight checklist) and deploy.sh (the same steps with\n"
    "                  the AWS CLI: --dry-run, --yes, --endpoint-url URL, --phase PHASE;\n"
    "                  it checks the caller's account first); for a source bucket that\n"
    "                  holds existing objects and is marked for Batch Replication,\n"
    "                  batch-replication-BUCKET.sh (aws s3control create-job with an\n"
    "                  S3-generated manifest and a completion report; --dry-run, --yes,\n"
    "                  --retry-failed) and a README section on running and following it\n"
    "  cloudformation  one JSON template per account and Region\n"
    "  terraform       one main.tf per account, a provider alias per Region\n"
    "  png, svg        the diagram as drawn (PNG at twice the size); --out may name the file\n"
    "  handout         a printable PDF (A4): the diagram, per account the documents to apply\n"
    "                  with why each statement is there, the checklist and the pre-flight\n"
    "                  checklist; --out may name the .pdf file. For a design started from a\n"
    "                  lab (s3rd lab start), the lab's briefing and goals come first\n\n"
    "A role whose permissions are customer managed policies (too large for an inline policy,\n"
    "or asked for in the design) gets them created and attached in every format: deploy.sh\n"
    "(aws iam create-policy or create-policy-version, attach-role-policy), CloudFormation\n"
    "(AWS::IAM::ManagedPolicy with Roles), Terraform (aws_iam_policy and\n"
    "aws_iam_role_policy_attachment).\n\n"
    "Options:\n"
    "  --out DIR       the output folder (created when missing)\n"
    "  --zip           write one zip archive DIR.zip instead of a folder\n"
    "  --with-solution handout of a lab: add the hints and the solution (a trainer's copy)\n"
    "  --labs-dir DIR  handout of a lab: find the lab in DIR (else S3RD_LABS_DIR, else\n"
    "                  the shipped labs)\n\n"
    "Names are validated before anything is written: a design with an invalid bucket name,\n"
    "account id, role name, key id, rule ID, prefix or tag is refused (exit 2), naming it.\n"
    "Exit codes: 0 written (checklist errors are reported as a warning), 2 bad input.\n";

} // namespace

extern const Command kExportCommand = {
    "export", "Export the policy bundle, CloudFormation, Terraform, the diagram or a handout",
    kExportUsage, &runExport};

} // namespace s3rd::cli
