// Resource limits (issue 7 item 4): every documented limit is tested at the
// limit (accepted) and one past it (refused cleanly, naming the limit), and
// evaluation stays bounded on an adversarial but valid law at the bounds of
// law validation. The README's "Limits" table lists them.
#include <filesystem>
#include <functional>
#include <set>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/calendar.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/json.h"
#include "netra/pact.h"
#include "netra/rule_book.h"
#include "netra/records.h"
#include "netra/siasn.h"
#include "netra/summary.h"
#include "netra/store.h"
#include "netra/synth.h"
#include "google/protobuf/descriptor.h"
#include "netra/v1/api.pb.h"
#include "netra/v1/records.pb.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

std::string TempPath(const std::string& name) {
  const std::string dir = absl::StrCat(::testing::TempDir(), "/netra_limits_", getpid());
  fs::create_directories(dir);
  const std::string path = dir + "/" + name;
  fs::remove(path);
  return path;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void ExpectRefused(const absl::Status& st, absl::StatusCode code, std::initializer_list<std::string> parts) {
  EXPECT_EQ(st.code(), code) << st;
  for (const std::string& p : parts) EXPECT_TRUE(absl::StrContains(st.message(), p)) << st << "\nlacks: " << p;
}

// ---------------------------------------------------------------- requests

v1::EvaluationRequest Request(int acts, int priors) {
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  for (int i = 0; i < acts; ++i) {
    v1::Act* a = r.add_acts();
    a->set_norm("pp94.duty.attendance");
    a->set_act_date("2025-06-30");
    a->mutable_absence()->set_cumulative_working_days(i % 30);
  }
  for (int i = 0; i < priors; ++i) {
    v1::PriorSanction* p = r.mutable_employee()->add_prior_sanctions();
    p->set_sanction_type("R1");
    p->set_norm("pp94.duty.attendance");
    p->set_decision_date("2024-01-01");
  }
  return r;
}

TEST(Limits, ActsPerRequest) {
  auto evaluator = Evaluator::Create(Book());
  ASSERT_TRUE(evaluator.ok());
  EXPECT_TRUE(evaluator->Evaluate(Request(kMaxActsPerRequest, 0)).ok());
  ExpectRefused(evaluator->Evaluate(Request(kMaxActsPerRequest + 1, 0)).status(), absl::StatusCode::kInvalidArgument,
                {"acts: 257 acts exceed the limit of 256"});
}

TEST(Limits, PriorSanctions) {
  auto evaluator = Evaluator::Create(Book());
  ASSERT_TRUE(evaluator.ok());
  EXPECT_TRUE(evaluator->Evaluate(Request(1, kMaxPriorSanctions)).ok());
  ExpectRefused(evaluator->Evaluate(Request(1, kMaxPriorSanctions + 1)).status(), absl::StatusCode::kInvalidArgument,
                {"employee.prior_sanctions: 257 entries exceed the limit of 256"});
}

TEST(Limits, JsonBytes) {
  const std::string json = R"({"employee": {"kind": "PNS"}})";
  v1::EvaluationRequest r;
  EXPECT_TRUE(ParseJson(json + std::string(kMaxJsonBytes - json.size(), ' '), &r, "request").ok());
  EXPECT_EQ(r.employee().kind(), v1::PNS);
  // r still holds the first document: a refused one must leave it as it was.
  const std::string before = r.SerializeAsString();
  ExpectRefused(ParseJson(R"({"employee": {"kind": "CPNS"}})" + std::string(kMaxJsonBytes, ' '), &r, "request"),
                absl::StatusCode::kInvalidArgument,
                {"request JSON of 8388638 bytes exceeds the limit of 8388608 bytes (kMaxJsonBytes)"});
  EXPECT_EQ(r.SerializeAsString(), before) << "a refused document leaves the message as it was";
  // So must one that fails to parse after a good start.
  EXPECT_FALSE(ParseJson(R"({"employee": {"kind": "CPNS"}, "acts": [{"norm": 7}]})", &r, "request").ok());
  EXPECT_EQ(r.SerializeAsString(), before) << "a malformed document leaves the message as it was";
}

// ---------------------------------------------------------------- law files

TEST(Limits, LawFileBytes) {
  const std::string path = TempPath("limit.textproto");
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(kMaxLawFileBytes, '\n');
  }
  EXPECT_TRUE(ReadLawFile(path).ok());
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << '\n';
  }
  ExpectRefused(ReadLawFile(path).status(), absl::StatusCode::kInvalidArgument,
                {path, "16777217 bytes exceeds the limit of 16777216 bytes (kMaxLawFileBytes)"});
  fs::remove(path);
}

