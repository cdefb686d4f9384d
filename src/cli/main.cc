// The `netra` command. See `netra --help` and the README.
//
// Exit codes (stable, for scripts):
//   0  success (any legal answer, including NO_STATUTORY_MAPPING or MISSING_FACTS)
//   1  the request is invalid (malformed JSON, unknown enum, bad field value)
//   2  usage error (unknown command or flag)
//   3  a law file is invalid (check-law, or --law with evaluate/rules)
//   4  a file cannot be read
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/case.h"
#include "netra/case_log.h"
#include "netra/date.h"
#include "netra/json.h"
#include "netra/pact.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/synth.h"
#include "netra/text.h"

namespace {

constexpr int kOk = 0, kBadRequest = 1, kUsage = 2, kBadLaw = 3, kIo = 4;
// A JSON input (request, decided case, case, event) past netra::kMaxJsonBytes
// is refused before it is read whole.
constexpr size_t kMaxRequestBytes = netra::kMaxJsonBytes;

const char kHelp[] = R"(netra: Indonesian civil-service discipline and election-neutrality law as data.

Usage:
  netra evaluate FILE [--text] [--law FILE]... [--set NAME=VALUE]...
      Reads an EvaluationRequest as JSON (protobuf JSON mapping; FILE may be -
      for standard input) and writes the Determination as JSON, or as readable
      text with --text.
  netra audit FILE [--lines | --text] [--law FILE]... [--set NAME=VALUE]...
      Checks decisions already taken: FILE holds a DecidedCase as JSON (the
      facts, the sanction imposed, by whom, when) and the AuditFinding is
      written as JSON (or text with --text). With --lines, or a FILE ending in .jsonl, FILE holds
      one DecidedCase per line; one finding per line is written and the
      counts (AuditSummary) go to standard error. Exit code 1 if any line
      was invalid (each is reported with its line number).
  netra case FILE [--as-of DATE] [--tukin AMOUNT] [--text] [--law FILE]... [--set NAME=VALUE]...
      Replays a case (a CaseLog as JSON, or a case log file) and prints its
      state on the as-of date (default: the date of its last event): status,
      next steps and who may take them, deadlines with their articles, the
      sanction's effects and SIASN record; AMOUNT = monthly tukin for the
      deduction schedule.
  netra overdue --as-of DATE FILE... [--law FILE]... [--set NAME=VALUE]...
      Lists, one per line, the deadlines past due on DATE across the cases.
  netra log init LOG CASE.json | netra log append LOG EVENT.json
      Creates a crash-safe case log from a CaseLog header, or checks and
      appends one CaseEvent (refused events are not written).
  netra roster check ROSTER
      Imports a roster (CSV with a header nip,name,type[,grade,position,
      position_type,unit,agency,leader], or .jsonl of RosterEntry) and reports
      every refused row with its line number and reason. Exit 1 if any.
  netra pact issue|sign|record|expire|link|progress --roster ROSTER --election ID [--events PACTLOG] ...
      issue --date DATE [--template ID] [--leadership ID]: issues the pact to
        everyone on the roster who must sign, appending the events to the
        crash-safe pact log PACTLOG (created if absent).
      sign --nip NIP --date DATE --method INDIVIDUAL|CEREMONY|ELECTRONIC
        [--place P] [--ceremony ID] [--evidence REF]: records a signature.
      record EVENT.json: checks and appends one PactEvent (signature,
        refusal, breach, move, withdrawal); a refused event is not written.
      expire --date DATE: every active pact expires (the election is over).
      link --as-of DATE CASE...: a neutrality violation confirmed by that date
        (recommendation, or a decision that stands) becomes a breach of the
        signer's pact, for the commitments whose decree rows the acts match.
      progress --as-of DATE [--not-signed N] [--text]: counts per agency,
        unit, position class and kind; who has not signed.
  netra compliance --roster ROSTER --as-of DATE [--im-nkk INDEX.csv]
                   [--set im_nkk_predicate_bands=BANDS] CASE...
      Neutrality compliance per agency: cases per 1,000 ASN, share proven,
      share followed up by the PPK (computed, not official figures); with
      --im-nkk, each agency's published IM NKK index and its predicate on
      the scale of setting im_nkk_predicate_bands (none by default: no
      scale is published).
  netra elections [--json] [--law FILE]...
      Lists the election calendars: contests, offices and stage dates.
  netra rules [--as-of YYYY-MM-DD] [--json] [--law FILE]...
      Lists every rule: id, articles, dates in force, paraphrase.
  netra check-law [--standalone] FILE...
      Validates law files together with the embedded law, or alone with
      --standalone. Here and with --law, a file named like an embedded one
      (an edited law/pp94_2021.textproto) replaces it. Prints "ok" or the first error with file, line and rule id.
  netra synth roster --employees N [--seed S] [--agencies K] [--out FILE]
  netra synth reports --count N --election ID [--seed S] [--out FILE]
      SYNTHETIC data, never official figures: a roster CSV (valid, unique
      NIPs; realistic agencies, units and kinds) or neutrality reports as
      JSON lines (SyntheticReport: an EvaluationRequest plus proven,
      sanctioned, blocked). The same seed gives the same bytes.
  netra version

Exit codes: 0 success (any legal answer), 1 invalid request, 2 usage error,
3 invalid law file, 4 unreadable file.
)";

int Usage(const std::string& message) {
  std::cerr << "netra: " << message << "\n(see `netra --help`)\n";
  return kUsage;
}

