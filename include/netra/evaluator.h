// netra/evaluator.h: facts + employee + dates -> determination.
//
// The Evaluator applies a RuleBook to a case: one or more acts found in one
// examination, by one employee, judged on a decision date. It answers with a
// netra.v1.Determination: the outcome (a sanction level, no violation, "the
// law gives no level", "fact X is needed", outside scope, rules conflict), the
// sanction types the law allows on that date, the rules and articles behind
// it, the officials competent to impose it (PP 94/2021 Pasal 16-25), whether
// an examination team is required (Pasal 29), and the settings it consulted.
//
//   auto book = netra::RuleBook::Load();                  // embedded law
//   auto evaluator = netra::Evaluator::Create(*book);     // default settings
//   absl::StatusOr<netra::v1::Determination> d = evaluator->Evaluate(request);
//
// Two kinds of "no": malformed input is an error (InvalidArgument naming the
// request field and value, e.g. "acts[0].act_date: \"2025-02-30\" is not a
// date (no such day)"); every legal answer, however incomplete, is a
// Determination.
//
// Fast path: Prepare() checks a request once and turns it into CaseFacts;
// Evaluate(CaseFacts, CaseResult*) then runs without allocating when the
// CaseResult is reused; Render() builds the Determination. Batch callers
// (Python DataFrames, benchmarks) use this path.
//
// Thread safety: an Evaluator is immutable; Evaluate, Prepare and Render are
// const and may run concurrently on one Evaluator. It keeps the RuleBook alive
// through a shared_ptr. CaseFacts/CaseResult are plain values owned by the
// caller.
#ifndef NETRA_EVALUATOR_H_
#define NETRA_EVALUATOR_H_

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "netra/rule_book.h"
#include "netra/v1/conduct.pb.h"
#include "netra/v1/determination.pb.h"
#include "netra/v1/election.pb.h"

