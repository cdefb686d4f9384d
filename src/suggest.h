// "Did you mean": the nearest of a list of names to a mistyped one, for the
// messages of the JSON reader (netra/json.h ParseJson) and the command.
#ifndef NETRA_SUGGEST_H_
#define NETRA_SUGGEST_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace netra::internal {

// Levenshtein distance (insertions, deletions and substitutions of bytes).
size_t EditDistance(absl::string_view a, absl::string_view b);

// " (did you mean X?)" for the candidate nearest `word`, when it is within
// max(2, |word| / 3) edits; "" otherwise.
std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates);

// What protobuf's JSON parser said, made helpful: for "(acts[0]) absense:
// Cannot find field." the field of that message meant (or, if none is near,
// its fields); for an unknown enum name the nearest value and the values.
// `root` is the type of the parsed message; "" when there is nothing to add.
std::string JsonErrorHint(const google::protobuf::Descriptor* root, absl::string_view error);

}  // namespace netra::internal

#endif  // NETRA_SUGGEST_H_
