// Rosters (import and checks) and the pact registry (lifecycle, progress).
#include "netra/pact.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/optimization.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "law/compiled.h"
#include "netra/date.h"
#include "csv.h"
#include "huge_pages.h"
#include "line_reader.h"
#include "netra/nip.h"
#include "utf8.h"

namespace netra {
namespace {

constexpr size_t kMaxReported = 1000;

int32_t DayNumber(absl::CivilDay d) { return static_cast<int32_t>(d - absl::CivilDay(1970, 1, 1)); }
absl::CivilDay FromDayNumber(int32_t n) { return absl::CivilDay(1970, 1, 1) + n; }

uint32_t Intern(std::vector<std::string>* table, absl::flat_hash_map<std::string, uint32_t>* index,
                absl::string_view s) {
  // Looked up by view first: most rows repeat a unit, agency and grade, and
  // a hit then allocates nothing.
  if (auto it = index->find(s); it != index->end()) return it->second;
  const auto id = static_cast<uint32_t>(table->size());
  index->emplace(std::string(s), id);
  table->emplace_back(s);
  return id;
}

bool ParseKind(absl::string_view text, v1::EmployeeKind* kind) {
  // The names an export normally holds, without a descriptor lookup.
  static constexpr std::pair<absl::string_view, v1::EmployeeKind> kCommon[] = {
      {"PNS", v1::PNS}, {"PPPK", v1::PPPK}, {"CPNS", v1::CPNS}, {"PPPK_PARUH_WAKTU", v1::PPPK_PARUH_WAKTU},
      {"NON_ASN", v1::NON_ASN}};
  for (const auto& [name, value] : kCommon) {
    if (text == name) {
      *kind = value;
      return true;
    }
  }
  std::string t = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  for (char& c : t) {
    if (c == ' ' || c == '-') c = '_';
  }
  if (t == "PPNPN" || t == "HONORER" || t == "NONASN") t = "NON_ASN";
  return v1::EmployeeKind_Parse(t, kind) && *kind != v1::EMPLOYEE_KIND_UNSPECIFIED;
}

// A PositionType by its name (any case), through a table built once: the
// descriptor lookup is too slow for millions of rows.
bool ParsePositionType(absl::string_view text, v1::PositionType* out) {
  static const auto* names = [] {
    auto* m = new absl::flat_hash_map<std::string, v1::PositionType>();
    const google::protobuf::EnumDescriptor* d = v1::PositionType_descriptor();
    for (int i = 0; i < d->value_count(); ++i) {
      m->emplace(d->value(i)->name(), static_cast<v1::PositionType>(d->value(i)->number()));
    }
    return m;
  }();
  auto it = names->find(text);
  if (it == names->end()) it = names->find(absl::AsciiStrToUpper(text));
  if (it == names->end()) return false;
  *out = it->second;
  return true;
}

// One row as read, before checks: views into the importer's buffers (or a
// RosterEntry), so a CSV row is never copied into a message.
struct RowView {
  absl::string_view nip, name, grade, unit, agency, position;
  v1::EmployeeKind kind = v1::EMPLOYEE_KIND_UNSPECIFIED;
  int position_type = v1::POSITION_TYPE_UNSPECIFIED;
  bool leader = false;
};

RowView ViewOf(const v1::RosterEntry& e) {
  return RowView{e.nip(),    e.name(),          e.grade(),         e.unit(), e.agency(),
                 e.position(), e.kind(), e.position_type(), e.leader()};
}

struct Interners {
  absl::flat_hash_map<std::string, uint32_t> units, agencies, grades;
  std::string key;  // scratch for the unit key
};

// Interns the row's labels and appends it under `number`.
absl::Status AddRow(RosterTable* t, Interners* in, const RowView& e, uint64_t number) {
  const uint32_t agency = Intern(&t->agencies, &in->agencies, e.agency);
  // An agency and a unit may both contain '/': join them with a control
  // character no export holds.
  in->key.assign(e.agency.data(), e.agency.size());
  in->key.push_back('\x1f');
  in->key.append(e.unit.data(), e.unit.size());
  const size_t units_before = t->units.size();
  const uint32_t unit = Intern(&t->units, &in->units, in->key);
  if (t->units.size() > units_before) t->unit_agency.push_back(agency);
  const uint32_t grade = Intern(&t->grades, &in->grades, e.grade);
  if (t->grades.size() > 65535) return absl::InvalidArgumentError("grade: more than 65,535 distinct grades");
  t->row_of.emplace(number, static_cast<uint32_t>(t->nip.size()));
  t->nip.push_back(number);
  t->kind.push_back(static_cast<uint8_t>(e.kind));
  t->position_type.push_back(static_cast<uint8_t>(e.position_type));
  t->leader.push_back(e.leader ? 1 : 0);
  t->unit.push_back(unit);
  t->agency.push_back(agency);
  t->grade.push_back(static_cast<uint16_t>(grade));
  t->names.append(e.name.data(), e.name.size());
  t->name_end.push_back(t->names.size());
  return absl::OkStatus();
}

// Non-ASN staff have no NIP: their rows are kept under a key no NIP can
// take (bit 63 set), counted, but not addressable by pact events.
constexpr uint64_t kNoNip = uint64_t{1} << 63;

absl::Status AddEntry(RosterTable* t, Interners* in, const RowView& e, std::vector<std::string>* warnings,
                      const std::vector<int64_t>* lines, size_t max_field_bytes = kMaxRosterFieldBytes) {
  // The value is not echoed: a name is personal data.
  for (auto [name, value] : {std::pair<const char*, absl::string_view>{"name", e.name}, {"grade", e.grade},
                             {"position", e.position}, {"unit", e.unit}, {"agency", e.agency}}) {
    if (value.size() > max_field_bytes) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": ", value.size(), " bytes exceed the limit of ",
                                                     max_field_bytes, " (kMaxRosterFieldBytes)"));
    }
    // Text that would lose bytes in JSON output, or forge lines and reach
    // the terminal in text output (the place, not the value, is named).
    if (const size_t at = internal::InvalidUtf8(value); at != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": not UTF-8 at byte ", at + 1));
    }
    if (const size_t at = internal::FirstControl(value); at != absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": a control character at byte ", at + 1, " (tab, line break, escape or direction control)"));
    }
  }
  if (e.kind == v1::EMPLOYEE_KIND_UNSPECIFIED || !v1::EmployeeKind_IsValid(e.kind)) {
    return absl::InvalidArgumentError(absl::StrCat("type: required (PNS, CPNS, PPPK, PPPK_PARUH_WAKTU or NON_ASN), got ",
                                                   e.kind));
  }
  if (e.kind == v1::NON_ASN && e.nip.empty()) {
    const uint64_t key = kNoNip | t->nip.size();
    if (warnings != nullptr) warnings->push_back("a non-ASN row without NIP: counted, but events cannot name it");
    return AddRow(t, in, e, key);
  }
  auto nip = ParseNipNumber(e.nip, "nip");
  if (!nip.ok()) return nip.status();
  if (!v1::PositionType_IsValid(e.position_type)) {
    return absl::InvalidArgumentError(absl::StrCat("position_type: unknown value ", e.position_type));
  }
  const uint64_t number = nip->number;
  if (auto it = t->row_of.find(number); it != t->row_of.end()) {
    const uint32_t first = it->second;
    return absl::InvalidArgumentError(absl::StrCat(
        "nip: the same NIP appears twice (first ",
        lines != nullptr && first < lines->size() ? absl::StrCat("on line ", (*lines)[first])
                                                  : absl::StrCat("as entry ", first + 1),
        ")"));
  }
  const bool pppk_kind = e.kind == v1::PPPK || e.kind == v1::PPPK_PARUH_WAKTU;
  if (warnings != nullptr && e.kind != v1::NON_ASN && pppk_kind != (nip->style == Nip::Style::kPppk)) {
    warnings->push_back(absl::StrCat("a ", nip->style == Nip::Style::kPppk ? "PPPK" : "PNS",
                                     "-style number for an employee of type ", v1::EmployeeKind_Name(e.kind)));
  }
  return AddRow(t, in, e, number);
}

void Reject(v1::RosterImportReport* report, int64_t line, absl::string_view reason) {
  report->set_rejected(report->rejected() + 1);
  if (static_cast<size_t>(report->rejections_size()) < kMaxReported) {
    v1::RosterRejection* r = report->add_rejections();
    r->set_line(line);
    r->set_reason(std::string(reason));
  }
}

// What both importers do with a row once it is read: count it against the
// row limit, refuse an over-long line, and keep a good row with its file line
// (for duplicates) and its warnings.
struct RowImport {
  RosterTable table;
  Interners interners;
  v1::RosterImportReport* report;
  RosterImportOptions options;
  std::vector<std::string> warnings;
  std::vector<int64_t> lines;  // file line of each accepted row

