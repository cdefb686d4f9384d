// A SYNTHETIC SIASN export (netra/synth.h WriteSiasnExport): the roster of
// the RosterGenerator in SIASN's shape (docs/siasn.md), attendance sanctions
// decided between 2019 and 2025 under the law of their dates, the facts of
// most of them, and the pacts of the 2024 regional elections.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/util/json_util.h"
#include "netra/date.h"
#include "output_file.h"
#include "netra/evaluator.h"
#include "netra/synth.h"
#include "netra/v1/pact.pb.h"
#include "utf8.h"

namespace netra::synth {
namespace {

namespace pb = google::protobuf;

std::string Id(uint64_t seed, uint64_t kind, uint64_t n) {
  return absl::StrFormat("%08X%08X%016X", static_cast<uint32_t>(seed), static_cast<uint32_t>(kind), n);
}

// SIASN's day form.
std::string Dmy(absl::CivilDay d) { return absl::StrFormat("%02d-%02d-%04d", d.day(), d.month(), d.year()); }

// A row as SIASN answers it: string fields in a fixed order (a map's order
// would change from run to run, and the same options must give the same
// bytes).
using Row = std::vector<std::pair<std::string, std::string>>;

void Put(Row* r, const std::string& k, const std::string& v) { r->emplace_back(k, v); }

std::string JsonString(absl::string_view s) { return absl::StrCat("\"", internal::JsonEscapeLossy(s), "\""); }

// SIASN golongan id of "III/a" (docs/siasn.md); "" for a
// PPPK grade.
std::string GolonganId(const std::string& grade) {
  static const char* kRoman[] = {"I/", "II/", "III/", "IV/"};
  for (int g = 3; g >= 0; --g) {
    if (absl::StartsWith(grade, kRoman[g]) && grade.size() == strlen(kRoman[g]) + 1) {
      return absl::StrCat(g + 1, grade.back() - 'a' + 1);
    }
  }
  return "";
}

// jenisJabatanId and eselonId of a position type (docs/siasn.md, position types).
std::pair<std::string, std::string> JabatanCodes(const std::string& type) {
  if (type == "JPT_UTAMA") return {"1", "10"};
  if (type == "JPT_MADYA") return {"1", "11"};
  if (type == "JPT_PRATAMA") return {"1", "21"};
  if (type == "ADMINISTRATOR") return {"1", "31"};
  if (type == "PENGAWAS") return {"1", "41"};
  if (absl::StartsWith(type, "FUNGSIONAL")) return {"2", "99"};
  return {"4", "99"};
}

std::string JenisInstansi(const std::string& agency) {
  if (absl::StartsWith(agency, "Pemerintah Kabupaten")) return "KAB";
  if (absl::StartsWith(agency, "Pemerintah Kota")) return "KOT";
  if (absl::StartsWith(agency, "Pemerintah Provinsi")) return "PROV";
  if (absl::StartsWith(agency, "Kementerian")) return "KEMENT";
  return "LPNK";
}

absl::Status WriteText(const std::filesystem::path& path, const std::string& text) {
  return internal::WriteOutputFile(path.string(), text);
}

std::string RowsJson(const std::vector<Row>& rows, bool envelope) {
  std::string out = envelope ? "{\"data\":[\n" : "[\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    out += "{";
    for (size_t f = 0; f < rows[i].size(); ++f) {
      absl::StrAppend(&out, f ? "," : "", JsonString(rows[i][f].first), ":", JsonString(rows[i][f].second));
    }
    absl::StrAppend(&out, i + 1 < rows.size() ? "},\n" : "}\n");
  }
  absl::StrAppend(&out, envelope ? "]}\n" : "]\n");
  return out;
}

// One compact JSON line with proto field names (as the pact logs are read).
std::string Line(const pb::Message& m) {
  pb::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  std::string out;
  (void)pb::util::MessageToJsonString(m, &out, o);
  return out;
}

struct Person {
  std::string id, nip, type, grade, position, position_type, unit_id, agency;
  bool leader = false;
};

}  // namespace

absl::StatusOr<SiasnExportSummary> WriteSiasnExport(const SiasnExportOptions& options, const std::string& dir) {
  if (options.decisions < 0 || options.decisions > options.employees) {
    return absl::InvalidArgumentError(
        absl::StrCat("decisions: ", options.decisions, " is not in [0, employees = ", options.employees, "]"));
  }
  if (options.employees > kMaxSiasnExportEmployees) {
    return absl::InvalidArgumentError(
        absl::StrCat("employees: ", options.employees, " exceeds ", kMaxSiasnExportEmployees));
  }
  auto gen = RosterGenerator::Create({options.seed, options.employees, options.agencies});
  if (!gen.ok()) return gen.status();
  std::shared_ptr<const RuleBook> book = options.law;
  if (book == nullptr) {
    auto loaded = RuleBook::Load();
    if (!loaded.ok()) return loaded.status();
    book = *loaded;
  }
  auto evaluator = Evaluator::Create(book);
  if (!evaluator.ok()) return evaluator.status();

  std::error_code ec;
  const std::filesystem::path root(dir);
  if (std::filesystem::exists(root, ec) && !std::filesystem::is_empty(root, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(dir, ": exists and is not empty"));
  }
  std::filesystem::create_directories(root, ec);
  if (ec) return absl::UnavailableError(absl::StrCat(dir, ": ", ec.message()));

  SiasnExportSummary summary;
  std::vector<Row> pegawai, jabatan, unor, instansi, hukdis;
  std::vector<Person> people;
  absl::flat_hash_map<std::string, std::string> agency_id, unit_id;
  std::mt19937_64 rng(options.seed * 0x9E3779B97F4A7C15ull + 17);
  auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<uint64_t>(hi - lo + 1)); };

  RosterRow row;
  while ((*gen)->Next(&row)) {
    if (row.type == "NON_ASN") continue;  // SIASN holds ASN only
    Person p;
    p.id = Id(options.seed, 1, people.size() + 1);
    p.nip = row.nip;
    p.type = row.type;
    p.grade = row.grade;
    p.position = row.position;
    p.position_type = row.position_type;
    p.agency = row.agency;
    p.leader = row.leader;
    auto [a, fresh_agency] = agency_id.try_emplace(row.agency, Id(options.seed, 2, agency_id.size() + 1));
    if (fresh_agency) {
      Row s;
      Put(&s, "id", a->second);
      Put(&s, "nama", row.agency);
      const std::string kind = JenisInstansi(row.agency);
      Put(&s, "jenis", kind == "KEMENT" || kind == "LPNK" ? "P" : "D");
      Put(&s, "jenisInstansiId", kind);
      instansi.push_back(std::move(s));
    }
    auto [u, fresh_unit] = unit_id.try_emplace(absl::StrCat(row.agency, "\x1f", row.unit), Id(options.seed, 3, unit_id.size() + 1));
    p.unit_id = u->second;
    if (fresh_unit) {
      Row s;
      Put(&s, "Id", u->second);
      Put(&s, "InstansiId", a->second);
      Put(&s, "NamaUnor", row.unit);
      Put(&s, "IndukUnorId", u->second);
      unor.push_back(std::move(s));
    }
    if (row.leader) Put(&unor.back(), "PemimpinPnsId", p.id);  // a unit's first row is its leader

    const auto [jenis, eselon] = JabatanCodes(row.position_type);
    Row s;
    Put(&s, "id", p.id);
    Put(&s, "nipBaru", row.nip);
    Put(&s, "nama", row.name);
    if (row.type == "PNS" || row.type == "CPNS") {
      Put(&s, "statusPegawai", row.type);
      Put(&s, "kedudukanPnsId", "01");
      Put(&s, "kedudukanPnsNama", "Aktif");
      Put(&s, "golRuangAkhirId", GolonganId(row.grade));
      Put(&s, "golRuangAkhir", row.grade);
    } else {
      Put(&s, "kedudukanPnsId", "71");
      Put(&s, "kedudukanPnsNama", row.type == "PPPK" ? "PPPK Aktif" : "PPPK Paruh Waktu Aktif");
      Put(&s, "golRuangAkhir", row.grade);
    }
    Put(&s, "jenisJabatanId", jenis);
    Put(&s, "eselonId", eselon);
    Put(&s, "jabatanNama", row.position);
    if (jenis == "2") Put(&s, "jabatanFungsionalNama", row.position);
    if (jenis == "4") Put(&s, "jabatanFungsionalUmumNama", row.position);
    Put(&s, "instansiKerjaId", a->second);
    Put(&s, "instansiKerjaNama", row.agency);
    Put(&s, "unorId", p.unit_id);
    Put(&s, "unorNama", row.unit);
    Put(&s, "unorIndukId", p.unit_id);
    Put(&s, "unorIndukNama", row.unit);
    pegawai.push_back(std::move(s));

    Row j;
    Put(&j, "id", Id(options.seed, 4, people.size() + 1));
    Put(&j, "idPns", p.id);
    Put(&j, "nipBaru", row.nip);
    Put(&j, "jenisJabatan", jenis);
    Put(&j, "eselonId", eselon);
    Put(&j, "namaJabatan", row.position);
    if (jenis == "2") Put(&j, "jabatanFungsionalNama", row.position);
    Put(&j, "unorId", p.unit_id);
    Put(&j, "tmtJabatan", Dmy(absl::CivilDay(2016 + between(0, 2), between(1, 12), 1)));
    jabatan.push_back(std::move(j));
    people.push_back(std::move(p));
  }
  summary.employees = static_cast<int64_t>(people.size());
  summary.agencies = static_cast<int>(instansi.size());

  // Attendance decisions: PNS only (PP 94/2021 and PP 53/2010 bind PNS).
  std::vector<size_t> pns;
  for (size_t i = 0; i < people.size(); ++i) {
    if (people[i].type == "PNS" && !GolonganId(people[i].grade).empty()) pns.push_back(i);
  }
  const absl::CivilDay pp94_from(2021, 8, 31);
  std::string facts = "{\n";
  bool first_fact = true;
  const int64_t decisions = std::min<int64_t>(options.decisions, static_cast<int64_t>(pns.size()));
  for (int64_t k = 0; k < decisions; ++k) {
    const Person& p = people[pns[static_cast<size_t>(rng() % pns.size())]];
    const absl::CivilDay decided(2019 + between(0, 6), between(1, 11), between(1, 28));
    const absl::CivilDay act = decided - between(20, 90);
    const int days = between(1, 30);
    v1::EvaluationRequest q;
    v1::Act* a = q.add_acts();
    // The law of the decision date: an act before PP 94/2021 examined after
    // it is judged under PP 94 (Pasal 40 ayat (3)).
    a->set_norm(decided < pp94_from ? "pp53.duty.attendance" : "pp94.duty.attendance");
    a->set_act_date(FormatDate(act));
    a->mutable_absence()->set_cumulative_working_days(days);
    a->mutable_absence()->set_consecutive_working_days(between(1, std::min(days, 5)));
    q.set_decision_date(FormatDate(decided));
    v1::EvaluationRequest judged = q;
    v1::Employee* e = judged.mutable_employee();
    e->set_nip(p.nip);
    e->set_kind(v1::PNS);
    int gol = 0;
    (void)absl::SimpleAtoi(GolonganId(p.grade), &gol);
    e->set_golongan(static_cast<v1::Golongan>(gol));
    v1::PositionType pt = v1::POSITION_TYPE_UNSPECIFIED;
    (void)v1::PositionType_Parse(p.position_type, &pt);
    e->mutable_position()->set_type(pt);
    auto answer = evaluator->Evaluate(judged);
    if (!answer.ok()) return absl::InternalError(absl::StrCat("synthetic decision refused: ", answer.status().message()));
    // Three in four decisions impose a type the law allows; the rest one of
    // the regime's other types (a decision the audit should flag).
    std::vector<int> lawful;
    for (const auto& s : answer->allowed_sanctions()) {
      if (s.siasn_jenis_hukuman_id() > 0) lawful.push_back(s.siasn_jenis_hukuman_id());
    }
    static const int kPp53[] = {1, 2, 3, 4, 7, 8, 14, 13, 9, 10};
    static const int kPp94[] = {1, 2, 3, 23, 24, 25, 27, 28, 10};
    int jenis = 0;
    if (!lawful.empty() && rng() % 4 != 0) {
      jenis = lawful[rng() % lawful.size()];
    } else if (decided < pp94_from) {
      jenis = kPp53[rng() % std::size(kPp53)];
    } else {
      jenis = kPp94[rng() % std::size(kPp94)];
    }
    const std::string id = Id(options.seed, 5, static_cast<uint64_t>(k + 1));
    Row h;
    Put(&h, "id", id);
    Put(&h, "pnsOrang", p.id);
    Put(&h, "jenisHukuman", absl::StrCat(jenis));
    Put(&h, "skNomor", absl::StrFormat("800/SINTETIS/%d/%04d", decided.year(), k + 1));
    Put(&h, "skTanggal", Dmy(decided));
    Put(&h, "hukumanTanggal", Dmy(decided + 15));
    Put(&h, "golongan", GolonganId(p.grade));
    Put(&h, "nomorPp", decided < pp94_from ? "03" : "07");
    // SIASN's reason "TIDAK MASUK KERJA DAN MENAATI KETENTUAN JAM KERJA"
    // (alasanHukumanDisiplin; not read by netra).
    Put(&h, "alasanHukumanDisiplin", "11EC54D9B39E57B1E050640A15026590");
    Put(&h, "keterangan", "SINTETIS: bukan keputusan nyata");
    hukdis.push_back(std::move(h));
    // One decision in eight has no case file (SIASN holds no facts).
    if (rng() % 8 == 0) {
      ++summary.without_facts;
      continue;
    }
    absl::StrAppend(&facts, first_fact ? "" : ",\n", JsonString(id), ": ", Line(q));
    first_fact = false;
  }
  summary.decisions = decisions;

  // The pacts of the 2024 regional elections (SIASN holds none: a SIMPEG
  // records them): issued on 2 September 2024, signed by most over the next
  // weeks up to options.pact_as_of.
  std::string pakta;
  absl::CivilDay pact_as_of(2024, 10, 1);
  if (auto d = ParseDate(options.pact_as_of, "pact_as_of"); d.ok()) pact_as_of = *d;
  const absl::CivilDay issued(2024, 9, 2);
  for (const Person& p : people) {
    v1::PactEvent ev;
    ev.set_type(v1::PACT_ISSUED);
    ev.set_date(FormatDate(issued));
    ev.set_nip(p.nip);
    ev.set_template_id(p.leader ? "pakta_netralitas.pilkada2024.pimpinan.v1" : "pakta_netralitas.pilkada2024.v1");
    absl::StrAppend(&pakta, Line(ev), "\n");
    if (rng() % 10 < 8) {
      const absl::CivilDay day = issued + between(1, 40);
      if (day > pact_as_of) continue;
      v1::PactEvent s;
      s.set_type(v1::PACT_SIGNED);
      s.set_date(FormatDate(day));
      s.set_nip(p.nip);
      s.set_signer_nip(p.nip);
      s.set_method(v1::INDIVIDUAL);
      absl::StrAppend(&pakta, Line(s), "\n");
    }
  }

  facts += "\n}\n";
  const std::string readme = absl::StrCat(
      "SYNTHETIC SIASN EXPORT, NOT OFFICIAL DATA (netra synth siasn, seed ", options.seed, ").\n",
      "No real person, agency or decision: names read \"Pegawai Sintetis ...\", agencies \"... Sintetis ...\",\n",
      "sanction decrees \"800/SINTETIS/...\". The shape is SIASN's (docs/siasn.md):\n",
      "  pegawai.json      pns/data-utama rows, as the web service answers ({\"data\": [...]})\n",
      "  rw-jabatan.json   pns/rw-jabatan rows\n",
      "  rw-hukdis.json    pns/rw-hukdis rows: attendance sanctions decided 2019-2025\n",
      "  ref-unor.json     referensi ref-unor rows\n",
      "  instansi.json     referensi instansi rows\n",
      "  facts.json        the SIMPEG's case files, by hukdis id (SIASN holds no facts)\n",
      "  pakta.jsonl       the SIMPEG's pact events of pilkada2024 (SIASN holds no pacts)\n",
      "Run: netra siasn report DIR --election pilkada2024 --as-of ", FormatDate(pact_as_of), " --text\n");
  const std::pair<const char*, std::string> files[] = {
      {"pegawai.json", RowsJson(pegawai, true)}, {"rw-jabatan.json", RowsJson(jabatan, true)},
      {"rw-hukdis.json", RowsJson(hukdis, true)}, {"ref-unor.json", RowsJson(unor, false)},
      {"instansi.json", RowsJson(instansi, false)}, {"facts.json", facts},
      {"pakta.jsonl", pakta},                     {"README.txt", readme}};
  for (const auto& [name, text] : files) {
    if (auto st = WriteText(root / name, text); !st.ok()) return st;
  }
  return summary;
}

}  // namespace netra::synth
