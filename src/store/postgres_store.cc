// The PostgreSQL store: the same tables as SQLite (sqlite_store.cc), the
// case or registry row locked with SELECT ... FOR UPDATE for the check and
// the append (so two servers never both pass the check), events appended
// with COPY in batches, append-only by triggers. Durability is the server's
// synchronous_commit (on by default: a commit returns once its WAL is
// flushed).
#include <endian.h>
#include <libpq-fe.h>

#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "store/backend.h"

namespace netra::store_internal {
namespace {

constexpr const char* kSchema = R"sql(
SELECT pg_advisory_xact_lock(7310356102);
CREATE TABLE IF NOT EXISTS netra_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO netra_store VALUES ('schema', '1') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS cases (
  case_id TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  header BYTEA NOT NULL,
  status INTEGER NOT NULL,
  last_date TEXT NOT NULL,
  events BIGINT NOT NULL,
  head BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS case_events (
  case_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  event BYTEA NOT NULL,
  hash BYTEA NOT NULL,
  PRIMARY KEY (case_id, seq));
CREATE TABLE IF NOT EXISTS pact_logs (
  log_id BIGSERIAL PRIMARY KEY,
  election TEXT NOT NULL UNIQUE,
  events BIGINT NOT NULL,
  head BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS pact_events (
  log_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  event BYTEA NOT NULL,
  hash BYTEA NOT NULL,
  PRIMARY KEY (log_id, seq));
CREATE OR REPLACE FUNCTION netra_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: no %', TG_TABLE_NAME, lower(TG_OP);
END $$;
CREATE OR REPLACE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER pact_events_append_only BEFORE UPDATE OR DELETE ON pact_events
  FOR EACH ROW EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER pact_events_no_truncate BEFORE TRUNCATE ON pact_events
  FOR EACH STATEMENT EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER cases_no_delete BEFORE DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER cases_header_fixed BEFORE UPDATE OF case_id, kind, header ON cases
  FOR EACH ROW EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER pact_logs_no_delete BEFORE DELETE ON pact_logs
  FOR EACH ROW EXECUTE FUNCTION netra_append_only();
CREATE OR REPLACE TRIGGER pact_logs_fixed BEFORE UPDATE OF log_id, election ON pact_logs
  FOR EACH ROW EXECUTE FUNCTION netra_append_only();
)sql";

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

class Postgres final : public Backend {
 public:
  explicit Postgres(PGconn* conn) : conn_(conn) {}
  ~Postgres() override { PQfinish(conn_); }

  const char* kind() const override { return "postgresql"; }

  // A statement without parameters; `op` names it in errors.
  absl::Status Exec(const char* sql, absl::string_view op) {
    Result r(PQexec(conn_, sql), &PQclear);
    return Check(r.get(), op);
  }

  // A connection the server dropped is opened again at the next
  // transaction (the call that met the drop returned Unavailable).
  absl::Status Begin(bool write) override {
    if (PQstatus(conn_) == CONNECTION_BAD || lost_) {
      lost_ = false;
      PQreset(conn_);
      if (PQstatus(conn_) != CONNECTION_OK) return Lost("reconnect");
      if (auto st = Exec(settings_.c_str(), "set lock_timeout"); !st.ok()) return st;
    }
    // Writers: READ COMMITTED with the row lock (each statement after the
    // lock sees what the previous holder committed). Readers: one snapshot.
    return Exec(write ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                write ? "begin a write transaction" : "begin a read");
  }
  absl::Status Commit() override { return Exec("COMMIT", "commit"); }
  void Rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) Result(PQexec(conn_, "ROLLBACK"), &PQclear);
  }

  absl::StatusOr<std::optional<Head>> CaseHead(const std::string& case_id, bool lock) override {
    Result r = Query(lock ? "SELECT kind, header, events, head FROM cases WHERE case_id = $1 FOR UPDATE"
                          : "SELECT kind, header, events, head FROM cases WHERE case_id = $1",
                     {case_id});
    if (auto st = Check(r.get(), "read a case"); !st.ok()) return st;
    if (PQntuples(r.get()) == 0) return std::optional<Head>();
    Head h;
    h.kind = static_cast<int>(Int(r.get(), 0, 0));
    h.header = Bytes(r.get(), 0, 1);
    h.events = Int(r.get(), 0, 2);
    h.hash = Bytes(r.get(), 0, 3);
    return std::optional<Head>(std::move(h));
  }

