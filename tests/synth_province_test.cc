// The synthetic province (netra/synth.h WriteProvince): every call of its
// calls.jsonl is accepted by the service's request layer (netra::Records over
// a fresh SQLite store, as `netra serve` dispatches POST /v1/<method>), the
// stored data show what a dashboard needs on as_of (signed and not signed,
// staff ahead of their head, overdue duties), every event is dated on or
// before as_of, and the same options give the same bytes.
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/records.h"
#include "netra/synth.h"
#include "netra/v1/records.pb.h"

namespace netra::synth {
namespace {

namespace fs = std::filesystem;

// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "netra-synth-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of a generated directory, by relative path.
std::map<std::string, std::string> Files(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).string()] = ReadFile(entry.path());
  }
  return files;
}

struct Line {
  std::string method, request;
};

// The lines of calls.jsonl, split by their fixed shape
// {"method":"<method>","request":<json>}.
std::vector<Line> Calls(const fs::path& dir) {
  std::vector<Line> calls;
  std::istringstream in(ReadFile(dir / "calls.jsonl"));
  std::string line;
  const std::string kHead = "{\"method\":\"", kMid = "\",\"request\":";
  while (std::getline(in, line)) {
    EXPECT_TRUE(absl::StartsWith(line, kHead)) << line.substr(0, 80);
    EXPECT_TRUE(absl::EndsWith(line, "}")) << line.substr(0, 80);
    const size_t mid = line.find(kMid);
    if (mid == std::string::npos) {
      ADD_FAILURE() << "no request: " << line.substr(0, 80);
      continue;
    }
    calls.push_back({line.substr(kHead.size(), mid - kHead.size()),
                     line.substr(mid + kMid.size(), line.size() - mid - kMid.size() - 1)});
  }
  return calls;
}

ProvinceOptions Small(uint64_t seed) {
  return {.seed = seed, .employees = 400, .agencies = 3, .election = "pilkada2024", .as_of = "2024-10-01"};
}

TEST(SynthProvince, EveryCallIsAcceptedAndTheDashboardHasWhatItShows) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "province";
  auto summary = WriteProvince(Small(7), dir.string());
  ASSERT_TRUE(summary.ok()) << summary.status();
  for (const char* file : {"calls.jsonl", "roster.csv", "im_nkk.csv", "README.txt"}) {
    EXPECT_TRUE(fs::exists(dir / file)) << file;
  }
  EXPECT_TRUE(absl::StartsWith(ReadFile(dir / "README.txt"), "SYNTHETIC DATA, NOT OFFICIAL"));
  EXPECT_EQ(ReadFile(dir / "im_nkk.csv").substr(0, 13), "agency,index\n");

  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok()) << engine.status();
  auto records = Records::Open(*engine, {.store = (tmp.path() / "netra.db").string()});
  ASSERT_TRUE(records.ok()) << records.status();
  const Caller caller{.name = "synth", .may_write = true};

  const std::vector<Line> calls = Calls(dir);
  ASSERT_EQ(static_cast<int64_t>(calls.size()), summary->total_calls);
  std::map<std::string, int64_t> per_method;
  std::string order;  // the methods' order, one letter each time it changes
  for (size_t i = 0; i < calls.size(); ++i) {
    auto answer = (*records)->CallJson(caller, calls[i].method, calls[i].request);
    ASSERT_TRUE(answer.ok()) << "calls.jsonl line " << i + 1 << " (" << calls[i].method
                             << "): " << answer.status() << "\n" << calls[i].request.substr(0, 300);
    ++per_method[calls[i].method];
    if (order.empty() || order.back() != calls[i].method[0]) order.push_back(calls[i].method[0]);
    // Every date the request carries is on or before as_of.
    for (const char* key : {"\"date\":\"", "\"as_of\":\""}) {
      for (size_t at = calls[i].request.find(key); at != std::string::npos; at = calls[i].request.find(key, at + 1)) {
        const std::string date = calls[i].request.substr(at + std::strlen(key), 10);
        EXPECT_LE(date, "2024-10-01") << "line " << i + 1;
      }
    }
  }
  EXPECT_EQ(per_method, summary->calls);
  // LoadRoster, IssuePacts, SignPact and RecordPactEvent (interleaved by
  // date), CreateCase, LinkBreaches.
  EXPECT_TRUE(absl::StartsWith(order, "LIS")) << order;
  EXPECT_TRUE(absl::EndsWith(order, "CL")) << order;
  EXPECT_EQ(per_method["IssuePacts"], 3);
  EXPECT_GT(per_method["RecordPactEvent"], 0);

  v1::GetPactProgressRequest progress_request;
  progress_request.set_election("pilkada2024");
  progress_request.set_as_of("2024-10-01");
  v1::PactProgress progress;
  ASSERT_TRUE((*records)->Call(caller, "GetPactProgress", progress_request, &progress).ok());
  EXPECT_EQ(progress.total().issued(), summary->issued);
  EXPECT_GT(progress.total().signed_on_time() + progress.total().signed_late(), 0);
  EXPECT_GT(progress.total().signed_late(), 0);  // as_of is after the due date 2024-09-24
  EXPECT_GT(progress.total().not_signed(), 0);
  EXPECT_GE(progress.units_staff_ahead_of_leaders(), 1);
  EXPECT_GE(progress.units_leaders_first(), 1);
  EXPECT_EQ(progress.units_staff_ahead_of_leaders(), summary->units_staff_ahead_of_leaders);

  v1::ListOverdueRequest overdue_request;
  overdue_request.set_as_of("2024-10-01");
  v1::OverdueResponse overdue;
  ASSERT_TRUE((*records)->Call(caller, "ListOverdue", overdue_request, &overdue).ok());
  EXPECT_FALSE(overdue.items().empty());
  EXPECT_TRUE(overdue.failures().empty());

  // Cases are keyed by the roster's agency names: every agency of the
  // compliance report is matched, none unmatched.
  v1::GetComplianceRequest compliance_request;
  compliance_request.set_election("pilkada2024");
  compliance_request.set_as_of("2024-10-01");
  v1::ComplianceResponse compliance;
  ASSERT_TRUE((*records)->Call(caller, "GetCompliance", compliance_request, &compliance).ok());
  EXPECT_EQ(compliance.report().unmatched_cases(), 0);
  EXPECT_EQ(compliance.report().total().reported(), summary->neutrality_cases);

  // The case files are the stored cases.
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir / "cases")) {
    v1::CaseLog log;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(ReadFile(entry.path()), &log).ok());
    EXPECT_TRUE(absl::StartsWith(log.case_id(), "SYN-"));
    EXPECT_EQ(log.employee().agency().id(), log.employee().agency().name());
    EXPECT_EQ(entry.path().filename().string(), log.case_id() + ".json");
    ++cases;
  }
  EXPECT_EQ(cases, summary->neutrality_cases + summary->disciplinary_cases);
}