// Reads at most kMaxRequestBytes + 1 bytes, so an endless or huge input is
// refused without exhausting memory. Returns the exit code on failure.
std::optional<std::string> ReadInput(const std::string& path, int* code) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st)) {
      std::cerr << "netra: " << path << ": cannot open\n";
      *code = kIo;
      return std::nullopt;
    }
    if (!std::filesystem::is_regular_file(st)) {
      std::cerr << "netra: " << path << ": not a regular file\n";
      *code = kIo;
      return std::nullopt;
    }
    file.open(path, std::ios::binary);
    if (!file) {
      std::cerr << "netra: " << path << ": cannot open\n";
      *code = kIo;
      return std::nullopt;
    }
    in = &file;
  }
  std::string text;
  char buf[1 << 16];
  while (text.size() <= kMaxRequestBytes && in->read(buf, sizeof buf).gcount() > 0) {
    text.append(buf, static_cast<size_t>(in->gcount()));
  }
  if (text.size() > kMaxRequestBytes) {
    std::cerr << "netra: " << path << ": JSON input exceeds the limit of " << kMaxRequestBytes << " bytes (kMaxJsonBytes)\n";
    *code = kBadRequest;
    return std::nullopt;
  }
  return text;
}

// The embedded law plus `files`; a file named like an embedded one (an edited
// law/pp94_2021.textproto) replaces it, so `check-law` and `--law` agree.
absl::StatusOr<std::vector<netra::LawSource>> Sources(const std::vector<std::string>& files, bool embedded) {
  std::vector<netra::LawSource> given;
  for (const std::string& f : files) {
    auto src = netra::ReadLawFile(f);
    if (!src.ok()) return src.status();
    given.push_back(*std::move(src));
  }
  if (!embedded) return given;
  auto base = [](const std::string& p) { return p.substr(p.find_last_of('/') + 1); };
  std::vector<netra::LawSource> all;
  for (netra::LawSource& e : netra::EmbeddedLaw()) {
    bool replaced = false;
    for (const netra::LawSource& g : given) replaced |= base(g.name) == base(e.name);
    if (!replaced) all.push_back(std::move(e));
  }
  all.insert(all.end(), std::make_move_iterator(given.begin()), std::make_move_iterator(given.end()));
  return all;
}

// The JSON every surface writes (netra/api.h ToJson): indented, proto names.
void PrintJson(const google::protobuf::Message& message) { std::cout << netra::ToJson(message); }

int ReadError(const absl::Status& st) {
  std::cerr << "netra: " << st.message() << "\n";
  return absl::IsInvalidArgument(st) ? kBadLaw : kIo;
}

// Loads the embedded law plus --law files; prints the error and sets *code.
std::shared_ptr<const netra::RuleBook> LoadBook(const std::vector<std::string>& files, int* code) {
  auto sources = Sources(files, true);
  if (!sources.ok()) {
    *code = ReadError(sources.status());
    return nullptr;
  }
  netra::LoadOptions options;
  options.include_embedded = false;  // Sources() already merged it
  auto book = netra::RuleBook::Load(*sources, options);
  if (!book.ok()) {
    std::cerr << "netra: invalid law: " << book.status().message() << "\n";
    *code = kBadLaw;
    return nullptr;
  }
  return *book;
}

// The request layer on the embedded law plus --law files and --set settings;
// prints the error and sets *code (3 for a law that does not validate, 1 for
// a bad setting, 4 for a law file that cannot be read).
std::shared_ptr<const netra::Engine> LoadEngine(const std::vector<std::string>& files,
                                                const std::map<std::string, std::string>& settings, int* code) {
  netra::EngineOptions options;
  for (const std::string& f : files) {
    auto src = netra::ReadLawFile(f);
    if (!src.ok()) {
      *code = ReadError(src.status());
      return nullptr;
    }
    options.law.push_back(*std::move(src));
  }
  options.settings = settings;
  auto engine = netra::Engine::Create(options);
  if (!engine.ok()) {
    std::cerr << "netra: " << engine.status().message() << "\n";
    *code = absl::StartsWith(engine.status().message(), "invalid law: ") ? kBadLaw : kBadRequest;
    return nullptr;
  }
  return *std::move(engine);
}

// Flags shared by evaluate and audit: one input file, --law, --set, and the
// command's own boolean flags. Returns the usage exit code on error.
struct CaseArgs {
  std::string file;
  std::vector<std::string> laws;
  std::map<std::string, std::string> settings;
  std::map<std::string, bool> flags;  // the command's boolean flags
};

std::optional<int> ParseCaseArgs(const std::string& command, const std::vector<std::string>& args, CaseArgs* out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (out->flags.count(a)) {
      out->flags[a] = true;
    } else if (a == "--law" && i + 1 < args.size()) {
      out->laws.push_back(args[++i]);
    } else if (a == "--set" && i + 1 < args.size()) {
      const std::string& kv = args[++i];
      const size_t eq = kv.find('=');
      if (eq == std::string::npos) return Usage(absl::StrCat("--set needs NAME=VALUE, got \"", kv, "\""));
      out->settings[kv.substr(0, eq)] = kv.substr(eq + 1);
    } else if (a == "--law" || a == "--set") {
      return Usage(absl::StrCat(a, " needs a value"));
    } else if (absl::StartsWith(a, "--")) {
      return Usage(absl::StrCat(command, ": unknown flag ", a));
    } else if (out->file.empty()) {
      out->file = a;
    } else {
      return Usage(absl::StrCat(command, " takes one input file"));
    }
  }
  if (out->file.empty()) return Usage(absl::StrCat(command, " needs an input file (or - for standard input)"));
  return std::nullopt;
}

