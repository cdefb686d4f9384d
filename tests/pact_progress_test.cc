// Pact progress against counts made by hand on a small roster
// (docs/law/pakta_netralitas.md): per group and in total, on any date, with
// the due date overridden or per agency; leaders signing before their staff
// is reported, never enforced; and the store keeps the pact events across
// opens.
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "netra/date.h"
#include "netra/pact.h"
#include "netra/store.h"
#include "pact_testing.h"

namespace netra {
namespace {

using testing_pact::Book;
using testing_pact::Breached;
using testing_pact::Csv;
using testing_pact::D;
using testing_pact::Ev;
using testing_pact::KindsRoster;
using testing_pact::MakeRegistry;
using testing_pact::MakeRoster;
using testing_pact::Person;
using testing_pact::PnsNip;
using testing_pact::PppkNip;
using testing_pact::Signed;
using testing_pact::kC2;
using testing_pact::kLead;
using testing_pact::kPns;
using testing_pact::kStaff;
using v1::PactEvent;
using v1::PactProgress;
using v1::RosterImportReport;

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

// The counting passes (four rows at a time, groups counted slice by slice,
// rows before a new text counted one by one) against a plain count, row by
// row, of the same events: 9,000 employees in 1,200 units of three agencies
// (more groups than one slice holds), in no order of units, with signatures,
// refusals, new texts, moves, departures and breaches, on days before,
// during and after the signing.
TEST(PactCountingPasses, AgreeWithAPlainCountOfEveryRow) {
  constexpr int kRows = 9000, kUnits = 400;
  const char* kAgencies[] = {"Pemkab Sleman", "Pemkab Bantul", "Pemkot Yogyakarta"};
  const v1::PositionType kTypes[] = {v1::PELAKSANA, v1::FUNGSIONAL_KEAHLIAN, v1::ADMINISTRATOR, v1::JPT_PRATAMA};
  std::mt19937 rng(94);
  std::vector<Person> people;
  for (int i = 0; i < kRows; ++i) {
    const int k = static_cast<int>(rng() % 10);
    const v1::EmployeeKind kind = k < 6 ? v1::PNS : k < 7 ? v1::CPNS : k < 9 ? v1::PPPK : v1::NON_ASN;
    const int by = 1980 + i / 999, seq = 1 + i % 999;
    const v1::PositionType type = kTypes[rng() % 4];
    people.push_back({kind == v1::PPPK ? PppkNip(by, 1, 1, 2023, 1, 1, seq) : PnsNip(by, 1, 1, 2010, 1, 1, seq), kind,
                      type, kAgencies[rng() % 3], absl::StrCat("Unit ", rng() % kUnits),
                      (type == v1::ADMINISTRATOR || type == v1::JPT_PRATAMA) && rng() % 4 == 0});
  }
  const RosterTable roster = MakeRoster(people);
  PactOptions options;
  options.agency_due["Pemkab Bantul"] = D("2024-09-30");
  PactRegistry reg = MakeRegistry(&roster, "pilkada2024", options);
  ASSERT_GT(*reg.IssueAll(D("2024-09-02"), kStaff, kLead), 0);

  // The plain count's state of each row, from the events the registry took.
  struct Row {
    int32_t issued = 0, signed_on = 0, declined = 0, withdrawn = 0, breached = 0, superseded = 0, prev_issued = 0,
            prev_signed = 0;
    std::string unit;
  };
  const absl::CivilDay epoch(1970, 1, 1);
  const auto day = [&](absl::CivilDay d) { return static_cast<int32_t>(d - epoch); };
  std::vector<Row> rows(kRows);
  for (int i = 0; i < kRows; ++i) {
    rows[i].unit = people[i].unit;
    if (people[i].kind != v1::NON_ASN) rows[i].issued = day(D("2024-09-02"));
  }
  int applied = 0;
  for (int i = 0; i < kRows; ++i) {
    Row& r = rows[i];
    const std::string& nip = people[i].nip;
    absl::CivilDay on = D("2024-09-02") + static_cast<int>(rng() % 5);
    const auto apply = [&](const PactEvent& e) {
      if (!reg.Apply(e).ok()) return false;
      ++applied;
      return true;
    };
    const auto step = [&](int days) { return FormatDate(on += 1 + static_cast<int>(rng() % days)); };
    const int what = static_cast<int>(rng() % 100);
    if (what < 10 && apply(Ev(v1::PACT_DECLINED, step(10), nip))) r.declined = day(on);
    if (what >= 10 && what < 16) {  // a new text, after a signature or not
      if (rng() % 2 == 0 && apply(Signed(step(10), nip))) r.signed_on = day(on);
      PactEvent e = Ev(v1::PACT_SUPERSEDED, step(10), nip);
      e.set_template_id(people[i].leader ? kLead : kStaff);
      if (apply(e)) {
        r.prev_issued = r.issued, r.prev_signed = r.signed_on, r.superseded = day(on);
        r.issued = day(on), r.signed_on = 0, r.declined = 0;
      }
    }
    if (what >= 16 && what < 22) {  // a move to another unit of the agency
      PactEvent e = Ev(v1::PACT_UNIT_CHANGED, step(10), nip);
      const std::string unit = absl::StrCat("Unit ", rng() % kUnits);
      e.set_unit(unit);
      if (apply(e)) r.unit = unit;
    }
    if (what < 80 && apply(Signed(step(30), nip))) r.signed_on = day(on);
    if (what >= 80 && what < 83 && apply(Ev(v1::PACT_WITHDRAWN, step(20), nip))) r.withdrawn = day(on);
    if (rng() % 50 == 0 && apply(Breached(step(30), nip, kC2))) r.breached = day(on);
  }
  ASSERT_GT(applied, kRows / 2);

  // (agency, unit, class, kind) -> must, issued, on time, late, not signed,
  // declined, breached, withdrawn; and per unit the leadership order.
  using Key = std::tuple<std::string, std::string, int, int>;
  for (const char* text : {"2024-09-01", "2024-09-02", "2024-09-12", "2024-09-24", "2024-09-30", "2024-10-20",
                           "2024-12-31"}) {
    const int32_t d = day(D(text));
    std::map<Key, std::vector<int64_t>> want;
    std::vector<int64_t> total(8);
    struct Unit {
      int64_t leaders = 0, leaders_signed = 0, staff_signed = 0, staff_ahead = 0;
      int32_t last_leader = 0;
    };
    std::map<std::pair<std::string, std::string>, Unit> units;
    std::vector<int32_t> signed_on_day(kRows);
    for (int i = 0; i < kRows; ++i) {
      const Row& r = rows[i];
      const bool before = r.superseded != 0 && d < r.superseded;
      const int32_t is = before ? r.prev_issued : r.issued, s = before ? r.prev_signed : r.signed_on;
      const int32_t due = day(people[i].agency == "Pemkab Bantul" ? D("2024-09-30") : reg.due());
      std::vector<int64_t>& g =
          want[{people[i].agency, r.unit, ClassOf(people[i].type), people[i].kind}];
      g.resize(8);
      const int64_t must = people[i].kind != v1::NON_ASN;
      g[0] += must, total[0] += must;
      if (is == 0 || is > d) continue;
      const bool sgn = s != 0 && s <= d, wd = r.withdrawn != 0 && r.withdrawn <= d;
      const bool dec = !sgn && r.declined != 0 && r.declined <= d;
      const int64_t c[8] = {0, 1, sgn && s <= due, sgn && s > due, !sgn && !wd && !dec, dec,
                            r.breached != 0 && r.breached <= d, wd};
      for (int k = 1; k < 8; ++k) g[k] += c[k], total[k] += c[k];
      signed_on_day[i] = sgn ? s : 0;
      Unit& u = units[{people[i].agency, r.unit}];
      if (people[i].leader && !wd) {
        ++u.leaders;
        if (sgn) ++u.leaders_signed, u.last_leader = std::max(u.last_leader, s);
      }
    }
    for (int i = 0; i < kRows; ++i) {
      if (people[i].leader || signed_on_day[i] == 0) continue;
      Unit& u = units[{people[i].agency, rows[i].unit}];
      ++u.staff_signed;
      if (u.leaders > 0 && (u.leaders_signed < u.leaders || signed_on_day[i] < u.last_leader)) ++u.staff_ahead;
    }
    const PactProgress p = reg.Progress(D(text));
    std::map<Key, std::vector<int64_t>> got;
    for (const auto& g : p.groups()) {
      got[{g.agency(), g.unit(), g.position_class(), g.kind()}] = {
          g.must_sign(), g.issued(), g.signed_on_time(), g.signed_late(), g.not_signed(),
          g.declined(), g.breached(), g.withdrawn()};
    }
    std::erase_if(want, [](const auto& w) { return w.second[0] == 0 && w.second[1] == 0; });
    EXPECT_EQ(got, want) << text;
    const auto& t = p.total();
    EXPECT_EQ(std::vector<int64_t>({t.must_sign(), t.issued(), t.signed_on_time(), t.signed_late(), t.not_signed(),
                                    t.declined(), t.breached(), t.withdrawn()}),
              total)
        << text;
    int64_t c[8];
    reg.Totals(D(text), c);
    EXPECT_EQ(std::vector<int64_t>({c[7], c[0], c[1], c[2], c[3], c[4], c[5], c[6]}), total) << text;
    for (const auto& o : p.leadership()) {
      const Unit& u = units[{o.agency(), o.unit()}];
      EXPECT_EQ(std::vector<int64_t>({o.leaders(), o.leaders_signed(), o.staff_signed(),
                                      o.staff_signed_before_leaders()}),
                std::vector<int64_t>({u.leaders, u.leaders_signed, u.staff_signed, u.staff_ahead}))
          << text << " " << o.agency() << " " << o.unit();
    }
    // Scoped to the units of one agency: the same groups, and the totals of
    // the scoped pass, as the plain count of those rows.
    std::vector<bool> bantul(roster.units.size());
    for (size_t u = 0; u < roster.units.size(); ++u) bantul[u] = roster.agencies[roster.unit_agency[u]] == "Pemkab Bantul";
    const PactProgress scoped = reg.Progress(D(text), 0, &bantul);
    std::vector<int64_t> bantul_total(8);
    for (const auto& [key, w] : want) {
      if (std::get<0>(key) != "Pemkab Bantul") continue;
      for (int k = 0; k < 8; ++k) bantul_total[k] += w[k];
    }
    EXPECT_EQ(scoped.groups_size(), std::count_if(want.begin(), want.end(), [](const auto& w) {
                return std::get<0>(w.first) == "Pemkab Bantul";
              })) << text;
    reg.Totals(D(text), c, &bantul);
    EXPECT_EQ(std::vector<int64_t>({c[7], c[0], c[1], c[2], c[3], c[4], c[5], c[6]}), bantul_total) << text;
    EXPECT_EQ(scoped.total().issued(), bantul_total[1]) << text;
    EXPECT_EQ(scoped.total().not_signed(), bantul_total[4]) << text;
  }
}

}  // namespace
}  // namespace netra
