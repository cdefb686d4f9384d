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
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/text_format.h"
#include "netra/audit.h"
#include "netra/evaluator.h"
#include "netra/rule_book.h"
#include "netra/text.h"
#include "netra/v1/conformance.pb.h"
#include "netra/vectors.h"
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
  auto d = TheEvaluator().Evaluate(v->vector.request());
  ASSERT_TRUE(d.ok()) << d.status();
  // The checks `netra test` runs (netra/vectors.h).
  for (const std::string& f : CheckLawVector(v->vector, *d)) ADD_FAILURE() << v->file << ": " << f;
  // And what every answer must be (a citation in force, a rule once).
  for (const std::string& f : CheckAnswerProperties(TheEvaluator().book(), v->vector.request(), *d)) {
    ADD_FAILURE() << v->file << ": " << f;
  }
}

INSTANTIATE_TEST_SUITE_P(Law, LawVector, testing::ValuesIn(VectorFiles("")), FileTestName);

// What `netra test` prints for a vector that does not hold: each unmet
// expectation as a sentence naming the field, what came and what was
// expected; and a vector without its sentence or article fails on that.
TEST(Conformance, AVectorThatDoesNotHoldSaysWhy) {
  auto v = LoadOne<v1::TestVector>("", "a_berat_case_must_be_examined_by_a_team_pp94_pasal_29_2");
  ASSERT_TRUE(v.ok()) << v.status();
  auto d = TheEvaluator().Evaluate(v->vector.request());
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_TRUE(CheckLawVector(v->vector, *d).empty());
  v1::TestVector wrong = v->vector;
  wrong.mutable_expect()->set_level(v1::RINGAN);
  wrong.mutable_expect()->add_basis_includes("no.such.rule");
  wrong.mutable_expect()->add_allowed_sanctions("R1");
  wrong.mutable_expect()->add_acts()->set_outcome(v1::NO_VIOLATION);
  wrong.clear_checks();
  EXPECT_EQ(absl::StrJoin(CheckLawVector(wrong, *d), "\n"),
            "checks: none (a vector cites the article it checks)\n"
            "level: got BERAT, expected RINGAN\n"
            "allowed_sanctions: got {B1,B2,B3}, expected {B1,B2,B3,R1}\n"
            "basis lacks no.such.rule\n"
            "acts[0].outcome: got SANCTION, expected NO_VIOLATION");
}

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
  auto f = TheAuditor().Audit(v->vector.decided());
  ASSERT_TRUE(f.ok()) << f.status();
  for (const std::string& failure : CheckAuditVector(v->vector, *f)) ADD_FAILURE() << v->file << ": " << failure;
}

INSTANTIATE_TEST_SUITE_P(Audit, AuditVectorTest, testing::ValuesIn(VectorFiles("audit")), FileTestName);

// One audit vector at least for each verdict (each vector's own test checks
// that its verdict is the one given).
// The text rendering of every vector's answer lists each rule of its legal
// basis once (issue 16 item 6), though an act and the case may both cite it.
TEST(Conformance, EveryVectorsTextListsEachRuleOnceInItsLegalBasis) {
  for (const Vector& v : LoadVectors()) {
    auto d = TheEvaluator().Evaluate(v.vector.request());
    if (!d.ok()) continue;
    const std::string text = DeterminationText(*d);
    const size_t from = text.find("Legal basis:\n");
    ASSERT_NE(from, std::string::npos) << v.file;
    std::set<std::string> seen;
    for (absl::string_view line : absl::StrSplit(absl::string_view(text).substr(from + 13), '\n')) {
      if (!absl::ConsumePrefix(&line, "  ")) break;
      const std::string id(line.substr(0, line.find(':')));
      EXPECT_TRUE(seen.insert(id).second) << v.file << ": " << id << " is listed twice";
    }
    EXPECT_FALSE(seen.empty()) << v.file;
  }
}

TEST(Conformance, EveryVerdictHasAnAuditVector) {
  std::set<std::string> verdicts_seen;
  for (const AuditVector& v : Load<v1::AuditVector>("audit")) {
    verdicts_seen.insert(v1::Verdict_Name(v.vector.expect().verdict()));
  }
  for (int v = v1::WITHIN_LAW; v <= v1::Verdict_MAX; ++v) {
    EXPECT_TRUE(verdicts_seen.count(v1::Verdict_Name(v))) << "no audit vector has verdict " << v1::Verdict_Name(v);
  }
}

TEST(Conformance, EveryRuleIsCitedByAVector) {
  std::set<std::string> cited;
  for (const Vector& v : LoadVectors()) {
    auto d = TheEvaluator().Evaluate(v.vector.request());
    if (d.ok()) CollectCitedRules(*d, &cited);
  }
  // Principles and periods of the case lifecycle are tested there
  // (case_deadlines_test.cc requires every deadline rule to be used).
  std::vector<std::string> uncovered;
  for (const std::string& id : RulesVectorsCover(TheEvaluator().book())) {
    if (!cited.count(id)) uncovered.push_back(id);
  }
  EXPECT_TRUE(uncovered.empty()) << uncovered.size() << " rules have no test vector citing them:\n  "
                                 << absl::StrJoin(uncovered, "\n  ");
}

// The vectors' worked cases: every numbered worked case (T1-T38) the evaluator answers is
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
