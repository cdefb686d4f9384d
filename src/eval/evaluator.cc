// The evaluator's hot path: match an act's facts against the level rules of
// its norm, apply the principles (repeat, combination, transition), and find
// the competent officials. No allocation once a CaseResult has grown to size.
#include "netra/evaluator.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "eval/fragments.h"
#include "eval/resolved.h"
#include "netra/date.h"

namespace netra {

using internal::CompiledLaw;
using internal::CompiledLevelRule;
using internal::kUnbounded;
using internal::MinSeverity;
using internal::TypeMask;

namespace {

static_assert(std::size(internal::kEvaluatorPrinciples) == kPrincipleCount,
              "one principle id per Principle bit");

// Structural chain for PP 94/2021 Pasal 25 and PP 53/2010 Pasal 22: the
// official next above `o` when o's post is vacant. Above a JPT Pratama
// (eselon II) post, its superior where the request names it
// (organisation.jpt_pratama_superior: a regency's Asisten answers to the
// Sekda, its Kepala Dinas to the PPK, as the penjelasan of PP 53/2010 Pasal
// 20(1) huruf a angka 4 and 20(2) huruf a angka 1 tell them apart); else the
// JPT Madya, or in a regency or city, which has none, the PPK. Above a Sekda
// is the PPK.
v1::Official NextHigher(v1::Official o, v1::AgencyLevel agency, v1::Official jpt_pratama_superior) {
  switch (o) {
    case v1::OFFICIAL_ESELON_V: return v1::OFFICIAL_PENGAWAS;
    case v1::OFFICIAL_PENGAWAS: return v1::OFFICIAL_ADMINISTRATOR;
    case v1::OFFICIAL_ADMINISTRATOR: return v1::OFFICIAL_JPT_PRATAMA;
    case v1::OFFICIAL_JPT_PRATAMA:
      switch (jpt_pratama_superior) {
        case v1::PPK:
        case v1::OFFICIAL_JPT_MADYA:
        case v1::SEKDA_KABUPATEN_KOTA:
          return jpt_pratama_superior;
        default:
          return agency == v1::REGENCY_CITY ? v1::PPK : v1::OFFICIAL_JPT_MADYA;
      }
    case v1::OFFICIAL_JPT_MADYA: return v1::PPK;
    case v1::SEKDA_KABUPATEN_KOTA: return v1::PPK;
    default: return o;
  }
}

int Rank(v1::Outcome o) {
  switch (o) {
    case v1::SANCTION: return 3;
    case v1::NO_STATUTORY_MAPPING: return 2;
    case v1::NO_SANCTION: return 1;
    default: return 0;
  }
}

// Interval a numeric fact may take: known = one value; unknown = what the
// other facts allow (a consecutive run is part of the yearly total).
struct Interval {
  int32_t lo, hi;
};

// The two counts as reported, exact or within bounds; a run is part of the
// yearly total, so each bounds the other.
void CountBounds(const ActFacts& a, Interval* cum, Interval* consec) {
  const int32_t clo = a.cumulative_days >= 0 ? a.cumulative_days : a.cumulative_at_least;
  const int32_t chi = a.cumulative_days >= 0 ? a.cumulative_days : a.cumulative_at_most;
  const int32_t klo = a.consecutive_days >= 0 ? a.consecutive_days : a.consecutive_at_least;
  const int32_t khi = a.consecutive_days >= 0 ? a.consecutive_days : a.consecutive_at_most;
  *cum = {std::max(clo, klo), chi};
  *consec = {klo, std::min(khi, chi)};
}

int32_t AddDays(int32_t v, int32_t days) { return v == kUnbounded ? v : v + days; }

// Late minutes converted into days of absence (setting
// late_minutes_per_absence_day; 0 = off).
int32_t ConvertedLateDays(const internal::ResolvedLaw& r, const ActFacts& a) {
  return r.late_minutes_per_day > 0 && a.late_minutes > 0 ? a.late_minutes / r.late_minutes_per_day : 0;
}

// 1 = the condition holds, 0 = it fails, -1 = it depends on missing facts
// (their bits are added to *need).
int Match(const internal::CompiledCondition& w, const ActFacts& a, const CaseFacts& c, v1::PositionType position,
          Interval cum, Interval consec, internal::FactMask* need) {
  internal::FactMask unknown = 0;
  if (w.impact_mask) {
    if (a.impact == v1::IMPACT_UNSPECIFIED) {
      unknown |= 1u << internal::kFactImpact;
    } else if (!(w.impact_mask & (1u << a.impact))) {
      return 0;
    }
  }
  auto range = [&](bool has, internal::Range r, Interval v, internal::Fact f) {
    if (!has) return 1;
    if (v.hi < r.min || v.lo > r.max) return 0;
    if (v.lo >= r.min && v.hi <= r.max) return 1;
    unknown |= internal::FactMask(1u << f);
    return -1;
  };
  if (range(w.has_cumulative, w.cumulative, cum, internal::kFactCumulative) == 0) return 0;
  if (range(w.has_consecutive, w.consecutive, consec, internal::kFactConsecutive) == 0) return 0;
  auto flag = [&](int8_t want, int8_t have, internal::Fact f) {
    if (want < 0) return 1;
    if (have < 0) {
      unknown |= internal::FactMask(1u << f);
      return -1;
    }
    return want == have ? 1 : 0;
  };
  if (flag(w.valid_reason, a.valid_reason, internal::kFactValidReason) == 0) return 0;
  if (flag(w.wealth_obliged, a.wealth_obliged, internal::kFactWealthObliged) == 0) return 0;
  if (flag(w.on_cltn, a.on_cltn, internal::kFactOnCltn) == 0) return 0;
  if (flag(w.active_support, a.active_support, internal::kFactActiveSupport) == 0) return 0;
  if (flag(w.resigned, a.resigned, internal::kFactResigned) == 0) return 0;
  if (flag(w.cltn_breach, a.cltn_breach, internal::kFactCltnBreach) == 0) return 0;
  if (flag(w.intentional, a.intentional, internal::kFactIntentional) == 0) return 0;
  const Interval target = a.work_target >= 0 ? Interval{a.work_target, a.work_target} : Interval{0, kUnbounded};
  if (range(w.has_work_target, w.work_target, target, internal::kFactWorkTarget) == 0) return 0;
  const Interval prison = a.prison_months >= 0 ? Interval{a.prison_months, a.prison_months} : Interval{0, kUnbounded};
  if (range(w.has_prison, w.prison, prison, internal::kFactPrison) == 0) return 0;
  if (flag(w.planned, a.planned, internal::kFactPlanned) == 0) return 0;
  if (flag(w.office_crime, a.office_crime, internal::kFactOfficeCrime) == 0) return 0;
  if (flag(w.retention, a.retention, internal::kFactRetention) == 0) return 0;
  if (flag(w.custodial, a.custodial, internal::kFactCustodial) == 0) return 0;
  if (flag(w.attributes, a.attributes, internal::kFactAttributes) == 0) return 0;
  if (flag(w.mobilised, a.mobilised, internal::kFactMobilised) == 0) return 0;
  if (flag(w.facilities, a.facilities, internal::kFactFacilities) == 0) return 0;
  if (w.kind_mask && !(w.kind_mask & (1u << c.kind))) return 0;
  auto choice = [&](uint8_t mask, int have, internal::Fact f) {
    if (!mask) return 1;
    if (have == 0) {
      unknown |= internal::FactMask(1u << f);
      return -1;
    }
    return (mask & (1u << have)) ? 1 : 0;
  };
  // With the target known, an unknown status comes from an act date given
  // as a range that spans the candidates' determination.
  if (choice(w.status_mask, a.status, a.contest >= 0 ? internal::kFactActDate : internal::kFactCandidateStatus) == 0) {
    return 0;
  }
  if (choice(w.route_mask, a.route, internal::kFactRoute) == 0) return 0;
  // The office is known whenever the target is; without one it is the
  // target that is missing.
  if (w.office_mask) {
    if (a.office == v1::OFFICE_UNSPECIFIED) {
      unknown |= internal::FactMask(1u << internal::kFactCandidateStatus);
    } else if (!(w.office_mask & (1u << a.office))) {
      return 0;
    }
  }
  if (w.position_mask) {
    if (position == v1::POSITION_TYPE_UNSPECIFIED) {
      unknown |= 1u << internal::kFactPosition;
    } else if (!(w.position_mask & (1u << position))) {
      return 0;
    }
  }
  if (unknown) {
    *need |= unknown;
    return -1;
  }
  return 1;
}

}  // namespace

TypeMask internal::ResolvedLaw::OperativeSlow(absl::CivilDay day) const {
  TypeMask mask = 0;
  for (size_t t = 0; t < law->types.size(); ++t) {
    const internal::CompiledSanctionType& ct = law->types[t];
    bool on = law->rule_from[ct.rule] <= day && day < law->rule_until[ct.rule];
    if (ct.operative_from_setting >= 0) {
      const auto& d = dates[ct.operative_from_setting];
      on = on && d.has_value() && *d <= day;
    }
    if (ct.operative_until_setting >= 0) {
      const auto& d = dates[ct.operative_until_setting];
      on = on && (!d.has_value() || day < *d);
    }
    if (on) mask |= TypeMask{1} << t;
  }
  return mask;
}

absl::StatusOr<Evaluator> Evaluator::Create(std::shared_ptr<const RuleBook> book,
                                            const std::map<std::string, std::string>& overrides) {
  if (book == nullptr) return absl::InvalidArgumentError("Evaluator::Create: null rule book");
  const CompiledLaw& law = book->compiled();
  auto r = std::make_shared<internal::ResolvedLaw>();
  r->law = &law;
  std::vector<SettingValue> used;
  for (const auto& [name, value] : overrides) {
    auto it = law.setting_by_name.find(name);
    if (it == law.setting_by_name.end()) {
      return absl::InvalidArgumentError(absl::StrCat("settings: unknown setting \"", name, "\""));
    }
    if (auto st = internal::CheckSettingValue(*law.settings[it->second].decl, value); !st.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("settings.", name, ": ", st.message()));
    }
  }
  for (size_t i = 0; i < law.settings.size(); ++i) {
    const v1::Setting& s = *law.settings[i].decl;
    auto o = overrides.find(s.name());
    const std::string value = o == overrides.end() ? s.default_value() : o->second;
    r->values.push_back(value);
    std::optional<absl::CivilDay> day;
    if (s.type() == v1::Setting::DATE && !value.empty()) day = *ParseDate(value, s.name());
    r->dates.push_back(day);
    used.push_back({s.name(), value, o == overrides.end() || o->second == s.default_value()});
  }
  auto value = [&](absl::string_view name) -> const std::string& {
    return r->values[law.setting_by_name.at(name)];
  };
  // A rule book loaded without the evaluator's rules cannot be evaluated.
  for (const auto& [name, type] : internal::kEvaluatorSettingTypes) {
    auto it = law.setting_by_name.find(name);
    if (it == law.setting_by_name.end() || law.settings[it->second].decl->type() != type) {
      return absl::FailedPreconditionError(
          absl::StrCat("rule book lacks setting ", name, " of type ", v1::Setting::Type_Name(type)));
    }
  }
  for (int p = 0; p < static_cast<int>(kPrincipleCount); ++p) {
    auto it = law.rule_by_id.find(internal::kEvaluatorPrinciples[p]);
    if (it == law.rule_by_id.end()) {
      return absl::FailedPreconditionError(absl::StrCat("rule book lacks principle ", internal::kEvaluatorPrinciples[p]));
    }
    r->principle_rule[p] = it->second;
  }
  for (size_t i = 0; i < law.rules.size(); ++i) {
    const v1::Rule& rule = *law.rules[i].rule;
    if (!rule.has_principle() || rule.principle().same_as().empty()) continue;
    for (int p = 0; p < static_cast<int>(kPrincipleCount); ++p) {
      if (rule.principle().same_as() == internal::kEvaluatorPrinciples[p]) {
        r->principle_alternates[p].push_back(static_cast<int>(i));
      }
    }
  }
  r->pair_by_position = value("sedang_substitute_pairing") == "BY_POSITION";
  r->repeat_may_cross_level = value("repeat_may_cross_level") == "true";
  r->attendance_exempt = value("attendance_exempt_from_repeat_rule") == "true";
  (void)absl::SimpleAtoi(value("late_minutes_per_absence_day"), &r->late_minutes_per_day);
  r->jf_reading = law.setting_by_name.at("jf_authority_reading");
  r->exempt_by_norm.assign(law.norms.size(), 0);
  for (const std::string& n : law.rules[r->principle_rule[3]].rule->principle().norms()) {
    r->exempt_by_norm[law.norm_by_id.at(n)] = 1;
  }
  r->pp94_from = law.rule_from[r->principle_rule[7]];
  r->norm_principles.resize(law.norms.size());
  for (size_t i = 0; i < law.rules.size(); ++i) {
    const v1::Rule& rule = *law.rules[i].rule;
    if (!rule.has_principle() || rule.principle().applied_by() != "evaluator" || !rule.principle().same_as().empty()) {
      continue;
    }
    if (std::find(std::begin(r->principle_rule), std::end(r->principle_rule), static_cast<int>(i)) !=
        std::end(r->principle_rule)) {
      continue;
    }
    // A principle for "every norm" is one of the default family's (PP 94):
    // norms a scope rule of their own covers (neutrality.*) do not take it.
    if (rule.principle().norms().empty()) {
      for (size_t n = 0; n < law.norms.size(); ++n) {
        if (law.norms[n].scope_by_kind[v1::PNS] == law.scope_by_kind[v1::PNS]) {
          r->norm_principles[n].push_back(static_cast<int>(i));
        }
      }
    }
    for (const std::string& n : rule.principle().norms()) {
      r->norm_principles[law.norm_by_id.at(n)].push_back(static_cast<int>(i));
    }
  }
  for (const internal::CompiledLevelRule& c : law.level_rules) {
    v1::Level level = c.level;
    if (c.level_setting >= 0) (void)v1::Level_Parse(r->values[c.level_setting], &level);
    r->level_of.push_back(level);
    r->rule_on.push_back(c.setting < 0 || r->values[c.setting] == c.setting_value);
  }
  r->scope_covered.resize(law.rules.size());
  for (size_t i = 0; i < law.rules.size(); ++i) {
    if (!law.rules[i].rule->has_scope()) continue;
    auto gate = law.scope_gates.find(static_cast<int>(i));
    r->scope_covered[i] = law.rules[i].rule->scope().covered() ||
                          (gate != law.scope_gates.end() && r->values[gate->second.first] == gate->second.second);
  }
  for (int k = 1; k < internal::kKindCount; ++k) {
    const int scope = law.scope_by_kind[k];
    r->pp94_covers[k] = scope >= 0 && law.rules[scope].rule->scope().covered();
  }
  // The operative mask changes only where a type's window or date setting
  // starts or ends: one segment per such cut.
  std::set<absl::CivilDay> cuts = {internal::kAlways};
  for (const internal::CompiledSanctionType& ct : law.types) {
    cuts.insert(law.rule_from[ct.rule]);
    if (law.rule_until[ct.rule] != internal::kNever) cuts.insert(law.rule_until[ct.rule]);
    for (int setting : {ct.operative_from_setting, ct.operative_until_setting}) {
      if (setting >= 0 && r->dates[setting].has_value()) cuts.insert(*r->dates[setting]);
    }
  }
  for (absl::CivilDay cut : cuts) {
    r->operative_from.push_back(cut);
    r->operative_mask.push_back(r->OperativeSlow(cut));
  }
  for (size_t t = 0; t < law.types.size(); ++t) r->type_order.push_back(static_cast<int>(t));
  std::stable_sort(r->type_order.begin(), r->type_order.end(),
                   [&](int a, int b) { return law.types[a].severity < law.types[b].severity; });
  // Each setting as Render writes it, serialised once for EvaluateSerialized.
  for (const SettingValue& s : used) {
    v1::SettingUsed u;
    internal::FillSetting(s, &u);
    r->settings_wire.push_back(u.SerializeAsString());
  }
  return Evaluator(std::move(book), std::move(r), std::move(used));
}

