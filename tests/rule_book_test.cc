#include "netra/rule_book.h"

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace netra {
namespace {

// A small, valid, stand-alone law: one norm whose absence counts are split
// into two ranges. Line numbers matter to the tests below.
constexpr char kLaw[] = R"(instruments { id: "pp1_2000" kind: PERATURAN_PEMERINTAH number: "1" year: 2000 in_force_from: "2000-01-01" article_count: 10 }
rules {
  id: "x.norm"
  citations { instrument: "pp1_2000" pasal: 1 }
  paraphrase: "Come to work."
  norm { kind: OBLIGATION }
}
rules {
  id: "x.level.low"
  citations { instrument: "pp1_2000" pasal: 2 }
  paraphrase: "Up to five days: no sanction."
  level { norm: "x.norm" when { cumulative_absence_days { min: 0 max: 5 } } outcome: NO_SANCTION }
}
rules {
  id: "x.level.high"
  citations { instrument: "pp1_2000" pasal: 3 }
  paraphrase: "Six days or more: ringan."
  level { norm: "x.norm" when { cumulative_absence_days { min: 6 } } outcome: SANCTION level: RINGAN }
}
)";

absl::Status LoadAlone(const std::string& text) {
  LoadOptions options;
  options.include_embedded = false;
  options.require_evaluator_rules = false;
  return RuleBook::Load({LawSource{"test.textproto", text}}, options).status();
}

std::string With(absl::string_view from, absl::string_view to) {
  std::string text = kLaw;
  EXPECT_NE(text.find(std::string(from)), std::string::npos) << from;
  return absl::StrReplaceAll(text, {{from, to}});
}

void ExpectError(const absl::Status& st, std::initializer_list<absl::string_view> parts) {
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  for (absl::string_view p : parts) EXPECT_NE(st.message().find(p), absl::string_view::npos) << st << "\nlacks: " << p;
}

TEST(RuleBook, EmbeddedLawLoadsAndValidates) {
  auto book = RuleBook::Load();
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_GT((*book)->rules().size(), 200u);
  const RuleEntry* r = (*book)->FindRule("pp94.absence.cumulative_14_16_days");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->file, "law/pp94_2021.textproto");
  EXPECT_GT(r->line, 0);
  EXPECT_TRUE((*book)->InForce(*r, absl::CivilDay(2025, 1, 1)));
  EXPECT_FALSE((*book)->InForce(*r, absl::CivilDay(2021, 8, 30)));
  EXPECT_EQ((*book)->InForceFrom(*r), "2021-08-31");
  EXPECT_EQ((*book)->CiteAs(r->rule->citations(0)), "PP 94/2021 Pasal 10 ayat (2) huruf f angka 2");
  // PP 53/2010 numbers angka before huruf in an article without ayat, and huruf
  // before angka within an ayat (law.proto, Instrument.angka_before_huruf).
  v1::Citation c;
  c.set_instrument("pp53_2010");
  c.set_pasal(4);
  c.set_angka(12);
  c.set_huruf("a");
  EXPECT_EQ((*book)->CiteAs(c), "PP 53/2010 Pasal 4 angka 12 huruf a");
  c.set_pasal(16);
  c.set_ayat(1);
  c.set_angka(4);
  EXPECT_EQ((*book)->CiteAs(c), "PP 53/2010 Pasal 16 ayat (1) huruf a angka 4");
  // An amending instrument's articles print in Roman numerals (Instrument.roman_articles).
  v1::Citation amendment;
  amendment.set_instrument("pp45_1990");
  amendment.set_pasal(1);
  amendment.set_angka(11);
  EXPECT_EQ((*book)->CiteAs(amendment), "PP 45/1990 Pasal I angka 11");
  amendment.set_pasal(2);
  amendment.set_angka(0);
  EXPECT_EQ((*book)->CiteAs(amendment), "PP 45/1990 Pasal II");
  EXPECT_EQ((*book)->revision().rfind("fnv1a64:", 0), 0u);
}

TEST(RuleBook, SameSourcesGiveTheSameRevision) {
  auto a = RuleBook::Load();
  auto b = RuleBook::Load();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)->revision(), (*b)->revision());
}

TEST(RuleBook, TheTestLawIsValid) { EXPECT_TRUE(LoadAlone(kLaw).ok()) << LoadAlone(kLaw); }

TEST(RuleBookRejects, SyntaxErrorsWithFileLineAndColumn) {
  ExpectError(LoadAlone(With("paraphrase: \"Come to work.\"", "paraphrase \"Come to work.\"")),
              {"test.textproto:5:"});
}

