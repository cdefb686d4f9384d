// The catalogue of bad input (issue 7 item 3): every input netra reads from
// an HR system, fed what its users might type. The cases are data, one file
// per input kind in tests/bad_input/*.cases (the format is described in
// tests/bad_input/README.md); this file runs them. Each case asserts the
// exact error class (absl::StatusCode, or the exit code for the command
// line), fragments of the message (which must name the field and the value;
// for law files the file, line and rule id), and that nothing changed: the
// case progress, the pact registry, the roster table, the log file's bytes,
// the law file's bytes, the files a command was given.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "absl/strings/strip.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/calendar.h"
#include "netra/case.h"
#include "netra/store.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/json.h"
#include "netra/netra.h"
#include "netra/nip.h"
#include "netra/pact.h"
#include "netra/rule_book.h"
#include "netra/text.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

const std::string kDir = std::string(NETRA_SOURCE_DIR) + "/tests/bad_input";

// A case of the catalogue: a sentence naming it, keys (code, message, ...)
// and the input.
struct Case {
  std::string file;  // "request.cases"
  int line = 0;      // line of its "==" header
  std::string name;
  std::multimap<std::string, std::string> keys;
  std::string input;
  bool has_input = false;  // an `input:` section, even an empty one

  std::string Key(const std::string& k, const std::string& fallback = "") const {
    auto it = keys.find(k);
    return it == keys.end() ? fallback : it->second;
  }
  std::vector<std::string> All(const std::string& k) const {
    std::vector<std::string> out;
    for (auto [it, end] = keys.equal_range(k); it != end; ++it) out.push_back(it->second);
    return out;
  }
  std::string Where() const { return absl::StrCat(file, ":", line, ": ", name); }
};

// Input macros, so that huge inputs stay one line of data:
// {{rep N|TEXT}} = N copies of TEXT joined by commas; {{pad N|TEXT}} = N
// copies of TEXT.
std::string Expand(const std::string& in) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t open = in.find("{{", at);
    if (open == std::string::npos) break;
    // The macro ends at the last brace of a run ("...}}}" closes TEXT's
    // object, then the macro).
    size_t close = in.find("}}", open);
    while (close != std::string::npos && close + 2 < in.size() && in[close + 2] == '}') ++close;
    const size_t bar = in.find('|', open);
    if (close == std::string::npos || bar == std::string::npos || bar > close) break;
    std::vector<std::string> head = absl::StrSplit(in.substr(open + 2, bar - open - 2), ' ');
    int n = 0;
    if (head.size() != 2 || !absl::SimpleAtoi(head[1], &n) || (head[0] != "rep" && head[0] != "pad")) break;
    out += in.substr(at, open - at);
    const std::string text = in.substr(bar + 1, close - bar - 1);
    for (int i = 0; i < n; ++i) {
      if (head[0] == "rep" && i > 0) out += ",";
      out += text;
    }
    at = close + 2;
  }
  out += in.substr(at);
  return out;
}

std::vector<Case> Load(const std::string& file) {
  std::ifstream in(kDir + "/" + file);
  EXPECT_TRUE(in) << "cannot read " << kDir << "/" << file;
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  bool in_input = false;
  while (std::getline(in, line)) {
    ++number;
    if (absl::StartsWith(line, "== ")) {
      cases.emplace_back();
      cases.back().file = file;
      cases.back().line = number;
      cases.back().name = line.substr(3);
      in_input = false;
      continue;
    }
    if (cases.empty()) continue;  // the file's preamble
    Case& c = cases.back();
    if (in_input) {
      c.input += line + "\n";
    } else if (line == "input:") {
      in_input = c.has_input = true;
    } else if (!line.empty() && line[0] != '#') {
      const size_t colon = line.find(": ");
      EXPECT_NE(colon, std::string::npos) << file << ":" << number << ": expected `key: value`";
      if (colon != std::string::npos) c.keys.emplace(line.substr(0, colon), line.substr(colon + 2));
    }
  }
  for (Case& c : cases) {
    // Blank lines separate cases: an input never ends with a newline.
    while (absl::EndsWith(c.input, "\n")) c.input.pop_back();
    c.input = Expand(c.input);
  }
  return cases;
}

absl::StatusCode CodeNamed(const std::string& name) {
  for (int c = 0; c <= 16; ++c) {
    if (absl::StatusCodeToString(static_cast<absl::StatusCode>(c)) == name) return static_cast<absl::StatusCode>(c);
  }
  ADD_FAILURE() << "unknown status code name " << name;
  return absl::StatusCode::kUnknown;
}

