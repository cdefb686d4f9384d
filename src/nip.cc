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

// The checks shared by ParseNip and ParseNipNumber, on a fixed buffer so
// that a valid number costs no allocation.
struct Parsed {
  char digits[18];
  Nip::Style style = Nip::Style::kPns;
  absl::CivilDay birth_date, appointed;
  int sex = 0, sequence = 0, agreement_count = 0;
};

absl::Status Check(absl::string_view text, absl::string_view field, Parsed* p) {
  // A NIP is personal data: the error names the field and what is wrong,
  // never the number (a roster's refusals are printed and logged; the line
  // or row they name finds it).
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": not a valid NIP (", why, ")"));
  };
  size_t n = 0;
  for (char c : text) {
    if (c == ' ' || c == '.') continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return bad("only digits, spaces and dots");
    if (n < 18) p->digits[n] = c;
    ++n;
  }
  if (n != 18) return bad(absl::StrCat("has ", n, " digits, needs 18"));
  const absl::string_view d(p->digits, 18);
  const int by = Digits(d, 0, 4), bm = Digits(d, 4, 2), bd = Digits(d, 6, 2);
  if (!RealDate(by, bm, bd) || by < 1900) return bad("digits 1-8 are not a real birth date");
  p->birth_date = absl::CivilDay(by, bm, bd);
  const int d13 = d[12] - '0';
  const int d1314 = Digits(d, 12, 2);
  if (d1314 >= 1 && d1314 <= 12) {
    p->style = Nip::Style::kPns;
    p->appointed = absl::CivilDay(Digits(d, 8, 4), d1314, 1);
  } else if (d13 == 2 && d[13] != '0') {
    p->style = Nip::Style::kPppk;
    p->agreement_count = d[13] - '0';
    p->appointed = absl::CivilDay(Digits(d, 8, 4), 1, 1);
  } else {
    return bad("digits 13-14 are neither a TMT month 01-12 nor a PPPK code 21-29");
  }
  if (absl::CivilMonth(p->appointed) < absl::CivilMonth(p->birth_date)) {
    return bad("appointment date precedes the birth date");
  }
  p->sex = d[14] - '0';
  if (p->sex != 1 && p->sex != 2) return bad("digit 15 (sex) must be 1 or 2");
  p->sequence = Digits(d, 15, 3);
  if (p->sequence == 0) return bad("sequence (digits 16-18) is 000");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Nip> ParseNip(absl::string_view text, absl::string_view field) {
  Parsed p;
  if (auto st = Check(text, field, &p); !st.ok()) return st;
  Nip nip;
  nip.digits.assign(p.digits, 18);
  nip.style = p.style;
  nip.birth_date = p.birth_date;
  nip.appointed = p.appointed;
  nip.sex = p.sex;
  nip.sequence = p.sequence;
  nip.agreement_count = p.agreement_count;
  // Applicants are normally at least 18; the threshold is UNCONFIRMED, so it
  // is a warning (docs/data-model.md, the NIP checks).
  if (p.appointed.year() - p.birth_date.year() < 18) {
    nip.warnings.push_back(absl::StrCat(field, ": appointed at age ",
                                        p.appointed.year() - p.birth_date.year(), ", under 18"));
  }
  return nip;
}

absl::StatusOr<NipNumber> ParseNipNumber(absl::string_view text, absl::string_view field) {
  Parsed p;
  if (auto st = Check(text, field, &p); !st.ok()) return st;
  NipNumber out;
  for (char c : p.digits) out.number = out.number * 10 + static_cast<uint64_t>(c - '0');
  out.style = p.style;
  return out;
}

}  // namespace netra
