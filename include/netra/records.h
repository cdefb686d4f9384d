// netra/records.h: the cases and pact registries a service keeps, as
// requests (service netra.v1.Records, proto/netra/v1/records.proto).
//
// Engine (netra/api.h) answers questions about what a request carries;
// Records reads and writes what a store (netra/store.h) holds, for a caller:
// case logs, the roster of each election and its pact events. It is the one
// request layer of these resources: `netra serve` routes its HTTP and gRPC
// calls here, and every check is the Engine's law (the case procedure
// table through Engine::case_machine(), the pact registry with the engine's
// settings) and the store's transaction.
//
//   auto records = netra::Records::Open(engine, {.store = "/var/lib/netra/netra.db"});
//   netra::Caller sleman{.name = "bkd-kab-sleman", .may_write = true, .agencies = {"3404"}};
//   auto json = (*records)->CallJson(sleman, "GetPactProgress",
//                                    R"({"election":"pilkada2024","asOf":"2024-10-01"})");
//
// Callers and scopes: a Caller names who asks (recorded as recorded_by with
// every event, case and roster row it writes), whether it may write, and
// the agencies it may see (none listed: every agency). The agency of a case
// is CaseLog.employee.agency.id; of a roster row, RosterEntry.agency (the
// operator uses one key for both). A scoped caller that reads or writes
// another agency's case, roster row or pact gets PermissionDenied, and the
// counts, names and NIPs of other agencies never appear in its answers
// (progress and not-signed lists count only its units). A caller that may
// not write gets PermissionDenied for every write method. A client never
// sets recorded_by: a value other than the caller's name is InvalidArgument.
//
// Pact registries: each election's roster and registry are read from the
// store once and kept, and every call first reads what others (threads,
// processes, other service instances on one PostgreSQL) stored since, so
// an answer always reflects every write acknowledged before it began. A
// roster that grew (LoadRoster here or elsewhere) rebuilds the registry: a
// full replay of the election's events. A roster row is never changed or
// removed once stored (a move is a PACT_UNIT_CHANGED event); LoadRoster
// counts a row stored with the same fields as unchanged and refuses one
// whose NIP is stored with other fields.
//
// Thread safety: every method may be called from any number of threads.
// Calls on one election are serialised (its registry is one state); calls
// on cases run in parallel on up to RecordsOptions::connections store
// connections, and wait for a free one up to
// StoreOptions::busy_timeout_ms, then Unavailable. The Engine is shared and
// kept alive by the Records.
//
// Errors: as the store's (netra/store.h: InvalidArgument naming the field
// and value, NotFound, AlreadyExists, FailedPrecondition with the law's
// reason, DataLoss, Unavailable, Aborted when a write raced another too
// often) plus PermissionDenied for what the caller may not do, and
// Unimplemented for an unknown method. A legal answer is never an error.
#ifndef NETRA_RECORDS_H_
#define NETRA_RECORDS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "netra/api.h"
#include "netra/store.h"

namespace netra {

// Who asks. A transport fills it from its credentials (`netra serve`: the
// bearer token's entry, proto/netra/v1/serve.proto).
struct Caller {
  // Recorded as recorded_by with every write ("bkd-kab-sleman"); "" = none.
  std::string name;
  bool may_write = false;
  // The agencies it may read and write; empty = every agency.
  std::vector<std::string> agencies;
  // Whether it may see employees' names and NIPs (AccessToken.personal_data
  // in proto/netra/v1/serve.proto): without it, ListNotSigned answers
  // without them (and refuses a query), GetCase without the NIP and PNS id.
  bool personal_data = false;

  // Whether the caller may see what belongs to `agency`.
  bool Sees(absl::string_view agency) const;
};

struct RecordsOptions {
  // A SQLite file path or a postgresql:// URL (Store::Open).
  std::string store;
  StoreOptions store_options;
  // Store connections opened at most (each a Store, opened when first
  // needed); 1..256.
  int connections = 4;
};

class Records {
 public:
  // Opens one store connection now (so a wrong address fails here).
  // InvalidArgument for a null engine or connections outside 1..256; the
  // errors of Store::Open.
  static absl::StatusOr<std::unique_ptr<Records>> Open(std::shared_ptr<const Engine> engine,
                                                       const RecordsOptions& options);
  Records(const Records&) = delete;
  Records& operator=(const Records&) = delete;
  ~Records();

  // The service's method names in declaration order ("CreateCase", ...).
  static const std::vector<std::string>& Methods();
  // The method of netra.v1.Records named `method`, or nullptr.
  static const google::protobuf::MethodDescriptor* FindMethod(absl::string_view method);
  // Whether `method` writes (refused to a caller that may not write).
  static bool Writes(absl::string_view method);

  // Calls `method` for `caller` with `request` (of the method's input type)
  // and fills `*response` (of its output type, cleared first).
  // InvalidArgument if a message is of the wrong type; Unimplemented for an
  // unknown method.
  absl::Status Call(const Caller& caller, absl::string_view method, const google::protobuf::Message& request,
                    google::protobuf::Message* response);
  // The same in JSON (the protobuf JSON mapping; ToJson's options for the
  // answer). InvalidArgument "invalid request JSON: ..." naming the field,
  // or past the size limit (kMaxJsonBytes; kMaxBatchBytes for LoadRoster).
  absl::StatusOr<std::string> CallJson(const Caller& caller, absl::string_view method, absl::string_view json,
                                       const JsonOptions& options = {});
  // The same with serialized protobuf ("request: not a serialized
  // netra.v1.X" for bytes that do not parse).
  absl::StatusOr<std::string> CallBinary(const Caller& caller, absl::string_view method, absl::string_view bytes);

  // Events, cases and roster rows stored through this Records since Open
  // (a service's netra_log_appends_total).
  int64_t appended() const;

  struct State;  // opaque (src/api/records.cc)

 private:
  explicit Records(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace netra

#endif  // NETRA_RECORDS_H_
