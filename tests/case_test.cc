// The case lifecycle's contracts: the machine accepts what the procedure
// allows and refuses the rest without changing anything; the periods fall on
// the dates of the worked cases of docs/law/pp79_2021_procedure.md
// (T27-T33); a sanction's effects and SIASN record; the neutrality flow of
// docs/law/neutrality_skb2022.md; and the case log file survives a torn
// write at every byte, while damage before the end is DataLoss.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/text_format.h"
#include "netra/case.h"
#include "netra/store.h"
#include "netra/date.h"

namespace netra {
namespace {

using v1::CaseState;
using v1::Deadline;

std::shared_ptr<const RuleBook> Book() {
  static auto* book = new std::shared_ptr<const RuleBook>(*RuleBook::Load());
  return *book;
}

CaseMachine MakeMachine(const std::map<std::string, std::string>& settings = {}) {
  auto m = CaseMachine::Create(Book(), {}, settings);
  EXPECT_TRUE(m.ok()) << m.status();
  return *std::move(m);
}

const CaseMachine& Machine() {
  static const auto* m = new CaseMachine(MakeMachine());
  return *m;
}

absl::CivilDay D(const char* text) { return *ParseDate(text, "test"); }

template <typename M>
M Parse(const std::string& text) {
  M m;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &m)) << text;
  return m;
}

// A PNS pelaksana in a regency: RINGAN by the Pengawas, SEDANG by the
// Administrator or the PPK, BERAT by the PPK.
constexpr char kPelaksana[] = R"(
  case_id: "disc-1" kind: DISCIPLINARY
  employee { kind: PNS position { type: PELAKSANA } agency { level: REGENCY_CITY } })";

// A PNS teacher in a regency (neutrality cases).
constexpr char kTeacher[] = R"(
  case_id: "neut-1" kind: NEUTRALITY
  employee { kind: PNS position { type: FUNGSIONAL_KEAHLIAN jf_level: AHLI_PERTAMA }
             agency { level: REGENCY_CITY } })";

std::string Absence(int days, const char* act_date) {
  return absl::StrCat(R"(findings { acts { norm: "pp94.duty.attendance" act_date: ")", act_date,
                      R"(" absence { cumulative_working_days: )", days,
                      " consecutive_working_days: ", std::min(days, 3), " } } }");
}

std::string Like(const char* act_date) {
  return absl::StrCat(R"(findings { acts { norm: "neutrality.social_media_interaction" act_date: ")", act_date,
                      R"(" neutrality { target { election: "pilkada2024" office: REGENT } } } })");
}

// One case driven event by event; the accepted events are kept as its log.
class Scenario {
 public:
  explicit Scenario(const std::string& header, const CaseMachine& m = Machine()) : m_(&m) {
    log = Parse<v1::CaseLog>(header);
    absl::Status st = m.Start(log, &p);
    EXPECT_TRUE(st.ok()) << st;
  }
  absl::Status Try(const std::string& event) {
    v1::CaseEvent e = Parse<v1::CaseEvent>(event);
    absl::Status st = m_->Apply(e, &p);
    if (st.ok()) *log.add_events() = e;
    return st;
  }
  // Applies events that must be accepted.
  Scenario& Ok(const std::string& event) {
    absl::Status st = Try(event);
    EXPECT_TRUE(st.ok()) << st << "\nevent: " << event;
    return *this;
  }
  CaseState State(const char* as_of, int64_t tukin = 0) const { return m_->Describe(p, D(as_of), tukin); }
  std::string Snapshot(const char* as_of = "2030-01-01") const {
    return m_->Describe(p, D(as_of)).SerializeAsString();
  }

  const CaseMachine* m_;
  v1::CaseLog log;
  CaseProgress p;
};

// The latest deadline of that name (a copy: states are often temporaries);
// an empty Deadline when there is none.
Deadline Find(const CaseState& s, const std::string& name) {
  Deadline found;
  for (const Deadline& d : s.deadlines()) {
    if (d.name() == name) found = d;
  }
  return found;
}

std::string DueOf(const CaseState& s, const std::string& name) {
  const Deadline d = Find(s, name);
  return d.name().empty() ? "(no deadline " + name + ")" : d.due();
}

bool HasNextStep(const CaseState& s, v1::EventType t) {
  for (const auto& n : s.next_steps()) {
    if (n.event() == t) return true;
  }
  return false;
}

bool Mentions(const CaseState& s, absl::string_view text) {
  for (const std::string& x : s.explanation()) {
    if (absl::StrContains(x, text)) return true;
  }
  return false;
}

// --- Scenario builders, shared by several tests ---------------------------

// 2024: absent 15 working days, examined by the direct superior (a Pengawas,
// not competent for SEDANG), reported up, S2T by `official`.
Scenario SedangDecided(const char* official = "OFFICIAL_ADMINISTRATOR", const CaseMachine& m = Machine(),
                  int days = 15, const char* type = "S2T") {
  Scenario r(kPelaksana, m);
  r.Ok(R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )",
                       Absence(days, "2024-06-28")))
      .Ok(R"(type: REPORTED_UP date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(absl::StrCat(R"(type: DECISION date: "2024-07-22" sanction_type: ")", type,
                       R"(" document_number: "800/123/BKPSDM/2024" actor { role: ROLE_SANCTIONING_OFFICIAL official: )",
                       official, " }"));
  return r;
}

// The same, handed to the PNS on 29 Jul 2024.
Scenario SedangReceived(const char* official = "OFFICIAL_ADMINISTRATOR", const CaseMachine& m = Machine(), int days = 15,
                   const char* type = "S2T") {
  Scenario r = SedangDecided(official, m, days, type);
  r.Ok(R"(type: DELIVERY date: "2024-07-29" actor { role: ROLE_HR_OFFICIAL })");
  return r;
}

// 2024: absent 29 days (B3), examined by a team, B3 by the PPK, received 3 Jun 2024.
Scenario DismissalReceived() {
  Scenario r(kPelaksana);
  r.Ok(R"(type: KNOWLEDGE date: "2024-05-02" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: SUMMONS_1 date: "2024-05-03" scheduled_date: "2024-05-16" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(R"(type: TEAM_FORMED date: "2024-05-06" actor { role: ROLE_PPK })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-05-16" actor { role: ROLE_EXAMINATION_TEAM } )",
                       Absence(29, "2024-04-30")))
      .Ok(R"(type: DECISION date: "2024-05-27" sanction_type: "B3" document_number: "800/9/2024"
             actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })")
      .Ok(R"(type: DELIVERY date: "2024-06-03" actor { role: ROLE_HR_OFFICIAL })");
  return r;
}

// Neutrality: like on 12 Nov 2024, reported and forwarded by Bawaslu,
// BKN's recommendation on 10 Dec 2024.
Scenario NeutralityRecommended(const CaseMachine& m = Machine()) {
  Scenario r(kTeacher, m);
  r.Ok(R"(type: REPORT date: "2024-11-14" actor { role: ROLE_BAWASLU })")
      .Ok(R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })")
      .Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN } )",
                       Like("2024-11-12")));
  return r;
}

// ===================================================================== 1
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

// ===================================================================== 2
// Transitions allowed and refused.

