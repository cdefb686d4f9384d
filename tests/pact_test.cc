// The integrity-pact module's contracts: roster import (CSV and JSON lines)
// keeps the good rows and reports every refused row with its line and
// reason; the pact registry issues to the ASN kinds that must sign, refuses
// what docs/law/pakta_netralitas.md forbids without changing anything, and Progress()
// agrees with counts made by hand on a small roster (docs/law/pakta_netralitas.md).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <unistd.h>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "netra/date.h"
#include "netra/nip.h"
#include "google/protobuf/util/json_util.h"
#include "netra/case.h"
#include "netra/pact.h"
#include "netra/store.h"

namespace netra {
namespace {

using v1::PactEvent;
using v1::PactProgress;
using v1::RosterImportReport;

constexpr char kStaff[] = "pakta_netralitas.pilkada2024.v1";
constexpr char kLead[] = "pakta_netralitas.pilkada2024.pimpinan.v1";
constexpr char kC1[] = "pact.c1.uphold_neutrality_in_public_service";
constexpr char kC2[] = "pact.c2.no_conflict_intimidation_partisanship";
constexpr char kC4[] = "pact.c4.refuse_money_politics_and_gifts";

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

absl::CivilDay D(const char* text) { return *ParseDate(text, "test"); }

// A PNS-style NIP: birth date, TMT CPNS year and month, sex, sequence.
std::string PnsNip(int by, int bm, int bd, int ty, int tm, int sex, int seq) {
  return absl::StrFormat("%04d%02d%02d%04d%02d%d%03d", by, bm, bd, ty, tm, sex, seq);
}
// An NI PPPK: birth date, appointment year, "2", contract count, sex, sequence.
std::string PppkNip(int by, int bm, int bd, int year, int contracts, int sex, int seq) {
  return absl::StrFormat("%04d%02d%02d%04d2%d%d%03d", by, bm, bd, year, contracts, sex, seq);
}

absl::StatusOr<RosterTable> Csv(const std::string& text, RosterImportReport* report) {
  std::istringstream in(text);
  return ImportRosterCsv(in, report);
}

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

// ---------------------------------------------------------------- registry

struct Person {
  std::string nip;
  v1::EmployeeKind kind;
  v1::PositionType type;
  std::string agency, unit;
  bool leader = false;
};

RosterTable MakeRoster(const std::vector<Person>& people) {
  RosterTable t;
  for (const Person& p : people) {
    v1::RosterEntry e;
    e.set_nip(p.nip);
    e.set_name("Pegawai " + p.nip.substr(15));
    e.set_kind(p.kind);
    e.set_position_type(p.type);
    e.set_agency(p.agency);
    e.set_unit(p.unit);
    e.set_leader(p.leader);
    EXPECT_TRUE(t.Add(e).ok()) << p.nip;
  }
  return t;
}

PactEvent Ev(v1::PactEventType type, const std::string& date, const std::string& nip) {
  PactEvent e;
  e.set_type(type);
  e.set_date(date);
  e.set_nip(nip);
  return e;
}
PactEvent Signed(const std::string& date, const std::string& nip, v1::SigningMethod method = v1::INDIVIDUAL) {
  PactEvent e = Ev(v1::PACT_SIGNED, date, nip);
  e.set_signer_nip(nip);
  e.set_method(method);
  if (method == v1::CEREMONY) e.set_ceremony_id("apel-2024-09-05");
  e.set_place("Sleman");
  e.set_evidence_ref("scan-1");
  return e;
}
PactEvent Breached(const std::string& date, const std::string& nip, const std::string& commitment,
                   const std::string& case_id = "kasus-2024-001") {
  PactEvent e = Ev(v1::PACT_BREACHED, date, nip);
  e.set_commitment_id(commitment);
  e.set_linked_case_id(case_id);
  return e;
}

PactRegistry MakeRegistry(const RosterTable* roster, const std::string& election = "pilkada2024",
                          const PactOptions& options = {}) {
  auto r = PactRegistry::Create(Book(), roster, election, options);
  EXPECT_TRUE(r.ok()) << r.status();
  return *std::move(r);
}

// One of each kind in one unit; the last two are leaders.
const std::string kPns = PnsNip(1980, 2, 14, 2005, 3, 1, 11);
const std::string kCpns = PnsNip(1998, 7, 1, 2024, 6, 2, 12);
const std::string kPppk = PppkNip(1985, 5, 5, 2022, 1, 1, 13);
const std::string kPppkPw = PppkNip(1992, 11, 30, 2025, 1, 2, 14);
const std::string kNonAsn = PnsNip(1995, 3, 3, 2019, 1, 1, 15);
const std::string kHead = PnsNip(1970, 4, 21, 1996, 4, 1, 16);
const std::string kHeadPppk = PppkNip(1975, 6, 6, 2021, 2, 2, 17);
const std::string kElsewhere = PnsNip(1981, 1, 1, 2006, 1, 1, 18);  // another agency

std::vector<Person> KindsRoster() {
  return {
      {kPns, v1::PNS, v1::PELAKSANA, "Pemkab Sleman", "Dinas Pendidikan"},
      {kCpns, v1::CPNS, v1::FUNGSIONAL_KEAHLIAN, "Pemkab Sleman", "Dinas Pendidikan"},
      {kPppk, v1::PPPK, v1::FUNGSIONAL_KETERAMPILAN, "Pemkab Sleman", "Dinas Pendidikan"},
      {kPppkPw, v1::PPPK_PARUH_WAKTU, v1::PELAKSANA, "Pemkab Sleman", "Dinas Pendidikan"},
      {kNonAsn, v1::NON_ASN, v1::PELAKSANA, "Pemkab Sleman", "Dinas Pendidikan"},
      {kHead, v1::PNS, v1::ADMINISTRATOR, "Pemkab Sleman", "Dinas Pendidikan", true},
      {kHeadPppk, v1::PPPK, v1::JPT_PRATAMA, "Pemkab Sleman", "Dinas Kesehatan", true},
      {kElsewhere, v1::PNS, v1::PELAKSANA, "Pemkab Bantul", "Sekretariat Daerah"},
  };
}

class PactLifecycle : public ::testing::Test {
 protected:
  PactLifecycle() : roster_(MakeRoster(KindsRoster())), reg_(MakeRegistry(&roster_)) {}

  void IssueAll(const char* date = "2024-09-02") {
    auto n = reg_.IssueAll(D(date), kStaff, kLead);
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_EQ(*n, 7);
  }
  PactProgress P(const char* as_of = "2024-12-31") const { return reg_.Progress(D(as_of), 100); }

