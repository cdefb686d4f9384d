// Breaches from neutrality cases: a confirmed violation is linked to the
// signer's pact as a breach of the commitments whose decree rows it matches
// (docs/law/pakta_netralitas.md), never before it is confirmed, before the
// pact was signed or without a pact.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "netra/case.h"
#include "netra/pact.h"
#include "pact_testing.h"

namespace netra {
namespace {

using testing_pact::D;
using testing_pact::Ev;
using testing_pact::MakeRegistry;
using testing_pact::PactBreachFromCase;
using testing_pact::Signed;
using testing_pact::kLead;
using testing_pact::kStaff;
using v1::PactEvent;
using v1::PactProgress;

// ------------------------------------------------ breaches from neutrality cases

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
  EXPECT_TRUE(absl::StrContains(twice.message(), "already linked to case \"BAWASLU-117\"")) << twice;
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

}  // namespace
}  // namespace netra