namespace netra {

// Requests above these sizes are refused (InvalidArgument), so evaluation
// time and memory stay bounded whatever the caller sends.
inline constexpr int kMaxActsPerRequest = 256;
inline constexpr int kMaxPriorSanctions = 256;
// Combinations of values of the facts an act lacks that the evaluator tries
// (see Evaluate(CaseFacts, CaseResult*)).
inline constexpr int kMaxHypotheses = 1024;

// The upper bound of a count that has none (not given, or "at least N").
inline constexpr int32_t kNoUpperBound = std::numeric_limits<int32_t>::max();

// One act, checked and indexed. Unknown facts are negative.
struct ActFacts {
  int32_t norm = -1;                 // index of the norm in the rule book
  absl::CivilDay act_date;           // the act date, or the first day of its range
  // Last day of the act date's range (inclusive); a day not after act_date
  // means the date is exact.
  absl::CivilDay act_date_until;
  v1::Impact impact = v1::IMPACT_UNSPECIFIED;
  int32_t cumulative_days = -1;      // -1 = not given exactly
  int32_t consecutive_days = -1;     // -1 = not given exactly
  // Bounds of a count not given exactly (a range, or [0, kNoUpperBound] when
  // not given at all); ignored when the exact count is given.
  int32_t cumulative_at_least = 0, cumulative_at_most = kNoUpperBound;
  int32_t consecutive_at_least = 0, consecutive_at_most = kNoUpperBound;
  int32_t late_minutes = 0;
  int8_t valid_reason = -1;          // -1 not given, 0 false, 1 true
  int8_t wealth_obliged = -1;
  int8_t reference_type = -1;        // sanction type index, -1 = not given
  bool has_tenth_day = false;
  absl::CivilDay tenth_day;
  // Neutrality facts (NeutralityFacts). The candidate status and stage come
  // from the election calendar; unknown = 0 / -1.
  int32_t election = -1;             // index into the rule book's elections
  int32_t contest = -1;              // index into that election's contests
  // Unspecified when the act date's range spans a change of status or stage.
  v1::CandidateStatus status = v1::CANDIDATE_STATUS_UNSPECIFIED;
  bool status_reported = false;      // status from target.reported_status, not a calendar
  v1::Stage stage = v1::STAGE_UNSPECIFIED;
  v1::Office office = v1::OFFICE_UNSPECIFIED;
  v1::CandidateRoute route = v1::CANDIDATE_ROUTE_UNSPECIFIED;
  int8_t on_cltn = -1;
  int8_t active_support = -1;
  int8_t resigned = -1;
  int8_t cltn_breach = -1;
  int8_t intentional = -1;           // -1 not given, 0 false, 1 true
  int32_t work_target = -1;          // whole percent; -1 not given
  int32_t prison_months = -1;        // criminal.prison_months; -1 not given
  int8_t planned = -1;               // criminal.planned
  int8_t office_crime = -1;          // criminal.office_related
  int8_t retention = -1;             // criminal.retention_conditions_met
  int8_t custodial = -1;              // criminal.custodial
  int8_t attributes = -1;            // neutrality.campaign_attributes
  int8_t mobilised = -1;             // neutrality.mobilised_staff
  int8_t facilities = -1;            // neutrality.state_facilities
  // Added by Prepare for employee.party_member (not in the request's acts).
  bool implicit = false;
};

struct PriorSanctionFacts {
  int8_t type = -1;       // sanction type index
  int32_t norm = -1;      // norm index, -1 = unknown norm
  absl::CivilDay decision_date;
};

// A request, checked and indexed by Prepare().
struct CaseFacts {
  v1::EmployeeKind kind = v1::EMPLOYEE_KIND_UNSPECIFIED;
  v1::PositionType position = v1::POSITION_TYPE_UNSPECIFIED;
  v1::JfLevel jf_level = v1::JF_LEVEL_UNSPECIFIED;
  v1::AgencyLevel agency = v1::AGENCY_LEVEL_UNSPECIFIED;
  v1::Golongan golongan = v1::GOLONGAN_UNSPECIFIED;
  bool is_ppk = false;
  bool is_sekda = false;        // employee.position.is_sekda
  bool reports_to_ppk = false;  // employee.position.reports_to_ppk
  v1::Official jpt_pratama_superior = v1::OFFICIAL_UNSPECIFIED;  // organisation.jpt_pratama_superior
  // employee.secondment, .secondment_place, .home_agency.level (the home
  // agency's level is `agency` for a PNS not seconded).
  v1::Secondment secondment = v1::NOT_SECONDED;
  v1::SecondmentPlace place = v1::SECONDMENT_PLACE_UNSPECIFIED;
  v1::AgencyLevel home_agency = v1::AGENCY_LEVEL_UNSPECIFIED;
  std::vector<ActFacts> acts;
  std::vector<PriorSanctionFacts> priors;
  bool has_examination_date = false;
  absl::CivilDay examination_date;
  absl::CivilDay decision_date;
  uint32_t vacant_mask = 0;      // bit per v1::Official
  uint32_t designated_mask = 0;  // bit per v1::Official
  std::vector<std::string> warnings;
};

// A request as typed values: the fields of a v1::EvaluationRequest that
// Prepare reads, with days instead of "YYYY-MM-DD" text, enums as enums and
// text as views. Prepare(RequestValues) makes every check and gives every
// error of Prepare(v1::EvaluationRequest), naming the request's fields
// ("acts[0].absence.cumulative_working_days"), so a batch whose input is
// already typed (a DataFrame's date columns) fills this instead of a
// request, with nothing formatted to be parsed again. A day outside the
// years 1900-2199 is refused as a request's text would be.
//
// Lifetimes: the views and spans point into the caller's storage and are
// read only during Prepare.
struct RequestValues {
  // acts[i].neutrality
  struct Neutrality {
    bool given = false;  // the act has neutrality facts
    absl::string_view election, region;
    v1::Office office = v1::OFFICE_UNSPECIFIED;
    v1::CandidateRoute route = v1::CANDIDATE_ROUTE_UNSPECIFIED;
    v1::CandidateStatus reported_status = v1::CANDIDATE_STATUS_UNSPECIFIED;
    std::optional<bool> on_cltn, active_support, resigned_in_writing, cltn_conduct_breach;
    std::optional<bool> campaign_attributes, mobilised_staff, state_facilities;
  };
  // acts[i].absence.<name>_working_days, or its _range.
  struct Count {
    std::optional<int32_t> value;
    bool has_range = false;
    int32_t at_least = 0;
    std::optional<int32_t> at_most;
  };
  struct Act {
    absl::string_view norm;
    std::optional<absl::CivilDay> act_date;
    bool has_range = false;  // act_date_range given
    std::optional<absl::CivilDay> range_from, range_until;
    v1::Impact impact = v1::IMPACT_UNSPECIFIED;
    Count cumulative_working_days, consecutive_working_days;
    int32_t late_or_early_minutes = 0;
    std::optional<absl::CivilDay> tenth_consecutive_day;
    std::optional<bool> valid_reason, wealth_report_obliged, intentional;
    std::optional<int32_t> work_target_percent;
    // acts[i].criminal
    std::optional<int32_t> prison_months;
    std::optional<bool> planned, office_related, retention_conditions_met, custodial;
    absl::string_view reference_sanction;
    Neutrality neutrality;
  };
  // employee.prior_sanctions[i]
  struct Prior {
    absl::string_view sanction_type, norm;
    int32_t siasn_jenis_hukuman_id = 0;
    std::optional<absl::CivilDay> decision_date;
  };
  // employee
  v1::EmployeeKind kind = v1::EMPLOYEE_KIND_UNSPECIFIED;
  v1::PositionType position = v1::POSITION_TYPE_UNSPECIFIED;
  v1::JfLevel jf_level = v1::JF_LEVEL_UNSPECIFIED;
  bool is_ppk = false, is_sekda = false, reports_to_ppk = false;
  v1::AgencyLevel agency_level = v1::AGENCY_LEVEL_UNSPECIFIED;
  v1::Secondment secondment = v1::NOT_SECONDED;
  v1::SecondmentPlace secondment_place = v1::SECONDMENT_PLACE_UNSPECIFIED;
  v1::AgencyLevel home_agency_level = v1::AGENCY_LEVEL_UNSPECIFIED;
  v1::Golongan golongan = v1::GOLONGAN_UNSPECIFIED;
  absl::string_view nip;
  bool party_member = false;
  absl::Span<const Prior> prior_sanctions;
  absl::Span<const Act> acts;
  std::optional<absl::CivilDay> examination_date, decision_date;
  // organisation: v1::Official values
  absl::Span<const int> vacant_posts, designated_officials;
  v1::Official jpt_pratama_superior = v1::OFFICIAL_UNSPECIFIED;
};

// The request `values` stand for (dates as "YYYY-MM-DD"; a day given is
// written as its text, so a day outside 1900-2199 is refused by Prepare as
// before): Prepare(ToRequest(v)) checks and prepares what Prepare(v) does.
void ToRequest(const RequestValues& values, v1::EvaluationRequest* out);

// Principles an answer relied on, as bits (rendered as LegalBasis entries).
enum Principle : uint32_t {
  kHeaviestOnly = 1u << 0,
  kNoDoubleJeopardy = 1u << 1,
  kRepeatHeavier = 1u << 2,
  kAttendanceRepeatExempt = 1u << 3,
  kSalaryStop = 1u << 4,
  kLateConversion = 1u << 5,
  kSedangTypes = 1u << 6,
  kNotYetExamined = 1u << 7,
  kAlreadyExamined = 1u << 8,
  kChooseType = 1u << 9,
  kVacancy = 1u << 10,
  kPrincipleCount = 11,
};

struct ActResult {
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  v1::Level level = v1::LEVEL_UNSPECIFIED;
  v1::Regime regime = v1::REGIME_UNSPECIFIED;
  // Scope rule that put the act outside the rules, or -1.
  int32_t scope_rule = -1;
  SanctionTypeMask allowed = 0;  // bit per sanction type index
  // Level rules that gave the answer, the deciding one first, then up to 7
  // of the rules that applied concurrently (a norm may have up to
  // internal::kMaxLevelRulesPerNorm; the rest are not cited).
  int32_t rules[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
  int8_t rule_count = 0;
  uint32_t principles = 0;
  // Facts whose values give different answers (bit per fact, see
  // law/compiled.h): only these are reported missing.
  uint32_t missing = 0;
  // Facts that also change the answer, but only together with a missing
  // one: every value of them alone leaves the answer open. Named, without
  // alternatives, until the missing facts are given.
  uint32_t needed_later = 0;
  // Facts not known exactly (not given, or given as a range) whose every
  // value gives this answer; the answer holds whatever they are.
  uint32_t immaterial = 0;
  // The answer holds whatever those facts are, but the salary stop of
  // Pasal 15(2) does not: it depends on them (salary_stop is then false).
  bool salary_stop_open = false;
  int32_t repeat_prior = -1;    // index into CaseFacts::priors
  bool repeat_blocked = false;  // 35(2) needs a heavier type and none is allowed
  bool nothing_heavier = false; // no type is heavier than the reference sanction
  bool no_operative_type = false;  // the level has no type operative on the day
  int32_t converted_late_days = 0;
  bool salary_stop = false;
  bool has_salary_stop_from = false;
  absl::CivilDay salary_stop_from;
};

struct OfficialResult {
  int32_t line = -1;            // authority line index
  v1::Official official = v1::OFFICIAL_UNSPECIFIED;  // after vacancy moves
  SanctionTypeMask types = 0;
  // A line whose vacant official's power passed to this one (Pasal 25) and
  // was merged into it; -1 = none.
  int32_t vacated_line = -1;
  // Further lines of the same official and proposer merged into this entry
  // (each is cited); -1 = unused.
  int32_t merged[4] = {-1, -1, -1, -1};
};

struct CaseResult {
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  v1::Level level = v1::LEVEL_UNSPECIFIED;
  v1::Regime regime = v1::REGIME_UNSPECIFIED;
  SanctionTypeMask allowed = 0;
  int scope_rule = -1;          // the employee kind's default scope rule
  int handling_rule = -1;       // HandlingRule in force on the decision date
  uint32_t principles = 0;
  std::vector<ActResult> acts;
  std::vector<OfficialResult> officials;
  int procedure_rule = -1;
  // Facts the authority lines need but the request lacks: bits of
  // AuthorityFact. With any, `officials` is left empty (it would be partial).
  uint8_t missing_authority = 0;
  // An authority line that names no official (AuthorityRule.no_official_named)
  // covers the employee and some of the types, or -1.
  int authority_gap = -1;
};

// The facts authority lines turn on, as bits of CaseResult::missing_authority;
// AuthorityFactField names each as the request does.
enum AuthorityFact : uint8_t {
  kAuthorityPosition = 1u << 0,   // employee.position.type
  kAuthorityAgency = 1u << 1,     // employee.agency.level
  kAuthorityJfLevel = 1u << 2,    // employee.position.jf_level
  kAuthorityGolongan = 1u << 3,   // employee.golongan
  kAuthoritySuperior = 1u << 4,   // organisation.jpt_pratama_superior
  kAuthorityPlace = 1u << 5,      // employee.secondment_place
  kAuthorityHomeAgency = 1u << 6, // employee.home_agency.level
  kAuthorityFactCount = 7,
};
// The request field of one AuthorityFact bit, and why the official needs it.
constexpr const char* AuthorityFactField(AuthorityFact fact) {
  switch (fact) {
    case kAuthorityPosition: return "employee.position.type";
    case kAuthorityJfLevel: return "employee.position.jf_level";
    case kAuthorityAgency: return "employee.agency.level";
    case kAuthorityGolongan: return "employee.golongan";
    case kAuthoritySuperior: return "organisation.jpt_pratama_superior";
    case kAuthorityPlace: return "employee.secondment_place";
    case kAuthorityHomeAgency: return "employee.home_agency.level";
    default: return "";
  }
}
constexpr const char* AuthorityFactWhy(AuthorityFact fact) {
  switch (fact) {
    case kAuthorityPosition: return "who may impose the sanction depends on the position";
    case kAuthorityJfLevel: return "JF Ahli Utama has its own authority line (Pasal 17(2)(b), 18(2)(b))";
    case kAuthorityAgency:
      return "who may impose the sanction differs between central/provincial and regency/city agencies";
    case kAuthorityGolongan: return "PP 53/2010 assigns the officials of a PELAKSANA (jabatan fungsional umum) by golongan";
    case kAuthoritySuperior:
      return "PP 53/2010 Pasal 16(4) lets a JPT Pratama impose PP53_S3 only where their direct superior is the PPK or "
             "an eselon I official who is not the PPK";
    case kAuthorityPlace:
      return "PP 53/2010 gives a seconded PNS different officials in an Indonesian agency, at a mission abroad and "
             "elsewhere abroad (Pasal 16-20, 17)";
    case kAuthorityHomeAgency:
      return "PP 53/2010 gives the home agency's PPK of a seconded PNS powers by the home agency's level (Pasal 16(1), "
             "18(1) and 20(1) huruf d to g)";
    default: return "";
  }
}

namespace internal {
struct ResolvedLaw;      // an evaluator's law and settings, resolved (src/eval/resolved.h)
struct EvaluatorAccess;  // the library's own way in (src/eval/resolved.h)
}  // namespace internal

class Evaluator {
 public:
  // `settings` overrides the law files' defaults by name. Errors:
  // InvalidArgument for an unknown setting name or a value of the wrong type.
  static absl::StatusOr<Evaluator> Create(
      std::shared_ptr<const RuleBook> book,
      const std::map<std::string, std::string>& settings = {});

