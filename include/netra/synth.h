// netra/synth.h: seeded synthetic data (rosters and neutrality reports).
//
// Two generators for tests, demos and sizing runs:
//
//   * a personnel roster (CSV, one employee per line) with NIPs / NI PPPK
//     that pass netra::ParseNip, realistic agencies and units, and the
//     employee-kind and position mixes of the ASN population
//     (docs/data-model.md);
//   * ASN-neutrality reports (netra.v1.SyntheticReport, protobuf JSON lines),
//     each with an EvaluationRequest netra::Evaluator accepts and synthetic
//     proven / sanctioned / blocked labels
//     (docs/law/compliance_im_nkk.md).
//
//   netra::synth::RosterOptions ro{.seed = 7, .employees = 20000};
//   absl::Status st = netra::synth::WriteRoster(ro, std::cout);
//
//   auto gen = netra::synth::ReportGenerator::Create({.seed = 7, .count = 100,
//                                                     .election = "pilkada2024"});
//   while (auto r = gen->Next()) Use(*r);
//
// and, from both, a synthetic province for one election as the calls a
// service's Records methods take (WriteProvince: calls.jsonl, roster.csv,
// im_nkk.csv, cases/<case_id>.json), for demos of `netra serve`:
//
//   auto summary = netra::synth::WriteProvince(
//       {.seed = 7, .employees = 5000, .agencies = 6, .election = "pilkada2024",
//        .as_of = "2024-10-01"}, "/tmp/demo");
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
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "netra/rule_book.h"
#include "netra/v1/case.pb.h"
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
  // (docs/data-model.md).
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
  // docs/law/compliance_im_nkk.md): P(proven | reported) 0.755
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
  const ReportRates& rates() const ABSL_ATTRIBUTE_LIFETIME_BOUND;

  struct State;

 private:
  explicit ReportGenerator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Writes options.count reports to `out`, one compact protobuf-JSON object per
// line (proto field names, as `netra audit --lines` writes).
absl::Status WriteReports(const ReportOptions& options, std::ostream& out);

// Appends `row` as one roster CSV line (with '\n'), as AppendCsvLine does.
void AppendRosterCsvLine(const RosterRow& row, std::string* out);

// ------------------------------------------------------------------ province

// A synthetic province for one election, as of one date: the roster of the
// RosterGenerator, the election's pacts issued per agency and signed over
// the days up to as_of, neutrality cases from the ReportGenerator's labels
// and a few disciplinary cases, as the Records calls that store them.
struct ProvinceOptions {
  uint64_t seed = 1;
  // 1..kMaxProvinceEmployees.
  int64_t employees = 0;
  // As RosterOptions::agencies (0 = automatic).
  int agencies = 0;
  // "pilkada2024" or "pemilu2024" (law/elections/*.textproto).
  std::string election;
  // YYYY-MM-DD: every event is dated on or before it. From the first day a
  // pact may be issued (kIssueWindowDays before the election's due date)
  // to a year after the election's last recapitulation day.
  std::string as_of;
  // The law the dates and checks come from; nullptr = the embedded law.
  std::shared_ptr<const RuleBook> law;
};

inline constexpr int64_t kMaxProvinceEmployees = 500'000;
// Agencies issue their pacts on a weekday 70 to 21 days before the due date
// (ASSUMPTION: no national schedule for issuing the pacts is known).
inline constexpr int kIssueWindowDays = 70;

// What a generated province holds (counts on as_of, as the pact registry and
// the case machine give them for the generated calls).
struct ProvinceSummary {
  int64_t employees = 0;
  int agencies = 0;
  std::string due;  // the pact due date used (the registry's default)
  // Calls per Records method, and in all.
  std::map<std::string, int64_t> calls;
  int64_t total_calls = 0;
  // The registry's totals on as_of.
  int64_t issued = 0, signed_on_time = 0, signed_late = 0, not_signed = 0, declined = 0, withdrawn = 0;
  int64_t units = 0, units_staff_ahead_of_leaders = 0, breaches = 0;
  // Cases: neutrality and disciplinary; open with a duty past due on as_of.
  int64_t neutrality_cases = 0, disciplinary_cases = 0, cases_overdue = 0;
  // Neutrality cases by their status on as_of (CaseStatus name -> count).
  std::map<std::string, int64_t> neutrality_status;
};