// A case in the named state ("N_" = a neutrality case); its last event is
// dated at the latest 27 Dec 2024.
Scenario Build(const std::string& state) {
  auto ok = [](Scenario r, const char* event) {
    r.Ok(event);
    return r;
  };
  if (state == "UNSPECIFIED") return Scenario(kPelaksana);
  if (state == "OPENED") return ok(Build("UNSPECIFIED"), R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "SUMMONED") {
    return ok(Build("OPENED"), R"(type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })");
  }
  if (state == "ABSENT_ONCE") return ok(Build("SUMMONED"), R"(type: NO_SHOW date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "SUMMONED_AGAIN") {
    return ok(Build("ABSENT_ONCE"), R"(type: SUMMONS_2 date: "2024-07-15" scheduled_date: "2024-07-25" actor { role: ROLE_DIRECT_SUPERIOR })");
  }
  if (state == "ABSENT_TWICE") return ok(Build("SUMMONED_AGAIN"), R"(type: NO_SHOW date: "2024-07-25" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "EXAMINED") {
    Scenario r = Build("SUMMONED");
    r.Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )", Absence(15, "2024-06-28")));
    return r;
  }
  if (state == "REPORTED") return ok(Build("EXAMINED"), R"(type: REPORTED_UP date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR })");
  if (state == "DECIDED") return SedangDecided();
  if (state == "AWAITING_RECEIPT") return ok(Build("DECIDED"), R"(type: DELIVERY_FAILED date: "2024-07-29" actor { role: ROLE_HR_OFFICIAL })");
  if (state == "RECEIVED_BY_EMPLOYEE") return SedangReceived();
  if (state == "OBJECTION_PENDING") {
    return ok(Build("RECEIVED_BY_EMPLOYEE"), R"(type: OBJECTION_FILED date: "2024-08-01" actor { role: ROLE_EMPLOYEE })");
  }
  if (state == "FINAL") {
    return ok(Build("OBJECTION_PENDING"),
              R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  }
  if (state == "COURT_PENDING") return ok(Build("FINAL"), R"(type: COURT_FILED date: "2024-08-26" actor { role: ROLE_EMPLOYEE })");
  if (state == "APPEAL_PENDING") return ok(DismissalReceived(), R"(type: APPEAL_FILED date: "2024-06-10" actor { role: ROLE_EMPLOYEE })");
  if (state == "CLOSED_DEATH") return ok(Build("DECIDED"), R"(type: DEATH date: "2024-07-23" actor { role: ROLE_HR_OFFICIAL })");
  if (state == "CLOSED_NO_VIOLATION") {
    return ok(Build("REPORTED"), R"(type: DECISION date: "2024-07-22" proven: false
                                    actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })");
  }
  if (state == "CLOSED_ANNULLED") {
    return ok(Build("OBJECTION_PENDING"),
              R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: REVOKED actor { role: ROLE_OFFICIALS_SUPERIOR })");
  }
  if (state == "N_UNSPECIFIED") return Scenario(kTeacher);
  if (state == "N_REPORT_RECEIVED") return ok(Build("N_UNSPECIFIED"), R"(type: REPORT date: "2024-11-14" actor { role: ROLE_REPORTER })");
  if (state == "N_BAWASLU_REVIEW") return ok(Build("N_UNSPECIFIED"), R"(type: REPORT date: "2024-11-14" actor { role: ROLE_BAWASLU })");
  if (state == "N_SUPERVISOR_REVIEW") {
    return ok(Build("N_BAWASLU_REVIEW"), R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  }
  if (state == "N_RECOMMENDATION_ISSUED") return NeutralityRecommended();
  if (state == "N_ESCALATED_BLOCKED") {
    return ok(Build("N_RECOMMENDATION_ISSUED"), R"(type: ESCALATED date: "2024-12-27" actor { role: ROLE_HANDLING_BODY body: BKN })");
  }
  if (state == "N_FOLLOWED_UP") {
    return ok(Build("N_RECOMMENDATION_ISSUED"),
              R"(type: FOLLOW_UP date: "2024-12-20" linked_case_id: "disc-7" actor { role: ROLE_PPK })");
  }
  if (state == "N_CLOSED_NOT_PROVEN") {
    return ok(Build("N_SUPERVISOR_REVIEW"), R"(type: NOT_PROVEN date: "2024-12-02" actor { role: ROLE_HANDLING_BODY body: BKN })");
  }
  if (state == "N_CLOSED_CANCELLED") return ok(Build("N_REPORT_RECEIVED"), R"(type: CANCELLED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  ADD_FAILURE() << "no builder for " << state;
  return Scenario(kPelaksana);
}

std::string StatusOf(const std::string& state) {
  const std::string s = absl::StartsWith(state, "N_") ? state.substr(2) : state;
  return s == "UNSPECIFIED" ? "CASE_STATUS_UNSPECIFIED" : s;
}

struct Transition {
  const char* event;     // textproto without the date (the date is 2025-01-06)
  const char* accepted;  // a state where it is accepted
  const char* refused;   // a state where it is refused
};

// Dated 2025-01-06, after every builder's last event.
const Transition kTransitions[] = {
    {"type: KNOWLEDGE actor { role: ROLE_DIRECT_SUPERIOR }", "UNSPECIFIED", "OPENED"},
    {R"(type: SUMMONS_1 scheduled_date: "2025-01-16" actor { role: ROLE_DIRECT_SUPERIOR })", "OPENED", "SUMMONED"},
    {"type: NO_SHOW actor { role: ROLE_DIRECT_SUPERIOR }", "SUMMONED", "OPENED"},
    {R"(type: SUMMONS_2 scheduled_date: "2025-01-16" actor { role: ROLE_DIRECT_SUPERIOR })", "ABSENT_ONCE", "SUMMONED"},
    {"type: TEAM_FORMED actor { role: ROLE_PPK }", "SUMMONED", "DECIDED"},
    {"type: TEMPORARY_RELEASE actor { role: ROLE_DIRECT_SUPERIOR }", "SUMMONED", "OPENED"},
    {R"(type: EXAMINATION actor { role: ROLE_DIRECT_SUPERIOR }
        findings { acts { norm: "pp94.duty.attendance" act_date: "2024-06-28"
                          absence { cumulative_working_days: 5 consecutive_working_days: 2 } } })",
     "SUMMONED_AGAIN", "ABSENT_ONCE"},
    {"type: REPORTED_UP actor { role: ROLE_DIRECT_SUPERIOR }", "EXAMINED", "SUMMONED"},
    {R"(type: DECISION sanction_type: "S2T" actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })", "REPORTED",
     "SUMMONED"},
    {"type: DELIVERY actor { role: ROLE_HR_OFFICIAL }", "DECIDED", "REPORTED"},
    {"type: DELIVERY_FAILED actor { role: ROLE_SANCTIONING_OFFICIAL }", "DECIDED", "RECEIVED_BY_EMPLOYEE"},
    {"type: SENT actor { role: ROLE_HR_OFFICIAL }", "AWAITING_RECEIPT", "DECIDED"},
    {"type: RECEIVED actor { role: ROLE_EMPLOYEE }", "AWAITING_RECEIPT+SENT", "DECIDED"},
    {"type: OBJECTION_FILED actor { role: ROLE_EMPLOYEE }", "RECEIVED_BY_EMPLOYEE", "DECIDED"},
    {"type: OFFICIAL_RESPONSE actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR }",
     "OBJECTION_PENDING", "RECEIVED_BY_EMPLOYEE"},
    {"type: OBJECTION_DECIDED outcome: CONFIRMED actor { role: ROLE_OFFICIALS_SUPERIOR }", "OBJECTION_PENDING",
     "RECEIVED_BY_EMPLOYEE"},
    {"type: APPEAL_FILED actor { role: ROLE_EMPLOYEE }", "DISMISSAL_RECEIVED", "DECIDED"},
    {"type: PPK_RESPONSE actor { role: ROLE_PPK }", "APPEAL_PENDING", "OBJECTION_PENDING"},
    {"type: APPEAL_DECIDED outcome: CONFIRMED actor { role: ROLE_BPASN }", "APPEAL_PENDING", "OBJECTION_PENDING"},
    {"type: COURT_FILED actor { role: ROLE_EMPLOYEE }", "FINAL", "RECEIVED_BY_EMPLOYEE"},
    {"type: COURT_FILED actor { role: ROLE_EMPLOYEE }", "OBJECTION_PENDING", "APPEAL_PENDING"},
    {"type: COURT_DECIDED outcome: CONFIRMED actor { role: ROLE_COURT }", "COURT_PENDING", "FINAL"},
    {"type: DEATH actor { role: ROLE_HR_OFFICIAL }", "APPEAL_PENDING", "CLOSED_NO_VIOLATION"},
    {"type: DEATH actor { role: ROLE_HR_OFFICIAL }", "OPENED", "UNSPECIFIED"},
    {"type: RETIREMENT_AGE actor { role: ROLE_HR_OFFICIAL }", "APPEAL_PENDING", "CLOSED_DEATH"},
    {"type: RETIREMENT_AGE actor { role: ROLE_HR_OFFICIAL }", "OPENED", "UNSPECIFIED"},
    {"type: REPORT actor { role: ROLE_REPORTER }", "N_UNSPECIFIED", "N_REPORT_RECEIVED"},
    {"type: REPORT actor { role: ROLE_BAWASLU }", "N_UNSPECIFIED", "N_BAWASLU_REVIEW"},
    {"type: BAWASLU_FORWARDED actor { role: ROLE_BAWASLU }", "N_BAWASLU_REVIEW", "N_SUPERVISOR_REVIEW"},
    {"type: BAWASLU_FORWARDED actor { role: ROLE_BAWASLU }", "N_REPORT_RECEIVED", "N_RECOMMENDATION_ISSUED"},
    {"type: BAWASLU_STOPPED actor { role: ROLE_BAWASLU }", "N_BAWASLU_REVIEW", "N_SUPERVISOR_REVIEW"},
    {"type: BAWASLU_STOPPED actor { role: ROLE_BAWASLU }", "N_UNSPECIFIED", "N_ESCALATED_BLOCKED"},
    {R"(type: RECOMMENDATION actor { role: ROLE_HANDLING_BODY body: BKN }
        findings { acts { norm: "neutrality.social_media_interaction" act_date: "2024-11-12"
                          neutrality { target { election: "pilkada2024" office: REGENT } } } })",
     "N_SUPERVISOR_REVIEW", "N_UNSPECIFIED"},
    {"type: NOT_PROVEN actor { role: ROLE_HANDLING_BODY body: BKN }", "N_SUPERVISOR_REVIEW", "N_RECOMMENDATION_ISSUED"},
    {R"(type: FOLLOW_UP linked_case_id: "disc-7" actor { role: ROLE_PPK })", "N_RECOMMENDATION_ISSUED",
     "N_SUPERVISOR_REVIEW"},
    {"type: ESCALATED actor { role: ROLE_HANDLING_BODY body: BKN }", "N_RECOMMENDATION_ISSUED", "N_ESCALATED_BLOCKED"},
    {"type: UNBLOCKED actor { role: ROLE_HANDLING_BODY body: BKN }", "N_ESCALATED_BLOCKED", "N_RECOMMENDATION_ISSUED"},
    {"type: EMPLOYEE_LEFT actor { role: ROLE_HR_OFFICIAL }", "N_SUPERVISOR_REVIEW", "N_CLOSED_NOT_PROVEN"},
    {"type: CANCELLED actor { role: ROLE_HANDLING_BODY body: BKN }", "N_REPORT_RECEIVED", "N_FOLLOWED_UP"},
    {"type: REJECTED actor { role: ROLE_BAWASLU }", "N_REPORT_RECEIVED", "N_CLOSED_CANCELLED"},
    {R"(type: DOCUMENT document_number: "BAP/7/2024" actor { role: ROLE_HR_OFFICIAL })", "OPENED", "UNSPECIFIED"},
    {R"(type: DOCUMENT note: "LHP of the team" actor { role: ROLE_HR_OFFICIAL })", "N_SUPERVISOR_REVIEW",
     "N_CLOSED_NOT_PROVEN"},
};

Scenario BuildFor(const std::string& state) {
  if (state == "AWAITING_RECEIPT+SENT") {
    Scenario r = Build("AWAITING_RECEIPT");
    r.Ok(R"(type: SENT date: "2024-07-31" actor { role: ROLE_HR_OFFICIAL })");
    return r;
  }
  if (state == "DISMISSAL_RECEIVED") return DismissalReceived();
  return Build(state);
}

std::string Dated(const char* event) { return absl::StrCat(event, R"( date: "2025-01-06")"); }

// Whether `text` names `word` as a whole enum name (REPORT is not named by
// "REPORT_RECEIVED", nor DEATH by "CLOSED_DEATH").
bool NamesWord(absl::string_view text, absl::string_view word) {
  auto ident = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; };
  for (size_t at = text.find(word); at != absl::string_view::npos; at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    if ((at == 0 || !ident(text[at - 1])) && (end == text.size() || !ident(text[end]))) return true;
  }
  return false;
}

