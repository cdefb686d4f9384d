// ValidateLaw's stage for sanction types (validate_stages.h): codes, levels,
// regimes, severities that order all types, SIASN ids, operative settings and
// substitutes; and the list of types a rule names, as a mask.
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "law/validate_stages.h"

namespace netra::internal {

absl::Status Validator::SanctionTypes() {
  for (size_t i = 0; i < law_.rules.size(); ++i) {
    const int ri = static_cast<int>(i);
    const v1::Rule& r = R(ri);
    if (r.body_case() != v1::Rule::kSanctionType) continue;
    const v1::SanctionType& t = r.sanction_type();
    if (t.code().empty()) return Bad(absl::StrCat(W(ri), "sanction_type.code is required"));
    const v1::Regime regime = t.regime() == v1::REGIME_UNSPECIFIED ? v1::DISCIPLINE : t.regime();
    if (regime == v1::DISCIPLINE && t.level() == v1::LEVEL_UNSPECIFIED) {
      return Bad(absl::StrCat(W(ri), "sanction_type.level is required for a DISCIPLINE type"));
    }
    if (regime != v1::DISCIPLINE && t.level() != v1::LEVEL_UNSPECIFIED) {
      return Bad(absl::StrCat(W(ri), "a ", v1::Regime_Name(regime),
                              " type has no level (levels are those of the discipline regulations)"));
    }
    if (t.severity() <= 0) return Bad(absl::StrCat(W(ri), "sanction_type.severity must be positive"));
    if (law_.types.size() >= kMaxSanctionTypes) {
      return Bad(absl::StrCat(W(ri), "more than ", kMaxSanctionTypes, " sanction types"));
    }
    auto [it, fresh] = law_.type_by_code.emplace(t.code(), static_cast<int>(law_.types.size()));
    if (!fresh) {
      return Bad(absl::StrCat(W(ri), "duplicate sanction type code ", t.code(), " (first at ",
                              W(law_.types[it->second].rule), ")"));
    }
    CompiledSanctionType ct;
    ct.rule = ri;
    ct.code = t.code();
    ct.level = t.level();
    ct.severity = t.severity();
    ct.regime = regime;
    for (int k : t.kinds()) {
      if (k <= 0 || k >= kKindCount) return Bad(absl::StrCat(W(ri), "sanction_type.kinds has an invalid kind ", k));
      ct.kind_mask |= uint8_t(1u << k);
    }
    for (int k = 1; k < kKindCount; ++k) {
      if (ct.kind_mask == 0 || (ct.kind_mask & (1u << k))) law_.kind_types[k] |= TypeMask{1} << law_.types.size();
    }
    for (auto [name, out] : {std::pair{&t.operative_from_setting(), &ct.operative_from_setting},
                             std::pair{&t.operative_until_setting(), &ct.operative_until_setting}}) {
      if (name->empty()) continue;
      auto s = law_.setting_by_name.find(*name);
      if (s == law_.setting_by_name.end()) {
        return Bad(absl::StrCat(W(ri), "unknown setting \"", *name, "\""));
      }
      if (law_.settings[s->second].decl->type() != v1::Setting::DATE) {
        return Bad(absl::StrCat(W(ri), "setting \"", *name, "\" must be of type DATE"));
      }
      *out = s->second;
    }
    if (regime == v1::DISCIPLINE) law_.level_types[t.level()] |= TypeMask{1} << law_.types.size();
    law_.types.push_back(std::move(ct));
  }
  // Severity orders all types: every type of a heavier level is heavier
  // than every type of a lighter one (Pasal 35(2) compares across levels).
  for (const CompiledSanctionType& a : law_.types) {
    for (const CompiledSanctionType& b : law_.types) {
      // A moral sanction is lighter than any hukuman disiplin and a
      // statutory dismissal heavier: the audit compares across regimes.
      if (a.regime < b.regime && a.regime != v1::DISCIPLINE && a.severity >= b.severity) {
        return Bad(absl::StrCat(W(a.rule), "severity ", a.severity, " of ", a.code, " (", v1::Regime_Name(a.regime),
                                ") is not below severity ", b.severity, " of ", b.code, " (",
                                v1::Regime_Name(b.regime), ")"));
      }
      if (a.regime < b.regime && b.regime == v1::DISMISSAL && a.severity >= b.severity) {
        return Bad(absl::StrCat(W(b.rule), "severity ", b.severity, " of ", b.code, " (DISMISSAL) is not above severity ",
                                a.severity, " of ", a.code));
      }
      if (a.regime != v1::DISCIPLINE || b.regime != v1::DISCIPLINE) continue;
      if (a.level < b.level && a.severity >= b.severity) {
        return Bad(absl::StrCat(W(a.rule), "severity ", a.severity, " of ", a.code, " (", v1::Level_Name(a.level),
                                ") is not below severity ", b.severity, " of ", b.code, " (",
                                v1::Level_Name(b.level), ")"));
      }
    }
  }
  // A SIASN id names one type on any date: the audit reads a decision's
  // type by it (the same id under PP 53/2010 and PP 94/2021).
  for (size_t a = 0; a < law_.types.size(); ++a) {
    for (size_t b = a + 1; b < law_.types.size(); ++b) {
      const int ra = law_.types[a].rule, rb = law_.types[b].rule;
      const int32_t id = R(ra).sanction_type().siasn_jenis_hukuman_id();
      if (id != 0 && id == R(rb).sanction_type().siasn_jenis_hukuman_id() &&
          law_.rule_from[ra] < law_.rule_until[rb] && law_.rule_from[rb] < law_.rule_until[ra]) {
        return Bad(absl::StrCat(W(rb), "siasn_jenis_hukuman_id ", id, " is also that of ", law_.types[a].code,
                                " (", law_.rules[ra].file, ":", law_.rules[ra].line, ") on dates both are in force"));
      }
    }
  }
  for (CompiledSanctionType& ct : law_.types) {
    const v1::SanctionType& t = R(ct.rule).sanction_type();
    if (t.substitutes().empty()) continue;
    auto it = law_.type_by_code.find(t.substitutes());
    if (it == law_.type_by_code.end()) {
      return Bad(absl::StrCat(W(ct.rule), "substitutes unknown sanction type \"", t.substitutes(), "\""));
    }
    if (law_.types[it->second].level != ct.level) {
      return Bad(absl::StrCat(W(ct.rule), "substitutes ", t.substitutes(), " of another level"));
    }
    ct.substitutes = it->second;
  }
  // A type standing for others where a rule fixes them for a kind they do
  // not reach: same level and regime, no kind in common.
  for (size_t i = 0; i < law_.types.size(); ++i) {
    const CompiledSanctionType& ct = law_.types[i];
    for (const std::string& code : R(ct.rule).sanction_type().stands_for()) {
      auto it = law_.type_by_code.find(code);
      if (it == law_.type_by_code.end()) {
        return Bad(absl::StrCat(W(ct.rule), "stands_for unknown sanction type \"", code, "\""));
      }
      CompiledSanctionType& other = law_.types[it->second];
      if (other.level != ct.level || other.regime != ct.regime) {
        return Bad(absl::StrCat(W(ct.rule), "stands_for ", code, " of another level or regime"));
      }
      if (ct.kind_mask == 0 || other.kind_mask == 0 || (ct.kind_mask & other.kind_mask) != 0) {
        return Bad(absl::StrCat(W(ct.rule), "stands_for ", code, ", which shares an employee kind with ", ct.code));
      }
      other.stood_for_by |= TypeMask{1} << i;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<TypeMask> Validator::Types(int ri, const google::protobuf::RepeatedPtrField<std::string>& codes,
                               v1::Level must_be_level, absl::string_view field) {
  TypeMask mask = 0;
  for (const std::string& code : codes) {
    auto it = law_.type_by_code.find(code);
    if (it == law_.type_by_code.end()) {
      return Bad(absl::StrCat(W(ri), field, ": unknown sanction type \"", code, "\""));
    }
    if (must_be_level != v1::LEVEL_UNSPECIFIED && law_.types[it->second].level != must_be_level) {
      return Bad(absl::StrCat(W(ri), field, ": ", code, " is not of level ", v1::Level_Name(must_be_level)));
    }
    mask |= TypeMask{1} << it->second;
  }
  return mask;
}

}  // namespace netra::internal
