// netra/nip.h: the civil-service number (NIP) and the PPPK number (NI PPPK).
//
// Layouts per docs/data-model.md (Perka BKN
// 22/2007 and 43/2007). A NIP has no check digit; these checks catch typing
// and export errors. Cross-checks against the employee record are warnings,
// because BKN corrects data and re-issues NIPs.
//
// Thread safety: pure functions.
#ifndef NETRA_NIP_H_
#define NETRA_NIP_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace netra {

struct Nip {
  enum class Style { kPns, kPppk };
  std::string digits;           // the 18 digits, spaces and dots removed
  Style style = Style::kPns;
  absl::CivilDay birth_date;
  // PNS style: TMT CPNS month (day 1). PPPK style: 1 January of the
  // appointment year.
  absl::CivilDay appointed;
  int sex = 0;                  // 1 male, 2 female
  int sequence = 0;             // digits 16-18, never 0
  int agreement_count = 0;      // PPPK digit 14 (1-9); 0 for PNS
  // Soft findings (e.g. appointed before age 18): shown, never fatal.
  std::vector<std::string> warnings;
};

// Parses and validates an 18-digit NIP or NI PPPK; spaces and dots are
// ignored. `field` names the input in errors ("employee.nip").
// Errors (InvalidArgument, naming field and value): not 18 digits; birth date
// not a real date; digits 13-14 neither a month 01-12 (PNS) nor 21-29 (PPPK);
// TMT before birth; sex digit not 1 or 2; sequence 000.
absl::StatusOr<Nip> ParseNip(absl::string_view text, absl::string_view field);

// The checks and errors of ParseNip for bulk imports (millions of rows), with
// no allocation for a valid number: the 18 digits as an integer (leading
// zeros are impossible: digits 1-4 are a birth year >= 1900) and the style.
struct NipNumber {
  uint64_t number = 0;
  Nip::Style style = Nip::Style::kPns;
};
absl::StatusOr<NipNumber> ParseNipNumber(absl::string_view text, absl::string_view field);

}  // namespace netra

#endif  // NETRA_NIP_H_
