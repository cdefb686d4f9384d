// The store's database layer (private to src/store): what SQLite and
// PostgreSQL each implement, so that the checks, the hash chain and the
// transactions' shape (store.cc) are written once for both.
#ifndef NETRA_SRC_STORE_BACKEND_H_
#define NETRA_SRC_STORE_BACKEND_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "netra/store.h"

namespace netra::store_internal {

// One stored event: its position, its bytes (a serialized CaseEvent or
// PactEvent) and its chained hash (32 bytes).
struct Row {
  int64_t seq = 0;
  std::string bytes;
  std::string hash;
};

// The row beside a case's or registry's events: the header, how many events
// and the hash of the last (or of the chain's start).
struct Head {
  int64_t id = 0;  // pact log id
  int kind = 0;    // case kind
  std::string header;
  int64_t events = 0;
  std::string hash;
};

using RowFn = std::function<absl::Status(int64_t seq, absl::string_view bytes, absl::string_view hash)>;

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* kind() const = 0;

  // A read transaction sees one snapshot; a write transaction takes the
  // write lock at once (SQLite BEGIN IMMEDIATE) or by row (PostgreSQL,
  // the `lock` arguments below).
  virtual absl::Status Begin(bool write) = 0;
  virtual absl::Status Commit() = 0;
  virtual void Rollback() = 0;

  virtual absl::StatusOr<std::optional<Head>> CaseHead(const std::string& case_id, bool lock) = 0;
  virtual absl::Status CaseEvents(const std::string& case_id, const RowFn& each) = 0;
  // AlreadyExists if the id is taken.
  virtual absl::Status InsertCase(const std::string& case_id, int kind, const std::string& header,
                                  const std::string& start_hash) = 0;
  virtual absl::Status InsertCaseEvent(const std::string& case_id, const Row& row) = 0;
  virtual absl::Status SetCaseHead(const std::string& case_id, int status, const std::string& last_date,
                                   int64_t events, const std::string& hash) = 0;
  virtual absl::StatusOr<std::vector<CaseSummary>> ListCases(const std::string& after, int limit) = 0;

  // With `create_and_lock` (in a write transaction) the registry's row is
  // created if absent (events 0, hash `start_hash`) and locked.
  virtual absl::StatusOr<std::optional<Head>> PactHead(const std::string& election, bool create_and_lock,
                                                       const std::string& start_hash) = 0;
  // Events with seq > after, in seq order, at most `limit` (-1 = all).
  virtual absl::Status PactEvents(int64_t log, int64_t after, int64_t limit, const RowFn& each) = 0;
  // The stored hash of event `seq` (NotFound if absent).
  virtual absl::StatusOr<std::string> PactHash(int64_t log, int64_t seq) = 0;
  virtual absl::Status InsertPactEvents(int64_t log, const std::vector<Row>& rows) = 0;
  virtual absl::Status SetPactHead(int64_t log, int64_t events, const std::string& hash) = 0;
  virtual absl::StatusOr<std::vector<std::string>> Elections() = 0;
};

absl::StatusOr<std::unique_ptr<Backend>> OpenSqlite(const std::string& path, const StoreOptions& options);
absl::StatusOr<std::unique_ptr<Backend>> OpenPostgres(const std::string& uri, const StoreOptions& options);

// SHA-256 of the chain (OpenSSL's EVP interface).
std::string ChainStart(absl::string_view domain, absl::string_view key);
std::string ChainNext(absl::string_view prev, int64_t seq, absl::string_view bytes);

}  // namespace netra::store_internal

#endif  // NETRA_SRC_STORE_BACKEND_H_
