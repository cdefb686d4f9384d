#include "netra/date.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "utf8.h"

namespace netra {

absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text,
                                         absl::string_view field) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", internal::Quoted(text, 40), " is not a date (", why, ")"));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad("expected YYYY-MM-DD");
  }
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char c = text[starts[p] + i];
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        return bad("expected YYYY-MM-DD");
      }
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1900 || parts[0] > 2199) return bad("year out of range 1900-2199");
  absl::CivilDay day(parts[0], parts[1], parts[2]);
  // CivilDay normalises out-of-range fields; a real date survives unchanged.
  if (day.year() != parts[0] || day.month() != parts[1] || day.day() != parts[2]) {
    return bad("no such day");
  }
  return day;
}

std::string FormatDate(absl::CivilDay day) {
  const int64_t y = day.year();
  if (y < 0 || y > 9999) return absl::StrFormat("%04d-%02d-%02d", y, day.month(), day.day());
  // Every answer writes a few dates: digits by hand, a tenth of StrFormat's
  // instructions.
  const int m = day.month(), d = day.day();
  const char text[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                         static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                         static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                         static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  return std::string(text, sizeof text);
}

}  // namespace netra
