// The store (netra/store.h) on SQLite and on PostgreSQL: one suite, run
// over both through a factory (StoreTest/Sqlite, StoreTest/Postgres). The
// PostgreSQL half needs NETRA_TEST_POSTGRES, a libpq URI of a server where
// the user may create databases (scripts/test.sh starts a throw-away
// cluster and sets it); without it those tests are skipped with the reason.
// Each test gets its own SQLite file or PostgreSQL database.
//
// The proofs of issue 13: processes (fork, not threads) appending to one case
// and signing one registry at once keep every acknowledged event exactly
// once; a writer killed at a random moment (after a seeded number of
// acknowledgements read from a pipe, never after a sleep) loses nothing
// acknowledged; a reader during writes sees a growing, verified prefix and
// changes nothing; an I/O error is an error, never a shorter history; damage
// done with raw SQL (triggers dropped) is reported with its position and
// nothing is written after it.
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "netra/api.h"
#include "netra/case.h"
#include "netra/pact.h"
#include "netra/rule_book.h"
#include "netra/store.h"
#include "netra/synth.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

constexpr char kStaff[] = "pakta_netralitas.pilkada2024.v1";

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

const CaseMachine& Machine() {
  static auto* m = new CaseMachine(*CaseMachine::Create(Book()));
  return *m;
}

// A synthetic roster of `n` rows (valid, unique NIPs).
const RosterTable& Roster(int64_t n) {
  static auto* rosters = new std::map<int64_t, RosterTable>;
  auto it = rosters->find(n);
  if (it == rosters->end()) {
    std::stringstream csv;
    synth::RosterOptions o;
    o.employees = n;
    o.seed = 13;
    EXPECT_TRUE(synth::WriteRoster(o, csv).ok());
    v1::RosterImportReport report;
    it = rosters->emplace(n, *ImportRosterCsv(csv, &report)).first;
  }
  return it->second;
}

v1::CaseLog Header(const std::string& id) {
  v1::CaseLog h;
  h.set_case_id(id);
  h.set_kind(v1::DISCIPLINARY);
  h.mutable_employee()->set_kind(v1::PNS);
  return h;
}

// Event i of a case: KNOWLEDGE, then documents (any number may follow).
v1::CaseEvent CaseEv(int64_t i, const std::string& note) {
  v1::CaseEvent e;
  e.set_type(i == 1 ? v1::KNOWLEDGE : v1::DOCUMENT);
  e.set_date("2024-07-01");
  e.mutable_actor()->set_role(i == 1 ? v1::ROLE_DIRECT_SUPERIOR : v1::ROLE_HR_OFFICIAL);
  e.set_note(note);
  return e;
}

v1::PactEvent Issue(const std::string& nip) {
  v1::PactEvent e;
  e.set_type(v1::PACT_ISSUED);
  e.set_date("2024-09-02");
  e.set_nip(nip);
  e.set_template_id(kStaff);
  return e;
}

v1::PactEvent Sign(const std::string& nip, const std::string& note = "") {
  v1::PactEvent e;
  e.set_type(v1::PACT_SIGNED);
  e.set_date("2024-09-03");
  e.set_nip(nip);
  e.set_signer_nip(nip);
  e.set_method(v1::INDIVIDUAL);
  e.set_note(note);
  return e;
}

// --- The factory: a fresh store address per test ---------------------------

// A libpq connection to the test server's maintenance database.
PGconn* Admin() {
  const char* uri = std::getenv("NETRA_TEST_POSTGRES");
  if (uri == nullptr || *uri == '\0') return nullptr;
  PGconn* c = PQconnectdb(uri);
  if (PQstatus(c) != CONNECTION_OK) {
    ADD_FAILURE() << "NETRA_TEST_POSTGRES: cannot connect: " << PQerrorMessage(c);
    PQfinish(c);
    return nullptr;
  }
  return c;
}

std::string Exec(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  std::string err;
  if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
  PQclear(r);
  return err;
}

// NETRA_TEST_POSTGRES with its database replaced (postgresql://.../DB?...).
std::string WithDatabase(const std::string& uri, const std::string& db) {
  const size_t q = uri.find('?');
  const std::string base = uri.substr(0, q);
  const size_t slash = base.find('/', base.find("://") + 3);
  std::string out = (slash == std::string::npos ? base + "/" : base.substr(0, slash + 1)) + db;
  if (q != std::string::npos) out += uri.substr(q);
  return out;
}

enum class Kind { kSqlite, kPostgres };

std::string KindName(const ::testing::TestParamInfo<Kind>& info) {
  return info.param == Kind::kSqlite ? "Sqlite" : "Postgres";
}

class StoreTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    const std::string name = absl::StrCat("netra_store_", getpid(), "_", counter++);
    if (GetParam() == Kind::kSqlite) {
      dir_ = absl::StrCat(::testing::TempDir(), "/", name);
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      address_ = dir_ + "/store.db";
      return;
    }
    PGconn* admin = Admin();
    if (admin == nullptr) {
      // scripts/test.sh sets both: there a missing server is a failure.
      const char* required = std::getenv("NETRA_REQUIRE_POSTGRES");
      ASSERT_FALSE(required != nullptr && *required == '1') << "NETRA_REQUIRE_POSTGRES=1 but no NETRA_TEST_POSTGRES";
      if (!HasFailure()) GTEST_SKIP() << "NETRA_TEST_POSTGRES is not set (scripts/test.sh sets it)";
      return;
    }
    db_ = name;
    const std::string err = Exec(admin, absl::StrCat("CREATE DATABASE ", db_));
    PQfinish(admin);
    ASSERT_EQ(err, "");
    address_ = WithDatabase(std::getenv("NETRA_TEST_POSTGRES"), db_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    if (!db_.empty()) {
      if (PGconn* admin = Admin()) {
        Exec(admin, absl::StrCat("DROP DATABASE IF EXISTS ", db_, " WITH (FORCE)"));
        PQfinish(admin);
      }
    }
  }

  std::unique_ptr<Store> Open(StoreOptions options = {}) {
    auto s = Store::Open(address_, options);
    EXPECT_TRUE(s.ok()) << s.status();
    return s.ok() ? *std::move(s) : nullptr;
  }

  // Raw SQL on the store, as an administrator with a tool would.
  std::string Raw(const std::string& sql) {
    if (GetParam() == Kind::kSqlite) {
      sqlite3* db = nullptr;
      sqlite3_open(address_.c_str(), &db);
      char* err = nullptr;
      sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
      std::string out = err ? err : "";
      sqlite3_free(err);
      sqlite3_close(db);
      return out;
    }
    PGconn* c = PQconnectdb(address_.c_str());
    std::string out = Exec(c, sql);
    PQfinish(c);
    return out;
  }
  bool sqlite() const { return GetParam() == Kind::kSqlite; }

  // The first column of the first row of `sql`, an integer.
  int64_t Count(const std::string& sql) {
    if (sqlite()) {
      sqlite3* db = nullptr;
      sqlite3_open(address_.c_str(), &db);
      sqlite3_stmt* s = nullptr;
      int64_t n = -1;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        n = sqlite3_column_int64(s, 0);
      }
      sqlite3_finalize(s);
      sqlite3_close(db);
      return n;
    }
    PGconn* c = PQconnectdb(address_.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    const int64_t n = PQresultStatus(r) == PGRES_TUPLES_OK ? std::atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    PQfinish(c);
    return n;
  }

  // Flips one byte of a stored case event (its triggers dropped before).
  void FlipByte(const std::string& case_id, int64_t seq, int at) {
    if (!sqlite()) {
      EXPECT_EQ(Raw(absl::StrCat("UPDATE case_events SET event = set_byte(event, ", at, ", get_byte(event, ", at,
                                 ") # 1) WHERE case_id = '", case_id, "' AND seq = ", seq)),
                "");
      return;
    }
    sqlite3* db = nullptr;
    sqlite3_open(address_.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT event FROM case_events WHERE case_id = ?1 AND seq = ?2", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, case_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, seq);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    std::string bytes(static_cast<const char*>(sqlite3_column_blob(s, 0)), sqlite3_column_bytes(s, 0));
    sqlite3_finalize(s);
    bytes[at] ^= 1;
    sqlite3_prepare_v2(db, "UPDATE case_events SET event = ?3 WHERE case_id = ?1 AND seq = ?2", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, case_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, seq);
    sqlite3_bind_blob(s, 3, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(s), SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(s);
    sqlite3_close(db);
  }

  std::string dir_, db_, address_;
};

// --- Behaviour ---------------------------------------------------------------

TEST_P(StoreTest, ACaseIsCheckedAppendedAndReadBack) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
  for (int i = 1; i <= 3; ++i) {
    auto p = store->AppendCaseEvent("K-1", CaseEv(i, absl::StrCat("e", i)), Machine());
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->events, i);
  }
  auto log = store->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->events_size(), 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(log->events(i).seq(), i + 1);
    EXPECT_EQ(log->events(i).note(), absl::StrCat("e", i + 1));
  }
  auto state = store->CaseState("K-1", Machine(), absl::CivilDay(2024, 7, 2));
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->status(), v1::OPENED);
  auto page = store->ListCases("", 10);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].events, 3);
  EXPECT_EQ((*page)[0].status, v1::OPENED);
  EXPECT_EQ((*page)[0].last_date, "2024-07-01");
}

TEST_P(StoreTest, ARefusedEventWritesNothing) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
  // A document before the case is known: refused by the machine.
  auto p = store->AppendCaseEvent("K-1", CaseEv(2, "too early"), Machine());
  EXPECT_FALSE(p.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(p.status()) || absl::IsInvalidArgument(p.status())) << p.status();
  // A stated seq that is not the next position.
  v1::CaseEvent e = CaseEv(1, "x");
  e.set_seq(5);
  p = store->AppendCaseEvent("K-1", e, Machine());
  EXPECT_TRUE(absl::IsInvalidArgument(p.status())) << p.status();
  EXPECT_TRUE(absl::StrContains(p.status().message(), "seq: 5")) << p.status();
  auto log = store->ReadCase("K-1");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->events_size(), 0);
  EXPECT_TRUE(absl::IsNotFound(store->AppendCaseEvent("K-2", CaseEv(1, ""), Machine()).status()));
  EXPECT_TRUE(absl::IsNotFound(store->ReadCase("K-2").status()));
  EXPECT_TRUE(absl::IsAlreadyExists(store->CreateCase(Header("K-1"), Machine())));
  auto bad = store->CreateCase(Header(""), Machine());
  EXPECT_TRUE(absl::IsInvalidArgument(bad) && absl::StrContains(bad.message(), "case_id")) << bad;
  // A header with a refused event stores nothing of the case.
  v1::CaseLog h = Header("K-3");
  *h.add_events() = CaseEv(2, "no knowledge first");
  EXPECT_FALSE(store->CreateCase(h, Machine()).ok());
  EXPECT_TRUE(absl::IsNotFound(store->ReadCase("K-3").status()));
}

TEST_P(StoreTest, CasesArePagedInIdOrder) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 25; ++i) ASSERT_TRUE(store->CreateCase(Header(absl::StrCat("K-", 100 + i)), Machine()).ok());
  std::vector<std::string> seen;
  std::string after;
  for (;;) {
    auto page = store->ListCases(after, 10);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& c : *page) seen.push_back(c.case_id);
    if (page->size() < 10) break;
    after = page->back().case_id;
  }
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_TRUE(absl::IsInvalidArgument(store->ListCases("", 0).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store->ListCases("", 10001).status()));
}