TEST(CaseMachine, EveryEventTypeIsAcceptedInSomeStateAndRefusedInAnother) {
  std::set<int> covered;
  for (const Transition& t : kTransitions) {
    const v1::CaseEvent e = Parse<v1::CaseEvent>(Dated(t.event));
    const std::string name = v1::EventType_Name(e.type());
    covered.insert(e.type());
    SCOPED_TRACE(name);
    Scenario yes = BuildFor(t.accepted);
    const int64_t before = yes.p.events;
    absl::Status st = yes.Try(Dated(t.event));
    EXPECT_TRUE(st.ok()) << name << " in " << t.accepted << ": " << st;
    EXPECT_EQ(yes.p.events, before + 1);
    EXPECT_EQ(yes.p.last_date, D("2025-01-06"));

    Scenario no = Build(t.refused);
    EXPECT_EQ(v1::CaseStatus_Name(no.p.status), StatusOf(t.refused));
    const std::string snapshot = no.Snapshot();
    const int64_t events = no.p.events;
    st = no.Try(Dated(t.event));
    EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << name << " in " << t.refused << ": " << st;
    // Named: the event and the state (EveryRefusalNamesTheEventAndTheState).
    EXPECT_TRUE(NamesWord(st.message(), name) && NamesWord(st.message(), StatusOf(t.refused))) << st;
    EXPECT_EQ(no.Snapshot(), snapshot) << "a refused event changed the case";
    EXPECT_EQ(no.p.events, events);
  }
  // Every event type of the schema is in the table.
  for (int t = 0; t < v1::EventType_descriptor()->value_count(); ++t) {
    const int number = v1::EventType_descriptor()->value(t)->number();
    if (number == v1::EVENT_TYPE_UNSPECIFIED) continue;
    EXPECT_TRUE(covered.count(number)) << v1::EventType_Name(number) << " has no row";
  }
}

// Apply a refused event and check that nothing changed.
absl::Status Refused(Scenario& r, const std::string& event) {
  const std::string snapshot = r.Snapshot();
  const int64_t events = r.p.events;
  absl::Status st = r.Try(event);
  EXPECT_FALSE(st.ok()) << event;
  EXPECT_EQ(r.Snapshot(), snapshot) << "a refused event changed the case: " << event;
  EXPECT_EQ(r.p.events, events);
  return st;
}

bool Says(const absl::Status& st, absl::StatusCode code, absl::string_view text) {
  return st.code() == code && absl::StrContains(st.message(), text);
}

// case.h: "FailedPrecondition for an event the law does not allow now
// (naming the event, the state and the article)": every row of the table
// above, and the refusals that are not a plain state check (a closed case,
// COURT_FILED before the route opens, UNBLOCKED when nothing is blocked,
// RECEIVED before SENT, NO_SHOW before the scheduled date, DOCUMENT, DEATH and
// RETIREMENT_AGE as the first event, ESCALATED by the wrong body).
TEST(CaseMachine, EveryRefusalNamesTheEventAndTheState) {
  for (const Transition& t : kTransitions) {
    const std::string name = v1::EventType_Name(Parse<v1::CaseEvent>(Dated(t.event)).type());
    Scenario no = Build(t.refused);
    absl::Status st = no.Try(Dated(t.event));
    EXPECT_TRUE(NamesWord(st.message(), name) && NamesWord(st.message(), StatusOf(t.refused)))
        << name << " in " << t.refused << ": " << st.message();
  }
  struct Special {
    const char* state;
    const char* event;  // dated
    const char* status;
    const char* why;    // a word of the reason
  };
  const Special kSpecial[] = {
      {"CLOSED_DEATH", R"(type: DOCUMENT note: "x" date: "2025-01-06" actor { role: ROLE_HR_OFFICIAL })", "CLOSED_DEATH",
       "closed"},
      {"N_CLOSED_CANCELLED", R"(type: UNBLOCKED date: "2025-01-06" actor { role: ROLE_HANDLING_BODY body: BKN })",
       "CLOSED_CANCELLED", "closed"},
      {"OBJECTION_PENDING", R"(type: COURT_FILED date: "2024-08-30" actor { role: ROLE_EMPLOYEE })", "OBJECTION_PENDING",
       "21 working days"},
      {"N_SUPERVISOR_REVIEW", R"(type: UNBLOCKED date: "2025-01-06" actor { role: ROLE_HANDLING_BODY body: BKN })",
       "SUPERVISOR_REVIEW", "not blocked"},
      {"AWAITING_RECEIPT", R"(type: RECEIVED date: "2024-07-31" actor { role: ROLE_EMPLOYEE })", "AWAITING_RECEIPT",
       "SENT"},
      {"SUMMONED", R"(type: NO_SHOW date: "2024-07-11" actor { role: ROLE_DIRECT_SUPERIOR })", "SUMMONED",
       "scheduled examination"},
      {"SUMMONED_AGAIN", R"(type: NO_SHOW date: "2024-07-24" actor { role: ROLE_DIRECT_SUPERIOR })", "SUMMONED_AGAIN",
       "scheduled examination"},
      {"N_UNSPECIFIED", R"(type: DOCUMENT note: "x" date: "2024-11-14" actor { role: ROLE_HR_OFFICIAL })",
       "CASE_STATUS_UNSPECIFIED", "no event yet"},
      {"UNSPECIFIED", R"(type: DEATH date: "2024-07-01" actor { role: ROLE_HR_OFFICIAL })", "CASE_STATUS_UNSPECIFIED",
       "no event yet"},
      {"UNSPECIFIED", R"(type: RETIREMENT_AGE date: "2024-07-01" actor { role: ROLE_HR_OFFICIAL })",
       "CASE_STATUS_UNSPECIFIED", "no event yet"},
      {"N_RECOMMENDATION_ISSUED", R"(type: ESCALATED date: "2024-12-27" actor { role: ROLE_HANDLING_BODY body: KASN })",
       "RECOMMENDATION_ISSUED", "handled by BKN"},
  };
  for (const Special& x : kSpecial) {
    Scenario no = Build(x.state);
    const std::string name = v1::EventType_Name(Parse<v1::CaseEvent>(x.event).type());
    const absl::Status st = Refused(no, x.event);
    EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << x.event << ": " << st;
    EXPECT_TRUE(NamesWord(st.message(), name) && NamesWord(st.message(), x.status) &&
                absl::StrContains(st.message(), x.why))
        << name << " in " << x.state << ": " << st.message();
  }
}

TEST(CaseMachine, AnActorWithoutTheRoleIsRefused) {
  Scenario r = Build("UNSPECIFIED");
  absl::Status st = Refused(r, R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "not ROLE_EMPLOYEE")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "ROLE_DIRECT_SUPERIOR")) << st;
  Scenario team = Build("SUMMONED");
  st = Refused(team, absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_EXAMINATION_TEAM } )",
                                  Absence(15, "2024-06-28")));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "TEAM_FORMED")) << st;
  // No role at all is a malformed event.
  st = Refused(r, R"(type: KNOWLEDGE date: "2024-07-01")");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "actor.role")) << st;
}

TEST(CaseMachine, ADecisionByAnOfficialWithoutAuthorityIsRefusedNamingTheCompetentOnes) {
  Scenario r = Build("REPORTED");
  absl::Status st = Refused(r, R"(type: DECISION date: "2024-07-22" sanction_type: "S2T"
                                  actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "OFFICIAL_PENGAWAS may not impose S2T")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "OFFICIAL_ADMINISTRATOR")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "PPK")) << st;
  // Describe offers the competent officials as the next step.
  const CaseState s = r.State("2024-07-22");
  ASSERT_TRUE(HasNextStep(s, v1::DECISION));
  std::set<int> officials(s.next_steps(0).officials().begin(), s.next_steps(0).officials().end());
  EXPECT_TRUE(officials.count(v1::OFFICIAL_ADMINISTRATOR) && officials.count(v1::PPK)) << s.next_steps(0).DebugString();
  EXPECT_FALSE(officials.count(v1::OFFICIAL_PENGAWAS));
  // A sanctioning official must be named.
  st = Refused(r, R"(type: DECISION date: "2024-07-22" sanction_type: "S2T" actor { role: ROLE_SANCTIONING_OFFICIAL })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "actor.official")) << st;
}

TEST(CaseMachine, ADecisionOfATypeTheLawDoesNotAllowForTheFindingsIsRefused) {
  Scenario r = Build("REPORTED");
  absl::Status st = Refused(r, R"(type: DECISION date: "2024-07-22" sanction_type: "R1"
                                  actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "R1 is not allowed for these findings")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "S2T")) << st;
  // An unknown type is malformed.
  st = Refused(r, R"(type: DECISION date: "2024-07-22" sanction_type: "Z9"
                     actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "sanction_type")) << st;
}

TEST(CaseMachine, ABeratSanctionNeedsAnExaminationByATeam) {
  const char* kBerat = R"(findings { acts { norm: "pp94.duty.service" act_date: "2024-06-28" impact: NEGARA_PEMERINTAH } })";
  // Examined by the direct superior on sedang findings; the decision's own
  // findings make it berat.
  Scenario r = Build("REPORTED");
  absl::Status st = Refused(r, absl::StrCat(R"(type: DECISION date: "2024-07-22" sanction_type: "B3"
                                               actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK } )",
                                            Absence(29, "2024-06-28")));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "Pasal 29(2)")) << st;
  // Berat findings at an examination by the direct superior alone: accepted,
  // with a note that a team must examine before the decision (Pasal 29(2)).
  Scenario s = Build("SUMMONED");
  s.Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )", kBerat));
  EXPECT_EQ(s.p.status, v1::EXAMINED);
  EXPECT_FALSE(s.p.examined_by_team);
  CaseState state = s.State("2024-07-12");
  EXPECT_EQ(state.determination().level(), v1::BERAT);
  EXPECT_TRUE(Mentions(state, "Pasal 29(2)")) << state.DebugString();
  EXPECT_TRUE(Mentions(state, "TEAM_FORMED"));
  // The BERAT decision is still refused until the team has examined.
  st = Refused(s, R"(type: DECISION date: "2024-07-15" sanction_type: "B1" actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "requires an examination by a team")) << st;
  // The PPK forms the team, which examines again; then B1 by the PPK.
  s.Ok(R"(type: TEAM_FORMED date: "2024-07-15" actor { role: ROLE_PPK })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-19" actor { role: ROLE_EXAMINATION_TEAM } )", kBerat))
      .Ok(R"(type: DECISION date: "2024-07-22" sanction_type: "B1" actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_EQ(s.p.status, v1::DECIDED);
  EXPECT_EQ(s.State("2024-07-22").determination().level(), v1::BERAT);
  // A team formed before the examination examines at the summons.
  Scenario t = Build("SUMMONED");
  t.Ok(R"(type: TEAM_FORMED date: "2024-07-08" actor { role: ROLE_PPK })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_EXAMINATION_TEAM } )", kBerat))
      .Ok(R"(type: DECISION date: "2024-07-22" sanction_type: "B1" actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_EQ(t.p.status, v1::DECIDED);
  EXPECT_FALSE(Mentions(t.State("2024-07-22"), "Pasal 29(2)"));
}

TEST(CaseMachine, AnEventDatedBeforeThePreviousOneIsRefused) {
  Scenario r = Build("SUMMONED");
  absl::Status st = Refused(r, R"(type: NO_SHOW date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "before the previous event")) << st;
  // The same day is fine; a malformed date is InvalidArgument.
  st = Refused(r, R"(type: NO_SHOW date: "2024-02-30" actor { role: ROLE_DIRECT_SUPERIOR })");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  // Not before the scheduled examination either.
  st = Refused(r, R"(type: NO_SHOW date: "2024-07-11" actor { role: ROLE_DIRECT_SUPERIOR })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "scheduled examination")) << st;
}

TEST(CaseMachine, ASeqOutOfOrderIsMalformed) {
  Scenario r = Build("OPENED");  // one event
  absl::Status st = Refused(r, R"(seq: 3 type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12"
                                  actor { role: ROLE_DIRECT_SUPERIOR })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "seq: 3 is not the next position 2")) << st;
  st = Refused(r, R"(seq: 1 type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12"
                     actor { role: ROLE_DIRECT_SUPERIOR })");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  r.Ok(R"(seq: 2 type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR })");
  // Replay names the first refused event and its seq.
  v1::CaseLog log = r.log;
  log.mutable_events(1)->set_date("2024-06-01");
  auto replayed = Machine().Replay(log);
  EXPECT_TRUE(Says(replayed.status(), absl::StatusCode::kFailedPrecondition, "seq 2, SUMMONS_1")) << replayed.status();
}