// A host norm with `n` level rules: one that covers every fact, and n - 1
// narrower ones nested inside each other, every pair declared concurrent (PP
// 94/2021 Pasal 35(1): the heaviest applies), each constraining the absence
// counts, the impact and `booleans` yes/no facts, so that validation must walk
// a large grid of fact cells and one act can match all n rules at once. The
// heaviest rule comes last.
std::string AdversarialLaw(int n, int booleans) {
  std::string law = R"(instruments { id: "perbup_uji_2025" kind: KEPUTUSAN number: "1" year: 2025 in_force_from: "2025-01-01" article_count: 99 }
rules { id: "uji.norm" citations { instrument: "perbup_uji_2025" pasal: 1 } paraphrase: "A norm for a stress test." norm { kind: OBLIGATION } }
)";
  const char* kBooleans[] = {"valid_reason", "wealth_report_obliged", "on_cltn", "active_support",
                             "resigned_in_writing", "cltn_conduct_breach"};
  for (int i = 0; i < n; ++i) {
    std::string when;
    if (i > 0) {
      when = absl::StrCat("cumulative_absence_days { min: ", i, " max: ", 200 - i, " } ",
                          "consecutive_absence_days { min: ", i, " max: ", 150 - 2 * i, " } ",
                          "impact_any_of: UNIT_KERJA impact_any_of: INSTANSI ");
      for (int b = 0; b < booleans && b < 6; ++b) absl::StrAppend(&when, kBooleans[b], ": true ");
    }
    const char* level = i == n - 1 ? "BERAT" : i % 2 ? "SEDANG" : "RINGAN";
    std::string concurrent;
    for (int j = 0; j < n; ++j) {
      if (j != i) absl::StrAppend(&concurrent, " concurrent_with: \"uji.level.", j, "\"");
    }
    absl::StrAppend(&law, "rules { id: \"uji.level.", i, "\" citations { instrument: \"perbup_uji_2025\" pasal: ",
                    2 + i % 90, " } paraphrase: \"Level rule ", i, ".\" level { norm: \"uji.norm\" when { ", when,
                    "} outcome: SANCTION level: ", level, concurrent, " } }\n");
  }
  return law;
}

TEST(Limits, LevelRulesPerNorm) {
  ASSERT_EQ(kMaxLevelRulesPerNorm, 32);
  EXPECT_TRUE(RuleBook::Load({LawSource{"uji.textproto", AdversarialLaw(32, 0)}}).ok());
  auto over = RuleBook::Load({LawSource{"uji.textproto", AdversarialLaw(33, 0)}});
  ExpectRefused(over.status(), absl::StatusCode::kInvalidArgument,
                {"uji.textproto:2: rule uji.norm: norm has 33 level rules; the limit is 32"});
}

TEST(Limits, CoverageCells) {
  // 32 nested rules cut the absence counts into 63 x 63 cells per
  // combination of impact and the yes/no facts; each yes/no fact doubles the
  // grid. Cells are counted before they are walked, so a refused law costs
  // nothing. An exact grid of 200,000 cannot be drawn with these factors:
  // the nearest on either side.
  ASSERT_EQ(kMaxCoverageCells, 200000);
  EXPECT_TRUE(RuleBook::Load({LawSource{"uji.textproto", AdversarialLaw(32, 4)}}).ok());
  ExpectRefused(RuleBook::Load({LawSource{"uji.textproto", AdversarialLaw(32, 5)}}).status(),
                absl::StatusCode::kInvalidArgument,
                {"uji.textproto:2: rule uji.norm: the level rules of this norm draw 381024 distinct fact cells; the "
                 "limit is 200000"});
}

// Evaluation is bounded whatever valid law it runs on: a request at the
// size limits against the adversarial norm, at the bound of 32 concurrent
// rules per norm, completes, and cites the heaviest rule as the deciding one
// even though it is the 32nd.
TEST(Limits, AdversarialLawLoadsAndEvaluatesPromptly) {
  auto book = RuleBook::Load({LawSource{"uji.textproto", AdversarialLaw(32, 4)}});
  ASSERT_TRUE(book.ok()) << book.status();
  auto evaluator = Evaluator::Create(*book);
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  r.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  r.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  // Every act matches all 32 rules (the nested ranges all hold 40-139 days
  // with a run of 31-80, the impact and the four facts).
  for (int i = 0; i < kMaxActsPerRequest; ++i) {
    v1::Act* a = r.add_acts();
    a->set_norm("uji.norm");
    a->set_act_date("2025-06-30");
    a->mutable_absence()->set_cumulative_working_days(40 + i % 100);
    a->mutable_absence()->set_consecutive_working_days(31 + i % 50);
    a->set_impact(v1::UNIT_KERJA);
    a->set_valid_reason(true);
    a->set_wealth_report_obliged(true);
    a->mutable_neutrality()->set_on_cltn(true);
    a->mutable_neutrality()->set_active_support(true);
  }
  auto d = evaluator->Evaluate(r);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->level(), v1::BERAT);
  CaseFacts facts;
  ASSERT_TRUE(evaluator->Prepare(r, &facts).ok());
  CaseResult result;
  evaluator->Evaluate(facts, &result);
  ASSERT_GT(result.acts.size(), 0u);
  const ActResult& first = result.acts[0];
  EXPECT_EQ(first.level, v1::BERAT);
  ASSERT_GT(first.rule_count, 0);
  std::string first_level_rule;  // the first level rule in the act's legal basis
  for (const v1::LegalBasis& b : d->acts(0).basis()) {
    if (absl::StartsWith(b.rule_id(), "uji.level.")) {
      first_level_rule = b.rule_id();
      break;
    }
  }
  EXPECT_EQ(first_level_rule, "uji.level.31") << "the deciding (heaviest) rule is cited first";
}

