// The case lifecycle's periods and a sanction's effects: the periods fall on
// the dates of the worked cases of docs/law/pp79_2021_procedure.md (T27-T33)
// and end once the remedy or the court has decided; a sanction takes effect,
// blocks raises and cuts the tukin on the dates the law gives, with its SIASN
// record; and every deadline rule of the embedded law is used by a case.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/substitute.h"
#include "case_testing.h"
#include "netra/case.h"
#include "netra/date.h"

namespace netra {
namespace {

using testing_case::Absence;
using testing_case::Book;
using testing_case::Build;
using testing_case::D;
using testing_case::DismissalReceived;
using testing_case::DueOf;
using testing_case::Find;
using testing_case::HasNextStep;
using testing_case::Machine;
using testing_case::MakeMachine;
using testing_case::Mentions;
using testing_case::NeutralityRecommended;
using testing_case::Refused;
using testing_case::Says;
using testing_case::Scenario;
using testing_case::SedangDecided;
using testing_case::SedangReceived;
using testing_case::kPelaksana;
using v1::CaseState;
using v1::Deadline;

// =====================================================================
// Worked deadline cases (docs/law/pp79_2021_procedure.md).

// T28, T29: absent on 17 Oct 2022; the second summons is due 7 working days
// after the missed date; absent again, the decision rests on the evidence.
Scenario T28Absent() {
  Scenario r(kPelaksana);
  r.Ok(R"(type: KNOWLEDGE date: "2022-10-03" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2022-10-05" scheduled_date: "2022-10-17" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: NO_SHOW date: "2022-10-17" actor { role: ROLE_DIRECT_SUPERIOR })");
  return r;
}

TEST(CaseMachine, T28SecondSummonsIsDueSevenWorkingDaysAfterTheMissedExamination) {
  Scenario r = T28Absent();
  const CaseState s = r.State("2022-10-18");
  EXPECT_EQ(s.status(), v1::ABSENT_ONCE);
  const Deadline d = Find(s, "summons_2");
  ASSERT_FALSE(d.name().empty());
  EXPECT_EQ(d.counted_from(), "2022-10-17");
  EXPECT_EQ(d.due(), "2022-10-26");
  EXPECT_EQ(d.rule_id(), "pp94.deadline.summons_2");
  EXPECT_TRUE(d.working_days());
  EXPECT_EQ(d.days(), 7);
  EXPECT_EQ(d.status(), Deadline::OPEN);
  ASSERT_FALSE(d.cited_as().empty());
  EXPECT_TRUE(absl::StrContains(d.cited_as(0), "26")) << d.cited_as(0);
  ASSERT_TRUE(HasNextStep(s, v1::SUMMONS_2));
  EXPECT_EQ(s.next_steps(0).due(), "2022-10-26");
  // Not issued by then: overdue (a duty of the superior).
  EXPECT_EQ(Find(r.State("2022-10-27"), "summons_2").status(), Deadline::OVERDUE);
  std::vector<OverdueItem> items;
  Machine().Overdue(r.p, D("2022-10-26"), &items);
  EXPECT_TRUE(items.empty());
  Machine().Overdue(r.p, D("2022-10-27"), &items);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].period, Period::kSummons2);
  EXPECT_EQ(FormatDate(items[0].due), "2022-10-26");
  // Issued on the missed day itself for 27 Oct (BKN example 10): met.
  r.Ok(R"(type: SUMMONS_2 date: "2022-10-17" scheduled_date: "2022-10-27" actor { role: ROLE_DIRECT_SUPERIOR })");
  const CaseState later = r.State("2022-11-30");  // kept: never point into a temporary state
  const Deadline met = Find(later, "summons_2");
  EXPECT_EQ(met.status(), Deadline::MET);
  EXPECT_EQ(met.met_on(), "2022-10-17");
}

TEST(CaseMachine, T29AbsentTwiceTheDecisionRestsOnTheEvidenceWithoutExamination) {
  Scenario r = T28Absent();
  r.Ok(R"(type: SUMMONS_2 date: "2022-10-18" scheduled_date: "2022-10-27" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: NO_SHOW date: "2022-10-27" actor { role: ROLE_DIRECT_SUPERIOR })");
  CaseState s = r.State("2022-10-27");
  EXPECT_EQ(s.status(), v1::ABSENT_TWICE);
  ASSERT_TRUE(HasNextStep(s, v1::DECISION));
  EXPECT_FALSE(HasNextStep(s, v1::EXAMINATION));
  // Without findings there is nothing to decide on.
  absl::Status st = r.Try(R"(type: DECISION date: "2022-10-31" sanction_type: "R2"
                             actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS })");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "findings")) << st;
  // The evidence in the DECISION event itself: 5 days -> R2 by the Pengawas.
  r.Ok(absl::StrCat(R"(type: DECISION date: "2022-10-31" sanction_type: "R2"
                       actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS } )",
                    Absence(5, "2022-09-30")));
  s = r.State("2022-10-31");
  EXPECT_EQ(s.status(), v1::DECIDED);
  EXPECT_EQ(s.determination().level(), v1::RINGAN);
  EXPECT_EQ(DueOf(s, "delivery"), "2022-11-18");
}

TEST(CaseMachine, T29ABeratDecisionAfterTwoAbsencesNeedsNoTeam) {
  Scenario r = T28Absent();
  r.Ok(R"(type: SUMMONS_2 date: "2022-10-18" scheduled_date: "2022-10-27" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: NO_SHOW date: "2022-10-27" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(absl::StrCat(R"(type: DECISION date: "2022-10-31" sanction_type: "B3"
                         actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK } )",
                       Absence(29, "2022-09-30")));
  EXPECT_EQ(r.p.status, v1::DECIDED);
}

// T30, T31: decision 1 Feb 2022 (Imlek), delivered 8 Feb 2022.
Scenario T30Decided() {
  Scenario r(kPelaksana);
  r.Ok(R"(type: KNOWLEDGE date: "2022-01-10" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2022-01-11" scheduled_date: "2022-01-21" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2022-01-21" actor { role: ROLE_DIRECT_SUPERIOR } )",
                       Absence(5, "2022-01-20")))
      .Ok(R"(type: DECISION date: "2022-02-01" sanction_type: "R2" document_number: "R2/2022"
             actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS })");
  return r;
}