TEST(CaseMachine, EventsOfTheOtherKindOfCaseAreRefused) {
  Scenario d = Build("OPENED");
  absl::Status st = Refused(d, R"(type: REPORT date: "2024-07-02" actor { role: ROLE_REPORTER })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "REPORT belongs to the other kind of case")) << st;
  Scenario n = Build("N_REPORT_RECEIVED");
  st = Refused(n, R"(type: KNOWLEDGE date: "2024-11-20" actor { role: ROLE_DIRECT_SUPERIOR })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "NEUTRALITY")) << st;
}

// KASN handled neutrality cases until 24 Aug 2024, BKN from then on.
Scenario KasnReview() {
  Scenario r(kTeacher);
  r.Ok(R"(type: REPORT date: "2024-08-01" actor { role: ROLE_REPORTER })")
      .Ok(R"(type: BAWASLU_FORWARDED date: "2024-08-05" actor { role: ROLE_BAWASLU })");
  return r;
}

TEST(CaseMachine, TheRecommendationIsByTheHandlingBodyOfItsDate) {
  const std::string findings = Like("2024-07-25");
  Scenario late = KasnReview();
  absl::Status st = Refused(late, absl::StrCat(R"(type: RECOMMENDATION date: "2024-09-10" actor { role: ROLE_HANDLING_BODY body: KASN } )", findings));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "handled by BKN")) << st;
  late.Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-09-10" actor { role: ROLE_HANDLING_BODY body: BKN } )", findings));
  Scenario early = KasnReview();
  early.Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-08-20" actor { role: ROLE_HANDLING_BODY body: KASN } )", findings));
  EXPECT_EQ(early.p.status, v1::RECOMMENDATION_ISSUED);
  Scenario bkn_early = KasnReview();
  st = Refused(bkn_early, absl::StrCat(R"(type: RECOMMENDATION date: "2024-08-20" actor { role: ROLE_HANDLING_BODY body: BKN } )", findings));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "handled by KASN")) << st;
  // A recommendation finds something proven: findings are required.
  st = Refused(bkn_early, R"(type: RECOMMENDATION date: "2024-08-20" actor { role: ROLE_HANDLING_BODY body: KASN })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "findings")) << st;
}

TEST(CaseMachine, EscalationWaitsForTheFollowUpPeriodAndAFollowUpNamesItsCase) {
  Scenario r = NeutralityRecommended();
  EXPECT_EQ(DueOf(r.State("2024-12-10"), "neutrality_follow_up"), "2024-12-24");
  absl::Status st = Refused(r, R"(type: ESCALATED date: "2024-12-24" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "until 2024-12-24")) << st;
  st = Refused(r, R"(type: FOLLOW_UP date: "2024-12-24" actor { role: ROLE_PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "linked_case_id")) << st;
  r.Ok(R"(type: ESCALATED date: "2024-12-25" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_EQ(r.p.status, v1::ESCALATED_BLOCKED);
}

TEST(CaseMachine, NoEventFollowsAClosedCase) {
  const char* closed[] = {"CLOSED_DEATH", "CLOSED_NO_VIOLATION", "CLOSED_ANNULLED", "N_CLOSED_NOT_PROVEN",
                          "N_CLOSED_CANCELLED", "N_FOLLOWED_UP"};
  const char* events[] = {
      R"(type: DEATH date: "2025-01-06" actor { role: ROLE_HR_OFFICIAL })",
      R"(type: RETIREMENT_AGE date: "2025-01-06" actor { role: ROLE_HR_OFFICIAL })",
      R"(type: COURT_FILED date: "2025-01-06" actor { role: ROLE_EMPLOYEE })",
      R"(type: EMPLOYEE_LEFT date: "2025-01-06" actor { role: ROLE_HR_OFFICIAL })",
      R"(type: CANCELLED date: "2025-01-06" actor { role: ROLE_HANDLING_BODY body: BKN })",
      R"(type: UNBLOCKED date: "2025-01-06" actor { role: ROLE_HANDLING_BODY body: BKN })",
      R"(type: FOLLOW_UP date: "2025-01-06" linked_case_id: "x" actor { role: ROLE_PPK })",
  };
  for (const char* state : closed) {
    Scenario r = Build(state);
    EXPECT_TRUE(IsClosed(r.p.status)) << state;
    for (const char* e : events) {
      absl::Status st = Refused(r, e);
      EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << state << ": " << e << ": " << st;
    }
    // Nothing is overdue in a closed case.
    std::vector<OverdueItem> items;
    Machine().Overdue(r.p, D("2030-01-01"), &items);
    EXPECT_TRUE(items.empty()) << state;
  }
}

TEST(CaseMachine, ARemedyOutcomeMustMatchItsNewType) {
  Scenario r = Build("OBJECTION_PENDING");  // S2T
  absl::Status st = Refused(r, R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: LIGHTENED sanction_type: "B1"
                                  actor { role: ROLE_OFFICIALS_SUPERIOR })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "B1 does not match outcome LIGHTENED of S2T")) << st;
  st = Refused(r, R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: MADE_HEAVIER sanction_type: "R3"
                     actor { role: ROLE_OFFICIALS_SUPERIOR })");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << st;
  st = Refused(r, R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: CHANGED sanction_type: "S2T"
                     actor { role: ROLE_OFFICIALS_SUPERIOR })");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << st;
  st = Refused(r, R"(type: OBJECTION_DECIDED date: "2024-08-20" actor { role: ROLE_OFFICIALS_SUPERIOR })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "outcome")) << st;
  // The decision was the Administrator's: the PPK does not decide this keberatan.
  st = Refused(r, R"(type: OBJECTION_DECIDED date: "2024-08-20" outcome: CONFIRMED actor { role: ROLE_PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "ROLE_OFFICIALS_SUPERIOR")) << st;
  // BPASN does not revoke.
  Scenario a = Build("APPEAL_PENDING");
  st = Refused(a, R"(type: APPEAL_DECIDED date: "2024-08-20" outcome: REVOKED actor { role: ROLE_BPASN })");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << st;
}

TEST(CaseMachine, AReceiptNeedsTheDecisionSentFirst) {
  Scenario r = Build("AWAITING_RECEIPT");
  absl::Status st = Refused(r, R"(type: RECEIVED date: "2024-07-31" actor { role: ROLE_EMPLOYEE })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "SENT")) << st;
}

// ===================================================================== 4
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

// ===================================================================== 5
// The neutrality flow.

TEST(CaseMachine, NeutralityFlowFromReportToUnblocking) {
  Scenario r(kTeacher);
  r.Ok(R"(type: REPORT date: "2024-11-14" actor { role: ROLE_BAWASLU })");
  EXPECT_EQ(r.p.status, v1::BAWASLU_REVIEW);
  r.Ok(R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  EXPECT_EQ(r.p.status, v1::SUPERVISOR_REVIEW);
  EXPECT_FALSE(r.State("2024-11-20").has_determination()) << "a forwarding is an allegation, not a finding";
  r.Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN } )",
                    Like("2024-11-12")));
  CaseState s = r.State("2024-12-10");
  EXPECT_EQ(s.status(), v1::RECOMMENDATION_ISSUED);
  EXPECT_EQ(s.determination().level(), v1::BERAT);
  EXPECT_EQ(s.determination().handling().body(), v1::BKN);
  Deadline d = Find(s, "neutrality_follow_up");
  EXPECT_EQ(d.rule_id(), "skb2022.deadline.neutrality_follow_up");
  EXPECT_EQ(d.days(), 14);
  EXPECT_FALSE(d.working_days());
  EXPECT_EQ(d.due(), "2024-12-24");
  ASSERT_TRUE(HasNextStep(s, v1::FOLLOW_UP));
  EXPECT_EQ(s.next_steps(0).due(), "2024-12-24");
  // Overdue from the day after the due date, in both forms of the scan.
  std::vector<OverdueItem> items;
  Machine().Overdue(r.p, D("2024-12-24"), &items);
  EXPECT_TRUE(items.empty());
  Machine().Overdue(r.p, D("2024-12-25"), &items);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].period, Period::kNeutralityFollowUp);
  EXPECT_EQ(FormatDate(items[0].due), "2024-12-24");
  EXPECT_EQ(Book()->rules()[items[0].rule].rule->id(), "skb2022.deadline.neutrality_follow_up");
  items.clear();
  CaseMachine::Overdue(r.p.status, r.p.periods, D("2024-12-25"), &items);
  EXPECT_EQ(items.size(), 1u);
  EXPECT_EQ(Find(r.State("2024-12-25"), "neutrality_follow_up").status(), Deadline::OVERDUE);
  // Escalation blocks services until the PPK acts.
  EXPECT_EQ(Refused(r, R"(type: ESCALATED date: "2024-12-24" actor { role: ROLE_HANDLING_BODY body: BKN })").code(),
            absl::StatusCode::kFailedPrecondition);
  r.Ok(R"(type: ESCALATED date: "2024-12-27" actor { role: ROLE_HANDLING_BODY body: BKN })");
  s = r.State("2024-12-27");
  EXPECT_EQ(s.status(), v1::ESCALATED_BLOCKED);
  EXPECT_TRUE(r.p.blocked);
  EXPECT_TRUE(HasNextStep(s, v1::UNBLOCKED));
  EXPECT_TRUE(HasNextStep(s, v1::FOLLOW_UP));
  r.Ok(R"(type: FOLLOW_UP date: "2025-01-06" linked_case_id: "disc-2025-004" actor { role: ROLE_PPK })");
  s = r.State("2025-01-06");
  EXPECT_EQ(s.status(), v1::FOLLOWED_UP);
  EXPECT_EQ(r.p.linked_case_id, "disc-2025-004");
  d = Find(s, "neutrality_follow_up");
  EXPECT_EQ(d.status(), Deadline::MET_LATE);
  EXPECT_EQ(d.met_on(), "2025-01-06");
  items.clear();
  Machine().Overdue(r.p, D("2025-02-01"), &items);
  EXPECT_TRUE(items.empty()) << "followed up: nothing overdue";
  // Still blocked: restoring the services is the one event after the close.
  EXPECT_TRUE(HasNextStep(s, v1::UNBLOCKED));
  EXPECT_TRUE(Says(Refused(r, R"(type: UNBLOCKED date: "2025-01-07" actor { role: ROLE_PPK })"),
                   absl::StatusCode::kFailedPrecondition, "ROLE_HANDLING_BODY"));
  r.Ok(R"(type: UNBLOCKED date: "2025-01-08" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_FALSE(r.p.blocked);
  EXPECT_EQ(r.p.status, v1::FOLLOWED_UP);
  EXPECT_TRUE(Says(Refused(r, R"(type: UNBLOCKED date: "2025-01-09" actor { role: ROLE_HANDLING_BODY body: BKN })"),
                   absl::StatusCode::kFailedPrecondition, "closed"));
  EXPECT_TRUE(Machine().Replay(r.log).ok());
}

