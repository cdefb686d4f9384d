// The synthetic-data generators' contracts (netra/synth.h): determinism,
// valid and unique NIPs, the documented mixes, reports that netra evaluates,
// follow-up rates near their parameters, and the synthetic label.
#include "netra/synth.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/nip.h"
#include "test_names.h"

namespace netra::synth {
namespace {

std::string Roster(uint64_t seed, int64_t employees, int agencies = 0) {
  std::ostringstream out;
  EXPECT_TRUE(WriteRoster({.seed = seed, .employees = employees, .agencies = agencies}, out).ok());
  return out.str();
}

std::string Reports(uint64_t seed, int64_t count, const std::string& election) {
  std::ostringstream out;
  EXPECT_TRUE(WriteReports({.seed = seed, .count = count, .election = election}, out).ok());
  return out.str();
}

std::vector<std::vector<std::string>> Rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  for (absl::string_view line : absl::StrSplit(csv, '\n', absl::SkipEmpty())) {
    rows.push_back(absl::StrSplit(line, ','));
  }
  return rows;
}

TEST(SynthRoster, SameSeedSameBytesOtherSeedOtherBytes) {
  const std::string a = Roster(7, 5000);
  EXPECT_EQ(a, Roster(7, 5000));
  EXPECT_NE(a, Roster(8, 5000));
  // A prefix of a bigger roster is not promised (agency sizes scale), but
  // the generator object and WriteRoster agree.
  auto gen = RosterGenerator::Create({.seed = 7, .employees = 5000});
  ASSERT_TRUE(gen.ok());
  std::string b = std::string(kRosterHeader) + "\n";
  while ((*gen)->AppendCsvLine(&b)) {
  }
  EXPECT_EQ(a, b);
}

TEST(SynthRoster, EveryNipParsesWithTheKindsStyleAndIsUnique) {
  const auto rows = Rows(Roster(11, 20000));
  ASSERT_EQ(rows.size(), 20001u);
  EXPECT_EQ(absl::StrJoin(rows[0], ","), kRosterHeader);
  std::set<std::string> seen;
  std::set<std::string> types;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 9u) << i;
    EXPECT_TRUE(r[8] == "0" || r[8] == "1") << r[8];
    const std::string& nip = r[0];
    const std::string& type = r[2];
    types.insert(type);
    EXPECT_TRUE(absl::StartsWith(r[1], "Pegawai Sintetis ")) << r[1];
    v1::PositionType pt;
    EXPECT_TRUE(v1::PositionType_Parse(r[5], &pt)) << r[5];
    EXPECT_FALSE(r[6].empty());
    EXPECT_TRUE(absl::StrContains(r[7], "Sintetis")) << r[7];
    if (type == "NON_ASN") {
      EXPECT_TRUE(nip.empty()) << i;
      continue;
    }
    auto parsed = ParseNip(nip, "nip");
    ASSERT_TRUE(parsed.ok()) << i << ": " << parsed.status();
    EXPECT_TRUE(parsed->warnings.empty()) << nip << ": " << parsed->warnings[0];
    const bool pppk = type == "PPPK" || type == "PPPK_PARUH_WAKTU";
    EXPECT_EQ(parsed->style, pppk ? Nip::Style::kPppk : Nip::Style::kPns) << nip << " " << type;
    EXPECT_TRUE(type == "PNS" || type == "CPNS" || pppk) << type;
    EXPECT_TRUE(seen.insert(nip).second) << "duplicate NIP " << nip;
  }
  EXPECT_EQ(types, (std::set<std::string>{"PNS", "CPNS", "PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"}));
}

TEST(SynthRoster, KindMixIsWithinTolerance) {
  const auto rows = Rows(Roster(3, 20000));
  std::map<std::string, int> n;
  for (size_t i = 1; i < rows.size(); ++i) ++n[rows[i][2]];
  const double total = static_cast<double>(rows.size() - 1);
  // Parameters of synth.cc (docs/data-model.md); unit heads are
  // all PNS, which lifts PNS by about their share.
  const std::map<std::string, double> want = {
      {"PNS", 0.58}, {"CPNS", 0.03}, {"PPPK", 0.22}, {"PPPK_PARUH_WAKTU", 0.14}, {"NON_ASN", 0.03}};
  for (const auto& [type, share] : want) EXPECT_NEAR(n[type] / total, share, 0.02) << type;
}

