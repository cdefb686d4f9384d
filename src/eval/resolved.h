// Settings and rule-book lookups resolved once per Evaluator, so the hot path
// reads plain fields.
#ifndef NETRA_SRC_EVAL_RESOLVED_H_
#define NETRA_SRC_EVAL_RESOLVED_H_

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "law/compiled.h"
#include "netra/evaluator.h"

namespace netra {
namespace internal {

// Appends rule `rule`'s legal basis (id, citations, paraphrase, formatted
// citations) to `out` unless it is there already. Used by every rendering:
// determinations, audit findings, case states.
// With `era` >= 0, only that era's citations (RuleText::eras).
void AddBasis(const RuleBook& book, int rule, google::protobuf::RepeatedPtrField<v1::LegalBasis>* out, int era = -1);

// Whether some authority line for a type in `types` is in force on `day`:
// where none is, who may impose those types is not answered, and not
// audited.
inline bool AuthorityInForce(const CompiledLaw& law, TypeMask types, absl::CivilDay day) {
  for (const uint16_t li : law.AuthorityOn(day)) {
    if (law.authority[li].types & types) return true;
  }
  return false;
}

// The sanction type SIASN's jenisHukumanId `id` names on `day`: SIASN keeps
// one id for the same sanction across the regulations (teguran lisan is 1
// under PP 53/2010 and PP 94/2021), so the type of the id in force on the
// day, else the latest one before it, else the first after it; -1 when no
// type has the id.
int TypeOfSiasnId(const CompiledLaw& law, int id, absl::CivilDay day);

// The lightest severity among the types in `mask` (a large value if none).
int MinSeverity(const CompiledLaw& law, TypeMask mask);

// Whether `official`, of `side`, is among `officials` (entries of
// Evaluator::Officials for facts `f`). For a seconded PNS the official must
// be of that side (PP 53/2010 gives the host and the home agency different
// powers); a side not given is judged only where both sides give the same
// answer, else kSideNeeded. The audit and the case machine judge signers so.
enum class Signer { kCompetent, kNotCompetent, kSideNeeded };
// How an official is named before its Official value: for a seconded PNS,
// "the host agency's " or "the home agency's "; else "".
inline const char* SideLabel(const CompiledLaw& law, const OfficialResult& o, const CaseFacts& f) {
  if (f.secondment == v1::NOT_SECONDED) return "";
  return law.authority[o.line].home_side ? "the home agency's " : "the host agency's ";
}
Signer SignerAmong(const CompiledLaw& law, absl::Span<const OfficialResult> officials, const CaseFacts& f,
                   v1::Official official, v1::AgencySide side);

// PP 94/2021 Pasal 35(1) within one body of law: the heaviest level among the
// acts answering in `regime` (into *level), and the types of that level no
// lighter than any such act's lightest. 0 if no act answers in `regime`.
// The case's answer, and what the audit compares a decision with.
TypeMask CombinedTypes(const CompiledLaw& law, const CaseResult& res, v1::Regime regime, v1::Level* level);

// The values a fact not known exactly may take, cut into cells within which
// no level rule of the act's norm changes whether it applies: counts between
// two bounds the rules name, days between two dates that matter (the
// contest's determination, the rules' windows for norms judged by the law of
// the act date, the dates of earlier sanctions for the same norm), each value
// of a flag or an enum, each sanction type for a reference sanction, each
// candidate status with one office per class of offices the rules tell
// apart. Missing facts are decided over these cells (Evaluator::Resolve) and
// their alternatives are rendered per cell (Evaluator::Alternatives).
struct Cell {
  // Counts: bounds (hi kUnbounded = none). Dates: day numbers (DayNumber).
  // Candidate status: lo the status, hi the office. Others: lo the value.
  int32_t lo = 0, hi = 0;
};
// Cells per fact: a date's cuts are bounded by the rules of one norm and the
// prior sanctions of a request; a count's by the rules.
inline constexpr int kMaxCells = 2 + 2 * kMaxLevelRulesPerNorm + kMaxPriorSanctions;

inline int32_t DayNumber(absl::CivilDay d) { return static_cast<int32_t>(d - absl::CivilDay(1970, 1, 1)); }
inline absl::CivilDay FromDayNumber(int32_t n) { return absl::CivilDay(1970, 1, 1) + n; }

// The cells of `fact` for act `a` (at most kMaxCells), into `out`; their count.
int FactCells(const internal::ResolvedLaw& r, const CaseFacts& f, const ActFacts& a, int fact, Cell* out);
// Gives `a` (or `position`, for the employee's position) the values of `cell`.
void ApplyCell(const internal::ResolvedLaw& r, int fact, const Cell& cell, ActFacts* a, v1::PositionType* position);

}  // namespace internal

// An evaluator's law and settings, resolved once by Evaluator::Create.
struct internal::ResolvedLaw {
  const internal::CompiledLaw* law = nullptr;
  // DATE settings by setting index (nullopt = empty value / not a DATE).
  std::vector<std::optional<absl::CivilDay>> dates;
  std::vector<std::string> values;  // by setting index
  std::vector<std::string> settings_wire;  // each netra.v1.SettingUsed of the evaluator, serialised
  bool pair_by_position = true;     // sedang_substitute_pairing
  bool repeat_may_cross_level = true;
  bool attendance_exempt = true;
  int late_minutes_per_day = 0;
  int jf_reading = -1;              // setting index of jf_authority_reading
  std::vector<uint8_t> exempt_by_norm;  // attendance exemption from Pasal 35(2)
  int principle_rule[kPrincipleCount] = {};  // rule index per Principle bit
  // Per Principle bit: the rules that state it for other windows of dates
  // (Principle.same_as), such as PP 53/2010 Pasal 30 for PP 94 Pasal 35.
  std::vector<int> principle_alternates[kPrincipleCount];
  // The rule to cite for Principle bit `p` on `day`: the alternate in force
  // then, or else the evaluator's own.
  int PrincipleRule(int p, absl::CivilDay day) const {
    for (int rule : principle_alternates[p]) {
      if (law->rule_from[rule] <= day && day < law->rule_until[rule]) return rule;
    }
    return principle_rule[p];
  }
  // Principles the law files attach to norms (Principle.norms; empty = every
  // norm) beyond the ones the evaluator applies by name: cited in the basis of
  // every act of those norms (e.g. the calendar-year count of Pasal 15(1)).
  std::vector<std::vector<int>> norm_principles;  // by norm index: rule indices
  absl::CivilDay pp94_from;         // start of the Pasal 40 transition
  std::vector<int> type_order;      // type indices by severity
  // Effective level of each level rule (its level_setting's value, if any).
  std::vector<v1::Level> level_of;
  // Whether each level rule applies under these settings (LevelRule.setting).
  std::vector<uint8_t> rule_on;
  // Whether each scope rule covers its kinds under these settings
  // (ScopeRule.covered, or its setting's value), by rule index.
  std::vector<uint8_t> scope_covered;
  // Whether PP 94/2021 (the default scope) covers each employee kind as the
  // law says, whatever the settings: its principles (repeat, transition,
  // sedang types, team) apply only then.
  bool pp94_covers[internal::kKindCount] = {};