// A report or finding with Bawaslu is reviewed there first (BAWASLU_REVIEW);
// a report to the handling body goes to it directly (REPORT_RECEIVED), and
// Bawaslu may still forward or stop it. Bawaslu may also forward a finding of
// its own as the first event.
TEST(CaseMachine, AReportWithBawasluIsReviewedThereFirst) {
  Scenario b = Build("N_BAWASLU_REVIEW");
  EXPECT_EQ(b.p.status, v1::BAWASLU_REVIEW);
  absl::Status st = Refused(b, absl::StrCat(R"(type: RECOMMENDATION date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN } )",
                                            Like("2024-11-12")));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "RECOMMENDATION is not allowed in state BAWASLU_REVIEW")) << st;
  st = Refused(b, R"(type: NOT_PROVEN date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition) << st;
  st = Refused(b, R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "ROLE_BAWASLU")) << st;
  Scenario stopped = Build("N_BAWASLU_REVIEW");
  stopped.Ok(R"(type: BAWASLU_STOPPED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  EXPECT_EQ(stopped.p.status, v1::CLOSED_NO_VIOLATION);
  b.Ok(R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  EXPECT_EQ(b.p.status, v1::SUPERVISOR_REVIEW);
  // To the handling body, by a reporter or by the body itself.
  for (const char* role : {"ROLE_REPORTER", "ROLE_HANDLING_BODY body: BKN"}) {
    Scenario r(kTeacher);
    r.Ok(absl::StrCat(R"(type: REPORT date: "2024-11-14" actor { role: )", role, " }"));
    EXPECT_EQ(r.p.status, v1::REPORT_RECEIVED) << role;
    const CaseState s = r.State("2024-11-14");
    EXPECT_TRUE(HasNextStep(s, v1::BAWASLU_FORWARDED)) << role;
    EXPECT_TRUE(HasNextStep(s, v1::RECOMMENDATION)) << role;
    r.Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN } )",
                      Like("2024-11-12")));
    EXPECT_EQ(r.p.status, v1::RECOMMENDATION_ISSUED) << role;
  }
  Scenario direct(kTeacher);
  direct.Ok(R"(type: BAWASLU_FORWARDED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  EXPECT_EQ(direct.p.status, v1::SUPERVISOR_REVIEW);
  // Nobody else reports.
  Scenario other(kTeacher);
  st = Refused(other, R"(type: REPORT date: "2024-11-14" actor { role: ROLE_PPK })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "REPORT is for")) << st;
}

TEST(CaseMachine, TheFollowUpPeriodIsASetting) {
  // 7 days: due a week after the recommendation.
  const CaseMachine seven = MakeMachine({{"neutrality_follow_up_days", "7"}});
  EXPECT_EQ(DueOf(NeutralityRecommended(seven).State("2024-12-10"), "neutrality_follow_up"), "2024-12-17");
  // 0: no period; nothing is ever overdue and escalation may follow at once.
  const CaseMachine none = MakeMachine({{"neutrality_follow_up_days", "0"}});
  Scenario r = NeutralityRecommended(none);
  const CaseState s = r.State("2025-06-01");
  EXPECT_TRUE(Find(s, "neutrality_follow_up").name().empty()) << s.DebugString();
  std::vector<OverdueItem> items;
  none.Overdue(r.p, D("2025-06-01"), &items);
  EXPECT_TRUE(items.empty());
  r.Ok(R"(type: ESCALATED date: "2024-12-10" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_EQ(r.p.status, v1::ESCALATED_BLOCKED);
}

TEST(CaseMachine, ANeutralityCaseEndsNotProvenStoppedOrWhenTheEmployeeLeaves) {
  EXPECT_EQ(Build("N_CLOSED_NOT_PROVEN").p.status, v1::CLOSED_NOT_PROVEN);
  Scenario stopped = Build("N_REPORT_RECEIVED");
  stopped.Ok(R"(type: BAWASLU_STOPPED date: "2024-11-20" actor { role: ROLE_BAWASLU })");
  EXPECT_EQ(stopped.p.status, v1::CLOSED_NO_VIOLATION);
  Scenario left = NeutralityRecommended();
  left.Ok(R"(type: EMPLOYEE_LEFT date: "2025-01-02" actor { role: ROLE_HR_OFFICIAL })");
  EXPECT_EQ(left.p.status, v1::CLOSED_EMPLOYEE_LEFT);
  std::vector<OverdueItem> items;
  Machine().Overdue(left.p, D("2025-06-01"), &items);
  EXPECT_TRUE(items.empty());
}

// The disciplinary path through a keberatan: 8 events.
v1::CaseLog FileScenario() {
  Scenario r = Build("OBJECTION_PENDING");
  r.Ok(R"(type: OFFICIAL_RESPONSE date: "2024-08-06" actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })");
  return r.log;
}

// ===================================================================== 7
// Every deadline rule of the embedded law is used by the machine.

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
  EXPECT_EQ(rules.size(), 12u);
  EXPECT_TRUE(used.count("pp94.deadline.summons_1_notice"));
  for (const std::string& id : rules) {
    EXPECT_TRUE(used.count(id)) << id << " is never used by a case";
  }
  EXPECT_EQ(used.size(), rules.size());
  for (const std::string& id : used) {
    EXPECT_NE(std::find(rules.begin(), rules.end(), id), rules.end()) << id;
  }
}

// ===================================================================== 3
// Randomized replay: whatever the events, a refused one changes nothing and
// the accepted ones replay to the same state.

class EventGenerator {
 public:
  explicit EventGenerator(uint64_t seed) : rng_(seed) {}

  int Below(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  bool Chance(int percent) { return Below(100) < percent; }

  // The next event for a case in `state` (described on `day`, the date of its
  // last event).
  v1::CaseEvent Next(const CaseState& state, absl::CivilDay* day) {
    // Forward 0-10 days, now and then back (refused) or a long wait (periods
    // that run out: escalation, the court after silence).
    *day = Chance(6) ? *day - (1 + Below(5)) : Chance(8) ? *day + 10 + Below(35) : *day + Below(11);
    v1::CaseEvent e;
    e.set_date(FormatDate(*day));
    const bool berat_untried = (state.status() == v1::EXAMINED || state.status() == v1::REPORTED) &&
                               state.determination().level() == v1::BERAT;
    if (berat_untried && Chance(40)) {
      // Berat findings examined by the superior: the team is formed and
      // examines again (Pasal 29(2)); Describe does not offer these steps.
      e.set_type(Chance(50) ? v1::TEAM_FORMED : v1::EXAMINATION);
      e.mutable_actor()->set_role(e.type() == v1::TEAM_FORMED ? v1::ROLE_PPK : v1::ROLE_EXAMINATION_TEAM);
    } else if (Chance(75) && state.next_steps_size() > 0) {
      // Mostly a step the state offers, by one of its roles.
      const v1::NextStep& step = state.next_steps(Below(state.next_steps_size()));
      e.set_type(step.event());
      e.mutable_actor()->set_role(static_cast<v1::Role>(step.roles(Below(step.roles_size()))));
      if (step.officials_size() > 0 && Chance(80)) {
        e.mutable_actor()->set_official(static_cast<v1::Official>(step.officials(Below(step.officials_size()))));
      }
    } else if (Chance(50)) {
      // Any event by the role that usually takes it.
      const auto& [type, role] = kNatural[Below(std::size(kNatural))];
      e.set_type(type);
      e.mutable_actor()->set_role(role);
    } else {
      e.set_type(kTypes[Below(std::size(kTypes))]);
      e.mutable_actor()->set_role(static_cast<v1::Role>(1 + Below(13)));
    }
    if (e.actor().role() == v1::ROLE_SANCTIONING_OFFICIAL && e.actor().official() == v1::OFFICIAL_UNSPECIFIED) {
      e.mutable_actor()->set_official(kOfficials[Below(std::size(kOfficials))]);
    }
    if (e.actor().role() == v1::ROLE_HANDLING_BODY || Chance(5)) {
      e.mutable_actor()->set_body(Chance(85) ? (*day < absl::CivilDay(2024, 8, 24) ? v1::KASN : v1::BKN)
                                             : static_cast<v1::HandlingBody>(Below(3)));
    }
    if (e.type() == v1::SUMMONS_1 || e.type() == v1::SUMMONS_2 || Chance(3)) {
      if (!Chance(5)) e.set_scheduled_date(FormatDate(*day + Below(13)));
    }
    if (e.type() == v1::EXAMINATION || e.type() == v1::DECISION || e.type() == v1::RECOMMENDATION || Chance(3)) {
      if (Chance(80)) *e.mutable_findings() = Findings(*day);
    }
    if (e.type() == v1::DECISION || e.type() >= v1::OBJECTION_DECIDED || Chance(5)) {
      const auto& allowed = state.determination().allowed_sanctions();
      if (!allowed.empty() && Chance(60)) {
        e.set_sanction_type(allowed[Below(allowed.size())].code());
      } else {
        e.set_sanction_type(kSanctions[Below(std::size(kSanctions))]);
      }
      e.set_outcome(static_cast<v1::RemedyOutcome>(Below(8)));
      if (Chance(8)) e.set_proven(false);
      if (Chance(50)) e.set_document_number(absl::StrCat("SK/", Below(1000)));
    }
    if (e.type() == v1::FOLLOW_UP ? Chance(60) : Chance(3)) e.set_linked_case_id(absl::StrCat("disc-", Below(100)));
    if (e.type() == v1::DOCUMENT && Chance(85)) e.set_note("BAP");
    if (Chance(3)) e.set_seq(Below(50));
    return e;
  }

 private:
  v1::EvaluationRequest Findings(absl::CivilDay day) {
    const std::string act = FormatDate(day - (1 + Below(20)));
    static const char* const kBodies[] = {
        R"(acts { norm: "pp94.duty.attendance" act_date: "%s" absence { cumulative_working_days: 5 consecutive_working_days: 2 } })",
        R"(acts { norm: "pp94.duty.attendance" act_date: "%s" absence { cumulative_working_days: 15 consecutive_working_days: 3 } })",
        R"(acts { norm: "pp94.duty.attendance" act_date: "%s" absence { cumulative_working_days: 29 consecutive_working_days: 3 } })",
        R"(acts { norm: "pp94.duty.service" act_date: "%s" impact: NEGARA_PEMERINTAH })",
        R"(acts { norm: "neutrality.social_media_interaction" act_date: "%s"
                  neutrality { target { election: "pilkada2024" office: REGENT } } })",
    };
    return Parse<v1::EvaluationRequest>(absl::StrReplaceAll(kBodies[Below(std::size(kBodies))], {{"%s", act}}));
  }

  static constexpr v1::EventType kTypes[] = {
      v1::KNOWLEDGE,      v1::SUMMONS_1,        v1::NO_SHOW,         v1::SUMMONS_2,      v1::TEAM_FORMED,
      v1::TEMPORARY_RELEASE, v1::EXAMINATION,   v1::REPORTED_UP,     v1::DECISION,       v1::DELIVERY,
      v1::DELIVERY_FAILED, v1::SENT,            v1::RECEIVED,        v1::OBJECTION_FILED, v1::OFFICIAL_RESPONSE,
      v1::OBJECTION_DECIDED, v1::APPEAL_FILED,  v1::PPK_RESPONSE,    v1::APPEAL_DECIDED, v1::COURT_FILED,
      v1::COURT_DECIDED,  v1::DEATH,            v1::RETIREMENT_AGE,  v1::REPORT,         v1::BAWASLU_FORWARDED,
      v1::BAWASLU_STOPPED, v1::RECOMMENDATION,  v1::NOT_PROVEN,      v1::FOLLOW_UP,      v1::ESCALATED,
      v1::UNBLOCKED,      v1::EMPLOYEE_LEFT,    v1::CANCELLED,       v1::REJECTED,       v1::DOCUMENT,
  };
  static constexpr std::pair<v1::EventType, v1::Role> kNatural[] = {
      {v1::COURT_FILED, v1::ROLE_EMPLOYEE},       {v1::COURT_DECIDED, v1::ROLE_COURT},
      {v1::BAWASLU_STOPPED, v1::ROLE_BAWASLU},    {v1::DEATH, v1::ROLE_HR_OFFICIAL},
      {v1::RETIREMENT_AGE, v1::ROLE_HR_OFFICIAL}, {v1::TEMPORARY_RELEASE, v1::ROLE_DIRECT_SUPERIOR},
      {v1::TEAM_FORMED, v1::ROLE_PPK},            {v1::EMPLOYEE_LEFT, v1::ROLE_HR_OFFICIAL},
      {v1::CANCELLED, v1::ROLE_HANDLING_BODY},    {v1::REJECTED, v1::ROLE_BAWASLU},
      {v1::DOCUMENT, v1::ROLE_HR_OFFICIAL},       {v1::EXAMINATION, v1::ROLE_EXAMINATION_TEAM},
      {v1::REPORT, v1::ROLE_BAWASLU},             {v1::BAWASLU_FORWARDED, v1::ROLE_BAWASLU},
  };
  static constexpr v1::Official kOfficials[] = {v1::OFFICIAL_UNSPECIFIED, v1::PPK, v1::OFFICIAL_ADMINISTRATOR,
                                                v1::OFFICIAL_PENGAWAS, v1::OFFICIAL_JPT_PRATAMA};
  static constexpr const char* kSanctions[] = {"R1", "R2", "R3", "S1T", "S2T", "S3T", "S1", "B1", "B2", "B3", "X"};

  std::mt19937_64 rng_;
};

