// netra::PrintJson writes the bytes protobuf's MessageToJsonString writes:
// on the determination of every test vector (both option sets), and on
// messages built to reach every branch of the writer and its hand-offs.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "netra/evaluator.h"
#include "netra/json.h"
#include "netra/v1/audit.pb.h"
#include "netra/v1/case.pb.h"
#include "netra/v1/conformance.pb.h"

namespace netra {
namespace {

namespace fs = std::filesystem;

std::string Protobuf(const google::protobuf::Message& m, bool whitespace, bool proto_names) {
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = whitespace;
  print.preserve_proto_field_names = proto_names;
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out, print).ok());
  return out;
}

// PrintJson and MessageToJsonString agree under all four option sets;
// `direct`: PrintJson writes it without handing it to protobuf.
void ExpectSameBytes(const google::protobuf::Message& m, const std::string& what, bool direct = true) {
  for (bool whitespace : {false, true}) {
    for (bool proto_names : {false, true}) {
      std::string ours = "left over";
      const absl::Status alone = PrintJson(m, &ours, {whitespace, proto_names, /*protobuf_fallback=*/false});
      if (direct) {
        EXPECT_TRUE(alone.ok()) << what << ": " << alone;
      } else {
        EXPECT_EQ(alone.code(), absl::StatusCode::kUnimplemented) << what << ": " << alone;
        EXPECT_EQ(ours, "");
      }
      ASSERT_TRUE(PrintJson(m, &ours, {whitespace, proto_names}).ok()) << what;
      EXPECT_EQ(ours, Protobuf(m, whitespace, proto_names))
          << what << " (add_whitespace=" << whitespace << ", preserve_proto_field_names=" << proto_names << ")";
    }
  }
}

TEST(PrintJson, WritesWhatProtobufWritesForEveryVectorsDetermination) {
  auto book = RuleBook::Load();
  ASSERT_TRUE(book.ok()) << book.status();
  auto evaluator = Evaluator::Create(*book);
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  int count = 0;
  for (const auto& e : fs::directory_iterator(fs::path(NETRA_SOURCE_DIR) / "tests" / "vectors")) {
    if (e.path().extension() != ".textproto") continue;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    v1::TestVector v;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text.str(), &v)) << e.path();
    auto d = evaluator->Evaluate(v.request());
    if (!d.ok()) continue;  // vectors of refused requests
    ExpectSameBytes(*d, e.path().filename().string());
    ++count;
  }
  EXPECT_GT(count, 300);
}

TEST(PrintJson, EscapesStringsAsProtobufDoes) {
  v1::Determination d;
  d.add_explanation("quote \" backslash \\ angle <b> & slash / tab \t nl \n cr \r bs \b ff \f");
  d.add_explanation(std::string("nul \0 unit \x1f del \x7f", 19));
  d.add_explanation("C1 \xc2\x80 \xc2\x9f nbsp \xc2\xa0 soft hyphen \xc2\xad pasal \xc2\xa7 em dash \xe2\x80\x94");
  d.add_explanation("zwsp \xe2\x80\x8b line sep \xe2\x80\xa8 bom \xef\xbb\xbf arabic \xd8\x80 \xdb\x9d syriac \xdc\x8f");
  d.add_explanation("khmer \xe1\x9e\xb4 word joiner \xe2\x81\xa0 \xe2\x81\xaa interlinear \xef\xbf\xb9");
  d.add_explanation("emoji \xf0\x9f\x98\x80 music \xf0\x9d\x85\xb3 tag \xf3\xa0\x80\x81 \xf3\xa0\x80\xa0");
  d.add_explanation("");
  d.add_warnings("Jawa: \xea\xa6\xb2 Indonesia: Pasal 10 ayat (2) huruf f angka 2");
  ExpectSameBytes(d, "escapes");
}

// Bytes that are not UTF-8 are handed to protobuf (it drops them its own
// way); the result is still its bytes.
TEST(PrintJson, HandsInvalidUtf8ToProtobuf) {
  for (const std::string& bad : {std::string("lone \x80 continuation"), std::string("cut \xe2\x80"),
                                 std::string("bad next \xc3\x28 byte"), std::string("surrogate \xed\xa0\x80"),
                                 std::string("overlong \xc0\xaf"), std::string("\xff")}) {
    v1::Determination d;
    d.add_explanation(bad);
    d.set_decision_date("2025-01-01");
    google::protobuf::LogSilencer quiet;  // protobuf logs the bytes it drops
    ExpectSameBytes(d, "invalid UTF-8", /*direct=*/false);
  }
}

TEST(PrintJson, WritesEmptyNestedRepeatedAndPresentDefaultFields) {
  ExpectSameBytes(v1::Determination(), "empty");
  v1::Determination d;
  d.mutable_procedure();                      // present, empty: {}
  d.add_acts()->set_salary_stop(false);       // a repeated message of defaults
  d.add_acts()->add_explanation("second");
  d.set_level(v1::BERAT);
  d.set_outcome(v1::SANCTION);
  ExpectSameBytes(d, "nested");
  v1::EvaluationRequest r;
  r.add_acts()->mutable_absence()->set_cumulative_working_days(0);  // proto3 optional at 0
  r.mutable_acts(0)->set_valid_reason(false);
  r.mutable_acts(0)->set_norm("pp94.duty.attendance");
  r.mutable_employee()->set_kind(v1::PNS);
  ExpectSameBytes(r, "optional defaults");
}

TEST(PrintJson, WritesSixtyFourBitNumbersQuoted) {
  v1::AuditSummary s;
  s.set_cases(9007199254740993);
  s.set_invalid(-1);
  s.set_within_law(0);
  ExpectSameBytes(s, "int64");
}

// Maps and enum numbers the schema does not name are left to protobuf.
TEST(PrintJson, HandsMapsAndUnknownEnumNumbersToProtobuf) {
  v1::EvaluationRequest r;
  (*r.mutable_settings())["repeat_may_cross_level"] = "false";
  (*r.mutable_settings())["b"] = "<x>";
  ExpectSameBytes(r, "map", /*direct=*/false);
  v1::Determination d;
  d.set_level(static_cast<v1::Level>(77));
  d.add_explanation("x");
  ExpectSameBytes(d, "unknown enum", /*direct=*/false);
}

}  // namespace
}  // namespace netra
