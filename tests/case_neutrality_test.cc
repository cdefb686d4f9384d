// The neutrality flow of docs/law/neutrality_skb2022.md: report, Bawaslu's
// review, the handling body's recommendation (KASN until 24 Aug 2024, BKN
// from then on), the follow-up period, escalation and unblocking, and the
// ways a neutrality case ends.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "case_testing.h"
#include "netra/case.h"
#include "netra/date.h"

namespace netra {
namespace {

using testing_case::Book;
using testing_case::Build;
using testing_case::D;
using testing_case::DueOf;
using testing_case::Find;
using testing_case::HasNextStep;
using testing_case::Like;
using testing_case::Machine;
using testing_case::MakeMachine;
using testing_case::NeutralityRecommended;
using testing_case::Refused;
using testing_case::Says;
using testing_case::Scenario;
using testing_case::kTeacher;
using v1::CaseState;
using v1::Deadline;

// =====================================================================
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

}  // namespace
}  // namespace netra
