// The rule book's compiled form: integer-indexed, bit-masked tables that the
// evaluator reads without allocating. Built and validated by rule_book.cc /
// validate.cc (its stages in validate_<stage>.cc); immutable afterwards.
#ifndef NETRA_SRC_LAW_COMPILED_H_
#define NETRA_SRC_LAW_COMPILED_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/arena.h"
#include "netra/rule_book.h"
#include "netra/v1/election.pb.h"
#include "netra/v1/law.pb.h"

namespace netra::internal {

// Sanction types are few (32 with every instrument's); a 64-bit mask keeps
// type sets allocation-free (netra/rule_book.h).
using ::netra::kMaxSanctionTypes;
using TypeMask = ::netra::SanctionTypeMask;

// Bounds of netra/rule_book.h.
using ::netra::kMaxCoverageCells;
using ::netra::kMaxSettingCombinations;
using ::netra::kMaxLevelRulesPerNorm;

inline constexpr int32_t kUnbounded = std::numeric_limits<int32_t>::max();
inline const absl::CivilDay kNever = absl::CivilDay(9999, 12, 31);
inline const absl::CivilDay kAlways = absl::CivilDay(1000, 1, 1);

struct Range {
  int32_t min = 0;
  int32_t max = kUnbounded;  // inclusive
};

// Principles and settings the evaluator applies by name. The order of the
// principles is the order of netra::Principle bits (evaluator.h). Loading with
// require_evaluator_rules checks that a rule book has them all.
inline constexpr const char* kEvaluatorPrinciples[] = {
    "pp94.combine.heaviest_only",       "pp94.combine.no_double_jeopardy",
    "pp94.combine.repeat_heavier",      "perbkn6.absence.repeat_rule_exempt",
    "pp94.absence.salary_stop",         "pp94.absence.late_conversion",
    "pp94.transition.sedang_types",     "pp94.transition.not_yet_examined",
    "pp94.transition.already_examined", "pp94.sanction.choose_type",
    "pp94.authority.vacancy",
};
inline constexpr std::pair<const char*, v1::Setting::Type> kEvaluatorSettingTypes[] = {
    {"sedang_substitute_pairing", v1::Setting::CHOICE},
    {"repeat_may_cross_level", v1::Setting::BOOL},
    {"attendance_exempt_from_repeat_rule", v1::Setting::BOOL},
    {"late_minutes_per_absence_day", v1::Setting::INT},
    {"jf_authority_reading", v1::Setting::CHOICE},
};

// Facts a condition can constrain; bit positions in a "missing facts" mask.
enum Fact : uint8_t {
  kFactImpact = 0,
  kFactCumulative = 1,
  kFactConsecutive = 2,
  kFactValidReason = 3,
  kFactWealthObliged = 4,
  kFactPosition = 5,
  kFactReferenceSanction = 6,
  kFactCandidateStatus = 7,  // needs the act's election target
  kFactRoute = 8,
  kFactOnCltn = 9,
  kFactActiveSupport = 10,
  kFactResigned = 11,
  kFactCltnBreach = 12,
  kFactActDate = 13,         // given as a range the answer splits
  kFactIntentional = 14,
  kFactWorkTarget = 15,
  kFactPrison = 16,          // criminal.prison_months
  kFactPlanned = 17,         // criminal.planned
  kFactOfficeCrime = 18,     // criminal.office_related
  kFactRetention = 19,       // criminal.retention_conditions_met
  kFactCustodial = 20,        // criminal.custodial
  kFactAttributes = 21,       // neutrality.campaign_attributes
  kFactMobilised = 22,        // neutrality.mobilised_staff
  kFactFacilities = 23,       // neutrality.state_facilities
  kFactCount = 24,
};
using FactMask = uint32_t;

// Employee kinds are 1..5 (v1::EmployeeKind).
inline constexpr int kKindCount = 6;

struct CompiledCondition {
  uint8_t impact_mask = 0;      // bit per v1::Impact value; 0 = any
  bool has_cumulative = false;
  Range cumulative;
  bool has_consecutive = false;
  Range consecutive;
  int8_t valid_reason = -1;     // -1 any, 0 false, 1 true
  int8_t wealth_obliged = -1;
  uint16_t position_mask = 0;   // bit per v1::PositionType; 0 = any
  uint8_t kind_mask = 0;        // bit per v1::EmployeeKind; 0 = any
  uint8_t status_mask = 0;      // bit per v1::CandidateStatus; 0 = any
  uint8_t route_mask = 0;       // bit per v1::CandidateRoute; 0 = any
  uint16_t office_mask = 0;     // bit per v1::Office of the target; 0 = any
  int8_t on_cltn = -1;
  int8_t active_support = -1;
  int8_t resigned = -1;
  int8_t cltn_breach = -1;
  int8_t intentional = -1;
  bool has_work_target = false;
  Range work_target;            // whole percent
  bool has_prison = false;
  Range prison;                 // months of prison
  int8_t planned = -1;
  int8_t office_crime = -1;
  int8_t retention = -1;
  int8_t custodial = -1;
  int8_t attributes = -1;
  int8_t mobilised = -1;
  int8_t facilities = -1;
};

struct CompiledLevelRule {
  int rule = -1;   // index into CompiledLaw::rules
  int norm = -1;   // index into CompiledLaw::norms
  absl::CivilDay from = kAlways, until = kNever;  // [from, until)
  CompiledCondition when;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  v1::Level level = v1::LEVEL_UNSPECIFIED;
  v1::Regime regime = v1::DISCIPLINE;
  int level_setting = -1;    // CHOICE setting naming the level; -1 = none
  int setting = -1;          // CHOICE/BOOL setting gating the rule; -1 = none
  std::string setting_value; // the rule applies only under this value
  TypeMask fixed_types = 0;  // 0 = any operative type of the level
  bool stops_salary = false;
  bool heavier_than_reference = false;
  bool equal_to_reference = false;
  std::vector<int> exception_of;     // indices into level_rules
  std::vector<int> concurrent_with;  // indices into level_rules
};

struct CompiledSanctionType {
  int rule = -1;
  std::string code;
  v1::Level level = v1::LEVEL_UNSPECIFIED;
  int severity = 0;
  int substitutes = -1;              // type index
  int operative_from_setting = -1;   // setting index (DATE)
  int operative_until_setting = -1;  // setting index (DATE)
  v1::Regime regime = v1::DISCIPLINE;
  uint8_t kind_mask = 0;             // bit per v1::EmployeeKind; 0 = any
  // Types of other kinds that stand for this one where a rule fixes it
  // (SanctionType.stands_for, declared on them).
  TypeMask stood_for_by = 0;
};

struct CompiledAuthority {
  int rule = -1;
  uint16_t position_mask = 0;  // 0 = any
  uint16_t jf_mask = 0;        // 0 = any
  uint8_t agency_mask = 0;     // 0 = any
  uint8_t kind_mask = 0;       // 0 = any
  TypeMask types = 0;          // types covered (levels expanded, exceptions removed)
  int8_t offender_is_ppk = -1;
  int8_t offender_is_sekda = -1;
  int8_t offender_reports_to_ppk = -1;
  // PELAKSANA offenders' golongan (every offender's when position_mask is
  // 0), both ends included (v1::Golongan values); 0 = no bound.
  uint8_t golongan_min = 0, golongan_max = 0;
  uint32_t superior_mask = 0;  // bit per v1::Official; 0 = any
  bool no_official_named = false;
  v1::Official official = v1::OFFICIAL_UNSPECIFIED;
  v1::Official proposer = v1::OFFICIAL_UNSPECIFIED;
  v1::Official only_if_vacant = v1::OFFICIAL_UNSPECIFIED;
  int setting = -1;            // CHOICE setting index
  std::string setting_value;
  bool only_if_designated = false;
  // Seconded staff (AuthorityRule fields 22-25): bit per v1::Secondment,
  // v1::SecondmentPlace and v1::AgencyLevel (of the home agency); 0 = any.
  uint8_t secondment_mask = 0;
  uint8_t place_mask = 0;
  uint8_t home_agency_mask = 0;
  bool home_side = false;  // official_side HOME: the home agency's official
};

// RemedyRule, compiled: which upaya administratif lies against a decision.
struct CompiledRemedy {
  int rule = -1;
  uint32_t officials = 0;  // bit per v1::Official; 0 = any signer
  TypeMask types = 0;      // 0 = any type
  v1::RemedyRule::Route route = v1::RemedyRule::ROUTE_UNSPECIFIED;
  bool effective_on_decision = false;
};

struct NormInfo {
  int rule = -1;
  std::vector<int> level_rules;  // indices into level_rules
  // Scope rule per employee kind (longest matching norm_prefix).
  int scope_by_kind[kKindCount] = {-1, -1, -1, -1, -1, -1};
  // Level rules are chosen by the act date, not the decision date.
  bool law_of_act_date = false;
  // Whether some level rule gives a hukuman disiplin, and whether some gives a
  // consequence of another regime (a dismissal, a moral sanction). A norm
  // that gives only the latter is not a pelanggaran disiplin: PP 94/2021
  // Pasal 40's transition does not reach it.
  bool gives_discipline = false;
  bool gives_other_regime = false;
  // Some rule constrains the candidate status: the act needs a target.
  bool needs_target = false;
  // HandlingRule rules (any window) whose norm_prefix starts the norm's id.
  std::vector<int> handling;
  // Norms stating the same duty for other dates (Norm.same_duty_as, both ways).
  std::vector<int> same_duty;
  bool own_candidacy = false;  // Norm.own_candidacy
};

// One contest of an election calendar, dates parsed. The stage of a date is
// read off these (docs/law/elections.md).
struct CompiledContest {
  const v1::Contest* decl = nullptr;
  uint16_t office_mask = 0;  // bit per v1::Office
  bool has_registration = false;
  absl::CivilDay registration, determination;
  absl::CivilDay campaign_from, campaign_until;  // inclusive
  absl::CivilDay quiet_from, quiet_until;        // inclusive
  absl::CivilDay voting_from, voting_until;      // inclusive
};

struct CompiledElection {
  const v1::Election* decl = nullptr;
  std::string where;  // "file:line"
  std::vector<CompiledContest> contests;
};


// Per rule, the text every rendering of it repeats (determinations, audit
// findings, case states), formatted once instead of per answer.
struct RuleText {
  std::vector<std::string> cited_as;  // RuleBook::CiteAs of each citation
  std::string cite;                   // "ID (CITED_AS; CITED_AS)"
  // The window [from, until) each citation's instrument is in force, by
  // citation (until kNever for a rule that cites_repealed).
  struct Window {
    absl::CivilDay from, until;
  };
  std::vector<Window> windows;
  // Whether any of its cited instruments is in force on `day`.
  bool CitedOn(absl::CivilDay day) const {
    return std::any_of(windows.begin(), windows.end(), [&](const Window& w) { return w.from <= day && day < w.until; });
  }
  // A rule citing instruments in force over different windows (the ASN
  // neutrality duty of UU 5/2014, restated by UU 20/2023 which repealed it)
  // is cited on a date only by the citations in force then: one era from
  // each date the set changes, in ascending order; a date with none in force
  // keeps the era before it. Instruments repealed stay cited when the rule
  // says so (Rule.cites_repealed). Empty when every citation is in force over
  // the same window.
  struct Era {
    absl::CivilDay from;
    std::vector<int> citations;  // indices into the rule's citations
    std::string cite;            // as `cite`, with those citations only
  };
  std::vector<Era> eras;
  // The era for `day` (before the first: the first); -1 if none.
  int EraOn(absl::CivilDay day) const {
    if (eras.empty()) return -1;
    int k = 0;
    while (k + 1 < static_cast<int>(eras.size()) && eras[k + 1].from <= day) ++k;
    return k;
  }
};

// The evaluator's pre-serialised parts of answers (src/eval/fragments.h);
// opaque to the law.
struct RenderFragments;

struct SettingInfo {
  const v1::Setting* decl = nullptr;
  std::string file;
  int line = 0;
};

struct CompiledLaw {
  // Owns the parsed files (arena messages: a rule book is freed at once).
  // Declared first so that it outlives everything pointing into it.
  std::unique_ptr<google::protobuf::Arena> arena = std::make_unique<google::protobuf::Arena>();
  // The parsed files, on `arena`; rules point into them.
  std::vector<const v1::RuleFile*> files;
  std::vector<std::string> file_names;

