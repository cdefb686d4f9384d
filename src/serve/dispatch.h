// The one place `netra serve` hands a call to the request layer, for HTTP
// (server.cc) and gRPC (grpc_service.cc) alike: a method of netra.v1.Netra
// goes to the Engine, one of netra.v1.Records to the Records (with the
// caller its token stands for).
//
// Thread safety: Answer may run on any number of threads (the Engine and
// the Records are thread-safe).
#ifndef NETRA_SERVE_DISPATCH_H_
#define NETRA_SERVE_DISPATCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "netra/api.h"
#include "netra/records.h"
#include "netra/v1/serve.pb.h"
#include "serve/metrics.h"

namespace netra::serve {

// Whether `method` is a method of either service.
bool IsMethod(absl::string_view method);
// Every method of both services, Netra's first, in declaration order.
const std::vector<std::string>& AllMethods();

// The caller a token stands for: its name, access and agencies; without a
// tokens file (token null) the local caller "local", who may read and write
// every agency's records.
Caller CallerOf(const v1::AccessToken* token);

// Answers `method` (IsMethod) with `body` in JSON (`json` for the answer) or
// serialized protobuf (`proto`). `records` null: the service keeps no store,
// and a Records method is FailedPrecondition. A PermissionDenied answer is
// counted as Refusal::kForbidden.
absl::StatusOr<std::string> Answer(const Engine& engine, Records* records, const v1::AccessToken* token,
                                   absl::string_view method, absl::string_view body, bool proto,
                                   const JsonOptions& json, Metrics* metrics);

}  // namespace netra::serve

#endif  // NETRA_SERVE_DISPATCH_H_
