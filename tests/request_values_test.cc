// Evaluator::Prepare(RequestValues), the typed core that the DataFrame path
// fills, against Prepare(v1::EvaluationRequest), the protobuf adapter: the
// same values give the same error or the same prepared facts.
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "netra/date.h"
#include "netra/evaluator.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

// Every prepared fact, as text: two preparations agree when their texts do.
std::string FactsText(const CaseFacts& f) {
  std::string out = absl::StrCat("kind ", f.kind, " position ", f.position, " jf ", f.jf_level, " agency ", f.agency,
                                 " ppk ", f.is_ppk, " exam ", f.has_examination_date, " ",
                                 FormatDate(f.examination_date), " decision ", FormatDate(f.decision_date),
                                 " vacant ", f.vacant_mask, " designated ", f.designated_mask, "\n");
  for (const ActFacts& a : f.acts) {
    absl::StrAppend(&out, "act ", a.norm, " ", FormatDate(a.act_date), "..", FormatDate(a.act_date_until), " impact ",
                    a.impact, " cumulative ", a.cumulative_days, " [", a.cumulative_at_least, ",",
                    a.cumulative_at_most, "] consecutive ", a.consecutive_days, " [", a.consecutive_at_least, ",",
                    a.consecutive_at_most, "] late ", a.late_minutes, " reason ", a.valid_reason, " wealth ",
                    a.wealth_obliged, " reference ", a.reference_type, " tenth ", a.has_tenth_day, " ",
                    FormatDate(a.tenth_day), " election ", a.election, " contest ", a.contest, " status ", a.status,
                    " reported ", a.status_reported, " stage ", a.stage, " office ", a.office, " route ", a.route,
                    " cltn ", a.on_cltn, " active ", a.active_support, " resigned ", a.resigned, " breach ",
                    a.cltn_breach, " intentional ", a.intentional, " target ", a.work_target, " implicit ",
                    a.implicit, "\n");
  }
  for (const PriorSanctionFacts& p : f.priors) {
    absl::StrAppend(&out, "prior ", p.type, " ", p.norm, " ", FormatDate(p.decision_date), "\n");
  }
  for (const std::string& w : f.warnings) absl::StrAppend(&out, "warning ", w, "\n");
  return out;
}

// Prepared by either path: the error message, or the facts.
template <typename Request>
std::string Prepared(const Evaluator& ev, const Request& request) {
  CaseFacts facts;
  if (absl::Status st = ev.Prepare(request, &facts); !st.ok()) return "error: " + std::string(st.message());
  return FactsText(facts);
}

// Random values over every field, valid and not: known and unknown norms,
// dates in any order, counts out of range, both a count and its range,
// unknown enum numbers, elections with and without contests.
class Values {
 public:
  explicit Values(uint32_t seed) : rng_(seed) {}

  RequestValues Next() {
    RequestValues v;
    v.kind = static_cast<v1::EmployeeKind>(Maybe(20) ? Pick(7) : 1 + Pick(5));  // 0 and 6: refused
    v.position = static_cast<v1::PositionType>(Pick(12));
    v.jf_level = Maybe(20) ? static_cast<v1::JfLevel>(Pick(6)) : v1::JF_LEVEL_UNSPECIFIED;
    v.is_ppk = Maybe(50);
    v.agency_level = static_cast<v1::AgencyLevel>(Pick(4));
    v.nip = Maybe(5) ? "198003142005031011" : Maybe(20) ? "12345" : "";
    v.party_member = Maybe(15);
    const int acts = Maybe(30) ? 0 : 1 + Pick(2);
    // Dates mostly in order: acts before the examination before the decision.
    base_ = absl::CivilDay(2019, 6, 1) + Pick(7 * 365);
    acts_.assign(acts, {});
    for (RequestValues::Act& a : acts_) {
      static const char* kNorms[] = {"pp94.duty.attendance", "pp94.duty.policy", "pp94.duty.service",
                                     "pp94.ban.abuse_authority", "pp53.duty.attendance", "pp94.duty.wealth_report",
                                     "neutrality.social_media_interaction", "neutrality.banner",
                                     "neutrality.party_membership", "pp94.duty.atendance", ""};
      a.norm = kNorms[Pick(11)];
      if (Maybe(15)) {
        a.has_range = true;
        if (!Maybe(10)) a.range_from = ActDay();
        if (!Maybe(10)) a.range_until = ActDay();
        if (Maybe(10)) a.act_date = ActDay();
      } else if (!Maybe(10)) {
        a.act_date = ActDay();
      }
      a.impact = static_cast<v1::Impact>(Pick(6));
      for (RequestValues::Count* c : {&a.cumulative_working_days, &a.consecutive_working_days}) {
        if (Maybe(3)) c->value = Pick(50) - 2;
        if (Maybe(10)) {
          c->has_range = true;
          c->at_least = Pick(40);
          if (Maybe(2)) c->at_most = Pick(60);
        }
      }
      a.late_or_early_minutes = Maybe(5) ? Pick(3000) : 0;
      if (Maybe(8)) a.tenth_consecutive_day = ActDay();
      if (Maybe(4)) a.valid_reason = Maybe(2);
      if (Maybe(4)) a.wealth_report_obliged = Maybe(2);
      if (Maybe(4)) a.intentional = Maybe(2);
      if (Maybe(6)) a.work_target_percent = Pick(1200) - 50;
      if (Maybe(10)) a.reference_sanction = Maybe(2) ? "R1" : "nope";
      if (Maybe(3)) {
        RequestValues::Neutrality& n = a.neutrality;
        n.given = true;
        static const char* kElections[] = {"pilkada2024", "pemilu2024", "", "pilkada2099"};
        n.election = kElections[Pick(4)];
        n.region = Maybe(3) ? "Sleman" : "";
        n.office = static_cast<v1::Office>(Pick(9));
        n.route = static_cast<v1::CandidateRoute>(Pick(4));
        if (Maybe(8)) n.reported_status = static_cast<v1::CandidateStatus>(Pick(4));
        if (Maybe(3)) n.on_cltn = Maybe(2);
        if (Maybe(3)) n.active_support = Maybe(2);
        if (Maybe(5)) n.resigned_in_writing = Maybe(2);
        if (Maybe(5)) n.cltn_conduct_breach = Maybe(2);
        if (Maybe(5)) n.campaign_attributes = Maybe(2);
        if (Maybe(5)) n.mobilised_staff = Maybe(2);
        if (Maybe(5)) n.state_facilities = Maybe(2);
      }
    }
    v.acts = acts_;
    priors_.assign(Maybe(4) ? 1 + Pick(2) : 0, {});
    for (RequestValues::Prior& p : priors_) {
      if (!Maybe(8)) p.sanction_type = Maybe(2) ? "R1" : "S1";
      if (Maybe(2)) p.norm = "pp94.duty.attendance";
      if (Maybe(6)) p.siasn_jenis_hukuman_id = Pick(30);
      if (!Maybe(10)) p.decision_date = Maybe(10) ? Day() : base_ - 400 - Pick(900);
    }
    v.prior_sanctions = priors_;
    if (Maybe(4)) v.examination_date = Maybe(20) ? Day() : base_ + Pick(30);
    if (!Maybe(3)) v.decision_date = Maybe(20) ? Day() : base_ + 30 + Pick(300);
    officials_.assign(Maybe(10) ? 1 + Pick(2) : 0, 0);
    for (int& o : officials_) o = Pick(16);
    v.vacant_posts = officials_;
    if (Maybe(5)) v.designated_officials = absl::MakeConstSpan(officials_.data(), officials_.size() > 0 ? 1 : 0);
    return v;
  }