Evaluator::Evaluator(std::shared_ptr<const RuleBook> book, std::shared_ptr<const internal::ResolvedLaw> resolved,
                     std::vector<SettingValue> settings)
    : book_(std::move(book)), resolved_(std::move(resolved)), settings_(std::move(settings)) {}

namespace {

// Allowed types for a SANCTION rule on a day: its fixed types, or every type
// of its level, keeping only operative types (`operative` holds only those
// the employee's kind can receive); a fixed type that is not operative gives
// way to its Pasal 42 substitute(s), and one the kind cannot receive to the
// types of that kind standing for it.
TypeMask TypesFor(const internal::ResolvedLaw& r, int li, TypeMask operative) {
  const CompiledLaw& law = *r.law;
  const CompiledLevelRule& c = law.level_rules[li];
  if (c.fixed_types == 0) return law.level_types[r.level_of[li]] & operative;
  TypeMask out = 0;
  for (size_t t = 0; t < law.types.size(); ++t) {
    if (!(c.fixed_types & (TypeMask{1} << t))) continue;
    if (operative & (TypeMask{1} << t)) {
      out |= TypeMask{1} << t;
      continue;
    }
    out |= law.types[t].stood_for_by & operative;
    for (size_t s = 0; s < law.types.size(); ++s) {
      if (!(operative & (TypeMask{1} << s)) || law.types[s].substitutes < 0) continue;
      if (r.pair_by_position ? law.types[s].substitutes == static_cast<int>(t)
                             : law.types[law.types[s].substitutes].level == law.types[t].level) {
        out |= TypeMask{1} << s;
      }
    }
  }
  return out;
}

// Whether level rule `a` (with the lightest allowed severity `a_sev`) gives a
// heavier answer than `b`; Pasal 35(1) keeps the heavier.
bool Heavier(const internal::ResolvedLaw& r, int a, int a_sev, int b, int b_sev) {
  const CompiledLevelRule& ra = r.law->level_rules[a];
  const CompiledLevelRule& rb = r.law->level_rules[b];
  if (Rank(ra.outcome) != Rank(rb.outcome)) return Rank(ra.outcome) > Rank(rb.outcome);
  if (ra.regime != rb.regime) return ra.regime > rb.regime;
  if (r.level_of[a] != r.level_of[b]) return r.level_of[a] > r.level_of[b];
  return a_sev > b_sev;
}

TypeMask HeavierThan(const CompiledLaw& law, TypeMask mask, int severity) {
  TypeMask out = 0;
  for (size_t t = 0; t < law.types.size(); ++t) {
    if ((mask & (TypeMask{1} << t)) && law.types[t].severity > severity) out |= TypeMask{1} << t;
  }
  return out;
}

// The lightest level above `level` with an operative type heavier than
// `severity`; its heavier types. Returns LEVEL_UNSPECIFIED if none.
v1::Level CrossUp(const CompiledLaw& law, v1::Level level, int severity, TypeMask operative,
                  TypeMask* types) {
  for (int l = level + 1; l <= v1::BERAT; ++l) {
    const TypeMask t = HeavierThan(law, law.level_types[l] & operative, severity);
    if (t) {
      *types = t;
      return static_cast<v1::Level>(l);
    }
  }
  return v1::LEVEL_UNSPECIFIED;
}

}  // namespace