  absl::Status CaseEvents(const std::string& case_id, const RowFn& each) override {
    Result r = Query("SELECT seq, event, hash FROM case_events WHERE case_id = $1 ORDER BY seq", {case_id});
    if (auto st = Check(r.get(), "read a case's events"); !st.ok()) return st;
    return Each(r.get(), each);
  }

  absl::Status InsertCase(const std::string& case_id, int kind, const std::string& header,
                          const std::string& start_hash) override {
    Result r = Query("INSERT INTO cases (case_id, kind, header, status, last_date, events, head) "
                     "VALUES ($1, $2::int, $3, 0, '', 0, $4) ON CONFLICT (case_id) DO NOTHING",
                     {case_id, std::to_string(kind), header, start_hash}, {0, 0, 1, 1});
    if (auto st = Check(r.get(), "insert a case"); !st.ok()) return st;
    if (std::strcmp(PQcmdTuples(r.get()), "0") == 0) {
      return absl::AlreadyExistsError(absl::StrCat("case_id: ", case_id, " is already in the store"));
    }
    return absl::OkStatus();
  }

  absl::Status InsertCaseEvent(const std::string& case_id, const Row& row) override {
    Result r = Query("INSERT INTO case_events (case_id, seq, event, hash) VALUES ($1, $2::bigint, $3, $4)",
                     {case_id, std::to_string(row.seq), row.bytes, row.hash}, {0, 0, 1, 1});
    return Check(r.get(), "append a case event");
  }

  absl::Status SetCaseHead(const std::string& case_id, int status, const std::string& last_date, int64_t events,
                           const std::string& hash) override {
    Result r = Query("UPDATE cases SET status = $2::int, last_date = $3, events = $4::bigint, head = $5 "
                     "WHERE case_id = $1",
                     {case_id, std::to_string(status), last_date, std::to_string(events), hash}, {0, 0, 0, 0, 1});
    return Check(r.get(), "update a case's head");
  }

  absl::StatusOr<std::vector<CaseSummary>> ListCases(const std::string& after, int limit) override {
    Result r = Query("SELECT case_id, kind, status, events, last_date FROM cases WHERE case_id COLLATE \"C\" > $1 "
                     "ORDER BY case_id COLLATE \"C\" LIMIT $2::int",
                     {after, std::to_string(limit)});
    if (auto st = Check(r.get(), "list cases"); !st.ok()) return st;
    std::vector<CaseSummary> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      CaseSummary c;
      c.case_id = Bytes(r.get(), i, 0);
      c.kind = static_cast<v1::CaseKind>(Int(r.get(), i, 1));
      c.status = static_cast<v1::CaseStatus>(Int(r.get(), i, 2));
      c.events = Int(r.get(), i, 3);
      c.last_date = Bytes(r.get(), i, 4);
      out.push_back(std::move(c));
    }
    return out;
  }

  absl::StatusOr<std::optional<Head>> PactHead(const std::string& election, bool create_and_lock,
                                               const std::string& start_hash) override {
    if (create_and_lock) {
      Result ins = Query("INSERT INTO pact_logs (election, events, head) VALUES ($1, 0, $2) "
                         "ON CONFLICT (election) DO NOTHING",
                         {election, start_hash}, {0, 1});
      if (auto st = Check(ins.get(), "create a pact registry"); !st.ok()) return st;
    }
    Result r = Query(create_and_lock ? "SELECT log_id, events, head FROM pact_logs WHERE election = $1 FOR UPDATE"
                                     : "SELECT log_id, events, head FROM pact_logs WHERE election = $1",
                     {election});
    if (auto st = Check(r.get(), "read a pact registry"); !st.ok()) return st;
    if (PQntuples(r.get()) == 0) return std::optional<Head>();
    Head h;
    h.id = Int(r.get(), 0, 0);
    h.events = Int(r.get(), 0, 1);
    h.hash = Bytes(r.get(), 0, 2);
    return std::optional<Head>(std::move(h));
  }

