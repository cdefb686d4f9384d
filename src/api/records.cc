// The request layer of stored cases and pacts (netra/records.h): a pool of
// store connections, one kept registry per election, the callers' scopes,
// and the table of the methods of service netra.v1.Records.
#include "netra/records.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "netra/date.h"
#include "netra/json.h"
#include "netra/nip.h"
#include "netra/pact.h"
#include "netra/v1/records.pb.h"
#include "api/dispatch.h"
#include "utf8.h"

namespace netra {
namespace pb = google::protobuf;

bool Caller::Sees(absl::string_view agency) const {
  return agencies.empty() || std::find(agencies.begin(), agencies.end(), agency) != agencies.end();
}

namespace {

constexpr int kMaxConnections = 256;
constexpr int kMaxNotSignedPage = 1000;
constexpr int kDefaultNotSignedPage = 100;
constexpr size_t kMaxQueryBytes = 100;
constexpr int kDefaultCurvePoints = 31;
constexpr int kMaxCurvePoints = 366;
// Events appended per store transaction by IssuePacts and ExpirePacts (as
// `netra pact issue`).
constexpr size_t kBulkBatch = 50'000;

const pb::ServiceDescriptor* Service() { return v1::CreateCaseRequest::descriptor()->file()->FindServiceByName("Records"); }

absl::StatusOr<absl::CivilDay> Required(const std::string& text, absl::string_view field) {
  if (text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": a date is required (netra never reads the clock)"));
  }
  return ParseDate(text, field);
}

absl::Status Denied(absl::string_view what) { return absl::PermissionDeniedError(what); }

// recorded_by is the service's to set.
absl::Status Stamp(const Caller& caller, absl::string_view field, std::string* recorded_by) {
  if (!recorded_by->empty() && *recorded_by != caller.name) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": \"", recorded_by->substr(0, 80),
                                                   "\" is set by the service (the caller's name), not by the client"));
  }
  *recorded_by = caller.name;
  return absl::OkStatus();
}

// One election: its stored roster as read so far and the registry over it.
struct Election {
  std::mutex mu;  // one call at a time: a sync changes the registry
  std::unique_ptr<RosterTable> roster;
  RosterCursor cursor;
  // Rows without a NIP have nothing to be found by: serialized entry ->
  // how many rows hold it.
  absl::flat_hash_map<std::string, int64_t> rows_without_nip;
  std::optional<StoredPacts> pacts;
  // Calls that asked for the election so far, and how many of the first of
  // them the last refresh (begun after they asked) covers: a call it covers
  // sees every write acknowledged before the call, and needs no refresh.
  std::atomic<uint64_t> arrivals{0};
  uint64_t fresh_for = 0;  // under mu
};

}  // namespace

// --- State ---------------------------------------------------------------------

struct Records::State {
  std::shared_ptr<const Engine> engine;
  RecordsOptions options;
  PactOptions pact_options;

  std::mutex pool_mu;
  std::condition_variable pool_cv;
  std::vector<std::unique_ptr<Store>> idle;
  int open = 0;

  std::mutex elections_mu;
  absl::flat_hash_map<std::string, std::unique_ptr<Election>> elections;

  std::atomic<int64_t> appended{0};

  // A store connection for one call, back to the pool when done.
  class Lease {
   public:
    Lease(State* s, std::unique_ptr<Store> store) : s_(s), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (!store_) return;
      std::lock_guard<std::mutex> lock(s_->pool_mu);
      s_->idle.push_back(std::move(store_));
      s_->pool_cv.notify_one();
    }
    Store* operator->() const { return store_.get(); }
    Store& operator*() const { return *store_; }

