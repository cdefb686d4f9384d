#include "netra/nip.h"

#include <gtest/gtest.h>

#include "test_names.h"

namespace netra {
namespace {

TEST(ParseNip, ReadsAPnsNumber) {
  auto n = ParseNip("19860926 201505 1 001", "employee.nip");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->digits, "198609262015051001");
  EXPECT_EQ(n->style, Nip::Style::kPns);
  EXPECT_EQ(n->birth_date, absl::CivilDay(1986, 9, 26));
  EXPECT_EQ(n->appointed, absl::CivilDay(2015, 5, 1));
  EXPECT_EQ(n->sex, 1);
  EXPECT_EQ(n->sequence, 1);
  EXPECT_TRUE(n->warnings.empty());
}

TEST(ParseNip, ReadsAPppkNumber) {
  auto n = ParseNip("200012312024211001", "employee.nip");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->style, Nip::Style::kPppk);
  EXPECT_EQ(n->agreement_count, 1);
  EXPECT_EQ(n->appointed.year(), 2024);
  // Part-time PPPK carry 24 in digits 13-14 (docs/data-model.md).
  EXPECT_TRUE(ParseNip("199009132025242014", "f").ok());
}

struct BadNip {
  const char* nip;
  const char* why;
};

class ParseNipRejects : public testing::TestWithParam<BadNip> {};

TEST_P(ParseNipRejects, NamingFieldValueAndReason) {
  auto n = ParseNip(GetParam().nip, "employee.nip");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(n.status().message().find("employee.nip"), std::string::npos);
  EXPECT_NE(n.status().message().find(GetParam().why), std::string::npos) << n.status();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseNipRejects,
    testing::Values(BadNip{"", "needs 18"}, BadNip{"19860926201505100", "has 17 digits"},
                    BadNip{"1986092620150510011", "has 19 digits"}, BadNip{"19860926201505100A", "only digits"},
                    BadNip{"198602302015051001", "birth date"},   // 30 February
                    BadNip{"198609262015131001", "neither"},      // month 13
                    BadNip{"198609262015201001", "neither"},      // 20: no agreement count
                    BadNip{"198609262015053001", "digit 15"},     // sex 3
                    BadNip{"198609262015050001", "digit 15"},     // sex 0
                    BadNip{"198609262015051000", "000"},
                    BadNip{"198609261980051001", "precedes the birth"}),
    testing_names::ByField<&BadNip::why>());

TEST(ParseNip, WarnsOnAppointmentBeforeEighteen) {
  auto n = ParseNip("200001012010011001", "employee.nip");
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n->warnings.size(), 1u);
  EXPECT_NE(n->warnings[0].find("under 18"), std::string::npos);
}

}  // namespace
}  // namespace netra