  RosterTable roster_;
  PactRegistry reg_;
};

TEST_F(PactLifecycle, IssueAllIssuesToEveryAsnKindButNotNonAsn) {
  IssueAll();
  const PactProgress p = P();
  EXPECT_EQ(p.total().must_sign(), 7);
  EXPECT_EQ(p.total().issued(), 7);
  EXPECT_EQ(p.total().not_signed(), 7);
  for (const auto& g : p.groups()) {
    if (g.kind() == v1::NON_ASN) ADD_FAILURE() << "a non-ASN group: " << g.DebugString();
  }
  EXPECT_EQ(p.not_signed_nips_size(), 7);
  for (const auto& n : p.not_signed_nips()) EXPECT_NE(n, kNonAsn);
  // A second run issues nothing: everyone already has an active pact.
  EXPECT_EQ(*reg_.IssueAll(D("2024-09-03"), kStaff, kLead), 0);
  // And the non-ASN employee cannot be issued one by hand either.
  PactEvent issue = Ev(v1::PACT_ISSUED, "2024-09-03", kNonAsn);
  issue.set_template_id(kStaff);
  EXPECT_EQ(reg_.Apply(issue).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reg_.Apply(Signed("2024-09-04", kNonAsn)).code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(PactLifecycle, AReportScopedToUnitsCountsAndListsNothingElse) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-05", kPns)).ok());
  // Sleman's units only (a token scoped to Pemkab Sleman).
  std::vector<bool> sleman(roster_.units.size());
  for (size_t u = 0; u < roster_.units.size(); ++u) sleman[u] = roster_.agencies[roster_.unit_agency[u]] == "Pemkab Sleman";
  const PactProgress whole = P();
  const PactProgress scoped = reg_.Progress(D("2024-12-31"), 100, &sleman);
  EXPECT_EQ(scoped.total().issued(), whole.total().issued() - 1);
  EXPECT_EQ(scoped.total().signed_on_time(), 1);
  for (const auto& g : scoped.groups()) EXPECT_EQ(g.agency(), "Pemkab Sleman");
  for (const auto& o : scoped.leadership()) EXPECT_EQ(o.agency(), "Pemkab Sleman");
  const std::vector<std::string> listed(scoped.not_signed_nips().begin(), scoped.not_signed_nips().end());
  const std::vector<std::string> all(whole.not_signed_nips().begin(), whole.not_signed_nips().end());
  EXPECT_EQ(std::count(listed.begin(), listed.end(), kElsewhere), 0);
  EXPECT_EQ(std::count(all.begin(), all.end(), kElsewhere), 1);
  // Paged, the not-signed rows are the report's, in roster order.
  std::vector<std::string> paged;
  size_t next = 0;
  do {
    for (size_t row : reg_.NotSigned(D("2024-12-31"), &sleman, next, 2, &next)) paged.push_back(roster_.Nip(row));
  } while (next < roster_.size());
  EXPECT_EQ(paged, listed);
}

TEST_F(PactLifecycle, BulkEventsIssueToEveryRowWithANipInBatches) {
  size_t row = 0;
  std::vector<PactEvent> all;
  while (row < roster_.size()) {
    auto batch = reg_.BulkEvents(v1::PACT_ISSUED, D("2024-09-02"), nullptr, &row, 3);
    ASSERT_TRUE(batch.ok()) << batch.status();
    EXPECT_LE(batch->size(), 3u);
    all.insert(all.end(), batch->begin(), batch->end());
  }
  ASSERT_EQ(all.size(), roster_.size());
  for (const PactEvent& e : all) {
    EXPECT_EQ(e.template_id(), e.nip() == kHead || e.nip() == kHeadPppk ? kLead : kStaff) << e.nip();
  }
  // The non-ASN row is refused by the registry, as IssueAll leaves it out.
  int applied = 0;
  for (const PactEvent& e : all) applied += reg_.Apply(e).ok();
  EXPECT_EQ(applied, 7);
  size_t at = 0;
  auto typo = reg_.BulkEvents(v1::PACT_ISSUED, D("2024-09-02"), nullptr, &at, 3, kStaff, "pimpinan.v9");
  EXPECT_TRUE(absl::IsInvalidArgument(typo.status()) &&
              absl::StrContains(typo.status().message(), "leadership_template: \"pimpinan.v9\" is not a pact template"))
      << typo.status();
}

TEST_F(PactLifecycle, IncludeNonAsnIssuesToNonAsnStaffToo) {
  PactOptions o;
  o.include_non_asn = true;
  PactRegistry reg = MakeRegistry(&roster_, "pilkada2024", o);
  EXPECT_EQ(*reg.IssueAll(D("2024-09-02"), kStaff), 8);
  ASSERT_TRUE(reg.Apply(Signed("2024-09-05", kNonAsn)).ok());
  const PactProgress p = reg.Progress(D("2024-12-31"));
  EXPECT_EQ(p.total().must_sign(), 8);
  EXPECT_EQ(p.total().signed_on_time(), 1);
  bool seen = false;
  for (const auto& g : p.groups()) seen |= g.kind() == v1::NON_ASN && g.signed_on_time() == 1;
  EXPECT_TRUE(seen);
}

// The leadership variant is told apart by a commitment only it has: a breach
// of that commitment is accepted for leaders only.
TEST(PactLeadership, LeadersGetTheLeadershipTemplateAndStaffTheStaffOne) {
  LawSource extra{"test/pact_leadership.textproto", R"pb(
    pact_templates {
      id: "pakta_netralitas.pilkada2024.pimpinan.test"
      version: 2
      election: "pilkada2024"
      leadership: true
      title: "Pakta pimpinan (test)"
      citations { instrument: "skb2022" part: "Lampiran" }
      commitments { id: "pact.c1.uphold_neutrality_in_public_service" text: "satu" }
      commitments { id: "pact.c2.no_conflict_intimidation_partisanship" text: "dua" }
      commitments { id: "pact.c3.wise_social_media_no_hate_hoax" text: "tiga" }
      commitments { id: "pact.c4.refuse_money_politics_and_gifts" text: "empat" }
      commitments { id: "pact.lead.supervise_staff" text: "Mengawasi netralitas bawahan." }
    })pb"};
  auto book = RuleBook::Load({extra});
  ASSERT_TRUE(book.ok()) << book.status();
  RosterTable roster = MakeRoster(KindsRoster());
  auto reg = PactRegistry::Create(*book, &roster, "pilkada2024");
  ASSERT_TRUE(reg.ok()) << reg.status();
  ASSERT_EQ(*reg->IssueAll(D("2024-09-02"), kStaff, "pakta_netralitas.pilkada2024.pimpinan.test"), 7);
  EXPECT_TRUE(reg->Apply(Breached("2024-10-01", kHead, "pact.lead.supervise_staff")).ok());
  EXPECT_TRUE(reg->Apply(Breached("2024-10-01", kHeadPppk, "pact.lead.supervise_staff")).ok());
  EXPECT_EQ(reg->Apply(Breached("2024-10-01", kPns, "pact.lead.supervise_staff")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reg->Apply(Breached("2024-10-01", kPppk, "pact.lead.supervise_staff")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(reg->Apply(Breached("2024-10-01", kPns, kC4)).ok());
  // Without a leadership template, leaders get the staff one.
  RosterTable roster2 = MakeRoster(KindsRoster());
  auto plain = PactRegistry::Create(*book, &roster2, "pilkada2024");
  ASSERT_EQ(*plain->IssueAll(D("2024-09-02"), kStaff), 7);
  EXPECT_EQ(plain->Apply(Breached("2024-10-01", kHead, "pact.lead.supervise_staff")).code(),
            absl::StatusCode::kInvalidArgument);
}

// Breaches are linked through decree rows: a commitment naming a row no rule
// encodes would silently never match, so the law file is refused.
TEST(PactTemplateLaw, ACommitmentNamingAnUnknownDecreeRowIsRefused) {
  LawSource extra{"test/pact_bad_row.textproto", R"pb(
    pact_templates {
      id: "pakta_netralitas.pilkada2024.badrow"
      version: 1
      election: "pilkada2024"
      title: "Pakta (test)"
      citations { instrument: "skb2022" part: "Lampiran" }
      commitments { id: "pact.c1" text: "satu" skb_rows: ["D06", "D99"] }
    })pb"};
  auto book = RuleBook::Load({extra});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string m(book.status().message());
  EXPECT_TRUE(absl::StrContains(m, "test/pact_bad_row.textproto")) << m;
  EXPECT_TRUE(absl::StrContains(m, "pakta_netralitas.pilkada2024.badrow")) << m;
  EXPECT_TRUE(absl::StrContains(m, "skb_rows \"D99\"")) << m;
}

TEST_F(PactLifecycle, UnknownTemplatesAndElectionsAreRefused) {
  EXPECT_EQ(reg_.IssueAll(D("2024-09-02"), "pakta_netralitas.pemilu2024.v1").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reg_.IssueAll(D("2024-09-02"), kStaff, "no.such.template").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(P().total().issued(), 0);  // a refused IssueAll issued nothing
  EXPECT_FALSE(PactRegistry::Create(Book(), &roster_, "pilpres2029").ok());
  EXPECT_FALSE(PactRegistry::Create(nullptr, &roster_, "pilkada2024").ok());
  EXPECT_FALSE(PactRegistry::Create(Book(), nullptr, "pilkada2024").ok());
}

TEST_F(PactLifecycle, ASignatureBeforeIssuanceIsRefused) {
  const absl::Status st = reg_.Apply(Signed("2024-09-05", kPns));
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(st.message(), "no active pact")) << st;
  EXPECT_EQ(reg_.Apply(Ev(v1::PACT_DECLINED, "2024-09-05", kPns)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reg_.Apply(Breached("2024-09-05", kPns, kC1)).code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(PactLifecycle, OnePactPerElection) {
  IssueAll();
  PactEvent again = Ev(v1::PACT_ISSUED, "2024-09-10", kPns);
  again.set_template_id(kStaff);
  const absl::Status st = reg_.Apply(again);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(st.message(), "one per election")) << st;
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-11", kPns)).ok());
  EXPECT_EQ(reg_.Apply(again).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reg_.Apply(Signed("2024-09-12", kPns)).code(), absl::StatusCode::kFailedPrecondition);  // twice
  EXPECT_EQ(P().total().issued(), 7);
}

TEST_F(PactLifecycle, ASignatureBySomeoneElseIsRefused) {
  IssueAll();
  PactEvent e = Signed("2024-09-05", kPns);
  e.set_signer_nip(kHead);  // the head signing for the staff member
  const absl::Status st = reg_.Apply(e);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(st.message(), "signer is not the employee")) << st;
  e.set_signer_nip("");
  EXPECT_EQ(reg_.Apply(e).code(), absl::StatusCode::kInvalidArgument);
  e.set_signer_nip("12345");
  EXPECT_EQ(reg_.Apply(e).code(), absl::StatusCode::kInvalidArgument);
  // The same number written with spaces is the employee.
  e.set_signer_nip(kPns.substr(0, 8) + " " + kPns.substr(8, 6) + " " + kPns.substr(14, 1) + " " + kPns.substr(15));
  EXPECT_TRUE(reg_.Apply(e).ok());
}

TEST_F(PactLifecycle, SigningNeedsAMethodAndACeremonyItsId) {
  IssueAll();
  PactEvent e = Signed("2024-09-05", kPns, v1::CEREMONY);
  e.clear_ceremony_id();
  absl::Status st = reg_.Apply(e);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(st.message(), "ceremony_id")) << st;
  e.set_method(v1::SIGNING_METHOD_UNSPECIFIED);
  EXPECT_EQ(reg_.Apply(e).code(), absl::StatusCode::kInvalidArgument);
  e.set_method(static_cast<v1::SigningMethod>(42));
  EXPECT_EQ(reg_.Apply(e).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(reg_.Apply(Signed("2024-09-05", kPns, v1::CEREMONY)).ok());
  EXPECT_TRUE(reg_.Apply(Signed("2024-09-05", kCpns, v1::ELECTRONIC)).ok());
  EXPECT_EQ(P().total().signed_on_time(), 2);
}

TEST_F(PactLifecycle, AnEventDatedBeforeThePreviousIsRefused) {
  IssueAll("2024-09-10");
  absl::Status st = reg_.Apply(Signed("2024-09-09", kPns));
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(st.message(), "dated before")) << st;
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_DECLINED, "2024-09-20", kPns)).ok());
  EXPECT_EQ(reg_.Apply(Signed("2024-09-19", kPns)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(reg_.Apply(Signed("2024-09-20", kPns)).ok());  // the same day is in order
  // Malformed dates are field errors.
  EXPECT_EQ(reg_.Apply(Signed("2024-9-21", kCpns)).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reg_.Apply(Signed("2024-02-30", kCpns)).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(PactLifecycle, ARefusedEventChangesNothing) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-05", kHead)).ok());
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_DECLINED, "2024-09-06", kCpns)).ok());
  const std::string before = P().SerializeAsString();
  const std::string before_due = P("2024-09-24").SerializeAsString();
  PactEvent other_signer = Signed("2024-10-30", kPns);
  other_signer.set_signer_nip(kHead);
  PactEvent ceremony = Signed("2024-10-30", kPppk, v1::CEREMONY);
  ceremony.clear_ceremony_id();
  PactEvent reissue = Ev(v1::PACT_ISSUED, "2024-10-30", kPns);
  reissue.set_template_id(kStaff);
  PactEvent bad_template = Ev(v1::PACT_SUPERSEDED, "2024-10-30", kPns);
  bad_template.set_template_id("pakta_netralitas.pemilu2024.v1");
  PactEvent bad_unit = Ev(v1::PACT_UNIT_CHANGED, "2024-10-30", kPns);
  bad_unit.set_unit("Sekretariat Daerah");  // a unit of another agency
  PactEvent no_type = Ev(v1::PACT_EVENT_TYPE_UNSPECIFIED, "2024-10-30", kPns);
  const std::vector<PactEvent> refused = {
      other_signer,
      ceremony,
      reissue,
      Signed("2024-10-30", kHead),                    // already signed
      Signed("2024-10-30", kNonAsn),                  // never issued
      Signed("2024-09-01", kPppkPw),                  // before its issuance
      Breached("2024-10-30", kPns, "pact.c9.none"),   // not a commitment
      Breached("2024-10-30", kPns, kC2, ""),          // no linked case
      Ev(v1::PACT_DECLINED, "2024-10-30", kHead),     // signed already
      bad_template,
      bad_unit,
      no_type,
      Signed("2024-10-30", PnsNip(1961, 1, 1, 1985, 1, 1, 999)),  // not on the roster
  };
  for (const PactEvent& e : refused) {
    EXPECT_FALSE(reg_.Apply(e).ok()) << e.DebugString();
    EXPECT_EQ(P().SerializeAsString(), before) << "changed by " << e.DebugString();
    EXPECT_EQ(P("2024-09-24").SerializeAsString(), before_due);
  }
  // None of the refused events moved the employees' last dates: events dated
  // before 2024-10-30 are still in order.
  EXPECT_TRUE(reg_.Apply(Signed("2024-10-01", kPns)).ok());
  EXPECT_TRUE(reg_.Apply(Signed("2024-10-01", kPppk)).ok());
  EXPECT_TRUE(reg_.Apply(Signed("2024-10-01", kPppkPw)).ok());
  EXPECT_TRUE(reg_.Apply(Signed("2024-10-01", kCpns)).ok());
}

TEST_F(PactLifecycle, DeclinedThenSignedCountsAsSigned) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_DECLINED, "2024-09-10", kPns)).ok());
  PactProgress p = P();
  EXPECT_EQ(p.total().declined(), 1);
  EXPECT_EQ(p.total().not_signed(), 6);  // a refusal is not "not signed"
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-20", kPns)).ok());
  p = P();
  EXPECT_EQ(p.total().declined(), 0);
  EXPECT_EQ(p.total().signed_on_time(), 1);
  EXPECT_EQ(p.total().not_signed(), 6);
  EXPECT_EQ(reg_.Apply(Ev(v1::PACT_DECLINED, "2024-09-21", kPns)).code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(PactLifecycle, SupersededReissuesAndMustBeSignedAgain) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-05", kPns)).ok());
  PactEvent sup = Ev(v1::PACT_SUPERSEDED, "2024-09-15", kPns);
  sup.set_template_id(kStaff);
  ASSERT_TRUE(reg_.Apply(sup).ok());
  PactProgress p = P();
  EXPECT_EQ(p.total().issued(), 7);  // still one pact
  EXPECT_EQ(p.total().signed_on_time(), 0);
  EXPECT_EQ(p.total().not_signed(), 7);
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-30", kPns)).ok());
  p = P();
  EXPECT_EQ(p.total().signed_late(), 1);
  EXPECT_EQ(p.total().signed_on_time(), 0);
  // Superseding needs an active pact and a template of the election.
  PactEvent none = Ev(v1::PACT_SUPERSEDED, "2024-09-15", kNonAsn);
  none.set_template_id(kStaff);
  EXPECT_EQ(reg_.Apply(none).code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(PactLifecycle, ABreachNeedsItsCaseAndACommitmentAndCountsByCommitment) {
  IssueAll();
  EXPECT_TRUE(absl::StartsWith(reg_.Apply(Breached("2024-10-10", kPns, kC2, "")).message(), "linked_case_id"));
  EXPECT_TRUE(absl::StartsWith(reg_.Apply(Breached("2024-10-10", kPns, "")).message(), "commitment_id"));
  EXPECT_TRUE(absl::StartsWith(reg_.Apply(Breached("2024-10-10", kPns, "pact.c5.none")).message(), "commitment_id"));
  ASSERT_TRUE(reg_.Apply(Breached("2024-10-10", kPns, kC2)).ok());
  ASSERT_TRUE(reg_.Apply(Breached("2024-10-11", kPns, kC4, "kasus-2")).ok());
  ASSERT_TRUE(reg_.Apply(Breached("2024-10-11", kHead, kC2, "kasus-3")).ok());
  const PactProgress p = P();
  EXPECT_EQ(p.total().breached(), 2);  // employees, not breaches
  ASSERT_EQ(p.total().breached_by_commitment_size(), 4);
  EXPECT_EQ(p.total().breached_by_commitment(0), 0);
  EXPECT_EQ(p.total().breached_by_commitment(1), 2);
  EXPECT_EQ(p.total().breached_by_commitment(2), 0);
  EXPECT_EQ(p.total().breached_by_commitment(3), 1);
  // A breach changes nothing else: the pact is still unsigned.
  EXPECT_EQ(p.total().not_signed(), 7);
}

TEST_F(PactLifecycle, AUnitChangeKeepsOnePactAndMovesTheCounts) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-05", kPns)).ok());
  auto count_in = [](const PactProgress& p, const std::string& unit) {
    int64_t issued = 0, on_time = 0;
    for (const auto& g : p.groups()) {
      if (g.unit() == unit) issued += g.issued(), on_time += g.signed_on_time();
    }
    return std::make_pair(issued, on_time);
  };
  PactProgress p = P();
  EXPECT_EQ(count_in(p, "Dinas Pendidikan"), std::make_pair(int64_t{5}, int64_t{1}));
  EXPECT_EQ(count_in(p, "Dinas Kesehatan"), std::make_pair(int64_t{1}, int64_t{0}));
  PactEvent move = Ev(v1::PACT_UNIT_CHANGED, "2024-09-10", kPns);
  move.set_unit("Dinas Kesehatan");
  ASSERT_TRUE(reg_.Apply(move).ok());
  p = P();
  EXPECT_EQ(count_in(p, "Dinas Pendidikan"), std::make_pair(int64_t{4}, int64_t{0}));
  EXPECT_EQ(count_in(p, "Dinas Kesehatan"), std::make_pair(int64_t{2}, int64_t{1}));
  EXPECT_EQ(p.total().issued(), 7);
  EXPECT_EQ(p.total().signed_on_time(), 1);
  // The same pact: no second signature, no second issue.
  EXPECT_EQ(reg_.Apply(Signed("2024-09-11", kPns)).code(), absl::StatusCode::kFailedPrecondition);
  // Only a unit of the employee's own agency on the roster.
  move.set_date("2024-09-12");
  move.set_unit("Sekretariat Daerah");
  EXPECT_EQ(reg_.Apply(move).code(), absl::StatusCode::kInvalidArgument);
  move.set_unit("Dinas Baru");
  EXPECT_EQ(reg_.Apply(move).code(), absl::StatusCode::kInvalidArgument);
  move.set_unit("");
  EXPECT_EQ(reg_.Apply(move).code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(PactLifecycle, WithdrawnIsNotCountedAsNotSigned) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_WITHDRAWN, "2024-09-15", kPppk)).ok());
  PactProgress p = P();
  EXPECT_EQ(p.total().withdrawn(), 1);
  EXPECT_EQ(p.total().not_signed(), 6);
  for (const auto& n : p.not_signed_nips()) EXPECT_NE(n, kPppk);
  // Before the withdrawal the pact was pending.
  p = P("2024-09-14");
  EXPECT_EQ(p.total().withdrawn(), 0);
  EXPECT_EQ(p.total().not_signed(), 7);
  // Gone: nothing more can be signed, issued or withdrawn.
  EXPECT_EQ(reg_.Apply(Signed("2024-09-16", kPppk)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reg_.Apply(Ev(v1::PACT_WITHDRAWN, "2024-09-16", kPppk)).code(), absl::StatusCode::kFailedPrecondition);
  PactEvent issue = Ev(v1::PACT_ISSUED, "2024-09-16", kPppk);
  issue.set_template_id(kStaff);
  EXPECT_EQ(reg_.Apply(issue).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*reg_.IssueAll(D("2024-09-17"), kStaff, kLead), 0);
}

