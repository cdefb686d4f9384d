// netra/date.h: civil dates as netra reads and writes them.
//
// The law counts days, not instants, so netra works with absl::CivilDay and
// writes dates as ISO "YYYY-MM-DD" strings. Parsing is strict: "2025-02-30"
// is an error, never silently normalised to 2 March. No function here reads
// the machine clock or time zone.
//
// Thread safety: all functions are pure.
#ifndef NETRA_DATE_H_
#define NETRA_DATE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace netra {

// Parses "YYYY-MM-DD" (exactly that shape, a real Gregorian date, year
// 1900-2199). `field` names the input in the error message, e.g.
// "acts[0].act_date". Error: InvalidArgument naming the field and value.
absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view text,
                                         absl::string_view field);

// Formats as "YYYY-MM-DD".
std::string FormatDate(absl::CivilDay day);

}  // namespace netra

#endif  // NETRA_DATE_H_
