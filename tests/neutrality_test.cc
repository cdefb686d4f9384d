// The neutrality and audit APIs' contracts: bad input is an error naming the
// field; calendars, regimes and handling are computed as documented; the
// JSON-lines audit keeps going past bad lines. The law's answers themselves
// are the vectors in tests/vectors/ and tests/vectors/audit/.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/text_format.h"
#include "netra/api.h"
#include "netra/audit.h"
#include "netra/evaluator.h"
#include "netra/text.h"
#include "test_names.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

template <typename M>
M Parse(const std::string& text) {
  M m;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &m)) << text;
  return m;
}

constexpr char kLike[] = R"(
  employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
  acts { norm: "neutrality.social_media_interaction" act_date: "2024-11-12"
         neutrality { target { election: "pilkada2024" office: REGENT } } }
  decision_date: "2025-01-20")";

v1::Determination Evaluate(const std::string& text) {
  auto d = Evaluator::Create(Book())->Evaluate(Parse<v1::EvaluationRequest>(text));
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? *d : v1::Determination();
}

absl::Status EvaluateError(const std::string& text) {
  return Evaluator::Create(Book())->Evaluate(Parse<v1::EvaluationRequest>(text)).status();
}

TEST(Neutrality, TheStageComesFromTheCalendarOfTheTargetsContest) {
  const v1::Determination d = Evaluate(kLike);
  ASSERT_EQ(d.acts_size(), 1);
  const v1::ElectionStage& es = d.acts(0).election_stage();
  EXPECT_EQ(es.election(), "pilkada2024");
  EXPECT_EQ(es.office(), v1::REGENT);
  EXPECT_EQ(es.stage(), v1::CAMPAIGN);
  EXPECT_EQ(es.candidate_status(), v1::CALON);
  ASSERT_GE(es.entries_size(), 2);
  EXPECT_EQ(es.entries(0).name(), "determination");
  EXPECT_EQ(es.entries(0).from(), "2024-09-22");
  EXPECT_FALSE(es.entries(0).cited_as().empty());
  EXPECT_EQ(es.entries(1).name(), "campaign");
  EXPECT_EQ(d.regime(), v1::DISCIPLINE);
  EXPECT_EQ(d.handling().body(), v1::BKN);
}

TEST(Neutrality, TheSameActBeforeDeterminationIsAnEthicsViolation) {
  const v1::Determination d = Evaluate(absl::StrReplaceAll(kLike, {{"2024-11-12", "2024-08-01"}}));
  EXPECT_EQ(d.regime(), v1::ETHICS);
  EXPECT_EQ(d.level(), v1::LEVEL_UNSPECIFIED);
  EXPECT_EQ(d.acts(0).election_stage().candidate_status(), v1::BAKAL_CALON);
  ASSERT_EQ(d.allowed_sanctions_size(), 2);
  EXPECT_EQ(d.allowed_sanctions(0).regime(), v1::ETHICS);
  EXPECT_FALSE(d.has_procedure()) << "PP 94's examination team is not for moral sanctions";
}

// An act's header names the decree's row that decided it: the disiplin row
// (huruf B) for a calon, the etika row (huruf A) for a bakal calon, not
// whichever row the norm lists first.
TEST(Neutrality, TheActsHeaderCitesTheRowThatDecidedIt) {
  const v1::Determination calon = Evaluate(kLike);
  ASSERT_FALSE(calon.acts(0).explanation().empty());
  for (const std::string& line : calon.acts(0).explanation()) {
    EXPECT_TRUE(absl::StartsWith(line, "acts[0] (neutrality.social_media_interaction, SKB 2/2022 Lampiran II huruf B "))
        << line;
  }
  const v1::Determination bakal = Evaluate(absl::StrReplaceAll(kLike, {{"2024-11-12", "2024-08-01"}}));
  for (const std::string& line : bakal.acts(0).explanation()) {
    EXPECT_TRUE(absl::StartsWith(line, "acts[0] (neutrality.social_media_interaction, SKB 2/2022 Lampiran II huruf A "))
        << line;
  }
}

// The wording tells the ASN's own candidacy from support for someone else.
TEST(Neutrality, OwnCandidacyIsWordedAsTheAsnsOwn) {
  const v1::Determination own = Evaluate(R"(
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    acts { norm: "neutrality.approach_party_as_bakal_calon" act_date: "2024-06-10"
           neutrality { target { election: "pilkada2024" office: REGENT } on_cltn: false } }
    decision_date: "2024-07-01")");
  bool worded = false;
  for (const std::string& line : own.acts(0).explanation()) {
    worded |= absl::StrContains(line, "so the ASN, as the aspiring candidate, was a bakal calon");
    EXPECT_FALSE(absl::StrContains(line, "person supported")) << line;
  }
  EXPECT_TRUE(worded) << absl::StrJoin(own.acts(0).explanation(), "\n");
  const v1::Determination other = Evaluate(kLike);
  for (const std::string& line : other.acts(0).explanation()) {
    EXPECT_FALSE(absl::StrContains(line, "aspiring candidate")) << line;
  }
}