  std::vector<RuleEntry> rules;
  std::vector<absl::CivilDay> rule_from, rule_until;  // effective windows
  absl::flat_hash_map<std::string, int> rule_by_id;

  std::vector<const v1::Instrument*> instruments;
  std::vector<std::string> instrument_where;  // "file:line"
  absl::flat_hash_map<std::string, int> instrument_by_id;

  std::vector<SettingInfo> settings;
  absl::flat_hash_map<std::string, int> setting_by_name;

  std::vector<NormInfo> norms;
  absl::flat_hash_map<std::string, int> norm_by_id;  // rule id -> norm index
  std::vector<CompiledLevelRule> level_rules;

  std::vector<CompiledSanctionType> types;
  absl::flat_hash_map<std::string, int> type_by_code;
  // DISCIPLINE types by level.
  TypeMask level_types[4] = {0, 0, 0, 0};
  // Types that may be imposed on each employee kind.
  TypeMask kind_types[kKindCount] = {0, 0, 0, 0, 0, 0};

  std::vector<CompiledAuthority> authority;
  std::vector<CompiledRemedy> remedies;  // in file order: the first in force that matches decides
  // The authority lines by the dates they are in force, so that a decision
  // walks only the lines of its date: era k holds the indices into
  // `authority` of the lines in force on every day of [authority_cuts[k-1],
  // authority_cuts[k]) (era 0 before the first cut, the last era from the
  // last cut), in the order of `authority`.
  std::vector<absl::CivilDay> authority_cuts;
  std::vector<std::vector<uint16_t>> authority_eras;
  const std::vector<uint16_t>& AuthorityOn(absl::CivilDay day) const {
    const size_t k = static_cast<size_t>(std::upper_bound(authority_cuts.begin(), authority_cuts.end(), day) -
                                         authority_cuts.begin());
    return authority_eras[k];
  }
  // Procedure rules per level (rule indices), in windows that do not overlap.
  std::vector<int> procedures_by_level[4];
  // Scope rules with the empty prefix, per kind (the default scope).
  int scope_by_kind[kKindCount] = {-1, -1, -1, -1, -1, -1};
  // Scope rules that a setting's value covers after all (ScopeRule.setting):
  // rule index -> (setting index, value).
  std::map<int, std::pair<int, std::string>> scope_gates;
  std::vector<int> handling;  // rule indices of HandlingRule bodies

