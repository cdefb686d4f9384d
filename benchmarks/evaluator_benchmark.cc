// Speed of the core: loading the embedded law, one evaluation, a batch of
// one million varied requests. Figures and the command that made them are in
// benchmarks/README.md.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "netra/evaluator.h"
#include "netra/rule_book.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

v1::EvaluationRequest AbsenceRequest() {
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

// Varied, valid requests: every norm, every impact, absence counts 0-40,
// every position and agency level, some repeats and multi-act cases.
std::vector<v1::EvaluationRequest> VariedRequests(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> norms;
  for (const RuleEntry& e : Book()->rules()) {
    if (e.rule->has_norm()) norms.push_back(e.rule->id());
  }
  const v1::PositionType positions[] = {v1::JPT_MADYA, v1::JPT_PRATAMA, v1::ADMINISTRATOR, v1::PENGAWAS,
                                        v1::PELAKSANA, v1::FUNGSIONAL_KEAHLIAN};
  std::vector<v1::EvaluationRequest> out(n);
  for (size_t i = 0; i < n; ++i) {
    v1::EvaluationRequest& r = out[i];
    auto* e = r.mutable_employee();
    e->set_kind(rng() % 10 == 0 ? v1::CPNS : v1::PNS);
    const v1::PositionType p = positions[rng() % 6];
    e->mutable_position()->set_type(p);
    if (p == v1::FUNGSIONAL_KEAHLIAN) e->mutable_position()->set_jf_level(v1::AHLI_MUDA);
    e->mutable_agency()->set_level(static_cast<v1::AgencyLevel>(1 + rng() % 3));
    const int acts = rng() % 8 == 0 ? 2 : 1;
    for (int k = 0; k < acts; ++k) {
      v1::Act* a = r.add_acts();
      a->set_norm(norms[rng() % norms.size()]);
      a->set_act_date("2025-03-1" + std::to_string(rng() % 10));
      a->set_impact(static_cast<v1::Impact>(1 + rng() % 3));
      const int cum = rng() % 41;
      a->mutable_absence()->set_cumulative_working_days(cum);
      a->mutable_absence()->set_consecutive_working_days(std::min<int>(cum, rng() % 12));
      a->set_valid_reason(rng() % 2);
      a->set_wealth_report_obliged(rng() % 2);
      a->set_reference_sanction("R2");
    }
    if (rng() % 5 == 0) {
      auto* prior = e->add_prior_sanctions();
      prior->set_sanction_type("R2");
      prior->set_norm(r.acts(0).norm());
      prior->set_decision_date("2024-05-02");
    }
    r.set_decision_date("2025-04-01");
  }
  return out;
}

void BM_LoadEmbeddedLaw(benchmark::State& state) {
  for (auto _ : state) {
    auto book = RuleBook::Load();
    benchmark::DoNotOptimize(book);
  }
}
BENCHMARK(BM_LoadEmbeddedLaw)->Unit(benchmark::kMillisecond);

// One determination on the fast path (prepared facts, reused result).
void BM_EvaluateOne(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(Book());
  CaseFacts facts;
  (void)e.Prepare(AbsenceRequest(), &facts);
  CaseResult result;
  for (auto _ : state) {
    e.Evaluate(facts, &result);
    benchmark::DoNotOptimize(result.allowed);
  }
}
BENCHMARK(BM_EvaluateOne);

// The full path from a request message to a rendered Determination, as the
// command and the proto API run it.
void BM_EvaluateOneRendered(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(Book());
  const v1::EvaluationRequest request = AbsenceRequest();
  for (auto _ : state) {
    auto d = e.Evaluate(request);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_EvaluateOneRendered)->Unit(benchmark::kMicrosecond);

// One million varied prepared cases, evaluated on one thread.
void BM_BatchOneMillion(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(Book());
  constexpr size_t kN = 1'000'000;
  std::vector<CaseFacts> facts(kN);
  {
    const std::vector<v1::EvaluationRequest> requests = VariedRequests(kN, 42);
    for (size_t i = 0; i < kN; ++i) {
      if (!e.Prepare(requests[i], &facts[i]).ok()) state.SkipWithError("invalid generated request");
    }
  }
  size_t bytes = 0;
  for (const CaseFacts& f : facts) {
    bytes += sizeof(CaseFacts) + f.acts.capacity() * sizeof(ActFacts) +
             f.priors.capacity() * sizeof(PriorSanctionFacts);
  }
  CaseResult result;
  uint64_t sanctions = 0;
  for (auto _ : state) {
    for (const CaseFacts& f : facts) {
      e.Evaluate(f, &result);
      sanctions += result.outcome == v1::SANCTION;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kN));
  state.counters["prepared_bytes_per_case"] = double(bytes) / double(kN);
  state.counters["sanction_share"] = double(sanctions) / double(state.iterations() * kN);
}
BENCHMARK(BM_BatchOneMillion)->Unit(benchmark::kMillisecond)->Iterations(3);

// Preparing (checking) one million requests: the cost of the boundary.
void BM_PrepareOneMillion(benchmark::State& state) {
  const Evaluator e = *Evaluator::Create(Book());
  const std::vector<v1::EvaluationRequest> requests = VariedRequests(1'000'000, 7);
  CaseFacts facts;
  for (auto _ : state) {
    for (const auto& r : requests) benchmark::DoNotOptimize(e.Prepare(r, &facts));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * requests.size()));
}
BENCHMARK(BM_PrepareOneMillion)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace netra
