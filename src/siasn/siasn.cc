// SIASN-shaped records to netra's roster, employees and decided cases
// (netra/siasn.h; every field read and every code is listed in
// docs/siasn.md, "Fields read").
#include "netra/siasn.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "csv.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "netra/date.h"
#include "netra/json.h"
#include "netra/nip.h"
#include "netra/pact.h"
#include "output_file.h"
#include "utf8.h"

namespace netra {
namespace {

namespace pb = google::protobuf;

constexpr size_t kMaxWarnings = 1000;
// A field kept becomes a roster field, so it is held to the roster's limit
// (found by fuzzing: tests/fuzz/corpus/siasn/regression_name_past_the_roster_limit).
constexpr size_t kMaxFieldBytes = kMaxRosterFieldBytes;

// A field name as compared: lower case, without '_', '-' or spaces, so
// nipBaru, nip_baru and NIP BARU are one name.
std::string Key(absl::string_view name) {
  std::string k;
  k.reserve(name.size());
  for (char c : name) {
    if (c == '_' || c == '-' || c == ' ') continue;
    k.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return k;
}

// A value quoted for a message: at most 60 bytes, escaped.
std::string Quoted(absl::string_view v) {
  return internal::Quoted(v, 60);
}

// One row of a table: its fields by Key(), as text.
struct Row {
  int64_t number = 0;
  bool unterminated_quote = false;  // a CSV line that could not be split
  absl::flat_hash_map<std::string, std::string> fields;

  // The first of `names` (already Key()s) that the row has and is not blank.
  absl::string_view Get(std::initializer_list<absl::string_view> names) const {
    for (absl::string_view n : names) {
      auto it = fields.find(n);
      if (it != fields.end() && !absl::StripAsciiWhitespace(it->second).empty()) {
        return absl::StripAsciiWhitespace(it->second);
      }
    }
    return {};
  }
};

struct Table {
  std::string name;
  std::vector<Row> rows;
  int64_t max_rows = kMaxSiasnRows;
};

std::string ScalarText(const pb::Value& v) {
  switch (v.kind_case()) {
    case pb::Value::kStringValue:
      return v.string_value();
    case pb::Value::kNumberValue: {
      const double d = v.number_value();
      if (d == static_cast<double>(static_cast<int64_t>(d))) return absl::StrCat(static_cast<int64_t>(d));
      return absl::StrCat(d);
    }
    case pb::Value::kBoolValue:
      return v.bool_value() ? "true" : "false";
    default:  // null, and nested objects and lists (no field netra reads is one)
      return "";
  }
}

absl::Status AddJsonRow(Table* t, const pb::Value& v, int64_t number) {
  if (v.kind_case() != pb::Value::kStructValue) {
    return absl::InvalidArgumentError(absl::StrCat(t->name, ": row ", number, " is not a JSON object"));
  }
  if (static_cast<int64_t>(t->rows.size()) >= t->max_rows) {
    return absl::InvalidArgumentError(absl::StrCat(t->name, ": more than ", t->max_rows, " rows (kMaxSiasnRows)"));
  }
  Row row;
  row.number = number;
  for (const auto& [name, value] : v.struct_value().fields()) row.fields[Key(name)] = ScalarText(value);
  t->rows.push_back(std::move(row));
  return absl::OkStatus();
}

absl::Status ParseJsonValue(absl::string_view text, pb::Value* v) {
  const auto st = pb::util::JsonStringToMessage(pb::StringPiece(text.data(), text.size()), v);
  if (st.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(std::string(st.message().as_string()));
}

absl::Status ReadJson(absl::string_view text, Table* t) {
  pb::Value whole;
  if (ParseJsonValue(text, &whole).ok()) {
    const pb::Value* v = &whole;
    // The web service's answer: {"data": [...]} or {"data": {...}}.
    if (v->kind_case() == pb::Value::kStructValue) {
      auto it = v->struct_value().fields().find("data");
      if (it != v->struct_value().fields().end() &&
          (it->second.kind_case() == pb::Value::kListValue || it->second.kind_case() == pb::Value::kStructValue)) {
        v = &it->second;
      }
    }
    if (v->kind_case() == pb::Value::kListValue) {
      for (int i = 0; i < v->list_value().values_size(); ++i) {
        if (auto st = AddJsonRow(t, v->list_value().values(i), i + 1); !st.ok()) return st;
      }
      return absl::OkStatus();
    }
    return AddJsonRow(t, *v, 1);
  }
  // JSON lines: one object a line, the row number the line's.
  int64_t line = 0;
  for (absl::string_view l : absl::StrSplit(text, '\n')) {
    ++line;
    if (absl::StripAsciiWhitespace(l).empty()) continue;
    pb::Value v;
    if (auto st = ParseJsonValue(l, &v); !st.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(t->name, ": invalid JSON (an array, an object or JSON lines) at line ", line, ": ",
                       st.message()));
    }
    if (auto st = AddJsonRow(t, v, line); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status ReadCsv(absl::string_view text, Table* t) {
  text.remove_prefix(internal::BomLength(text));
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  size_t first = 0;
  while (first < lines.size() && absl::StripAsciiWhitespace(lines[first]).empty()) ++first;
  if (first == lines.size()) return absl::InvalidArgumentError(absl::StrCat(t->name, ": empty CSV (a header line is required)"));
  const char delimiter = internal::CsvDelimiter(lines[first]);
  std::vector<std::string> header, fields;
  if (!internal::SplitCsv(lines[first], delimiter, &header)) {
    return absl::InvalidArgumentError(absl::StrCat(t->name, " line ", first + 1, ": unterminated quote in the header"));
  }
  for (std::string& h : header) h = Key(h);
  for (size_t i = first + 1; i < lines.size(); ++i) {
    if (absl::StripAsciiWhitespace(lines[i]).empty()) continue;
    if (static_cast<int64_t>(t->rows.size()) >= t->max_rows) {
      return absl::InvalidArgumentError(absl::StrCat(t->name, ": more than ", t->max_rows, " rows (kMaxSiasnRows)"));
    }
    Row row;
    row.number = static_cast<int64_t>(i) + 1;
    if (!internal::SplitCsv(lines[i], delimiter, &fields)) {
      row.unterminated_quote = true;  // refused by the mapping with its line
    } else {
      for (size_t c = 0; c < header.size() && c < fields.size(); ++c) row.fields[header[c]] = fields[c];
    }
    t->rows.push_back(std::move(row));
  }
  return absl::OkStatus();
}

absl::StatusOr<Table> ReadTable(const v1::SiasnTable& in, absl::string_view name, int64_t max_rows) {
  Table t;
  t.name = std::string(name);
  t.max_rows = max_rows;
  absl::Status st;
  switch (in.source_case()) {
    case v1::SiasnTable::kJson:
      st = ReadJson(in.json(), &t);
      break;
    case v1::SiasnTable::kCsv:
      st = ReadCsv(in.csv(), &t);
      break;
    default:
      break;  // not given: no rows
  }
  if (!st.ok()) return st;
  return t;
}

// --- Codes -------------------------------------------------------------------

// Golongan by SIASN id ("31") or as local SIMPEGs write it ("III/a", "III a",
// "IIIa", "iii/a"); docs/siasn.md, pns/data-utama.
std::optional<v1::Golongan> GolonganOf(absl::string_view text) {
  int id = 0;
  if (absl::SimpleAtoi(text, &id)) {
    return v1::Golongan_IsValid(id) && id != 0 ? std::optional<v1::Golongan>(static_cast<v1::Golongan>(id))
                                               : std::nullopt;
  }
  std::string s;
  for (char c : text) {
    if (c != '/' && c != ' ' && c != '.' && c != '-') s.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  static const std::pair<const char*, int> kRoman[] = {{"IV", 4}, {"III", 3}, {"II", 2}, {"I", 1}};
  for (const auto& [roman, group] : kRoman) {
    if (!absl::StartsWith(s, roman)) continue;
    const std::string rest = s.substr(strlen(roman));
    if (rest.size() != 1 || rest[0] < 'A' || rest[0] > 'E') return std::nullopt;
    const int id2 = group * 10 + (rest[0] - 'A' + 1);
    if (!v1::Golongan_IsValid(id2)) return std::nullopt;
    return static_cast<v1::Golongan>(id2);
  }
  return std::nullopt;
}

// "III/a" for GOLONGAN_III_A.
std::string GolonganLabel(v1::Golongan g) {
  static const char* kRoman[] = {"", "I", "II", "III", "IV"};
  const int id = static_cast<int>(g);
  return absl::StrCat(kRoman[id / 10], "/", std::string(1, static_cast<char>('a' + id % 10 - 1)));
}

// The UU ASN position type of a structural position by its SIASN eselonId
// (docs/siasn.md, position types). Eselon V (51, 52) has none in UU 5/2014,
// but PP 53/2010 names it: STRUKTURAL_ESELON_V.
std::optional<v1::PositionType> TypeOfEselon(absl::string_view eselon) {
  static const std::pair<const char*, v1::PositionType> kRows[] = {
      {"10", v1::JPT_UTAMA},     {"11", v1::JPT_MADYA},     {"12", v1::JPT_MADYA},
      {"21", v1::JPT_PRATAMA},   {"22", v1::JPT_PRATAMA},   {"31", v1::ADMINISTRATOR},
      {"32", v1::ADMINISTRATOR}, {"41", v1::PENGAWAS},      {"42", v1::PENGAWAS},
      {"51", v1::STRUKTURAL_ESELON_V}, {"52", v1::STRUKTURAL_ESELON_V}};
  for (const auto& [id, type] : kRows) {
    if (eselon == id) return type;
  }
  return std::nullopt;
}

// The level of a functional position from its name, which ends with it
// ("Analis Kebijakan Ahli Muda", "Pranata Komputer Terampil").
std::optional<std::pair<v1::PositionType, v1::JfLevel>> JfLevelOf(absl::string_view name) {
  const std::string n = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
  static const std::tuple<const char*, v1::PositionType, v1::JfLevel> kRows[] = {
      {"ahli pertama", v1::FUNGSIONAL_KEAHLIAN, v1::AHLI_PERTAMA},
      {"ahli muda", v1::FUNGSIONAL_KEAHLIAN, v1::AHLI_MUDA},
      {"ahli madya", v1::FUNGSIONAL_KEAHLIAN, v1::AHLI_MADYA},
      {"ahli utama", v1::FUNGSIONAL_KEAHLIAN, v1::AHLI_UTAMA},
      {"pemula", v1::FUNGSIONAL_KETERAMPILAN, v1::PEMULA},
      {"terampil", v1::FUNGSIONAL_KETERAMPILAN, v1::TERAMPIL},
      {"mahir", v1::FUNGSIONAL_KETERAMPILAN, v1::MAHIR},
      {"penyelia", v1::FUNGSIONAL_KETERAMPILAN, v1::PENYELIA}};
  for (const auto& [suffix, type, level] : kRows) {
    if (absl::EndsWith(n, suffix)) return std::make_pair(type, level);
  }
  return std::nullopt;
}

// --- The mapping ---------------------------------------------------------------

struct Unit {
  std::string name, induk, head;
};

struct Mapper {
  v1::SiasnImport* out;
  absl::flat_hash_map<std::string, Unit> units;                            // ref-unor by id
  absl::flat_hash_map<std::string, std::pair<std::string, v1::AgencyLevel>> agencies;  // instansi by id
  absl::flat_hash_map<std::string, size_t> person_by_id, person_by_nip;    // pegawai index
  // rw-jabatan rows by person id or NIP, each with its tmtJabatan (YYYY-MM-DD).
  absl::flat_hash_map<std::string, std::vector<std::pair<std::string, const Row*>>> positions;

  void Refuse(absl::string_view table, const Row& row, absl::string_view reason) {
    v1::SiasnRefusal* r = out->add_refusals();
    r->set_table(std::string(table));
    r->set_row(row.number);
    r->set_reason(std::string(reason));
  }
  void Warn(absl::string_view table, const Row& row, absl::string_view what) {
    if (static_cast<size_t>(out->warnings_size()) < kMaxWarnings) {
      out->add_warnings(absl::StrCat(table, " row ", row.number, ": ", what));
    }
  }

  // Every field kept is UTF-8 without control characters and at most
  // kMaxFieldBytes (the place is named, not the value: it may be a name).
  // False, with the row refused, otherwise.
  bool Readable(absl::string_view table, const Row& row) {
    const absl::Status st = CheckText(row);
    if (!st.ok()) Refuse(table, row, st.message());
    return st.ok();
  }
  static absl::Status CheckText(const Row& row) {
    if (row.unterminated_quote) return absl::InvalidArgumentError("unterminated quote");
    for (const auto& [name, value] : row.fields) {
      if (value.size() > kMaxFieldBytes) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": ", value.size(), " bytes exceed the limit of ", kMaxFieldBytes));
      }
      if (const size_t at = internal::InvalidUtf8(value); at != absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(name, ": not UTF-8 at byte ", at + 1));
      }
      if (const size_t at = internal::FirstControl(value); at != absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(name, ": a control character at byte ", at + 1));
      }
    }
    return absl::OkStatus();
  }

  void ReadUnits(const Table& t) {
    for (const Row& r : t.rows) {
      if (!Readable(t.name, r)) continue;
      const absl::string_view id = r.Get({"id", "unorid"});
      if (id.empty()) {
        Refuse(t.name, r, "Id: required");
        continue;
      }
      units[id] = Unit{std::string(r.Get({"namaunor", "nama"})), std::string(r.Get({"indukunorid"})),
                       std::string(r.Get({"pemimpinpnsid"}))};
    }
  }

  void ReadAgencies(const Table& t) {
    for (const Row& r : t.rows) {
      if (!Readable(t.name, r)) continue;
      const absl::string_view id = r.Get({"id", "instansiid"});
      if (id.empty()) {
        Refuse(t.name, r, "id: required");
        continue;
      }
      // jenisInstansiId (docs/siasn.md, references), else jenis P/D.
      const std::string kind = absl::AsciiStrToUpper(r.Get({"jenisinstansiid"}));
      v1::AgencyLevel level = v1::AGENCY_LEVEL_UNSPECIFIED;
      if (kind == "KO" || kind == "KEMENT" || kind == "LPNK" || kind == "LNS") level = v1::CENTRAL;
      if (kind == "PROV") level = v1::PROVINCE;
      if (kind == "KAB" || kind == "KOT") level = v1::REGENCY_CITY;
      if (kind.empty() && absl::EqualsIgnoreCase(r.Get({"jenis"}), "P")) level = v1::CENTRAL;
      agencies[id] = {std::string(r.Get({"nama"})), level};
    }
  }

  // The position a row states: jenisJabatanId 1 (structural) and 3 (dual)
  // by eselon, 2 (functional) by the level its name ends with, 4 (jabatan
  // fungsional umum) PELAKSANA (docs/siasn.md, position types).
  // A position it cannot type is left unspecified with a warning.
  v1::Position PositionOf(absl::string_view table, const Row& r) {
    v1::Position p;
    const absl::string_view jenis = r.Get({"jenisjabatanid", "jenisjabatan"});
    const absl::string_view eselon = r.Get({"eselonid", "eselon"});
    const absl::string_view jf_name = r.Get({"jabatanfungsionalnama", "namajabatan", "jabatannama"});
    p.set_name(std::string(r.Get({"jabatannama", "namajabatan", "jabatanfungsionalnama",
                                  "jabatanfungsionalumumnama", "jabatanstrukturalnama"})));
    if (eselon != "99" && eselon != "00") p.set_eselon_id(std::string(eselon));
    if (jenis == "1" || jenis == "3") {
      if (auto t = TypeOfEselon(eselon)) {
        p.set_type(*t);
      } else {
        Warn(table, r, absl::StrCat("a structural position with eselonId ", Quoted(eselon),
                                    " (not 10-52): position type left unspecified"));
      }
    } else if (jenis == "2") {
      if (auto t = JfLevelOf(jf_name)) {
        p.set_type(t->first);
        p.set_jf_level(t->second);
      } else {
        Warn(table, r, absl::StrCat("a functional position whose name ", Quoted(jf_name),
                                    " does not end with its level (Ahli Pertama ... Utama, Pemula ... Penyelia): "
                                    "position type left unspecified"));
      }
    } else if (jenis == "4") {
      p.set_type(v1::PELAKSANA);
    } else if (!jenis.empty()) {
      Warn(table, r, absl::StrCat("jenisJabatanId ", Quoted(jenis), " is not 1-4: position type left unspecified"));
    }
    return p;
  }

  // The kind (docs/siasn.md, pns/data-utama): PPPK where kedudukanPnsId is
  // 71 or 72 or kedudukanPnsNama begins with "PPPK" (SIASN's legal standing
  // of PPPK staff), CPNS where statusPegawai is CPNS (or the export column
  // status_cpns_pns is C), else the NIP's style. An unknown statusPegawai
  // is a warning: SIASN's values other than PNS are not documented.
  v1::EmployeeKind KindOf(absl::string_view table, const Row& r, const NipNumber& nip) {
    const std::string status = absl::AsciiStrToUpper(r.Get({"statuspegawai", "statuscpnspns"}));
    const absl::string_view standing = r.Get({"kedudukanpnsid", "kedudukanhukumid"});
    const std::string standing_name = absl::AsciiStrToUpper(r.Get({"kedudukanpnsnama"}));
    if (standing == "71" || standing == "72" || absl::StartsWith(standing_name, "PPPK") ||
        absl::StrContains(status, "PPPK")) {
      return absl::StrContains(status, "PARUH") || absl::StrContains(standing_name, "PARUH") ? v1::PPPK_PARUH_WAKTU
                                                                                             : v1::PPPK;
    }
    if (status == "C" || status == "CPNS") return v1::CPNS;
    if (!status.empty() && status != "P" && status != "PNS") {
      Warn(table, r, absl::StrCat("statusPegawai ", Quoted(status), " is not PNS or CPNS: the kind is taken from the NIP"));
    }
    return nip.style == Nip::Style::kPppk ? v1::PPPK : v1::PNS;
  }

  void ReadPegawai(const Table& t) {
    for (const Row& r : t.rows) {
      if (!Readable(t.name, r)) continue;
      const absl::string_view nip_text = r.Get({"nipbaru", "nip"});
      auto nip = ParseNipNumber(nip_text, "nipBaru");
      if (!nip.ok()) {
        Refuse(t.name, r, nip_text.empty() ? "nipBaru: required" : nip.status().message());
        continue;
      }
      const v1::EmployeeKind kind = KindOf(t.name, r, *nip);
      const std::string digits = absl::StrCat(nip->number);
      if (person_by_nip.contains(digits)) {
        Refuse(t.name, r, "nipBaru: the same NIP appears twice");
        continue;
      }
      v1::Employee e;
      e.set_nip(digits);
      e.set_pns_id(std::string(r.Get({"id", "pnsid", "pnsorangid"})));
      e.set_kind(kind);
      const absl::string_view gol = r.Get({"golruangakhirid", "golonganid", "golruangakhir", "golongan"});
      if (!gol.empty() && kind != v1::PPPK && kind != v1::PPPK_PARUH_WAKTU) {
        if (auto g = GolonganOf(gol)) {
          e.set_golongan(*g);
        } else {
          Refuse(t.name, r, absl::StrCat("golRuangAkhirId: ", Quoted(gol), " is not a PNS golongan (11-45 or I/a-IV/e)"));
          continue;
        }
      }
      *e.mutable_position() = PositionOf(t.name, r);
      v1::Agency* a = e.mutable_agency();
      a->set_id(std::string(r.Get({"instansikerjaid", "instansiindukid", "instansiid"})));
      a->set_name(std::string(r.Get({"instansikerjanama", "instansiinduknama", "instansinama"})));
      if (auto it = agencies.find(a->id()); it != agencies.end()) {
        if (a->name().empty()) a->set_name(it->second.first);
        a->set_level(it->second.second);
      }
      a->set_unit_id(std::string(r.Get({"unorid"})));
      a->set_unit_name(std::string(r.Get({"unornama", "namaunor"})));
      const Unit* unit = nullptr;
      if (auto it = units.find(a->unit_id()); it != units.end()) {
        unit = &it->second;
        if (a->unit_name().empty()) a->set_unit_name(unit->name);
      }
      // The OPD: unorIndukNama, or the reference's name of the unit's
      // IndukUnorId, or the unit itself.
      std::string opd(r.Get({"unorinduknama"}));
      if (opd.empty()) {
        std::string induk(r.Get({"unorindukid"}));
        if (induk.empty() && unit != nullptr) induk = unit->induk;
        if (auto it = units.find(induk); !induk.empty() && it != units.end()) opd = it->second.name;
      }
      if (opd.empty()) opd = a->unit_name();
      if (e.agency().name().empty()) Warn(t.name, r, "no agency name (instansiKerjaNama, or the instansi reference)");

      v1::RosterEntry* re = out->add_roster();
      re->set_nip(digits);
      re->set_name(std::string(r.Get({"nama"})));
      re->set_kind(kind);
      re->set_grade(e.golongan() != v1::GOLONGAN_UNSPECIFIED ? GolonganLabel(e.golongan()) : std::string(gol));
      re->set_position(e.position().name());
      re->set_position_type(e.position().type());
      re->set_unit(opd);
      re->set_agency(e.agency().name());
      re->set_leader(unit != nullptr && !unit->head.empty() && unit->head == e.pns_id());
      if (!e.pns_id().empty()) person_by_id[e.pns_id()] = static_cast<size_t>(out->employees_size());
      person_by_nip[digits] = static_cast<size_t>(out->employees_size());
      *out->add_employees() = std::move(e);
    }
  }

  void ReadPositions(const Table& t) {
    for (const Row& r : t.rows) {
      if (!Readable(t.name, r)) continue;
      absl::string_view who = r.Get({"idpns", "pnsorang", "pnsorangid", "pnsid"});
      std::string key;
      if (!who.empty()) {
        key = absl::StrCat("id:", who);
      } else if (auto nip = ParseNipNumber(r.Get({"nipbaru", "nip"}), "nipBaru"); nip.ok()) {
        key = absl::StrCat("nip:", nip->number);
      } else {
        Refuse(t.name, r, "idPns or nipBaru: required (whose position this is)");
        continue;
      }
      const absl::string_view tmt = r.Get({"tmtjabatan"});
      auto d = SiasnDate(tmt, "tmtJabatan");
      if (!d.ok()) {
        Refuse(t.name, r, tmt.empty() ? "tmtJabatan: required" : d.status().message());
        continue;
      }
      positions[key].emplace_back(*std::move(d), &r);
    }
  }

  // The position the person held on `day`: the rw-jabatan row with the
  // latest tmtJabatan on or before it; nullptr when none.
  const Row* PositionOn(const v1::Employee& e, absl::string_view day) {
    const Row* best = nullptr;
    std::string best_day;
    for (const std::string& key : {absl::StrCat("id:", e.pns_id()), absl::StrCat("nip:", e.nip())}) {
      if (key == "id:") continue;
      auto it = positions.find(key);
      if (it == positions.end()) continue;
      for (const auto& [tmt, r] : it->second) {
        if (tmt <= day && (best == nullptr || tmt >= best_day)) {
          best = r;
          best_day = tmt;
        }
      }
    }
    return best;
  }

  // A sanction decision read from a hukdis row.
  struct Decision {
    std::string id;
    size_t person;
    std::string day;  // YYYY-MM-DD
    int jenis;
    const Row* row;
    bool annulled;
    const v1::EvaluationRequest* facts;  // nullptr: none given
  };

  void ReadHukdis(const Table& t, const v1::SiasnRecords& records) {
    absl::flat_hash_map<std::string, int64_t> seen;
    std::vector<Decision> decisions;
    for (const Row& r : t.rows) {
      if (!Readable(t.name, r)) continue;
      const std::string id(r.Get({"id", "idriwayathukdis", "rwhukdisid"}));
      if (id.empty()) {
        Refuse(t.name, r, "id: required (the row's id keys its facts and names its finding)");
        continue;
      }
      if (auto [it, fresh] = seen.emplace(id, r.number); !fresh) {
        Refuse(t.name, r, absl::StrCat("id: ", Quoted(id), " appears twice (first on row ", it->second, ")"));
        continue;
      }
      // Whose: pnsOrang (the person id of data-utama), or a NIP.
      const size_t* person = nullptr;
      const absl::string_view who = r.Get({"pnsorang", "pnsorangid", "pnsid"});
      const absl::string_view nip_text = r.Get({"nipbaru", "nip", "pnsnip"});
      if (!who.empty()) {
        if (auto it = person_by_id.find(who); it != person_by_id.end()) person = &it->second;
      } else if (auto nip = ParseNipNumber(nip_text, "nipBaru"); nip.ok()) {
        if (auto it = person_by_nip.find(absl::StrCat(nip->number)); it != person_by_nip.end()) person = &it->second;
      }
      if (person == nullptr) {
        Refuse(t.name, r,
               who.empty() && nip_text.empty()
                   ? std::string("pnsOrang: required (whose decision this is)")
                   : absl::StrCat(who.empty() ? "nipBaru: " : "pnsOrang: ", Quoted(who.empty() ? nip_text : who),
                                  " is not in the pegawai table"));
        continue;
      }
      const absl::string_view sk = r.Get({"sktanggal"});
      auto decided = SiasnDate(sk, "skTanggal");
      if (!decided.ok()) {
        Refuse(t.name, r, sk.empty() ? "skTanggal: required (the decision's date)" : decided.status().message());
        continue;
      }
      const absl::string_view jenis = r.Get({"jenishukumanid", "jenishukuman"});
      int jenis_id = 0;
      if (!absl::SimpleAtoi(jenis, &jenis_id) || jenis_id <= 0) {
        Refuse(t.name, r, jenis.empty() ? "jenisHukuman: required"
                                        : absl::StrCat("jenisHukuman: ", Quoted(jenis), " is not a SIASN jenisHukumanId"));
        continue;
      }
      if (jenis_id == 12) {
        // docs/siasn.md, pns/rw-hukdis: "pengaktifan hukuman disiplin"
        // records that a sanction is active again; it imposes nothing.
        Warn(t.name, r, "jenisHukuman 12 (reactivation of a sanction) is not a decision: not audited");
        continue;
      }
      const bool annulled = !r.Get({"skpembatalannomor"}).empty();
      if (annulled) {
        Warn(t.name, r, absl::StrCat("annulled by SK ", Quoted(r.Get({"skpembatalannomor"})),
                                     ": audited as it was decided, and not counted as an earlier sanction"));
      }
      auto facts = records.facts().find(id);
      const v1::EvaluationRequest* given = facts == records.facts().end() ? nullptr : &facts->second;
      if (given != nullptr && !given->decision_date().empty() && given->decision_date() != *decided) {
        Refuse(t.name, r, absl::StrCat("facts[", Quoted(id), "].decision_date ", Quoted(given->decision_date()),
                                       " differs from skTanggal ", *decided));
        continue;
      }
      decisions.push_back(Decision{id, *person, *decided, jenis_id, &r, annulled, given});
    }
    for (const Decision& d : decisions) {
      if (d.facts == nullptr) {
        out->add_without_facts(d.id);
        continue;
      }
      v1::DecidedCase* c = out->add_decided_cases();
      c->set_case_id(d.id);
      v1::EvaluationRequest* q = c->mutable_request();
      *q->mutable_employee() = out->employees(static_cast<int>(d.person));
      // As on the decision date: the grade SIASN recorded with the sanction,
      // and the position held then.
      if (auto g = GolonganOf(d.row->Get({"golongan", "golonganid"})); g && q->employee().kind() != v1::PPPK &&
                                                                       q->employee().kind() != v1::PPPK_PARUH_WAKTU) {
        q->mutable_employee()->set_golongan(*g);
      }
      if (const Row* held = PositionOn(q->employee(), d.day)) {
        *q->mutable_employee()->mutable_position() = PositionOf("jabatan", *held);
      }
      // The person's earlier sanctions in SIASN, for the repeat rule (PP
      // 94/2021 Pasal 35 ayat (2), PP 53/2010 Pasal 30): each by its SIASN
      // id on its date, once per norm its case file names (without one, the
      // evaluator says the repeat rule cannot count it).
      for (const Decision& e : decisions) {
        if (e.person != d.person || e.day >= d.day || e.annulled) continue;
        std::vector<std::string> norms;
        if (e.facts != nullptr) {
          for (const v1::Act& a : e.facts->acts()) {
            if (!a.norm().empty() && std::find(norms.begin(), norms.end(), a.norm()) == norms.end()) {
              norms.push_back(a.norm());
            }
          }
        }
        if (norms.empty()) norms.emplace_back();
        for (const std::string& norm : norms) {
          v1::PriorSanction* p = q->mutable_employee()->add_prior_sanctions();
          p->set_siasn_jenis_hukuman_id(e.jenis);
          p->set_norm(norm);
          p->set_decision_date(e.day);
        }
      }
      q->MergeFrom(*d.facts);  // the case file's facts and any employee field it gives
      q->set_decision_date(d.day);
      c->mutable_imposed()->set_siasn_jenis_hukuman_id(d.jenis);
      c->mutable_imposed()->set_decision_date(d.day);
    }
    for (const auto& [id, _] : records.facts()) {
      if (!seen.contains(id) && static_cast<size_t>(out->warnings_size()) < kMaxWarnings) {
        out->add_warnings(absl::StrCat("facts[", Quoted(id), "]: no hukdis row has this id"));
      }
    }
  }
};

}  // namespace

absl::StatusOr<std::string> SiasnDate(absl::string_view text, absl::string_view field) {
  const absl::string_view t = absl::StripAsciiWhitespace(text);
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", Quoted(t), " ", why));
  };
  auto digits = [&](size_t from, size_t n) {
    if (t.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(t[i]))) return false;
    }
    return true;
  };
  std::string iso;
  if (t.size() == 10 && digits(0, 2) && (t[2] == '-' || t[2] == '/') && t[5] == t[2] && digits(3, 2) && digits(6, 4)) {
    iso = absl::StrCat(t.substr(6, 4), "-", t.substr(3, 2), "-", t.substr(0, 2));  // dd-mm-yyyy
  } else if (t.size() >= 10 && digits(0, 4) && t[4] == '-' && digits(5, 2) && t[7] == '-' && digits(8, 2)) {
    iso = std::string(t.substr(0, 10));
    absl::string_view time = t.substr(10);
    if (!time.empty()) {
      // A timestamp: at midnight only, with optional fractions and offset.
      if (time[0] != 'T' && time[0] != ' ') return bad("is not a date (dd-mm-yyyy or yyyy-mm-dd)");
      time.remove_prefix(1);
      if (!absl::ConsumePrefix(&time, "00:00")) {
        return bad("has a time of day: which day it is depends on a time zone the record does not state; give the "
                   "date (dd-mm-yyyy or yyyy-mm-dd)");
      }
      if (absl::ConsumePrefix(&time, ":00")) {
        if (absl::ConsumePrefix(&time, ".")) {
          while (!time.empty() && time[0] == '0') time.remove_prefix(1);
        }
      }
      const bool offset_ok = time.empty() || time == "Z" ||
                             ((time[0] == '+' || time[0] == '-') && (time.size() == 6 || time.size() == 5 || time.size() == 3));
      if (!offset_ok) {
        return bad("has a time of day: which day it is depends on a time zone the record does not state; give the "
                   "date (dd-mm-yyyy or yyyy-mm-dd)");
      }
    }
  } else {
    return bad("is not a date (dd-mm-yyyy, yyyy-mm-dd or yyyy-mm-ddT00:00:00Z)");
  }
  auto day = ParseDate(iso, field);
  if (!day.ok()) return bad("is not a real date");
  return iso;
}