// cites_repealed keeps a repealed instrument cited; a rule citing none is wrong.
TEST(RuleBookRejects, CitesRepealedWithoutARepealedInstrument) {
  ExpectError(LoadAlone(With("paraphrase: \"Come to work.\"", "paraphrase: \"Come to work.\" cites_repealed: true")),
              {"x.norm", "cites_repealed: true, yet none of its cited instruments has an in_force_until"});
  // With the instrument repealed, the same rule loads.
  const std::string repealed = absl::StrReplaceAll(
      With("in_force_from: \"2000-01-01\"", "in_force_from: \"2000-01-01\" in_force_until: \"2010-01-01\""),
      {{"paraphrase: \"Come to work.\"", "paraphrase: \"Come to work.\" cites_repealed: true"}});
  EXPECT_TRUE(LoadAlone(repealed).ok()) << LoadAlone(repealed);
}

TEST(RuleBookRejects, UnknownFields) { ExpectError(LoadAlone(With("norm { kind", "norm { sort")), {"test.textproto:6:"}); }

TEST(RuleBookRejects, UnknownEnumNames) {
  ExpectError(LoadAlone(With("level: RINGAN", "level: LIGHT")), {"test.textproto:18:", "LIGHT"});
}

TEST(RuleBookRejects, DuplicateRuleIdsNamingBothPlaces) {
  ExpectError(LoadAlone(With("id: \"x.level.high\"", "id: \"x.level.low\"")),
              {"test.textproto:14: rule x.level.low:", "duplicate rule id", "test.textproto:8"});
}

TEST(RuleBookRejects, UnknownInstrument) {
  ExpectError(LoadAlone(With("instrument: \"pp1_2000\" pasal: 3", "instrument: \"pp9_2000\" pasal: 3")),
              {"test.textproto:14: rule x.level.high:", "unknown instrument \"pp9_2000\""});
}

TEST(RuleBookRejects, CitationOfAnArticleTheInstrumentDoesNotHave) {
  ExpectError(LoadAlone(With("pasal: 3", "pasal: 11")),
              {"rule x.level.high:", "unknown citation: Pasal 11 of pp1_2000, which has 10 articles"});
}

TEST(RuleBookRejects, MalformedHuruf) {
  ExpectError(LoadAlone(With("pasal: 3 }", "pasal: 3 huruf: \"B\" }")), {"rule x.level.high:", "huruf"});
}

TEST(RuleBookRejects, DatesOutOfOrder) {
  ExpectError(LoadAlone(With("paraphrase: \"Six days", "in_force_from: \"2010-01-01\" in_force_until: \"2005-01-01\" "
                                                     "paraphrase: \"Six days")),
              {"rule x.level.high:", "dates out of order"});
  ExpectError(LoadAlone(With("in_force_from: \"2000-01-01\"", "in_force_from: \"2000-02-30\"")),
              {"instrument pp1_2000", "no such day"});
}

TEST(RuleBookRejects, AGapInANumericRange) {
  ExpectError(LoadAlone(With("min: 6", "min: 7")),
              {"test.textproto:2: rule x.norm:", "gap", "cumulative_absence_days=6..6"});
}

TEST(RuleBookRejects, OverlappingRulesThatDoNotDeclareTheException) {
  ExpectError(LoadAlone(With("min: 6", "min: 5")),
              {"rule x.level.high:", "overlaps x.level.low (test.textproto:8)", "cumulative_absence_days=5..5"});
}

TEST(RuleBook, AcceptsOverlapsThatDeclareTheException) {
  EXPECT_TRUE(LoadAlone(With("min: 6 } }", "min: 5 } } exception_of: \"x.level.low\"")).ok());
  EXPECT_TRUE(LoadAlone(With("min: 6 } }", "min: 5 } } concurrent_with: \"x.level.low\"")).ok());
}

TEST(RuleBookRejects, EnumNumbersTheSchemaDoesNotDefine) {
  // The text format accepts numbers for enums; netra indexes tables by them.
  ExpectError(LoadAlone(With("level: RINGAN", "level: 7")), {"rule x.level.high:", "level.level: unknown enum value 7"});
  ExpectError(LoadAlone(With("kind: OBLIGATION", "kind: 9")), {"rule x.norm:", "norm.kind: unknown enum value 9"});
}

TEST(RuleBookRejects, ALevelSettingWhoseDefaultIsNotTheRulesLevel) {
  const std::string setting =
      "settings { name: \"x_level\" type: CHOICE default_value: \"SEDANG\" choices: \"SEDANG\" choices: \"BERAT\" "
      "doc: \"d\" }\n";
  ExpectError(LoadAlone(setting + With("outcome: SANCTION level: RINGAN", "outcome: SANCTION level: RINGAN level_setting: \"x_level\"")),
              {"rule x.level.high:", "level RINGAN differs from the default \"SEDANG\" of its level_setting x_level"});
  EXPECT_TRUE(LoadAlone(setting + With("outcome: SANCTION level: RINGAN",
                                       "outcome: SANCTION level: SEDANG level_setting: \"x_level\"")).ok());
}

TEST(RuleBookRejects, RomanArticlesWithoutASmallArticleCount) {
  ExpectError(LoadAlone(With("article_count: 10 }", "article_count: 0 roman_articles: true }")),
              {"roman_articles needs an article_count from 1 to 39, not 0"});
}

