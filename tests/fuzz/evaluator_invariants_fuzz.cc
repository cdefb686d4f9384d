// The evaluator on random but well-formed facts: the fuzz bytes decode into
// a valid EvaluationRequest (a norm of the rule book, dates around the law's
// window and the 2024 elections, facts from small ranges, any employee kind,
// position and agency, prior sanctions, one of a few setting profiles), and
// the answer is checked against properties the law guarantees:
//
// (a) Grounded answers: every act's answer cites a level rule of its norm or
//     says why none applies (determination_check.h).
// (b) Monotonicity where the law is monotone, everything else equal:
//   - attendance (pp94.duty.attendance, PP 94/2021 Pasal 9(2)(b), 10(2)(f),
//     11(2)(d)): more cumulative days of unexcused absence never give a
//     lighter answer (NO_VIOLATION < NO_SANCTION < RINGAN < SEDANG < BERAT);
//     with the consecutive run known and no prior sanctions, a sanction stays
//     a sanction. (Without the run, more days can make the 10-day-run rule of
//     Pasal 11(2)(d)(4) possible, so MISSING_FACTS is then a right answer; a
//     prior sanction under the repeat rule of Pasal 35(2) can end in "no
//     statutory level" when no heavier type exists.)
//   - impact (work unit < agency < state, Pasal 1 angka 9-10 and the grading
//     of Pasal 9-14): a heavier impact never gives a lighter answer. For the
//     impact-graded norms, with no prior sanctions, a sanction stays a
//     sanction, except the norms where the law itself gives no level for the
//     state/government impact (listed in kNoLevelAtHeavierImpact, each with
//     its article).
// (c) Fast and slow paths agree: Evaluate(request), with the request's own
//     settings, equals Render(Evaluate(Prepare(request))) on an evaluator
//     created with those settings, reusing one CaseResult across inputs (no
//     state may leak from the previous evaluation).
// (d) A fact is reported missing only when it changes the answer, and a fact
//     said not to matter does not (missing_facts_check.h): counts and act
//     dates are sometimes given only as ranges.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "determination_check.h"
#include "fuzz_common.h"
#include "missing_facts_check.h"
#include "google/protobuf/util/message_differencer.h"
#include "netra/date.h"
#include "netra/evaluator.h"

