// Invariant (a) of the evaluator targets: every answer is grounded.
//
// Read off src/eval/evaluator.cc (EvaluateAct) and render.cc: an act's
// outcome comes from the level rules of its norm in force on the day, or
// from its scope, so a Determination must
//  - for SANCTION, NO_VIOLATION, NO_SANCTION, NO_STATUTORY_MAPPING and
//    RULES_CONFLICT: cite in the act's basis at least one level rule of the
//    act's norm (the rule that decided, or the two in conflict);
//  - for MISSING_FACTS: name each missing fact with why and what each of
//    its values would give (at least one alternative), also at case level;
//  - for OUTSIDE_SCOPE: say why in the explanation (the scope rule, or no
//    rule in force on the date);
//  - for SANCTION: give a regime and at least one allowed type (a level for
//    discipline); for every other outcome: no allowed type;
// and every rule it cites must exist in the rule book, with its citations
// rendered. The case answer is one of its acts' answers, and a case with a
// sanctioned act names the allowed types of the heaviest regime.
#ifndef NETRA_TESTS_FUZZ_DETERMINATION_CHECK_H_
#define NETRA_TESTS_FUZZ_DETERMINATION_CHECK_H_

#include <algorithm>
#include <set>
#include <string>

#include "fuzz_common.h"
#include "netra/date.h"
#include "netra/v1/determination.pb.h"

namespace netra_fuzz {

inline void CheckBasis(const netra::RuleBook& book,
                       const google::protobuf::RepeatedPtrField<netra::v1::LegalBasis>& basis) {
  for (const netra::v1::LegalBasis& b : basis) {
    FUZZ_CHECK(book.FindRule(b.rule_id()) != nullptr, "cites unknown rule ", b.rule_id());
    FUZZ_CHECK(b.cited_as_size() == b.citations_size(), b.rule_id(), ": ", b.citations_size(), " citations, ",
               b.cited_as_size(), " rendered");
  }
}

inline void CheckDetermination(const netra::RuleBook& book, const netra::v1::Determination& d) {
  using netra::v1::Outcome;
  FUZZ_CHECK(d.outcome() != netra::v1::OUTCOME_UNSPECIFIED, "no outcome");
  FUZZ_CHECK(d.acts_size() > 0, "a determination without acts");
  FUZZ_CHECK(d.rule_book_revision() == book.revision(), "revision ", d.rule_book_revision());
  FUZZ_CHECK(netra::ParseDate(d.decision_date(), "decision_date").ok(), "decision date ", d.decision_date());
  FUZZ_CHECK(d.explanation_size() > 0, "a case answer without explanation");
  CheckBasis(book, d.basis());
  std::set<std::string> case_missing;
  for (const auto& m : d.missing_facts()) case_missing.insert(m.field());
  std::set<std::string> act_codes;
  bool outcome_of_an_act = false;
  netra::v1::Regime heaviest = netra::v1::REGIME_UNSPECIFIED;
  for (int i = 0; i < d.acts_size(); ++i) {
    const netra::v1::ActDetermination& a = d.acts(i);
    const std::string at = absl::StrCat("acts[", i, "] ", a.norm(), " ", netra::v1::Outcome_Name(a.outcome()));
    FUZZ_CHECK(a.outcome() != netra::v1::OUTCOME_UNSPECIFIED, at, ": no outcome");
    FUZZ_CHECK(a.explanation_size() > 0, at, ": no explanation");
    CheckBasis(book, a.basis());
    outcome_of_an_act |= a.outcome() == d.outcome();
    bool cites_norm = false, cites_level_rule = false;
    for (const auto& b : a.basis()) {
      cites_norm |= b.rule_id() == a.norm();
      const netra::RuleEntry* r = book.FindRule(b.rule_id());
      cites_level_rule |= r->rule->has_level() && r->rule->level().norm() == a.norm();
    }
    FUZZ_CHECK(cites_norm, at, ": the norm itself is not cited");
    switch (a.outcome()) {
      case netra::v1::SANCTION:
      case netra::v1::NO_VIOLATION:
      case netra::v1::NO_SANCTION:
      case netra::v1::NO_STATUTORY_MAPPING:
      case netra::v1::RULES_CONFLICT:
        FUZZ_CHECK(cites_level_rule, at, ": no level rule of the norm is cited");
        break;
      case netra::v1::MISSING_FACTS:
        FUZZ_CHECK(a.missing_facts_size() > 0, at, ": missing facts not named");
        for (const auto& m : a.missing_facts()) {
          FUZZ_CHECK(!m.field().empty() && !m.why().empty() && m.alternatives_size() > 0, at, ": missing fact ",
                     m.field(), " without why or alternatives");
          FUZZ_CHECK(case_missing.count(m.field()) > 0, at, ": ", m.field(), " not listed for the case");
        }
        break;
      case netra::v1::OUTSIDE_SCOPE:
        break;  // the explanation says why (checked above)
      default:
        FUZZ_CHECK(false, at, ": unknown outcome");
    }
    if (a.outcome() == netra::v1::SANCTION) {
      FUZZ_CHECK(a.regime() != netra::v1::REGIME_UNSPECIFIED, at, ": a sanction without regime");
      FUZZ_CHECK(a.allowed_sanctions_size() > 0, at, ": a sanction without allowed types");
      FUZZ_CHECK(a.regime() != netra::v1::DISCIPLINE || a.level() != netra::v1::LEVEL_UNSPECIFIED, at,
                 ": a disciplinary sanction without level");
      heaviest = std::max(heaviest, a.regime());
      for (const auto& s : a.allowed_sanctions()) act_codes.insert(s.code());
    } else {
      FUZZ_CHECK(a.allowed_sanctions_size() == 0, at, ": allowed types without a sanction");
    }
  }
  FUZZ_CHECK(outcome_of_an_act, "case outcome ", netra::v1::Outcome_Name(d.outcome()), " is no act's outcome");
  if (heaviest != netra::v1::REGIME_UNSPECIFIED) {
    FUZZ_CHECK(d.regime() == heaviest, "case regime ", netra::v1::Regime_Name(d.regime()), " is not the heaviest ",
               netra::v1::Regime_Name(heaviest));
    FUZZ_CHECK(d.allowed_sanctions_size() > 0, "a sanctioned act but no allowed type for the case");
  } else {
    FUZZ_CHECK(d.allowed_sanctions_size() == 0, "allowed types for a case without a sanctioned act");
  }
  for (const auto& s : d.allowed_sanctions()) {
    FUZZ_CHECK(act_codes.count(s.code()) > 0, "case type ", s.code(), " allowed for no act");
  }
}

}  // namespace netra_fuzz

#endif  // NETRA_TESTS_FUZZ_DETERMINATION_CHECK_H_
