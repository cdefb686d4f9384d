// ValidateLaw's coverage stage (validate_stages.h), skipped for the law
// netra_lawc checked at build time: on every date, every combination of the
// facts a norm's level rules constrain is answered by exactly one rule, or by
// several that declare how they relate.
#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "law/validate_stages.h"
#include "netra/date.h"

namespace netra::internal {
namespace {

std::vector<int32_t> Cuts(const std::vector<const Range*>& ranges) {
  std::set<int32_t> s = {0};
  for (const Range* r : ranges) {
    s.insert(r->min);
    if (r->max != kUnbounded) s.insert(r->max + 1);
  }
  return {s.begin(), s.end()};
}

// One point of fact space; a field no active rule constrains stays at 0
// (or -1 for booleans) and is then not checked.
struct Point {
  int impact = 0, position = 0, kind = 0, status = 0, route = 0, office = 0;
  int valid = -1, wealth = -1, cltn = -1, active = -1, resigned = -1, breach = -1, intentional = -1;
  int planned = -1, office_crime = -1, retention = -1, custodial = -1;
  int attributes = -1, mobilised = -1, facilities = -1;
  int work_target = 0, prison = 0;
  int32_t cum = 0, consec = 0;
};

bool Matches(const CompiledCondition& w, const Point& p) {
  auto flag = [](int8_t want, int have) { return want < 0 || want == have; };
  if (w.impact_mask && !(w.impact_mask & (1u << p.impact))) return false;
  if (w.has_cumulative && (p.cum < w.cumulative.min || p.cum > w.cumulative.max)) return false;
  if (w.has_consecutive && (p.consec < w.consecutive.min || p.consec > w.consecutive.max)) return false;
  if (w.position_mask && !(w.position_mask & (1u << p.position))) return false;
  if (w.kind_mask && !(w.kind_mask & (1u << p.kind))) return false;
  if (w.status_mask && !(w.status_mask & (1u << p.status))) return false;
  if (w.route_mask && !(w.route_mask & (1u << p.route))) return false;
  if (w.office_mask && !(w.office_mask & (1u << p.office))) return false;
  if (w.has_work_target && (p.work_target < w.work_target.min || p.work_target > w.work_target.max)) return false;
  if (w.has_prison && (p.prison < w.prison.min || p.prison > w.prison.max)) return false;
  return flag(w.planned, p.planned) && flag(w.office_crime, p.office_crime) && flag(w.retention, p.retention) && flag(w.custodial, p.custodial) &&
         flag(w.intentional, p.intentional) && flag(w.valid_reason, p.valid) && flag(w.wealth_obliged, p.wealth) && flag(w.on_cltn, p.cltn) &&
         flag(w.active_support, p.active) && flag(w.resigned, p.resigned) && flag(w.cltn_breach, p.breach) &&
         flag(w.attributes, p.attributes) && flag(w.mobilised, p.mobilised) && flag(w.facilities, p.facilities);
}

}  // namespace

// Every combination of the facts a norm's rules constrain must be covered
// by exactly one rule, or by several that declare how they relate. Rules are
// boxes in fact space, so checking one point per cell of the grid their
// bounds draw is exhaustive.
absl::Status Validator::Coverage() {
  for (const NormInfo& norm : law_.norms) {
    std::set<absl::CivilDay> cuts;
    for (int li : norm.level_rules) {
      cuts.insert(law_.level_rules[li].from);
      if (law_.level_rules[li].until != kNever) cuts.insert(law_.level_rules[li].until);
    }
    // Rules switched by settings: each combination of their values is a law
    // of its own, checked apart.
    std::vector<int> gates;
    for (int li : norm.level_rules) {
      const int s = law_.level_rules[li].setting;
      if (s >= 0 && std::find(gates.begin(), gates.end(), s) == gates.end()) gates.push_back(s);
    }
    std::vector<std::vector<std::string>> values;
    int64_t combinations = 1;
    for (int g : gates) {
      const v1::Setting& decl = *law_.settings[g].decl;
      values.emplace_back(decl.choices().begin(), decl.choices().end());
      if (decl.type() == v1::Setting::BOOL) values.back() = {"true", "false"};
      combinations *= int64_t(values.back().size());
    }
    if (combinations > kMaxSettingCombinations) {
      return Bad(absl::StrCat(W(norm.rule), "the level rules of this norm switch on settings with ", combinations,
                              " combinations of values; the limit is ", kMaxSettingCombinations));
    }
    for (int64_t combo = 0; combo < combinations; ++combo) {
      // The value of each gate in this combination (mixed radix).
      std::vector<const std::string*> value(gates.size());
      for (int64_t g = 0, rest = combo; g < int64_t(gates.size()); ++g) {
        value[g] = &values[g][rest % values[g].size()];
        rest /= int64_t(values[g].size());
      }
      auto on = [&](const CompiledLevelRule& c) {
        if (c.setting < 0) return true;
        const size_t g = std::find(gates.begin(), gates.end(), c.setting) - gates.begin();
        return c.setting_value == *value[g];
      };
      for (absl::CivilDay day : cuts) {
        std::vector<int> active;
        for (int li : norm.level_rules) {
          const CompiledLevelRule& c = law_.level_rules[li];
          if (on(c) && c.from <= day && day < c.until) active.push_back(li);
        }
        if (active.empty()) continue;
        if (auto st = CoverageAt(norm, day, active); !st.ok()) {
          if (gates.empty()) return st;
          std::vector<std::string> with;
          for (size_t g = 0; g < gates.size(); ++g) {
            with.push_back(absl::StrCat(law_.settings[gates[g]].decl->name(), "=", *value[g]));
          }
          return Bad(absl::StrCat(st.message(), " (with setting ", absl::StrJoin(with, ", "), ")"));
        }
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Validator::CoverageAt(const NormInfo& norm, absl::CivilDay day, const std::vector<int>& active) {
  constexpr int kDims = 22;
  bool constrained[kDims] = {};
  std::vector<const Range*> cum_ranges, consec_ranges, target_ranges, prison_ranges;
  for (int li : active) {
    const CompiledCondition& w = law_.level_rules[li].when;
    constrained[0] |= w.impact_mask != 0;
    constrained[1] |= w.position_mask != 0;
    constrained[2] |= w.kind_mask != 0;
    constrained[3] |= w.status_mask != 0;
    constrained[4] |= w.route_mask != 0;
    constrained[5] |= w.valid_reason >= 0;
    constrained[6] |= w.wealth_obliged >= 0;
    constrained[7] |= w.on_cltn >= 0;
    constrained[8] |= w.active_support >= 0;
    constrained[9] |= w.resigned >= 0;
    constrained[10] |= w.cltn_breach >= 0;
    constrained[11] |= w.office_mask != 0;
    constrained[12] |= w.intentional >= 0;
    constrained[13] |= w.has_work_target;
    if (w.has_work_target) target_ranges.push_back(&w.work_target);
    constrained[14] |= w.has_prison;
    constrained[15] |= w.planned >= 0;
    constrained[16] |= w.office_crime >= 0;
    constrained[17] |= w.retention >= 0;
    constrained[18] |= w.custodial >= 0;
    constrained[19] |= w.attributes >= 0;
    constrained[20] |= w.mobilised >= 0;
    constrained[21] |= w.facilities >= 0;
    if (w.has_prison) prison_ranges.push_back(&w.prison);
    if (w.has_cumulative) cum_ranges.push_back(&w.cumulative);
    if (w.has_consecutive) consec_ranges.push_back(&w.consecutive);
  }
  // Kinds the norm's scope covers: a rule need not answer for the others.
  // With no scope rules at all (a stand-alone file), every kind counts.
  std::vector<int> kinds;
  bool scoped = false;
  for (int k = 1; k < kKindCount; ++k) {
    const int scope = norm.scope_by_kind[k];
    scoped |= scope >= 0;
    if (scope < 0 || R(scope).scope().covered() || law_.scope_gates.count(scope)) kinds.push_back(k);
  }
  if (scoped) {
    kinds.erase(std::remove_if(kinds.begin(), kinds.end(), [&](int k) { return norm.scope_by_kind[k] < 0; }),
                kinds.end());
  }
  if (kinds.empty()) return absl::OkStatus();
  struct Dim {
    const char* name;
    int Point::*field;
    std::vector<int> values;
    std::string (*label)(int);
  };
  auto range = [](int lo, int hi) {
    std::vector<int> v;
    for (int i = lo; i <= hi; ++i) v.push_back(i);
    return v;
  };
  auto boolean = [](int v) { return std::string(v ? "true" : "false"); };
  // Work targets take one value per band the rules draw (from 0).
  std::vector<int> targets;
  for (int32_t v : Cuts(target_ranges)) targets.push_back(v);
  std::vector<int> prisons;
  for (int32_t v : Cuts(prison_ranges)) prisons.push_back(v);
  const Dim all[kDims] = {
      {"impact", &Point::impact, range(1, 3), [](int v) { return v1::Impact_Name(v); }},
      {"position", &Point::position, range(v1::JPT_UTAMA, v1::STRUKTURAL_ESELON_V), [](int v) { return v1::PositionType_Name(v); }},
      {"kind", &Point::kind, kinds, [](int v) { return v1::EmployeeKind_Name(v); }},
      {"candidate_status", &Point::status, range(1, 2), [](int v) { return v1::CandidateStatus_Name(v); }},
      {"candidate_route", &Point::route, range(1, 2), [](int v) { return v1::CandidateRoute_Name(v); }},
      {"valid_reason", &Point::valid, range(0, 1), boolean},
      {"wealth_report_obliged", &Point::wealth, range(0, 1), boolean},
      {"on_cltn", &Point::cltn, range(0, 1), boolean},
      {"active_support", &Point::active, range(0, 1), boolean},
      {"resigned_in_writing", &Point::resigned, range(0, 1), boolean},
      {"cltn_conduct_breach", &Point::breach, range(0, 1), boolean},
      {"target_office", &Point::office, range(v1::PRESIDENT_VICE_PRESIDENT, v1::POLITICAL_PARTY),
       [](int v) { return v1::Office_Name(v); }},
      {"intentional", &Point::intentional, range(0, 1), boolean},
      {"work_target_percent", &Point::work_target, targets, [](int v) { return absl::StrCat(v); }},
      {"prison_months", &Point::prison, prisons, [](int v) { return absl::StrCat(v); }},
      {"planned_crime", &Point::planned, range(0, 1), boolean},
      {"office_related_crime", &Point::office_crime, range(0, 1), boolean},
      {"retention_conditions_met", &Point::retention, range(0, 1), boolean},
      {"custodial", &Point::custodial, range(0, 1), boolean},
      {"campaign_attributes", &Point::attributes, range(0, 1), boolean},
      {"mobilised_staff", &Point::mobilised, range(0, 1), boolean},
      {"state_facilities", &Point::facilities, range(0, 1), boolean},
  };
  std::vector<const Dim*> dims;
  for (int i = 0; i < kDims; ++i) {
    if (constrained[i]) dims.push_back(&all[i]);
  }
  const std::vector<int32_t> cums = cum_ranges.empty() ? std::vector<int32_t>{0} : Cuts(cum_ranges);
  const std::vector<int32_t> consecs = consec_ranges.empty() ? std::vector<int32_t>{0} : Cuts(consec_ranges);
  int64_t cells = int64_t(cums.size()) * int64_t(consecs.size());
  for (const Dim* d : dims) cells *= int64_t(d->values.size());
  if (cells > kMaxCoverageCells) {
    return Bad(absl::StrCat(W(norm.rule), "the level rules of this norm draw ", cells,
                            " distinct fact cells; the limit is ", kMaxCoverageCells));
  }
  Point p;
  auto point = [&](int32_t cum_hi) {
    std::vector<std::string> parts;
    for (const Dim* d : dims) parts.push_back(absl::StrCat(d->name, "=", d->label(p.*(d->field))));
    if (!cum_ranges.empty()) {
      parts.push_back(absl::StrCat("cumulative_absence_days=", p.cum,
                                   cum_hi == kUnbounded ? "+" : absl::StrCat("..", cum_hi)));
    }
    if (!consec_ranges.empty()) parts.push_back(absl::StrCat("consecutive_absence_days=", p.consec));
    return absl::StrJoin(parts, ", ");
  };
  // Checks one cell: exactly one rule, or several that declare their relation.
  auto check = [&](int32_t cum_hi) -> absl::Status {
    std::vector<int> hit;
    for (int li : active) {
      if (Matches(law_.level_rules[li].when, p)) hit.push_back(li);
    }
    if (hit.empty()) {
      return Bad(absl::StrCat(W(norm.rule), "gap: no level rule in force on ", FormatDate(day), " covers ",
                              point(cum_hi), " (add a rule, or a NO_STATUTORY_MAPPING rule if the law is silent)"));
    }
    for (size_t a = 0; a < hit.size(); ++a) {
      for (size_t b = a + 1; b < hit.size(); ++b) {
        if (!Declared(hit[a], hit[b])) {
          const int ra = law_.level_rules[hit[a]].rule, rb = law_.level_rules[hit[b]].rule;
          return Bad(absl::StrCat(W(rb), "overlaps ", R(ra).id(), " (", law_.rules[ra].file, ":",
                                  law_.rules[ra].line, ") for ", point(cum_hi), " on ", FormatDate(day),
                                  ", and neither declares exception_of or concurrent_with the other"));
        }
      }
    }
    return absl::OkStatus();
  };
  // Odometer over the discrete dimensions, then the numeric cuts.
  std::function<absl::Status(size_t)> walk = [&](size_t d) -> absl::Status {
    if (d < dims.size()) {
      for (int v : dims[d]->values) {
        p.*(dims[d]->field) = v;
        if (auto st = walk(d + 1); !st.ok()) return st;
      }
      return absl::OkStatus();
    }
    for (size_t ci = 0; ci < cums.size(); ++ci) {
      const int32_t cum_hi = ci + 1 < cums.size() ? cums[ci + 1] - 1 : kUnbounded;
      p.cum = cums[ci];
      for (int32_t k : consecs) {
        // A run of consecutive days is part of the yearly total.
        if (!cum_ranges.empty() && !consec_ranges.empty() && k > cum_hi) continue;
        p.consec = k;
        if (auto st = check(cum_hi); !st.ok()) return st;
      }
    }
    return absl::OkStatus();
  };
  return walk(0);
}

bool Validator::Declared(int a, int b) const {
  auto has = [](const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  const CompiledLevelRule& ra = law_.level_rules[a];
  const CompiledLevelRule& rb = law_.level_rules[b];
  return has(ra.exception_of, b) || has(rb.exception_of, a) || has(ra.concurrent_with, b) ||
         has(rb.concurrent_with, a);
}

}  // namespace netra::internal