TEST(CaseMachine, T30DeliveryIsDueFourteenWorkingDaysAfterTheDecision) {
  Scenario r = T30Decided();
  const CaseState s = r.State("2022-02-01");
  EXPECT_EQ(s.status(), v1::DECIDED);
  const Deadline d = Find(s, "delivery");
  ASSERT_FALSE(d.name().empty());
  EXPECT_EQ(d.due(), "2022-02-21");
  EXPECT_EQ(d.rule_id(), "pp94.deadline.delivery");
  EXPECT_EQ(Find(r.State("2022-02-22"), "delivery").status(), Deadline::OVERDUE);
  r.Ok(R"(type: DELIVERY date: "2022-02-08" actor { role: ROLE_HR_OFFICIAL })");
  EXPECT_EQ(Find(r.State("2022-02-22"), "delivery").status(), Deadline::MET);
}

TEST(CaseMachine, T31ReceivedOn8February2022TakesEffectOn2March2022) {
  Scenario r = T30Decided();
  r.Ok(R"(type: DELIVERY date: "2022-02-08" actor { role: ROLE_HR_OFFICIAL })");
  CaseState s = r.State("2022-03-01");
  EXPECT_EQ(s.status(), v1::RECEIVED_BY_EMPLOYEE);
  EXPECT_EQ(s.sanction().receipt_date(), "2022-02-08");
  EXPECT_EQ(s.sanction().effective_from(), "2022-03-02") << s.DebugString();
  EXPECT_EQ(DueOf(s, "effective"), "2022-03-02");
  EXPECT_EQ(DueOf(s, "objection_filing"), "2022-03-01");  // 14 working days, past Isra Mikraj (28 Feb)
  // R2 is served at once: no last day.
  EXPECT_EQ(s.sanction().last_day(), "");
  // From the 15th working day on, the sanction stands.
  s = r.State("2022-03-02");
  EXPECT_EQ(s.status(), v1::FINAL);
  EXPECT_EQ(Find(s, "effective").status(), Deadline::MET);
  EXPECT_EQ(Find(s, "objection_filing").status(), Deadline::EXPIRED);
}

TEST(CaseMachine, T32ADismissalByThePpkIsContestedByBandingWithinFourteenWorkingDays) {
  Scenario r = DismissalReceived();
  // 3 Jun 2024 + 14 working days, skipping Idul Adha (17 Jun) and its cuti bersama (18 Jun).
  EXPECT_EQ(FormatDate(*Machine().calendar().AddWorkingDays(D("2024-06-03"), 14)), "2024-06-25");
  CaseState s = r.State("2024-06-03");
  EXPECT_EQ(DueOf(s, "appeal_filing"), "2024-06-25");
  EXPECT_EQ(Find(s, "appeal_filing").rule_id(), "pp79.deadline.appeal_filing");
  EXPECT_TRUE(Find(s, "objection_filing").name().empty());
  ASSERT_TRUE(HasNextStep(s, v1::APPEAL_FILED));
  EXPECT_FALSE(HasNextStep(s, v1::OBJECTION_FILED));
  EXPECT_TRUE(s.sanction().permanent());
  absl::Status st = r.Try(R"(type: OBJECTION_FILED date: "2024-06-10" actor { role: ROLE_EMPLOYEE })");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "banding")) << st;
  r.Ok(R"(type: APPEAL_FILED date: "2024-06-25" actor { role: ROLE_EMPLOYEE })");
  s = r.State("2024-06-25");
  EXPECT_EQ(s.status(), v1::APPEAL_PENDING);
  EXPECT_EQ(Find(s, "appeal_filing").status(), Deadline::MET);
  EXPECT_EQ(DueOf(s, "appeal_ppk_response"), FormatDate(*Machine().calendar().AddWorkingDays(D("2024-06-25"), 21)));
  EXPECT_EQ(DueOf(s, "appeal_decision"), FormatDate(*Machine().calendar().AddWorkingDays(D("2024-06-25"), 65)));
  EXPECT_FALSE(r.p.late_remedy);
}