   private:
    State* s_;
    std::unique_ptr<Store> store_;
  };

  absl::StatusOr<Lease> Acquire() {
    std::unique_lock<std::mutex> lock(pool_mu);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options.store_options.busy_timeout_ms);
    while (idle.empty() && open >= options.connections) {
      if (pool_cv.wait_until(lock, deadline) == std::cv_status::timeout && idle.empty() &&
          open >= options.connections) {
        return absl::UnavailableError(absl::StrCat("store: all ", options.connections,
                                                   " connections busy (RecordsOptions::connections)"));
      }
    }
    if (!idle.empty()) {
      std::unique_ptr<Store> s = std::move(idle.back());
      idle.pop_back();
      return Lease(this, std::move(s));
    }
    ++open;
    lock.unlock();
    auto s = Store::Open(options.store, options.store_options);
    if (!s.ok()) {
      std::lock_guard<std::mutex> relock(pool_mu);
      --open;
      pool_cv.notify_one();
      return s.status();
    }
    return Lease(this, *std::move(s));
  }

  const CaseMachine* Machine(absl::Status* st) const {
    const CaseMachine* m = engine->case_machine();
    if (m == nullptr) *st = absl::FailedPreconditionError("the law has no case procedure (law/pp79_2021_procedure.textproto)");
    return m;
  }

  // The kept state of `election` (a law election), created on first use.
  absl::StatusOr<Election*> ElectionOf(const std::string& election) {
    if (election.empty()) return absl::InvalidArgumentError("election: empty");
    if (engine->book().FindElection(election) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("election: unknown election ", internal::Quoted(election, 80)));
    }
    std::lock_guard<std::mutex> lock(elections_mu);
    auto& e = elections[election];
    if (!e) {
      e = std::make_unique<Election>();
      e->roster = std::make_unique<RosterTable>();
    }
    return e.get();
  }

  // Reads the roster rows stored since the last read; true if there were.
  absl::StatusOr<bool> ReadRoster(Store& store, const std::string& name, Election* e) {
    std::vector<v1::RosterEntry> rows;
    RosterCursor cursor = e->cursor;
    auto st = store.ReadRosterRows(name, &cursor, [&](const v1::RosterEntry& r) {
      rows.push_back(r);
      return absl::OkStatus();
    });
    if (!st.ok()) return st;
    if (rows.empty()) return false;
    // The table only grows, and a registry over it must be made again.
    e->pacts.reset();
    if (auto a = e->roster->AddAll(rows); !a.ok()) {
      // Read again from the start at the next call. The reason is not
      // echoed: it may hold a NIP, and any caller may be reading.
      const int64_t from = e->cursor.rows;
      e->roster = std::make_unique<RosterTable>();
      e->cursor = RosterCursor();
      e->rows_without_nip.clear();
      return absl::DataLossError(absl::StrCat("roster of ", name, ": a row stored after row ", from,
                                              " is refused by the roster's checks (`netra store check` and the "
                                              "store's administrator can find it)"));
    }
    for (v1::RosterEntry& r : rows) {
      r.clear_recorded_by();  // compared with rows as imported
      if (r.nip().empty()) ++e->rows_without_nip[r.SerializeAsString()];
    }
    e->cursor = cursor;
    return true;
  }

  // Brings the election's roster and registry up to what the store holds.
  absl::Status Refresh(Store& store, const std::string& name, Election* e) {
    if (e->pacts && e->pacts->poisoned()) e->pacts.reset();
    if (auto grew = ReadRoster(store, name, e); !grew.ok()) return grew.status();
    for (int attempt = 0;; ++attempt) {
      if (!e->pacts) {
        auto p = StoredPacts::Create(engine->book_ptr(), e->roster.get(), name, pact_options);
        if (!p.ok()) return p.status();
        e->pacts.emplace(*std::move(p));
      }
      absl::Status st = store.SyncPacts(&*e->pacts);
      if (st.ok()) return st;
      e->pacts.reset();
      // An event of a row this instance has not read yet (another instance
      // loaded rows and wrote their events meanwhile): read and replay again.
      auto grew = ReadRoster(store, name, e);
      if (!grew.ok()) return grew.status();
      if (!*grew || attempt > 0) return st;
    }
  }

  // Which units of the roster a caller's call covers: nullptr = all.
  absl::Status Units(const RosterTable& t, const Caller& caller, const v1::RosterScope& scope,
                     std::optional<std::vector<bool>>* units) {
    if (!scope.unit().empty() && scope.agency().empty()) {
      return absl::InvalidArgumentError("scope.unit: needs scope.agency (units are named within their agency)");
    }
    if (!scope.agency().empty() && !caller.Sees(scope.agency())) {
      return Denied(absl::StrCat("scope.agency: ", internal::Quoted(scope.agency(), 80), " is not an agency of caller \"",
                                 caller.name, "\""));
    }
    if (scope.agency().empty() && caller.agencies.empty()) return absl::OkStatus();
    units->emplace(t.units.size(), false);
    bool unit_found = scope.unit().empty();
    for (size_t u = 0; u < t.units.size(); ++u) {
      const std::string& agency = t.agencies[t.unit_agency[u]];
      if (scope.agency().empty() ? !caller.Sees(agency) : agency != scope.agency()) continue;
      if (!scope.unit().empty() && t.UnitName(static_cast<uint32_t>(u)) != scope.unit()) continue;
      (**units)[u] = true;
      unit_found = true;
    }
    if (!unit_found) {
      return absl::InvalidArgumentError(absl::StrCat("scope.unit: no unit ", internal::Quoted(scope.unit(), 80),
                                                     " of agency ", internal::Quoted(scope.agency(), 80),
                                                     " on the roster"));
    }
    return absl::OkStatus();
  }

  // The roster row of `nip` for a pact write by `caller`. A caller of every
  // agency gets NotFound if no row holds it; a scoped caller gets the same
  // PermissionDenied whether no row holds it or another agency's does, so
  // that it cannot learn which NIPs other agencies employ.
  absl::StatusOr<size_t> RowOf(const Election& e, const Caller& caller, const std::string& nip,
                               absl::string_view field) {
    auto number = ParseNipNumber(nip, field);
    if (!number.ok()) return number.status();
    auto it = e.roster->row_of.find(number->number);
    const RosterTable& t = *e.roster;
    if (!caller.agencies.empty() &&
        (it == t.row_of.end() || !caller.Sees(t.agencies[t.unit_agency[e.pacts->registry().UnitOf(it->second)]]))) {
      return Denied(absl::StrCat(field, ": not on a roster row of caller \"", caller.name, "\"'s agencies"));
    }
    if (it == t.row_of.end()) {
      return absl::NotFoundError(absl::StrCat(field, ": not on the stored roster of ", e.pacts->election()));
    }
    return it->second;
  }

  // A stored case the caller may see.
  absl::StatusOr<v1::CaseLog> ReadCase(Store& store, const Caller& caller, const std::string& case_id) {
    auto log = store.ReadCase(case_id);
    if (!log.ok()) return log.status();
    if (!caller.Sees(log->employee().agency().id())) {
      return Denied(absl::StrCat("case_id: ", internal::Quoted(case_id, 80), " is not a case of caller \"", caller.name,
                                 "\"'s agencies"));
    }
    return log;
  }

  // Appends pact events under the election's lock; on a commit that failed
  // the registry is made again at the next call.
  absl::StatusOr<AppendResult> Append(Store& store, Election* e, absl::Span<const v1::PactEvent> events,
                                      RefusedEvents refused) {
    auto r = store.AppendPactEvents(&*e->pacts, events, refused);
    if (r.ok()) {
      appended += r->appended;
      return r;
    }
    // Another instance may have stored rows and their events since this
    // call read the roster: the append's catch-up then refuses an event of
    // a row not read yet. The registry is read again at the next call.
    if (absl::IsFailedPrecondition(r.status())) {
      const std::string name = e->pacts->election();  // ReadRoster drops the registry
      auto grew = ReadRoster(store, name, e);
      if (grew.ok() && *grew) {
        return absl::AbortedError(absl::StrCat("roster of ", name, ": another instance added rows during this call "
                                               "(what was stored before is kept): try again"));
      }
    }
    return r;
  }

  // Runs `fn` on the election's registry, brought up to date, under its lock.
  // Calls queued behind one refresh share it: one begun after a call
  // arrived holds every write acknowledged (by any instance) before it.
  template <typename Fn>
  absl::Status WithElection(const std::string& name, Fn fn) {
    auto e = ElectionOf(name);
    if (!e.ok()) return e.status();
    Election& election = **e;
    const uint64_t ticket = ++election.arrivals;
    std::lock_guard<std::mutex> lock(election.mu);
    auto store = Acquire();
    if (!store.ok()) return store.status();
    if (ticket > election.fresh_for || !election.pacts || election.pacts->poisoned()) {
      const uint64_t covers = election.arrivals.load();
      election.fresh_for = 0;
      if (auto st = Refresh(**store, name, &election); !st.ok()) return st;
      election.fresh_for = covers;
    }
    return fn(**store, &election);
  }

  // --- Cases -------------------------------------------------------------

  absl::Status CreateCase(const Caller& caller, const v1::CreateCaseRequest& req, v1::CaseReceipt* out) {
    absl::Status st;
    const CaseMachine* machine = Machine(&st);
    if (!machine) return st;
    v1::CaseLog log = req.case_();
    const std::string& agency = log.employee().agency().id();
    if (agency.empty() && !caller.agencies.empty()) {
      return absl::InvalidArgumentError("case.employee.agency.id: empty (a caller scoped to agencies names the "
                                        "case's agency)");
    }
    if (!caller.Sees(agency)) {
      return Denied(absl::StrCat("case.employee.agency.id: ", internal::Quoted(agency, 80), " is not an agency of caller \"",
                                 caller.name, "\""));
    }
    if (auto s = Stamp(caller, "case.recorded_by", log.mutable_recorded_by()); !s.ok()) return s;
    for (int i = 0; i < log.events_size(); ++i) {
      if (auto s = Stamp(caller, absl::StrCat("case.events[", i, "].recorded_by"),
                         log.mutable_events(i)->mutable_recorded_by());
          !s.ok()) {
        return s;
      }
    }
    auto store = Acquire();
    if (!store.ok()) return store.status();
    if (auto s = (*store)->CreateCase(log, *machine); !s.ok()) return s;
    appended += 1 + log.events_size();
    auto progress = machine->Replay(log);
    if (!progress.ok()) return progress.status();
    out->set_case_id(log.case_id());
    out->set_events(progress->events);
    out->set_status(progress->status);
    out->set_recorded_by(caller.name);
    return absl::OkStatus();
  }

  absl::Status AppendCaseEvent(const Caller& caller, const v1::AppendCaseEventRequest& req, v1::CaseReceipt* out) {
    absl::Status st;
    const CaseMachine* machine = Machine(&st);
    if (!machine) return st;
    v1::CaseEvent event = req.event();
    if (auto s = Stamp(caller, "event.recorded_by", event.mutable_recorded_by()); !s.ok()) return s;
    auto store = Acquire();
    if (!store.ok()) return store.status();
    // The agency is in the header, which never changes once stored.
    if (auto log = ReadCase(**store, caller, req.case_id()); !log.ok()) return log.status();
    auto progress = (*store)->AppendCaseEvent(req.case_id(), event, *machine);
    if (!progress.ok()) return progress.status();
    ++appended;
    out->set_case_id(req.case_id());
    out->set_events(progress->events);
    out->set_status(progress->status);
    out->set_recorded_by(caller.name);
    return absl::OkStatus();
  }

  absl::Status GetCase(const Caller& caller, const v1::GetCaseRequest& req, v1::CaseLog* out) {
    auto store = Acquire();
    if (!store.ok()) return store.status();
    auto log = ReadCase(**store, caller, req.case_id());
    if (!log.ok()) return log.status();
    if (!caller.personal_data) {
      log->mutable_employee()->clear_nip();
      log->mutable_employee()->clear_pns_id();
    }
    out->Swap(&*log);
    return absl::OkStatus();
  }

  absl::Status GetCaseState(const Caller& caller, const v1::GetCaseStateRequest& req, v1::CaseState* out) {
    v1::ReplayCaseRequest replay;
    {
      auto store = Acquire();
      if (!store.ok()) return store.status();
      auto log = ReadCase(**store, caller, req.case_id());
      if (!log.ok()) return log.status();
      replay.mutable_case_()->Swap(&*log);
    }
    replay.set_as_of(req.as_of());
    replay.set_tukin(req.tukin());
    auto state = engine->ReplayCase(replay);
    if (!state.ok()) return state.status();
    out->Swap(&*state);
    return absl::OkStatus();
  }

  absl::Status ListOverdue(const Caller& caller, const v1::ListOverdueRequest& req, v1::OverdueResponse* out) {
    auto as_of = Required(req.as_of(), "as_of");
    if (!as_of.ok()) return as_of.status();
    if (!req.agency().empty() && !caller.Sees(req.agency())) {
      return Denied(absl::StrCat("agency: ", internal::Quoted(req.agency(), 80), " is not an agency of caller \"",
                                 caller.name, "\""));
    }
    // The open cases the caller sees, answered by the Engine's Overdue.
    v1::OverdueRequest overdue;
    overdue.set_as_of(req.as_of());
    if (auto st = ReadCases(caller, req.agency(), FormatDate(*as_of), overdue.mutable_cases()); !st.ok()) return st;
    auto answer = engine->Overdue(overdue);
    if (!answer.ok()) return answer.status();
    NameFailures(overdue.cases(), answer->mutable_failures());
    out->Swap(&*answer);
    return absl::OkStatus();
  }

  // The stored cases the caller sees (of `agency` only, unless empty), in
  // the order of their ids; with `open_on` (a date), not those closed by an
  // event on or before it (a case closed later was open then).
  absl::Status ReadCases(const Caller& caller, const std::string& agency, const std::string& open_on,
                         pb::RepeatedPtrField<v1::CaseLog>* out) {
    auto store = Acquire();
    if (!store.ok()) return store.status();
    std::string after;
    for (;;) {
      auto page = (*store)->ListCases(after, 1000);
      if (!page.ok()) return page.status();
      for (const CaseSummary& c : *page) {
        if (!open_on.empty() && IsClosed(c.status) && c.last_date <= open_on) continue;
        auto log = (*store)->ReadCase(c.case_id);
        if (!log.ok() && !caller.agencies.empty()) {
          // The case may be another agency's: its id is not named.
          return absl::Status(log.status().code(), "a stored case cannot be read (`netra store check` names it)");
        }
        if (!log.ok()) return log.status();
        const std::string& of = log->employee().agency().id();
        if (!caller.Sees(of) || (!agency.empty() && of != agency)) continue;
        out->Add()->Swap(&*log);
      }
      if (page->size() < 1000) break;
      after = page->back().case_id;
    }
    return absl::OkStatus();
  }

  // A stored case replays (it was checked when written): a failure means
  // the law changed under it, and is named by its case id.
  static void NameFailures(const pb::RepeatedPtrField<v1::CaseLog>& cases,
                           pb::RepeatedPtrField<v1::ItemError>* failures) {
    for (v1::ItemError& f : *failures) {
      f.set_message(absl::StrCat("case ", cases.Get(static_cast<int>(f.index())).case_id(), ": ", f.message()));
    }
  }

  // --- Compliance --------------------------------------------------------

  absl::Status GetCompliance(const Caller& caller, const v1::GetComplianceRequest& req, v1::ComplianceResponse* out) {
    if (auto d = Required(req.as_of(), "as_of"); !d.ok()) return d.status();
    v1::ComplianceRequest compliance;
    compliance.set_as_of(req.as_of());
    *compliance.mutable_im_nkk_index() = req.im_nkk_index();
    if (req.has_predicate_bands()) compliance.set_predicate_bands(req.predicate_bands());
    if (auto st = ReadCases(caller, "", /*open_on=*/"", compliance.mutable_cases()); !st.ok()) return st;
    return WithElection(req.election(), [&](Store&, Election* e) -> absl::Status {
      // A scoped caller's figures count only its agencies' rows: another
      // agency is not in the report, nor in its total.
      const RosterTable* roster = e->roster.get();
      RosterTable scoped;
      if (!caller.agencies.empty()) {
        std::vector<v1::RosterEntry> rows;
        for (size_t row = 0; row < roster->size(); ++row) {
          if (caller.Sees(roster->agencies[roster->agency[row]])) rows.push_back(roster->Entry(row));
        }
        if (auto st = scoped.AddAll(rows); !st.ok()) return st;
        roster = &scoped;
      }
      auto answer = engine->Compliance(*roster, compliance);
      if (!answer.ok()) return answer.status();
      NameFailures(compliance.cases(), answer->mutable_failures());
      out->Swap(&*answer);
      return absl::OkStatus();
    });
  }

  // --- Pacts -------------------------------------------------------------

  absl::Status LoadRoster(const Caller& caller, const v1::LoadRosterRequest& req, v1::LoadRosterResponse* out) {
    std::vector<int64_t> lines;  // of each accepted row, for the words of a refusal
    auto table = ImportRoster(req.roster(), out->mutable_report(), &lines);
    if (!table.ok()) return table.status();
    std::vector<v1::RosterEntry> entries;
    entries.reserve(table->size());
    for (size_t r = 0; r < table->size(); ++r) {
      v1::RosterEntry& e = entries.emplace_back(table->Entry(r));
      if (!caller.Sees(e.agency())) {
        return Denied(absl::StrCat("roster line ", lines[r], ": agency ", internal::Quoted(e.agency(), 80),
                                   " is not an agency of caller \"", caller.name, "\"; nothing stored"));
      }
    }
    return WithElection(req.election(), [&](Store& store, Election* e) -> absl::Status {
      for (int attempt = 0;; ++attempt) {
        std::vector<v1::RosterEntry> fresh;
        int64_t unchanged = 0;
        // Rows without a NIP: as many as the upload holds beyond those stored.
        absl::flat_hash_map<std::string, int64_t> without_nip;
        for (size_t r = 0; r < entries.size(); ++r) {
          const v1::RosterEntry& entry = entries[r];
          if (entry.nip().empty()) {
            std::string bytes = entry.SerializeAsString();
            auto stored = e->rows_without_nip.find(bytes);
            if (++without_nip[bytes] <= (stored == e->rows_without_nip.end() ? 0 : stored->second)) {
              ++unchanged;
            } else {
              fresh.push_back(entry);
            }
            continue;
          }
          auto it = e->roster->row_of.find(table->nip[r]);
          if (it == e->roster->row_of.end()) {
            fresh.push_back(entry);
            continue;
          }
          // As stored, or with the unit a recorded move gave it.
          v1::RosterEntry now = e->roster->Entry(it->second);
          const bool same = now.SerializeAsString() == entry.SerializeAsString() ||
                            (now.set_unit(e->roster->UnitName(e->pacts->registry().UnitOf(it->second))),
                             now.SerializeAsString() == entry.SerializeAsString());
          if (same) {
            ++unchanged;
          } else {
            return absl::InvalidArgumentError(absl::StrCat(
                "roster line ", lines[r], ": its NIP is on the stored roster with other fields (a row is "
                "never changed: a move is a PACT_UNIT_CHANGED event); nothing stored"));
          }
        }
        for (v1::RosterEntry& row : fresh) row.set_recorded_by(caller.name);
        auto rows = store.AppendRosterRows(req.election(), e->cursor.rows, fresh);
        if (absl::IsAborted(rows.status()) && attempt < 3) {
          // Another writer added rows: read them and decide again.
          if (auto grew = ReadRoster(store, req.election(), e); !grew.ok()) return grew.status();
          continue;
        }
        if (!rows.ok()) return rows.status();
        appended += static_cast<int64_t>(fresh.size());
        // Read back what was stored (and rebuild the registry over it).
        if (auto st = Refresh(store, req.election(), e); !st.ok()) return st;
        out->set_added(static_cast<int64_t>(fresh.size()));
        out->set_unchanged(unchanged);
        // The whole election's count is not a scoped caller's to know.
        if (caller.agencies.empty()) out->set_roster_rows(e->cursor.rows);
        return absl::OkStatus();
      }
    });
  }

  absl::Status Bulk(const Caller& caller, v1::PactEventType type, const std::string& election,
                    const std::string& date_text, const v1::RosterScope& scope, const std::string& template_id,
                    const std::string& leadership_template, v1::PactWriteResponse* out) {
    auto date = Required(date_text, "date");
    if (!date.ok()) return date.status();
    return WithElection(election, [&](Store& store, Election* e) -> absl::Status {
      std::optional<std::vector<bool>> units;
      if (auto st = Units(*e->roster, caller, scope, &units); !st.ok()) return st;
      const std::vector<bool>* shown = units ? &*units : nullptr;
      for (size_t row = 0; row < e->roster->size();) {
        auto events =
            e->pacts->registry().BulkEvents(type, *date, shown, &row, kBulkBatch, template_id, leadership_template);
        if (!events.ok()) return events.status();
        for (v1::PactEvent& ev : *events) ev.set_recorded_by(caller.name);
        auto r = Append(store, e, *events, RefusedEvents::kSkip);
        if (!r.ok()) return r.status();
        out->set_appended(out->appended() + r->appended);
        out->set_skipped(out->skipped() + r->refused);
      }
      if (caller.agencies.empty()) out->set_events(e->pacts->events());
      return absl::OkStatus();
    });
  }

  absl::Status IssuePacts(const Caller& caller, const v1::IssuePactsRequest& req, v1::PactWriteResponse* out) {
    return Bulk(caller, v1::PACT_ISSUED, req.election(), req.date(), req.scope(), req.template_id(),
                req.leadership_template(), out);
  }

  absl::Status ExpirePacts(const Caller& caller, const v1::ExpirePactsRequest& req, v1::PactWriteResponse* out) {
    return Bulk(caller, v1::PACT_EXPIRED, req.election(), req.date(), req.scope(), "", "", out);
  }

  // One event about one employee, checked by the registry and stored;
  // errors name the event's fields after `field` ("event." or "" when they
  // are the request's own).
  absl::Status Record(const Caller& caller, const std::string& election, v1::PactEvent event, absl::string_view field,
                      v1::PactWriteResponse* out) {
    if (auto s = Stamp(caller, absl::StrCat(field, "recorded_by"), event.mutable_recorded_by()); !s.ok()) return s;
    absl::Status st = WithElection(election, [&](Store& store, Election* e) -> absl::Status {
      if (auto row = RowOf(*e, caller, event.nip(), absl::StrCat(field, "nip")); !row.ok()) return row.status();
      if (!event.linked_case_id().empty()) {
        if (auto log = ReadCase(store, caller, event.linked_case_id()); !log.ok()) {
          absl::string_view why = log.status().message();
          absl::ConsumePrefix(&why, "case_id: ");
          return absl::Status(log.status().code(), absl::StrCat(field, "linked_case_id: ", why));
        }
      }
      auto r = Append(store, e, {event}, RefusedEvents::kStop);
      if (!r.ok()) return r.status();
      out->set_appended(r->appended);
      if (caller.agencies.empty()) out->set_events(e->pacts->events());
      return absl::OkStatus();
    });
    // The batch's position ("events[0]: ") means nothing to one event; a
    // reason that starts with a field name ("ceremony_id: ...") gets the
    // event's prefix.
    absl::string_view message = st.message();
    if (!absl::ConsumePrefix(&message, "events[0]: ")) return st;
    const size_t colon = message.find(": ");
    const bool names_field = colon != absl::string_view::npos && colon > 0 &&
                             message.substr(0, colon).find_first_not_of("abcdefghijklmnopqrstuvwxyz_.[]0123456789") ==
                                 absl::string_view::npos;
    return absl::Status(st.code(), names_field ? absl::StrCat(field, message) : std::string(message));
  }

  absl::Status SignPact(const Caller& caller, const v1::SignPactRequest& req, v1::PactWriteResponse* out) {
    v1::PactEvent e;
    e.set_type(v1::PACT_SIGNED);
    e.set_nip(req.nip());
    e.set_signer_nip(req.nip());
    e.set_date(req.date());
    e.set_method(req.method());
    e.set_place(req.place());
    e.set_ceremony_id(req.ceremony_id());
    e.set_evidence_ref(req.evidence_ref());
    return Record(caller, req.election(), std::move(e), "", out);
  }

  absl::Status RecordPactEvent(const Caller& caller, const v1::RecordPactEventRequest& req,
                               v1::PactWriteResponse* out) {
    return Record(caller, req.election(), req.event(), "event.", out);
  }

  absl::Status LinkBreaches(const Caller& caller, const v1::LinkBreachesRequest& req, v1::LinkBreachesResponse* out) {
    absl::Status st;
    const CaseMachine* machine = Machine(&st);
    if (!machine) return st;
    auto as_of = Required(req.as_of(), "as_of");
    if (!as_of.ok()) return as_of.status();
    return WithElection(req.election(), [&](Store& store, Election* e) -> absl::Status {
      for (int i = 0; i < req.case_ids_size(); ++i) {
        auto fail = [&](const absl::Status& s) {
          v1::ItemError* f = out->add_failures();
          f->set_index(i);
          f->set_code(absl::StatusCodeToString(s.code()));
          f->set_message(std::string(s.message()));
        };
        auto log = ReadCase(store, caller, req.case_ids(i));
        if (!log.ok()) {
          fail(log.status());
          continue;
        }
        // The employee's pact must be the caller's too (a case of its agency
        // may name anyone's NIP).
        if (!caller.agencies.empty()) {
          if (auto row = RowOf(*e, caller, log->employee().nip(), "employee.nip"); !row.ok()) {
            fail(row.status());
            continue;
          }
        }
        auto progress = machine->Replay(*log);
        if (!progress.ok()) {
          fail(progress.status());
          continue;
        }
        auto link = e->pacts->registry().LinkBreaches(*progress, *as_of);
        if (!link.ok()) {
          fail(link.status());
          continue;
        }
        out->add_explanations(link->explanation);
        for (v1::PactEvent& ev : link->events) ev.set_recorded_by(caller.name);
        auto r = Append(store, e, link->events, RefusedEvents::kStop);
        if (!r.ok()) return r.status();
        out->set_appended(out->appended() + r->appended);
      }
      return absl::OkStatus();
    });
  }

  absl::Status GetPactProgress(const Caller& caller, const v1::GetPactProgressRequest& req, v1::PactProgress* out) {
    auto as_of = Required(req.as_of(), "as_of");
    if (!as_of.ok()) return as_of.status();
    return WithElection(req.election(), [&](Store&, Election* e) -> absl::Status {
      std::optional<std::vector<bool>> units;
      if (auto st = Units(*e->roster, caller, req.scope(), &units); !st.ok()) return st;
      *out = e->pacts->registry().Progress(*as_of, 0, units ? &*units : nullptr);
      return absl::OkStatus();
    });
  }

  absl::Status ListNotSigned(const Caller& caller, const v1::ListNotSignedRequest& req,
                             v1::ListNotSignedResponse* out) {
    auto as_of = Required(req.as_of(), "as_of");
    if (!as_of.ok()) return as_of.status();
    int size = req.page_size() == 0 ? kDefaultNotSignedPage : req.page_size();
    if (size < 1 || size > kMaxNotSignedPage) {
      return absl::InvalidArgumentError(absl::StrCat("page_size: ", req.page_size(), " is outside 1..",
                                                     kMaxNotSignedPage));
    }
    if (!req.query().empty() && !caller.personal_data) {
      return Denied(absl::StrCat("query: caller \"", caller.name,
                                 "\" may not see names and NIPs (its token has no personal_data), so may not search "
                                 "by them"));
    }
    if (req.query().size() > kMaxQueryBytes || internal::InvalidUtf8(req.query()) != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("query: needs at most ", kMaxQueryBytes, " bytes of UTF-8 (has ",
                                                     req.query().size(), ")"));
    }
    const std::string query = absl::AsciiStrToLower(absl::StripAsciiWhitespace(req.query()));
    // A token counts the rows in the call's scope before the next one, not
    // the roster's rows: it tells a scoped caller nothing of other agencies.
    uint64_t ordinal = 0;
    if (!req.page_token().empty() && !absl::SimpleAtoi(req.page_token(), &ordinal)) {
      return absl::InvalidArgumentError(absl::StrCat("page_token: ", internal::Quoted(req.page_token(), 40),
                                                     " is not a token of this list"));
    }
    return WithElection(req.election(), [&](Store&, Election* e) -> absl::Status {
      const RosterTable& t = *e->roster;
      std::optional<std::vector<bool>> units;
      if (auto st = Units(t, caller, req.scope(), &units); !st.ok()) return st;
      const PactRegistry& reg = e->pacts->registry();
      auto in_scope = [&](size_t row) { return !units || (*units)[reg.UnitOf(row)]; };
      // The row of the token's ordinal; past the end is an empty page, not
      // an error: the roster's size is not a scoped caller's to probe.
      size_t first = 0;
      for (uint64_t seen = 0; first < t.size() && (seen < ordinal || !in_scope(first)); ++first) {
        seen += in_scope(first);
      }
      // A query matches a name in any case of its letters, or a NIP.
      auto keep = [&](size_t row) {
        return query.empty() || absl::StrContains(t.Nip(row), query) ||
               absl::StrContains(absl::AsciiStrToLower(t.Name(row)), query);
      };
      size_t next = 0;
      out->set_total(reg.CountNotSigned(*as_of, units ? &*units : nullptr, keep));
      out->set_personal_data_hidden(!caller.personal_data);
      for (size_t row : reg.NotSigned(*as_of, units ? &*units : nullptr, first, size, &next, keep)) {
        auto* entry = out->add_entries();
        const uint32_t unit = reg.UnitOf(row);
        if (caller.personal_data) {
          entry->set_nip(t.Nip(row));
          entry->set_name(t.Name(row));
        }
        entry->set_agency(t.agencies[t.unit_agency[unit]]);
        entry->set_unit(t.UnitName(unit));
        entry->set_leader(t.leader[row] != 0);
      }
      if (next < t.size()) {
        uint64_t at = ordinal;
        for (size_t row = first; row < next; ++row) at += in_scope(row);
        out->set_next_page_token(absl::StrCat(at));
      }
      return absl::OkStatus();
    });
  }

  absl::Status GetSigningCurve(const Caller& caller, const v1::GetSigningCurveRequest& req, v1::SigningCurve* out) {
    auto as_of = Required(req.as_of(), "as_of");
    if (!as_of.ok()) return as_of.status();
    const int points = req.points() == 0 ? kDefaultCurvePoints : req.points();
    if (points < 2 || points > kMaxCurvePoints) {
      return absl::InvalidArgumentError(absl::StrCat("points: ", req.points(), " is outside 2..", kMaxCurvePoints));
    }
    return WithElection(req.election(), [&](Store&, Election* e) -> absl::Status {
      std::optional<std::vector<bool>> units;
      if (auto st = Units(*e->roster, caller, req.scope(), &units); !st.ok()) return st;
      const PactRegistry& reg = e->pacts->registry();
      out->set_election(req.election());
      if (reg.due().year() < 2199) out->set_due(FormatDate(reg.due()));
      const std::optional<absl::CivilDay> first = reg.FirstIssued(units ? &*units : nullptr);
      if (!first.has_value() || *first > *as_of) return absl::OkStatus();
      out->set_first_issued(FormatDate(*first));
      // Evenly spaced days, both ends included; every day of a shorter span.
      const int64_t span = *as_of - *first;
      const int64_t n = std::min<int64_t>(points, span + 1);
      for (int64_t i = 0; i < n; ++i) {
        const absl::CivilDay day = n == 1 ? *first : *first + (span * i + (n - 1) / 2) / (n - 1);
        int64_t c[8];  // Totals: the figures of Progress's total, without its groups
        reg.Totals(day, c, units ? &*units : nullptr);
        v1::SigningCurve::Point* p = out->add_points();
        p->set_date(FormatDate(day));
        p->set_issued(c[0]);
        p->set_signed_on_time(c[1]);
        p->set_signed_late(c[2]);
        p->set_not_signed(c[3]);
        p->set_declined(c[4]);
        p->set_signed_rate(SignedRate(c[0], c[1] + c[2]));
      }
      return absl::OkStatus();
    });
  }

  absl::Status GetCaller(const Caller& caller, const v1::GetCallerRequest&, v1::CallerInfo* out) {
    out->set_name(caller.name);
    out->set_may_write(caller.may_write);
    for (const std::string& a : caller.agencies) out->add_agencies(a);
    out->set_personal_data(caller.personal_data);
    return absl::OkStatus();
  }
};