  // Counts a non-blank row. Error past the row limit.
  absl::Status Count() {
    report->set_rows(report->rows() + 1);
    if (report->rows() > options.max_rows) {
      return absl::ResourceExhaustedError(
          absl::StrCat("roster: more than ", options.max_rows, " rows (kMaxRosterRows)"));
    }
    return absl::OkStatus();
  }
  // False (and the row refused) when the line is over the byte limit.
  // The line was read with internal::ReadLine, which keeps at most
  // kMaxRosterLineBytes of it in memory (a 20 GB line without a newline
  // costs 4 KB, not 20 GB); `length` is the whole line's.
  bool Fits(bool too_long, size_t length, int64_t number) {
    if (!too_long) return true;
    Reject(report, number, absl::StrCat("line of ", length, " bytes exceeds ", kMaxRosterLineBytes));
    return false;
  }
  void Add(const RowView& e, int64_t number) {
    warnings.clear();
    if (auto st = AddEntry(&table, &interners, e, &warnings, &lines, options.max_field_bytes); !st.ok()) {
      Reject(report, number, st.message());
      return;
    }
    lines.push_back(number);
    for (const std::string& w : warnings) {
      if (static_cast<size_t>(report->warnings_size()) < kMaxReported) {
        report->add_warnings(absl::StrCat("line ", number, ": ", w));
      }
    }
  }
  RosterTable Finish() {
    report->set_accepted(static_cast<int64_t>(table.size()));
    if (options.lines != nullptr) *options.lines = std::move(lines);
    return std::move(table);
  }
};

}  // namespace

std::string RosterTable::Nip(size_t row) const {
  if (nip[row] & kNoNip) return "";
  std::string s = absl::StrCat(nip[row]);
  return std::string(18 - std::min<size_t>(18, s.size()), '0') + s;
}

std::string RosterTable::UnitLabel(uint32_t u) const {
  std::string label = units[u];
  std::replace(label.begin(), label.end(), '\x1f', '/');
  return label;
}

std::string RosterTable::UnitName(uint32_t u) const {
  const std::string& key = units[u];
  return key.substr(std::min(key.size(), agencies[unit_agency[u]].size() + 1));
}

std::string RosterTable::Name(size_t row) const {
  const uint64_t begin = row == 0 ? 0 : name_end[row - 1];
  return names.substr(begin, name_end[row] - begin);
}

absl::Status RosterTable::Add(const v1::RosterEntry& entry) {
  // Rebuild the interners from the tables (a rare path: the importers keep
  // theirs across rows).
  Interners in;
  for (size_t i = 0; i < units.size(); ++i) in.units.emplace(units[i], i);
  for (size_t i = 0; i < agencies.size(); ++i) in.agencies.emplace(agencies[i], i);
  for (size_t i = 0; i < grades.size(); ++i) in.grades.emplace(grades[i], i);
  return AddEntry(this, &in, ViewOf(entry), nullptr, nullptr);
}

absl::Status RosterTable::AddAll(absl::Span<const v1::RosterEntry> entries) {
  Interners in;
  for (size_t i = 0; i < units.size(); ++i) in.units.emplace(units[i], i);
  for (size_t i = 0; i < agencies.size(); ++i) in.agencies.emplace(agencies[i], i);
  for (size_t i = 0; i < grades.size(); ++i) in.grades.emplace(grades[i], i);
  for (size_t i = 0; i < entries.size(); ++i) {
    if (auto st = AddEntry(this, &in, ViewOf(entries[i]), nullptr, nullptr); !st.ok()) {
      return absl::Status(st.code(), absl::StrCat("rows[", i, "]: ", st.message()));
    }
  }
  return absl::OkStatus();
}

v1::RosterEntry RosterTable::Entry(size_t row) const {
  v1::RosterEntry e;
  e.set_nip(Nip(row));
  e.set_name(Name(row));
  e.set_kind(static_cast<v1::EmployeeKind>(kind[row]));
  e.set_grade(grades[grade[row]]);
  e.set_position_type(static_cast<v1::PositionType>(position_type[row]));
  e.set_unit(UnitName(unit[row]));
  e.set_agency(agencies[agency[row]]);
  e.set_leader(leader[row] != 0);
  return e;
}

v1::PositionClass ClassOf(v1::PositionType type) {
  switch (type) {
    case v1::JPT_UTAMA:
    case v1::JPT_MADYA:
    case v1::JPT_PRATAMA:
    case v1::ADMINISTRATOR:
    case v1::PENGAWAS:
      return v1::LEADERSHIP;
    case v1::FUNGSIONAL_KEAHLIAN:
    case v1::FUNGSIONAL_KETERAMPILAN:
      return v1::FUNCTIONAL;
    case v1::PELAKSANA:
      return v1::EXECUTOR;
    default:
      return v1::POSITION_CLASS_UNSPECIFIED;
  }
}

// A read that failed part-way (EIO from a failing disk or share) ends the
// stream like the end of the file would: the import is an error, never a
// shorter roster.
absl::Status ReadError(int64_t last_line) {
  return absl::UnavailableError(absl::StrCat("roster: the read failed after line ", last_line,
                                             "; no row was taken (a shorter roster would issue to part of it)"));
}

absl::StatusOr<RosterTable> ImportRosterCsv(std::istream& in, v1::RosterImportReport* report,
                                            const RosterImportOptions& options) {
  *report = v1::RosterImportReport();
  RowImport rows{RosterTable(), Interners(), report, options, {}, {}};
  std::string line;
  std::vector<std::string> fields;
  bool too_long = false;
  size_t length = 0;
  if (!internal::ReadLine(in, &line, &too_long, kMaxRosterLineBytes, &length)) {
    if (in.bad()) return ReadError(0);
    return absl::InvalidArgumentError("roster: empty file (a header line is required)");
  }
  if (too_long) {
    return absl::InvalidArgumentError(
        absl::StrCat("roster line 1: the header line of ", length, " bytes exceeds ", kMaxRosterLineBytes));
  }
  line.erase(0, internal::BomLength(line));
  if (internal::HasInnerCarriageReturn(line)) {
    return absl::InvalidArgumentError(absl::StrCat("roster line 1: ", internal::kCrOnlyLines));
  }
  const char delimiter = internal::CsvDelimiter(line);
  if (!internal::SplitCsv(line, delimiter, &fields)) {
    return absl::InvalidArgumentError("roster line 1: unterminated quote in the header");
  }
  enum Col { kNip, kName, kType, kGrade, kPosition, kPositionType, kUnit, kAgency, kLeader, kCols };
  const char* names[kCols] = {"nip", "name", "type", "grade", "position", "position_type", "unit", "agency", "leader"};
  // Each column by its English name or the Indonesian ones SIMPEG exports
  // use (compared lower case, without '_', '-' or spaces); a unit or agency
  // given only by its SIASN id (unorId, instansiId) is labelled by the id.
  static const std::vector<std::string> kAliases[kCols] = {
      {"nip", "nipbaru"},
      {"name", "nama", "namapegawai", "namalengkap"},
      {"type", "jenispegawai", "statuspegawai", "statusasn", "jenisasn"},
      {"grade", "golongan", "golruang", "golonganruang", "pangkatgolongan"},
      {"position", "jabatan", "namajabatan", "jabatannama"},
      {"positiontype", "jenisjabatan"},
      {"unit", "unitkerja", "unor", "unornama", "opd", "perangkatdaerah", "satuankerja", "unorinduknama",
       "unorid", "unitid"},
      {"agency", "instansi", "instansinama", "instansikerjanama", "instansiid", "instansikerjaid", "agencyid"},
      {"leader", "pimpinan", "kepala", "kepalaunit"}};
  int col[kCols];
  int rank[kCols];  // the alias a column was found by: an earlier alias (a name) wins over a later one (an id)
  std::fill(std::begin(col), std::end(col), -1);
  std::fill(std::begin(rank), std::end(rank), 1 << 20);
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string h;
    for (char ch : fields[i]) {
      if (ch != '_' && ch != '-' && ch != ' ') h.push_back(absl::ascii_tolower(static_cast<unsigned char>(ch)));
    }
    for (int c = 0; c < kCols; ++c) {
      for (size_t k = 0; k < kAliases[c].size(); ++k) {
        if (h == kAliases[c][k] && static_cast<int>(k) == rank[c]) {
          return absl::InvalidArgumentError(absl::StrCat("roster line 1: columns ", col[c] + 1, " and ", i + 1,
                                                         " are both \"", kAliases[c][k], "\" (", names[c],
                                                         "): which one holds the value?"));
        }
        if (h == kAliases[c][k] && static_cast<int>(k) < rank[c]) {
          col[c] = static_cast<int>(i);
          rank[c] = static_cast<int>(k);
        }
      }
    }
  }
  for (int c : {kNip, kName, kType}) {
    if (col[c] < 0) {
      return absl::InvalidArgumentError(absl::StrCat("roster line 1: the header lacks the column \"", names[c],
                                                     "\" (required: nip,name,type; or nip,nama,jenis_pegawai)"));
    }
  }
  int64_t number = 1;
  RowView e;
  while (internal::ReadLine(in, &line, &too_long, kMaxRosterLineBytes, &length)) {
    ++number;
    if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (auto st = rows.Count(); !st.ok()) return st;
    if (!rows.Fits(too_long, length, number)) continue;
    if (!internal::SplitCsv(line, delimiter, &fields)) {
      Reject(report, number, "unterminated quote");
      continue;
    }
    auto get = [&](Col c) -> absl::string_view {
      return col[c] >= 0 && static_cast<size_t>(col[c]) < fields.size() ? absl::string_view(fields[col[c]])
                                                                        : absl::string_view();
    };
    e = RowView{get(kNip), get(kName), get(kGrade), get(kUnit), get(kAgency), get(kPosition)};
    if (!ParseKind(get(kType), &e.kind)) {
      Reject(report, number, absl::StrCat("type: ", internal::Quoted(get(kType), 30), " is not PNS, CPNS, PPPK, ",
                                          "PPPK_PARUH_WAKTU or NON_ASN"));
      continue;
    }
    if (!get(kPositionType).empty()) {
      v1::PositionType pt;
      if (!ParsePositionType(get(kPositionType), &pt)) {
        Reject(report, number, absl::StrCat("position_type: ", internal::Quoted(get(kPositionType), 30),
                                            " is not a position type (JPT_PRATAMA, ADMINISTRATOR, PENGAWAS, ",
                                            "FUNGSIONAL_KEAHLIAN, FUNGSIONAL_KETERAMPILAN, PELAKSANA, ...)"));
        continue;
      }
      e.position_type = pt;
    }
    const absl::string_view leader = get(kLeader);
    e.leader = leader == "1" || absl::EqualsIgnoreCase(leader, "true") || absl::EqualsIgnoreCase(leader, "ya") ||
               absl::EqualsIgnoreCase(leader, "yes");
    rows.Add(e, number);
  }
  if (in.bad()) return ReadError(number);
  return rows.Finish();
}