TEST(CaseMachine, T32ABandingAfterTheFourteenthWorkingDayIsRecordedAsInadmissible) {
  Scenario r = DismissalReceived();
  r.Ok(R"(type: APPEAL_FILED date: "2024-06-26" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(r.p.late_remedy);
  EXPECT_TRUE(Mentions(r.State("2024-06-26"), "inadmissible"));
}

// T33: a keberatan to the PPK with no decision after 21 working days.
TEST(CaseMachine, T33SilenceOnAKeberatanIsNeverApprovalButOpensTheCourt) {
  Scenario r = SedangReceived("PPK");
  r.Ok(R"(type: OBJECTION_FILED date: "2024-08-01" actor { role: ROLE_EMPLOYEE })");
  const std::string due = FormatDate(*Machine().calendar().AddWorkingDays(D("2024-08-01"), 21));
  EXPECT_EQ(due, "2024-08-30");  // 17 Aug is a Saturday
  CaseState s = r.State("2024-08-01");
  EXPECT_EQ(s.status(), v1::OBJECTION_PENDING);
  EXPECT_EQ(DueOf(s, "objection_decision"), due);
  EXPECT_TRUE(Find(s, "official_response").name().empty()) << "the PPK decided: no official's response";
  EXPECT_EQ(s.sanction().effective_from(), "") << "the effect waits for the remedy (Pasal 38(2))";
  // 22 working days on: still pending, the duty overdue.
  const std::string later = FormatDate(*Machine().calendar().AddWorkingDays(D("2024-08-01"), 22));
  s = r.State(later.c_str());
  EXPECT_EQ(s.status(), v1::OBJECTION_PENDING);
  EXPECT_EQ(Find(s, "objection_decision").status(), Deadline::OVERDUE);
  EXPECT_TRUE(Mentions(s, "no deemed approval")) << s.DebugString();
  // The court: refused on the last day, open the day after.
  absl::Status st = r.Try(absl::StrCat(R"(type: COURT_FILED date: ")", due, R"(" actor { role: ROLE_EMPLOYEE })"));
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << st;
  r.Ok(R"(type: COURT_FILED date: "2024-09-02" actor { role: ROLE_EMPLOYEE })");
  EXPECT_EQ(r.p.status, v1::COURT_PENDING);
}

// T27: letter 5 Oct 2022 for 17 Oct 2022 = 8 working days.
TEST(CaseMachine, T27TheFirstSummonsGapIsFlaggedPerTheReadingNeverRefused) {
  const std::string summons =
      R"(type: SUMMONS_1 date: "2022-10-05" scheduled_date: "2022-10-17" actor { role: ROLE_DIRECT_SUPERIOR })";
  Scenario by_default(kPelaksana);
  by_default.Ok(summons);
  EXPECT_FALSE(Mentions(by_default.State("2022-10-05"), "summons_1_reading"));
  EXPECT_TRUE(by_default.p.notes.empty());
  const CaseMachine max_gap = MakeMachine({{"summons_1_reading", "MAX_GAP"}});
  Scenario literal(kPelaksana, max_gap);
  literal.Ok(summons);
  EXPECT_TRUE(Mentions(literal.State("2022-10-05"), "8 working days")) << literal.State("2022-10-05").DebugString();
  EXPECT_TRUE(Mentions(literal.State("2022-10-05"), "MAX_GAP"));
  // And the reverse: 3 working days' notice breaks MIN_NOTICE only.
  const std::string short_notice =
      R"(type: SUMMONS_1 date: "2022-10-12" scheduled_date: "2022-10-17" actor { role: ROLE_DIRECT_SUPERIOR })";
  Scenario s1(kPelaksana), s2(kPelaksana, max_gap);
  s1.Ok(short_notice);
  s2.Ok(short_notice);
  EXPECT_TRUE(Mentions(s1.State("2022-10-12"), "MIN_NOTICE"));
  EXPECT_FALSE(Mentions(s2.State("2022-10-12"), "summons_1_reading"));
}

// SUMMONS_1 opens the period summons_1_notice (7 working days from the
// letter, Pasal 26(2)), met by the examination or the no-show. It is not a
// duty: never overdue, only expired; the reading of the gap is the note of
// setting summons_1_reading (T27 above).
TEST(CaseMachine, T27TheFirstSummonsNoticeIsJudgedByTheReadingOfPasal26_2AndIsNeverOverdue) {
  // Letter 5 Oct 2022 for an examination on 17 Oct 2022 (BKN example 10): the
  // 7th working day after the letter is 14 Oct, so the notice is 8 working
  // days: enough under MIN_NOTICE (the default), too long under MAX_GAP.
  Scenario r(kPelaksana);
  r.Ok(R"(type: SUMMONS_1 date: "2022-10-05" scheduled_date: "2022-10-17" actor { role: ROLE_DIRECT_SUPERIOR })");
  CaseState s = r.State("2022-10-05");
  const std::string due = FormatDate(*Machine().calendar().AddWorkingDays(D("2022-10-05"), 7));
  EXPECT_EQ(due, "2022-10-14");
  Deadline d = Find(s, "summons_1_notice");
  ASSERT_FALSE(d.name().empty()) << s.DebugString();
  EXPECT_EQ(d.rule_id(), "pp94.deadline.summons_1_notice");
  EXPECT_EQ(d.counted_from(), "2022-10-05");
  EXPECT_EQ(d.due(), due);
  EXPECT_TRUE(d.working_days());
  EXPECT_EQ(d.days(), 7);
  EXPECT_EQ(d.met_on(), "2022-10-17") << "measured at the examination date the letter sets";
  EXPECT_EQ(d.status(), Deadline::MET);
  ASSERT_FALSE(d.cited_as().empty());
  EXPECT_TRUE(absl::StrContains(d.cited_as(0), "26")) << d.cited_as(0);
  std::set<std::string> basis;
  for (const auto& b : s.basis()) basis.insert(b.rule_id());
  EXPECT_TRUE(basis.count("pp94.deadline.summons_1_notice"));
  // A notice is never a duty that can be overdue.
  s = r.State("2022-10-20");
  EXPECT_FALSE(Mentions(s, "Overdue")) << s.DebugString();
  std::vector<OverdueItem> items;
  Machine().Overdue(r.p, D("2022-10-20"), &items);
  EXPECT_TRUE(items.empty());
  // Under MAX_GAP the same letter gives the examination too late.
  auto gap = CaseMachine::Create(RuleBook::Load().value(), {}, {{"summons_1_reading", "MAX_GAP"}});
  ASSERT_TRUE(gap.ok());
  CaseProgress g;
  ASSERT_TRUE(gap->Start(r.log, &g).ok());
  for (const auto& e : r.log.events()) ASSERT_TRUE(gap->Apply(e, &g).ok());
  EXPECT_EQ(Find(gap->Describe(g, D("2022-10-05")), "summons_1_notice").status(), Deadline::MET_LATE);
  // Three working days of notice: too short under MIN_NOTICE.
  Scenario e(kPelaksana);
  e.Ok(R"(type: SUMMONS_1 date: "2022-10-05" scheduled_date: "2022-10-10" actor { role: ROLE_DIRECT_SUPERIOR })");
  d = Find(e.State("2022-10-05"), "summons_1_notice");
  EXPECT_EQ(d.status(), Deadline::NOTICE_TOO_SHORT);
  EXPECT_EQ(d.met_on(), "2022-10-10");
  // The second summons opens no notice period of its own.
  r.Ok(R"(type: NO_SHOW date: "2022-10-17" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_2 date: "2022-10-18" scheduled_date: "2022-10-27" actor { role: ROLE_DIRECT_SUPERIOR })");
  int notices = 0;
  const CaseState again = r.State("2022-10-18");  // a variable: a range over a temporary's field dangles
  for (const Deadline& x : again.deadlines()) notices += x.name() == "summons_1_notice";
  EXPECT_EQ(notices, 1);
}

// Once the keberatan or banding is decided, the official's (or the PPK's)
// response to it is moot (PP 79/2021 Pasal 8(5), 13(2): without it the
// decision is taken on the data available) and is cancelled; likewise
// objection_decision once the PNS went to court on the PPK's silence and the
// court decided. Nothing remains overdue.
TEST(CaseMachine, NothingIsOverdueOnceTheRemedyOrTheCourtHasDecided) {
  auto expect_nothing_overdue = [](const Scenario& r, const char* what) {
    std::vector<OverdueItem> items;
    Machine().Overdue(r.p, D("2026-01-01"), &items);
    for (const OverdueItem& it : items) ADD_FAILURE() << what << ", still overdue: " << PeriodName(it.period);
    const CaseState s = r.State("2026-01-01");
    for (const Deadline& d : s.deadlines()) {
      EXPECT_NE(d.status(), Deadline::OVERDUE) << what << ": " << d.name();
    }
    EXPECT_FALSE(Mentions(s, "Overdue")) << what;
  };
  Scenario objection = Build("OBJECTION_PENDING");  // decided without the official's response
  EXPECT_EQ(Find(objection.State("2024-08-20"), "official_response").status(), Deadline::OVERDUE);
  objection.Ok(R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  expect_nothing_overdue(objection, "keberatan decided");
  EXPECT_TRUE(Find(objection.State("2026-01-01"), "official_response").name().empty()) << "cancelled";
  EXPECT_EQ(Find(objection.State("2026-01-01"), "objection_decision").status(), Deadline::MET);
  Scenario appeal = Build("APPEAL_PENDING");
  appeal.Ok(R"(type: APPEAL_DECIDED date: "2024-07-01" outcome: CONFIRMED actor { role: ROLE_BPASN })");
  expect_nothing_overdue(appeal, "banding decided");
  EXPECT_TRUE(Find(appeal.State("2026-01-01"), "appeal_ppk_response").name().empty()) << "cancelled";
  Scenario court = SedangReceived("PPK");
  court.Ok(R"(type: OBJECTION_FILED date: "2024-08-01" actor { role: ROLE_EMPLOYEE })")
      .Ok(R"(type: COURT_FILED date: "2024-09-02" actor { role: ROLE_EMPLOYEE })")
      .Ok(R"(type: COURT_DECIDED date: "2025-03-03" outcome: CONFIRMED actor { role: ROLE_COURT })");
  expect_nothing_overdue(court, "court decided");
  EXPECT_TRUE(Find(court.State("2026-01-01"), "objection_decision").name().empty()) << "cancelled";
  // A response given in time stays MET.
  Scenario answered = Build("OBJECTION_PENDING");
  answered.Ok(R"(type: OFFICIAL_RESPONSE date: "2024-08-06" actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })")
      .Ok(R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  EXPECT_EQ(Find(answered.State("2026-01-01"), "official_response").status(), Deadline::MET);
}

// =====================================================================
// A sanction's effects.

TEST(CaseMachine, AnS2TTakesEffectFifteenWorkingDaysAfterReceiptAndBlocksKgbAndKpForTwelveMonths) {
  Scenario r = SedangReceived();  // received 29 Jul 2024
  const std::string effective = FormatDate(*Machine().calendar().AddWorkingDays(D("2024-07-29"), 15));
  EXPECT_EQ(effective, "2024-08-19");
  CaseState s = r.State("2024-07-29");
  EXPECT_EQ(s.status(), v1::RECEIVED_BY_EMPLOYEE);
  const v1::SanctionEffect& e = s.sanction();
  EXPECT_EQ(e.sanction_type(), "S2T");
  EXPECT_EQ(e.decision_date(), "2024-07-22");
  EXPECT_EQ(e.receipt_date(), "2024-07-29");
  EXPECT_EQ(e.effective_from(), effective);
  EXPECT_EQ(e.last_day(), "2025-08-18");  // effective + 12 months - 1 day
  EXPECT_FALSE(e.permanent());
  ASSERT_EQ(e.blocks_size(), 2);
  EXPECT_EQ(e.blocks(0).what(), "KGB");
  EXPECT_EQ(e.blocks(1).what(), "KP");
  for (const auto& b : e.blocks()) {
    EXPECT_EQ(b.until(), "2025-08-18");
    EXPECT_EQ(b.rule_id(), "perbkn6.effect.no_kgb_kp");
    EXPECT_FALSE(b.citations().empty());
  }
  const v1::SiasnHukdisRecord& rec = e.siasn();
  EXPECT_EQ(rec.jenis_hukuman_id(),
            Book()->FindRule("pp94.transition.sedang_type.s2t")->rule->sanction_type().siasn_jenis_hukuman_id());
  EXPECT_EQ(rec.jenis_hukuman_id(), 7);
  EXPECT_EQ(rec.masa_tahun(), 1);
  EXPECT_EQ(rec.masa_bulan(), 0);
  EXPECT_EQ(rec.sk_nomor(), "800/123/BKPSDM/2024");
  EXPECT_EQ(rec.sk_tanggal(), "2024-07-22");
  EXPECT_EQ(rec.hukuman_tanggal(), effective);
  EXPECT_EQ(rec.akhir_hukuman_tanggal(), "2025-08-18");
  EXPECT_EQ(rec.nomor_pp(), "94 Tahun 2021");
  EXPECT_EQ(rec.keterangan(), "penundaan kenaikan pangkat selama 1 tahun");
  // The state cites the effect rules it applied.
  std::set<std::string> basis;
  for (const auto& b : s.basis()) basis.insert(b.rule_id());
  EXPECT_TRUE(basis.count("perbkn6.effect.no_kgb_kp"));
  EXPECT_TRUE(basis.count("pp94.deadline.effective"));
  // Before the 15th working day it is not yet final; from it on, it is.
  EXPECT_EQ(r.State("2024-08-16").status(), v1::RECEIVED_BY_EMPLOYEE);
  EXPECT_EQ(r.State("2024-08-19").status(), v1::FINAL);
  // With calendar days (the words of Pasal 38(1)): 15 days after receipt.
  const CaseMachine calendar_days = MakeMachine({{"effective_day_count", "CALENDAR_DAYS"}});
  Scenario c = SedangReceived("OFFICIAL_ADMINISTRATOR", calendar_days);
  EXPECT_EQ(c.State("2024-07-29").sanction().effective_from(), "2024-08-13");
  // FROM_EVENT_DAY: the receipt day (a working Monday) is day 1.
  const CaseMachine event_day = MakeMachine({{"period_counting", "FROM_EVENT_DAY"}});
  Scenario f = SedangReceived("OFFICIAL_ADMINISTRATOR", event_day);
  EXPECT_EQ(f.State("2024-07-29").sanction().effective_from(), "2024-08-16");
}

TEST(CaseMachine, AnS2TSentAndReceivedAtTheAddressCountsFromTheReceipt) {
  Scenario r = SedangDecided();
  r.Ok(R"(type: DELIVERY_FAILED date: "2024-07-29" actor { role: ROLE_HR_OFFICIAL })");
  CaseState s = r.State("2024-07-29");
  EXPECT_EQ(s.status(), v1::AWAITING_RECEIPT);
  EXPECT_EQ(DueOf(s, "send_if_absent"), "2024-08-01");
  EXPECT_EQ(Find(s, "delivery").status(), Deadline::MET);
  EXPECT_EQ(s.sanction().effective_from(), "");
  r.Ok(R"(type: SENT date: "2024-07-31" actor { role: ROLE_HR_OFFICIAL })")
      .Ok(R"(type: RECEIVED date: "2024-08-05" actor { role: ROLE_EMPLOYEE })");
  s = r.State("2024-08-05");
  EXPECT_EQ(Find(s, "send_if_absent").status(), Deadline::MET);
  EXPECT_EQ(s.sanction().receipt_date(), "2024-08-05");
  EXPECT_EQ(s.sanction().effective_from(), FormatDate(*Machine().calendar().AddWorkingDays(D("2024-08-05"), 15)));
}

Scenario S1Received(const CaseMachine& m) { return SedangReceived("OFFICIAL_ADMINISTRATOR", m, 12, "S1"); }

TEST(CaseMachine, OnceOperativeAnS1CutsAQuarterOfTheTukinForSixMonths) {
  const CaseMachine m = MakeMachine({{"tukin_sedang_operative_from", "2024-01-01"}});
  Scenario r = S1Received(m);
  CaseState s = r.State("2024-08-19", 8000000);
  EXPECT_EQ(s.sanction().sanction_type(), "S1");
  EXPECT_EQ(s.sanction().effective_from(), "2024-08-19");
  EXPECT_EQ(s.sanction().last_day(), "2025-02-18");
  EXPECT_EQ(s.sanction().siasn().masa_bulan(), 6);
  EXPECT_EQ(s.sanction().siasn().masa_tahun(), 0);
  // FIRST_FULL_MONTH (default): September 2024 to February 2025.
  ASSERT_EQ(s.sanction().tukin_deductions_size(), 6);
  const char* months[] = {"2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02"};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(s.sanction().tukin_deductions(i).month(), months[i]);
    EXPECT_EQ(s.sanction().tukin_deductions(i).tukin(), 8000000);
    EXPECT_EQ(s.sanction().tukin_deductions(i).deduction(), 2000000);
  }
  // No tukin given: no schedule.
  EXPECT_EQ(r.State("2024-08-19").sanction().tukin_deductions_size(), 0);
  // MONTH_OF_EFFECT: August 2024 to January 2025.
  const CaseMachine moe =
      MakeMachine({{"tukin_sedang_operative_from", "2024-01-01"}, {"tukin_cut_months_from", "MONTH_OF_EFFECT"}});
  s = S1Received(moe).State("2024-08-19", 8000000);
  ASSERT_EQ(s.sanction().tukin_deductions_size(), 6);
  EXPECT_EQ(s.sanction().tukin_deductions(0).month(), "2024-08");
  EXPECT_EQ(s.sanction().tukin_deductions(5).month(), "2025-01");
  // Not operative (the default): the S2T substitute has no tukin schedule,
  // and S1 is not allowed.
  EXPECT_EQ(SedangReceived().State("2024-08-19", 8000000).sanction().tukin_deductions_size(), 0);
  Scenario off = Build("SUMMONED");
  off.Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )", Absence(12, "2024-06-28")));
  absl::Status st = Refused(off, R"(type: DECISION date: "2024-07-22" sanction_type: "S1"
                                    actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "S1T")) << st;
}