TEST_F(PactLifecycle, AnUnknownNipIsRefusedWithoutEchoingIt) {
  IssueAll();
  const std::string stranger = PnsNip(1961, 1, 1, 1985, 1, 2, 999);
  for (PactEvent e : {Signed("2024-09-05", stranger), Ev(v1::PACT_WITHDRAWN, "2024-09-05", stranger),
                      Breached("2024-09-05", stranger, kC1)}) {
    const absl::Status st = reg_.Apply(e);
    EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_FALSE(absl::StrContains(st.message(), stranger)) << st;
    EXPECT_FALSE(absl::StrContains(st.message(), stranger.substr(0, 8))) << st;
    EXPECT_TRUE(absl::StrContains(st.message(), "not on the roster")) << st;
  }
}

TEST_F(PactLifecycle, ExpiryEndsThePact) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_EXPIRED, "2024-12-01", kPns)).ok());
  EXPECT_EQ(reg_.Apply(Signed("2024-12-02", kPns)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reg_.Apply(Ev(v1::PACT_EXPIRED, "2024-12-02", kPns)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(*reg_.IssueAll(D("2024-12-03"), kStaff, kLead), 0);
}

// One pact per election: once the election's pact has expired it is not
// issued again.
TEST_F(PactLifecycle, AnIssueAfterExpiryIsRefused) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_EXPIRED, "2024-12-01", kPns)).ok());
  PactEvent issue = Ev(v1::PACT_ISSUED, "2024-12-02", kPns);
  issue.set_template_id(kStaff);
  const absl::Status st = reg_.Apply(issue);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(st.message(), "expired")) << st;
}