// The expected code and every message fragment ({PATH} = the file the case
// was written to).
void Expect(const Case& c, const absl::Status& st, const std::string& path = "") {
  const std::string want = c.Key("code");
  ASSERT_FALSE(want.empty()) << c.Where() << ": no code";
  EXPECT_EQ(st.code(), CodeNamed(want)) << c.Where() << "\n  got: " << st;
  const std::vector<std::string> parts = c.All("message");
  EXPECT_FALSE(parts.empty()) << c.Where() << ": no message fragment";
  for (const std::string& p : parts) {
    const std::string part = absl::StrReplaceAll(p, {{"{PATH}", path}});
    EXPECT_TRUE(absl::StrContains(st.message(), part)) << c.Where() << "\n  message: " << st.message()
                                                       << "\n  lacks: " << part;
  }
}

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// A fresh directory per case under the test's temporary directory.
std::string TempDir(const std::string& tag) {
  static int n = 0;
  const std::string dir = absl::StrCat(::testing::TempDir(), "/netra_bad_input_", getpid(), "_", tag, "_", ++n);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Everything in a directory, by name, for "the files are as they were".
std::map<std::string, std::string> Files(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = ReadBytes(e.path().string());
  return out;
}

// ------------------------------------------------------------- requests

TEST(BadInput, Requests) {
  auto evaluator = Evaluator::Create(Book());
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  const auto cases = Load("request.cases");
  for (const Case& c : cases) {
    // A refused document leaves the message it was parsed into as it was.
    v1::EvaluationRequest request;
    request.mutable_employee()->set_pns_id("before");
    const std::string before = request.SerializeAsString();
    absl::Status st = ParseJson(c.input, &request, "request");
    if (!st.ok()) {
      EXPECT_EQ(request.SerializeAsString(), before) << c.Where() << ": a refused parse changed the message";
    } else {
      st = evaluator->Evaluate(request).status();
    }
    Expect(c, st);
  }
}

TEST(BadInput, DecidedCases) {
  auto auditor = Auditor::Create(Book());
  ASSERT_TRUE(auditor.ok()) << auditor.status();
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok()) << engine.status();
  const auto cases = Load("decided.cases");
  for (const Case& c : cases) {
    v1::DecidedCase decided;
    absl::Status st = ParseJson(c.input, &decided, "decided-case");
    if (st.ok()) st = auditor->Audit(decided).status();
    Expect(c, st);
    // The same line in a JSON-lines file is reported with its number (2:
    // a good case comes first), and the run goes on to the third.
    std::string flat = absl::StrReplaceAll(c.input, {{"\n", " "}});
    const std::string good =
        R"({"case_id": "ok", "request": {"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance",)"
        R"( "act_date": "2025-06-30", "absence": {"cumulative_working_days": 3}}]},)"
        R"( "imposed": {"sanction_type": "R1", "decision_date": "2025-07-10"}})";
    std::istringstream in(absl::StrCat(good, "\n", flat, "\n", good, "\n"));
    std::ostringstream out;
    v1::AuditSummary summary;
    ASSERT_TRUE((*engine)->AuditJsonLines(in, out, &summary).ok());
    if (flat.find_first_not_of(" \t\r") == std::string::npos) continue;  // a blank line is skipped
    EXPECT_EQ(summary.cases(), 3) << c.Where();
    EXPECT_EQ(summary.invalid(), 1) << c.Where();
    EXPECT_TRUE(absl::StrContains(out.str(), "{\"line\":2,\"code\":\"INVALID_ARGUMENT\",\"error\":")) << c.Where() << "\n" << out.str();
  }
}

// ------------------------------------------------------------- law files

// \xNN in an input is that byte (binary garbage, log file records).
std::string Unescape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    int v = 0;
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
        absl::SimpleHexAtoi(text.substr(i + 2, 2), &v)) {
      out.push_back(static_cast<char>(v));
      i += 3;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}


TEST(BadInput, LawFiles) {
  const auto cases = Load("law.cases");
  for (const Case& c : cases) {
    const std::string dir = TempDir("law");
    const std::string path = dir + "/" + c.Key("file", "host.textproto");
    WriteBytes(path, Unescape(c.input));
    const std::string before = ReadBytes(path);
    absl::Status st;
    auto src = ReadLawFile(path);
    if (!src.ok()) {
      st = src.status();
    } else {
      LoadOptions options;
      options.include_embedded = c.Key("standalone") != "true";
      options.require_evaluator_rules = options.include_embedded;
      st = RuleBook::Load({*src}, options).status();
    }
    Expect(c, st, path);
    EXPECT_EQ(ReadBytes(path), before) << c.Where() << ": the law file changed on disk";
    fs::remove_all(dir);
  }
}

// A law file past kMaxLawFileBytes is refused by its size, read or given.
TEST(BadInput, HugeLawFile) {
  const std::string dir = TempDir("hugelaw");
  const std::string path = dir + "/huge.textproto";
  WriteBytes(path, std::string(kMaxLawFileBytes + 1, '#'));
  auto src = ReadLawFile(path);
  ASSERT_FALSE(src.ok());
  EXPECT_EQ(src.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(src.status().message(), path)) << src.status();
  EXPECT_TRUE(absl::StrContains(src.status().message(), absl::StrCat(kMaxLawFileBytes))) << src.status();
  auto book = RuleBook::Load({LawSource{"given.textproto", std::string(kMaxLawFileBytes + 1, '#')}});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(book.status().message(), "given.textproto")) << book.status();
  fs::remove_all(dir);
}

// ------------------------------------------------------------- cases

const CaseMachine& Machine() {
  static const auto* m = new CaseMachine(*CaseMachine::Create(Book()));
  return *m;
}

// Everything a CaseProgress holds, for "a refused event changed nothing".
std::string Fingerprint(const CaseProgress& p) {
  std::string s = absl::StrCat(p.case_id, "|", p.kind, "|", p.status, "|", p.employee.SerializeAsString(), "|",
                               p.organisation.SerializeAsString(), "|", p.events, "|", FormatDate(p.last_date), "|",
                               p.seen, "|", FormatDate(p.scheduled), "|", p.team_formed, p.examined_by_team,
                               p.released, p.blocked, p.retired, p.has_findings, "|");
  for (int t = 0; t < 64; ++t) {
    if ((p.seen >> t) & 1) absl::StrAppend(&s, t, "@", FormatDate(p.on[t]), ",");
  }
  absl::StrAppend(&s, "|", p.findings.SerializeAsString(), "|", p.result.outcome, p.result.regime, p.result.level, "|",
                  p.result.allowed, "|", p.facts.acts.size(), "|", p.Banding(), "|", p.decided_by, "|", p.decided_type, "|", p.sanction_type, "|", p.document_number, "|",
                  FormatDate(p.remedy_decided), p.remedied, p.late_remedy, "|", p.linked_case_id, "|");
  for (const PeriodProgress& pp : p.periods) {
    absl::StrAppend(&s, static_cast<int>(pp.period), ":", pp.rule, ":", FormatDate(pp.counted_from), ":", pp.due_known,
                    ":", FormatDate(pp.due), ":", pp.met, ":", FormatDate(pp.met_on), ":", pp.cancelled, ";");
  }
  for (const std::string& n : p.notes) absl::StrAppend(&s, n, ";");
  for (int32_t r : p.principles) absl::StrAppend(&s, r, ",");
  absl::StrAppend(&s, "|", Machine().Describe(p, absl::CivilDay(2026, 12, 31)).SerializeAsString());
  return s;
}

v1::CaseLog Scenario(const Case& c) {
  const std::string name = c.Key("scenario");
  v1::CaseLog log;
  const absl::Status st = ParseJson(ReadBytes(kDir + "/scenarios/" + name + ".json"), &log, "scenario");
  EXPECT_TRUE(st.ok()) << c.Where() << ": scenario " << name << ": " << st;
  return log;
}

