// ValidateLaw's stage for the other rule bodies (validate_stages.h):
// authority lines, procedures, scopes, deadlines, handling bodies and
// principles; then each norm's scope and handling body by its id's prefix.
#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "law/validate_stages.h"
#include "utf8.h"

namespace netra::internal {

absl::Status Validator::OthersBodies() {
  for (size_t i = 0; i < law_.rules.size(); ++i) {
    const int ri = static_cast<int>(i);
    const v1::Rule& r = R(ri);
    switch (r.body_case()) {
      case v1::Rule::kAuthority: {
        const v1::AuthorityRule& a = r.authority();
        CompiledAuthority c;
        c.rule = ri;
        c.no_official_named = a.no_official_named();
        if (a.official() == v1::OFFICIAL_UNSPECIFIED && !c.no_official_named) {
          return Bad(absl::StrCat(W(ri), "authority.official is required"));
        }
        if (c.no_official_named && (a.official() != v1::OFFICIAL_UNSPECIFIED || a.proposer() != v1::OFFICIAL_UNSPECIFIED)) {
          return Bad(absl::StrCat(W(ri), "authority.no_official_named: the line names no official, so it can have "
                                         "no official or proposer"));
        }
        c.official = a.official();
        c.proposer = a.proposer();
        c.only_if_vacant = a.only_if_vacant();
        for (int p : a.offender_position_any_of()) c.position_mask |= uint16_t(1u << p);
        for (int k : a.offender_kind_any_of()) {
          if (k <= 0 || k >= kKindCount) {
            return Bad(absl::StrCat(W(ri), "authority.offender_kind_any_of has an invalid kind ", k));
          }
          c.kind_mask |= uint8_t(1u << k);
        }
        for (int j : a.offender_jf_level_any_of()) c.jf_mask |= uint16_t(1u << j);
        for (int g : a.agency_level_any_of()) c.agency_mask |= uint8_t(1u << g);
        // A level covers the types of it that the line's kinds can receive.
        TypeMask kind_types = ~TypeMask{0};
        if (c.kind_mask) {
          kind_types = 0;
          for (int k = 1; k < kKindCount; ++k) {
            if (c.kind_mask & (1u << k)) kind_types |= law_.kind_types[k];
          }
        }
        TypeMask types = 0;
        for (int l : a.levels()) {
          if (l == v1::LEVEL_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "authority.levels lists LEVEL_UNSPECIFIED"));
          types |= law_.level_types[l] & kind_types;
        }
        auto listed = Types(ri, a.sanction_types(), v1::LEVEL_UNSPECIFIED, "authority.sanction_types");
        if (!listed.ok()) return listed.status();
        auto except = Types(ri, a.except_sanction_types(), v1::LEVEL_UNSPECIFIED, "authority.except_sanction_types");
        if (!except.ok()) return except.status();
        types = (types | *listed) & ~*except;
        if (types == 0) return Bad(absl::StrCat(W(ri), "authority line covers no sanction type"));
        c.types = types;
        if (a.has_offender_is_ppk()) c.offender_is_ppk = a.offender_is_ppk() ? 1 : 0;
        if (a.has_offender_is_sekda()) c.offender_is_sekda = a.offender_is_sekda() ? 1 : 0;
        if (a.has_offender_reports_to_ppk()) c.offender_reports_to_ppk = a.offender_reports_to_ppk() ? 1 : 0;
        c.golongan_min = static_cast<uint8_t>(a.offender_golongan_min());
        c.golongan_max = static_cast<uint8_t>(a.offender_golongan_max());
        if (c.golongan_min && c.golongan_max && c.golongan_min > c.golongan_max) {
          return Bad(absl::StrCat(W(ri), "authority.offender_golongan_min ",
                                  v1::Golongan_Name(a.offender_golongan_min()), " is above offender_golongan_max ",
                                  v1::Golongan_Name(a.offender_golongan_max())));
        }
        if ((c.golongan_min || c.golongan_max) && c.position_mask && !(c.position_mask & (1u << v1::PELAKSANA))) {
          return Bad(absl::StrCat(W(ri), "authority.offender_golongan_min/max restrict PELAKSANA offenders (or every "
                                         "offender of a line naming no position), and offender_position_any_of does "
                                         "not list PELAKSANA"));
        }
        for (int o : a.official_superior_any_of()) {
          if (o == v1::OFFICIAL_UNSPECIFIED) {
            return Bad(absl::StrCat(W(ri), "authority.official_superior_any_of lists OFFICIAL_UNSPECIFIED"));
          }
          c.superior_mask |= 1u << o;
        }
        if (auto st = CheckChoiceSetting(ri, a.setting(), a.setting_value(), &c.setting); !st.ok()) return st;
        if (!a.setting().empty() && a.setting_value().empty()) {
          return Bad(absl::StrCat(W(ri), "authority.setting needs a setting_value"));
        }
        c.setting_value = a.setting_value();
        c.only_if_designated = a.only_if_designated();
        for (int x : a.offender_secondment_any_of()) c.secondment_mask |= uint8_t(1u << x);
        for (int x : a.offender_place_any_of()) {
          if (x == v1::SECONDMENT_PLACE_UNSPECIFIED) {
            return Bad(absl::StrCat(W(ri), "authority.offender_place_any_of lists SECONDMENT_PLACE_UNSPECIFIED"));
          }
          c.place_mask |= uint8_t(1u << x);
        }
        for (int x : a.home_agency_level_any_of()) {
          if (x == v1::AGENCY_LEVEL_UNSPECIFIED) {
            return Bad(absl::StrCat(W(ri), "authority.home_agency_level_any_of lists AGENCY_LEVEL_UNSPECIFIED"));
          }
          c.home_agency_mask |= uint8_t(1u << x);
        }
        c.home_side = a.official_side() == v1::HOME;
        law_.authority.push_back(std::move(c));
        break;
      }
      case v1::Rule::kProcedure: {
        const v1::ProcedureRule& p = r.procedure();
        if (p.level() == v1::LEVEL_UNSPECIFIED || p.team() == v1::ProcedureRule::TEAM_UNSPECIFIED) {
          return Bad(absl::StrCat(W(ri), "procedure needs a level and a team requirement"));
        }
        // One procedure per level on any date: PP 53/2010 Pasal 25 before 31
        // August 2021, PP 94/2021 Pasal 29 after it.
        std::vector<int>& same = law_.procedures_by_level[p.level()];
        for (int other : same) {
          if (law_.rule_from[other] < law_.rule_until[ri] && law_.rule_from[ri] < law_.rule_until[other]) {
            return Bad(absl::StrCat(W(ri), "second procedure rule for level ", v1::Level_Name(p.level()),
                                    " on the same dates (first at ", W(other), ")"));
          }
        }
        same.push_back(ri);
        break;
      }
      case v1::Rule::kScope: {
        const v1::ScopeRule& s = r.scope();
        if (s.kinds_size() == 0) return Bad(absl::StrCat(W(ri), "scope.kinds is required"));
        if (!s.covered() && s.governed_by().empty()) {
          return Bad(absl::StrCat(W(ri), "an uncovered scope must say what governs it (governed_by)"));
        }
        int gate = -1;
        if (auto st = CheckChoiceSetting(ri, s.setting(), s.setting_value(), &gate); !st.ok()) return st;
        if (gate >= 0) {
          if (s.setting_value().empty()) return Bad(absl::StrCat(W(ri), "scope.setting needs a setting_value"));
          if (s.covered()) return Bad(absl::StrCat(W(ri), "scope.setting covers an uncovered scope; this one is covered"));
          law_.scope_gates[ri] = {gate, s.setting_value()};
        }
        for (int k : s.kinds()) {
          if (k <= 0 || k >= kKindCount) return Bad(absl::StrCat(W(ri), "scope.kinds has an invalid kind ", k));
          for (int other : scopes_) {
            const v1::ScopeRule& o = R(other).scope();
            if (o.norm_prefix() == s.norm_prefix() && std::find(o.kinds().begin(), o.kinds().end(), k) != o.kinds().end()) {
              return Bad(absl::StrCat(W(ri), "employee kind ", v1::EmployeeKind_Name(k), " already scoped for norm prefix \"",
                                      s.norm_prefix(), "\" by ", W(other)));
            }
          }
          if (s.norm_prefix().empty()) law_.scope_by_kind[k] = ri;
        }
        scopes_.push_back(ri);
        break;
      }
      case v1::Rule::kDeadline: {
        const v1::DeadlineRule& d = r.deadline();
        if (!ValidId(d.deadline())) return Bad(absl::StrCat(W(ri), "deadline.deadline: a lowercase name is required"));
        if (d.days() <= 0 || d.days() > 3660) {
          return Bad(absl::StrCat(W(ri), "deadline.days: ", d.days(), " is outside 1-3660"));
        }
        for (auto [name, type] : {std::pair{&d.days_setting(), v1::Setting::INT},
                                  std::pair{&d.unit_setting(), v1::Setting::CHOICE}}) {
          if (name->empty()) continue;
          auto it = law_.setting_by_name.find(*name);
          if (it == law_.setting_by_name.end()) return Bad(absl::StrCat(W(ri), "unknown setting \"", *name, "\""));
          const v1::Setting& s = *law_.settings[it->second].decl;
          if (s.type() != type) {
            return Bad(absl::StrCat(W(ri), "setting \"", *name, "\" must be of type ", v1::Setting::Type_Name(type)));
          }
          if (type == v1::Setting::CHOICE) {
            for (const std::string& c : s.choices()) {
              if (c != "WORKING_DAYS" && c != "CALENDAR_DAYS") {
                return Bad(absl::StrCat(W(ri), "unit setting \"", *name, "\" has choice \"", c,
                                        "\"; only WORKING_DAYS and CALENDAR_DAYS"));
              }
            }
          }
        }
        for (int other : deadlines_) {
          if (R(other).deadline().deadline() == d.deadline() && law_.rule_from[other] < law_.rule_until[ri] &&
              law_.rule_from[ri] < law_.rule_until[other]) {
            return Bad(absl::StrCat(W(ri), "deadline \"", d.deadline(), "\" is already set by ", W(other),
                                    " on overlapping dates"));
          }
        }
        deadlines_.push_back(ri);
        break;
      }
      case v1::Rule::kRemedy: {
        const v1::RemedyRule& m = r.remedy();
        if (m.route() == v1::RemedyRule::ROUTE_UNSPECIFIED && !m.effective_on_decision()) {
          return Bad(absl::StrCat(W(ri), "remedy.route: required, or effective_on_decision for a rule on the effect alone"));
        }
        CompiledRemedy c;
        c.rule = ri;
        c.route = m.route();
        c.effective_on_decision = m.effective_on_decision();
        for (int o : m.officials()) {
          if (o == v1::OFFICIAL_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "remedy.officials lists OFFICIAL_UNSPECIFIED"));
          c.officials |= 1u << o;
        }
        for (int l : m.levels()) {
          if (l == v1::LEVEL_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "remedy.levels lists LEVEL_UNSPECIFIED"));
          c.types |= law_.level_types[l];
        }
        auto listed = Types(ri, m.sanction_types(), v1::LEVEL_UNSPECIFIED, "remedy.sanction_types");
        if (!listed.ok()) return listed.status();
        c.types |= *listed;
        if (m.dismissals()) {
          for (size_t t = 0; t < law_.types.size(); ++t) {
            if (law_.types[t].regime == v1::DISMISSAL || R(law_.types[t].rule).sanction_type().permanent()) {
              c.types |= TypeMask{1} << t;
            }
          }
        }
        law_.remedies.push_back(c);
        break;
      }
      case v1::Rule::kHandling: {
        if (r.handling().body() == v1::HANDLING_BODY_UNSPECIFIED || r.handling().role().empty() ||
            r.handling().norm_prefix().empty()) {
          return Bad(absl::StrCat(W(ri), "handling needs a body, a role and a norm_prefix"));
        }
        for (int other : law_.handling) {
          const std::string& a = r.handling().norm_prefix();
          const std::string& b = R(other).handling().norm_prefix();
          if (law_.rule_from[other] < law_.rule_until[ri] && law_.rule_from[ri] < law_.rule_until[other] &&
              (absl::StartsWith(a, b) || absl::StartsWith(b, a))) {
            return Bad(absl::StrCat(W(ri), "handling window overlaps ", W(other),
                                    " for the same norms; one body handles a norm's cases on a given date"));
          }
        }
        law_.handling.push_back(ri);
        break;
      }
      case v1::Rule::kPrinciple: {
        const v1::Principle& p = r.principle();
        for (const std::string& n : p.norms()) {
          if (!law_.norm_by_id.contains(n)) {
            return Bad(absl::StrCat(W(ri), "principle.norms: \"", n, "\" is not a norm"));
          }
        }
        if (auto st = CheckChoiceSetting(ri, p.setting(), "", nullptr); !st.ok()) return st;
        if (p.applied_by() != "evaluator" && p.applied_by() != "case_lifecycle") {
          return Bad(absl::StrCat(W(ri), "principle.applied_by must be \"evaluator\" or \"case_lifecycle\", not \"",
                                  p.applied_by(), "\""));
        }
        if (!p.same_as().empty()) {
          if (std::find_if(std::begin(kEvaluatorPrinciples), std::end(kEvaluatorPrinciples),
                           [&](const char* id) { return p.same_as() == id; }) == std::end(kEvaluatorPrinciples)) {
            return Bad(absl::StrCat(W(ri), "principle.same_as: ", internal::Quoted(p.same_as(), 80),
                                    " is not a principle the evaluator applies by name"));
          }
          if (p.applied_by() != "evaluator" || !p.norms().empty()) {
            return Bad(absl::StrCat(W(ri), "principle.same_as: a restatement is applied_by \"evaluator\" and has "
                                           "no norms of its own (those of ", p.same_as(), " apply)"));
          }
        }
        break;
      }
      default:
        break;
    }
  }
  if (law_.authority.size() > std::numeric_limits<uint16_t>::max()) {
    return Bad(absl::StrCat("more than ", std::numeric_limits<uint16_t>::max(), " authority lines"));
  }
  std::vector<absl::CivilDay> cuts;
  for (const CompiledAuthority& c : law_.authority) {
    cuts.push_back(law_.rule_from[c.rule]);
    cuts.push_back(law_.rule_until[c.rule]);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  law_.authority_cuts = cuts;
  law_.authority_eras.assign(cuts.size() + 1, {});
  for (size_t k = 0; k <= cuts.size(); ++k) {
    // Every line is in force on all of an era or on none of it: test its first day.
    const absl::CivilDay day = k == 0 ? kAlways - 1 : cuts[k - 1];
    for (size_t li = 0; li < law_.authority.size(); ++li) {
      const int rule = law_.authority[li].rule;
      if (law_.rule_from[rule] <= day && day < law_.rule_until[rule]) {
        law_.authority_eras[k].push_back(static_cast<uint16_t>(li));
      }
    }
  }
  return absl::OkStatus();
}

// Resolves each norm's scope per employee kind: the longest norm_prefix
// that starts its id wins; the empty prefix is the default.
absl::Status Validator::Scopes() {
  for (NormInfo& norm : law_.norms) {
    const std::string& id = R(norm.rule).id();
    size_t best_len[kKindCount] = {};
    for (int k = 1; k < kKindCount; ++k) norm.scope_by_kind[k] = law_.scope_by_kind[k];
    for (int ri : law_.handling) {
      const std::string& prefix = R(ri).handling().norm_prefix();
      if (!prefix.empty() && absl::StartsWith(id, prefix)) norm.handling.push_back(ri);
    }
    for (int ri : scopes_) {
      const v1::ScopeRule& s = R(ri).scope();
      if (s.norm_prefix().empty() || !absl::StartsWith(id, s.norm_prefix())) continue;
      for (int k : s.kinds()) {
        if (s.norm_prefix().size() > best_len[k]) {
          best_len[k] = s.norm_prefix().size();
          norm.scope_by_kind[k] = ri;
        }
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