void Evaluator::EvaluateAct(const CaseFacts& facts, const ActFacts& a, ActResult* out) const {
  EvaluateActOnce(facts, a, facts.position, out);
  if (out->outcome == v1::MISSING_FACTS) Resolve(facts, a, out);
}

void Evaluator::EvaluateActOnce(const CaseFacts& facts, const ActFacts& a, v1::PositionType position,
                                ActResult* out) const {
  const internal::ResolvedLaw& r = *resolved_;
  const CompiledLaw& law = *r.law;
  *out = ActResult();
  const internal::NormInfo& norm = law.norms[a.norm];
  const int scope = norm.scope_by_kind[facts.kind];
  if (scope < 0 || !r.scope_covered[scope]) {
    out->outcome = v1::OUTSIDE_SCOPE;
    out->scope_rule = scope;
    return;
  }
  const bool pp94 = r.pp94_covers[facts.kind];
  // The law of the decision date, or of the act date for norms judged by
  // the law in force when the act was done.
  const absl::CivilDay day = norm.law_of_act_date ? a.act_date : facts.decision_date;
  // An act date given as a range ends here (== act_date when exact).
  const absl::CivilDay until = std::max(a.act_date, a.act_date_until);
  const TypeMask kind_types = law.kind_types[facts.kind];

  // PP 94/2021 Pasal 40(3)-(4) govern breaches of discipline before it took
  // effect that are dealt with after it: a decision taken before then was PP
  // 53/2010's. A status ground (a conviction, a detention) is no such breach.
  const bool not_discipline = norm.gives_other_regime && !norm.gives_discipline;
  if (pp94 && !not_discipline && !norm.law_of_act_date && a.act_date < r.pp94_from &&
      facts.decision_date >= r.pp94_from) {
    out->principles |= (facts.has_examination_date && facts.examination_date < r.pp94_from)
                           ? kAlreadyExamined
                           : kNotYetExamined;
  }

  // Intervals a count may take: known = one value; a range or unknown = what
  // its bounds and the other count allow. Converted late minutes add to the
  // yearly total, not to a run of real absence days.
  Interval cum, consec;
  CountBounds(a, &cum, &consec);
  if (const int32_t converted = ConvertedLateDays(r, a); converted > 0) {
    out->converted_late_days = converted;
    cum = {AddDays(cum.lo, converted), AddDays(cum.hi, converted)};
    out->principles |= kLateConversion;
  }

  int hits[internal::kMaxLevelRulesPerNorm];
  int nhits = 0;
  internal::FactMask need = 0;
  bool in_force = false;
  for (int li : norm.level_rules) {
    const CompiledLevelRule& c = law.level_rules[li];
    // For a date range, a rule in force on part of it may or may not apply.
    bool partly = false;
    if (norm.law_of_act_date && until != a.act_date) {
      if (!(c.from <= until && a.act_date < c.until)) continue;
      partly = !(c.from <= a.act_date && until < c.until);
    } else if (!(c.from <= day && day < c.until)) {
      continue;
    }
    // A rule switched off by its setting is not the law for this request.
    if (!r.rule_on[li]) continue;
    in_force = true;
    internal::FactMask rule_need = partly ? internal::FactMask(1u << internal::kFactActDate) : 0;
    int m = Match(c.when, a, facts, position, cum, consec, &rule_need);
    if (m == 0) continue;
    if (partly) m = -1;
    // A rule that may or may not match leaves the answer open: Resolve
    // decides it over the values of the facts it depends on.
    if (m < 0) need |= rule_need;
    if (m > 0) hits[nhits++] = li;
  }
  if (!in_force) {
    out->outcome = v1::OUTSIDE_SCOPE;
    return;
  }
  if (need) {
    out->outcome = v1::MISSING_FACTS;
    out->missing = need;
    return;
  }
  // Lex specialis: a rule that another matching rule excepts drops out.
  int kept[internal::kMaxLevelRulesPerNorm];
  int nkept = 0;
  for (int i = 0; i < nhits; ++i) {
    bool displaced = false;
    for (int j = 0; j < nhits && !displaced; ++j) {
      const auto& ex = law.level_rules[hits[j]].exception_of;
      displaced = j != i && std::find(ex.begin(), ex.end(), hits[i]) != ex.end();
    }
    if (!displaced) kept[nkept++] = hits[i];
  }
  if (nkept == 0) {
    out->outcome = v1::NO_STATUTORY_MAPPING;
    return;
  }
  for (int i = 0; i < nkept; ++i) {
    for (int j = i + 1; j < nkept; ++j) {
      const auto& ci = law.level_rules[kept[i]].concurrent_with;
      const auto& cj = law.level_rules[kept[j]].concurrent_with;
      if (std::find(ci.begin(), ci.end(), kept[j]) == ci.end() &&
          std::find(cj.begin(), cj.end(), kept[i]) == cj.end()) {
        out->outcome = v1::RULES_CONFLICT;
        out->rules[0] = kept[i];
        out->rules[1] = kept[j];
        out->rule_count = 2;
        return;
      }
    }
  }
  // Types are those in force on the decision date that the kind can receive.
  const TypeMask operative = r.Operative(facts.decision_date) & kind_types;
  // Concurrent rules: Pasal 35(1) keeps the heaviest answer.
  int best = -1;
  int best_sev = -1;
  TypeMask best_types = 0;
  for (int i = 0; i < nkept; ++i) {
    const CompiledLevelRule& c = law.level_rules[kept[i]];
    if (out->rule_count < 8) out->rules[out->rule_count++] = kept[i];
    if (c.stops_salary) out->salary_stop = true;
    TypeMask types = 0;
    int sev = 0;
    if (c.outcome == v1::SANCTION && !c.heavier_than_reference && !c.equal_to_reference) {
      types = TypesFor(r, kept[i], operative);
      sev = types ? MinSeverity(law, types) : 0;
    }
    if (best < 0 || Heavier(r, kept[i], sev, best, best_sev)) {
      best = kept[i];
      best_sev = sev;
      best_types = types;
    }
  }
  if (nkept > 1) out->principles |= kHeaviestOnly;
  // The rule that decided comes first; the others applied concurrently.
  // ActResult keeps at most 8 rules while a norm may have up to
  // kMaxLevelRulesPerNorm concurrent ones: the deciding rule must be kept
  // even when it came after the first 8, or the answer would cite another.
  bool kept_best = false;
  for (int k = 0; k < out->rule_count; ++k) {
    if (out->rules[k] == best) {
      std::swap(out->rules[0], out->rules[k]);
      kept_best = true;
    }
  }
  if (!kept_best) {
    std::copy_backward(out->rules, out->rules + 7, out->rules + 8);
    out->rules[0] = best;
  }
  const CompiledLevelRule& c = law.level_rules[best];
  out->outcome = c.outcome;
  if (c.outcome != v1::SANCTION) return;
  out->regime = c.regime;

  if (c.heavier_than_reference || c.equal_to_reference) {
    if (a.reference_type < 0) {
      out->outcome = v1::MISSING_FACTS;
      out->missing = 1u << internal::kFactReferenceSanction;
      return;
    }
    const internal::CompiledSanctionType& ref = law.types[a.reference_type];
    if (c.equal_to_reference) {
      // The very type that should have been imposed, if it may be on this date.
      out->allowed = (TypeMask{1} << a.reference_type) & operative;
      out->level = ref.level;
      if (out->allowed == 0 || ref.level == v1::LEVEL_UNSPECIFIED) {
        out->outcome = v1::NO_STATUTORY_MAPPING;
        out->allowed = 0;
        out->level = v1::LEVEL_UNSPECIFIED;
        return;
      }
      out->regime = ref.regime;
    } else {
      TypeMask types = ref.level == v1::LEVEL_UNSPECIFIED
                           ? 0
                           : HeavierThan(law, law.level_types[ref.level] & operative, ref.severity);
      v1::Level level = ref.level;
      if (!types) level = CrossUp(law, ref.level, ref.severity, operative, &types);
      if (level == v1::LEVEL_UNSPECIFIED) {
        out->outcome = v1::NO_STATUTORY_MAPPING;
        out->nothing_heavier = true;
        return;
      }
      out->level = level;
      out->allowed = types;
    }
  } else {
    out->level = r.level_of[best];
    out->allowed = best_types;
  }
  if (out->salary_stop) {
    out->principles |= kSalaryStop;
    if (a.has_tenth_day) {
      out->has_salary_stop_from = true;
      out->salary_stop_from = absl::CivilDay(absl::CivilMonth(a.tenth_day) + 1);
    }
  }

  // Pasal 35(2): a same-nature repeat needs a type heavier than the last one.
  // It is PP 94's rule: for PNS and CPNS and their hukuman disiplin only.
  int last = -1;
  for (size_t p = 0; p < facts.priors.size() && pp94 && out->regime == v1::DISCIPLINE; ++p) {
    const PriorSanctionFacts& prior = facts.priors[p];
    if (prior.norm != a.norm || !(prior.decision_date < until)) continue;
    if (!(prior.decision_date < a.act_date)) {
      // The act date's range spans the earlier decision: a repeat or not.
      *out = ActResult();
      out->outcome = v1::MISSING_FACTS;
      out->missing = 1u << internal::kFactActDate;
      return;
    }
    if (last < 0 || facts.priors[last].decision_date < prior.decision_date) last = static_cast<int>(p);
  }
  if (last >= 0) {
    out->repeat_prior = last;
    if (r.Exempt(a.norm, day)) {
      out->principles |= kAttendanceRepeatExempt;
    } else {
      out->principles |= kRepeatHeavier;
      const int sev = law.types[facts.priors[last].type].severity;
      // The act's own types first, then any heavier type of its level, and
      // only then (if the setting allows) the next level.
      TypeMask heavier = HeavierThan(law, out->allowed, sev);
      if (!heavier) heavier = HeavierThan(law, law.level_types[out->level] & operative, sev);
      if (!heavier && r.repeat_may_cross_level) {
        const v1::Level up = CrossUp(law, out->level, sev, operative, &heavier);
        if (up != v1::LEVEL_UNSPECIFIED) out->level = up;
      }
      if (heavier) {
        out->allowed = heavier;
      } else {
        out->outcome = v1::NO_STATUTORY_MAPPING;
        out->repeat_blocked = true;
        out->allowed = 0;
      }
    }
  }
  // Pasal 42's sedang types are PP 94's transition: from the day it took effect.
  if (out->outcome == v1::SANCTION && out->level == v1::SEDANG && pp94 && facts.decision_date >= r.pp94_from) {
    out->principles |= kSedangTypes;
  }
  if (out->outcome == v1::SANCTION && pp94 && out->regime == v1::DISCIPLINE &&
      (out->allowed & (out->allowed - 1)) != 0) {
    out->principles |= kChooseType;
  }
  if (out->outcome == v1::SANCTION && out->allowed == 0) {
    // The law names a level but no type of it is operative on this day (e.g.
    // a host set the tukin date without substitutes): say so, never guess.
    out->outcome = v1::RULES_CONFLICT;
    out->no_operative_type = true;
  }
}

