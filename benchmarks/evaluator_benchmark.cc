// Speed of the core: loading the embedded law, one evaluation, a batch of
// one million varied requests (discipline and neutrality), the audit of one
// million decisions. Figures and the command that made them are in
// benchmarks/README.md.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "netra/audit.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "smoke.h"

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
// a criminal judgment (prison 0-60 months, planned or not, one in four of office),
// every position and agency level, some repeats and multi-act cases; the
// neutrality norms with a target in the 2024 elections on a date in 2024
// (before and after candidate determination), CLTN and support facts, and
// one PPPK in ten.
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
    const uint32_t kind = rng() % 10;
    e->set_kind(kind == 0 ? v1::CPNS : kind == 1 ? v1::PPPK : v1::PNS);
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
      // The judgment, read only by asn.conviction (law/pp11_2017_criminal.textproto).
      a->mutable_criminal()->set_prison_months(static_cast<int32_t>(rng() % 61));
      a->mutable_criminal()->set_planned(rng() % 2);
      a->mutable_criminal()->set_office_related(rng() % 4 == 0);
      a->mutable_criminal()->set_retention_conditions_met(rng() % 2);
      if (absl::StartsWith(a->norm(), "neutrality.")) {
        a->set_act_date(absl::StrFormat("2024-%02d-%02d", 5 + rng() % 7, 1 + rng() % 28));
        auto* n = a->mutable_neutrality();
        const bool pilkada = rng() % 2;
        n->mutable_target()->set_election(pilkada ? "pilkada2024" : "pemilu2024");
        n->mutable_target()->set_office(pilkada ? v1::REGENT : v1::PRESIDENT_VICE_PRESIDENT);
        n->mutable_target()->set_route(rng() % 4 == 0 ? v1::INDEPENDENT : v1::PARTY_NOMINATED);
        n->set_on_cltn(rng() % 4 == 0);
        n->set_active_support(rng() % 2);
        n->set_resigned_in_writing(rng() % 8 == 0);
        n->set_cltn_conduct_breach(rng() % 4 == 0);
      }
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
  const size_t kN = static_cast<size_t>(bench::Rows(1'000'000));
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
  const std::vector<v1::EvaluationRequest> requests = VariedRequests(static_cast<size_t>(bench::Rows(1'000'000)), 7);
  CaseFacts facts;
  for (auto _ : state) {
    for (const auto& r : requests) benchmark::DoNotOptimize(e.Prepare(r, &facts));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * requests.size()));
}
BENCHMARK(BM_PrepareOneMillion)->Unit(benchmark::kMillisecond)->Iterations(1);

// The audit of one million prepared decisions: each varied case with a
// random imposed type and signer, checked against the law of its date.
void BM_AuditOneMillion(benchmark::State& state) {
  const Auditor auditor = *Auditor::Create(Book());
  const size_t kN = static_cast<size_t>(bench::Rows(1'000'000));
  std::vector<CaseFacts> facts(kN);
  std::vector<ImposedFacts> imposed(kN);
  {
    std::vector<std::string> codes;
    for (const RuleEntry& e : Book()->rules()) {
      if (e.rule->has_sanction_type()) codes.push_back(e.rule->sanction_type().code());
    }
    const v1::Official officials[] = {v1::PPK, v1::OFFICIAL_JPT_PRATAMA, v1::OFFICIAL_ADMINISTRATOR,
                                      v1::OFFICIAL_PENGAWAS, v1::PRESIDENT};
    std::mt19937 rng(9);
    const std::vector<v1::EvaluationRequest> requests = VariedRequests(kN, 11);
    for (size_t i = 0; i < kN; ++i) {
      v1::DecidedCase c;
      *c.mutable_request() = requests[i];
      c.mutable_request()->clear_decision_date();
      c.mutable_imposed()->set_sanction_type(codes[rng() % codes.size()]);
      c.mutable_imposed()->set_official(officials[rng() % 5]);
      c.mutable_imposed()->set_decision_date("2025-04-01");
      if (!auditor.Prepare(c, &facts[i], &imposed[i]).ok()) state.SkipWithError("invalid generated case");
    }
  }
  CaseResult scratch;
  uint64_t within = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < kN; ++i) {
      within += auditor.Verdicts(facts[i], imposed[i], &scratch) == (1u << v1::WITHIN_LAW);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kN));
  state.counters["within_law_share"] = double(within) / double(state.iterations() * kN);
}
BENCHMARK(BM_AuditOneMillion)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace netra