int Evaluate(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.flags["--text"] = false;
  if (auto code = ParseCaseArgs("evaluate", args, &ca)) return *code;
  const std::string& file = ca.file;
  const bool text = ca.flags["--text"];
  const std::vector<std::string>& laws = ca.laws;
  const std::map<std::string, std::string>& settings = ca.settings;
  int read_code = kOk;
  auto input = ReadInput(file, &read_code);
  if (!input) return read_code;
  netra::v1::EvaluationRequest request;
  if (auto parsed = netra::ParseJson(*input, &request, "request"); !parsed.ok()) {
    std::cerr << "netra: " << file << ": " << parsed.message() << "\n";
    return kBadRequest;
  }
  int code = kOk;
  auto engine = LoadEngine(laws, settings, &code);
  if (!engine) return code;
  auto determination = engine->Evaluate(request);
  if (!determination.ok()) {
    std::cerr << "netra: " << file << ": " << determination.status().message() << "\n";
    return kBadRequest;
  }
  if (text) {
    std::cout << netra::DeterminationText(*determination);
  } else {
    PrintJson(*determination);
  }
  return kOk;
}

void PrintCompactJson(const google::protobuf::Message& message, std::ostream& out) {
  out << netra::ToJson(message, {.pretty = false}) << "\n";
}

int Audit(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.flags["--lines"] = false;
  ca.flags["--text"] = false;
  if (auto code = ParseCaseArgs("audit", args, &ca)) return *code;
  const bool lines = ca.flags["--lines"] || absl::EndsWith(ca.file, ".jsonl");
  int code = kOk;
  auto engine = LoadEngine(ca.laws, ca.settings, &code);
  if (!engine) return code;
  if (lines) {
    // Streamed: a year of decisions need not fit the 8 MiB request limit.
    std::ifstream file;
    std::istream* in = &std::cin;
    if (ca.file != "-") {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(ca.file, ec)) {
        std::cerr << "netra: " << ca.file << ": cannot open (not a regular file)\n";
        return kIo;
      }
      file.open(ca.file, std::ios::binary);
      if (!file) {
        std::cerr << "netra: " << ca.file << ": cannot open\n";
        return kIo;
      }
      in = &file;
    }
    netra::v1::AuditSummary summary;
    if (auto st = engine->AuditJsonLines(*in, std::cout, &summary); !st.ok()) {
      std::cerr << "netra: " << st.message() << "\n";
      return kIo;
    }
    PrintCompactJson(summary, std::cerr);
    return summary.invalid() > 0 ? kBadRequest : kOk;
  }
  int read_code = kOk;
  auto input = ReadInput(ca.file, &read_code);
  if (!input) return read_code;
  netra::v1::DecidedCase decided;
  if (auto parsed = netra::ParseJson(*input, &decided, "decided-case"); !parsed.ok()) {
    std::cerr << "netra: " << ca.file << ": " << parsed.message() << "\n";
    return kBadRequest;
  }
  auto finding = engine->Audit(decided);
  if (!finding.ok()) {
    std::cerr << "netra: " << ca.file << ": " << finding.status().message() << "\n";
    return kBadRequest;
  }
  if (ca.flags["--text"]) {
    std::cout << netra::AuditFindingText(*finding);
  } else {
    PrintJson(*finding);
  }
  return kOk;
}

// A CaseLog from JSON or from a case log file (told apart by its first
// bytes; a log file is not bound by the JSON request size limit).
std::optional<netra::v1::CaseLog> ReadCase(const std::string& path, int* code) {
  if (path != "-") {
    std::ifstream peek(path, std::ios::binary);
    char head[8] = {};
    peek.read(head, sizeof head);
    if (netra::LooksLikeCaseLogFile(absl::string_view(head, static_cast<size_t>(peek.gcount())))) {
      int64_t torn = 0;
      auto log = netra::ReadCaseLogFile(path, &torn);
      if (!log.ok()) {
        std::cerr << "netra: " << log.status().message() << "\n";
        *code = absl::IsNotFound(log.status()) ? kIo : kBadRequest;
        return std::nullopt;
      }
      if (torn > 0) std::cerr << "netra: " << path << ": ignored a torn last record of " << torn << " bytes\n";
      return *log;
    }
  }
  auto input = ReadInput(path, code);
  if (!input) return std::nullopt;
  netra::v1::CaseLog log;
  if (auto parsed = netra::ParseJson(*input, &log, "case"); !parsed.ok()) {
    std::cerr << "netra: " << path << ": " << parsed.message() << "\n";
    *code = kBadRequest;
    return std::nullopt;
  }
  return log;
}

std::shared_ptr<const netra::CaseMachine> LoadMachine(const CaseArgs& ca, int* code) {
  auto book = LoadBook(ca.laws, code);
  if (!book) return nullptr;
  auto machine = netra::CaseMachine::Create(book, {}, ca.settings);
  if (!machine.ok()) {
    std::cerr << "netra: " << machine.status().message() << "\n";
    *code = kBadRequest;
    return nullptr;
  }
  return std::make_shared<netra::CaseMachine>(*std::move(machine));
}

// Replays each case file; a file that cannot be read or replayed is
// reported and skipped, and *worst keeps the highest exit code met.
std::vector<netra::CaseProgress> ReplayCases(const std::vector<std::string>& files, const netra::CaseMachine& machine,
                                             int* worst) {
  std::vector<netra::CaseProgress> out;
  for (const std::string& f : files) {
    int read = kOk;
    auto log = ReadCase(f, &read);
    if (!log) {
      *worst = std::max(*worst, read);
      continue;
    }
    auto p = machine.Replay(*log);
    if (!p.ok()) {
      std::cerr << "netra: " << f << ": " << p.status().message() << "\n";
      *worst = std::max(*worst, int{kBadRequest});
      continue;
    }
    out.push_back(*std::move(p));
  }
  return out;
}

