// netra/calendar.h: the working-day calendar that deadlines run on.
//
// PP 94/2021 and PP 79/2021 count their deadlines in working days (hari
// kerja). A working day is a weekday of the agency's working week (Monday to
// Friday by default, Perpres 21/2023) that is neither a national holiday, a
// cuti bersama day, an election day declared a holiday, nor one of the
// agency's own days off. The national days come from the rule book
// (RuleFile.holiday_years, law/calendar/), each year cited to its decree.
//
//   auto book = netra::RuleBook::Load();
//   auto cal = netra::WorkingDayCalendar::Create(*book);
//   // "within 14 working days of the decision": the last allowed day
//   absl::StatusOr<absl::CivilDay> last = cal->AddWorkingDays(decision, 14);
//
// Counting rule: a period "of N working days from X" starts on the day after
// X; its last day is AddWorkingDays(X, N), the N-th working day after X (X
// itself never counts, whether or not it is a working day). This is how BKN
// counts the 15th working day after receipt (docs/law/pp79_2021_procedure.md).
//
// A year without holiday data is an error (FailedPrecondition naming the
// year and the years covered), never silently a year without holidays.
//
// Thread safety: immutable after Create; every method is const. It keeps the
// RuleBook alive through a shared_ptr.
#ifndef NETRA_CALENDAR_H_
#define NETRA_CALENDAR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "netra/rule_book.h"
#include "netra/v1/calendar.pb.h"

namespace netra {

struct CalendarOptions {
  // Working weekdays as a bit per absl::Weekday counted from Monday (bit 0 =
  // Monday ... bit 6 = Sunday). Default: Monday to Friday. A six-day unit
  // sets 0b0111111.
  uint8_t working_weekdays = 0b0011111;
  // The agency's own days off, on top of the national ones.
  std::vector<absl::CivilDay> extra_days_off;
  // Days the agency works although they are national days off (units that
  // serve the public directly).
  std::vector<absl::CivilDay> extra_working_days;
};

// Deadlines are searched at most this far ahead (a bound on work whatever
// the input; far beyond any period in the law).
inline constexpr int kMaxWorkingDays = 3660;

class WorkingDayCalendar {
 public:
  // Errors: InvalidArgument for an empty working week or an extra day outside
  // the years the rule book covers.
  static absl::StatusOr<WorkingDayCalendar> Create(std::shared_ptr<const RuleBook> book,
                                                   const CalendarOptions& options = {});

  // Whether `day` is a working day. FailedPrecondition outside the covered years.
  absl::StatusOr<bool> IsWorkingDay(absl::CivilDay day) const;

  // The n-th working day after `from` (n >= 0; n = 0 returns `from`).
  // Errors: InvalidArgument for n outside 0..kMaxWorkingDays;
  // FailedPrecondition if the count runs into a year without data.
  absl::StatusOr<absl::CivilDay> AddWorkingDays(absl::CivilDay from, int n) const;

  // Working days in (from, to]: after `from`, up to and including `to`;
  // 0 when to <= from. FailedPrecondition as above.
  absl::StatusOr<int> WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const;

  // The national or agency day off on `day`, or nullptr (weekends are not
  // listed unless decreed).
  const v1::DayOff* DayOffOn(absl::CivilDay day) const;

  // Whether the rule book has holiday data for `year`.
  bool CoversYear(int year) const;
  // The years with data, ascending.
  std::vector<int> years() const;

  // Identifies the data a deadline was computed with: the rule book revision
  // and the agency's options ("fnv1a64:...+week=31+off=2+work=0").
  const std::string& version() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return version_; }

 private:
  WorkingDayCalendar() = default;
  absl::Status Covered(absl::CivilDay day) const;

  std::shared_ptr<const RuleBook> book_;
  int first_year_ = 0, last_year_ = -1;         // span of the table
  std::vector<uint8_t> year_covered_;          // per year from first_year_
  absl::CivilDay first_day_;
  std::vector<uint8_t> working_;               // per day from first_day_
  std::vector<const v1::DayOff*> off_;          // per day from first_day_, or nullptr
  std::string version_;
};

}  // namespace netra

#endif  // NETRA_CALENDAR_H_