struct Bad {
  const char* from;
  const char* to;
  const char* message;
};

class NeutralityRejects : public testing::TestWithParam<Bad> {};

TEST_P(NeutralityRejects, NamingFieldAndValue) {
  const absl::Status st = EvaluateError(absl::StrReplaceAll(kLike, {{GetParam().from, GetParam().to}}));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find(GetParam().message), absl::string_view::npos) << st;
}

INSTANTIATE_TEST_SUITE_P(
    BadTargets, NeutralityRejects,
    testing::Values(
        Bad{"pilkada2024", "pilkada2099", "acts[0].neutrality.target.election: unknown election \"pilkada2099\""},
        Bad{"office: REGENT", "", "acts[0].neutrality.target.office: required with an election"},
        Bad{"office: REGENT", "office: DPD", "acts[0].neutrality.target.office: election pilkada2024 has no contest for DPD"},
        Bad{"election: \"pilkada2024\" office: REGENT", "office: REGENT",
            "acts[0].neutrality.target.election: required with an office"},
        Bad{"office: REGENT", "office: REGENT route: 9", "acts[0].neutrality.target.route: unknown enum value 9"},
        Bad{"decision_date: \"2025-01-20\"", "decision_date: \"2024-11-11\"", "decision_date: 2024-11-11 is before"}),
    testing_names::ByField<&Bad::message>());

TEST(Neutrality, WithoutATargetTheCandidateStatusIsAMissingFact) {
  const v1::Determination d = Evaluate(absl::StrReplaceAll(kLike, {{"target { election: \"pilkada2024\" office: REGENT }", ""}}));
  EXPECT_EQ(d.outcome(), v1::MISSING_FACTS);
  ASSERT_EQ(d.missing_facts_size(), 1);
  EXPECT_EQ(d.missing_facts(0).field(), "acts[0].neutrality.target.election");
  // Each status with one office per class of offices the rules tell apart:
  // candidates for an office, and a party.
  ASSERT_EQ(d.missing_facts(0).alternatives_size(), 4);
  EXPECT_EQ(d.missing_facts(0).alternatives(0).value(), "BAKAL_CALON (REGENT)");
  EXPECT_EQ(d.missing_facts(0).alternatives(0).outcome(), v1::SANCTION);
  EXPECT_EQ(d.missing_facts(0).alternatives(1).value(), "BAKAL_CALON (POLITICAL_PARTY)");
  EXPECT_EQ(d.missing_facts(0).alternatives(2).value(), "CALON (REGENT)");
  EXPECT_EQ(d.missing_facts(0).alternatives(2).level(), v1::BERAT);
  EXPECT_EQ(d.missing_facts(0).alternatives(3).value(), "CALON (POLITICAL_PARTY)");
  EXPECT_EQ(d.missing_facts(0).alternatives(3).outcome(), v1::NO_STATUTORY_MAPPING);
}

// The alternatives' offices, in order.
std::vector<std::string> AlternativeValues(const v1::Determination& d) {
  std::vector<std::string> out;
  for (const auto& mf : d.missing_facts()) {
    for (const auto& alt : mf.alternatives()) out.push_back(alt.value());
  }
  return out;
}

TEST(Neutrality, TheAlternativesForAMissingTargetListOnlyOfficesTheRequestAllows) {
  using ::testing::ElementsAre;
  const auto with = [](absl::string_view target) {
    return Evaluate(absl::StrReplaceAll(kLike, {{"target { election: \"pilkada2024\" office: REGENT }", target}}));
  };
  // A candidate of a route is never a party.
  EXPECT_THAT(AlternativeValues(with("target { route: INDEPENDENT }")),
              ElementsAre("BAKAL_CALON (REGENT)", "CALON (REGENT)"));
  EXPECT_THAT(AlternativeValues(with("target { route: PARTY_NOMINATED }")),
              ElementsAre("BAKAL_CALON (REGENT)", "CALON (REGENT)"));
  // The ASN's own candidacy is never a party's.
  const v1::Determination own = Evaluate(absl::StrReplaceAll(
      kLike, {{"neutrality.social_media_interaction", "neutrality.approach_party_as_bakal_calon"},
              {"target { election: \"pilkada2024\" office: REGENT }", ""}}));
  ASSERT_EQ(own.outcome(), v1::MISSING_FACTS);
  for (const std::string& value : AlternativeValues(own)) EXPECT_EQ(value.find("POLITICAL_PARTY"), std::string::npos) << value;
}

