// Speed of the case lifecycle: replaying a case log of 50 events, and the
// overdue scan over one million open cases. Figures and the command are in
// benchmarks/README.md.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "google/protobuf/text_format.h"
#include "netra/case.h"
#include "smoke.h"

namespace netra {
namespace {

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

// A berat case with every step and a keberatan decided, and 33 documents
// added to its file: 50 events.
v1::CaseLog FiftyEventCase() {
  v1::CaseLog log;
  google::protobuf::TextFormat::ParseFromString(R"(
    case_id: "bench-1" kind: DISCIPLINARY
    employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } }
    events { type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR } }
    events { type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR } }
    events { type: NO_SHOW date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR } }
    events { type: SUMMONS_2 date: "2024-07-16" scheduled_date: "2024-07-24" actor { role: ROLE_DIRECT_SUPERIOR } }
    events { type: TEAM_FORMED date: "2024-07-17" actor { role: ROLE_PPK } }
    events { type: TEMPORARY_RELEASE date: "2024-07-24" actor { role: ROLE_DIRECT_SUPERIOR } }
    events { type: EXAMINATION date: "2024-07-24" actor { role: ROLE_EXAMINATION_TEAM }
             findings { acts { norm: "pp94.duty.service" act_date: "2024-06-10" impact: NEGARA_PEMERINTAH } } }
    events { type: REPORTED_UP date: "2024-07-29" actor { role: ROLE_EXAMINATION_TEAM } }
    events { type: DECISION date: "2024-08-05" sanction_type: "B1" document_number: "800/1/2024"
             actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK } }
    events { type: DELIVERY_FAILED date: "2024-08-09" actor { role: ROLE_HR_OFFICIAL } }
    events { type: SENT date: "2024-08-12" actor { role: ROLE_HR_OFFICIAL } }
    events { type: RECEIVED date: "2024-08-14" actor { role: ROLE_HR_OFFICIAL } }
    events { type: OBJECTION_FILED date: "2024-08-20" actor { role: ROLE_EMPLOYEE } }
    events { type: OBJECTION_DECIDED date: "2024-09-10" outcome: CONFIRMED actor { role: ROLE_PPK } })",
                                              &log);
  for (int i = 0; i < 36; ++i) {
    v1::CaseEvent* d = log.add_events();
    d->set_type(v1::DOCUMENT);
    d->set_date("2024-09-11");
    d->set_document_number("lampiran " + std::to_string(i));
    d->mutable_actor()->set_role(v1::ROLE_HR_OFFICIAL);
  }
  return log;
}

void BM_ReplayFiftyEventCase(benchmark::State& state) {
  const CaseMachine machine = *CaseMachine::Create(Book());
  const v1::CaseLog log = FiftyEventCase();
  if (!machine.Replay(log).ok()) state.SkipWithError("the benchmark case does not replay");
  for (auto _ : state) {
    auto progress = machine.Replay(log);
    benchmark::DoNotOptimize(progress);
  }
  state.counters["events"] = log.events_size();
}
BENCHMARK(BM_ReplayFiftyEventCase)->Unit(benchmark::kMicrosecond);

// One million open cases as a host keeps them for the scan (status and
// periods), with due dates spread over 2024-2025; the scan on one date.
void BM_OverdueScanOneMillion(benchmark::State& state) {
  const size_t kN = static_cast<size_t>(bench::Rows(1'000'000));
  struct Open {
    v1::CaseStatus status;
    std::vector<PeriodProgress> periods;
  };
  std::vector<Open> cases(kN);
  std::mt19937 rng(5);
  const Period duties[] = {Period::kDelivery, Period::kObjectionDecision, Period::kAppealDecision,
                           Period::kNeutralityFollowUp, Period::kSummons2};
  for (Open& c : cases) {
    c.status = rng() % 2 ? v1::DECIDED : v1::OBJECTION_PENDING;
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n; ++k) {
      PeriodProgress p;
      p.period = duties[rng() % 5];
      p.counted_from = absl::CivilDay(2024, 1, 1) + static_cast<int>(rng() % 700);
      p.due_known = true;
      p.due = p.counted_from + 20;
      p.met = rng() % 3 == 0;
      c.periods.push_back(p);
    }
  }
  std::vector<OverdueItem> out;
  size_t overdue = 0;
  for (auto _ : state) {
    overdue = 0;
    for (const Open& c : cases) {
      out.clear();
      CaseMachine::Overdue(c.status, c.periods, absl::CivilDay(2025, 1, 15), &out);
      overdue += out.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kN));
  state.counters["overdue_share"] = double(overdue) / double(kN);
}
BENCHMARK(BM_OverdueScanOneMillion)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace netra