// Two readings of one breach, switched by a setting (LevelRule.setting): each
// value of the setting must answer every case by itself.
constexpr char kReading[] =
    "settings { name: \"x_reading\" type: CHOICE default_value: \"A\" choices: \"A\" choices: \"B\" doc: \"d\" }\n";
constexpr char kReadingB[] = R"(rules {
  id: "x.level.high.b"
  citations { instrument: "pp1_2000" pasal: 4 }
  paraphrase: "Six days or more, the other reading: sedang."
  level { norm: "x.norm" when { cumulative_absence_days { min: 6 } } outcome: SANCTION level: SEDANG setting: "x_reading" setting_value: "B" }
}
)";

TEST(RuleBook, RulesSwitchedByASettingAreCheckedForEachValueApart) {
  const std::string gated = With("outcome: SANCTION level: RINGAN",
                                 "outcome: SANCTION level: RINGAN setting: \"x_reading\" setting_value: \"A\"");
  EXPECT_TRUE(LoadAlone(kReading + gated + kReadingB).ok()) << LoadAlone(kReading + gated + kReadingB);
  // Without the rule for B, six days are answered under A only.
  ExpectError(LoadAlone(kReading + gated), {"gap", "cumulative_absence_days=6", "(with setting x_reading=B)"});
  // An ungated rule and a gated one for the same cell overlap under that value.
  ExpectError(LoadAlone(kReading + std::string(kLaw) + kReadingB),
              {"overlaps", "(with setting x_reading=B)"});
}

TEST(RuleBookRejects, ARuleSwitchedByAnUnknownSettingOrWithoutAValue) {
  ExpectError(LoadAlone(With("level: RINGAN }", "level: RINGAN setting: \"nope\" setting_value: \"A\" }")),
              {"rule x.level.high:", "unknown setting \"nope\""});
  ExpectError(LoadAlone(kReading + With("level: RINGAN }", "level: RINGAN setting: \"x_reading\" }")),
              {"rule x.level.high:", "level.setting needs a setting_value"});
  ExpectError(LoadAlone(kReading + With("level: RINGAN }", "level: RINGAN setting: \"x_reading\" setting_value: \"C\" }")),
              {"rule x.level.high:", "setting_value for x_reading"});
}

// Two settings switching rules of one norm (UU 20/2023's reading and the
// words 'pidana umum' for asn.conviction): every combination of their values
// must answer each case by itself.
TEST(RuleBook, RulesSwitchedByTwoSettingsAreCheckedForEachCombination) {
  // Up to five days switch on x_other, six or more on x_reading.
  auto rule = [](const char* id, const char* days, const char* answer, const char* setting, const char* value) {
    return absl::StrCat("rules { id: \"", id, "\" citations { instrument: \"pp1_2000\" pasal: 4 } paraphrase: \"p\" ",
                        "level { norm: \"x.norm\" when { cumulative_absence_days { ", days, " } } ", answer,
                        " setting: \"", setting, "\" setting_value: \"", value, "\" } }\n");
  };
  const std::string head = std::string(kReading) +
                           "settings { name: \"x_other\" type: BOOL default_value: \"true\" doc: \"d\" }\n" +
                           std::string(kLaw).substr(0, std::string(kLaw).find("rules {\n  id: \"x.level.low\""));
  const std::string low_true = rule("x.low.t", "min: 0 max: 5", "outcome: NO_SANCTION", "x_other", "true");
  const std::string low_false = rule("x.low.f", "min: 0 max: 5", "outcome: SANCTION level: RINGAN", "x_other", "false");
  const std::string high_a = rule("x.high.a", "min: 6", "outcome: SANCTION level: RINGAN", "x_reading", "A");
  const std::string high_b = rule("x.high.b", "min: 6", "outcome: SANCTION level: SEDANG", "x_reading", "B");
  const std::string all = head + low_true + low_false + high_a + high_b;
  EXPECT_TRUE(LoadAlone(all).ok()) << LoadAlone(all);
  // Without the rule for x_other=false, up to five days are a gap in the combinations that set it.
  ExpectError(LoadAlone(head + low_true + high_a + high_b),
              {"gap", "cumulative_absence_days=0..5", "(with setting x_other=false, x_reading=A)"});
  ExpectError(LoadAlone(head + low_true + low_false + high_a), {"gap", "cumulative_absence_days=6", "x_reading=B"});
}

TEST(RuleBookRejects, ANormWhoseSettingsHaveTooManyCombinations) {
  std::string text;
  std::string rules;
  for (int i = 0; i < 5; ++i) {
    const std::string name = absl::StrCat("x_s", i);
    text += absl::StrCat("settings { name: \"", name, "\" type: BOOL default_value: \"true\" doc: \"d\" }\n");
    for (const char* v : {"true", "false"}) {
      rules += absl::StrCat("rules { id: \"x.level.", name, ".", v, "\" citations { instrument: \"pp1_2000\" pasal: 4 } ",
                            "paraphrase: \"p\" level { norm: \"x.norm\" when { cumulative_absence_days { min: ", 100 + 2 * i,
                            " max: ", 101 + 2 * i, " } } outcome: NO_SANCTION setting: \"", name, "\" setting_value: \"", v,
                            "\" } }\n");
    }
  }
  ExpectError(LoadAlone(text + std::string(kLaw) + rules), {"32 combinations of values; the limit is 16"});
}