TEST_P(StoreTest, OverdueListsDutiesPastDueAcrossCases) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  // Absent at the first examination: the second summons is due 7 working
  // days later, by 2022-10-26 (tests/case_deadlines_test.cc, T28).
  v1::CaseLog h = Header("K-1");
  h.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  h.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  ASSERT_TRUE(store->CreateCase(h, Machine()).ok());
  v1::CaseEvent e = CaseEv(1, "");
  e.set_date("2022-10-03");
  ASSERT_TRUE(store->AppendCaseEvent("K-1", e, Machine()).ok());
  e.set_type(v1::SUMMONS_1);
  e.set_date("2022-10-05");
  e.set_scheduled_date("2022-10-17");
  ASSERT_TRUE(store->AppendCaseEvent("K-1", e, Machine()).ok());
  e.set_type(v1::NO_SHOW);
  e.set_date("2022-10-17");
  e.clear_scheduled_date();
  auto p = store->AppendCaseEvent("K-1", e, Machine());
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(store->CreateCase(Header("K-2"), Machine()).ok());
  auto none = store->Overdue(Machine(), absl::CivilDay(2022, 10, 26));
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  auto late = store->Overdue(Machine(), absl::CivilDay(2022, 10, 27));
  ASSERT_TRUE(late.ok()) << late.status();
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ((*late)[0].case_id, "K-1");
  EXPECT_EQ(std::string(PeriodName((*late)[0].item.period)), "summons_2");
  // The second summons sent late, on 2022-11-01: on 2022-10-27 it was still
  // overdue (a later event does not count on an earlier date), and is not
  // after it was sent.
  e.set_type(v1::SUMMONS_2);
  e.set_date("2022-11-01");
  e.set_scheduled_date("2022-11-10");
  auto sent = store->AppendCaseEvent("K-1", e, Machine());
  ASSERT_TRUE(sent.ok()) << sent.status();
  auto then = store->Overdue(Machine(), absl::CivilDay(2022, 10, 27));
  ASSERT_TRUE(then.ok()) << then.status();
  ASSERT_EQ(then->size(), 1u);
  EXPECT_EQ(std::string(PeriodName((*then)[0].item.period)), "summons_2");
  auto now = store->Overdue(Machine(), absl::CivilDay(2022, 11, 2));
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_TRUE(now->empty());
}

TEST_P(StoreTest, PactsAreIssuedSignedAndCountedInBatches) {
  StoreOptions options;
  options.batch_events = 7;  // several transactions per call
  auto store = Open(options);
  ASSERT_NE(store, nullptr);
  const RosterTable& roster = Roster(50);
  auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
  ASSERT_TRUE(pacts.ok()) << pacts.status();
  ASSERT_TRUE(store->SyncPacts(&*pacts).ok());
  std::vector<v1::PactEvent> events;
  for (size_t r = 0; r < roster.size(); ++r) {
    if (!roster.Nip(r).empty()) events.push_back(Issue(roster.Nip(r)));
  }
  const int64_t issued = static_cast<int64_t>(events.size());
  auto n = store->AppendPactEvents(&*pacts, events);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->appended, issued);
  // Issuing again: each refused (an active pact exists). kStop names the first.
  auto again = store->AppendPactEvents(&*pacts, events);
  EXPECT_TRUE(absl::IsFailedPrecondition(again.status())) << again.status();
  EXPECT_TRUE(absl::StrContains(again.status().message(), "events[0]")) << again.status();
  auto skipped = store->AppendPactEvents(&*pacts, events, RefusedEvents::kSkip);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->appended, 0);
  EXPECT_EQ(skipped->refused, issued);
  // Signatures, the third one twice: kStop stores the ones before it.
  std::vector<v1::PactEvent> signs = {Sign(events[0].nip()), Sign(events[1].nip()), Sign(events[0].nip())};
  auto s = store->AppendPactEvents(&*pacts, signs);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(absl::StrContains(s.status().message(), "events[2]")) << s.status();
  EXPECT_EQ(pacts->events(), issued + 2);
  // A second reader of the store sees the same registry.
  auto other = StoredPacts::Create(Book(), &roster, "pilkada2024");
  ASSERT_TRUE(store->SyncPacts(&*other).ok());
  EXPECT_EQ(other->events(), issued + 2);
  int64_t a[8], b[8];
  pacts->registry().Totals(absl::CivilDay(2024, 9, 4), a);
  other->registry().Totals(absl::CivilDay(2024, 9, 4), b);
  EXPECT_EQ(a[0], issued);
  EXPECT_EQ(a[1] + a[2], 2);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(a[i], b[i]) << i;
  // Paging the events.
  auto page = store->ListPactEvents("pilkada2024", issued, 10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].type(), v1::PACT_SIGNED);
  auto elections = store->ListElections();
  ASSERT_TRUE(elections.ok());
  EXPECT_EQ(*elections, std::vector<std::string>{"pilkada2024"});
  EXPECT_TRUE(absl::IsNotFound(store->ListPactEvents("pemilu2024", 0, 10).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store->ListPactEvents("pilkada2024", -1, 10).status()));
}

