// netra/summary.h: the lean answer of an evaluation, a table row instead of a
// document.
//
// A v1::DeterminationSummary (proto/netra/v1/api.proto) holds the columns a
// host that stores or shows rows needs: outcome, level, regime, allowed
// sanction types, the deciding rules and their articles, the missing facts,
// the competent officials, the examination team, who handles a neutrality
// case, the election stage and candidate status, the salary stop, warnings.
// It is built straight from Evaluator::Evaluate(CaseFacts, CaseResult*),
// without rendering the Determination (no explanation, no alternatives, no
// citation messages), so it costs a small fraction of one. Every field says
// what the Determination of the same request says (tests/summary_test.cc
// holds the two together over every law vector).
//
//   netra::Summarizer summarizer(evaluator.book_ptr());
//   netra::CaseFacts facts;
//   netra::CaseResult result;
//   if (evaluator.Prepare(request, &facts).ok()) {
//     evaluator.Evaluate(facts, &result);
//     netra::v1::DeterminationSummary row;
//     summarizer.Summarize(facts, result, &row);
//   }
//
// Columnar hosts (Python's evaluate_frame) intern the answer's keys
// (SummaryKeys: bit masks and rule indices) and render each distinct key
// once with the text methods below, instead of strings per row.
//
// Thread safety: a Summarizer is immutable; every method is const and may
// run concurrently. It keeps its RuleBook alive. Facts and results must come
// from an Evaluator of the same RuleBook (indices are trusted).
#ifndef NETRA_SUMMARY_H_
#define NETRA_SUMMARY_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/v1/api.pb.h"

namespace netra {

// The keys of a summary, without text: what a columnar host interns.
struct SummaryKeys {
  // The deciding rules, in order, each once, -1 padded: each act's level
  // rules (deciding first), or the scope rule that put an act outside the
  // rules. At most 12. An entry holds the rule's index (RuleBook order) and
  // which of its citations were in force on the date it was applied on (a
  // rule citing UU 5/2014 and UU 20/2023 cites only the latter for a 2024
  // act): read them with RuleOf and EraOf.
  using Rules = std::array<int32_t, 12>;
  Rules rules;
  static int32_t RuleOf(int32_t entry) { return entry & 0xFFFFFF; }
  // -1: every citation (the rule's citations are all in force together).
  static int32_t EraOf(int32_t entry) { return (entry >> 24) - 1; }
  // rule < 2^24 and era < 127 (a rule's eras are the dates its cited
  // instruments start or end: a handful).
  static int32_t Entry(int32_t rule, int32_t era) { return rule | ((era + 1) << 24); }
  SanctionTypeMask allowed = 0;  // bit per sanction type index
  uint32_t officials = 0;  // bit per v1::Official
  // The facts that change the answer, over the acts whose outcome is
  // MISSING_FACTS, one bit per fact: Summarizer::MissingFactNames names
  // each bit (bits 16-18 are the employee facts the authority matrix needs).
  uint32_t missing = 0;
  v1::ProcedureRule::Team team = v1::ProcedureRule::TEAM_UNSPECIFIED;
  v1::HandlingBody handled_by = v1::HANDLING_BODY_UNSPECIFIED;
};

class Summarizer {
 public:
  explicit Summarizer(std::shared_ptr<const RuleBook> book);

  // Fills `*out` (cleared first) from a result of Evaluator::Evaluate(facts).
  // Never fails.
  void Summarize(const CaseFacts& facts, const CaseResult& result, v1::DeterminationSummary* out) const;

  // The keys of the same answer.
  SummaryKeys Keys(const CaseFacts& facts, const CaseResult& result) const;

  // Text of the keys, as Summarize writes them.
  // Sanction type codes of `allowed`, lightest first.
  std::vector<std::string> TypeCodes(SanctionTypeMask allowed) const;
  // The reverse: the mask of the codes of `allowed_sanctions` (a
  // Determination's), in the bits TypeCodes reads; a code the law does not
  // have adds nothing.
  SanctionTypeMask TypeMask(const google::protobuf::RepeatedPtrField<v1::AllowedSanction>& allowed_sanctions) const;
  // Rule ids of `rules`.
  std::vector<std::string> RuleIds(const SummaryKeys::Rules& rules) const;
  // The articles the rules cite on the dates they were applied on, as short
  // text, each once, in order.
  std::vector<std::string> Citations(const SummaryKeys::Rules& rules) const;
  // Names of the bits of SummaryKeys::missing (at most 32 entries, "" for an
  // unused bit): `request_paths` true gives the request field relative to
  // the act ("impact", "absence.cumulative_working_days") or the employee
  // path ("employee.position.type"); false gives the short column names of
  // Python's evaluate_frame ("impact", "cumulative_days", "agency_level").
  static const std::array<const char*, 32>& MissingFactNames(bool request_paths);

  const RuleBook& book() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return *book_; }

 private:
  std::shared_ptr<const RuleBook> book_;
  std::vector<int> type_order_;  // sanction type indices, lightest first
};

}  // namespace netra

#endif  // NETRA_SUMMARY_H_
