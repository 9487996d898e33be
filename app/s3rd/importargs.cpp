#include "importargs.h"

#include "core/names.h"

namespace s3rd::cli {

std::string parseImportArguments(const std::vector<std::string> &args, ImportArguments &parsed,
                                 bool writesDesign)
{
    model::exchange::ImportSubject subject;
    bool optionsDone = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (!optionsDone && a == "--") {
            optionsDone = true;
            continue;
        }
        if (optionsDone || a.rfind("--", 0) != 0) {
            parsed.inputs.emplace_back(a, subject);
            continue;
        }
        std::string option = a, value;
        bool hasValue = false;
        if (const std::size_t eq = a.find('='); eq != std::string::npos) {
            option = a.substr(0, eq);
            value = a.substr(eq + 1);
            hasValue = true;
        } else if (i + 1 < args.size()) {
            value = args[i + 1];
        }
        const bool known = (writesDesign && (option == "--out" || option == "--name")) ||
                           option == "--bucket" ||
                           option == "--key" || option == "--role" || option == "--account" ||
                           option == "--region";
        if (!known)
            return "unknown option " + a;
        if (!hasValue) {
            if (i + 1 >= args.size())
                return "option " + option + " needs a value";
            ++i;
        }
        if (option == "--out") {
            parsed.out = value;
        } else if (option == "--name") {
            parsed.name = value;
        } else if (option == "--account") {
            if (const std::string e = model::names::checkAccountId(value); !e.empty())
                return "--account " + value + ": " + e;
            subject.account = value;
        } else if (option == "--region") {
            subject.region = value;
        } else {
            subject.bucket.clear();
            subject.key.clear();
            subject.role.clear();
            if (option == "--bucket")
                subject.bucket = value;
            else if (option == "--key")
                subject.key = value;
            else
                subject.role = value;
            parsed.declarations.push_back(subject);
        }
    }
    if (writesDesign && parsed.out.empty())
        return "give the design file to write with --out FILE";
    if (parsed.inputs.empty() && parsed.declarations.empty())
        return "give at least one INPUT";
    return {};
}

} // namespace s3rd::cli
