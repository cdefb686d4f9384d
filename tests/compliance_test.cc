// Agency compliance figures from neutrality cases
// (docs/law/compliance_im_nkk.md) against a hand count; IM NKK predicates only
// from the scale the user sets.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "netra/case.h"
#include "netra/pact.h"
#include "pact_testing.h"

namespace netra {
namespace {

using testing_pact::Book;
using testing_pact::Csv;
using testing_pact::D;
using testing_pact::PactBreachFromCase;
using testing_pact::PnsNip;
using v1::RosterImportReport;

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
