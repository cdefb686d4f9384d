// netra/synth.h: seeded synthetic data (rosters and neutrality reports).
//
// Two generators for tests, demos and sizing runs:
//
//   * a personnel roster (CSV, one employee per line) with NIPs / NI PPPK
//     that pass netra::ParseNip, realistic agencies and units, and the
//     employee-kind and position mixes of the ASN population
//     (../shared/domain/simpeg-data-model.md sections 1, 2, 4, 9);
//   * ASN-neutrality reports (netra.v1.SyntheticReport, protobuf JSON lines),
//     each with an EvaluationRequest netra::Evaluator accepts and synthetic
//     proven / sanctioned / blocked labels
//     (../shared/domain/compliance-and-statistics.md sections 3 and 4).
//
//   netra::synth::RosterOptions ro{.seed = 7, .employees = 20000};
//   absl::Status st = netra::synth::WriteRoster(ro, std::cout);
//
//   auto gen = netra::synth::ReportGenerator::Create({.seed = 7, .count = 100,
//                                                     .election = "pilkada2024"});
//   while (auto r = gen->Next()) Use(*r);
//
// SYNTHETIC, NOT OFFICIAL. Every output is labelled synthetic: roster names
// read "Pegawai Sintetis 0000123" and agencies "Pemerintah Kabupaten Sintetis
// 001"; every report has synthetic = true, an id starting "SYN-" and a note
// saying so. The rates and mixes are derived suggestions from news-reported
// statements (their sources are named next to each parameter in synth.cc),
// not official statistics, and describe no real person, agency or case.
//
// Contract:
//   * Input errors (InvalidArgument): employees outside [1, 100,000,000],
//     agencies outside [0, min(employees, 10,000)] (0 = automatic), count
//     outside [0, 100,000,000], an election other than "pilkada2024" or
//     "pemilu2024", a probability outside [0, 1]. Write errors on the stream
//     are Internal / Unknown.
//   * Streaming: memory is constant in the number of rows (O(agencies) for
//     the roster); 6,000,000 roster rows take a few seconds.
//   * Roster NIPs are unique by construction (a per-bucket counter, not a
//     lookup table) and match the kind: PNS and CPNS get the PNS layout,
//     PPPK and PPPK_PARUH_WAKTU the NI PPPK layout, NON_ASN rows no NIP.
//     The generator assumes "today" is kRosterAsOf (it never reads the clock).
//
// Determinism: the output is a function of the options alone. Same seed and
// options give the same bytes on every machine and compiler: the generators
// use std::mt19937_64 (whose sequence the standard fixes) with netra's own
// integer range and weighted-choice helpers, never std::*_distribution
// (implementation-defined) or floating-point sampling. The promise holds for
// one netra version: changing a parameter in synth.cc changes the output.
//
// Thread safety: the free functions are reentrant; a generator object is not
// thread-safe (one per thread; seeds make their outputs independent).
#ifndef NETRA_SYNTH_H_
#define NETRA_SYNTH_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "netra/v1/synth.pb.h"

namespace netra::synth {

// The date the roster generator treats as today (tenure, ages, CPNS TMT).
inline constexpr char kRosterAsOf[] = "2026-01-01";

// CSV header of the roster, without the newline.
inline constexpr char kRosterHeader[] = "nip,name,type,grade,position,position_type,unit,agency,leader";

struct RosterOptions {
  uint64_t seed = 1;
  int64_t employees = 0;
  // Number of agencies (instansi); 0 = ceil(employees / 9,300) clamped to
  // [1, 644], i.e. 644 instansi for a national roster of ~6 M
  // (simpeg-data-model.md section 9).
  int agencies = 0;
};

// One roster row. Fields never contain commas, quotes or newlines, so the CSV
// needs no quoting.
struct RosterRow {
  std::string nip;            // empty for NON_ASN
  std::string name;           // "Pegawai Sintetis 0000123"
  std::string type;           // PNS, CPNS, PPPK, PPPK_PARUH_WAKTU, NON_ASN
  std::string grade;          // "III/a" (PNS, CPNS), "IX" (PPPK), "" (NON_ASN)
  std::string position;       // title, e.g. "Kepala Dinas Pendidikan", "Guru Ahli Muda"
  std::string position_type;  // a netra.v1.PositionType name
  std::string unit;           // "Dinas Pendidikan", "Kecamatan Sintetis 03"
  std::string agency;         // "Pemerintah Kabupaten Sintetis 001"
  bool leader = false;        // the unit's head (signs the leadership pact)
};

// Streams roster rows one at a time. Each unit's first row is its leader
// (JPT_MADYA, JPT_PRATAMA, ADMINISTRATOR or PENGAWAS; about one per unit).
class RosterGenerator {
 public:
  static absl::StatusOr<std::unique_ptr<RosterGenerator>> Create(const RosterOptions& options);
  ~RosterGenerator();
  // Fills `row` and returns true, or returns false after the last row.
  bool Next(RosterRow* row);
  // Appends the next row as one CSV line (with '\n') to `out`; false at the
  // end. The fast path WriteRoster uses.
  bool AppendCsvLine(std::string* out);
  int64_t rows_written() const;
  int agencies() const;

  struct State;

 private:
  explicit RosterGenerator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Writes kRosterHeader and options.employees rows to `out`.
absl::Status WriteRoster(const RosterOptions& options, std::ostream& out);

struct ReportOptions {
  uint64_t seed = 1;
  int64_t count = 0;
  // "pilkada2024" or "pemilu2024" (law/elections/*.textproto).
  std::string election;
  // Overrides; negative = the election's default (synth.cc,
  // compliance-and-statistics.md section 4): P(proven | reported) 0.755
  // for pilkada2024 and 0.50 for pemilu2024; P(sanctioned | proven) 0.885;
  // P(blocked | proven) 0.09, all blocked cases unsanctioned.
  double p_proven = -1;
  double p_sanctioned = -1;
  double p_blocked = -1;
};

// The probabilities a ReportGenerator uses after defaults are applied.
struct ReportRates {
  double p_proven = 0, p_sanctioned = 0, p_blocked = 0;
};

class ReportGenerator {
 public:
  static absl::StatusOr<std::unique_ptr<ReportGenerator>> Create(const ReportOptions& options);
  ~ReportGenerator();
  // The next report, or nullopt after options.count reports.
  std::optional<v1::SyntheticReport> Next();
  const ReportRates& rates() const;

  struct State;

 private:
  explicit ReportGenerator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Writes options.count reports to `out`, one compact protobuf-JSON object per
// line (proto field names, as `netra audit --lines` writes).
absl::Status WriteReports(const ReportOptions& options, std::ostream& out);

}  // namespace netra::synth

#endif  // NETRA_SYNTH_H_