// The request layer over a registry in the store (what `netra pact progress`
// prints): the same answer as PactProgress over the same events given in the
// request, and a second call reads what another writer stored since.
TEST_P(StoreTest, TheEngineCountsARegistryInTheStoreAsFromItsEvents) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok()) << engine.status();
  auto store = Open();
  ASSERT_NE(store, nullptr);
  std::stringstream csv;
  synth::RosterOptions o;
  o.employees = 40;
  o.seed = 13;
  ASSERT_TRUE(synth::WriteRoster(o, csv).ok());
  const RosterTable& roster = Roster(40);
  auto writer = StoredPacts::Create(Book(), &roster, "pilkada2024");
  ASSERT_TRUE(writer.ok());
  std::vector<v1::PactEvent> events;
  for (size_t r = 0; r < roster.size(); ++r) {
    if (!roster.Nip(r).empty()) events.push_back(Issue(roster.Nip(r)));
  }
  events.push_back(Sign(events[0].nip()));
  ASSERT_TRUE(store->AppendPactEvents(&*writer, events).ok());

  auto reader = StoredPacts::Create(Book(), &roster, "pilkada2024");
  ASSERT_TRUE(reader.ok());
  v1::PactProgressRequest request;
  request.set_as_of("2024-09-30");
  request.set_max_not_signed(5);
  auto stored = (*engine)->PactProgress(*store, &*reader, request);
  ASSERT_TRUE(stored.ok()) << stored.status();
  v1::PactProgressRequest whole = request;
  whole.mutable_roster()->set_csv(csv.str());
  whole.set_election("pilkada2024");
  for (const auto& e : events) *whole.add_events() = e;
  auto given = (*engine)->PactProgress(whole);
  ASSERT_TRUE(given.ok()) << given.status();
  EXPECT_EQ(stored->progress().SerializeAsString(), given->progress().SerializeAsString());
  EXPECT_EQ(stored->progress().total().signed_on_time(), 1);

  // Another writer signs; the next call reads only what is new.
  ASSERT_TRUE(store->AppendPactEvents(&*writer, {Sign(events[1].nip())}).ok());
  auto again = (*engine)->PactProgress(*store, &*reader, request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->progress().total().signed_on_time(), 2);
  EXPECT_EQ(reader->events(), static_cast<int64_t>(events.size()) + 1);
  // Bad input is refused before the store is read.
  request.set_as_of("2024-02-30");
  EXPECT_TRUE(absl::IsInvalidArgument((*engine)->PactProgress(*store, &*reader, request).status()));
}

TEST_P(StoreTest, EventsCannotBeUpdatedOrDeleted) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
  ASSERT_TRUE(store->AppendCaseEvent("K-1", CaseEv(1, "e1"), Machine()).ok());
  auto pacts = StoredPacts::Create(Book(), &Roster(50), "pilkada2024");
  ASSERT_TRUE(store->AppendPactEvents(&*pacts, {Issue(Roster(50).Nip(1))}).ok());
  for (const char* sql : {"UPDATE case_events SET event = event", "DELETE FROM case_events",
                          "UPDATE pact_events SET seq = seq + 1", "DELETE FROM pact_events", "DELETE FROM cases",
                          "UPDATE cases SET header = header", "DELETE FROM pact_logs"}) {
    EXPECT_TRUE(absl::StrContains(Raw(sql), "append-only") || absl::StrContains(Raw(sql), "no delete") ||
                absl::StrContains(Raw(sql), "fixed"))
        << sql << ": " << Raw(sql);
  }
  auto log = store->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->events_size(), 1);
}

// Damage done with the triggers dropped, as a tool or a bad disk would do it.
TEST_P(StoreTest, DamageIsReportedWithItsPositionAndNothingIsWrittenAfterIt) {
  const std::string drop = sqlite() ? "DROP TRIGGER case_events_no_update; DROP TRIGGER case_events_no_delete; "
                                      "DROP TRIGGER pact_events_no_update; DROP TRIGGER pact_events_no_delete;"
                                    : "DROP TRIGGER case_events_append_only ON case_events; "
                                      "DROP TRIGGER pact_events_append_only ON pact_events;";
  auto store = Open();
  ASSERT_NE(store, nullptr);
  for (const char* id : {"K-flip", "K-removed", "K-reordered", "K-last"}) {
    ASSERT_TRUE(store->CreateCase(Header(id), Machine()).ok());
    for (int i = 1; i <= 4; ++i) ASSERT_TRUE(store->AppendCaseEvent(id, CaseEv(i, absl::StrCat("e", i)), Machine()).ok());
  }
  const RosterTable& roster = Roster(50);
  auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
  std::vector<v1::PactEvent> issue;
  for (int r = 1; r <= 5; ++r) issue.push_back(Issue(roster.Nip(r)));
  ASSERT_TRUE(store->AppendPactEvents(&*pacts, issue).ok());
  ASSERT_EQ(Raw(drop), "");
  FlipByte("K-flip", 2, 3);
  ASSERT_EQ(Raw("DELETE FROM case_events WHERE case_id = 'K-removed' AND seq = 3"), "");
  // Events 2 and 3 swap places: their bytes and hashes move, their seq stay.
  ASSERT_EQ(Raw("UPDATE case_events SET seq = -seq WHERE case_id = 'K-reordered' AND seq IN (2, 3)"), "");
  ASSERT_EQ(Raw("UPDATE case_events SET seq = 3 WHERE case_id = 'K-reordered' AND seq = -2"), "");
  ASSERT_EQ(Raw("UPDATE case_events SET seq = 2 WHERE case_id = 'K-reordered' AND seq = -3"), "");
  ASSERT_EQ(Raw("DELETE FROM case_events WHERE case_id = 'K-last' AND seq = 4"), "");
  ASSERT_EQ(Raw("DELETE FROM pact_events WHERE seq = 3"), "");
  ASSERT_EQ(Raw("DELETE FROM pact_events WHERE seq = 5"), "");
  const std::map<std::string, std::string> expect = {
      {"K-flip", "event 2: its hash does not match"},
      {"K-removed", "event 3: missing"},
      {"K-reordered", "event 2: its hash does not match"},
      {"K-last", "event 4: missing"}};
  for (const auto& [id, fragment] : expect) {
    SCOPED_TRACE(id);
    auto log = store->ReadCase(id);
    EXPECT_TRUE(absl::IsDataLoss(log.status())) << log.status();
    EXPECT_TRUE(absl::StrContains(log.status().message(), absl::StrCat("case ", id, ": ", fragment))) << log.status();
    auto p = store->AppendCaseEvent(id, CaseEv(5, "after damage"), Machine());
    EXPECT_TRUE(absl::IsDataLoss(p.status())) << p.status();
  }
  EXPECT_EQ(Count("SELECT count(*) FROM case_events WHERE seq > 4"), 0) << "nothing written after damage";
  // The registry: a fresh reader and the one that wrote it both refuse.
  auto fresh = StoredPacts::Create(Book(), &roster, "pilkada2024");
  auto st = store->SyncPacts(&*fresh);
  EXPECT_TRUE(absl::IsDataLoss(st) && absl::StrContains(st.message(), "pacts of pilkada2024: event 3: missing")) << st;
  auto more = store->AppendPactEvents(&*pacts, {Issue(roster.Nip(7))});
  EXPECT_TRUE(absl::IsDataLoss(more.status()) && absl::StrContains(more.status().message(), "event 5: missing"))
      << more.status();
  EXPECT_EQ(Count("SELECT count(*) FROM pact_events"), 3) << "nothing written after damage";
  auto page = store->ListPactEvents("pilkada2024", 0, 100);
  EXPECT_TRUE(absl::IsDataLoss(page.status())) << page.status();
}