TEST(SynthProvince, SameOptionsSameBytesAnotherSeedDiffers) {
  TempDir tmp;
  ASSERT_TRUE(WriteProvince(Small(11), (tmp.path() / "a").string()).ok());
  ASSERT_TRUE(WriteProvince(Small(11), (tmp.path() / "b").string()).ok());
  ASSERT_TRUE(WriteProvince(Small(12), (tmp.path() / "c").string()).ok());
  const auto a = Files(tmp.path() / "a"), b = Files(tmp.path() / "b"), c = Files(tmp.path() / "c");
  EXPECT_EQ(a, b);
  EXPECT_NE(a.at("calls.jsonl"), c.at("calls.jsonl"));
  EXPECT_NE(a.at("roster.csv"), c.at("roster.csv"));
}

// A sink that posts each call straight to a Records, for the other election.
class RecordsSink : public ProvinceSink {
 public:
  RecordsSink(Records* records, Caller caller) : records_(records), caller_(std::move(caller)) {}
  absl::Status Roster(absl::string_view) override { return absl::OkStatus(); }
  absl::Status Call(absl::string_view method, const google::protobuf::Message& request) override {
    auto line = ProvinceCallLine(method, request);
    if (!line.ok()) return line.status();
    std::unique_ptr<google::protobuf::Message> response(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(Records::FindMethod(method)->output_type())
            ->New());
    return records_->Call(caller_, method, request, response.get());
  }
  absl::Status Case(const v1::CaseLog&) override { return absl::OkStatus(); }
  absl::Status ImNkk(absl::string_view) override { return absl::OkStatus(); }

 private:
  Records* records_;
  Caller caller_;
};

TEST(SynthProvince, Pemilu2024IsAcceptedToo) {
  TempDir tmp;
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok());
  auto records = Records::Open(*engine, {.store = (tmp.path() / "netra.db").string()});
  ASSERT_TRUE(records.ok()) << records.status();
  RecordsSink sink(records->get(), {.name = "synth", .may_write = true});
  auto summary = GenerateProvince(
      {.seed = 3, .employees = 300, .agencies = 2, .election = "pemilu2024", .as_of = "2023-12-15"}, &sink);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_GT(summary->signed_on_time, 0);
  EXPECT_GT(summary->neutrality_cases, 0);
}

TEST(SynthProvince, OptionsOutOfRangeNameTheOption) {
  TempDir tmp;
  ProvinceOptions early = Small(1);
  early.as_of = "2024-01-01";
  auto st = WriteProvince(early, (tmp.path() / "x").string()).status();
  EXPECT_TRUE(absl::IsInvalidArgument(st));
  EXPECT_TRUE(absl::StartsWith(st.message(), "as_of: 2024-01-01 is before")) << st;
  EXPECT_FALSE(fs::exists(tmp.path() / "x"));  // nothing made for a refused option

  ProvinceOptions election = Small(1);
  election.election = "pilpres2029";
  EXPECT_TRUE(absl::StartsWith(WriteProvince(election, (tmp.path() / "y").string()).status().message(), "election: "));
  ProvinceOptions none = Small(1);
  none.employees = 0;
  EXPECT_TRUE(absl::StartsWith(WriteProvince(none, (tmp.path() / "z").string()).status().message(), "employees: "));

  // An existing directory with files is not written over.
  fs::create_directories(tmp.path() / "full");
  std::ofstream(tmp.path() / "full" / "keep.txt") << "x";
  EXPECT_TRUE(absl::IsFailedPrecondition(WriteProvince(Small(1), (tmp.path() / "full").string()).status()));
}

}  // namespace
}  // namespace netra::synth
