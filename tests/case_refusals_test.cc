// What the case machine accepts and refuses: every event type is accepted in
// some state and refused in another (the Transition table); a refusal names
// the event and the state, and changes nothing; an actor without the role, an
// official without authority, a sanction type the findings do not allow, an
// event out of date order or of the other kind of case are refused.
#include <set>
#include <string>
#include <vector>

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
using testing_case::D;
using testing_case::DueOf;
using testing_case::HasNextStep;
using testing_case::Like;
using testing_case::Machine;
using testing_case::Mentions;
using testing_case::NeutralityRecommended;
using testing_case::Parse;
using testing_case::Refused;
using testing_case::Says;
using testing_case::Scenario;
using testing_case::kTeacher;
using v1::CaseState;

// =====================================================================
// Transitions allowed and refused.

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

}  // namespace
}  // namespace netra