// ---------------------------------------------------------------- cases and logs

TEST(Limits, CaseEvents) {
  auto machine = CaseMachine::Create(Book());
  ASSERT_TRUE(machine.ok());
  v1::CaseLog log;
  log.set_case_id("limit-1");
  log.set_kind(v1::DISCIPLINARY);
  log.mutable_employee()->set_kind(v1::PNS);
  v1::CaseEvent* first = log.add_events();
  first->set_type(v1::KNOWLEDGE);
  first->set_date("2024-07-01");
  first->mutable_actor()->set_role(v1::ROLE_DIRECT_SUPERIOR);
  v1::CaseEvent doc;
  doc.set_type(v1::DOCUMENT);
  doc.set_date("2024-07-01");
  doc.mutable_actor()->set_role(v1::ROLE_HR_OFFICIAL);
  doc.set_note("BAP");
  while (log.events_size() < kMaxCaseEvents) *log.add_events() = doc;
  auto p = machine->Replay(log);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->events, kMaxCaseEvents);
  // One more through Apply: refused, nothing changed.
  CaseProgress after = *p;
  ExpectRefused(machine->Apply(doc, &after), absl::StatusCode::kFailedPrecondition,
                {"the log already holds the limit of 10000 events"});
  EXPECT_EQ(after.events, kMaxCaseEvents);
  *log.add_events() = doc;
  ExpectRefused(machine->Replay(log).status(), absl::StatusCode::kInvalidArgument,
                {"events: 10001 events exceed the limit of 10000"});
}

TEST(Limits, CaseIdBytes) {
  auto machine = CaseMachine::Create(Book());
  ASSERT_TRUE(machine.ok());
  v1::CaseLog log;
  log.set_kind(v1::DISCIPLINARY);
  log.mutable_employee()->set_kind(v1::PNS);
  log.set_case_id(std::string(kMaxCaseIdBytes, 'x'));
  CaseProgress p;
  EXPECT_TRUE(machine->Start(log, &p).ok());
  log.set_case_id(std::string(kMaxCaseIdBytes + 1, 'x'));
  ExpectRefused(machine->Start(log, &p), absl::StatusCode::kInvalidArgument, {"case_id:", "at most 128"});
}

// An event whose serialized record is exactly `bytes` long (a note pads it).
v1::CaseEvent EventOfSize(size_t bytes) {
  v1::CaseEvent e;
  e.set_type(v1::DOCUMENT);
  e.set_date("2024-07-02");
  e.mutable_actor()->set_role(v1::ROLE_HR_OFFICIAL);
  e.set_seq(2);  // what Append assigns: the size must count it
  size_t note = bytes - e.ByteSizeLong();
  e.set_note(std::string(note, 'n'));
  while (e.ByteSizeLong() > bytes) e.set_note(std::string(--note, 'n'));
  while (e.ByteSizeLong() < bytes) e.set_note(std::string(++note, 'n'));
  e.clear_seq();
  return e;
}

TEST(Limits, StoredCaseEventBytes) {
  auto machine = CaseMachine::Create(Book());
  ASSERT_TRUE(machine.ok());
  const std::string path = TempPath("cases.db");
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  v1::CaseLog header;
  header.set_case_id("limit-2");
  header.set_kind(v1::DISCIPLINARY);
  header.mutable_employee()->set_kind(v1::PNS);
  ASSERT_TRUE((*store)->CreateCase(header, *machine).ok());
  v1::CaseEvent knowledge;
  knowledge.set_type(v1::KNOWLEDGE);
  knowledge.set_date("2024-07-01");
  knowledge.mutable_actor()->set_role(v1::ROLE_DIRECT_SUPERIOR);
  ASSERT_TRUE((*store)->AppendCaseEvent("limit-2", knowledge, *machine).ok());
  v1::CaseEvent big = EventOfSize(kMaxEventBytes + 1);
  ExpectRefused((*store)->AppendCaseEvent("limit-2", big, *machine).status(), absl::StatusCode::kInvalidArgument,
                {"event: 1048577 bytes, over the limit of 1048576"});
  auto log = (*store)->ReadCase("limit-2");
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->events_size(), 1) << "nothing written";
  auto at = (*store)->AppendCaseEvent("limit-2", EventOfSize(kMaxEventBytes), *machine);
  ASSERT_TRUE(at.ok()) << at.status();
  EXPECT_EQ(at->events, 2);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