TEST_P(StoreTest, ARosterIsAppendedOnlyOnItsReadCountAndReadBackVerified) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  const RosterTable& roster = Roster(50);
  std::vector<v1::RosterEntry> rows;
  for (size_t r = 0; r < 30; ++r) rows.push_back(roster.Entry(r));
  ASSERT_EQ(*store->AppendRosterRows("pilkada2024", 0, absl::MakeSpan(rows).subspan(0, 20)), 20);
  // A writer that read 0 rows, or 25, is refused: it must read the 20 first.
  for (int64_t expected : {0, 25}) {
    auto stale = store->AppendRosterRows("pilkada2024", expected, absl::MakeSpan(rows).subspan(20));
    EXPECT_TRUE(absl::IsAborted(stale.status())) << stale.status();
  }
  ASSERT_EQ(*store->AppendRosterRows("pilkada2024", 20, absl::MakeSpan(rows).subspan(20)), 30);
  // Read in two steps; the table built from the rows is the roster's.
  RosterCursor cursor;
  RosterTable read;
  auto add = [&](const v1::RosterEntry& e) { return read.Add(e); };
  ASSERT_TRUE(store->ReadRosterRows("pilkada2024", &cursor, add).ok());
  EXPECT_EQ(cursor.rows, 30);
  ASSERT_TRUE(store->ReadRosterRows("pilkada2024", &cursor, add).ok());
  ASSERT_EQ(read.size(), 30u);
  for (size_t r = 0; r < 30; ++r) EXPECT_EQ(read.Entry(r).SerializeAsString(), rows[r].SerializeAsString()) << r;
  // Not an election of the store's list; an election without a roster has none.
  EXPECT_EQ(*store->ListElections(), std::vector<std::string>{});
  EXPECT_EQ(*store->ListRosters(), std::vector<std::string>{"pilkada2024"});
  RosterCursor none;
  EXPECT_TRUE(store->ReadRosterRows("pemilu2024", &none, add).ok());
  EXPECT_EQ(none.rows, 0);
  // Damage shows on the next read, with its position.
  const std::string drop = sqlite() ? "DROP TRIGGER pact_events_no_delete;"
                                    : "DROP TRIGGER pact_events_append_only ON pact_events;";
  ASSERT_EQ(Raw(drop), "");
  ASSERT_EQ(Raw("DELETE FROM pact_events WHERE seq = 30"), "");
  auto st = store->ReadRosterRows("pilkada2024", &cursor, add);
  EXPECT_TRUE(absl::IsDataLoss(st) && absl::StrContains(st.message(), "roster of pilkada2024: event 30: missing")) << st;
  RosterCursor fresh;
  st = store->ReadRosterRows("pilkada2024", &fresh, [](const v1::RosterEntry&) { return absl::OkStatus(); });
  EXPECT_TRUE(absl::IsDataLoss(st)) << st;
}

// --- Processes ---------------------------------------------------------------

