// netra/json.h: netra.v1 messages from and to JSON (the protobuf JSON
// mapping), as HR systems send and read them, with a size limit.
//
//   netra::v1::EvaluationRequest request;
//   absl::Status st = netra::ParseJson(text, &request, "request");
//   std::string json;
//   st = netra::PrintJson(determination, &json, {.preserve_proto_field_names = true});
//
// Thread safety: pure functions.
#ifndef NETRA_JSON_H_
#define NETRA_JSON_H_

#include <cstddef>
#include <string>

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
// the wrong type, an unknown enum name, or a key given twice in one object
// ("employee.kind is given twice"); a parser message longer than 240 bytes
// (one quoting a huge unknown field name) is cut on a character boundary. A
// UTF-8 byte-order mark before the document is skipped. On error `*message`
// is unchanged.
// The message is always the one protobuf's JSON parser gives (plain JSON is
// read by a faster path held to it by tests and a fuzz target).
absl::Status ParseJson(absl::string_view json, google::protobuf::Message* message, absl::string_view what);

// The options of protobuf's util::JsonPrintOptions that PrintJson takes; the
// others keep protobuf's defaults (enums as names).
struct JsonPrintOptions {
  // Newlines and one-space indentation, ending in a newline (`netra` prints
  // this way); false: one line, no spaces.
  bool add_whitespace = false;
  // Field names as the .proto spells them ("rule_id"); false: lowerCamelCase
  // ("ruleId").
  bool preserve_proto_field_names = false;
  // Every field, as protobuf's always_print_primitive_fields writes them: an
  // absent scalar as its default (0, "0" for 64-bit integers, "", false, the
  // enum's first value), an absent repeated field as [], an absent map as {};
  // an absent message field, and an absent member of a oneof or proto3
  // `optional` field, still left out. Fields in the order the .proto declares
  // them, but the members of a oneof or `optional` that are set come last (as
  // protobuf writes them). False: only the fields on the wire.
  bool always_print_primitive_fields = false;
  // 64-bit integers whose value a double holds exactly (|v| <= 2^53) as JSON
  // numbers (7, not "7"), for hosts that read JSON numbers (PHP, JavaScript);
  // larger ones stay strings. Not a protobuf option: where PrintJson hands a
  // message to protobuf's printer (below; no netra.v1 answer needs it) they
  // stay strings.
  bool int64_as_numbers = false;
  // What PrintJson does not write itself (below) goes to MessageToJsonString.
  // False: it is refused instead (Unimplemented naming the field), for tests
  // and hosts that must never take the slow path.
  bool protobuf_fallback = true;
};

// Writes `message` as JSON into `*out` (replacing its contents): the same
// bytes as google::protobuf::util::MessageToJsonString with the same options,
// several times faster on netra.v1 messages (it reads the binary encoding
// with tables of field keys, where protobuf goes through its type resolver
// and, with always_print_primitive_fields, builds a tree of every field
// first). What it does not write itself (map
// fields that hold entries, well-known types, extensions, unknown fields,
// enum numbers the schema does not name, strings that are not UTF-8, proto2
// fields with a declared default) it leaves to MessageToJsonString, so the
// bytes never differ. Errors: those of
// MessageToJsonString (Internal); Unimplemented without protobuf_fallback.
absl::Status PrintJson(const google::protobuf::Message& message, std::string* out,
                       const JsonPrintOptions& options = {});

}  // namespace netra

#endif  // NETRA_JSON_H_