namespace {

constexpr uint64_t kImpossible = ~uint64_t{0};

// An act's answer as the rule on missing facts compares it: outcome, and for
// a sanction its level, body of law and allowed types (the competent
// officials and the examination team follow from these). Without a sanction
// there is no level to impose (a repeat with no heavier type keeps the
// level only as a note). The allowed types take 64 bits of their own, so
// each distinct answer of one resolution gets a small id: equal ids, equal
// answers.
class AnswerIds {
 public:
  uint64_t Of(const ActResult& r) {
    const bool sanction = r.outcome == v1::SANCTION;
    const uint32_t head = sanction ? uint32_t(r.outcome) | uint32_t(r.level) << 8 | uint32_t(r.regime) << 16
                                   : uint32_t(r.outcome);
    const SanctionTypeMask allowed = sanction ? r.allowed : 0;
    for (int i = 0; i < n_; ++i) {
      if (head_[i] == head && allowed_[i] == allowed) return uint64_t(i);
    }
    head_[n_] = head;
    allowed_[n_] = allowed;
    return uint64_t(n_++);
  }

 private:
  // At most one distinct answer per hypothesis.
  uint32_t head_[kMaxHypotheses];
  SanctionTypeMask allowed_[kMaxHypotheses];
  int n_ = 0;
};

// Adds `v` to `cuts` if it falls inside (lo, hi].
void Cut(int32_t v, int32_t lo, int32_t hi, int32_t* cuts, int* n) {
  if (v > lo && v <= hi && *n < internal::kMaxCells - 1) cuts[(*n)++] = v;
}

// [lo, hi] cut before each of `cuts`.
int CellsBetween(int32_t lo, int32_t hi, int32_t* cuts, int n, internal::Cell* out) {
  std::sort(cuts, cuts + n);
  n = static_cast<int>(std::unique(cuts, cuts + n) - cuts);
  int k = 0;
  for (int i = 0; i < n; ++i) {
    out[k++] = {lo, cuts[i] - 1};
    lo = cuts[i];
  }
  out[k++] = {lo, hi};
  return k;
}

// The offices a target may hold given what the request says of it: a
// candidate of a route is never a party, a DPD candidate is an individual
// and a presidential or legislative one party-nominated (UUD 1945 Pasal 6A
// ayat (2), 22E ayat (3)-(4); regional heads either way, UU 10/2016 Pasal
// 39); the ASN's own candidacy is never a party's.
uint32_t OfficesFitting(const internal::NormInfo& norm, const ActFacts& a) {
  uint32_t fitting = ~uint32_t{0};
  const uint32_t party = 1u << v1::POLITICAL_PARTY;
  if (norm.own_candidacy) fitting &= ~party;
  if (a.route == v1::INDEPENDENT) {
    fitting &= (1u << v1::DPD) | (1u << v1::GOVERNOR) | (1u << v1::REGENT) | (1u << v1::MAYOR);
  } else if (a.route == v1::PARTY_NOMINATED) {
    fitting &= ~(party | (1u << v1::DPD));
  }
  return fitting;
}

}  // namespace