absl::StatusOr<RosterTable> ImportRosterJsonLines(std::istream& in, v1::RosterImportReport* report,
                                                  const RosterImportOptions& options) {
  *report = v1::RosterImportReport();
  RowImport rows{RosterTable(), Interners(), report, options, {}, {}};
  std::string line;
  int64_t number = 0;
  bool too_long = false;
  size_t length = 0;
  v1::RosterEntry e;
  while (internal::ReadLine(in, &line, &too_long, kMaxRosterLineBytes, &length)) {
    ++number;
    if (!too_long && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (auto st = rows.Count(); !st.ok()) return st;
    if (!rows.Fits(too_long, length, number)) continue;
    e.Clear();
    if (auto st = google::protobuf::util::JsonStringToMessage(line, &e); !st.ok()) {
      Reject(report, number, absl::StrCat("invalid JSON: ", st.message().as_string()));
      continue;
    }
    rows.Add(ViewOf(e), number);
  }
  if (in.bad()) return ReadError(number);
  return rows.Finish();
}

// ------------------------------------------------------------------ registry

namespace {

// The key of Progress's group of a row in `unit`: (unit * kClasses +
// position class) * kKinds + kind, so that keys sort by unit, class, kind;
// the Key* functions read it back.
constexpr uint64_t kClasses = 4, kKinds = 6;
uint64_t GroupKey(const RosterTable& roster, size_t row, uint32_t unit) {
  return (uint64_t{unit} * kClasses + ClassOf(static_cast<v1::PositionType>(roster.position_type[row]))) * kKinds +
         roster.kind[row];
}
uint32_t KeyUnit(uint64_t key) { return static_cast<uint32_t>(key / (kClasses * kKinds)); }
v1::PositionClass KeyClass(uint64_t key) { return static_cast<v1::PositionClass>(key / kKinds % kClasses); }
v1::EmployeeKind KeyKind(uint64_t key) { return static_cast<v1::EmployeeKind>(key % kKinds); }

}  // namespace

absl::StatusOr<PactRegistry> PactRegistry::Create(std::shared_ptr<const RuleBook> book, const RosterTable* roster,
                                                  const std::string& election, const PactOptions& options) {
  if (book == nullptr || roster == nullptr) return absl::InvalidArgumentError("PactRegistry::Create: null argument");
  const internal::CompiledLaw& law = book->compiled();
  auto e = law.election_by_id.find(election);
  if (e == law.election_by_id.end()) {
    return absl::InvalidArgumentError(absl::StrCat("election: unknown election ", internal::Quoted(election, 80)));
  }
  PactRegistry r;
  auto evaluator = Evaluator::Create(book, options.settings);
  if (!evaluator.ok()) return evaluator.status();
  r.evaluator_ = std::make_shared<const Evaluator>(*std::move(evaluator));
  r.book_ = book;
  r.roster_ = roster;
  r.election_ = election;
  r.options_ = options;
  for (const auto& [id, t] : law.pact_templates) {
    if (t->election() == election) r.templates_.push_back(t);
  }
  if (r.templates_.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("the rule book has no pact template for election ", election));
  }
  if (r.templates_.size() > 254) return absl::FailedPreconditionError("more than 254 pact templates for one election");
  // The earliest date a pact of this election can bear: its templates' legal
  // basis (each template's first citation, as a rule's window is its first
  // cited instrument's) in force. A pact dated 1900-01-01 is refused.
  for (const v1::PactTemplate* t : r.templates_) {
    if (t->citations().empty()) continue;
    const v1::Instrument* basis = book->FindInstrument(t->citations(0).instrument());
    if (basis == nullptr || basis->in_force_from().empty()) continue;
    auto from = ParseDate(basis->in_force_from(), "in_force_from");
    if (!from.ok()) continue;
    if (r.basis_.empty() || DayNumber(*from) < r.basis_from_) {
      r.basis_from_ = DayNumber(*from);
      r.basis_ = basis->id();
    }
  }
  // The due date: a policy (setting pact_due_rule) unless the host sets one.
  if (options.has_due) {
    r.due_ = options.due;
  } else {
    const v1::Setting* rule = book->FindSetting("pact_due_rule");
    auto set = options.settings.find("pact_due_rule");
    const std::string value = set != options.settings.end() ? set->second
                              : rule == nullptr            ? "NO_DUE_DATE"
                                                           : rule->default_value();
    const internal::CompiledElection& el = law.elections[e->second];
    absl::CivilDay earliest_campaign = el.contests[0].campaign_from, earliest_determination = el.contests[0].determination;
    for (const internal::CompiledContest& c : el.contests) {
      earliest_campaign = std::min(earliest_campaign, c.campaign_from);
      earliest_determination = std::min(earliest_determination, c.determination);
    }
    r.due_ = value == "DAY_BEFORE_CAMPAIGN"        ? earliest_campaign - 1
             : value == "DAY_BEFORE_DETERMINATION" ? earliest_determination - 1
                                                   : absl::CivilDay(2199, 12, 31);
  }
  // Each agency's due date: its own, or the registry's.
  r.agency_due_.assign(roster->agencies.size(), DayNumber(r.due_));
  for (const auto& [name, day] : options.agency_due) {
    auto it = std::find(roster->agencies.begin(), roster->agencies.end(), name);
    if (it == roster->agencies.end()) {
      return absl::InvalidArgumentError(absl::StrCat("agency_due: ", internal::Quoted(name, 80), " is not an agency of the roster"));
    }
    r.agency_due_[it - roster->agencies.begin()] = DayNumber(day);
  }
  const size_t n = roster->size();
  for (auto* v : {&r.issued_, &r.signed_, &r.declined_, &r.withdrawn_, &r.expired_, &r.last_, &r.breached_on_,
                  &r.superseded_on_, &r.prev_issued_, &r.prev_signed_}) {
    v->assign(n, 0);
  }
  for (const v1::PactTemplate* t : r.templates_) r.commitments_ = std::max(r.commitments_, t->commitments_size());
  r.template_.assign(n, 0);
  r.late_.assign(n, 0);
  r.breached_.assign(n, 0);
  r.unit_ = roster->unit;
  // Progress's groups, numbered on first sight (rows of a unit are usually
  // together, so the last key is tried first) and then ordered by key.
  r.group_.resize(n);
  uint64_t last_key = UINT64_MAX;
  uint32_t last_group = 0;
  for (size_t row = 0; row < n; ++row) {
    if (roster->leader[row]) r.leader_rows_.push_back(static_cast<uint32_t>(row));
    const uint64_t key = GroupKey(*roster, row, roster->unit[row]);
    if (key != last_key) {
      auto [it, added] = r.group_of_key_.try_emplace(key, static_cast<uint32_t>(r.group_key_.size()));
      if (added) r.group_key_.push_back(key);
      last_key = key;
      last_group = it->second;
    }
    r.group_[row] = last_group;
  }
  // Renumbered in key order, so that Progress reads its groups in order.
  std::vector<uint32_t> by_key(r.group_key_.size()), number(r.group_key_.size());
  std::iota(by_key.begin(), by_key.end(), 0u);
  std::sort(by_key.begin(), by_key.end(), [&r](uint32_t a, uint32_t b) { return r.group_key_[a] < r.group_key_[b]; });
  for (uint32_t i = 0; i < by_key.size(); ++i) number[by_key[i]] = i;
  for (uint32_t& g : r.group_) g = number[g];
  std::sort(r.group_key_.begin(), r.group_key_.end());
  for (auto& [key, g] : r.group_of_key_) g = number[g];
  r.group_order_.resize(by_key.size());
  std::iota(r.group_order_.begin(), r.group_order_.end(), 0u);
  return r;
}