// Counts "on any date": a breach counts from the date of the case that
// confirmed it, not before.
TEST_F(PactLifecycle, ABreachIsNotCountedBeforeItsDate) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Breached("2024-11-20", kPns, kC2)).ok());
  EXPECT_EQ(P("2024-12-31").total().breached(), 1);
  EXPECT_EQ(P("2024-10-01").total().breached(), 0);
  int64_t c[8];
  reg_.Totals(D("2024-10-01"), c);
  EXPECT_EQ(c[5], 0);
}

// Counts "on any date": a refusal later followed by a signature still counts
// on the days it stood, and a pact signed before a new text superseded it
// counts as issued and signed on those days.
TEST_F(PactLifecycle, ProgressOnAPastDateKeepsDeclinesAndTheFirstText) {
  IssueAll();
  ASSERT_TRUE(reg_.Apply(Ev(v1::PACT_DECLINED, "2024-09-10", kPns)).ok());
  ASSERT_TRUE(reg_.Apply(Signed("2024-10-01", kPns)).ok());
  ASSERT_TRUE(reg_.Apply(Signed("2024-09-05", kCpns)).ok());
  PactEvent sup = Ev(v1::PACT_SUPERSEDED, "2024-10-15", kCpns);
  sup.set_template_id(kStaff);
  ASSERT_TRUE(reg_.Apply(sup).ok());
  const PactProgress p = P("2024-09-20");
  EXPECT_EQ(p.total().declined(), 1) << "kPns had refused on 2024-09-10";
  EXPECT_EQ(p.total().issued(), 7) << "kCpns's first pact was issued on 2024-09-02";
  EXPECT_EQ(p.total().signed_on_time(), 1) << "kCpns signed the first text on 2024-09-05";
}

// breached_by_commitment has a place for every commitment of any template
// of the election, even when a shorter (regional) template sorts first.
TEST(PactBreachCounts, BreachesByCommitmentAreKeptWhateverTheFirstTemplate) {
  LawSource extra{"test/pact_short.textproto", R"pb(
    pact_templates {
      id: "pakta_netralitas.pilkada2024.a_regional"
      version: 1
      election: "pilkada2024"
      title: "Pakta singkat (test)"
      citations { instrument: "skb2022" part: "Lampiran" }
      commitments { id: "pact.c1.uphold_neutrality_in_public_service" text: "satu" }
    })pb"};
  auto book = RuleBook::Load({extra});
  ASSERT_TRUE(book.ok()) << book.status();
  RosterTable roster = MakeRoster(KindsRoster());
  auto reg = PactRegistry::Create(*book, &roster, "pilkada2024");
  ASSERT_TRUE(reg.ok());
  ASSERT_EQ(*reg->IssueAll(D("2024-09-02"), kStaff), 7);
  ASSERT_TRUE(reg->Apply(Breached("2024-10-01", kPns, kC4)).ok());
  const PactProgress p = reg->Progress(D("2024-12-31"));
  EXPECT_EQ(p.total().breached(), 1);
  int64_t sum = 0;
  for (int64_t n : p.total().breached_by_commitment()) sum += n;
  EXPECT_EQ(sum, 1) << p.total().DebugString();
}

// ------------------------------------------------------ progress vs by hand

// 12 employees, 2 agencies, 3 units; kinds and position types mixed.
//   row  unit                           kind    class  script (pilkada2024, due 2024-09-24, issued 2024-09-02)
//   e01  Sleman/Dinas Pendidikan        PNS     LEAD   leader; signed 09-05 at a ceremony (on time)
//   e02  Sleman/Dinas Pendidikan        PNS     EXEC   signed 09-24, the due date (on time)
//   e03  Sleman/Dinas Pendidikan        PNS     EXEC   signed 09-25 (late)
//   e04  Sleman/Dinas Pendidikan        CPNS    EXEC   declined 09-10
//   e05  Sleman/Dinas Kesehatan         PNS     FUNC   never signs
//   e06  Sleman/Dinas Kesehatan         PPPK_PW EXEC   signed 10-01 electronically (late)
//   e07  Sleman/Dinas Kesehatan         NON_ASN EXEC   not issued
//   e08  Sleman/Dinas Kesehatan         PNS     LEAD   leader; signed 09-05; breached c2 11-20
//   e09  Bantul/Sekretariat Daerah      PNS     LEAD   leader; signed 09-03
//   e10  Bantul/Sekretariat Daerah      PPPK    FUNC   withdrawn 09-15, never signed
//   e11  Bantul/Sekretariat Daerah      PPPK    FUNC   signed 09-20 (on time)
//   e12  Bantul/Sekretariat Daerah      PPPK    FUNC   never signs
class PactHandCount : public ::testing::Test {
 protected:
  static std::string N(int i) { return PnsNip(1980 + i, 1 + i % 12, 10 + i, 2015, 1 + i % 12, 1 + i % 2, 100 + i); }
  static std::string P3(int i) { return PppkNip(1985 + i, 1 + i % 12, 10 + i, 2023, 1, 1 + i % 2, 100 + i); }

  PactHandCount() {
    const char* sleman = "Pemkab Sleman";
    const char* bantul = "Pemkab Bantul";
    std::vector<std::string> rows = {
        absl::StrCat(N(1), ",E01,PNS,ADMINISTRATOR,", sleman, ",Dinas Pendidikan,1"),
        absl::StrCat(N(2), ",E02,PNS,PELAKSANA,", sleman, ",Dinas Pendidikan,0"),
        absl::StrCat(N(3), ",E03,PNS,PELAKSANA,", sleman, ",Dinas Pendidikan,0"),
        absl::StrCat(N(4), ",E04,CPNS,PELAKSANA,", sleman, ",Dinas Pendidikan,0"),
        absl::StrCat(N(5), ",E05,PNS,FUNGSIONAL_KEAHLIAN,", sleman, ",Dinas Kesehatan,0"),
        absl::StrCat(P3(6), ",E06,PPPK_PARUH_WAKTU,PELAKSANA,", sleman, ",Dinas Kesehatan,0"),
        absl::StrCat(N(7), ",E07,HONORER,PELAKSANA,", sleman, ",Dinas Kesehatan,0"),
        absl::StrCat(N(8), ",E08,PNS,PENGAWAS,", sleman, ",Dinas Kesehatan,1"),
        absl::StrCat(N(9), ",E09,PNS,JPT_PRATAMA,", bantul, ",Sekretariat Daerah,1"),
        absl::StrCat(P3(10), ",E10,PPPK,FUNGSIONAL_KETERAMPILAN,", bantul, ",Sekretariat Daerah,0"),
        absl::StrCat(P3(11), ",E11,PPPK,FUNGSIONAL_KEAHLIAN,", bantul, ",Sekretariat Daerah,0"),
        absl::StrCat(P3(12), ",E12,PPPK,FUNGSIONAL_KEAHLIAN,", bantul, ",Sekretariat Daerah,0"),
    };
    RosterImportReport report;
    auto t = Csv("nip,name,type,position_type,agency,unit,leader\n" + absl::StrJoin(rows, "\n"), &report);
    EXPECT_TRUE(t.ok()) << t.status();
    EXPECT_EQ(report.accepted(), 12) << report.DebugString();
    EXPECT_EQ(report.warnings_size(), 0) << report.DebugString();
    roster_ = *std::move(t);
  }

  // The script above.
  void Script(PactRegistry& reg) {
    ASSERT_EQ(*reg.IssueAll(D("2024-09-02"), kStaff, kLead), 11);
    const std::vector<PactEvent> events = {
        Signed("2024-09-05", N(1), v1::CEREMONY),
        Signed("2024-09-24", N(2)),
        Signed("2024-09-25", N(3)),
        Ev(v1::PACT_DECLINED, "2024-09-10", N(4)),
        Signed("2024-10-01", P3(6), v1::ELECTRONIC),
        Signed("2024-09-05", N(8), v1::CEREMONY),
        Breached("2024-11-20", N(8), kC2),
        Signed("2024-09-03", N(9)),
        Ev(v1::PACT_WITHDRAWN, "2024-09-15", P3(10)),
        Signed("2024-09-20", P3(11)),
    };
    for (const PactEvent& e : events) ASSERT_TRUE(reg.Apply(e).ok()) << e.DebugString();
  }

