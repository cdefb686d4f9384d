// Embedding netra in a host program: load the law once, evaluate a case.
#include <iostream>

#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/text.h"

int main() {
  // The embedded law, validated; share the book between threads freely.
  auto book = netra::RuleBook::Load();
  if (!book.ok()) {
    std::cerr << book.status() << "\n";
    return 1;
  }
  auto evaluator = netra::Evaluator::Create(*book);
  if (!evaluator.ok()) {
    std::cerr << evaluator.status() << "\n";
    return 1;
  }

  netra::v1::EvaluationRequest request;
  request.mutable_employee()->set_kind(netra::v1::PNS);
  request.mutable_employee()->mutable_position()->set_type(netra::v1::PELAKSANA);
  request.mutable_employee()->mutable_agency()->set_level(netra::v1::REGENCY_CITY);
  netra::v1::Act* act = request.add_acts();
  act->set_norm("pp94.duty.attendance");
  act->set_act_date("2025-06-30");
  act->mutable_absence()->set_cumulative_working_days(15);
  act->mutable_absence()->set_consecutive_working_days(4);

  absl::StatusOr<netra::v1::Determination> d = evaluator->Evaluate(request);
  if (!d.ok()) {  // malformed input: the message names the field and value
    std::cerr << d.status() << "\n";
    return 1;
  }
  std::cout << netra::DeterminationText(*d);
  return d->level() == netra::v1::SEDANG ? 0 : 1;
}