TEST(CaseMachine, ALightenedRemedyTakesEffectOnTheRemedyDecisionDate) {
  Scenario r = Build("OBJECTION_PENDING");  // S2T by the Administrator, keberatan filed 1 Aug 2024
  CaseState s = r.State("2024-08-01");
  EXPECT_EQ(DueOf(s, "official_response"), FormatDate(*Machine().calendar().AddWorkingDays(D("2024-08-01"), 6)));
  ASSERT_TRUE(HasNextStep(s, v1::OFFICIAL_RESPONSE));
  r.Ok(R"(type: OFFICIAL_RESPONSE date: "2024-08-06" actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })")
      .Ok(R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: LIGHTENED sanction_type: "R3"
             actor { role: ROLE_OFFICIALS_SUPERIOR })");
  s = r.State("2024-08-20");
  EXPECT_EQ(s.status(), v1::FINAL);
  EXPECT_EQ(s.sanction().sanction_type(), "R3");
  EXPECT_EQ(s.sanction().effective_from(), "2024-08-20");
  EXPECT_EQ(s.sanction().decision_date(), "2024-08-20");
  EXPECT_EQ(s.sanction().last_day(), "");
  EXPECT_EQ(s.sanction().blocks_size(), 0);
  EXPECT_EQ(Find(s, "objection_decision").status(), Deadline::MET);
  EXPECT_EQ(Find(s, "official_response").status(), Deadline::MET);
  std::set<std::string> basis;
  for (const auto& b : s.basis()) basis.insert(b.rule_id());
  EXPECT_TRUE(basis.count("pp94.effect.as_remedied"));
  // Made heavier on banding: a BPASN decision applies from its date too.
  Scenario a = Build("APPEAL_PENDING");
  a.Ok(R"(type: PPK_RESPONSE date: "2024-07-01" actor { role: ROLE_PPK })")
      .Ok(R"(type: APPEAL_DECIDED date: "2024-08-01" outcome: LIGHTENED sanction_type: "B2" actor { role: ROLE_BPASN })");
  s = a.State("2024-08-01");
  EXPECT_EQ(s.sanction().sanction_type(), "B2");
  EXPECT_EQ(s.sanction().effective_from(), "2024-08-01");
  EXPECT_EQ(s.sanction().last_day(), "2025-07-31");
}