TEST(RuleBookRejects, AnEthicsRuleWithALevel) {
  const std::string moral =
      "rules { id: \"x.moral\" citations { instrument: \"pp1_2000\" pasal: 4 } paraphrase: \"m\" "
      "sanction_type { code: \"M\" regime: ETHICS severity: 1 } }\n";
  ExpectError(LoadAlone(moral + With("outcome: SANCTION level: RINGAN", "outcome: SANCTION level: RINGAN regime: ETHICS")),
              {"rule x.level.high:", "a ETHICS rule has outcome SANCTION, names its sanction_types and has no level"});
  ExpectError(LoadAlone(With("outcome: SANCTION level: RINGAN", "outcome: SANCTION level: RINGAN")+
                        "rules { id: \"x.bad\" citations { instrument: \"pp1_2000\" pasal: 4 } paraphrase: \"m\" "
                        "sanction_type { code: \"M\" regime: ETHICS level: RINGAN severity: 1 } }\n"),
              {"rule x.bad:", "a ETHICS type has no level"});
}

TEST(RuleBookRejects, TwoHandlingBodiesOnTheSameDay) {
  const std::string handling =
      "rules { id: \"x.h1\" citations { instrument: \"pp1_2000\" pasal: 5 } paraphrase: \"h\" "
      "handling { body: KASN role: \"r\" norm_prefix: \"x.\" } }\n"
      "rules { id: \"x.h2\" citations { instrument: \"pp1_2000\" pasal: 5 } in_force_from: \"2010-01-01\" "
      "paraphrase: \"h\" handling { body: BKN role: \"r\" norm_prefix: \"x.\" } }\n";
  ExpectError(LoadAlone(std::string(kLaw) + handling), {"rule x.h2:", "handling window overlaps", "x.h1"});
  // A body for other norms on the same day is fine, but not one for norms
  // the first prefix already reaches.
  auto prefix = [&](const char* p) {
    return std::string(kLaw) + absl::StrReplaceAll(handling, {{"BKN role: \"r\" norm_prefix: \"x.\"",
                                                               absl::StrCat("BKN role: \"r\" norm_prefix: \"", p, "\"")}});
  };
  EXPECT_TRUE(LoadAlone(prefix("y.")).ok()) << LoadAlone(prefix("y."));
  const std::string narrower = prefix("x.a.");
  ExpectError(LoadAlone(narrower), {"rule x.h2:", "handling window overlaps", "x.h1"});
}

// A kind no national rule covers but a host's own rules may adopt (PPPK and
// PP 49/2018 Pasal 52): a setting's value covers it after all.
TEST(RuleBook, AScopeASettingCoversIsCheckedForCoverageAndValidated) {
  const std::string setting =
      "settings { name: \"x_adopt\" type: CHOICE default_value: \"OWN\" choices: \"OWN\" choices: \"PNS\" doc: \"d\" }\n";
  auto scopes = [](const std::string& gated) {
    return "rules { id: \"x.s1\" citations { instrument: \"pp1_2000\" pasal: 6 } paraphrase: \"s\" "
           "scope { kinds: PNS covered: true } }\n"
           "rules { id: \"x.s2\" citations { instrument: \"pp1_2000\" pasal: 6 } paraphrase: \"s\" "
           "scope { kinds: PPPK covered: false governed_by: \"agency\" " + gated + " } }\n";
  };
  EXPECT_TRUE(LoadAlone(setting + kLaw + scopes("setting: \"x_adopt\" setting_value: \"PNS\"")).ok());
  ExpectError(LoadAlone(setting + kLaw + scopes("setting: \"x_adopt\"")), {"rule x.s2:", "scope.setting needs a setting_value"});
  ExpectError(LoadAlone(setting + kLaw + scopes("setting: \"x_adopt\" setting_value: \"NONE\"")),
              {"rule x.s2:", "setting_value for x_adopt"});
  ExpectError(LoadAlone(setting + kLaw +
                        absl::StrReplaceAll(scopes("setting: \"x_adopt\" setting_value: \"PNS\""),
                                            {{"covered: false governed_by", "covered: true governed_by"}})),
              {"rule x.s2:", "scope.setting covers an uncovered scope; this one is covered"});
  // A rule answering PNS only leaves the gated PPPK cells a gap: they count once a setting can cover them.
  const std::string pns_only = absl::StrReplaceAll(
      std::string(kLaw), {{"when { cumulative_absence_days { min: 0 max: 5 } }",
                           "when { cumulative_absence_days { min: 0 max: 5 } offender_kind_any_of: [PNS] }"}});
  EXPECT_TRUE(LoadAlone(setting + pns_only + scopes("")).ok());
  ExpectError(LoadAlone(setting + pns_only + scopes("setting: \"x_adopt\" setting_value: \"PNS\"")),
              {"gap", "kind=PPPK"});
}

