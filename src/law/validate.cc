// Validation and compilation of loaded law files into CompiledLaw.
//
// Every message starts with "file:line: rule ID:" (or the instrument/setting
// equivalent) so a legal officer can go straight to the offending entry.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
  explicit Validator(CompiledLaw& law) : law_(law) {}

  absl::Status Run(bool require_evaluator_rules) {
    if (auto st = Instruments(); !st.ok()) return st;
    if (auto st = Settings(); !st.ok()) return st;
    if (auto st = RulesCommon(); !st.ok()) return st;
    if (auto st = Norms(); !st.ok()) return st;
    if (auto st = SanctionTypes(); !st.ok()) return st;
    if (auto st = LevelRules(); !st.ok()) return st;
    if (auto st = OthersBodies(); !st.ok()) return st;
    if (auto st = Coverage(); !st.ok()) return st;
    if (require_evaluator_rules) {
      if (auto st = EvaluatorNeeds(); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

 private:
  std::string W(int rule) const { return Where(law_, rule); }
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
      if (auto st = CheckEnumValues(in, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
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
      if (auto st = CheckEnumValues(s, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
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
      const std::string where = W(ri);
      if (!ValidId(r.id())) {
        return Bad(absl::StrCat(where, "id must be dotted lowercase (letters, digits, '.', '_')"));
      }
      auto [it, fresh] = law_.rule_by_id.emplace(r.id(), ri);
      if (!fresh) return Bad(absl::StrCat(where, "duplicate rule id (first at ", W(it->second), ")"));
      if (auto st = CheckEnumValues(r, ""); !st.ok()) return Bad(absl::StrCat(where, st.message()));
      if (r.citations_size() == 0) return Bad(absl::StrCat(where, "a rule must cite at least one article"));
      for (int c = 0; c < r.citations_size(); ++c) {
        if (auto st = CheckCitation(r.citations(c)); !st.ok()) {
          return Bad(absl::StrCat(where, "citations[", c, "]: ", st.message()));
        }
      }
      if (r.paraphrase().empty()) return Bad(absl::StrCat(where, "paraphrase is required"));
      if (r.body_case() == v1::Rule::BODY_NOT_SET) return Bad(absl::StrCat(where, "rule has no body"));
      const v1::Instrument& first =
          *law_.instruments[law_.instrument_by_id.at(r.citations(0).instrument())];
      absl::CivilDay from = *ParseDate(first.in_force_from(), "");
      absl::CivilDay until = kNever;
      if (!first.in_force_until().empty()) until = *ParseDate(first.in_force_until(), "");
      if (!r.in_force_from().empty()) {
        auto f = ParseDate(r.in_force_from(), absl::StrCat(where, "in_force_from"));
        if (!f.ok()) return f.status();
        from = *f;
      }
      if (!r.in_force_until().empty()) {
        auto u = ParseDate(r.in_force_until(), absl::StrCat(where, "in_force_until"));
        if (!u.ok()) return u.status();
        until = *u;
      }
      if (!(from < until)) {
        return Bad(absl::StrCat(where, "dates out of order: in force until ", FormatDate(until),
                                " is not after ", FormatDate(from)));
      }
      const absl::CivilDay inst_from = *ParseDate(first.in_force_from(), "");
      const absl::CivilDay inst_until =
          first.in_force_until().empty() ? kNever : *ParseDate(first.in_force_until(), "");
      if (from < inst_from || until > inst_until) {
        return Bad(absl::StrCat(where, "in force ", FormatDate(from), " to ", until == kNever ? "open" : FormatDate(until),
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
      law_.norms.push_back(NormInfo{static_cast<int>(i), {}});
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
      if (t.level() == v1::LEVEL_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "sanction_type.level is required"));
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
      law_.level_types[t.level()] |= TypeMask{1} << law_.types.size();
      law_.types.push_back(std::move(ct));
    }
    // Severity orders all types: every type of a heavier level is heavier
    // than every type of a lighter one (Pasal 35(2) compares across levels).
    for (const CompiledSanctionType& a : law_.types) {
      for (const CompiledSanctionType& b : law_.types) {
        if (a.level < b.level && a.severity >= b.severity) {
          return Bad(absl::StrCat(W(a.rule), "severity ", a.severity, " of ", a.code, " (", v1::Level_Name(a.level),
                                  ") is not below severity ", b.severity, " of ", b.code, " (",
                                  v1::Level_Name(b.level), ")"));
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
      c.stops_salary = lr.stops_salary();
      c.heavier_than_reference = lr.heavier_than_reference();
      switch (lr.outcome()) {
        case v1::SANCTION:
          if (lr.heavier_than_reference()) {
            if (lr.level() != v1::LEVEL_UNSPECIFIED || lr.sanction_types_size() > 0) {
              return Bad(absl::StrCat(W(ri), "heavier_than_reference takes no level or sanction_types"));
            }
          } else if (lr.level() == v1::LEVEL_UNSPECIFIED) {
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
      if (!fixed.ok()) return fixed.status();
      c.fixed_types = *fixed;
      const v1::Condition& w = lr.when();
      for (int imp : w.impact_any_of()) {
        if (imp == v1::IMPACT_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "when.impact_any_of lists IMPACT_UNSPECIFIED"));
        c.when.impact_mask |= uint8_t(1u << imp);
      }
      if (w.has_cumulative_absence_days()) {
        if (auto st = CheckRange(w.cumulative_absence_days(), "when.cumulative_absence_days"); !st.ok()) {
          return Bad(absl::StrCat(W(ri), st.message()));
        }
        c.when.has_cumulative = true;
        c.when.cumulative = {w.cumulative_absence_days().min(),
                             w.cumulative_absence_days().has_max() ? w.cumulative_absence_days().max() : kUnbounded};
      }
      if (w.has_consecutive_absence_days()) {
        if (auto st = CheckRange(w.consecutive_absence_days(), "when.consecutive_absence_days"); !st.ok()) {
          return Bad(absl::StrCat(W(ri), st.message()));
        }
        c.when.has_consecutive = true;
        c.when.consecutive = {w.consecutive_absence_days().min(),
                              w.consecutive_absence_days().has_max() ? w.consecutive_absence_days().max() : kUnbounded};
      }
      if (w.has_valid_reason()) c.when.valid_reason = w.valid_reason() ? 1 : 0;
      if (w.has_wealth_report_obliged()) c.when.wealth_obliged = w.wealth_report_obliged() ? 1 : 0;
      for (int p : w.offender_position_any_of()) {
        if (p == v1::POSITION_TYPE_UNSPECIFIED) {
          return Bad(absl::StrCat(W(ri), "when.offender_position_any_of lists POSITION_TYPE_UNSPECIFIED"));
        }
        c.when.position_mask |= uint16_t(1u << p);
      }
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
    for (const CompiledLevelRule& c : law_.level_rules) {
      for (int e : c.exception_of) {
        const auto& back = law_.level_rules[e].exception_of;
        const int self = static_cast<int>(&c - law_.level_rules.data());
        if (e == self || std::find(back.begin(), back.end(), self) != back.end()) {
          return Bad(absl::StrCat(W(c.rule), "exception_of cycle with ", R(law_.level_rules[e].rule).id(),
                                  ": each would displace the other"));
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
          if (a.offender_position_any_of_size() == 0) {
            return Bad(absl::StrCat(W(ri), "authority.offender_position_any_of is required"));
          }
          for (int p : a.offender_position_any_of()) c.position_mask |= uint16_t(1u << p);
          for (int j : a.offender_jf_level_any_of()) c.jf_mask |= uint16_t(1u << j);
          for (int g : a.agency_level_any_of()) c.agency_mask |= uint8_t(1u << g);
          TypeMask types = 0;
          for (int l : a.levels()) {
            if (l == v1::LEVEL_UNSPECIFIED) return Bad(absl::StrCat(W(ri), "authority.levels lists LEVEL_UNSPECIFIED"));
            types |= law_.level_types[l];
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
          law_.authority.push_back(std::move(c));
          break;
        }
        case v1::Rule::kProcedure: {
          const v1::ProcedureRule& p = r.procedure();
          if (p.level() == v1::LEVEL_UNSPECIFIED || p.team() == v1::ProcedureRule::TEAM_UNSPECIFIED) {
            return Bad(absl::StrCat(W(ri), "procedure needs a level and a team requirement"));
          }
          int& slot = law_.procedure_by_level[p.level()];
          if (slot >= 0) return Bad(absl::StrCat(W(ri), "second procedure rule for level ", v1::Level_Name(p.level()),
                                                 " (first at ", W(slot), ")"));
          slot = ri;
          break;
        }
        case v1::Rule::kScope: {
          const v1::ScopeRule& s = r.scope();
          if (s.kinds_size() == 0) return Bad(absl::StrCat(W(ri), "scope.kinds is required"));
          if (!s.covered() && s.governed_by().empty()) {
            return Bad(absl::StrCat(W(ri), "an uncovered scope must say what governs it (governed_by)"));
          }
          for (int k : s.kinds()) {
            if (k <= 0 || k >= 6) return Bad(absl::StrCat(W(ri), "scope.kinds has an invalid kind ", k));
            int& slot = law_.scope_by_kind[k];
            if (slot >= 0) return Bad(absl::StrCat(W(ri), "employee kind ", v1::EmployeeKind_Name(k),
                                                   " already scoped by ", W(slot)));
            slot = ri;
          }
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
          break;
        }
        default:
          break;
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

  static bool Matches(const CompiledCondition& w, int impact, int32_t cum, int32_t consec, int valid,
                      int wealth, int position) {
    if (w.impact_mask && !(w.impact_mask & (1u << impact))) return false;
    if (w.has_cumulative && (cum < w.cumulative.min || cum > w.cumulative.max)) return false;
    if (w.has_consecutive && (consec < w.consecutive.min || consec > w.consecutive.max)) return false;
    if (w.valid_reason >= 0 && w.valid_reason != valid) return false;
    if (w.wealth_obliged >= 0 && w.wealth_obliged != wealth) return false;
    if (w.position_mask && !(w.position_mask & (1u << position))) return false;
    return true;
  }

  absl::Status CoverageAt(const NormInfo& norm, absl::CivilDay day, const std::vector<int>& active) {
    bool impact = false, valid = false, wealth = false, position = false;
    std::vector<const Range*> cum_ranges, consec_ranges;
    for (int li : active) {
      const CompiledCondition& w = law_.level_rules[li].when;
      impact |= w.impact_mask != 0;
      valid |= w.valid_reason >= 0;
      wealth |= w.wealth_obliged >= 0;
      position |= w.position_mask != 0;
      if (w.has_cumulative) cum_ranges.push_back(&w.cumulative);
      if (w.has_consecutive) consec_ranges.push_back(&w.consecutive);
    }
    const std::vector<int> impacts = impact ? std::vector<int>{1, 2, 3} : std::vector<int>{0};
    const std::vector<int32_t> cums = cum_ranges.empty() ? std::vector<int32_t>{0} : Cuts(cum_ranges);
    const std::vector<int32_t> consecs = consec_ranges.empty() ? std::vector<int32_t>{0} : Cuts(consec_ranges);
    const int64_t cells = int64_t(impacts.size()) * int64_t(cums.size()) * int64_t(consecs.size()) *
                          (valid ? 2 : 1) * (wealth ? 2 : 1) * (position ? 8 : 1);
    if (cells > kMaxCoverageCells) {
      return Bad(absl::StrCat(W(norm.rule), "the level rules of this norm draw ", cells,
                              " distinct fact cells; the limit is ", kMaxCoverageCells));
    }
    const std::vector<int> bools2 = {0, 1};
    const std::vector<int> none = {-1};
    std::vector<int> positions = {0};
    if (position) {
      positions.clear();
      for (int p = v1::JPT_UTAMA; p <= v1::PELAKSANA; ++p) positions.push_back(p);
    }
    for (int im : impacts) {
      for (size_t ci = 0; ci < cums.size(); ++ci) {
        const int32_t cum_hi = ci + 1 < cums.size() ? cums[ci + 1] - 1 : kUnbounded;
        for (int32_t k : consecs) {
          // A run of consecutive days is part of the yearly total.
          if (!cum_ranges.empty() && !consec_ranges.empty() && k > cum_hi) continue;
          for (int v : valid ? bools2 : none) {
            for (int wl : wealth ? bools2 : none) {
              for (int p : positions) {
                std::vector<int> hit;
                for (int li : active) {
                  if (Matches(law_.level_rules[li].when, im, cums[ci], k, v, wl, p)) hit.push_back(li);
                }
                auto point = [&] {
                  std::vector<std::string> parts;
                  if (impact) parts.push_back(absl::StrCat("impact=", v1::Impact_Name(im)));
                  if (!cum_ranges.empty()) {
                    parts.push_back(absl::StrCat("cumulative_absence_days=", cums[ci],
                                                 cum_hi == kUnbounded ? "+" : absl::StrCat("..", cum_hi)));
                  }
                  if (!consec_ranges.empty()) parts.push_back(absl::StrCat("consecutive_absence_days=", k));
                  if (valid) parts.push_back(absl::StrCat("valid_reason=", v ? "true" : "false"));
                  if (wealth) parts.push_back(absl::StrCat("wealth_report_obliged=", wl ? "true" : "false"));
                  if (position) parts.push_back(absl::StrCat("position=", v1::PositionType_Name(p)));
                  return absl::StrJoin(parts, ", ");
                };
                if (hit.empty()) {
                  return Bad(absl::StrCat(W(norm.rule), "gap: no level rule in force on ", FormatDate(day),
                                          " covers ", point(),
                                          " (add a rule, or a NO_STATUTORY_MAPPING rule if the law is silent)"));
                }
                for (size_t a = 0; a < hit.size(); ++a) {
                  for (size_t b = a + 1; b < hit.size(); ++b) {
                    if (!Declared(hit[a], hit[b])) {
                      const int ra = law_.level_rules[hit[a]].rule, rb = law_.level_rules[hit[b]].rule;
                      return Bad(absl::StrCat(W(rb), "overlaps ", R(ra).id(), " (", law_.rules[ra].file, ":",
                                              law_.rules[ra].line, ") for ", point(), " on ", FormatDate(day),
                                              ", and neither declares exception_of or concurrent_with the other"));
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return absl::OkStatus();
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
      if (law_.procedure_by_level[l] < 0) {
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
        return absl::OkStatus();
      }
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
};

}  // namespace

std::string Where(const CompiledLaw& law, int rule_index) {
  const RuleEntry& e = law.rules[rule_index];
  return absl::StrCat(e.file, ":", e.line, ": rule ", e.rule->id(), ": ");
}

absl::Status CheckSettingValue(const v1::Setting& setting, const std::string& value) {
  return Validator::CheckSettingValue(setting, value);
}

absl::Status ValidateLaw(CompiledLaw& law, bool require_evaluator_rules) {
  return Validator(law).Run(require_evaluator_rules);
}

}  // namespace netra::internal
