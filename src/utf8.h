// utf8.h (internal): UTF-8 checks and the escaping of text into a JSON
// string, shared by the request layer, the audit's JSON lines and the C ABI.
#ifndef NETRA_SRC_UTF8_H_
#define NETRA_SRC_UTF8_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace netra::internal {

// Length (1-4) of the well-formed UTF-8 sequence at s[i] (RFC 3629: no
// overlong forms, no surrogates, at most U+10FFFF), or 0. Requires i < size.
size_t Utf8Length(absl::string_view s, size_t i);

// The byte offset of the first byte of `s` that does not begin well-formed
// UTF-8, or absl::string_view::npos if all of it is well-formed.
size_t InvalidUtf8(absl::string_view s);

// The contents of a JSON string holding `s`: quotes, backslashes and control
// characters escaped; a byte that does not begin well-formed UTF-8 becomes
// U+FFFD, so that an error quoting any input is still JSON (found by
// fuzzing, tests/fuzz/corpus/audit_json/regression_invalid_utf8_in_error).
std::string JsonEscapeLossy(absl::string_view s);

}  // namespace netra::internal

#endif  // NETRA_SRC_UTF8_H_
