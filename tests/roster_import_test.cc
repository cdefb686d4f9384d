// Roster import (CSV and JSON lines): the good rows are kept and every
// refused row is reported with its line and reason; RosterTable::Add checks
// like the importers, and units of different agencies never merge.
#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "netra/nip.h"
#include "netra/pact.h"
#include "pact_testing.h"

namespace netra {
namespace {

using testing_pact::Csv;
using testing_pact::PnsNip;
using testing_pact::PppkNip;
using v1::RosterImportReport;

// The reason reported for `line`, or "" if that line was not refused.
std::string ReasonFor(const RosterImportReport& r, int64_t line) {
  for (const auto& rej : r.rejections()) {
    if (rej.line() == line) return rej.reason();
  }
  return "";
}

std::vector<int64_t> RejectedLines(const RosterImportReport& r) {
  std::vector<int64_t> lines;
  for (const auto& rej : r.rejections()) lines.push_back(rej.line());
  return lines;
}

const std::string kN1 = PnsNip(1986, 9, 26, 2015, 5, 1, 1);   // 198609262015051001
const std::string kN2 = PnsNip(1990, 1, 31, 2014, 3, 2, 17);
const std::string kN3 = PppkNip(1990, 9, 13, 2025, 4, 2, 14);  // 199009132025242014
const std::string kN4 = PppkNip(1978, 12, 1, 2021, 1, 1, 250);

// ------------------------------------------------------------- roster import

TEST(RosterCsvImport, BuildsValidNumbersOfBothStyles) {
  EXPECT_EQ(kN1, "198609262015051001");
  EXPECT_EQ(kN3, "199009132025242014");
  for (const std::string& n : {kN1, kN2, kN3, kN4}) EXPECT_TRUE(ParseNip(n, "nip").ok()) << n;
}

TEST(RosterCsvImport, ReadsHeaderColumnsInAnyOrderAndCase) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("Agency,LEADER,type,Position_Type,grade,Unit,name,position,NIP\n",
                            "Pemkab Sleman,ya,PNS,ADMINISTRATOR,III/d,Dinas Pendidikan,Siti Aminah,Kepala Bidang,", kN1,
                            "\n", "Pemkab Sleman,0,pppk paruh waktu,pelaksana,V,Dinas Kesehatan,Budi,Pengadministrasi,",
                            kN3, "\n"),
               &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(report.rows(), 2);
  EXPECT_EQ(report.accepted(), 2);
  EXPECT_EQ(report.rejected(), 0);
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->Nip(0), kN1);
  EXPECT_EQ(t->Nip(1), kN3);
  EXPECT_EQ(t->Name(0), "Siti Aminah");
  EXPECT_EQ(t->Name(1), "Budi");
  EXPECT_EQ(t->kind[0], v1::PNS);
  EXPECT_EQ(t->kind[1], v1::PPPK_PARUH_WAKTU);
  EXPECT_EQ(t->position_type[0], v1::ADMINISTRATOR);
  EXPECT_EQ(t->position_type[1], v1::PELAKSANA);
  EXPECT_EQ(t->leader[0], 1);
  EXPECT_EQ(t->leader[1], 0);
  EXPECT_EQ(t->grades[t->grade[0]], "III/d");
  EXPECT_EQ(t->UnitLabel(t->unit[0]), "Pemkab Sleman/Dinas Pendidikan");
  EXPECT_EQ(t->UnitLabel(t->unit[1]), "Pemkab Sleman/Dinas Kesehatan");
  EXPECT_EQ(t->agency[0], t->agency[1]);
  EXPECT_EQ(t->agencies.size(), 1u);
  EXPECT_EQ(t->unit_agency[t->unit[1]], t->agency[1]);
  EXPECT_EQ(t->row_of.at(std::stoull(kN3)), 1u);
}

TEST(RosterCsvImport, OnlyNipNameTypeAreRequired) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("type,name,nip\nPNS,A,", kN1, "\nPPNPN,B,", kN2, "\nhonorer,C,", kN4, "\n"), &report);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(t->kind[1], v1::NON_ASN);  // PPNPN and HONORER read as NON_ASN
  EXPECT_EQ(t->kind[2], v1::NON_ASN);
  EXPECT_EQ(t->position_type[0], v1::POSITION_TYPE_UNSPECIFIED);
  EXPECT_EQ(t->leader[0], 0);
}