uint32_t PactRegistry::GroupOf(size_t row, uint32_t unit) {
  const uint64_t key = GroupKey(*roster_, row, unit);
  auto [it, added] = group_of_key_.try_emplace(key, static_cast<uint32_t>(group_key_.size()));
  if (added) {
    group_key_.push_back(key);
    group_order_.insert(std::upper_bound(group_order_.begin(), group_order_.end(), key,
                                         [this](uint64_t k, uint32_t g) { return k < group_key_[g]; }),
                        it->second);
  }
  return it->second;
}

int PactRegistry::TemplateIndex(const std::string& id) const {
  for (size_t i = 0; i < templates_.size(); ++i) {
    if (templates_[i]->id() == id) return static_cast<int>(i);
  }
  return -1;
}

const v1::PactTemplate* PactRegistry::Template(const std::string& id) const {
  const int k = TemplateIndex(id);
  return k < 0 ? nullptr : templates_[k];
}

absl::Status PactRegistry::BeforeBasis(int32_t day) const {
  if (basis_.empty() || day >= basis_from_) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("dated before the pact's legal basis (", basis_,
                                                    ") took effect on ", FormatDate(FromDayNumber(basis_from_))));
}

absl::StatusOr<int64_t> PactRegistry::IssueAll(absl::CivilDay date, const std::string& template_id,
                                               const std::string& leadership_template) {
  if (auto st = RosterUnchanged(); !st.ok()) return st;
  if (absl::Status st = BeforeBasis(DayNumber(date)); !st.ok()) {
    return absl::FailedPreconditionError(absl::StrCat("PACT_ISSUED on ", FormatDate(date), ": ", st.message()));
  }
  v1::PactEvent e;
  e.set_type(v1::PACT_ISSUED);
  e.set_date(FormatDate(date));
  const v1::PactTemplate* staff = Template(template_id);
  if (staff == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("template_id: ", internal::Quoted(template_id, 80),
                                                   " is not a pact template of ", election_));
  }
  if (!leadership_template.empty() && Template(leadership_template) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("leadership template ", internal::Quoted(leadership_template, 80),
                                                   " is not a pact template of ", election_));
  }
  int64_t issued = 0;
  for (size_t row = 0; row < issued_.size(); ++row) {
    const auto kind = static_cast<v1::EmployeeKind>(roster_->kind[row]);
    if (kind == v1::NON_ASN && !options_.include_non_asn) continue;
    if (issued_[row] != 0 && withdrawn_[row] == 0 && expired_[row] == 0) continue;  // already active
    if (withdrawn_[row] != 0 || expired_[row] != 0) continue;
    const bool lead = roster_->leader[row] && !leadership_template.empty();
    const std::string& tid = lead ? leadership_template : template_id;
    for (size_t k = 0; k < templates_.size(); ++k) {
      if (templates_[k]->id() == tid) template_[row] = static_cast<uint8_t>(k + 1);
    }
    const int32_t d = DayNumber(date);
    if (last_[row] > d) continue;  // an employee whose log is ahead keeps its order
    issued_[row] = d;
    last_[row] = d;
    ++issued;
  }
  return issued;
}

absl::Status PactRegistry::Check(const v1::PactEvent& e) const {
  RowState unused;
  return Decide(e, &unused);
}

absl::Status PactRegistry::Apply(const v1::PactEvent& e) {
  RowState next;
  if (auto st = Decide(e, &next); !st.ok()) return st;
  const uint32_t row = next.row;
  issued_[row] = next.issued;
  signed_[row] = next.signed_on;
  late_[row] = next.signed_on > agency_due_[roster_->agency[row]];
  declined_[row] = next.declined;
  withdrawn_[row] = next.withdrawn;
  expired_[row] = next.expired;
  template_[row] = next.tmpl;
  breached_[row] = next.breached;
  if (next.unit != unit_[row]) group_[row] = GroupOf(row, next.unit);
  unit_[row] = next.unit;
  last_[row] = next.last;
  if (breached_on_[row] == 0 && next.breached_on != 0) breached_rows_.push_back(row);
  breached_on_[row] = next.breached_on;
  superseded_on_[row] = next.superseded_on;
  prev_issued_[row] = next.prev_issued;
  prev_signed_[row] = next.prev_signed;
  if (next.link_commitment >= 0) links_.emplace(row, e.linked_case_id(), e.commitment_id());
  return absl::OkStatus();
}

absl::Status PactRegistry::Decide(const v1::PactEvent& e, RowState* out) const {
  if (!v1::PactEventType_IsValid(e.type()) || e.type() == v1::PACT_EVENT_TYPE_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat("type: unknown pact event type ", e.type()));
  }
  if (!v1::SigningMethod_IsValid(e.method())) {
    return absl::InvalidArgumentError(absl::StrCat("method: unknown enum value ", e.method()));
  }
  auto parsed = ParseDate(e.date(), "date");
  if (!parsed.ok()) return parsed.status();
  const int32_t day = DayNumber(*parsed);
  // Identifiers and places are printed in text output (progress, lists):
  // refused with a control character (a forged line, a terminal escape) or
  // bytes that are not UTF-8, naming the place, as a roster's fields are.
  for (auto [name, value] : {std::pair<const char*, absl::string_view>{"template_id", e.template_id()},
                             {"place", e.place()}, {"evidence_ref", e.evidence_ref()},
                             {"ceremony_id", e.ceremony_id()}, {"linked_case_id", e.linked_case_id()},
                             {"commitment_id", e.commitment_id()}, {"unit", e.unit()}}) {
    if (const size_t at = internal::InvalidUtf8(value); at != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": not UTF-8 at byte ", at + 1));
    }
    if (const size_t at = internal::FirstControl(value); at != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": a control character at byte ", at + 1, " (tab, line break, escape or direction control)"));
    }
  }
  auto nip = ParseNipNumber(e.nip(), "nip");
  if (!nip.ok()) return nip.status();
  if (auto st = RosterUnchanged(); !st.ok()) return st;
  auto row_it = roster_->row_of.find(nip->number);
  if (row_it == roster_->row_of.end()) {
    return absl::FailedPreconditionError("nip: the employee is not on the roster");  // no NIP echoed: personal data
  }
  const uint32_t row = row_it->second;
  // The row's state, changed on copies and written back only on commit.
  int32_t issued = issued_[row], signed_on = signed_[row], declined = declined_[row];
  int32_t withdrawn = withdrawn_[row], expired = expired_[row];
  uint8_t tmpl = template_[row], breached = breached_[row];
  uint32_t unit = unit_[row];
  int32_t breached_on = breached_on_[row], superseded_on = superseded_on_[row];
  int32_t prev_issued = prev_issued_[row], prev_signed = prev_signed_[row];
  int link = -1;
  auto refuse = [&](absl::string_view why) {
    return absl::FailedPreconditionError(absl::StrCat(v1::PactEventType_Name(e.type()), " on ", e.date(), ": ", why));
  };
  if (last_[row] != 0 && day < last_[row]) {
    return refuse(absl::StrCat("dated before the pact's previous event (", FormatDate(FromDayNumber(last_[row])), ")"));
  }
  if (absl::Status st = BeforeBasis(day); !st.ok()) return refuse(st.message());
  const bool active = issued != 0 && withdrawn == 0 && expired == 0;
  switch (e.type()) {
    case v1::PACT_ISSUED: {
      if (active) return refuse("the employee already has an active pact for this election (one per election)");
      if (withdrawn != 0) return refuse("the employee has left service");
      if (expired != 0) return refuse("the pact of this election has expired; there is one pact per election");
      if (roster_->kind[row] == v1::NON_ASN && !options_.include_non_asn) {
        return refuse("non-ASN staff sign only where the agency opts in (docs/law/pakta_netralitas.md)");
      }
      const int k = TemplateIndex(e.template_id());
      if (k < 0) return absl::InvalidArgumentError(absl::StrCat("template_id: ", internal::Quoted(e.template_id(), 80),
                                                               " is not a pact template of ", election_));
      issued = day;
      tmpl = static_cast<uint8_t>(k + 1);
      break;
    }
    case v1::PACT_SIGNED: {
      if (!active) return refuse("no active pact has been issued to the employee");
      if (signed_on != 0) return refuse("the pact is already signed");
      if (e.signer_nip().empty()) return absl::InvalidArgumentError("signer_nip: required");
      auto signer = ParseNipNumber(e.signer_nip(), "signer_nip");
      if (!signer.ok()) return signer.status();
      if (signer->number != nip->number) return refuse("the signer is not the employee: a pact is signed in person");
      if (e.method() == v1::SIGNING_METHOD_UNSPECIFIED) {
        return absl::InvalidArgumentError("method: required (INDIVIDUAL, CEREMONY or ELECTRONIC)");
      }
      if (e.method() == v1::CEREMONY && e.ceremony_id().empty()) {
        return absl::InvalidArgumentError("ceremony_id: required for a signature at a ceremony");
      }
      signed_on = day;  // an earlier refusal stays on record for the days it stood
      break;
    }
    case v1::PACT_DECLINED:
      if (!active) return refuse("no active pact has been issued to the employee");
      if (signed_on != 0) return refuse("the pact is already signed");
      declined = day;
      break;
    case v1::PACT_SUPERSEDED: {
      if (!active) return refuse("no active pact to supersede");
      const int k = TemplateIndex(e.template_id());
      if (k < 0) {
        return absl::InvalidArgumentError(absl::StrCat("template_id: ", internal::Quoted(e.template_id(), 80),
                                                       " is not a pact template of ", election_));
      }
      // A new text must be signed again: the one pact of the election is
      // re-issued; the first text's dates stay for the days before.
      tmpl = static_cast<uint8_t>(k + 1);
      prev_issued = issued;
      prev_signed = signed_on;
      superseded_on = day;
      issued = day;
      signed_on = 0;
      declined = 0;
      break;
    }
    case v1::PACT_BREACHED: {
      if (issued == 0) return refuse("no pact was issued to the employee");
      if (e.linked_case_id().empty()) {
        return absl::InvalidArgumentError("linked_case_id: required (the neutrality case that confirmed the violation)");
      }
      const v1::PactTemplate* t = templates_[tmpl - 1];
      int c = -1;
      for (int i = 0; i < t->commitments_size(); ++i) {
        if (t->commitments(i).id() == e.commitment_id()) c = i;
      }
      if (c < 0) {
        return absl::InvalidArgumentError(absl::StrCat("commitment_id: ", internal::Quoted(e.commitment_id(), 80),
                                                       " is not a commitment of the pact's template"));
      }
      if (links_.contains(std::make_tuple(row, e.linked_case_id(), e.commitment_id()))) {
        return refuse(absl::StrCat("commitment ", internal::Quoted(e.commitment_id(), 80), " is already linked to case ",
                                   internal::Quoted(e.linked_case_id(), 80)));
      }
      link = c;
      breached |= static_cast<uint8_t>(1u << c);
      if (breached_on == 0) breached_on = day;
      break;
    }
    case v1::PACT_EXPIRED:
      if (!active) return refuse("no active pact");
      expired = day;
      break;
    case v1::PACT_WITHDRAWN:
      if (withdrawn != 0) return refuse("already withdrawn");
      withdrawn = day;
      break;
    case v1::PACT_UNIT_CHANGED: {
      if (e.unit().empty()) return absl::InvalidArgumentError("unit: required");
      const std::string key = absl::StrCat(roster_->agencies[roster_->agency[row]], "\x1f", e.unit());
      auto it = std::find(roster_->units.begin(), roster_->units.end(), key);
      if (it == roster_->units.end()) {
        return absl::InvalidArgumentError(absl::StrCat("unit: ", internal::Quoted(e.unit(), 80),
                                                       " is not a unit of the employee's agency on the roster"));
      }
      unit = static_cast<uint32_t>(it - roster_->units.begin());
      break;
    }
    default:
      return absl::InvalidArgumentError("type: unknown pact event type");
  }
  *out = RowState{row,         issued,      signed_on, declined, withdrawn, expired, day, breached_on, superseded_on,
                  prev_issued, prev_signed, tmpl,      breached, unit,      link};
  return absl::OkStatus();
}

