// Helpers of the integrity-pact tests (roster_import_test.cc, pact_*_test.cc,
// compliance_test.cc): the embedded rule book, NIPs of both styles, a roster
// read from CSV text or made from Person rows (KindsRoster: one of each kind),
// pact events and a registry for pilkada2024, and the PactBreachFromCase
// fixture (a school's roster and its neutrality cases), which the compliance
// figures' fixture extends.
#ifndef NETRA_TESTS_PACT_TESTING_H_
#define NETRA_TESTS_PACT_TESTING_H_

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "google/protobuf/util/json_util.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/pact.h"

namespace netra::testing_pact {

using v1::PactEvent;
using v1::RosterImportReport;

inline constexpr char kStaff[] = "pakta_netralitas.pilkada2024.v1";
inline constexpr char kLead[] = "pakta_netralitas.pilkada2024.pimpinan.v1";
inline constexpr char kC2[] = "pact.c2.no_conflict_intimidation_partisanship";

inline std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

inline absl::CivilDay D(const char* text) { return *ParseDate(text, "test"); }

// A PNS-style NIP: birth date, TMT CPNS year and month, sex, sequence.
inline std::string PnsNip(int by, int bm, int bd, int ty, int tm, int sex, int seq) {
  return absl::StrFormat("%04d%02d%02d%04d%02d%d%03d", by, bm, bd, ty, tm, sex, seq);
}
// An NI PPPK: birth date, appointment year, "2", contract count, sex, sequence.
inline std::string PppkNip(int by, int bm, int bd, int year, int contracts, int sex, int seq) {
  return absl::StrFormat("%04d%02d%02d%04d2%d%d%03d", by, bm, bd, year, contracts, sex, seq);
}

inline absl::StatusOr<RosterTable> Csv(const std::string& text, RosterImportReport* report) {
  std::istringstream in(text);
  return ImportRosterCsv(in, report);
}

struct Person {
  std::string nip;
  v1::EmployeeKind kind;
  v1::PositionType type;
  std::string agency, unit;
  bool leader = false;
};

inline RosterTable MakeRoster(const std::vector<Person>& people) {
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

inline PactEvent Ev(v1::PactEventType type, const std::string& date, const std::string& nip) {
  PactEvent e;
  e.set_type(type);
  e.set_date(date);
  e.set_nip(nip);
  return e;
}
inline PactEvent Signed(const std::string& date, const std::string& nip, v1::SigningMethod method = v1::INDIVIDUAL) {
  PactEvent e = Ev(v1::PACT_SIGNED, date, nip);
  e.set_signer_nip(nip);
  e.set_method(method);
  if (method == v1::CEREMONY) e.set_ceremony_id("apel-2024-09-05");
  e.set_place("Sleman");
  e.set_evidence_ref("scan-1");
  return e;
}
inline PactEvent Breached(const std::string& date, const std::string& nip, const std::string& commitment,
                          const std::string& case_id = "kasus-2024-001") {
  PactEvent e = Ev(v1::PACT_BREACHED, date, nip);
  e.set_commitment_id(commitment);
  e.set_linked_case_id(case_id);
  return e;
}

inline PactRegistry MakeRegistry(const RosterTable* roster, const std::string& election = "pilkada2024",
                                 const PactOptions& options = {}) {
  auto r = PactRegistry::Create(Book(), roster, election, options);
  EXPECT_TRUE(r.ok()) << r.status();
  return *std::move(r);
}

// One of each kind in one unit; the last two are leaders.
inline const std::string kPns = PnsNip(1980, 2, 14, 2005, 3, 1, 11);
inline const std::string kCpns = PnsNip(1998, 7, 1, 2024, 6, 2, 12);
inline const std::string kPppk = PppkNip(1985, 5, 5, 2022, 1, 1, 13);
inline const std::string kPppkPw = PppkNip(1992, 11, 30, 2025, 1, 2, 14);
inline const std::string kNonAsn = PnsNip(1995, 3, 3, 2019, 1, 1, 15);
inline const std::string kHead = PnsNip(1970, 4, 21, 1996, 4, 1, 16);
inline const std::string kHeadPppk = PppkNip(1975, 6, 6, 2021, 2, 2, 17);
inline const std::string kElsewhere = PnsNip(1981, 1, 1, 2006, 1, 1, 18);  // another agency

inline std::vector<Person> KindsRoster() {
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

}  // namespace netra::testing_pact

#endif  // NETRA_TESTS_PACT_TESTING_H_