TEST(RuleBookRejects, ATypeStandingForAnotherOfItsKindsOrLevel) {
  auto types = [](const std::string& b) {
    return std::string(kLaw) +
           "rules { id: \"x.t.a\" citations { instrument: \"pp1_2000\" pasal: 7 } paraphrase: \"t\" "
           "sanction_type { code: \"A\" level: RINGAN severity: 5 kinds: PNS } }\n"
           "rules { id: \"x.t.b\" citations { instrument: \"pp1_2000\" pasal: 7 } paraphrase: \"t\" "
           "sanction_type { code: \"B\" " + b + " } }\n";
  };
  EXPECT_TRUE(LoadAlone(types("level: RINGAN severity: 6 kinds: PPPK stands_for: \"A\"")).ok());
  ExpectError(LoadAlone(types("level: RINGAN severity: 6 kinds: PPPK stands_for: \"Z\"")),
              {"rule x.t.b:", "stands_for unknown sanction type \"Z\""});
  ExpectError(LoadAlone(types("level: RINGAN severity: 6 kinds: [PNS, PPPK] stands_for: \"A\"")),
              {"rule x.t.b:", "stands_for A, which shares an employee kind with B"});
  ExpectError(LoadAlone(types("level: SEDANG severity: 60 kinds: PPPK stands_for: \"A\"")),
              {"rule x.t.b:", "stands_for A of another level or regime"});
}

TEST(RuleBookRejects, TwoScopesForOneKindAndPrefix) {
  const std::string scopes =
      "rules { id: \"x.s1\" citations { instrument: \"pp1_2000\" pasal: 6 } paraphrase: \"s\" "
      "scope { kinds: PNS covered: true norm_prefix: \"x.\" } }\n"
      "rules { id: \"x.s2\" citations { instrument: \"pp1_2000\" pasal: 6 } paraphrase: \"s\" "
      "scope { kinds: PNS covered: true norm_prefix: \"x.\" } }\n";
  ExpectError(LoadAlone(std::string(kLaw) + scopes), {"rule x.s2:", "employee kind PNS already scoped for norm prefix \"x.\""});
}

TEST(RuleBookRejects, ExceptionCycles) {
  std::string text = With("min: 6 } }", "min: 5 } } exception_of: \"x.level.low\"");
  text = absl::StrReplaceAll(text, {{"max: 5 } }", "max: 5 } } exception_of: \"x.level.high\""}});
  ExpectError(LoadAlone(text), {"exception_of cycle"});
}

// Found by fuzzing (tests/fuzz/corpus/law/regression_exception_cycle_of_three):
// three rules that all match, each an exception to the next, displaced one
// another and left the evaluator no rule to cite; it read before its table.
TEST(RuleBookRejects, ExceptionCyclesLongerThanTwo) {
  std::string text = std::string(kLaw) +
                     "rules { id: \"x.level.a\" citations { instrument: \"pp1_2000\" pasal: 4 } paraphrase: \"a\" "
                     "level { norm: \"x.norm\" when { cumulative_absence_days { min: 9 } } outcome: SANCTION "
                     "level: RINGAN exception_of: [\"x.level.b\", \"x.level.high\"] } }\n"
                     "rules { id: \"x.level.b\" citations { instrument: \"pp1_2000\" pasal: 5 } paraphrase: \"b\" "
                     "level { norm: \"x.norm\" when { cumulative_absence_days { min: 9 } } outcome: SANCTION "
                     "level: RINGAN exception_of: [\"x.level.c\", \"x.level.high\"] } }\n"
                     "rules { id: \"x.level.c\" citations { instrument: \"pp1_2000\" pasal: 6 } paraphrase: \"c\" "
                     "level { norm: \"x.norm\" when { cumulative_absence_days { min: 9 } } outcome: SANCTION "
                     "level: RINGAN exception_of: [\"x.level.a\", \"x.level.high\"] } }\n";
  ExpectError(LoadAlone(text), {"exception_of cycle", "each would displace itself"});
}

TEST(RuleBookRejects, ARuleInForceOutsideItsInstrument) {
  ExpectError(LoadAlone(With("paraphrase: \"Six days", "in_force_from: \"1999-01-01\" paraphrase: \"Six days")),
              {"rule x.level.high:", "outside the window of its instrument pp1_2000"});
}

TEST(RuleBookRejects, SeveritiesThatDoNotOrderTheLevels) {
  std::string text = kLaw;
  text += R"(rules { id: "x.r1" citations { instrument: "pp1_2000" pasal: 5 } paraphrase: "p"
    sanction_type { code: "R1" level: RINGAN severity: 5 } }
  rules { id: "x.s1" citations { instrument: "pp1_2000" pasal: 6 } paraphrase: "p"
    sanction_type { code: "S1" level: SEDANG severity: 4 } })";
  ExpectError(LoadAlone(text), {"rule x.r1:", "severity 5 of R1 (RINGAN) is not below severity 4 of S1 (SEDANG)"});
}