TEST(Limits, StoredPactEventBytes) {
  std::istringstream csv("nip,name,type\n198002142005031011,Pegawai Sintetis A,PNS\n");
  v1::RosterImportReport report;
  auto roster = ImportRosterCsv(csv, &report);
  ASSERT_TRUE(roster.ok());
  const std::string path = TempPath("pacts.db");
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  auto pacts = StoredPacts::Create(Book(), &*roster, "pilkada2024");
  ASSERT_TRUE(pacts.ok());
  v1::PactEvent e;
  e.set_type(v1::PACT_ISSUED);
  e.set_date("2024-09-02");
  e.set_nip("198002142005031011");
  e.set_template_id("pakta_netralitas.pilkada2024.v1");
  size_t note = kMaxEventBytes + 1 - e.ByteSizeLong();
  e.set_note(std::string(note, 'n'));
  while (e.ByteSizeLong() > kMaxEventBytes + 1) e.set_note(std::string(--note, 'n'));
  ExpectRefused((*store)->AppendPactEvents(&*pacts, {e}).status(), absl::StatusCode::kInvalidArgument,
                {"events[0]: event: 1048577 bytes, over the limit of 1048576"});
  EXPECT_EQ(pacts->events(), 0);
  int64_t counts[8];
  pacts->registry().Totals(absl::CivilDay(2024, 9, 30), counts);
  EXPECT_EQ(counts[0], 0) << "a refused event is not applied";
  e.set_note(std::string(note - 1, 'n'));
  ASSERT_EQ(e.ByteSizeLong(), kMaxEventBytes);
  auto stored = (*store)->AppendPactEvents(&*pacts, {e});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->appended, 1);
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// ---------------------------------------------------------------- rosters and audit lines

TEST(Limits, RosterLineBytes) {
  for (bool jsonl : {false, true}) {
    const std::string head = jsonl ? "" : "nip,name,type\n";
    auto line = [&](size_t bytes) {
      const std::string shell = jsonl ? R"({"nip": "198002142005031011", "kind": "PNS", "name": ""})"
                                      : "198002142005031011,,PNS";
      const std::string name(bytes - shell.size(), 'x');
      return jsonl ? absl::StrCat(R"({"nip": "198002142005031011", "kind": "PNS", "name": ")", name, "\"}")
                   : absl::StrCat("198002142005031011,", name, ",PNS");
    };
    for (size_t bytes : {kMaxRosterLineBytes, kMaxRosterLineBytes + 1}) {
      std::istringstream in(head + line(bytes) + "\n");
      v1::RosterImportReport report;
      // The name field is past its own limit long before the line is: lift
      // that one to see the line limit alone.
      RosterImportOptions options;
      options.max_field_bytes = kMaxRosterLineBytes;
      auto t = jsonl ? ImportRosterJsonLines(in, &report, options) : ImportRosterCsv(in, &report, options);
      ASSERT_TRUE(t.ok());
      if (bytes == kMaxRosterLineBytes) {
        EXPECT_EQ(report.rejected(), 0) << report.DebugString();
      } else {
        ASSERT_EQ(report.rejected(), 1);
        EXPECT_EQ(report.rejections(0).reason(), "line of 4097 bytes exceeds 4096");
      }
    }
  }
}

TEST(Limits, RosterFieldBytes) {
  for (const char* column : {"name", "unit", "agency", "grade", "position"}) {
    for (size_t bytes : {kMaxRosterFieldBytes, kMaxRosterFieldBytes + 1}) {
      const bool name = std::string(column) == "name";
      std::istringstream in(absl::StrCat(name ? "nip,type,name" : absl::StrCat("nip,name,type,", column),
                                         "\n198002142005031011,", name ? "" : "A,", "PNS,", std::string(bytes, 'x'),
                                         "\n"));
      v1::RosterImportReport report;
      auto t = ImportRosterCsv(in, &report);
      ASSERT_TRUE(t.ok());
      if (bytes == kMaxRosterFieldBytes) {
        EXPECT_EQ(report.rejected(), 0) << column << report.DebugString();
        EXPECT_EQ(t->size(), 1u);
      } else {
        ASSERT_EQ(report.rejected(), 1) << column;
        EXPECT_EQ(report.rejections(0).reason(),
                  absl::StrCat(column, ": 513 bytes exceed the limit of 512 (kMaxRosterFieldBytes)"));
        EXPECT_EQ(t->size(), 0u);
      }
    }
  }
  // RosterTable::Add checks alike.
  RosterTable table;
  v1::RosterEntry e;
  e.set_nip("198002142005031011");
  e.set_kind(v1::PNS);
  e.set_unit(std::string(kMaxRosterFieldBytes + 1, 'u'));
  ExpectRefused(table.Add(e), absl::StatusCode::kInvalidArgument, {"unit: 513 bytes exceed the limit of 512"});
  EXPECT_EQ(table.size(), 0u);
}

TEST(Limits, RosterRows) {
  // kMaxRosterRows (20 million) is the default of RosterImportOptions; a
  // host may lower it, which is how the limit is tested without 20 million
  // rows.
  EXPECT_EQ(RosterImportOptions().max_rows, kMaxRosterRows);
  const std::string csv =
      "nip,name,type\n198002142005031011,A,PNS\n199807012024062012,B,CPNS\n\n198505052022211013,C,PPPK\n";
  RosterImportOptions options;
  options.max_rows = 3;
  v1::RosterImportReport report;
  std::istringstream at(csv);
  auto t = ImportRosterCsv(at, &report, options);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->size(), 3u);
  std::istringstream over(csv + "197004211996041016,D,PNS\n");
  ExpectRefused(ImportRosterCsv(over, &report, options).status(), absl::StatusCode::kResourceExhausted,
                {"roster: more than 3 rows (kMaxRosterRows)"});
  std::istringstream jsonl(R"({"nip": "198002142005031011", "kind": "PNS"}
{"nip": "199807012024062012", "kind": "CPNS"}
)");
  options.max_rows = 1;
  ExpectRefused(ImportRosterJsonLines(jsonl, &report, options).status(), absl::StatusCode::kResourceExhausted,
                {"roster: more than 1 rows"});
}

