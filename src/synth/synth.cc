// Seeded synthetic rosters and neutrality reports; see netra/synth.h.
//
// EVERY PARAMETER BELOW IS A DERIVED SUGGESTION FOR SYNTHETIC DATA, labelled
// synthetic in the output, never an official statistic. Each table names its
// source: "simpeg §n" and "stats §n" name the section of the project's
// research on personnel data and on neutrality statistics the values were
// derived from (docs/data-model.md and docs/law/compliance_im_nkk.md give
// the figures with their dates and sources). Tables marked ASSUMPTION have
// no source; they are plausible values chosen to make the data look like an
// ASN roster.
//
// Determinism: only std::mt19937_64 (fully specified by the standard) and the
// integer helpers in Rng below. No std::*_distribution, no floating point on
// the sampling path (probabilities are turned into integer parts per million
// once, with std::llround, which is exact IEEE arithmetic everywhere).
#include "netra/synth.h"
#include "output_file.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/util/json_util.h"
#include "absl/container/flat_hash_map.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/pact.h"
#include "netra/v1/conduct.pb.h"
#include "netra/v1/employee.pb.h"
#include "netra/v1/records.pb.h"
#include "utf8.h"

namespace netra::synth {
namespace {

using v1::PositionType;

// ---------------------------------------------------------------- randomness

uint64_t SplitMix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// std::mt19937_64 with portable integer helpers. Streams of one seed are
// separated by `stream` so that, e.g., the agency layout does not shift when
// the per-row draws change.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) : engine_(SplitMix64(seed ^ SplitMix64(stream))) {}

  // Uniform in [0, n), n >= 1: rejection sampling, so no modulo bias.
  uint64_t Below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    uint64_t x;
    do {
      x = engine_();
    } while (x < threshold);
    return x % n;
  }
  // Uniform in [lo, hi], inclusive.
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability ppm / 1,000,000.
  bool Chance(uint32_t ppm) { return Below(1000000) < ppm; }