// An INT setting states the largest value its meaning allows (law.proto
// Setting.max_value), so that no value can carry a date past the calendars.
TEST(RuleBookRejects, AnIntSettingWithoutItsBound) {
  auto sources = EmbeddedLaw();
  for (LawSource& s : sources) s.text = absl::StrReplaceAll(s.text, {{"  max_value: 1440\n", ""}});
  LoadOptions options;
  options.include_embedded = false;
  auto book = RuleBook::Load(sources, options);
  ASSERT_FALSE(book.ok()) << "the setting's bound was not found to remove";
  EXPECT_NE(book.status().message().find(
                "setting late_minutes_per_absence_day: default_value: an INT setting needs max_value"),
            std::string::npos)
      << book.status();
}

TEST(RuleBookRejects, AnEvaluatorSettingOfTheWrongType) {
  auto sources = EmbeddedLaw();
  for (LawSource& s : sources) {
    s.text = absl::StrReplaceAll(s.text, {{"name: \"repeat_may_cross_level\"\n  type: BOOL\n  default_value: \"true\"",
                                           "name: \"repeat_may_cross_level\"\n  type: INT\n  default_value: \"1\"\n  max_value: 9"}});
  }
  LoadOptions options;
  options.include_embedded = false;
  auto book = RuleBook::Load(sources, options);
  ASSERT_FALSE(book.ok()) << "the setting's declaration was not found to edit";
  EXPECT_NE(book.status().message().find("setting repeat_may_cross_level: the evaluator reads it as BOOL, not INT"),
            std::string::npos)
      << book.status();
}

TEST(RuleBookRejects, MoreLevelRulesForOneNormThanTheEvaluatorHolds) {
  std::string text = With("min: 6 } }", "min: 6 max: 6 } }");
  for (int i = 7; i < 40; ++i) {
    text += "rules { id: \"x.level.d" + std::to_string(i) +
            "\" citations { instrument: \"pp1_2000\" pasal: 3 } paraphrase: \"p\" level { norm: \"x.norm\" "
            "when { cumulative_absence_days { min: " + std::to_string(i) +
            (i == 39 ? "" : " max: " + std::to_string(i)) + " } } outcome: SANCTION level: RINGAN } }\n";
  }
  ExpectError(LoadAlone(text), {"rule x.norm:", "level rules; the limit is 32"});
}

TEST(RuleBookRejects, ALevelRuleForAnUnknownNorm) {
  ExpectError(LoadAlone(With("norm: \"x.norm\" when { cumulative_absence_days { min: 6",
                             "norm: \"x.nrom\" when { cumulative_absence_days { min: 6")),
              {"rule x.level.high:", "\"x.nrom\" is not the id of a norm rule"});
}

TEST(RuleBookRejects, ARuleWithoutParaphraseOrCitation) {
  ExpectError(LoadAlone(With("paraphrase: \"Six days or more: ringan.\"", "")), {"x.level.high", "paraphrase"});
  ExpectError(LoadAlone(With("citations { instrument: \"pp1_2000\" pasal: 3 }", "")),
              {"x.level.high", "at least one article"});
}

TEST(RuleBookRejects, ASanctionWithoutLevel) {
  ExpectError(LoadAlone(With(" level: RINGAN", "")), {"x.level.high", "outcome SANCTION needs a level"});
}

TEST(RuleBookRejects, ANormWithNoAnswer) {
  std::string text = kLaw;
  text += R"(rules { id: "x.other" citations { instrument: "pp1_2000" pasal: 4 } paraphrase: "p" norm { kind: PROHIBITION } })";
  ExpectError(LoadAlone(text), {"rule x.other:", "norm has no level rule"});
}

TEST(RuleBookRejects, ALawWithoutThePrinciplesTheEvaluatorApplies) {
  LoadOptions options;
  options.include_embedded = false;
  ExpectError(RuleBook::Load({LawSource{"test.textproto", kLaw}}, options).status(),
              {"lacks principle pp94.combine.heaviest_only"});
}

TEST(RuleBookRejects, OversizedFiles) {
  ExpectError(LoadAlone(std::string(kMaxLawFileBytes + 1, ' ')), {"test.textproto", "exceeds the limit"});
}

TEST(RuleBook, AHostAddsARegionalFileOnTopOfTheEmbeddedLaw) {
  constexpr char kRegional[] = R"(
instruments { id: "perbup_contoh_2024" kind: KEPUTUSAN number: "7" year: 2024 in_force_from: "2024-01-01" }
rules {
  id: "perbup_contoh.level.policy.unit_kerja_repeat"
  citations { instrument: "perbup_contoh_2024" pasal: 1 }
  paraphrase: "Regional rule that a policy breach with unit impact is always sedang (for the test)."
  level { norm: "pp94.duty.policy" when { impact_any_of: UNIT_KERJA } outcome: SANCTION level: SEDANG
          exception_of: "pp94.level.duty.policy.unit_kerja" }
})";
  auto book = RuleBook::Load({LawSource{"perbup.textproto", kRegional}});
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_NE((*book)->FindRule("perbup_contoh.level.policy.unit_kerja_repeat"), nullptr);

  // Without declaring the exception the regional rule contradicts PP 94.
  std::string undeclared = absl::StrReplaceAll(kRegional, {{"exception_of: \"pp94.level.duty.policy.unit_kerja\"", ""}});
  ExpectError(RuleBook::Load({LawSource{"perbup.textproto", undeclared}}).status(),
              {"perbup.textproto:", "overlaps pp94.level.duty.policy.unit_kerja (law/pp94_2021.textproto:"});
}

