// A fact is reported missing only when it would change the answer (issue 20),
// and facts known only as bounds: the invariant of fuzz/missing_facts_check.h
// over every law vector, variants of each with a fact taken away or given as
// a range, and every norm with no fact given; the answers the issue names;
// and the fast path resolving missing facts without allocating.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "fuzz/missing_facts_check.h"
#include "netra/date.h"
#include "netra/evaluator.h"
#include "netra/json.h"
#include "netra/rule_book.h"
#include "netra/text.h"
#include "netra/v1/conformance.pb.h"
#include "vector_files.h"

// Allocation counter for the hot-path test: counts the operator new calls of
// the thread that armed it.
namespace {
thread_local bool counting = false;
thread_local long allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
// Every unaligned form, so that new and delete always pair (malloc/free).
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (counting) ++allocations;
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace netra {
namespace {


const Evaluator& Ev() {
  static const Evaluator* e = [] {
    auto book = RuleBook::Load();
    EXPECT_TRUE(book.ok()) << book.status();
    return new Evaluator(*Evaluator::Create(*book));
  }();
  return *e;
}

std::vector<std::pair<std::string, v1::EvaluationRequest>> VectorRequests() {
  std::vector<std::pair<std::string, v1::EvaluationRequest>> out;
  for (const auto& [name, v] : testing_vectors::LawVectors()) out.push_back({name, v.request()});
  for (const auto& [name, v] : testing_vectors::AuditVectors()) {
    v1::EvaluationRequest r = v.decided().request();
    r.set_decision_date(v.decided().imposed().decision_date());
    out.push_back({name, r});
  }
  return out;
}

// The request with one fact of one act taken away, or given only as a range.
std::vector<std::pair<std::string, v1::EvaluationRequest>> Variants(const v1::EvaluationRequest& r) {
  std::vector<std::pair<std::string, v1::EvaluationRequest>> out;
  auto add = [&](const std::string& what, auto change) {
    v1::EvaluationRequest c = r;
    change(&c);
    out.push_back({what, c});
  };
  if (r.employee().position().jf_level() == v1::JF_LEVEL_UNSPECIFIED && !r.employee().position().is_ppk()) {
    add("without the position", [](v1::EvaluationRequest* c) { c->mutable_employee()->mutable_position()->clear_type(); });
  }
  for (int i = 0; i < r.acts_size(); ++i) {
    auto act = [i](v1::EvaluationRequest* c) { return c->mutable_acts(i); };
    const v1::Act& a = r.acts(i);
    const std::string at = absl::StrCat("acts[", i, "] ");
    add(at + "without impact", [&](v1::EvaluationRequest* c) { act(c)->clear_impact(); });
    add(at + "without valid_reason", [&](v1::EvaluationRequest* c) { act(c)->clear_valid_reason(); });
    add(at + "without wealth_report_obliged", [&](v1::EvaluationRequest* c) { act(c)->clear_wealth_report_obliged(); });
    add(at + "without reference_sanction", [&](v1::EvaluationRequest* c) { act(c)->clear_reference_sanction(); });
    add(at + "without the target", [&](v1::EvaluationRequest* c) { act(c)->mutable_neutrality()->clear_target(); });
    add(at + "without the route",
        [&](v1::EvaluationRequest* c) { act(c)->mutable_neutrality()->mutable_target()->clear_route(); });
    add(at + "without the neutrality flags", [&](v1::EvaluationRequest* c) {
      v1::NeutralityFacts* n = act(c)->mutable_neutrality();
      n->clear_on_cltn();
      n->clear_active_support();
      n->clear_resigned_in_writing();
      n->clear_cltn_conduct_breach();
      n->clear_campaign_attributes();
      n->clear_mobilised_staff();
      n->clear_state_facilities();
    });
    add(at + "without any count", [&](v1::EvaluationRequest* c) {
      act(c)->mutable_absence()->clear_cumulative_working_days();
      act(c)->mutable_absence()->clear_consecutive_working_days();
    });
    add(at + "without the run", [&](v1::EvaluationRequest* c) { act(c)->mutable_absence()->clear_consecutive_working_days(); });
    add(at + "without the total", [&](v1::EvaluationRequest* c) { act(c)->mutable_absence()->clear_cumulative_working_days(); });
    if (a.absence().has_cumulative_working_days()) {
      const int n = a.absence().cumulative_working_days();
      add(at + "total as a range", [&](v1::EvaluationRequest* c) {
        v1::Absence* ab = act(c)->mutable_absence();
        ab->clear_cumulative_working_days();
        ab->mutable_cumulative_working_days_range()->set_at_least(std::max(0, n - 3));
        ab->mutable_cumulative_working_days_range()->set_at_most(std::min(366, n + 3));
        if (ab->has_consecutive_working_days() && ab->consecutive_working_days() > n - 3) ab->clear_consecutive_working_days();
      });
      add(at + "total as a lower bound", [&](v1::EvaluationRequest* c) {
        v1::Absence* ab = act(c)->mutable_absence();
        ab->clear_cumulative_working_days();
        ab->mutable_cumulative_working_days_range()->set_at_least(n);
      });
    }
    if (a.absence().has_consecutive_working_days()) {
      const int n = a.absence().consecutive_working_days();
      add(at + "run as a range", [&](v1::EvaluationRequest* c) {
        v1::Absence* ab = act(c)->mutable_absence();
        ab->clear_consecutive_working_days();
        ab->mutable_consecutive_working_days_range()->set_at_least(std::max(0, n - 5));
        ab->mutable_consecutive_working_days_range()->set_at_most(n);
      });
    }
    if (auto d = ParseDate(a.act_date(), "act_date"); d.ok()) {
      for (int days : {10, 45, 400}) {
        add(absl::StrCat(at, "date as a range of ", days, " days"), [&](v1::EvaluationRequest* c) {
          act(c)->clear_act_date();
          act(c)->mutable_act_date_range()->set_from(FormatDate(*d - days));
          act(c)->mutable_act_date_range()->set_until(FormatDate(*d));
        });
      }
    }
  }
  return out;
}

void ExpectInvariant(const std::string& name, const v1::EvaluationRequest& r) {
  auto d = Ev().Evaluate(r);
  if (!d.ok()) return;  // a variant the request refuses (e.g. a tenth day after the range's start)
  const std::string error = netra_fuzz::CheckMissingFacts(Ev(), r, *d);
  EXPECT_EQ(error, "") << name << "\n" << r.ShortDebugString();
}

TEST(MissingFacts, InvariantHoldsOverEveryVectorAndItsVariants) {
  const auto vectors = VectorRequests();
  ASSERT_GT(vectors.size(), 300u);
  int checked = 0;
  for (const auto& [file, request] : vectors) {
    ExpectInvariant(file, request);
    for (const auto& [what, variant] : Variants(request)) {
      ExpectInvariant(file + ": " + what, variant);
      ++checked;
    }
  }
  EXPECT_GT(checked, 3000);
}

// Every norm with nothing but its date: the most facts missing at once, so
// the most combinations to try (kMaxHypotheses must suffice for the embedded
// law, or the answer would name facts that do not matter).
TEST(MissingFacts, InvariantHoldsForEveryNormWithNoFactGiven) {
  int norms = 0;
  for (const RuleEntry& e : Ev().book().rules()) {
    if (!e.rule->has_norm()) continue;
    ++norms;
    for (const char* date : {"2024-08-01", "2024-11-20", "2025-03-03"}) {
      v1::EvaluationRequest r;
      r.mutable_employee()->set_kind(v1::PNS);
      r.mutable_employee()->mutable_agency()->set_level(v1::PROVINCE);
      r.add_acts()->set_norm(e.rule->id());
      r.mutable_acts(0)->set_act_date(date);
      ExpectInvariant(e.rule->id(), r);
      auto d = Ev().Evaluate(r);
      ASSERT_TRUE(d.ok()) << d.status();
      for (const auto& m : d->acts(0).missing_facts()) {
        EXPECT_GE(m.alternatives_size(), 2) << e.rule->id() << ": " << m.field();
      }
    }
  }
  EXPECT_GT(norms, 50);
}

// A missing work target is asked for by its bands of percent, as a count
// is, never as true/false (the rules pp53.level.duty.work_target.*).
TEST(MissingFacts, AWorkTargetIsAskedForByItsBands) {
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  r.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  r.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  r.add_acts()->set_norm("pp53.duty.work_target");
  r.mutable_acts(0)->set_act_date("2019-12-31");
  r.set_decision_date("2020-02-01");
  auto d = Ev().Evaluate(r);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->acts(0).missing_facts_size(), 1);
  const v1::MissingFact& m = d->acts(0).missing_facts(0);
  EXPECT_EQ(m.field(), "acts[0].work_target_percent");
  ASSERT_EQ(m.alternatives_size(), 4);
  EXPECT_EQ(m.alternatives(0).count_range().at_least(), 0);
  for (const v1::Alternative& alt : m.alternatives()) {
    EXPECT_TRUE(alt.has_count_range()) << alt.value();
    EXPECT_NE(alt.value(), "true");
    EXPECT_NE(alt.value(), "false");
  }
  EXPECT_FALSE(m.alternatives(3).count_range().has_at_most());
}

v1::EvaluationRequest Absence(int cumulative) {
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  r.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  r.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  v1::Act* a = r.add_acts();
  a->set_norm("pp94.duty.attendance");
  a->set_act_date("2025-06-30");
  if (cumulative >= 0) a->mutable_absence()->set_cumulative_working_days(cumulative);
  return r;
}

TEST(MissingFacts, ThirtyDaysAreB3WhateverTheLongestRun) {
  auto d = Ev().Evaluate(Absence(30));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(v1::Outcome_Name(d->outcome()), "SANCTION");
  EXPECT_EQ(v1::Level_Name(d->level()), "BERAT");
  ASSERT_EQ(d->allowed_sanctions_size(), 1);
  EXPECT_EQ(d->allowed_sanctions(0).code(), "B3");
  EXPECT_TRUE(d->missing_facts().empty());
  ASSERT_EQ(d->acts(0).immaterial_facts_size(), 1);
  EXPECT_EQ(d->acts(0).immaterial_facts(0), "acts[0].absence.consecutive_working_days");
  EXPECT_EQ(d->acts(0).basis(1).rule_id(), "pp94.absence.cumulative_28_days");
  // The salary stop of Pasal 15(2) still depends on the run: it is not claimed.
  EXPECT_FALSE(d->acts(0).salary_stop());
  const std::string text = DeterminationText(*d);
  EXPECT_TRUE(absl::StrContains(text, "holds whatever acts[0].absence.consecutive_working_days (not given) is")) << text;
  EXPECT_TRUE(absl::StrContains(text, "only a run of 10 working days stops it")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Competent officials:")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Examination team: REQUIRED")) << text;
}

TEST(MissingFacts, FifteenDaysWithoutTheRunStayMissing) {
  auto d = Ev().Evaluate(Absence(15));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(v1::Outcome_Name(d->outcome()), "MISSING_FACTS");
  ASSERT_EQ(d->missing_facts_size(), 1);
  const v1::MissingFact& m = d->missing_facts(0);
  EXPECT_EQ(m.field(), "acts[0].absence.consecutive_working_days");
  ASSERT_EQ(m.alternatives_size(), 2);
  EXPECT_EQ(m.alternatives(0).value(), "0..9");
  EXPECT_EQ(m.alternatives(0).count_range().at_most(), 9);
  EXPECT_EQ(m.alternatives(1).value(), "10..15");
  EXPECT_EQ(m.alternatives(1).sanction_types(0), "B3");
}

TEST(MissingFacts, ATotalGivenAsARangeSplitsAtTheThresholds) {
  v1::EvaluationRequest r = Absence(-1);
  v1::Absence* ab = r.mutable_acts(0)->mutable_absence();
  ab->set_consecutive_working_days(3);
  ab->mutable_cumulative_working_days_range()->set_at_least(20);
  ab->mutable_cumulative_working_days_range()->set_at_most(30);
  auto d = Ev().Evaluate(r);
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->missing_facts_size(), 1);
  std::vector<std::string> values;
  for (const auto& alt : d->missing_facts(0).alternatives()) values.push_back(alt.value());
  EXPECT_EQ(absl::StrJoin(values, " "), "20 21..24 25..27 28..30");
  // At least 28: B3 whatever the exact total.
  ab->mutable_cumulative_working_days_range()->clear_at_most();
  ab->mutable_cumulative_working_days_range()->set_at_least(28);
  d = Ev().Evaluate(r);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(v1::Outcome_Name(d->outcome()), "SANCTION");
  EXPECT_EQ(d->allowed_sanctions(0).code(), "B3");
  EXPECT_EQ(d->acts(0).immaterial_facts(0), "acts[0].absence.cumulative_working_days");
}