TEST(RosterCsvImport, QuotedFieldsKeepCommasAndDoubledQuotes) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type,unit,agency\n", "\"", kN1,
                            "\",\"Dr. Siti Aminah, M.Si.\",PNS,\"Bidang Mutasi, Promosi\",Pemkab Sleman\n", kN2,
                            ",\"Budi \"\"Bob\"\" Santoso\",\"CPNS\",Dinas A,Pemkab Sleman\n", kN4,
                            ",  Tono  ,PPPK,,\n"),
               &report);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(report.rejected(), 0) << report.DebugString();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(t->Name(0), "Dr. Siti Aminah, M.Si.");
  EXPECT_EQ(t->UnitLabel(t->unit[0]), "Pemkab Sleman/Bidang Mutasi, Promosi");
  EXPECT_EQ(t->Name(1), "Budi \"Bob\" Santoso");
  EXPECT_EQ(t->kind[1], v1::CPNS);
  EXPECT_EQ(t->Name(2), "Tono");  // unquoted fields are trimmed
}

// '\r' outside quotes is dropped wherever it is, so a stray one before an
// opening quote does not split the quoted field at its comma.
TEST(RosterCsvImport, ACarriageReturnBeforeAQuoteDoesNotBreakTheQuotedField) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type,unit,agency\r\n", kN1, ",A,PNS,\r\"Bidang Mutasi, Promosi\",Pemkab\r\n"),
               &report);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 1u) << report.DebugString();
  EXPECT_EQ(t->UnitLabel(t->unit[0]), "Pemkab/Bidang Mutasi, Promosi");
}

TEST(RosterCsvImport, SkipsByteOrderMarkAndBlankLinesButCountsTheirLines) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("\xEF\xBB\xBFnip,name,type\r\n", kN1, ",A,PNS\r\n", "\r\n", "   \n", "\n", kN2,
                            ",B,PNS\r\n", "123,C,PNS\r\n"),
               &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->size(), 2u);
  EXPECT_EQ(t->Nip(1), kN2);
  EXPECT_EQ(t->Name(1), "B");  // no trailing \r
  EXPECT_EQ(report.rows(), 3);  // blank lines are not rows
  EXPECT_EQ(report.accepted(), 2);
  EXPECT_EQ(RejectedLines(report), std::vector<int64_t>({7}));  // the file's own line number
}

TEST(RosterCsvImport, AcceptsNumbersWrittenWithSpacesAndDots) {
  RosterImportReport report;
  auto t = Csv("nip,name,type\n19860926 201505 1 001,A,PNS\n1990.0131.2014.03.2.017,B,PNS\n", &report);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 2u) << report.DebugString();
  EXPECT_EQ(t->Nip(0), kN1);
  EXPECT_EQ(t->Nip(1), kN2);
}