TEST(CaseMachine, RandomEventSequencesRefuseWithoutChangeAndReplayToTheSameState) {
  constexpr int kSequences = 2000, kMaxLength = 40;
  const auto start = std::chrono::steady_clock::now();
  EventGenerator gen(20240603);
  const CaseMachine& m = Machine();
  int64_t accepted = 0, refused = 0;
  std::set<int> statuses, accepted_types;
  for (int n = 0; n < kSequences; ++n) {
    const bool neutrality = gen.Below(4) == 0;
    v1::CaseLog log = Parse<v1::CaseLog>(neutrality ? kTeacher : kPelaksana);
    log.set_case_id(absl::StrCat("rand-", n));
    CaseProgress p;
    ASSERT_TRUE(m.Start(log, &p).ok());
    absl::CivilDay day = absl::CivilDay(2022, 3, 1) + gen.Below(900);
    const absl::CivilDay as_of = day + 420;
    // The generator picks from the steps open on the day of the last event;
    // the checks compare the state on a later as-of date.
    CaseState now = m.Describe(p, day);
    std::string snapshot = m.Describe(p, as_of).SerializeAsString();
    const int length = 1 + gen.Below(kMaxLength);
    for (int i = 0; i < length; ++i) {
      absl::CivilDay next_day = day;
      const v1::CaseEvent e = gen.Next(now, &next_day);
      const v1::CaseStatus before_status = p.status;
      const int64_t before_events = p.events;
      const absl::Status st = m.Apply(e, &p);
      if (st.ok()) {
        ++accepted;
        accepted_types.insert(e.type());
        *log.add_events() = e;
        day = next_day;
        now = m.Describe(p, day);
        snapshot = m.Describe(p, as_of).SerializeAsString();
        statuses.insert(p.status);
      } else {
        ++refused;
        ASSERT_TRUE(st.code() == absl::StatusCode::kFailedPrecondition ||
                    st.code() == absl::StatusCode::kInvalidArgument)
            << st;
        ASSERT_EQ(p.events, before_events);
        ASSERT_EQ(p.status, before_status);
        ASSERT_EQ(m.Describe(p, as_of).SerializeAsString(), snapshot)
            << "sequence " << n << ": refused " << e.ShortDebugString() << " (" << st << ") changed the case";
      }
    }
    auto replayed = m.Replay(log);
    ASSERT_TRUE(replayed.ok()) << "sequence " << n << ": " << replayed.status();
    ASSERT_EQ(m.Describe(*replayed, as_of).SerializeAsString(), snapshot) << "sequence " << n;
    ASSERT_EQ(m.Describe(*replayed, p.last_date).SerializeAsString(), m.Describe(p, p.last_date).SerializeAsString());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[   INFO   ] %d sequences: %lld events accepted, %lld refused, %zu statuses, %zu event types reached; %.2f s\n",
              kSequences, static_cast<long long>(accepted), static_cast<long long>(refused), statuses.size(),
              accepted_types.size(), seconds);
  // The generator reaches deep into both flows.
  std::string missing;
  for (int t = 0; t < v1::EventType_descriptor()->value_count(); ++t) {
    const int number = v1::EventType_descriptor()->value(t)->number();
    if (number != v1::EVENT_TYPE_UNSPECIFIED && !accepted_types.count(number)) {
      absl::StrAppend(&missing, " ", v1::EventType_Name(number));
    }
  }
  for (int t = 0; t < v1::CaseStatus_descriptor()->value_count(); ++t) {
    const int number = v1::CaseStatus_descriptor()->value(t)->number();
    if (!statuses.count(number)) absl::StrAppend(&missing, " ", v1::CaseStatus_Name(number));
  }
  std::printf("[   INFO   ] never reached:%s\n", missing.c_str());
  // Every status but CASE_STATUS_UNSPECIFIED, which no accepted event leaves
  // (DEATH and RETIREMENT_AGE are refused as the first event), and every
  // event type: the appeal, Bawaslu's review and the annulment included.
  EXPECT_FALSE(statuses.count(v1::CASE_STATUS_UNSPECIFIED));
  EXPECT_EQ(statuses.size(), static_cast<size_t>(v1::CaseStatus_descriptor()->value_count() - 1)) << missing;
  EXPECT_EQ(accepted_types.size(), static_cast<size_t>(v1::EventType_descriptor()->value_count() - 1)) << missing;
}

// ===================================================================== more
// Behaviour found while writing the tests above.

TEST(CaseStore, AStoredEventTheMachineNowRefusesIsNamedOnReplay) {
  // Written under a 0-day follow-up period (escalated at once) and replayed
  // under the default 14 days.
  const std::string dir = absl::StrCat(::testing::TempDir(), "netra_case_test_", ::getpid(), "_law_changed");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const CaseMachine none = MakeMachine({{"neutrality_follow_up_days", "0"}});
  Scenario r = NeutralityRecommended(none);
  r.log.set_case_id("N-1");
  auto store = Store::Open(dir + "/cases.db");
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->CreateCase(r.log, none).ok());
  auto escalated = (*store)->AppendCaseEvent(
      "N-1", Parse<v1::CaseEvent>(R"(type: ESCALATED date: "2024-12-11" actor { role: ROLE_HANDLING_BODY body: BKN })"),
      none);
  ASSERT_TRUE(escalated.ok()) << escalated.status();
  auto replayed = (*store)->ReplayCase("N-1", Machine());
  EXPECT_TRUE(Says(replayed.status(), absl::StatusCode::kFailedPrecondition, "seq 4, ESCALATED")) << replayed.status();
  EXPECT_TRUE((*store)->ReplayCase("N-1", none).ok());
  // A refused replay writes nothing: the case still holds its 4 events.
  auto log = (*store)->ReadCase("N-1");
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->events_size(), 4);
  std::filesystem::remove_all(dir);
}

