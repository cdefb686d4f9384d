// The `netra` command. See `netra --help` and the README.
//
// Exit codes (stable, for scripts):
//   0  success (any legal answer, including NO_STATUTORY_MAPPING or MISSING_FACTS)
//   1  the request is invalid (malformed JSON, unknown enum, bad field value)
//   2  usage error (unknown command or flag)
//   3  a law file is invalid (check-law, or --law with evaluate/rules)
//   4  a file cannot be read
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/text.h"

namespace {

constexpr int kOk = 0, kBadRequest = 1, kUsage = 2, kBadLaw = 3, kIo = 4;
constexpr size_t kMaxRequestBytes = 8u << 20;

const char kHelp[] = R"(netra: Indonesian civil-service discipline law (PP 94/2021) as data.

Usage:
  netra evaluate FILE [--text] [--law FILE]... [--set NAME=VALUE]...
      Reads an EvaluationRequest as JSON (protobuf JSON mapping; FILE may be -
      for standard input) and writes the Determination as JSON, or as readable
      text with --text.
  netra rules [--as-of YYYY-MM-DD] [--json] [--law FILE]...
      Lists every rule: id, articles, dates in force, paraphrase.
  netra check-law [--standalone] FILE...
      Validates law files together with the embedded law (a file named like
      an embedded one replaces it), or alone with --standalone. Prints "ok" or the first error with file, line and rule id.
  netra version

Exit codes: 0 success (any legal answer), 1 invalid request, 2 usage error,
3 invalid law file, 4 unreadable file.
)";

int Usage(const std::string& message) {
  std::cerr << "netra: " << message << "\n(see `netra --help`)\n";
  return kUsage;
}

std::optional<std::string> ReadInput(const std::string& path, std::string* error) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = absl::StrCat(path, ": cannot open");
      return std::nullopt;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (text.size() > kMaxRequestBytes) {
    *error = absl::StrCat(path, ": request of ", text.size(), " bytes exceeds the limit of ", kMaxRequestBytes);
    return std::nullopt;
  }
  return text;
}

// Loads the embedded law plus --law files; prints the error and sets *code.
std::shared_ptr<const netra::RuleBook> LoadBook(const std::vector<std::string>& files, int* code) {
  std::vector<netra::LawSource> sources;
  for (const std::string& f : files) {
    auto src = netra::ReadLawFile(f);
    if (!src.ok()) {
      std::cerr << "netra: " << src.status().message() << "\n";
      *code = absl::IsInvalidArgument(src.status()) ? kBadLaw : kIo;
      return nullptr;
    }
    sources.push_back(*std::move(src));
  }
  auto book = netra::RuleBook::Load(sources);
  if (!book.ok()) {
    std::cerr << "netra: invalid law: " << book.status().message() << "\n";
    *code = kBadLaw;
    return nullptr;
  }
  return *book;
}

int Evaluate(const std::vector<std::string>& args) {
  std::string file;
  bool text = false;
  std::vector<std::string> laws;
  std::map<std::string, std::string> settings;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--text") {
      text = true;
    } else if (a == "--law" && i + 1 < args.size()) {
      laws.push_back(args[++i]);
    } else if (a == "--set" && i + 1 < args.size()) {
      const std::string& kv = args[++i];
      const size_t eq = kv.find('=');
      if (eq == std::string::npos) return Usage(absl::StrCat("--set needs NAME=VALUE, got \"", kv, "\""));
      settings[kv.substr(0, eq)] = kv.substr(eq + 1);
    } else if (absl::StartsWith(a, "--")) {
      return Usage(absl::StrCat("evaluate: unknown flag ", a));
    } else if (file.empty()) {
      file = a;
    } else {
      return Usage("evaluate takes one request file");
    }
  }
  if (file.empty()) return Usage("evaluate needs a request file (or - for standard input)");
  std::string error;
  auto input = ReadInput(file, &error);
  if (!input) {
    std::cerr << "netra: " << error << "\n";
    return absl::StrContains(error, "exceeds") ? kBadRequest : kIo;
  }
  netra::v1::EvaluationRequest request;
  google::protobuf::util::JsonParseOptions options;
  auto parsed = google::protobuf::util::JsonStringToMessage(*input, &request, options);
  if (!parsed.ok()) {
    std::cerr << "netra: " << file << ": invalid request JSON: " << parsed.message() << "\n";
    return kBadRequest;
  }
  int code = kOk;
  auto book = LoadBook(laws, &code);
  if (!book) return code;
  auto evaluator = netra::Evaluator::Create(book, settings);
  if (!evaluator.ok()) {
    std::cerr << "netra: " << evaluator.status().message() << "\n";
    return kBadRequest;
  }
  auto determination = evaluator->Evaluate(request);
  if (!determination.ok()) {
    std::cerr << "netra: " << file << ": " << determination.status().message() << "\n";
    return kBadRequest;
  }
  if (text) {
    std::cout << netra::DeterminationText(*determination);
  } else {
    std::string json;
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = true;
    print.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(*determination, &json, print);
    std::cout << json;
  }
  return kOk;
}