// Inlined into the passes over every row (a call per row cost 4 times the
// counting).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline PactRegistry::RowCount PactRegistry::CountRow(size_t row, int32_t d) const {
  // Before a new text superseded it, the first text's dates apply.
  int32_t is = issued_[row], s = signed_[row];
  if (ABSL_PREDICT_FALSE(superseded_on_[row] != 0 && d < superseded_on_[row])) {
    is = prev_issued_[row];
    s = prev_signed_[row];
  }
  // Whether a day (0 = never) had come by d. Each test below is 0 or 1 and
  // combined with & and |, not && and ||: half the rows go each way on
  // signed, on time and declined, so branches would be mispredicted.
  const auto by = [d](int32_t day) { return static_cast<uint32_t>(day != 0) & static_cast<uint32_t>(day <= d); };
  const int32_t due = agency_due_[roster_->agency[row]];
  RowCount c;
  c.issued = by(is);
  const uint32_t signed_now = c.issued & by(s);
  c.withdrawn = c.issued & by(withdrawn_[row]);
  c.declined = c.issued & (signed_now ^ 1u) & by(declined_[row]);
  c.on_time = signed_now & static_cast<uint32_t>(s <= due);
  c.late = signed_now & static_cast<uint32_t>(s > due);
  c.not_signed = c.issued & ((signed_now | c.withdrawn | c.declined) ^ 1u);
  c.breached = c.issued & by(breached_on_[row]);
  c.signed_day = s & -static_cast<int32_t>(signed_now);
  return c;
}

// Four rows at a time. GCC's and Clang's vector types (SSE2 on x86-64, NEON
// on ARM) count four rows in the instructions that count one: a comparison
// gives -1 or 0 in each lane, combined with & and |, as CountRow's 0 and 1.
namespace {
using Lane = int32_t __attribute__((vector_size(16)));
constexpr size_t kLanes = 4;
inline Lane LoadLane(const int32_t* p) {
  Lane v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline Lane WidenLane(const uint8_t* p) { return Lane{p[0], p[1], p[2], p[3]}; }
inline bool AnyLane(Lane v) { return (v[0] | v[1] | v[2] | v[3]) != 0; }
}  // namespace

// Each field -1 (counted) or 0 in a lane; signed_day the day or 0.
struct PactRegistry::Lanes {
  Lane issued, on_time, late, not_signed, declined, breached, withdrawn, signed_day;
  // A row before a new text superseded its pact (rare): CountRow counts it.
  Lane superseded;
};

ABSL_ATTRIBUTE_ALWAYS_INLINE inline PactRegistry::Lanes PactRegistry::CountLanes(size_t row, int32_t d) const {
  const Lane day = {d, d, d, d};
  const auto by = [&day](Lane x) { return (x != 0) & (x <= day); };
  const Lane sup = LoadLane(&superseded_on_[row]);
  const Lane s = LoadLane(&signed_[row]);
  Lanes c;
  c.superseded = (sup != 0) & (day < sup);
  c.issued = by(LoadLane(&issued_[row]));
  const Lane signed_now = c.issued & by(s);
  const Lane late = WidenLane(&late_[row]) != 0;
  c.withdrawn = c.issued & by(LoadLane(&withdrawn_[row]));
  c.declined = c.issued & ~signed_now & by(LoadLane(&declined_[row]));
  c.on_time = signed_now & ~late;
  c.late = signed_now & late;
  c.not_signed = c.issued & ~(signed_now | c.withdrawn | c.declined);
  c.breached = c.issued & by(LoadLane(&breached_on_[row]));
  c.signed_day = s & signed_now;
  return c;
}

void PactRegistry::Totals(absl::CivilDay as_of, int64_t counts[8], const std::vector<bool>* units) const {
  const int32_t d = DayNumber(as_of);
  int64_t c[8] = {};
  const size_t n = issued_.size();
  const auto add = [&](size_t row) {
    if (units != nullptr && !(*units)[unit_[row]]) return;
    const RowCount r = CountRow(row, d);
    c[0] += r.issued;
    c[1] += r.on_time;
    c[2] += r.late;
    c[3] += r.not_signed;
    c[4] += r.declined;
    c[5] += r.breached;
    c[6] += r.withdrawn;
    c[7] += roster_->kind[row] != v1::NON_ASN || options_.include_non_asn;
  };
  size_t row = 0;
  if (units == nullptr) {
    // Lane sums (-1 per row counted) stay far from overflow in blocks of
    // 2^24 rows, then go into the int64 totals.
    const Lane non_asn = {v1::NON_ASN, v1::NON_ASN, v1::NON_ASN, v1::NON_ASN};
    const Lane all_kinds = options_.include_non_asn ? Lane{-1, -1, -1, -1} : Lane{};
    while (row + kLanes <= n) {
      Lane sum[8] = {};
      const size_t end = std::min(n - n % kLanes, row + (size_t{1} << 24));
      for (; row < end; row += kLanes) {
        const Lanes l = CountLanes(row, d);
        if (ABSL_PREDICT_FALSE(AnyLane(l.superseded))) {
          for (size_t r = row; r < row + kLanes; ++r) add(r);
          continue;
        }
        sum[0] += l.issued;
        sum[1] += l.on_time;
        sum[2] += l.late;
        sum[3] += l.not_signed;
        sum[4] += l.declined;
        sum[5] += l.breached;
        sum[6] += l.withdrawn;
        sum[7] += (WidenLane(&roster_->kind[row]) != non_asn) | all_kinds;
      }
      for (int k = 0; k < 8; ++k) c[k] -= int64_t{sum[k][0]} + sum[k][1] + sum[k][2] + sum[k][3];
    }
  }
  for (; row < n; ++row) add(row);
  for (int k = 0; k < 8; ++k) counts[k] = c[k];
}

v1::PactProgress PactRegistry::Progress(absl::CivilDay as_of, int max_not_signed) const {
  return Progress(as_of, max_not_signed, nullptr);
}

absl::StatusOr<std::vector<v1::PactEvent>> PactRegistry::BulkEvents(
    v1::PactEventType type, absl::CivilDay date, const std::vector<bool>* units, size_t* row, size_t limit,
    std::string template_id, std::string leadership_template) const {
  if (type == v1::PACT_ISSUED && template_id.empty()) {
    for (const v1::PactTemplate* t : templates_) {
      if (!t->leadership() && template_id.empty()) template_id = t->id();
      if (t->leadership() && leadership_template.empty()) leadership_template = t->id();
    }
  }
  if (type == v1::PACT_ISSUED) {
    for (const auto& [field, id] : {std::pair<const char*, const std::string&>{"template_id", template_id},
                                    {"leadership_template", leadership_template}}) {
      if (!id.empty() && Template(id) == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(field, ": ", internal::Quoted(id, 80), " is not a pact template of ",
                                                       election_));
      }
    }
  }
  const std::string day = FormatDate(date);
  std::vector<v1::PactEvent> out;
  out.reserve(std::min(limit, issued_.size()));
  for (; *row < issued_.size() && out.size() < limit; ++*row) {
    const size_t r = *row;
    if (units != nullptr && !(*units)[unit_[r]]) continue;
    std::string nip = roster_->Nip(r);
    if (nip.empty()) continue;  // a row without a NIP (a non-ASN without one) has no pact
    v1::PactEvent& e = out.emplace_back();
    e.set_type(type);
    e.set_date(day);
    e.set_nip(std::move(nip));
    if (type == v1::PACT_ISSUED) {
      e.set_template_id(roster_->leader[r] && !leadership_template.empty() ? leadership_template : template_id);
    }
  }
  return out;
}