int internal::FactCells(const internal::ResolvedLaw& r, const CaseFacts& f, const ActFacts& a, int fact, Cell* out) {
  const CompiledLaw& law = *r.law;
  const NormInfo& norm = law.norms[a.norm];
  int n = 0;
  auto values = [&](int from, int to) {
    for (int v = from; v <= to; ++v) out[n++] = {v, v};
    return n;
  };
  switch (fact) {
    case kFactImpact: return values(v1::UNIT_KERJA, v1::NEGARA_PEMERINTAH);
    case kFactPosition: return values(v1::JPT_UTAMA, v1::PELAKSANA);
    case kFactRoute: return values(v1::PARTY_NOMINATED, v1::INDEPENDENT);
    case kFactValidReason:
    case kFactWealthObliged:
    case kFactOnCltn:
    case kFactActiveSupport:
    case kFactResigned:
    case kFactCltnBreach:
    case kFactIntentional:
    case kFactPlanned:
    case kFactOfficeCrime:
    case kFactRetention:
    case kFactCustodial:
    case kFactAttributes:
    case kFactMobilised:
    case kFactFacilities: return values(0, 1);
    case kFactWorkTarget:
    case kFactPrison: {
      const bool target = fact == kFactWorkTarget;
      int32_t cuts[kMaxCells];
      int k = 0;
      for (int li : norm.level_rules) {
        const CompiledCondition& w = law.level_rules[li].when;
        if (!(target ? w.has_work_target : w.has_prison)) continue;
        const internal::Range& r = target ? w.work_target : w.prison;
        Cut(r.min, 0, kUnbounded, cuts, &k);
        if (r.max != kUnbounded) Cut(r.max + 1, 0, kUnbounded, cuts, &k);
      }
      return CellsBetween(0, kUnbounded, cuts, k, out);
    }
    case kFactReferenceSanction:
      for (int t : r.type_order) out[n++] = {t, t};
      return n;
    case kFactCandidateStatus: {
      // Offices the rules in force on the date tell apart, one (REGENT where
      // it fits) per class, among the offices the request's own facts allow
      // (OfficesFitting). A rule of another date (SE B/71/2017's regional
      // heads, for a 2024 act) tells nothing apart.
      const uint32_t fitting = OfficesFitting(norm, a);
      const absl::CivilDay lo = norm.law_of_act_date ? a.act_date : f.decision_date;
      const absl::CivilDay hi = norm.law_of_act_date ? std::max(a.act_date, a.act_date_until) : f.decision_date;
      int office_of_class[16];
      uint64_t class_sig[16];
      int classes = 0;
      for (int o = v1::Office_MIN + 1; o <= v1::Office_MAX; ++o) {
        if (!(fitting & (1u << o))) continue;
        uint64_t sig = 0;
        for (size_t k = 0; k < norm.level_rules.size(); ++k) {
          const internal::CompiledLevelRule& rule = law.level_rules[norm.level_rules[k]];
          if (rule.from > hi || rule.until <= lo) continue;
          const uint16_t m = rule.when.office_mask;
          if (m && (m & (1u << o))) sig |= uint64_t{1} << (k % 64);
          if (m) sig |= uint64_t{1} << 63;  // some rule names offices
        }
        int c = 0;
        while (c < classes && class_sig[c] != sig) ++c;
        if (c == classes) {
          class_sig[classes] = sig;
          office_of_class[classes++] = o;
        } else if (o == v1::REGENT) {
          office_of_class[c] = o;
        }
      }
      const bool by_office = classes > 1 || (classes == 1 && (class_sig[0] >> 63));
      for (int s = v1::BAKAL_CALON; s <= v1::CALON; ++s) {
        if (!by_office) {
          out[n++] = {s, a.office};
          continue;
        }
        for (int c = 0; c < classes; ++c) out[n++] = {s, office_of_class[c]};
      }
      return n;
    }
    case kFactCumulative:
    case kFactConsecutive: {
      // Every bound of either count splits both: a run is part of the total.
      Interval cum, consec;
      CountBounds(a, &cum, &consec);
      const Interval v = fact == kFactCumulative ? cum : consec;
      const int32_t converted = ConvertedLateDays(r, a);
      int32_t cuts[kMaxCells];
      int k = 0;
      for (int li : norm.level_rules) {
        const CompiledCondition& w = law.level_rules[li].when;
        if (w.has_cumulative) {
          Cut(w.cumulative.min - converted, v.lo, v.hi, cuts, &k);
          if (w.cumulative.max != kUnbounded) Cut(w.cumulative.max + 1 - converted, v.lo, v.hi, cuts, &k);
        }
        if (w.has_consecutive) {
          Cut(w.consecutive.min, v.lo, v.hi, cuts, &k);
          if (w.consecutive.max != kUnbounded) Cut(w.consecutive.max + 1, v.lo, v.hi, cuts, &k);
        }
      }
      return CellsBetween(v.lo, v.hi, cuts, k, out);
    }
    case kFactActDate: {
      const int32_t lo = DayNumber(a.act_date), hi = DayNumber(std::max(a.act_date, a.act_date_until));
      int32_t cuts[kMaxCells];
      int k = 0;
      if (a.contest >= 0) Cut(DayNumber(law.elections[a.election].contests[a.contest].determination), lo, hi, cuts, &k);
      if (norm.law_of_act_date) {
        for (int li : norm.level_rules) {
          Cut(DayNumber(std::max(law.level_rules[li].from, kAlways)), lo, hi, cuts, &k);
          Cut(DayNumber(std::min(law.level_rules[li].until, kNever)), lo, hi, cuts, &k);
        }
      }
      for (const PriorSanctionFacts& p : f.priors) {
        if (p.norm == a.norm) Cut(DayNumber(p.decision_date) + 1, lo, hi, cuts, &k);
      }
      return CellsBetween(lo, hi, cuts, k, out);
    }
    default: return values(0, -1);
  }
}