int Case(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.flags["--text"] = false;
  std::vector<std::string> rest;
  std::optional<absl::CivilDay> as_of;
  int64_t tukin = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--as-of" || args[i] == "--tukin") && i + 1 < args.size()) {
      if (args[i] == "--as-of") {
        auto d = netra::ParseDate(args[++i], "--as-of");
        if (!d.ok()) return Usage(std::string(d.status().message()));
        as_of = *d;
      } else if (!absl::SimpleAtoi(args[++i], &tukin) || tukin < 0) {
        return Usage("--tukin needs a non-negative amount");
      }
    } else {
      rest.push_back(args[i]);
    }
  }
  if (auto code = ParseCaseArgs("case", rest, &ca)) return *code;
  int code = kOk;
  auto log = ReadCase(ca.file, &code);
  if (!log) return code;
  auto engine = LoadEngine(ca.laws, ca.settings, &code);
  if (!engine) return code;
  netra::v1::ReplayCaseRequest request;
  request.mutable_case_()->Swap(&*log);
  if (as_of) request.set_as_of(netra::FormatDate(*as_of));
  request.set_tukin(tukin);
  auto state = engine->ReplayCase(request);
  if (!state.ok()) {
    std::cerr << "netra: " << ca.file << ": " << state.status().message() << "\n";
    return kBadRequest;
  }
  if (ca.flags["--text"]) {
    std::cout << netra::CaseStateText(*state);
  } else {
    PrintJson(*state);
  }
  return kOk;
}

int Overdue(const std::vector<std::string>& args) {
  std::optional<absl::CivilDay> as_of;
  std::vector<std::string> files, rest;
  CaseArgs ca;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--as-of" && i + 1 < args.size()) {
      auto d = netra::ParseDate(args[++i], "--as-of");
      if (!d.ok()) return Usage(std::string(d.status().message()));
      as_of = *d;
    } else if ((args[i] == "--law" || args[i] == "--set") && i + 1 < args.size()) {
      rest.push_back(args[i]);
      rest.push_back(args[++i]);
    } else if (absl::StartsWith(args[i], "--")) {
      return Usage(absl::StrCat("overdue: unknown flag ", args[i]));
    } else {
      files.push_back(args[i]);
    }
  }
  if (!as_of) return Usage("overdue needs --as-of DATE (netra never reads the clock)");
  if (files.empty()) return Usage("overdue needs at least one case file");
  rest.push_back(files[0]);
  if (auto code = ParseCaseArgs("overdue", rest, &ca)) return *code;
  int code = kOk;
  auto engine = LoadEngine(ca.laws, ca.settings, &code);
  if (!engine) return code;
  int worst = kOk;
  netra::v1::OverdueRequest request;
  request.set_as_of(netra::FormatDate(*as_of));
  std::vector<std::string> read;  // the file of each case in the request
  for (const std::string& f : files) {
    int rc = kOk;
    auto log = ReadCase(f, &rc);
    if (!log) {
      worst = std::max(worst, rc);
      continue;
    }
    request.add_cases()->Swap(&*log);
    read.push_back(f);
  }
  auto overdue = engine->Overdue(request);
  if (!overdue.ok()) {
    std::cerr << "netra: " << overdue.status().message() << "\n";
    return kBadRequest;
  }
  for (const auto& failure : overdue->failures()) {
    std::cerr << "netra: " << read[static_cast<size_t>(failure.index())] << ": " << failure.message() << "\n";
    worst = std::max(worst, int{kBadRequest});
  }
  for (const auto& it : overdue->items()) {
    std::cout << it.case_id() << "\t" << it.period() << "\tdue " << it.due() << "\t" << it.rule_id() << "\n";
  }
  return worst;
}

int Log(const std::vector<std::string>& args) {
  if (args.size() < 3 || (args[0] != "init" && args[0] != "append")) {
    return Usage("log: netra log init LOG CASE.json | netra log append LOG EVENT.json");
  }
  CaseArgs ca;
  std::vector<std::string> rest(args.begin() + 3, args.end());
  rest.push_back(args[2]);
  if (auto code = ParseCaseArgs("log", rest, &ca)) return *code;
  int code = kOk;
  auto machine = LoadMachine(ca, &code);
  if (!machine) return code;
  int read = kOk;
  auto input = ReadInput(args[2], &read);
  if (!input) return read;
  if (args[0] == "init") {
    netra::v1::CaseLog header;
    if (auto st = netra::ParseJson(*input, &header, "case"); !st.ok()) {
      std::cerr << "netra: " << args[2] << ": " << st.message() << "\n";
      return kBadRequest;
    }
    auto f = netra::CaseLogFile::Create(args[1], header, *machine);
    if (!f.ok()) {
      std::cerr << "netra: " << f.status().message() << "\n";
      return absl::IsInvalidArgument(f.status()) ? kBadRequest : kIo;
    }
    for (const auto& e : header.events()) {
      if (auto st = f->Append(e); !st.ok()) {
        std::cerr << "netra: " << args[1] << ": event " << f->progress().events + 1 << " refused: " << st.message() << "\n";
        return kBadRequest;
      }
    }
    std::cout << "created " << args[1] << " with " << f->progress().events << " events\n";
    return kOk;
  }
  netra::v1::CaseEvent event;
  if (auto st = netra::ParseJson(*input, &event, "event"); !st.ok()) {
    std::cerr << "netra: " << args[2] << ": " << st.message() << "\n";
    return kBadRequest;
  }
  auto f = netra::CaseLogFile::Open(args[1], *machine);
  if (!f.ok()) {
    std::cerr << "netra: " << f.status().message() << "\n";
    return absl::IsNotFound(f.status()) ? kIo : kBadRequest;
  }
  if (f->dropped_bytes() > 0) std::cerr << "netra: " << args[1] << ": cut off a torn last record of " << f->dropped_bytes() << " bytes\n";
  if (auto st = f->Append(event); !st.ok()) {
    std::cerr << "netra: refused: " << st.message() << "\n";
    return absl::IsDataLoss(st) ? kIo : kBadRequest;
  }
  std::cout << "appended event " << f->progress().events << "; status " << netra::v1::CaseStatus_Name(f->progress().status) << "\n";
  return kOk;
}