TEST(Neutrality, PartyMembershipOnTheEmployeeNeedsADecisionDateWhenThereIsNoAct) {
  const std::string member = R"(employee { kind: PNS party_member: true position { type: PELAKSANA } })";
  EXPECT_NE(EvaluateError(member).message().find("decision_date: required when employee.party_member"),
            absl::string_view::npos);
  const v1::Determination d = Evaluate(std::string(member) + R"( decision_date: "2025-03-03")");
  ASSERT_EQ(d.acts_size(), 1);
  EXPECT_EQ(d.acts(0).norm(), "neutrality.party_membership");
  EXPECT_FALSE(d.warnings().empty()) << "the implicit act's date is the decision date: say so";
  // Whether the PNS resigned in writing decides PTDH or honourable dismissal.
  EXPECT_EQ(d.outcome(), v1::MISSING_FACTS);
  ASSERT_EQ(d.missing_facts_size(), 1);
  EXPECT_EQ(d.missing_facts(0).field(), "employee.party_member");
  for (const auto& alt : d.missing_facts(0).alternatives()) EXPECT_EQ(alt.outcome(), v1::SANCTION) << alt.value();
}

TEST(Neutrality, NonAsnStaffAreOutsideTheAsnRulesNamingTheCircular) {
  const v1::Determination d = Evaluate(absl::StrReplaceAll(kLike, {{"kind: PNS", "kind: NON_ASN"}}));
  EXPECT_EQ(d.outcome(), v1::OUTSIDE_SCOPE);
  ASSERT_EQ(d.acts_size(), 1);
  bool names_circular = false;
  for (const auto& e : d.acts(0).explanation()) names_circular |= e.find("1 Tahun 2023") != std::string::npos ||
                                                                   e.find("1/2023") != std::string::npos;
  EXPECT_TRUE(names_circular);
}

TEST(Elections, AreListedWithTheirSources) {
  ASSERT_NE(Book()->FindElection("pemilu2024"), nullptr);
  ASSERT_NE(Book()->FindElection("pilkada2024"), nullptr);
  EXPECT_EQ(Book()->FindElection("pemilu2029"), nullptr);
  EXPECT_NE(ElectionsText(*Book()).find("determination: 2023-11-13"), std::string::npos);
}