void internal::ApplyCell(const internal::ResolvedLaw& r, int fact, const Cell& cell, ActFacts* a,
                         v1::PositionType* position) {
  switch (fact) {
    case kFactImpact: a->impact = static_cast<v1::Impact>(cell.lo); break;
    case kFactPosition: *position = static_cast<v1::PositionType>(cell.lo); break;
    case kFactRoute: a->route = static_cast<v1::CandidateRoute>(cell.lo); break;
    case kFactValidReason: a->valid_reason = static_cast<int8_t>(cell.lo); break;
    case kFactWealthObliged: a->wealth_obliged = static_cast<int8_t>(cell.lo); break;
    case kFactOnCltn: a->on_cltn = static_cast<int8_t>(cell.lo); break;
    case kFactActiveSupport: a->active_support = static_cast<int8_t>(cell.lo); break;
    case kFactResigned: a->resigned = static_cast<int8_t>(cell.lo); break;
    case kFactCltnBreach: a->cltn_breach = static_cast<int8_t>(cell.lo); break;
    case kFactIntentional: a->intentional = static_cast<int8_t>(cell.lo); break;
    case kFactWorkTarget: a->work_target = cell.lo; break;
    case kFactPrison: a->prison_months = cell.lo; break;
    case kFactPlanned: a->planned = static_cast<int8_t>(cell.lo); break;
    case kFactOfficeCrime: a->office_crime = static_cast<int8_t>(cell.lo); break;
    case kFactRetention: a->retention = static_cast<int8_t>(cell.lo); break;
    case kFactCustodial: a->custodial = static_cast<int8_t>(cell.lo); break;
    case kFactAttributes: a->attributes = static_cast<int8_t>(cell.lo); break;
    case kFactMobilised: a->mobilised = static_cast<int8_t>(cell.lo); break;
    case kFactFacilities: a->facilities = static_cast<int8_t>(cell.lo); break;
    case kFactReferenceSanction: a->reference_type = static_cast<int8_t>(cell.lo); break;
    case kFactCandidateStatus:
      a->status = static_cast<v1::CandidateStatus>(cell.lo);
      a->office = static_cast<v1::Office>(cell.hi);
      break;
    case kFactCumulative:
      a->cumulative_days = cell.lo == cell.hi ? cell.lo : -1;
      a->cumulative_at_least = cell.lo;
      a->cumulative_at_most = cell.hi;
      break;
    case kFactConsecutive:
      a->consecutive_days = cell.lo == cell.hi ? cell.lo : -1;
      a->consecutive_at_least = cell.lo;
      a->consecutive_at_most = cell.hi;
      break;
    case kFactActDate:
      a->act_date = FromDayNumber(cell.lo);
      a->act_date_until = FromDayNumber(cell.hi);
      if (a->contest >= 0) {
        const CompiledContest& k = r.law->elections[a->election].contests[a->contest];
        // The cells are cut at the determination: one status per cell.
        a->status = a->act_date < k.determination ? v1::BAKAL_CALON : v1::CALON;
      }
      break;
    default: break;
  }
}

// Every combination of the cells of the facts the rules depend on is
// evaluated once (a "hypothesis"); facts that only some hypotheses need are
// added as they appear. All on the stack: no allocation.
void Evaluator::Resolve(const CaseFacts& facts, const ActFacts& a, ActResult* out) const {
  const internal::ResolvedLaw& r = *resolved_;
  // Cells of every fact at once: the date's and the counts' are the largest.
  constexpr int kPool = 4 * internal::kMaxCells + internal::kFactCount * internal::kMaxSanctionTypes;
  internal::Cell pool[kPool];
  int offset[internal::kFactCount], count[internal::kFactCount];
  int order[internal::kFactCount];  // facts in the order of the mixed radix
  int64_t stride[internal::kFactCount];
  uint64_t keys[kMaxHypotheses];
  AnswerIds answers;
  int nfacts = 0, used = 0;
  internal::FactMask space = 0, add = out->missing;
  int64_t hypotheses = 1;
  auto apply = [&](int64_t h, ActFacts* x, v1::PositionType* position) {
    for (int k = 0; k < nfacts; ++k) {
      const int f = order[k];
      internal::ApplyCell(r, f, pool[offset[f] + (h / stride[k]) % count[f]], x, position);
    }
  };
  // A combination of cells no report can have: a run longer than the total,
  // or prison without a custodial sentence.
  auto possible = [](const ActFacts& x) {
    Interval cum, consec;
    CountBounds(x, &cum, &consec);
    return cum.lo <= cum.hi && consec.lo <= consec.hi && !(x.custodial == 0 && x.prison_months > 0);
  };
  while (add) {
    for (int f = 0; f < internal::kFactCount; ++f) {
      if (!(add & (1u << f))) continue;
      if (used + internal::kMaxCells > kPool) return;  // cannot happen: each fact once
      count[f] = internal::FactCells(r, facts, a, f, pool + used);
      offset[f] = used;
      used += count[f];
      stride[nfacts] = hypotheses;
      order[nfacts++] = f;
      hypotheses *= count[f];
      // Too many to try: report every fact the rules depend on.
      if (count[f] == 0 || hypotheses > kMaxHypotheses) return;
    }
    space |= add;
    add = 0;
    for (int64_t h = 0; h < hypotheses; ++h) {
      ActFacts x = a;
      v1::PositionType position = facts.position;
      apply(h, &x, &position);
      if (!possible(x)) {
        keys[h] = kImpossible;
        continue;
      }
      ActResult leaf;
      EvaluateActOnce(facts, x, position, &leaf);
      if (leaf.outcome == v1::MISSING_FACTS) {
        // A fact this hypothesis needs besides: try again with it. A fact
        // already split should not be needed again (its cells are exact for
        // the rules); if it is, keep the answer that names every fact.
        if (!(leaf.missing & ~space)) return;
        add |= leaf.missing & ~space;
      }
      keys[h] = answers.Of(leaf);
    }
  }
  int64_t first = -1;
  bool same = true, stop_differs = false;
  ActResult leaf;
  for (int64_t h = 0; h < hypotheses; ++h) {
    if (keys[h] == kImpossible) continue;
    if (first < 0) {
      first = h;
    } else if (keys[h] != keys[first]) {
      same = false;
    }
  }
  if (first < 0) return;
  if (same) {
    // One answer whatever the facts are: the first hypothesis's, with its
    // rules. The salary stop may still depend on them.
    bool stop = false;
    for (int64_t h = 0; h < hypotheses; ++h) {
      if (keys[h] == kImpossible) continue;
      ActFacts x = a;
      v1::PositionType position = facts.position;
      apply(h, &x, &position);
      EvaluateActOnce(facts, x, position, &leaf);
      if (h == first) {
        *out = leaf;
        stop = leaf.salary_stop;
      } else if (leaf.salary_stop != stop) {
        stop_differs = true;
        break;
      }
    }
    out->immaterial = space;
    if (stop_differs) {
      out->salary_stop = false;
      out->has_salary_stop_from = false;
      out->principles &= ~uint32_t{kSalaryStop};
      out->salary_stop_open = true;
    }
    return;
  }
  // A fact is missing when changing it alone changes the answer for some
  // values of the others.
  internal::FactMask missing = 0;
  for (int k = 0; k < nfacts; ++k) {
    const int f = order[k];
    // Each line of hypotheses that differ only in f, from its first cell.
    for (int64_t h = 0; h < hypotheses && !(missing & (1u << f)); ++h) {
      if ((h / stride[k]) % count[f] != 0) continue;
      uint64_t seen = kImpossible;
      for (int c = 0; c < count[f]; ++c) {
        const uint64_t key = keys[h + c * stride[k]];
        if (key == kImpossible) continue;
        if (seen == kImpossible) seen = key;
        if (key != seen) {
          missing |= internal::FactMask(1u << f);
          break;
        }
      }
    }
  }
  if (missing == 0) return;
  // Of those, report the ones whose values, the others still unknown, give
  // different answers (an answer still open counting as one): their
  // alternatives tell the user something. A fact that matters only together
  // with another (each of its values leaves the answer open) is named once
  // the other is known.
  internal::FactMask reported = 0;
  constexpr uint64_t kOpen = kImpossible - 1, kNone = kImpossible;
  uint64_t answer[internal::kMaxCells];
  for (int k = 0; k < nfacts; ++k) {
    const int f = order[k];
    if (!(missing & (1u << f))) continue;
    std::fill(answer, answer + count[f], kNone);
    for (int64_t h = 0; h < hypotheses; ++h) {
      if (keys[h] == kImpossible) continue;
      uint64_t& a_c = answer[(h / stride[k]) % count[f]];
      a_c = a_c == kNone || a_c == keys[h] ? keys[h] : kOpen;
    }
    uint64_t first_answer = kNone;
    for (int c = 0; c < count[f]; ++c) {
      if (answer[c] == kNone) continue;
      if (first_answer == kNone) first_answer = answer[c];
      if (answer[c] != first_answer) reported |= internal::FactMask(1u << f);
    }
  }
  *out = ActResult();
  out->outcome = v1::MISSING_FACTS;
  out->missing = reported ? reported : missing;
  out->needed_later = missing & ~out->missing;
}

