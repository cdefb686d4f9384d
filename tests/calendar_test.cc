// The working-day calendar: the counting rule, the decreed days off, the
// agency's own week, and the refusal to assume a year without holidays.
// The deadline cases are docs/law/pp79_2021_procedure.md.
#include "netra/calendar.h"

#include <gtest/gtest.h>

#include "netra/date.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

absl::CivilDay D(const char* text) { return *ParseDate(text, "test"); }

std::string Add(const WorkingDayCalendar& cal, const char* from, int n) {
  auto d = cal.AddWorkingDays(D(from), n);
  return d.ok() ? FormatDate(*d) : std::string(d.status().message());
}

TEST(WorkingDayCalendar, TheDecisionTakesEffectOnThe15thWorkingDayAfterReceipt) {
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book());
  // BKN example 22: received 8 Feb 2022; Isra Mikraj (28 Feb 2022) is skipped.
  EXPECT_EQ(Add(cal, "2022-02-08", 15), "2022-03-02");
  // Received 14 Feb 2022: Isra Mikraj and Nyepi (3 Mar 2022) are skipped. BKN's
  // example says 8 Mar, apparently ignoring Nyepi (a known discrepancy).
  EXPECT_EQ(Add(cal, "2022-02-14", 15), "2022-03-09");
}

TEST(WorkingDayCalendar, DeliveryAndSendingDeadlines) {
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book());
  // Decision 1 Feb 2022 (Imlek, itself not counted): delivery within 14 working days.
  EXPECT_EQ(Add(cal, "2022-02-01", 14), "2022-02-21");
  // Absent at delivery on 8 Feb 2022: sent within 3 working days.
  EXPECT_EQ(Add(cal, "2022-02-08", 3), "2022-02-11");
}

TEST(WorkingDayCalendar, SkipsWeekendsHolidaysAndCutiBersamaAcrossTheYearEnd) {
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book());
  // 24 Dec 2025 (Wed): 25 Dec Natal, 26 Dec cuti bersama, 27-28 weekend,
  // 1 Jan 2026 New Year, 3-4 Jan weekend.
  EXPECT_EQ(Add(cal, "2025-12-24", 1), "2025-12-29");
  EXPECT_EQ(Add(cal, "2025-12-24", 4), "2026-01-02");
  EXPECT_EQ(Add(cal, "2025-12-24", 5), "2026-01-05");
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2025-12-24"), D("2026-01-05")), 5);
  EXPECT_EQ(*cal.WorkingDaysBetween(D("2026-01-05"), D("2025-12-24")), 0);
  // Lebaran 2024: 8-15 Apr are off (cuti bersama and Idul Fitri).
  EXPECT_EQ(Add(cal, "2024-04-05", 1), "2024-04-16");
  // Election days declared holidays.
  EXPECT_FALSE(*cal.IsWorkingDay(D("2024-02-14")));
  EXPECT_FALSE(*cal.IsWorkingDay(D("2024-11-27")));
  ASSERT_NE(cal.DayOffOn(D("2024-11-27")), nullptr);
  EXPECT_EQ(cal.DayOffOn(D("2024-11-27"))->kind(), v1::ELECTION_DAY);
}

TEST(WorkingDayCalendar, ZeroDaysIsTheStartAndAStartOnADayOffStillCountsFromTheNextDay) {
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book());
  EXPECT_EQ(Add(cal, "2024-06-01", 0), "2024-06-01");
  EXPECT_EQ(Add(cal, "2024-06-01", 1), "2024-06-03");  // Sat (Pancasila) -> Mon
}

TEST(WorkingDayCalendar, AnAgencyMayWorkSixDaysAndAddItsOwnDaysOff) {
  CalendarOptions six;
  six.working_weekdays = 0b0111111;
  six.extra_days_off = {D("2024-06-03")};
  six.extra_working_days = {D("2024-06-17")};  // Idul Adha worked by a public-service unit
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book(), six);
  EXPECT_TRUE(*cal.IsWorkingDay(D("2024-06-08")));   // Saturday
  EXPECT_FALSE(*cal.IsWorkingDay(D("2024-06-03")));  // agency day off
  EXPECT_TRUE(*cal.IsWorkingDay(D("2024-06-17")));
  EXPECT_NE(cal.version(), WorkingDayCalendar::Create(Book())->version());
}

TEST(WorkingDayCalendar, AYearWithoutDataIsAnErrorNeverAYearWithoutHolidays) {
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book());
  auto w = cal.IsWorkingDay(D("2030-03-04"));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(w.status().message().find("no holiday data for 2030"), absl::string_view::npos) << w.status();
  // A count that runs off the end of the data fails the same way.
  EXPECT_FALSE(cal.AddWorkingDays(D("2026-12-20"), 30).ok());
  EXPECT_EQ(cal.AddWorkingDays(D("2026-01-05"), -1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(cal.AddWorkingDays(D("2024-01-02"), kMaxWorkingDays + 1).ok());
}

TEST(WorkingDayCalendar, RejectsAnEmptyWeekAndDaysOutsideTheData) {
  CalendarOptions none;
  none.working_weekdays = 0;
  EXPECT_FALSE(WorkingDayCalendar::Create(Book(), none).ok());
  CalendarOptions far;
  far.extra_days_off = {D("2040-01-02")};
  auto cal = WorkingDayCalendar::Create(Book(), far);
  ASSERT_FALSE(cal.ok());
  EXPECT_NE(cal.status().message().find("calendar.extra_days_off: 2040-01-02"), absl::string_view::npos);
}

TEST(WorkingDayCalendar, EveryYearIsCitedAndCovered) {
  const WorkingDayCalendar cal = *WorkingDayCalendar::Create(Book());
  for (int y = 2010; y <= 2026; ++y) EXPECT_TRUE(cal.CoversYear(y)) << y;
  EXPECT_FALSE(cal.CoversYear(2009));
}

}  // namespace
}  // namespace netra
