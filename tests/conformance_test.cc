// Law test vectors: every tests/vectors/*.textproto is one TestVector, run
// through the evaluator on the embedded law. A second test demands that every
// rule the evaluator can cite is cited by at least one vector's answer.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/text_format.h"
#include "netra/audit.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/v1/conformance.pb.h"
#include "test_names.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

template <typename Message>
struct VectorFile {
  std::string file;
  Message vector;
};
using Vector = VectorFile<v1::TestVector>;
using AuditVector = VectorFile<v1::AuditVector>;

// Every *.textproto directly in tests/vectors/<subdir>, parsed as Message.
template <typename Message>
std::vector<VectorFile<Message>> Load(const std::string& subdir) {
  std::vector<VectorFile<Message>> out;
  const fs::path dir = fs::path(NETRA_SOURCE_DIR) / "tests" / "vectors" / subdir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".textproto") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    VectorFile<Message> v;
    v.file = p.filename().string();
    if (!google::protobuf::TextFormat::ParseFromString(ss.str(), &v.vector)) {
      ADD_FAILURE() << p << ": does not parse as " << Message::descriptor()->full_name();
      continue;
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Vector> LoadVectors() { return Load<v1::TestVector>(""); }

const Evaluator& TheEvaluator() {
  static const Evaluator* e = [] {
    auto book = RuleBook::Load();
    EXPECT_TRUE(book.ok()) << book.status();
    auto ev = Evaluator::Create(*book);
    EXPECT_TRUE(ev.ok()) << ev.status();
    return new Evaluator(*std::move(ev));
  }();
  return *e;
}

std::set<std::string> Codes(const google::protobuf::RepeatedPtrField<v1::AllowedSanction>& s) {
  std::set<std::string> out;
  for (const auto& a : s) out.insert(a.code());
  return out;
}

void CollectRuleIds(const v1::Determination& d, std::set<std::string>* ids) {
  auto basis = [&](const auto& list) {
    for (const auto& b : list) ids->insert(b.rule_id());
  };
  basis(d.basis());
  for (const auto& a : d.acts()) {
    basis(a.basis());
    for (const auto& s : a.allowed_sanctions()) ids->insert(s.rule_id());
  }
  for (const auto& s : d.allowed_sanctions()) ids->insert(s.rule_id());
  for (const auto& c : d.competent_officials()) {
    ids->insert(c.rule_id());
    for (const auto& id : c.also_rule_ids()) ids->insert(id);
  }
  for (const auto& m : d.missing_facts()) {
    for (const auto& alt : m.alternatives()) {
      if (!alt.rule_id().empty()) ids->insert(alt.rule_id());
    }
  }
  if (d.has_procedure()) ids->insert(d.procedure().rule_id());
  if (d.has_handling()) ids->insert(d.handling().rule_id());
}

bool AnyBasis(const v1::Determination& d, const std::string& id) {
  std::set<std::string> ids;
  CollectRuleIds(d, &ids);
  return ids.count(id) > 0;
}

void Check(const Vector& v, const v1::Determination& d) {
  const v1::Expectation& x = v.vector.expect();
  SCOPED_TRACE(v.file + ": " + v.vector.name());
  if (x.outcome() != v1::OUTCOME_UNSPECIFIED) EXPECT_EQ(v1::Outcome_Name(d.outcome()), v1::Outcome_Name(x.outcome()));
  if (x.level() != v1::LEVEL_UNSPECIFIED) EXPECT_EQ(v1::Level_Name(d.level()), v1::Level_Name(x.level()));
  if (x.regime() != v1::REGIME_UNSPECIFIED) EXPECT_EQ(v1::Regime_Name(d.regime()), v1::Regime_Name(x.regime()));
  if (x.handling() != v1::HANDLING_BODY_UNSPECIFIED) {
    EXPECT_EQ(v1::HandlingBody_Name(d.handling().body()), v1::HandlingBody_Name(x.handling()));
  }
  if (!x.allowed_sanctions().empty()) {
    EXPECT_EQ(absl::StrJoin(Codes(d.allowed_sanctions()), ","),
              absl::StrJoin(std::set<std::string>(x.allowed_sanctions().begin(), x.allowed_sanctions().end()), ","));
  }
  for (const std::string& id : x.basis_includes()) EXPECT_TRUE(AnyBasis(d, id)) << "basis lacks " << id;
  if (!x.competent_officials().empty()) {
    std::multiset<std::string> got, want;
    for (const auto& c : d.competent_officials()) got.insert(v1::Official_Name(c.official()));
    for (int o : x.competent_officials()) want.insert(v1::Official_Name(o));
    EXPECT_EQ(absl::StrJoin(got, ","), absl::StrJoin(want, ","));
    for (int i = 0; i < x.proposers_size() && i < x.competent_officials_size(); ++i) {
      bool found = false;
      for (const auto& c : d.competent_officials()) {
        found |= c.official() == x.competent_officials(i) && c.proposer() == x.proposers(i);
      }
      EXPECT_TRUE(found) << v1::Official_Name(x.competent_officials(i)) << " with proposer "
                         << v1::Official_Name(x.proposers(i));
    }
  }
  if (x.team() != v1::ProcedureRule::TEAM_UNSPECIFIED) {
    EXPECT_EQ(v1::ProcedureRule::Team_Name(d.procedure().team()), v1::ProcedureRule::Team_Name(x.team()));
  }
  for (const std::string& f : x.missing_facts()) {
    bool found = false;
    for (const auto& m : d.missing_facts()) found |= m.field() == f;
    EXPECT_TRUE(found) << "missing_facts lacks " << f;
  }
  ASSERT_LE(x.acts_size(), d.acts_size());
  for (int i = 0; i < x.acts_size(); ++i) {
    const v1::ExpectedAct& xa = x.acts(i);
    const v1::ActDetermination& a = d.acts(i);
    SCOPED_TRACE("acts[" + std::to_string(i) + "]");
    if (xa.outcome() != v1::OUTCOME_UNSPECIFIED) EXPECT_EQ(v1::Outcome_Name(a.outcome()), v1::Outcome_Name(xa.outcome()));
    if (xa.level() != v1::LEVEL_UNSPECIFIED) EXPECT_EQ(v1::Level_Name(a.level()), v1::Level_Name(xa.level()));
    if (xa.regime() != v1::REGIME_UNSPECIFIED) EXPECT_EQ(v1::Regime_Name(a.regime()), v1::Regime_Name(xa.regime()));
    if (xa.candidate_status() != v1::CANDIDATE_STATUS_UNSPECIFIED) {
      EXPECT_EQ(v1::CandidateStatus_Name(a.election_stage().candidate_status()),
                v1::CandidateStatus_Name(xa.candidate_status()));
    }
    if (xa.stage() != v1::STAGE_UNSPECIFIED) {
      EXPECT_EQ(v1::Stage_Name(a.election_stage().stage()), v1::Stage_Name(xa.stage()));
    }
    if (!xa.allowed_sanctions().empty()) {
      EXPECT_EQ(absl::StrJoin(Codes(a.allowed_sanctions()), ","),
                absl::StrJoin(std::set<std::string>(xa.allowed_sanctions().begin(), xa.allowed_sanctions().end()), ","));
    }
    for (const std::string& id : xa.basis_includes()) {
      bool found = false;
      for (const auto& b : a.basis()) found |= b.rule_id() == id;
      EXPECT_TRUE(found) << "act basis lacks " << id;
    }
    for (const std::string& f : xa.missing_facts()) {
      bool found = false;
      for (const auto& m : a.missing_facts()) found |= m.field() == f;
      EXPECT_TRUE(found) << "act missing_facts lacks " << f;
    }
    for (const std::string& f : xa.immaterial_facts()) {
      EXPECT_TRUE(std::find(a.immaterial_facts().begin(), a.immaterial_facts().end(), f) != a.immaterial_facts().end())
          << "act immaterial_facts lacks " << f;
    }
    if (xa.salary_stop()) EXPECT_TRUE(a.salary_stop());
    if (!xa.salary_stop_from().empty()) EXPECT_EQ(a.salary_stop_from(), xa.salary_stop_from());
  }
}

// Every vector is its own test, named by its file (a sentence about the law),
// so that `ctest -R <part of the name>` runs one and a failure hides no other.
// The files are listed when the tests are listed (gtest_discover_tests with
// DISCOVERY_MODE PRE_TEST), so a new vector needs no rebuild.
std::vector<std::string> VectorFiles(const std::string& subdir) {
  std::vector<std::string> files;
  const fs::path dir = fs::path(NETRA_SOURCE_DIR) / "tests" / "vectors" / subdir;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".textproto") files.push_back(e.path().stem().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

template <typename Message>
absl::StatusOr<VectorFile<Message>> LoadOne(const std::string& subdir, const std::string& stem) {
  const fs::path p = fs::path(NETRA_SOURCE_DIR) / "tests" / "vectors" / subdir / (stem + ".textproto");
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  VectorFile<Message> v;
  v.file = p.filename().string();
  if (!in || !google::protobuf::TextFormat::ParseFromString(ss.str(), &v.vector)) {
    return absl::InvalidArgumentError(p.string() + ": does not parse as " + Message::descriptor()->full_name());
  }
  return v;
}

std::string FileTestName(const testing::TestParamInfo<std::string>& info) {
  return testing_names::CaseName(info.param, -1, 400);
}

class LawVector : public testing::TestWithParam<std::string> {};

TEST_P(LawVector, Holds) {
  auto v = LoadOne<v1::TestVector>("", GetParam());
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_FALSE(v->vector.name().empty()) << "a vector states its sentence in `name`";
  EXPECT_GT(v->vector.checks_size(), 0) << "a vector cites the article it checks";
  auto d = TheEvaluator().Evaluate(v->vector.request());
  ASSERT_TRUE(d.ok()) << d.status();
  Check(*v, *d);
}

INSTANTIATE_TEST_SUITE_P(Law, LawVector, testing::ValuesIn(VectorFiles("")), FileTestName);

TEST(Conformance, ThereAreVectors) {
  EXPECT_GT(VectorFiles("").size(), 300u);
  EXPECT_GT(VectorFiles("audit").size(), 10u);
}

// "At least one vector per rule": a rule counts as tested when some vector's
// answer cites it. Principles applied outside the evaluator (the case
// lifecycle) are tested there.
const Auditor& TheAuditor() {
  static const Auditor* a = [] {
    auto auditor = Auditor::Create(TheEvaluator().book_ptr());
    EXPECT_TRUE(auditor.ok()) << auditor.status();
    return new Auditor(*std::move(auditor));
  }();
  return *a;
}

class AuditVectorTest : public testing::TestWithParam<std::string> {};

TEST_P(AuditVectorTest, Holds) {
  auto v = LoadOne<v1::AuditVector>("audit", GetParam());
  ASSERT_TRUE(v.ok()) << v.status();
  SCOPED_TRACE(v->file + ": " + v->vector.name());
  EXPECT_FALSE(v->vector.name().empty());
  EXPECT_GT(v->vector.checks_size(), 0);
  auto f = TheAuditor().Audit(v->vector.decided());
  ASSERT_TRUE(f.ok()) << f.status();
  const v1::AuditExpectation& x = v->vector.expect();
  EXPECT_EQ(v1::Verdict_Name(f->verdict()), v1::Verdict_Name(x.verdict()));
  if (!x.verdicts().empty()) {
    std::set<std::string> got, want;
    for (int g : f->verdicts()) got.insert(v1::Verdict_Name(g));
    for (int w : x.verdicts()) want.insert(v1::Verdict_Name(w));
    EXPECT_EQ(absl::StrJoin(got, ","), absl::StrJoin(want, ","));
  }
  for (const std::string& id : x.basis_includes()) {
    bool found = false;
    for (const auto& b : f->basis()) found |= b.rule_id() == id;
    EXPECT_TRUE(found) << "finding basis lacks " << id;
  }
  EXPECT_FALSE(f->reasons().empty());
}

INSTANTIATE_TEST_SUITE_P(Audit, AuditVectorTest, testing::ValuesIn(VectorFiles("audit")), FileTestName);

// One audit vector at least for each verdict (each vector's own test checks
// that its verdict is the one given).
TEST(Conformance, EveryVerdictHasAnAuditVector) {
  std::set<std::string> verdicts_seen;
  for (const AuditVector& v : Load<v1::AuditVector>("audit")) {
    verdicts_seen.insert(v1::Verdict_Name(v.vector.expect().verdict()));
  }
  for (int v = v1::WITHIN_LAW; v <= v1::CANNOT_ASSESS; ++v) {
    EXPECT_TRUE(verdicts_seen.count(v1::Verdict_Name(v))) << "no audit vector has verdict " << v1::Verdict_Name(v);
  }
}

TEST(Conformance, EveryRuleIsCitedByAVector) {
  std::set<std::string> cited;
  for (const Vector& v : LoadVectors()) {
    auto d = TheEvaluator().Evaluate(v.vector.request());
    if (d.ok()) CollectRuleIds(*d, &cited);
  }
  std::vector<std::string> uncovered;
  for (const RuleEntry& e : TheEvaluator().book().rules()) {
    // Principles and periods of the case lifecycle are tested there
    // (case_test.cc requires every deadline rule to be used).
    if (e.rule->has_principle() && e.rule->principle().applied_by() != "evaluator") continue;
    if (e.rule->has_deadline()) continue;
    if (!cited.count(e.rule->id())) uncovered.push_back(e.rule->id());
  }
  EXPECT_TRUE(uncovered.empty()) << uncovered.size() << " rules have no test vector citing them:\n  "
                                 << absl::StrJoin(uncovered, "\n  ");
}

// The vectors' worked cases: every section-16 case the evaluator answers is
// present (T27-T35 are procedure deadlines, tested with the case lifecycle).
TEST(Conformance, WorkedCasesOfTheDomainFileArePresent) {
  std::set<std::string> seen;
  for (const Vector& v : LoadVectors()) {
    if (!v.vector.worked_case().empty()) seen.insert(v.vector.worked_case());
  }
  std::vector<std::string> missing;
  for (int t = 1; t <= 38; ++t) {
    if (t >= 27 && t <= 35) continue;
    const std::string id = "T" + std::to_string(t);
    if (!seen.count(id)) missing.push_back(id);
  }
  EXPECT_TRUE(missing.empty()) << "worked cases without a vector: " << absl::StrJoin(missing, ", ");
}

}  // namespace
}  // namespace netra
