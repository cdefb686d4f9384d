// Law vectors and audit vectors checked against the law: what `netra test`
// runs for law authors (as `openfisca test` and `opa test` do for theirs) and
// what the project's own conformance tests run over tests/vectors/.
//
// A law vector (netra.v1.TestVector, proto/netra/v1/conformance.proto) is an
// EvaluationRequest and the parts of its Determination that the law fixes; an
// audit vector (netra.v1.AuditVector) a DecidedCase and its verdicts. Each
// file holds one, in protobuf text format, named as a sentence about the law
// and citing its article in `checks`.
//
// Thread safety: the functions are pure, or read only the engine given,
// which is immutable; any thread may call them. Errors: RunVectorFiles
// returns InvalidArgument or NotFound for a path it cannot use; a file that
// does not parse is a failed vector (its line and column named), not an
// error, so that one bad file hides no other.
#ifndef NETRA_VECTORS_H_
#define NETRA_VECTORS_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "netra/api.h"
#include "netra/v1/conformance.pb.h"

namespace netra {

// What `vector` expects and `got` does not give, one sentence each
// ("level: got SEDANG, expected BERAT"); empty when the vector holds. A
// vector without its sentence (`name`) or without a cited article
// (`checks`) fails too.
std::vector<std::string> CheckLawVector(const v1::TestVector& vector, const v1::Determination& got);
std::vector<std::string> CheckAuditVector(const v1::AuditVector& vector, const v1::AuditFinding& got);

// What every answer must be, whatever a vector expects, one sentence per
// breach: no basis cites an instrument that took effect after the date its
// rule is applied on (an act's norm and level rules: the act date for norms
// judged by the law of the act date, else the decision date; the case's
// basis and the allowed sanction types: the decision date), nor does an
// act's explanation header; no basis lists a rule twice; an OUTSIDE_SCOPE
// act does not also say that a regulation applies; an act's explanation
// names whose candidacy it turns on as the request has it (a party
// supported, the ASN's own candidacy, a person supported). `request` is the one
// `got` answers. Run by `netra test` on every law vector.
std::vector<std::string> CheckAnswerProperties(const RuleBook& book, const v1::EvaluationRequest& request,
                                               const v1::Determination& got);

// Adds every rule id `d` cites (its basis and each act's, sanctions,
// officials, missing facts' alternatives, procedure, handling) to *ids.
void CollectCitedRules(const v1::Determination& d, std::set<std::string>* ids);

// The rules of `book` that law vectors can exercise: all but the case
// lifecycle's principles and periods (tested with the case lifecycle).
std::vector<std::string> RulesVectorsCover(const RuleBook& book);

struct VectorResult {
  std::string file;  // as found under the path given
  std::string kind;  // "law" or "audit"
  std::string name;  // the vector's sentence
  std::vector<std::string> failures;  // empty: it holds
};

struct VectorReport {
  std::vector<VectorResult> results;  // in file-name order
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t law_vectors = 0;
  int64_t audit_vectors = 0;
  // Rules of RulesVectorsCover that no law vector's answer cites.
  std::vector<std::string> uncovered;
};

// Runs every vector file in `paths` (a .textproto file, or a folder searched
// with its subfolders for *.textproto) on `engine`. A file is an AuditVector
// when its `# proto-message:` line says so, a TestVector when it says that,
// and otherwise whichever of the two it parses as. NotFound for a path that
// does not exist; InvalidArgument when no vector file is found.
absl::StatusOr<VectorReport> RunVectorFiles(const Engine& engine, absl::Span<const std::string> paths);

}  // namespace netra

#endif  // NETRA_VECTORS_H_
