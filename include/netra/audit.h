// netra/audit.h: checks decisions already taken against the law.
//
// Regions give the same act very different sanctions; an inspector runs this
// over a year of decisions. For each decided case (the facts, the employee,
// the sanctions actually imposed or none, who signed and when, the
// recommendations it answers) the Auditor evaluates the facts on the decision
// date and reports whether the decision is within the law, too light, too
// heavy, of a type not in force on that date, of another type than the law
// allows, signed by an official without authority, a violation left without
// a sanction, a double sanction for one case, or a recommendation the
// official had to follow and did not, with the reasons and articles
// (netra.v1.AuditFinding).
//
//   auto book = netra::RuleBook::Load();
//   auto auditor = netra::Auditor::Create(*book);
//   absl::StatusOr<netra::v1::AuditFinding> f = auditor->Audit(decided_case);
//
// Errors: a malformed case is InvalidArgument naming the field ("imposed.
// sanction_type: unknown sanction type \"X9\""). A case the law cannot answer
// cleanly (missing facts, no statutory mapping, rules conflict, outside
// scope) is not an error: its verdict is CANNOT_ASSESS, with the reason.
//
// Files of thousands: Engine::AuditJsonLines (netra/api.h) reads one
// DecidedCase per line and writes one finding per line; a bad line is
// reported with its line number and counted, never skipped silently, and the
// run goes on.
//
// Fast path: Prepare() once, then Verdicts() runs without allocating when the
// CaseResult is reused (the benchmark audits a million prepared decisions);
// only a further sanction decided on a later date copies the facts, to read
// the authority lines of its own date.
//
// Thread safety: an Auditor is immutable; every method is const and may run
// concurrently. It keeps the RuleBook alive through its Evaluator.
#ifndef NETRA_AUDIT_H_
#define NETRA_AUDIT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/v1/audit.pb.h"

namespace netra {

// A line of a JSON-lines audit file longer than this is refused (the run
// goes on with the next line).
inline constexpr size_t kMaxAuditLineBytes = 1u << 20;

// One sanction as imposed, checked and indexed.
struct ImposedSanctionFacts {
  int type = -1;                                     // sanction type index
  v1::Official official = v1::OFFICIAL_UNSPECIFIED;  // unspecified = not checked
  v1::AgencySide side = v1::AGENCY_SIDE_UNSPECIFIED; // a seconded PNS's: whose official signed
  absl::CivilDay date;                               // its decision date
};

// One recommendation the decision answers, checked and indexed.
struct RecommendationFacts {
  v1::Recommender by = v1::RECOMMENDER_UNSPECIFIED;
  absl::CivilDay date;
  SanctionTypeMask types = 0;  // the types recommended (its type, or its level's); 0 = none named
  bool declined = false;
  std::optional<absl::CivilDay> escalated;
};

// The decision as taken, checked and indexed.
struct ImposedFacts {
  bool none = false;  // DecidedCase.no_sanction
  v1::Official decided_by = v1::OFFICIAL_UNSPECIFIED;
  // `imposed`, then `also_imposed` in order; empty when none.
  std::vector<ImposedSanctionFacts> sanctions;
  std::vector<RecommendationFacts> recommendations;
};

// The most serious of a set of verdicts (one bit per v1::Verdict value), the
// one AuditFinding.verdict names: TYPE_NOT_IN_FORCE, NOT_SANCTIONED,
// TOO_LIGHT, TOO_HEAVY, DOUBLE_SANCTION, OTHER_TYPE,
// OFFICIAL_WITHOUT_AUTHORITY, RECOMMENDATION_NOT_FOLLOWED, CANNOT_ASSESS,
// WITHIN_LAW. VERDICT_UNSPECIFIED for none.
v1::Verdict WorstVerdict(uint32_t verdicts);

class Auditor {
 public:
  // `settings` as for Evaluator::Create.
  static absl::StatusOr<Auditor> Create(std::shared_ptr<const RuleBook> book,
                                        const std::map<std::string, std::string>& settings = {});

  // Audits one decided case. Errors: InvalidArgument naming the field.
  absl::StatusOr<v1::AuditFinding> Audit(const v1::DecidedCase& decided) const;

  // This Auditor with the case's own request.settings over its settings (as
  // Audit applies them); Prepare refuses a case that carries settings, so a
  // fast-path caller audits such a case with the Auditor this returns and the
  // case without its settings. Errors: InvalidArgument naming
  // request.settings' name or value.
  absl::StatusOr<Auditor> WithCaseSettings(const v1::DecidedCase& decided) const;

  // Checks a case once (request, imposed types, signers, dates,
  // recommendations). `imposed` is overwritten; its vectors keep their
  // capacity, so a reused one does not allocate. A case with its own
  // request.settings is refused (see WithCaseSettings).
  absl::Status Prepare(const v1::DecidedCase& decided, CaseFacts* facts, ImposedFacts* imposed) const;

  // Evaluates prepared facts into `scratch` and returns the verdicts that
  // apply, one bit per v1::Verdict value (1u << v1::TOO_LIGHT, ...). Never
  // fails. Precondition: the arguments came from Prepare() on this Auditor.
  uint32_t Verdicts(const CaseFacts& facts, const ImposedFacts& imposed, CaseResult* scratch) const;

  const Evaluator& evaluator() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return evaluator_; }

 private:
  explicit Auditor(Evaluator evaluator) : evaluator_(std::move(evaluator)) {}
  v1::AuditFinding Render(const v1::DecidedCase& decided, const CaseFacts& facts, const ImposedFacts& imposed,
                          const CaseResult& result, uint32_t verdicts) const;
  // The verdicts of one imposed sanction; `compared`: its severity is
  // compared with the law's answer (the heaviest of its regime).
  uint32_t SanctionVerdicts(const CaseFacts& facts, const ImposedSanctionFacts& s, bool compared,
                            CaseResult* res) const;
  // The authority lines covering `types` on `day` (a further sanction's own
  // decision date), appended to res->officials.
  void OfficialsOn(const CaseFacts& facts, absl::CivilDay day, SanctionTypeMask types, CaseResult* res) const;
  // The handling rule under which `rec` binds the official, or -1.
  int BindingRule(const CaseFacts& facts, const RecommendationFacts& rec) const;
  // Whether the decision followed `rec` in time (where a period was set on
  // its date) and in weight.
  bool Followed(const CaseFacts& facts, const ImposedFacts& imposed, const RecommendationFacts& rec) const;
  // Whether the follow-up period's rule was in force on the recommendation's
  // date.
  bool HasPeriod(const RecommendationFacts& rec) const;

  Evaluator evaluator_;
  // -1 where the rule book lacks them (host files only).
  int duty_to_sanction_ = -1;  // norm index of the official's duty to sanction (PP 94/2021 Pasal 24(1))
  int follow_up_rule_ = -1;    // rule index of the neutrality follow-up period
  int follow_up_days_ = 0;     // calendar days, from the rule (or its days_setting)
  std::string follow_up_setting_;  // that setting's name, for the reasons
};

}  // namespace netra

#endif  // NETRA_AUDIT_H_
