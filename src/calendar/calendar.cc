#include "netra/calendar.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "law/compiled.h"
#include "netra/date.h"

namespace netra {
namespace {

// Bit of `day`'s weekday, Monday = bit 0.
int WeekdayBit(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday: return 0;
    case absl::Weekday::tuesday: return 1;
    case absl::Weekday::wednesday: return 2;
    case absl::Weekday::thursday: return 3;
    case absl::Weekday::friday: return 4;
    case absl::Weekday::saturday: return 5;
    default: return 6;
  }
}

}  // namespace

absl::StatusOr<WorkingDayCalendar> WorkingDayCalendar::Create(std::shared_ptr<const RuleBook> book,
                                                              const CalendarOptions& options) {
  if (book == nullptr) return absl::InvalidArgumentError("WorkingDayCalendar::Create: null rule book");
  if ((options.working_weekdays & 0x7f) == 0) {
    return absl::InvalidArgumentError("calendar.working_weekdays: the working week has no day");
  }
  const auto& years = book->compiled().holiday_years;
  WorkingDayCalendar cal;
  cal.book_ = book;
  if (!years.empty()) {
    cal.first_year_ = years.begin()->first;
    cal.last_year_ = years.rbegin()->first;
  }
  cal.year_covered_.assign(static_cast<size_t>(cal.last_year_ - cal.first_year_ + 1), 0);
  for (const auto& [year, data] : years) cal.year_covered_[year - cal.first_year_] = 1;
  cal.first_day_ = absl::CivilDay(cal.first_year_, 1, 1);
  const int64_t span = years.empty() ? 0 : absl::CivilDay(cal.last_year_ + 1, 1, 1) - cal.first_day_;
  cal.working_.assign(static_cast<size_t>(span), 0);
  cal.off_.assign(static_cast<size_t>(span), nullptr);
  // The weekdays follow each other: one civil-time lookup, not one a day.
  for (int64_t i = 0, bit = WeekdayBit(cal.first_day_); i < span; ++i, bit = bit == 6 ? 0 : bit + 1) {
    cal.working_[i] = (options.working_weekdays >> bit) & 1;
  }
  for (const auto& [year, data] : years) {
    for (const v1::DayOff& d : data->days()) {
      const int64_t i = *ParseDate(d.date(), "") - cal.first_day_;  // validated on load
      cal.working_[i] = 0;
      cal.off_[i] = &d;
    }
  }
  for (auto [list, value, name] : {std::tuple{&options.extra_days_off, 0, "extra_days_off"},
                                   std::tuple{&options.extra_working_days, 1, "extra_working_days"}}) {
    for (absl::CivilDay d : *list) {
      if (auto st = cal.Covered(d); !st.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("calendar.", name, ": ", st.message()));
      }
      cal.working_[d - cal.first_day_] = static_cast<uint8_t>(value);
    }
  }
  cal.version_ = absl::StrCat(book->revision(), "+week=", options.working_weekdays & 0x7f,
                              "+off=", options.extra_days_off.size(), "+work=", options.extra_working_days.size());
  return cal;
}

bool WorkingDayCalendar::CoversYear(int year) const {
  return year >= first_year_ && year <= last_year_ && year_covered_[year - first_year_] != 0;
}

std::vector<int> WorkingDayCalendar::years() const {
  std::vector<int> out;
  for (int y = first_year_; y <= last_year_; ++y) {
    if (CoversYear(y)) out.push_back(y);
  }
  return out;
}

absl::Status WorkingDayCalendar::Covered(absl::CivilDay day) const {
  if (CoversYear(static_cast<int>(day.year()))) return absl::OkStatus();
  std::vector<std::string> have;
  for (int y : years()) have.push_back(absl::StrCat(y));
  return absl::FailedPreconditionError(absl::StrCat(
      FormatDate(day), ": the rule book has no holiday data for ", day.year(), " (years covered: ",
      have.empty() ? "none" : absl::StrJoin(have, ", "),
      "); add that year's decree to law/calendar/ or load it with --law, rather than assume no holidays"));
}

absl::StatusOr<bool> WorkingDayCalendar::IsWorkingDay(absl::CivilDay day) const {
  if (auto st = Covered(day); !st.ok()) return st;
  return working_[day - first_day_] != 0;
}

absl::StatusOr<absl::CivilDay> WorkingDayCalendar::AddWorkingDays(absl::CivilDay from, int n) const {
  if (n < 0 || n > kMaxWorkingDays) {
    return absl::InvalidArgumentError(absl::StrCat("working days: ", n, " is outside 0-", kMaxWorkingDays));
  }
  absl::CivilDay day = from;
  for (int left = n; left > 0;) {
    ++day;
    auto w = IsWorkingDay(day);
    if (!w.ok()) return w.status();
    if (*w) --left;
  }
  return day;
}


absl::StatusOr<int> WorkingDayCalendar::WorkingDaysBetween(absl::CivilDay from, absl::CivilDay to) const {
  if (to <= from) return 0;
  if (to - from > 4 * 366 * 10) {
    return absl::InvalidArgumentError(absl::StrCat("working days between ", FormatDate(from), " and ",
                                                   FormatDate(to), ": span too long"));
  }
  int count = 0;
  for (absl::CivilDay day = from + 1; day <= to; ++day) {
    auto w = IsWorkingDay(day);
    if (!w.ok()) return w.status();
    count += *w ? 1 : 0;
  }
  return count;
}

const v1::DayOff* WorkingDayCalendar::DayOffOn(absl::CivilDay day) const {
  if (!CoversYear(static_cast<int>(day.year()))) return nullptr;
  return off_[day - first_day_];
}

}  // namespace netra
