// Seeded synthetic rosters and neutrality reports; see netra/synth.h.
//
// EVERY PARAMETER BELOW IS A DERIVED SUGGESTION FOR SYNTHETIC DATA, labelled
// synthetic in the output, never an official statistic. Each table names its
// source: "simpeg §n" = ../shared/domain/simpeg-data-model.md section n,
// "stats §n" = ../shared/domain/compliance-and-statistics.md section n.
// Tables marked ASSUMPTION have no source in the domain files; they are
// plausible values chosen to make the data look like an ASN roster.
//
// Determinism: only std::mt19937_64 (fully specified by the standard) and the
// integer helpers in Rng below. No std::*_distribution, no floating point on
// the sampling path (probabilities are turned into integer parts per million
// once, with std::llround, which is exact IEEE arithmetic everywhere).
#include "netra/synth.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/util/json_util.h"
#include "netra/date.h"
#include "netra/v1/conduct.pb.h"
#include "netra/v1/employee.pb.h"

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

bool RosterGenerator::AppendCsvLine(std::string* out) {
  if (state_->row >= state_->options.employees) return false;
  RosterRow& r = state_->scratch;
  state_->Fill(&r);
  absl::StrAppend(out, r.nip, ",", r.name, ",", r.type, ",", r.grade, ",", r.position, ",");
  absl::StrAppend(out, r.position_type, ",", r.unit, ",", r.agency, r.leader ? ",1\n" : ",0\n");
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