namespace {

using Handler = std::function<absl::Status(Records::State&, const Caller&, const pb::Message&, pb::Message*)>;
struct Method {
  Handler handler;
  bool writes;
};

template <typename Req, typename Resp>
Method Of(absl::Status (Records::State::*fn)(const Caller&, const Req&, Resp*), bool writes) {
  return Method{[fn](Records::State& s, const Caller& c, const pb::Message& in, pb::Message* out) {
                  return (s.*fn)(c, static_cast<const Req&>(in), static_cast<Resp*>(out));
                },
                writes};
}

// The one table of the service's methods: its handler, and whether it
// writes (refused to a caller that may not).
const absl::flat_hash_map<std::string, Method>& Table() {
  using S = Records::State;
  static const auto* table = [] {
    auto* t = new absl::flat_hash_map<std::string, Method>{
        {"CreateCase", Of(&S::CreateCase, true)},
        {"AppendCaseEvent", Of(&S::AppendCaseEvent, true)},
        {"GetCase", Of(&S::GetCase, false)},
        {"GetCaseState", Of(&S::GetCaseState, false)},
        {"ListOverdue", Of(&S::ListOverdue, false)},
        {"LoadRoster", Of(&S::LoadRoster, true)},
        {"IssuePacts", Of(&S::IssuePacts, true)},
        {"SignPact", Of(&S::SignPact, true)},
        {"RecordPactEvent", Of(&S::RecordPactEvent, true)},
        {"ExpirePacts", Of(&S::ExpirePacts, true)},
        {"LinkBreaches", Of(&S::LinkBreaches, true)},
        {"GetPactProgress", Of(&S::GetPactProgress, false)},
        {"ListNotSigned", Of(&S::ListNotSigned, false)},
        {"GetCompliance", Of(&S::GetCompliance, false)},
        {"GetSigningCurve", Of(&S::GetSigningCurve, false)},
        {"GetCaller", Of(&S::GetCaller, false)},
    };
    const pb::ServiceDescriptor* service = Service();
    for (int i = 0; i < service->method_count(); ++i) {
      if (!t->contains(service->method(i)->name())) std::abort();  // a method without a handler: a build error
    }
    return t;
  }();
  return *table;
}

}  // namespace