  absl::Status PactEvents(int64_t log, int64_t after, int64_t limit, const RowFn& each) override {
    // In pages, so that a national registry is never one result in memory.
    constexpr int64_t kPage = 50'000;
    for (;;) {
      const int64_t n = limit < 0 ? kPage : std::min(kPage, limit);
      Result r = Query("SELECT seq, event, hash FROM pact_events WHERE log_id = $1::bigint AND seq > $2::bigint "
                       "ORDER BY seq LIMIT $3::bigint",
                       {std::to_string(log), std::to_string(after), std::to_string(n)});
      if (auto st = Check(r.get(), "read pact events"); !st.ok()) return st;
      const int rows = PQntuples(r.get());
      if (auto st = Each(r.get(), each); !st.ok()) return st;
      if (rows > 0) after = Int(r.get(), rows - 1, 0);
      if (limit >= 0) limit -= rows;
      if (rows < n || limit == 0) return absl::OkStatus();
    }
  }

  absl::StatusOr<std::string> PactHash(int64_t log, int64_t seq) override {
    Result r = Query("SELECT hash FROM pact_events WHERE log_id = $1::bigint AND seq = $2::bigint",
                     {std::to_string(log), std::to_string(seq)});
    if (auto st = Check(r.get(), "read a pact event"); !st.ok()) return st;
    if (PQntuples(r.get()) == 0) return absl::NotFoundError(absl::StrCat("seq: no pact event ", seq));
    return Bytes(r.get(), 0, 0);
  }

  absl::Status InsertPactEvents(int64_t log, const std::vector<Row>& rows) override {
    // COPY in text format; bytea as \x hex (the backslash doubled for COPY).
    Result start(PQexec(conn_, "COPY pact_events (log_id, seq, event, hash) FROM STDIN"), &PQclear);
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Check(start.get(), "append pact events");
    const std::string id = std::to_string(log);
    std::string buf;
    auto flush = [&]() -> bool {
      if (buf.empty()) return true;
      const bool ok = PQputCopyData(conn_, buf.data(), static_cast<int>(buf.size())) == 1;
      buf.clear();
      return ok;
    };
    bool ok = true;
    for (const Row& r : rows) {
      absl::StrAppend(&buf, id, "\t", r.seq, "\t\\\\x", absl::BytesToHexString(r.bytes), "\t\\\\x",
                      absl::BytesToHexString(r.hash), "\n");
      if (buf.size() > (1 << 20) && !(ok = flush())) break;
    }
    if (ok) ok = flush();
    if (PQputCopyEnd(conn_, ok ? nullptr : "netra: copy failed") != 1) ok = false;
    absl::Status st;
    while (PGresult* res = PQgetResult(conn_)) {
      Result r(res, &PQclear);
      if (st.ok()) st = Check(r.get(), "append pact events");
    }
    if (st.ok() && !ok) st = Lost("append pact events");
    return st;
  }

  absl::Status SetPactHead(int64_t log, int64_t events, const std::string& hash) override {
    Result r = Query("UPDATE pact_logs SET events = $2::bigint, head = $3 WHERE log_id = $1::bigint",
                     {std::to_string(log), std::to_string(events), hash}, {0, 0, 1});
    return Check(r.get(), "update a pact registry's head");
  }

  absl::StatusOr<std::vector<std::string>> Elections() override {
    Result r = Query("SELECT election FROM pact_logs ORDER BY election COLLATE \"C\"", {});
    if (auto st = Check(r.get(), "list elections"); !st.ok()) return st;
    std::vector<std::string> out;
    for (int i = 0; i < PQntuples(r.get()); ++i) out.push_back(Bytes(r.get(), i, 0));
    return out;
  }