TEST(SynthRoster, OneLeaderHeadsEachUnitAndMostStaffAreNotLeaders) {
  const auto rows = Rows(Roster(5, 20000, 3));
  std::map<std::string, int> leaders;  // agency|unit -> count
  int functional = 0, pelaksana = 0;
  std::string last;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const std::string key = r[7] + "|" + r[6];
    const bool leader = r[5] == "JPT_MADYA" || r[5] == "JPT_PRATAMA" || r[5] == "ADMINISTRATOR" || r[5] == "PENGAWAS";
    if (key != last) EXPECT_TRUE(leader) << "unit " << key << " does not start with its head";
    // The leader column marks exactly the head (the leadership pact's signer).
    EXPECT_EQ(r[8], key != last ? "1" : "0") << "row " << i;
    if (leader) ++leaders[key];
    functional += absl::StartsWith(r[5], "FUNGSIONAL_");
    pelaksana += r[5] == "PELAKSANA";
    last = key;
  }
  for (const auto& [unit, count] : leaders) EXPECT_EQ(count, 1) << unit;
  EXPECT_GT(functional + pelaksana, 0.95 * (rows.size() - 1));
}

TEST(SynthRoster, BadOptionsAreRefused) {
  std::ostringstream out;
  EXPECT_TRUE(absl::IsInvalidArgument(WriteRoster({.employees = 0}, out)));
  EXPECT_TRUE(absl::IsInvalidArgument(WriteRoster({.employees = 10, .agencies = 11}, out)));
  EXPECT_TRUE(absl::IsInvalidArgument(WriteRoster({.employees = 10, .agencies = -1}, out)));
  EXPECT_TRUE(out.str().empty());
  EXPECT_TRUE(WriteRoster({.employees = 1}, out).ok());
}

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

TEST(SynthReports, SameSeedSameBytesOtherSeedOtherBytes) {
  const std::string a = Reports(7, 500, "pilkada2024");
  EXPECT_EQ(a, Reports(7, 500, "pilkada2024"));
  EXPECT_NE(a, Reports(8, 500, "pilkada2024"));
  EXPECT_EQ(std::count(a.begin(), a.end(), '\n'), 500);
  EXPECT_TRUE(absl::StartsWith(a, "{\"report_id\":\"SYN-pilkada2024-0000001\",\"synthetic\":true,")) << a.substr(0, 80);
}

struct Window {
  const char* election;
  const char* from;
  const char* until;
};

class SynthReportsEvaluate : public testing::TestWithParam<Window> {};