  // Checks and evaluates one request, applying request.settings on top of
  // this evaluator's settings. Errors: InvalidArgument naming the field.
  absl::StatusOr<v1::Determination> Evaluate(const v1::EvaluationRequest& request) const;

  // The same into `*out` (cleared first). Put `*out` on a
  // google::protobuf::Arena and every part of the answer is allocated there:
  // a host answering many requests resets one arena instead of freeing each
  // string. On error `*out` is left cleared or partly filled.
  absl::Status Evaluate(const v1::EvaluationRequest& request, v1::Determination* out) const;

  // This evaluator with `request.settings` on top of its own settings (what
  // Evaluate(request) applies; a host that Prepares requests itself calls it
  // first for a request that carries settings). Errors: InvalidArgument as
  // Create, for an unknown setting or a bad value in the request.
  absl::StatusOr<Evaluator> WithRequestSettings(const v1::EvaluationRequest& request) const;

  // Checks a request and indexes it into `facts` (cleared first): its dates
  // are read into RequestValues (an unreadable one is the error), then
  // Prepare(RequestValues) checks the rest.
  absl::Status Prepare(const v1::EvaluationRequest& request, CaseFacts* facts) const;
  // The same for a request given as typed values.
  absl::Status Prepare(const RequestValues& request, CaseFacts* facts) const;

