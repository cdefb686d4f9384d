#include "utf8.h"

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace netra::internal {

size_t Utf8Length(absl::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  // The second byte's range excludes overlong forms (E0, F0), surrogates
  // (ED) and code points past U+10FFFF (F4).
  const unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
  const unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
  if (b(1) < lo || b(1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  }
  return n;
}

uint32_t Utf8CodePoint(absl::string_view s, size_t i, size_t len) {
  uint32_t c = static_cast<unsigned char>(s[i]);
  if (len > 1) {
    c &= 0xFFu >> (len + 1);
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  return c;
}

size_t FirstControl(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {  // ASCII, most of every roster: no decoding
      if (b < 0x20 || b == 0x7F) return i;
      ++i;
      continue;
    }
    const size_t len = Utf8Length(s, i);
    if (len == 0) return absl::string_view::npos;  // not UTF-8: the caller's InvalidUtf8 says where
    if (IsControl(Utf8CodePoint(s, i, len))) return i;
    i += len;
  }
  return absl::string_view::npos;
}

size_t InvalidUtf8(absl::string_view s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Over ASCII 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, b + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const size_t len = Utf8Length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return absl::string_view::npos;
}

std::string JsonEscapeLossy(absl::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const size_t n = Utf8Length(s, i);
      if (n == 0) {
        out += "\\ufffd";
      } else if (const uint32_t cp = Utf8CodePoint(s, i, n); IsControl(cp)) {
        absl::StrAppend(&out, "\\u", absl::Hex(cp, absl::kZeroPad4));  // C1, a direction control
        i += n - 1;
      } else {
        out.append(s.data() + i, n);
        i += n - 1;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          absl::StrAppend(&out, "\\u00", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string Quoted(absl::string_view value, size_t max) {
  const absl::string_view kept = Utf8Prefix(value, max);
  return absl::StrCat("\"", JsonEscapeLossy(kept), kept.size() < value.size() ? "...\"" : "\"");
}

}  // namespace netra::internal
