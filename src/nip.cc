#include "netra/nip.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace netra {
namespace {

int Digits(absl::string_view s, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool RealDate(int y, int m, int d) {
  absl::CivilDay day(y, m, d);
  return day.year() == y && day.month() == m && day.day() == d;
}

}  // namespace

absl::StatusOr<Nip> ParseNip(absl::string_view text, absl::string_view field) {
  // Echo at most the digits we were given; a NIP is personal data, so errors
  // stay in the caller's hands and netra never logs them.
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text.substr(0, 32), "\" is not a valid NIP (", why, ")"));
  };
  Nip nip;
  for (char c : text) {
    if (c == ' ' || c == '.') continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return bad("only digits, spaces and dots");
    nip.digits.push_back(c);
  }
  const std::string& d = nip.digits;
  if (d.size() != 18) return bad(absl::StrCat("has ", d.size(), " digits, needs 18"));
  const int by = Digits(d, 0, 4), bm = Digits(d, 4, 2), bd = Digits(d, 6, 2);
  if (!RealDate(by, bm, bd) || by < 1900) return bad("digits 1-8 are not a real birth date");
  nip.birth_date = absl::CivilDay(by, bm, bd);
  const int d13 = d[12] - '0';
  const int d1314 = Digits(d, 12, 2);
  if (d1314 >= 1 && d1314 <= 12) {
    nip.style = Nip::Style::kPns;
    const int ty = Digits(d, 8, 4);
    nip.appointed = absl::CivilDay(ty, d1314, 1);
  } else if (d13 == 2 && d[13] != '0') {
    nip.style = Nip::Style::kPppk;
    nip.agreement_count = d[13] - '0';
    nip.appointed = absl::CivilDay(Digits(d, 8, 4), 1, 1);
  } else {
    return bad("digits 13-14 are neither a TMT month 01-12 nor a PPPK code 21-29");
  }
  if (absl::CivilMonth(nip.appointed) < absl::CivilMonth(nip.birth_date)) {
    return bad("appointment date precedes the birth date");
  }
  nip.sex = d[14] - '0';
  if (nip.sex != 1 && nip.sex != 2) return bad("digit 15 (sex) must be 1 or 2");
  nip.sequence = Digits(d, 15, 3);
  if (nip.sequence == 0) return bad("sequence (digits 16-18) is 000");
  // Applicants are normally at least 18; the threshold is UNCONFIRMED, so it
  // is a warning (simpeg-data-model.md section 1.1 rule 4).
  if (nip.appointed.year() - by < 18) {
    nip.warnings.push_back(absl::StrCat(field, ": appointed at age ",
                                        nip.appointed.year() - by, ", under 18"));
  }
  return nip;
}

}  // namespace netra