TEST(CaseMachine, ARevokedOrAnnulledSanctionClosesTheCase) {
  for (const char* outcome : {"REVOKED", "ANNULLED"}) {
    Scenario r = Build("OBJECTION_PENDING");
    r.Ok(absl::StrCat(R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: )", outcome,
                      R"( actor { role: ROLE_OFFICIALS_SUPERIOR })"));
    const CaseState s = r.State("2024-12-01");
    EXPECT_EQ(s.status(), v1::CLOSED_ANNULLED) << outcome;
    EXPECT_FALSE(s.has_sanction()) << outcome;
    EXPECT_TRUE(s.next_steps().empty());
  }
  // An inadmissible (late) keberatan: the decision stands as received.
  Scenario late = Build("RECEIVED_BY_EMPLOYEE");
  late.Ok(R"(type: OBJECTION_FILED date: "2024-08-19" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(late.p.late_remedy);
  late.Ok(R"(type: OBJECTION_DECIDED date: "2024-08-26" outcome: INADMISSIBLE actor { role: ROLE_OFFICIALS_SUPERIOR })");
  EXPECT_EQ(late.State("2024-08-26").sanction().effective_from(), "2024-08-19");
}

// PP 94/2021 Pasal 38(2) suspends the effect for a remedy filed; a keberatan
// filed after its 14 working days is inadmissible (PP 79/2021 Pasal 4(3)) and
// suspends nothing: the sanction that took effect on 19 Aug 2024 stays in
// effect; the case waits for the superior to declare the keberatan
// inadmissible.
TEST(CaseMachine, ALateKeberatanLeavesASanctionInEffectAndAwaitsItsInadmissibility) {
  Scenario r = Build("RECEIVED_BY_EMPLOYEE");
  ASSERT_EQ(r.State("2024-08-20").status(), v1::FINAL);
  ASSERT_EQ(r.State("2024-08-20").sanction().effective_from(), "2024-08-19");
  r.Ok(R"(type: OBJECTION_FILED date: "2024-08-20" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(r.p.late_remedy);
  CaseState s = r.State("2024-08-20");
  EXPECT_EQ(s.status(), v1::OBJECTION_PENDING);
  EXPECT_EQ(s.sanction().effective_from(), "2024-08-19");
  EXPECT_EQ(s.sanction().last_day(), "2025-08-18");
  EXPECT_EQ(s.sanction().blocks_size(), 2);
  EXPECT_EQ(Find(s, "effective").status(), Deadline::MET);
  EXPECT_EQ(Find(s, "objection_filing").status(), Deadline::MET_LATE);
  EXPECT_TRUE(Mentions(s, "inadmissible")) << s.DebugString();
  ASSERT_TRUE(HasNextStep(s, v1::OBJECTION_DECIDED));
  // Declared inadmissible: final, the effect as it was.
  r.Ok(R"(type: OBJECTION_DECIDED date: "2024-08-26" outcome: INADMISSIBLE actor { role: ROLE_OFFICIALS_SUPERIOR })");
  s = r.State("2024-08-26");
  EXPECT_EQ(s.status(), v1::FINAL);
  EXPECT_EQ(s.sanction().effective_from(), "2024-08-19");
  // A timely keberatan still suspends the effect (Pasal 38(2)).
  Scenario timely = Build("OBJECTION_PENDING");
  EXPECT_FALSE(timely.p.late_remedy);
  EXPECT_EQ(timely.State("2024-08-20").sanction().effective_from(), "");
  EXPECT_TRUE(Find(timely.State("2024-08-20"), "effective").name().empty());
}

// =====================================================================
// Every deadline rule of the embedded law is used by the machine.

// The disciplinary path through a keberatan: 8 events.
v1::CaseLog FileScenario() {
  Scenario r = Build("OBJECTION_PENDING");
  r.Ok(R"(type: OFFICIAL_RESPONSE date: "2024-08-06" actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })");
  return r.log;
}

std::set<std::string> DeadlineRulesAlong(const v1::CaseLog& log, const CaseMachine& m = Machine()) {
  std::set<std::string> ids;
  CaseProgress p;
  EXPECT_TRUE(m.Start(log, &p).ok());
  for (const v1::CaseEvent& e : log.events()) {
    absl::Status st = m.Apply(e, &p);
    EXPECT_TRUE(st.ok()) << st;
    const CaseState state = m.Describe(p, p.last_date);
    for (const Deadline& d : state.deadlines()) ids.insert(d.rule_id());
  }
  return ids;
}

// A case of June 2021, under PP 53/2010: a general functional official of
// II/b in a regency, summoned with 3 working days' notice, absent, summoned
// again, examined for 8 days of absence and given a written reprimand by the
// eselon IV official (Pasal 20(5) huruf a angka 1).
constexpr char kPp53Pelaksana[] = R"(
  case_id: "disc-2021" kind: DISCIPLINARY
  employee { kind: PNS golongan: GOLONGAN_II_B position { type: PELAKSANA } agency { level: REGENCY_CITY } })";

