// Where the time of a 50,000-row batch in the summary form goes (issue 12):
// the seeded synthetic neutrality reports (netra synth reports --count 50000
// --election pilkada2024 --seed 7), one compact EvaluationRequest JSON a line,
// through each stage of netra_evaluate_batch on its own, then the whole C
// call in the summary and full forms. Per-row times are the benchmark time
// divided by 50,000 (items_per_second).
#include <cstdlib>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/json.h"
#include "netra/netra.h"
#include "netra/summary.h"
#include "netra/synth.h"
#include "smoke.h"

namespace {

struct Rows {
  std::vector<std::string> json;  // one compact request each
  std::string lines, array;
  std::vector<netra::v1::EvaluationRequest> requests;
};

// 50,000 rows (2,000 in smoke mode: smoke.h).
int64_t RowCount() { return netra::bench::Rows(50000); }

const Rows& TheRows() {
  static const Rows* rows = [] {
    auto* r = new Rows;
    auto gen = netra::synth::ReportGenerator::Create({.seed = 7, .count = RowCount(), .election = "pilkada2024"});
    if (!gen.ok()) std::abort();
    r->array = "[";
    while (auto rep = (*gen)->Next()) {
      r->json.push_back(netra::ToJson(rep->request(), {.pretty = false}));
      r->requests.push_back(rep->request());
      r->lines += r->json.back() + "\n";
      r->array += (r->array.size() > 1 ? "," : "") + r->json.back();
    }
    r->array += "]";
    return r;
  }();
  return *rows;
}

const netra::Engine& TheEngine() {
  static const auto* e = new std::shared_ptr<const netra::Engine>(*netra::Engine::Create());
  return **e;
}

void Rowwise(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(TheRows().json.size()));
}

void BM_BatchStageParseProtobuf(benchmark::State& state) {
  const Rows& rows = TheRows();
  netra::v1::EvaluationRequest m;
  for (auto _ : state) {
    for (const std::string& j : rows.json) {
      m.Clear();
      if (!google::protobuf::util::JsonStringToMessage(j, &m).ok()) state.SkipWithError("parse");
    }
  }
  Rowwise(state);
}
BENCHMARK(BM_BatchStageParseProtobuf)->Unit(benchmark::kMillisecond)->Iterations(3);

// netra::ParseJson, which reads plain JSON with the fast path (src/json_fast.h)
// and hands anything else to protobuf's parser.
void BM_BatchStageParseFast(benchmark::State& state) {
  const Rows& rows = TheRows();
  netra::v1::EvaluationRequest m;
  for (auto _ : state) {
    for (const std::string& j : rows.json) {
      if (!netra::ParseJson(j, &m, "request").ok()) state.SkipWithError("parse");
    }
  }
  Rowwise(state);
}
BENCHMARK(BM_BatchStageParseFast)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BatchStagePrepare(benchmark::State& state) {
  const Rows& rows = TheRows();
  netra::CaseFacts facts;
  for (auto _ : state) {
    for (const auto& r : rows.requests) {
      if (!TheEngine().evaluator().Prepare(r, &facts).ok()) state.SkipWithError("prepare");
    }
  }
  Rowwise(state);
}
BENCHMARK(BM_BatchStagePrepare)->Unit(benchmark::kMillisecond)->Iterations(3);

// Prepared facts of every row, for the stages after Prepare.
const std::vector<netra::CaseFacts>& Facts() {
  static const auto* facts = [] {
    auto* f = new std::vector<netra::CaseFacts>(TheRows().requests.size());
    for (size_t i = 0; i < f->size(); ++i) {
      if (!TheEngine().evaluator().Prepare(TheRows().requests[i], &(*f)[i]).ok()) std::abort();
    }
    return f;
  }();
  return *facts;
}

void BM_BatchStageEvaluate(benchmark::State& state) {
  netra::CaseResult result;
  for (auto _ : state) {
    for (const auto& f : Facts()) TheEngine().evaluator().Evaluate(f, &result);
  }
  Rowwise(state);
}
BENCHMARK(BM_BatchStageEvaluate)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BatchStageSummarize(benchmark::State& state) {
  const netra::Summarizer summarizer(TheEngine().book_ptr());
  std::vector<netra::CaseResult> results(Facts().size());
  for (size_t i = 0; i < results.size(); ++i) TheEngine().evaluator().Evaluate(Facts()[i], &results[i]);
  netra::v1::DeterminationSummary s;
  for (auto _ : state) {
    for (size_t i = 0; i < results.size(); ++i) summarizer.Summarize(Facts()[i], results[i], &s);
  }
  Rowwise(state);
}
BENCHMARK(BM_BatchStageSummarize)->Unit(benchmark::kMillisecond)->Iterations(3);

// For comparison: the full Determination of each row (Render).
void BM_BatchStageRender(benchmark::State& state) {
  std::vector<netra::CaseResult> results(Facts().size());
  for (size_t i = 0; i < results.size(); ++i) TheEngine().evaluator().Evaluate(Facts()[i], &results[i]);
  netra::v1::Determination d;
  for (auto _ : state) {
    for (size_t i = 0; i < results.size(); ++i) TheEngine().evaluator().Render(Facts()[i], results[i], &d);
  }
  Rowwise(state);
}
BENCHMARK(BM_BatchStageRender)->Unit(benchmark::kMillisecond)->Iterations(3);

// The whole C call: netra_evaluate_batch with every default written (the
// PHP binding's form), in the summary form and the full form.
void Call(benchmark::State& state, int format, const std::string& in) {
  netra_engine* e = nullptr;
  if (netra_engine_new(nullptr, &e, nullptr) != NETRA_OK) std::abort();
  size_t bytes = 0;
  for (auto _ : state) {
    char* out = nullptr;
    size_t n = 0;
    if (netra_evaluate_batch(e, format, in.data(), in.size(), &out, &n, nullptr) != NETRA_OK) {
      state.SkipWithError("batch");
    }
    bytes = n;
    netra_free(out);
  }
  netra_engine_free(e);
  Rowwise(state);
  state.counters["out_MiB"] = static_cast<double>(bytes) / (1 << 20);
}

void BM_BatchCallSummaryArray(benchmark::State& state) {
  Call(state, NETRA_FORMAT_JSON_ARRAY | NETRA_JSON_EMIT_DEFAULTS | NETRA_ANSWER_SUMMARY, TheRows().array);
}
BENCHMARK(BM_BatchCallSummaryArray)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BatchCallSummaryLines(benchmark::State& state) {
  Call(state, NETRA_FORMAT_JSON_LINES | NETRA_JSON_EMIT_DEFAULTS | NETRA_ANSWER_SUMMARY, TheRows().lines);
}
BENCHMARK(BM_BatchCallSummaryLines)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BatchCallFullArray(benchmark::State& state) {
  Call(state, NETRA_FORMAT_JSON_ARRAY | NETRA_JSON_EMIT_DEFAULTS, TheRows().array);
}
BENCHMARK(BM_BatchCallFullArray)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
