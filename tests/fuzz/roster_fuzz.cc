// Rosters from SIMPEG exports (netra/pact.h ImportRosterCsv,
// ImportRosterJsonLines): input starting with '{' is read as JSON lines of
// RosterEntry, anything else as CSV with a header.
//
// Invariants: every non-blank row is either kept or refused with its line
// (rows = accepted + rejected; no row is lost); the table is consistent
// (column lengths, the NIP index, interned labels, every kept NIP valid);
// and a pact registry over the roster issues pacts only to those who must
// sign.
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_common.h"
#include "netra/nip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const size_t first = bytes.find_first_not_of(" \t\r\n");
  const bool json = first != std::string::npos && bytes[first] == '{';
  std::istringstream in(bytes);
  netra::v1::RosterImportReport report;
  auto roster = json ? netra::ImportRosterJsonLines(in, &report) : netra::ImportRosterCsv(in, &report);
  if (!roster.ok()) {
    FUZZ_CHECK(absl::IsInvalidArgument(roster.status()) || absl::IsResourceExhausted(roster.status()),
               roster.status().ToString());
    return 0;
  }
  const netra::RosterTable& t = *roster;
  const size_t n = t.size();
  FUZZ_CHECK(report.rows() == report.accepted() + report.rejected(), "rows ", report.rows(), " != accepted ",
             report.accepted(), " + rejected ", report.rejected());
  FUZZ_CHECK(report.accepted() == static_cast<int64_t>(n), "accepted ", report.accepted(), " but the table has ", n);
  FUZZ_CHECK(report.rejections_size() == std::min<int64_t>(report.rejected(), 1000), "rejections listed ",
             report.rejections_size(), " of ", report.rejected());
  int64_t last_line = 0;
  for (const auto& r : report.rejections()) {
    FUZZ_CHECK(r.line() > last_line, "rejection lines out of order: ", r.line(), " after ", last_line);
    FUZZ_CHECK(!r.reason().empty(), "a rejection without a reason on line ", r.line());
    last_line = r.line();
  }
  FUZZ_CHECK(t.kind.size() == n && t.position_type.size() == n && t.leader.size() == n && t.unit.size() == n &&
                 t.agency.size() == n && t.name_end.size() == n && t.grade.size() == n,
             "columns of different lengths");
  FUZZ_CHECK(t.unit_agency.size() == t.units.size(), "units without an agency");
  FUZZ_CHECK(t.row_of.size() == n, "the NIP index has ", t.row_of.size(), " entries for ", n, " rows");
  for (size_t row = 0; row < n; ++row) {
    FUZZ_CHECK(t.unit[row] < t.units.size() && t.agency[row] < t.agencies.size() && t.grade[row] < t.grades.size(),
               "a row points past the interned labels");
    FUZZ_CHECK(t.unit_agency[t.unit[row]] == t.agency[row], "a unit of two agencies");
    auto it = t.row_of.find(t.nip[row]);
    FUZZ_CHECK(it != t.row_of.end() && it->second == row, "the NIP index misses row ", row);
    const std::string nip = t.Nip(row);
    if (nip.empty()) {
      FUZZ_CHECK(t.kind[row] == netra::v1::NON_ASN, "a row without NIP of kind ", t.kind[row]);
    } else {
      FUZZ_CHECK(netra::ParseNip(nip, "nip").ok(), "kept an invalid NIP on row ", row);
    }
    (void)t.Name(row);
  }
  // Pacts over the imported roster.
  auto reg = netra::PactRegistry::Create(netra_fuzz::Book(), &t, netra_fuzz::kPactElection);
  FUZZ_CHECK(reg.ok(), reg.status().ToString());
  if (reg->templates().empty()) return 0;
  auto issued = reg->IssueAll(absl::CivilDay(2024, 9, 2), reg->templates()[0]->id(),
                              reg->templates().size() > 1 ? reg->templates()[1]->id() : "");
  FUZZ_CHECK(issued.ok(), issued.status().ToString());
  int64_t must_sign = 0;
  for (size_t row = 0; row < n; ++row) must_sign += t.kind[row] != netra::v1::NON_ASN;
  int64_t c[8];
  reg->Totals(absl::CivilDay(2024, 9, 3), c);
  FUZZ_CHECK(c[7] == must_sign && *issued <= must_sign && c[0] == *issued && c[3] == *issued,
             "issued ", *issued, " pacts; must sign ", c[7], " (", must_sign, " ASN), counted ", c[0]);
  return 0;
}
