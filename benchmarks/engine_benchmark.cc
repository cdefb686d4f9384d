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
#include "netra/json.h"
#include "netra/rule_book.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> SharedBook() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

// The README's first example: 15 days of absence, a PNS pelaksana in a
// regency (70 messages in its determination, 10 legal bases, 2 officials).
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

// One evaluation as a JSON caller pays it today with protobuf's JSON
// mapping both ways: parse the request, evaluate, render, print.
constexpr char kAbsenceJson[] =
    R"({"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},)"
    R"( "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",)"
    R"( "absence": {"cumulative_working_days": 15, "consecutive_working_days": 4}}]})";

void BM_JsonEvaluateProtobufUtil(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  for (auto _ : state) {
    v1::EvaluationRequest request;
    if (!ParseJson(kAbsenceJson, &request, "request").ok()) state.SkipWithError("parse");
    auto d = e.Evaluate(request);
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(*d, &json);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_JsonEvaluateProtobufUtil)->Unit(benchmark::kMicrosecond);

// --- new API (not in the baseline build) ---

// Rendering into a Determination on an arena that is reset per answer, as
// a host answering many requests would.
google::protobuf::ArenaOptions BlockOptions() {
  google::protobuf::ArenaOptions o;
  o.start_block_size = 64 << 10;
  o.max_block_size = 64 << 10;
  return o;
}

void BM_RenderArena(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  CaseFacts facts;
  (void)e.Prepare(Absence(), &facts);
  CaseResult result;
  e.Evaluate(facts, &result);
  google::protobuf::Arena arena(BlockOptions());
  for (auto _ : state) {
    auto* d = google::protobuf::Arena::CreateMessage<v1::Determination>(&arena);
    e.Render(facts, result, d);
    benchmark::DoNotOptimize(d);
    arena.Reset();
  }
}
BENCHMARK(BM_RenderArena)->Unit(benchmark::kMicrosecond);

// Render (arena) + netra::PrintJson in the command's format (the same bytes
// as BM_RenderJson).
void BM_RenderArenaPrintJson(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  CaseFacts facts;
  (void)e.Prepare(Absence(), &facts);
  CaseResult result;
  e.Evaluate(facts, &result);
  google::protobuf::Arena arena(BlockOptions());
  std::string json;
  for (auto _ : state) {
    auto* d = google::protobuf::Arena::CreateMessage<v1::Determination>(&arena);
    e.Render(facts, result, d);
    if (!PrintJson(*d, &json, {.add_whitespace = true, .preserve_proto_field_names = true}).ok()) {
      state.SkipWithError("print");
    }
    benchmark::DoNotOptimize(json);
    arena.Reset();
  }
}
BENCHMARK(BM_RenderArenaPrintJson)->Unit(benchmark::kMicrosecond);

// Render (arena) + binary protobuf.
void BM_RenderArenaBinary(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  CaseFacts facts;
  (void)e.Prepare(Absence(), &facts);
  CaseResult result;
  e.Evaluate(facts, &result);
  google::protobuf::Arena arena(BlockOptions());
  std::string bytes;
  for (auto _ : state) {
    auto* d = google::protobuf::Arena::CreateMessage<v1::Determination>(&arena);
    e.Render(facts, result, d);
    bytes.clear();
    (void)d->SerializeToString(&bytes);
    benchmark::DoNotOptimize(bytes);
    arena.Reset();
  }
}
BENCHMARK(BM_RenderArenaBinary)->Unit(benchmark::kMicrosecond);

// The JSON call of a C ABI: parse the request (protobuf's parser, with
// netra's limit), evaluate into an arena, print with netra::PrintJson.
void BM_JsonEvaluate(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  google::protobuf::Arena arena(BlockOptions());
  std::string json;
  for (auto _ : state) {
    auto* request = google::protobuf::Arena::CreateMessage<v1::EvaluationRequest>(&arena);
    if (!ParseJson(kAbsenceJson, request, "request").ok()) state.SkipWithError("parse");
    auto* d = google::protobuf::Arena::CreateMessage<v1::Determination>(&arena);
    if (!e.Evaluate(*request, d).ok()) state.SkipWithError("evaluate");
    (void)PrintJson(*d, &json);
    benchmark::DoNotOptimize(json);
    arena.Reset();
  }
}
BENCHMARK(BM_JsonEvaluate)->Unit(benchmark::kMicrosecond);

// The binary call of a C ABI: parse the request bytes, evaluate into an
// arena, serialise the answer.
void BM_BinaryEvaluate(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(SharedBook());
  const std::string request_bytes = Absence().SerializeAsString();
  google::protobuf::Arena arena(BlockOptions());
  std::string bytes;
  for (auto _ : state) {
    auto* request = google::protobuf::Arena::CreateMessage<v1::EvaluationRequest>(&arena);
    if (!request->ParseFromString(request_bytes)) state.SkipWithError("parse");
    auto* d = google::protobuf::Arena::CreateMessage<v1::Determination>(&arena);
    if (!e.Evaluate(*request, d).ok()) state.SkipWithError("evaluate");
    bytes.clear();
    (void)d->SerializeToString(&bytes);
    benchmark::DoNotOptimize(bytes);
    arena.Reset();
  }
}
BENCHMARK(BM_BinaryEvaluate)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace netra
