// The `netra` command. See `netra --help` and the README.
//
// Exit codes (stable, for scripts):
//   0  success (any legal answer, including NO_STATUTORY_MAPPING or MISSING_FACTS)
//   1  the request is invalid (malformed JSON, unknown enum, bad field value)
//   2  usage error (unknown command or flag)
//   3  a law file is invalid (check-law, or --law with evaluate/rules)
//   4  a file cannot be read
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ext/stdio_filebuf.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/json.h"
#include "netra/pact.h"
#include "netra/records.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/siasn.h"
#include "netra/store.h"
#include "netra/synth.h"
#include "netra/text.h"
#include "netra/vectors.h"
#include "cli/log_files.h"
#include "output_file.h"
#include "suggest.h"
#ifdef NETRA_WITH_SERVE
#include <csignal>
#include <thread>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "serve/server.h"
#include "serve/tokens.h"
#include "utf8.h"
#endif

namespace {

constexpr int kOk = 0, kBadRequest = 1, kUsage = 2, kBadLaw = 3, kIo = 4;
// A JSON input (request, decided case, case, event) past netra::kMaxJsonBytes
// is refused before it is read whole.
constexpr size_t kMaxRequestBytes = netra::kMaxJsonBytes;

const char kHelp[] = R"(netra: Indonesian civil-service discipline and election-neutrality law as data.

Usage:
  netra evaluate FILE [--text | --lines [--summary]] [--law FILE]... [--set NAME=VALUE]...
      Reads an EvaluationRequest as JSON (protobuf JSON mapping; FILE may be -
      for standard input) and writes the Determination as JSON, or as readable
      text with --text. With --lines, or a FILE ending in .jsonl, one request
      per line and one answer per line (with --summary a DeterminationSummary;
      a refused line is {"line":N,"code":...,"error":...}); a FILE ending in
      .csv is a spreadsheet's export with a header naming the columns (as
      audit's). A batch's answers are written once its whole input is read
      (held meanwhile in an unnamed file under $TMPDIR): a read error part
      way writes none (exit 4). Exit 1 if any line was refused.
  netra audit FILE [--lines | --text] [--law FILE]... [--set NAME=VALUE]...
      Checks decisions already taken: FILE holds a DecidedCase as JSON (the
      facts, the sanction imposed, by whom, when) and the AuditFinding is
      written as JSON (or text with --text). With --lines, or a FILE ending in .jsonl, FILE holds
      one DecidedCase per line; one finding per line is written and the
      counts (AuditSummary) go to standard error. Exit code 1 if any line
      was invalid (each is reported with its line number).
  netra case FILE [--as-of DATE] [--tukin AMOUNT] [--text] [--law FILE]... [--set NAME=VALUE]...
      Replays a case (a CaseLog as JSON; a stored case: log show) and prints its
      state on the as-of date (default: the date of its last event): status,
      next steps and who may take them, deadlines with their articles, the
      sanction's effects and SIASN record; AMOUNT = monthly tukin for the
      deduction schedule.
  netra overdue --as-of DATE FILE... [--law FILE]... [--set NAME=VALUE]...
      Lists, one per line, the deadlines past due on DATE across the cases.
  netra log init --store DB CASE.json | netra log append --store DB --case ID EVENT.json
  netra log show --store DB --case ID [--as-of DATE] [--tukin AMOUNT] [--text]
  netra log list --store DB [--after ID] [--limit N] | netra log overdue --store DB --as-of DATE
      Cases in a store (DB: a SQLite file, created owner-only, or a
      postgresql:// URL; without --store, the environment variable
      NETRA_STORE names it): stores a case from a CaseLog (its events checked),
      checks and appends one CaseEvent in one transaction with the check
      (a refused event is not written), shows a stored case on a date, lists
      cases a page at a time, or lists the duties past due across them.
  netra store import DB [--roster ROSTER] LOGFILE... | netra store export DB DIR | netra store check DB
      Moves case and pact log files (the storage before the store) into a
      store, each file checked whole first (a damaged or refused one is
      reported with its record number and reason and nothing of it stored;
      a torn last record is named and left out; pact logs need the roster); writes every case and pact registry back out as log
      files; or verifies every hash chain in the store.
  netra roster check ROSTER
      Imports a roster (CSV with a header nip,name,type[,grade,position,
      position_type,unit,agency,leader], or .jsonl of RosterEntry) and reports
      every refused row with its line number and reason. Exit 1 if any.
  netra pact issue|sign|record|expire|link|progress --roster ROSTER --election ID --store DB ...
      The election's pact registry lives in the store DB (as for log).
      issue --date DATE [--template ID] [--leadership ID]: issues the pact to
        everyone on the roster who must sign and has none (one transaction
        per 50,000 pacts).
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
  netra siasn import|roster|cases DIR | netra siasn report DIR [--election ID --as-of DATE] [--not-signed N] [--text]
      Reads a SIASN export folder (docs/siasn.md: pegawai, rw-hukdis,
      rw-jabatan, ref-unor, instansi as .json or .csv, with facts.json, the
      case files by hukdis id, and pakta.jsonl, the pact events) and writes
      the mapping (import: roster, employees, decided cases, refusals),
      the roster as JSON lines (roster, for --roster), the decided cases as
      JSON lines (cases, for audit --lines), or the report: the audit of
      every decision and, with --election, pact progress on --as-of. Each
      refused row is named on standard error; exit 1 if any.
  netra elections [--json] [--law FILE]...
      Lists the election calendars: contests, offices and stage dates.
  netra rules [--as-of YYYY-MM-DD] [--json] [--law FILE]...
      Lists every rule: id, articles, dates in force, paraphrase.
  netra check-law [--standalone] FILE...
      Validates law files together with the embedded law, or alone with
      --standalone. Here and with --law, a file named like an embedded one
      (an edited law/pp94_2021.textproto) replaces it. Prints "ok" or the first error with file, line and rule id.
  netra test PATH... [--quiet] [--law FILE]... [--set NAME=VALUE]...
      Runs law vectors (netra.v1.TestVector) and audit vectors
      (netra.v1.AuditVector), each a .textproto file (PATH: a file, or a
      folder searched with its subfolders), on the embedded law plus --law
      files: PASS or FAIL per vector with the reasons, the counts, and the
      rules no law vector's answer cites. Exit 1 if any vector fails.
  netra synth roster --employees N [--seed S] [--agencies K] [--out FILE]
  netra synth reports --count N --election ID [--seed S] [--out FILE]
  netra synth siasn --employees N [--decisions K] [--seed S] [--agencies A] [--as-of DATE] --out DIR
  netra synth province --employees N --election ID --as-of DATE [--seed S] [--agencies K] --out DIR
      SYNTHETIC data, never official figures: a roster CSV (valid, unique
      NIPs; realistic agencies, units and kinds) or neutrality reports as
      JSON lines (SyntheticReport: an EvaluationRequest plus proven,
      sanctioned, blocked). The same seed gives the same bytes.
      province: a province for one election as of DATE, written to DIR
      (made; refused if it holds files): calls.jsonl, the service's Records
      calls in order, one {"method": ..., "request": ...} a line
      (LoadRoster, IssuePacts per agency, SignPact and RecordPactEvent over
      the days to DATE, CreateCase, LinkBreaches; scripts/demo_load.py
      posts them), roster.csv, im_nkk.csv (made-up indices), cases/*.json.
      DATE: from 70 days before the pact due date to a year after the
      election. siasn: a SIASN export for `netra siasn` (README.txt in DIR).
  netra serve [--listen HOST:PORT] [--grpc-listen HOST:PORT] [--tokens FILE] [--tls-cert PEM --tls-key PEM]
              [--data DIR] [--store URL] [--store-connections N] [--max-connections N]
              [--read-timeout S] [--write-timeout S] [--idle-timeout S] [--drain-timeout S]
              [--max-stream-bytes N] [--quiet]
              [--web DIR] [--law FILE]... [--set NAME=VALUE]...
      The HTTP service (README, "The service"): POST /v1/<Method> for every
      method of netra.v1.Netra and netra.v1.Records, with JSON, protobuf or
      (batches) JSON lines; GET /healthz, /readyz, /metrics,
      /v1/openapi.json; the dashboard pages at / (compiled in; --web DIR
      serves them from DIR instead, for their development); with
      --grpc-listen, gRPC too
      (/netra.v1.Netra/<Method>, /netra.v1.Records/<Method>). Listens on
      127.0.0.1:8080 by default (port 0: a free one); prints "netra serve:
      listening on http://..." when ready and the request log (JSON lines)
      on standard error. Other than loopback addresses need --tokens.
      --data DIR (made, owner-only): where the service keeps its files: the
      store of cases and pacts DIR/netra.db (SQLite) unless --store URL
      (a postgresql:// URL shared by several instances, or NETRA_STORE),
      and the spool of JSON-lines batches (default $TMPDIR). Without
      either, the Records methods answer 400 (no store).
      --store-connections N (default 4): store connections at most.
      --max-stream-bytes N (default and most 4 GiB, least 1 MiB): the
      largest JSON-lines or CSV batch body; past it, 413.
      SIGTERM or SIGINT: answers new
      requests 503, finishes those in flight (up to --drain-timeout, 60 s),
      closes the port, exits 0.
  netra serve token --name NAME --access READ_ONLY|READ_WRITE [--agency ID]... [--personal-data]
      Makes a new bearer token: prints the token (give it to the caller) and
      its entry for the tokens file (only its SHA-256 is kept there). With
      --personal-data the token may see employees' names and NIPs.
  netra version

Exit codes: 0 success (any legal answer), 1 invalid request, 2 usage error,
3 invalid law file, 4 unreadable file.
)";

// The command being run (for the help and suggestions of Usage).
std::string g_command;

// Every JSON answer the command prints: --emit-defaults, --camel-case and
// --int64-as-numbers, anywhere on the command line, set it (the options of
// the C ABI and the service, netra/api.h JsonOptions).
netra::JsonOptions g_json;

// The blocks of kHelp for `command`: each usage line that begins
// "  netra COMMAND" with the indented lines that follow it.
std::string CommandHelp(absl::string_view command) {
  std::string out;
  bool in = false;
  for (absl::string_view line : absl::StrSplit(kHelp, '\n')) {
    if (absl::StartsWith(line, "  netra ")) {
      absl::string_view rest = line.substr(8);
      in = absl::ConsumePrefix(&rest, command) && (rest.empty() || rest[0] == ' ');
    } else if (!absl::StartsWith(line, "      ") && !absl::StartsWith(line, "              ")) {
      in = false;
    }
    if (in) absl::StrAppend(&out, line, "\n");
  }
  return out;
}

// The flags `command`'s help names ("--as-of", ...), and the global ones.
std::vector<std::string> CommandFlags(absl::string_view command) {
  std::vector<std::string> flags = {"--help", "--emit-defaults", "--camel-case", "--int64-as-numbers"};
  const std::string help = CommandHelp(command);
  for (size_t at = help.find("--"); at != std::string::npos; at = help.find("--", at + 2)) {
    size_t end = at + 2;
    while (end < help.size() && (absl::ascii_isalnum(static_cast<unsigned char>(help[end])) || help[end] == '-')) ++end;
    std::string flag = help.substr(at, end - at);
    if (flag.size() > 2 && std::find(flags.begin(), flags.end(), flag) == flags.end()) flags.push_back(flag);
  }
  return flags;
}

int Usage(const std::string& message) {
  std::string hint;
  // "unknown flag --as-off", "unexpected argument --as-off": the nearest
  // flag of the command.
  if (const size_t at = message.rfind(" --"); at != std::string::npos && !g_command.empty()) {
    absl::string_view flag = absl::string_view(message).substr(at + 1);
    flag = flag.substr(0, flag.find_first_of(" ,:\""));
    const std::vector<std::string> known = CommandFlags(g_command);
    if (std::find(known.begin(), known.end(), flag) == known.end()) hint = netra::internal::DidYouMean(flag, known);
  }
  std::cerr << "netra: " << message << hint << "\n(see `netra "
            << (g_command.empty() ? "" : absl::StrCat(g_command, " ")) << "--help`)\n";
  return kUsage;
}

// A file the command reads, or standard input for "-". Opened as every
// reader of netra opens a file (internal::OpenFileToRead): a FIFO or a device
// in its place is refused at once, never waited on.
class InputFile {
 public:
  // Prints "no such file", "cannot open" or "not a regular file" with the
  // path and returns false with *code = kIo (exit 4).
  bool Open(const std::string& path, int* code) {
    path_ = path;
    if (path == "-") return true;
    auto fd = netra::internal::OpenFileToRead(path);
    if (!fd.ok()) {
      std::cerr << "netra: " << fd.status().message() << "\n";
      *code = kIo;
      return false;
    }
    buffer_.emplace(*fd, std::ios::in | std::ios::binary);
    file_.rdbuf(&*buffer_);
    return true;
  }
  std::istream& stream() { return path_ == "-" ? std::cin : file_; }

 private:
  std::string path_;
  std::optional<__gnu_cxx::stdio_filebuf<char>> buffer_;  // owns and closes the descriptor
  std::istream file_{nullptr};
};

// Creates (or truncates) a file the command writes (internal::CreateOutputFile:
// never through a symbolic link, never a FIFO, the umask respected). Returns
// the descriptor, or -1 with the message printed and *code = kIo.
int CreateOutputFile(const std::string& path, int* code, mode_t mode = 0666) {
  auto fd = netra::internal::CreateOutputFile(path, mode);
  if (!fd.ok()) {
    std::cerr << "netra: " << fd.status().message() << "\n";
    *code = kIo;
    return -1;
  }
  return *fd;
}

// Appends the rest of `in` to *text, at most `limit` + 1 bytes in all, so
// an endless or huge input is refused without exhausting memory. A read that
// fails (EIO from a failing disk or share) is not the end of the input:
// nothing is answered from what came before it. Returns false with the
// error printed and *code set.
bool ReadRest(std::istream& in, const std::string& path, std::string* text, int* code, size_t limit,
              const char* limit_name) {
  char buf[1 << 16];
  try {
    while (text->size() <= limit && in.read(buf, sizeof buf).gcount() > 0) {
      text->append(buf, static_cast<size_t>(in.gcount()));
    }
  } catch (const std::exception&) {
    in.setstate(std::ios::badbit);
  }
  if (in.bad()) {
    std::cerr << "netra: " << path << ": read error after " << text->size() << " bytes\n";
    *code = kIo;
    return false;
  }
  if (text->size() > limit) {
    std::cerr << "netra: " << path << ": input exceeds the limit of " << limit << " bytes (" << limit_name << ")\n";
    *code = kBadRequest;
    return false;
  }
  return true;
}

// The whole of FILE (or standard input for "-"), at most `limit` bytes.
// Returns the exit code on failure.
std::optional<std::string> ReadInput(const std::string& path, int* code, size_t limit = kMaxRequestBytes,
                                     const char* limit_name = "kMaxJsonBytes") {
  InputFile file;
  if (!file.Open(path, code)) return std::nullopt;
  std::string text;
  if (!ReadRest(file.stream(), path, &text, code, limit, limit_name)) return std::nullopt;
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
netra::JsonOptions CompactJson() {
  netra::JsonOptions o = g_json;
  o.pretty = false;
  return o;
}

void PrintJson(const google::protobuf::Message& message) { std::cout << netra::ToJson(message, g_json); }

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
  // The command's options with a value ("--as-of"), as text: set when given.
  std::map<std::string, std::optional<std::string>> values;
  bool many = false;                  // takes several inputs (into `files`)
  std::vector<std::string> files;
  // With `many`: the refusal when none is given ("" = the caller checks).
  std::string none_given;
  bool takes_law = true;  // --law FILE...

};

// A command's CLI11 app takes no --help of its own: it is answered before
// any command runs (Run).
void NoHelp(CLI::App& app) { app.set_help_flag(); }

// An option that may repeat, one value each time ("--law A --law B").
void RepeatedOption(CLI::App& app, const std::string& name, std::vector<std::string>* values) {
  app.add_option(name, *values)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// Parses `args` with CLI11 (Debian's libcli11-dev) into `app`'s options,
// in netra's words for a refusal: "COMMAND: unknown flag --x (did you mean
// --y?)", "--law needs a value", "COMMAND takes one input file". Returns the
// usage exit code on error.
std::optional<int> ParseApp(CLI::App& app, const std::string& command, std::vector<std::string> args,
                            const char* too_many) {
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  try {
    app.parse(args);
  } catch (const CLI::ExtrasError&) {
    // The first extra: a flag the command does not know, or a positional
    // argument too many (`too_many` says so; null: the command takes none).
    std::vector<std::string> extras = app.remaining();
    for (const std::string& e : extras) {
      if (absl::StartsWith(e, "--")) return Usage(absl::StrCat(command, ": unknown flag ", e));
    }
    if (too_many == nullptr) {
      return Usage(absl::StrCat(command, ": unexpected argument ", extras.empty() ? "" : extras[0]));
    }
    return Usage(too_many);
  } catch (const CLI::ArgumentMismatch& e) {
    // "--law: 1 required TEXT missing"
    const std::string what = e.what();
    return Usage(absl::StrCat(what.substr(0, what.find(':')), " needs a value"));
  } catch (const CLI::ParseError& e) {
    return Usage(absl::StrCat(command, ": ", e.what()));
  }
  return std::nullopt;
}

// A command of "--name value" options (each may repeat) and boolean flags,
// parsed with CLI11: the options given as (name, value) pairs, by name then
// in the order given, for the command's own checks of each value.
std::optional<int> ParsePairs(const std::string& command, const std::vector<std::string>& args,
                              std::initializer_list<const char*> names, std::initializer_list<const char*> flags,
                              std::vector<std::pair<std::string, std::string>>* pairs,
                              std::map<std::string, bool>* flag_values) {
  CLI::App app{command};
  NoHelp(app);
  std::map<std::string, std::vector<std::string>> values;
  for (const char* n : names) {
    RepeatedOption(app, n, &values[n]);
  }
  for (const char* f : flags) app.add_flag(f, (*flag_values)[f]);
  if (auto code = ParseApp(app, command, args, nullptr)) return code;
  for (const char* n : names) {
    for (const std::string& v : values[n]) pairs->emplace_back(n, v);
  }
  return std::nullopt;
}

std::optional<int> ParseCaseArgs(const std::string& command, const std::vector<std::string>& args, CaseArgs* out) {
  CLI::App app{command};
  NoHelp(app);
  std::map<std::string, bool> given;
  for (auto& [name, value] : out->flags) app.add_flag(name, given[name]);
  std::map<std::string, std::string> texts;
  for (auto& [name, value] : out->values) app.add_option(name, texts[name]);
  if (out->takes_law) RepeatedOption(app, "--law", &out->laws);
  std::vector<std::string> sets;
  RepeatedOption(app, "--set", &sets);
  std::vector<std::string> inputs;
  app.add_option("inputs", inputs);
  if (auto code = ParseApp(app, command, args, "")) return code;
  for (auto& [name, value] : given) out->flags[name] = value;
  for (auto& [name, value] : out->values) {
    if (app.count(name)) value = texts[name];
  }
  for (const std::string& kv : sets) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) return Usage(absl::StrCat("--set needs NAME=VALUE, got \"", kv, "\""));
    out->settings[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (out->many) {
    out->files = inputs;
  } else if (inputs.size() > 1) {
    return Usage(absl::StrCat(command, " takes one input file"));
  } else if (!inputs.empty()) {
    out->file = inputs[0];
  }
  if (out->many && out->files.empty() && !out->none_given.empty()) return Usage(out->none_given);
  if (!out->many && out->file.empty()) {
    return Usage(absl::StrCat(command, " needs an input file (or - for standard input)"));
  }
  return std::nullopt;
}

// When a file meant for one command is given to another (a case log to
// evaluate): "; it looks like a netra.v1.CaseLog: give it to `netra case`",
// judged by its top-level names being fields of that message and not all of
// `expected`'s. "" otherwise.
std::string OtherCommandHint(absl::string_view json, const google::protobuf::Descriptor* expected) {
  google::protobuf::Struct top;
  if (!google::protobuf::util::JsonStringToMessage(google::protobuf::StringPiece(json.data(), json.size()), &top).ok() ||
      top.fields().empty()) {
    return "";
  }
  auto fits = [&](const google::protobuf::Descriptor* d) {
    for (const auto& [name, value] : top.fields()) {
      if (d->FindFieldByName(name) == nullptr && d->FindFieldByCamelcaseName(name) == nullptr) return false;
    }
    return true;
  };
  if (fits(expected)) return "";
  const std::pair<const google::protobuf::Descriptor*, const char*> kinds[] = {
      {netra::v1::EvaluationRequest::descriptor(), "netra evaluate"},
      {netra::v1::DecidedCase::descriptor(), "netra audit"},
      {netra::v1::CaseLog::descriptor(), "netra case"},
      {netra::v1::CaseEvent::descriptor(), "netra log append"},
      {netra::v1::PactEvent::descriptor(), "netra pact record"}};
  for (const auto& [d, command] : kinds) {
    if (d != expected && fits(d)) {
      return absl::StrCat("; it looks like a ", d->full_name(), ": give it to `", command, "`");
    }
  }
  return "";
}

// Parses a JSON document of the command, or prints why not (with the
// command it looks meant for) and returns false.
bool ParseCommandJson(const std::string& path, const std::string& json, google::protobuf::Message* m,
                      absl::string_view what) {
  const absl::Status parsed = netra::ParseJson(json, m, what);
  if (parsed.ok()) return true;
  std::cerr << "netra: " << path << ": " << parsed.message() << OtherCommandHint(json, m->GetDescriptor()) << "\n";
  return false;
}

// The answers of a streamed batch, held in an unnamed temporary file (in
// $TMPDIR, else /tmp) until the whole input has been read: a read error part
// way leaves standard output empty, as for any other input, while memory
// stays bounded however long the batch. Gone when the command exits.
class SpooledAnswers {
 public:
  // false, with the message printed and *code = kIo, if no temporary file
  // can be made.
  bool Open(int* code) {
    auto fd = netra::internal::UnnamedTempFile("");
    if (!fd.ok()) {
      std::cerr << "netra: the answers: " << fd.status().message() << " (set TMPDIR)\n";
      *code = kIo;
      return false;
    }
    buffer_.emplace(*fd, std::ios::in | std::ios::out | std::ios::binary);
    out_.rdbuf(&*buffer_);
    return true;
  }
  std::ostream& stream() { return out_; }
  // Copies the answers to standard output; false, with the message printed
  // and *code = kIo, if the temporary file could not hold them all (a full
  // disk) or standard output refuses them.
  bool Commit(int* code) {
    out_.flush();
    if (!out_ || buffer_->pubseekpos(0, std::ios::in | std::ios::out) != 0) {
      std::cerr << "netra: the temporary file of the answers could not hold them (is $TMPDIR full?)\n";
      *code = kIo;
      return false;
    }
    if (buffer_->sgetc() != std::char_traits<char>::eof()) std::cout << &*buffer_;
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "netra: standard output: write failed\n";
      *code = kIo;
      return false;
    }
    return true;
  }

 private:
  std::optional<__gnu_cxx::stdio_filebuf<char>> buffer_;  // owns and closes the descriptor
  std::ostream out_{nullptr};
};

// A batch from a spreadsheet's export (`method` EvaluateBatch or
// AuditBatch): a header naming the columns (netra/columns.h), one answer a
// line; exit 1 when a row was refused (each named by its line).
int CsvBatch(const netra::Engine& engine, const char* method, const std::string& path, netra::v1::AnswerForm form) {
  int code = kOk;
  InputFile file;
  SpooledAnswers answers;
  if (!file.Open(path, &code) || !answers.Open(&code)) return code;
  int64_t refused = 0;
  if (auto st = engine.CallCsv(method, file.stream(), answers.stream(), CompactJson(), form, &refused); !st.ok()) {
    std::cerr << "netra: " << path << ": " << st.message() << "\n";
    return absl::IsInvalidArgument(st) ? kBadRequest : kIo;
  }
  if (!answers.Commit(&code)) return code;
  if (refused == 0) return kOk;
  std::cerr << "netra: " << path << ": rows refused: " << refused << " (each named by its line above)\n";
  return kBadRequest;
}

int Evaluate(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.flags["--text"] = false;
  ca.flags["--lines"] = false;
  ca.flags["--summary"] = false;
  if (auto code = ParseCaseArgs("evaluate", args, &ca)) return *code;
  const std::string& file = ca.file;
  const bool text = ca.flags["--text"];
  const netra::v1::AnswerForm form = ca.flags["--summary"] ? netra::v1::SUMMARY : netra::v1::ANSWER_FORM_UNSPECIFIED;
  if (ca.flags["--lines"] || absl::EndsWith(file, ".jsonl") || absl::EndsWith(file, ".csv")) {
    if (text) return Usage("evaluate: --text answers one request; a batch is answered in JSON lines");
    int code = kOk;
    auto engine = LoadEngine(ca.laws, ca.settings, &code);
    if (!engine) return code;
    if (absl::EndsWith(file, ".csv")) return CsvBatch(*engine, "EvaluateBatch", file, form);
    // Streamed, one answer a line (written once the whole input is read);
    // the counts go to standard error.
    InputFile input;
    SpooledAnswers answers;
    if (!input.Open(file, &code) || !answers.Open(&code)) return code;
    int64_t answered = 0, refused = 0;
    if (auto st = engine->EvaluateJsonLines(input.stream(), answers.stream(), &answered, &refused, CompactJson(), form);
        !st.ok()) {
      std::cerr << "netra: " << file << ": " << st.message() << "\n";
      return kIo;
    }
    if (!answers.Commit(&code)) return code;
    std::cerr << "netra: " << answered << " answered, " << refused << " refused\n";
    return refused > 0 ? kBadRequest : kOk;
  }
  if (ca.flags["--summary"]) return Usage("evaluate: --summary is the form of a batch's answers (--lines or .csv)");
  const std::vector<std::string>& laws = ca.laws;
  const std::map<std::string, std::string>& settings = ca.settings;
  int read_code = kOk;
  auto input = ReadInput(file, &read_code);
  if (!input) return read_code;
  netra::v1::EvaluationRequest request;
  if (!ParseCommandJson(file, *input, &request, "request")) return kBadRequest;
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
  out << netra::ToJson(message, CompactJson()) << "\n";
}

// netra test PATH... [--law FILE]... [--set NAME=VALUE]... [--quiet]: runs
// law and audit vectors (netra/vectors.h) and prints a line per vector, the
// reasons of each failure, the counts and the rules no law vector cites.
int Test(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.flags["--quiet"] = false;
  ca.many = true;
  ca.none_given = "test needs a vector file or folder";
  if (auto code = ParseCaseArgs("test", args, &ca)) return *code;
  int code = kOk;
  auto engine = LoadEngine(ca.laws, ca.settings, &code);
  if (!engine) return code;
  auto report = netra::RunVectorFiles(*engine, ca.files);
  if (!report.ok()) {
    std::cerr << "netra: test: " << report.status().message() << "\n";
    return absl::IsInvalidArgument(report.status()) ? kUsage : kIo;
  }
  for (const netra::VectorResult& r : report->results) {
    if (r.failures.empty() && ca.flags["--quiet"]) continue;
    std::cout << (r.failures.empty() ? "PASS  " : "FAIL  ") << netra::PrintableText(r.file)
              << (r.name.empty() ? "" : "  ") << netra::PrintableText(r.name) << "\n";
    for (const std::string& f : r.failures) std::cout << "      " << netra::PrintableText(f) << "\n";
  }
  std::cout << report->law_vectors << " law vectors and " << report->audit_vectors << " audit vectors: "
            << report->passed << " passed, " << report->failed << " failed\n";
  if (report->law_vectors > 0) {
    const size_t rules = netra::RulesVectorsCover(engine->book()).size();
    std::cout << "coverage: " << rules - report->uncovered.size() << " of " << rules
              << " rules are cited by a law vector's answer";
    if (report->uncovered.empty()) {
      std::cout << "\n";
    } else {
      std::cout << "; never exercised:\n";
      std::map<std::string, const netra::RuleEntry*> where;
      for (const netra::RuleEntry& e : engine->book().rules()) where.emplace(e.rule->id(), &e);
      for (const std::string& id : report->uncovered) {
        const netra::RuleEntry* e = where.at(id);
        std::cout << "  " << id << "  (" << e->file << ":" << e->line << ")\n";
      }
    }
  }
  return report->failed > 0 ? kBadRequest : kOk;
}

int Audit(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.flags["--lines"] = false;
  ca.flags["--text"] = false;
  if (auto code = ParseCaseArgs("audit", args, &ca)) return *code;
  const bool lines = ca.flags["--lines"] || absl::EndsWith(ca.file, ".jsonl");
  const bool csv = absl::EndsWith(ca.file, ".csv");
  int code = kOk;
  auto engine = LoadEngine(ca.laws, ca.settings, &code);
  if (!engine) return code;
  if (csv) return CsvBatch(*engine, "AuditBatch", ca.file, netra::v1::ANSWER_FORM_UNSPECIFIED);
  if (lines) {
    // Streamed: a year of decisions need not fit the 8 MiB request limit
    // (the findings are written once the whole input is read).
    InputFile input;
    SpooledAnswers answers;
    if (!input.Open(ca.file, &code) || !answers.Open(&code)) return code;
    netra::v1::AuditSummary summary;
    if (auto st = engine->AuditJsonLines(input.stream(), answers.stream(), &summary, CompactJson()); !st.ok()) {
      std::cerr << "netra: " << ca.file << ": " << st.message() << "\n";
      return kIo;
    }
    if (!answers.Commit(&code)) return code;
    PrintCompactJson(summary, std::cerr);
    return summary.invalid() > 0 ? kBadRequest : kOk;
  }
  int read_code = kOk;
  auto input = ReadInput(ca.file, &read_code);
  if (!input) return read_code;
  netra::v1::DecidedCase decided;
  if (!ParseCommandJson(ca.file, *input, &decided, "decided-case")) return kBadRequest;
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

// A CaseLog from a JSON file. Cases that live in a store are read with
// `netra log show`; an old case log file is moved into one with `netra store
// import`.
std::optional<netra::v1::CaseLog> ReadCase(const std::string& path, int* code) {
  InputFile file;
  if (!file.Open(path, code)) return std::nullopt;
  std::string input(8, '\0');  // its first 8 bytes say whether it is an old log file
  try {
    input.resize(static_cast<size_t>(file.stream().read(input.data(), 8).gcount()));
  } catch (const std::exception&) {
    file.stream().setstate(std::ios::badbit);
  }
  if (!file.stream().bad() && netra::cli::LooksLikeLogFile(input)) {
    std::cerr << "netra: " << path << ": a log file of the storage before the store: move it into a store with "
                 "`netra store import DB " << path << "` and read it with `netra log show`\n";
    *code = kBadRequest;
    return std::nullopt;
  }
  if (!ReadRest(file.stream(), path, &input, code, kMaxRequestBytes, "kMaxJsonBytes")) return std::nullopt;
  netra::v1::CaseLog log;
  if (!ParseCommandJson(path, input, &log, "case")) {
    *code = kBadRequest;
    return std::nullopt;
  }
  return log;
}

// Reads each case file into request->cases (an unreadable one raises *worst
// to its exit code and is left out); returns the file of each case added.
template <typename Request>
std::vector<std::string> AddCases(const std::vector<std::string>& files, Request* request, int* worst) {
  std::vector<std::string> read;
  for (const std::string& f : files) {
    int rc = kOk;
    auto log = ReadCase(f, &rc);
    if (!log) {
      *worst = std::max(*worst, rc);
      continue;
    }
    request->add_cases()->Swap(&*log);
    read.push_back(f);
  }
  return read;
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
  ca.values["--as-of"];
  ca.values["--tukin"];
  if (auto code = ParseCaseArgs("case", args, &ca)) return *code;
  std::optional<absl::CivilDay> as_of;
  int64_t tukin = 0;
  if (ca.values["--as-of"]) {
    auto d = netra::ParseDate(*ca.values["--as-of"], "--as-of");
    if (!d.ok()) return Usage(std::string(d.status().message()));
    as_of = *d;
  }
  if (ca.values["--tukin"] && (!absl::SimpleAtoi(*ca.values["--tukin"], &tukin) || tukin < 0)) {
    return Usage("--tukin needs a non-negative amount");
  }
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
  CaseArgs ca;
  ca.many = true;
  ca.values["--as-of"];
  if (auto code = ParseCaseArgs("overdue", args, &ca)) return *code;
  if (!ca.values["--as-of"]) return Usage("overdue needs --as-of DATE (netra never reads the clock)");
  auto as_of = netra::ParseDate(*ca.values["--as-of"], "--as-of");
  if (!as_of.ok()) return Usage(std::string(as_of.status().message()));
  const std::vector<std::string>& files = ca.files;
  if (files.empty()) return Usage("overdue needs at least one case file");
  int code = kOk;
  auto engine = LoadEngine(ca.laws, ca.settings, &code);
  if (!engine) return code;
  int worst = kOk;
  netra::v1::OverdueRequest request;
  request.set_as_of(netra::FormatDate(*as_of));
  // The file of each case in the request.
  const std::vector<std::string> read = AddCases(files, &request, &worst);
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
    std::cout << netra::PrintableText(it.case_id()) << "\t" << it.period() << "\tdue " << it.due() << "\t"
              << it.rule_id() << "\n";
  }
  return worst;
}

// Exit code of a store error: refused or damaged input 1, the store itself
// unreachable or failing 4.
int StoreCode(const absl::Status& st) {
  return absl::IsUnavailable(st) || absl::IsNotFound(st) || absl::IsAlreadyExists(st) ? kIo : kBadRequest;
}
int StoreError(const std::string& what, const absl::Status& st) {
  std::cerr << "netra: " << what << st.message() << "\n";
  return StoreCode(st);
}

// The store named by --store, else by the environment variable NETRA_STORE
// (as PGDATABASE names a database): false if neither is set.
bool StoreAddress(bool has_flag, std::string* address) {
  if (has_flag) return true;
  const char* env = std::getenv("NETRA_STORE");
  if (env == nullptr || *env == '\0') return false;
  *address = env;
  return true;
}

// Opens --store ADDRESS (a SQLite file or a postgresql:// URL).
std::unique_ptr<netra::Store> OpenStore(const std::string& address, int* code) {
  auto store = netra::Store::Open(address);
  if (!store.ok()) {
    *code = StoreError("", store.status());
    if (absl::IsInvalidArgument(store.status())) *code = kUsage;
    return nullptr;
  }
  return *std::move(store);
}

// netra log init|append|show|list|overdue --store DB ...: cases in a store.
int Log(const std::vector<std::string>& args_in) {
  static const char kUse[] =
      "log: netra log init --store DB CASE.json | append --store DB --case ID EVENT.json | "
      "show --store DB --case ID [--as-of DATE] [--tukin AMOUNT] [--text] | list --store DB [--after ID] [--limit N] | "
      "overdue --store DB --as-of DATE";
  if (args_in.empty()) return Usage(kUse);
  const std::string sub = args_in[0];
  if (sub != "init" && sub != "append" && sub != "show" && sub != "list" && sub != "overdue") return Usage(kUse);
  const std::vector<std::string> args(args_in.begin() + 1, args_in.end());
  CaseArgs ca;
  ca.flags["--text"] = false;
  for (const char* v : {"--store", "--case", "--as-of", "--after", "--limit", "--tukin"}) ca.values[v];
  const bool needs_file = sub == "init" || sub == "append";
  ca.many = !needs_file;  // these subcommands read no file
  if (auto code = ParseCaseArgs(absl::StrCat("log ", sub), args, &ca)) return *code;
  if (!needs_file && !ca.files.empty()) return Usage(absl::StrCat("log ", sub, " takes no input file"));
  auto given = [&](const char* name, std::string* value) {
    *value = ca.values[name].value_or("");
    return ca.values[name].has_value();
  };
  std::string address, case_id, as_of_text, after, limit_text, tukin_text;
  const bool has_store = given("--store", &address), has_case = given("--case", &case_id),
             has_as_of = given("--as-of", &as_of_text), has_limit = given("--limit", &limit_text),
             has_tukin = given("--tukin", &tukin_text);
  given("--after", &after);
  if (!StoreAddress(has_store, &address)) {
    return Usage(absl::StrCat("log ", sub, " needs --store DB (a SQLite file or a postgresql:// URL) or NETRA_STORE"));
  }
  std::optional<absl::CivilDay> as_of;
  if (has_as_of) {
    auto d = netra::ParseDate(as_of_text, "--as-of");
    if (!d.ok()) return Usage(std::string(d.status().message()));
    as_of = *d;
  }
  int code = kOk;
  if (sub == "list") {
    int limit = 100;
    if (has_limit && (!absl::SimpleAtoi(limit_text, &limit) || limit < 1 || limit > 10000)) {
      return Usage("--limit needs a count in 1..10000");
    }
    auto store = OpenStore(address, &code);
    if (!store) return code;
    auto page = store->ListCases(after, limit);
    if (!page.ok()) return StoreError("", page.status());
    for (const netra::CaseSummary& c : *page) {
      std::cout << netra::PrintableText(c.case_id) << "\t" << netra::v1::CaseKind_Name(c.kind) << "\t"
                << netra::v1::CaseStatus_Name(c.status) << "\t" << c.events << " events\t"
                << (c.last_date.empty() ? "-" : c.last_date) << "\n";
    }
    return kOk;
  }
  auto machine = LoadMachine(ca, &code);
  if (!machine) return code;
  if (sub == "overdue") {
    if (!as_of) return Usage("log overdue needs --as-of DATE (netra never reads the clock)");
    auto store = OpenStore(address, &code);
    if (!store) return code;
    auto items = store->Overdue(*machine, *as_of);
    if (!items.ok()) return StoreError("", items.status());
    for (const netra::CaseOverdue& o : *items) {
      std::cout << netra::PrintableText(o.case_id) << "\t" << netra::PeriodName(o.item.period) << "\tdue "
                << netra::FormatDate(o.item.due) << "\t" << machine->book().rules()[o.item.rule].rule->id() << "\n";
    }
    return kOk;
  }
  if (sub == "show") {
    if (!has_case) return Usage("log show needs --case ID");
    int64_t tukin = 0;
    if (has_tukin && (!absl::SimpleAtoi(tukin_text, &tukin) || tukin < 0)) {
      return Usage("--tukin needs a non-negative amount");
    }
    auto store = OpenStore(address, &code);
    if (!store) return code;
    auto progress = store->ReplayCase(case_id, *machine, as_of);
    if (!progress.ok()) return StoreError("", progress.status());
    const netra::v1::CaseState state = machine->Describe(*progress, as_of ? *as_of : progress->last_date, tukin);
    if (ca.flags["--text"]) {
      std::cout << netra::CaseStateText(state);
    } else {
      PrintJson(state);
    }
    return kOk;
  }
  if (sub != "init" && sub != "append") return Usage(kUse);
  int read = kOk;
  auto input = ReadInput(ca.file, &read);
  if (!input) return read;
  if (sub == "init") {
    netra::v1::CaseLog header;
    if (auto st = netra::ParseJson(*input, &header, "case"); !st.ok()) {
      std::cerr << "netra: " << ca.file << ": " << st.message() << "\n";
      return kBadRequest;
    }
    // A refused case leaves no store behind where there was none: the
    // SQLite file the open made is removed with its journal files.
    std::error_code ec;
    const bool new_file = !absl::StartsWith(address, "postgres") && !std::filesystem::exists(address, ec);
    auto store = OpenStore(address, &code);
    if (!store) return code;
    if (auto st = store->CreateCase(header, *machine); !st.ok()) {
      const int refused = StoreError("refused: ", st);
      if (new_file) {
        store.reset();
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(address + suffix, ec);
      }
      return refused;
    }
    std::cout << "created case " << netra::PrintableText(header.case_id()) << " with " << header.events_size()
              << " events\n";
    return kOk;
  }
  if (!has_case) return Usage("log append needs --case ID");
  netra::v1::CaseEvent event;
  if (auto st = netra::ParseJson(*input, &event, "event"); !st.ok()) {
    std::cerr << "netra: " << ca.file << ": " << st.message() << "\n";
    return kBadRequest;
  }
  auto store = OpenStore(address, &code);
  if (!store) return code;
  auto after_event = store->AppendCaseEvent(case_id, event, *machine);
  if (!after_event.ok()) return StoreError("refused: ", after_event.status());
  std::cout << "appended event " << after_event->events << "; status "
            << netra::v1::CaseStatus_Name(after_event->status) << "\n";
  return kOk;
}

// Imports a roster by its extension: .jsonl = RosterEntry lines, else CSV.
std::optional<netra::RosterTable> LoadRoster(const std::string& path, netra::v1::RosterImportReport* report,
                                             int* code) {
  InputFile in;
  if (!in.Open(path, code)) return std::nullopt;
  auto table = absl::EndsWith(path, ".jsonl") ? netra::ImportRosterJsonLines(in.stream(), report)
                                              : netra::ImportRosterCsv(in.stream(), report);
  if (!table.ok()) {
    std::cerr << "netra: " << path << ": " << table.status().message() << "\n";
    *code = absl::IsUnavailable(table.status()) ? kIo : kBadRequest;  // a failed read is exit 4
    return std::nullopt;
  }
  return *std::move(table);
}

int Roster(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0] != "check" || absl::StartsWith(args[1], "--")) {
    return Usage("roster: netra roster check ROSTER");
  }
  netra::v1::RosterImportReport report;
  int code = kOk;
  if (!LoadRoster(args[1], &report, &code)) return code;
  PrintJson(report);
  std::cout << "\n";
  return report.rejected() > 0 ? kBadRequest : kOk;
}

// `netra pact progress --text` (and the pact part of `netra siasn report --text`).
std::string PactProgressText(const netra::v1::PactProgress& p) {
  std::ostringstream out;
  auto row = [](const netra::v1::PactCounts& c) {
    return absl::StrCat("issued ", c.issued(), ", signed on time ", c.signed_on_time(), ", late ", c.signed_late(),
                        ", not signed ", c.not_signed(), ", declined ", c.declined(), ", breached ", c.breached(),
                        ", withdrawn ", c.withdrawn(), " (", static_cast<int>(c.signed_rate() * 1000) / 10.0, "% signed)");
  };
  out << "Pacts of " << netra::PrintableText(p.election()) << " as of " << p.as_of() << " (due " << p.due()
      << "): " << row(p.total()) << "\n";
  for (const auto& g : p.groups()) {
    out << "  " << netra::PrintableText(g.agency()) << " / " << netra::PrintableText(g.unit()) << " / "
        << netra::v1::PositionClass_Name(g.position_class()) << " / " << netra::v1::EmployeeKind_Name(g.kind())
        << ": " << row(g) << "\n";
  }
  out << "Leaders first (practice, not law): " << p.units_leaders_first() << " units in order, "
      << p.units_staff_ahead_of_leaders() << " with staff ahead of their leaders, " << p.units_without_leader()
      << " without a leader on the roster\n";
  for (const auto& o : p.leadership()) {
    if (o.staff_signed_before_leaders() == 0) continue;
    out << "  staff ahead: " << netra::PrintableText(o.agency()) << " / " << netra::PrintableText(o.unit())
        << ": " << o.staff_signed_before_leaders() << " signed before their leaders (" << o.leaders_signed()
        << " of " << o.leaders() << " signed)\n";
  }
  for (const auto& n : p.not_signed_nips()) out << "  not signed: " << netra::PrintableText(n) << "\n";
  return out.str();
}

int Pact(const std::vector<std::string>& args) {
  if (args.empty()) return Usage("pact: netra pact issue|record|progress --roster R --election ID ...");
  const std::string sub = args[0];
  std::map<std::string, std::string> opt;  // the options given, as text
  std::vector<std::string> positional;
  bool text = false;
  CLI::App app{"pact"};
  NoHelp(app);
  app.add_flag("--text", text);
  std::map<std::string, std::string> values;
  for (const char* k : {"--roster", "--election", "--store", "--date", "--template", "--leadership", "--as-of",
                        "--not-signed", "--law", "--nip", "--method", "--place", "--ceremony", "--evidence"}) {
    app.add_option(k, values[k]);
  }
  app.add_option("inputs", positional);
  if (auto code = ParseApp(app, "pact", {args.begin() + 1, args.end()}, "")) return *code;
  for (const auto& [k, v] : values) {
    if (app.count(k)) opt[k] = v;
  }
  if (!opt.count("--roster") || !opt.count("--election")) return Usage("pact needs --roster FILE and --election ID");
  int code = kOk;
  std::vector<std::string> laws;
  if (opt.count("--law")) laws.push_back(opt["--law"]);
  // The request layer: `progress` is its PactProgress over the store.
  auto engine = LoadEngine(laws, {}, &code);
  if (!engine) return code;
  const std::shared_ptr<const netra::RuleBook>& book = engine->book_ptr();
  netra::v1::RosterImportReport report;
  auto roster = LoadRoster(opt["--roster"], &report, &code);
  if (!roster) return code;
  if (report.rejected() > 0) {
    std::cerr << "netra: " << opt["--roster"] << ": " << report.rejected()
              << " rows refused (see `netra roster check`); continuing with " << report.accepted() << "\n";
  }
  const bool has_store = opt.count("--store") > 0;  // before opt["--store"] creates the key
  if (!StoreAddress(has_store, &opt["--store"])) {
    return Usage("pact needs --store DB (a SQLite file or a postgresql:// URL) or NETRA_STORE");
  }
  auto pacts = netra::StoredPacts::Create(book, &*roster, opt["--election"]);
  if (!pacts.ok()) {
    std::cerr << "netra: " << pacts.status().message() << "\n";
    return kBadRequest;
  }
  // The registry's events live in the store: replayed now; each append
  // replays what others wrote since, checks and writes in one transaction.
  auto store = OpenStore(opt["--store"], &code);
  if (!store) return code;
  if (sub != "progress") {  // progress syncs through the request layer
    if (auto st = store->SyncPacts(&*pacts); !st.ok()) return StoreError("", st);
  }
  netra::PactRegistry* reg = &pacts->registry();
  // Issue and expire go to everyone still due (others may have issued some
  // meanwhile: skipped); a single event is stored or refused.
  int64_t stored = 0;
  auto append = [&](const std::vector<netra::v1::PactEvent>& list, netra::RefusedEvents refused) -> int {
    auto r = store->AppendPactEvents(&*pacts, list, refused);
    if (!r.ok()) return StoreError("refused: ", r.status());
    stored += r->appended;
    return kOk;
  };
  // Issue and expire build their events a batch at a time (a national
  // roster is millions), each batch one transaction; each event is checked
  // once, by the store's append (who already has an active pact, has none
  // to expire, or was issued one meanwhile by another writer, is skipped).
  constexpr size_t kBatch = 50'000;
  if (sub == "issue" || sub == "expire") {
    // After the election every active pact expires (docs/law/pakta_netralitas.md).
    if (!opt.count("--date")) return Usage(absl::StrCat("pact ", sub, " needs --date DATE"));
    auto date = netra::ParseDate(opt["--date"], "--date");
    if (!date.ok()) return Usage(std::string(date.status().message()));
    const auto type = sub == "issue" ? netra::v1::PACT_ISSUED : netra::v1::PACT_EXPIRED;
    for (size_t row = 0; row < roster->size();) {
      auto events = reg->BulkEvents(type, *date, nullptr, &row, kBatch, opt["--template"], opt["--leadership"]);
      if (!events.ok()) return Usage(std::string(events.status().message()));
      if (int rc = append(*events, netra::RefusedEvents::kSkip); rc != kOk) return rc;
    }
    std::cout << (sub == "issue" ? "issued " : "expired ") << stored << " pacts of " << opt["--election"] << "\n";
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
    if (int rc = append({e}, netra::RefusedEvents::kStop); rc != kOk) return rc;
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
      if (const int rc = append(link->events, netra::RefusedEvents::kStop); rc != kOk) return rc;
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
    netra::v1::PactProgressRequest request;
    request.set_as_of(netra::FormatDate(*as_of));
    request.set_max_not_signed(max);
    auto answer = engine->PactProgress(*store, &*pacts, request);
    if (!answer.ok()) return StoreError("", answer.status());
    const netra::v1::PactProgress& p = answer->progress();
    if (!text) {
      PrintJson(p);
      std::cout << "\n";
      return kOk;
    }
    std::cout << PactProgressText(p);
    return kOk;
  }
  return Usage(absl::StrCat("pact: unknown subcommand \"", sub, "\""));
}

// A file name for a case id or election: [A-Za-z0-9._-] kept, other bytes
// as %XX, so that any id gives one file and no path.
std::string FileNameOf(const std::string& id) {
  std::string out;
  for (unsigned char c : id) {
    if (absl::ascii_isalnum(c) || c == '.' || c == '_' || c == '-') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out.empty() || out[0] == '.' ? "%" + out : out;
}

// netra store import DB [--roster R] [--law FILE] LOGFILE... | export DB DIR | check DB:
// moves case and pact log files (the old storage) into a store and back.
int StoreCommand(const std::vector<std::string>& args_in) {
  static const char kUse[] =
      "store: netra store import DB [--roster ROSTER] LOGFILE... | netra store export DB DIR | netra store check DB";
  if (args_in.size() < 2) return Usage(kUse);
  const std::string sub = args_in[0];
  const std::string address = args_in[1];
  std::string roster_path;
  std::vector<std::string> laws, args;
  CLI::App app{absl::StrCat("store ", sub)};
  NoHelp(app);
  app.add_option("--roster", roster_path);
  RepeatedOption(app, "--law", &laws);
  app.add_option("inputs", args);
  if (auto code = ParseApp(app, absl::StrCat("store ", sub), {args_in.begin() + 2, args_in.end()}, "")) return *code;
  const bool has_roster = app.count("--roster") > 0;
  int code = kOk;
  if (sub == "check") {
    if (!args.empty()) return Usage(kUse);
    auto store = OpenStore(address, &code);
    if (!store) return code;
    int64_t cases = 0, events = 0, pact_events = 0;
    std::string after;
    int worst = kOk;
    for (;;) {
      auto page = store->ListCases(after, 1000);
      if (!page.ok()) return StoreError("", page.status());
      for (const netra::CaseSummary& c : *page) {
        auto log = store->ReadCase(c.case_id);
        if (!log.ok()) {
          worst = std::max(worst, StoreError("", log.status()));
          continue;
        }
        ++cases;
        events += log->events_size();
      }
      if (page->size() < 1000) break;
      after = page->back().case_id;
    }
    auto elections = store->ListElections();
    if (!elections.ok()) return StoreError("", elections.status());
    for (const std::string& e : *elections) {
      for (int64_t from = 0;;) {
        auto page = store->ListPactEvents(e, from, 100000);
        if (!page.ok()) {
          worst = std::max(worst, StoreError("", page.status()));
          break;
        }
        from += static_cast<int64_t>(page->size());
        pact_events += static_cast<int64_t>(page->size());
        if (page->size() < 100000) break;
      }
    }
    auto rosters = store->ListRosters();
    if (!rosters.ok()) return StoreError("", rosters.status());
    int64_t roster_rows = 0;
    for (const std::string& e : *rosters) {
      netra::RosterCursor cursor;
      auto st = store->ReadRosterRows(e, &cursor, [](const netra::v1::RosterEntry&) { return absl::OkStatus(); });
      if (!st.ok()) worst = std::max(worst, StoreError("", st));
      roster_rows += cursor.rows;
    }
    std::cout << store->kind() << " store: " << cases << " cases with " << events << " events, "
              << elections->size() << " pact registries with " << pact_events << " events, " << rosters->size()
              << " rosters with " << roster_rows << " rows; chains verified"
              << (worst == kOk ? "" : " except as reported") << "\n";
    return worst;
  }
  if (sub == "export") {
    if (args.size() != 1) return Usage(kUse);
    const std::string dir = args[0];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      std::cerr << "netra: " << dir << ": cannot create: " << ec.message() << "\n";
      return kIo;
    }
    auto store = OpenStore(address, &code);
    if (!store) return code;
    // Written in the log file format of the storage before the store
    // (src/cli/log_files.h), owner-only like the store.
    auto write = [&](const std::string& path, netra::cli::LogKind kind, const std::string& header,
                     const std::vector<std::string>& records) -> int {
      auto f = netra::cli::LogFileWriter::Create(path, kind, header);
      absl::Status st = f.status();
      for (size_t i = 0; st.ok() && i < records.size(); ++i) st = f->Add(records[i]);
      if (st.ok()) st = f->Finish();
      if (!st.ok()) {
        std::cerr << "netra: " << st.message() << "\n";
        return kIo;
      }
      return kOk;
    };
    int64_t cases = 0, registries = 0;
    std::string after;
    for (;;) {
      auto page = store->ListCases(after, 1000);
      if (!page.ok()) return StoreError("", page.status());
      for (const netra::CaseSummary& c : *page) {
        auto log = store->ReadCase(c.case_id);
        if (!log.ok()) return StoreError("", log.status());
        netra::v1::CaseLog header = *log;
        header.clear_events();
        std::vector<std::string> records;
        for (const auto& e : log->events()) records.push_back(e.SerializeAsString());
        if (int rc = write(absl::StrCat(dir, "/case-", FileNameOf(c.case_id), ".log"), netra::cli::LogKind::kCase,
                           header.SerializeAsString(), records);
            rc != kOk) {
          return rc;
        }
        ++cases;
      }
      if (page->size() < 1000) break;
      after = page->back().case_id;
    }
    auto elections = store->ListElections();
    if (!elections.ok()) return StoreError("", elections.status());
    for (const std::string& e : *elections) {
      std::vector<std::string> records;
      for (int64_t from = 0;;) {
        auto page = store->ListPactEvents(e, from, 100000);
        if (!page.ok()) return StoreError("", page.status());
        for (const auto& ev : *page) records.push_back(ev.SerializeAsString());
        from += static_cast<int64_t>(page->size());
        if (page->size() < 100000) break;
      }
      netra::v1::PactLogHeader header;
      header.set_election(e);
      if (int rc = write(absl::StrCat(dir, "/pacts-", FileNameOf(e), ".log"), netra::cli::LogKind::kPact,
                         header.SerializeAsString(),
                         records);
          rc != kOk) {
        return rc;
      }
      ++registries;
    }
    // The rosters the service keeps (LoadRoster), as JSON lines of
    // RosterEntry (what --roster and LoadRoster read), owner-only: they
    // hold names and NIPs.
    auto rosters = store->ListRosters();
    if (!rosters.ok()) return StoreError("", rosters.status());
    for (const std::string& e : *rosters) {
      const std::string path = absl::StrCat(dir, "/roster-", FileNameOf(e), ".jsonl");
      const int fd = CreateOutputFile(path, &code, 0600);
      if (fd < 0) return code;
      __gnu_cxx::stdio_filebuf<char> buffer(fd, std::ios::out | std::ios::binary);
      std::ostream out(&buffer);
      netra::RosterCursor cursor;
      auto st = store->ReadRosterRows(e, &cursor, [&](const netra::v1::RosterEntry& row) {
        out << netra::ToJson(row, {.pretty = false}) << "\n";
        return absl::OkStatus();
      });
      if (!st.ok()) return StoreError("", st);
      if (!out.flush() || buffer.close() == nullptr) {
        std::cerr << "netra: " << path << ": cannot write\n";
        return kIo;
      }
    }
    std::cout << "exported " << cases << " cases, " << registries << " pact registries and " << rosters->size()
              << " rosters to " << dir << "\n";
    return kOk;
  }
  if (sub != "import") return Usage(kUse);
  if (args.empty()) return Usage("store import needs at least one log file");
  int worst = kOk;
  auto book = LoadBook(laws, &code);
  if (!book) return code;
  auto machine = netra::CaseMachine::Create(book);
  if (!machine.ok()) {
    std::cerr << "netra: " << machine.status().message() << "\n";
    return kBadRequest;
  }
  auto store = OpenStore(address, &code);
  if (!store) return code;
  std::optional<netra::RosterTable> roster;
  // A file is checked whole before anything of it is stored; its records
  // are numbered from 1 (the header), so event i is record i + 2.
  auto refuse = [&](const std::string& file, int64_t record, absl::string_view why) {
    std::cerr << "netra: " << file << ": refused: record " << record << ": " << why << "\n";
    worst = std::max(worst, int{kBadRequest});
  };
  for (const std::string& file : args) {
    auto contents = netra::cli::ReadLogFile(file);
    if (!contents.ok()) {
      std::cerr << "netra: " << file << ": refused: " << contents.status().message() << "\n";
      // What is in the file is exit 1; a file that cannot be read is exit 4.
      worst = std::max(worst, absl::IsInvalidArgument(contents.status()) || absl::IsDataLoss(contents.status())
                                  ? int{kBadRequest} : int{kIo});
      continue;
    }
    const std::vector<std::string>& records = contents->records;
    if (contents->torn_record > 0) {
      std::cerr << "netra: " << file << ": record " << contents->torn_record << ": torn (" << contents->torn_bytes
                << " bytes: a write cut short by a crash, never acknowledged); not imported\n";
    }
    if (contents->kind == netra::cli::LogKind::kCase) {
      netra::v1::CaseLog log;
      if (records.empty() || !log.ParseFromString(records[0]) || log.events_size() != 0) {
        refuse(file, 1, "not a case header (netra.v1.CaseLog without events)");
        continue;
      }
      netra::CaseProgress dry;
      if (auto st = machine->Start(log, &dry); !st.ok()) {
        refuse(file, 1, st.message());
        continue;
      }
      bool refused = false;
      for (size_t i = 1; i < records.size() && !refused; ++i) {
        netra::v1::CaseEvent* e = log.add_events();
        if (!e->ParseFromString(records[i])) {
          refuse(file, static_cast<int64_t>(i) + 1, "not a case event");
          refused = true;
        } else if (auto st = machine->Apply(*e, &dry); !st.ok()) {
          refuse(file, static_cast<int64_t>(i) + 1, st.message());
          refused = true;
        }
      }
      if (refused) continue;
      if (auto st = store->CreateCase(log, *machine); !st.ok()) {
        std::cerr << "netra: " << file << ": refused: " << st.message() << "\n";
        worst = std::max(worst, StoreCode(st));
        continue;
      }
      std::cout << "imported case " << netra::PrintableText(log.case_id()) << " (" << log.events_size()
                << " events) from " << file << "\n";
      continue;
    }
    netra::v1::PactLogHeader header;
    if (records.empty() || !header.ParseFromString(records[0])) {
      refuse(file, 1, "not a pact log header");
      continue;
    }
    if (!has_roster) return Usage(absl::StrCat("store import: ", file, " is a pact log: --roster ROSTER is needed"));
    if (!roster) {
      netra::v1::RosterImportReport report;
      roster = LoadRoster(roster_path, &report, &code);
      if (!roster) return code;
    }
    auto pacts = netra::StoredPacts::Create(book, &*roster, header.election());
    if (!pacts.ok()) {
      std::cerr << "netra: " << file << ": refused: " << pacts.status().message() << "\n";
      worst = std::max(worst, int{kBadRequest});
      continue;
    }
    std::vector<netra::v1::PactEvent> events(records.size() - 1);
    bool parsed = true;
    for (size_t i = 1; i < records.size() && parsed; ++i) {
      if (!events[i - 1].ParseFromString(records[i])) {
        refuse(file, static_cast<int64_t>(i) + 1, "not a pact event");
        parsed = false;
      }
    }
    if (!parsed) continue;
    if (auto st = store->SyncPacts(&*pacts); !st.ok()) return StoreError("", st);
    {
      auto dry = netra::StoredPacts::Create(book, &*roster, header.election());
      if (auto st = store->SyncPacts(&*dry); !st.ok()) return StoreError("", st);
      for (size_t i = 0; i < events.size() && parsed; ++i) {
        if (auto st = dry->registry().Apply(events[i]); !st.ok()) {
          refuse(file, static_cast<int64_t>(i) + 2, st.message());
          parsed = false;
        }
      }
      if (!parsed) continue;
    }
    auto r = store->AppendPactEvents(&*pacts, events, netra::RefusedEvents::kStop);
    if (!r.ok()) {
      // events[i] is record i + 2; the events before it are stored.
      std::cerr << "netra: " << file << ": refused: " << r.status().message() << "\n";
      worst = std::max(worst, StoreCode(r.status()));
      continue;
    }
    std::cout << "imported " << r->appended << " pact events of " << header.election() << " from " << file << "\n";
  }
  return worst;
}

int Compliance(const std::vector<std::string>& args) {
  CaseArgs ca;
  ca.many = true;
  ca.takes_law = false;
  for (const char* v : {"--roster", "--im-nkk", "--as-of"}) ca.values[v];
  if (auto code = ParseCaseArgs("compliance", args, &ca)) return *code;
  const std::string roster_path = ca.values["--roster"].value_or("");
  const std::string index_path = ca.values["--im-nkk"].value_or("");
  std::optional<std::string> bands;
  for (const auto& [name, value] : ca.settings) {
    if (name != "im_nkk_predicate_bands") {
      return Usage(absl::StrCat("compliance: --set takes only im_nkk_predicate_bands=BANDS, not ", name));
    }
    bands = value;
  }
  std::optional<absl::CivilDay> as_of;
  if (ca.values["--as-of"]) {
    auto d = netra::ParseDate(*ca.values["--as-of"], "--as-of");
    if (!d.ok()) return Usage(std::string(d.status().message()));
    as_of = *d;
  }
  const std::vector<std::string>& files = ca.files;
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
        std::cerr << "netra: " << index_path << ":" << line_no << ": " << netra::internal::Quoted(line, 120)
                  << " is not \"agency,index\"\n";
        return kBadRequest;
      }
      absl::string_view agency = absl::StripAsciiWhitespace(line.substr(0, comma));
      if (agency.size() >= 2 && agency.front() == '"' && agency.back() == '"') agency = agency.substr(1, agency.size() - 2);
      if (!request.mutable_im_nkk_index()->insert({std::string(agency), value}).second) {
        std::cerr << "netra: " << index_path << ":" << line_no << ": agency " << netra::internal::Quoted(agency, 120)
                  << " appears twice\n";
        return kBadRequest;
      }
    }
  }
  int worst = kOk;
  // The file of each case in the request.
  const std::vector<std::string> read = AddCases(files, &request, &worst);
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

// --- netra siasn -------------------------------------------------------------

void PrintRefusals(const google::protobuf::RepeatedPtrField<netra::v1::SiasnRefusal>& refusals,
                   const google::protobuf::RepeatedPtrField<std::string>& warnings) {
  for (const auto& r : refusals) {
    std::cerr << "netra: " << r.table() << " row " << r.row() << ": " << netra::PrintableText(r.reason()) << "\n";
  }
  for (const auto& w : warnings) std::cerr << "netra: warning: " << netra::PrintableText(w) << "\n";
}

std::string SiasnReportText(const netra::v1::SiasnReportResponse& r, const std::string& dir) {
  std::string out = absl::StrCat("SIASN export ", netra::PrintableText(dir), ": ", r.employees(), " employees, ",
                                 r.hukdis_rows(), " sanction decisions (", r.without_facts_size(),
                                 " without the case file's facts, not audited), ", r.refusals_size(),
                                 " rows refused, ", r.warnings_size(), " warnings\n");
  const netra::v1::AuditSummary& s = r.audit_summary();
  absl::StrAppend(&out, "\nAudit of ", s.cases(), " decisions: within the law ", s.within_law(), ", too light ",
                  s.too_light(), ", too heavy ", s.too_heavy(), ", another type ", s.other_type(),
                  ", type not in force ", s.type_not_in_force(), ", signer without authority ",
                  s.official_without_authority(), ", not sanctioned ", s.not_sanctioned(), ", double sanction ",
                  s.double_sanction(), ", recommendation not followed ", s.recommendation_not_followed(),
                  ", cannot assess ", s.cannot_assess(), ", refused ", s.invalid(), "\n");
  for (const auto& f : r.findings()) {
    if (f.verdict() == netra::v1::WITHIN_LAW) continue;
    absl::StrAppend(&out, "  ", netra::PrintableText(f.case_id()), ": ", netra::v1::Verdict_Name(f.verdict()));
    if (f.reasons_size() > 0) absl::StrAppend(&out, ": ", netra::PrintableText(f.reasons(0)));
    absl::StrAppend(&out, "\n");
  }
  for (const auto& e : r.audit_errors()) absl::StrAppend(&out, "  ", netra::PrintableText(e), "\n");
  if (r.has_pact_progress()) absl::StrAppend(&out, "\n", PactProgressText(r.pact_progress()));
  return out;
}

int Siasn(const std::vector<std::string>& args) {
  if (args.size() < 2) {
    return Usage("siasn needs import|roster|cases|report and a SIASN export folder");
  }
  const std::string& sub = args[0];
  if (sub != "import" && sub != "roster" && sub != "cases" && sub != "report") {
    return Usage(absl::StrCat("siasn: unknown subcommand ", sub, " (import, roster, cases, report)"));
  }
  std::string dir, election, as_of;
  bool text = false;
  int32_t not_signed = 0;
  std::string not_signed_text;  // options are read as text and checked in netra's words
  const std::string command = absl::StrCat("siasn ", sub);
  CLI::App app{command};
  NoHelp(app);
  if (sub == "report") {
    app.add_option("--election", election);
    app.add_option("--as-of", as_of);
    app.add_option("--not-signed", not_signed_text);
    app.add_flag("--text", text);
  }
  app.add_option("folder", dir);
  const std::string too_many = absl::StrCat(command, " takes one folder");
  if (auto code = ParseApp(app, command, {args.begin() + 1, args.end()}, too_many.c_str())) return *code;
  if (!not_signed_text.empty() && (!absl::SimpleAtoi(not_signed_text, &not_signed) || not_signed < 0)) {
    return Usage(absl::StrCat("--not-signed: \"", not_signed_text, "\" is not a count"));
  }
  if (dir.empty()) return Usage(absl::StrCat("siasn ", sub, " needs a SIASN export folder"));
  if (!election.empty() && as_of.empty()) return Usage("siasn report: --election needs --as-of DATE");
  int code = kOk;
  auto engine = LoadEngine({}, {}, &code);
  if (!engine) return code;
  auto read = netra::ReadSiasnFolder(dir);
  if (!read.ok()) {
    std::cerr << "netra: " << read.status().message() << "\n";
    return absl::IsInvalidArgument(read.status()) ? kBadRequest : kIo;
  }
  netra::v1::SiasnReportRequest& request = *read;
  const bool pacts = sub == "report" && !election.empty();
  if (sub == "report") {
    if (!pacts && request.pact_events_size() > 0) {
      std::cerr << "netra: pakta.jsonl not counted: give --election ID --as-of DATE for pact progress\n";
      request.clear_pact_events();
    }
    request.set_election(election);
    request.set_as_of(as_of);
    request.set_max_not_signed(not_signed);
    auto r = engine->SiasnReport(request);
    if (!r.ok()) {
      std::cerr << "netra: " << r.status().message() << "\n";
      return kBadRequest;
    }
    if (text) {
      std::cout << SiasnReportText(*r, dir);
    } else {
      PrintJson(*r);
      std::cout << "\n";
    }
    PrintRefusals(r->refusals(), r->warnings());
    return r->refusals_size() > 0 || r->audit_summary().invalid() > 0 ? kBadRequest : kOk;
  }
  auto r = engine->FromSiasn(request.records());
  if (!r.ok()) {
    std::cerr << "netra: " << r.status().message() << "\n";
    return kBadRequest;
  }
  if (sub == "import") {
    PrintJson(*r);
    std::cout << "\n";
  } else if (sub == "roster") {
    for (const auto& e : r->roster()) PrintCompactJson(e, std::cout);
  } else {
    for (const auto& c : r->decided_cases()) PrintCompactJson(c, std::cout);
    for (const auto& id : r->without_facts()) {
      std::cerr << "netra: hukdis " << netra::PrintableText(id) << ": no facts in facts.json: not a decided case\n";
    }
  }
  PrintRefusals(r->refusals(), r->warnings());
  return r->refusals_size() > 0 ? kBadRequest : kOk;
}

int Elections(const std::vector<std::string>& args) {
  bool json = false;
  std::vector<std::string> laws;
  CLI::App app{"elections"};
  NoHelp(app);
  app.add_flag("--json", json);
  RepeatedOption(app, "--law", &laws);
  if (auto code = ParseApp(app, "elections", args, nullptr)) return *code;
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
  std::string as_of_text;
  CLI::App app{"rules"};
  NoHelp(app);
  app.add_flag("--json", json);
  app.add_option("--as-of", as_of_text);
  RepeatedOption(app, "--law", &laws);
  if (auto code = ParseApp(app, "rules", args, nullptr)) return *code;
  if (app.count("--as-of")) {
    auto d = netra::ParseDate(as_of_text, "--as-of");
    if (!d.ok()) return Usage(std::string(d.status().message()));
    as_of = *d;
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
  CLI::App app{"check-law"};
  NoHelp(app);
  app.add_flag("--standalone", standalone);
  app.add_option("files", files);
  if (auto code = ParseApp(app, "check-law", args, "")) return *code;
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

// netra synth province: a synthetic province as Records calls, in a new
// directory (netra/synth.h WriteProvince).
int SynthProvince(const std::vector<std::string>& args) {
  netra::synth::ProvinceOptions options;
  std::optional<int64_t> employees;
  std::string out_dir;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::string, bool> no_flags;
  if (auto code = ParsePairs("synth province", {args.begin() + 1, args.end()},
                             {"--seed", "--employees", "--agencies", "--election", "--as-of", "--out"}, {}, &pairs,
                             &no_flags)) {
    return *code;
  }
  for (const auto& [flag, value] : pairs) {
    int64_t n = 0;
    if (flag == "--seed") {
      if (!absl::SimpleAtoi(value, &options.seed)) return Usage(absl::StrCat("--seed: \"", value, "\" is not a number"));
    } else if (flag == "--election") {
      options.election = value;
    } else if (flag == "--as-of") {
      if (auto d = netra::ParseDate(value, "--as-of"); !d.ok()) return Usage(std::string(d.status().message()));
      options.as_of = value;
    } else if (flag == "--out") {
      out_dir = value;
    } else if (!absl::SimpleAtoi(value, &n)) {
      return Usage(absl::StrCat(flag, ": \"", value, "\" is not a number"));
    } else if (flag == "--employees") {
      employees = n;
    } else if (n < 0 || n > 10'000) {
      return Usage(absl::StrCat("--agencies: ", n, " is out of range"));
    } else {
      options.agencies = static_cast<int>(n);
    }
  }
  if (!employees || options.election.empty() || options.as_of.empty() || out_dir.empty()) {
    return Usage("synth province needs --employees N, --election ID, --as-of DATE and --out DIR");
  }
  options.employees = *employees;
  auto summary = netra::synth::WriteProvince(options, out_dir);
  if (!summary.ok()) {
    // An option out of range is a usage error naming it; a directory in the
    // way or a failed write is an I/O error.
    if (absl::IsInvalidArgument(summary.status())) {
      std::string message(summary.status().message());  // "as_of: ..." names the option
      const size_t colon = message.find(':');
      if (colon != std::string::npos) std::replace(message.begin(), message.begin() + colon, '_', '-');
      return Usage(absl::StrCat("synth province: --", message));
    }
    std::cerr << "netra: " << summary.status().message() << "\n";
    return kIo;
  }
  const netra::synth::ProvinceSummary& s = *summary;
  std::vector<std::string> calls;
  for (const auto& [method, n] : s.calls) calls.push_back(absl::StrCat(method, " ", n));
  std::vector<std::string> statuses;
  for (const auto& [status, n] : s.neutrality_status) statuses.push_back(absl::StrCat(status, " ", n));
  std::cout << "SYNTHETIC province written to " << out_dir << " (" << options.election << ", as of " << options.as_of
            << ", due " << s.due << ")\n"
            << "  " << s.employees << " employees, " << s.agencies << " agencies, " << s.units << " units\n"
            << "  " << s.total_calls << " calls: " << absl::StrJoin(calls, ", ") << "\n"
            << "  pacts: issued " << s.issued << ", signed on time " << s.signed_on_time << ", late " << s.signed_late
            << ", not signed " << s.not_signed << ", declined " << s.declined << ", withdrawn " << s.withdrawn
            << ", breached " << s.breaches << "; units with staff ahead of leaders " << s.units_staff_ahead_of_leaders
            << "\n"
            << "  cases: " << s.neutrality_cases << " neutrality (" << absl::StrJoin(statuses, ", ") << "), "
            << s.disciplinary_cases << " disciplinary; " << s.cases_overdue << " with a duty overdue\n";
  return kOk;
}

// netra synth siasn --employees N [--decisions K] [--seed S] [--agencies A] [--as-of DATE] --out DIR
int SynthSiasn(const std::vector<std::string>& args) {
  netra::synth::SiasnExportOptions options;
  std::string out_dir;
  bool employees = false;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::string, bool> no_flags;
  if (auto code = ParsePairs("synth siasn", {args.begin() + 1, args.end()},
                             {"--seed", "--employees", "--agencies", "--decisions", "--as-of", "--out"}, {}, &pairs,
                             &no_flags)) {
    return *code;
  }
  for (const auto& [flag, value] : pairs) {
    int64_t n = 0;
    if (flag == "--out") {
      out_dir = value;
    } else if (flag == "--as-of") {
      if (auto d = netra::ParseDate(value, "--as-of"); !d.ok()) return Usage(std::string(d.status().message()));
      options.pact_as_of = value;
    } else if (flag == "--seed") {
      if (!absl::SimpleAtoi(value, &options.seed)) return Usage(absl::StrCat("--seed: \"", value, "\" is not a number"));
    } else if (!absl::SimpleAtoi(value, &n) || n < 0) {
      return Usage(absl::StrCat(flag, ": \"", value, "\" is not a count"));
    } else if (flag == "--employees") {
      options.employees = n;
      employees = true;
    } else if (flag == "--decisions") {
      options.decisions = n;
    } else if (n > 10'000) {
      return Usage(absl::StrCat("--agencies: ", n, " is out of range"));
    } else {
      options.agencies = static_cast<int>(n);
    }
  }
  if (!employees || out_dir.empty()) return Usage("synth siasn needs --employees N and --out DIR");
  auto summary = netra::synth::WriteSiasnExport(options, out_dir);
  if (!summary.ok()) {
    if (absl::IsInvalidArgument(summary.status())) {
      return Usage(absl::StrCat("synth siasn: --", summary.status().message()));
    }
    std::cerr << "netra: " << summary.status().message() << "\n";
    return kIo;
  }
  std::cout << "SYNTHETIC SIASN export written to " << out_dir << ": " << summary->employees << " employees in "
            << summary->agencies << " agencies, " << summary->decisions << " sanction decisions ("
            << summary->without_facts << " without facts)\n";
  return kOk;
}

// netra synth roster|reports|province|siasn: seeded synthetic data (netra/synth.h).
int Synth(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "province") return SynthProvince(args);
  if (!args.empty() && args[0] == "siasn") return SynthSiasn(args);
  if (args.empty() || (args[0] != "roster" && args[0] != "reports")) {
    return Usage("synth: netra synth roster --employees N ... | netra synth reports --count N --election ID ... | "
                 "netra synth province --employees N --election ID --as-of DATE --out DIR ...");
  }
  const bool roster = args[0] == "roster";
  std::optional<int64_t> employees, count;
  uint64_t seed = 1;
  int agencies = 0;
  std::string election, out_path;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::string, bool> no_flags;
  const std::string command = absl::StrCat("synth ", args[0]);
  if (auto code = roster ? ParsePairs(command, {args.begin() + 1, args.end()}, {"--seed", "--out", "--employees", "--agencies"},
                                      {}, &pairs, &no_flags)
                         : ParsePairs(command, {args.begin() + 1, args.end()}, {"--seed", "--out", "--count", "--election"},
                                      {}, &pairs, &no_flags)) {
    return *code;
  }
  for (const auto& [flag, value] : pairs) {
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
  std::unique_ptr<__gnu_cxx::stdio_filebuf<char>> file_buffer;
  std::ostream file(nullptr);
  std::ostream* out = &std::cout;
  if (!out_path.empty() && out_path != "-") {
    int code = kOk;
    const int fd = CreateOutputFile(out_path, &code);
    if (fd < 0) return code;
    file_buffer = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(fd, std::ios::out | std::ios::binary);
    file.rdbuf(file_buffer.get());
    out = &file;
  }
  absl::Status st = roster ? netra::synth::WriteRoster({seed, *employees, agencies}, *out)
                           : netra::synth::WriteReports({.seed = seed, .count = *count, .election = election}, *out);
  if (st.ok() && !out->flush()) st = absl::UnavailableError("the write failed");
  if (!st.ok()) {
    std::cerr << "netra: " << (out_path.empty() ? "standard output" : out_path) << ": " << st.message() << "\n";
    return kIo;
  }
  return kOk;
}

#ifdef NETRA_WITH_SERVE
int ServeToken(const std::vector<std::string>& args) {
  netra::v1::AccessToken entry;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::string, bool> flags;
  if (auto code = ParsePairs("serve token", args, {"--name", "--agency", "--access"}, {"--personal-data"}, &pairs,
                             &flags)) {
    return *code;
  }
  entry.set_personal_data(flags["--personal-data"]);
  for (const auto& [a, v] : pairs) {
    if (a == "--name") {
      entry.set_name(v);
    } else if (a == "--agency") {
      entry.add_agencies(v);
    } else if (a == "--access") {
      netra::v1::Access access;
      if (!netra::v1::Access_Parse(v, &access) || access == netra::v1::ACCESS_UNSPECIFIED) {
        return Usage(absl::StrCat("serve token: --access \"", v, "\" is not READ_ONLY or READ_WRITE"));
      }
      entry.set_access(access);
    } else {
      return Usage(absl::StrCat("serve token: unknown flag ", a));
    }
  }
  if (entry.name().empty() || entry.access() == netra::v1::ACCESS_UNSPECIFIED) {
    return Usage("serve token needs --name NAME and --access READ_ONLY|READ_WRITE");
  }
  auto token = netra::serve::NewToken();
  if (!token.ok()) {
    std::cerr << "netra: " << token.status().message() << "\n";
    return kIo;
  }
  entry.set_sha256(netra::serve::Sha256Hex(*token));
  std::string text;
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.PrintToString(entry, &text);
  std::cout << "token: " << *token << "\n"
            << "# add to the tokens file (netra serve --tokens FILE):\n"
            << "tokens { " << text << "}\n";
  return kOk;
}

// HOST:PORT, HOST possibly an IPv6 address in brackets. False if malformed.
bool ParseListen(const std::string& v, std::string* host, int* port) {
  const size_t colon = v.rfind(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(v.substr(colon + 1), port)) return false;
  *host = v.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  return true;
}

int Serve(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "token") return ServeToken({args.begin() + 1, args.end()});
  netra::serve::ServeOptions options;
  std::vector<std::string> laws;
  std::map<std::string, std::string> settings;
  bool quiet = false;
  netra::RecordsOptions records_options;
  bool has_store = false;
  std::string data_dir;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::map<std::string, bool> flags;
  if (auto code = ParsePairs("serve", args,
                             {"--listen", "--grpc-listen", "--tokens", "--tls-cert", "--tls-key", "--data", "--store",
                              "--store-connections", "--max-connections", "--read-timeout", "--write-timeout",
                              "--idle-timeout", "--drain-timeout", "--max-stream-bytes", "--web", "--law", "--set"},
                             {"--quiet"}, &pairs, &flags)) {
    return *code;
  }
  quiet = flags["--quiet"];
  for (const auto& [a, v] : pairs) {
    int* seconds = a == "--read-timeout"    ? &options.read_timeout_seconds
                   : a == "--write-timeout" ? &options.write_timeout_seconds
                   : a == "--idle-timeout"  ? &options.idle_timeout_seconds
                   : a == "--drain-timeout" ? &options.drain_timeout_seconds
                   : a == "--max-connections" ? &options.max_connections
                   : a == "--store-connections" ? &records_options.connections
                                              : nullptr;
    if (seconds != nullptr) {
      if (!absl::SimpleAtoi(v, seconds)) return Usage(absl::StrCat("serve: ", a, " needs a whole number, got \"", v, "\""));
    } else if (a == "--listen" || a == "--grpc-listen") {
      const bool http = a == "--listen";
      if (!ParseListen(v, http ? &options.host : &options.grpc_host, http ? &options.port : &options.grpc_port)) {
        return Usage(absl::StrCat("serve: ", a, " needs HOST:PORT (127.0.0.1:8080, [::1]:8080), got \"", v, "\""));
      }
    } else if (a == "--max-stream-bytes") {
      if (!absl::SimpleAtoi(v, &options.max_stream_bytes)) {
        return Usage(absl::StrCat("serve: --max-stream-bytes needs a whole number, got \"", v, "\""));
      }
    } else if (a == "--tokens") {
      options.tokens_file = v;
    } else if (a == "--web") {
      options.web_dir = v;
    } else if (a == "--tls-cert") {
      options.tls_cert_file = v;
    } else if (a == "--tls-key") {
      options.tls_key_file = v;
    } else if (a == "--data") {
      std::error_code ec;
      std::filesystem::create_directories(v, ec);
      if (ec || !std::filesystem::is_directory(v)) {
        std::cerr << "netra: serve: --data " << v << ": not a directory that can be made\n";
        return kIo;
      }
      std::filesystem::permissions(v, std::filesystem::perms::owner_all, ec);
      options.spool_dir = v;
      data_dir = v;
    } else if (a == "--store") {
      records_options.store = v;
      has_store = true;
    } else if (a == "--law") {
      laws.push_back(v);
    } else if (a == "--set") {
      const size_t eq = v.find('=');
      if (eq == std::string::npos) return Usage(absl::StrCat("--set needs NAME=VALUE, got \"", v, "\""));
      settings[v.substr(0, eq)] = v.substr(eq + 1);
    } else {
      return Usage(absl::StrCat("serve: unknown flag ", a));
    }
  }
  int code = kOk;
  auto engine = LoadEngine(laws, settings, &code);
  if (!engine) return code;
  // The store: --store (or NETRA_STORE), else DIR/netra.db with --data.
  std::unique_ptr<netra::Records> records;
  if (StoreAddress(has_store, &records_options.store) || !data_dir.empty()) {
    if (records_options.store.empty()) records_options.store = (std::filesystem::path(data_dir) / "netra.db").string();
    auto r = netra::Records::Open(engine, records_options);
    if (!r.ok()) {
      std::cerr << "netra: serve: " << r.status().message() << "\n";
      return absl::IsInvalidArgument(r.status()) ? kUsage : kIo;
    }
    records = *std::move(r);
  }
  // SIGTERM and SIGINT are taken by a thread that stops the server (Stop is
  // not async-signal-safe); blocked before any thread starts, so every
  // thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  auto server = netra::serve::Server::Create(engine, records.get(), options, quiet ? nullptr : &std::cerr);
  if (!server.ok()) {
    std::cerr << "netra: serve: " << server.status().message() << "\n";
    return absl::IsInvalidArgument(server.status()) ? kUsage : kIo;
  }
  auto port = (*server)->Bind();
  if (!port.ok()) {
    std::cerr << "netra: serve: " << port.status().message() << "\n";
    return kIo;
  }
  std::thread signals([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    if (signal != 0) (*server)->Stop();
  });
  const bool v6 = options.host.find(':') != std::string::npos;
  std::cout << "netra serve: listening on " << (options.tls_cert_file.empty() ? "http" : "https") << "://"
            << (v6 ? "[" : "") << options.host << (v6 ? "]" : "") << ":"
            << *port;
  if ((*server)->grpc_port() >= 0) std::cout << " and gRPC " << options.grpc_host << ":" << (*server)->grpc_port();
  std::cout << std::endl;
  const absl::Status served = (*server)->Serve();
  // Serve returns on Stop (the signal thread) or a failed socket; wake the
  // signal thread in the latter case so it can be joined.
  if (!served.ok()) pthread_kill(signals.native_handle(), SIGTERM);
  signals.join();
  std::cerr << std::flush;
  if (!served.ok()) {
    std::cerr << "netra: serve: " << served.message() << "\n";
    return kIo;
  }
  std::cout << "netra serve: stopped" << std::endl;
  return kOk;
}
#else
int Serve(const std::vector<std::string>&) {
  std::cerr << "netra: serve: this netra was built without the service (install libcpp-httplib-dev and "
               "configure again)\n";
  return kUsage;
}
#endif

int Version(const std::vector<std::string>&) {
  std::cout << "netra 0.1.0\n";
  return kOk;
}

// The commands, in the order of kHelp: each its function and the example
// `netra COMMAND --help` shows.
struct Command {
  const char* name;
  int (*run)(const std::vector<std::string>&);
  const char* example;
};
constexpr Command kCommands[] = {
    {"evaluate", Evaluate, "netra evaluate examples/absence_15_days_2025.json --text"},
    {"audit", Audit, "netra audit examples/audit_decisions_2019.jsonl"},
    {"case", Case, "netra case examples/case_disciplinary_absence_2024.json --as-of 2024-12-31 --text"},
    {"overdue", Overdue, "netra overdue --as-of 2025-06-30 examples/case_neutrality_pilkada_2024.json"},
    {"log", Log, "netra log list --store /tmp/netra.db"},
    {"store", StoreCommand, "netra store check /tmp/netra.db"},
    {"roster", Roster, "netra roster check examples/roster_synthetic_500.csv"},
    {"pact", Pact,
     "netra pact progress --roster examples/roster_synthetic_500.csv --election pilkada2024 --store /tmp/netra.db "
     "--as-of 2024-10-01 --text"},
    {"compliance", Compliance,
     "netra compliance --roster examples/roster_synthetic_500.csv --as-of 2025-06-30 "
     "examples/case_neutrality_pilkada_2024.json"},
    {"siasn", Siasn, "netra siasn report examples/siasn_synthetic --election pilkada2024 --as-of 2024-10-01 --text"},
    {"elections", Elections, "netra elections"},
    {"rules", Rules, "netra rules --as-of 2019-06-01"},
    {"check-law", CheckLaw, "netra check-law law/pp94_2021.textproto"},
    {"test", Test, "netra test tests/vectors --quiet"},
    {"synth", Synth, "netra synth roster --employees 500 --seed 7 --out roster.csv"},
    {"serve", Serve, "netra serve --data /tmp/netra-data"},
    {"version", Version, "netra version"}};

// The command's dispatch: one function per command.
int Run(std::vector<std::string> args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? kUsage : kOk;
  }
  if (args[0] == "--version" || args[0] == "-V") args[0] = "version";
  const std::string command = args[0];
  args.erase(args.begin());
  const Command* found = nullptr;
  std::vector<std::string> names;
  for (const Command& c : kCommands) {
    if (command == c.name) found = &c;
    names.push_back(c.name);
  }
  if (found == nullptr) {
    return Usage(absl::StrCat("unknown command \"", command, "\"", netra::internal::DidYouMean(command, names)));
  }
  g_command = command;
  // Before any command: --help and the JSON flags (CLI11 takes --flag=value
  // as --flag value in every command).
  std::vector<std::string> rest;
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "Usage:\n" << CommandHelp(command) << "\nExample:\n  " << found->example
                << "\n\nJSON answers: --emit-defaults (every field, also at its default), --camel-case "
                   "(lowerCamelCase names), --int64-as-numbers (counts as JSON numbers).\n";
      return kOk;
    }
    if (a == "--emit-defaults") {
      g_json.emit_defaults = true;
    } else if (a == "--camel-case") {
      g_json.camel_case = true;
    } else if (a == "--int64-as-numbers") {
      g_json.int64_as_numbers = true;
    } else {
      rest.push_back(a);
    }
  }
  args = std::move(rest);
  return found->run(args);
}

}  // namespace

// Standard error as every message of the command reaches it: a control
// character (other than the newline that ends a message), a direction
// control or a byte that is not UTF-8 is shown escaped, as PrintableText
// shows it (netra/text.h), so no value quoted in a message (a file name, a
// case id, a line of input) can move the cursor, recolour the terminal or
// reorder the line. Stateless, so writes from the service's threads need no
// lock beyond the underlying buffer's.
class PrintableStderr : public std::streambuf {
 public:
  explicit PrintableStderr(std::streambuf* out) : out_(out) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const absl::string_view text(s, static_cast<size_t>(n));
    // Most writes (a request log line, a message's words) hold nothing to
    // escape: checked without decoding their ASCII.
    if (netra::internal::InvalidUtf8(text) == absl::string_view::npos &&
        netra::internal::FirstControl(text) == absl::string_view::npos) {
      out_->sputn(s, n);
      return n;
    }
    size_t start = 0;
    for (size_t i = 0; i < text.size();) {
      const size_t len = netra::internal::Utf8Length(text, i);
      const bool keep = len != 0 && (text[i] == '\n' ||
                                     !netra::internal::IsControl(netra::internal::Utf8CodePoint(text, i, len)));
      if (keep) {
        i += len;
        continue;
      }
      out_->sputn(text.data() + start, static_cast<std::streamsize>(i - start));
      const std::string shown = netra::PrintableText(text.substr(i, len == 0 ? 1 : len));  // "\xNN" for a bad byte
      out_->sputn(shown.data(), static_cast<std::streamsize>(shown.size()));
      i += len == 0 ? 1 : len;
      start = i;
    }
    out_->sputn(text.data() + start, static_cast<std::streamsize>(text.size() - start));
    return n;
  }
  int sync() override { return out_->pubsync(); }

 private:
  std::streambuf* out_;
};

// Whatever escapes a command (an I/O exception of a stream, memory) ends it
// with a message and exit 4, never an abort.
int main(int argc, char** argv) {
  // Never destroyed: std::cerr is flushed after static objects are gone.
  static auto* printable_stderr = new PrintableStderr(std::cerr.rdbuf());
  std::cerr.rdbuf(printable_stderr);
  try {
    return Run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "netra: " << e.what() << "\n";
    return kIo;
  }
}