TEST(BadInput, CaseEvents) {
  const CaseMachine& m = Machine();
  const auto cases = Load("case_event.cases");
  for (const Case& c : cases) {
    const v1::CaseLog log = Scenario(c);
    auto replayed = m.Replay(log);
    ASSERT_TRUE(replayed.ok()) << c.Where() << ": scenario refused: " << replayed.status();
    CaseProgress p = *replayed;
    const std::string before = Fingerprint(p);
    v1::CaseEvent event;
    absl::Status st = ParseJson(c.input, &event, "event");
    if (st.ok()) st = m.Apply(event, &p);
    Expect(c, st);
    EXPECT_EQ(Fingerprint(p), before) << c.Where() << ": a refused event changed the progress";

    // The same event through a store holding the scenario: refused, nothing
    // written.
    const std::string dir = TempDir("casestore");
    auto store = Store::Open(dir + "/cases.db");
    ASSERT_TRUE(store.ok()) << c.Where() << ": " << store.status();
    v1::CaseLog stored = log;
    if (stored.case_id().empty()) stored.set_case_id("bad-input");
    ASSERT_TRUE((*store)->CreateCase(stored, m).ok()) << c.Where();
    if (c.Key("log") != "skip" && ParseJson(c.input, &event, "event").ok()) {
      Expect(c, (*store)->AppendCaseEvent(stored.case_id(), event, m).status());
    }
    auto after = (*store)->ReplayCase(stored.case_id(), m);
    ASSERT_TRUE(after.ok()) << c.Where() << ": " << after.status();
    EXPECT_EQ(Fingerprint(*after), before) << c.Where() << ": a refused event changed the stored case";
    store->reset();
    fs::remove_all(dir);
  }
}

// Case logs: a header (CaseLog JSON) that cannot start a case, or a whole
// log that cannot be replayed; its header is also refused by a store, which
// then holds no case. (Damaged log files of the storage before the store are
// cases of `netra store import` in cli.cases.)
TEST(BadInput, CaseLogs) {
  const CaseMachine& m = Machine();
  const auto cases = Load("case_log.cases");
  for (const Case& c : cases) {
    v1::CaseLog log;
    absl::Status st = ParseJson(c.input, &log, "case");
    if (st.ok()) st = m.Replay(log).status();
    Expect(c, st);
    if (c.Key("create") != "skip" && ParseJson(c.input, &log, "case").ok()) {
      const std::string dir = TempDir("casestores");
      auto store = Store::Open(dir + "/cases.db");
      ASSERT_TRUE(store.ok()) << c.Where() << ": " << store.status();
      log.clear_events();
      Expect(c, (*store)->CreateCase(log, m));
      auto listed = (*store)->ListCases("", 10);
      ASSERT_TRUE(listed.ok()) << c.Where();
      EXPECT_TRUE(listed->empty()) << c.Where() << ": a refused header stored a case";
      store->reset();
      fs::remove_all(dir);
    }
  }
}

// ------------------------------------------------------------- rosters and pacts

RosterTable Roster(const std::string& csv, v1::RosterImportReport* report) {
  std::istringstream in(csv);
  auto t = ImportRosterCsv(in, report);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *std::move(t) : RosterTable();
}

bool SameTable(const RosterTable& a, const RosterTable& b) {
  return a.nip == b.nip && a.kind == b.kind && a.position_type == b.position_type && a.leader == b.leader &&
         a.unit == b.unit && a.agency == b.agency && a.name_end == b.name_end && a.names == b.names &&
         a.grades == b.grades && a.grade == b.grade && a.units == b.units && a.unit_agency == b.unit_agency &&
         a.agencies == b.agencies && a.row_of == b.row_of;
}

std::string WithoutLine(const std::string& text, int64_t line) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (line >= 1 && static_cast<size_t>(line) <= lines.size()) lines[line - 1].clear();
  return absl::StrJoin(lines, "\n");
}

// Row refusals: the import succeeds, the row is refused with its line and
// reason, and the table is exactly the one without that line. File errors:
// the code and message.
void RunRosterCases(const std::string& file, bool jsonl) {
  const auto cases = Load(file);
  auto import = [&](const std::string& text, v1::RosterImportReport* report) {
    std::istringstream in(text);
    return jsonl ? ImportRosterJsonLines(in, report) : ImportRosterCsv(in, report);
  };
  for (const Case& c : cases) {
    v1::RosterImportReport report;
    auto table = import(c.input, &report);
    if (c.Key("code") != "OK") {
      Expect(c, table.status());
      continue;
    }
    ASSERT_TRUE(table.ok()) << c.Where() << ": " << table.status();
    int64_t line = 0;
    ASSERT_TRUE(absl::SimpleAtoi(c.Key("refused_line"), &line)) << c.Where() << ": needs refused_line";
    ASSERT_EQ(report.rejected(), 1) << c.Where() << "\n" << report.DebugString();
    EXPECT_EQ(report.rejections(0).line(), line) << c.Where();
    for (const std::string& part : c.All("message")) {
      EXPECT_TRUE(absl::StrContains(report.rejections(0).reason(), part))
          << c.Where() << "\n  reason: " << report.rejections(0).reason() << "\n  lacks: " << part;
    }
    v1::RosterImportReport clean;
    auto without = import(WithoutLine(c.input, line), &clean);
    ASSERT_TRUE(without.ok()) << c.Where();
    EXPECT_EQ(clean.rejected(), 0) << c.Where();
    EXPECT_TRUE(SameTable(*table, *without)) << c.Where() << ": the refused row changed the roster table";
  }
}

TEST(BadInput, RosterCsv) { RunRosterCases("roster_csv.cases", false); }
TEST(BadInput, RosterJsonLines) { RunRosterCases("roster_jsonl.cases", true); }

std::string PactSnapshot(const PactRegistry& r) {
  std::string s;
  for (absl::CivilDay d : {absl::CivilDay(2024, 9, 1), absl::CivilDay(2024, 9, 30), absl::CivilDay(2030, 1, 1)}) {
    s += r.Progress(d, 1000000).SerializeAsString();
    int64_t counts[8];
    r.Totals(d, counts);
    for (int64_t k : counts) absl::StrAppend(&s, k, ",");
  }
  return s;
}