TEST(Limits, AuditLineBytes) {
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok());
  const std::string json =
      R"({"case_id": "ok", "request": {"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance",)"
      R"( "act_date": "2025-06-30", "absence": {"cumulative_working_days": 3}}]},)"
      R"( "imposed": {"sanction_type": "R1", "decision_date": "2025-07-10"}})";
  for (size_t bytes : {kMaxAuditLineBytes, kMaxAuditLineBytes + 1}) {
    std::istringstream in(json + std::string(bytes - json.size(), ' ') + "\n" + json + "\n");
    std::ostringstream out;
    v1::AuditSummary summary;
    ASSERT_TRUE((*engine)->AuditJsonLines(in, out, &summary).ok());
    EXPECT_EQ(summary.cases(), 2);
    if (bytes == kMaxAuditLineBytes) {
      EXPECT_EQ(summary.invalid(), 0) << out.str().substr(0, 300);
    } else {
      EXPECT_EQ(summary.invalid(), 1);
      EXPECT_TRUE(absl::StartsWith(out.str(), "{\"line\":1,\"code\":\"INVALID_ARGUMENT\",\"error\":\"line of more than 1048576 bytes\"}\n"))
          << out.str().substr(0, 300);
    }
  }
}

TEST(Limits, WorkingDaysSearched) {
  auto cal = WorkingDayCalendar::Create(Book());
  ASSERT_TRUE(cal.ok());
  // At the limit the count is allowed and runs out of holiday data (the
  // law covers a few years), which is a different error from the limit's.
  EXPECT_EQ(cal->AddWorkingDays(absl::CivilDay(2022, 1, 1), kMaxWorkingDays).status().code(),
            absl::StatusCode::kFailedPrecondition);
  ExpectRefused(cal->AddWorkingDays(absl::CivilDay(2022, 1, 1), kMaxWorkingDays + 1).status(),
                absl::StatusCode::kInvalidArgument, {"working days: 3661 is outside 0-3660"});
}

// Sanction types (netra/rule_book.h kMaxSanctionTypes: 64, the width of a
// type mask): a host law adding types up to 64 in all loads, one more is
// refused naming the limit; the highest bit reaches an answer.
TEST(Limits, SanctionTypes) {
  int embedded = 0;
  for (const RuleEntry& e : Book()->rules()) embedded += e.rule->has_sanction_type();
  ASSERT_LT(embedded, kMaxSanctionTypes);
  const auto law = [](int types) {
    std::string text = R"(instruments { id: "perbup_uji_2025" kind: KEPUTUSAN number: "1" year: 2025 in_force_from: "2025-01-01" article_count: 99 }
)";
    for (int i = 0; i < types; ++i) {
      absl::StrAppend(&text, "rules { id: \"uji.sanction.", i,
                      "\" citations { instrument: \"perbup_uji_2025\" pasal: 1 } paraphrase: \"A type for a test.\" "
                      "sanction_type { code: \"U", i, "\" level: RINGAN severity: 10 kinds: PNS } }\n");
    }
    return text;
  };
  auto at = RuleBook::Load({LawSource{"uji.textproto", law(kMaxSanctionTypes - embedded)}});
  EXPECT_TRUE(at.ok()) << at.status();
  ExpectRefused(RuleBook::Load({LawSource{"uji.textproto", law(kMaxSanctionTypes + 1 - embedded)}}).status(),
                absl::StatusCode::kInvalidArgument, {"uji.textproto", "more than 64 sanction types"});
  // The 64th type, the last bit of the mask, is a sanction the summary names.
  ASSERT_TRUE(at.ok());
  Summarizer summarizer(*at);
  const std::string last = absl::StrCat("U", kMaxSanctionTypes - 1 - embedded);
  EXPECT_EQ(summarizer.TypeCodes(SanctionTypeMask{1} << (kMaxSanctionTypes - 1)), std::vector<std::string>{last});
}