int internal::TypeOfSiasnId(const CompiledLaw& law, int id, absl::CivilDay day) {
  int best = -1;
  // 2: in force on the day; 1: ended before it (the later end ranks first);
  // 0: begins after it.
  auto rank = [&](int t) {
    const int rule = law.types[t].rule;
    if (law.rule_from[rule] <= day && day < law.rule_until[rule]) return 2;
    return law.rule_until[rule] <= day ? 1 : 0;
  };
  for (size_t t = 0; t < law.types.size(); ++t) {
    if (law.rules[law.types[t].rule].rule->sanction_type().siasn_jenis_hukuman_id() != id) continue;
    const int k = static_cast<int>(t);
    if (best < 0 || rank(k) > rank(best) ||
        (rank(k) == rank(best) && rank(k) == 1 &&
         law.rule_until[law.types[k].rule] > law.rule_until[law.types[best].rule])) {
      best = k;
    }
  }
  return best;
}

internal::Signer internal::SignerAmong(const CompiledLaw& law, absl::Span<const OfficialResult> officials,
                                       const CaseFacts& f, v1::Official official, v1::AgencySide side) {
  bool host = false, home = false;
  for (const OfficialResult& o : officials) {
    if (o.official == official) (law.authority[o.line].home_side ? home : host) = true;
  }
  if (f.secondment == v1::NOT_SECONDED) return host || home ? Signer::kCompetent : Signer::kNotCompetent;
  if (side == v1::HOME ? home : side == v1::HOST ? host : host && home) return Signer::kCompetent;
  return side == v1::AGENCY_SIDE_UNSPECIFIED && (host || home) ? Signer::kSideNeeded : Signer::kNotCompetent;
}

int internal::MinSeverity(const CompiledLaw& law, TypeMask mask) {
  int best = 1 << 30;
  for (size_t t = 0; t < law.types.size(); ++t) {
    if (mask & (TypeMask{1} << t)) best = std::min(best, law.types[t].severity);
  }
  return best;
}

TypeMask internal::CombinedTypes(const CompiledLaw& law, const CaseResult& res, v1::Regime regime, v1::Level* level) {
  *level = v1::LEVEL_UNSPECIFIED;
  bool any = false;
  for (const ActResult& ar : res.acts) {
    if (ar.outcome != v1::SANCTION || ar.regime != regime) continue;
    any = true;
    *level = std::max(*level, ar.level);
  }
  if (!any) return 0;
  int floor = 0;
  TypeMask pool = 0;
  for (const ActResult& ar : res.acts) {
    if (ar.outcome != v1::SANCTION || ar.regime != regime || ar.level != *level) continue;
    floor = std::max(floor, MinSeverity(law, ar.allowed));
    pool |= ar.allowed;
  }
  TypeMask out = 0;
  for (size_t t = 0; t < law.types.size(); ++t) {
    if ((pool & (TypeMask{1} << t)) && law.types[t].severity >= floor) out |= TypeMask{1} << t;
  }
  return out;
}

void Evaluator::Evaluate(const CaseFacts& facts, CaseResult* result) const {
  const internal::ResolvedLaw& r = *resolved_;
  const CompiledLaw& law = *r.law;
  CaseResult& res = *result;
  res.outcome = v1::OUTCOME_UNSPECIFIED;
  res.level = v1::LEVEL_UNSPECIFIED;
  res.regime = v1::REGIME_UNSPECIFIED;
  res.allowed = 0;
  res.principles = 0;
  res.acts.clear();
  res.officials.clear();
  res.procedure_rule = -1;
  res.handling_rule = -1;
  res.missing_authority = 0;
  res.authority_gap = -1;
  res.scope_rule = law.scope_by_kind[facts.kind];
  res.acts.resize(facts.acts.size());
  int worst = -1;  // most unresolved outcome among the acts
  auto unresolved = [](v1::Outcome o) {
    switch (o) {
      case v1::RULES_CONFLICT: return 6;
      case v1::MISSING_FACTS: return 5;
      case v1::NO_STATUTORY_MAPPING: return 4;
      case v1::OUTSIDE_SCOPE: return 3;
      case v1::SANCTION: return 2;
      case v1::NO_SANCTION: return 1;
      default: return 0;
    }
  };
  int sanctions = 0;
  for (size_t i = 0; i < facts.acts.size(); ++i) {
    ActResult& ar = res.acts[i];
    EvaluateAct(facts, facts.acts[i], &ar);
    if (worst < 0 || unresolved(ar.outcome) > unresolved(res.acts[worst].outcome)) worst = static_cast<int>(i);
    if (ar.outcome == v1::SANCTION) ++sanctions;
    // Who handles the case: the body in force on the decision date for the
    // first act of a norm family with handling rules (neutrality).
    for (int h : law.norms[facts.acts[i].norm].handling) {
      if (res.handling_rule < 0 && law.rule_from[h] <= facts.decision_date && facts.decision_date < law.rule_until[h]) {
        res.handling_rule = h;
      }
    }
  }
  res.outcome = worst < 0 ? v1::NO_VIOLATION : res.acts[worst].outcome;
  if (sanctions == 0) return;
  // The heaviest regime decides the case: a statutory dismissal outweighs
  // discipline, discipline outweighs a moral sanction (which PP 42/2004
  // Pasal 16 lets stand beside it). Within discipline, Pasal 35(1): one
  // sanction, the heaviest, after weighing every act.
  for (const ActResult& ar : res.acts) {
    if (ar.outcome == v1::SANCTION) res.regime = std::max(res.regime, ar.regime);
  }
  res.allowed = internal::CombinedTypes(law, res, res.regime, &res.level);
  if (sanctions > 1 && res.regime == v1::DISCIPLINE && r.pp94_covers[facts.kind]) {
    res.principles |= kHeaviestOnly | kNoDoubleJeopardy;
  }
  if (res.regime == v1::DISCIPLINE && r.pp94_covers[facts.kind]) {
    for (int rule : law.procedures_by_level[res.level]) {
      if (law.rule_from[rule] <= facts.decision_date && facts.decision_date < law.rule_until[rule]) res.procedure_rule = rule;
    }
  }
  Officials(facts, res.allowed, &res);
}