// Imports a roster by its extension: .jsonl = RosterEntry lines, else CSV.
std::optional<netra::RosterTable> LoadRoster(const std::string& path, netra::v1::RosterImportReport* report,
                                             int* code) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  if (!in || !std::filesystem::is_regular_file(path, ec)) {
    std::cerr << "netra: " << path << ": cannot open\n";
    *code = kIo;
    return std::nullopt;
  }
  auto table = absl::EndsWith(path, ".jsonl") ? netra::ImportRosterJsonLines(in, report)
                                              : netra::ImportRosterCsv(in, report);
  if (!table.ok()) {
    std::cerr << "netra: " << path << ": " << table.status().message() << "\n";
    *code = kBadRequest;
    return std::nullopt;
  }
  return *std::move(table);
}

int Roster(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0] != "check") return Usage("roster: netra roster check ROSTER");
  netra::v1::RosterImportReport report;
  int code = kOk;
  if (!LoadRoster(args[1], &report, &code)) return code;
  PrintJson(report);
  std::cout << "\n";
  return report.rejected() > 0 ? kBadRequest : kOk;
}

int Pact(const std::vector<std::string>& args) {
  if (args.empty()) return Usage("pact: netra pact issue|record|progress --roster R --election ID ...");
  const std::string sub = args[0];
  std::map<std::string, std::string> opt;
  std::vector<std::string> positional;
  bool text = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--text") {
      text = true;
    } else if (absl::StartsWith(a, "--") && i + 1 < args.size()) {
      opt[a] = args[++i];
    } else if (absl::StartsWith(a, "--")) {
      return Usage(absl::StrCat("pact: ", a, " needs a value"));
    } else {
      positional.push_back(a);
    }
  }
  for (const auto& [k, v] : opt) {
    static const char* known[] = {"--roster", "--election", "--events", "--date",  "--template", "--leadership",
                                  "--as-of",  "--not-signed", "--law",   "--nip",   "--method",   "--place",
                                  "--ceremony", "--evidence"};
    if (std::find(std::begin(known), std::end(known), k) == std::end(known)) {
      return Usage(absl::StrCat("pact: unknown flag ", k));
    }
  }
  if (!opt.count("--roster") || !opt.count("--election")) return Usage("pact needs --roster FILE and --election ID");
  int code = kOk;
  std::vector<std::string> laws;
  if (opt.count("--law")) laws.push_back(opt["--law"]);
  auto book = LoadBook(laws, &code);
  if (!book) return code;
  netra::v1::RosterImportReport report;
  auto roster = LoadRoster(opt["--roster"], &report, &code);
  if (!roster) return code;
  if (report.rejected() > 0) {
    std::cerr << "netra: " << opt["--roster"] << ": " << report.rejected()
              << " rows refused (see `netra roster check`); continuing with " << report.accepted() << "\n";
  }
  auto reg = netra::PactRegistry::Create(book, &*roster, opt["--election"]);
  if (!reg.ok()) {
    std::cerr << "netra: " << reg.status().message() << "\n";
    return kBadRequest;
  }
  // The events live in a pact log file (netra/pact.h): replayed now; a new
  // file is created for issue and record.
  const std::string events = opt.count("--events") ? opt["--events"] : "";
  std::optional<netra::PactLogFile> log;
  if (!events.empty() && std::filesystem::exists(events)) {
    auto opened = netra::PactLogFile::Open(events, &*reg);
    if (!opened.ok()) {
      std::cerr << "netra: " << opened.status().message() << "\n";
      return absl::IsDataLoss(opened.status()) || absl::IsFailedPrecondition(opened.status()) ? kBadRequest : kIo;
    }
    if (opened->dropped_bytes() > 0) {
      std::cerr << "netra: " << events << ": cut off a torn last record of " << opened->dropped_bytes() << " bytes\n";
    }
    log.emplace(*std::move(opened));
  }
  auto append = [&](const std::vector<netra::v1::PactEvent>& list) -> int {
    if (events.empty()) return Usage("pact: --events FILE is needed to record events");
    if (!log) {
      auto created = netra::PactLogFile::Create(events, opt["--election"]);
      if (!created.ok()) {
        std::cerr << "netra: " << created.status().message() << "\n";
        return kIo;
      }
      log.emplace(*std::move(created));
    }
    for (const auto& e : list) {
      if (auto st = log->Append(e, &*reg); !st.ok()) {
        std::cerr << "netra: " << events << ": " << st.message() << "\n";
        return absl::IsDataLoss(st) ? kIo : kBadRequest;
      }
    }
    return kOk;
  };
  if (sub == "issue") {
    if (!opt.count("--date")) return Usage("pact issue needs --date DATE");
    auto date = netra::ParseDate(opt["--date"], "--date");
    if (!date.ok()) return Usage(std::string(date.status().message()));
    std::string tid = opt.count("--template") ? opt["--template"] : "";
    std::string lead = opt.count("--leadership") ? opt["--leadership"] : "";
    if (tid.empty()) {
      for (const netra::v1::PactTemplate* t : reg->templates()) {
        if (!t->leadership() && tid.empty()) tid = t->id();
        if (t->leadership() && lead.empty()) lead = t->id();
      }
    }
    // Issue through events so that the file holds the whole history.
    std::vector<netra::v1::PactEvent> issued;
    for (size_t row = 0; row < roster->size(); ++row) {
      netra::v1::PactEvent e;
      e.set_type(netra::v1::PACT_ISSUED);
      e.set_date(netra::FormatDate(*date));
      e.set_nip(roster->Nip(row));
      e.set_template_id(roster->leader[row] && !lead.empty() ? lead : tid);
      if (reg->Check(e).ok()) issued.push_back(std::move(e));
    }
    if (int rc = append(issued); rc != kOk) return rc;
    std::cout << "issued " << issued.size() << " pacts of " << opt["--election"] << "\n";
    return kOk;
  }
  if (sub == "expire") {
    // After the election every active pact expires (integrity-pact.md 3).
    if (!opt.count("--date")) return Usage("pact expire needs --date DATE");
    auto date = netra::ParseDate(opt["--date"], "--date");
    if (!date.ok()) return Usage(std::string(date.status().message()));
    std::vector<netra::v1::PactEvent> expired;
    for (size_t row = 0; row < roster->size(); ++row) {
      if (roster->Nip(row).empty()) continue;
      netra::v1::PactEvent e;
      e.set_type(netra::v1::PACT_EXPIRED);
      e.set_date(netra::FormatDate(*date));
      e.set_nip(roster->Nip(row));
      if (reg->Check(e).ok()) expired.push_back(std::move(e));
    }
    if (int rc = append(expired); rc != kOk) return rc;
    std::cout << "expired " << expired.size() << " pacts of " << opt["--election"] << "\n";
    return kOk;
  }
  if (sub == "record" || sub == "sign") {
    netra::v1::PactEvent e;
    if (sub == "sign") {
      // A signature from flags: the employee signs in person.
      if (!opt.count("--nip") || !opt.count("--date") || !opt.count("--method")) {
        return Usage("pact sign needs --nip NIP --date DATE --method INDIVIDUAL|CEREMONY|ELECTRONIC");
      }
      netra::v1::SigningMethod method;
      if (!netra::v1::SigningMethod_Parse(opt["--method"], &method)) return Usage("--method: INDIVIDUAL, CEREMONY or ELECTRONIC");
      e.set_type(netra::v1::PACT_SIGNED);
      e.set_nip(opt["--nip"]);
      e.set_signer_nip(opt["--nip"]);
      e.set_date(opt["--date"]);
      e.set_method(method);
      if (opt.count("--place")) e.set_place(opt["--place"]);
      if (opt.count("--ceremony")) e.set_ceremony_id(opt["--ceremony"]);
      if (opt.count("--evidence")) e.set_evidence_ref(opt["--evidence"]);
    } else {
      if (positional.size() != 1) return Usage("pact record takes one EVENT.json");
      int read = kOk;
      auto input = ReadInput(positional[0], &read);
      if (!input) return read;
      if (auto st = netra::ParseJson(*input, &e, "event"); !st.ok()) {
        std::cerr << "netra: " << positional[0] << ": " << st.message() << "\n";
        return kBadRequest;
      }
    }
    if (auto st = reg->Check(e); !st.ok()) {
      std::cerr << "netra: refused: " << st.message() << "\n";
      return kBadRequest;
    }
    if (int rc = append({e}); rc != kOk) return rc;
    std::cout << "recorded " << netra::v1::PactEventType_Name(e.type()) << "\n";
    return kOk;
  }
  if (sub == "link") {
    // Confirmed neutrality violations become breaches of the signers' pacts;
    // linking the same cases again appends nothing.
    if (!opt.count("--as-of") || positional.empty()) return Usage("pact link needs --as-of DATE and CASE files");
    auto as_of = netra::ParseDate(opt["--as-of"], "--as-of");
    if (!as_of.ok()) return Usage(std::string(as_of.status().message()));
    CaseArgs ca;
    ca.laws = laws;
    auto machine = LoadMachine(ca, &code);
    if (!machine) return code;
    int worst = kOk;
    int64_t linked = 0;
    for (const netra::CaseProgress& c : ReplayCases(positional, *machine, &worst)) {
      auto link = reg->LinkBreaches(c, *as_of);
      if (!link.ok()) {
        std::cerr << "netra: case " << c.case_id << ": " << link.status().message() << "\n";
        worst = std::max(worst, int{kBadRequest});
        continue;
      }
      std::cout << link->explanation << "\n";
      if (const int rc = append(link->events); rc != kOk) return rc;
      linked += static_cast<int64_t>(link->events.size());
    }
    std::cout << "linked " << linked << " breaches\n";
    return worst;
  }
  if (sub == "progress") {
    if (!opt.count("--as-of")) return Usage("pact progress needs --as-of DATE (netra never reads the clock)");
    auto as_of = netra::ParseDate(opt["--as-of"], "--as-of");
    if (!as_of.ok()) return Usage(std::string(as_of.status().message()));
    int max = 0;
    if (opt.count("--not-signed") && (!absl::SimpleAtoi(opt["--not-signed"], &max) || max < 0)) {
      return Usage("--not-signed needs a count");
    }
    const netra::v1::PactProgress p = reg->Progress(*as_of, max);
    if (!text) {
      PrintJson(p);
      std::cout << "\n";
      return kOk;
    }
    auto row = [](const netra::v1::PactCounts& c) {
      return absl::StrCat("issued ", c.issued(), ", signed on time ", c.signed_on_time(), ", late ", c.signed_late(),
                          ", not signed ", c.not_signed(), ", declined ", c.declined(), ", breached ", c.breached(),
                          ", withdrawn ", c.withdrawn(), " (", static_cast<int>(c.signed_rate() * 1000) / 10.0, "% signed)");
    };
    std::cout << "Pacts of " << p.election() << " as of " << p.as_of() << " (due " << p.due() << "): " << row(p.total())
              << "\n";
    for (const auto& g : p.groups()) {
      std::cout << "  " << g.agency() << " / " << g.unit() << " / "
                << netra::v1::PositionClass_Name(g.position_class()) << " / " << netra::v1::EmployeeKind_Name(g.kind())
                << ": " << row(g) << "\n";
    }
    std::cout << "Leaders first (practice, not law): " << p.units_leaders_first() << " units in order, "
              << p.units_staff_ahead_of_leaders() << " with staff ahead of their leaders, " << p.units_without_leader()
              << " without a leader on the roster\n";
    for (const auto& o : p.leadership()) {
      if (o.staff_signed_before_leaders() == 0) continue;
      std::cout << "  staff ahead: " << o.agency() << " / " << o.unit() << ": " << o.staff_signed_before_leaders()
                << " signed before their leaders (" << o.leaders_signed() << " of " << o.leaders() << " signed)\n";
    }
    for (const auto& n : p.not_signed_nips()) std::cout << "  not signed: " << n << "\n";
    return kOk;
  }
  return Usage(absl::StrCat("pact: unknown subcommand \"", sub, "\""));
}

