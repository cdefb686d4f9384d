// The evaluator's API contract: errors for bad input, settings, the fast path
// and thread safety. The law itself is tested by the vectors in
// tests/vectors/ (conformance_test.cc).
#include "netra/evaluator.h"

#include <thread>

#include <gtest/gtest.h>

#include "google/protobuf/text_format.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "netra/text.h"
#include "test_names.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

Evaluator MakeEvaluator(const std::map<std::string, std::string>& s = {}) { return *Evaluator::Create(Book(), s); }

v1::EvaluationRequest Request(const std::string& text) {
  v1::EvaluationRequest r;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &r)) << text;
  return r;
}

constexpr char kAbsence[] = R"(
  employee { kind: PNS nip: "198609262015051001" position { type: PELAKSANA } agency { level: REGENCY_CITY } }
  acts { norm: "pp94.duty.attendance" act_date: "2025-06-30"
         absence { cumulative_working_days: 15 consecutive_working_days: 4 } }
  examination_date: "2025-07-14")";

TEST(Evaluator, AnswersTheQuickStartCase) {
  auto d = MakeEvaluator().Evaluate(Request(kAbsence));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->outcome(), v1::SANCTION);
  EXPECT_EQ(d->level(), v1::SEDANG);
  ASSERT_EQ(d->allowed_sanctions_size(), 1);
  EXPECT_EQ(d->allowed_sanctions(0).code(), "S2T");
  EXPECT_EQ(d->allowed_sanctions(0).siasn_jenis_hukuman_id(), 7);
  EXPECT_EQ(d->procedure().team(), v1::ProcedureRule::OPTIONAL);
  EXPECT_EQ(d->competent_officials_size(), 2);
  EXPECT_EQ(d->decision_date(), "2025-07-14");
  EXPECT_FALSE(d->rule_book_revision().empty());
  EXPECT_FALSE(d->explanation().empty());
  EXPECT_GT(d->settings_used_size(), 0);
}

struct BadRequest {
  const char* edit_from;
  const char* edit_to;
  const char* message;
};

class EvaluatorRejects : public testing::TestWithParam<BadRequest> {};

TEST_P(EvaluatorRejects, NamingFieldAndValue) {
  std::string text = kAbsence;
  const size_t at = text.find(GetParam().edit_from);
  ASSERT_NE(at, std::string::npos) << GetParam().edit_from;
  text.replace(at, strlen(GetParam().edit_from), GetParam().edit_to);
  auto d = MakeEvaluator().Evaluate(Request(text));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(d.status().message().find(GetParam().message), std::string::npos) << d.status();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EvaluatorRejects,
    testing::Values(
        BadRequest{"kind: PNS", "", "employee.kind: required"},
        BadRequest{"pp94.duty.attendance", "pp94.duty.atendance", "acts[0].norm: unknown norm \"pp94.duty.atendance\""},
        BadRequest{"norm: \"pp94.duty.attendance\"", "", "acts[0].norm: required"},
        BadRequest{"act_date: \"2025-06-30\"", "act_date: \"2025-06-31\"", "acts[0].act_date: \"2025-06-31\" is not a date"},
        BadRequest{"act_date: \"2025-06-30\"", "", "acts[0].act_date: required"},
        BadRequest{"cumulative_working_days: 15", "cumulative_working_days: -1",
                   "acts[0].absence.cumulative_working_days: -1"},
        BadRequest{"cumulative_working_days: 15", "cumulative_working_days: 400", "400 is not a count"},
        BadRequest{"consecutive_working_days: 4", "consecutive_working_days: 16",
                   "consecutive_working_days: 16 exceeds cumulative_working_days 15"},
        BadRequest{"examination_date: \"2025-07-14\"", "examination_date: \"2025-06-01\"",
                   "examination_date: 2025-06-01 is before acts[0].act_date 2025-06-30"},
        BadRequest{"examination_date: \"2025-07-14\"", "examination_date: \"2025-07-14\" decision_date: \"2025-07-01\"",
                   "decision_date: 2025-07-01 is before examination_date"},
        BadRequest{"nip: \"198609262015051001\"", "nip: \"198609262015131001\"", "employee.nip"},
        BadRequest{"position { type: PELAKSANA }", "position { type: PELAKSANA jf_level: AHLI_MUDA }",
                   "employee.position.jf_level: AHLI_MUDA given for a non-functional position"},
        BadRequest{"position { type: PELAKSANA }", "position { type: PELAKSANA is_ppk: true }",
                   "employee.position.is_ppk"},
        BadRequest{"kind: PNS", "kind: PNS prior_sanctions { sanction_type: \"R9\" decision_date: \"2024-01-01\" }",
                   "employee.prior_sanctions[0].sanction_type: unknown sanction type \"R9\""},
        BadRequest{"kind: PNS", "kind: PNS prior_sanctions { sanction_type: \"R1\" decision_date: \"2026-01-01\" }",
                   "employee.prior_sanctions[0].decision_date: 2026-01-01 is after the decision date"},
        BadRequest{"examination_date", "organisation { vacant_posts: OFFICIAL_UNSPECIFIED } examination_date",
                   "organisation.vacant_posts[0]: unknown official 0"},
        BadRequest{"consecutive_working_days: 4 }", "consecutive_working_days: 4 late_or_early_minutes: -5 }",
                   "late_or_early_minutes: -5"},
        BadRequest{"consecutive_working_days: 4 }", "consecutive_working_days: 4 tenth_consecutive_day: \"2025-07-02\" }",
                   "tenth_consecutive_day: 2025-07-02 is after the act_date"}),
    testing_names::ByField<&BadRequest::message>());

