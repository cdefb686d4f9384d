// Validation and compilation of loaded law files into CompiledLaw.
//
// Every message starts with "file:line: rule ID:" (or the instrument/setting
// equivalent) so a legal officer can go straight to the offending entry.
#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "enum_check.h"
#include "law/compiled.h"
#include "netra/date.h"

namespace netra::internal {
namespace {

absl::Status Bad(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

bool ValidId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
          absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_')) {
      return false;
    }
  }
  return true;
}

class Validator {
 public:
  // `prechecked`: the law was validated with every check at build time
  // (netra_lawc); the checks that only refuse and compile nothing (enum
  // values, the coverage grid) are skipped, the rest still runs because it
  // also builds the indices.
  Validator(CompiledLaw& law, bool prechecked) : law_(law), prechecked_(prechecked) {}

  absl::Status Run(bool require_evaluator_rules) {
    if (auto st = Instruments(); !st.ok()) return st;
    if (auto st = Settings(); !st.ok()) return st;
    if (auto st = RulesCommon(); !st.ok()) return st;
    if (auto st = Norms(); !st.ok()) return st;
    if (auto st = SanctionTypes(); !st.ok()) return st;
    if (auto st = LevelRules(); !st.ok()) return st;
    if (auto st = OthersBodies(); !st.ok()) return st;
    if (auto st = Scopes(); !st.ok()) return st;
    if (auto st = Elections(); !st.ok()) return st;
    if (auto st = HolidayYears(); !st.ok()) return st;
    if (auto st = PactTemplates(); !st.ok()) return st;
    if (!prechecked_) {
      if (auto st = Coverage(); !st.ok()) return st;
    }
    if (require_evaluator_rules) {
      if (auto st = EvaluatorNeeds(); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

 private:
  std::string W(int rule) const { return Where(law_, rule); }
  // Enum values the schema does not name (a host file may give numbers).
  absl::Status Enums(const google::protobuf::Message& m, const std::string& prefix) const {
    return prechecked_ ? absl::OkStatus() : CheckEnumValues(m, prefix);
  }

  const v1::Rule& R(int rule) const { return *law_.rules[rule].rule; }

  absl::Status Instruments() {
    for (size_t i = 0; i < law_.instruments.size(); ++i) {
      const v1::Instrument& in = *law_.instruments[i];
      const std::string where = absl::StrCat(law_.instrument_where[i], ": instrument ", in.id(), ": ");
      if (!ValidId(in.id())) return Bad(absl::StrCat(where, "id must be lowercase letters, digits, '.', '_'"));
      auto [it, fresh] = law_.instrument_by_id.emplace(in.id(), static_cast<int>(i));
      if (!fresh) {
        return Bad(absl::StrCat(where, "duplicate instrument id (first at ",
                                law_.instrument_where[it->second], ")"));
      }
      if (auto st = Enums(in, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
      if (in.kind() == v1::INSTRUMENT_KIND_UNSPECIFIED) return Bad(absl::StrCat(where, "kind is required"));
      if (in.article_count() < 0) return Bad(absl::StrCat(where, "article_count is negative"));
      absl::CivilDay from = kAlways, until = kNever;
      if (in.in_force_from().empty()) return Bad(absl::StrCat(where, "in_force_from is required"));
      auto f = ParseDate(in.in_force_from(), absl::StrCat(where, "in_force_from"));
      if (!f.ok()) return f.status();
      from = *f;
      if (!in.in_force_until().empty()) {
        auto u = ParseDate(in.in_force_until(), absl::StrCat(where, "in_force_until"));
        if (!u.ok()) return u.status();
        until = *u;
      }
      if (!(from < until)) {
        return Bad(absl::StrCat(where, "dates out of order: in_force_until ", in.in_force_until(),
                                " is not after in_force_from ", in.in_force_from()));
      }
      if (!in.promulgated().empty()) {
        auto p = ParseDate(in.promulgated(), absl::StrCat(where, "promulgated"));
        if (!p.ok()) return p.status();
        if (*p > from) {
          return Bad(absl::StrCat(where, "dates out of order: in force (", in.in_force_from(),
                                  ") before promulgation (", in.promulgated(), ")"));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status Settings() {
    for (size_t i = 0; i < law_.settings.size(); ++i) {
      const SettingInfo& si = law_.settings[i];
      const v1::Setting& s = *si.decl;
      const std::string where = absl::StrCat(si.file, ":", si.line, ": setting ", s.name(), ": ");
      if (!ValidId(s.name())) return Bad(absl::StrCat(where, "name must be lowercase snake_case"));
      auto [it, fresh] = law_.setting_by_name.emplace(s.name(), static_cast<int>(i));
      if (!fresh) {
        const SettingInfo& first = law_.settings[it->second];
        return Bad(absl::StrCat(where, "duplicate setting (first at ", first.file, ":", first.line, ")"));
      }
      if (auto st = Enums(s, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
      if (s.doc().empty()) return Bad(absl::StrCat(where, "doc is required"));
      if (auto st = CheckSettingValue(s, s.default_value()); !st.ok()) {
        return Bad(absl::StrCat(where, "default_value: ", st.message()));
      }
      for (int c = 0; c < s.citations_size(); ++c) {
        if (auto st = CheckCitation(s.citations(c)); !st.ok()) {
          return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckCitation(const v1::Citation& c) {
    auto it = law_.instrument_by_id.find(c.instrument());
    if (it == law_.instrument_by_id.end()) {
      return Bad(absl::StrCat("unknown instrument \"", c.instrument(), "\""));
    }
    const v1::Instrument& in = *law_.instruments[it->second];
    if (c.pasal() < 0 || c.ayat() < 0 || c.angka() < 0) return Bad("negative pasal, ayat or angka");
    if (c.pasal() == 0 && c.part().empty()) {
      return Bad("a citation needs a pasal or a named part (Menimbang, Penjelasan Umum, Lampiran ...)");
    }
    if (in.article_count() > 0 && c.pasal() > in.article_count()) {
      return Bad(absl::StrCat("unknown citation: Pasal ", c.pasal(), " of ", in.id(), ", which has ",
                              in.article_count(), " articles"));
    }
    if (!c.huruf().empty() &&
        (c.huruf().size() != 1 || !absl::ascii_islower(static_cast<unsigned char>(c.huruf()[0])))) {
      return Bad(absl::StrCat("huruf \"", c.huruf(), "\" must be one lowercase letter"));
    }
    return absl::OkStatus();
  }

  absl::Status RulesCommon() {
    law_.rule_from.resize(law_.rules.size(), kAlways);
    law_.rule_until.resize(law_.rules.size(), kNever);
    for (size_t i = 0; i < law_.rules.size(); ++i) {
      const int ri = static_cast<int>(i);
      const v1::Rule& r = R(ri);
      if (!ValidId(r.id())) {
        return Bad(absl::StrCat(W(ri), "id must be dotted lowercase (letters, digits, '.', '_')"));
      }
      auto [it, fresh] = law_.rule_by_id.emplace(r.id(), ri);
      if (!fresh) {
        const RuleEntry& first = law_.rules[it->second];
        return Bad(absl::StrCat(W(ri), "duplicate rule id (first at ", first.file, ":", first.line, ")"));
      }
      if (auto st = Enums(r, ""); !st.ok()) return Bad(absl::StrCat(W(ri), st.message()));
      if (r.citations_size() == 0) return Bad(absl::StrCat(W(ri), "a rule must cite at least one article"));
      for (int c = 0; c < r.citations_size(); ++c) {
        if (auto st = CheckCitation(r.citations(c)); !st.ok()) {
          return Bad(absl::StrCat(W(ri), "citations[", c, "]: ", st.message()));
        }
      }
      if (r.paraphrase().empty()) return Bad(absl::StrCat(W(ri), "paraphrase is required"));
      if (r.body_case() == v1::Rule::BODY_NOT_SET) return Bad(absl::StrCat(W(ri), "rule has no body"));
      const v1::Instrument& first =
          *law_.instruments[law_.instrument_by_id.at(r.citations(0).instrument())];
      absl::CivilDay from = *ParseDate(first.in_force_from(), "");
      absl::CivilDay until = kNever;
      if (!first.in_force_until().empty()) until = *ParseDate(first.in_force_until(), "");
      if (!r.in_force_from().empty()) {
        auto f = ParseDate(r.in_force_from(), absl::StrCat(W(ri), "in_force_from"));
        if (!f.ok()) return f.status();
        from = *f;
      }
      if (!r.in_force_until().empty()) {
        auto u = ParseDate(r.in_force_until(), absl::StrCat(W(ri), "in_force_until"));
        if (!u.ok()) return u.status();
        until = *u;
      }
      if (!(from < until)) {
        return Bad(absl::StrCat(W(ri), "dates out of order: in force until ", FormatDate(until),
                                " is not after ", FormatDate(from)));
      }
      const absl::CivilDay inst_from = *ParseDate(first.in_force_from(), "");
      const absl::CivilDay inst_until =
          first.in_force_until().empty() ? kNever : *ParseDate(first.in_force_until(), "");
      if (from < inst_from || until > inst_until) {
        return Bad(absl::StrCat(W(ri), "in force ", FormatDate(from), " to ", until == kNever ? "open" : FormatDate(until),
                                ", outside the window of its instrument ", first.id()));
      }
      law_.rule_from[i] = from;
      law_.rule_until[i] = until;
    }
    return absl::OkStatus();
  }

  absl::Status Norms() {
    for (size_t i = 0; i < law_.rules.size(); ++i) {
      const v1::Rule& r = R(static_cast<int>(i));
      if (r.body_case() != v1::Rule::kNorm) continue;
      if (r.norm().kind() == v1::Norm::KIND_UNSPECIFIED) {
        return Bad(absl::StrCat(W(static_cast<int>(i)), "norm.kind is required"));
      }
      law_.norm_by_id.emplace(r.id(), static_cast<int>(law_.norms.size()));
      NormInfo info;
      info.rule = static_cast<int>(i);
      info.law_of_act_date = r.norm().law_of_act_date();
      info.own_candidacy = r.norm().own_candidacy();
      law_.norms.push_back(std::move(info));
    }
    for (size_t n = 0; n < law_.norms.size(); ++n) {
      const int ri = law_.norms[n].rule;
      for (const std::string& other : R(ri).norm().same_duty_as()) {
        auto it = law_.norm_by_id.find(other);
        if (it == law_.norm_by_id.end() || it->second == static_cast<int>(n)) {
          return Bad(absl::StrCat(W(ri), "norm.same_duty_as: \"", other.substr(0, 80), "\" is not another norm"));
        }
        for (auto [a, b] : {std::pair{static_cast<int>(n), it->second}, std::pair{it->second, static_cast<int>(n)}}) {
          std::vector<int>& v = law_.norms[a].same_duty;
          if (std::find(v.begin(), v.end(), b) == v.end()) v.push_back(b);
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status SanctionTypes() {
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
    return absl::OkStatus();
  }

  absl::StatusOr<TypeMask> Types(int ri, const google::protobuf::RepeatedPtrField<std::string>& codes,
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

  static absl::Status CheckRange(const v1::IntRange& r, absl::string_view name) {
    if (r.min() < 0) return Bad(absl::StrCat(name, ".min is negative"));
    if (r.has_max() && r.max() < r.min()) {
      return Bad(absl::StrCat(name, " is empty: max ", r.max(), " < min ", r.min()));
    }
    return absl::OkStatus();
  }

  absl::Status LevelRules() {
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
      switch (lr.outcome()) {
        case v1::SANCTION:
          if (lr.heavier_than_reference()) {
            if (lr.level() != v1::LEVEL_UNSPECIFIED || lr.sanction_types_size() > 0) {
              return Bad(absl::StrCat(W(ri), "heavier_than_reference takes no level or sanction_types"));
            }
          } else if (lr.level() == v1::LEVEL_UNSPECIFIED && c.regime == v1::DISCIPLINE) {
            return Bad(absl::StrCat(W(ri), "outcome SANCTION needs a level"));
          }
          break;
        case v1::NO_VIOLATION:
        case v1::NO_SANCTION:
        case v1::NO_STATUTORY_MAPPING:
          if (lr.level() != v1::LEVEL_UNSPECIFIED || lr.sanction_types_size() > 0 ||
              lr.heavier_than_reference() || lr.stops_salary()) {
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
                  &c.when.has_work_target, &c.when.work_target)}) {
        if (!st.ok()) return st;
      }
      if (w.has_valid_reason()) c.when.valid_reason = w.valid_reason() ? 1 : 0;
      if (w.has_wealth_report_obliged()) c.when.wealth_obliged = w.wealth_report_obliged() ? 1 : 0;
      if (w.has_intentional()) c.when.intentional = w.intentional() ? 1 : 0;
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
      if (w.has_resigned_in_writing()) c.when.resigned = w.resigned_in_writing() ? 1 : 0;
      if (w.has_cltn_conduct_breach()) c.when.cltn_breach = w.cltn_conduct_breach() ? 1 : 0;
      level_index[ri] = static_cast<int>(law_.level_rules.size());
      law_.norms[c.norm].level_rules.push_back(static_cast<int>(law_.level_rules.size()));
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

  absl::Status CheckChoiceSetting(int ri, const std::string& name, const std::string& value, int* out) {
    if (name.empty()) {
      if (!value.empty()) return Bad(absl::StrCat(W(ri), "setting_value without setting"));
      return absl::OkStatus();
    }
    auto it = law_.setting_by_name.find(name);
    if (it == law_.setting_by_name.end()) return Bad(absl::StrCat(W(ri), "unknown setting \"", name, "\""));
    if (out != nullptr) *out = it->second;
    const v1::Setting& s = *law_.settings[it->second].decl;
    if (out != nullptr && s.type() != v1::Setting::CHOICE && s.type() != v1::Setting::BOOL) {
      return Bad(absl::StrCat(W(ri), "setting \"", name, "\" must be a CHOICE or BOOL setting to switch a rule"));
    }
    if (value.empty()) return absl::OkStatus();
    if (auto st = CheckSettingValue(s, value); !st.ok()) {
      return Bad(absl::StrCat(W(ri), "setting_value for ", name, ": ", st.message()));
    }
    return absl::OkStatus();
  }

  absl::Status OthersBodies() {
    for (size_t i = 0; i < law_.rules.size(); ++i) {
      const int ri = static_cast<int>(i);
      const v1::Rule& r = R(ri);
      switch (r.body_case()) {
        case v1::Rule::kAuthority: {
          const v1::AuthorityRule& a = r.authority();
          CompiledAuthority c;
          c.rule = ri;
          if (a.official() == v1::OFFICIAL_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "authority.official is required"));
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
          if (auto st = CheckChoiceSetting(ri, a.setting(), a.setting_value(), &c.setting); !st.ok()) return st;
          if (!a.setting().empty() && a.setting_value().empty()) {
            return Bad(absl::StrCat(W(ri), "authority.setting needs a setting_value"));
          }
          c.setting_value = a.setting_value();
          c.only_if_designated = a.only_if_designated();
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
        case v1::Rule::kHandling: {
          if (r.handling().body() == v1::HANDLING_BODY_UNSPECIFIED || r.handling().role().empty() ||
              r.handling().norm_prefix().empty()) {
            return Bad(absl::StrCat(W(ri), "handling needs a body, a role and a norm_prefix"));
          }
          for (int other : law_.handling) {
            if (law_.rule_from[other] < law_.rule_until[ri] && law_.rule_from[ri] < law_.rule_until[other]) {
              return Bad(absl::StrCat(W(ri), "handling window overlaps ", W(other),
                                      "; one body handles neutrality cases on a given date"));
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
              return Bad(absl::StrCat(W(ri), "principle.same_as: \"", p.same_as().substr(0, 80),
                                      "\" is not a principle the evaluator applies by name"));
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
    return absl::OkStatus();
  }

  // Resolves each norm's scope per employee kind: the longest norm_prefix
  // that starts its id wins; the empty prefix is the default.
  absl::Status Scopes() {
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

  absl::StatusOr<absl::CivilDay> EntryDay(const v1::CalendarEntry& e, const std::string& where, bool until) {
    const std::string& text = until && !e.until().empty() ? e.until() : e.from();
    return ParseDate(text, absl::StrCat(where, until ? ".until" : ".from"));
  }

  // Election calendars: ids, offices, dates in stage order, citations.
  absl::Status Elections() {
    size_t file = 0;
    for (const auto& f : law_.files) {
      const std::string& name = law_.file_names[file++];
      for (int i = 0; i < f->elections_size(); ++i) {
        const v1::Election& el = f->elections(i);
        const std::string where = absl::StrCat(name, ": election ", el.id(), ": ");
        if (!ValidId(el.id())) return Bad(absl::StrCat(where, "id must be lowercase letters, digits, '.', '_'"));
        if (auto st = Enums(el, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
        if (el.kind() == v1::ELECTION_KIND_UNSPECIFIED) return Bad(absl::StrCat(where, "kind is required"));
        auto [it, fresh] = law_.election_by_id.emplace(el.id(), static_cast<int>(law_.elections.size()));
        if (!fresh) {
          return Bad(absl::StrCat(where, "duplicate election id (first in ", law_.elections[it->second].where, ")"));
        }
        CompiledElection ce;
        ce.decl = &el;
        ce.where = name;
        if (el.contests_size() == 0) return Bad(absl::StrCat(where, "an election needs at least one contest"));
        std::set<std::string> ids;
        for (int c = 0; c < el.contests_size(); ++c) {
          const v1::Contest& k = el.contests(c);
          const std::string at = absl::StrCat(where, "contest ", k.id().empty() ? absl::StrCat("#", c) : k.id());
          if (!ValidId(k.id())) return Bad(absl::StrCat(at, ": id must be lowercase letters, digits, '.', '_'"));
          if (!ids.insert(k.id()).second) return Bad(absl::StrCat(at, ": duplicate contest id"));
          CompiledContest cc;
          cc.decl = &k;
          if (k.offices_size() == 0) return Bad(absl::StrCat(at, ": offices is required"));
          for (int o : k.offices()) {
            if (o == v1::OFFICE_UNSPECIFIED) return Bad(absl::StrCat(at, ": offices lists OFFICE_UNSPECIFIED"));
            cc.office_mask |= uint16_t(1u << o);
          }
          // Every entry: dates parse, until >= from, citations resolve.
          struct Named {
            const char* name;
            const v1::CalendarEntry* e;
            bool required;
          };
          const Named entries[] = {{"registration", &k.registration(), false},
                                   {"determination", &k.determination(), true},
                                   {"campaign", &k.campaign(), true},
                                   {"quiet", &k.quiet(), true},
                                   {"voting", &k.voting(), true},
                                   {"recapitulation", &k.recapitulation(), false},
                                   {"independent_support_collection", &k.independent_support_collection(), false}};
          for (const Named& n : entries) {
            const std::string ew = absl::StrCat(at, ".", n.name);
            const bool present = n.e->from().size() + n.e->until().size() + n.e->citations_size() > 0;
            if (!present) {
              if (n.required) return Bad(absl::StrCat(ew, ": required"));
              continue;
            }
            auto from = EntryDay(*n.e, ew, false);
            if (!from.ok()) return from.status();
            auto until = EntryDay(*n.e, ew, true);
            if (!until.ok()) return until.status();
            if (*until < *from) {
              return Bad(absl::StrCat(ew, ": dates out of order: until ", n.e->until(), " is before from ", n.e->from()));
            }
            if (n.e->citations_size() == 0) return Bad(absl::StrCat(ew, ": an entry must cite its source"));
            for (int ci = 0; ci < n.e->citations_size(); ++ci) {
              if (auto st = CheckCitation(n.e->citations(ci)); !st.ok()) {
                return Bad(absl::StrCat(ew, ".citations[", ci, "]: ", st.message()));
              }
            }
          }
          cc.has_registration = !k.registration().from().empty();
          if (cc.has_registration) cc.registration = *EntryDay(k.registration(), at, false);
          cc.determination = *EntryDay(k.determination(), at, false);
          cc.campaign_from = *EntryDay(k.campaign(), at, false);
          cc.campaign_until = *EntryDay(k.campaign(), at, true);
          cc.quiet_from = *EntryDay(k.quiet(), at, false);
          cc.quiet_until = *EntryDay(k.quiet(), at, true);
          cc.voting_from = *EntryDay(k.voting(), at, false);
          cc.voting_until = *EntryDay(k.voting(), at, true);
          // Stage order (docs/law/elections.md): registration <= determination <
          // campaign; the quiet period follows the campaign and voting the
          // quiet period without a gap (masa tenang is the days before voting).
          if (cc.has_registration && cc.determination < cc.registration) {
            return Bad(absl::StrCat(at, ": dates out of order: registration opens after determination"));
          }
          if (cc.campaign_from <= cc.determination) {
            return Bad(absl::StrCat(at, ": dates out of order: campaign starts before determination"));
          }
          if (cc.quiet_from != cc.campaign_until + 1) {
            return Bad(absl::StrCat(at, ": the quiet period must start the day after the campaign ends (",
                                    FormatDate(cc.campaign_until + 1), "), not ", FormatDate(cc.quiet_from)));
          }
          if (cc.voting_from != cc.quiet_until + 1) {
            return Bad(absl::StrCat(at, ": voting must follow the quiet period (", FormatDate(cc.quiet_until + 1),
                                    "), not ", FormatDate(cc.voting_from)));
          }
          // Two contests of one election for one office need disjoint regions,
          // or a target would have two calendars.
          for (const CompiledContest& other : ce.contests) {
            if (!(other.office_mask & cc.office_mask)) continue;
            bool shared = other.decl->regions().empty() && k.regions().empty();
            for (const std::string& reg : k.regions()) {
              shared |= std::find(other.decl->regions().begin(), other.decl->regions().end(), reg) !=
                        other.decl->regions().end();
            }
            if (shared) {
              return Bad(absl::StrCat(at, ": contest ", other.decl->id(),
                                      " already has a calendar for one of its offices in the same regions"));
            }
          }
          ce.contests.push_back(cc);
        }
        law_.elections.push_back(std::move(ce));
      }
    }
    return absl::OkStatus();
  }

  // Days off per year: each date inside its year, each once, each year
  // once across the files, every year cited.
  absl::Status HolidayYears() {
    size_t file = 0;
    for (const auto& f : law_.files) {
      const std::string& name = law_.file_names[file++];
      for (int i = 0; i < f->holiday_years_size(); ++i) {
        const v1::HolidayYear& y = f->holiday_years(i);
        const std::string where = absl::StrCat(name, ": holiday year ", y.year(), ": ");
        if (y.year() < 1900 || y.year() > 2199) return Bad(absl::StrCat(where, "year out of range 1900-2199"));
        if (auto st = Enums(y, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
        if (law_.holiday_years.count(y.year())) {
          return Bad(absl::StrCat(where, "the year is given twice (a host file replaces an embedded file by "
                                         "giving it the same name)"));
        }
        if (y.citations_size() == 0) return Bad(absl::StrCat(where, "a year must cite the decree that sets it"));
        for (int c = 0; c < y.citations_size(); ++c) {
          if (auto st = CheckCitation(y.citations(c)); !st.ok()) {
            return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
          }
        }
        std::set<absl::CivilDay> seen;
        for (int d = 0; d < y.days_size(); ++d) {
          const v1::DayOff& day = y.days(d);
          const std::string at = absl::StrCat(where, "days[", d, "]");
          auto date = ParseDate(day.date(), absl::StrCat(at, ".date"));
          if (!date.ok()) return date.status();
          if (date->year() != y.year()) return Bad(absl::StrCat(at, ".date: ", day.date(), " is not in ", y.year()));
          if (!seen.insert(*date).second) return Bad(absl::StrCat(at, ".date: ", day.date(), " is listed twice"));
          if (day.kind() == v1::DAY_OFF_KIND_UNSPECIFIED) return Bad(absl::StrCat(at, ".kind is required"));
          for (int c = 0; c < day.citations_size(); ++c) {
            if (auto st = CheckCitation(day.citations(c)); !st.ok()) {
              return Bad(absl::StrCat(at, ".citations[", c, "]: ", st.message()));
            }
          }
        }
        law_.holiday_years[y.year()] = &y;
      }
    }
    return absl::OkStatus();
  }

  // "skb2022.disiplin.d07a_photo_with_calon" -> "D07a"; "" when the id does
  // not follow the decree rows' convention.
  static std::string SkbRow(absl::string_view id) {
    for (absl::string_view prefix : {"skb2022.etik.", "skb2022.disiplin."}) {
      if (!absl::ConsumePrefix(&id, prefix)) continue;
      const size_t end = id.find('_');
      const absl::string_view code = id.substr(0, end);
      const bool ok = end != absl::string_view::npos && code.size() >= 3 && code.size() <= 4 &&
                      (code[0] == 'e' || code[0] == 'd') && absl::ascii_isdigit(code[1]) &&
                      absl::ascii_isdigit(code[2]) && (code.size() == 3 || absl::ascii_islower(code[3]));
      if (!ok) return "";
      std::string row(code);
      row[0] = absl::ascii_toupper(row[0]);
      return row;
    }
    return "";
  }

  absl::Status PactTemplates() {
    law_.skb_row.assign(law_.rules.size(), "");
    std::set<std::string> rows;
    for (size_t r = 0; r < law_.rules.size(); ++r) {
      law_.skb_row[r] = SkbRow(R(static_cast<int>(r)).id());
      if (!law_.skb_row[r].empty()) rows.insert(law_.skb_row[r]);
    }
    size_t file = 0;
    for (const auto& f : law_.files) {
      const std::string& name = law_.file_names[file++];
      for (int i = 0; i < f->pact_templates_size(); ++i) {
        const v1::PactTemplate& t = f->pact_templates(i);
        const std::string where = absl::StrCat(name, ": pact template ", t.id(), ": ");
        if (!ValidId(t.id())) return Bad(absl::StrCat(where, "id must be lowercase letters, digits, '.', '_'"));
        if (law_.pact_templates.count(t.id())) return Bad(absl::StrCat(where, "duplicate template id"));
        if (!law_.election_by_id.contains(t.election())) {
          return Bad(absl::StrCat(where, "election \"", t.election(), "\" is not in the rule book"));
        }
        if (t.commitments_size() == 0 || t.commitments_size() > 8) {
          return Bad(absl::StrCat(where, "a template has 1 to 8 commitments"));
        }
        if (t.citations_size() == 0) return Bad(absl::StrCat(where, "a template must cite its basis"));
        for (int c = 0; c < t.citations_size(); ++c) {
          if (auto st = CheckCitation(t.citations(c)); !st.ok()) {
            return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
          }
        }
        std::set<std::string> ids;
        for (const v1::PactCommitment& c : t.commitments()) {
          if (c.id().empty() || c.text().empty() || !ids.insert(c.id()).second) {
            return Bad(absl::StrCat(where, "each commitment needs a unique id and its text"));
          }
          // A breach is linked through these rows (PactRegistry::LinkBreaches):
          // a row no rule encodes would never match.
          for (const std::string& row : c.skb_rows()) {
            if (!rows.count(row)) {
              return Bad(absl::StrCat(where, "commitment ", c.id(), ": skb_rows \"", row,
                                      "\" is not a row any rule encodes (ids skb2022.etik.<row>_... or "
                                      "skb2022.disiplin.<row>_...)"));
            }
          }
        }
        law_.pact_templates[t.id()] = &t;
      }
    }
    return absl::OkStatus();
  }

  // Every combination of the facts a norm's rules constrain must be covered
  // by exactly one rule, or by several that declare how they relate. Rules are
  // boxes in fact space, so checking one point per cell of the grid their
  // bounds draw is exhaustive.
  absl::Status Coverage() {
    for (const NormInfo& norm : law_.norms) {
      std::set<absl::CivilDay> cuts;
      for (int li : norm.level_rules) {
        cuts.insert(law_.level_rules[li].from);
        if (law_.level_rules[li].until != kNever) cuts.insert(law_.level_rules[li].until);
      }
      for (absl::CivilDay day : cuts) {
        std::vector<int> active;
        for (int li : norm.level_rules) {
          const CompiledLevelRule& c = law_.level_rules[li];
          if (c.from <= day && day < c.until) active.push_back(li);
        }
        if (active.empty()) continue;
        if (auto st = CoverageAt(norm, day, active); !st.ok()) return st;
      }
    }
    return absl::OkStatus();
  }

  static std::vector<int32_t> Cuts(const std::vector<const Range*>& ranges) {
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
    int work_target = 0;
    int32_t cum = 0, consec = 0;
  };

  static bool Matches(const CompiledCondition& w, const Point& p) {
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
    return flag(w.intentional, p.intentional) && flag(w.valid_reason, p.valid) && flag(w.wealth_obliged, p.wealth) && flag(w.on_cltn, p.cltn) &&
           flag(w.active_support, p.active) && flag(w.resigned, p.resigned) && flag(w.cltn_breach, p.breach);
  }

  absl::Status CoverageAt(const NormInfo& norm, absl::CivilDay day, const std::vector<int>& active) {
    bool constrained[14] = {};
    std::vector<const Range*> cum_ranges, consec_ranges, target_ranges;
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
      if (scope < 0 || R(scope).scope().covered()) kinds.push_back(k);
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
    const Dim all[14] = {
        {"impact", &Point::impact, range(1, 3), [](int v) { return v1::Impact_Name(v); }},
        {"position", &Point::position, range(v1::JPT_UTAMA, v1::PELAKSANA), [](int v) { return v1::PositionType_Name(v); }},
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
    };
    std::vector<const Dim*> dims;
    for (int i = 0; i < 14; ++i) {
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

  bool Declared(int a, int b) const {
    auto has = [](const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    const CompiledLevelRule& ra = law_.level_rules[a];
    const CompiledLevelRule& rb = law_.level_rules[b];
    return has(ra.exception_of, b) || has(rb.exception_of, a) || has(ra.concurrent_with, b) ||
           has(rb.concurrent_with, a);
  }

  absl::Status EvaluatorNeeds() {
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

 public:
  static absl::Status CheckSettingValue(const v1::Setting& s, const std::string& value) {
    switch (s.type()) {
      case v1::Setting::BOOL:
        if (value != "true" && value != "false") return Bad(absl::StrCat("\"", value, "\" is not true or false"));
        return absl::OkStatus();
      case v1::Setting::DATE:
        if (value.empty()) return absl::OkStatus();
        return ParseDate(value, "value").status();
      case v1::Setting::INT: {
        int v;
        if (!absl::SimpleAtoi(value, &v) || v < 0) return Bad(absl::StrCat("\"", value, "\" is not a non-negative integer"));
        if (s.max_value() <= 0) return Bad("an INT setting needs max_value (the largest value its meaning allows)");
        if (v > s.max_value()) {
          return Bad(absl::StrCat("\"", value, "\" is more than ", s.max_value(), ", the most it can mean"));
        }
        return absl::OkStatus();
      }
      case v1::Setting::BANDS:
        return ParseBands(value).status();
      case v1::Setting::CHOICE:
        if (s.choices_size() == 0) return Bad("a CHOICE setting needs choices");
        if (std::find(s.choices().begin(), s.choices().end(), value) == s.choices().end()) {
          return Bad(absl::StrCat("\"", value, "\" is not one of ", absl::StrJoin(s.choices(), ", ")));
        }
        return absl::OkStatus();
      default:
        return Bad("type is required");
    }
  }

 private:
  CompiledLaw& law_;
  const bool prechecked_;
  std::vector<int> scopes_;     // rule indices of scope rules
  std::vector<int> deadlines_;  // rule indices of deadline rules
};

}  // namespace

absl::StatusOr<std::vector<std::pair<double, std::string>>> ParseBands(absl::string_view value) {
  std::vector<std::pair<double, std::string>> bands;
  if (value.empty()) return bands;
  for (absl::string_view band : absl::StrSplit(value, ';')) {
    const size_t eq = band.find('=');
    double threshold = 0;
    const absl::string_view label =
        eq == absl::string_view::npos ? "" : absl::StripAsciiWhitespace(band.substr(eq + 1));
    if (eq == absl::string_view::npos || !absl::SimpleAtod(band.substr(0, eq), &threshold) || label.empty() ||
        !(threshold >= 0 && threshold <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat("band \"", band.substr(0, 40),
                                                     "\" is not THRESHOLD=LABEL with a threshold in [0, 1]"));
    }
    if (bands.empty() ? threshold != 0 : threshold <= bands.back().first) {
      return absl::InvalidArgumentError(absl::StrCat("band \"", band.substr(0, 40), "\": thresholds ascend from 0"));
    }
    bands.emplace_back(threshold, std::string(label));
  }
  return bands;
}

std::string Where(const CompiledLaw& law, int rule_index) {
  const RuleEntry& e = law.rules[rule_index];
  return absl::StrCat(e.file, ":", e.line, ": rule ", e.rule->id(), ": ");
}

absl::Status CheckSettingValue(const v1::Setting& setting, const std::string& value) {
  return Validator::CheckSettingValue(setting, value);
}

absl::Status ValidateLaw(CompiledLaw& law, bool require_evaluator_rules, bool prechecked) {
  return Validator(law, prechecked).Run(require_evaluator_rules);
}

}  // namespace netra::internal