void Evaluator::Officials(const CaseFacts& facts, SanctionTypeMask types_wanted, CaseResult* result) const {
  const internal::ResolvedLaw& r = *resolved_;
  const CompiledLaw& law = *r.law;
  CaseResult& res = *result;
  const bool jf = facts.position == v1::FUNGSIONAL_KEAHLIAN || facts.position == v1::FUNGSIONAL_KETERAMPILAN;
  const size_t first = res.officials.size();  // entries before this call stay as they are
  // The home agency (instansi induk) of a seconded PNS; of one not seconded, the agency where the PNS serves.
  const bool seconded = facts.secondment != v1::NOT_SECONDED;
  const v1::AgencyLevel home = seconded ? facts.home_agency : facts.agency;
  for (const uint16_t li : law.AuthorityOn(facts.decision_date)) {  // the lines in force on the decision date
    const internal::CompiledAuthority& line = law.authority[li];
    if (!(line.types & types_wanted)) continue;
    if (line.kind_mask && !(line.kind_mask & (1u << facts.kind))) continue;
    if (line.setting >= 0 && r.values[line.setting] != line.setting_value) continue;
    if (line.offender_is_ppk >= 0 && line.offender_is_ppk != (facts.is_ppk ? 1 : 0)) continue;
    if (line.offender_is_sekda >= 0 && line.offender_is_sekda != (facts.is_sekda ? 1 : 0)) continue;
    if (line.offender_reports_to_ppk >= 0 && line.offender_reports_to_ppk != (facts.reports_to_ppk ? 1 : 0)) continue;
    if (line.secondment_mask && !(line.secondment_mask & (1u << facts.secondment))) continue;
    // A line that needs a fact the request lacks cannot be decided: report
    // the fact rather than guess.
    uint8_t missing = 0;
    if (line.place_mask) {
      if (facts.place == v1::SECONDMENT_PLACE_UNSPECIFIED) {
        if (!seconded) continue;  // a PNS not seconded, with no place given, is at home
        missing |= kAuthorityPlace;
      } else if (!(line.place_mask & (1u << facts.place))) {
        continue;
      }
    }
    if (line.home_agency_mask) {
      if (home == v1::AGENCY_LEVEL_UNSPECIFIED) {
        missing |= seconded ? kAuthorityHomeAgency : kAuthorityAgency;
      } else if (!(line.home_agency_mask & (1u << home))) {
        continue;
      }
    }
    if (line.position_mask) {
      if (facts.position == v1::POSITION_TYPE_UNSPECIFIED) {
        missing |= kAuthorityPosition;
      } else if (!(line.position_mask & (1u << facts.position))) {
        continue;
      }
    }
    if (line.jf_mask && jf) {
      if (facts.jf_level == v1::JF_LEVEL_UNSPECIFIED) {
        missing |= kAuthorityJfLevel;
      } else if (!(line.jf_mask & (1u << facts.jf_level))) {
        continue;
      }
    }
    if ((line.golongan_min || line.golongan_max) && (!line.position_mask || facts.position == v1::PELAKSANA)) {
      if (facts.golongan == v1::GOLONGAN_UNSPECIFIED) {
        missing |= kAuthorityGolongan;
      } else if ((line.golongan_min && facts.golongan < line.golongan_min) ||
                 (line.golongan_max && facts.golongan > line.golongan_max)) {
        continue;
      }
    }
    if (line.agency_mask) {
      if (facts.agency == v1::AGENCY_LEVEL_UNSPECIFIED) {
        missing |= kAuthorityAgency;
      } else if (!(line.agency_mask & (1u << facts.agency))) {
        continue;
      }
    }
    if (line.superior_mask) {
      if (facts.jpt_pratama_superior == v1::OFFICIAL_UNSPECIFIED) {
        missing |= kAuthoritySuperior;
      } else if (!(line.superior_mask & (1u << facts.jpt_pratama_superior))) {
        continue;
      }
    }
    if (missing) {
      res.missing_authority |= missing;
      continue;
    }
    if (line.no_official_named) {
      if (res.authority_gap < 0) res.authority_gap = law.authority[li].rule;
      continue;
    }
    if (line.only_if_designated && !(facts.designated_mask & (1u << line.official))) continue;
    if (line.only_if_vacant != v1::OFFICIAL_UNSPECIFIED &&
        (!(facts.vacant_mask & (1u << line.only_if_vacant)) || !(facts.designated_mask & (1u << line.official)))) {
      continue;
    }
    const TypeMask types = line.types & types_wanted;
    v1::Official who = line.official;
    const v1::AgencyLevel side = line.home_side ? home : facts.agency;  // whose structure the vacancy is in
    while ((facts.vacant_mask & (1u << who)) && NextHigher(who, side, facts.jpt_pratama_superior) != who) {
      who = NextHigher(who, side, facts.jpt_pratama_superior);
      res.principles |= kVacancy;
    }
    bool merged = false;
    for (size_t k = first; k < res.officials.size(); ++k) {
      OfficialResult& o = res.officials[k];
      if (o.official == who && law.authority[o.line].proposer == line.proposer &&
          law.authority[o.line].home_side == line.home_side) {
        o.types |= types;
        if (who != line.official) o.vacated_line = static_cast<int32_t>(li);
        for (int32_t& m : o.merged) {
          if (m < 0) {
            m = static_cast<int32_t>(li);
            break;
          }
        }
        merged = true;
      }
    }
    if (!merged) res.officials.push_back({static_cast<int32_t>(li), who, types});
  }
  // With a fact missing, the list would be partial: name the fact instead.
  if (res.missing_authority) {
    res.officials.resize(first);
    res.principles &= ~uint32_t{kVacancy};
  }
}

absl::StatusOr<v1::Determination> Evaluator::Evaluate(const v1::EvaluationRequest& request) const {
  v1::Determination d;
  if (auto st = Evaluate(request, &d); !st.ok()) return st;
  return d;
}

absl::StatusOr<Evaluator> Evaluator::WithRequestSettings(const v1::EvaluationRequest& request) const {
  std::map<std::string, std::string> merged;
  for (const SettingValue& s : settings_) {
    if (!s.is_default) merged[s.name] = s.value;
  }
  for (const auto& [k, v] : request.settings()) merged[k] = v;
  return Create(book_, merged);
}

absl::Status Evaluator::Evaluate(const v1::EvaluationRequest& request, v1::Determination* out) const {
  if (!request.settings().empty()) {
    auto derived = WithRequestSettings(request);
    if (!derived.ok()) return derived.status();
    v1::EvaluationRequest copy = request;
    copy.clear_settings();
    return derived->Evaluate(copy, out);
  }
  out->Clear();
  CaseFacts facts;
  if (auto st = Prepare(request, &facts); !st.ok()) return st;
  CaseResult result;
  Evaluate(facts, &result);
  Render(facts, result, out);
  return absl::OkStatus();
}

}  // namespace netra
