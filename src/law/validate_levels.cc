// ValidateLaw's stage for level rules (validate_stages.h): each rule's norm,
// outcome, level or level setting, sanction types and conditions; their
// exception_of and concurrent_with relations, with no exception_of cycle; and
// every norm answered by at least one level rule.
#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "law/validate_stages.h"

namespace netra::internal {
namespace {

absl::Status CheckRange(const v1::IntRange& r, absl::string_view name) {
  if (r.min() < 0) return Bad(absl::StrCat(name, ".min is negative"));
  if (r.has_max() && r.max() < r.min()) {
    return Bad(absl::StrCat(name, " is empty: max ", r.max(), " < min ", r.min()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Validator::LevelRules() {
  absl::flat_hash_map<int, int> level_index;  // rule index -> level_rules index
  for (size_t i = 0; i < law_.rules.size(); ++i) {
    const int ri = static_cast<int>(i);
    const v1::Rule& r = R(ri);
    if (r.body_case() != v1::Rule::kLevel) continue;
    const v1::LevelRule& lr = r.level();
    CompiledLevelRule c;
    c.rule = ri;
    c.from = law_.rule_from[i];
    c.until = law_.rule_until[i];
    auto n = law_.norm_by_id.find(lr.norm());
    if (n == law_.norm_by_id.end()) {
      return Bad(absl::StrCat(W(ri), "level.norm \"", lr.norm(), "\" is not the id of a norm rule"));
    }
    c.norm = n->second;
    c.outcome = lr.outcome();
    c.level = lr.level();
    c.regime = lr.regime() == v1::REGIME_UNSPECIFIED ? v1::DISCIPLINE : lr.regime();
    c.stops_salary = lr.stops_salary();
    if (c.regime != v1::DISCIPLINE) {
      if (lr.outcome() != v1::SANCTION || lr.level() != v1::LEVEL_UNSPECIFIED || lr.sanction_types_size() == 0 ||
          lr.heavier_than_reference() || lr.stops_salary() || !lr.level_setting().empty()) {
        return Bad(absl::StrCat(W(ri), "a ", v1::Regime_Name(c.regime),
                                " rule has outcome SANCTION, names its sanction_types and has no level or effects"));
      }
    }
    if (!lr.level_setting().empty()) {
      auto it = law_.setting_by_name.find(lr.level_setting());
      if (it == law_.setting_by_name.end()) {
        return Bad(absl::StrCat(W(ri), "level_setting: unknown setting \"", lr.level_setting(), "\""));
      }
      const v1::Setting& set = *law_.settings[it->second].decl;
      if (set.type() != v1::Setting::CHOICE) {
        return Bad(absl::StrCat(W(ri), "level_setting \"", set.name(), "\" must be a CHOICE setting"));
      }
      for (const std::string& choice : set.choices()) {
        v1::Level l;
        if (!v1::Level_Parse(choice, &l) || l == v1::LEVEL_UNSPECIFIED) {
          return Bad(absl::StrCat(W(ri), "level_setting \"", set.name(), "\" has choice \"", choice,
                                  "\", which is not a level (RINGAN, SEDANG, BERAT)"));
        }
      }
      if (set.default_value() != v1::Level_Name(lr.level())) {
        return Bad(absl::StrCat(W(ri), "level ", v1::Level_Name(lr.level()), " differs from the default \"",
                                set.default_value(), "\" of its level_setting ", set.name()));
      }
      if (lr.sanction_types_size() > 0) {
        return Bad(absl::StrCat(W(ri), "a rule with level_setting cannot fix sanction_types of one level"));
      }
      c.level_setting = it->second;
    }
    c.heavier_than_reference = lr.heavier_than_reference();
    c.equal_to_reference = lr.equal_to_reference();
    if (auto st = CheckChoiceSetting(ri, lr.setting(), lr.setting_value(), &c.setting); !st.ok()) return st;
    if (!lr.setting().empty() && lr.setting_value().empty()) {
      return Bad(absl::StrCat(W(ri), "level.setting needs a setting_value"));
    }
    c.setting_value = lr.setting_value();
    if (c.heavier_than_reference && c.equal_to_reference) {
      return Bad(absl::StrCat(W(ri), "heavier_than_reference and equal_to_reference exclude each other"));
    }
    switch (lr.outcome()) {
      case v1::SANCTION:
        if (lr.heavier_than_reference() || lr.equal_to_reference()) {
          if (lr.level() != v1::LEVEL_UNSPECIFIED || lr.sanction_types_size() > 0) {
            return Bad(absl::StrCat(W(ri), lr.heavier_than_reference() ? "heavier_than_reference" : "equal_to_reference",
                                    " takes no level or sanction_types"));
          }
        } else if (lr.level() == v1::LEVEL_UNSPECIFIED && c.regime == v1::DISCIPLINE) {
          return Bad(absl::StrCat(W(ri), "outcome SANCTION needs a level"));
        }
        break;
      case v1::NO_VIOLATION:
      case v1::NO_SANCTION:
      case v1::NO_STATUTORY_MAPPING:
        if (lr.level() != v1::LEVEL_UNSPECIFIED || lr.sanction_types_size() > 0 ||
            lr.heavier_than_reference() || lr.equal_to_reference() || lr.stops_salary()) {
          return Bad(absl::StrCat(W(ri), "outcome ", v1::Outcome_Name(lr.outcome()),
                                  " takes no level, sanction types or effects"));
        }
        break;
      default:
        return Bad(absl::StrCat(W(ri), "level.outcome must be SANCTION, NO_VIOLATION, NO_SANCTION or "
                                "NO_STATUTORY_MAPPING, not ", v1::Outcome_Name(lr.outcome())));
    }
    auto fixed = Types(ri, lr.sanction_types(), lr.level(), "level.sanction_types");
    if (fixed.ok()) {
      for (const std::string& code : lr.sanction_types()) {
        if (law_.types[law_.type_by_code.at(code)].regime != c.regime) {
          return Bad(absl::StrCat(W(ri), "level.sanction_types: ", code, " is not a ", v1::Regime_Name(c.regime),
                                  " type"));
        }
      }
    }
    if (!fixed.ok()) return fixed.status();
    c.fixed_types = *fixed;
    const v1::Condition& w = lr.when();
    for (int imp : w.impact_any_of()) {
      if (imp == v1::IMPACT_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "when.impact_any_of lists IMPACT_UNSPECIFIED"));
      c.when.impact_mask |= uint8_t(1u << imp);
    }
    // A numeric condition: checked, then [min, max] (max unbounded if unset).
    auto range = [&](bool has, const v1::IntRange& in, const char* field, bool* has_out, Range* out) {
      if (!has) return absl::OkStatus();
      if (auto st = CheckRange(in, field); !st.ok()) return Bad(absl::StrCat(W(ri), st.message()));
      *has_out = true;
      *out = {in.min(), in.has_max() ? in.max() : kUnbounded};
      return absl::OkStatus();
    };
    for (const absl::Status& st :
         {range(w.has_cumulative_absence_days(), w.cumulative_absence_days(), "when.cumulative_absence_days",
                &c.when.has_cumulative, &c.when.cumulative),
          range(w.has_consecutive_absence_days(), w.consecutive_absence_days(), "when.consecutive_absence_days",
                &c.when.has_consecutive, &c.when.consecutive),
          range(w.has_work_target_percent(), w.work_target_percent(), "when.work_target_percent",
                &c.when.has_work_target, &c.when.work_target),
          range(w.has_prison_months(), w.prison_months(), "when.prison_months", &c.when.has_prison,
                &c.when.prison)}) {
      if (!st.ok()) return st;
    }
    if (w.has_valid_reason()) c.when.valid_reason = w.valid_reason() ? 1 : 0;
    if (w.has_wealth_report_obliged()) c.when.wealth_obliged = w.wealth_report_obliged() ? 1 : 0;
    if (w.has_intentional()) c.when.intentional = w.intentional() ? 1 : 0;
    if (w.has_planned_crime()) c.when.planned = w.planned_crime() ? 1 : 0;
    if (w.has_office_related_crime()) c.when.office_crime = w.office_related_crime() ? 1 : 0;
    if (w.has_retention_conditions_met()) c.when.retention = w.retention_conditions_met() ? 1 : 0;
    if (w.has_custodial()) c.when.custodial = w.custodial() ? 1 : 0;
    for (int p : w.offender_position_any_of()) {
      if (p == v1::POSITION_TYPE_UNSPECIFIED) {
        return Bad(absl::StrCat(W(ri), "when.offender_position_any_of lists POSITION_TYPE_UNSPECIFIED"));
      }
      c.when.position_mask |= uint16_t(1u << p);
    }
    for (int k : w.offender_kind_any_of()) {
      if (k <= 0 || k >= kKindCount) return Bad(absl::StrCat(W(ri), "when.offender_kind_any_of has an invalid kind ", k));
      c.when.kind_mask |= uint8_t(1u << k);
    }
    for (int st : w.candidate_status_any_of()) {
      if (st == v1::CANDIDATE_STATUS_UNSPECIFIED) {
        return Bad(absl::StrCat(W(ri), "when.candidate_status_any_of lists CANDIDATE_STATUS_UNSPECIFIED"));
      }
      c.when.status_mask |= uint8_t(1u << st);
    }
    for (int o : w.target_office_any_of()) {
      if (o == v1::OFFICE_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "when.target_office_any_of lists OFFICE_UNSPECIFIED"));
      c.when.office_mask |= uint16_t(1u << o);
    }
    if (c.when.status_mask || c.when.office_mask) law_.norms[c.norm].needs_target = true;
    for (int rt : w.candidate_route_any_of()) {
      if (rt == v1::CANDIDATE_ROUTE_UNSPECIFIED) {
        return Bad(absl::StrCat(W(ri), "when.candidate_route_any_of lists CANDIDATE_ROUTE_UNSPECIFIED"));
      }
      c.when.route_mask |= uint8_t(1u << rt);
    }
    if (w.has_on_cltn()) c.when.on_cltn = w.on_cltn() ? 1 : 0;
    if (w.has_active_support()) c.when.active_support = w.active_support() ? 1 : 0;
    if (w.has_campaign_attributes()) c.when.attributes = w.campaign_attributes() ? 1 : 0;
    if (w.has_mobilised_staff()) c.when.mobilised = w.mobilised_staff() ? 1 : 0;
    if (w.has_state_facilities()) c.when.facilities = w.state_facilities() ? 1 : 0;
    if (w.has_resigned_in_writing()) c.when.resigned = w.resigned_in_writing() ? 1 : 0;
    if (w.has_cltn_conduct_breach()) c.when.cltn_breach = w.cltn_conduct_breach() ? 1 : 0;
    level_index[ri] = static_cast<int>(law_.level_rules.size());
    internal::NormInfo& info = law_.norms[c.norm];
    info.level_rules.push_back(static_cast<int>(law_.level_rules.size()));
    if (c.outcome == v1::SANCTION) {
      (c.regime == v1::DISCIPLINE ? info.gives_discipline : info.gives_other_regime) = true;
    }
    law_.level_rules.push_back(std::move(c));
  }
  // Relations, now that every level rule has an index.
  for (CompiledLevelRule& c : law_.level_rules) {
    const v1::LevelRule& lr = R(c.rule).level();
    for (auto [ids, out, name] :
         {std::tuple{&lr.exception_of(), &c.exception_of, "exception_of"},
          std::tuple{&lr.concurrent_with(), &c.concurrent_with, "concurrent_with"}}) {
      for (const std::string& id : *ids) {
        auto it = law_.rule_by_id.find(id);
        auto li = it == law_.rule_by_id.end() ? level_index.end() : level_index.find(it->second);
        if (li == level_index.end()) {
          return Bad(absl::StrCat(W(c.rule), "level.", name, ": \"", id, "\" is not a level rule"));
        }
        if (law_.level_rules[li->second].norm != c.norm) {
          return Bad(absl::StrCat(W(c.rule), "level.", name, ": \"", id, "\" is about another norm"));
        }
        out->push_back(li->second);
      }
    }
  }
  // No exception_of cycle, of any length: the rules of a cycle that all
  // match would displace one another and leave no rule to answer (a cycle
  // of three once loaded and crashed the evaluator; found by fuzzing).
  // Depth-first search, linear in rules and relations.
  {
    const size_t n = law_.level_rules.size();
    std::vector<int8_t> state(n, 0);  // 0 unvisited, 1 on the path, 2 done
    std::vector<std::pair<int, size_t>> path;  // rule, next exception_of to follow
    for (size_t start = 0; start < n; ++start) {
      if (state[start] != 0) continue;
      state[start] = 1;
      path.push_back({static_cast<int>(start), 0});
      while (!path.empty()) {
        auto& [at, next] = path.back();
        const std::vector<int>& out = law_.level_rules[at].exception_of;
        if (next == out.size()) {
          state[at] = 2;
          path.pop_back();
          continue;
        }
        const int e = out[next++];
        if (state[e] == 1) {
          return Bad(absl::StrCat(W(law_.level_rules[at].rule), "exception_of cycle with ",
                                  R(law_.level_rules[e].rule).id(),
                                  e == at || std::find(law_.level_rules[e].exception_of.begin(),
                                                       law_.level_rules[e].exception_of.end(),
                                                       at) != law_.level_rules[e].exception_of.end()
                                      ? ": each would displace the other"
                                      : ": through further exceptions each would displace itself"));
        }
        if (state[e] == 0) {
          state[e] = 1;
          path.push_back({e, 0});
        }
      }
    }
  }
  for (size_t n = 0; n < law_.norms.size(); ++n) {
    if (law_.norms[n].level_rules.size() > static_cast<size_t>(kMaxLevelRulesPerNorm)) {
      return Bad(absl::StrCat(W(law_.norms[n].rule), "norm has ", law_.norms[n].level_rules.size(),
                              " level rules; the limit is ", kMaxLevelRulesPerNorm));
    }
    if (law_.norms[n].level_rules.empty()) {
      return Bad(absl::StrCat(W(law_.norms[n].rule),
                              "norm has no level rule: the law's answer for a breach is not encoded "
                              "(add a level rule, or a NO_STATUTORY_MAPPING rule for a gap)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