  // (agency, unit, class, kind) -> must, issued, on time, late, not signed, declined, breached, withdrawn
  using Key = std::tuple<std::string, std::string, int, int>;
  using Row = std::vector<int64_t>;
  static std::map<Key, Row> Groups(const PactProgress& p) {
    std::map<Key, Row> out;
    for (const auto& g : p.groups()) {
      Key k{g.agency(), g.unit(), g.position_class(), g.kind()};
      EXPECT_FALSE(out.count(k)) << "a group twice: " << g.DebugString();
      out[k] = {g.must_sign(), g.issued(), g.signed_on_time(), g.signed_late(),
                g.not_signed(), g.declined(), g.breached(), g.withdrawn()};
      EXPECT_DOUBLE_EQ(g.signed_rate(),
                       g.issued() ? double(g.signed_on_time() + g.signed_late()) / g.issued() : 0.0);
    }
    return out;
  }
  static Row TotalRow(const PactProgress& p) {
    const auto& t = p.total();
    return {t.must_sign(), t.issued(), t.signed_on_time(), t.signed_late(),
            t.not_signed(), t.declined(), t.breached(), t.withdrawn()};
  }
  static void ExpectTotalsAgree(const PactRegistry& reg, absl::CivilDay as_of) {
    int64_t c[8];
    reg.Totals(as_of, c);
    const PactProgress p = reg.Progress(as_of);  // a variable: a reference into a temporary dangles
    const auto& t = p.total();
    EXPECT_EQ(std::vector<int64_t>(c, c + 7),
              std::vector<int64_t>({t.issued(), t.signed_on_time(), t.signed_late(), t.not_signed(), t.declined(),
                                    t.breached(), t.withdrawn()}))
        << FormatDate(as_of);
  }

  RosterTable roster_;
};

constexpr int LEAD = v1::LEADERSHIP, FUNC = v1::FUNCTIONAL, EXEC = v1::EXECUTOR;