// Forks `n` children running `body(k)`, which writes acknowledgements (any
// bytes) to the fd it is given; returns each child's bytes. Children _exit.
template <typename Body>
std::vector<std::string> RunChildren(int n, Body body) {
  std::vector<int> fds;
  std::vector<pid_t> pids;
  for (int k = 0; k < n; ++k) {
    int p[2];
    if (pipe(p) != 0) {
      ADD_FAILURE() << "pipe";
      break;
    }
    const pid_t pid = fork();
    if (pid == 0) {
      close(p[0]);
      _exit(body(k, p[1]));
    }
    close(p[1]);
    fds.push_back(p[0]);
    pids.push_back(pid);
  }
  std::vector<std::string> out(fds.size());
  // Read every pipe to its end (all children run at once).
  std::vector<bool> open(fds.size(), true);
  size_t left = fds.size();
  while (left > 0) {
    std::vector<pollfd> pf;
    std::vector<size_t> idx;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (open[i]) {
        pf.push_back(pollfd{fds[i], POLLIN, 0});
        idx.push_back(i);
      }
    }
    if (poll(pf.data(), pf.size(), 300'000) <= 0) {
      ADD_FAILURE() << "children silent for 300 s";
      break;
    }
    for (size_t j = 0; j < pf.size(); ++j) {
      if (!(pf[j].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      const ssize_t r = read(pf[j].fd, buf, sizeof buf);
      if (r > 0) {
        out[idx[j]].append(buf, static_cast<size_t>(r));
      } else {
        open[idx[j]] = false;
        --left;
      }
    }
  }
  for (size_t i = 0; i < pids.size(); ++i) {
    int status = 0;
    waitpid(pids[i], &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << i << " status " << status;
    close(fds[i]);
  }
  return out;
}

bool WriteAll(int fd, const std::string& s) { return write(fd, s.data(), s.size()) == static_cast<ssize_t>(s.size()); }

TEST_P(StoreTest, ProcessesAppendingToOneCaseKeepEveryAcknowledgedEventOnce) {
  constexpr int kProcs = 4, kEach = 15;
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
    ASSERT_TRUE(store->AppendCaseEvent("K-1", CaseEv(1, "known"), Machine()).ok());
  }
  const std::string address = address_;
  auto acks = RunChildren(kProcs, [&](int k, int fd) {
    auto store = Store::Open(address);
    if (!store.ok()) return 2;
    for (int i = 0; i < kEach; ++i) {
      const std::string note = absl::StrCat("p", k, "-", i);
      auto p = (*store)->AppendCaseEvent("K-1", CaseEv(2, note), Machine());
      if (!p.ok()) return 3;
      if (!WriteAll(fd, note + "\n")) return 4;
    }
    return 0;
  });
  std::multiset<std::string> acked;
  for (const auto& s : acks) {
    for (absl::string_view line : absl::StrSplit(s, '\n', absl::SkipEmpty())) acked.emplace(line);
  }
  ASSERT_EQ(acked.size(), static_cast<size_t>(kProcs * kEach));
  auto store = Open();
  auto log = store->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->events_size(), kProcs * kEach + 1);
  std::multiset<std::string> stored;
  for (int i = 0; i < log->events_size(); ++i) {
    EXPECT_EQ(log->events(i).seq(), i + 1);
    if (i > 0) stored.insert(log->events(i).note());
  }
  EXPECT_EQ(stored, acked) << "every acknowledged event exactly once";
}

TEST_P(StoreTest, ProcessesSigningOneRegistryRecordEachSignatureOnce) {
  constexpr int kProcs = 4;
  const RosterTable& roster = Roster(60);
  std::vector<std::string> nips;
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
    std::vector<v1::PactEvent> issue;
    for (size_t r = 0; r < roster.size() && nips.size() < 30; ++r) {
      if (roster.Nip(r).empty()) continue;
      nips.push_back(roster.Nip(r));
      issue.push_back(Issue(roster.Nip(r)));
    }
    ASSERT_TRUE(store->AppendPactEvents(&*pacts, issue).ok());
  }
  const std::string address = address_;
  // Every process tries to sign every pact, in its own order: each
  // signature must be taken by exactly one.
  auto acks = RunChildren(kProcs, [&](int k, int fd) {
    auto store = Store::Open(address);
    if (!store.ok()) return 2;
    auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
    std::vector<std::string> order = nips;
    std::shuffle(order.begin(), order.end(), std::mt19937(k));
    for (const std::string& nip : order) {
      auto r = (*store)->AppendPactEvents(&*pacts, {Sign(nip, absl::StrCat("p", k))});
      if (r.ok()) {
        if (!WriteAll(fd, nip + "\n")) return 4;
      } else if (!absl::IsFailedPrecondition(r.status())) {
        return 3;  // anything but "already signed" is a failure
      }
    }
    return 0;
  });
  std::multiset<std::string> acked;
  for (const auto& s : acks) {
    for (absl::string_view line : absl::StrSplit(s, '\n', absl::SkipEmpty())) acked.emplace(line);
  }
  EXPECT_EQ(acked, std::multiset<std::string>(nips.begin(), nips.end())) << "each signature acknowledged once";
  auto store = Open();
  auto events = store->ListPactEvents("pilkada2024", 0, 1000);
  ASSERT_TRUE(events.ok()) << events.status();
  std::multiset<std::string> signed_nips;
  for (const auto& e : *events) {
    if (e.type() == v1::PACT_SIGNED) signed_nips.insert(e.nip());
  }
  EXPECT_EQ(signed_nips, acked) << "each acknowledged signature stored exactly once";
}

// A writer killed at random moments, after a seeded number of
// acknowledgements read from a pipe (never after a sleep), then a seeded
// extra moment (0-2 ms) only so that the kill lands at different points of a
// write or commit; the checks do not depend on it.
TEST_P(StoreTest, AWriterKilledAtRandomLosesNothingAcknowledged) {
  constexpr int kRounds = 10;
  const RosterTable& roster = Roster(600);
  (void)Machine();
  std::mt19937 rng(20261202);
  int64_t total = 0;
  const std::string address = address_;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const bool pact = round % 2 == 1;
    const std::string id = absl::StrCat("K-", round);
    const std::string election = "pilkada2024";
    const size_t base = static_cast<size_t>(round / 2) * 100;  // each pact round issues in its own rows
    {
      auto store = Open();
      ASSERT_NE(store, nullptr);
      if (!pact) ASSERT_TRUE(store->CreateCase(Header(id), Machine()).ok());
    }
    const int want = std::uniform_int_distribution<int>(0, 25)(rng);
    const std::chrono::microseconds extra(std::uniform_int_distribution<int>(0, 2000)(rng));
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      auto store = Store::Open(address);
      if (!store.ok()) _exit(2);
      auto pacts = StoredPacts::Create(Book(), &roster, election);
      for (int64_t i = 1;; ++i) {
        bool ok;
        if (pact) {
          // Issue pacts one NIP after another, in batches of 3 events.
          std::vector<v1::PactEvent> batch;
          for (int j = 0; j < 3; ++j) batch.push_back(Issue(roster.Nip(base + (3 * (i - 1) + j) % 100)));
          ok = (*store)->AppendPactEvents(&*pacts, batch, RefusedEvents::kSkip).ok();
        } else {
          ok = (*store)->AppendCaseEvent(id, CaseEv(i, absl::StrCat("e", i)), Machine()).ok();
        }
        if (!ok) _exit(3);
        if (write(fds[1], &i, sizeof i) != static_cast<ssize_t>(sizeof i)) _exit(4);
      }
    }
    close(fds[1]);
    std::vector<int64_t> acked;
    int64_t n = 0;
    while (static_cast<int>(acked.size()) < want) {
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, 120'000) != 1) {
        ADD_FAILURE() << "the writer acknowledged nothing for 120 s";
        break;
      }
      if (read(fds[0], &n, sizeof n) != static_cast<ssize_t>(sizeof n)) break;
      acked.push_back(n);
    }
    std::this_thread::sleep_for(extra);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    while (read(fds[0], &n, sizeof n) == static_cast<ssize_t>(sizeof n)) acked.push_back(n);
    close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped on its own: " << status;
    total += static_cast<int64_t>(acked.size());
    const int64_t k = static_cast<int64_t>(acked.size());
    auto store = Open();
    ASSERT_NE(store, nullptr);
    if (!pact) {
      auto log = store->ReadCase(id);
      ASSERT_TRUE(log.ok()) << log.status();
      ASSERT_GE(log->events_size(), k);
      ASSERT_LE(log->events_size(), k + 1) << "at most one written but not acknowledged";
      for (int i = 0; i < log->events_size(); ++i) EXPECT_EQ(log->events(i).note(), absl::StrCat("e", i + 1));
      ASSERT_TRUE(store->AppendCaseEvent(id, CaseEv(log->events_size() + 1, "after"), Machine()).ok());
    } else {
      // The registry holds every acknowledged batch (each round issues the
      // roster's first NIPs again only where no pact is active).
      auto pacts = StoredPacts::Create(Book(), &roster, election);
      ASSERT_TRUE(store->SyncPacts(&*pacts).ok());
      const size_t covered = static_cast<size_t>(std::min<int64_t>(3 * k, 100));
      for (size_t r = base; r < base + covered; ++r) {
        if (roster.Nip(r).empty()) continue;
        EXPECT_FALSE(store->AppendPactEvents(&*pacts, {Issue(roster.Nip(r))}).ok()) << "pact " << r << " lost";
      }
      ASSERT_TRUE(store->AppendPactEvents(&*pacts, {Sign(roster.Nip(base))}, RefusedEvents::kSkip).ok());
    }
  }
  std::cout << "acknowledged " << total << " writes over " << kRounds << " kills\n";
  EXPECT_GT(total, 0);
}