namespace {

using netra::v1::EvaluationRequest;

constexpr char kAttendance[] = "pp94.duty.attendance";

// Impact-graded norms for which a heavier impact legitimately has no
// statutory level although a lighter one is sanctioned (the law grades the
// work unit and the agency but says nothing of the state/government):
constexpr const char* kNoLevelAtHeavierImpact[] = {
    "pp94.duty.state_assets",             // Pasal 4 huruf g: graded in 9(2)(c), 10(2)(g) only
    "pp94.duty.develop_staff",            // Pasal 4 huruf h: graded in 9(2)(d), 10(2)(h) only
    "pp94.ban.harm_state",                // Pasal 5 huruf h: graded in 12 huruf b, 13 huruf c only
    "pp94.ban.arbitrary_to_subordinate",  // Pasal 5 huruf i: graded in 12 huruf c, 13 huruf d only
    "pp94.ban.obstruct",                  // Pasal 5 huruf j: graded in 12 huruf d, 13 huruf f only
    "pp94.ban.harm_served",               // Pasal 5 huruf m: graded in 13 huruf e (agency) only
};

struct World {
  std::shared_ptr<const netra::RuleBook> book;
  std::vector<std::string> norms;           // every norm id
  std::vector<std::string> graded;          // norms with impact-conditioned level rules
  std::set<std::string> strictly_graded;    // graded minus kNoLevelAtHeavierImpact
  std::vector<std::string> codes;           // sanction type codes
  std::vector<const netra::v1::Election*> elections;
  std::vector<std::map<std::string, std::string>> profiles;
  std::vector<netra::Evaluator> evaluators;  // one per profile
};

const World& W() {
  static const World* w = [] {
    auto* w = new World;
    w->book = netra_fuzz::Book();
    std::set<std::string> graded;
    for (const netra::RuleEntry& r : w->book->rules()) {
      if (r.rule->has_norm()) w->norms.push_back(r.rule->id());
      if (r.rule->has_sanction_type()) w->codes.push_back(r.rule->sanction_type().code());
      if (r.rule->has_level() && r.rule->level().when().impact_any_of_size() > 0) graded.insert(r.rule->level().norm());
    }
    w->graded.assign(graded.begin(), graded.end());
    w->strictly_graded = graded;
    for (const char* n : kNoLevelAtHeavierImpact) {
      FUZZ_CHECK(graded.count(n) > 0, n, " is listed as impact-graded but has no impact rule");
      w->strictly_graded.erase(n);
    }
    FUZZ_CHECK(w->book->FindRule(kAttendance) != nullptr, "no attendance norm");
    w->elections = w->book->elections();
    w->profiles = {
        {},
        {{"tukin_sedang_operative_from", "2024-01-01"}, {"sedang_substitute_pairing", "ANY_SUBSTITUTE"}},
        {{"repeat_may_cross_level", "false"},
         {"attendance_exempt_from_repeat_rule", "false"},
         {"late_minutes_per_absence_day", "450"}},
        {{"jf_authority_reading", "BKN_GUIDE"},
         {"skb_d03_level", "BERAT"},
         {"skb_d08_level", "SEDANG"},
         {"skb_d09_level", "BERAT"}},
    };
    for (const auto& p : w->profiles) {
      auto e = netra::Evaluator::Create(w->book, p);
      FUZZ_CHECK(e.ok(), e.status().ToString());
      w->evaluators.push_back(*std::move(e));
    }
    return w;
  }();
  return *w;
}

template <typename Enum>
Enum PickEnum(netra_fuzz::Bytes& in, const google::protobuf::EnumDescriptor* d) {
  return static_cast<Enum>(d->value(static_cast<int>(in.Pick(d->value_count())))->number());
}

std::string Day(absl::CivilDay d) { return netra::FormatDate(d); }

// Decodes a well-formed request (Prepare may still refuse a few
// combinations, e.g. a decision date before an act).
EvaluationRequest Decode(netra_fuzz::Bytes& in, const World& w) {
  EvaluationRequest r;
  netra::v1::Employee& e = *r.mutable_employee();
  static const netra::v1::EmployeeKind kKinds[] = {netra::v1::PNS,  netra::v1::PNS,  netra::v1::PNS,
                                                   netra::v1::CPNS, netra::v1::PPPK, netra::v1::PPPK_PARUH_WAKTU,
                                                   netra::v1::NON_ASN, netra::v1::PNS};
  e.set_kind(kKinds[in.Pick(8)]);
  const auto position = PickEnum<netra::v1::PositionType>(in, netra::v1::PositionType_descriptor());
  e.mutable_position()->set_type(position);
  if (position == netra::v1::FUNGSIONAL_KEAHLIAN || position == netra::v1::FUNGSIONAL_KETERAMPILAN) {
    e.mutable_position()->set_jf_level(PickEnum<netra::v1::JfLevel>(in, netra::v1::JfLevel_descriptor()));
  }
  if (position == netra::v1::JPT_MADYA) e.mutable_position()->set_is_ppk(in.Pick(4) == 0);
  e.mutable_agency()->set_level(PickEnum<netra::v1::AgencyLevel>(in, netra::v1::AgencyLevel_descriptor()));
  e.set_party_member(in.Pick(16) == 0);

  const int acts = 1 + static_cast<int>(in.Pick(3));
  absl::CivilDay latest(2000, 1, 1);
  for (int i = 0; i < acts; ++i) {
    netra::v1::Act& a = *r.add_acts();
    const uint8_t family = in.Pick(4);
    const std::string& norm = family == 0   ? std::string(kAttendance)
                              : family == 1 ? w.graded[in.Pick(static_cast<uint32_t>(w.graded.size()))]
                                            : w.norms[in.Pick(static_cast<uint32_t>(w.norms.size()))];
    a.set_norm(norm);
    const bool electoral = absl::StartsWith(norm, "neutrality.") || absl::StartsWith(norm, "uuasn.");
    // Around the 2024 elections for neutrality forms; otherwise from before
    // PP 94/2021 (31 August 2021, Pasal 40 transition) to 2026.
    const absl::CivilDay date =
        electoral ? absl::CivilDay(2023, 6, 1) + in.Pick(700) : absl::CivilDay(2021, 6, 1) + in.Pick(2000);
    if (in.Pick(6) == 0) {
      a.mutable_act_date_range()->set_from(Day(date - static_cast<int>(in.Pick(120))));
      a.mutable_act_date_range()->set_until(Day(date));
    } else {
      a.set_act_date(Day(date));
    }
    latest = std::max(latest, date);
    a.set_impact(static_cast<netra::v1::Impact>(in.Pick(4)));
    if (norm == kAttendance || in.Pick(8) == 0) {
      netra::v1::Absence& ab = *a.mutable_absence();
      int cumulative = -1;
      if (in.Pick(6) != 0) {
        cumulative = in.Pick(5) == 0 ? static_cast<int>(in.Pick(367)) : static_cast<int>(in.Pick(35));
        if (in.Pick(5) == 0) {
          // Known only within bounds: "at least N", or "N to M".
          const int lo = static_cast<int>(in.Pick(35));
          ab.mutable_cumulative_working_days_range()->set_at_least(lo);
          cumulative = -1;
          if (in.Bit()) {
            cumulative = lo + static_cast<int>(in.Pick(20));
            ab.mutable_cumulative_working_days_range()->set_at_most(cumulative);
          }
        } else {
          ab.set_cumulative_working_days(cumulative);
        }
      }
      if (in.Pick(3) != 0) {
        int run = static_cast<int>(in.Pick(16));
        if (cumulative >= 0) run = std::min(run, cumulative);
        if (in.Pick(5) == 0) {
          ab.mutable_consecutive_working_days_range()->set_at_least(run);
          if (in.Bit()) ab.mutable_consecutive_working_days_range()->set_at_most(run + static_cast<int>(in.Pick(8)));
        } else {
          ab.set_consecutive_working_days(run);
        }
        if (run >= 10 && in.Bit()) ab.set_tenth_consecutive_day(Day(date - static_cast<int>(in.Pick(30))));
      }
      if (in.Pick(4) == 0) ab.set_late_or_early_minutes(in.U16() % 6000);
    }
    if (const uint8_t v = in.Pick(3); v != 0) a.set_valid_reason(v == 2);
    if (const uint8_t v = in.Pick(3); v != 0) a.set_wealth_report_obliged(v == 2);
    if (in.Pick(4) == 0) a.set_reference_sanction(w.codes[in.Pick(static_cast<uint32_t>(w.codes.size()))]);
    if (electoral || in.Pick(8) == 0) {
      netra::v1::NeutralityFacts& n = *a.mutable_neutrality();
      if (!w.elections.empty() && in.Pick(6) != 0) {
        const netra::v1::Election& el = *w.elections[in.Pick(static_cast<uint32_t>(w.elections.size()))];
        n.mutable_target()->set_election(el.id());
        if (el.contests_size() > 0) {
          const netra::v1::Contest& c = el.contests(static_cast<int>(in.Pick(el.contests_size())));
          if (c.offices_size() > 0) {
            n.mutable_target()->set_office(static_cast<netra::v1::Office>(c.offices(in.Pick(c.offices_size()))));
          }
        }
        n.mutable_target()->set_route(static_cast<netra::v1::CandidateRoute>(in.Pick(3)));
      }
      if (const uint8_t v = in.Pick(3); v != 0) n.set_on_cltn(v == 2);
      if (const uint8_t v = in.Pick(3); v != 0) n.set_active_support(v == 2);
      if (const uint8_t v = in.Pick(3); v != 0) n.set_resigned_in_writing(v == 2);
      if (const uint8_t v = in.Pick(3); v != 0) n.set_cltn_conduct_breach(v == 2);
      if (const uint8_t v = in.Pick(3); v != 0) n.set_campaign_attributes(v == 2);
      if (const uint8_t v = in.Pick(3); v != 0) n.set_mobilised_staff(v == 2);
      if (const uint8_t v = in.Pick(3); v != 0) n.set_state_facilities(v == 2);
    }
  }
  const int priors = std::max(0, static_cast<int>(in.Pick(5)) - 2);
  for (int i = 0; i < priors; ++i) {
    netra::v1::PriorSanction& p = *e.add_prior_sanctions();
    p.set_sanction_type(w.codes[in.Pick(static_cast<uint32_t>(w.codes.size()))]);
    if (in.Pick(4) != 0) p.set_norm(r.acts(static_cast<int>(in.Pick(r.acts_size()))).norm());
    p.set_decision_date(Day(latest - static_cast<int>(in.Pick(1500))));
  }
  if (in.Pick(3) == 0) r.set_examination_date(Day(latest + static_cast<int>(in.Pick(60))));
  if (in.Pick(3) != 0) r.set_decision_date(Day(latest + static_cast<int>(in.Pick(200))));
  return r;
}

// An act's answer on the scale the law orders, or -1 when it is not on it
// (missing facts, no statutory level, conflict, outside scope, or a
// sanction of another body of law than discipline).
int Rank(const netra::ActResult& a) {
  switch (a.outcome) {
    case netra::v1::NO_VIOLATION: return 0;
    case netra::v1::NO_SANCTION: return 1;
    case netra::v1::SANCTION:
      return a.regime == netra::v1::DISCIPLINE && a.level != netra::v1::LEVEL_UNSPECIFIED ? 1 + a.level : -1;
    default: return -1;
  }
}

// Compares act `i` of `base` with the same act after a change that the law
// says cannot make it lighter. `strict`: a sanction must stay a sanction.
void CheckNotLighter(const netra::Evaluator& ev, const EvaluationRequest& heavier, size_t i,
                     const netra::ActResult& before, bool strict, const char* what) {
  netra::CaseFacts facts;
  const absl::Status st = ev.Prepare(heavier, &facts);
  FUZZ_CHECK(st.ok(), what, ": the heavier request is refused: ", st.ToString());
  netra::CaseResult res;
  ev.Evaluate(facts, &res);
  const netra::ActResult& after = res.acts[i];
  const int r0 = Rank(before), r1 = Rank(after);
  const std::string both = absl::StrCat(heavier.acts(static_cast<int>(i)).norm(), ": ",
                                        netra::v1::Outcome_Name(before.outcome), "/",
                                        netra::v1::Level_Name(before.level), " became ",
                                        netra::v1::Outcome_Name(after.outcome), "/", netra::v1::Level_Name(after.level),
                                        " in ", heavier.ShortDebugString());
  if (r0 >= 0 && r1 >= 0) FUZZ_CHECK(r1 >= r0, what, " gave a lighter answer: ", both);
  if (strict && before.outcome == netra::v1::SANCTION && r0 >= 0) {
    FUZZ_CHECK(r1 >= r0 && after.outcome == netra::v1::SANCTION, what, " lost the sanction: ", both);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const World& w = W();
  netra_fuzz::Bytes in(data, size);
  const size_t profile = in.Pick(static_cast<uint32_t>(w.profiles.size()));
  const bool settings_in_request = in.Bit();
  EvaluationRequest request = Decode(in, w);
  const netra::Evaluator& ev = w.evaluators[profile];

  // Slow path: the request's own settings on the default evaluator, or the
  // profile's evaluator.
  EvaluationRequest slow_request = request;
  if (settings_in_request) {
    for (const auto& [k, v] : w.profiles[profile]) (*slow_request.mutable_settings())[k] = v;
  }
  auto slow = (settings_in_request ? w.evaluators[0] : ev).Evaluate(slow_request);

  // Fast path, with one CaseResult reused across inputs.
  static netra::CaseResult* reused = new netra::CaseResult;
  netra::CaseFacts facts;
  const absl::Status prepared = ev.Prepare(request, &facts);
  if (!slow.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(slow.status()), slow.status().ToString());
    FUZZ_CHECK(prepared.code() == slow.status().code() && prepared.message() == slow.status().message(),
               "fast path says ", prepared.ToString(), ", slow path ", slow.status().ToString());
    return 0;
  }
  FUZZ_CHECK(prepared.ok(), "slow path accepted what Prepare refuses: ", prepared.ToString());
  ev.Evaluate(facts, reused);
  const netra::v1::Determination fast = ev.Render(facts, *reused);
  std::string diff;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&diff);
  FUZZ_CHECK(differ.Compare(*slow, fast), "(c) fast and slow paths differ for ", request.ShortDebugString(), "\n",
             diff);