// An act decided before PP 94/2021 took effect was PP 53/2010's to decide:
// the answer is OUTSIDE_SCOPE and does not also say that PP 94 applies (its
// transition, Pasal 40(3)-(4), is for acts dealt with after it took effect,
// and its scope rule was not in force on the decision date).
TEST(Evaluator, ADecisionBeforePp94IsNotSaidToBeUnderIt) {
  auto d = MakeEvaluator().Evaluate(Request(R"(
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    acts { norm: "pp94.duty.attendance" act_date: "2019-03-02" absence { cumulative_working_days: 12 consecutive_working_days: 2 } }
    decision_date: "2019-05-01")"));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->outcome(), v1::OUTSIDE_SCOPE);
  for (const auto& b : d->basis()) {
    EXPECT_FALSE(absl::StartsWith(b.rule_id(), "pp94.transition.")) << b.rule_id();
    EXPECT_FALSE(absl::StartsWith(b.rule_id(), "pp94.scope.")) << b.rule_id();
  }
  const std::string text = DeterminationText(*d);
  EXPECT_FALSE(absl::StrContains(text, "PP 94 applies")) << text;
  // It names the same duty as PP 53/2010, the law of that date, states it.
  EXPECT_TRUE(absl::StrContains(text, "states the same duty as pp53.duty.attendance (PP 53/2010 Pasal 3 angka 11)"))
      << text;
  // The same act decided after PP 94 took effect is dealt with under it.
  auto later = MakeEvaluator().Evaluate(Request(R"(
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    acts { norm: "pp94.duty.attendance" act_date: "2019-03-02" absence { cumulative_working_days: 12 consecutive_working_days: 2 } }
    decision_date: "2021-10-01")"));
  ASSERT_TRUE(later.ok()) << later.status();
  bool transition = false;
  for (const auto& b : later->basis()) transition |= b.rule_id() == "pp94.transition.not_yet_examined";
  for (const auto& a : later->acts()) {
    for (const auto& b : a.basis()) transition |= b.rule_id() == "pp94.transition.not_yet_examined";
  }
  EXPECT_TRUE(transition) << DeterminationText(*later);
}

// The other way round: a PP 53/2010 norm decided after PP 94/2021 took effect
// is named by the same duty in PP 94, which decides it (Pasal 40(3)).
TEST(Evaluator, APp53NormDecidedAfterPp94NamesItsPp94Duty) {
  // 18 days of absence under the PP 53 norm, decided on `decision`: the text
  // of its OUTSIDE_SCOPE answer.
  auto outside = [](const std::string& act, const std::string& decision) {
    auto d = MakeEvaluator().Evaluate(Request(absl::StrCat(R"(
      employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
      acts { norm: "pp53.duty.attendance" act_date: ")", act, R"(" absence { cumulative_working_days: 18 } }
      decision_date: ")", decision, "\"")));
    EXPECT_TRUE(d.ok()) << d.status();
    if (!d.ok()) return std::string();
    EXPECT_EQ(d->outcome(), v1::OUTSIDE_SCOPE);
    return DeterminationText(*d);
  };
  const std::string text = outside("2021-03-02", "2021-10-01");
  EXPECT_TRUE(absl::StrContains(text, "its rules apply to decisions taken from 2010-06-06 until 2021-08-31")) << text;
  EXPECT_TRUE(absl::StrContains(text, "states the same duty as pp94.duty.attendance (PP 94/2021 Pasal 4 huruf f)"))
      << text;
  // Before PP 53/2010 no statement of the duty is encoded: the answer says
  // netra does not model that date, rather than point to another norm.
  const std::string early_text = outside("2009-03-02", "2009-10-01");
  EXPECT_TRUE(absl::StrContains(early_text, "netra has no rule for this duty for decisions taken before 2010-06-06")) << early_text;
  EXPECT_FALSE(absl::StrContains(early_text, "Name the act by")) << early_text;
}

// A decree form (judged by the law of the act date) named for an act before
// the 2022 decree: the answer names the regulation's norm of that date that
// states the same duty (PP 53/2010 before 31 August 2021, PP 94/2021 after),
// says from when the form's own rules apply, and its header cites no
// instrument not yet in force.
TEST(Evaluator, ADecreeFormBeforeTheDecreeNamesTheRegulationOfItsDate) {
  auto outside = [](const std::string& act, const std::string& decision) {
    auto d = MakeEvaluator().Evaluate(Request(absl::StrCat(R"(
      employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
      acts { norm: "neutrality.partisan_activity" act_date: ")", act, R"("
             neutrality { target { office: PRESIDENT_VICE_PRESIDENT reported_status: CALON } } }
      decision_date: ")", decision, "\"")));
    EXPECT_TRUE(d.ok()) << d.status();
    if (!d.ok()) return std::string();
    EXPECT_EQ(d->outcome(), v1::OUTSIDE_SCOPE);
    return DeterminationText(*d);
  };
  const std::string pp53 = outside("2019-03-01", "2019-05-01");
  EXPECT_TRUE(absl::StrContains(pp53, "its rules apply to acts committed from 2022-09-22")) << pp53;
  EXPECT_TRUE(absl::StrContains(pp53, "states the same duty as pp53.ban.election_support.president_partisan_activity "
                                      "(PP 53/2010 Pasal 4 angka 13 huruf b)"))
      << pp53;
  EXPECT_TRUE(absl::StrContains(pp53, "acts[0] (neutrality.partisan_activity): ")) << pp53;
  EXPECT_FALSE(absl::StrContains(pp53, "PP 94/2021 Pasal 5 huruf n angka 6)")) << pp53;
  // Decided after PP 94/2021 took effect: PP 94's angka 6 (its Pasal 40).
  const std::string pp94 = outside("2019-03-01", "2022-03-01");
  EXPECT_TRUE(absl::StrContains(pp94, "states the same duty as pp94.neutrality.n6_partisan_activity")) << pp94;
  // Before PP 53/2010 nothing states it.
  const std::string early = outside("2008-03-01", "2008-05-01");
  EXPECT_TRUE(absl::StrContains(early, "netra has no rule for this duty for acts committed before 2010-06-06")) << early;
}

// An answer cites a rule as its instruments stood on the date: UU 5/2014,
// repealed by UU 20/2023 on 31 October 2023, is not cited for a decision of
// 2025 beside UU 20/2023; PP 53/2010's sedang types, which PP 94/2021 Pasal
// 45 keeps after repealing it, stay cited with their PP 53 article.
TEST(Evaluator, RepealedLawIsCitedOnlyWhereATransitionalRuleKeepsIt) {
  // The text of a party membership of `year`, decided a month later.
  auto text_of = [](const std::string& year) {
    auto d = MakeEvaluator().Evaluate(Request(absl::StrCat(R"(
      employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
      acts { norm: "neutrality.party_membership" act_date: ")", year, R"(-02-03" }
      decision_date: ")", year, "-03-03\"")));
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? DeterminationText(*d) : std::string();
  };
  const std::string text = text_of("2025");
  EXPECT_TRUE(absl::StrContains(text, "UU 20/2023")) << text;
  EXPECT_FALSE(absl::StrContains(text, "UU 5/2014")) << text;
  // Before the repeal, the same act cites UU 5/2014 and not UU 20/2023.
  const std::string before_text = text_of("2023");
  EXPECT_TRUE(absl::StrContains(before_text, "UU 5/2014")) << before_text;
  EXPECT_FALSE(absl::StrContains(before_text, "UU 20/2023")) << before_text;

  auto sedang = MakeEvaluator().Evaluate(Request(kAbsence));
  ASSERT_TRUE(sedang.ok()) << sedang.status();
  ASSERT_EQ(sedang->allowed_sanctions_size(), 1);
  bool pp53 = false;
  for (const v1::Citation& c : sedang->allowed_sanctions(0).citations()) pp53 |= c.instrument() == "pp53_2010";
  EXPECT_TRUE(pp53) << sedang->allowed_sanctions(0).DebugString();
}

// A decree form whose rules come from two instruments with a gap between
// them (SE B/71/2017 until 10 September 2020, the 2022 decree after): an act
// of the circular's dates is headed by its item, and an act in the gap names
// both windows and cites neither.
TEST(Evaluator, ANormWithAGapBetweenItsInstrumentsNamesBothWindows) {
  auto banner = [](const std::string& act) {
    auto d = MakeEvaluator().Evaluate(Request(absl::StrCat(R"(
      employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
      acts { norm: "neutrality.banner" act_date: ")", act, R"("
             neutrality { target { office: REGENT reported_status: BAKAL_CALON } } }
      decision_date: "2022-10-03")")));
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? *d : v1::Determination();
  };
  const v1::Determination in_2018 = banner("2018-01-05");
  EXPECT_EQ(in_2018.outcome(), v1::SANCTION);
  const std::string text_2018 = DeterminationText(in_2018);
  EXPECT_TRUE(absl::StrContains(text_2018, "acts[0] (neutrality.banner, SE B/71/M.SM.00.00/2017 huruf b): ")) << text_2018;
  EXPECT_FALSE(absl::StrContains(text_2018, "PP 94/2021")) << text_2018;

  const v1::Determination in_gap = banner("2021-01-05");
  EXPECT_EQ(in_gap.outcome(), v1::OUTSIDE_SCOPE);
  const std::string gap = DeterminationText(in_gap);
  EXPECT_TRUE(absl::StrContains(gap, "its rules apply to acts committed from 2017-12-27 until 2020-09-10 and from "
                                     "2022-09-22"))
      << gap;
  EXPECT_TRUE(absl::StrContains(gap, "acts[0] (neutrality.banner): ")) << gap;
}

// PP 53/2010 sets some levels by intent and by the year's work targets: an
// act without them is MISSING_FACTS naming the field and what each value gives.
TEST(Evaluator, Pp53IntentAndWorkTargetsAreFactsTheAnswerNames) {
  auto intent = MakeEvaluator().Evaluate(Request(R"(
    employee { kind: PNS position { type: PENGAWAS } agency { level: REGENCY_CITY } }
    acts { norm: "pp53.duty.guide_subordinates" act_date: "2018-03-02" }
    decision_date: "2018-05-01")"));
  ASSERT_TRUE(intent.ok()) << intent.status();
  EXPECT_EQ(intent->outcome(), v1::MISSING_FACTS) << DeterminationText(*intent);
  ASSERT_EQ(intent->acts(0).missing_facts_size(), 1);
  EXPECT_EQ(intent->acts(0).missing_facts(0).field(), "acts[0].intentional");
  auto target = MakeEvaluator().Evaluate(Request(R"(
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    acts { norm: "pp53.duty.work_target" act_date: "2018-12-31" }
    decision_date: "2019-02-01")"));
  ASSERT_TRUE(target.ok()) << target.status();
  EXPECT_EQ(target->outcome(), v1::MISSING_FACTS);
  ASSERT_EQ(target->acts(0).missing_facts_size(), 1);
  EXPECT_EQ(target->acts(0).missing_facts(0).field(), "acts[0].work_target_percent");
  // Each band of the text is one alternative: below 25% berat, 25-50% sedang.
  const std::string text = DeterminationText(*target);
  EXPECT_TRUE(absl::StrContains(text, "BERAT")) << text;
  EXPECT_TRUE(absl::StrContains(text, "SEDANG")) << text;
  auto known = MakeEvaluator().Evaluate(Request(R"(
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    acts { norm: "pp53.duty.work_target" act_date: "2018-12-31" work_target_percent: 24 }
    decision_date: "2019-02-01")"));
  ASSERT_TRUE(known.ok()) << known.status();
  EXPECT_EQ(known->level(), v1::BERAT) << DeterminationText(*known);
}

TEST(Evaluator, RejectsARequestWithoutActs) {
  auto d = MakeEvaluator().Evaluate(Request("employee { kind: PNS }"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "acts: at least one act is required (or employee.party_member with a decision_date)");
}

TEST(Evaluator, RejectsOversizedRequests) {
  v1::EvaluationRequest r = Request(kAbsence);
  for (int i = 0; i < kMaxActsPerRequest; ++i) *r.add_acts() = r.acts(0);
  auto d = MakeEvaluator().Evaluate(r);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("exceed the limit of 256"), std::string::npos) << d.status();
}

TEST(Evaluator, RejectsEnumValuesOutsideTheSchema) {
  v1::EvaluationRequest r = Request(kAbsence);
  r.mutable_acts(0)->set_impact(static_cast<v1::Impact>(42));
  auto d = MakeEvaluator().Evaluate(r);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(), "acts[0].impact: unknown enum value 42");
}

TEST(Evaluator, RejectsUnknownSettingsAndValuesOfTheWrongType) {
  EXPECT_EQ(Evaluator::Create(Book(), {{"no_such_setting", "1"}}).status().message(),
            "settings: unknown setting \"no_such_setting\"");
  auto bad = Evaluator::Create(Book(), {{"repeat_may_cross_level", "yes"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("settings.repeat_may_cross_level"), std::string::npos);
  v1::EvaluationRequest r = Request(kAbsence);
  (*r.mutable_settings())["tukin_sedang_operative_from"] = "soon";
  EXPECT_FALSE(MakeEvaluator().Evaluate(r).ok());
}

TEST(Evaluator, RequestSettingsOverrideAndAreReported) {
  v1::EvaluationRequest r = Request(kAbsence);
  (*r.mutable_settings())["tukin_sedang_operative_from"] = "2025-01-01";
  auto d = MakeEvaluator().Evaluate(r);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->allowed_sanctions_size(), 1);
  EXPECT_EQ(d->allowed_sanctions(0).code(), "S2");  // tukin cut 25% for 9 months
  bool reported = false;
  for (const auto& s : d->settings_used()) {
    reported |= s.name() == "tukin_sedang_operative_from" && s.value() == "2025-01-01" && !s.is_default();
  }
  EXPECT_TRUE(reported);
}

TEST(Evaluator, WarnsWhenTheNipStyleDoesNotMatchTheKind) {
  v1::EvaluationRequest r = Request(kAbsence);
  r.mutable_employee()->set_kind(v1::CPNS);
  r.mutable_employee()->set_nip("200012312024211001");  // PPPK style
  auto d = MakeEvaluator().Evaluate(r);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->warnings_size(), 1);
  EXPECT_NE(d->warnings(0).find("PPPK-style number"), std::string::npos);
  EXPECT_EQ(d->level(), v1::SEDANG);  // a warning never changes the answer
}

TEST(Evaluator, FastPathGivesTheSameAnswerWhenResultsAreReused) {
  Evaluator e = MakeEvaluator();
  CaseFacts facts;
  ASSERT_TRUE(e.Prepare(Request(kAbsence), &facts).ok());
  CaseResult result;
  e.Evaluate(facts, &result);
  const v1::Determination first = e.Render(facts, result);
  e.Evaluate(facts, &result);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(first, e.Render(facts, result)));
}

TEST(Evaluator, IsSafeToShareBetweenThreads) {
  const Evaluator e = MakeEvaluator();
  const v1::Determination expected = *e.Evaluate(Request(kAbsence));
  bool same[2] = {true, true};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto d = e.Evaluate(Request(kAbsence));
        same[t] = same[t] && d.ok() && google::protobuf::util::MessageDifferencer::Equals(*d, expected);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(same[0] && same[1]);
}

}  // namespace
}  // namespace netra
