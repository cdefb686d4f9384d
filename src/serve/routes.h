// What `netra serve` serves besides the methods' own schema: shared by the
// server (src/serve/server.cc) and the generator of its OpenAPI document
// (src/serve/openapi_main.cc), so the two cannot disagree.
#ifndef NETRA_SERVE_ROUTES_H_
#define NETRA_SERVE_ROUTES_H_

#include "absl/strings/string_view.h"

namespace netra::serve {

// The methods that also take JSON lines (Engine::CallJsonLines), and the
// repeated field of their request whose element is one line.
struct JsonLinesMethod {
  const char* method;
  const char* item_field;
};
inline constexpr JsonLinesMethod kJsonLinesMethods[] = {{"EvaluateBatch", "requests"}, {"AuditBatch", "cases"}};

inline bool TakesJsonLines(absl::string_view method) {
  for (const JsonLinesMethod& m : kJsonLinesMethods) {
    if (method == m.method) return true;
  }
  return false;
}

// The methods whose JSON or protobuf body may reach the request layer's
// kMaxBatchBytes (the others: kMaxJsonBytes): the batches, a SIASN export
// (as src/api/engine.cc IsBatch), and a roster.
inline bool TakesLargeBody(absl::string_view method) {
  return TakesJsonLines(method) || method == "FromSiasn" || method == "SiasnReport" || method == "LoadRoster";
}

// Routes other than POST /v1/<Method> (all GET).
inline constexpr const char* kHealthPath = "/healthz";
inline constexpr const char* kReadyPath = "/readyz";
inline constexpr const char* kMetricsPath = "/metrics";
inline constexpr const char* kOpenApiPath = "/v1/openapi.json";

// The media types of a method's body.
inline constexpr const char* kJsonType = "application/json";
inline constexpr const char* kProtoType = "application/x-protobuf";
inline constexpr const char* kLinesType = "application/x-ndjson";
// EvaluateBatch and AuditBatch take CSV too (Engine::CallCsv), answered as
// JSON lines.
inline constexpr const char* kCsvType = "text/csv";

}  // namespace netra::serve

#endif  // NETRA_SERVE_ROUTES_H_