int Compliance(const std::vector<std::string>& args) {
  std::string roster_path, index_path;
  std::optional<std::string> bands;
  std::optional<absl::CivilDay> as_of;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--roster" && i + 1 < args.size()) {
      roster_path = args[++i];
    } else if (args[i] == "--im-nkk" && i + 1 < args.size()) {
      index_path = args[++i];
    } else if (args[i] == "--set" && i + 1 < args.size() &&
               absl::StartsWith(args[i + 1], "im_nkk_predicate_bands=")) {
      bands = args[++i].substr(std::strlen("im_nkk_predicate_bands="));
    } else if (args[i] == "--as-of" && i + 1 < args.size()) {
      auto d = netra::ParseDate(args[++i], "--as-of");
      if (!d.ok()) return Usage(std::string(d.status().message()));
      as_of = *d;
    } else if (absl::StartsWith(args[i], "--")) {
      return Usage(absl::StrCat("compliance: unknown flag ", args[i]));
    } else {
      files.push_back(args[i]);
    }
  }
  if (roster_path.empty() || !as_of) return Usage("compliance needs --roster FILE and --as-of DATE");
  int code = kOk;
  netra::v1::RosterImportReport report;
  auto roster = LoadRoster(roster_path, &report, &code);
  if (!roster) return code;
  auto engine = LoadEngine({}, {}, &code);
  if (!engine) return code;
  // Published IM NKK indices: CSV lines "agency,index" (a header line
  // "agency,index" is allowed); the scale from the law's setting unless set.
  netra::v1::ComplianceRequest request;
  request.set_as_of(netra::FormatDate(*as_of));
  if (bands) request.set_predicate_bands(*bands);
  if (!index_path.empty()) {
    auto text = ReadInput(index_path, &code);
    if (!text) return code;
    int line_no = 0;
    for (absl::string_view line : absl::StrSplit(*text, '\n')) {
      ++line_no;
      line = absl::StripAsciiWhitespace(line);
      if (line.empty() || (line_no == 1 && absl::StartsWithIgnoreCase(line, "agency,"))) continue;
      const size_t comma = line.rfind(',');
      double value = 0;
      if (comma == absl::string_view::npos || !absl::SimpleAtod(line.substr(comma + 1), &value)) {
        std::cerr << "netra: " << index_path << ":" << line_no << ": \"" << line.substr(0, 120)
                  << "\" is not \"agency,index\"\n";
        return kBadRequest;
      }
      absl::string_view agency = absl::StripAsciiWhitespace(line.substr(0, comma));
      if (agency.size() >= 2 && agency.front() == '"' && agency.back() == '"') agency = agency.substr(1, agency.size() - 2);
      if (!request.mutable_im_nkk_index()->insert({std::string(agency), value}).second) {
        std::cerr << "netra: " << index_path << ":" << line_no << ": agency \"" << agency.substr(0, 120)
                  << "\" appears twice\n";
        return kBadRequest;
      }
    }
  }
  int worst = kOk;
  std::vector<std::string> read;  // the file of each case in the request
  for (const std::string& f : files) {
    int rc = kOk;
    auto log = ReadCase(f, &rc);
    if (!log) {
      worst = std::max(worst, rc);
      continue;
    }
    request.add_cases()->Swap(&*log);
    read.push_back(f);
  }
  auto response = engine->Compliance(*roster, request);
  if (!response.ok()) {
    std::cerr << "netra: " << response.status().message() << "\n";
    return kBadRequest;
  }
  for (const auto& failure : response->failures()) {
    std::cerr << "netra: " << read[static_cast<size_t>(failure.index())] << ": " << failure.message() << "\n";
    worst = std::max(worst, int{kBadRequest});
  }
  PrintJson(response->report());
  std::cout << "\n";
  return worst;
}