// Types past the 32nd bit tell answers apart as any other: a host norm whose
// two rules differ only in a type at those bits (the embedded law already
// has more than 32 types) asks for the fact that decides between them.
TEST(Limits, TypesPastThe32ndBitTellAnswersApart) {
  const std::string law = R"(instruments { id: "perbup_uji_2025" kind: KEPUTUSAN number: "1" year: 2025 in_force_from: "2025-01-01" article_count: 99 }
rules { id: "uji.norm" citations { instrument: "perbup_uji_2025" pasal: 1 } paraphrase: "Come to work." norm { kind: OBLIGATION } }
rules { id: "uji.sanction.a" citations { instrument: "perbup_uji_2025" pasal: 2 } paraphrase: "A." sanction_type { code: "UA" level: RINGAN severity: 10 kinds: PNS } }
rules { id: "uji.sanction.b" citations { instrument: "perbup_uji_2025" pasal: 3 } paraphrase: "B." sanction_type { code: "UB" level: RINGAN severity: 11 kinds: PNS } }
rules { id: "uji.level.low" citations { instrument: "perbup_uji_2025" pasal: 4 } paraphrase: "Up to five days: UA."
        level { norm: "uji.norm" when { cumulative_absence_days { min: 0 max: 5 } } outcome: SANCTION level: RINGAN sanction_types: ["UA"] } }
rules { id: "uji.level.high" citations { instrument: "perbup_uji_2025" pasal: 5 } paraphrase: "Six days or more: UB."
        level { norm: "uji.norm" when { cumulative_absence_days { min: 6 } } outcome: SANCTION level: RINGAN sanction_types: ["UB"] } }
)";
  auto book = RuleBook::Load({LawSource{"uji.textproto", law}});
  ASSERT_TRUE(book.ok()) << book.status();
  int types = 0;
  for (const RuleEntry& e : (*book)->rules()) types += e.rule->has_sanction_type();
  ASSERT_GT(types, 33);  // UA and UB sit past bit 31
  auto evaluator = Evaluator::Create(std::shared_ptr<const RuleBook>(std::move(*book)));
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  v1::EvaluationRequest request;
  request.mutable_employee()->set_kind(v1::PNS);
  request.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  request.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  v1::Act* act = request.add_acts();
  act->set_norm("uji.norm");
  act->set_act_date("2025-03-03");
  request.set_decision_date("2025-04-01");
  auto d = evaluator->Evaluate(request);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->outcome(), v1::MISSING_FACTS) << d->DebugString();
  ASSERT_EQ(d->missing_facts_size(), 1);
  EXPECT_EQ(d->missing_facts(0).field(), "acts[0].absence.cumulative_working_days");
}

// Pact templates of one election (254 at most: a row's template is a byte,
// 255 meaning none): a host law adding templates to pilkada2024's two up to
// 254 gives a registry; one more is refused.
TEST(Limits, PactTemplatesPerElection) {
  const auto law = [](int templates) {
    std::string text;
    for (int i = 0; i < templates; ++i) {
      absl::StrAppend(&text, "pact_templates { id: \"uji.pact.", i,
                      "\" version: 1 election: \"pilkada2024\" title: \"Pakta uji\" "
                      "citations { instrument: \"skb2022\" part: \"Lampiran\" } "
                      "commitments { id: \"uji.c1\" text: \"Netral.\" } }\n");
    }
    return text;
  };
  std::istringstream csv("nip,name,type\n198002142005031011,A,PNS\n");
  v1::RosterImportReport report;
  auto roster = ImportRosterCsv(csv, &report);
  ASSERT_TRUE(roster.ok()) << roster.status();
  for (int added : {252, 253}) {
    auto book = RuleBook::Load({LawSource{"uji.textproto", law(added)}});
    ASSERT_TRUE(book.ok()) << book.status();
    auto registry = PactRegistry::Create(*book, &*roster, "pilkada2024");
    if (added == 252) {
      EXPECT_TRUE(registry.ok()) << registry.status();
    } else {
      ExpectRefused(registry.status(), absl::StatusCode::kFailedPrecondition,
                    {"more than 254 pact templates for one election"});
    }
  }
}

// ----------------------------------------------------------------- batches

TEST(Limits, BatchBytes) {
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok());
  // A JSON array of no requests, padded with blanks to the limit.
  std::string json = "[" + std::string(kMaxBatchBytes - 2, ' ') + "]";
  auto at = (*engine)->EvaluateJsonArray(json);
  ASSERT_TRUE(at.ok()) << at.status();
  EXPECT_EQ(*at, "[]\n");
  json.insert(1, " ");
  ExpectRefused((*engine)->EvaluateJsonArray(json).status(), absl::StatusCode::kInvalidArgument,
                {"exceed", "268435456 bytes (kMaxBatchBytes)"});
  ExpectRefused((*engine)->AuditJsonArray(json).status(), absl::StatusCode::kInvalidArgument, {"kMaxBatchBytes"});
}

TEST(Limits, LateMinutes) {
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok());
  for (int minutes : {527'040, 527'041}) {
    v1::EvaluationRequest r;
    r.mutable_employee()->set_kind(v1::PNS);
    v1::Act* a = r.add_acts();
    a->set_norm("pp94.duty.attendance");
    a->set_act_date("2025-06-30");
    a->mutable_absence()->set_late_or_early_minutes(minutes);
    auto d = (*engine)->Evaluate(r);
    if (minutes == 527'040) {
      EXPECT_TRUE(d.ok()) << d.status();
    } else {
      ExpectRefused(d.status(), absl::StatusCode::kInvalidArgument, {"late_or_early_minutes", "527041"});
    }
  }
}