std::vector<size_t> PactRegistry::NotSigned(absl::CivilDay as_of, const std::vector<bool>* units, size_t first,
                                            size_t limit, size_t* next) const {
  return NotSigned(as_of, units, first, limit, next, [](size_t) { return true; });
}

std::vector<size_t> PactRegistry::NotSigned(absl::CivilDay as_of, const std::vector<bool>* units, size_t first,
                                            size_t limit, size_t* next,
                                            absl::FunctionRef<bool(size_t)> keep) const {
  std::vector<size_t> rows;
  const int32_t d = DayNumber(as_of);
  size_t row = first;
  for (; row < issued_.size() && rows.size() < limit; ++row) {
    if (units != nullptr && !(*units)[unit_[row]]) continue;
    if (CountRow(row, d).not_signed && keep(row)) rows.push_back(row);
  }
  *next = row;
  return rows;
}

int64_t PactRegistry::CountNotSigned(absl::CivilDay as_of, const std::vector<bool>* units,
                                     absl::FunctionRef<bool(size_t)> keep) const {
  int64_t n = 0;
  const int32_t d = DayNumber(as_of);
  for (size_t row = 0; row < issued_.size(); ++row) {
    if (units != nullptr && !(*units)[unit_[row]]) continue;
    n += CountRow(row, d).not_signed && keep(row);
  }
  return n;
}

std::optional<absl::CivilDay> PactRegistry::FirstIssued(const std::vector<bool>* units) const {
  int32_t first = 0;
  for (size_t row = 0; row < issued_.size(); ++row) {
    if (units != nullptr && !(*units)[unit_[row]]) continue;
    for (int32_t d : {issued_[row], prev_issued_[row]}) {
      if (d != 0 && (first == 0 || d < first)) first = d;
    }
  }
  if (first == 0) return std::nullopt;
  return FromDayNumber(first);
}

// One group's counts on a day (uint32: a group has fewer rows than the
// roster, whose rows are numbered in uint32).
struct PactRegistry::GroupCount {
  uint32_t rows = 0, issued = 0, on_time = 0, late = 0, not_signed = 0, declined = 0, breached = 0, withdrawn = 0;
  uint32_t staff_issued = 0, staff_signed = 0, staff_ahead = 0;  // non-leaders, for the unit's leadership order
};

// One pass over every row, adding each to its group: work in proportion to
// the rows, and memory to the groups. Rows come in any order of units, so
// adding each straight to its group (212 k groups, 9 MiB at 6 M rows) waited
// on memory at every row. Instead the pass writes each row as a 4-byte
// record (its group within a slice of kSlice groups, and what it counts as)
// into its slice's bucket, and then adds the buckets up one slice at a time,
// whose groups stay in the cache: the radix partitioning of a hash join.
void PactRegistry::CountGroups(int32_t d, const std::vector<uint8_t>* visible, const std::vector<int32_t>& ahead,
                               std::vector<GroupCount>* groups) const {
  constexpr int kSliceBits = 12;
  constexpr uint32_t kSlice = 1u << kSliceBits;
  // What a row counts as, in the bits of a record above its group.
  constexpr int32_t kIssued = 1, kOnTime = 2, kLate = 4, kDeclined = 8, kBreached = 16, kWithdrawn = 32, kStaff = 64,
                    kAhead = 128;
  const size_t n = issued_.size();
  const size_t slices = (groups->size() + kSlice - 1) / kSlice;
  std::vector<size_t> next(slices + 1);
  for (size_t row = 0; row < n; ++row) ++next[(group_[row] >> kSliceBits) + 1];
  for (size_t p = 1; p <= slices; ++p) next[p] += next[p - 1];
  std::vector<size_t> end(next.begin() + 1, next.end());
  // Not zeroed: every record read is written first.
  std::unique_ptr<uint32_t[]> records(new uint32_t[n]);
  internal::AdviseHugePages(records.get(), n * sizeof(uint32_t));
  const auto put = [&](size_t row, uint32_t what, int32_t signed_day) {
    const uint32_t k = group_[row];
    if (visible != nullptr && !(*visible)[k]) return;
    // A staff signature before the unit's leaders had all signed.
    what |= kAhead & -static_cast<uint32_t>(static_cast<uint32_t>((what & kStaff) != 0) &
                                             static_cast<uint32_t>(signed_day != 0) &
                                             static_cast<uint32_t>(signed_day < ahead[unit_[row]]));
    records[next[k >> kSliceBits]++] = (k & (kSlice - 1)) | what << kSliceBits;
  };
  const auto put_row = [&](size_t row) {
    const RowCount r = CountRow(row, d);
    const uint32_t staff = r.issued & static_cast<uint32_t>(roster_->leader[row] == 0);
    put(row,
        r.issued * kIssued | r.on_time * kOnTime | r.late * kLate | r.declined * kDeclined | r.breached * kBreached |
            r.withdrawn * kWithdrawn | staff * kStaff,
        r.signed_day);
  };
  size_t row = 0;
  for (; row + kLanes <= n; row += kLanes) {
    const Lanes l = CountLanes(row, d);
    if (ABSL_PREDICT_FALSE(AnyLane(l.superseded))) {
      for (size_t r = row; r < row + kLanes; ++r) put_row(r);
      continue;
    }
    const Lane staff = l.issued & (WidenLane(&roster_->leader[row]) == 0);
    const Lane what = (l.issued & kIssued) | (l.on_time & kOnTime) | (l.late & kLate) | (l.declined & kDeclined) |
                      (l.breached & kBreached) | (l.withdrawn & kWithdrawn) | (staff & kStaff);
    for (size_t j = 0; j < kLanes; ++j) put(row + j, static_cast<uint32_t>(what[j]), l.signed_day[j]);
  }
  for (; row < n; ++row) put_row(row);
  GroupCount* g = groups->data();
  for (size_t p = 0; p < slices; ++p) {
    GroupCount* slice = g + p * kSlice;
    const size_t first = p == 0 ? 0 : end[p - 1];
    for (size_t i = first; i < next[p]; ++i) {
      const uint32_t rec = records[i], what = rec >> kSliceBits;
      GroupCount& x = slice[rec & (kSlice - 1)];
      const uint32_t issued = what & kIssued;
      ++x.rows;
      x.issued += issued;
      x.on_time += (what >> 1) & 1;
      x.late += (what >> 2) & 1;
      x.declined += (what >> 3) & 1;
      x.breached += (what >> 4) & 1;
      x.withdrawn += (what >> 5) & 1;
      x.not_signed += issued & static_cast<uint32_t>((what & (kOnTime | kLate | kDeclined | kWithdrawn)) == 0);
      const uint32_t staff = (what >> 6) & 1;
      x.staff_issued += staff;
      x.staff_signed += staff & static_cast<uint32_t>((what & (kOnTime | kLate)) != 0);
      x.staff_ahead += (what >> 7) & 1;
    }
  }
}

