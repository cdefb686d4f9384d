// The SQLite store: one database file in WAL mode with synchronous=FULL (a
// commit is durable when it returns: https://www.sqlite.org/pragma.html#pragma_synchronous
// describes FULL in WAL mode as syncing the WAL at each commit), writers
// serialised by BEGIN IMMEDIATE, events append-only by triggers.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "store/backend.h"

namespace netra::store_internal {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS netra_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO netra_store VALUES ('schema', '1');
CREATE TABLE IF NOT EXISTS cases (
  case_id TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  header BLOB NOT NULL,
  status INTEGER NOT NULL,
  last_date TEXT NOT NULL,
  events INTEGER NOT NULL,
  head BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS case_events (
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event BLOB NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (case_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pact_logs (
  log_id INTEGER PRIMARY KEY,
  election TEXT NOT NULL UNIQUE,
  events INTEGER NOT NULL,
  head BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS pact_events (
  log_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  event BLOB NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (log_id, seq)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS case_events_no_update BEFORE UPDATE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case_events is append-only: no update'); END;
CREATE TRIGGER IF NOT EXISTS case_events_no_delete BEFORE DELETE ON case_events
  BEGIN SELECT RAISE(ABORT, 'case_events is append-only: no delete'); END;
CREATE TRIGGER IF NOT EXISTS pact_events_no_update BEFORE UPDATE ON pact_events
  BEGIN SELECT RAISE(ABORT, 'pact_events is append-only: no update'); END;
CREATE TRIGGER IF NOT EXISTS pact_events_no_delete BEFORE DELETE ON pact_events
  BEGIN SELECT RAISE(ABORT, 'pact_events is append-only: no delete'); END;
CREATE TRIGGER IF NOT EXISTS cases_no_delete BEFORE DELETE ON cases
  BEGIN SELECT RAISE(ABORT, 'cases: no delete'); END;
CREATE TRIGGER IF NOT EXISTS cases_header_fixed BEFORE UPDATE OF case_id, kind, header ON cases
  BEGIN SELECT RAISE(ABORT, 'cases: the header is fixed'); END;
CREATE TRIGGER IF NOT EXISTS pact_logs_no_delete BEFORE DELETE ON pact_logs
  BEGIN SELECT RAISE(ABORT, 'pact_logs: no delete'); END;
CREATE TRIGGER IF NOT EXISTS pact_logs_fixed BEFORE UPDATE OF log_id, election ON pact_logs
  BEGIN SELECT RAISE(ABORT, 'pact_logs: the election is fixed'); END;
)sql";

// Waits for another connection's write lock in short steps (SQLite's own
// busy handler backs off to 100 ms sleeps, which leaves the lock idle most of
// the time when several processes write), up to the timeout.
struct BusyWait {
  int timeout_ms = 0;
  std::chrono::steady_clock::time_point start;
  static int Handler(void* self, int count) {
    auto* w = static_cast<BusyWait*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) w->start = now;
    if (now - w->start >= std::chrono::milliseconds(w->timeout_ms)) return 0;  // SQLITE_BUSY: Unavailable
    std::this_thread::sleep_for(std::chrono::microseconds(count < 20 ? 100 : 1000));
    return 1;
  }
};

class Sqlite final : public Backend {
 public:
  Sqlite(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  BusyWait busy;
  ~Sqlite() override {
    for (auto& [sql, stmt] : stmts_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  const char* kind() const override { return "sqlite"; }

  absl::Status Exec(const char* sql, absl::string_view op) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    if (rc != SQLITE_OK) return Error(rc, op, msg);
    return absl::OkStatus();
  }

  absl::Status Begin(bool write) override {
    in_txn_ = true;
    return Exec(write ? "BEGIN IMMEDIATE" : "BEGIN", write ? "begin a write transaction" : "begin a read");
  }
  absl::Status Commit() override {
    absl::Status st = Exec("COMMIT", "commit");
    if (st.ok()) in_txn_ = false;
    return st;
  }
  void Rollback() override {
    if (!in_txn_) return;
    in_txn_ = false;
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  absl::StatusOr<std::optional<Head>> CaseHead(const std::string& case_id, bool) override {
    Stmt s(this, "SELECT kind, header, events, head FROM cases WHERE case_id = ?1");
    if (!s.ok()) return s.status();
    s.Text(1, case_id);
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<Head>();
    if (rc != SQLITE_ROW) return Error(rc, "read a case");
    Head h;
    h.kind = sqlite3_column_int(s.get(), 0);
    h.header = s.Blob(1);
    h.events = sqlite3_column_int64(s.get(), 2);
    h.hash = s.Blob(3);
    return std::optional<Head>(std::move(h));
  }

  absl::Status CaseEvents(const std::string& case_id, const RowFn& each) override {
    Stmt s(this, "SELECT seq, event, hash FROM case_events WHERE case_id = ?1 ORDER BY seq");
    if (!s.ok()) return s.status();
    s.Text(1, case_id);
    return Rows(s, each, "read a case's events");
  }

  absl::Status InsertCase(const std::string& case_id, int kind, const std::string& header,
                          const std::string& start_hash) override {
    Stmt s(this, "INSERT INTO cases (case_id, kind, header, status, last_date, events, head) "
                 "VALUES (?1, ?2, ?3, 0, '', 0, ?4)");
    if (!s.ok()) return s.status();
    s.Text(1, case_id);
    sqlite3_bind_int(s.get(), 2, kind);
    s.BlobArg(3, header);
    s.BlobArg(4, start_hash);
    const int rc = s.Step();
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
      return absl::AlreadyExistsError(absl::StrCat("case_id: ", case_id, " is already in the store"));
    }
    if (rc != SQLITE_DONE) return Error(rc, "insert a case");
    return absl::OkStatus();
  }

  absl::Status InsertCaseEvent(const std::string& case_id, const Row& row) override {
    Stmt s(this, "INSERT INTO case_events (case_id, seq, event, hash) VALUES (?1, ?2, ?3, ?4)");
    if (!s.ok()) return s.status();
    s.Text(1, case_id);
    sqlite3_bind_int64(s.get(), 2, row.seq);
    s.BlobArg(3, row.bytes);
    s.BlobArg(4, row.hash);
    if (const int rc = s.Step(); rc != SQLITE_DONE) return Error(rc, "append a case event");
    return absl::OkStatus();
  }

  absl::Status SetCaseHead(const std::string& case_id, int status, const std::string& last_date, int64_t events,
                           const std::string& hash) override {
    Stmt s(this, "UPDATE cases SET status = ?2, last_date = ?3, events = ?4, head = ?5 WHERE case_id = ?1");
    if (!s.ok()) return s.status();
    s.Text(1, case_id);
    sqlite3_bind_int(s.get(), 2, status);
    s.Text(3, last_date);
    sqlite3_bind_int64(s.get(), 4, events);
    s.BlobArg(5, hash);
    if (const int rc = s.Step(); rc != SQLITE_DONE) return Error(rc, "update a case's head");
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<CaseSummary>> ListCases(const std::string& after, int limit) override {
    Stmt s(this, "SELECT case_id, kind, status, events, last_date FROM cases WHERE case_id > ?1 "
                 "ORDER BY case_id LIMIT ?2");
    if (!s.ok()) return s.status();
    s.Text(1, after);
    sqlite3_bind_int(s.get(), 2, limit);
    std::vector<CaseSummary> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      CaseSummary c;
      c.case_id = s.Blob(0);
      c.kind = static_cast<v1::CaseKind>(sqlite3_column_int(s.get(), 1));
      c.status = static_cast<v1::CaseStatus>(sqlite3_column_int(s.get(), 2));
      c.events = sqlite3_column_int64(s.get(), 3);
      c.last_date = s.Blob(4);
      out.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) return Error(rc, "list cases");
    return out;
  }

  absl::StatusOr<std::optional<Head>> PactHead(const std::string& election, bool create_and_lock,
                                               const std::string& start_hash) override {
    if (create_and_lock) {
      Stmt ins(this, "INSERT OR IGNORE INTO pact_logs (election, events, head) VALUES (?1, 0, ?2)");
      if (!ins.ok()) return ins.status();
      ins.Text(1, election);
      ins.BlobArg(2, start_hash);
      if (const int rc = ins.Step(); rc != SQLITE_DONE) return Error(rc, "create a pact registry");
    }
    Stmt s(this, "SELECT log_id, events, head FROM pact_logs WHERE election = ?1");
    if (!s.ok()) return s.status();
    s.Text(1, election);
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<Head>();
    if (rc != SQLITE_ROW) return Error(rc, "read a pact registry");
    Head h;
    h.id = sqlite3_column_int64(s.get(), 0);
    h.events = sqlite3_column_int64(s.get(), 1);
    h.hash = s.Blob(2);
    return std::optional<Head>(std::move(h));
  }

  absl::Status PactEvents(int64_t log, int64_t after, int64_t limit, const RowFn& each) override {
    Stmt s(this, "SELECT seq, event, hash FROM pact_events WHERE log_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
    if (!s.ok()) return s.status();
    sqlite3_bind_int64(s.get(), 1, log);
    sqlite3_bind_int64(s.get(), 2, after);
    sqlite3_bind_int64(s.get(), 3, limit);
    return Rows(s, each, "read pact events");
  }

  absl::StatusOr<std::string> PactHash(int64_t log, int64_t seq) override {
    Stmt s(this, "SELECT hash FROM pact_events WHERE log_id = ?1 AND seq = ?2");
    if (!s.ok()) return s.status();
    sqlite3_bind_int64(s.get(), 1, log);
    sqlite3_bind_int64(s.get(), 2, seq);
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return absl::NotFoundError(absl::StrCat("seq: no pact event ", seq));
    if (rc != SQLITE_ROW) return Error(rc, "read a pact event");
    return s.Blob(0);
  }

  absl::Status InsertPactEvents(int64_t log, const std::vector<Row>& rows) override {
    Stmt s(this, "INSERT INTO pact_events (log_id, seq, event, hash) VALUES (?1, ?2, ?3, ?4)");
    if (!s.ok()) return s.status();
    for (const Row& r : rows) {
      sqlite3_reset(s.get());
      sqlite3_bind_int64(s.get(), 1, log);
      sqlite3_bind_int64(s.get(), 2, r.seq);
      sqlite3_bind_blob(s.get(), 3, r.bytes.data(), static_cast<int>(r.bytes.size()), SQLITE_STATIC);
      sqlite3_bind_blob(s.get(), 4, r.hash.data(), static_cast<int>(r.hash.size()), SQLITE_STATIC);
      if (const int rc = sqlite3_step(s.get()); rc != SQLITE_DONE) return Error(rc, "append pact events");
    }
    return absl::OkStatus();
  }

  absl::Status SetPactHead(int64_t log, int64_t events, const std::string& hash) override {
    Stmt s(this, "UPDATE pact_logs SET events = ?2, head = ?3 WHERE log_id = ?1");
    if (!s.ok()) return s.status();
    sqlite3_bind_int64(s.get(), 1, log);
    sqlite3_bind_int64(s.get(), 2, events);
    s.BlobArg(3, hash);
    if (const int rc = s.Step(); rc != SQLITE_DONE) return Error(rc, "update a pact registry's head");
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<std::string>> Elections() override {
    Stmt s(this, "SELECT election FROM pact_logs ORDER BY election");
    if (!s.ok()) return s.status();
    std::vector<std::string> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Blob(0));
    if (rc != SQLITE_DONE) return Error(rc, "list elections");
    return out;
  }

  // A failed call: which operation, SQLite's code and message. Damage the
  // database itself detects is DataLoss; everything else (I/O, a full disk,
  // the lock not obtained in time) is Unavailable.
  absl::Status Error(int rc, absl::string_view op, std::string msg = "") const {
    if (msg.empty()) msg = sqlite3_errmsg(db_);
    const std::string text = absl::StrCat(path_, ": ", op, ": ", sqlite3_errstr(rc), " (SQLite code ", rc, "): ", msg);
    switch (rc & 0xff) {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return absl::DataLossError(text);
      case SQLITE_CONSTRAINT:
        return absl::FailedPreconditionError(text);
      default:
        return absl::UnavailableError(text);
    }
  }

 private:
  // A cached prepared statement, reset on scope exit.
  class Stmt {
   public:
    Stmt(Sqlite* db, const char* sql) : db_(db) {
      sqlite3_stmt*& cached = db->stmts_[sql];
      if (cached == nullptr) {
        rc_ = sqlite3_prepare_v3(db->db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &cached, nullptr);
        if (rc_ != SQLITE_OK) {
          sqlite3_finalize(cached);
          cached = nullptr;
        }
      }
      stmt_ = cached;
    }
    ~Stmt() {
      if (stmt_ != nullptr) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
      }
    }
    bool ok() const { return stmt_ != nullptr; }
    absl::Status status() const { return db_->Error(rc_, "prepare a statement"); }
    sqlite3_stmt* get() const { return stmt_; }
    void Text(int i, const std::string& v) {
      sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    }
    void BlobArg(int i, const std::string& v) {
      sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    }
    std::string Blob(int col) const {
      const void* p = sqlite3_column_blob(stmt_, col);
      const int n = sqlite3_column_bytes(stmt_, col);
      return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
    }
    int Step() { return sqlite3_step(stmt_); }

   private:
    Sqlite* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_OK;
  };

  absl::Status Rows(Stmt& s, const RowFn& each, absl::string_view op) {
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      auto view = [&](int col) {
        const void* p = sqlite3_column_blob(s.get(), col);
        const int n = sqlite3_column_bytes(s.get(), col);
        return absl::string_view(p ? static_cast<const char*>(p) : "", static_cast<size_t>(n));
      };
      if (auto st = each(sqlite3_column_int64(s.get(), 0), view(1), view(2)); !st.ok()) return st;
    }
    if (rc != SQLITE_DONE) return Error(rc, op);
    return absl::OkStatus();
  }

  sqlite3* db_;
  std::string path_;
  std::map<const char*, sqlite3_stmt*> stmts_;
  bool in_txn_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Backend>> OpenSqlite(const std::string& path, const StoreOptions& options) {
  // Created owner-only before SQLite opens it (the -wal and -shm files take
  // the database file's mode). O_EXCL: an existing file keeps its mode.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    const bool chmod_ok = ::fchmod(fd, 0600) == 0;  // the umask may have taken bits; no more than 0600 either way
    ::close(fd);
    if (!chmod_ok) return absl::UnavailableError(absl::StrCat(path, ": cannot set mode 0600: ", std::strerror(errno)));
  } else if (errno != EEXIST) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot create: ", std::strerror(errno)));
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                 options.sqlite_vfs.empty() ? nullptr : options.sqlite_vfs.c_str());
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return absl::UnavailableError(absl::StrCat(path, ": cannot open: ", msg));
  }
  sqlite3_extended_result_codes(db, 1);
  auto out = std::make_unique<Sqlite>(db, path);
  out->busy.timeout_ms = options.busy_timeout_ms;
  sqlite3_busy_handler(db, &BusyWait::Handler, &out->busy);
  // WAL, and a commit fsyncs the WAL before it returns.
  {
    sqlite3_stmt* s = nullptr;
    int prc = sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &s, nullptr);
    int src = prc == SQLITE_OK ? sqlite3_step(s) : prc;
    std::string mode = src == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
    sqlite3_finalize(s);
    if (src != SQLITE_ROW) return out->Error(src, "set WAL mode");
    if (mode != "wal") {
      return absl::UnavailableError(absl::StrCat(path, ": journal_mode is ", mode, ", not wal"));
    }
  }
  if (auto st = out->Exec("PRAGMA synchronous=FULL", "set synchronous=FULL"); !st.ok()) return st;
  // The schema is created in one transaction, so its first table means all
  // of it; checked first so that opening an existing store writes nothing.
  {
    sqlite3_stmt* s = nullptr;
    int prc = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = 'netra_store'", -1, &s, nullptr);
    const int src = prc == SQLITE_OK ? sqlite3_step(s) : prc;
    sqlite3_finalize(s);
    if (src == SQLITE_ROW) return std::unique_ptr<Backend>(std::move(out));
    if (src != SQLITE_DONE) return out->Error(src, "read the schema");
  }
  if (auto st = out->Exec("BEGIN IMMEDIATE", "create the schema"); !st.ok()) return st;
  if (auto st = out->Exec(kSchema, "create the schema"); !st.ok()) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }
  if (auto st = out->Exec("COMMIT", "create the schema"); !st.ok()) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return st;
  }
  return std::unique_ptr<Backend>(std::move(out));
}

}  // namespace netra::store_internal