Records::Records(std::unique_ptr<State> state) : state_(std::move(state)) {}
Records::~Records() = default;

absl::StatusOr<std::unique_ptr<Records>> Records::Open(std::shared_ptr<const Engine> engine,
                                                       const RecordsOptions& options) {
  if (engine == nullptr) return absl::InvalidArgumentError("engine: null");
  if (options.connections < 1 || options.connections > kMaxConnections) {
    return absl::InvalidArgumentError(absl::StrCat("connections: ", options.connections, " is outside 1..",
                                                   kMaxConnections));
  }
  auto state = std::make_unique<State>();
  state->engine = std::move(engine);
  state->options = options;
  state->pact_options.settings = state->engine->settings();
  auto first = Store::Open(options.store, options.store_options);
  if (!first.ok()) return first.status();
  state->idle.push_back(*std::move(first));
  state->open = 1;
  (void)Table();
  return std::unique_ptr<Records>(new Records(std::move(state)));
}

const std::vector<std::string>& Records::Methods() {
  static const auto* names = new std::vector<std::string>(api_internal::MethodNames(Service()));
  return *names;
}

const pb::MethodDescriptor* Records::FindMethod(absl::string_view method) {
  return Service()->FindMethodByName(std::string(method));
}

bool Records::Writes(absl::string_view method) {
  auto it = Table().find(method);
  return it != Table().end() && it->second.writes;
}