TEST_F(PactHandCount, ProgressAfterTheElectionMatchesTheHandCount) {
  PactRegistry reg = MakeRegistry(&roster_);
  EXPECT_EQ(reg.due(), D("2024-09-24"));
  Script(reg);
  const PactProgress p = reg.Progress(D("2024-12-31"), 100);
  EXPECT_EQ(p.election(), "pilkada2024");
  EXPECT_EQ(p.as_of(), "2024-12-31");
  EXPECT_EQ(p.due(), "2024-09-24");
  const std::string S = "Pemkab Sleman", B = "Pemkab Bantul", PD = "Dinas Pendidikan", KS = "Dinas Kesehatan",
                    SD = "Sekretariat Daerah";
  //                                                  must iss  on  late not dec br  wd
  const std::map<Key, Row> want = {
      {{S, PD, LEAD, v1::PNS}, {1, 1, 1, 0, 0, 0, 0, 0}},              // e01
      {{S, PD, EXEC, v1::PNS}, {2, 2, 1, 1, 0, 0, 0, 0}},              // e02, e03
      {{S, PD, EXEC, v1::CPNS}, {1, 1, 0, 0, 0, 1, 0, 0}},             // e04
      {{S, KS, FUNC, v1::PNS}, {1, 1, 0, 0, 1, 0, 0, 0}},              // e05
      {{S, KS, EXEC, v1::PPPK_PARUH_WAKTU}, {1, 1, 0, 1, 0, 0, 0, 0}}, // e06
      {{S, KS, LEAD, v1::PNS}, {1, 1, 1, 0, 0, 0, 1, 0}},              // e08
      {{B, SD, LEAD, v1::PNS}, {1, 1, 1, 0, 0, 0, 0, 0}},              // e09
      {{B, SD, FUNC, v1::PPPK}, {3, 3, 1, 0, 1, 0, 0, 1}},             // e10, e11, e12
  };
  EXPECT_EQ(Groups(p), want);
  EXPECT_EQ(TotalRow(p), Row({11, 11, 5, 2, 2, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(p.total().signed_rate(), 7.0 / 11.0);
  ASSERT_EQ(p.total().breached_by_commitment_size(), 4);
  EXPECT_EQ(p.total().breached_by_commitment(1), 1);
  EXPECT_EQ(std::vector<std::string>(p.not_signed_nips().begin(), p.not_signed_nips().end()),
            std::vector<std::string>({N(5), P3(12)}));
  for (const auto& g : p.groups()) {
    if (g.unit() == KS && g.position_class() == LEAD) {
      EXPECT_EQ(std::vector<int64_t>(g.breached_by_commitment().begin(), g.breached_by_commitment().end()),
                std::vector<int64_t>({0, 1, 0, 0}));
    }
  }
  // The not-signed list is cut at the number asked for, and empty by default.
  const PactProgress one = reg.Progress(D("2024-12-31"), 1);
  EXPECT_EQ(std::vector<std::string>(one.not_signed_nips().begin(), one.not_signed_nips().end()),
            std::vector<std::string>({N(5)}));
  EXPECT_EQ(reg.Progress(D("2024-12-31")).not_signed_nips_size(), 0);
  EXPECT_EQ(TotalRow(one), TotalRow(p));
}

TEST_F(PactHandCount, ProgressOnTheDueDateMatchesTheHandCount) {
  PactRegistry reg = MakeRegistry(&roster_);
  Script(reg);
  // On 2024-09-24: e01 e02 e08 e09 e11 on time; e03 e05 e06 e12 not signed;
  // e04 declined; e10 withdrawn (the breach of e08 is two months later and
  // does not count yet).
  const PactProgress p = reg.Progress(D("2024-09-24"), 10);
  EXPECT_EQ(TotalRow(p), Row({11, 11, 5, 0, 4, 1, 0, 1}));
  EXPECT_EQ(std::vector<std::string>(p.not_signed_nips().begin(), p.not_signed_nips().end()),
            std::vector<std::string>({N(3), N(5), P3(6), P3(12)}));
  // On the due date's next day e03's signature is late.
  const PactProgress next = reg.Progress(D("2024-09-25"));
  EXPECT_EQ(next.total().signed_on_time(), 5);
  EXPECT_EQ(next.total().signed_late(), 1);
  EXPECT_EQ(next.total().not_signed(), 3);
}

// Heads sign first, then staff (docs/law/pakta_netralitas.md, practice): in the
// script every unit's leader signed before any of its staff.
TEST_F(PactHandCount, EveryUnitsLeaderSignedBeforeItsStaff) {
  PactRegistry reg = MakeRegistry(&roster_);
  Script(reg);
  const PactProgress p = reg.Progress(D("2024-12-31"));
  EXPECT_EQ(p.units_leaders_first(), 3);
  EXPECT_EQ(p.units_staff_ahead_of_leaders(), 0);
  EXPECT_EQ(p.units_without_leader(), 0);
  std::map<std::string, std::vector<int64_t>> got;  // unit -> leaders, signed, staff signed, ahead
  std::map<std::string, std::string> done;
  for (const auto& o : p.leadership()) {
    got[o.unit()] = {o.leaders(), o.leaders_signed(), o.staff_signed(), o.staff_signed_before_leaders()};
    done[o.unit()] = o.leaders_done();
  }
  EXPECT_EQ(got, (std::map<std::string, std::vector<int64_t>>{{"Dinas Pendidikan", {1, 1, 2, 0}},
                                                              {"Dinas Kesehatan", {1, 1, 1, 0}},
                                                              {"Sekretariat Daerah", {1, 1, 1, 0}}}));
  EXPECT_EQ(done["Dinas Pendidikan"], "2024-09-05");
  EXPECT_EQ(done["Sekretariat Daerah"], "2024-09-03");
  // On 2024-09-04 only Bantul's head had signed, and no staff had.
  const PactProgress early = reg.Progress(D("2024-09-04"));
  EXPECT_EQ(early.units_leaders_first(), 1);
  EXPECT_EQ(early.units_staff_ahead_of_leaders(), 0);
}

// The order is reported, never enforced: staff may sign first, and the unit
// is flagged. The same day is in order (a ceremony signs heads, then staff);
// a leader who left service no longer holds the unit's staff back.
TEST(PactLeadershipOrder, StaffWhoSignBeforeTheirHeadAreReportedNotRefused) {
  const std::string n1 = PnsNip(1970, 1, 1, 2000, 1, 1, 1), n2 = PnsNip(1980, 2, 2, 2005, 2, 2, 2),
                    n3 = PnsNip(1981, 3, 3, 2006, 3, 1, 3), n4 = PnsNip(1972, 4, 4, 2001, 4, 1, 4),
                    n5 = PnsNip(1982, 5, 5, 2007, 5, 2, 5), n6 = PnsNip(1983, 6, 6, 2008, 6, 1, 6),
                    n7 = PnsNip(1971, 7, 7, 2000, 7, 1, 7), n8 = PnsNip(1984, 8, 8, 2009, 8, 2, 8);
  RosterImportReport report;
  auto t = Csv(absl::StrCat("nip,name,type,agency,unit,leader\n",                  //
                            n1, ",Head A,PNS,Pemkot X,Unit A,1\n",                 //
                            n2, ",Staff A1,PNS,Pemkot X,Unit A,0\n",               //
                            n3, ",Staff A2,PNS,Pemkot X,Unit A,0\n",               //
                            n4, ",Head B,PNS,Pemkot X,Unit B,1\n",                 //
                            n5, ",Staff B1,PNS,Pemkot X,Unit B,0\n",               //
                            n6, ",Staff C1,PNS,Pemkot X,Unit C,0\n",               //
                            n7, ",Head D (left),PNS,Pemkot X,Unit D,1\n",          //
                            n8, ",Staff D1,PNS,Pemkot X,Unit D,0\n"),
               &report);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(report.accepted(), 8) << report.DebugString();
  PactRegistry reg = MakeRegistry(&*t);
  ASSERT_EQ(*reg.IssueAll(D("2024-09-02"), kStaff, kLead), 8);
  for (const PactEvent& e : {Signed("2024-09-05", n2), Signed("2024-09-10", n1), Signed("2024-09-10", n3),
                             Signed("2024-09-06", n5), Signed("2024-09-06", n6),
                             Ev(v1::PACT_WITHDRAWN, "2024-09-03", n7), Signed("2024-09-04", n8)}) {
    ASSERT_TRUE(reg.Apply(e).ok()) << e.DebugString();  // staff signing first is accepted
  }
  const PactProgress p = reg.Progress(D("2024-09-30"));
  std::map<std::string, std::vector<int64_t>> got;  // unit -> leaders, signed, staff signed, ahead
  for (const auto& o : p.leadership()) {
    got[o.unit()] = {o.leaders(), o.leaders_signed(), o.staff_signed(), o.staff_signed_before_leaders()};
  }
  EXPECT_EQ(got, (std::map<std::string, std::vector<int64_t>>{
                     {"Unit A", {1, 1, 2, 1}},    // A1 on 09-05 before the head's 09-10; A2 the same day
                     {"Unit B", {1, 0, 1, 1}},    // the head has not signed
                     {"Unit C", {0, 0, 1, 0}},    // no head on the roster
                     {"Unit D", {0, 0, 1, 0}}}));  // the head left service before anyone signed
  EXPECT_EQ(p.units_staff_ahead_of_leaders(), 2);
  EXPECT_EQ(p.units_leaders_first(), 0);
  EXPECT_EQ(p.units_without_leader(), 2);
  // Before Staff A1 signed, nothing was out of order in Unit A.
  const PactProgress before = reg.Progress(D("2024-09-04"));
  for (const auto& o : before.leadership()) {
    if (o.unit() == "Unit A") EXPECT_EQ(o.staff_signed_before_leaders(), 0);
  }
}

TEST_F(PactHandCount, NothingCountsBeforeIssuance) {
  PactRegistry reg = MakeRegistry(&roster_);
  Script(reg);
  const PactProgress p = reg.Progress(D("2024-09-01"), 100);
  EXPECT_EQ(TotalRow(p), Row({11, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(p.total().signed_rate(), 0.0);
  EXPECT_EQ(p.not_signed_nips_size(), 0);
  for (const auto& g : p.groups()) EXPECT_EQ(g.issued(), 0);
  // And before anything was issued at all.
  PactRegistry fresh = MakeRegistry(&roster_);
  EXPECT_EQ(TotalRow(fresh.Progress(D("2024-12-31"), 100)), Row({11, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_F(PactHandCount, AnOverriddenDueDateMovesOnTimeAndLate) {
  PactOptions o;
  o.has_due = true;
  o.due = D("2024-09-30");
  PactRegistry reg = MakeRegistry(&roster_, "pilkada2024", o);
  EXPECT_EQ(reg.due(), D("2024-09-30"));
  Script(reg);
  const PactProgress p = reg.Progress(D("2024-12-31"));
  EXPECT_EQ(p.due(), "2024-09-30");
  EXPECT_EQ(p.total().signed_on_time(), 6);  // e03 (09-25) is now on time
  EXPECT_EQ(p.total().signed_late(), 1);     // e06 (10-01)
  o.due = D("2024-09-01");
  PactRegistry early = MakeRegistry(&roster_, "pilkada2024", o);
  Script(early);
  EXPECT_EQ(early.Progress(D("2024-12-31")).total().signed_on_time(), 0);
  EXPECT_EQ(early.Progress(D("2024-12-31")).total().signed_late(), 7);
}

TEST_F(PactHandCount, AnAgencyMayHaveItsOwnDueDate) {
  PactOptions o;
  o.agency_due["Pemkab Sleman"] = D("2024-09-30");
  PactRegistry reg = MakeRegistry(&roster_, "pilkada2024", o);
  Script(reg);
  const PactProgress p = reg.Progress(D("2024-12-31"));
  EXPECT_EQ(p.due(), "2024-09-24") << "the registry's default stays";
  for (const auto& g : p.groups()) {
    EXPECT_EQ(g.due(), g.agency() == "Pemkab Sleman" ? "2024-09-30" : "2024-09-24") << g.DebugString();
  }
  // e03 signed 09-25 in Sleman: on time under Sleman's own date.
  EXPECT_EQ(p.total().signed_on_time(), 6);
  int64_t c[8];
  reg.Totals(D("2024-12-31"), c);
  EXPECT_EQ(c[1], 6);
  o.agency_due.clear();
  o.agency_due["Pemkab Nowhere"] = D("2024-09-30");
  EXPECT_FALSE(PactRegistry::Create(Book(), &roster_, "pilkada2024", o).ok());
}

TEST(PactStore, KeepsEventsAcrossOpensAndRefusesWithoutWriting) {
  const std::string path = ::testing::TempDir() + "/netra_pact_store_" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  RosterTable roster = MakeRoster(KindsRoster());
  PactRegistry reg = MakeRegistry(&roster);
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status();
  auto pacts = StoredPacts::Create(Book(), &roster, "pilkada2024");
  ASSERT_TRUE(pacts.ok()) << pacts.status();
  PactEvent issue = Ev(v1::PACT_ISSUED, "2024-09-02", kPns);
  issue.set_template_id(kStaff);
  ASSERT_TRUE((*store)->AppendPactEvents(&*pacts, {issue, Signed("2024-09-05", kPns)}).ok());
  ASSERT_TRUE(reg.Apply(issue).ok());
  ASSERT_TRUE(reg.Apply(Signed("2024-09-05", kPns)).ok());
  // Refused (already signed): nothing written, nothing changed.
  auto refused = (*store)->AppendPactEvents(&*pacts, {Signed("2024-09-06", kPns)});
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_EQ(pacts->events(), 2);
  // Read by a fresh registry (another process would do the same): the same state.
  auto again = StoredPacts::Create(Book(), &roster, "pilkada2024");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE((*Store::Open(path))->SyncPacts(&*again).ok());
  EXPECT_EQ(again->events(), 2);
  EXPECT_EQ(again->registry().Progress(D("2024-12-31")).SerializeAsString(),
            reg.Progress(D("2024-12-31")).SerializeAsString());
  // Another election's registry is another log: empty.
  auto pemilu = StoredPacts::Create(Book(), &roster, "pemilu2024");
  ASSERT_TRUE(pemilu.ok());
  ASSERT_TRUE((*store)->SyncPacts(&*pemilu).ok());
  EXPECT_EQ(pemilu->events(), 0);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST_F(PactHandCount, TheDefaultDueDateIsTheDayBeforeTheCampaign) {
  EXPECT_EQ(MakeRegistry(&roster_, "pilkada2024").due(), D("2024-09-24"));  // campaign from 2024-09-25
  PactRegistry pemilu = MakeRegistry(&roster_, "pemilu2024");                // campaign from 2023-11-28
  EXPECT_EQ(pemilu.due(), D("2023-11-27"));
  EXPECT_EQ(pemilu.Progress(D("2023-12-01")).due(), "2023-11-27");
  EXPECT_EQ(pemilu.election(), "pemilu2024");
  // The pemilu's registry takes the pemilu's template, not the pilkada's.
  EXPECT_FALSE(pemilu.IssueAll(D("2023-10-01"), kStaff).ok());
  EXPECT_EQ(*pemilu.IssueAll(D("2023-10-01"), "pakta_netralitas.pemilu2024.v1"), 11);
}

TEST_F(PactHandCount, TotalsAgreesWithProgressOnEveryDate) {
  PactRegistry reg = MakeRegistry(&roster_);
  Script(reg);
  for (absl::CivilDay d = D("2024-08-30"); d <= D("2024-12-31"); d += 1) ExpectTotalsAgree(reg, d);
  int64_t c[8];
  reg.Totals(D("2024-12-31"), c);
  EXPECT_EQ(std::vector<int64_t>(c, c + 8), std::vector<int64_t>({11, 5, 2, 2, 1, 1, 1, 11}));
}


// ------------------------------------------------ breaches from neutrality cases

// A confirmed neutrality violation is linked to the signer's pact as a breach
// of the commitments whose decree rows it matches (docs/law/pakta_netralitas.md); the
// sanction comes from the rules, the pact adds none.
class PactBreachFromCase : public ::testing::Test {
 protected:
  static constexpr char kHead[] = "198001012005011001";
  static constexpr char kTeacher[] = "198609262015051001";
  static constexpr char kC1[] = "pact.c1.uphold_neutrality_in_public_service";
  static constexpr char kC3[] = "pact.c3.wise_social_media_no_hate_hoax";
  static constexpr char kC4[] = "pact.c4.refuse_money_politics_and_gifts";

  PactBreachFromCase() {
    RosterImportReport report;
    auto t = Csv(absl::StrCat("nip,name,type,agency,unit,leader\n", kHead, ",Head,PNS,Pemkab Contoh,SMPN 1,1\n",
                              kTeacher, ",Teacher,PNS,Pemkab Contoh,SMPN 1,0\n"),
                 &report);
    EXPECT_TRUE(t.ok() && report.accepted() == 2) << report.DebugString();
    roster_ = *std::move(t);
    auto m = CaseMachine::Create(Book());
    EXPECT_TRUE(m.ok()) << m.status();
    machine_ = std::make_unique<CaseMachine>(*std::move(m));
  }

  // A neutrality case against `nip`: Bawaslu's report, forwarding, and the
  // handling body's recommendation (proven) on 2024-12-10 for one act.
  CaseProgress NeutralityCase(const std::string& id, const std::string& nip, const std::string& norm,
                              const std::string& act_date) {
    v1::CaseLog log;
    const std::string json = absl::StrCat(R"({"case_id":")", id, R"(","kind":"NEUTRALITY",
      "employee":{"nip":")", nip, R"(","kind":"PNS","position":{"type":"FUNGSIONAL_KEAHLIAN","jf_level":"AHLI_PERTAMA"},
                  "agency":{"level":"REGENCY_CITY","name":"Pemkab Contoh"}},
      "events":[
        {"type":"REPORT","date":"2024-11-14","actor":{"role":"ROLE_BAWASLU"}},
        {"type":"BAWASLU_FORWARDED","date":"2024-11-20","actor":{"role":"ROLE_BAWASLU"}},
        {"type":"RECOMMENDATION","date":"2024-12-10","actor":{"role":"ROLE_HANDLING_BODY","body":"BKN"},
         "findings":{"acts":[{"norm":")", norm, R"(","act_date":")", act_date, R"(",
           "neutrality":{"target":{"election":"pilkada2024","office":"REGENT","route":"PARTY_NOMINATED"}}}]}}]})");
    auto st = google::protobuf::util::JsonStringToMessage(json, &log);
    EXPECT_TRUE(st.ok()) << st.message();
    auto p = machine_->Replay(log);
    EXPECT_TRUE(p.ok()) << p.status();
    return p.ok() ? *std::move(p) : CaseProgress();
  }

  // Pacts issued on 2024-09-02; the teacher signed on 2024-09-20.
  PactRegistry SignedByTheTeacher() {
    PactRegistry reg = MakeRegistry(&roster_);
    EXPECT_EQ(*reg.IssueAll(D("2024-09-02"), kStaff, kLead), 2);
    EXPECT_TRUE(reg.Apply(Signed("2024-09-20", kTeacher)).ok());
    return reg;
  }

  static std::vector<std::string> Commitments(const PactBreachLink& l) {
    std::vector<std::string> out;
    for (const PactEvent& e : l.events) out.push_back(e.commitment_id());
    return out;
  }

  RosterTable roster_;
  std::unique_ptr<CaseMachine> machine_;
};

TEST_F(PactBreachFromCase, ALikeForACandidateAfterSigningBreachesTheSocialMediaCommitment) {
  PactRegistry reg = SignedByTheTeacher();
  // Row D06 (a like for a determined candidate) is in commitment 3's rows.
  const CaseProgress c = NeutralityCase("BAWASLU-117", kTeacher, "neutrality.social_media_interaction", "2024-11-12");
  auto link = reg.LinkBreaches(c, D("2024-12-31"));
  ASSERT_TRUE(link.ok()) << link.status();
  ASSERT_EQ(Commitments(*link), std::vector<std::string>({kC3})) << link->explanation;
  const PactEvent& e = link->events[0];
  EXPECT_EQ(e.type(), v1::PACT_BREACHED);
  EXPECT_EQ(e.date(), "2024-12-10");  // the day the handling body confirmed it
  EXPECT_EQ(e.nip(), kTeacher);
  EXPECT_EQ(e.linked_case_id(), "BAWASLU-117");
  EXPECT_TRUE(absl::StrContains(link->explanation, "D06")) << link->explanation;
  ASSERT_TRUE(reg.Apply(e).ok());
  const PactProgress p = reg.Progress(D("2024-12-31"));
  EXPECT_EQ(p.total().breached(), 1);
  EXPECT_EQ(std::vector<int64_t>(p.total().breached_by_commitment().begin(), p.total().breached_by_commitment().end()),
            std::vector<int64_t>({0, 0, 1, 0}));
  // Linking again adds nothing, and the same link applied twice is refused.
  auto again = reg.LinkBreaches(c, D("2024-12-31"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
  EXPECT_TRUE(absl::StrContains(again->explanation, "already linked")) << again->explanation;
  const absl::Status twice = reg.Apply(e);
  EXPECT_TRUE(absl::IsFailedPrecondition(twice)) << twice;
  EXPECT_TRUE(absl::StrContains(twice.message(), "already linked to case BAWASLU-117")) << twice;
}

TEST_F(PactBreachFromCase, PartisanGiftsForACandidateBreachTwoCommitments) {
  PactRegistry reg = SignedByTheTeacher();
  // Row D08 is in commitments 1 and 4 of the template.
  const CaseProgress c = NeutralityCase("BAWASLU-118", kTeacher, "neutrality.partisan_activity", "2024-10-15");
  auto link = reg.LinkBreaches(c, D("2024-12-31"));
  ASSERT_TRUE(link.ok()) << link.status();
  EXPECT_EQ(Commitments(*link), std::vector<std::string>({kC1, kC4})) << link->explanation;
  for (const PactEvent& e : link->events) ASSERT_TRUE(reg.Apply(e).ok()) << e.DebugString();
  EXPECT_EQ(reg.Progress(D("2024-12-31")).total().breached(), 1);  // one employee
}

// A pact's events are in date order: a violation confirmed before the pact's
// last event (here its expiry) is recorded on that day, so the log accepts
// it, and the note keeps the confirmation date.
TEST_F(PactBreachFromCase, ABreachConfirmedBeforeTheExpiryIsRecordedAfterIt) {
  PactRegistry reg = SignedByTheTeacher();
  ASSERT_TRUE(reg.Apply(Ev(v1::PACT_EXPIRED, "2024-12-31", kTeacher)).ok());
  const CaseProgress c = NeutralityCase("BAWASLU-121", kTeacher, "neutrality.social_media_interaction", "2024-11-12");
  auto link = reg.LinkBreaches(c, D("2025-01-15"));
  ASSERT_TRUE(link.ok()) << link.status();
  ASSERT_EQ(Commitments(*link), std::vector<std::string>({kC3})) << link->explanation;
  EXPECT_EQ(link->events[0].date(), "2024-12-31");
  EXPECT_TRUE(absl::StrContains(link->events[0].note(), "2024-12-10")) << link->events[0].note();
  EXPECT_TRUE(reg.Apply(link->events[0]).ok());
}

// The registry's state is sized to the roster it was made with: a roster
// grown since is refused, never indexed past the state.
TEST_F(PactBreachFromCase, ARosterGrownAfterTheRegistryIsRefused) {
  PactRegistry reg = SignedByTheTeacher();
  v1::RosterEntry late;
  late.set_nip("199001012015011001");
  late.set_name("Late");
  late.set_kind(v1::PNS);
  ASSERT_TRUE(roster_.Add(late).ok());
  const absl::Status st = reg.Apply(Signed("2024-09-21", "199001012015011001"));
  EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "roster: 3 rows now, 2 when the pact registry was created")) << st;
  EXPECT_TRUE(absl::IsFailedPrecondition(reg.IssueAll(D("2024-09-22"), kStaff).status()));
  EXPECT_EQ(reg.Progress(D("2024-12-31")).total().must_sign(), 2);  // the rows it was made with
}

TEST_F(PactBreachFromCase, NoBreachBeforeConfirmationBeforeSigningOrWithoutAPact) {
  PactRegistry reg = MakeRegistry(&roster_);
  ASSERT_EQ(*reg.IssueAll(D("2024-09-02"), kStaff, kLead), 2);
  const CaseProgress c = NeutralityCase("BAWASLU-119", kTeacher, "neutrality.social_media_interaction", "2024-11-12");
  // Not signed: the employee made no promise.
  auto unsigned_ = reg.LinkBreaches(c, D("2024-12-31"));
  ASSERT_TRUE(unsigned_.ok());
  EXPECT_TRUE(unsigned_->events.empty());
  EXPECT_TRUE(absl::StrContains(unsigned_->explanation, "had not signed")) << unsigned_->explanation;
  // Signed after the act: the act broke no promise yet.
  ASSERT_TRUE(reg.Apply(Signed("2024-11-13", kTeacher)).ok());
  auto before = reg.LinkBreaches(c, D("2024-12-31"));
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->events.empty());
  EXPECT_TRUE(absl::StrContains(before->explanation, "outside the signed pact (signed 2024-11-13")) << before->explanation;
  // The day before the recommendation nothing is confirmed.
  auto early = reg.LinkBreaches(c, D("2024-12-09"));
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->events.empty());
  EXPECT_TRUE(absl::StrContains(early->explanation, "no confirmed violation")) << early->explanation;
  // Someone not on the roster.
  const CaseProgress other = NeutralityCase("BAWASLU-120", "199001012015011001", "neutrality.social_media_interaction",
                                            "2024-11-12");
  auto absent = reg.LinkBreaches(other, D("2024-12-31"));
  ASSERT_TRUE(absent.ok());
  EXPECT_TRUE(absent->events.empty());
  EXPECT_TRUE(absl::StrContains(absent->explanation, "not on the roster")) << absent->explanation;
  EXPECT_EQ(reg.Progress(D("2024-12-31")).total().breached(), 0);
}

// ------------------------------------------------------ compliance figures

// Agency figures from neutrality cases (docs/law/compliance_im_nkk.md):
// reported, proven (a recommendation), not proven, followed up by the PPK,
// the follow-up overdue; checked against a hand count.
class ComplianceHandCount : public PactBreachFromCase {
 protected:
  ComplianceHandCount() {
    RosterImportReport report;
    auto t = Csv(absl::StrCat("nip,name,type,agency,unit\n",                             //
                              PnsNip(1980, 1, 1, 2005, 1, 1, 1), ",A1,PNS,Pemkab A,U\n",  //
                              PnsNip(1981, 1, 1, 2006, 1, 1, 2), ",A2,PNS,Pemkab A,U\n",  //
                              PnsNip(1982, 1, 1, 2007, 1, 1, 3), ",A3,CPNS,Pemkab A,U\n", //
                              ",Honorer,NON_ASN,Pemkab A,U\n",                             //
                              PnsNip(1983, 1, 1, 2008, 1, 1, 4), ",B1,PNS,Pemkab B,U\n",  //
                              PnsNip(1984, 1, 1, 2009, 1, 1, 5), ",B2,PNS,Pemkab B,U\n"),
                 &report);
    EXPECT_TRUE(t.ok() && report.accepted() == 6) << report.DebugString();
    roster_ = *std::move(t);
    const std::string rec =
        R"({"type":"RECOMMENDATION","date":"2024-12-10","actor":{"role":"ROLE_HANDLING_BODY","body":"BKN"},
            "findings":{"acts":[{"norm":"neutrality.social_media_interaction","act_date":"2024-11-12",
            "neutrality":{"target":{"election":"pilkada2024","office":"REGENT","route":"PARTY_NOMINATED"}}}]}})";
    const std::string follow = R"({"type":"FOLLOW_UP","date":"2024-12-20","linked_case_id":"d-1","actor":{"role":"ROLE_PPK"}})";
    const std::string not_proven =
        R"({"type":"NOT_PROVEN","date":"2024-12-02","actor":{"role":"ROLE_HANDLING_BODY","body":"BKN"}})";
    cases_ = {Case("a1", "Pemkab A", {rec, follow}), Case("a2", "Pemkab A", {rec}), Case("a3", "Pemkab A", {not_proven}),
              Case("b1", "Pemkab B", {}), Case("z1", "Pemkab Z", {rec})};
  }

  CaseProgress Case(const std::string& id, const std::string& agency, const std::vector<std::string>& more) {
    std::string events = R"({"type":"REPORT","date":"2024-11-14","actor":{"role":"ROLE_BAWASLU"}})";
    if (!more.empty()) {
      absl::StrAppend(&events, R"(,{"type":"BAWASLU_FORWARDED","date":"2024-11-20","actor":{"role":"ROLE_BAWASLU"}})");
      for (const std::string& e : more) absl::StrAppend(&events, ",", e);
    }
    v1::CaseLog log;
    const std::string json = absl::StrCat(R"({"case_id":")", id, R"(","kind":"NEUTRALITY",
      "employee":{"kind":"PNS","agency":{"level":"REGENCY_CITY","name":")", agency, R"("}},"events":[)", events, "]}");
    auto st = google::protobuf::util::JsonStringToMessage(json, &log);
    EXPECT_TRUE(st.ok()) << st.message();
    auto p = machine_->Replay(log);
    EXPECT_TRUE(p.ok()) << p.status();
    return p.ok() ? *std::move(p) : CaseProgress();
  }

  std::vector<const CaseProgress*> Ptrs() const {
    std::vector<const CaseProgress*> out;
    for (const CaseProgress& c : cases_) out.push_back(&c);
    return out;
  }

  // asn, reported, proven, not proven, followed up, escalated, follow-up overdue
  static std::vector<int64_t> Counts(const v1::AgencyCompliance& c) {
    return {c.asn(), c.reported(), c.proven(), c.not_proven(), c.followed_up(), c.escalated(), c.follow_up_overdue()};
  }

  std::vector<CaseProgress> cases_;
};

TEST_F(ComplianceHandCount, FiguresPerAgencyMatchTheHandCount) {
  const v1::ComplianceReport r = ComplianceFigures(roster_, Ptrs(), D("2025-01-31"));
  ASSERT_EQ(r.agencies_size(), 2);
  const v1::AgencyCompliance& a = r.agencies(0);
  const v1::AgencyCompliance& b = r.agencies(1);
  EXPECT_EQ(a.agency(), "Pemkab A");
  EXPECT_EQ(Counts(a), std::vector<int64_t>({3, 3, 2, 1, 1, 0, 1}));  // the non-ASN row is not counted
  EXPECT_DOUBLE_EQ(a.cases_per_1000(), 1000.0);
  EXPECT_DOUBLE_EQ(a.share_proven(), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(a.share_followed_up(), 0.5);
  EXPECT_EQ(Counts(b), std::vector<int64_t>({2, 1, 0, 0, 0, 0, 0}));
  EXPECT_DOUBLE_EQ(b.cases_per_1000(), 500.0);
  EXPECT_DOUBLE_EQ(b.share_proven(), 0.0);
  // The case of an agency not on the roster counts in the total only.
  EXPECT_EQ(r.unmatched_cases(), 1);
  EXPECT_EQ(Counts(r.total()), std::vector<int64_t>({5, 5, 3, 1, 1, 0, 2}));
  // Open: a2 (the PPK has not followed up), b1 (with Bawaslu) and z1; a1 is
  // followed up and a3 not proven, both closed.
  EXPECT_EQ(std::vector<int64_t>({a.open(), b.open(), r.total().open()}), std::vector<int64_t>({1, 1, 3}));
  EXPECT_TRUE(absl::StrContains(r.note(), "not official")) << r.note();
  EXPECT_TRUE(r.predicate_bands().empty());
  // Before the recommendations only the not-proven finding is decided.
  const v1::ComplianceReport early = ComplianceFigures(roster_, Ptrs(), D("2024-12-05"));
  EXPECT_EQ(Counts(early.agencies(0)), std::vector<int64_t>({3, 3, 0, 1, 0, 0, 0}));
  EXPECT_EQ(early.total().reported(), 5);
}

// A case whose agency name is not the roster's is matched by its agency id
// (the one key the service's scopes use); the name wins when both match.
TEST_F(ComplianceHandCount, ACaseIsMatchedByAgencyNameElseById) {
  cases_[4].employee.mutable_agency()->set_id("Pemkab B");  // z1: name "Pemkab Z"
  cases_[3].employee.mutable_agency()->set_id("Pemkab A");  // b1: its name matches B
  const v1::ComplianceReport r = ComplianceFigures(roster_, Ptrs(), D("2025-01-31"));
  EXPECT_EQ(r.unmatched_cases(), 0);
  EXPECT_EQ(Counts(r.agencies(0)), std::vector<int64_t>({3, 3, 2, 1, 1, 0, 1}));
  EXPECT_EQ(Counts(r.agencies(1)), std::vector<int64_t>({2, 2, 1, 0, 0, 0, 1}));
}

// No IM NKK scale is published (docs/law/compliance_im_nkk.md): the
// default setting gives no predicate, and a scale a user sets is labelled
// as theirs.
TEST_F(ComplianceHandCount, ImNkkPredicatesComeOnlyFromTheScaleTheUserSets) {
  const v1::Setting* setting = Book()->FindSetting("im_nkk_predicate_bands");
  ASSERT_NE(setting, nullptr);
  EXPECT_EQ(setting->type(), v1::Setting::BANDS);
  EXPECT_EQ(setting->default_value(), "");
  ComplianceOptions o;
  o.im_nkk_index = {{"Pemkab A", 0.75}, {"Pemkab B", 0.92}};
  o.predicate_bands = setting->default_value();
  auto plain = ComplianceFigures(roster_, Ptrs(), D("2025-01-31"), o);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_TRUE(plain->agencies(0).has_im_nkk_index());
  EXPECT_DOUBLE_EQ(plain->agencies(0).im_nkk_index(), 0.75);
  EXPECT_EQ(plain->agencies(0).im_nkk_predicate(), "");
  EXPECT_TRUE(absl::StrContains(plain->note(), "No predicate scale")) << plain->note();
  o.predicate_bands = "0=RENDAH;0.6=SEDANG;0.8=TINGGI";
  auto banded = ComplianceFigures(roster_, Ptrs(), D("2025-01-31"), o);
  ASSERT_TRUE(banded.ok()) << banded.status();
  EXPECT_EQ(banded->agencies(0).im_nkk_predicate(), "SEDANG");
  EXPECT_EQ(banded->agencies(1).im_nkk_predicate(), "TINGGI");
  EXPECT_EQ(banded->predicate_bands(), o.predicate_bands);
  EXPECT_TRUE(absl::StrContains(banded->note(), "not an official one")) << banded->note();
  // The figures themselves do not change.
  EXPECT_EQ(Counts(banded->agencies(0)), Counts(plain->agencies(0)));
  // A threshold is inclusive.
  o.im_nkk_index = {{"Pemkab A", 0.8}};
  EXPECT_EQ((*ComplianceFigures(roster_, Ptrs(), D("2025-01-31"), o)).agencies(0).im_nkk_predicate(), "TINGGI");
}

TEST_F(ComplianceHandCount, BadScalesIndicesAndAgenciesAreRefused) {
  auto refused = [&](const ComplianceOptions& o, absl::string_view fragment) {
    auto r = ComplianceFigures(roster_, Ptrs(), D("2025-01-31"), o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(r.status().message(), fragment)) << r.status();
  };
  refused({{}, "0.5=SEDANG;0.8=TINGGI"}, "thresholds ascend from 0");
  refused({{}, "0=RENDAH;0.8=TINGGI;0.6=SEDANG"}, "thresholds ascend from 0");
  refused({{}, "0=RENDAH;1.5=X"}, "threshold in [0, 1]");
  refused({{}, "0=RENDAH;0.5"}, "THRESHOLD=LABEL");
  refused({{{"Pemkab A", 1.2}}, ""}, "im_nkk_index[\"Pemkab A\"]: 1.2 is not an index in [0, 1]");
  refused({{{"Pemkab Z", 0.5}}, ""}, "\"Pemkab Z\" is not an agency of the roster");
  // A law file with a malformed scale is refused on load.
  LawSource bad{"test/bad_bands.textproto", R"pb(
    settings { name: "x_bands" type: BANDS default_value: "0.9=A;0.1=B" doc: "d" why: "w" })pb"};
  auto book = RuleBook::Load({bad});
  ASSERT_FALSE(book.ok());
  EXPECT_TRUE(absl::StrContains(book.status().message(), "test/bad_bands.textproto")) << book.status();
  EXPECT_TRUE(absl::StrContains(book.status().message(), "x_bands")) << book.status();
}

}  // namespace
}  // namespace netra