  std::vector<CompiledElection> elections;
  absl::flat_hash_map<std::string, int> election_by_id;

  // National days off by year (validated: dates inside their year, no
  // duplicates, cited).
  std::map<int, const v1::HolidayYear*> holiday_years;

  // Integrity-pact templates by id (validated: election known, commitments
  // given, citations resolve).
  std::map<std::string, const v1::PactTemplate*> pact_templates;
  // Per rule: the 2022 joint decree's row it encodes ("E04", "D07a"), read
  // from the id convention skb2022.etik.<row>_... / skb2022.disiplin.<row>_...;
  // "" for other rules. Pact commitments name their rows in these codes.
  std::vector<std::string> skb_row;

  std::string revision;

  // RuleTexts() fills these on first use (loading stays fast for hosts
  // that never render).
  mutable absl::once_flag texts_once;
  mutable std::vector<RuleText> texts;
  // internal::RenderFragmentsOf() builds these on first use, likewise.
  mutable absl::once_flag fragments_once;
  mutable std::shared_ptr<const RenderFragments> fragments;
};

// The RuleText of every rule, by rule index. Thread-safe; built on the
// first call; lives as long as `book`.
const std::vector<RuleText>& RuleTexts(const RuleBook& book);

// Builds and validates (validate.cc). `require_evaluator_rules` adds the
// checks for the principles/settings the evaluator names. `prechecked`: the
// files are exactly the embedded law that netra_lawc validated in full at
// build time, so the checks that compile nothing (enum values, the coverage
// grid of every norm) are skipped.
absl::Status ValidateLaw(CompiledLaw& law, bool require_evaluator_rules, bool prechecked = false);

// A BANDS setting's value: (threshold, label) ascending from 0; empty for "".
// InvalidArgument naming the band that is wrong.
absl::StatusOr<std::vector<std::pair<double, std::string>>> ParseBands(absl::string_view value);

// Checks `value` against the setting's type and choices.
absl::Status CheckSettingValue(const v1::Setting& setting, const std::string& value);

// "file:line: rule ID: " prefix for messages about rule `index`.
std::string Where(const CompiledLaw& law, int rule_index);

}  // namespace netra::internal

#endif  // NETRA_SRC_LAW_COMPILED_H_
