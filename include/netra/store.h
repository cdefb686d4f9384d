// netra/store.h: where cases and pact registries live. One interface, two
// databases: SQLite (one file, the embedded default) and PostgreSQL (several
// service instances sharing one state).
//
// A case is its header (netra.v1.CaseLog without events) and its events; a
// pact registry is the events of one election over a roster. Events are
// append-only: each is checked against the state replayed from the store
// (CaseMachine, PactRegistry) and written in the same transaction, so two
// writers, threads or processes or servers, can never both pass the check on
// the same state. Neither an event nor a header is ever updated or deleted
// (the tables refuse it with triggers).
//
//   auto store = netra::Store::Open("cases.db");      // or "postgresql://..."
//   auto machine = netra::CaseMachine::Create(book);
//   st = (*store)->CreateCase(header, *machine);
//   auto after = (*store)->AppendCaseEvent("KASUS-1", event, *machine);  // refused: the reason, nothing written
//   auto state = (*store)->CaseState("KASUS-1", *machine, as_of);
//
//   auto pacts = netra::StoredPacts::Create(book, &roster, "pilkada2024");
//   st = (*store)->SyncPacts(&*pacts);                 // replays what others wrote
//   auto n = (*store)->AppendPactEvents(&*pacts, events);  // one transaction per batch
//   netra::v1::PactProgress p = pacts->registry().Progress(as_of);
//
// Integrity: each event carries its sequence number in its case or registry
// (1, 2, 3 ...) and a SHA-256 hash chained over the events: hash(n) =
// SHA-256(hash(n-1) || seq as 8 bytes little-endian || event bytes), hash(0)
// = SHA-256 of a domain string and the case id or election. The head (count
// and last hash) is kept beside the header. Every read verifies the chain
// from the first event it reads; a removed, reordered, inserted or altered
// event is DataLoss naming the case or election and the position (seq), and
// an append on a damaged case or registry is refused with the same error, so
// nothing is written after damage. A case is read whole, so every append
// verifies all of it; a pact registry (millions of events) is verified whole
// when a StoredPacts first syncs, and after that each sync or append
// verifies the events since its last read and that the last one it read is
// unchanged.
//
// Durability: an append that returned OK is committed; with SQLite that is
// WAL mode with synchronous=FULL (the WAL is fsynced at every commit), with
// PostgreSQL its default synchronous_commit=on. A crash loses no acknowledged
// event; a torn transaction is rolled back by the database. A failed read
// or write (I/O error, disk full, lost connection) is an error
// (Unavailable, naming the operation), never a shorter history. A failed
// SQLite commit stored nothing; a PostgreSQL connection lost during a
// commit leaves its outcome unknown (the server's answer was lost): read
// the case or registry back before writing the event again. A dropped
// PostgreSQL connection is opened again by the next call.
//
// Processes: any number of processes may open one SQLite file; writers are
// serialised by the database (BEGIN IMMEDIATE; a writer waits up to
// StoreOptions::busy_timeout_ms for the lock, then Unavailable). Readers
// never block writers nor write anything. With PostgreSQL the case row or the
// registry row is locked (SELECT ... FOR UPDATE) for the check and the append.
// Files are created readable and writable by their owner only (0600; the
// -wal and -shm files follow the database's mode).
//
// Thread safety: a Store is one connection: not thread-safe; use one Store
// per thread (they may share a file or server). StoredPacts is not
// synchronised either. The CaseMachine and the roster must outlive the calls
// that take them.
//
// Errors: InvalidArgument naming the field and value (an empty or too long
// case id, an unknown store address); NotFound (no such case or registry);
// AlreadyExists (a case id taken); FailedPrecondition for an event the law or
// the registry refuses (the reason, as CaseMachine::Apply / PactRegistry::Apply
// give it); DataLoss for damage found on read (with the position);
// Unavailable for I/O errors, a lock not obtained in time, a lost server.
// A legal answer is never an error.
#ifndef NETRA_STORE_H_
#define NETRA_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "netra/case.h"
#include "netra/pact.h"
#include "netra/rule_book.h"
#include "netra/v1/case.pb.h"
#include "netra/v1/pact.pb.h"

