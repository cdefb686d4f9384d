// ValidateLaw's last stage (validate_stages.h), for a rule book the evaluator
// will use: the principles and settings it applies by name, a procedure and a
// sanction type for every level, a scope for every employee kind.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "law/validate_stages.h"

namespace netra::internal {

absl::Status Validator::EvaluatorNeeds() {
  for (const char* id : kEvaluatorPrinciples) {
    auto it = law_.rule_by_id.find(id);
    if (it == law_.rule_by_id.end() || R(it->second).body_case() != v1::Rule::kPrinciple) {
      return Bad(absl::StrCat("rule book lacks principle ", id, ", which the evaluator applies"));
    }
    // Its restatements for other dates (same_as) must not overlap it or
    // each other: on any date one of them is cited.
    std::vector<int> family = {it->second};
    for (size_t i = 0; i < law_.rules.size(); ++i) {
      const v1::Rule& r = R(static_cast<int>(i));
      if (r.body_case() != v1::Rule::kPrinciple || r.principle().same_as() != id) continue;
      for (int other : family) {
        if (law_.rule_from[other] < law_.rule_until[i] && law_.rule_from[i] < law_.rule_until[other]) {
          return Bad(absl::StrCat(W(static_cast<int>(i)), "principle.same_as ", id, ": in force on dates that ",
                                  R(other).id(), " also covers"));
        }
      }
      family.push_back(static_cast<int>(i));
    }
  }
  for (const auto& [name, type] : kEvaluatorSettingTypes) {
    auto it = law_.setting_by_name.find(name);
    if (it == law_.setting_by_name.end()) {
      return Bad(absl::StrCat("rule book lacks setting ", name, ", which the evaluator reads"));
    }
    const SettingInfo& si = law_.settings[it->second];
    if (si.decl->type() != type) {
      return Bad(absl::StrCat(si.file, ":", si.line, ": setting ", name, ": the evaluator reads it as ",
                              v1::Setting::Type_Name(type), ", not ", v1::Setting::Type_Name(si.decl->type())));
    }
  }
  for (int l = v1::RINGAN; l <= v1::BERAT; ++l) {
    if (law_.procedures_by_level[l].empty()) {
      return Bad(absl::StrCat("rule book has no procedure rule for level ", v1::Level_Name(l)));
    }
    if (law_.level_types[l] == 0) {
      return Bad(absl::StrCat("rule book has no sanction type of level ", v1::Level_Name(l)));
    }
  }
  for (int k = v1::PNS; k <= v1::NON_ASN; ++k) {
    if (law_.scope_by_kind[k] < 0) {
      return Bad(absl::StrCat("rule book has no scope rule for employee kind ", v1::EmployeeKind_Name(k)));
    }
  }
  return absl::OkStatus();
}

}  // namespace netra::internal