TEST_P(StoreTest, AReaderDuringWritesSeesAVerifiedPrefixAndChangesNothing) {
  constexpr int kEvents = 60;
  const RosterTable& roster = Roster(60);
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
  }
  const std::string address = address_;
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(go[0]);
    auto store = Store::Open(address);
    if (!store.ok()) _exit(2);
    auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
    for (int i = 1; i <= kEvents; ++i) {
      if (!(*store)->AppendCaseEvent("K-1", CaseEv(i, absl::StrCat("e", i)), Machine()).ok()) _exit(3);
      if (!(*store)->AppendPactEvents(&*pacts, {Issue(roster.Nip(i % roster.size()))}, RefusedEvents::kSkip).ok()) {
        _exit(3);
      }
      const char c = 'x';
      if (write(go[1], &c, 1) != 1) _exit(4);
    }
    _exit(0);
  }
  close(go[1]);
  auto reader = Open();
  ASSERT_NE(reader, nullptr);
  auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
  int last = 0, reads = 0;
  char c;
  for (;;) {
    auto log = reader->ReadCase("K-1");
    ASSERT_TRUE(log.ok()) << log.status();
    ASSERT_GE(log->events_size(), last) << "a reader never sees fewer events";
    for (int i = 0; i < log->events_size(); ++i) ASSERT_EQ(log->events(i).note(), absl::StrCat("e", i + 1));
    last = log->events_size();
    ASSERT_TRUE(reader->SyncPacts(&*pacts).ok());
    ++reads;
    if (read(go[0], &c, 1) != 1) break;  // the writer's progress paces the reads; end of file = done
  }
  int status = 0;
  waitpid(pid, &status, 0);
  close(go[0]);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  auto log = reader->ReadCase("K-1");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->events_size(), kEvents);
  EXPECT_GT(reads, 1);
  if (sqlite()) {
    // A reader alone leaves every byte of the database file as it was.
    reader.reset();
    { auto s = Open(); }  // the last close checkpoints the WAL into the file
    std::ifstream f1(address_, std::ios::binary);
    const std::string before((std::istreambuf_iterator<char>(f1)), {});
    {
      auto s = Open();
      ASSERT_TRUE(s->ReadCase("K-1").ok());
      auto p = StoredPacts::Create(Book(), &roster, "pilkada2024");
      ASSERT_TRUE(s->SyncPacts(&*p).ok());
    }
    std::ifstream f2(address_, std::ios::binary);
    const std::string after((std::istreambuf_iterator<char>(f2)), {});
    EXPECT_TRUE(before == after) << "a reader changed the database file";
  }
}

// --- SQLite only: file mode, I/O errors --------------------------------------

TEST_P(StoreTest, SqliteFilesAreReadableByTheirOwnerOnly) {
  if (!sqlite()) GTEST_SKIP() << "a SQLite file's mode";
  const mode_t old = umask(0);  // the most permissive umask a host may have
  auto store = Open();
  umask(old);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
  for (const std::string& f : {address_, address_ + "-wal", address_ + "-shm"}) {
    struct stat st;
    ASSERT_EQ(stat(f.c_str(), &st), 0) << f;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << f;
  }
}