namespace {

// A regular file of at most kMaxSiasnFileBytes, whole.
absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path) {
  return internal::ReadFileToString(path.string(), kMaxSiasnFileBytes, "kMaxSiasnFileBytes");
}

}  // namespace

absl::StatusOr<v1::SiasnReportRequest> ReadSiasnFolder(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat(dir, ": not a folder (a SIASN export: pegawai.json, rw-hukdis.json, ...)"));
  }
  v1::SiasnReportRequest out;
  v1::SiasnRecords* r = out.mutable_records();
  const std::pair<const char*, v1::SiasnTable*> tables[] = {
      {"pegawai", r->mutable_pegawai()}, {"rw-hukdis", r->mutable_hukdis()}, {"rw-jabatan", r->mutable_jabatan()},
      {"ref-unor", r->mutable_unor()},   {"instansi", r->mutable_instansi()}};
  bool any = false;
  for (const auto& [base, table] : tables) {
    for (const char* ext : {".json", ".csv"}) {
      const fs::path path = fs::path(dir) / absl::StrCat(base, ext);
      if (!fs::exists(path, ec)) continue;
      auto text = ReadFile(path);
      if (!text.ok()) return text.status();
      if (table->source_case() != v1::SiasnTable::SOURCE_NOT_SET) {
        return absl::InvalidArgumentError(absl::StrCat(dir, ": both ", base, ".json and ", base, ".csv; keep one"));
      }
      if (absl::string_view(ext) == ".csv") {
        table->set_csv(*std::move(text));
      } else {
        table->set_json(*std::move(text));
      }
      any = true;
    }
  }
  if (!any) {
    return absl::NotFoundError(absl::StrCat(
        dir, ": no SIASN table (pegawai, rw-hukdis, rw-jabatan, ref-unor, instansi; .json or .csv)"));
  }
  const fs::path facts = fs::path(dir) / "facts.json";
  if (fs::exists(facts, ec)) {
    auto text = ReadFile(facts);
    if (!text.ok()) return text.status();
    v1::SiasnRecords with_facts;
    // ParseJson: its words bounded, a key given twice refused.
    const auto st = ParseJson(absl::StrCat("{\"facts\":", *text, "}"), &with_facts, "facts");
    if (!st.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(facts.string(), ": not an object of EvaluationRequests by hukdis id: ",
                                                     st.message()));
    }
    r->mutable_facts()->swap(*with_facts.mutable_facts());
  }
  const fs::path pakta = fs::path(dir) / "pakta.jsonl";
  if (fs::exists(pakta, ec)) {
    auto text = ReadFile(pakta);
    if (!text.ok()) return text.status();
    int line = 0;
    for (absl::string_view l : absl::StrSplit(*text, '\n')) {
      ++line;
      if (absl::StripAsciiWhitespace(l).empty()) continue;
      if (auto st = ParseJson(l, out.add_pact_events(), "pact event"); !st.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(pakta.string(), ":", line, ": ", st.message()));
      }
    }
  }
  return out;
}

absl::StatusOr<v1::SiasnImport> FromSiasn(const v1::SiasnRecords& records, const SiasnImportOptions& options) {
  if (options.max_rows < 1 || options.max_rows > kMaxSiasnRows) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_rows: ", options.max_rows, " is outside 1..", kMaxSiasnRows, " (kMaxSiasnRows)"));
  }
  v1::SiasnImport out;
  Mapper m{&out, {}, {}, {}, {}, {}};
  const std::pair<const v1::SiasnTable*, const char*> order[] = {
      {&records.unor(), "unor"}, {&records.instansi(), "instansi"}, {&records.pegawai(), "pegawai"},
      {&records.jabatan(), "jabatan"}, {&records.hukdis(), "hukdis"}};
  std::vector<Table> tables;
  for (const auto& [in, name] : order) {
    auto t = ReadTable(*in, name, options.max_rows);
    if (!t.ok()) return t.status();
    tables.push_back(std::move(*t));
  }
  m.ReadUnits(tables[0]);
  m.ReadAgencies(tables[1]);
  m.ReadPegawai(tables[2]);
  m.ReadPositions(tables[3]);
  m.ReadHukdis(tables[4], records);
  return out;
}

}  // namespace netra