// With findings the law cannot answer yet (MISSING_FACTS), a type that no
// value of the missing facts would allow is refused when every alternative
// is a sanction: 15 days' absence without the consecutive count is S2T (no
// run of 10) or B3 (a run of 10), never R1. A type some value allows is
// accepted, with a note that the decision rests on the official's judgment.
TEST(CaseMachine, ADecisionOnIncompleteFindingsIsRefusedWhenNoValueOfTheMissingFactsAllowsIt) {
  Scenario r = Build("SUMMONED");
  r.Ok(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR }
          findings { acts { norm: "pp94.duty.attendance" act_date: "2024-06-28" absence { cumulative_working_days: 15 } } })");
  EXPECT_EQ(r.State("2024-07-12").determination().outcome(), v1::MISSING_FACTS);
  absl::Status st = Refused(r, R"(type: DECISION date: "2024-07-22" sanction_type: "R1"
                                  actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "R1 is allowed by no value of the missing facts")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "S2T") && absl::StrContains(st.message(), "B3")) << st;
  EXPECT_TRUE(NamesWord(st.message(), "R1")) << st;
  r.Ok(R"(type: DECISION date: "2024-07-22" sanction_type: "S2T" actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_ADMINISTRATOR })");
  const CaseState s = r.State("2024-07-22");
  EXPECT_EQ(s.status(), v1::DECIDED);
  EXPECT_EQ(s.determination().outcome(), v1::MISSING_FACTS);
  EXPECT_TRUE(Mentions(s, "rests on the official's judgment"));
  // When some value of a missing fact leaves no statutory answer (the impact
  // of harm_served), any type the official is competent for is accepted.
  Scenario g = Build("SUMMONED");
  g.Ok(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR }
          findings { acts { norm: "pp94.ban.harm_served" act_date: "2024-06-28" } })")
      .Ok(R"(type: DECISION date: "2024-07-22" sanction_type: "R1" actor { role: ROLE_SANCTIONING_OFFICIAL official: OFFICIAL_PENGAWAS })");
  const CaseState gs = g.State("2024-07-22");
  EXPECT_EQ(gs.determination().outcome(), v1::MISSING_FACTS);
  EXPECT_EQ(gs.sanction().sanction_type(), "R1");
  EXPECT_TRUE(Mentions(gs, "rests on the official's judgment"));
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

// A team formed after the direct superior's examination (state EXAMINED,
// "Pasal 29: before the examination ends") examines again, in EXAMINED or
// after the report up (REPORTED); only a team does, and only once formed.
TEST(CaseMachine, ATeamFormedAfterTheSuperiorsExaminationCanExamine) {
  const std::string team_exam =
      absl::StrCat(R"(type: EXAMINATION date: "2024-07-25" actor { role: ROLE_EXAMINATION_TEAM } )", Absence(29, "2024-06-28"));
  Scenario r = Build("EXAMINED");
  absl::Status st = Refused(r, team_exam);
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "TEAM_FORMED")) << st;
  r.Ok(R"(type: TEAM_FORMED date: "2024-07-15" actor { role: ROLE_PPK })");
  st = Refused(r, absl::StrCat(R"(type: EXAMINATION date: "2024-07-25" actor { role: ROLE_DIRECT_SUPERIOR } )",
                               Absence(29, "2024-06-28")));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition,
                   "EXAMINATION is for ROLE_EXAMINATION_TEAM, not ROLE_DIRECT_SUPERIOR")) << st;
  r.Ok(team_exam);
  EXPECT_EQ(r.p.status, v1::EXAMINED);
  EXPECT_TRUE(r.p.examined_by_team);
  EXPECT_EQ(r.State("2024-07-25").determination().level(), v1::BERAT);
  r.Ok(R"(type: DECISION date: "2024-07-29" sanction_type: "B3" document_number: "800/10/2024"
          actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_EQ(r.p.status, v1::DECIDED);
  // After the report up.
  Scenario up = Build("EXAMINED");
  up.Ok(R"(type: TEAM_FORMED date: "2024-07-15" actor { role: ROLE_PPK })")
      .Ok(R"(type: REPORTED_UP date: "2024-07-16" actor { role: ROLE_DIRECT_SUPERIOR })")
      .Ok(team_exam);
  EXPECT_EQ(up.p.status, v1::EXAMINED);
  EXPECT_TRUE(up.p.examined_by_team);
  // Not in a later state.
  Scenario decided = Build("DECIDED");
  st = Refused(decided, team_exam);
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "EXAMINATION is not allowed in state DECIDED")) << st;
}

// Escalation (blocking in SIASN, Peraturan BKN 1/2023) and unblocking are by
// the handling body of their date, like the recommendation: BKN from 24 Aug
// 2024, never KASN nor no body at all.
TEST(CaseMachine, EscalationAndUnblockingAreByTheHandlingBodyOfTheirDate) {
  Scenario r = NeutralityRecommended();
  for (const char* body : {"body: KASN", ""}) {
    absl::Status st = Refused(r, absl::StrCat(R"(type: ESCALATED date: "2024-12-27" actor { role: ROLE_HANDLING_BODY )", body, " }"));
    EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "handled by BKN")) << body << ": " << st;
    EXPECT_TRUE(absl::StrContains(st.message(), "skb2022.handling.bkn")) << st;
  }
  r.Ok(R"(type: ESCALATED date: "2024-12-27" actor { role: ROLE_HANDLING_BODY body: BKN })");
  for (const char* body : {"body: KASN", ""}) {
    absl::Status st = Refused(r, absl::StrCat(R"(type: UNBLOCKED date: "2024-12-30" actor { role: ROLE_HANDLING_BODY )", body, " }"));
    EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "UNBLOCKED in state ESCALATED_BLOCKED")) << body << ": " << st;
  }
  r.Ok(R"(type: UNBLOCKED date: "2024-12-30" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_FALSE(r.p.blocked);
  // Before 24 Aug 2024, KASN (with a 0-day follow-up period, escalation at once).
  const CaseMachine none = MakeMachine({{"neutrality_follow_up_days", "0"}});
  Scenario k(kTeacher, none);
  k.Ok(R"(type: REPORT date: "2024-08-01" actor { role: ROLE_REPORTER })")
      .Ok(absl::StrCat(R"(type: RECOMMENDATION date: "2024-08-12" actor { role: ROLE_HANDLING_BODY body: KASN } )",
                       Like("2024-07-25")));
  absl::Status st = Refused(k, R"(type: ESCALATED date: "2024-08-13" actor { role: ROLE_HANDLING_BODY body: BKN })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "handled by KASN")) << st;
  k.Ok(R"(type: ESCALATED date: "2024-08-13" actor { role: ROLE_HANDLING_BODY body: KASN })");
  // Blocked by KASN, unblocked by BKN once it handles the cases.
  st = Refused(k, R"(type: UNBLOCKED date: "2024-09-02" actor { role: ROLE_HANDLING_BODY body: KASN })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "handled by BKN")) << st;
  k.Ok(R"(type: UNBLOCKED date: "2024-09-02" actor { role: ROLE_HANDLING_BODY body: BKN })");
}

// The court route is offered as a next step once it is open: after the
// keberatan period of 21 working days passes in silence (not on its last
// day), and after a remedy decision.
TEST(CaseMachine, TheCourtIsOfferedAsANextStepOnceItsRouteIsOpen) {
  Scenario k = SedangReceived("PPK");
  k.Ok(R"(type: OBJECTION_FILED date: "2024-08-01" actor { role: ROLE_EMPLOYEE })");
  EXPECT_FALSE(HasNextStep(k.State("2024-08-30"), v1::COURT_FILED)) << "the last day of the period";
  const CaseState s = k.State("2024-09-02");
  EXPECT_EQ(Find(s, "objection_decision").status(), Deadline::OVERDUE);
  ASSERT_TRUE(HasNextStep(s, v1::COURT_FILED));
  EXPECT_TRUE(HasNextStep(s, v1::OBJECTION_DECIDED)) << "the PPK may still decide";
  for (const auto& n : s.next_steps()) {
    if (n.event() == v1::COURT_FILED) {
      ASSERT_EQ(n.roles_size(), 1);
      EXPECT_EQ(n.roles(0), v1::ROLE_EMPLOYEE);
    }
  }
  EXPECT_TRUE(k.Try(R"(type: COURT_FILED date: "2024-09-02" actor { role: ROLE_EMPLOYEE })").ok());
  // After the remedy decision: offered and accepted.
  for (const char* state : {"FINAL"}) {
    Scenario f = Build(state);
    EXPECT_TRUE(HasNextStep(f.State("2024-08-20"), v1::COURT_FILED)) << state;
  }
  Scenario a = Build("APPEAL_PENDING");
  a.Ok(R"(type: APPEAL_DECIDED date: "2024-08-01" outcome: CONFIRMED actor { role: ROLE_BPASN })");
  EXPECT_EQ(a.p.status, v1::FINAL);
  EXPECT_TRUE(HasNextStep(a.State("2024-08-01"), v1::COURT_FILED));
  a.Ok(R"(type: COURT_FILED date: "2024-08-05" actor { role: ROLE_EMPLOYEE })");
  EXPECT_EQ(a.p.status, v1::COURT_PENDING);
  // A sanction final for want of a keberatan has no court step.
  EXPECT_FALSE(HasNextStep(Build("RECEIVED_BY_EMPLOYEE").State("2024-08-20"), v1::COURT_FILED));
}

// DEATH and RETIREMENT_AGE end or mark a case already open; as the first
// event there is no case yet.
TEST(CaseMachine, DeathAndRetirementAgeAreRefusedAsTheFirstEvent) {
  for (const char* type : {"DEATH", "RETIREMENT_AGE"}) {
    Scenario r = Build("UNSPECIFIED");
    absl::Status st = Refused(r, absl::StrCat("type: ", type, R"( date: "2024-07-01" actor { role: ROLE_HR_OFFICIAL })"));
    EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition,
                     absl::StrCat(type, " is not allowed in state CASE_STATUS_UNSPECIFIED")))
        << st;
    EXPECT_EQ(r.p.status, v1::CASE_STATUS_UNSPECIFIED);
    EXPECT_FALSE(r.p.retired);
    r.Ok(R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_DIRECT_SUPERIOR })")
        .Ok(absl::StrCat("type: ", type, R"( date: "2024-07-02" actor { role: ROLE_HR_OFFICIAL })"));
  }
  Scenario dead = Build("OPENED");
  dead.Ok(R"(type: DEATH date: "2024-07-02" actor { role: ROLE_HR_OFFICIAL })");
  EXPECT_EQ(dead.p.status, v1::CLOSED_DEATH);
}