TEST(RuleBookRejects, AFileThatRedefinesAnEmbeddedRule) {
  constexpr char kDup[] = R"(rules { id: "pp94.duty.policy" citations { instrument: "pp94_2021" pasal: 3 huruf: "c" }
  paraphrase: "again" norm { kind: OBLIGATION } })";
  ExpectError(RuleBook::Load({LawSource{"dup.textproto", kDup}}).status(),
              {"dup.textproto:1: rule pp94.duty.policy:", "duplicate rule id"});
}

// A host file of an instrument in force in 1999 only, loaded on top of the
// embedded law, with `from` replaced by `to` in it.
constexpr char kOldInstrument[] = R"(
instruments { id: "pp9_1999" kind: PERATURAN_PEMERINTAH number: "9" year: 1999 in_force_from: "1999-01-01"
              in_force_until: "2000-01-01" article_count: 5 })";
absl::Status LoadOld(const std::string& rules, absl::string_view from = "", absl::string_view to = "") {
  std::string text = absl::StrCat(kOldInstrument, rules);
  if (!from.empty()) text = absl::StrReplaceAll(text, {{from, to}});
  return RuleBook::Load({LawSource{"old.textproto", text}}).status();
}

// A host restating an evaluator principle for its own dates (as PP 53/2010
// Pasal 30 restates PP 94 Pasal 35) must name one the evaluator applies and
// must not be in force on the same dates as it.
TEST(RuleBookRejects, APrincipleRestatementForUnknownOrOverlappingDates) {
  constexpr char kRule[] = R"(
rules {
  id: "pp9.combine.heaviest_only"
  citations { instrument: "pp9_1999" pasal: 1 }
  paraphrase: "Several violations: only the heaviest sanction (for the test)."
  principle { applied_by: "evaluator" same_as: "pp94.combine.heaviest_only" }
})";
  EXPECT_TRUE(LoadOld(kRule).ok()) << LoadOld(kRule);
  ExpectError(LoadOld(kRule, "same_as: \"pp94.combine.heaviest_only\"", "same_as: \"pp94.no.such\""),
              {"old.textproto:", "principle.same_as: \"pp94.no.such\" is not a principle the evaluator applies"});
  ExpectError(LoadOld(kRule, "in_force_until: \"2000-01-01\"", ""),
              {"old.textproto:", "principle.same_as pp94.combine.heaviest_only: in force on dates that"});
}

// The audit reads a decision's type by its SIASN id: two types may share one
// only on different dates.
TEST(RuleBookRejects, TwoTypesWithOneSiasnIdOnTheSameDates) {
  constexpr char kRule[] = R"(
rules {
  id: "pp9.sanction.r1"
  citations { instrument: "pp9_1999" pasal: 2 }
  paraphrase: "Oral reprimand (for the test)."
  sanction_type { code: "PP9_R1" level: RINGAN severity: 10 name: "teguran lisan" siasn_jenis_hukuman_id: 1 }
})";
  EXPECT_TRUE(LoadOld(kRule).ok()) << LoadOld(kRule);
  ExpectError(LoadOld(kRule, "in_force_until: \"2000-01-01\"", "in_force_until: \"2030-01-01\""),
              {"old.textproto:", "siasn_jenis_hukuman_id 1 is also that of"});
}

// A norm's same_duty_as must name another norm; a procedure rule for a level
// must not share dates with another (PP 53's Pasal 25 before 31 August 2021,
// PP 94's Pasal 29 from then).
TEST(RuleBookRejects, ASameDutyLinkToNoNormAndTwoProceduresOnOneDate) {
  constexpr char kNorm[] = R"(
rules {
  id: "pp9.duty.attendance"
  citations { instrument: "pp9_1999" pasal: 3 }
  paraphrase: "Come to work (for the test)."
  norm { kind: OBLIGATION same_duty_as: "pp94.duty.attendance" }
}
rules {
  id: "pp9.level.attendance"
  citations { instrument: "pp9_1999" pasal: 4 }
  paraphrase: "Any absence: no statutory level (for the test)."
  level { norm: "pp9.duty.attendance" outcome: NO_STATUTORY_MAPPING }
})";
  EXPECT_TRUE(LoadOld(kNorm).ok()) << LoadOld(kNorm);
  ExpectError(LoadOld(kNorm, "same_duty_as: \"pp94.duty.attendance\"", "same_duty_as: \"pp94.duty.no_such\""),
              {"old.textproto:", "norm.same_duty_as: \"pp94.duty.no_such\" is not another norm"});
  constexpr char kProcedure[] = R"(
