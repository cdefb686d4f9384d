// Speed of engine creation from the embedded law and of the rendered answer:
// RuleBook::Load + Evaluator::Create + CaseMachine::Create (what a PHP worker
// or a short-lived tool pays once), and a Determination rendered, printed as
// JSON and serialised as binary protobuf (what each C ABI call pays on top of
// the evaluation). Figures and the command are in benchmarks/README.md.
#include <string>

#include <benchmark/benchmark.h>

#include "google/protobuf/arena.h"
#include "google/protobuf/util/json_util.h"
#include "netra/case.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> SharedBook() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

// The README's first example: 15 days of absence, a PNS pelaksana in a
// regency. Its determination cites 8 rules and 2 officials.
v1::EvaluationRequest Absence() {
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  r.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  r.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  v1::Act* a = r.add_acts();
  a->set_norm("pp94.duty.attendance");
  a->set_act_date("2025-06-30");
  a->mutable_absence()->set_cumulative_working_days(15);
  a->mutable_absence()->set_consecutive_working_days(4);
  return r;
}

// Everything a host creates before its first answer, from the law compiled
// into the library.
void BM_CreateEngineFromEmbeddedLaw(benchmark::State& state) {
  for (auto _ : state) {
    auto book = RuleBook::Load();
    if (!book.ok()) state.SkipWithError("load failed");
    auto evaluator = Evaluator::Create(*book);
    auto machine = CaseMachine::Create(*book);
    if (!evaluator.ok() || !machine.ok()) state.SkipWithError("create failed");
    benchmark::DoNotOptimize(machine);
  }
}
BENCHMARK(BM_CreateEngineFromEmbeddedLaw)->Unit(benchmark::kMillisecond);

// RuleBook::Load alone.
void BM_LoadEmbeddedLawOnly(benchmark::State& state) {
  for (auto _ : state) {
    auto book = RuleBook::Load();
    benchmark::DoNotOptimize(book);
  }
}
BENCHMARK(BM_LoadEmbeddedLawOnly)->Unit(benchmark::kMillisecond);

// Rendering a prepared and evaluated case into a Determination (and
// freeing it).
void BM_Render(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  CaseFacts facts;
  (void)e.Prepare(Absence(), &facts);
  CaseResult result;
  e.Evaluate(facts, &result);
  for (auto _ : state) {
    v1::Determination d = e.Render(facts, result);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_Render)->Unit(benchmark::kMicrosecond);

// Render + JSON the way the command prints it (protobuf's JSON printer,
// field names as in the .proto, indented).
void BM_RenderJson(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  CaseFacts facts;
  (void)e.Prepare(Absence(), &facts);
  CaseResult result;
  e.Evaluate(facts, &result);
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = true;
  print.preserve_proto_field_names = true;
  for (auto _ : state) {
    v1::Determination d = e.Render(facts, result);
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(d, &json, print);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_RenderJson)->Unit(benchmark::kMicrosecond);

// Render + binary protobuf.
void BM_RenderBinary(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  CaseFacts facts;
  (void)e.Prepare(Absence(), &facts);
  CaseResult result;
  e.Evaluate(facts, &result);
  for (auto _ : state) {
    v1::Determination d = e.Render(facts, result);
    std::string bytes;
    (void)d.SerializeToString(&bytes);
    benchmark::DoNotOptimize(bytes);
  }
}
BENCHMARK(BM_RenderBinary)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace netra