Scenario Pp53Decided() {
  Scenario r(kPp53Pelaksana);
  r.Ok(R"(type: KNOWLEDGE date: "2021-06-01" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2021-06-02" scheduled_date: "2021-06-07" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: NO_SHOW date: "2021-06-07" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_2 date: "2021-06-09" scheduled_date: "2021-06-21" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: EXAMINATION date: "2021-06-21" actor { role: ROLE_DIRECT_SUPERIOR }
             findings { acts { norm: "pp53.duty.attendance" act_date: "2021-05-31"
                               absence { cumulative_working_days: 8 } } })")
      .Ok(R"(type: DECISION date: "2021-06-28" sanction_type: "PP53_R2" document_number: "800/7/2021"
             actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS })");
  return r;
}

TEST(CaseMachine, ACaseOf2021BeforePp94RunsOnPp53sPeriods) {
  Scenario r = Pp53Decided();
  const CaseState s = r.State("2021-06-29");
  // Pasal 23(2): at least 7 working days' notice, with no reading to choose.
  const Deadline notice = Find(s, "summons_1_notice");
  EXPECT_EQ(notice.rule_id(), "pp53.deadline.summons_1_notice");
  EXPECT_EQ(notice.days(), 7);
  EXPECT_EQ(notice.status(), Deadline::NOTICE_TOO_SHORT);
  EXPECT_TRUE(Mentions(s, "3 working days between letter and examination, which breaks the least notice of 7 "
                          "(PP 53/2010 Pasal 23 ayat (2))"));
  const Deadline second = Find(s, "summons_2");
  EXPECT_EQ(second.rule_id(), "pp53.deadline.summons_2");
  EXPECT_EQ(second.days(), 7);
  EXPECT_EQ(second.status(), Deadline::MET);
  const Deadline delivery = Find(s, "delivery");
  EXPECT_EQ(delivery.rule_id(), "pp53.deadline.delivery");
  EXPECT_EQ(delivery.days(), 14);
  EXPECT_TRUE(delivery.working_days());
  EXPECT_EQ(delivery.counted_from(), "2021-06-28");
  // A ringan sanction takes effect on its own date and cannot be contested
  // (PP 53/2010 Pasal 33 huruf e, 43 huruf e), not as PP 94/2021 Pasal 38,
  // which did not yet exist, would have it.
  ASSERT_TRUE(s.has_sanction());
  std::string effect = absl::StrJoin(s.sanction().explanation(), " | ");
  EXPECT_TRUE(absl::StrContains(effect, "takes effect on the decision date (pp53.effect.on_decision.ringan (PP 53/2010 "
                                        "Pasal 43 huruf e))"))
      << effect;
  EXPECT_EQ(s.sanction().effective_from(), "2021-06-28");
  EXPECT_FALSE(absl::StrContains(effect, "PP 94")) << effect;
  // Delivered on 30 August: no period of 15 days, and nothing to file.
  r.Ok(R"(type: DELIVERY date: "2021-08-30" actor { role: ROLE_HR_OFFICIAL })");
  const CaseState received = r.State("2021-08-30");
  EXPECT_EQ(Find(received, "effective").name(), "");
  EXPECT_EQ(Find(received, "objection_filing").name(), "");
  EXPECT_FALSE(HasNextStep(received, v1::OBJECTION_FILED));
  const absl::Status st = Refused(r, R"(type: OBJECTION_FILED date: "2021-09-01" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition,
                   "no upaya administratif lies against this decision (pp53.remedy.none.ringan"))
      << st;
}