v1::PactProgress PactRegistry::Progress(absl::CivilDay as_of, int max_not_signed,
                                        const std::vector<bool>* shown) const {
  v1::PactProgress out;
  out.set_election(election_);
  out.set_as_of(FormatDate(as_of));
  if (due_.year() < 2199) out.set_due(FormatDate(due_));
  const int32_t d = DayNumber(as_of);
  // Groups: unit x position class x kind (units belong to one agency).
  const auto unit_of = [this](uint32_t k) { return KeyUnit(group_key_[k]); };
  const size_t groups = group_key_.size();
  std::vector<UnitOrder> order = LeadersByUnit(d);
  std::vector<uint8_t> visible(groups, 1);
  if (shown != nullptr) {
    for (uint32_t k = 0; k < groups; ++k) visible[k] = (*shown)[unit_of(k)];
  }
  // Per unit, the day before which a staff signature is ahead of its
  // leaders: every day while a leader has not signed; none in a unit
  // without a leader.
  std::vector<int32_t> ahead(order.size());
  for (size_t u = 0; u < order.size(); ++u) {
    const UnitOrder& o = order[u];
    ahead[u] = o.leaders == 0 ? INT32_MIN : o.leaders_signed < o.leaders ? INT32_MAX : o.last_leader;
  }
  std::vector<GroupCount> g;
  g.reserve(groups);
  internal::AdviseHugePages(g.data(), groups * sizeof(GroupCount));
  g.resize(groups);
  CountGroups(d, shown == nullptr ? nullptr : &visible, ahead, &g);
  // Breaches by position in the breached pact's template (templates of one
  // election share the standard order of the commitments): few rows.
  absl::flat_hash_map<uint32_t, std::array<int64_t, 8>> by_commitment;
  for (const uint32_t row : breached_rows_) {
    if (!visible[group_[row]] || !CountRow(row, d).breached) continue;
    std::array<int64_t, 8>& b = by_commitment[group_[row]];
    for (int k = 0; k < 8; ++k) b[k] += (breached_[row] >> k) & 1;
  }
  for (uint32_t k = 0; k < groups; ++k) {
    UnitOrder& o = order[unit_of(k)];
    o.staff_issued += g[k].staff_issued;
    o.staff_signed += g[k].staff_signed;
    o.staff_ahead += g[k].staff_ahead;
  }
  if (max_not_signed > 0) {
    size_t next = 0;
    for (size_t row : NotSigned(as_of, shown, 0, static_cast<size_t>(max_not_signed), &next)) {
      out.add_not_signed_nips(roster_->Nip(row));
    }
  }
  std::vector<std::string> due_text(agency_due_.size());  // the agencies at Create: the roster may have grown
  for (size_t a = 0; a < due_text.size(); ++a) {
    if (agency_due_[a] < DayNumber(absl::CivilDay(2199, 1, 1))) due_text[a] = FormatDate(FromDayNumber(agency_due_[a]));
  }
  int64_t total[8] = {};  // must, issued, on time, late, not signed, declined, breached, withdrawn
  std::array<int64_t, 8> total_by_commitment{};
  auto fill = [this](const int64_t x[8], const std::array<int64_t, 8>& b, v1::PactCounts* c) {
    c->set_must_sign(x[0]);
    c->set_issued(x[1]);
    c->set_signed_on_time(x[2]);
    c->set_signed_late(x[3]);
    c->set_not_signed(x[4]);
    c->set_declined(x[5]);
    c->set_breached(x[6]);
    c->set_withdrawn(x[7]);
    c->set_signed_rate(SignedRate(x[1], x[2] + x[3]));
    c->mutable_breached_by_commitment()->Add(b.begin(), b.begin() + commitments_);
  };
  static const std::array<int64_t, 8> kNone{};
  for (uint32_t k : group_order_) {
    if (!visible[k]) continue;
    const GroupCount& x = g[k];
    const uint64_t key = group_key_[k];
    const v1::EmployeeKind kind = KeyKind(key);
    const int64_t must = kind != v1::NON_ASN || options_.include_non_asn ? x.rows : 0;
    if (must == 0 && x.issued == 0) continue;
    const int64_t counts[8] = {must, x.issued, x.on_time, x.late, x.not_signed, x.declined, x.breached, x.withdrawn};
    auto b = x.breached == 0 ? by_commitment.end() : by_commitment.find(k);
    const std::array<int64_t, 8>& breaches = b == by_commitment.end() ? kNone : b->second;
    const uint32_t u = unit_of(k);
    v1::PactCounts* c = out.add_groups();
    c->set_agency(roster_->agencies[roster_->unit_agency[u]]);
    c->set_unit(roster_->UnitName(u));
    c->set_position_class(KeyClass(key));
    c->set_kind(kind);
    if (!due_text[roster_->unit_agency[u]].empty()) c->set_due(due_text[roster_->unit_agency[u]]);
    fill(counts, breaches, c);
    for (int i = 0; i < 8; ++i) total[i] += counts[i], total_by_commitment[i] += breaches[i];
  }
  fill(total, total_by_commitment, out.mutable_total());
  EmitLeadership(order, shown, &out);
  return out;
}

absl::Status PactRegistry::RosterUnchanged() const {
  if (roster_->size() == issued_.size()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat("roster: ", roster_->size(), " rows now, ", issued_.size(),
                                                    " when the pact registry was created; create a new registry"));
}

absl::StatusOr<PactBreachLink> PactRegistry::LinkBreaches(const CaseProgress& c, absl::CivilDay as_of) const {
  PactBreachLink link;
  // Confirmed when, and by what.
  absl::CivilDay confirmed;
  std::string by;
  if (c.kind == v1::NEUTRALITY && c.Seen(v1::RECOMMENDATION) && c.on[v1::RECOMMENDATION] <= as_of) {
    confirmed = c.on[v1::RECOMMENDATION];
    by = "the handling body's recommendation";
  } else if (c.kind == v1::DISCIPLINARY && c.Seen(v1::DECISION) && c.decided_type >= 0 &&
             c.on[v1::DECISION] <= as_of &&
             // Revoked or annulled on a remedy decided after as_of: it still stood then.
             (c.sanction_type >= 0 || (c.remedied && c.remedy_decided > as_of))) {
    confirmed = c.on[v1::DECISION];
    by = "the decision";
  } else {
    link.explanation = absl::StrCat("case ", c.case_id, ": no confirmed violation on ", FormatDate(as_of),
                                    " (a neutrality recommendation, or a decision whose sanction stands)");
    return link;
  }
  if (!c.has_findings) {
    link.explanation = absl::StrCat("case ", c.case_id, ": confirmed without findings to read");
    return link;
  }
  const std::string where = absl::StrCat("case ", c.case_id, ", confirmed by ", by, " of ", FormatDate(confirmed));
  auto nip = ParseNipNumber(c.employee.nip(), "employee.nip");
  if (!nip.ok()) {
    link.explanation = absl::StrCat(where, ": the employee has no valid NIP, so no pact can be found");
    return link;
  }
  if (auto st = RosterUnchanged(); !st.ok()) return st;
  auto it = roster_->row_of.find(nip->number);
  if (it == roster_->row_of.end()) {
    link.explanation = absl::StrCat(where, ": the employee is not on the roster");
    return link;
  }
  const uint32_t row = it->second;
  // Only a signer committed to the pact; an act before the signature broke
  // no promise yet. A superseded text bound its signer from its signature
  // until the new text replaced it.
  struct Window {
    int32_t from, until;  // [from, until]
  };
  std::vector<Window> windows;
  const int32_t expired = expired_[row] != 0 ? expired_[row] : INT32_MAX;
  if (superseded_on_[row] != 0 && prev_signed_[row] != 0) {
    windows.push_back({prev_signed_[row], superseded_on_[row] - 1});
  }
  if (signed_[row] != 0) windows.push_back({signed_[row], expired});
  const int32_t signed_on = windows.empty() ? 0 : windows.front().from;
  if (template_[row] == 0 || windows.empty() || signed_on > DayNumber(confirmed)) {
    link.explanation = absl::StrCat(where, ": the employee had not signed a pact of ", election_, " by then");
    return link;
  }
  CaseFacts facts;
  if (auto st = evaluator_->Prepare(c.findings, &facts); !st.ok()) return st;
  CaseResult result;
  evaluator_->Evaluate(facts, &result);
  const internal::CompiledLaw& law = book_->compiled();
  const v1::PactTemplate& t = *templates_[template_[row] - 1];
  std::vector<std::string> rows;
  bool outside = false;  // an act before the signature or after expiry
  for (size_t a = 0; a < facts.acts.size() && a < result.acts.size(); ++a) {
    std::vector<std::string> matched;
    for (int k = 0; k < result.acts[a].rule_count; ++k) {
      const std::string& code = law.skb_row[law.level_rules[result.acts[a].rules[k]].rule];
      if (!code.empty()) matched.push_back(code);
    }
    if (matched.empty()) continue;
    const int32_t act = DayNumber(facts.acts[a].act_date);
    if (std::none_of(windows.begin(), windows.end(), [&](const Window& w) { return act >= w.from && act <= w.until; })) {
      outside = true;
      continue;
    }
    for (const std::string& r : matched) {
      if (std::find(rows.begin(), rows.end(), r) == rows.end()) rows.push_back(r);
    }
  }
  std::vector<std::string> linked, already;
  for (int k = 0; k < t.commitments_size(); ++k) {
    const v1::PactCommitment& pc = t.commitments(k);
    const bool hit = std::any_of(rows.begin(), rows.end(), [&](const std::string& r) {
      return std::find(pc.skb_rows().begin(), pc.skb_rows().end(), r) != pc.skb_rows().end();
    });
    if (!hit) continue;
    if (links_.contains(std::make_tuple(row, c.case_id, pc.id()))) {
      already.push_back(pc.id());
      continue;
    }
    v1::PactEvent& e = link.events.emplace_back();
    e.set_type(v1::PACT_BREACHED);
    // A pact's events are in date order: a confirmation dated before the
    // pact's last event (an expiry, a move, a later link) is recorded on that
    // day, and the note keeps the confirmation date.
    e.set_date(FormatDate(FromDayNumber(std::max(DayNumber(confirmed), last_[row]))));
    e.set_nip(roster_->Nip(row));
    e.set_linked_case_id(c.case_id);
    e.set_commitment_id(pc.id());
    e.set_note(absl::StrCat("decree row(s) ", absl::StrJoin(rows, ", "), "; ", where));
    linked.push_back(pc.id());
  }
  if (!linked.empty()) {
    link.explanation = absl::StrCat(where, ": the acts match decree row(s) ", absl::StrJoin(rows, ", "),
                                    ", which breach ", absl::StrJoin(linked, ", "), " of ", t.id());
  } else if (!already.empty()) {
    link.explanation = absl::StrCat(where, ": already linked (", absl::StrJoin(already, ", "), ")");
  } else if (rows.empty() && outside) {
    link.explanation = absl::StrCat(where, ": every act matching a decree row falls outside the signed pact (signed ",
                                    FormatDate(FromDayNumber(signed_on)),
                                    expired == INT32_MAX ? "" : absl::StrCat(", expired ", FormatDate(FromDayNumber(expired))),
                                    ")");
  } else {
    link.explanation = absl::StrCat(where, ": no act matches a decree row that a commitment of ", t.id(), " names");
  }
  if (!already.empty() && !linked.empty()) absl::StrAppend(&link.explanation, "; already linked: ", absl::StrJoin(already, ", "));
  return link;
}

