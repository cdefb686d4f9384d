// White-box tests of the plain-JSON fast path (json_fast.h), an internal of
// netra::ParseJson that the public API cannot tell apart from protobuf's
// parser: whatever it accepts it must read exactly as protobuf does, and
// what is not plain JSON it must decline (and leave to protobuf). Built into
// netra_tests (tests/CMakeLists.txt); it sits beside the code it tests so that
// nothing under tests/ includes a header from src/.
#include "json_fast.h"

#include <string>

#include <gtest/gtest.h>

#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "netra/api.h"
#include "netra/v1/api.pb.h"
#include "vector_files.h"

namespace netra {
namespace {

std::string Bytes(const google::protobuf::Message& m) {
  std::string out;
  EXPECT_TRUE(m.SerializeToString(&out));
  return out;
}

TEST(JsonFast, GivesProtobufsMessageForEveryLawVectorCompactAndIndented) {
  int n = 0;
  for (const auto& [name, vector] : testing_vectors::LawVectors()) {
    const v1::EvaluationRequest& request = vector.request();
    for (bool pretty : {false, true}) {
      const std::string json = ToJson(request, {.pretty = pretty});
      v1::EvaluationRequest fast, slow;
      ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &slow).ok()) << json;
      if (!request.settings().empty()) {
        EXPECT_FALSE(internal::ParseJsonFast(json, &fast)) << "a map is protobuf's: " << name;
        continue;
      }
      ASSERT_TRUE(internal::ParseJsonFast(json, &fast)) << name << "\n" << json;
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(fast, slow)) << name;
      EXPECT_EQ(Bytes(fast), Bytes(slow)) << name;
      ++n;
    }
  }
  EXPECT_GT(n, 600);
}

TEST(JsonFast, ReadsEscapesAsProtobufDoes) {
  const std::string json = R"({"employee":{"kind":"PNS","nip":"a\"b\\c\/d\n\te"},"acts":[]})";
  v1::EvaluationRequest fast, slow;
  ASSERT_TRUE(internal::ParseJsonFast(json, &fast));
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &slow).ok());
  EXPECT_EQ(fast.employee().nip(), "a\"b\\c/d\n\te");
  EXPECT_EQ(Bytes(fast), Bytes(slow));
}

TEST(JsonFast, DeclinesWhatIsNotPlainJson) {
  for (const char* json : {
           R"({"employee":{"nip":"\u0041"}})",                          // \u escape
           R"({"acts":[{"absence":{"cumulative_working_days":"15"}}]})",  // number as a string
           R"({"acts":[{"absence":{"cumulative_working_days":15.0}}]})",  // a fraction
           R"({"acts":[{"absence":{"cumulative_working_days":1e1}}]})",   // an exponent
           R"({"acts":[{"absence":{"cumulative_working_days":-0}}]})",
           R"({"acts":[{"absence":{"cumulative_working_days":2147483648}}]})",  // past int32
           R"({"acts":[{"absence":{"cumulative_working_days":015}}]})",   // a leading zero
           R"({"employee":null})",
           R"({"employee":{"kind":"PNS","kind":"CPNS"}})",  // a duplicate key
           R"({"employee":{"kinds":"PNS"}})",               // an unknown field
           R"({"employee":{"partyMember":true}})",          // the JSON name
           R"({"employee":{"kind":1}})",                    // an enum number
           R"({"employee":{"kind":"pns"}})",                // an unknown enum name
           R"({"employee":{"party_member":"true"}})",
           R"({"settings":{"a":"b"}})",                     // a map
           R"({"employee":{"kind":"PNS"}} x)",              // text after the document
           R"({"employee":{"kind":"PNS"})",                 // cut short
           "{\"employee\":{\"nip\":\"a\tb\"}}",             // a raw control character
           "{\"employee\":{\"nip\":\"\xff\"}}",             // not UTF-8
           R"([{"employee":{}}])",
           "",
       }) {
    v1::EvaluationRequest m;
    EXPECT_FALSE(internal::ParseJsonFast(json, &m)) << json;
  }
  // Two members of a oneof: protobuf refuses, in its own words.
  v1::WorkingDaysRequest w;
  const std::string two = R"({"add":{"from":"2025-01-01","days":3},"is_working_day":"2025-01-02"})";
  EXPECT_FALSE(internal::ParseJsonFast(two, &w));
}

}  // namespace
}  // namespace netra
