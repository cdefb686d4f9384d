// NIP and NI PPPK numbers from rosters and requests: netra::ParseNip must
// accept only 18 digits (spaces and dots ignored) whose fields are
// consistent, report what it read faithfully, and never echo more of the
// input than the 32 characters its errors promise (a NIP is personal data).
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "fuzz_common.h"
#include "netra/nip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  auto nip = netra::ParseNip(text, "fuzz.nip");
  if (!nip.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(nip.status()), nip.status().ToString());
    FUZZ_CHECK(absl::StartsWith(nip.status().message(), "fuzz.nip: "), nip.status().message());
    // The message is bounded whatever the input's length.
    FUZZ_CHECK(nip.status().message().size() < 200, "error message of ", nip.status().message().size(), " bytes");
    return 0;
  }
  std::string digits;
  for (char c : text) {
    if (c != ' ' && c != '.') digits.push_back(c);
  }
  FUZZ_CHECK(nip->digits == digits, "digits ", nip->digits, " from ", text);
  FUZZ_CHECK(digits.size() == 18, "accepted ", digits.size(), " digits");
  for (char c : digits) FUZZ_CHECK(absl::ascii_isdigit(static_cast<unsigned char>(c)), "non-digit accepted");
  FUZZ_CHECK(nip->sex == 1 || nip->sex == 2, "sex digit ", nip->sex);
  FUZZ_CHECK(nip->sequence >= 1 && nip->sequence <= 999, "sequence ", nip->sequence);
  FUZZ_CHECK(nip->birth_date.year() >= 1900, "birth year ", nip->birth_date.year());
  FUZZ_CHECK(absl::CivilMonth(nip->appointed) >= absl::CivilMonth(nip->birth_date), "appointed before birth");
  if (nip->style == netra::Nip::Style::kPppk) {
    FUZZ_CHECK(nip->agreement_count >= 1 && nip->agreement_count <= 9, "agreement ", nip->agreement_count);
  } else {
    FUZZ_CHECK(nip->agreement_count == 0, "PNS with an agreement count");
    FUZZ_CHECK(nip->appointed.month() == std::stoi(digits.substr(12, 2)), "TMT month misread");
  }
  // The bare digits are the canonical form: they parse to the same number.
  auto again = netra::ParseNip(nip->digits, "fuzz.nip");
  FUZZ_CHECK(again.ok() && again->digits == nip->digits && again->birth_date == nip->birth_date &&
                 again->appointed == nip->appointed && again->style == nip->style,
             "the canonical digits do not parse the same");
  return 0;
}
