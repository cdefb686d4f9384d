// Speed and memory of the integrity-pact module at national scale: importing
// a 6,000,000-row roster CSV (every row checked), and the roll-up of the
// pacts of an election over it (Totals, Progress), next to a plain
// sequential pass over arrays of the same shape to show how close the
// roll-up is to memory bandwidth.
//
//   ./build/benchmarks/netra_benchmarks --benchmark_filter=6M
//
// The roster is generated once (outside the timed loops) and shared: valid,
// unique NIPs and NI PPPKs; ~60% PNS, ~35% PPPK (a third of them part-time),
// ~4% CPNS, ~1% non-ASN; 500 agencies of 30 units; position types mostly
// PELAKSANA and functional, ~3% leaders; one name in ten quoted with a title
// after a comma.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "netra/date.h"
#include "netra/pact.h"
#include "smoke.h"

namespace netra {
namespace {

// 6 M rows (2,000 in smoke mode: smoke.h).
const int64_t kRows = bench::Rows(6'000'000);
constexpr int kAgencies = 500;
constexpr int kUnitsPerAgency = 30;

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

// Reads a "VmXXX:   1234 kB" line of /proc/self/status, in MiB.
double ProcStatusMiB(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(key);
  while (std::getline(f, line)) {
    if (line.compare(0, n, key) == 0) return std::stod(line.substr(n + 1)) / 1024.0;
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux 4.0+); false if not permitted.
bool ResetPeakRss() {
  FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (f == nullptr) return false;
  const bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

void AppendDigits(std::string* s, int value, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i, value /= 10) buf[i] = static_cast<char>('0' + value % 10);
  s->append(buf, width);
}

// A PNS-style NIP from a counter: sequence and sex vary fastest, then one
// birth date (and its TMT) per block of 1,998, so every number is distinct.
void AppendPnsNip(std::string* s, int64_t i, bool cpns) {
  const int seq = static_cast<int>(i % 999) + 1, sex = static_cast<int>(i / 999 % 2) + 1;
  const int64_t k = i / 1998;
  const absl::CivilDay birth = absl::CivilDay(1962, 1, 1) + k * 5;  // 1962-1990
  const int tmt_year = cpns ? 2024 : static_cast<int>(birth.year()) + 23 + static_cast<int>(k % 10);
  AppendDigits(s, static_cast<int>(birth.year()), 4);
  AppendDigits(s, birth.month(), 2);
  AppendDigits(s, birth.day(), 2);
  AppendDigits(s, std::min(tmt_year, 2024), 4);
  AppendDigits(s, 1 + static_cast<int>(k % 12), 2);
  AppendDigits(s, sex, 1);
  AppendDigits(s, seq, 3);
}

// An NI PPPK: birth date, appointment year, "2", contract count, sex, sequence.
void AppendPppkNip(std::string* s, int64_t i, bool part_time) {
  const int seq = static_cast<int>(i % 999) + 1, sex = static_cast<int>(i / 999 % 2) + 1;
  const int64_t k = i / 1998;
  const absl::CivilDay birth = absl::CivilDay(1968, 1, 1) + k * 9;  // 1968-1995
  AppendDigits(s, static_cast<int>(birth.year()), 4);
  AppendDigits(s, birth.month(), 2);
  AppendDigits(s, birth.day(), 2);
  AppendDigits(s, part_time ? 2025 : 2019 + static_cast<int>(k % 6), 4);
  s->push_back('2');
  AppendDigits(s, 1 + static_cast<int>(k % 3), 1);
  AppendDigits(s, sex, 1);
  AppendDigits(s, seq, 3);
}

struct RosterCsv {
  std::istringstream in;  // holds the only copy of the text
  size_t bytes = 0;
};

RosterCsv& Csv6M() {
  static RosterCsv* csv = [] {
    static const char* kFirst[] = {"Siti", "Budi", "Agus", "Dewi", "Sri", "Ahmad", "Rina", "Joko", "Nur", "Eko",
                                   "Wahyu", "Indah", "Hendra", "Yuni", "Bambang", "Fitri", "Dedi", "Ratna",
                                   "Andi", "Lestari"};
    static const char* kLast[] = {"Aminah", "Santoso", "Setiawan", "Lestari", "Wahyuni", "Hidayat", "Susanti",
                                  "Pratama", "Rahmawati", "Kurniawan", "Saputra", "Handayani", "Siregar",
                                  "Nasution", "Simanjuntak", "Wijaya", "Putri", "Gunawan", "Hasibuan", "Sari"};
    static const char* kTitle[] = {"S.Pd.", "S.Kep.", "S.E.", "M.Si.", "S.H.", "A.Md."};
    static const char* kPnsGrade[] = {"II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"};
    static const char* kPppkGrade[] = {"V", "VII", "IX", "X", "XI"};
    std::mt19937_64 rng(20240924);
    std::string s;
    s.reserve(static_cast<size_t>(kRows) * 96);
    s += "nip,name,type,grade,position_type,unit,agency,leader\n";
    int64_t pns_i = 0, pppk_i = 0;
    for (int64_t row = 0; row < kRows; ++row) {
      const uint64_t r = rng();
      const int k = static_cast<int>(r % 1000);
      const char* type;
      if (k < 600) {
        type = "PNS";
        AppendPnsNip(&s, pns_i++, false);
      } else if (k < 830) {
        type = "PPPK";
        AppendPppkNip(&s, pppk_i++, false);
      } else if (k < 950) {
        type = "PPPK_PARUH_WAKTU";
        AppendPppkNip(&s, pppk_i++, true);
      } else if (k < 990) {
        type = "CPNS";
        AppendPnsNip(&s, pns_i++, true);
      } else {
        type = "PPNPN";
        AppendPnsNip(&s, pns_i++, false);
      }
      const bool pns = type[0] != 'P' || type[1] == 'N';  // PNS, CPNS, PPNPN
      s.push_back(',');
      const char* first = kFirst[(r >> 10) % 20];
      const char* last = kLast[(r >> 15) % 20];
      if ((r >> 20) % 10 == 0) {
        absl::StrAppend(&s, "\"", first, " ", last, ", ", kTitle[(r >> 24) % 6], "\"");
      } else {
        absl::StrAppend(&s, first, " ", last);
      }
      absl::StrAppend(&s, ",", type, ",", pns ? kPnsGrade[(r >> 28) % 8] : kPppkGrade[(r >> 28) % 5], ",");
      const int p = static_cast<int>((r >> 32) % 1000);
      bool leader = false;
      if (p < 20) {
        s += "PENGAWAS", leader = true;
      } else if (p < 28) {
        s += "ADMINISTRATOR", leader = true;
      } else if (p < 30) {
        s += "JPT_PRATAMA", leader = true;
      } else if (p < 330) {
        s += "FUNGSIONAL_KEAHLIAN";
      } else if (p < 480) {
        s += "FUNGSIONAL_KETERAMPILAN";
      } else if (p < 970) {
        s += "PELAKSANA";
      }  // else: the export lacks it
      const int agency = static_cast<int>((r >> 42) % kAgencies);
      const int unit = static_cast<int>((r >> 52) % kUnitsPerAgency);
      absl::StrAppend(&s, ",Unit Kerja ", unit + 1, ",Instansi ", agency + 1, ",", leader ? "1" : "0", "\n");
    }
    auto* c = new RosterCsv;
    c->bytes = s.size();
    c->in = std::istringstream(std::move(s));
    return c;
  }();
  return *csv;
}

// ImportRosterCsv over the 6M-row CSV, from an std::istringstream rewound
// each iteration. Counters: rows/s; peak RSS of the process during the
// import (VmHWM, reset before it when the kernel allows) and the import's own
// growth over the RSS before it, in MiB.
void BM_ImportRoster6M(benchmark::State& state) {
  RosterCsv& csv = Csv6M();
  double peak = 0, growth = 0, before_hwm = ProcStatusMiB("VmHWM:");
  bool reset = true;
  int64_t accepted = 0, rejected = 0;
  for (auto _ : state) {
    state.PauseTiming();
    csv.in.clear();
    csv.in.seekg(0);
    reset = ResetPeakRss() && reset;
    const double rss_before = ProcStatusMiB("VmRSS:");
    v1::RosterImportReport report;
    state.ResumeTiming();
    auto table = ImportRosterCsv(csv.in, &report);
    state.PauseTiming();
    if (!table.ok() || report.accepted() != kRows) {
      state.SkipWithError(absl::StrCat("import: ", table.status().ToString(), " accepted ", report.accepted(),
                                       " first rejection ",
                                       report.rejections_size() ? report.rejections(0).reason() : "-")
                              .c_str());
      break;
    }
    accepted = report.accepted();
    rejected = report.rejected();
    const double hwm = ProcStatusMiB("VmHWM:");
    peak = std::max(peak, hwm);
    growth = std::max(growth, hwm - rss_before);
    table = RosterTable();  // freed outside the timing
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(csv.bytes));
  state.counters["csv_MiB"] = static_cast<double>(csv.bytes) / (1 << 20);
  state.counters["peak_rss_MiB"] = peak;
  state.counters["import_peak_MiB"] = growth;
  state.counters["hwm_before_MiB"] = before_hwm;
  state.counters["hwm_reset"] = reset ? 1 : 0;
  state.counters["accepted"] = static_cast<double>(accepted);
  state.counters["rejected"] = static_cast<double>(rejected);
}
BENCHMARK(BM_ImportRoster6M)->Unit(benchmark::kMillisecond)->UseRealTime();

// The 6M roster with the pacts of pilkada2024 issued to everyone who must
// sign (2024-09-02) and a history applied through PactRegistry::Apply: ~70%
// signed on dates spread around the due date (2024-09-24), ~3% declined (a
// third of them sign later), ~0.5% withdrawn, ~0.05% breached. The same
// per-row dates are kept in plain columns for BM_PlainPass6M.
struct Pacts {
  RosterTable roster;
  std::unique_ptr<PactRegistry> reg;
  std::vector<int32_t> issued, signed_, declined, withdrawn;
  std::vector<uint8_t> breached;
  int64_t events = 0;
};

Pacts& Pacts6M() {
  static Pacts* p = [] {
    auto* p = new Pacts;
    RosterCsv& csv = Csv6M();
    csv.in.clear();
    csv.in.seekg(0);
    v1::RosterImportReport report;
    p->roster = *ImportRosterCsv(csv.in, &report);
    p->reg = std::make_unique<PactRegistry>(*PactRegistry::Create(Book(), &p->roster, "pilkada2024"));
    const absl::CivilDay issue(2024, 9, 2), epoch(1970, 1, 1);
    (void)*p->reg->IssueAll(issue, "pakta_netralitas.pilkada2024.v1", "pakta_netralitas.pilkada2024.pimpinan.v1");
    const size_t n = p->roster.size();
    for (auto* v : {&p->issued, &p->signed_, &p->declined, &p->withdrawn}) v->assign(n, 0);
    p->breached.assign(n, 0);
    std::mt19937_64 rng(7);
    v1::PactEvent e;
    auto apply = [&](v1::PactEventType type, absl::CivilDay day, const std::string& nip) {
      e.Clear();
      e.set_type(type);
      e.set_date(FormatDate(day));
      e.set_nip(nip);
      return &e;
    };
    auto run = [&]() {
      if (!p->reg->Apply(e).ok()) std::abort();
      ++p->events;
    };
    for (size_t row = 0; row < n; ++row) {
      if (p->roster.kind[row] == v1::NON_ASN) continue;
      p->issued[row] = static_cast<int32_t>(issue - epoch);
      const uint64_t r = rng();
      const int k = static_cast<int>(r % 10000);
      const std::string nip = p->roster.Nip(row);
      absl::CivilDay last = issue;
      if (k >= 7000 && k < 7300) {  // declined; a third of them sign later
        last = issue + 3 + static_cast<int>((r >> 16) % 20);
        apply(v1::PACT_DECLINED, last, nip);
        run();
        p->declined[row] = static_cast<int32_t>(last - epoch);
      }
      if (k < 7100) {  // signed (70%, and a third of the refusals) 2024-09-03 .. 2024-10-14
        const absl::CivilDay day = std::max(last, issue + 1 + static_cast<int>((r >> 24) % 42));
        apply(v1::PACT_SIGNED, day, nip);
        e.set_signer_nip(nip);
        e.set_method((r >> 40) % 3 == 0 ? v1::CEREMONY : v1::INDIVIDUAL);
        if (e.method() == v1::CEREMONY) e.set_ceremony_id("apel");
        run();
        p->signed_[row] = static_cast<int32_t>(day - epoch);
        p->declined[row] = 0;
        last = day;
      }
      if (k >= 9000 && k < 9050) {  // left service
        const absl::CivilDay day = last + 1 + static_cast<int>((r >> 48) % 30);
        apply(v1::PACT_WITHDRAWN, day, nip);
        run();
        p->withdrawn[row] = static_cast<int32_t>(day - epoch);
        last = day;
      }
      if ((r >> 50) % 2000 == 0) {  // a confirmed violation
        apply(v1::PACT_BREACHED, last + 30, nip);
        e.set_linked_case_id("kasus");
        e.set_commitment_id("pact.c2.no_conflict_intimidation_partisanship");
        run();
        p->breached[row] = 2;
      }
    }
    return p;
  }();
  return *p;
}

const absl::CivilDay kAsOf(2024, 10, 31);

void BM_PactProgress6M(benchmark::State& state, bool full) {
  Pacts& p = Pacts6M();
  int64_t c[8] = {};
  v1::PactProgress progress;
  for (auto _ : state) {
    if (full) {
      progress = p.reg->Progress(kAsOf, 100);
      benchmark::DoNotOptimize(progress);
    } else {
      p.reg->Totals(kAsOf, c);
      benchmark::DoNotOptimize(c);
    }
  }
  if (full) {
    state.counters["groups"] = progress.groups_size();
    const auto& t = progress.total();
    c[0] = t.issued(), c[1] = t.signed_on_time(), c[2] = t.signed_late(), c[3] = t.not_signed();
    c[4] = t.declined(), c[5] = t.breached(), c[6] = t.withdrawn();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(p.roster.size()));
  state.counters["issued"] = static_cast<double>(c[0]);
  state.counters["on_time"] = static_cast<double>(c[1]);
  state.counters["late"] = static_cast<double>(c[2]);
  state.counters["not_signed"] = static_cast<double>(c[3]);
  state.counters["declined"] = static_cast<double>(c[4]);
  state.counters["breached"] = static_cast<double>(c[5]);
  state.counters["withdrawn"] = static_cast<double>(c[6]);
  state.counters["events"] = static_cast<double>(p.events);
  state.counters["rss_MiB"] = ProcStatusMiB("VmRSS:");
}
BENCHMARK_CAPTURE(BM_PactProgress6M, Totals, false)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_PactProgress6M, Progress, true)->Unit(benchmark::kMillisecond)->UseRealTime();

// A roster of 6 M units (issue 18): every row in a unit of its own, 600
// agencies of 10,000 units, the pacts of pilkada2024 issued to all and
// signed by half. The progress table is sized by the groups the data holds
// (one per unit here), never by units x classes x kinds. Measured: the
// import, the registry, one Progress, and the peak RSS of all of it over
// the RSS before (VmHWM, reset first), with and without the 6 M groups of
// the answer. Built once, outside the timed loop (Progress is timed).
void BM_ProgressSixMillionUnits(benchmark::State& state) {
  const bool reset = ResetPeakRss();
  const double rss_before = ProcStatusMiB("VmRSS:");
  RosterTable roster;
  {
    std::string csv = "nip,name,type,unit,agency\n";
    csv.reserve(static_cast<size_t>(kRows) * 64);
    for (int64_t row = 0; row < kRows; ++row) {
      AppendPnsNip(&csv, row, false);
      absl::StrAppend(&csv, ",Pegawai,PNS,Unit ", row, ",Instansi ", row / 10'000, "\n");
    }
    std::istringstream in(std::move(csv));
    v1::RosterImportReport report;
    auto table = ImportRosterCsv(in, &report);
    if (!table.ok() || report.accepted() != kRows) {
      state.SkipWithError(absl::StrCat("import: ", table.status().ToString()).c_str());
      return;
    }
    roster = *std::move(table);
  }
  const double roster_rss = ProcStatusMiB("VmRSS:") - rss_before;
  auto reg = PactRegistry::Create(Book(), &roster, "pilkada2024");
  if (!reg.ok()) {
    state.SkipWithError(reg.status().ToString().c_str());
    return;
  }
  const absl::CivilDay issue(2024, 9, 2);
  if (auto issued = reg->IssueAll(issue, "pakta_netralitas.pilkada2024.v1", "pakta_netralitas.pilkada2024.pimpinan.v1");
      !issued.ok()) {
    state.SkipWithError(issued.status().ToString().c_str());
    return;
  }
  v1::PactEvent e;
  for (size_t row = 0; row < roster.size(); row += 2) {
    e.Clear();
    e.set_type(v1::PACT_SIGNED);
    e.set_date("2024-09-10");
    e.set_nip(roster.Nip(row));
    e.set_signer_nip(e.nip());
    e.set_method(v1::INDIVIDUAL);
    if (auto st = reg->Apply(e); !st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      return;
    }
  }
  const double registry_rss = ProcStatusMiB("VmRSS:") - rss_before;
  int64_t groups = 0, signed_count = 0;
  for (auto _ : state) {
    v1::PactProgress progress = reg->Progress(kAsOf, 0);
    groups = progress.groups_size();
    signed_count = progress.total().signed_on_time() + progress.total().signed_late();
    benchmark::DoNotOptimize(progress);
  }
  state.counters["units"] = static_cast<double>(roster.units.size());
  state.counters["groups"] = static_cast<double>(groups);
  state.counters["signed"] = static_cast<double>(signed_count);
  state.counters["roster_MiB"] = roster_rss;
  state.counters["registry_MiB"] = registry_rss;
  state.counters["peak_MiB"] = ProcStatusMiB("VmHWM:") - rss_before;
  state.counters["hwm_reset"] = reset ? 1 : 0;
}
BENCHMARK(BM_ProgressSixMillionUnits)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// A plain sequential pass over columns of the same shape and contents as
// the main ones Totals reads (four int32 dates and one byte per row: 17
// bytes a row; Totals also reads the superseded and breach dates, the late
// flag and the kind: 26): the floor set by memory bandwidth.
void BM_PlainPass6M(benchmark::State& state) {
  Pacts& p = Pacts6M();
  const size_t n = p.signed_.size();
  for (auto _ : state) {
    int64_t sum = 0;
    const int32_t *a = p.issued.data(), *s = p.signed_.data(), *d = p.declined.data(), *w = p.withdrawn.data();
    const uint8_t* b = p.breached.data();
    for (size_t i = 0; i < n; ++i) sum += a[i] + s[i] + d[i] + w[i] + b[i];
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(n * 17));
}
BENCHMARK(BM_PlainPass6M)->Unit(benchmark::kMillisecond)->UseRealTime();

// The signed-date column alone (4 bytes a row).
void BM_PlainPassSignedColumn6M(benchmark::State& state) {
  Pacts& p = Pacts6M();
  const size_t n = p.signed_.size();
  for (auto _ : state) {
    int64_t sum = 0;
    const int32_t* s = p.signed_.data();
    for (size_t i = 0; i < n; ++i) sum += s[i];
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(n * 4));
}
BENCHMARK(BM_PlainPassSignedColumn6M)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace netra