TEST_P(SynthReportsEvaluate, EveryReportIsValidInputWithALegalAnswer) {
  const Window w = GetParam();
  auto evaluator = Evaluator::Create(Book());
  ASSERT_TRUE(evaluator.ok());
  auto gen = ReportGenerator::Create({.seed = 42, .count = 20000, .election = w.election});
  ASSERT_TRUE(gen.ok());
  const absl::CivilDay from = *ParseDate(w.from, "from"), until = *ParseDate(w.until, "until");
  std::map<v1::Outcome, int> outcomes;
  int n = 0, proven = 0, sanctioned = 0, blocked = 0, social = 0, jpt = 0, ethics = 0, discipline = 0;
  std::set<std::string> ids;
  while (auto r = (*gen)->Next()) {
    ++n;
    ASSERT_TRUE(r->synthetic());
    ASSERT_TRUE(absl::StartsWith(r->report_id(), absl::StrCat("SYN-", w.election, "-")));
    ASSERT_TRUE(ids.insert(r->report_id()).second);
    ASSERT_TRUE(absl::StrContains(r->note(), "SYNTHETIC"));
    const v1::EvaluationRequest& req = r->request();
    ASSERT_EQ(req.acts_size(), 1);
    const v1::Act& act = req.acts(0);
    ASSERT_TRUE(absl::StartsWith(act.norm(), "neutrality.")) << act.norm();
    ASSERT_EQ(act.neutrality().target().election(), w.election);
    const absl::CivilDay day = *ParseDate(act.act_date(), "act_date");
    ASSERT_GE(day, from) << act.act_date();
    ASSERT_LE(day, until) << act.act_date();
    ASSERT_GT(*ParseDate(req.decision_date(), "decision_date"), day);

    auto d = evaluator->Evaluate(req);
    ASSERT_TRUE(d.ok()) << r->report_id() << ": " << d.status();
    ASSERT_NE(d->outcome(), v1::OUTCOME_UNSPECIFIED);
    ASSERT_NE(d->outcome(), v1::MISSING_FACTS) << r->report_id() << " " << act.norm();
    ASSERT_NE(d->outcome(), v1::OUTSIDE_SCOPE) << r->report_id();
    ASSERT_TRUE(d->warnings().empty()) << r->report_id() << ": " << d->warnings(0);
    ++outcomes[d->outcome()];
    if (d->outcome() == v1::SANCTION) ++(d->regime() == v1::ETHICS ? ethics : discipline);

    proven += r->proven();
    sanctioned += r->sanctioned();
    blocked += r->blocked();
    ASSERT_TRUE(!r->sanctioned() || r->proven());
    ASSERT_TRUE(!r->blocked() || (r->proven() && !r->sanctioned()));
    social += absl::StartsWith(act.norm(), "neutrality.social_media_");
    const v1::PositionType pt = req.employee().position().type();
    jpt += pt == v1::JPT_PRATAMA || pt == v1::JPT_MADYA;
  }
  ASSERT_EQ(n, 20000);
  EXPECT_GT(outcomes[v1::SANCTION], n / 2);
  const ReportRates& rates = (*gen)->rates();
  // 20,000 draws: a standard error below 0.004 for every rate here.
  EXPECT_NEAR(static_cast<double>(proven) / n, rates.p_proven, 0.015);
  EXPECT_NEAR(static_cast<double>(sanctioned) / proven, rates.p_sanctioned, 0.015);
  EXPECT_NEAR(static_cast<double>(blocked) / proven, rates.p_blocked, 0.015);
  const bool pilkada = std::string(w.election) == "pilkada2024";
  EXPECT_NEAR(static_cast<double>(social) / n, pilkada ? 0.304 : 0.271, 0.015);
  EXPECT_NEAR(static_cast<double>(jpt) / n, pilkada ? 0.36 : 0.229, 0.015);
  // Stage-dependent mix: some ethics, discipline dominant during campaigns.
  EXPECT_GT(ethics, n / 20);
  EXPECT_GT(discipline, ethics);
}

INSTANTIATE_TEST_SUITE_P(SynthElections, SynthReportsEvaluate,
                         testing::Values(Window{"pilkada2024", "2024-05-05", "2024-12-16"},
                                         Window{"pemilu2024", "2023-01-01", "2024-03-20"}),
                         testing_names::ByField<&Window::election>());

TEST(SynthReports, DefaultRatesFollowTheElection) {
  auto pilkada = ReportGenerator::Create({.count = 1, .election = "pilkada2024"});
  auto pemilu = ReportGenerator::Create({.count = 1, .election = "pemilu2024"});
  ASSERT_TRUE(pilkada.ok() && pemilu.ok());
  EXPECT_GE((*pilkada)->rates().p_proven, 0.72);
  EXPECT_LE((*pilkada)->rates().p_proven, 0.79);
  EXPECT_GE((*pemilu)->rates().p_proven, 0.45);
  EXPECT_LE((*pemilu)->rates().p_proven, 0.55);
  EXPECT_GE((*pilkada)->rates().p_sanctioned, 0.86);
  EXPECT_LE((*pilkada)->rates().p_sanctioned, 0.91);
}

TEST(SynthReports, BadOptionsAreRefused) {
  std::ostringstream out;
  EXPECT_TRUE(absl::IsInvalidArgument(WriteReports({.count = 1, .election = "pilkada2020"}, out)));
  EXPECT_TRUE(absl::IsInvalidArgument(WriteReports({.count = -1, .election = "pemilu2024"}, out)));
  EXPECT_TRUE(
      absl::IsInvalidArgument(WriteReports({.count = 1, .election = "pemilu2024", .p_proven = 1.5}, out)));
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace netra::synth