  // (a)
  netra_fuzz::CheckDetermination(*w.book, *slow);

  // (d)
  const std::string missing = netra_fuzz::CheckMissingFacts(ev, request, fast);
  FUZZ_CHECK(missing.empty(), "(d) ", missing, " in ", request.ShortDebugString());

  // (b) Monotonicity, act by act (acts are answered independently; the
  // implicit party-membership act, if any, comes after the request's acts).
  const netra::CaseResult base = *reused;
  const bool no_priors = request.employee().prior_sanctions_size() == 0;
  for (int i = 0; i < request.acts_size(); ++i) {
    const netra::v1::Act& act = request.acts(i);
    const netra::ActResult& before = base.acts[static_cast<size_t>(i)];
    if (act.norm() == kAttendance && act.absence().has_cumulative_working_days() &&
        act.absence().cumulative_working_days() < 366) {
      EvaluationRequest more = request;
      netra::v1::Absence& ab = *more.mutable_acts(i)->mutable_absence();
      ab.set_cumulative_working_days(std::min(366, ab.cumulative_working_days() + 1 + static_cast<int>(in.Pick(12))));
      CheckNotLighter(ev, more, static_cast<size_t>(i), before,
                      no_priors && act.absence().has_consecutive_working_days(), "(b) more days of absence");
    }
    if (act.impact() != netra::v1::IMPACT_UNSPECIFIED && act.impact() != netra::v1::NEGARA_PEMERINTAH) {
      for (int j = act.impact() + 1; j <= netra::v1::NEGARA_PEMERINTAH; ++j) {
        EvaluationRequest worse = request;
        worse.mutable_acts(i)->set_impact(static_cast<netra::v1::Impact>(j));
        CheckNotLighter(ev, worse, static_cast<size_t>(i), before, no_priors && w.strictly_graded.count(act.norm()),
                        "(b) a heavier impact");
      }
    }
  }
  return 0;
}