std::vector<PactRegistry::UnitOrder> PactRegistry::LeadersByUnit(int32_t d) const {
  std::vector<UnitOrder> u(roster_->units.size());
  for (const uint32_t row : leader_rows_) {
    const RowCount r = CountRow(row, d);
    // A leader who left service no longer heads the unit.
    if (!r.issued || r.withdrawn) continue;
    UnitOrder& x = u[unit_[row]];
    ++x.leaders;
    if (r.signed_day == 0) continue;
    ++x.leaders_signed;
    x.last_leader = std::max(x.last_leader, r.signed_day);
  }
  return u;
}

void PactRegistry::EmitLeadership(const std::vector<UnitOrder>& u, const std::vector<bool>* shown,
                                  v1::PactProgress* out) const {
  for (size_t i = 0; i < u.size(); ++i) {
    if (shown != nullptr && !(*shown)[i]) continue;
    const UnitOrder& x = u[i];
    if (x.leaders == 0 && x.staff_issued == 0) continue;
    v1::LeadershipOrder* o = out->add_leadership();
    o->set_agency(roster_->agencies[roster_->unit_agency[i]]);
    o->set_unit(roster_->UnitName(static_cast<uint32_t>(i)));
    o->set_leaders(x.leaders);
    o->set_leaders_signed(x.leaders_signed);
    const bool done = x.leaders > 0 && x.leaders_signed == x.leaders;
    if (done) o->set_leaders_done(FormatDate(FromDayNumber(x.last_leader)));
    o->set_staff_signed(x.staff_signed);
    o->set_staff_signed_before_leaders(x.staff_ahead);
    if (x.leaders == 0) {
      out->set_units_without_leader(out->units_without_leader() + 1);
    } else if (x.staff_ahead > 0) {
      out->set_units_staff_ahead_of_leaders(out->units_staff_ahead_of_leaders() + 1);
    } else if (done) {
      out->set_units_leaders_first(out->units_leaders_first() + 1);
    }
  }
}

v1::ComplianceReport ComplianceFigures(const RosterTable& roster, absl::Span<const CaseProgress* const> cases,
                                       absl::CivilDay as_of) {
  v1::ComplianceReport out;
  out.set_as_of(FormatDate(as_of));
  out.set_note("Computed by netra from the roster and cases given; not official statistics. No predicate scale is "
               "applied: the IM NKK scale is UNCONFIRMED (docs/law/compliance_im_nkk.md).");
  std::vector<v1::AgencyCompliance> per(roster.agencies.size());
  for (size_t a = 0; a < per.size(); ++a) per[a].set_agency(roster.agencies[a]);
  for (size_t row = 0; row < roster.size(); ++row) {
    if (roster.kind[row] != v1::NON_ASN) per[roster.agency[row]].set_asn(per[roster.agency[row]].asn() + 1);
  }
  absl::flat_hash_map<std::string, size_t> index;
  for (size_t a = 0; a < per.size(); ++a) index.emplace(roster.agencies[a], a);
  v1::AgencyCompliance unmatched;
  auto on_or_before = [&](const CaseProgress& p, v1::EventType t) { return p.Seen(t) && p.on[t] <= as_of; };
  for (const CaseProgress* p : cases) {
    if (p == nullptr || p->kind != v1::NEUTRALITY || p->events == 0) continue;
    bool started = false;
    for (int t = v1::REPORT; t <= v1::REJECTED; ++t) started |= on_or_before(*p, static_cast<v1::EventType>(t));
    if (!started) continue;
    // The roster's agency column holds a name or, as the service's scopes
    // use it, the agency's id: the name is tried first.
    auto it = index.find(p->employee.agency().name());
    if (it == index.end()) it = index.find(p->employee.agency().id());
    v1::AgencyCompliance& c = it == index.end() ? unmatched : per[it->second];
    if (it == index.end()) out.set_unmatched_cases(out.unmatched_cases() + 1);
    c.set_reported(c.reported() + 1);
    c.set_open(c.open() + !IsClosed(p->status));
    const bool proven = on_or_before(*p, v1::RECOMMENDATION);
    c.set_proven(c.proven() + proven);
    c.set_not_proven(c.not_proven() + on_or_before(*p, v1::NOT_PROVEN));
    c.set_followed_up(c.followed_up() + on_or_before(*p, v1::FOLLOW_UP));
    c.set_escalated(c.escalated() + on_or_before(*p, v1::ESCALATED));
    std::vector<OverdueItem> overdue;
    CaseMachine::Overdue(p->status, p->periods, as_of, &overdue);
    bool late = false;
    for (const OverdueItem& o : overdue) late |= o.period == Period::kNeutralityFollowUp;
    c.set_follow_up_overdue(c.follow_up_overdue() + (late && !on_or_before(*p, v1::FOLLOW_UP)));
  }
  auto rates = [](v1::AgencyCompliance* c) {
    c->set_cases_per_1000(c->asn() ? 1000.0 * double(c->reported()) / double(c->asn()) : 0.0);
    const int64_t decided = c->proven() + c->not_proven();
    c->set_share_proven(decided ? double(c->proven()) / double(decided) : 0.0);
    c->set_share_followed_up(c->proven() ? double(c->followed_up()) / double(c->proven()) : 0.0);
  };
  v1::AgencyCompliance* total = out.mutable_total();
  total->set_agency("(all)");
  auto sum = [&](const v1::AgencyCompliance& c) {
    total->set_asn(total->asn() + c.asn());
    total->set_reported(total->reported() + c.reported());
    total->set_open(total->open() + c.open());
    total->set_proven(total->proven() + c.proven());
    total->set_not_proven(total->not_proven() + c.not_proven());
    total->set_followed_up(total->followed_up() + c.followed_up());
    total->set_escalated(total->escalated() + c.escalated());
    total->set_follow_up_overdue(total->follow_up_overdue() + c.follow_up_overdue());
  };
  sum(unmatched);
  for (v1::AgencyCompliance& c : per) {
    rates(&c);
    sum(c);
    *out.add_agencies() = std::move(c);
  }
  rates(total);
  return out;
}

absl::StatusOr<v1::ComplianceReport> ComplianceFigures(const RosterTable& roster,
                                                       absl::Span<const CaseProgress* const> cases,
                                                       absl::CivilDay as_of, const ComplianceOptions& options) {
  auto bands = internal::ParseBands(options.predicate_bands);
  if (!bands.ok()) return absl::InvalidArgumentError(absl::StrCat("im_nkk_predicate_bands: ", bands.status().message()));
  absl::flat_hash_map<std::string, size_t> agency;
  for (size_t a = 0; a < roster.agencies.size(); ++a) agency.emplace(roster.agencies[a], a);
  for (const auto& [name, value] : options.im_nkk_index) {
    if (!agency.contains(name)) {
      return absl::InvalidArgumentError(absl::StrCat("im_nkk_index: ", internal::Quoted(name, 80), " is not an agency of the roster"));
    }
    if (!(value >= 0 && value <= 1)) {
      return absl::InvalidArgumentError(absl::StrCat("im_nkk_index[", internal::Quoted(name, 80), "]: ", value,
                                                     " is not an index in [0, 1]"));
    }
  }
  v1::ComplianceReport out = ComplianceFigures(roster, cases, as_of);
  for (v1::AgencyCompliance& c : *out.mutable_agencies()) {
    auto it = options.im_nkk_index.find(c.agency());
    if (it == options.im_nkk_index.end()) continue;
    c.set_has_im_nkk_index(true);
    c.set_im_nkk_index(it->second);
    // The band whose threshold is the highest at or below the index.
    for (const auto& [threshold, label] : *bands) {
      if (it->second >= threshold) c.set_im_nkk_predicate(label);
    }
  }
  if (!bands->empty()) {
    out.set_predicate_bands(options.predicate_bands);
    out.set_note(absl::StrCat("Computed by netra from the roster and cases given; not official statistics. IM NKK "
                              "predicates use the scale set in im_nkk_predicate_bands (",
                              options.predicate_bands,
                              "), not an official one: no IM NKK scale is published (UNCONFIRMED, "
                              "docs/law/compliance_im_nkk.md)."));
  }
  return out;
}

}  // namespace netra