TEST(BadInput, PactEvents) {
  v1::RosterImportReport report;
  const RosterTable roster = Roster(ReadBytes(kDir + "/scenarios/pact_roster.csv"), &report);
  ASSERT_EQ(report.rejected(), 0) << report.DebugString();
  const auto cases = Load("pact_event.cases");
  for (const Case& c : cases) {
    auto reg = PactRegistry::Create(Book(), &roster, "pilkada2024");
    ASSERT_TRUE(reg.ok()) << reg.status();
    std::vector<v1::PactEvent> prefix;
    const std::string scenario = c.Key("scenario");
    if (!scenario.empty() && scenario != "none") {
      for (absl::string_view line : absl::StrSplit(ReadBytes(kDir + "/scenarios/" + scenario + ".jsonl"), '\n',
                                                   absl::SkipWhitespace())) {
        v1::PactEvent e;
        ASSERT_TRUE(ParseJson(line, &e, "scenario event").ok()) << c.Where() << ": " << line;
        ASSERT_TRUE(reg->Apply(e).ok()) << c.Where() << ": scenario event refused: " << line;
        prefix.push_back(e);
      }
    }
    const std::string before = PactSnapshot(*reg);
    v1::PactEvent event;
    absl::Status st = ParseJson(c.input, &event, "event");
    if (st.ok()) {
      Expect(c, reg->Check(event));
      st = reg->Apply(event);
    }
    Expect(c, st);
    EXPECT_EQ(PactSnapshot(*reg), before) << c.Where() << ": a refused event changed the registry";
    if (!st.ok() && st.code() != absl::StatusCode::kInvalidArgument) continue;

    // Through a store holding the scenario: refused, nothing written.
    const std::string dir = TempDir("pactstore");
    auto store = Store::Open(dir + "/pacts.db");
    ASSERT_TRUE(store.ok()) << store.status();
    auto fresh = StoredPacts::Create(Book(), &roster, "pilkada2024");
    ASSERT_TRUE(fresh.ok()) << fresh.status();
    if (!prefix.empty()) ASSERT_TRUE((*store)->AppendPactEvents(&*fresh, prefix).ok()) << c.Where();
    if (ParseJson(c.input, &event, "event").ok()) {
      auto appended = (*store)->AppendPactEvents(&*fresh, {event});
      ASSERT_FALSE(appended.ok()) << c.Where() << ": stored";
      Expect(c, appended.status());
    }
    EXPECT_EQ(fresh->events(), static_cast<int64_t>(prefix.size())) << c.Where();
    EXPECT_EQ(PactSnapshot(fresh->registry()), before) << c.Where();
    auto reread = StoredPacts::Create(Book(), &roster, "pilkada2024");
    ASSERT_TRUE(reread.ok());
    ASSERT_TRUE((*store)->SyncPacts(&*reread).ok()) << c.Where();
    EXPECT_EQ(reread->events(), static_cast<int64_t>(prefix.size())) << c.Where() << ": a refused event was stored";
    store->reset();
    fs::remove_all(dir);
  }
}

// A pact registry whose stored events the registry refuses half-way (the
// roster changed since they were written) is refused on reading, naming the
// event; the store is left as it was.
TEST(BadInput, AStoredPactEventRefusedOnReplayIsNamedAndTheStoreIsLeftAsItWas) {
  v1::RosterImportReport report;
  const RosterTable full = Roster(ReadBytes(kDir + "/scenarios/pact_roster.csv"), &report);
  const std::string dir = TempDir("pactopen");
  const std::string path = dir + "/pacts.db";
  std::vector<v1::PactEvent> events;
  for (absl::string_view line :
       absl::StrSplit(ReadBytes(kDir + "/scenarios/pact_signed.jsonl"), '\n', absl::SkipWhitespace())) {
    ASSERT_TRUE(ParseJson(line, &events.emplace_back(), "event").ok());
  }
  {
    auto store = Store::Open(path);
    auto pacts = StoredPacts::Create(Book(), &full, "pilkada2024");
    ASSERT_TRUE(store.ok() && pacts.ok());
    ASSERT_TRUE((*store)->AppendPactEvents(&*pacts, events).ok());
  }
  // The roster without the second employee (issued in the registry's event 2).
  const RosterTable smaller = Roster(WithoutLine(ReadBytes(kDir + "/scenarios/pact_roster.csv"), 3), &report);
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok());
  auto pacts = StoredPacts::Create(Book(), &smaller, "pilkada2024");
  ASSERT_TRUE(pacts.ok());
  const absl::Status synced = (*store)->SyncPacts(&*pacts);
  EXPECT_EQ(synced.code(), absl::StatusCode::kFailedPrecondition) << synced;
  EXPECT_TRUE(absl::StrContains(synced.message(), "stored event 2 is refused on replay")) << synced;
  EXPECT_TRUE(absl::StrContains(synced.message(), "nip: the employee is not on the roster")) << synced;
  // The registry holds exactly the verified events it counts; the store all.
  EXPECT_EQ(pacts->events(), 1);
  auto stored = (*store)->ListPactEvents("pilkada2024", 0, 1000);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->size(), events.size());
  store->reset();
  fs::remove_all(dir);
}

// ------------------------------------------------------------- values

TEST(BadInput, Nips) {
  const auto cases = Load("nip.cases");
  for (const Case& c : cases) Expect(c, ParseNip(c.input, "employee.nip").status());
}

