// utf8.h (internal): UTF-8 checks and the escaping of text into a JSON
// string, shared by the request layer, the audit's JSON lines and the C ABI.
#ifndef NETRA_SRC_UTF8_H_
#define NETRA_SRC_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace netra::internal {

// Length (1-4) of the well-formed UTF-8 sequence at s[i] (RFC 3629: no
// overlong forms, no surrogates, at most U+10FFFF), or 0. Requires i < size.
size_t Utf8Length(absl::string_view s, size_t i);

// The byte offset of the first byte of `s` that does not begin well-formed
// UTF-8, or absl::string_view::npos if all of it is well-formed.
size_t InvalidUtf8(absl::string_view s);

// The code point of the well-formed sequence of `len` bytes at s[i]
// (len = Utf8Length(s, i) > 0).
uint32_t Utf8CodePoint(absl::string_view s, size_t i, size_t len);

// Whether code point `c` is one a line of text must not hold raw: a control
// character (C0, DEL, C1) or a bidirectional override or isolate
// (U+202A-U+202E, U+2066-U+2069).
inline bool IsControl(uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The byte offset of the first character of well-formed UTF-8 `s` that
// IsControl, or absl::string_view::npos.
size_t FirstControl(absl::string_view s);

// The contents of a JSON string holding `s`: quotes, backslashes and every
// IsControl character escaped (a direction control as \u202e, so that a
// quoted value cannot reorder the line it is printed on); a byte that does
// not begin well-formed UTF-8 becomes U+FFFD, so that an error quoting any
// input is still JSON (found by fuzzing,
// tests/fuzz/corpus/audit_json/regression_invalid_utf8_in_error).
std::string JsonEscapeLossy(absl::string_view s);

// The longest prefix of `s` of at most `max` bytes that does not end inside
// a UTF-8 sequence, for quoting a long value in an error.
inline absl::string_view Utf8Prefix(absl::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

// `value` quoted for an error message, between double quotes: at most `max`
// bytes of it, cut on a character boundary with "..." marking the cut, as
// the contents of a JSON string (JsonEscapeLossy: a tab, a newline, a
// terminal escape is escaped; a byte that is not UTF-8 becomes U+FFFD). So a
// hostile or huge value can neither forge a line of a log nor flood it.
std::string Quoted(absl::string_view value, size_t max = 80);

}  // namespace netra::internal

#endif  // NETRA_SRC_UTF8_H_