TEST(RosterCsvImport, ReportsEveryRefusedRowWithItsLineAndReasonAndKeepsTheRest) {
  const std::string long_name(5000, 'x');
  const std::vector<std::string> lines = {
      "nip,name,type,position_type",                         // 1
      kN1 + ",Good One,PNS,PELAKSANA",                       // 2 ok
      "19860926201505100,Short,PNS,",                        // 3 17 digits
      "198602302015051001,Feb Thirty,PNS,",                  // 4 impossible birth date
      "198609262015053001,Sex Three,PNS,",                   // 5 sex digit 3
      "198609262015051000,Seq Zero,PNS,",                    // 6 sequence 000
      kN2 + ",Bad Type,PNSX,",                               // 7 unknown type
      kN2 + ",Bad Position,PNS,KEPALA",                      // 8 unknown position type
      kN2 + ",Good Two,PNS,FUNGSIONAL_KEAHLIAN",             // 9 ok
      kN1 + ",Dup Of Line Two,PNS,",                         // 10 duplicate of line 2
      kN4 + ",\"Unterminated,PPPK,",                         // 11 unterminated quote
      kN4 + "," + long_name + ",PPPK,",                      // 12 over 4096 bytes
      "",                                                    // 13 blank
      kN3 + ",Good Three,PPPK_PARUH_WAKTU,PELAKSANA",        // 14 ok
      kN4 + ",,",                                            // 15 empty type
  };
  RosterImportReport report;
  auto t = Csv(absl::StrJoin(lines, "\n") + "\n", &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(report.rows(), 13);  // the blank line 13 is not a row
  EXPECT_EQ(report.accepted(), 3);
  EXPECT_EQ(report.rejected(), 10);
  EXPECT_EQ(report.rejections_size(), 10);
  EXPECT_EQ(RejectedLines(report), std::vector<int64_t>({3, 4, 5, 6, 7, 8, 10, 11, 12, 15}));
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 3), "has 17 digits")) << ReasonFor(report, 3);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 4), "birth date")) << ReasonFor(report, 4);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 5), "sex")) << ReasonFor(report, 5);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 6), "000")) << ReasonFor(report, 6);
  EXPECT_TRUE(absl::StartsWith(ReasonFor(report, 7), "type:")) << ReasonFor(report, 7);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 7), "PNSX"));
  EXPECT_TRUE(absl::StartsWith(ReasonFor(report, 8), "position_type:")) << ReasonFor(report, 8);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 10), "appears twice")) << ReasonFor(report, 10);
  EXPECT_EQ(ReasonFor(report, 11), "unterminated quote");
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 12), "exceeds 4096")) << ReasonFor(report, 12);
  EXPECT_TRUE(absl::StartsWith(ReasonFor(report, 15), "type:")) << ReasonFor(report, 15);
  for (int line : {3, 4, 5, 6}) EXPECT_TRUE(absl::StartsWith(ReasonFor(report, line), "nip:")) << line;
  // A NIP is personal data: no refusal quotes one (issue 18 item 6); the line finds the row.
  for (const auto& r : report.rejections()) {
    int run = 0, longest = 0;
    for (char c : r.reason()) longest = std::max(longest, run = absl::ascii_isdigit(c) ? run + 1 : 0);
    EXPECT_LT(longest, 10) << "line " << r.line() << ": " << r.reason();
  }
  // The good rows are kept, in order; the refused ones left no trace.
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(t->Name(0), "Good One");
  EXPECT_EQ(t->Name(1), "Good Two");
  EXPECT_EQ(t->Name(2), "Good Three");
  EXPECT_EQ(t->row_of.size(), 3u);
  EXPECT_FALSE(t->row_of.contains(std::stoull(kN4)));
}

TEST(RosterCsvImport, ADuplicateRefusesTheSecondOccurrenceAndNamesTheFirst) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type\n", kN1, ",First,PNS\n", kN2, ",Other,PNS\n", kN1, ",Second,PNS\n"),
               &report);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->Name(t->row_of.at(std::stoull(kN1))), "First");  // the first occurrence stays
  ASSERT_EQ(RejectedLines(report), std::vector<int64_t>({4}));
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 4), "appears twice")) << ReasonFor(report, 4);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 4), "first on")) << ReasonFor(report, 4);
  EXPECT_FALSE(absl::StrContains(ReasonFor(report, 4), kN1)) << "the NIP is not quoted";
}

// Rejections are reported by line of the file, and so is the first
// occurrence of a duplicate (line 4 here, after a refused row and a blank).
TEST(RosterCsvImport, ADuplicateNamesTheLineOfTheFirstOccurrence) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type\n", "123,Bad,PNS\n", "\n", kN1, ",First,PNS\n", kN1, ",Second,PNS\n"),
               &report);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 5), "line 4")) << ReasonFor(report, 5);
}

TEST(RosterCsvImport, RefusesALineOverTheByteLimitButNotOneAtIt) {
  const std::string prefix = absl::StrCat(kN1, ",");
  const std::string suffix = ",PNS";
  const std::string at_limit =
      prefix + std::string(kMaxRosterLineBytes - prefix.size() - suffix.size(), 'a') + suffix;
  ASSERT_EQ(at_limit.size(), kMaxRosterLineBytes);
  const std::string over = absl::StrCat(kN2, ",") + std::string(kMaxRosterLineBytes, 'b') + suffix;
  RosterImportReport report;
  // One long name makes the long line: lift the field limit to see the line's.
  std::istringstream in(absl::StrCat("nip,name,type\n", at_limit, "\n", over, "\n"));
  RosterImportOptions options;
  options.max_field_bytes = kMaxRosterLineBytes;
  auto t = ImportRosterCsv(in, &report, options);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 1u);
  EXPECT_EQ(RejectedLines(report), std::vector<int64_t>({3}));
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 3), "bytes exceeds 4096"));
}