// Every INT setting at its bound is taken, and one past it refused naming
// the bound (issue 18 item 7), for the evaluator, the auditor and the case
// machine alike.
TEST(BadInput, EveryIntSettingIsTakenAtItsBoundAndRefusedPastIt) {
  int checked = 0;
  for (const v1::Setting* s : Book()->settings()) {
    if (s->type() != v1::Setting::INT) continue;
    ASSERT_GT(s->max_value(), 0) << s->name();
    const std::map<std::string, std::string> at = {{s->name(), absl::StrCat(s->max_value())}};
    const std::map<std::string, std::string> past = {{s->name(), absl::StrCat(s->max_value() + 1)}};
    EXPECT_TRUE(Evaluator::Create(Book(), at).ok()) << s->name();
    EXPECT_TRUE(Auditor::Create(Book(), at).ok()) << s->name();
    EXPECT_TRUE(CaseMachine::Create(Book(), {}, at).ok()) << s->name();
    const absl::Status st = Evaluator::Create(Book(), past).status();
    EXPECT_TRUE(absl::StrContains(st.message(), absl::StrCat("is more than ", s->max_value())))
        << s->name() << ": " << st;
    EXPECT_FALSE(Auditor::Create(Book(), past).ok()) << s->name();
    EXPECT_FALSE(CaseMachine::Create(Book(), {}, past).ok()) << s->name();
    ++checked;
  }
  EXPECT_GE(checked, 2);
}

TEST(BadInput, Dates) {
  const auto cases = Load("date.cases");
  for (const Case& c : cases) Expect(c, ParseDate(c.input, "acts[0].act_date").status());
}

// Settings: NAME=VALUE lines, for the evaluator, the auditor and the case
// machine alike.
TEST(BadInput, Settings) {
  const auto cases = Load("settings.cases");
  for (const Case& c : cases) {
    std::map<std::string, std::string> settings;
    for (absl::string_view line : absl::StrSplit(c.input, '\n', absl::SkipEmpty())) {
      const size_t eq = line.find('=');
      ASSERT_NE(eq, absl::string_view::npos) << c.Where();
      settings[std::string(line.substr(0, eq))] = std::string(line.substr(eq + 1));
    }
    Expect(c, Evaluator::Create(Book(), settings).status());
    Expect(c, Auditor::Create(Book(), settings).status());
    Expect(c, CaseMachine::Create(Book(), {}, settings).status());
    // And per request (EvaluationRequest.settings).
    v1::EvaluationRequest request;
    ASSERT_TRUE(ParseJson(R"({"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance",
                              "act_date": "2025-06-30", "absence": {"cumulative_working_days": 3}}]})",
                          &request, "request")
                    .ok());
    for (const auto& [k, v] : settings) (*request.mutable_settings())[k] = v;
    Expect(c, (*Evaluator::Create(Book())).Evaluate(request).status());
  }
}

// Calendar queries, one per line of the input: `add DATE N`, `between DATE
// DATE`, `is DATE`, `create week=BITS`, `create off=DATE`,
// `create work=DATE`.
TEST(BadInput, CalendarQueries) {
  auto cal = WorkingDayCalendar::Create(Book());
  ASSERT_TRUE(cal.ok()) << cal.status();
  const auto cases = Load("calendar.cases");
  for (const Case& c : cases) {
    std::vector<std::string> w = absl::StrSplit(c.input, ' ');
    ASSERT_GE(w.size(), 2u) << c.Where();
    auto day = [&](const std::string& s) {
      auto d = ParseDate(s, "test");
      EXPECT_TRUE(d.ok()) << c.Where() << ": " << d.status();
      return d.ok() ? *d : absl::CivilDay();
    };
    absl::Status st;
    if (w[0] == "add" && w.size() == 3) {
      int n = 0;
      ASSERT_TRUE(absl::SimpleAtoi(w[2], &n)) << c.Where();
      st = cal->AddWorkingDays(day(w[1]), n).status();
    } else if (w[0] == "between" && w.size() == 3) {
      st = cal->WorkingDaysBetween(day(w[1]), day(w[2])).status();
    } else if (w[0] == "is" && w.size() == 2) {
      st = cal->IsWorkingDay(day(w[1])).status();
    } else if (w[0] == "create" && w.size() == 2) {
      CalendarOptions o;
      const std::string& a = w[1];
      if (absl::StartsWith(a, "week=")) {
        int bits = 0;
        ASSERT_TRUE(absl::SimpleAtoi(a.substr(5), &bits)) << c.Where();
        o.working_weekdays = static_cast<uint8_t>(bits);
      } else if (absl::StartsWith(a, "off=")) {
        o.extra_days_off.push_back(day(a.substr(4)));
      } else if (absl::StartsWith(a, "work=")) {
        o.extra_working_days.push_back(day(a.substr(5)));
      }
      st = WorkingDayCalendar::Create(Book(), o).status();
      // The case machine passes the agency's calendar through unchanged.
      if (!st.ok()) Expect(c, CaseMachine::Create(Book(), o).status());
    } else {
      FAIL() << c.Where() << ": unknown calendar query";
    }
    Expect(c, st);
  }
}

// ------------------------------------------------------------- the command