  // Evaluates prepared facts. Never fails: every legal answer is a result.
  // A fact not known exactly (not given, or given as a range) is reported
  // missing only when at least two of its values give different answers
  // (outcome, level, allowed types, and so the competent officials and the
  // examination team); when every value gives the same answer, that answer
  // is given and ActResult::immaterial names the fact. Up to
  // kMaxHypotheses combinations of such facts are tried per act; past that
  // the act reports every fact its rules depend on.
  // Precondition: `facts` came from Prepare() on an Evaluator of the same
  // RuleBook (indices into the book are trusted, not re-checked). Reusing
  // `result` across calls avoids allocation.
  void Evaluate(const CaseFacts& facts, CaseResult* result) const;

  // Builds the full determination (citations, explanation, alternatives for
  // missing facts) from a result of Evaluate(facts).
  v1::Determination Render(const CaseFacts& facts, const CaseResult& result) const;
  // The same into `*out` (cleared first; on an arena, allocated there).
  void Render(const CaseFacts& facts, const CaseResult& result, v1::Determination* out) const;

  // Evaluate(request) serialised into `*out` (replaced): the same bytes as
  // Evaluate(request)->SerializeAsString(), written without building the
  // message. What depends only on a rule or a sanction type (legal bases,
  // citations, allowed sanctions, the procedure, the handling body, election
  // calendar entries) is appended as bytes serialised once per rule book, on
  // the first call of any evaluator of that book (about 0.4 ms for the
  // embedded law; thread-safe). Each thread keeps one wire message between
  // calls (the size of its largest answer) so that answers reuse its
  // memory. Errors: as Evaluate; `*out` is then unspecified.
  absl::Status EvaluateSerialized(const v1::EvaluationRequest& request, std::string* out) const;