v1::EvaluationRequest LikeOfARegentPair(const std::string& from, const std::string& until) {
  v1::EvaluationRequest r;
  r.mutable_employee()->set_kind(v1::PNS);
  r.mutable_employee()->mutable_position()->set_type(v1::PELAKSANA);
  r.mutable_employee()->mutable_agency()->set_level(v1::REGENCY_CITY);
  v1::Act* a = r.add_acts();
  a->set_norm("neutrality.social_media_interaction");
  a->mutable_act_date_range()->set_from(from);
  a->mutable_act_date_range()->set_until(until);
  a->mutable_neutrality()->mutable_target()->set_election("pilkada2024");
  a->mutable_neutrality()->mutable_target()->set_office(v1::REGENT);
  a->mutable_neutrality()->mutable_target()->set_route(v1::PARTY_NOMINATED);
  a->mutable_neutrality()->set_on_cltn(false);
  a->mutable_neutrality()->set_active_support(true);
  r.set_decision_date("2024-12-16");
  return r;
}

TEST(MissingFacts, AnActDateRangeSplitsAtTheCandidatesDetermination) {
  auto d = Ev().Evaluate(LikeOfARegentPair("2024-08-01", "2024-10-31"));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(v1::Outcome_Name(d->outcome()), "MISSING_FACTS");
  ASSERT_EQ(d->missing_facts_size(), 1);
  const v1::MissingFact& m = d->missing_facts(0);
  EXPECT_EQ(m.field(), "acts[0].act_date");
  ASSERT_EQ(m.alternatives_size(), 2);
  EXPECT_EQ(m.alternatives(0).date_range().from(), "2024-08-01");
  EXPECT_EQ(m.alternatives(1).date_range().until(), "2024-10-31");
  EXPECT_EQ(m.alternatives(0).date_range().until(), FormatDate(*ParseDate(m.alternatives(1).date_range().from(), "") - 1));
  // All of October 2024: after the determination, one answer.
  d = Ev().Evaluate(LikeOfARegentPair("2024-10-01", "2024-10-31"));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(v1::Outcome_Name(d->outcome()), "SANCTION");
  EXPECT_EQ(v1::Level_Name(d->level()), "BERAT");
  EXPECT_EQ(v1::CandidateStatus_Name(d->acts(0).election_stage().candidate_status()), "CALON");
}