// Each case runs `netra ARGS` (a shell fragment; {DIR} = a directory with
// fixtures, {DIR}/link a symbolic link to its request.json, {SRC} = the
// source tree, {FIFO} = a named pipe) with the input, if any, in
// {DIR}/input; `read_fault: FILE AFTER` fails every read of the file
// whose path ends with FILE with EIO once AFTER bytes of it were read
// (tests/read_fault.c, preloaded).
// It asserts the exit code, a fragment of standard error, that standard
// output is empty with `stdout: empty`, and that every file in {DIR} is byte
// for byte as it was.
TEST(BadInput, CommandLine) {
  const auto cases = Load("cli.cases");
  for (const Case& c : cases) {
    const std::string dir = TempDir("cli");
    const std::string out = TempDir("cliout");
    const std::string src = NETRA_SOURCE_DIR;
    fs::copy_file(src + "/examples/absence_15_days_2025.json", dir + "/request.json");
    WriteBytes(dir + "/roster.csv", ReadBytes(kDir + "/scenarios/pact_roster.csv"));
    {
      v1::CaseLog log;
      ASSERT_TRUE(ParseJson(ReadBytes(src + "/examples/case_disciplinary_absence_2024.json"), &log, "case").ok());
      fs::copy_file(src + "/examples/case_disciplinary_absence_2024.json", dir + "/case.json");
      auto store = Store::Open(dir + "/store.db");
      ASSERT_TRUE(store.ok()) << store.status();
      ASSERT_TRUE((*store)->CreateCase(log, Machine()).ok());
    }
    // The case as a log file of the storage before the store, written by
    // `netra store export`.
    const std::string exported = absl::StrCat("'", NETRA_CLI, "' store export '", dir, "/store.db' '", out,
                                              "/export' >/dev/null");
    ASSERT_EQ(std::system(exported.c_str()), 0);
    fs::rename(out + "/export/case-BKPSDM-2024-DISC-031.log", dir + "/case.log");
    fs::remove_all(out + "/export");
    // `as: bytes`: the input with \xNN escapes, without a final newline.
    if (c.has_input) {
      WriteBytes(dir + "/input", c.Key("as") == "bytes" ? Unescape(c.input)
                                 : c.input.empty()      ? ""
                                                        : c.input + "\n");
    }
    // {DIR}/link: a symbolic link to request.json, for commands that write.
    fs::create_symlink(dir + "/request.json", dir + "/link");
    const auto before = Files(dir);
    // {FIFO}: a named pipe no one writes to (outside {DIR}, whose files are
    // compared): a command that opened it to read would wait for ever, which
    // the timeout turns into a failed case instead of a hung suite.
    const std::string fifo = out + "/fifo";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    const std::string args =
        absl::StrReplaceAll(c.Key("args"), {{"{DIR}", dir}, {"{SRC}", src}, {"{FIFO}", fifo}});
    std::string env;
    if (const std::string fault = c.Key("read_fault"); !fault.empty()) {
      const std::vector<std::string> file_after = absl::StrSplit(fault, ' ');
      ASSERT_EQ(file_after.size(), 2u) << c.Where() << ": read_fault: FILE AFTER";
      // A sanitized command lets the injector come before its runtime.
      env = absl::StrCat("env LD_PRELOAD='", NETRA_READ_FAULT, "' NETRA_FAULT_FILE='", file_after[0],
                         "' NETRA_FAULT_AFTER=", file_after[1], " ASAN_OPTIONS=\"$ASAN_OPTIONS:verify_asan_link_order=0\" ");
    }
    const std::string command = absl::StrCat(env, "timeout 60 '", NETRA_CLI, "' ", args, " >'", out, "/stdout' 2>'",
                                             out, "/stderr' </dev/null");
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << c.Where() << ": the command did not exit (signal?)";
    int want = -1;
    ASSERT_TRUE(absl::SimpleAtoi(c.Key("exit"), &want)) << c.Where() << ": needs exit";
    // Errors go to standard error; `roster check` reports refused rows on
    // standard output (`stream: stdout`).
    const std::string err = ReadBytes(out + (c.Key("stream") == "stdout" ? "/stdout" : "/stderr"));
    EXPECT_EQ(WEXITSTATUS(status), want) << c.Where() << "\n  stderr: " << err;
    for (const std::string& p : c.All("message")) {
      const std::string part = absl::StrReplaceAll(p, {{"{DIR}", dir}, {"{SRC}", src}, {"{FIFO}", fifo}});
      EXPECT_TRUE(absl::StrContains(err, part)) << c.Where() << "\n  stderr: " << err << "\n  lacks: " << part;
    }
    EXPECT_FALSE(c.All("message").empty()) << c.Where();
    if (c.Key("stdout") == "empty") {
      EXPECT_EQ(ReadBytes(out + "/stdout"), "") << c.Where() << ": standard output should be empty";
    }
    EXPECT_EQ(Files(dir), before) << c.Where() << ": a refused command changed a file";
    fs::remove_all(dir);
    fs::remove_all(out);
  }
}

// ------------------------------------------------------------- the C ABI

// Calls at the boundary of netra/netra.h (the functions as compiled into the
// library; tests/c_abi_test.cc runs them through libnetra.so). Keys:
// `method` (of netra_call), `format` (JSON, PROTO, JSON_LINES, JSON_ARRAY or
// a number), `engine` (NULL, freed, foreign, options; default a live engine),
// `in: NULL`, `in_len` (the length passed, padding the input with NUL bytes),
// `out: NULL`. The input takes \xNN escapes. A refused call returns no
// output, and the engine answers a good request as before.
TEST(BadInput, CAbi) {
  netra_engine* engine = nullptr;
  ASSERT_EQ(netra_engine_new(nullptr, &engine, nullptr), NETRA_OK);
  netra_engine* freed = nullptr;
  ASSERT_EQ(netra_engine_new(nullptr, &freed, nullptr), NETRA_OK);
  netra_engine_free(freed);
  netra_options* options = netra_options_new();
  alignas(16) unsigned char foreign[64] = {7};
  const std::string good = ReadBytes(std::string(NETRA_SOURCE_DIR) + "/examples/absence_15_days_2025.json");
  auto answer = [&](std::string* out) {
    char* o = nullptr;
    size_t n = 0;
    const netra_status st = netra_evaluate(engine, NETRA_FORMAT_JSON, good.data(), good.size(), &o, &n, nullptr);
    *out = o == nullptr ? "" : std::string(o, n);
    netra_free(o);
    return st;
  };
  std::string before;
  ASSERT_EQ(answer(&before), NETRA_OK);
  const auto cases = Load("c_abi.cases");
  for (const Case& c : cases) {
    const std::string method = c.Key("method", "Evaluate");
    const std::string f = c.Key("format", "JSON");
    int format = 0;
    if (f == "JSON") {
      format = NETRA_FORMAT_JSON;
    } else if (f == "PROTO") {
      format = NETRA_FORMAT_PROTO;
    } else if (f == "JSON_LINES") {
      format = NETRA_FORMAT_JSON_LINES;
    } else if (f == "JSON_ARRAY") {
      format = NETRA_FORMAT_JSON_ARRAY;
    } else {
      ASSERT_TRUE(absl::SimpleAtoi(f, &format)) << c.Where() << ": format " << f;
    }
    const std::string e = c.Key("engine");
    const netra_engine* handle = e.empty()        ? engine
                                 : e == "NULL"    ? nullptr
                                 : e == "freed"   ? freed
                                 : e == "foreign" ? reinterpret_cast<const netra_engine*>(foreign)
                                                  : reinterpret_cast<const netra_engine*>(options);
    std::string input = Unescape(c.input);
    size_t in_len = input.size();
    if (!c.Key("in_len").empty()) {
      ASSERT_TRUE(absl::SimpleAtoi(c.Key("in_len"), &in_len)) << c.Where();
      if (in_len > input.size()) input.resize(in_len, '\0');
    }
    const char* in = c.Key("in") == "NULL" ? nullptr : input.data();
    char* out = reinterpret_cast<char*>(0x1);
    size_t out_len = 99;
    char* err = nullptr;
    const bool no_out = c.Key("out") == "NULL";
    const netra_status st = netra_call(handle, method.c_str(), format, in, in_len, no_out ? nullptr : &out,
                                       &out_len, &err);
    EXPECT_NE(err, nullptr) << c.Where() << ": no error message";
    const absl::Status got(static_cast<absl::StatusCode>(st), err == nullptr ? "" : err);
    Expect(c, got);
    if (!no_out) {
      EXPECT_EQ(out, nullptr) << c.Where() << ": a refused call gave an output";
      EXPECT_EQ(out_len, 0u) << c.Where();
      if (out != reinterpret_cast<char*>(0x1)) netra_free(out);
    }
    netra_free(err);
    std::string after;
    EXPECT_EQ(answer(&after), NETRA_OK) << c.Where();
    EXPECT_EQ(after, before) << c.Where() << ": the engine answers differently after the refusal";
  }
  netra_options_free(options);
  netra_engine_free(engine);
}