rules {
  id: "pp9.proc.ringan"
  citations { instrument: "pp9_1999" pasal: 5 }
  paraphrase: "Ringan: the superior examines alone (for the test)."
  procedure { level: RINGAN team: NOT_REQUIRED }
})";
  EXPECT_TRUE(LoadOld(kProcedure).ok()) << LoadOld(kProcedure);
  ExpectError(LoadOld(kProcedure, "in_force_until: \"2000-01-01\"", ""),
              {"old.textproto:", "second procedure rule for level RINGAN on the same dates"});
}

TEST(ReadLawFile, ReportsAMissingFile) {
  auto f = ReadLawFile("/nonexistent/law.textproto");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace netra

namespace netra {
namespace {

// FNV-1a 64 as rule_book.h documents the revision: over each text, then a
// 0xff separator.
std::string DocumentedRevision(const std::vector<LawSource>& sources) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (const LawSource& s : sources) {
    for (unsigned char c : s.text) mix(c);
    mix(0xff);
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The embedded law is read from its build-time compiled form; a text that
// differs by one trailing newline takes the text path with every check.
// Both must give the same rules, lines, instruments and settings.
TEST(RuleBookPrecompiled, GivesWhatTheTextPathGives) {
  auto compiled = RuleBook::Load();
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  std::vector<LawSource> edited = EmbeddedLaw();
  for (LawSource& s : edited) s.text += "\n";
  LoadOptions options;
  options.include_embedded = false;
  auto text = RuleBook::Load(edited, options);
  ASSERT_TRUE(text.ok()) << text.status();
  const RuleBook& a = **compiled;
  const RuleBook& b = **text;
  ASSERT_EQ(a.rules().size(), b.rules().size());
  for (size_t i = 0; i < a.rules().size(); ++i) {
    const RuleEntry& x = a.rules()[i];
    const RuleEntry& y = b.rules()[i];
    EXPECT_EQ(x.rule->SerializeAsString(), y.rule->SerializeAsString()) << x.rule->id();
    EXPECT_EQ(x.file, y.file) << x.rule->id();
    EXPECT_EQ(x.line, y.line) << x.rule->id();
    EXPECT_EQ(a.InForceFrom(x), b.InForceFrom(y)) << x.rule->id();
    EXPECT_EQ(a.InForceUntil(x), b.InForceUntil(y)) << x.rule->id();
  }
  ASSERT_EQ(a.instruments().size(), b.instruments().size());
  for (size_t i = 0; i < a.instruments().size(); ++i) {
    EXPECT_EQ(a.instruments()[i]->SerializeAsString(), b.instruments()[i]->SerializeAsString());
  }
  ASSERT_EQ(a.settings().size(), b.settings().size());
  for (size_t i = 0; i < a.settings().size(); ++i) {
    EXPECT_EQ(a.settings()[i]->SerializeAsString(), b.settings()[i]->SerializeAsString());
  }
  ASSERT_EQ(a.elections().size(), b.elections().size());
  EXPECT_EQ(a.revision(), DocumentedRevision(EmbeddedLaw()));
  EXPECT_EQ(b.revision(), DocumentedRevision(edited));
}

// A host passing the embedded files itself (the command and the Python
// package do) gets the same book, compiled form or not.
TEST(RuleBookPrecompiled, TheEmbeddedFilesGivenAsSourcesAreTheEmbeddedLaw) {
  LoadOptions options;
  options.include_embedded = false;
  auto given = RuleBook::Load(EmbeddedLaw(), options);
  ASSERT_TRUE(given.ok()) << given.status();
  auto embedded = RuleBook::Load();
  ASSERT_TRUE(embedded.ok()) << embedded.status();
  EXPECT_EQ((*given)->revision(), (*embedded)->revision());
  EXPECT_EQ((*given)->rules().size(), (*embedded)->rules().size());
}

// An embedded file edited by a host is checked in full: the checks the
// compiled form skips (here the coverage grid) still refuse it.
TEST(RuleBookPrecompiled, AnEditedEmbeddedFileTakesEveryCheck) {
  std::vector<LawSource> sources = EmbeddedLaw();
  bool edited = false;
  for (LawSource& s : sources) {
    if (s.name != "law/pp94_2021.textproto") continue;
    const std::string from = "cumulative_absence_days { min: 1 max: 2 }";
    const size_t at = s.text.find(from);
    ASSERT_NE(at, std::string::npos);
    s.text.replace(at, from.size(), "cumulative_absence_days { min: 2 max: 2 }");  // day 1 uncovered
    edited = true;
  }
  ASSERT_TRUE(edited);
  LoadOptions options;
  options.include_embedded = false;
  auto book = RuleBook::Load(sources, options);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("gap:"), std::string::npos) << book.status();
}

}  // namespace
}  // namespace netra