TEST(RosterCsvImport, ANumberOfTheOtherStyleIsAWarningNotARefusal) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type\n", kN1, ",Pns Style For Pppk,PPPK\n", kN3, ",Pppk Style For Pns,PNS\n",
                            kN2, ",Right,PNS\n", kN4, ",Non Asn Any Style,NON_ASN\n"),
               &report);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 4u);
  EXPECT_EQ(report.rejected(), 0);
  ASSERT_EQ(report.warnings_size(), 2) << report.DebugString();
  EXPECT_TRUE(absl::StartsWith(report.warnings(0), "line 2: a PNS-style number for an employee of type PPPK"))
      << report.warnings(0);
  EXPECT_TRUE(absl::StartsWith(report.warnings(1), "line 3: a PPPK-style number")) << report.warnings(1);
  for (const auto& w : report.warnings()) EXPECT_FALSE(absl::StrContains(w, "Style For")) << "names are not echoed";
}

// A spreadsheet set to Indonesian saves its CSV with ';' (the decimal mark
// is ','): a header with semicolons and no comma says so.
TEST(RosterCsvImport, ReadsSemicolonsWhenTheHeaderHasThem) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("\xEF\xBB\xBFnip;name;type;agency\r\n", kN1, ";\"Budi; S.Pd\";PNS;Pemkab A\r\n"), &report);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->size(), 1u) << report.DebugString();
  EXPECT_EQ(t->Name(0), "Budi; S.Pd");
  EXPECT_EQ(t->agencies[t->agency[0]], "Pemkab A");
  // Commas in the header keep ',' as the separator, semicolons and all.
  auto commas = Csv(absl::StrCat("nip,name,type\n", kN1, ",Budi; S.Pd,PNS\n"), &report);
  ASSERT_TRUE(commas.ok()) << commas.status();
  EXPECT_EQ(commas->Name(0), "Budi; S.Pd");
}

TEST(RosterCsvImport, AnUnusableFileIsAnError) {
  RosterImportReport report;
  for (const char* header : {"name,type", "nip,type", "nip,name", "nip;name", "NIP,Nama,Jenis"}) {
    auto t = Csv(absl::StrCat(header, "\n", kN1, ",A,PNS\n"), &report);
    ASSERT_FALSE(t.ok()) << header;
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(t.status().message(), "lacks the column")) << t.status();
  }
  auto empty = Csv("", &report);
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(absl::StrContains(empty.status().message(), "empty")) << empty.status();
  auto quote = Csv("\"nip,name,type\n", &report);
  EXPECT_FALSE(quote.ok());
  // A header alone is a usable, empty roster.
  auto header_only = Csv("nip,name,type\n", &report);
  ASSERT_TRUE(header_only.ok());
  EXPECT_EQ(header_only->size(), 0u);
  EXPECT_EQ(report.rows(), 0);
}

TEST(RosterCsvImport, ResetsTheReportItIsGiven) {
  RosterImportReport report;
  report.set_rows(99);
  report.add_warnings("stale");
  auto t = Csv(absl::StrCat("nip,name,type\n", kN1, ",A,PNS\n"), &report);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(report.rows(), 1);
  EXPECT_EQ(report.warnings_size(), 0);
}

TEST(RosterCsvImport, ReportsAtMostAThousandRejectionsButCountsThemAll) {
  std::string text = "nip,name,type\n";
  for (int i = 0; i < 1500; ++i) absl::StrAppend(&text, "1,x,PNS\n");
  RosterImportReport report;
  auto t = Csv(text, &report);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(report.rejected(), 1500);
  EXPECT_EQ(report.rejections_size(), 1000);
  EXPECT_EQ(report.rejections(999).line(), 1001);
}