int Elections(const std::vector<std::string>& args) {
  bool json = false;
  std::vector<std::string> laws;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      json = true;
    } else if (args[i] == "--law" && i + 1 < args.size()) {
      laws.push_back(args[++i]);
    } else {
      return Usage(absl::StrCat("elections: unexpected argument ", args[i]));
    }
  }
  int code = kOk;
  auto engine = LoadEngine(laws, {}, &code);
  if (!engine) return code;
  if (json) {
    PrintJson(engine->Elections());
  } else {
    std::cout << netra::ElectionsText(engine->book());
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
    } else if (args[i] == "--law" || args[i] == "--as-of") {
      return Usage(absl::StrCat(args[i], " needs a value"));
    } else {
      return Usage(absl::StrCat("rules: unexpected argument ", args[i]));
    }
  }
  int code = kOk;
  auto engine = LoadEngine(laws, {}, &code);
  if (!engine) return code;
  if (json) {
    netra::v1::RulesRequest request;
    if (as_of) request.set_as_of(netra::FormatDate(*as_of));
    auto rules = engine->Rules(request);
    if (!rules.ok()) return Usage(std::string(rules.status().message()));
    PrintJson(*rules);
  } else {
    std::cout << netra::RulesText(engine->book(), as_of);
  }
  return kOk;
}