  // Index i with probability weights[i] / sum(weights); integer weights.
  template <typename Container>
  size_t Pick(const Container& weights) {
    uint64_t total = 0;
    for (auto w : weights) total += w;
    uint64_t x = Below(total);
    size_t i = 0;
    for (auto w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i - 1;  // unreachable for total > 0
  }
  // As Pick, over a table of rows with a `weight` member.
  template <typename Row, size_t N>
  const Row& PickRow(const std::array<Row, N>& rows) {
    std::array<uint32_t, N> w{};
    for (size_t i = 0; i < N; ++i) w[i] = rows[i].weight;
    return rows[Pick(w)];
  }

 private:
  std::mt19937_64 engine_;
};

uint32_t Ppm(double p) { return static_cast<uint32_t>(std::llround(p * 1e6)); }

// Zero-padded decimal of at least `width` digits.
std::string Pad(int64_t v, int width) { return absl::StrFormat("%0*d", width, v); }

int DigitsOf(int64_t v) {
  int d = 1;
  while (v >= 10) v /= 10, ++d;
  return d;
}

void PutDigits(char* out, int64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

// 18-digit PNS/CPNS NIP (simpeg §1.1): birth YYYYMMDD, TMT CPNS YYYYMM, sex,
// sequence.
std::string PnsNip(absl::CivilDay birth, int tmt_year, int tmt_month, int sex, int seq) {
  char d[18];
  PutDigits(d, birth.year(), 4);
  PutDigits(d + 4, birth.month(), 2);
  PutDigits(d + 6, birth.day(), 2);
  PutDigits(d + 8, tmt_year, 4);
  PutDigits(d + 12, tmt_month, 2);
  d[14] = static_cast<char>('0' + sex);
  PutDigits(d + 15, seq, 3);
  return std::string(d, 18);
}

// 18-digit NI PPPK (simpeg §1.3): birth YYYYMMDD, appointment year, "2",
// agreement count (1-9), sex, sequence.
std::string PppkNip(absl::CivilDay birth, int year, int agreements, int sex, int seq) {
  char d[18];
  PutDigits(d, birth.year(), 4);
  PutDigits(d + 4, birth.month(), 2);
  PutDigits(d + 6, birth.day(), 2);
  PutDigits(d + 8, year, 4);
  d[12] = '2';
  d[13] = static_cast<char>('0' + agreements);
  d[14] = static_cast<char>('0' + sex);
  PutDigits(d + 15, seq, 3);
  return std::string(d, 18);
}

// ------------------------------------------------------------- shared tables

// The roster's "today" (kRosterAsOf): nobody born before kOldestBirth, so
// nobody is past 58, the lowest retirement age (ASSUMPTION: BUP 58/60/65 by
// position; the generator uses the lowest for everyone).
constexpr int kAsOfYear = 2026;
const absl::CivilDay kOldestBirth(1968, 1, 2);

// PNS golongan/ruang, I/a..IV/e in rank order (simpeg §3.1). Index = step.
constexpr std::array<const char*, 17> kGolonganNames = {
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a",
    "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"};
constexpr int kIIa = 4, kIIc = 6, kIIIa = 8, kIIIb = 9, kIIIc = 10, kIIId = 11, kIVa = 12, kIVc = 14, kIVd = 15;

v1::Golongan GolonganOf(int step) {
  static constexpr int kGroupStart[] = {0, 4, 8, 12};
  int group = step >= 12 ? 3 : step / 4;
  return static_cast<v1::Golongan>((group + 1) * 10 + (step - kGroupStart[group]) + 1);
}

// PPPK grades I..XVII (simpeg §3.2; equivalences UNCONFIRMED there:
// V ~ SMA, VII ~ D3, IX ~ S1, XI ~ ahli muda, XIV ~ ahli madya).
constexpr std::array<const char*, 18> kPppkGrades = {
    "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"};

constexpr std::array<const char*, 4> kKeahlianLevels = {"Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama"};
constexpr std::array<v1::JfLevel, 4> kKeahlianEnum = {v1::AHLI_PERTAMA, v1::AHLI_MUDA, v1::AHLI_MADYA,
                                                      v1::AHLI_UTAMA};
constexpr std::array<const char*, 4> kKeterampilanLevels = {"Pemula", "Terampil", "Mahir", "Penyelia"};
constexpr std::array<v1::JfLevel, 4> kKeterampilanEnum = {v1::PEMULA, v1::TERAMPIL, v1::MAHIR, v1::PENYELIA};

// Keahlian level from years of service (ASSUMPTION, matching the usual
// golongan ranges of simpeg §4.1: pertama III/a-b, muda III/c-d, madya
// IV/a-c, utama IV/d-e).
int KeahlianLevel(int years, bool allow_utama, Rng& rng) {
  const int y = years + static_cast<int>(rng.Between(-3, 3));
  if (y < 6) return 0;
  if (y < 14) return 1;
  if (allow_utama && y >= 26 && rng.Chance(50000)) return 3;
  return 2;
}
int KeahlianStep(int level, int years) {
  switch (level) {
    case 0: return kIIIa + (years >= 3 ? 1 : 0);
    case 1: return kIIIc + (years >= 10 ? 1 : 0);
    case 2: return std::min(kIVc, kIVa + std::max(0, (years - 14) / 5));
    default: return kIVd + (years >= 30 ? 1 : 0);
  }
}
// Keterampilan level from the grade (simpeg §4.1: "lower II-III ranges",
// exact ranges UNCONFIRMED; ASSUMPTION: pemula II/a, terampil II/b-II/d,
// mahir III/a-III/b, penyelia III/c-III/d).
int KeterampilanLevel(int step) {
  if (step <= kIIa) return 0;
  if (step < kIIIa) return 1;
  if (step <= kIIIb) return 2;
  return 3;
}

// Common pelaksana titles since the 2025 simplification (simpeg §2.1 lists
// them as the part-time PPPK job families).
constexpr std::array<const char*, 4> kPelaksanaTitles = {
    "Pengadministrasi Perkantoran", "Operator Layanan Operasional", "Pengelola Layanan Operasional",
    "Penata Layanan Operasional"};
constexpr std::array<const char*, 4> kParuhWaktuTitles = {
    "Pengelola Umum Operasional", "Operator Layanan Operasional", "Pengelola Layanan Operasional",
    "Penata Layanan Operasional"};

// ------------------------------------------------------------------- roster

// Position profile of a unit's non-leader staff. Weights (per mille) for
// PNS/CPNS/PPPK: JF keahlian, JF keterampilan, pelaksana. ASSUMPTION, tuned
// so that the national PNS split comes out near simpeg §9 (Jun 2023: 2.11 M
// JF, 1.34 M pelaksana, the rest structural, i.e. JF:pelaksana ~ 61:39).
enum Profile { kEducation, kHealth, kAdmin, kAudit, kTechnical, kAnalyst, kProfileCount };
struct ProfileSpec {
  std::array<uint32_t, 3> weights;
  std::vector<const char*> keahlian, keterampilan;
};
const std::array<ProfileSpec, kProfileCount>& Profiles() {
  static const auto* p = new std::array<ProfileSpec, kProfileCount>{{
      {{800, 20, 180}, {"Guru"}, {"Pustakawan", "Pranata Laboratorium Pendidikan"}},
      {{300, 420, 280}, {"Dokter", "Perawat", "Bidan", "Apoteker", "Nutrisionis"},
       {"Perawat", "Bidan", "Pranata Laboratorium Kesehatan", "Perekam Medis"}},
      {{200, 80, 720}, {"Analis Kebijakan", "Perencana", "Analis Sumber Daya Manusia Aparatur", "Arsiparis"},
       {"Arsiparis", "Pranata Komputer", "Pranata Hubungan Masyarakat"}},
      {{600, 50, 350}, {"Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"}, {"Auditor"}},
      {{200, 200, 600}, {"Teknik Jalan dan Jembatan", "Penyuluh Pertanian", "Pranata Komputer"},
       {"Penyuluh Pertanian", "Polisi Pamong Praja", "Teknik Pengairan"}},
      {{550, 50, 400}, {"Analis Kebijakan", "Perencana", "Statistisi", "Analis Hukum", "Pranata Komputer"},
       {"Statistisi", "Pranata Komputer", "Arsiparis"}},
  }};
  return *p;
}

// Units of an agency: name, share of the agency's staff (per mille), head,
// profile, and (split > 0) a numbered family of units of about `split`
// people each. Names after the usual OPD of a regional government and the
// usual offices of a ministry (simpeg §5.1-5.2); shares are ASSUMPTION except
// Dinas Pendidikan, the largest OPD (simpeg §9: ~24k of ~38k Pemprov Jatim
// PNS; in regencies teachers are the largest group too).
struct UnitTemplate {
  const char* name;
  uint16_t permille;
  PositionType head;
  const char* head_title;  // nullptr = "Kepala " + name
  Profile profile;
  uint16_t split;
};

constexpr UnitTemplate kRegency[] = {
    {"Dinas Pendidikan", 430, v1::JPT_PRATAMA, nullptr, kEducation, 0},
    {"Dinas Kesehatan", 60, v1::JPT_PRATAMA, nullptr, kHealth, 0},
    {"UPTD Puskesmas Sintetis", 110, v1::PENGAWAS, "Kepala UPTD Puskesmas", kHealth, 45},
    {"Rumah Sakit Umum Daerah", 70, v1::JPT_PRATAMA, "Direktur Rumah Sakit Umum Daerah", kHealth, 0},
    {"Sekretariat Daerah", 40, v1::JPT_PRATAMA, "Sekretaris Daerah", kAdmin, 0},
    {"Sekretariat DPRD", 12, v1::JPT_PRATAMA, "Sekretaris DPRD", kAdmin, 0},
    {"Inspektorat Daerah", 15, v1::JPT_PRATAMA, "Inspektur Daerah", kAudit, 0},
    {"Badan Perencanaan Pembangunan Daerah", 12, v1::JPT_PRATAMA, nullptr, kAnalyst, 0},
    {"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 10, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Badan Pengelolaan Keuangan dan Aset Daerah", 20, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Dinas Pekerjaan Umum dan Penataan Ruang", 25, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Dinas Pertanian", 30, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Dinas Sosial", 10, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Dinas Kependudukan dan Pencatatan Sipil", 12, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Dinas Perhubungan", 15, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Satuan Polisi Pamong Praja", 25, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Kecamatan Sintetis", 100, v1::ADMINISTRATOR, "Camat", kAdmin, 30},
    {"Kelurahan Sintetis", 4, v1::PENGAWAS, "Lurah", kAdmin, 12},
};
// A city is a regency with fewer kecamatan and many kelurahan: the same
// templates, with these two shares (per mille) for the last two.
constexpr uint16_t kCityKecamatanPermille = 50, kCityKelurahanPermille = 54;
// A provincial government: the provincial sekda is JPT Madya (eselon I.b,
// simpeg §4.2); SMA/SMK teachers sit in Dinas Pendidikan and its branches.
constexpr UnitTemplate kProvince[] = {
    {"Dinas Pendidikan", 410, v1::JPT_PRATAMA, nullptr, kEducation, 0},
    {"Cabang Dinas Pendidikan Wilayah Sintetis", 80, v1::ADMINISTRATOR, "Kepala Cabang Dinas Pendidikan",
     kEducation, 40},
    {"Dinas Kesehatan", 40, v1::JPT_PRATAMA, nullptr, kHealth, 0},
    {"Rumah Sakit Umum Daerah Provinsi", 120, v1::JPT_PRATAMA, "Direktur Rumah Sakit Umum Daerah Provinsi",
     kHealth, 0},
    {"Sekretariat Daerah", 60, v1::JPT_MADYA, "Sekretaris Daerah Provinsi", kAdmin, 0},
    {"Sekretariat DPRD", 15, v1::JPT_PRATAMA, "Sekretaris DPRD", kAdmin, 0},
    {"Inspektorat Daerah", 15, v1::JPT_PRATAMA, "Inspektur Daerah", kAudit, 0},
    {"Badan Perencanaan Pembangunan Daerah", 15, v1::JPT_PRATAMA, nullptr, kAnalyst, 0},
    {"Badan Kepegawaian Daerah", 15, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Badan Pendapatan Daerah", 25, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Dinas Pekerjaan Umum dan Penataan Ruang", 40, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Dinas Tanaman Pangan dan Hortikultura", 40, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Dinas Sosial", 15, v1::JPT_PRATAMA, nullptr, kAdmin, 0},
    {"Dinas Perhubungan", 25, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Satuan Polisi Pamong Praja", 25, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"UPT Pendapatan Daerah Wilayah Sintetis", 60, v1::PENGAWAS, "Kepala UPT Pendapatan Daerah", kAdmin, 35},
};
// A central ministry or agency with its vertical offices (kanwil, kantor,
// balai), where most central staff work.
constexpr UnitTemplate kCentral[] = {
    {"Sekretariat Jenderal", 80, v1::JPT_MADYA, "Sekretaris Jenderal", kAdmin, 0},
    {"Inspektorat Jenderal", 30, v1::JPT_MADYA, "Inspektur Jenderal", kAudit, 0},
    {"Direktorat Sintetis", 190, v1::JPT_PRATAMA, "Direktur", kAnalyst, 60},
    {"Pusat Data dan Informasi", 20, v1::JPT_PRATAMA, nullptr, kTechnical, 0},
    {"Balai Sintetis", 180, v1::ADMINISTRATOR, "Kepala Balai", kTechnical, 50},
    {"Kantor Wilayah Sintetis", 300, v1::JPT_PRATAMA, "Kepala Kantor Wilayah", kAdmin, 250},
    {"Kantor Sintetis", 200, v1::ADMINISTRATOR, "Kepala Kantor", kAdmin, 60},
};

enum Tier { kTierRegency, kTierCity, kTierProvince, kTierCentral };

// Instansi counts (simpeg §9, BKN reference Jun 2024): 415 kabupaten, 93
// kota, 38 provinces, 98 central = 644. Staff: 24 % central, 76 % regional
// (Head of BKN, Nov 2025, simpeg §9).
constexpr int kInstansiTotal = 644, kCentralCount = 98, kProvinceCount = 38, kCityCount = 93;
constexpr int64_t kCentralStaffPermille = 240;
// Relative agency sizes within a tier: [lo, hi] weights (ASSUMPTION; a
// province's own staff ~2-5x a regency's, simpeg §9 Pemprov Jatim ~55k).
// Central agencies are heavy-tailed: a few huge ministries, many small
// agencies.
constexpr std::array<uint32_t, 10> kCentralWeights = {10, 10, 10, 20, 20, 30, 50, 80, 130, 400};

// Employee kind of non-leader rows, per mille (simpeg §9: "> 6 M, of which
// > 2 M PPPK" (Jan 2026), PNS 3.67 M (Jul 2025), 1.24 M part-time PPPK
// proposed (Nov 2025); CPNS = the 2024 intake still in probation and
// NON_ASN = legacy honorer rows still held by some SIMPEGs are ASSUMPTION).
// PNS + CPNS ~ 61 %, PPPK incl. part-time ~ 36 %.
constexpr std::array<const char*, 5> kKindNames = {"PNS", "CPNS", "PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"};
enum Kind { kPns, kCpns, kPppk, kParuhWaktu, kNonAsn };
constexpr std::array<uint32_t, 5> kKindWeights = {580, 30, 220, 140, 30};

// Female share: 56 % of ASN (Head of BKN, Nov 2025, simpeg §9); leaders 30 %
// (ASSUMPTION: women are under-represented in structural posts).
constexpr uint32_t kFemalePpm = 560000, kFemaleLeaderPpm = 300000;

// TMT CPNS year of serving PNS, 1990..2024 (ASSUMPTION: recruitment waves of
// the honorer conversions 2005-2009, the moratorium 2015-2017, and the
// 2018-2023 CPNS intakes).
constexpr int kFirstTmtYear = 1990;
constexpr std::array<uint32_t, 35> kPnsTmtYearWeights = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2,  // 1990-1999
    3, 3, 3, 3, 3,                 // 2000-2004
    6, 6, 6, 6, 6,                 // 2005-2009
    3, 3, 2, 2, 3,                 // 2010-2014
    1, 1, 1,                       // 2015-2017 (moratorium)
    2, 5, 5, 4, 4, 1, 3};          // 2018-2024
// CPNS: TMT in 2025 (months 1-10), the 2024 intake (ASSUMPTION).
// PPPK appointment years 2019-2025 (ASSUMPTION: first intake 2019, the large
// teacher intakes from 2021; simpeg §9 PPPK 0.49 M Jun 2023 -> 1.55 M Jul 2025).
constexpr int kFirstPppkYear = 2019;
constexpr std::array<uint32_t, 7> kPppkYearWeights = {4, 0, 8, 22, 22, 22, 22};
// Digit 14 of an NI PPPK (simpeg §1.3): the number of agreements, mostly 1.
// Part-time PPPK get 4, as in the one example found (199009132025242014);
// what it means is UNCONFIRMED there, and netra's parser accepts 1-9.
constexpr std::array<uint32_t, 3> kAgreementWeights = {930, 60, 10};  // 1, 2, 3
constexpr int kParuhWaktuDigit = 4;

// Years of service of unit heads (ASSUMPTION).
struct ServiceRange {
  int lo, hi;
};
ServiceRange LeaderService(PositionType t) {
  switch (t) {
    case v1::JPT_MADYA: return {25, 34};
    case v1::JPT_PRATAMA: return {18, 32};
    case v1::ADMINISTRATOR: return {14, 30};
    default: return {8, 28};
  }
}
// Grade (step) of unit heads: JPT Madya IV/d-IV/e, JPT Pratama IV/c-IV/d,
// administrator IV/a-IV/b, pengawas III/c-III/d (ASSUMPTION, the usual
// ranges of their eselon).
int LeaderStep(PositionType t, Rng& rng) {
  switch (t) {
    case v1::JPT_MADYA: return static_cast<int>(rng.Between(kIVd, kIVd + 1));
    case v1::JPT_PRATAMA: return static_cast<int>(rng.Between(kIVc, kIVd));
    case v1::ADMINISTRATOR: return static_cast<int>(rng.Between(kIVa, kIVa + 1));
    default: return static_cast<int>(rng.Between(kIIIc, kIIId));
  }
}

// Unique NIPs by construction. Numbers sharing a bucket (PNS style: TMT
// month and sex; PPPK style: year, digit 14, sex) get consecutive counters
// c; c maps to a birth date lo + a (a = an affine permutation of c mod A over
// the A admissible birth dates) and a sequence 1 + c / A. Within a bucket
// (c mod A, c / A) is a bijection of c, so two rows never share a number; a
// bucket whose sequence would pass 999 hands over to the next bucket.
struct Bucket {
  bool ready = false;
  uint32_t span = 0, mult = 1, offset = 0;
  absl::CivilDay lo;
  int64_t count = 0;
};
constexpr int kPnsMonths = (2025 - kFirstTmtYear + 1) * 12;  // 1990-01 .. 2025-12
constexpr int kPppkBuckets = 7 * 9 * 2;

void ReadyBucket(Bucket& b, absl::CivilDay lo, absl::CivilDay hi, uint64_t key) {
  b.ready = true;
  b.lo = lo;
  b.span = static_cast<uint32_t>(hi - lo + 1);
  uint64_t m = 1 + SplitMix64(key) % b.span;
  while (std::gcd(m, static_cast<uint64_t>(b.span)) != 1) m = m + 1 > b.span ? 1 : m + 1;
  b.mult = static_cast<uint32_t>(m);
  b.offset = static_cast<uint32_t>(SplitMix64(key ^ 0x5bd1e995ull) % b.span);
}

// Takes the next (birth, sequence) of a bucket, or false when it is full.
bool TakeFromBucket(Bucket& b, absl::CivilDay* birth, int* seq) {
  const int64_t c = b.count;
  if (c / b.span >= 999) return false;
  ++b.count;
  const uint64_t a = (static_cast<uint64_t>(c % b.span) * b.mult + b.offset) % b.span;
  *birth = b.lo + static_cast<int64_t>(a);
  *seq = static_cast<int>(c / b.span) + 1;
  return true;
}

struct Agency {
  Tier tier;
  int number;  // 1-based within its tier
  int64_t size;
};

struct Unit {
  std::string name;
  PositionType head;
  std::string head_title;
  Profile profile;
  int64_t size;
};

}  // namespace

// ------------------------------------------------------------ RosterGenerator

struct RosterGenerator::State {
  RosterOptions options;
  Rng rng{0, 0};
  uint64_t nip_key = 0;
  std::vector<Agency> agencies;
  int tier_width[4] = {3, 3, 2, 2};
  size_t agency = 0;
  std::string agency_name;
  std::vector<Unit> units;
  size_t unit = 0;
  int64_t in_unit = 0;
  int64_t row = 0;
  std::array<Bucket, 2 * kPnsMonths> pns{};
  std::array<Bucket, kPppkBuckets> pppk{};
  RosterRow scratch;

  void EnterAgency();
  void Fill(RosterRow* r);
  std::string PnsStyleNip(int year, int month, int sex);
  std::string PppkStyleNip(int year, int digit, int sex);
};

void RosterGenerator::State::EnterAgency() {
  const Agency& a = agencies[agency];
  const int w = tier_width[a.tier];
  switch (a.tier) {
    case kTierRegency: agency_name = absl::StrCat("Pemerintah Kabupaten Sintetis ", Pad(a.number, w)); break;
    case kTierCity: agency_name = absl::StrCat("Pemerintah Kota Sintetis ", Pad(a.number, w)); break;
    case kTierProvince: agency_name = absl::StrCat("Pemerintah Provinsi Sintetis ", Pad(a.number, w)); break;
    case kTierCentral:
      agency_name = absl::StrCat(a.number % 3 == 0 ? "Badan Sintetis " : "Kementerian Sintetis ", Pad(a.number, w));
      break;
  }
  const UnitTemplate* t = kRegency;
  size_t n = std::size(kRegency);
  std::vector<UnitTemplate> city;
  if (a.tier == kTierCity) {
    city.assign(std::begin(kRegency), std::end(kRegency));
    city[n - 2].permille = kCityKecamatanPermille;
    city[n - 1].permille = kCityKelurahanPermille;
    t = city.data();
  }
  if (a.tier == kTierProvince) t = kProvince, n = std::size(kProvince);
  if (a.tier == kTierCentral) t = kCentral, n = std::size(kCentral);
  // Staff per template (floor of the share; the rest to the first, largest
  // template), then split families into numbered units.
  std::vector<int64_t> budget(n);
  int64_t used = 0;
  for (size_t i = 0; i < n; ++i) used += budget[i] = a.size * t[i].permille / 1000;
  budget[0] += a.size - used;
  units.clear();
  for (size_t i = 0; i < n; ++i) {
    if (budget[i] == 0) continue;
    const std::string head_title = t[i].head_title ? t[i].head_title : absl::StrCat("Kepala ", t[i].name);
    if (t[i].split == 0) {
      units.push_back({t[i].name, t[i].head, head_title, t[i].profile, budget[i]});
      continue;
    }
    const int64_t count = std::max<int64_t>(1, (budget[i] + t[i].split / 2) / t[i].split);
    const int width = std::max(2, DigitsOf(count));
    for (int64_t k = 0; k < count; ++k) {
      const int64_t size = budget[i] / count + (k < budget[i] % count ? 1 : 0);
      units.push_back({absl::StrCat(t[i].name, " ", Pad(k + 1, width)), t[i].head, head_title, t[i].profile, size});
    }
  }
  unit = 0;
  in_unit = 0;
}

std::string RosterGenerator::State::PnsStyleNip(int year, int month, int sex) {
  int idx = (year - kFirstTmtYear) * 12 + (month - 1);
  for (int tries = 0; tries < kPnsMonths; ++tries, idx = (idx + 1) % kPnsMonths) {
    const int y = kFirstTmtYear + idx / 12, m = idx % 12 + 1;
    Bucket& b = pns[idx * 2 + (sex - 1)];
    if (!b.ready) {
      // At least 19 and at most 35 at appointment (the usual CPNS age
      // limits; ASSUMPTION), and not older than 58 on kRosterAsOf.
      const absl::CivilDay hi = absl::CivilDay(y - 19, m, 1) - 1;
      const absl::CivilDay lo = std::max(kOldestBirth, absl::CivilDay(y - 35, m, 1));
      ReadyBucket(b, lo, hi, nip_key ^ (static_cast<uint64_t>(idx) << 2 | static_cast<uint64_t>(sex)));
    }
    absl::CivilDay birth;
    int seq = 0;
    if (TakeFromBucket(b, &birth, &seq)) return PnsNip(birth, y, m, sex, seq);
  }
  return "";  // unreachable below the employee cap (about 10^9 PNS-style numbers)
}

std::string RosterGenerator::State::PppkStyleNip(int year, int digit, int sex) {
  for (int tries = 0; tries < 9; ++tries, digit = digit % 9 + 1) {
    const int idx = ((year - kFirstPppkYear) * 9 + (digit - 1)) * 2 + (sex - 1);
    Bucket& b = pppk[idx];
    if (!b.ready) {
      // Aged 20-56 at appointment (PPPK age limits; ASSUMPTION), not older
      // than 58 on kRosterAsOf; ParseNip wants age >= 18 by year.
      const absl::CivilDay hi(year - 20, 1, 1);
      const absl::CivilDay lo = std::max(kOldestBirth, absl::CivilDay(year - 56, 1, 1));
      ReadyBucket(b, lo, hi, nip_key ^ (0x100000ull + static_cast<uint64_t>(idx)));
    }
    absl::CivilDay birth;
    int seq = 0;
    if (TakeFromBucket(b, &birth, &seq)) return PppkNip(birth, year, digit, sex, seq);
  }
  return "";  // unreachable below the employee cap
}

void RosterGenerator::State::Fill(RosterRow* r) {
  while (in_unit >= units[unit].size) {
    ++unit;
    in_unit = 0;
    if (unit == units.size()) {
      ++agency;
      EnterAgency();
    }
  }
  const Unit& u = units[unit];
  const bool leader = in_unit == 0;
  r->leader = leader;
  ++in_unit;
  ++row;

  r->name.assign("Pegawai Sintetis ");
  r->name.append(Pad(row, 7));
  r->unit.assign(u.name);
  r->agency.assign(agency_name);

  const int kind = leader ? kPns : static_cast<int>(rng.Pick(kKindWeights));
  r->type.assign(kKindNames[kind]);
  const int sex = rng.Chance(leader ? kFemaleLeaderPpm : kFemalePpm) ? 2 : 1;

  if (kind == kNonAsn) {
    // Legacy honorer row: no NIP, no grade (simpeg §2.1).
    r->nip.clear();
    r->grade.clear();
    r->position.assign("Tenaga Non-ASN");
    r->position_type.assign(v1::PositionType_Name(v1::PELAKSANA));
    return;
  }

  // Position type of non-leaders from the unit's profile; part-time PPPK
  // mostly in the operational job families (simpeg §2.1; 70 % ASSUMPTION).
  const ProfileSpec& prof = Profiles()[u.profile];
  PositionType type = u.head;
  if (!leader) {
    if (kind == kParuhWaktu && rng.Chance(700000)) {
      type = v1::PELAKSANA;
    } else {
      static constexpr PositionType kTypes[] = {v1::FUNGSIONAL_KEAHLIAN, v1::FUNGSIONAL_KETERAMPILAN, v1::PELAKSANA};
      type = kTypes[rng.Pick(prof.weights)];
    }
  }
  r->position_type.assign(v1::PositionType_Name(type));

  if (kind == kPppk || kind == kParuhWaktu) {
    const int year = kind == kParuhWaktu ? 2025 : kFirstPppkYear + static_cast<int>(rng.Pick(kPppkYearWeights));
    const int digit = kind == kParuhWaktu ? kParuhWaktuDigit : 1 + static_cast<int>(rng.Pick(kAgreementWeights));
    int grade = 5;
    if (type == v1::FUNGSIONAL_KEAHLIAN) {
      // PPPK JF keahlian: pertama IX, muda XI, madya XIV (simpeg §3.2,
      // UNCONFIRMED equivalences); level mix ASSUMPTION.
      static constexpr std::array<uint32_t, 3> kLevelWeights = {750, 220, 30};
      static constexpr int kGrades[] = {9, 11, 14};
      const size_t level = rng.Pick(kLevelWeights);
      grade = kGrades[level];
      r->position.assign(absl::StrCat(prof.keahlian[rng.Below(prof.keahlian.size())], " ", kKeahlianLevels[level]));
    } else if (type == v1::FUNGSIONAL_KETERAMPILAN) {
      static constexpr std::array<uint32_t, 3> kLevelWeights = {50, 800, 150};  // pemula V, terampil VII, mahir VIII
      static constexpr int kGrades[] = {5, 7, 8};
      const size_t level = rng.Pick(kLevelWeights);
      grade = kGrades[level];
      r->position.assign(
          absl::StrCat(prof.keterampilan[rng.Below(prof.keterampilan.size())], " ", kKeterampilanLevels[level]));
    } else {
      static constexpr std::array<uint32_t, 3> kGradeWeights = {500, 200, 300};  // V (SMA), VII (D3), IX (S1)
      static constexpr int kGrades[] = {5, 7, 9};
      grade = kGrades[rng.Pick(kGradeWeights)];
      const auto& titles = kind == kParuhWaktu ? kParuhWaktuTitles : kPelaksanaTitles;
      r->position.assign(titles[rng.Below(titles.size())]);
    }
    r->grade.assign(kPppkGrades[grade]);
    r->nip = PppkStyleNip(year, digit, sex);
    return;
  }

  // PNS and CPNS.
  int tmt_year, tmt_month;
  if (leader) {
    const ServiceRange s = LeaderService(type);
    tmt_year = kAsOfYear - static_cast<int>(rng.Between(s.lo, s.hi));
    tmt_month = static_cast<int>(rng.Between(1, 12));
  } else if (kind == kCpns) {
    tmt_year = 2025;
    tmt_month = static_cast<int>(rng.Between(1, 10));
  } else {
    tmt_year = kFirstTmtYear + static_cast<int>(rng.Pick(kPnsTmtYearWeights));
    tmt_month = static_cast<int>(rng.Between(1, 12));
  }
  const int years = kAsOfYear - tmt_year - (tmt_month > 1 ? 1 : 0);
  int step;
  if (leader) {
    step = LeaderStep(type, rng);
    r->position.assign(u.head_title);
  } else if (type == v1::FUNGSIONAL_KEAHLIAN) {
    const int level = kind == kCpns ? 0 : KeahlianLevel(years, u.profile == kAnalyst, rng);
    step = kind == kCpns ? (rng.Chance(100000) ? kIIIb : kIIIa) : KeahlianStep(level, years);
    r->position.assign(absl::StrCat(prof.keahlian[rng.Below(prof.keahlian.size())], " ", kKeahlianLevels[level]));
  } else if (type == v1::FUNGSIONAL_KETERAMPILAN) {
    const int entry = rng.Chance(700000) ? kIIc : kIIa;  // D3 or SMA entry
    step = kind == kCpns ? entry : std::min(kIIId, entry + years / 4);
    r->position.assign(absl::StrCat(prof.keterampilan[rng.Below(prof.keterampilan.size())], " ",
                                    kKeterampilanLevels[KeterampilanLevel(step)]));
  } else {
    static constexpr std::array<uint32_t, 3> kEntryWeights = {550, 150, 300};  // SMA II/a, D3 II/c, S1 III/a
    static constexpr int kEntries[] = {kIIa, kIIc, kIIIa};
    const int entry = kEntries[rng.Pick(kEntryWeights)];
    step = kind == kCpns ? entry : std::min(kIIId, entry + years / 4);
    r->position.assign(kPelaksanaTitles[rng.Below(kPelaksanaTitles.size())]);
  }
  r->grade.assign(kGolonganNames[step]);
  r->nip = PnsStyleNip(tmt_year, tmt_month, sex);
}

RosterGenerator::RosterGenerator(std::unique_ptr<State> state) : state_(std::move(state)) {}
RosterGenerator::~RosterGenerator() = default;

absl::StatusOr<std::unique_ptr<RosterGenerator>> RosterGenerator::Create(const RosterOptions& options) {
  constexpr int64_t kMaxEmployees = 100'000'000;
  if (options.employees < 1 || options.employees > kMaxEmployees) {
    return absl::InvalidArgumentError(
        absl::StrCat("employees: ", options.employees, " is outside 1-", kMaxEmployees));
  }
  const int64_t max_agencies = std::min<int64_t>(options.employees, 10'000);
  if (options.agencies < 0 || options.agencies > max_agencies) {
    return absl::InvalidArgumentError(absl::StrCat("agencies: ", options.agencies, " is outside 0-", max_agencies,
                                                   " (0 = automatic; at most one per employee)"));
  }
  auto s = std::make_unique<State>();
  s->options = options;
  s->rng = Rng(options.seed, 2);
  s->nip_key = SplitMix64(options.seed ^ 0x4e4950ull);
  const int k = options.agencies > 0
                    ? options.agencies
                    : static_cast<int>(std::clamp<int64_t>((options.employees + 9299) / 9300, 1, kInstansiTotal));

  // Tiers in the national proportions (simpeg §9), regencies taking the rest
  // so that one agency is a regency; order shuffled.
  Rng layout(options.seed, 1);
  const int central = k * kCentralCount / kInstansiTotal, province = k * kProvinceCount / kInstansiTotal,
            city = k * kCityCount / kInstansiTotal, regency = k - central - province - city;
  const int counts[4] = {regency, city, province, central};
  for (int t = 0; t < 4; ++t) {
    s->tier_width[t] = std::max(t >= kTierProvince ? 2 : 3, DigitsOf(counts[t]));
    for (int i = 0; i < counts[t]; ++i) s->agencies.push_back({static_cast<Tier>(t), i + 1, 1});
  }
  for (size_t i = s->agencies.size() - 1; i > 0; --i) std::swap(s->agencies[i], s->agencies[layout.Below(i + 1)]);

  // Sizes: one each, then the rest by weight, 24 % to central agencies when
  // there are any.
  std::vector<uint64_t> weight(s->agencies.size());
  uint64_t central_w = 0, regional_w = 0;
  for (size_t i = 0; i < weight.size(); ++i) {
    switch (s->agencies[i].tier) {
      case kTierCentral: weight[i] = kCentralWeights[layout.Below(kCentralWeights.size())]; break;
      case kTierProvince: weight[i] = static_cast<uint64_t>(layout.Between(20, 50)); break;
      case kTierRegency: weight[i] = static_cast<uint64_t>(layout.Between(8, 16)); break;
      case kTierCity: weight[i] = static_cast<uint64_t>(layout.Between(6, 14)); break;
    }
    (s->agencies[i].tier == kTierCentral ? central_w : regional_w) += weight[i];
  }
  const int64_t rest = options.employees - static_cast<int64_t>(s->agencies.size());
  const int64_t central_budget = central == 0 ? 0 : rest * kCentralStaffPermille / 1000;
  const int64_t budgets[2] = {rest - central_budget, central_budget};
  int64_t given[2] = {0, 0};
  for (size_t i = 0; i < weight.size(); ++i) {
    const int g = s->agencies[i].tier == kTierCentral ? 1 : 0;
    const uint64_t total = g ? central_w : regional_w;
    const int64_t extra = static_cast<int64_t>(static_cast<unsigned __int128>(budgets[g]) * weight[i] / total);
    s->agencies[i].size += extra;
    given[g] += extra;
  }
  // Rounding remainders: one more to the first agencies of each group.
  for (int g = 0; g < 2; ++g) {
    int64_t left = budgets[g] - given[g];
    for (size_t i = 0; left > 0; i = (i + 1) % s->agencies.size()) {
      if ((s->agencies[i].tier == kTierCentral ? 1 : 0) == g) ++s->agencies[i].size, --left;
    }
  }
  s->EnterAgency();
  return std::unique_ptr<RosterGenerator>(new RosterGenerator(std::move(s)));
}

bool RosterGenerator::Next(RosterRow* row) {
  if (state_->row >= state_->options.employees) return false;
  state_->Fill(row);
  return true;
}

void AppendRosterCsvLine(const RosterRow& r, std::string* out) {
  absl::StrAppend(out, r.nip, ",", r.name, ",", r.type, ",", r.grade, ",", r.position, ",");
  absl::StrAppend(out, r.position_type, ",", r.unit, ",", r.agency, r.leader ? ",1\n" : ",0\n");
}

bool RosterGenerator::AppendCsvLine(std::string* out) {
  if (state_->row >= state_->options.employees) return false;
  RosterRow& r = state_->scratch;
  state_->Fill(&r);
  AppendRosterCsvLine(r, out);
  return true;
}

int64_t RosterGenerator::rows_written() const { return state_->row; }
int RosterGenerator::agencies() const { return static_cast<int>(state_->agencies.size()); }

absl::Status WriteRoster(const RosterOptions& options, std::ostream& out) {
  auto gen = RosterGenerator::Create(options);
  if (!gen.ok()) return gen.status();
  std::string buf = absl::StrCat(kRosterHeader, "\n");
  buf.reserve(1 << 20);
  while ((*gen)->AppendCsvLine(&buf)) {
    if (buf.size() >= (1 << 20) - 512) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
      if (!out) return absl::UnknownError("roster: write failed");
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  out.flush();
  if (!out) return absl::UnknownError("roster: write failed");
  return absl::OkStatus();
}

// ------------------------------------------------------------------ reports

namespace {

// Stage windows of an election, [from, until] inclusive, and how many
// reported acts fall in each (stats §4 "Time of act: peak in nomination +
// campaign; many pre-determination (ethics) cases months before"; the
// weights are ASSUMPTION within that shape). Dates from
// law/elections/*.textproto.
struct Phase {
  const char* name;
  absl::CivilDay from, until;
  uint32_t weight;
};
enum PhaseId { kEarly, kNomination, kDetermined, kCampaign, kQuiet, kVoting, kPost, kSupport, kPhaseCount };
using Phases = std::array<Phase, kPhaseCount>;

// pilkada2024: support collection 5 May-19 Aug, registration 27-29 Aug,
// determination 22 Sep, campaign 25 Sep-23 Nov, quiet 24-26 Nov, voting
// 27 Nov, recapitulation to 16 Dec 2024. Pre-determination share 38 %.
const Phases& PilkadaPhases() {
  static const auto* p = new Phases{{
      {"pre-registration", absl::CivilDay(2024, 5, 5), absl::CivilDay(2024, 8, 26), 20},
      {"nomination", absl::CivilDay(2024, 8, 27), absl::CivilDay(2024, 9, 21), 18},
      {"determined", absl::CivilDay(2024, 9, 22), absl::CivilDay(2024, 9, 24), 3},
      {"campaign", absl::CivilDay(2024, 9, 25), absl::CivilDay(2024, 11, 23), 50},
      {"quiet", absl::CivilDay(2024, 11, 24), absl::CivilDay(2024, 11, 26), 4},
      {"voting", absl::CivilDay(2024, 11, 27), absl::CivilDay(2024, 11, 27), 2},
      {"post-voting", absl::CivilDay(2024, 11, 28), absl::CivilDay(2024, 12, 16), 3},
      {"independent-support", absl::CivilDay(2024, 5, 5), absl::CivilDay(2024, 8, 19), 0},
  }};
  return *p;
}
// pemilu2024: legislative registration 1-14 May 2023 and determination
// 3 Nov 2023; presidential determination 13 Nov 2023; campaign 28 Nov 2023-
// 10 Feb 2024; quiet 11-13 Feb; voting 14 Feb; recapitulation to 20 Mar 2024.
// 3-13 Nov 2023 (legislative determined, presidential not) is left out.
// Pre-determination share 22 % (BKN Jan 2024: 42 discipline vs 5 ethics
// reports during the campaign, stats §3.3).
const Phases& PemiluPhases() {
  static const auto* p = new Phases{{
      {"pre-registration", absl::CivilDay(2023, 1, 1), absl::CivilDay(2023, 4, 30), 6},
      {"nomination", absl::CivilDay(2023, 5, 1), absl::CivilDay(2023, 11, 2), 16},
      {"determined", absl::CivilDay(2023, 11, 14), absl::CivilDay(2023, 11, 27), 6},
      {"campaign", absl::CivilDay(2023, 11, 28), absl::CivilDay(2024, 2, 10), 60},
      {"quiet", absl::CivilDay(2024, 2, 11), absl::CivilDay(2024, 2, 13), 6},
      {"voting", absl::CivilDay(2024, 2, 14), absl::CivilDay(2024, 2, 14), 3},
      {"post-voting", absl::CivilDay(2024, 2, 15), absl::CivilDay(2024, 3, 20), 3},
      {"independent-support", absl::CivilDay(2023, 1, 1), absl::CivilDay(2023, 1, 1), 0},
  }};
  return *p;
}

constexpr uint32_t kAnyPhase = (1u << kEarly) | (1u << kNomination) | (1u << kDetermined) | (1u << kCampaign) |
                               (1u << kQuiet) | (1u << kVoting) | (1u << kPost);
constexpr uint32_t kBeforeDetermination = (1u << kEarly) | (1u << kNomination);
constexpr uint32_t kAfterDetermination = kAnyPhase & ~kBeforeDetermination;

// Violation categories: the SKB 2022 forms (law/neutrality_skb2022.textproto
// norms), weights per 1,000 reports and the stages each can occur in.
// Pilkada (KASN Pilkada 2020 mix, stats §3.2): social media 30.4 % (split
// 45:55 campaign:interaction, ASSUMPTION), partisan activities 22.4 %,
// photo with candidate 12.6 % (split 60:30:10 candidate : team with
// partisan symbol : campaign props, ASSUMPTION), attending declarations
// 10.9 %, approaching parties 5.6 %; the other 18.1 % spread over the
// remaining forms after the Aug 2020 snapshot (banners 11.6 %, decisions
// favouring a pair 11 %), ASSUMPTION.
// Pemilu (Mendagri Pemilu 2024 mix, stats §3.3): post/comment/share/like/
// follow 15.8 %, joining campaign/socialisation of a bakal calon 12.9 %,
// social-media campaign 11.3 %, partisan activities 10.8 %, party member
// 7.1 %; the other 42.1 % spread over the remaining forms, ASSUMPTION.
// Acts that the law only sanctions at one stage are dated in it: partisan
// activities and decisions (rows D08, D12: determined candidates), joining
// a bakal calon's events (E06) and seeking one's own nomination (D03:
// before determination), KTP support (D11: the independent-support window).
struct Category {
  const char* norm;
  const char* label;
  uint32_t pilkada, pemilu;  // per 1,000
  uint32_t phases;           // bit per PhaseId
};
constexpr std::array<Category, 16> kCategories = {{
    {"neutrality.social_media_campaign", "social-media campaign", 137, 113, kAnyPhase},
    {"neutrality.social_media_interaction", "social-media post/like/share/follow", 167, 158, kAnyPhase},
    {"neutrality.partisan_activity", "partisan activity", 224, 108, kAfterDetermination},
    {"neutrality.photo_with_candidate", "photo with candidate", 76, 120, kAnyPhase},
    {"neutrality.photo_with_team_partisan_symbol", "photo with team, partisan symbol", 38, 50, kAnyPhase},
    {"neutrality.photo_with_campaign_props", "photo with campaign props", 12, 20, kAnyPhase},
    {"neutrality.attend_declaration", "attending a declaration, active support", 109, 90, kAnyPhase},
    {"neutrality.approach_party_as_bakal_calon", "approaching a party for own nomination", 56, 15,
     kBeforeDetermination},
    {"neutrality.banner", "banner or billboard", 60, 70, kAnyPhase},
    {"neutrality.decision_benefiting_or_harming", "decision benefiting or harming a candidate", 50, 30,
     kAfterDetermination},
    {"neutrality.join_campaign_socialisation", "joining campaign or socialisation of a bakal calon", 30, 129,
     kBeforeDetermination},
    {"neutrality.expert_or_winning_team", "expert or winning team", 15, 20, kAnyPhase},
    {"neutrality.support_letter_ktp", "support letter or KTP for an independent pair", 10, 0, 1u << kSupport},
    {"neutrality.spouse_campaign", "joining a candidate spouse's campaign", 8, 6, 1u << kCampaign},
    {"neutrality.party_membership", "party member or official", 5, 71, kAnyPhase},
    {"neutrality.approach_public_as_independent_bakal_calon", "approaching the public for own independent nomination",
     3, 0, kBeforeDetermination},
}};

// Position of the reported ASN. Pilkada: KASN 26 Jun 2020 (stats §3.2): JPT
// 36 %, functional 17 %, administrator 13 %, pelaksana 12 %, camat/lurah
// 7 %, other 15 %. Pemilu: Mendagri 2024 (stats §3.3): functional 23.3 %,
// JPT 22.9 %, pelaksana 18.3 %, camat/lurah 16.7 %, administrator 10.4 %,
// remainder 8.4 %. Camat/lurah are split evenly into camat (ADMINISTRATOR)
// and lurah (PENGAWAS); "other" is taken as PENGAWAS (ASSUMPTION).
enum Role { kJpt, kFunctional, kAdministrator, kPelaksana, kCamat, kLurah, kOther, kRoleCount };
constexpr std::array<uint32_t, kRoleCount> kPilkadaRoles = {360, 170, 130, 120, 35, 35, 150};
constexpr std::array<uint32_t, kRoleCount> kPemiluRoles = {229, 233, 104, 183, 84, 83, 84};

// Agency level (ASSUMPTION guided by stats §3.1: 99.5 % of reported ASN in
// Pemilu 2019 were regional-government employees; Bawaslu: Pilkada ties are
// local). Order: REGENCY_CITY, PROVINCE, CENTRAL.
constexpr std::array<uint32_t, 3> kPilkadaLevels = {850, 140, 10};
constexpr std::array<uint32_t, 3> kPemiluLevels = {800, 180, 20};

// Kind of a non-managerial reported ASN (ASSUMPTION: no source breaks the
// figures down by kind; PPPK shares grow with the 2021-2024 intakes).
// PNS, CPNS, PPPK, PPPK_PARUH_WAKTU; part-time PPPK only exist from 2025
// (simpeg §2.1), after both 2024 elections, so none is reported.
constexpr std::array<uint32_t, 4> kReportedKinds = {800, 20, 180, 0};

// Pemilu target offices (ASSUMPTION): President/VP, DPR, DPRD province,
// DPRD regency/city.
constexpr std::array<uint32_t, 4> kPemiluOffices = {450, 200, 120, 230};

// Days from the act to the decision (ASSUMPTION: KASN/BKN recommendation,
// then the PPK decision; stats §3.2 time series shows months of lag).
struct LagBin {
  int lo, hi;
  uint32_t weight;
};
constexpr std::array<LagBin, 4> kLag = {{{14, 30, 20}, {31, 60, 35}, {61, 120, 30}, {121, 240, 15}}};

// Follow-up rates (stats §4): P(proven | reported) Pilkada 0.72-0.79
// (78.5 % KASN 2020; 72.5 % Bawaslu 2024) -> 0.755; national 0.45-0.55
// (45.4 % Feb 2024; 54 % 2023 cohort) -> 0.50. P(sanctioned | proven)
// final 0.86-0.91 (1,373/1,596; 1,450/1,597) -> 0.885. Data blocking 7-12 %
// of proven (Nov 2020: 72/606; 26 of 727) -> 0.09, drawn among the proven
// cases the PPK did not sanction (blocking is BKN's answer to a PPK that
// does not follow the recommendation).
constexpr double kPilkadaProven = 0.755, kPemiluProven = 0.50, kSanctioned = 0.885, kBlocked = 0.09;

}  // namespace

struct ReportGenerator::State {
  ReportOptions options;
  ReportRates rates;
  uint32_t proven_ppm = 0, sanctioned_ppm = 0, blocked_given_unsanctioned_ppm = 0;
  bool pilkada = true;
  Rng rng{0, 0};
  int64_t next = 0;
  int id_width = 7;

  v1::SyntheticReport Make();
};

v1::SyntheticReport ReportGenerator::State::Make() {
  ++next;
  const Phases& phases = pilkada ? PilkadaPhases() : PemiluPhases();
  v1::SyntheticReport rep;
  rep.set_report_id(absl::StrCat("SYN-", options.election, "-", Pad(next, id_width)));
  rep.set_synthetic(true);
  v1::EvaluationRequest& req = *rep.mutable_request();
  v1::Employee& e = *req.mutable_employee();

  // Position and kind.
  const Role role = static_cast<Role>(rng.Pick(pilkada ? kPilkadaRoles : kPemiluRoles));
  static constexpr v1::AgencyLevel kLevels[] = {v1::REGENCY_CITY, v1::PROVINCE, v1::CENTRAL};
  v1::AgencyLevel level = kLevels[rng.Pick(pilkada ? kPilkadaLevels : kPemiluLevels)];
  PositionType type = v1::PELAKSANA;
  std::string title;
  int step = kIIIa;
  // TMT CPNS years of a PNS, by position (ASSUMPTION, as in the roster).
  int tmt_lo = 1995, tmt_hi = 2021;
  switch (role) {
    case kJpt:
      // Provincial sekda and central JPT Madya are the minority (ASSUMPTION 10 %).
      if (level != v1::REGENCY_CITY && rng.Chance(100000)) {
        type = v1::JPT_MADYA;
        title = level == v1::PROVINCE ? "Sekretaris Daerah Provinsi" : "Sekretaris Jenderal";
        step = static_cast<int>(rng.Between(kIVd, kIVd + 1));
      } else {
        static constexpr std::array<const char*, 5> kJptTitles = {
            "Sekretaris Daerah", "Kepala Dinas Pendidikan", "Kepala Dinas Kesehatan", "Kepala Badan Kepegawaian",
            "Kepala Dinas Pekerjaan Umum"};
        type = v1::JPT_PRATAMA;
        title = kJptTitles[rng.Below(kJptTitles.size())];
        step = static_cast<int>(rng.Between(kIVc, kIVd));
      }
      break;
    case kAdministrator:
      type = v1::ADMINISTRATOR;
      title = rng.Chance(500000) ? "Sekretaris Dinas" : "Kepala Bidang";
      step = static_cast<int>(rng.Between(kIVa, kIVa + 1));
      break;
    case kCamat:
      type = v1::ADMINISTRATOR;
      title = "Camat";
      level = v1::REGENCY_CITY;
      step = static_cast<int>(rng.Between(kIVa - 1, kIVa + 1));
      break;
    case kLurah:
      type = v1::PENGAWAS;
      title = "Lurah";
      level = v1::REGENCY_CITY;
      step = static_cast<int>(rng.Between(kIIIc, kIIId));
      break;
    case kOther:
      type = v1::PENGAWAS;
      title = rng.Chance(500000) ? "Kepala Seksi" : "Kepala Subbagian";
      step = static_cast<int>(rng.Between(kIIIc, kIIId));
      break;
    case kFunctional:
      type = rng.Chance(700000) ? v1::FUNGSIONAL_KEAHLIAN : v1::FUNGSIONAL_KETERAMPILAN;
      break;
    case kPelaksana:
    case kRoleCount:
      type = v1::PELAKSANA;
      title = kPelaksanaTitles[rng.Below(kPelaksanaTitles.size())];
      step = static_cast<int>(rng.Between(kIIa, kIIId));
      break;
  }
  static constexpr v1::EmployeeKind kKinds[] = {v1::PNS, v1::CPNS, v1::PPPK, v1::PPPK_PARUH_WAKTU};
  const bool managerial = role != kFunctional && role != kPelaksana;
  const v1::EmployeeKind kind = managerial ? v1::PNS : kKinds[rng.Pick(kReportedKinds)];
  const bool pppk = kind == v1::PPPK || kind == v1::PPPK_PARUH_WAKTU;
  if (type == v1::FUNGSIONAL_KEAHLIAN) {
    static constexpr std::array<uint32_t, 3> kW = {450, 400, 150};  // pertama, muda, madya (ASSUMPTION)
    const size_t l = kind == v1::CPNS ? 0 : rng.Pick(kW);
    e.mutable_position()->set_jf_level(kKeahlianEnum[l]);
    static constexpr std::array<const char*, 4> kNames = {"Guru", "Analis Kebijakan", "Perencana", "Dokter"};
    title = absl::StrCat(kNames[rng.Below(kNames.size())], " ", kKeahlianLevels[l]);
    step = kind == v1::CPNS ? kIIIa : KeahlianStep(static_cast<int>(l), 4 + 8 * static_cast<int>(l));
    static constexpr int kTmt[3][2] = {{2012, 2021}, {2002, 2014}, {1992, 2006}};
    tmt_lo = kTmt[l][0];
    tmt_hi = kTmt[l][1];
  } else if (type == v1::FUNGSIONAL_KETERAMPILAN) {
    static constexpr std::array<uint32_t, 4> kW = {50, 500, 300, 150};  // pemula..penyelia (ASSUMPTION)
    const size_t l = kind == v1::CPNS ? 1 : rng.Pick(kW);
    e.mutable_position()->set_jf_level(kKeterampilanEnum[l]);
    static constexpr std::array<const char*, 3> kNames = {"Perawat", "Penyuluh Pertanian", "Pranata Komputer"};
    title = absl::StrCat(kNames[rng.Below(kNames.size())], " ", kKeterampilanLevels[l]);
    static constexpr int kSteps[] = {kIIa, kIIc, kIIIa, kIIIc};
    step = kSteps[l];
  }
  e.set_kind(kind);
  e.mutable_position()->set_type(type);
  e.mutable_position()->set_name(title);
  if (!pppk) e.set_golongan(GolonganOf(kind == v1::CPNS ? std::min(step, kIIIa) : step));

  // A NIP of the kind's style (simpeg §1.1, §1.3); reports need not be unique.
  const int sex = rng.Chance(kFemalePpm) ? 2 : 1;
  const int seq = 1 + static_cast<int>(rng.Pick(std::array<uint32_t, 3>{900, 80, 20}));
  if (pppk) {
    // Appointed before the election year's acts (2019-2022 for pemilu2024).
    const int year = kind == v1::PPPK_PARUH_WAKTU ? 2025 : static_cast<int>(rng.Between(pilkada ? 2021 : 2019, pilkada ? 2023 : 2022));
    const absl::CivilDay lo = std::max(kOldestBirth, absl::CivilDay(year - 56, 1, 1));
    const absl::CivilDay birth = lo + rng.Between(0, absl::CivilDay(year - 20, 1, 1) - lo);
    e.set_nip(PppkNip(birth, year, kind == v1::PPPK_PARUH_WAKTU ? kParuhWaktuDigit : 1, sex, seq));
  } else {
    if (managerial) tmt_lo = 1990, tmt_hi = 2008;
    const int y = kind == v1::CPNS ? (pilkada ? 2023 : 2022) : static_cast<int>(rng.Between(tmt_lo, tmt_hi));
    const int m = static_cast<int>(rng.Between(1, 12));
    const absl::CivilDay hi = absl::CivilDay(y - 19, m, 1) - 1;
    const absl::CivilDay lo = std::max(absl::CivilDay(1966, 1, 2), absl::CivilDay(y - 35, m, 1));
    e.set_nip(PnsNip(lo + rng.Between(0, hi - lo), y, m, sex, seq));
  }

  // Agency (synthetic names) and unit.
  v1::Agency& ag = *e.mutable_agency();
  ag.set_level(level);
  v1::Office office = v1::OFFICE_UNSPECIFIED;
  switch (level) {
    case v1::PROVINCE: {
      const int n = static_cast<int>(rng.Between(1, kProvinceCount));
      ag.set_id(absl::StrCat("SYN-PROV-", Pad(n, 2)));
      ag.set_name(absl::StrCat("Pemerintah Provinsi Sintetis ", Pad(n, 2)));
      office = v1::GOVERNOR;
      break;
    }
    case v1::CENTRAL: {
      const int n = static_cast<int>(rng.Between(1, kCentralCount));
      ag.set_id(absl::StrCat("SYN-PUSAT-", Pad(n, 2)));
      ag.set_name(absl::StrCat("Kementerian Sintetis ", Pad(n, 2)));
      static constexpr v1::Office kOffices[] = {v1::GOVERNOR, v1::REGENT, v1::MAYOR};
      office = kOffices[rng.Pick(std::array<uint32_t, 3>{300, 550, 150})];
      break;
    }
    default: {
      // 415 kabupaten : 93 kota (simpeg §9); a regional employee may also
      // back a governor pair (15 %, ASSUMPTION).
      const bool city = rng.Below(kInstansiTotal - kCentralCount - kProvinceCount) < static_cast<uint64_t>(kCityCount);
      const int n = static_cast<int>(rng.Between(1, city ? kCityCount : 415));
      ag.set_id(absl::StrCat(city ? "SYN-KOTA-" : "SYN-KAB-", Pad(n, 3)));
      ag.set_name(absl::StrCat(city ? "Pemerintah Kota Sintetis " : "Pemerintah Kabupaten Sintetis ", Pad(n, 3)));
      office = rng.Chance(150000) ? v1::GOVERNOR : (city ? v1::MAYOR : v1::REGENT);
      break;
    }
  }
  if (title == "Camat") {
    ag.set_unit_name(absl::StrCat("Kecamatan Sintetis ", Pad(rng.Between(1, 30), 2)));
  } else if (title == "Lurah") {
    ag.set_unit_name(absl::StrCat("Kelurahan Sintetis ", Pad(rng.Between(1, 40), 2)));
  }
  if (!pilkada) {
    static constexpr v1::Office kOffices[] = {v1::PRESIDENT_VICE_PRESIDENT, v1::DPR, v1::DPRD_PROVINCE,
                                              v1::DPRD_REGENCY_CITY};
    office = kOffices[rng.Pick(kPemiluOffices)];
  }

  // The act: category, then a date in a stage where that form is charged.
  std::array<uint32_t, kCategories.size()> cw{};
  for (size_t i = 0; i < cw.size(); ++i) cw[i] = pilkada ? kCategories[i].pilkada : kCategories[i].pemilu;
  const Category& cat = kCategories[rng.Pick(cw)];
  std::array<uint32_t, kPhaseCount> pw{};
  uint32_t total = 0;
  for (int p = 0; p < kPhaseCount; ++p) total += pw[p] = (cat.phases >> p & 1) ? phases[p].weight : 0;
  if (total == 0) {
    for (int p = 0; p < kPhaseCount; ++p) pw[p] = cat.phases >> p & 1;
  }
  const Phase& phase = phases[rng.Pick(pw)];
  const absl::CivilDay act_date = phase.from + rng.Between(0, phase.until - phase.from);
  const LagBin& lag = rng.PickRow(kLag);
  const absl::CivilDay decision = act_date + rng.Between(lag.lo, lag.hi);

  v1::Act& act = *req.add_acts();
  act.set_id("act-1");
  act.set_norm(cat.norm);
  act.set_act_date(FormatDate(act_date));
  act.set_description(absl::StrCat("Synthetic report: ", cat.label, " (", phase.name, ")"));
  v1::NeutralityFacts& nf = *act.mutable_neutrality();
  nf.mutable_target()->set_election(options.election);
  nf.mutable_target()->set_office(office);
  const std::string norm = cat.norm;
  if (norm == "neutrality.attend_declaration") nf.set_active_support(true);
  if (norm == "neutrality.spouse_campaign" || absl::StartsWith(norm, "neutrality.approach_")) nf.set_on_cltn(false);
  if (norm == "neutrality.party_membership") nf.set_resigned_in_writing(false);
  if (norm == "neutrality.support_letter_ktp" || norm == "neutrality.approach_public_as_independent_bakal_calon") {
    nf.mutable_target()->set_route(v1::INDEPENDENT);
  }
  req.set_decision_date(FormatDate(decision));

  // Follow-up.
  const bool proven = rng.Chance(proven_ppm);
  const bool sanctioned = proven && rng.Chance(sanctioned_ppm);
  const bool blocked = proven && !sanctioned && rng.Chance(blocked_given_unsanctioned_ppm);
  rep.set_proven(proven);
  rep.set_sanctioned(sanctioned);
  rep.set_blocked(blocked);
  rep.set_note(absl::StrCat("SYNTHETIC record (netra synth, seed ", options.seed,
                            "), not a real case or an official statistic; category: ", cat.label, "; stage window: ",
                            phase.name));
  return rep;
}

ReportGenerator::ReportGenerator(std::unique_ptr<State> state) : state_(std::move(state)) {}
ReportGenerator::~ReportGenerator() = default;

absl::StatusOr<std::unique_ptr<ReportGenerator>> ReportGenerator::Create(const ReportOptions& options) {
  constexpr int64_t kMaxCount = 100'000'000;
  if (options.count < 0 || options.count > kMaxCount) {
    return absl::InvalidArgumentError(absl::StrCat("count: ", options.count, " is outside 0-", kMaxCount));
  }
  if (options.election != "pilkada2024" && options.election != "pemilu2024") {
    return absl::InvalidArgumentError(
        absl::StrCat("election: \"", options.election, "\" is not one of pilkada2024, pemilu2024"));
  }
  for (double p : {options.p_proven, options.p_sanctioned, options.p_blocked}) {
    if (p > 1 || std::isnan(p)) {
      return absl::InvalidArgumentError(absl::StrCat("probability ", p, " is outside [0, 1]"));
    }
  }
  auto s = std::make_unique<State>();
  s->options = options;
  s->pilkada = options.election == "pilkada2024";
  s->rates.p_proven = options.p_proven >= 0 ? options.p_proven : (s->pilkada ? kPilkadaProven : kPemiluProven);
  s->rates.p_sanctioned = options.p_sanctioned >= 0 ? options.p_sanctioned : kSanctioned;
  s->rates.p_blocked = options.p_blocked >= 0 ? options.p_blocked : kBlocked;
  if (s->rates.p_blocked > 1 - s->rates.p_sanctioned + 1e-9) {
    return absl::InvalidArgumentError(absl::StrCat("p_blocked ", s->rates.p_blocked,
                                                   " exceeds 1 - p_sanctioned: only unsanctioned cases are blocked"));
  }
  s->proven_ppm = Ppm(s->rates.p_proven);
  s->sanctioned_ppm = Ppm(s->rates.p_sanctioned);
  const double unsanctioned = 1 - s->rates.p_sanctioned;
  s->blocked_given_unsanctioned_ppm =
      unsanctioned <= 0 ? 0 : std::min<uint32_t>(1000000, Ppm(s->rates.p_blocked / unsanctioned));
  s->rng = Rng(options.seed, s->pilkada ? 3 : 4);
  s->id_width = std::max(7, DigitsOf(options.count));
  return std::unique_ptr<ReportGenerator>(new ReportGenerator(std::move(s)));
}

std::optional<v1::SyntheticReport> ReportGenerator::Next() {
  if (state_->next >= state_->options.count) return std::nullopt;
  return state_->Make();
}

const ReportRates& ReportGenerator::rates() const { return state_->rates; }

absl::Status WriteReports(const ReportOptions& options, std::ostream& out) {
  auto gen = ReportGenerator::Create(options);
  if (!gen.ok()) return gen.status();
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  std::string json;
  while (auto r = (*gen)->Next()) {
    json.clear();
    if (auto st = google::protobuf::util::MessageToJsonString(*r, &json, print); !st.ok()) {
      return absl::InternalError(absl::StrCat("reports: ", st.ToString()));
    }
    json.push_back('\n');
    out.write(json.data(), static_cast<std::streamsize>(json.size()));
    if (!out) return absl::UnknownError("reports: write failed");
  }
  out.flush();
  if (!out) return absl::UnknownError("reports: write failed");
  return absl::OkStatus();
}

}  // namespace netra::synth

// ----------------------------------------------------------------- province
//
// A synthetic province (netra/synth.h, ProvinceOptions): the roster above,
// the election's pacts and the cases of the reports above, as the calls of
// service netra.v1.Records (proto/netra/v1/records.proto) that store them.
// Every pact event is applied to a PactRegistry over the same roster
// (src/pact/pact.cc: PactRegistry::Decide is the law of a pact's life) and
// every case replayed by the CaseMachine (src/lifecycle/case_machine.cc:
// CaseMachine::Apply is the procedure) before it is given to the sink, so
// a refused call is a bug of this generator, never data. The timing tables
// are ASSUMPTION (no source gives signing curves or case lags; plausible
// values for a demo), marked where they are.

namespace netra::synth {
namespace {

using absl::CivilDay;

int32_t DayNo(CivilDay d) { return static_cast<int32_t>(d - CivilDay(1970, 1, 1)); }
CivilDay FromDayNo(int32_t n) { return CivilDay(1970, 1, 1) + n; }

// The next weekday on or after `d` (offices sign and decide on working
// days; holidays are left in, ASSUMPTION).
CivilDay Weekday(CivilDay d) {
  const absl::Weekday w = absl::GetWeekday(d);
  if (w == absl::Weekday::saturday) return d + 2;
  if (w == absl::Weekday::sunday) return d + 1;
  return d;
}

// A roster row as the province keeps it (the roster is held for the whole
// run: compact, labels interned).
struct Person {
  std::string nip;  // "" for NON_ASN rows (they get no pact)
  uint32_t unit = 0, agency = 0, grade = 0, position = 0;
  uint8_t kind = 0;  // index into kKindNames
  PositionType type = v1::POSITION_TYPE_UNSPECIFIED;
  bool leader = false;
};

struct ProvinceUnit {
  uint32_t agency = 0;
  std::string name;
  size_t begin = 0, end = 0;  // rows [begin, end): the generator emits a unit's rows together
};

struct Interned {
  std::vector<std::string> values;
  absl::flat_hash_map<std::string, uint32_t> index;
  uint32_t Of(const std::string& s) {
    auto [it, fresh] = index.emplace(s, static_cast<uint32_t>(values.size()));
    if (fresh) values.push_back(s);
    return it->second;
  }
};

// Level of a roster agency, from its synthetic name (EnterAgency above).
v1::AgencyLevel LevelOfAgency(absl::string_view name) {
  if (absl::StartsWith(name, "Pemerintah Kabupaten") || absl::StartsWith(name, "Pemerintah Kota")) {
    return v1::REGENCY_CITY;
  }
  if (absl::StartsWith(name, "Pemerintah Provinsi")) return v1::PROVINCE;
  return v1::CENTRAL;
}

// The case header's employee from a roster row: the same kind, grade,
// position and agency (id = name = the roster's agency string, which the
// service's agency scopes and the compliance figures key cases by).
v1::Employee EmployeeOf(const Person& p, const std::vector<std::string>& grades,
                        const std::vector<std::string>& positions, const ProvinceUnit& unit,
                        const std::string& agency) {
  v1::Employee e;
  e.set_nip(p.nip);
  static constexpr v1::EmployeeKind kKinds[] = {v1::PNS, v1::CPNS, v1::PPPK, v1::PPPK_PARUH_WAKTU, v1::NON_ASN};
  e.set_kind(kKinds[p.kind]);
  const std::string& grade = grades[p.grade];
  for (size_t step = 0; step < kGolonganNames.size(); ++step) {
    if ((p.kind == kPns || p.kind == kCpns) && grade == kGolonganNames[step]) {
      e.set_golongan(GolonganOf(static_cast<int>(step)));
    }
  }
  v1::Position& pos = *e.mutable_position();
  pos.set_type(p.type);
  pos.set_name(positions[p.position]);
  if (p.type == v1::FUNGSIONAL_KEAHLIAN || p.type == v1::FUNGSIONAL_KETERAMPILAN) {
    for (size_t l = 0; l < 4; ++l) {
      if (absl::EndsWith(pos.name(), kKeahlianLevels[l])) pos.set_jf_level(kKeahlianEnum[l]);
      if (absl::EndsWith(pos.name(), kKeterampilanLevels[l])) pos.set_jf_level(kKeterampilanEnum[l]);
    }
  }
  v1::Agency& ag = *e.mutable_agency();
  ag.set_id(agency);
  ag.set_name(agency);
  ag.set_level(LevelOfAgency(agency));
  ag.set_unit_name(unit.name);
  return e;
}

// Unit profiles of the signing (ASSUMPTION, shaped on the practice
// LeadershipOrder in proto/netra/v1/pact.proto reports: heads sign first,
// often at an apel, then their staff; some units' staff run ahead of a late
// head; a few units lag far behind).
enum UnitProfile { kInOrder, kStaffAhead, kLagging };
constexpr std::array<uint32_t, 3> kUnitProfiles = {850, 80, 70};
// A staff member's signature: on time, late (after the due date), or not
// by the end of the window; per profile, per mille.
constexpr std::array<std::array<uint32_t, 3>, 3> kStaffOutcome = {{{700, 220, 80}, {600, 250, 150}, {150, 300, 550}}};
constexpr uint32_t kCeremonyPpm = 350000;        // in-order units that hold a signing apel
constexpr uint32_t kSignsAtCeremonyPpm = 550000;  // of their staff, who sign there
constexpr uint32_t kElectronicPpm = 400000;       // other signatures made electronically
constexpr uint32_t kDeclinePpm = 5000;            // staff who refuse to sign (PACT_DECLINED)
constexpr uint32_t kSignsAfterDecliningPpm = 300000;
constexpr uint32_t kWithdrawPpm = 4000;           // staff who leave service (PACT_WITHDRAWN)
constexpr int kIssueLatestDays = 21;               // the window's end before the due date

// Neutrality cases per employee for the demo: one per 250 employees, at
// least 12, at most 2,000 (ASSUMPTION: far denser than the reported rates
// the ReportGenerator above draws on, so that a small province has
// cases in every stage; it is not a rate).
int64_t NeutralityCaseTarget(int64_t employees) { return std::clamp<int64_t>(employees / 250, 12, 2000); }
// Disciplinary cases: one per 1,000 employees, at least 4, at most 200
// (ASSUMPTION).
int64_t DisciplinaryCaseTarget(int64_t employees) { return std::clamp<int64_t>(employees / 1000, 4, 200); }

// One planned pact event (sorted by day, then by the order planned, which
// keeps each employee's events in order).
struct PlannedPactEvent {
  int32_t day;
  uint32_t seq;
  uint32_t row;
  v1::PactEventType type;
  v1::SigningMethod method;
  uint32_t ceremony;  // unit index + 1 of the apel; 0 = none
};

google::protobuf::util::JsonPrintOptions ProtoNames() {
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  return print;
}

// The handling body of neutrality cases on `day` (HandlingRule rules:
// law/neutrality_skb2022.textproto skb2022.handling.kasn until 2024-08-24,
// skb2022.handling.bkn from then), as the case machine checks it.
std::optional<v1::HandlingBody> BodyOn(const RuleBook& book, CivilDay day) {
  std::optional<v1::HandlingBody> body;
  for (const RuleEntry& r : book.rules()) {
    if (r.rule->has_handling() && book.InForce(r, day)) body = r.rule->handling().body();
  }
  return body;
}

// The synthetic document number of a letter.
std::string DocNumber(absl::string_view kind, int64_t n, CivilDay d) {
  return absl::StrCat("SYN/", kind, "/", Pad(n, 4), "/", d.year());
}

class Province {
 public:
  Province(const ProvinceOptions& o, std::shared_ptr<const RuleBook> book, ProvinceSink* sink)
      : o_(o), book_(std::move(book)), sink_(sink) {}
  absl::StatusOr<ProvinceSummary> Run();

 private:
  absl::Status Call(absl::string_view method, const google::protobuf::Message& request) {
    ++summary_.calls[std::string(method)];
    ++summary_.total_calls;
    return sink_->Call(method, request);
  }
  absl::Status MakeRoster();
  absl::Status Pacts();
  absl::Status NeutralityCases();
  absl::Status DisciplinaryCases();
  absl::Status Store(v1::CaseLog log);
  absl::Status ImNkk();

  const ProvinceOptions& o_;
  std::shared_ptr<const RuleBook> book_;
  ProvinceSink* sink_;
  ProvinceSummary summary_;
  CivilDay as_of_;
  std::vector<Person> people_;
  std::vector<ProvinceUnit> units_;
  Interned agencies_, grades_, positions_;
  std::string csv_;
  std::optional<RosterTable> table_;
  std::optional<PactRegistry> registry_;
  std::optional<CaseMachine> machine_;
  std::vector<std::string> linkable_;  // neutrality cases with a recommendation on as_of
};

absl::Status Province::MakeRoster() {
  auto gen = RosterGenerator::Create({o_.seed, o_.employees, o_.agencies});
  if (!gen.ok()) return gen.status();
  summary_.agencies = (*gen)->agencies();
  csv_ = absl::StrCat(kRosterHeader, "\n");
  RosterRow r;
  people_.reserve(static_cast<size_t>(o_.employees));
  std::string unit_key;
  while ((*gen)->Next(&r)) {
    AppendRosterCsvLine(r, &csv_);
    Person p;
    p.nip = r.nip;
    p.agency = agencies_.Of(r.agency);
    p.grade = grades_.Of(r.grade);
    p.position = positions_.Of(r.position);
    for (size_t k = 0; k < kKindNames.size(); ++k) {
      if (r.type == kKindNames[k]) p.kind = static_cast<uint8_t>(k);
    }
    v1::PositionType_Parse(r.position_type, &p.type);
    p.leader = r.leader;
    if (units_.empty() || units_.back().agency != p.agency || units_.back().name != r.unit) {
      units_.push_back({p.agency, r.unit, people_.size(), people_.size()});
    }
    p.unit = static_cast<uint32_t>(units_.size() - 1);
    units_.back().end = people_.size() + 1;
    people_.push_back(std::move(p));
  }
  summary_.employees = static_cast<int64_t>(people_.size());
  summary_.units = static_cast<int64_t>(units_.size());
  if (auto st = sink_->Roster(csv_); !st.ok()) return st;

  // The table and registry the calls are checked against.
  std::istringstream in(csv_);
  v1::RosterImportReport report;
  auto table = ImportRosterCsv(in, &report);
  if (!table.ok()) return table.status();
  if (report.rejected() != 0 || table->size() != people_.size()) {
    return absl::InternalError(absl::StrCat("synth province: the roster import refused ", report.rejected(), " rows"));
  }
  table_.emplace(*std::move(table));

  // LoadRoster calls of at most ~2 MB of CSV each, every one with the
  // header (records.proto LoadRoster: rows already stored are counted, not
  // added again, so a retried chunk is harmless).
  constexpr size_t kChunkBytes = size_t{2} << 20;
  const size_t header_end = csv_.find('\n') + 1;
  size_t begin = header_end;
  while (begin < csv_.size()) {
    size_t end = std::min(csv_.size(), begin + kChunkBytes);
    if (end < csv_.size()) end = csv_.rfind('\n', end - 1) + 1;
    if (end <= begin) end = csv_.find('\n', begin) + 1;
    v1::LoadRosterRequest req;
    req.set_election(o_.election);
    req.mutable_roster()->set_csv(absl::StrCat(absl::string_view(csv_).substr(0, header_end),
                                               absl::string_view(csv_).substr(begin, end - begin)));
    if (auto st = Call("LoadRoster", req); !st.ok()) return st;
    begin = end;
  }
  return absl::OkStatus();
}

absl::Status Province::Pacts() {
  auto registry = PactRegistry::Create(book_, &*table_, o_.election);
  if (!registry.ok()) return registry.status();
  registry_.emplace(*std::move(registry));
  const CivilDay due = registry_->due();
  summary_.due = FormatDate(due);
  const CivilDay window_from = due - kIssueWindowDays;
  if (as_of_ < window_from) {
    return absl::InvalidArgumentError(absl::StrCat("as_of: ", FormatDate(as_of_), " is before the first day a pact of ",
                                                   o_.election, " is issued (", FormatDate(window_from), ", ",
                                                   kIssueWindowDays, " days before its due date ", FormatDate(due), ")"));
  }

  // Each agency's issue day, on a weekday of the window (the first
  // agency's on or before as_of, so that something is issued).
  Rng rng(o_.seed, 20);
  const size_t agencies = agencies_.values.size();
  std::vector<CivilDay> issue(agencies);
  for (size_t a = 0; a < agencies; ++a) {
    issue[a] = Weekday(window_from + rng.Between(0, kIssueWindowDays - kIssueLatestDays));
    if (a == 0 && issue[a] > as_of_) issue[a] = as_of_;
  }
  std::vector<size_t> order(agencies);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return issue[x] < issue[y]; });
  for (size_t a : order) {
    if (issue[a] > as_of_) continue;  // not issued yet on as_of
    v1::IssuePactsRequest req;
    req.set_election(o_.election);
    req.set_date(FormatDate(issue[a]));
    req.mutable_scope()->set_agency(agencies_.values[a]);
    // As the service does (Records IssuePacts): the election's default
    // templates, events of rows that need none skipped.
    std::vector<bool> mask(table_->units.size(), false);
    for (size_t u = 0; u < table_->units.size(); ++u) mask[u] = table_->unit_agency[u] == a;
    size_t row = 0;
    auto events = registry_->BulkEvents(v1::PACT_ISSUED, issue[a], &mask, &row, table_->size());
    if (!events.ok()) return events.status();
    for (const v1::PactEvent& e : *events) registry_->Apply(e).IgnoreError();  // kSkip
    if (auto st = Call("IssuePacts", req); !st.ok()) return st;
  }

  // The signing plan, unit by unit.
  std::vector<PlannedPactEvent> plan;
  uint32_t seq = 0;
  const int32_t as_of = DayNo(as_of_), due_day = DayNo(due);
  auto add = [&](int32_t day, size_t row, v1::PactEventType type, v1::SigningMethod method, uint32_t ceremony) {
    if (day > as_of) return;
    plan.push_back({day, seq++, static_cast<uint32_t>(row), type, method, ceremony});
  };
  auto weekday = [](int64_t day) { return DayNo(Weekday(FromDayNo(static_cast<int32_t>(day)))); };
  size_t first_unit = 0;
  while (first_unit < units_.size()) {
    const uint32_t a = units_[first_unit].agency;
    size_t last_unit = first_unit;
    while (last_unit < units_.size() && units_[last_unit].agency == a) ++last_unit;
    // Profiles of the agency's units; at least one unit whose staff run
    // ahead and, with four units or more, one lagging, so that a dashboard
    // sorting units worst-first has something to sort.
    std::vector<UnitProfile> profile(last_unit - first_unit);
    for (auto& p : profile) p = static_cast<UnitProfile>(rng.Pick(kUnitProfiles));
    auto force = [&](UnitProfile want, size_t skip_largest) {
      if (std::find(profile.begin(), profile.end(), want) != profile.end()) return;
      std::vector<size_t> by_size(profile.size());
      std::iota(by_size.begin(), by_size.end(), 0);
      std::stable_sort(by_size.begin(), by_size.end(), [&](size_t x, size_t y) {
        const auto& ux = units_[first_unit + x];
        const auto& uy = units_[first_unit + y];
        return ux.end - ux.begin > uy.end - uy.begin;
      });
      const size_t pick = by_size[std::min(skip_largest, by_size.size() - 1)];
      profile[pick] = want;
    };
    if (profile.size() >= 2) force(kStaffAhead, 1);
    if (profile.size() >= 4) force(kLagging, 2);
    const int32_t issued = DayNo(issue[a]);
    const bool agency_issued = issue[a] <= as_of_;
    const int32_t window = std::max(1, due_day - issued);
    for (size_t u = first_unit; u < last_unit; ++u) {
      const UnitProfile prof = profile[u - first_unit];
      // The head's signature.
      int32_t leader_day = -1;
      switch (prof) {
        case kInOrder: leader_day = weekday(issued + rng.Between(0, std::min(7, window))); break;
        case kStaffAhead: leader_day = weekday(issued + rng.Between(window / 2, window + 14)); break;
        case kLagging:
          leader_day = rng.Chance(500000) ? -1 : weekday(issued + rng.Between(window / 2, window + 40));
          break;
      }
      const bool ceremony = prof == kInOrder && rng.Chance(kCeremonyPpm);
      const int32_t ceremony_day = ceremony ? weekday(leader_day + rng.Between(0, 10)) : -1;
      for (size_t row = units_[u].begin; row < units_[u].end; ++row) {
        const Person& p = people_[row];
        if (!agency_issued || p.nip.empty()) continue;  // no pact: not issued, or no NIP (NON_ASN)
        auto method = [&] { return rng.Chance(kElectronicPpm) ? v1::ELECTRONIC : v1::INDIVIDUAL; };
        if (p.leader) {
          if (ceremony) {
            add(std::min(leader_day, ceremony_day), row, v1::PACT_SIGNED, v1::CEREMONY, static_cast<uint32_t>(u + 1));
          } else if (leader_day >= 0) {
            add(leader_day, row, v1::PACT_SIGNED, method(), 0);
          }
          continue;
        }
        if (rng.Chance(kWithdrawPpm)) {
          add(weekday(issued + rng.Between(3, 60)), row, v1::PACT_WITHDRAWN, v1::SIGNING_METHOD_UNSPECIFIED, 0);
          continue;
        }
        if (rng.Chance(kDeclinePpm)) {
          const int32_t declined = weekday(issued + rng.Between(2, 30));
          add(declined, row, v1::PACT_DECLINED, v1::SIGNING_METHOD_UNSPECIFIED, 0);
          if (rng.Chance(kSignsAfterDecliningPpm)) add(weekday(declined + rng.Between(7, 40)), row, v1::PACT_SIGNED, method(), 0);
          continue;
        }
        if (ceremony && rng.Chance(kSignsAtCeremonyPpm)) {
          add(ceremony_day, row, v1::PACT_SIGNED, v1::CEREMONY, static_cast<uint32_t>(u + 1));
          continue;
        }
        // In-order units' staff sign from their head's day on.
        const int32_t from = prof == kInOrder ? leader_day : issued;
        switch (rng.Pick(kStaffOutcome[prof])) {
          case 0: add(weekday(from + rng.Between(0, std::max(0, due_day - from))), row, v1::PACT_SIGNED, method(), 0); break;
          case 1: add(weekday(due_day + rng.Between(1, 45)), row, v1::PACT_SIGNED, method(), 0); break;
          default: break;  // not signed by as_of
        }
      }
    }
    first_unit = last_unit;
  }
  std::sort(plan.begin(), plan.end(), [](const PlannedPactEvent& x, const PlannedPactEvent& y) {
    return x.day != y.day ? x.day < y.day : x.seq < y.seq;
  });

  int64_t evidence = 0;
  for (const PlannedPactEvent& ev : plan) {
    const Person& p = people_[ev.row];
    const ProvinceUnit& unit = units_[p.unit];
    const std::string date = FormatDate(FromDayNo(ev.day));
    v1::PactEvent e;
    e.set_type(ev.type);
    e.set_date(date);
    e.set_nip(p.nip);
    if (ev.type == v1::PACT_SIGNED) {
      // SignPact records exactly this event (src/api/records.cc SignPact).
      v1::SignPactRequest req;
      req.set_election(o_.election);
      req.set_nip(p.nip);
      req.set_date(date);
      req.set_method(ev.method);
      if (ev.method == v1::CEREMONY) {
        req.set_ceremony_id(absl::StrCat("SYN-APEL-", Pad(unit.agency + 1, 3), "-", Pad(ev.ceremony, 4)));
        req.set_place(absl::StrCat("Halaman kantor ", unit.name, " (sintetis)"));
      } else if (ev.method == v1::ELECTRONIC) {
        req.set_evidence_ref(absl::StrCat("SYN-TTE-", Pad(++evidence, 7)));
      } else {
        req.set_place(absl::StrCat("Kantor ", unit.name, " (sintetis)"));
      }
      e.set_signer_nip(p.nip);
      e.set_method(req.method());
      e.set_ceremony_id(req.ceremony_id());
      e.set_place(req.place());
      e.set_evidence_ref(req.evidence_ref());
      if (auto st = registry_->Apply(e); !st.ok()) {
        return absl::InternalError(absl::StrCat("synth province: a generated signature is refused: ", st.message()));
      }
      if (auto st = Call("SignPact", req); !st.ok()) return st;
      continue;
    }
    e.set_note(ev.type == v1::PACT_DECLINED ? "SYNTHETIC: refused to sign (no codified sanction)"
                                            : "SYNTHETIC: left service");
    if (auto st = registry_->Apply(e); !st.ok()) {
      return absl::InternalError(absl::StrCat("synth province: a generated pact event is refused: ", st.message()));
    }
    v1::RecordPactEventRequest req;
    req.set_election(o_.election);
    *req.mutable_event() = e;
    if (auto st = Call("RecordPactEvent", req); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status Province::Store(v1::CaseLog log) {
  auto progress = machine_->Replay(log);
  if (!progress.ok()) {
    return absl::InternalError(absl::StrCat("synth province: generated case ", log.case_id(), " is refused: ",
                                            progress.status().message()));
  }
  std::vector<OverdueItem> overdue;
  machine_->Overdue(*progress, as_of_, &overdue);
  summary_.cases_overdue += overdue.empty() ? 0 : 1;
  if (log.kind() == v1::NEUTRALITY) {
    ++summary_.neutrality_cases;
    ++summary_.neutrality_status[v1::CaseStatus_Name(progress->status)];
    if (progress->Seen(v1::RECOMMENDATION)) {
      linkable_.push_back(log.case_id());
      auto link = registry_->LinkBreaches(*progress, as_of_);
      if (!link.ok()) return link.status();
      for (const v1::PactEvent& e : link->events) {
        if (auto st = registry_->Apply(e); !st.ok()) {
          return absl::InternalError(absl::StrCat("synth province: a breach link is refused: ", st.message()));
        }
        ++summary_.breaches;
      }
    }
  } else {
    ++summary_.disciplinary_cases;
  }
  if (auto st = sink_->Case(log); !st.ok()) return st;
  v1::CreateCaseRequest req;
  *req.mutable_case_() = std::move(log);
  return Call("CreateCase", req);
}

absl::Status Province::NeutralityCases() {
  // Employees by agency and position type (rows with a NIP), to give each
  // report's act to a roster employee of its kind.
  const size_t agencies = agencies_.values.size();
  std::vector<std::map<int, std::vector<uint32_t>>> by_type(agencies);
  std::vector<uint32_t> with_nip;
  for (size_t row = 0; row < people_.size(); ++row) {
    if (people_[row].nip.empty()) continue;
    by_type[people_[row].agency][people_[row].type].push_back(static_cast<uint32_t>(row));
    with_nip.push_back(static_cast<uint32_t>(row));
  }
  if (with_nip.empty()) return absl::OkStatus();
  const int64_t target = NeutralityCaseTarget(o_.employees);
  auto reports = ReportGenerator::Create({.seed = o_.seed, .count = target * 50 + 100, .election = o_.election});
  if (!reports.ok()) return reports.status();
  Rng rng(o_.seed, 21);
  const bool pilkada = o_.election == "pilkada2024";
  int64_t made = 0;
  while (made < target) {
    std::optional<v1::SyntheticReport> rep = (*reports)->Next();
    if (!rep) break;
    const v1::Act& act = rep->request().acts(0);
    auto act_day = ParseDate(act.act_date(), "act_date");
    if (!act_day.ok()) return act_day.status();
    // Reported a few days after the act (ASSUMPTION); a report not made by
    // as_of is not a case yet.
    const CivilDay reported = Weekday(*act_day + rng.Between(1, 10));
    if (reported > as_of_) continue;
    // The employee: a roster row of the report's position type in an
    // agency drawn by size, else of its position class, else anyone.
    const Person& drawn = people_[with_nip[rng.Below(with_nip.size())]];
    const auto& types = by_type[drawn.agency];
    const PositionType want = rep->request().employee().position().type();
    const std::vector<uint32_t>* pool = nullptr;
    if (auto it = types.find(want); it != types.end()) pool = &it->second;
    for (const auto& [type, rows] : types) {
      if (pool == nullptr && ClassOf(static_cast<PositionType>(type)) == ClassOf(want)) pool = &rows;
    }
    const uint32_t row = pool != nullptr ? (*pool)[rng.Below(pool->size())]
                                         : static_cast<uint32_t>(&drawn - people_.data());
    const Person& p = people_[row];
    const std::string& agency = agencies_.values[p.agency];

    v1::CaseLog log;
    log.set_case_id(rep->report_id());
    log.set_kind(v1::NEUTRALITY);
    *log.mutable_employee() = EmployeeOf(p, grades_.values, positions_.values, units_[p.unit], agency);
    // The act as reported, its target office that of the employee's region
    // in a Pilkada (a regency's staff and its regent pair, unless the
    // report drew the governor's race).
    v1::Act found = act;
    if (pilkada && found.neutrality().target().office() != v1::GOVERNOR) {
      const v1::AgencyLevel level = LevelOfAgency(agency);
      found.mutable_neutrality()->mutable_target()->set_office(
          level == v1::PROVINCE ? v1::GOVERNOR
          : absl::StartsWith(agency, "Pemerintah Kota") ? v1::MAYOR
                                                         : v1::REGENT);
    }
    const std::string ref = absl::StrCat("SYN-BAWASLU-", Pad(p.agency + 1, 3));
    std::vector<v1::CaseEvent> events;
    auto add = [&](v1::EventType type, CivilDay day, v1::Role role) -> v1::CaseEvent* {
      if (day > as_of_) return nullptr;
      v1::CaseEvent& e = events.emplace_back();
      e.set_type(type);
      e.set_date(FormatDate(day));
      e.mutable_actor()->set_role(role);
      return &e;
    };
    // Who judges on a day: the handling body of that day (or nobody).
    auto body_event = [&](v1::EventType type, CivilDay day) -> v1::CaseEvent* {
      auto body = BodyOn(*book_, day);
      if (!body) return nullptr;
      v1::CaseEvent* e = add(type, day, v1::ROLE_HANDLING_BODY);
      if (e != nullptr) e->mutable_actor()->set_body(*body);
      return e;
    };
    // The flow (docs/law/neutrality_skb2022.md, as the case machine has
    // it): a Bawaslu finding forwarded (70 %) or a public report filed with
    // the handling body (ASSUMPTION), then its recommendation or not-proven
    // finding, then the PPK's follow-up, or BKN's blocking once the
    // follow-up period (setting neutrality_follow_up_days) has passed.
    const bool via_bawaslu = rng.Chance(700000);
    if (v1::CaseEvent* e = add(v1::REPORT, reported, via_bawaslu ? v1::ROLE_BAWASLU : v1::ROLE_REPORTER)) {
      e->mutable_actor()->set_ref(via_bawaslu ? ref : "SYN-PELAPOR");
      e->set_note(rep->note());
    }
    CivilDay last = reported;
    bool open = true;
    if (via_bawaslu) {
      last = Weekday(last + rng.Between(5, 21));
      // Of the reports not proven, Bawaslu stops some itself (ASSUMPTION 30 %).
      const bool stopped = !rep->proven() && rng.Chance(300000);
      if (v1::CaseEvent* e = add(stopped ? v1::BAWASLU_STOPPED : v1::BAWASLU_FORWARDED, last, v1::ROLE_BAWASLU)) {
        e->mutable_actor()->set_ref(ref);
        e->set_document_number(DocNumber("BAWASLU", made + 1, last));
      }
      open = !stopped;
    }
    if (open) {
      const CivilDay judged = Weekday(last + rng.Between(10, 45));
      if (!rep->proven()) {
        if (v1::CaseEvent* e = body_event(v1::NOT_PROVEN, judged)) {
          e->set_document_number(DocNumber("REKOM", made + 1, judged));
        }
      } else if (v1::CaseEvent* e = body_event(v1::RECOMMENDATION, judged)) {
        e->set_document_number(DocNumber("REKOM", made + 1, judged));
        *e->mutable_findings()->add_acts() = found;
        const std::string linked = absl::StrCat(log.case_id(), "-SANKSI");
        if (rep->sanctioned()) {
          // Two thirds within the period, the rest late (ASSUMPTION).
          const CivilDay followed = Weekday(judged + (rng.Chance(650000) ? rng.Between(3, 14) : rng.Between(15, 60)));
          if (v1::CaseEvent* f = add(v1::FOLLOW_UP, followed, v1::ROLE_PPK)) {
            f->set_linked_case_id(linked);
            f->set_document_number(DocNumber("SK-HUKDIS", made + 1, followed));
          }
        } else if (rep->blocked()) {
          const CivilDay escalated = Weekday(judged + rng.Between(21, 45));
          if (body_event(v1::ESCALATED, escalated) != nullptr && rng.Chance(500000)) {
            const CivilDay followed = Weekday(escalated + rng.Between(7, 40));
            if (v1::CaseEvent* f = add(v1::FOLLOW_UP, followed, v1::ROLE_PPK)) {
              f->set_linked_case_id(linked);
              f->set_document_number(DocNumber("SK-HUKDIS", made + 1, followed));
              body_event(v1::UNBLOCKED, Weekday(followed + rng.Between(1, 7)));
            }
          }
        }
        // Neither: the recommendation stays open (and falls overdue).
      }
    }
    for (v1::CaseEvent& e : events) *log.add_events() = std::move(e);
    if (auto st = Store(std::move(log)); !st.ok()) return st;
    ++made;
  }
  return absl::OkStatus();
}

absl::Status Province::DisciplinaryCases() {
  // PNS staff (not heads) of the regional agencies; PP 94/2021 is the
  // discipline of PNS.
  std::vector<uint32_t> pool;
  for (size_t row = 0; row < people_.size(); ++row) {
    const Person& p = people_[row];
    if (p.kind == kPns && !p.leader && !p.nip.empty() &&
        (p.type == v1::PELAKSANA || p.type == v1::FUNGSIONAL_KEAHLIAN || p.type == v1::FUNGSIONAL_KETERAMPILAN)) {
      pool.push_back(static_cast<uint32_t>(row));
    }
  }
  if (pool.empty()) return absl::OkStatus();
  Rng rng(o_.seed, 22);
  const int64_t target = DisciplinaryCaseTarget(o_.employees);
  const int width = std::max(4, DigitsOf(target));
  for (int64_t i = 0; i < target; ++i) {
    const Person& p = people_[pool[rng.Below(pool.size())]];
    v1::CaseLog log;
    log.set_case_id(absl::StrCat("SYN-", o_.election, "-DISC-", Pad(i + 1, width)));
    log.set_kind(v1::DISCIPLINARY);
    *log.mutable_employee() =
        EmployeeOf(p, grades_.values, positions_.values, units_[p.unit], agencies_.values[p.agency]);
    const std::string boss = absl::StrCat("SYN-ATASAN-", Pad(p.unit + 1, 4));
    auto event = [&](v1::EventType type, CivilDay day, v1::Role role) {
      v1::CaseEvent* e = log.add_events();
      e->set_type(type);
      e->set_date(FormatDate(day));
      e->mutable_actor()->set_role(role);
      e->mutable_actor()->set_ref(role == v1::ROLE_HR_OFFICIAL ? "SYN-KEPEGAWAIAN" : boss);
      return e;
    };
    // Absence without valid reason (PP 94/2021 Pasal 4 huruf f, 9-11), as in
    // examples/case_disciplinary_absence_2024.json; the number of days
    // (ASSUMPTION) decides the level the law gives.
    auto findings = [&](CivilDay knowledge, CivilDay examined) {
      v1::EvaluationRequest f;
      v1::Act& act = *f.add_acts();
      act.set_id("absence");
      act.set_norm("pp94.duty.attendance");
      act.set_act_date(FormatDate(knowledge - rng.Between(1, 10)));
      const int64_t days = rng.Between(4, 20);
      act.set_description(absl::StrCat("SYNTHETIC: absent without valid reason on ", days, " working days"));
      act.mutable_absence()->set_cumulative_working_days(static_cast<int32_t>(days));
      act.mutable_absence()->set_consecutive_working_days(static_cast<int32_t>(std::min<int64_t>(days, rng.Between(1, 3))));
      f.set_examination_date(FormatDate(examined));
      return f;
    };
    // Four shapes on as_of, in turn (dates counted back from as_of so that
    // the overdue ones are overdue): 0 decided, not delivered (delivery,
    // PP 94/2021 Pasal 37(2), 14 working days, overdue); 1 absent at the
    // first summons, no second one (Pasal 26(3), 7 working days, overdue);
    // 2 decided and delivered; 3 just summoned.
    const int shape = static_cast<int>(i % 4);
    CivilDay knowledge;
    switch (shape) {
      case 0: knowledge = as_of_ - rng.Between(55, 80); break;
      case 1: knowledge = as_of_ - rng.Between(35, 50); break;
      case 2: knowledge = as_of_ - rng.Between(60, 120); break;
      default: knowledge = as_of_ - rng.Between(2, 8); break;
    }
    knowledge = Weekday(knowledge);
    event(v1::KNOWLEDGE, knowledge, v1::ROLE_DIRECT_SUPERIOR)->set_note("SYNTHETIC case (netra synth province)");
    const CivilDay summons = Weekday(knowledge + 1);
    const CivilDay scheduled = Weekday(summons + 14);  // at least 7 working days' notice (Pasal 26(2))
    v1::CaseEvent* s1 = event(v1::SUMMONS_1, summons, v1::ROLE_DIRECT_SUPERIOR);
    s1->set_scheduled_date(FormatDate(scheduled));
    s1->set_document_number(DocNumber("PANGGILAN", i + 1, summons));
    if (shape == 3 || scheduled > as_of_) {
      if (auto st = Store(std::move(log)); !st.ok()) return st;
      continue;
    }
    if (shape == 1) {
      event(v1::NO_SHOW, scheduled, v1::ROLE_DIRECT_SUPERIOR);
      if (auto st = Store(std::move(log)); !st.ok()) return st;
      continue;
    }
    v1::CaseEvent* exam = event(v1::EXAMINATION, scheduled, v1::ROLE_DIRECT_SUPERIOR);
    exam->set_document_number(DocNumber("BAP", i + 1, scheduled));
    *exam->mutable_findings() = findings(knowledge, scheduled);
    const CivilDay reported = Weekday(scheduled + 3);
    event(v1::REPORTED_UP, reported, v1::ROLE_DIRECT_SUPERIOR);
    const CivilDay decided = Weekday(reported + rng.Between(4, 10));
    // The sanction and its signer from the law's answer on the findings
    // (the lightest allowed type a competent official may impose; none
    // BERAT, which needs a team's examination, Pasal 29(2)).
    v1::EvaluationRequest judged = exam->findings();
    *judged.mutable_employee() = log.employee();
    judged.set_decision_date(FormatDate(decided));
    auto answer = machine_->evaluator().Evaluate(judged);
    if (!answer.ok()) return answer.status();
    std::string code;
    v1::Official official = v1::OFFICIAL_UNSPECIFIED;
    for (const v1::AllowedSanction& s : answer->allowed_sanctions()) {
      if (!code.empty() || s.level() == v1::BERAT || answer->outcome() != v1::SANCTION) continue;
      for (const v1::CompetentOfficial& c : answer->competent_officials()) {
        if (std::find(c.sanction_types().begin(), c.sanction_types().end(), s.code()) != c.sanction_types().end()) {
          code = s.code();
          official = c.official();
          break;
        }
      }
    }
    if (code.empty() || decided > as_of_) {
      if (auto st = Store(std::move(log)); !st.ok()) return st;
      continue;
    }
    v1::CaseEvent* d = event(v1::DECISION, decided, v1::ROLE_SANCTIONING_OFFICIAL);
    d->set_sanction_type(code);
    d->mutable_actor()->set_official(official);
    d->set_document_number(DocNumber("SK", i + 1, decided));
    if (shape == 2) {
      const CivilDay delivered = Weekday(decided + rng.Between(2, 9));
      if (delivered <= as_of_) event(v1::DELIVERY, delivered, v1::ROLE_HR_OFFICIAL);
    }
    if (auto st = Store(std::move(log)); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status Province::ImNkk() {
  // A synthetic IM NKK index per agency, 0.550-0.950 (ASSUMPTION: no index
  // of a real agency; the predicate scale is UNCONFIRMED and left to the
  // user: setting im_nkk_predicate_bands).
  Rng rng(o_.seed, 23);
  std::string csv = "agency,index\n";
  for (const std::string& agency : agencies_.values) {
    const int64_t milli = rng.Between(550, 950);
    absl::StrAppend(&csv, agency, ",0.", Pad(milli, 3), "\n");
  }
  return sink_->ImNkk(csv);
}

absl::StatusOr<ProvinceSummary> Province::Run() {
  if (o_.employees < 1 || o_.employees > kMaxProvinceEmployees) {
    return absl::InvalidArgumentError(
        absl::StrCat("employees: ", o_.employees, " is outside 1-", kMaxProvinceEmployees));
  }
  if (o_.election != "pilkada2024" && o_.election != "pemilu2024") {
    return absl::InvalidArgumentError(
        absl::StrCat("election: ", internal::Quoted(o_.election, 80), " is not one of pilkada2024, pemilu2024"));
  }
  auto as_of = ParseDate(o_.as_of, "as_of");
  if (!as_of.ok()) return as_of.status();
  as_of_ = *as_of;
  // The election's last recapitulation day (law/elections): a year after
  // it, the demo's story is over.
  const v1::Election* election = book_->FindElection(o_.election);
  if (election == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("election: \"", o_.election, "\" is not in the law"));
  }
  CivilDay end(1970, 1, 1);
  for (const v1::Contest& c : election->contests()) {
    for (const v1::CalendarEntry* e : {&c.voting(), &c.recapitulation()}) {
      for (const std::string& d : {e->from(), e->until()}) {
        if (auto day = ParseDate(d, "date"); !d.empty() && day.ok()) end = std::max(end, *day);
      }
    }
  }
  if (as_of_ > end + 365) {
    return absl::InvalidArgumentError(absl::StrCat("as_of: ", o_.as_of, " is more than a year after ", o_.election,
                                                   " ended (", FormatDate(end), ")"));
  }
  // Create both checkers first: an options error must come before output.
  auto machine = CaseMachine::Create(book_);
  if (!machine.ok()) return machine.status();
  machine_.emplace(*std::move(machine));
  if (auto st = RosterGenerator::Create({o_.seed, o_.employees, o_.agencies}).status(); !st.ok()) return st;
  {
    // The due date's window check needs only the law: an empty roster.
    RosterTable empty;
    auto probe = PactRegistry::Create(book_, &empty, o_.election);
    if (!probe.ok()) return probe.status();
    if (as_of_ < probe->due() - kIssueWindowDays) {
      return absl::InvalidArgumentError(absl::StrCat(
          "as_of: ", o_.as_of, " is before the first day a pact of ", o_.election, " is issued (",
          FormatDate(probe->due() - kIssueWindowDays), ", ", kIssueWindowDays, " days before its due date ",
          FormatDate(probe->due()), ")"));
    }
  }
  if (auto st = MakeRoster(); !st.ok()) return st;
  if (auto st = Pacts(); !st.ok()) return st;
  if (auto st = NeutralityCases(); !st.ok()) return st;
  if (auto st = DisciplinaryCases(); !st.ok()) return st;
  // Confirmed violations become breaches of the violators' pacts (those
  // signed before the act; records.proto LinkBreaches).
  if (!linkable_.empty()) {
    v1::LinkBreachesRequest req;
    req.set_election(o_.election);
    for (const std::string& id : linkable_) req.add_case_ids(id);
    req.set_as_of(o_.as_of);
    if (auto st = Call("LinkBreaches", req); !st.ok()) return st;
  }
  if (auto st = ImNkk(); !st.ok()) return st;
  const v1::PactProgress progress = registry_->Progress(as_of_);
  summary_.issued = progress.total().issued();
  summary_.signed_on_time = progress.total().signed_on_time();
  summary_.signed_late = progress.total().signed_late();
  summary_.not_signed = progress.total().not_signed();
  summary_.declined = progress.total().declined();
  summary_.withdrawn = progress.total().withdrawn();
  summary_.units_staff_ahead_of_leaders = progress.units_staff_ahead_of_leaders();
  return summary_;
}

// Writes the province's files (WriteProvince).
class DirectorySink : public ProvinceSink {
 public:
  explicit DirectorySink(std::filesystem::path dir) : dir_(std::move(dir)) {}
  absl::Status Open() {
    calls_.open(dir_ / "calls.jsonl", std::ios::binary | std::ios::trunc);
    if (!calls_) return absl::UnknownError(absl::StrCat((dir_ / "calls.jsonl").string(), ": cannot create"));
    return absl::OkStatus();
  }
  absl::Status Close() {
    calls_.close();
    if (!calls_) return absl::UnknownError(absl::StrCat((dir_ / "calls.jsonl").string(), ": write failed"));
    return absl::OkStatus();
  }
  absl::Status Roster(absl::string_view csv) override { return WriteFile(dir_ / "roster.csv", csv); }
  absl::Status Call(absl::string_view method, const google::protobuf::Message& request) override {
    auto line = ProvinceCallLine(method, request);
    if (!line.ok()) return line.status();
    line->push_back('\n');
    calls_.write(line->data(), static_cast<std::streamsize>(line->size()));
    if (!calls_) return absl::UnknownError(absl::StrCat((dir_ / "calls.jsonl").string(), ": write failed"));
    return absl::OkStatus();
  }
  absl::Status Case(const v1::CaseLog& log) override {
    google::protobuf::util::JsonPrintOptions print = ProtoNames();
    print.add_whitespace = true;
    std::string json;
    if (auto st = google::protobuf::util::MessageToJsonString(log, &json, print); !st.ok()) {
      return absl::InternalError(absl::StrCat("case ", log.case_id(), ": ", st.ToString()));
    }
    return WriteFile(dir_ / "cases" / absl::StrCat(log.case_id(), ".json"), json);
  }
  absl::Status ImNkk(absl::string_view csv) override { return WriteFile(dir_ / "im_nkk.csv", csv); }

  static absl::Status WriteFile(const std::filesystem::path& path, absl::string_view text) {
    return internal::WriteOutputFile(path.string(), text);
  }

 private:
  std::filesystem::path dir_;
  std::ofstream calls_;
};

}  // namespace

absl::StatusOr<std::string> ProvinceCallLine(absl::string_view method, const google::protobuf::Message& request) {
  std::string json;
  if (auto st = google::protobuf::util::MessageToJsonString(request, &json, ProtoNames()); !st.ok()) {
    return absl::InternalError(absl::StrCat(method, ": ", st.ToString()));
  }
  // The method names of netra.v1.Records are plain identifiers: no escaping.
  return absl::StrCat("{\"method\":\"", method, "\",\"request\":", json, "}");
}

absl::StatusOr<ProvinceSummary> GenerateProvince(const ProvinceOptions& options, ProvinceSink* sink) {
  std::shared_ptr<const RuleBook> book = options.law;
  if (book == nullptr) {
    auto loaded = RuleBook::Load();
    if (!loaded.ok()) return loaded.status();
    book = *std::move(loaded);
  }
  Province province(options, std::move(book), sink);
  return province.Run();
}

absl::StatusOr<ProvinceSummary> WriteProvince(const ProvinceOptions& options, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path(dir);
  if (fs::exists(path, ec) && !(fs::is_directory(path, ec) && fs::is_empty(path, ec))) {
    return absl::FailedPreconditionError(absl::StrCat("out: ", dir, " exists and is not an empty directory"));
  }
  // Check the options before anything is created: generate into nothing.
  class Null : public ProvinceSink {
   public:
    absl::Status Roster(absl::string_view) override { return absl::OkStatus(); }
    absl::Status Call(absl::string_view, const google::protobuf::Message&) override {
      return absl::CancelledError("options checked");
    }
    absl::Status Case(const v1::CaseLog&) override { return absl::OkStatus(); }
    absl::Status ImNkk(absl::string_view) override { return absl::OkStatus(); }
  } null;
  if (auto probe = GenerateProvince(options, &null); !probe.ok() && !absl::IsCancelled(probe.status())) {
    return probe.status();
  }
  fs::create_directories(path / "cases", ec);
  if (ec) return absl::UnknownError(absl::StrCat("out: ", dir, ": ", ec.message()));
  DirectorySink sink(path);
  if (auto st = sink.Open(); !st.ok()) return st;
  auto summary = GenerateProvince(options, &sink);
  if (!summary.ok()) return summary.status();
  if (auto st = sink.Close(); !st.ok()) return st;
  const std::string readme = absl::StrCat(
      "SYNTHETIC DATA, NOT OFFICIAL. Generated by `netra synth province --seed ", options.seed, " --employees ",
      options.employees, " --agencies ", options.agencies, " --election ", options.election, " --as-of ",
      options.as_of,
      "`.\nNo real person, agency or case: names read \"Pegawai Sintetis ...\", agencies \"... Sintetis ...\", case "
      "ids start \"SYN-\"; the IM NKK indices are made up.\n\n"
      "calls.jsonl  one Records call per line, {\"method\": ..., \"request\": ...}, to POST /v1/<method> in order\n"
      "             (scripts/demo_load.py does): LoadRoster, IssuePacts, SignPact / RecordPactEvent, CreateCase,\n"
      "             LinkBreaches\n"
      "roster.csv   the roster (netra roster check, netra compliance --roster)\n"
      "im_nkk.csv   a synthetic IM NKK index per agency (netra compliance --im-nkk)\n"
      "cases/       each case as a CaseLog (netra case, netra compliance ... cases/*.json)\n");
  if (auto st = DirectorySink::WriteFile(path / "README.txt", readme); !st.ok()) return st;
  return summary;
}

}  // namespace netra::synth
