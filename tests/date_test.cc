#include "netra/date.h"

#include <gtest/gtest.h>

namespace netra {
namespace {

TEST(ParseDate, AcceptsIsoDates) {
  auto d = ParseDate("2024-02-29", "f");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(FormatDate(*d), "2024-02-29");
}

TEST(ParseDate, RejectsDaysThatDoNotExistInsteadOfNormalising) {
  auto d = ParseDate("2025-02-29", "acts[0].act_date");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(d.status().message(), "acts[0].act_date: \"2025-02-29\" is not a date (no such day)");
  EXPECT_FALSE(ParseDate("2025-13-01", "f").ok());
  EXPECT_FALSE(ParseDate("2025-00-10", "f").ok());
}

TEST(ParseDate, RejectsOtherShapes) {
  for (const char* bad : {"", "2025-1-01", "01-02-2025", "2025/01/02", "2025-01-02T00:00:00", "20250102",
                          "２０２５-01-02", "2025-01-0x", "1800-01-01"}) {
    EXPECT_FALSE(ParseDate(bad, "f").ok()) << bad;
  }
}

}  // namespace
}  // namespace netra