int CheckLaw(const std::vector<std::string>& args) {
  bool standalone = false;
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--standalone") {
      standalone = true;
    } else if (absl::StartsWith(a, "--")) {
      return Usage(absl::StrCat("check-law: unknown flag ", a));
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) return Usage("check-law needs at least one file");
  auto sources = Sources(files, !standalone);
  if (!sources.ok()) return ReadError(sources.status());
  netra::LoadOptions options;
  options.include_embedded = false;
  options.require_evaluator_rules = !standalone;
  auto book = netra::RuleBook::Load(*sources, options);
  if (!book.ok()) {
    std::cerr << book.status().message() << "\n";
    return kBadLaw;
  }
  if ((*book)->rules().empty()) {
    std::cerr << "netra: the files hold no rules\n";
    return kBadLaw;
  }
  std::cout << "ok: " << (*book)->rules().size() << " rules, rule book " << (*book)->revision() << "\n";
  return kOk;
}

// netra synth roster|reports: seeded synthetic data (netra/synth.h).
int Synth(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "roster" && args[0] != "reports")) {
    return Usage("synth: netra synth roster --employees N ... | netra synth reports --count N --election ID ...");
  }
  const bool roster = args[0] == "roster";
  std::optional<int64_t> employees, count;
  uint64_t seed = 1;
  int agencies = 0;
  std::string election, out_path;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    const bool known = flag == "--seed" || flag == "--out" ||
                       (roster ? flag == "--employees" || flag == "--agencies" : flag == "--count" || flag == "--election");
    if (!known) return Usage(absl::StrCat("synth ", args[0], ": unexpected argument ", flag));
    if (i + 1 >= args.size()) return Usage(absl::StrCat(flag, " needs a value"));
    const std::string& value = args[++i];
    int64_t n = 0;
    if (flag == "--seed") {
      if (!absl::SimpleAtoi(value, &seed)) return Usage(absl::StrCat("--seed: \"", value, "\" is not a number"));
    } else if (flag == "--out") {
      out_path = value;
    } else if (flag == "--election") {
      election = value;
    } else if (!absl::SimpleAtoi(value, &n)) {
      return Usage(absl::StrCat(flag, ": \"", value, "\" is not a number"));
    } else if (flag == "--employees") {
      employees = n;
    } else if (flag == "--count") {
      count = n;
    } else if (n < 0 || n > 1'000'000) {
      return Usage(absl::StrCat("--agencies: ", n, " is out of range"));
    } else {
      agencies = static_cast<int>(n);
    }
  }
  if (roster && !employees) return Usage("synth roster needs --employees N");
  if (!roster && (!count || election.empty())) return Usage("synth reports needs --count N and --election ID");
  // Check the options before creating the output file.
  absl::Status valid = roster ? netra::synth::RosterGenerator::Create({seed, *employees, agencies}).status()
                              : netra::synth::ReportGenerator::Create({.seed = seed, .count = *count,
                                                                      .election = election}).status();
  if (!valid.ok()) return Usage(absl::StrCat("synth ", args[0], ": ", valid.message()));
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!out_path.empty() && out_path != "-") {
    file.open(out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "netra: " << out_path << ": cannot open for writing\n";
      return kIo;
    }
    out = &file;
  }
  absl::Status st = roster ? netra::synth::WriteRoster({seed, *employees, agencies}, *out)
                           : netra::synth::WriteReports({.seed = seed, .count = *count, .election = election}, *out);
  if (!st.ok()) {
    std::cerr << "netra: " << (out_path.empty() ? "standard output" : out_path) << ": " << st.message() << "\n";
    return kIo;
  }
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
  if (command == "audit") return Audit(args);
  if (command == "elections") return Elections(args);
  if (command == "case") return Case(args);
  if (command == "overdue") return Overdue(args);
  if (command == "log") return Log(args);
  if (command == "roster") return Roster(args);
  if (command == "pact") return Pact(args);
  if (command == "compliance") return Compliance(args);
  if (command == "check-law") return CheckLaw(args);
  if (command == "synth") return Synth(args);
  if (command == "version") {
    std::cout << "netra 0.1.0\n";
    return kOk;
  }
  return Usage(absl::StrCat("unknown command \"", command, "\""));
}