// A PP 53 decision the text lets be contested: S1 by an eselon III official
// on a regency's general functional official of II/b (Pasal 20(4) huruf a
// angka 2), opposed by keberatan (Pasal 34(1)).
// A PP 53 case up to the delivery of its decision: summoned on the day
// known, examined on `examined` on an absence of `days` working days by
// `act`, decided on `decided` (type `type`, signed by `official`) and
// delivered on `delivered`.
struct Pp53Dates {
  const char *known, *examined, *act, *decided, *delivered;
};
Scenario Pp53Examined(const Pp53Dates& on, int days, const char* header = kPp53Pelaksana) {
  Scenario r(header);
  r.Ok(absl::Substitute(R"(type: KNOWLEDGE date: "$0" actor { role: ROLE_DIRECT_SUPERIOR })", on.known))
      .Ok(absl::Substitute(R"(type: SUMMONS_1 date: "$0" scheduled_date: "$1" actor { role: ROLE_DIRECT_SUPERIOR })",
                           on.known, on.examined))
      .Ok(absl::Substitute(R"(type: EXAMINATION date: "$0" actor { role: ROLE_DIRECT_SUPERIOR }
             findings { acts { norm: "pp53.duty.attendance" act_date: "$1" absence { cumulative_working_days: $2 } } })",
                           on.examined, on.act, days));
  return r;
}
Scenario Pp53Delivered(const Pp53Dates& on, int days, const char* type, const char* official) {
  Scenario r = Pp53Examined(on, days);
  r.Ok(absl::Substitute(R"(type: DECISION date: "$0" sanction_type: "$1"
             actor { role: ROLE_SANCTIONING_OFFICIAL official: $2 })", on.decided, type, official))
      .Ok(absl::Substitute(R"(type: DELIVERY date: "$0" actor { role: ROLE_HR_OFFICIAL })", on.delivered));
  return r;
}
constexpr Pp53Dates kFebruary2021 = {"2021-02-01", "2021-02-15", "2021-01-29", "2021-02-22", "2021-02-24"};

// S1 by an eselon III official on a regency's general functional official of
// II/b (Pasal 20(4) huruf a angka 2), opposed by keberatan (Pasal 34(1)).
Scenario Pp53S1Received() { return Pp53Delivered(kFebruary2021, 18, "PP53_S1", "OFFICIAL_ADMINISTRATOR"); }

TEST(CaseMachine, APp53SedangSanctionTakesEffectOnTheFifteenthCalendarDayAfterReceipt) {
  Scenario r = Pp53S1Received();
  const CaseState s = r.State("2021-02-25");
  const Deadline effective = Find(s, "effective");
  EXPECT_EQ(effective.rule_id(), "pp53.deadline.effective");
  EXPECT_FALSE(effective.working_days());  // pp53_effective_day_count CALENDAR_DAYS
  EXPECT_EQ(effective.days(), 15);
  const Deadline filing = Find(s, "objection_filing");
  EXPECT_EQ(filing.rule_id(), "pp53.deadline.objection_filing");
  EXPECT_FALSE(filing.working_days());  // pp53_objection_day_count CALENDAR_DAYS
  // The 14th day is the last to object; the sanction is in force on the 15th.
  EXPECT_EQ(FormatDate(D(filing.due().c_str()) + 1), effective.due());
  EXPECT_TRUE(HasNextStep(s, v1::OBJECTION_FILED));
  EXPECT_FALSE(HasNextStep(s, v1::APPEAL_FILED));
  const CaseState later = r.State("2021-04-30");
  EXPECT_EQ(later.status(), v1::FINAL);
  EXPECT_EQ(later.sanction().effective_from(), effective.due());
  // Counted in working days under the other reading.
  const CaseMachine working = MakeMachine({{"pp53_effective_day_count", "WORKING_DAYS"}});
  Scenario w(kPp53Pelaksana, working);
  for (const v1::CaseEvent& e : r.log.events()) w.Ok(e.ShortDebugString());
  EXPECT_TRUE(Find(w.State("2021-02-25"), "effective").working_days());
}

TEST(CaseMachine, APp53KeberatanLeftUndecidedFor21WorkingDaysVoidsTheSanction) {
  Scenario r = Pp53S1Received();
  r.Ok(R"(type: OBJECTION_FILED date: "2021-03-01" actor { role: ROLE_EMPLOYEE })");
  CaseState s = r.State("2021-03-02");
  EXPECT_EQ(s.status(), v1::OBJECTION_PENDING);
  const Deadline decision = Find(s, "objection_decision");
  EXPECT_EQ(decision.rule_id(), "pp53.deadline.objection_decision");
  EXPECT_EQ(decision.due(), FormatDate(*Machine().calendar().AddWorkingDays(D("2021-03-01"), 21)));
  EXPECT_EQ(Find(s, "official_response").rule_id(), "pp53.deadline.official_response");
  // The day after the last day: void by law, whatever is decided later.
  const absl::CivilDay after = D(decision.due().c_str()) + 1;
  s = r.State(FormatDate(after).c_str());
  EXPECT_EQ(s.status(), v1::CLOSED_ANNULLED);
  EXPECT_TRUE(Mentions(s, "the sanction decision is void by law (pp53.deadline.objection_decision)"));
  EXPECT_FALSE(s.has_sanction());
  r.Ok(absl::StrCat(R"(type: OBJECTION_DECIDED date: ")", FormatDate(after + 3),
                    R"(" outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR })"));
  s = r.State(FormatDate(after + 3).c_str());
  EXPECT_EQ(s.status(), v1::CLOSED_ANNULLED);
  EXPECT_TRUE(Mentions(s, "the sanction decision was already void by law (pp53.deadline.objection_decision)"));
}

TEST(CaseMachine, APp53KeberatanDecidedInTimeStandsAsDecided) {
  Scenario r = Pp53S1Received();
  r.Ok(R"(type: OBJECTION_FILED date: "2021-03-01" actor { role: ROLE_EMPLOYEE })")
      .Ok(R"(type: OBJECTION_DECIDED date: "2021-03-15" outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  const CaseState s = r.State("2021-06-01");
  EXPECT_EQ(s.status(), v1::FINAL);
  EXPECT_EQ(s.sanction().effective_from(), "2021-03-15");  // Pasal 44(2)
}

// A central PNS diperbantukan to another central agency, general functional
// of III/a: the host's PPK may impose S3 (PP 53/2010 Pasal 16(1) huruf c
// angka 7), the home agency's may not (huruf e: B4 and B5 only).
constexpr char kPp53Diperbantukan[] = R"(
  case_id: "disc-dpb" kind: DISCIPLINARY
  employee { kind: PNS golongan: GOLONGAN_III_A position { type: PELAKSANA } agency { level: CENTRAL }
             secondment: DIPERBANTUKAN secondment_place: AGENCY_SAME_PROVINCE home_agency { level: CENTRAL } })";

