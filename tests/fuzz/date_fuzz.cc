// Dates as requests, law files and logs give them: netra::ParseDate must
// accept exactly the real Gregorian days 1900-2199 written YYYY-MM-DD, and
// FormatDate must give the same text back.
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "netra/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  auto day = netra::ParseDate(text, "fuzz.date");
  if (day.ok()) {
    // Strict parsing: a day is accepted only in its one canonical spelling
    // (no normalisation of 2025-02-30 to 2 March, no sign, no spaces).
    FUZZ_CHECK(netra::FormatDate(*day) == text, "accepted \"", text, "\" as ", netra::FormatDate(*day));
    FUZZ_CHECK(day->year() >= 1900 && day->year() <= 2199, "year ", day->year(), " accepted");
  } else {
    FUZZ_CHECK(absl::IsInvalidArgument(day.status()), day.status().ToString());
    // The message names the field, so a host can point at it.
    FUZZ_CHECK(absl::StartsWith(day.status().message(), "fuzz.date: "), day.status().message());
  }
  // Every day of the range survives a round trip (the first bytes pick one).
  if (size >= 2) {
    const int offset = (data[0] | (data[1] << 8)) * 2;  // spans 1900 .. ~2258
    const absl::CivilDay d = absl::CivilDay(1900, 1, 1) + offset;
    auto back = netra::ParseDate(netra::FormatDate(d), "fuzz.date");
    if (d.year() <= 2199) {
      FUZZ_CHECK(back.ok() && *back == d, netra::FormatDate(d), " does not round-trip");
    } else {
      FUZZ_CHECK(!back.ok(), netra::FormatDate(d), " is past 2199 and was accepted");
    }
  }
  return 0;
}