// The catalogue must hold at least 100 cases, and every file of it must be
// run by a test above.
TEST(BadInput, JsonPrintWithoutFallback) {
  const auto cases = Load("json_print.cases");
  for (const Case& c : cases) {
    v1::EvaluationRequest request;
    absl::Status st = ParseJson(c.input, &request, "request");
    ASSERT_TRUE(st.ok()) << c.Where() << ": " << st;
    std::string out = "before";
    st = PrintJson(request, &out, {.protobuf_fallback = false});
    if (!st.ok()) EXPECT_EQ(out, "") << c.Where() << ": a refused print left output behind";
    std::string fallback;
    EXPECT_TRUE(PrintJson(request, &fallback).ok()) << c.Where();
    EXPECT_NE(fallback, "") << c.Where();
    Expect(c, st);
  }
}

// ------------------------------------------------------------- CSV batches

// A CSV batch (Engine::CallCsv; `method:` EvaluateBatch or AuditBatch, the
// default): a bad header is the call's error, with nothing written; a bad
// row is the error line in its place, and the good row after it is still
// answered.
TEST(BadInput, CsvBatches) {
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok()) << engine.status();
  for (const Case& c : Load("batch_csv.cases")) {
    const std::string method = c.Key("method", "AuditBatch");
    std::istringstream in(Unescape(c.input));
    std::ostringstream out;
    int64_t refused = 0;
    absl::Status st = (*engine)->CallCsv(method, in, out, {.pretty = false}, {}, &refused);
    if (!st.ok()) {
      EXPECT_EQ(out.str(), "") << c.Where() << ": a refused file wrote answers";
      Expect(c, st);
      continue;
    }
    EXPECT_EQ(refused, 1) << c.Where() << "\n" << out.str();
    // The refused row's line, as a status.
    absl::Status row;
    for (absl::string_view line : absl::StrSplit(out.str(), '\n', absl::SkipEmpty())) {
      if (!absl::StartsWith(line, "{\"line\":")) continue;
      google::protobuf::Struct error;
      ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(std::string(line), &error).ok()) << line;
      const auto& f = error.fields();
      row = absl::Status(CodeNamed(f.at("code").string_value()), f.at("error").string_value());
      EXPECT_EQ(absl::StrCat(f.at("line").number_value()), c.Key("line", "3")) << c.Where() << ": " << line;
    }
    Expect(c, row);
  }
}

TEST(BadInput, TheCatalogueHoldsAtLeastAHundredCases) {
  const std::map<std::string, std::string> kinds = {
      {"request.cases", "request (EvaluationRequest JSON)"},
      {"json_print.cases", "message printed without the protobuf fallback (PrintJson)"},
      {"decided.cases", "decided case (DecidedCase JSON; audit, and as a JSON line)"},
      {"law.cases", "law file (textproto)"},
      {"case_event.cases", "case event (CaseMachine::Apply and Store::AppendCaseEvent)"},
      {"case_log.cases", "case log (CaseLog JSON, Store::CreateCase)"},
      {"pact_event.cases", "pact event (PactRegistry::Apply and Store::AppendPactEvents)"},
      {"roster_csv.cases", "roster (CSV)"},
      {"roster_jsonl.cases", "roster (JSON lines)"},
      {"nip.cases", "NIP / NI PPPK"},
      {"date.cases", "date"},
      {"settings.cases", "setting"},
      {"calendar.cases", "calendar query"},
      {"cli.cases", "command line"},
      {"c_abi.cases", "C ABI call (netra/netra.h)"},
      {"batch_csv.cases", "CSV batch (Engine::CallCsv)"},
  };
  int total = 1;  // HugeLawFile
  std::string by_kind;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.path().extension() != ".cases") continue;
    const std::string file = e.path().filename().string();
    EXPECT_TRUE(kinds.count(file)) << file << " is not run by any test";
    const size_t n = Load(file).size();
    total += static_cast<int>(n);
    absl::StrAppend(&by_kind, "\n  ", n, "  ", kinds.count(file) ? kinds.at(file) : file);
  }
  std::cout << "bad-input cases: " << total << " (with the huge law file)" << by_kind << "\n";
  EXPECT_GE(total, 100);
}