 private:
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  bool Maybe(int one_in) { return Pick(one_in) == 0; }
  absl::CivilDay Day() { return absl::CivilDay(2019, 1, 1) + Pick(8 * 365); }
  // A day of an act: before base_, rarely anywhere.
  absl::CivilDay ActDay() { return Maybe(20) ? Day() : base_ - Pick(200); }

  std::mt19937 rng_;
  absl::CivilDay base_;
  std::vector<RequestValues::Act> acts_;
  std::vector<RequestValues::Prior> priors_;
  std::vector<int> officials_;
};

TEST(RequestValues, PrepareGivesWhatTheRequestOfTheSameValuesGives) {
  const Evaluator ev = *Evaluator::Create(Book());
  Values values(2021);
  int ok = 0, refused = 0;
  for (int i = 0; i < 20000; ++i) {
    const RequestValues v = values.Next();
    v1::EvaluationRequest r;
    ToRequest(v, &r);
    const std::string typed = Prepared(ev, v);
    ASSERT_EQ(typed, Prepared(ev, r)) << "case " << i << ": " << r.ShortDebugString();
    ++(typed.rfind("error: ", 0) == 0 ? refused : ok);
  }
  // Both kinds of answer are exercised, not only refusals.
  EXPECT_GT(ok, 1000);
  EXPECT_GT(refused, 2000);
}

TEST(RequestValues, ADayOutsideTheYearsARequestMayGiveIsRefusedNamingItsField) {
  const Evaluator ev = *Evaluator::Create(Book());
  RequestValues::Act act;
  act.norm = "pp94.duty.attendance";
  act.act_date = absl::CivilDay(2025, 6, 30);
  act.cumulative_working_days.value = 12;
  RequestValues v;
  v.kind = v1::PNS;
  v.acts = absl::MakeConstSpan(&act, 1);
  CaseFacts facts;
  EXPECT_TRUE(ev.Prepare(v, &facts).ok());
  act.act_date = absl::CivilDay(1850, 6, 30);
  EXPECT_EQ(ev.Prepare(v, &facts).message(),
            "acts[0].act_date: 1850-06-30 is outside the years netra reads (1900-2199)");
  act.act_date = absl::CivilDay(2025, 6, 30);
  v.decision_date = absl::CivilDay(2200, 1, 1);
  EXPECT_EQ(ev.Prepare(v, &facts).message(), "decision_date: 2200-01-01 is outside the years netra reads (1900-2199)");
}

TEST(RequestValues, TheRequestAdapterNamesAnUnreadableDateAsBefore) {
  const Evaluator ev = *Evaluator::Create(Book());
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  v1::Act* a = r.add_acts();
  a->set_norm("pp94.duty.attendance");
  a->set_act_date("2025-02-30");
  CaseFacts facts;
  EXPECT_EQ(ev.Prepare(r, &facts).message(), "acts[0].act_date: \"2025-02-30\" is not a date (no such day)");
  a->set_act_date("2025-02-28");
  r.add_acts()->set_norm("pp94.duty.attendance");
  r.mutable_acts(1)->mutable_act_date_range()->set_from("2025-1-01");
  EXPECT_EQ(ev.Prepare(r, &facts).message(),
            "acts[1].act_date_range.from: \"2025-1-01\" is not a date (expected YYYY-MM-DD)");
}

}  // namespace
}  // namespace netra