// ===================================================================== 8
// One table of procedure (src/lifecycle/procedure.cc): Apply and the next
// steps read the same rows, so every step offered is one Apply accepts.

// Every state the builders reach, of both kinds of case.
const char* const kBuiltStates[] = {
    "UNSPECIFIED",      "OPENED",           "SUMMONED",          "ABSENT_ONCE",           "SUMMONED_AGAIN",
    "ABSENT_TWICE",     "EXAMINED",         "REPORTED",          "DECIDED",               "AWAITING_RECEIPT",
    "AWAITING_RECEIPT+SENT", "RECEIVED_BY_EMPLOYEE", "OBJECTION_PENDING", "FINAL",         "COURT_PENDING",
    "APPEAL_PENDING",   "DISMISSAL_RECEIVED", "N_UNSPECIFIED",   "N_REPORT_RECEIVED",     "N_BAWASLU_REVIEW",
    "N_SUPERVISOR_REVIEW", "N_RECOMMENDATION_ISSUED", "N_ESCALATED_BLOCKED",
};

// Whether a refusal is one of the procedure's gates (the state, the
// condition of the row, the actor's role) rather than of the event's own
// content (a missing field, a date, an official's authority).
bool RefusedByTheTable(const absl::Status& st) {
  return st.code() == absl::StatusCode::kFailedPrecondition &&
         (absl::StrContains(st.message(), " is not allowed in state ") || absl::StrContains(st.message(), " is for "));
}

TEST(CaseProcedure, EveryNextStepIsAcceptedInItsStateByEachRoleItNames) {
  int checked = 0;
  for (const char* state : kBuiltStates) {
    for (const char* as_of : {"2025-01-06", "2026-06-01"}) {
      const Scenario built = BuildFor(state);
      const CaseState described = built.State(as_of);
      for (const v1::NextStep& step : described.next_steps()) {
        ASSERT_GT(step.roles_size(), 0) << state << " " << v1::EventType_Name(step.event());
        for (int role : step.roles()) {
          Scenario r = BuildFor(state);
          v1::CaseEvent e;
          e.set_type(step.event());
          e.set_date(as_of);
          e.mutable_actor()->set_role(static_cast<v1::Role>(role));
          const absl::Status st = r.m_->Apply(e, &r.p);
          EXPECT_FALSE(RefusedByTheTable(st))
              << state << " on " << as_of << ": " << v1::EventType_Name(step.event()) << " by "
              << v1::Role_Name(static_cast<v1::Role>(role)) << " is offered but refused: " << st;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 60);
}

// Who summons (PP 94/2021 Pasal 26(1)), records a no-show, examines and
// releases (Pasal 27(1), 31): the direct superior; the superior above only in
// place of a direct superior whose post is vacant (Pasal 31, and Peraturan
// BKN 6/2022's worked example of a vacant post; docs/law/pp94_2021.md).
TEST(CaseProcedure, TheDirectSuperiorSummonsAndTheSuperiorAboveOnlyForAVacantPost) {
  const char* kSummons = R"(type: SUMMONS_1 date: "2024-07-02" scheduled_date: "2024-07-12" )";
  Scenario r = Build("OPENED");
  absl::Status st = Refused(r, absl::StrCat(kSummons, "actor { role: ROLE_HIGHER_SUPERIOR }"));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "SUMMONS_1 is for ROLE_DIRECT_SUPERIOR")) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "actor.direct_superior_vacant")) << st;
  // The vacancy is the higher superior's to state; another role cannot.
  st = Refused(r, absl::StrCat(kSummons, "actor { role: ROLE_EXAMINATION_TEAM direct_superior_vacant: true }"));
  EXPECT_TRUE(Says(st, absl::StatusCode::kInvalidArgument, "actor.direct_superior_vacant")) << st;
  // In place of a vacant direct superior: summons, no-show, second summons,
  // release, examination and report up.
  r.Ok(absl::StrCat(kSummons, "actor { role: ROLE_HIGHER_SUPERIOR direct_superior_vacant: true }"))
      .Ok(R"(type: NO_SHOW date: "2024-07-12" actor { role: ROLE_HIGHER_SUPERIOR direct_superior_vacant: true })")
      .Ok(R"(type: SUMMONS_2 date: "2024-07-15" scheduled_date: "2024-07-25"
             actor { role: ROLE_HIGHER_SUPERIOR direct_superior_vacant: true })")
      .Ok(R"(type: TEMPORARY_RELEASE date: "2024-07-16" actor { role: ROLE_HIGHER_SUPERIOR direct_superior_vacant: true })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-25" actor { role: ROLE_HIGHER_SUPERIOR direct_superior_vacant: true } )",
                       Absence(15, "2024-06-28")))
      .Ok(R"(type: REPORTED_UP date: "2024-07-26" actor { role: ROLE_HIGHER_SUPERIOR direct_superior_vacant: true })");
  EXPECT_EQ(r.p.status, v1::REPORTED);
  // The team examines but does not record a no-show: the summons is the
  // direct superior's, who sits on the team (Pasal 29).
  Scenario team = Build("SUMMONED");
  team.Ok(R"(type: TEAM_FORMED date: "2024-07-08" actor { role: ROLE_PPK })");
  st = Refused(team, R"(type: NO_SHOW date: "2024-07-12" actor { role: ROLE_EXAMINATION_TEAM })");
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "NO_SHOW is for ROLE_DIRECT_SUPERIOR")) << st;
  // Anyone up the line may learn of the violation.
  Build("UNSPECIFIED").Ok(R"(type: KNOWLEDGE date: "2024-07-01" actor { role: ROLE_HIGHER_SUPERIOR })");
  // The next step says the same: the direct superior, and the superior
  // above for a vacant post.
  const CaseState opened = Build("OPENED").State("2024-07-01");
  ASSERT_TRUE(HasNextStep(opened, v1::SUMMONS_1));
  for (const v1::NextStep& step : opened.next_steps()) {
    if (step.event() != v1::SUMMONS_1) continue;
    ASSERT_EQ(step.roles_size(), 1);
    EXPECT_EQ(step.roles(0), v1::ROLE_DIRECT_SUPERIOR);
    EXPECT_TRUE(absl::StrContains(step.note(), "ROLE_HIGHER_SUPERIOR in place of a vacant direct superior"));
  }
}

// The findings are prepared once, when given, and kept with the case: the
// state's determination is the evaluator's answer on them.
TEST(CaseProcedure, FindingsArePreparedOnceAndKeptWithTheCase) {
  Scenario r = Build("EXAMINED");
  ASSERT_TRUE(r.p.has_findings);
  EXPECT_EQ(r.p.facts.acts.size(), 1u);
  EXPECT_EQ(r.p.result.outcome, v1::SANCTION);
  EXPECT_EQ(r.p.result.level, v1::SEDANG);
  auto direct = Machine().evaluator().Evaluate(r.p.findings);
  ASSERT_TRUE(direct.ok()) << direct.status();
  EXPECT_EQ(r.State("2024-07-12").determination().SerializeAsString(), direct->SerializeAsString());
  // A refused decision on other findings (3 days: RINGAN, so no S2T) leaves
  // the prepared findings as they were.
  const absl::Status st = Refused(r, absl::StrCat(R"(type: DECISION date: "2024-07-22" sanction_type: "S2T"
                                                     actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK } )",
                                                  Absence(3, "2024-06-28")));
  EXPECT_TRUE(Says(st, absl::StatusCode::kFailedPrecondition, "S2T is not allowed for these findings")) << st;
  EXPECT_EQ(r.p.result.level, v1::SEDANG);
  EXPECT_EQ(r.p.facts.acts[0].cumulative_days, 15);
}

// A BERAT case examined by the direct superior and reported up: the PPK
// forms the team then (Pasal 29: before the examination ends), the team
// examines, and only then is the decision offered and accepted.
TEST(CaseProcedure, ABeratCaseReportedUpIsExaminedByATeamBeforeTheDecision) {
  const char* kBerat = R"(findings { acts { norm: "pp94.duty.service" act_date: "2024-06-28" impact: NEGARA_PEMERINTAH } })";
  Scenario r = Build("SUMMONED");
  r.Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-12" actor { role: ROLE_DIRECT_SUPERIOR } )", kBerat))
      .Ok(R"(type: REPORTED_UP date: "2024-07-15" actor { role: ROLE_DIRECT_SUPERIOR })");
  CaseState reported = r.State("2024-07-15");
  EXPECT_TRUE(HasNextStep(reported, v1::TEAM_FORMED));
  EXPECT_TRUE(HasNextStep(reported, v1::EXAMINATION));
  EXPECT_FALSE(HasNextStep(reported, v1::DECISION));
  r.Ok(R"(type: TEAM_FORMED date: "2024-07-16" actor { role: ROLE_PPK })")
      .Ok(absl::StrCat(R"(type: EXAMINATION date: "2024-07-19" actor { role: ROLE_EXAMINATION_TEAM } )", kBerat));
  EXPECT_TRUE(HasNextStep(r.State("2024-07-19"), v1::DECISION));
  r.Ok(R"(type: DECISION date: "2024-07-22" sanction_type: "B1" actor { role: ROLE_SANCTIONING_OFFICIAL official: PPK })");
  EXPECT_EQ(r.p.status, v1::DECIDED);
}

// A decision absent at delivery is sent first; its receipt is offered, and
// accepted, only once it has been sent (Pasal 37(4)).
TEST(CaseProcedure, AReceiptIsOfferedOnlyOnceTheDecisionIsSent) {
  Scenario r = Build("AWAITING_RECEIPT");
  CaseState waiting = r.State("2024-07-30");
  EXPECT_TRUE(HasNextStep(waiting, v1::SENT));
  EXPECT_FALSE(HasNextStep(waiting, v1::RECEIVED));
  r.Ok(R"(type: SENT date: "2024-07-31" actor { role: ROLE_HR_OFFICIAL })");
  CaseState sent = r.State("2024-07-31");
  EXPECT_FALSE(HasNextStep(sent, v1::SENT));
  EXPECT_TRUE(HasNextStep(sent, v1::RECEIVED));
}
}  // namespace
}  // namespace netra