// Text outputs (--text renderings, netra overdue and log list lines) print
// data through PrintableText: no control character, terminal escape or
// bidirectional override reaches the terminal, and no data can start a line.
TEST(HostileText, IsEscapedInTextOutput) {
  EXPECT_EQ(PrintableText("BKD-2024/001 Pemerintah Kabupaten Sintetis \xC3\xA9"),
            "BKD-2024/001 Pemerintah Kabupaten Sintetis \xC3\xA9");
  EXPECT_EQ(PrintableText("a\tb\nc\rd\\e"), "a\\tb\\nc\\rd\\\\e");
  EXPECT_EQ(PrintableText("x\x1B[2Jy\x7F"), "x\\u{001B}[2Jy\\u{007F}");
  EXPECT_EQ(PrintableText("\xC2\x85" "next-line \xE2\x80\xAE" "evil \xE2\x81\xA6" "iso"),
            "\\u{0085}next-line \\u{202E}evil \\u{2066}iso");
  EXPECT_EQ(PrintableText(std::string("nul\0\xFF\xC3", 6)), "nul\\u{0000}\\xFF\\xC3");
  // An audited decision keeps the host's case id as it came; its text
  // rendering escapes it.
  v1::AuditFinding f;
  f.set_case_id("BKD-1\n  - WITHIN_LAW\x1B]0;owned\x07");
  const std::string text = AuditFindingText(f);
  EXPECT_EQ(text.substr(0, text.find('\n')), "Case BKD-1\\n  - WITHIN_LAW\\u{001B}]0;owned\\u{0007}: VERDICT_UNSPECIFIED");
  v1::CaseState state;
  state.set_case_id("A\tB");
  EXPECT_TRUE(absl::StartsWith(CaseStateText(state), "Case A\\tB (")) << CaseStateText(state);
}

// A stream whose reads fail after `good` bytes, as a file buffer does on EIO
// from a failing disk or network share (libstdc++'s filebuf throws).
class FailingAfter : public std::streambuf {
 public:
  FailingAfter(std::string text, size_t good) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + std::min(good, text_.size()));
  }

 protected:
  int_type underflow() override { throw std::ios_base::failure("read error (EIO)"); }

 private:
  std::string text_;
};

// A read that fails part-way is an error, never the end of a shorter input:
// a roster cut by EIO must not issue pacts to part of it, and a JSON-lines
// batch reports it after the answers it gave.
TEST(ReadErrors, AreErrorsNeverAShorterInput) {
  for (bool jsonl : {false, true}) {
    const std::string text =
        jsonl ? std::string(R"({"nip": "198002142005031011", "name": "A", "kind": "PNS"})"
                            "\n" R"({"nip": "199807012024062012", "name": "B", "kind": "PNS"})" "\n")
              : std::string("nip,name,type\n198002142005031011,A,PNS\n199807012024062012,B,PNS\n");
    FailingAfter buf(text, text.size() / 2);
    std::istream in(&buf);
    v1::RosterImportReport report;
    auto t = jsonl ? ImportRosterJsonLines(in, &report) : ImportRosterCsv(in, &report);
    ASSERT_FALSE(t.ok()) << (jsonl ? "jsonl" : "csv") << ": " << t->size() << " rows kept after a failed read";
    EXPECT_TRUE(absl::IsUnavailable(t.status())) << t.status();
    EXPECT_TRUE(absl::StrContains(t.status().message(), "the read failed after line")) << t.status();
  }
  const auto engine = *Engine::Create(Book());
  const std::string good = R"({"case_id": "ok", "request": {"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30", "absence": {"cumulative_working_days": 3}}]}, "imposed": {"sanction_type": "R1", "decision_date": "2025-07-10"}})";
  const std::string lines = good + "\n" + good + "\n" + good + "\n";
  FailingAfter buf(lines, good.size() + 1 + good.size() / 2);
  std::istream in(&buf);
  std::ostringstream out;
  v1::AuditSummary summary;
  const absl::Status st = engine->AuditJsonLines(in, out, &summary);
  EXPECT_TRUE(absl::IsUnavailable(st)) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "audit input: the read failed after line")) << st;
  EXPECT_EQ(summary.cases(), 1) << "the line before the failure is answered";
}

// A stream of `n` zero bytes made as they are read (the test holds none).
class Zeros : public std::streambuf {
 public:
  explicit Zeros(size_t n) : left_(n) { buf_.fill('\0'); }

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    const size_t k = std::min(left_, buf_.size());
    left_ -= k;
    setg(buf_.data(), buf_.data(), buf_.data() + k);
    return traits_type::to_int_type(buf_[0]);
  }

 private:
  std::array<char, 1 << 16> buf_;
  size_t left_;
};

// A roster of 64 MiB of zeros (no newline: one runaway line) is read with
// at most kMaxRosterLineBytes of the line in memory and refused as one row
// with its length, in both formats.
TEST(ReadErrors, ARunawayRosterLineIsRefusedAsItIsRead) {
  const size_t n = size_t{64} << 20;
  for (bool jsonl : {false, true}) {
    Zeros zeros(n);
    std::istream in(&zeros);
    v1::RosterImportReport report;
    auto t = jsonl ? ImportRosterJsonLines(in, &report) : ImportRosterCsv(in, &report);
    if (!jsonl) {
      ASSERT_FALSE(t.ok());  // the CSV header line itself
      EXPECT_EQ(t.status().message(), absl::StrCat("roster line 1: the header line of ", n, " bytes exceeds 4096"));
      continue;
    }
    ASSERT_TRUE(t.ok()) << t.status();
    EXPECT_EQ(t->size(), 0u);
    ASSERT_EQ(report.rejections_size(), 1);
    EXPECT_EQ(report.rejections(0).reason(), absl::StrCat("line of ", n, " bytes exceeds 4096"));
  }
}

// A roster name that is not UTF-8 would lose bytes in JSON output (and log a
// protobuf error): refused with the place, not the value (personal data).
TEST(HostileText, ARosterFieldThatIsNotUtf8IsRefused) {
  std::istringstream in(
      "nip,name,type,grade,position,position_type,unit,agency,leader\n"
      "198002142005031011,Pegawai Sintetis A,PNS,III/c,Analis,PELAKSANA,Dinas Pendidikan,Pemkab Contoh,0\n"
      "199807012024062012,Pegawai \xC3" "Lain,PNS,III/a,Analis,PELAKSANA,Dinas Pendidikan,Pemkab Contoh,0\n");
  v1::RosterImportReport report;
  auto t = ImportRosterCsv(in, &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->size(), 1u);
  ASSERT_EQ(report.rejections_size(), 1);
  EXPECT_EQ(report.rejections(0).line(), 3);
  EXPECT_EQ(report.rejections(0).reason(), "name: not UTF-8 at byte 9");
}

}  // namespace
}  // namespace netra
