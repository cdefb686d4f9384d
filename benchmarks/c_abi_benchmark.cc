// The C ABI (include/netra/netra.h) as a host calls it: making an engine
// from the embedded law, one evaluation in JSON (with and without every
// default) and in binary protobuf, and a batch of 50,000 synthetic
// neutrality reports as JSON lines in one call.
// Linked with the static library, which carries the same netra_* functions
// as libnetra.so (the shared library adds one PLT jump per call); the binary
// request and the reports are made with the C++ API.
#include <cstring>
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/json.h"
#include "netra/netra.h"
#include "netra/synth.h"
#include "smoke.h"

namespace {

const char kRequest[] =
    R"({"employee": {"kind": "PNS", "position": {"type": "PELAKSANA"}, "agency": {"level": "REGENCY_CITY"}},
        "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30",
                  "absence": {"cumulative_working_days": 15, "consecutive_working_days": 4}}],
        "examination_date": "2025-07-14"})";

netra_engine* Engine() {
  static netra_engine* engine = [] {
    netra_engine* e = nullptr;
    if (netra_engine_new(nullptr, &e, nullptr) != NETRA_OK) std::abort();
    return e;
  }();
  return engine;
}

void BM_CAbiEngineNew(benchmark::State& state) {
  for (auto _ : state) {
    netra_engine* e = nullptr;
    if (netra_engine_new(nullptr, &e, nullptr) != NETRA_OK) state.SkipWithError("engine");
    netra_engine_free(e);
  }
}
BENCHMARK(BM_CAbiEngineNew)->Unit(benchmark::kMillisecond);

void Evaluate(benchmark::State& state, int format, const std::string& in) {
  netra_engine* e = Engine();
  size_t bytes = 0;
  for (auto _ : state) {
    char* out = nullptr;
    size_t n = 0;
    if (netra_evaluate(e, format, in.data(), in.size(), &out, &n, nullptr) != NETRA_OK) state.SkipWithError("call");
    bytes = n;
    netra_free(out);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}

void BM_CAbiEvaluateJson(benchmark::State& state) { Evaluate(state, NETRA_FORMAT_JSON, kRequest); }
BENCHMARK(BM_CAbiEvaluateJson)->Unit(benchmark::kMicrosecond);

void BM_CAbiEvaluateJsonCompact(benchmark::State& state) {
  Evaluate(state, NETRA_FORMAT_JSON | NETRA_JSON_COMPACT, kRequest);
}
BENCHMARK(BM_CAbiEvaluateJsonCompact)->Unit(benchmark::kMicrosecond);

// The format of the PHP binding's array methods (`$netra->evaluate([...])`):
// every default written, one line.
void BM_CAbiEvaluateJsonEmitDefaults(benchmark::State& state) {
  Evaluate(state, NETRA_FORMAT_JSON | NETRA_JSON_EMIT_DEFAULTS | NETRA_JSON_COMPACT, kRequest);
}
BENCHMARK(BM_CAbiEvaluateJsonEmitDefaults)->Unit(benchmark::kMicrosecond);

// The same answer as protobuf's printer writes it (always_print_primitive_
// fields), the way every emit-defaults call went before PrintJson wrote
// defaults itself: parse the request, the Determination message, then
// MessageToJsonString. Side by side with the call above for the ratio.
void BM_EvaluateJsonEmitDefaultsProtobufPrinter(benchmark::State& state) {
  static const std::shared_ptr<const netra::Engine> engine = [] {
    auto e = netra::Engine::Create();
    if (!e.ok()) std::abort();
    return *std::move(e);
  }();
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  print.always_print_primitive_fields = true;
  size_t bytes = 0;
  for (auto _ : state) {
    netra::v1::EvaluationRequest request;
    if (!netra::ParseJson(kRequest, &request, "request").ok()) state.SkipWithError("parse");
    auto d = engine->Evaluate(request);
    if (!d.ok()) state.SkipWithError("evaluate");
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(*d, &json, print).ok()) state.SkipWithError("print");
    bytes = json.size();
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_EvaluateJsonEmitDefaultsProtobufPrinter)->Unit(benchmark::kMicrosecond);

void BM_CAbiEvaluateBinary(benchmark::State& state) {
  netra::v1::EvaluationRequest request;
  if (!netra::ParseJson(kRequest, &request, "request").ok()) std::abort();
  Evaluate(state, NETRA_FORMAT_PROTO, request.SerializeAsString());
}
BENCHMARK(BM_CAbiEvaluateBinary)->Unit(benchmark::kMicrosecond);

// 50,000 seeded synthetic neutrality reports (netra synth reports), one
// compact EvaluationRequest per line, in one netra_evaluate_batch call.
void BM_CAbiBatch50k(benchmark::State& state) {
  std::string lines;
  auto gen = netra::synth::ReportGenerator::Create({.seed = 7, .count = netra::bench::Rows(50000), .election = "pilkada2024"});
  if (!gen.ok()) std::abort();
  int64_t rows = 0;
  while (auto r = (*gen)->Next()) {
    lines += netra::ToJson(r->request(), {.pretty = false});
    lines += '\n';
    ++rows;
  }
  netra_engine* e = Engine();
  for (auto _ : state) {
    char* out = nullptr;
    size_t n = 0;
    if (netra_evaluate_batch(e, NETRA_FORMAT_JSON_LINES, lines.data(), lines.size(), &out, &n, nullptr) != NETRA_OK) {
      state.SkipWithError("batch");
    }
    netra_free(out);
  }
  state.SetItemsProcessed(state.iterations() * rows);
  state.counters["input_MiB"] = static_cast<double>(lines.size()) / (1 << 20);
}
BENCHMARK(BM_CAbiBatch50k)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
