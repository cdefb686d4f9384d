// The integrity-pact registry: it issues to the ASN kinds that must sign
// (leaders the leadership template), and refuses what
// docs/law/pakta_netralitas.md forbids without changing anything; declines,
// supersessions, withdrawals, unit changes, expiry and breaches count as the
// law says on any date.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "netra/pact.h"
#include "pact_testing.h"

namespace netra {
namespace {

using testing_pact::Book;
using testing_pact::Breached;
using testing_pact::D;
using testing_pact::Ev;
using testing_pact::KindsRoster;
using testing_pact::MakeRegistry;
using testing_pact::MakeRoster;
using testing_pact::PnsNip;
using testing_pact::Signed;
using testing_pact::kC2;
using testing_pact::kCpns;
using testing_pact::kElsewhere;
using testing_pact::kHead;
using testing_pact::kHeadPppk;
using testing_pact::kLead;
using testing_pact::kNonAsn;
using testing_pact::kPns;
using testing_pact::kPppk;
using testing_pact::kPppkPw;
using testing_pact::kStaff;
using v1::PactEvent;
using v1::PactProgress;

constexpr char kC1[] = "pact.c1.uphold_neutrality_in_public_service";
constexpr char kC4[] = "pact.c4.refuse_money_politics_and_gifts";

// ---------------------------------------------------------------- registry

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

// Issue 18 item 7: a pact cannot be older than the 2022 decree it rests on,
// whether issued one by one (Apply) or to the whole roster (IssueAll).
TEST_F(PactLifecycle, NoPactIsIssuedBeforeItsLegalBasisTookEffect) {
  auto n = reg_.IssueAll(D("1900-01-01"), kStaff, kLead);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().message(),
            "PACT_ISSUED on 1900-01-01: dated before the pact's legal basis (skb2022) took effect on 2022-09-22");
  EXPECT_EQ(P().total().issued(), 0) << "nothing was issued";
  IssueAll("2022-09-22");  // the first day it may be
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

}  // namespace
}  // namespace netra