// The five elections before the 2022 decree have calendars: an act of those
// years gets its candidate's status from them (a party is determined in
// February 2018 for Pemilu 2019, its candidates only in September), and the
// decree's form, not yet in force, points to PP 53/2010.
TEST(Elections, TheElectionsBefore2022GiveTheStageOfTheirActs) {
  struct Case {
    const char* election;
    const char* office;
    const char* act_date;
    v1::Stage stage;
    v1::CandidateStatus status;
  };
  for (const Case& c : {Case{"pilkada2015", "REGENT", "2015-10-15", v1::CAMPAIGN, v1::CALON},
                        Case{"pilkada2017", "GOVERNOR", "2016-09-22", v1::NOMINATION, v1::BAKAL_CALON},
                        Case{"pilkada2018", "MAYOR", "2018-06-25", v1::QUIET, v1::CALON},
                        Case{"pemilu2019", "DPR", "2018-07-20", v1::NOMINATION, v1::BAKAL_CALON},
                        Case{"pemilu2019", "POLITICAL_PARTY", "2018-07-20", v1::DETERMINED_PRE_CAMPAIGN, v1::CALON},
                        Case{"pemilu2019", "PRESIDENT_VICE_PRESIDENT", "2019-01-15", v1::CAMPAIGN, v1::CALON},
                        Case{"pilkada2020", "REGENT", "2020-11-01", v1::CAMPAIGN, v1::CALON}}) {
    const v1::Determination d = Evaluate(absl::StrCat(R"(
      employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
      acts { norm: "neutrality.partisan_activity" act_date: ")", c.act_date, R"("
             neutrality { target { election: ")", c.election, R"(" office: )", c.office, R"( } } }
      decision_date: "2021-03-01")"));
    ASSERT_EQ(d.acts_size(), 1) << c.election;
    const v1::ElectionStage& es = d.acts(0).election_stage();
    EXPECT_EQ(es.election(), c.election);
    EXPECT_EQ(es.stage(), c.stage) << c.election << " " << c.office << " " << v1::Stage_Name(es.stage());
    EXPECT_EQ(es.candidate_status(), c.status) << c.election << " " << c.office;
    EXPECT_EQ(d.outcome(), v1::OUTSIDE_SCOPE) << c.election;
    EXPECT_TRUE(absl::StrContains(DeterminationText(d), "states the same duty as pp53.ban.election_support."))
        << DeterminationText(d);
  }
  const std::string list = ElectionsText(*Book());
  for (const char* id : {"pilkada2015", "pilkada2017", "pilkada2018", "pemilu2019", "pilkada2020"}) {
    EXPECT_TRUE(absl::StrContains(list, id)) << id;
  }
}

// A host adds a regional re-vote as data: its contest wins for its region.
TEST(Elections, ARegionalReVoteIsDataAndWinsForItsRegion) {
  const LawSource revote{"revote.textproto", R"(
    elections { id: "pilkada2024_psu" kind: PILKADA name: "Pemungutan suara ulang" year: 2025
      contests { id: "regent_7371" offices: REGENT regions: "73.71"
        determination { from: "2025-02-24" citations { instrument: "pkpu2_2024" part: "Lampiran" } }
        campaign { from: "2025-03-01" until: "2025-04-10" citations { instrument: "pkpu2_2024" part: "Lampiran" } }
        quiet { from: "2025-04-11" until: "2025-04-13" citations { instrument: "pkpu2_2024" part: "Lampiran" } }
        voting { from: "2025-04-14" citations { instrument: "pkpu2_2024" part: "Lampiran" } } } })"};
  auto book = RuleBook::Load({revote});
  ASSERT_TRUE(book.ok()) << book.status();
  std::string text = absl::StrReplaceAll(kLike, {{"pilkada2024", "pilkada2024_psu"}, {"2024-11-12", "2025-02-20"},
                                                 {"2025-01-20", "2025-03-20"},
                                                 {"office: REGENT", "office: REGENT region: \"73.71\""}});
  auto d = Evaluator::Create(*book)->Evaluate(Parse<v1::EvaluationRequest>(text));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->acts(0).election_stage().candidate_status(), v1::BAKAL_CALON);
  EXPECT_EQ(d->regime(), v1::ETHICS);
  // Outside its region the re-vote has no contest.
  text = absl::StrReplaceAll(text, {{"73.71", "73.72"}});
  EXPECT_FALSE(Evaluator::Create(*book)->Evaluate(Parse<v1::EvaluationRequest>(text)).ok());
}

TEST(ElectionsReject, DatesOutOfStageOrderNamingTheContest) {
  const LawSource bad{"bad.textproto", R"(
    elections { id: "x" kind: PEMILU contests { id: "c" offices: DPR
        determination { from: "2025-03-05" citations { instrument: "pkpu2_2024" part: "Lampiran" } }
        campaign { from: "2025-03-01" until: "2025-04-10" citations { instrument: "pkpu2_2024" part: "Lampiran" } }
        quiet { from: "2025-04-11" citations { instrument: "pkpu2_2024" part: "Lampiran" } }
        voting { from: "2025-04-14" citations { instrument: "pkpu2_2024" part: "Lampiran" } } } })"};
  auto book = RuleBook::Load({bad});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("bad.textproto: election x: contest c: dates out of order: campaign starts "
                                         "before determination"),
            absl::string_view::npos)
      << book.status();
  const LawSource uncited{"uncited.textproto", R"(
    elections { id: "y" kind: PEMILU contests { id: "c" offices: DPR
        determination { from: "2025-03-05" } campaign { from: "2025-03-06" } quiet { from: "2025-03-07" }
        voting { from: "2025-03-08" } } })"};
  book = RuleBook::Load({uncited});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("contest c.determination: an entry must cite its source"),
            absl::string_view::npos)
      << book.status();
}

v1::DecidedCase Decided(const std::string& imposed) {
  v1::DecidedCase c;
  *c.mutable_request() = Parse<v1::EvaluationRequest>(kLike);
  c.mutable_request()->clear_decision_date();
  *c.mutable_imposed() = Parse<v1::ImposedSanction>(imposed);
  c.set_case_id("c1");
  return c;
}