TEST(RosterJsonLinesImport, KeepsTheGoodRowsAndReportsTheRestByLine) {
  const std::vector<std::string> lines = {
      absl::StrCat(R"({"nip":")", kN1, R"(","name":"Siti","kind":"PNS","positionType":"PENGAWAS",)",
                   R"("unit":"Dinas A","agency":"Pemkab Sleman","leader":true,"grade":"III/c"})"),  // 1
      "",                                                                                             // 2
      R"({"nip":"19860926201505100","name":"Short","kind":"PNS"})",                                  // 3
      absl::StrCat(R"({"nip":")", kN2, R"(","name":"No kind"})"),                                    // 4
      "{not json",                                                                                    // 5
      absl::StrCat(R"({"nip":")", kN1, R"(","name":"Dup","kind":"PNS"})"),                           // 6
      absl::StrCat(R"({"nip":")", kN2, R"(","name":"Pns style","kind":"PPPK","unit":"Dinas A",)",
                   R"("agency":"Pemkab Sleman"})"),                                                   // 7 warning
      absl::StrCat(R"({"nip":")", kN3, R"(","name":"Paruh","kind":"PPPK_PARUH_WAKTU",)",
                   R"("position_type":"PELAKSANA","unknown_field":1})"),                              // 8
      absl::StrCat(R"({"nip":")", kN3, R"(","name":")", std::string(5000, 'z'), R"(","kind":"PPPK"})"),  // 9
      absl::StrCat(R"({"nip":")", kN3, R"(","name":"Paruh","kind":"PPPK_PARUH_WAKTU",)",
                   R"("position_type":"PELAKSANA","unit":"Dinas B","agency":"Pemkab Sleman"})"),     // 10
  };
  std::istringstream in(absl::StrJoin(lines, "\n") + "\n");
  RosterImportReport report;
  auto t = ImportRosterJsonLines(in, &report);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(report.rows(), 9);
  EXPECT_EQ(report.accepted(), 3);
  EXPECT_EQ(report.rejected(), 6);
  EXPECT_EQ(RejectedLines(report), std::vector<int64_t>({3, 4, 5, 6, 8, 9}));
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 3), "has 17 digits"));
  EXPECT_TRUE(absl::StartsWith(ReasonFor(report, 4), "type: required")) << ReasonFor(report, 4);
  EXPECT_TRUE(absl::StartsWith(ReasonFor(report, 5), "invalid JSON")) << ReasonFor(report, 5);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 6), "appears twice")) << ReasonFor(report, 6);
  EXPECT_TRUE(absl::StartsWith(ReasonFor(report, 8), "invalid JSON")) << ReasonFor(report, 8);
  EXPECT_TRUE(absl::StrContains(ReasonFor(report, 9), "exceeds 4096")) << ReasonFor(report, 9);
  ASSERT_EQ(report.warnings_size(), 1);
  EXPECT_TRUE(absl::StartsWith(report.warnings(0), "line 7: a PNS-style number")) << report.warnings(0);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(t->Name(0), "Siti");
  EXPECT_EQ(t->leader[0], 1);
  EXPECT_EQ(t->position_type[0], v1::PENGAWAS);
  EXPECT_EQ(t->grades[t->grade[0]], "III/c");
  EXPECT_EQ(t->kind[1], v1::PPPK);
  EXPECT_EQ(t->kind[2], v1::PPPK_PARUH_WAKTU);
  EXPECT_EQ(t->UnitLabel(t->unit[2]), "Pemkab Sleman/Dinas B");
  EXPECT_EQ(t->agency[0], t->agency[2]);
}

TEST(RosterJsonLinesImport, AnEmptyInputIsAnEmptyRoster) {
  std::istringstream in("\n\n");
  RosterImportReport report;
  auto t = ImportRosterJsonLines(in, &report);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 0u);
  EXPECT_EQ(report.rows(), 0);
}

TEST(RosterTableAdd, ChecksLikeTheImporters) {
  RosterTable t;
  v1::RosterEntry e;
  e.set_nip(kN1);
  e.set_name("A");
  e.set_kind(v1::PNS);
  e.set_unit("U");
  e.set_agency("G");
  ASSERT_TRUE(t.Add(e).ok());
  EXPECT_EQ(t.Add(e).code(), absl::StatusCode::kInvalidArgument);  // duplicate
  e.set_nip(kN2);
  e.set_kind(v1::EMPLOYEE_KIND_UNSPECIFIED);
  EXPECT_TRUE(absl::StartsWith(t.Add(e).message(), "type:"));
  e.set_kind(v1::CPNS);
  e.set_unit("V");
  ASSERT_TRUE(t.Add(e).ok());
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.units.size(), 2u);
  EXPECT_EQ(t.agencies.size(), 1u);
  EXPECT_EQ(t.unit_agency, std::vector<uint32_t>({0, 0}));
}

// Units are interned as "agency/unit": an agency whose name holds a '/' can
// share a key with another agency's unit, and then the two units are one and
// Progress reports the second agency's staff under the first agency.
TEST(RosterTableAdd, UnitsOfDifferentAgenciesNeverMerge) {
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type,agency,unit\n", kN1, ",A,PNS,Dinas Pendidikan/Kebudayaan,Sekretariat\n",
                            kN2, ",B,PNS,Dinas Pendidikan,Kebudayaan/Sekretariat\n"),
               &report);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->agencies.size(), 2u);
  EXPECT_EQ(t->units.size(), 2u);
  EXPECT_NE(t->unit[0], t->unit[1]);
  EXPECT_EQ(t->unit_agency[t->unit[1]], t->agency[1]);
}

}  // namespace
}  // namespace netra
