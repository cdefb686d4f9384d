// The phases of one JSON or binary evaluation, each in its own function so
// that callgrind counts them apart (benchmarks/README.md, "The C ABI"):
//
//   valgrind --tool=callgrind --callgrind-out-file=cg.out \
//     build/benchmarks/netra_render_phases examples/absence_15_days_2025.json 100
//   callgrind_annotate --inclusive=yes cg.out | grep Phase
//
// Each Phase* function runs its step `n` times; divide its inclusive count
// by n. Instructions are repeatable where times on a shared VM are not.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "netra/api.h"
#include "netra/evaluator.h"
#include "netra/json.h"

namespace {

using netra::CaseFacts;
using netra::CaseResult;
using netra::Evaluator;
namespace v1 = netra::v1;

#define PHASE __attribute__((noinline))

PHASE void PhaseParseRequestJson(const std::string& json, int n, v1::EvaluationRequest* out) {
  for (int i = 0; i < n; ++i) {
    out->Clear();
    if (!netra::ParseJson(json, out, "request").ok()) std::abort();
  }
}

PHASE void PhaseParseRequestBinary(const std::string& bytes, int n, v1::EvaluationRequest* out) {
  for (int i = 0; i < n; ++i) {
    if (!out->ParseFromString(bytes)) std::abort();
  }
}

PHASE void PhasePrepareAndEvaluate(const Evaluator& e, const v1::EvaluationRequest& r, int n, CaseFacts* facts,
                                   CaseResult* result) {
  for (int i = 0; i < n; ++i) {
    if (!e.Prepare(r, facts).ok()) std::abort();
    e.Evaluate(*facts, result);
  }
}

PHASE void PhaseBuildDetermination(const Evaluator& e, const CaseFacts& facts, const CaseResult& result, int n,
                                   v1::Determination* d) {
  for (int i = 0; i < n; ++i) e.Render(facts, result, d);
}

PHASE void PhaseSerialize(const v1::Determination& d, int n, std::string* out) {
  for (int i = 0; i < n; ++i) d.SerializeToString(out);
}

// PrintJson serialises the message again before printing: the count
// includes one serialisation.
PHASE void PhasePrintJsonPretty(const v1::Determination& d, int n, std::string* out) {
  for (int i = 0; i < n; ++i) (void)netra::PrintJson(d, out, {.add_whitespace = true, .preserve_proto_field_names = true});
}

PHASE void PhasePrintJsonCompact(const v1::Determination& d, int n, std::string* out) {
  for (int i = 0; i < n; ++i) (void)netra::PrintJson(d, out, {.add_whitespace = false, .preserve_proto_field_names = true});
}

// Prepare, evaluate and write the serialised Determination from its wire
// form (what CallBinary and CallJson do after parsing the request).
PHASE void PhaseEvaluateSerialized(const Evaluator& e, const v1::EvaluationRequest& r, int n, std::string* out) {
  for (int i = 0; i < n; ++i) {
    if (!e.EvaluateSerialized(r, out).ok()) std::abort();
  }
}

// The request layer end to end, as netra_evaluate calls it.
PHASE void PhaseCallJson(const netra::Engine& e, const std::string& json, int n) {
  for (int i = 0; i < n; ++i) {
    if (!e.CallJson("Evaluate", json).ok()) std::abort();
  }
}

PHASE void PhaseCallJsonCompact(const netra::Engine& e, const std::string& json, int n) {
  for (int i = 0; i < n; ++i) {
    if (!e.CallJson("Evaluate", json, {.pretty = false}).ok()) std::abort();
  }
}

PHASE void PhaseCallBinary(const netra::Engine& e, const std::string& bytes, int n) {
  for (int i = 0; i < n; ++i) {
    if (!e.CallBinary("Evaluate", bytes).ok()) std::abort();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s REQUEST.json [N]\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  const std::string json = text.str();
  const int n = argc > 2 ? std::atoi(argv[2]) : 100;
  auto engine = netra::Engine::Create();
  if (!engine.ok()) return 1;
  const Evaluator& e = (*engine)->evaluator();

  v1::EvaluationRequest request;
  PhaseParseRequestJson(json, 1, &request);  // warm-up: first use formats the rule texts
  const std::string bytes = request.SerializeAsString();
  CaseFacts facts;
  CaseResult result;
  v1::Determination d;
  std::string out;
  PhasePrepareAndEvaluate(e, request, 1, &facts, &result);
  PhaseBuildDetermination(e, facts, result, 1, &d);
  PhaseCallJson(**engine, json, 1);
  PhaseCallBinary(**engine, bytes, 1);  // first use serialises the rule fragments

  PhaseParseRequestJson(json, n, &request);
  PhaseParseRequestBinary(bytes, n, &request);
  PhasePrepareAndEvaluate(e, request, n, &facts, &result);
  PhaseBuildDetermination(e, facts, result, n, &d);
  PhaseSerialize(d, n, &out);
  std::printf("binary: %zu bytes\n", out.size());
  PhasePrintJsonPretty(d, n, &out);
  std::printf("JSON: %zu bytes\n", out.size());
  PhasePrintJsonCompact(d, n, &out);
  std::printf("compact JSON: %zu bytes\n", out.size());
  PhaseEvaluateSerialized(e, request, n, &out);
  PhaseCallJson(**engine, json, n);
  PhaseCallJsonCompact(**engine, json, n);
  PhaseCallBinary(**engine, bytes, n);
  return 0;
}
