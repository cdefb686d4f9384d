// The case machine's one table of procedure (src/lifecycle/procedure.cc):
// every next step offered is accepted by each role it names; who summons,
// examines and reports (the direct superior, the superior above for a vacant
// post, a team once formed); findings prepared once; and the steps offered
// only once their route is open (a receipt after sending, the court).
#include <string>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "case_testing.h"
#include "netra/case.h"

namespace netra {
namespace {

using testing_case::Absence;
using testing_case::Build;
using testing_case::BuildFor;
using testing_case::Find;
using testing_case::HasNextStep;
using testing_case::Machine;
using testing_case::Refused;
using testing_case::Says;
using testing_case::Scenario;
using testing_case::SedangReceived;
using v1::CaseState;
using v1::Deadline;

// =====================================================================
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

}  // namespace
}  // namespace netra