// Evaluate(CaseFacts, CaseResult*) decides missing facts on the stack: once
// the result has grown, nothing is allocated, whether a fact is missing,
// immaterial or given as a range.
TEST(MissingFacts, ResolvingMissingFactsDoesNotAllocate) {
  std::vector<v1::EvaluationRequest> requests = {Absence(30), Absence(15), Absence(-1),
                                                 LikeOfARegentPair("2024-08-01", "2024-10-31")};
  v1::EvaluationRequest range = Absence(-1);
  range.mutable_acts(0)->mutable_absence()->mutable_cumulative_working_days_range()->set_at_least(20);
  requests.push_back(range);
  v1::EvaluationRequest nothing;
  nothing.mutable_employee()->set_kind(v1::PNS);
  nothing.add_acts()->set_norm("neutrality.social_media_interaction");
  nothing.mutable_acts(0)->set_act_date("2024-10-01");
  requests.push_back(nothing);
  CaseResult result;
  for (const auto& r : requests) {
    CaseFacts facts;
    ASSERT_TRUE(Ev().Prepare(r, &facts).ok());
    Ev().Evaluate(facts, &result);  // grows the result
    allocations = 0;
    counting = true;
    Ev().Evaluate(facts, &result);
    counting = false;
    EXPECT_EQ(allocations, 0) << r.ShortDebugString();
  }
  // The counter works: a vector's growth is counted.
  counting = true;
  std::vector<int> grow(10);
  counting = false;
  EXPECT_GT(allocations, 0);
}

}  // namespace
}  // namespace netra
