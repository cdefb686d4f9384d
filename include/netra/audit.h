// netra/audit.h: checks decisions already taken against the law.
//
// Regions give the same act very different sanctions; an inspector runs this
// over a year of decisions. For each decided case (the facts, the employee,
// the sanction actually imposed, who signed it and when) the Auditor
// evaluates the facts on the decision date and reports whether the decision
// is within the law, too light, too heavy, of a type not in force on that
// date, of another type than the law allows, or signed by an official
// without authority, with the reasons and articles (netra.v1.AuditFinding).
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
// CaseResult is reused (the benchmark audits a million prepared decisions).
//
// Thread safety: an Auditor is immutable; every method is const and may run
// concurrently. It keeps the RuleBook alive through its Evaluator.
#ifndef NETRA_AUDIT_H_
#define NETRA_AUDIT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/v1/audit.pb.h"

namespace netra {

// A line of a JSON-lines audit file longer than this is refused (the run
// goes on with the next line).
inline constexpr size_t kMaxAuditLineBytes = 1u << 20;

// The decision as taken, checked and indexed.
struct ImposedFacts {
  int type = -1;                                     // sanction type index
  v1::Official official = v1::OFFICIAL_UNSPECIFIED;  // unspecified = not checked
};

class Auditor {
 public:
  // `settings` as for Evaluator::Create.
  static absl::StatusOr<Auditor> Create(std::shared_ptr<const RuleBook> book,
                                        const std::map<std::string, std::string>& settings = {});

  // Audits one decided case. Errors: InvalidArgument naming the field.
  absl::StatusOr<v1::AuditFinding> Audit(const v1::DecidedCase& decided) const;

  // Checks a case once (request, imposed type, signer, dates).
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

  Evaluator evaluator_;
};

}  // namespace netra

#endif  // NETRA_AUDIT_H_