// The fast JSON path declines past 64 levels of messages inside messages
// (src/json_fast.cc kMaxDepth) and leaves the text to protobuf's parser. No
// message of the schema nests that deep, so the limit guards the parser
// itself; this holds the schema to it: the deepest chain of message fields
// from any request or record a surface reads, without recursion.
TEST(Limits, SchemaNestsShallowerThanTheFastPathDepth) {
  std::function<int(const google::protobuf::Descriptor*, std::set<const google::protobuf::Descriptor*>*)> depth =
      [&](const google::protobuf::Descriptor* d, std::set<const google::protobuf::Descriptor*>* on_path) {
        if (!on_path->insert(d).second) return 1000;  // recursive: as deep as the text makes it
        int deepest = 1;
        for (int i = 0; i < d->field_count(); ++i) {
          const google::protobuf::Descriptor* m = d->field(i)->message_type();
          if (m != nullptr && m->file()->package() == "netra.v1") deepest = std::max(deepest, 1 + depth(m, on_path));
        }
        on_path->erase(d);
        return deepest;
      };
  int checked = 0;
  for (const google::protobuf::FileDescriptor* file :
       {v1::EvaluateBatchRequest::descriptor()->file(), v1::GetSigningCurveRequest::descriptor()->file()}) {
    for (int s = 0; s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        std::set<const google::protobuf::Descriptor*> on_path;
        const google::protobuf::Descriptor* in = file->service(s)->method(m)->input_type();
        EXPECT_LT(depth(in, &on_path), 64) << in->full_name();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10);
}

// ---------------------------------------------------------------- records

TEST(Limits, PactPage) {
  const std::string path = TempPath("pact_page.db");
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  // At the limit the page is taken: the store has no pact log of the
  // election yet, which is a different answer from the limit's.
  const absl::Status at = (*store)->ListPactEvents("pilkada2024", 0, 100'000).status();
  EXPECT_FALSE(absl::StrContains(at.message(), "limit")) << at;
  ExpectRefused((*store)->ListPactEvents("pilkada2024", 0, 100'001).status(), absl::StatusCode::kInvalidArgument,
                {"limit: 100001 is outside 1..100000"});
}

TEST(Limits, StoreConnections) {
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok());
  const std::string path = TempPath("connections.db");
  EXPECT_TRUE(Records::Open(*engine, {.store = path, .connections = 256}).ok());
  ExpectRefused(Records::Open(*engine, {.store = path, .connections = 257}).status(),
                absl::StatusCode::kInvalidArgument, {"connections", "257"});
}

TEST(Limits, SigningCurvePoints) {
  auto engine = Engine::Create(Book());
  ASSERT_TRUE(engine.ok());
  auto records = Records::Open(*engine, {.store = TempPath("curve.db")});
  ASSERT_TRUE(records.ok()) << records.status();
  for (int points : {366, 367}) {
    v1::GetSigningCurveRequest req;
    req.set_election("pilkada2024");
    req.set_as_of("2024-11-01");
    req.set_points(points);
    v1::SigningCurve curve;
    const absl::Status st = (*records)->Call(Caller{.name = "test"}, "GetSigningCurve", req, &curve);
    if (points == 366) {
      // At the limit the points are taken (the store holds no roster yet).
      EXPECT_FALSE(absl::StrContains(st.message(), "points")) << st;
    } else {
      ExpectRefused(st, absl::StatusCode::kInvalidArgument, {"points", "367"});
    }
  }
}

// ------------------------------------------------------------ roster, SIASN

TEST(Limits, RosterWarningsReported) {
  // A non-ASN row without a NIP is counted with a warning: 1,001 of them
  // give 1,000 warnings listed and every row kept.
  std::string csv = "nip,name,type\n";
  for (int i = 0; i < 1001; ++i) absl::StrAppend(&csv, ",x,honorer\n");
  v1::RosterImportReport report;
  std::istringstream in(csv);
  auto t = ImportRosterCsv(in, &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->size(), 1001u);
  EXPECT_EQ(report.warnings_size(), 1000);
  EXPECT_TRUE(absl::StartsWith(report.warnings(999), "line 1001: ")) << report.warnings(999);
}

TEST(Limits, SiasnWarnings) {
  // Facts of a hukdis id no row has are each a warning: at most 1,000 kept.
  for (int n : {1000, 1001}) {
    v1::SiasnRecords records;
    records.mutable_pegawai()->set_json("[]");
    for (int i = 0; i < n; ++i) (*records.mutable_facts())[absl::StrCat("H", i)];
    auto import = FromSiasn(records);
    ASSERT_TRUE(import.ok()) << import.status();
    EXPECT_EQ(import->warnings_size(), 1000) << n;
  }
}

TEST(Limits, SiasnRows) {
  // kMaxSiasnRows (10 million) is the default of SiasnImportOptions; a host
  // may lower it, which is how the limit is tested without 10 million rows,
  // in both forms of a table.
  EXPECT_EQ(SiasnImportOptions().max_rows, kMaxSiasnRows);
  for (const bool csv : {false, true}) {
    for (int rows : {3, 4}) {
      v1::SiasnRecords records;
      std::string text = csv ? "id,nama\n" : "[";
      for (int i = 0; i < rows; ++i) {
        absl::StrAppend(&text, csv ? absl::StrCat("U", i, ",Unit ", i, "\n")
                                   : absl::StrCat(i ? "," : "", R"({"id":"U)", i, R"(","nama":"Unit )", i, "\"}"));
      }
      if (!csv) text += "]";
      csv ? records.mutable_unor()->set_csv(text) : records.mutable_unor()->set_json(text);
      auto import = FromSiasn(records, {.max_rows = 3});
      if (rows == 3) {
        EXPECT_TRUE(import.ok()) << import.status();
      } else {
        ExpectRefused(import.status(), absl::StatusCode::kInvalidArgument, {"unor: more than 3 rows (kMaxSiasnRows)"});
      }
    }
  }
  ExpectRefused(FromSiasn(v1::SiasnRecords(), {.max_rows = kMaxSiasnRows + 1}).status(),
                absl::StatusCode::kInvalidArgument, {"max_rows: 10000001 is outside 1..10000000"});
}

// --------------------------------------------------------- synthetic data

TEST(Limits, SyntheticSizes) {
  // Each size is checked before anything is generated, so one past it is
  // refused at once; at it, a generator is made (rows come as they are read).
  EXPECT_TRUE(synth::RosterGenerator::Create({.seed = 1, .employees = 100'000'000}).ok());
  ExpectRefused(synth::RosterGenerator::Create({.seed = 1, .employees = 100'000'001}).status(),
                absl::StatusCode::kInvalidArgument, {"employees: 100000001 is outside 1-100000000"});
  EXPECT_TRUE(synth::ReportGenerator::Create({.seed = 1, .count = 100'000'000, .election = "pilkada2024"}).ok());
  ExpectRefused(synth::ReportGenerator::Create({.seed = 1, .count = 100'000'001, .election = "pilkada2024"}).status(),
                absl::StatusCode::kInvalidArgument, {"count: 100000001 is outside 0-100000000"});
  synth::ProvinceOptions province;
  province.employees = synth::kMaxProvinceEmployees + 1;
  province.election = "pilkada2024";
  province.as_of = "2024-11-01";
  ExpectRefused(synth::GenerateProvince(province, nullptr).status(), absl::StatusCode::kInvalidArgument,
                {"500001"});
  synth::SiasnExportOptions siasn;
  siasn.employees = synth::kMaxSiasnExportEmployees + 1;
  ExpectRefused(synth::WriteSiasnExport(siasn, TempPath("siasn_export")).status(), absl::StatusCode::kInvalidArgument,
                {"500001"});
}

// kMaxHypotheses: a norm whose RINGAN answer is the same whatever an act
// lacks, with rules on seven yes/no facts and a count of absent days cut at
// 1..j (j + 1 ranges): at j = 7 the evaluator tries the 1,024 combinations
// and answers; at j = 8 (1,152) it tries none and asks for every fact.
TEST(Limits, Hypotheses) {
  for (int j : {7, 8}) {
    std::string law = R"(instruments { id: "perbup_uji_2025" kind: KEPUTUSAN number: "1" year: 2025 in_force_from: "2025-01-01" article_count: 99 }
rules { id: "uji.norm" citations { instrument: "perbup_uji_2025" pasal: 1 } paraphrase: "A norm for a test." norm { kind: OBLIGATION } }
rules { id: "uji.level.base" citations { instrument: "perbup_uji_2025" pasal: 2 } paraphrase: "Base." level { norm: "uji.norm" when { } outcome: SANCTION level: RINGAN } }
)";
    for (int i = 1; i <= j; ++i) {
      absl::StrAppend(&law, "rules { id: \"uji.level.", i, "\" citations { instrument: \"perbup_uji_2025\" pasal: ", 2 + i,
                      " } paraphrase: \"Rule.\" level { norm: \"uji.norm\" when { cumulative_absence_days { min: ", i,
                      " } valid_reason: true wealth_report_obliged: true on_cltn: true active_support: true resigned_in_writing: true cltn_conduct_breach: true intentional: true } outcome: SANCTION level: RINGAN concurrent_with: \"uji.level.base\"");
      for (int k = 1; k <= j; ++k) {
        if (k != i) absl::StrAppend(&law, " concurrent_with: \"uji.level.", k, "\"");
      }
      absl::StrAppend(&law, " } }\n");
    }
    auto book = RuleBook::Load({LawSource{"uji.textproto", law}});
    ASSERT_TRUE(book.ok()) << book.status();
    auto evaluator = Evaluator::Create(*book);
    ASSERT_TRUE(evaluator.ok()) << evaluator.status();
    v1::EvaluationRequest r;
    r.mutable_employee()->set_kind(v1::PNS);
    v1::Act* a = r.add_acts();
    a->set_norm("uji.norm");
    a->set_act_date("2025-06-30");
    auto d = evaluator->Evaluate(r);
    ASSERT_TRUE(d.ok()) << d.status();
    if (j == 7) {  // 2^7 x 8 = 1,024 combinations: tried, and none matters
      EXPECT_EQ(d->outcome(), v1::SANCTION);
      EXPECT_EQ(d->level(), v1::RINGAN);
    } else {  // 2^7 x 9 = 1,152: every fact the rules depend on is asked for
      EXPECT_EQ(d->outcome(), v1::MISSING_FACTS);
      EXPECT_EQ(d->missing_facts_size(), 8);
    }
  }
}

}  // namespace
}  // namespace netra