TEST(Auditor, RejectsMalformedDecisionsNamingTheField) {
  const Auditor a = *Auditor::Create(Book());
  EXPECT_NE(a.Audit(Decided(R"(sanction_type: "X9" decision_date: "2025-01-20")")).status().message().find(
                "imposed.sanction_type: unknown sanction type \"X9\""),
            absl::string_view::npos);
  EXPECT_NE(a.Audit(Decided(R"(sanction_type: "B1")")).status().message().find("imposed.decision_date: required"),
            absl::string_view::npos);
  v1::DecidedCase c = Decided(R"(sanction_type: "B1" decision_date: "2025-01-20")");
  c.mutable_request()->set_decision_date("2025-01-21");
  EXPECT_NE(a.Audit(c).status().message().find("request.decision_date: \"2025-01-21\" differs"), absl::string_view::npos);
  c = Decided(R"(sanction_type: "B1" decision_date: "2024-11-01")");
  EXPECT_NE(a.Audit(c).status().message().find("request.decision_date: 2024-11-01 is before"), absl::string_view::npos)
      << a.Audit(c).status();
}

TEST(Auditor, FastPathAgreesWithTheRenderedFinding) {
  const Auditor a = *Auditor::Create(Book());
  const v1::DecidedCase c = Decided(R"(sanction_type: "B2" official: OFFICIAL_PENGAWAS decision_date: "2025-01-20")");
  auto f = a.Audit(c);
  ASSERT_TRUE(f.ok()) << f.status();
  CaseFacts facts;
  ImposedFacts imposed;
  ASSERT_TRUE(a.Prepare(c, &facts, &imposed).ok());
  CaseResult scratch;
  const uint32_t v = a.Verdicts(facts, imposed, &scratch);
  EXPECT_EQ(v, 1u << v1::OFFICIAL_WITHOUT_AUTHORITY);
  EXPECT_EQ(f->verdict(), v1::OFFICIAL_WITHOUT_AUTHORITY);
  EXPECT_EQ(a.Verdicts(facts, imposed, &scratch), v) << "reusing the scratch result changes nothing";
}

// The signer is checked against the lines of the imposed type, whatever its
// place in the catalogue (S2T sits past bit 31 of the type masks).
TEST(Auditor, TheSignerIsCheckedAgainstTheImposedTypesOwnLines) {
  const Auditor a = *Auditor::Create(Book());
  v1::DecidedCase c;
  *c.mutable_request() = Parse<v1::EvaluationRequest>(R"(
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    acts { norm: "pp94.duty.attendance" act_date: "2023-12-29" absence { cumulative_working_days: 15 consecutive_working_days: 3 } })");
  *c.mutable_imposed() = Parse<v1::ImposedSanction>(R"(sanction_type: "S2T" official: OFFICIAL_PENGAWAS decision_date: "2024-02-05")");
  c.set_case_id("s2t");
  auto f = a.Audit(c);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->verdict(), v1::OFFICIAL_WITHOUT_AUTHORITY);
  bool named = false;
  for (const std::string& r : f->reasons()) named |= absl::StrContains(r, "competent: OFFICIAL_ADMINISTRATOR, PPK");
  EXPECT_TRUE(named) << f->DebugString();
}

TEST(Auditor, JsonLinesGoOnPastBadLinesAndCountEveryCase) {
  const auto a = *Engine::Create(Book());
  std::stringstream in;
  in << R"({"case_id": "ok", "request": {"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}}, "acts": [{"norm": "neutrality.social_media_interaction", "act_date": "2024-11-12", "neutrality": {"target": {"election": "pilkada2024", "office": "REGENT"}}}]}, "imposed": {"sanction_type": "B1", "official": "PPK", "decision_date": "2025-01-20"}})"
     << "\n\n{not json\n"
     << std::string(kMaxAuditLineBytes + 10, 'x') << "\n"
     << R"({"case_id": "no-type", "imposed": {"decision_date": "2025-01-20"}})";  // no final newline
  std::stringstream out;
  v1::AuditSummary summary;
  ASSERT_TRUE(a->AuditJsonLines(in, out, &summary).ok());
  EXPECT_EQ(summary.cases(), 4);
  EXPECT_EQ(summary.within_law(), 1);
  EXPECT_EQ(summary.invalid(), 3);
  const std::string text = out.str();
  EXPECT_NE(text.find("\"case_id\":\"ok\",\"verdict\":\"WITHIN_LAW\""), std::string::npos) << text.substr(0, 300);
  EXPECT_NE(text.find("{\"line\":3,\"code\":\"INVALID_ARGUMENT\",\"error\":\"invalid JSON"), std::string::npos);
  EXPECT_NE(text.find("{\"line\":4,\"code\":\"INVALID_ARGUMENT\",\"error\":\"line of more than"), std::string::npos);
  EXPECT_NE(text.find("{\"line\":5,\"code\":\"INVALID_ARGUMENT\",\"error\":\"imposed.sanction_type: required"), std::string::npos);
}

}  // namespace
}  // namespace netra