 private:
  // Parameters as text (format 0) or bytes (1); results in binary, so bytea
  // columns come as their bytes and integers as big-endian.
  Result Query(const char* sql, const std::vector<std::string>& params, const std::vector<int>& formats = {}) {
    std::vector<const char*> values;
    std::vector<int> lengths, fmt;
    for (size_t i = 0; i < params.size(); ++i) {
      values.push_back(params[i].data());
      lengths.push_back(static_cast<int>(params[i].size()));
      fmt.push_back(i < formats.size() ? formats[i] : 0);
    }
    return Result(PQexecParams(conn_, sql, static_cast<int>(params.size()), nullptr, values.data(), lengths.data(),
                               fmt.data(), /*resultFormat=*/1),
                  &PQclear);
  }

  static int64_t Int(PGresult* r, int row, int col) {
    const char* p = PQgetvalue(r, row, col);
    const int n = PQgetlength(r, row, col);
    if (n == 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      return static_cast<int64_t>(be64toh(v));
    }
    if (n == 4) {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return static_cast<int32_t>(be32toh(v));
    }
    return 0;
  }
  static std::string Bytes(PGresult* r, int row, int col) {
    return std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
  }
  static absl::Status Each(PGresult* r, const RowFn& each) {
    for (int i = 0; i < PQntuples(r); ++i) {
      auto view = [&](int col) { return absl::string_view(PQgetvalue(r, i, col), PQgetlength(r, i, col)); };
      if (auto st = each(Int(r, i, 0), view(1), view(2)); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

  absl::Status Lost(absl::string_view op) const {
    lost_ = true;
    return absl::UnavailableError(absl::StrCat("postgresql: ", op, ": ", PQerrorMessage(conn_)));
  }

  // The server's SQLSTATE decides the class: a lock not obtained in time, a
  // lost connection, a full disk are Unavailable; a trigger refusing an
  // update of an event is FailedPrecondition; data the server finds damaged
  // is DataLoss.
  absl::Status Check(PGresult* r, absl::string_view op) const {
    const ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return absl::OkStatus();
    if (r == nullptr) return Lost(op);
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    std::string msg = absl::StrCat("postgresql: ", op, ": ", PQresultErrorMessage(r));
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    const std::string code = state ? state : "";
    // Connection exceptions and a terminated server process: the
    // connection is opened again by the next transaction.
    if (code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0 || PQstatus(conn_) == CONNECTION_BAD) lost_ = true;
    if (code == "23505") return absl::AlreadyExistsError(msg);
    if (code == "P0001" || code.rfind("23", 0) == 0) return absl::FailedPreconditionError(msg);
    if (code == "XX001" || code == "XX002") return absl::DataLossError(msg);
    return absl::UnavailableError(msg);
  }

  PGconn* conn_;
  mutable bool lost_ = false;  // the connection failed: reset at the next Begin

 public:
  std::string settings_;  // SET statements run on every (re)connection
};

}  // namespace

absl::StatusOr<std::unique_ptr<Backend>> OpenPostgres(const std::string& uri, const StoreOptions& options) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? PQerrorMessage(conn) : "out of memory";
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    PQfinish(conn);
    // The URI may hold a password: not repeated in the message.
    return absl::UnavailableError(absl::StrCat("postgresql: cannot connect: ", msg));
  }
  auto out = std::make_unique<Postgres>(conn);
  out->settings_ = absl::StrCat("SET lock_timeout = ", options.busy_timeout_ms, "; SET client_min_messages = warning");
  if (auto st = out->Exec(out->settings_.c_str(), "set lock_timeout"); !st.ok()) return st;
  // The schema is created in one transaction, so its first table means all
  // of it; checked first so that opening an existing store takes no lock.
  {
    Result r(PQexec(conn, "SELECT to_regclass('netra_store') IS NOT NULL"), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) {
      return absl::UnavailableError(absl::StrCat("postgresql: read the schema: ", PQerrorMessage(conn)));
    }
    if (std::strcmp(PQgetvalue(r.get(), 0, 0), "t") == 0) return std::unique_ptr<Backend>(std::move(out));
  }
  if (auto st = out->Exec("BEGIN", "create the schema"); !st.ok()) return st;
  if (auto st = out->Exec(kSchema, "create the schema"); !st.ok()) {
    out->Rollback();
    return st;
  }
  if (auto st = out->Exec("COMMIT", "create the schema"); !st.ok()) return st;
  return std::unique_ptr<Backend>(std::move(out));
}

}  // namespace netra::store_internal
