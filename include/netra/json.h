// netra/json.h: netra.v1 messages from JSON (the protobuf JSON mapping), as
// HR systems send them, with a size limit.
//
//   netra::v1::EvaluationRequest request;
//   absl::Status st = netra::ParseJson(text, &request, "request");
//
// Thread safety: pure function.
#ifndef NETRA_JSON_H_
#define NETRA_JSON_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace netra {

// A JSON document (a request, a decided case, a case log, an event) larger
// than this is refused before parsing: the biggest valid request
// (kMaxActsPerRequest acts and kMaxPriorSanctions priors with long notes) is
// well under 1 MiB, and the parser's memory grows with its input. Files of
// many cases are JSON lines (netra/audit.h), read a line at a time.
inline constexpr size_t kMaxJsonBytes = size_t{8} << 20;

// Parses `json` into `*message`. `what` names the document in errors
// ("request", "event"). Errors (InvalidArgument): "<what> JSON of N bytes
// exceeds the limit of kMaxJsonBytes"; "invalid <what> JSON: <parser detail,
// naming the field>" for malformed JSON, a field the schema lacks, a value of
// the wrong type or an unknown enum name. On error `*message` is unchanged.
absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message, absl::string_view what);

}  // namespace netra

#endif  // NETRA_JSON_H_