// A VFS shim over SQLite's default that fails reads or writes when armed:
// the I/O error a failing disk gives.
std::atomic<bool> g_fail_reads{false}, g_fail_writes{false};
sqlite3_vfs* g_real_vfs = nullptr;
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
};
sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f)->real; }
int ShimClose(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int ShimRead(sqlite3_file* f, void* p, int n, sqlite3_int64 o) {
  if (g_fail_reads) return SQLITE_IOERR_READ;
  return Real(f)->pMethods->xRead(Real(f), p, n, o);
}
int ShimWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 o) {
  if (g_fail_writes) return SQLITE_IOERR_WRITE;
  return Real(f)->pMethods->xWrite(Real(f), p, n, o);
}
int ShimTruncate(sqlite3_file* f, sqlite3_int64 s) { return Real(f)->pMethods->xTruncate(Real(f), s); }
int ShimSync(sqlite3_file* f, int flags) {
  if (g_fail_writes) return SQLITE_IOERR_FSYNC;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int ShimFileSize(sqlite3_file* f, sqlite3_int64* s) { return Real(f)->pMethods->xFileSize(Real(f), s); }
int ShimLock(sqlite3_file* f, int l) { return Real(f)->pMethods->xLock(Real(f), l); }
int ShimUnlock(sqlite3_file* f, int l) { return Real(f)->pMethods->xUnlock(Real(f), l); }
int ShimCheck(sqlite3_file* f, int* r) { return Real(f)->pMethods->xCheckReservedLock(Real(f), r); }
int ShimControl(sqlite3_file* f, int op, void* a) { return Real(f)->pMethods->xFileControl(Real(f), op, a); }
int ShimSector(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int ShimDevice(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
int ShimShmMap(sqlite3_file* f, int i, int s, int e, void volatile** p) {
  return Real(f)->pMethods->xShmMap(Real(f), i, s, e, p);
}
int ShimShmLock(sqlite3_file* f, int o, int n, int fl) { return Real(f)->pMethods->xShmLock(Real(f), o, n, fl); }
void ShimShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShimShmUnmap(sqlite3_file* f, int d) { return Real(f)->pMethods->xShmUnmap(Real(f), d); }
int ShimFetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) {
  *p = nullptr;  // no memory-mapped reads: every read goes through xRead
  return SQLITE_OK;
}
int ShimUnfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return SQLITE_OK; }
const sqlite3_io_methods kShimMethods = {3,         ShimClose,      ShimRead,     ShimWrite,   ShimTruncate,
                                         ShimSync,  ShimFileSize,   ShimLock,     ShimUnlock,  ShimCheck,
                                         ShimControl, ShimSector,   ShimDevice,   ShimShmMap,  ShimShmLock,
                                         ShimShmBarrier, ShimShmUnmap, ShimFetch, ShimUnfetch};
int ShimOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out) {
  auto* shim = reinterpret_cast<ShimFile*>(f);
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  shim->base.pMethods = nullptr;
  const int rc = g_real_vfs->xOpen(g_real_vfs, name, shim->real, flags, out);
  if (shim->real->pMethods != nullptr) shim->base.pMethods = &kShimMethods;
  return rc;
}
const char* FaultyVfs() {
  static sqlite3_vfs* vfs = [] {
    g_real_vfs = sqlite3_vfs_find(nullptr);
    auto* v = new sqlite3_vfs(*g_real_vfs);
    v->zName = "netra_faulty";
    v->szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real_vfs->szOsFile;
    v->xOpen = ShimOpen;
    v->pNext = nullptr;
    sqlite3_vfs_register(v, 0);
    return v;
  }();
  return vfs->zName;
}

TEST_P(StoreTest, SqliteAnIoErrorIsAnErrorNeverAShorterHistory) {
  if (!sqlite()) GTEST_SKIP() << "SQLite's VFS (PostgreSQL: a lost connection, below)";
  {
    auto store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
    for (int i = 1; i <= 5; ++i) ASSERT_TRUE(store->AppendCaseEvent("K-1", CaseEv(i, "e"), Machine()).ok());
  }
  StoreOptions options;
  options.sqlite_vfs = FaultyVfs();
  auto store = Open(options);
  ASSERT_NE(store, nullptr);
  g_fail_reads = true;
  auto log = store->ReadCase("K-1");
  g_fail_reads = false;
  EXPECT_TRUE(absl::IsUnavailable(log.status())) << log.status();
  EXPECT_TRUE(absl::StrContains(log.status().message(), "disk I/O error")) << log.status();
  log = store->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->events_size(), 5);
  g_fail_writes = true;
  auto p = store->AppendCaseEvent("K-1", CaseEv(6, "lost"), Machine());
  g_fail_writes = false;
  EXPECT_TRUE(absl::IsUnavailable(p.status())) << p.status();
  auto other = Open();
  log = other->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->events_size(), 5) << "a failed append stores nothing";
  p = store->AppendCaseEvent("K-1", CaseEv(6, "kept"), Machine());
  ASSERT_TRUE(p.ok()) << p.status();
  log = other->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->events_size(), 6);
  EXPECT_EQ(log->events(5).note(), "kept");
}

TEST_P(StoreTest, PostgresALostConnectionIsAnErrorAndTheNextCallConnectsAgain) {
  if (sqlite()) GTEST_SKIP() << "a server connection";
  auto store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase(Header("K-1"), Machine()).ok());
  ASSERT_TRUE(store->AppendCaseEvent("K-1", CaseEv(1, "e"), Machine()).ok());
  PGconn* admin = Admin();
  ASSERT_NE(admin, nullptr);
  // pg_terminate_backend with a timeout returns once the server process
  // has ended (the client has not noticed yet).
  EXPECT_EQ(Exec(admin, absl::StrCat("SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity WHERE datname = '",
                                     db_, "'")),
            "");
  PQfinish(admin);
  auto log = store->ReadCase("K-1");
  EXPECT_TRUE(absl::IsUnavailable(log.status())) << log.status();
  // The next call connects again and finds the whole case.
  log = store->ReadCase("K-1");
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->events_size(), 1);
  ASSERT_TRUE(store->AppendCaseEvent("K-1", CaseEv(2, "e"), Machine()).ok());
}

TEST(StoreOpen, RefusesAnEmptyAddressAndAnUnreachableOne) {
  EXPECT_TRUE(absl::IsInvalidArgument(Store::Open("").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(Store::Open("sqlite:").status()));
  auto s = Store::Open("/nonexistent-dir/netra/store.db");
  EXPECT_TRUE(absl::IsUnavailable(s.status()) && absl::StrContains(s.status().message(), "/nonexistent-dir")) << s.status();
  auto pg = Store::Open("postgresql:///nonexistent?host=/nonexistent-dir");
  EXPECT_TRUE(absl::IsUnavailable(pg.status())) << pg.status();
}

INSTANTIATE_TEST_SUITE_P(Store, StoreTest, ::testing::Values(Kind::kSqlite, Kind::kPostgres), KindName);

}  // namespace
}  // namespace netra