absl::Status Records::Call(const Caller& caller, absl::string_view method, const pb::Message& request,
                           pb::Message* response) {
  const pb::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) return api_internal::UnknownMethod(Service(), method);
  if (auto st = api_internal::CheckTypes(m, request, response); !st.ok()) return st;
  const Method& entry = Table().at(m->name());
  if (entry.writes && !caller.may_write) {
    return Denied(absl::StrCat("access: caller \"", caller.name, "\" may only read; ", m->name(), " writes"));
  }
  response->Clear();
  return entry.handler(*state_, caller, request, response);
}

absl::StatusOr<std::string> Records::CallJson(const Caller& caller, absl::string_view method, absl::string_view json,
                                              const JsonOptions& options) {
  const pb::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) return api_internal::UnknownMethod(Service(), method);
  auto request = api_internal::DecodeJson(m, json, m->name() == "LoadRoster", "request", false);
  if (!request.ok()) return request.status();
  std::unique_ptr<pb::Message> response = api_internal::NewOutput(m);
  if (auto st = Call(caller, method, **request, response.get()); !st.ok()) return st;
  return ToJson(*response, options);
}

absl::StatusOr<std::string> Records::CallBinary(const Caller& caller, absl::string_view method,
                                                absl::string_view bytes) {
  const pb::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) return api_internal::UnknownMethod(Service(), method);
  auto request = api_internal::DecodeBinary(m, bytes, m->name() == "LoadRoster");
  if (!request.ok()) return request.status();
  std::unique_ptr<pb::Message> response = api_internal::NewOutput(m);
  if (auto st = Call(caller, method, **request, response.get()); !st.ok()) return st;
  return response->SerializeAsString();
}

int64_t Records::appended() const { return state_->appended.load(); }

}  // namespace netra