// Receives a province as it is generated, in the order of the calls.
class ProvinceSink {
 public:
  virtual ~ProvinceSink() = default;
  // The whole roster CSV (kRosterHeader first), once, before any call.
  virtual absl::Status Roster(absl::string_view csv) = 0;
  // One call of service netra.v1.Records: `method` ("LoadRoster") and its
  // request message, in the order they must be made.
  virtual absl::Status Call(absl::string_view method, const google::protobuf::Message& request) = 0;
  // Each stored case, as CreateCase stores it.
  virtual absl::Status Case(const v1::CaseLog& log) = 0;
  // The synthetic IM NKK index of each agency ("agency,index" lines, with
  // the header line "agency,index").
  virtual absl::Status ImNkk(absl::string_view csv) = 0;
};

// Generates the province into `sink`. Every call is checked before it is
// given: pact events by a pact registry over the roster (src/pact), cases by
// the case machine (src/lifecycle), both of `options.law`; a generated call
// they refuse is Internal (a bug). InvalidArgument naming the option for
// options outside their ranges. The same options give the same calls.
absl::StatusOr<ProvinceSummary> GenerateProvince(const ProvinceOptions& options, ProvinceSink* sink);

// One line of calls.jsonl: {"method":"<method>","request":<protobuf JSON
// with proto field names>}, without the newline.
absl::StatusOr<std::string> ProvinceCallLine(absl::string_view method, const google::protobuf::Message& request);

// Writes the province to directory `dir` (created; FailedPrecondition when
// it exists and is not empty): calls.jsonl (one ProvinceCallLine per call,
// LoadRoster calls first), roster.csv, im_nkk.csv, cases/<case_id>.json
// (each CaseLog, protobuf JSON) and README.txt (what the files are; that
// they are synthetic). Same options, same bytes.
absl::StatusOr<ProvinceSummary> WriteProvince(const ProvinceOptions& options, const std::string& dir);


// ------------------------------------------------------------ SIASN export

// A SYNTHETIC export in SIASN's shape (docs/siasn.md), for `netra siasn`:
// the RosterGenerator's ASN (non-ASN rows are left out: SIASN holds ASN
// only) as pegawai, rw-jabatan, ref-unor and instansi rows; `decisions`
// attendance sanctions on PNS decided between 2019 and 2025 (rw-hukdis),
// three in four of a type the law of their date allows (the evaluator of
// `law` says which) and the rest of another type of that regime; the facts
// of seven in eight of them (facts.json, the SIMPEG's case files); and the
// pacts of pilkada2024 issued on 2024-09-02 and signed by about eight in
// ten up to pact_as_of (pakta.jsonl). README.txt says what each file is.
struct SiasnExportOptions {
  uint64_t seed = 1;
  int64_t employees = 0;   // as RosterOptions, at most kMaxSiasnExportEmployees
  int agencies = 0;        // as RosterOptions
  int64_t decisions = 0;   // 0..employees
  std::string pact_as_of;  // YYYY-MM-DD; default 2024-10-01
  std::shared_ptr<const RuleBook> law;  // nullptr = the embedded law
};
inline constexpr int64_t kMaxSiasnExportEmployees = 500'000;

struct SiasnExportSummary {
  int64_t employees = 0;
  int agencies = 0;
  int64_t decisions = 0;
  int64_t without_facts = 0;
};

// Writes the export into `dir` (created; FailedPrecondition when it exists
// and is not empty). InvalidArgument for options out of range. The same
// options give the same bytes.
absl::StatusOr<SiasnExportSummary> WriteSiasnExport(const SiasnExportOptions& options, const std::string& dir);

}  // namespace netra::synth

#endif  // NETRA_SYNTH_H_