  // Whether Pasal 35(2) is displaced for `norm` on `day`: the exemption's
  // source (PerBKN 6/2022) must be in force then, and the setting on.
  bool Exempt(int norm, absl::CivilDay day) const {
    const int rule = principle_rule[3];
    return attendance_exempt && exempt_by_norm[norm] != 0 && law->rule_from[rule] <= day &&
           day < law->rule_until[rule];
  }
  // Types operative on `day` (tukin-cut types gated by their settings):
  // looked up in segments precomputed at Create, since it runs for every
  // evaluation.
  TypeMask Operative(absl::CivilDay day) const {
    const auto it = std::upper_bound(operative_from.begin(), operative_from.end(), day);
    return it == operative_from.begin() ? 0 : operative_mask[it - operative_from.begin() - 1];
  }
  // Computes the mask for one day from the type windows and settings.
  TypeMask OperativeSlow(absl::CivilDay day) const;
  std::vector<absl::CivilDay> operative_from;  // segment starts, ascending
  std::vector<TypeMask> operative_mask;       // mask in force from each start
};

// The one way the library's own code outside src/eval (the auditor, the case
// machine) reaches an Evaluator's internals; bindings and hosts use the
// public API only.
struct internal::EvaluatorAccess {
  static const ResolvedLaw& Law(const Evaluator& e) { return *e.resolved_; }
  // Evaluator::Officials: the authority lines covering `types`.
  static void Officials(const Evaluator& e, const CaseFacts& facts, TypeMask types, CaseResult* result) {
    e.Officials(facts, types, result);
  }
};

}  // namespace netra

#endif  // NETRA_SRC_EVAL_RESOLVED_H_
