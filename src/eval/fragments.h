// What every Determination repeats, serialised once per rule book: the
// parts of an answer that depend only on a rule or a sanction type (its
// legal basis, its citations, the allowed sanction, the procedure, the
// handling body, an election calendar entry). Evaluator::EvaluateSerialized
// appends these bytes into the wire form of the Determination
// (src/eval/determination_wire.proto), and the request layer prints their
// JSON from `json` instead of printing each again.
#ifndef NETRA_SRC_EVAL_FRAGMENTS_H_
#define NETRA_SRC_EVAL_FRAGMENTS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "json_print.h"
#include "law/compiled.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/v1/determination.pb.h"

namespace netra::internal {

struct RenderFragments {
  std::vector<std::string> basis;                   // by rule: netra.v1.LegalBasis (AddBasis)
  std::vector<std::vector<std::string>> basis_eras;  // by rule: the same per RuleText::eras
  std::vector<std::vector<std::string>> citations;  // by rule: each netra.v1.Citation
  std::vector<std::string> procedure;               // by rule: netra.v1.Procedure; empty if none
  std::vector<std::string> handling;                // by rule: netra.v1.HandlingAuthority; empty if none
  std::vector<std::string> sanctions;               // by sanction type: netra.v1.AllowedSanction
  std::vector<std::vector<std::string>> sanction_eras;  // by sanction type: the same per its rule's RuleText::eras
  struct Entry {
    std::string wire;      // netra.v1.CalendarEntryUsed
    std::string cited_as;  // its cited_as joined by "; "
  };
  // By calendar entry of every contest of every election and the name it
  // is rendered under ("determination", "campaign", ...; an entry a contest
  // lacks is the one default instance under every name).
  absl::flat_hash_map<std::pair<const v1::CalendarEntry*, std::string>, Entry> entries;
  // The JSON of each of the above, printed when first written.
  JsonMemo json;
};

// The fragments of `book`, built on the first call (about as long as a few
// hundred renderings; thread-safe); they live as long as `book`.
const RenderFragments& RenderFragmentsOf(const RuleBook& book);

// The parts built the same way by both forms of the Determination
// (render.cc).
// `era` indexes the RuleText::eras of the type's rule (its citations in
// force by a date); -1 cites every citation.
void FillSanction(const RuleBook& book, int type, v1::AllowedSanction* out, int era = -1);
void FillProcedure(const v1::Rule& rule, v1::Procedure* out);
void FillHandling(const RuleBook& book, int rule, v1::HandlingAuthority* out);
void FillEntry(const RuleBook& book, const char* name, const v1::CalendarEntry& entry, v1::CalendarEntryUsed* out);
void FillSetting(const Evaluator::SettingValue& setting, v1::SettingUsed* out);

}  // namespace netra::internal

#endif  // NETRA_SRC_EVAL_FRAGMENTS_H_
