// A fast path for the JSON of batch items (src/api/engine.cc): the plain
// JSON HR systems send (objects, strings, whole numbers, true/false, enum
// names, lists) straight into a message by reflection, several times
// faster than protobuf's parser, which goes through a type resolver and the
// binary encoding.
//
// The contract: when ParseJsonFast accepts, the message is exactly what
// google::protobuf::util::JsonStringToMessage (default options) gives for
// the same text; whenever the text is anything else (an unknown field, a
// number as a string, a float, null, an escape \uXXXX, a duplicate key, a
// map, a well-known type, an unknown enum name, two members of a oneof, ...)
// it declines and the caller runs protobuf's parser, whose answer, accepted
// or refused with its own words, stands. src/json_fast_fuzz.cc and
// the JsonFast tests in src/json_fast_test.cc hold the two parsers together.
//
// Thread safety: a pure function.
#ifndef NETRA_JSON_FAST_H_
#define NETRA_JSON_FAST_H_

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace netra::internal {

// Clears `*message` and parses `json` into it. True: parsed, as protobuf
// would. False: declined (the text is outside the plain subset, or not valid
// JSON); `*message` is then unspecified.
bool ParseJsonFast(absl::string_view json, google::protobuf::Message* message);

}  // namespace netra::internal

#endif  // NETRA_JSON_FAST_H_