int Rules(const std::vector<std::string>& args) {
  std::optional<absl::CivilDay> as_of;
  bool json = false;
  std::vector<std::string> laws;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      json = true;
    } else if (args[i] == "--as-of" && i + 1 < args.size()) {
      auto d = netra::ParseDate(args[++i], "--as-of");
      if (!d.ok()) return Usage(std::string(d.status().message()));
      as_of = *d;
    } else if (args[i] == "--law" && i + 1 < args.size()) {
      laws.push_back(args[++i]);
    } else {
      return Usage(absl::StrCat("rules: unexpected argument ", args[i]));
    }
  }
  int code = kOk;
  auto book = LoadBook(laws, &code);
  if (!book) return code;
  if (json) {
    std::string out;
    google::protobuf::util::JsonPrintOptions print;
    print.add_whitespace = true;
    print.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(netra::RulesFile(*book, as_of), &out, print);
    std::cout << out;
  } else {
    std::cout << netra::RulesText(*book, as_of);
  }
  return kOk;
}

int CheckLaw(const std::vector<std::string>& args) {
  netra::LoadOptions options;
  std::vector<netra::LawSource> sources;
  for (const std::string& a : args) {
    if (a == "--standalone") {
      options.include_embedded = false;
      options.require_evaluator_rules = false;
      continue;
    }
    if (absl::StartsWith(a, "--")) return Usage(absl::StrCat("check-law: unknown flag ", a));
    auto src = netra::ReadLawFile(a);
    if (!src.ok()) {
      std::cerr << "netra: " << src.status().message() << "\n";
      return absl::IsInvalidArgument(src.status()) ? kBadLaw : kIo;
    }
    sources.push_back(*std::move(src));
  }
  if (sources.empty()) return Usage("check-law needs at least one file");
  if (options.include_embedded) {
    // A file named like an embedded one (law/pp94_2021.textproto being
    // edited) replaces it, so a legal officer checks the edit, not a duplicate.
    auto base = [](const std::string& p) { return p.substr(p.find_last_of('/') + 1); };
    std::vector<netra::LawSource> all;
    for (netra::LawSource& e : netra::EmbeddedLaw()) {
      bool replaced = false;
      for (const netra::LawSource& s : sources) replaced |= base(s.name) == base(e.name);
      if (!replaced) all.push_back(std::move(e));
    }
    all.insert(all.end(), sources.begin(), sources.end());
    sources = std::move(all);
    options.include_embedded = false;
  }
  auto book = netra::RuleBook::Load(sources, options);
  if (!book.ok()) {
    std::cerr << book.status().message() << "\n";
    return kBadLaw;
  }
  std::cout << "ok: " << (*book)->rules().size() << " rules, rule book " << (*book)->revision() << "\n";
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? kUsage : kOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "evaluate") return Evaluate(args);
  if (command == "rules") return Rules(args);
  if (command == "check-law") return CheckLaw(args);
  if (command == "version") {
    std::cout << "netra 0.1.0\n";
    return kOk;
  }
  return Usage(absl::StrCat("unknown command \"", command, "\""));
}