namespace netra {

// One stored event (a serialized CaseEvent or PactEvent) or case header past
// this is refused with InvalidArgument, nothing written: the largest real
// event (a decision with its findings) is a few KiB.
inline constexpr size_t kMaxEventBytes = size_t{1} << 20;

struct StoreOptions {
  // How long a writer waits for another writer's transaction (SQLite's busy
  // timeout; PostgreSQL's lock_timeout). Past it: Unavailable.
  int busy_timeout_ms = 60'000;
  // AppendPactEvents commits once per this many events (group commit: one
  // fsync per batch, not per pact). 0 = one transaction for all.
  int64_t batch_events = 50'000;
  // SQLite only: the VFS to open the file with ("" = the default). Tests use
  // it to inject I/O errors.
  std::string sqlite_vfs;
};

// A case as listed: what the store keeps beside the header, updated with
// each append.
struct CaseSummary {
  std::string case_id;
  v1::CaseKind kind = v1::CASE_KIND_UNSPECIFIED;
  v1::CaseStatus status = v1::CASE_STATUS_UNSPECIFIED;
  int64_t events = 0;
  std::string last_date;  // YYYY-MM-DD of the last event; "" = none yet
};

// One duty past due, from Store::Overdue.
struct CaseOverdue {
  std::string case_id;
  OverdueItem item;
};

// A pact registry kept in step with a store: the registry holds the state
// of the first events() events of the election's log in the store.
// Store::SyncPacts replays the events written since (by this or any other
// process); Store::AppendPactEvents first does the same inside its
// transaction. A registry whose append failed after events were applied in
// memory (the commit failed) is poisoned: every later call is
// FailedPrecondition until it is created again.
class StoredPacts {
 public:
  // As PactRegistry::Create.
  static absl::StatusOr<StoredPacts> Create(std::shared_ptr<const RuleBook> book, const RosterTable* roster,
                                            const std::string& election, const PactOptions& options = {});

  PactRegistry& registry() { return registry_; }
  const PactRegistry& registry() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return registry_; }
  const std::string& election() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return registry_.election(); }
  // Events of the store replayed into the registry.
  int64_t events() const { return events_; }
  bool poisoned() const { return poisoned_; }

 private:
  friend class Store;
  explicit StoredPacts(PactRegistry registry) : registry_(std::move(registry)) {}
  PactRegistry registry_;
  int64_t events_ = 0;
  std::string head_;  // hash of event events_ (or of the chain's start)
  bool poisoned_ = false;
};

// How far a reader has read an election's stored roster: the rows read and
// the chain's hash after the last of them (Store::ReadRosterRows).
struct RosterCursor {
  int64_t rows = 0;
  std::string hash;
};

// How AppendPactEvents treats an event the registry refuses.
enum class RefusedEvents {
  // Stop at it: the events before it are stored (their batches committed),
  // the error names its index and the reason.
  kStop,
  // Skip it and go on (issuing to a roster where others issued some pacts
  // meanwhile): AppendResult::refused counts them.
  kSkip,
};

struct AppendResult {
  int64_t appended = 0;
  int64_t refused = 0;
};

class Store {
 public:
  // Opens (creating if needed) the store at `address`: "postgresql://..." or
  // "postgres://..." (a libpq URI), else a SQLite file path (a "sqlite:"
  // prefix is allowed). The schema is created if absent. InvalidArgument for
  // an empty address; Unavailable if the file or server cannot be opened.
  static absl::StatusOr<std::unique_ptr<Store>> Open(const std::string& address, const StoreOptions& options = {});

  virtual ~Store() = default;

  // "sqlite" or "postgresql".
  virtual const char* kind() const = 0;

  // --- Cases ---------------------------------------------------------------

  // Stores a new case from `header` (case_id, kind, employee, organisation)
  // checked by machine.Start; its events, if any, are then appended one by
  // one (all in one transaction: a refused event stores nothing of the case).
  // AlreadyExists if the case id is taken.
  virtual absl::Status CreateCase(const v1::CaseLog& header, const CaseMachine& machine) = 0;

  // Checks `event` against the case replayed from the store and appends it
  // (seq assigned), in one transaction. Returns the case's progress after
  // the event. A refused event writes nothing.
  virtual absl::StatusOr<CaseProgress> AppendCaseEvent(const std::string& case_id, v1::CaseEvent event,
                                                        const CaseMachine& machine) = 0;