  const RuleBook& book() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return *book_; }
  const std::shared_ptr<const RuleBook>& book_ptr() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return book_; }

  // The effective value of every setting and whether it is the default.
  struct SettingValue {
    std::string name, value;
    bool is_default = true;
  };
  const std::vector<SettingValue>& settings() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return settings_; }

 private:
  Evaluator(std::shared_ptr<const RuleBook> book, std::shared_ptr<const internal::ResolvedLaw> resolved,
            std::vector<SettingValue> settings);

  // Render's one body, for v1::Determination and for its wire form
  // (src/eval/determination_wire.proto); render.cc instantiates both.
  template <typename D>
  void RenderTo(const CaseFacts& facts, const CaseResult& result, D* out) const;

  // One act: EvaluateActOnce, and Resolve when a fact is missing.
  void EvaluateAct(const CaseFacts& facts, const ActFacts& act, ActResult* out) const;
  // The rules on the facts as given (`position` standing for the
  // employee's): MISSING_FACTS with every fact some rule depends on.
  void EvaluateActOnce(const CaseFacts& facts, const ActFacts& act, v1::PositionType position,
                       ActResult* out) const;
  // Decides a MISSING_FACTS answer of EvaluateActOnce over every combination
  // of the values of the facts it names: one answer if they all agree, else
  // only the facts that change it. Allocation-free.
  void Resolve(const CaseFacts& facts, const ActFacts& act, ActResult* out) const;
  // Adds to result->officials the authority lines that cover `types` for
  // this employee on the decision date (PP 94/2021 Pasal 16-25, PP 42/2004
  // Pasal 15(2), PP 11/2017 Pasal 3, PP 49/2018 Pasal 71, 74).
  void Officials(const CaseFacts& facts, SanctionTypeMask types, CaseResult* result) const;
  // The library's own code outside src/eval (the auditor, the case machine)
  // reaches these through internal::EvaluatorAccess (src/eval/resolved.h),
  // the one access point, instead of being friends one by one.
  friend struct internal::EvaluatorAccess;
  void Alternatives(const CaseFacts& facts, size_t act, int fact_bit, v1::MissingFact* out) const;

  std::shared_ptr<const RuleBook> book_;
  std::shared_ptr<const internal::ResolvedLaw> resolved_;
  std::vector<SettingValue> settings_;
};

}  // namespace netra

#endif  // NETRA_EVALUATOR_H_