TEST(CaseMachine, APp53DecisionOnASecondedPnsIsCheckedAgainstTheSideThatSigned) {
  const auto decision = [](const char* side) {
    return absl::Substitute(R"(type: DECISION date: "2021-02-22" sanction_type: "PP53_S3"
                                  actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK $0 })", side);
  };
  Scenario host = Pp53Examined(kFebruary2021, 28, kPp53Diperbantukan);
  host.Ok(decision("side: HOST"));
  EXPECT_FALSE(Mentions(host.State("2021-02-23"), "not checked"));
  Scenario home = Pp53Examined(kFebruary2021, 28, kPp53Diperbantukan);
  const absl::Status st = Refused(home, decision("side: HOME"));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "competent: the host agency's PPK")) << st;
  Scenario unsaid = Pp53Examined(kFebruary2021, 28, kPp53Diperbantukan);
  unsaid.Ok(decision(""));
  EXPECT_TRUE(Mentions(unsaid.State("2021-02-23"), "the signer's authority was not checked (give actor.side)"));
}

// From 10 August 2021 PP 79/2021 governs the remedies, while PP 53/2010
// still says when a sanction takes effect until 31 August: a PPK's S3 of 20
// August 2021 takes effect on its date (Pasal 43 huruf b) and is open to a
// keberatan (PP 79/2021 Pasal 3).
TEST(CaseMachine, APp53SedangSanctionByThePpkInLateAugust2021TakesEffectOnItsDateButIsOpenToAKeberatan) {
  Scenario r = Pp53Delivered({"2021-08-02", "2021-08-12", "2021-07-30", "2021-08-20", "2021-08-23"}, 28, "PP53_S3", "PPK");
  const CaseState s = r.State("2021-08-24");
  EXPECT_EQ(s.sanction().effective_from(), "2021-08-20");
  EXPECT_TRUE(absl::StrContains(absl::StrJoin(s.sanction().explanation(), " | "), "pp53.effect.on_decision.ppk"));
  EXPECT_EQ(Find(s, "objection_filing").rule_id(), "pp79.deadline.objection_filing");
  EXPECT_TRUE(HasNextStep(s, v1::OBJECTION_FILED));
}

TEST(CaseMachine, APp53SedangSanctionByThePpkCannotBeContestedAndTakesEffectOnItsDate) {
  Scenario r = Pp53Delivered(kFebruary2021, 28, "PP53_S3", "PPK");
  const CaseState s = r.State("2021-02-25");
  EXPECT_EQ(Find(s, "effective").name(), "");
  EXPECT_EQ(s.sanction().effective_from(), "2021-02-22");  // Pasal 43 huruf b
  EXPECT_FALSE(HasNextStep(s, v1::OBJECTION_FILED));
  const absl::Status st = Refused(r, R"(type: OBJECTION_FILED date: "2021-03-01" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "pp53.remedy.none.ppk")) << st;
}

// The same question under PP 94/2021: a 2024 decision not yet received takes
// effect only after receipt (Pasal 38(1)), cited by its rule.
TEST(CaseMachine, A2024DecisionNotYetReceivedCitesPp94sEffectRule) {
  const CaseState s = SedangDecided().State("2024-07-23");
  ASSERT_TRUE(s.has_sanction());
  const std::string effect = absl::StrJoin(s.sanction().explanation(), " | ");
  EXPECT_TRUE(absl::StrContains(effect, "not yet received: A sanction decision takes effect only after the PNS "
                                        "receives it"))
      << effect;
  EXPECT_TRUE(absl::StrContains(effect, "pp94.effect.after_receipt (PP 94/2021 Pasal 38 ayat (1))")) << effect;
  EXPECT_FALSE(absl::StrContains(effect, "PP 53")) << effect;
}

TEST(CaseMachine, APeriodStartingOn31August2021RunsOnPp94sRule) {
  Scenario r(kPp53Pelaksana);
  r.Ok(R"(type: KNOWLEDGE date: "2021-08-20" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2021-08-20" scheduled_date: "2021-08-31" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: NO_SHOW date: "2021-08-31" actor { role: ROLE_DIRECT_SUPERIOR })");
  const CaseState s = r.State("2021-09-01");
  EXPECT_EQ(Find(s, "summons_1_notice").rule_id(), "pp53.deadline.summons_1_notice");
  EXPECT_EQ(Find(s, "summons_2").rule_id(), "pp94.deadline.summons_2");
}

std::set<std::string> DeadlineRulesOfAllScenarios() {
  std::set<std::string> used;
  std::vector<v1::CaseLog> logs;
  logs.push_back(T28Absent().log);                     // summons_2
  logs.push_back(FileScenario());                      // delivery, effective, objection_*, official_response
  {
    Scenario r = Build("AWAITING_RECEIPT");            // send_if_absent
    r.Ok(R"(type: SENT date: "2024-07-31" actor { role: ROLE_HR_OFFICIAL })");
    logs.push_back(r.log);
  }
  {
    Scenario r = Build("APPEAL_PENDING");              // appeal_*
    r.Ok(R"(type: PPK_RESPONSE date: "2024-07-01" actor { role: ROLE_PPK })");
    logs.push_back(r.log);
  }
  logs.push_back(NeutralityRecommended().log);         // neutrality_follow_up
  {
    Scenario r(kPelaksana);                            // summons_1_notice
    r.Ok(R"(type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })");
    logs.push_back(r.log);
  }
  logs.push_back(Pp53Decided().log);                   // PP 53's summons_1_notice, summons_2, delivery
  {
    Scenario r = Pp53S1Received();                     // PP 53's effective, objection_*, official_response
    r.Ok(R"(type: OBJECTION_FILED date: "2021-03-01" actor { role: ROLE_EMPLOYEE })");
    logs.push_back(r.log);
  }
  for (const v1::CaseLog& log : logs) {
    for (const std::string& id : DeadlineRulesAlong(log)) used.insert(id);
  }
  return used;
}

std::vector<std::string> DeadlineRulesOfTheLaw() {
  std::vector<std::string> ids;
  for (const RuleEntry& e : Book()->rules()) {
    if (e.rule->has_deadline()) ids.push_back(e.rule->id());
  }
  return ids;
}

TEST(CaseMachine, EveryDeadlineRuleOfTheLawIsUsed) {
  const std::set<std::string> used = DeadlineRulesOfAllScenarios();
  const std::vector<std::string> rules = DeadlineRulesOfTheLaw();
  EXPECT_EQ(rules.size(), 19u);
  EXPECT_TRUE(used.count("pp94.deadline.summons_1_notice"));
  for (const std::string& id : rules) {
    EXPECT_TRUE(used.count(id)) << id << " is never used by a case";
  }
  EXPECT_EQ(used.size(), rules.size());
  for (const std::string& id : used) {
    EXPECT_NE(std::find(rules.begin(), rules.end(), id), rules.end()) << id;
  }
}

}  // namespace
}  // namespace netra