  // The case with its events, the chain verified. Writes nothing.
  virtual absl::StatusOr<v1::CaseLog> ReadCase(const std::string& case_id) = 0;

  // At most `limit` cases (1..10,000) with ids after `after` ("" = from the
  // first), in id order: a page. The next page starts after the last id.
  virtual absl::StatusOr<std::vector<CaseSummary>> ListCases(const std::string& after, int limit) = 0;

  // The case replayed (ReadCase + machine.Replay).
  absl::StatusOr<CaseProgress> ReplayCase(const std::string& case_id, const CaseMachine& machine,
                                          std::optional<absl::CivilDay> up_to = std::nullopt);
  // The case's state on `as_of` (CaseMachine::Describe).
  absl::StatusOr<v1::CaseState> CaseState(const std::string& case_id, const CaseMachine& machine,
                                          absl::CivilDay as_of, int64_t tukin = 0);
  // Duties past due on `as_of` across every open case, by case id.
  absl::StatusOr<std::vector<CaseOverdue>> Overdue(const CaseMachine& machine, absl::CivilDay as_of);

  // --- Pact registries -----------------------------------------------------

  // Replays into `pacts` the events of its election stored since its
  // events(), the chain verified. An election with no events yet is fine.
  virtual absl::Status SyncPacts(StoredPacts* pacts) = 0;

  // Checks each event with the registry and appends it, in order: per batch
  // (StoreOptions::batch_events) one transaction that first syncs with the
  // store, then checks, applies and writes the batch's events, then commits.
  // No size limit. With RefusedEvents::kStop the first refused event ends the
  // call (FailedPrecondition or InvalidArgument naming "events[i]" and the
  // reason; the events before it are stored).
  virtual absl::StatusOr<AppendResult> AppendPactEvents(StoredPacts* pacts, absl::Span<const v1::PactEvent> events,
                                                        RefusedEvents refused = RefusedEvents::kStop) = 0;

  // The elections with a pact log in the store, in order.
  virtual absl::StatusOr<std::vector<std::string>> ListElections() = 0;

  // At most `limit` events (1..100,000) of the election after seq `after`, the
  // chain verified from the first: a page (seq i + 1 is element i of the
  // first page).
  virtual absl::StatusOr<std::vector<v1::PactEvent>> ListPactEvents(const std::string& election, int64_t after,
                                                                    int limit) = 0;

  // --- Rosters of elections (as a service keeps them) ----------------------
  //
  // An election's stored roster is a log of v1::RosterEntry rows, kept like
  // its pact events (chained from the domain "netra.store.roster.v1" and the
  // election, append-only): a row is never changed or removed, so the
  // position of a row is its row in the registry's RosterTable and every
  // reader builds the same table. The roster is not listed by
  // ListElections. Whether a row may be added (a NIP already on it) is the
  // caller's check, made against the rows it has read: the append refuses
  // to go on if others added rows since.

  // The elections with a stored roster, in order.
  virtual absl::StatusOr<std::vector<std::string>> ListRosters() = 0;
  // Appends `rows` if the stored roster holds exactly `expected_rows` rows;
  // else Aborted (another writer added rows: read them and try again), and
  // InvalidArgument "rows[i]: ..." for a row past kMaxEventBytes; nothing is
  // written on error. One transaction. Returns the rows stored after it.
  virtual absl::StatusOr<int64_t> AppendRosterRows(const std::string& election, int64_t expected_rows,
                                                   absl::Span<const v1::RosterEntry> rows) = 0;
  // Calls `each` with every row stored after cursor->rows, in order, and
  // advances *cursor. The row the cursor last read must be unchanged and the
  // chain must hold from it (DataLoss with the position otherwise). An
  // election without a stored roster has no rows. An error from `each`
  // ends the read (the cursor stays after the last row `each` accepted).
  virtual absl::Status ReadRosterRows(const std::string& election, RosterCursor* cursor,
                                      const std::function<absl::Status(const v1::RosterEntry&)>& each) = 0;

 protected:
  Store() = default;
  // For the backends: the state StoredPacts keeps private.
  static int64_t& PactEventsOf(StoredPacts* p) { return p->events_; }
  static std::string& PactHeadOf(StoredPacts* p) { return p->head_; }
  static bool& PactPoisonedOf(StoredPacts* p) { return p->poisoned_; }
};

}  // namespace netra

#endif  // NETRA_STORE_H_
