// netra::PrintJson writes the bytes protobuf's MessageToJsonString writes,
// with and without every default (always_print_primitive_fields): on the
// determination of every test vector, on the request layer's answer to every
// method of the service, on every netra.v1 message empty and filled at
// random, on a schema built here for what netra.v1 does not declare (fields
// out of number order, floats, every integer encoding), and on messages built
// to reach every branch of the writer and its hand-offs.
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/siasn.h"
#include "netra/evaluator.h"
#include "netra/json.h"
#include "netra/v1/api.pb.h"
#include "netra/v1/audit.pb.h"
#include "netra/v1/case.pb.h"
#include "netra/v1/conformance.pb.h"
#include "netra/v1/records.pb.h"
#include "netra/v1/serve.pb.h"
#include "vector_files.h"

namespace netra {
namespace {

namespace fs = std::filesystem;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

const std::string kSource = NETRA_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Protobuf(const Message& m, bool whitespace, bool proto_names, bool defaults) {
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = whitespace;
  print.preserve_proto_field_names = proto_names;
  print.always_print_primitive_fields = defaults;
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out, print).ok());
  return out;
}

// PrintJson and MessageToJsonString agree under all eight option sets;
// `direct`: PrintJson writes it without handing it to protobuf.
void ExpectSameBytes(const Message& m, const std::string& what, bool direct = true) {
  for (bool whitespace : {false, true}) {
    for (bool proto_names : {false, true}) {
      for (bool defaults : {false, true}) {
        const JsonPrintOptions options{.add_whitespace = whitespace,
                                       .preserve_proto_field_names = proto_names,
                                       .always_print_primitive_fields = defaults};
        const std::string where = absl::StrCat(what, " (add_whitespace=", whitespace, ", preserve_proto_field_names=",
                                               proto_names, ", always_print_primitive_fields=", defaults, ")");
        std::string ours = "left over";
        JsonPrintOptions alone_options = options;
        alone_options.protobuf_fallback = false;
        const absl::Status alone = PrintJson(m, &ours, alone_options);
        if (direct) {
          EXPECT_TRUE(alone.ok()) << where << ": " << alone;
        } else {
          EXPECT_EQ(alone.code(), absl::StatusCode::kUnimplemented) << where << ": " << alone;
          EXPECT_EQ(ours, "");
        }
        ASSERT_TRUE(PrintJson(m, &ours, options).ok()) << where;
        EXPECT_EQ(ours, Protobuf(m, whitespace, proto_names, defaults)) << where;
      }
    }
  }
}

TEST(PrintJson, WritesWhatProtobufWritesForEveryVectorsDetermination) {
  auto book = RuleBook::Load();
  ASSERT_TRUE(book.ok()) << book.status();
  auto evaluator = Evaluator::Create(*book);
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  int count = 0;
  for (const auto& [name, v] : testing_vectors::LawVectors()) {
    auto d = evaluator->Evaluate(v.request());
    if (!d.ok()) continue;  // vectors of refused requests
    ExpectSameBytes(*d, name);
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

// int64_as_numbers: a number exactly where a double holds the value (|v| <=
// 2^53), a string past it, and 0 for a default; the same otherwise as
// protobuf, read back by protobuf's parser to the same message.
TEST(PrintJson, WritesSixtyFourBitNumbersAsNumbersWhereADoubleHoldsThem) {
  v1::AuditSummary s;
  s.set_cases(9007199254740993);     // 2^53 + 1
  s.set_within_law(9007199254740992);  // 2^53
  s.set_too_light(-9007199254740992);
  s.set_too_heavy(-9007199254740993);
  s.set_invalid(-1);
  std::string out;
  ASSERT_TRUE(PrintJson(s, &out, {.preserve_proto_field_names = true, .int64_as_numbers = true}).ok());
  EXPECT_EQ(out,
            "{\"cases\":\"9007199254740993\",\"within_law\":9007199254740992,\"too_light\":-9007199254740992,"
            "\"too_heavy\":\"-9007199254740993\",\"invalid\":-1}");
  v1::AuditSummary back;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &back).ok());
  EXPECT_EQ(back.SerializeAsString(), s.SerializeAsString());
  ASSERT_TRUE(PrintJson(v1::AuditSummary(), &out,
                        {.always_print_primitive_fields = true, .int64_as_numbers = true}).ok());
  EXPECT_TRUE(absl::StrContains(out, "\"cases\":0,")) << out;
  EXPECT_TRUE(absl::StrContains(out, "\"withinLaw\":0,")) << out;
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

// What protobuf does with always_print_primitive_fields, spelled out rather
// than assumed: an absent message field stays absent (absence, neutrality and
// act_date_range here), absent scalars are written at their default in the
// order the .proto declares them, and the members of an `optional` (a
// synthetic oneof) or a oneof that are set come after all of them; an unset
// oneof member is not written, an empty map is {}.
TEST(PrintJson, AlwaysPrintLeavesAbsentMessagesOutAndWritesSetOneofMembersLast) {
  auto expect = [](const Message& m, const std::string& expected) {
    EXPECT_EQ(Protobuf(m, false, true, true), expected);
    std::string ours;
    const absl::Status st = PrintJson(
        m, &ours, {.preserve_proto_field_names = true, .always_print_primitive_fields = true, .protobuf_fallback = false});
    EXPECT_TRUE(st.ok()) << st;
    EXPECT_EQ(ours, expected);
  };
  v1::Act act;
  act.set_wealth_report_obliged(true);
  act.set_valid_reason(false);
  act.set_reference_sanction("R2");
  expect(act,
         R"({"id":"","norm":"","act_date":"","description":"","impact":"IMPACT_UNSPECIFIED",)"
         R"("reference_sanction":"R2","valid_reason":false,"wealth_report_obliged":true})");
  v1::ComplianceRequest compliance;
  compliance.set_predicate_bands("");  // set, at its default: still written, last
  compliance.set_as_of("2024-12-31");
  expect(compliance, R"({"cases":[],"as_of":"2024-12-31","im_nkk_index":{},"predicate_bands":""})");
  v1::WorkingDaysRequest days;
  days.set_is_working_day("2025-01-01");
  expect(days, R"({"is_working_day":"2025-01-01"})");
  days.mutable_add();  // a oneof's message member, set and empty, takes its place with its defaults
  expect(days, R"({"add":{"from":"","days":0}})");
  v1::AuditSummary counts;
  counts.set_invalid(2);
  expect(counts, R"({"cases":"0","within_law":"0","too_light":"0","too_heavy":"0","other_type":"0",)"
                 R"("type_not_in_force":"0","official_without_authority":"0","cannot_assess":"0","invalid":"2",)"
                 R"("not_sanctioned":"0","double_sanction":"0","recommendation_not_followed":"0"})");
}

// Sets about half the fields of `m` (maps left empty: PrintJson hands those
// to protobuf) to values drawn from `rng`, zeros among them (a proto3 scalar
// at zero is not encoded, an `optional` one is), messages down to `depth`,
// up to three elements a list; of a oneof, the last member set stays.
void Fill(Message* m, std::mt19937* rng, int depth) {
  const Descriptor* d = m->GetDescriptor();
  const google::protobuf::Reflection* r = m->GetReflection();
  auto pick = [&](size_t n) { return static_cast<size_t>((*rng)() % n); };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  static const double kDoubles[] = {0, -0.0, 0.1, 1.0 / 3, 1e300, 5e-324, 12345678.9, -2.5e-7, kInf, -kInf, kNaN};
  constexpr float kInfF = std::numeric_limits<float>::infinity();
  static const float kFloats[] = {0,           -0.0f, 0.1f,   1.0f / 3, 3.4e38f, 1.4e-45f, 16777217.0f,
                                  kInfF,       -kInfF, std::numeric_limits<float>::quiet_NaN()};
  static const int64_t kInts[] = {0, 1, -1, 42, 2147483647, -2147483647 - 1, 9007199254740993,
                                  std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  static const char* const kStrings[] = {"", "a", "Pasal 10 ayat (2) huruf f <b>", "quote \" backslash \\ nl \n",
                                         "\xc2\xa7 \xe2\x80\x94 \xf0\x9f\x98\x80 \xe2\x80\xa8", "2024-11-12"};
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_map() || pick(2) == 0) continue;
    const size_t count = f->is_repeated() ? pick(4) : 1;
    for (size_t k = 0; k < count; ++k) {
      const int64_t n = kInts[pick(std::size(kInts))];
      const bool add = f->is_repeated();
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_MESSAGE: {
          Message* sub = add ? r->AddMessage(m, f) : r->MutableMessage(m, f);
          if (depth > 0) Fill(sub, rng, depth - 1);
          break;
        }
        case FieldDescriptor::CPPTYPE_INT32:
          add ? r->AddInt32(m, f, static_cast<int32_t>(n)) : r->SetInt32(m, f, static_cast<int32_t>(n));
          break;
        case FieldDescriptor::CPPTYPE_INT64:
          add ? r->AddInt64(m, f, n) : r->SetInt64(m, f, n);
          break;
        case FieldDescriptor::CPPTYPE_UINT32:
          add ? r->AddUInt32(m, f, static_cast<uint32_t>(n)) : r->SetUInt32(m, f, static_cast<uint32_t>(n));
          break;
        case FieldDescriptor::CPPTYPE_UINT64:
          add ? r->AddUInt64(m, f, static_cast<uint64_t>(n)) : r->SetUInt64(m, f, static_cast<uint64_t>(n));
          break;
        case FieldDescriptor::CPPTYPE_DOUBLE: {
          const double x = kDoubles[pick(std::size(kDoubles))];
          add ? r->AddDouble(m, f, x) : r->SetDouble(m, f, x);
          break;
        }
        case FieldDescriptor::CPPTYPE_FLOAT: {
          const float x = kFloats[pick(std::size(kFloats))];
          add ? r->AddFloat(m, f, x) : r->SetFloat(m, f, x);
          break;
        }
        case FieldDescriptor::CPPTYPE_BOOL:
          add ? r->AddBool(m, f, n & 1) : r->SetBool(m, f, n & 1);
          break;
        case FieldDescriptor::CPPTYPE_ENUM: {
          const int v = f->enum_type()->value(static_cast<int>(pick(f->enum_type()->value_count())))->number();
          add ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
          break;
        }
        case FieldDescriptor::CPPTYPE_STRING: {
          std::string v = kStrings[pick(std::size(kStrings))];
          if (f->type() == FieldDescriptor::TYPE_BYTES && !v.empty()) v += std::string("\0\xff\x80", 3);
          add ? r->AddString(m, f, v) : r->SetString(m, f, v);
          break;
        }
      }
    }
  }
}

// Every message of every file in proto/netra/v1, empty and filled at random
// (seeded: the same messages every run).
TEST(PrintJson, WritesEveryNetraMessageEmptyAndFilledAsProtobufDoes) {
  std::vector<const Descriptor*> types;
  std::function<void(const Descriptor*)> add = [&](const Descriptor* d) {
    if (d->options().map_entry()) return;
    types.push_back(d);
    for (int i = 0; i < d->nested_type_count(); ++i) add(d->nested_type(i));
  };
  // The schema of `netra serve`'s tokens: no code of the library uses it, so
  // only this reference links it in.
  ASSERT_NE(netra::v1::AccessTokens::descriptor(), nullptr);
  ASSERT_NE(netra::v1::CreateCaseRequest::descriptor(), nullptr);
  for (const auto& e : fs::directory_iterator(fs::path(kSource) / "proto" / "netra" / "v1")) {
    const std::string name = "netra/v1/" + e.path().filename().string();
    const google::protobuf::FileDescriptor* file =
        google::protobuf::DescriptorPool::generated_pool()->FindFileByName(name);
    ASSERT_NE(file, nullptr) << name << " is not linked into the test";
    for (int i = 0; i < file->message_type_count(); ++i) add(file->message_type(i));
  }
  ASSERT_GT(types.size(), 80u);
  std::mt19937 rng(12);
  for (const Descriptor* d : types) {
    std::unique_ptr<Message> m(google::protobuf::MessageFactory::generated_factory()->GetPrototype(d)->New());
    ExpectSameBytes(*m, d->full_name() + " (empty)");
    for (int seed = 0; seed < 4; ++seed) {
      m->Clear();
      Fill(m.get(), &rng, 3);
      ExpectSameBytes(*m, absl::StrCat(d->full_name(), " (filled, ", seed, ")"));
    }
  }
}

// A schema netra.v1 does not have: fields declared out of number order,
// float, every integer encoding, packed lists of fixed-size numbers, bytes,
// proto3 `optional`, a oneof of a scalar and a message, a recursive message,
// a map.
constexpr char kOddSchema[] = R"pb(
  name: "print_json_test.proto"
  package: "print_json_test"
  syntax: "proto3"
  enum_type { name: "Colour" value { name: "COLOUR_UNSPECIFIED" number: 0 } value { name: "RED" number: 1 } }
  message_type {
    name: "Odd"
    field { name: "last_declared_first" number: 30 label: LABEL_OPTIONAL type: TYPE_STRING }
    field { name: "a_double" number: 1 label: LABEL_OPTIONAL type: TYPE_DOUBLE }
    field { name: "a_float" number: 3 label: LABEL_OPTIONAL type: TYPE_FLOAT }
    field { name: "floats" number: 4 label: LABEL_REPEATED type: TYPE_FLOAT }
    field { name: "doubles" number: 5 label: LABEL_REPEATED type: TYPE_DOUBLE }
    field { name: "a_sint32" number: 6 label: LABEL_OPTIONAL type: TYPE_SINT32 }
    field { name: "a_sint64" number: 7 label: LABEL_OPTIONAL type: TYPE_SINT64 }
    field { name: "a_fixed32" number: 8 label: LABEL_OPTIONAL type: TYPE_FIXED32 }
    field { name: "a_fixed64" number: 9 label: LABEL_OPTIONAL type: TYPE_FIXED64 }
    field { name: "a_sfixed32" number: 10 label: LABEL_OPTIONAL type: TYPE_SFIXED32 }
    field { name: "a_sfixed64" number: 11 label: LABEL_OPTIONAL type: TYPE_SFIXED64 }
    field { name: "a_uint32" number: 12 label: LABEL_OPTIONAL type: TYPE_UINT32 }
    field { name: "a_uint64" number: 13 label: LABEL_OPTIONAL type: TYPE_UINT64 }
    field { name: "a_bytes" number: 14 label: LABEL_OPTIONAL type: TYPE_BYTES }
    field { name: "sint64s" number: 15 label: LABEL_REPEATED type: TYPE_SINT64 }
    field { name: "fixed32s" number: 16 label: LABEL_REPEATED type: TYPE_FIXED32 }
    field { name: "bytes_list" number: 17 label: LABEL_REPEATED type: TYPE_BYTES }
    field { name: "maybe" number: 18 label: LABEL_OPTIONAL type: TYPE_INT32 oneof_index: 1 proto3_optional: true }
    field { name: "choice_text" number: 19 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    field { name: "choice_number" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 oneof_index: 0 }
    field { name: "choice_odd" number: 21 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".print_json_test.Odd" oneof_index: 0 }
    field { name: "child" number: 22 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".print_json_test.Odd" }
    field { name: "children" number: 23 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".print_json_test.Odd" }
    field { name: "colour" number: 25 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".print_json_test.Colour" }
    field { name: "colours" number: 26 label: LABEL_REPEATED type: TYPE_ENUM type_name: ".print_json_test.Colour" }
    field { name: "counts" number: 24 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".print_json_test.Odd.CountsEntry" }
    nested_type {
      name: "CountsEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 }
      options { map_entry: true }
    }
    oneof_decl { name: "choice" }
    oneof_decl { name: "_maybe" }
  }
)pb";

TEST(PrintJson, WritesASchemaOutOfNumberOrderWithFloatsAndEveryEncodingAsProtobufDoes) {
  google::protobuf::FileDescriptorProto proto;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kOddSchema, &proto));
  google::protobuf::DescriptorPool pool;
  const google::protobuf::FileDescriptor* file = pool.BuildFile(proto);
  ASSERT_NE(file, nullptr);
  google::protobuf::DynamicMessageFactory factory(&pool);
  const Descriptor* odd = file->FindMessageTypeByName("Odd");
  std::unique_ptr<Message> m(factory.GetPrototype(odd)->New());
  ExpectSameBytes(*m, "Odd (empty)");
  std::mt19937 rng(7);
  for (int seed = 0; seed < 40; ++seed) {
    m->Clear();
    Fill(m.get(), &rng, 2);
    ExpectSameBytes(*m, absl::StrCat("Odd (filled, ", seed, ")"));
  }
  // A map with entries is protobuf's to write.
  Message* entry = m->GetReflection()->AddMessage(m.get(), odd->FindFieldByName("counts"));
  entry->GetReflection()->SetString(entry, entry->GetDescriptor()->FindFieldByName("key"), "k");
  ExpectSameBytes(*m, "Odd (map)", /*direct=*/false);
}

// The request layer's answer to every method of the service, from the
// examples and the vectors: determinations, batches with a refused item,
// findings, rule files, working days, case states, overdue duties, pact
// progress and compliance over the 500-row synthetic roster.
TEST(PrintJson, WritesEveryAnswerOfTheServiceAsProtobufDoes) {
  auto engine = Engine::Create();
  ASSERT_TRUE(engine.ok()) << engine.status();
  std::set<std::string> answered;
  auto answer = [&](const std::string& method, const Message& request, const std::string& what) {
    std::unique_ptr<Message> out(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(Engine::FindMethod(method)->output_type())->New());
    const absl::Status st = (*engine)->Call(method, request, out.get());
    ASSERT_TRUE(st.ok()) << method << " " << what << ": " << st;
    answered.insert(method);
    ExpectSameBytes(*out, absl::StrCat(method, " ", what));
  };
  auto parse = [](const std::string& file, Message* m) {
    const absl::Status st = ParseJson(ReadFile(kSource + "/" + file), m, "example");
    ASSERT_TRUE(st.ok()) << file << ": " << st;
  };

  v1::EvaluateBatchRequest evaluations;
  for (const char* example : {"examples/absence_15_days_2025.json",
                              "examples/neutrality_teacher_likes_candidate_post_pilkada_2024.json"}) {
    parse(example, evaluations.add_requests());
    answer("Evaluate", evaluations.requests(evaluations.requests_size() - 1), example);
  }
  for (const auto& [name, v] : testing_vectors::LawVectors()) *evaluations.add_requests() = v.request();
  evaluations.add_requests()->add_acts()->mutable_absence()->set_cumulative_working_days(-3);  // refused
  answer("EvaluateBatch", evaluations, "(every vector)");
  evaluations.set_form(v1::SUMMARY);
  answer("EvaluateBatch", evaluations, "(every vector, summaries)");

  v1::AuditBatchRequest audits;
  for (const auto& [name, v] : testing_vectors::AuditVectors()) {
    answer("Audit", v.decided(), name);
    *audits.add_cases() = v.decided();
  }
  audits.add_cases()->set_case_id("refused");
  answer("AuditBatch", audits, "(every audit vector)");

  answer("Rules", v1::RulesRequest(), "(all)");
  v1::RulesRequest rules;
  rules.set_as_of("2024-11-12");
  answer("Rules", rules, "(in force on 2024-11-12)");
  answer("Elections", v1::ElectionsRequest(), "");

  v1::WorkingDaysRequest days;
  days.mutable_add()->set_from("2025-03-28");
  days.mutable_add()->set_days(3);
  answer("WorkingDays", days, "(add)");
  days.mutable_count()->set_from("2025-03-01");
  days.mutable_count()->set_to("2025-04-30");
  answer("WorkingDays", days, "(count)");
  for (const char* date : {"2025-01-01", "2025-01-02"}) {
    days.set_is_working_day(date);
    answer("WorkingDays", days, date);
  }

  v1::OverdueRequest overdue;
  overdue.set_as_of("2025-06-30");
  for (const char* example : {"examples/case_disciplinary_absence_2024.json", "examples/case_neutrality_pilkada_2024.json"}) {
    v1::ReplayCaseRequest replay;
    parse(example, replay.mutable_case_());
    *overdue.add_cases() = replay.case_();
    replay.set_tukin(5000000);
    for (const char* as_of : {"", "2024-10-01", "2024-12-31", "2025-06-30"}) {
      replay.set_as_of(as_of);
      answer("ReplayCase", replay, absl::StrCat(example, " on ", as_of));
    }
  }
  answer("Overdue", overdue, "(both examples)");

  const std::string csv = ReadFile(kSource + "/examples/roster_synthetic_500.csv");
  std::vector<std::string> nips;
  for (size_t at = csv.find('\n'); at != std::string::npos && nips.size() < 40; at = csv.find('\n', at + 1)) {
    const std::string nip = csv.substr(at + 1, csv.find(',', at + 1) - at - 1);
    if (!nip.empty()) nips.push_back(nip);  // non-ASN rows have none
  }
  v1::PactProgressRequest pacts;
  pacts.mutable_roster()->set_csv(csv);
  pacts.set_election("pilkada2024");
  pacts.set_as_of("2024-12-31");
  pacts.set_max_not_signed(10);
  for (size_t i = 0; i < nips.size(); ++i) {
    v1::PactEvent* issued = pacts.add_events();
    issued->set_type(v1::PACT_ISSUED);
    issued->set_nip(nips[i]);
    issued->set_date("2024-09-02");
    issued->set_template_id("pakta_netralitas.pilkada2024.v1");
  }
  for (size_t i = 0; i < nips.size(); i += 3) {
    v1::PactEvent* signed_ = pacts.add_events();
    signed_->set_type(v1::PACT_SIGNED);
    signed_->set_nip(nips[i]);
    signed_->set_signer_nip(nips[i]);
    signed_->set_date(i % 2 == 0 ? "2024-09-05" : "2024-10-30");
    signed_->set_method(v1::INDIVIDUAL);
  }
  answer("PactProgress", pacts, "(500-row roster)");

  v1::ComplianceRequest compliance;
  compliance.mutable_roster()->set_csv(csv);
  *compliance.mutable_cases() = overdue.cases();
  compliance.set_as_of("2025-06-30");
  (*compliance.mutable_im_nkk_index())["Pemerintah Kabupaten Sintetis 001"] = 0.8125;
  answer("Compliance", compliance, "(500-row roster)");

  auto folder = ReadSiasnFolder(kSource + "/examples/siasn_synthetic");
  ASSERT_TRUE(folder.ok()) << folder.status();
  answer("FromSiasn", folder->records(), "(examples/siasn_synthetic)");
  folder->set_election("pilkada2024");
  folder->set_as_of("2024-10-01");
  folder->set_max_not_signed(5);
  answer("SiasnReport", *folder, "(examples/siasn_synthetic)");

  EXPECT_EQ(answered.size(), Engine::Methods().size()) << "a method of the service has no answer here";
}

// Issue 18 item 5: text that is not what it claims gets a clear, bounded answer.
TEST(ParseJson, SkipsAByteOrderMarkRefusesAKeyGivenTwiceAndBoundsAHugeUnknownName) {
  const std::string doc = R"({"employee":{"kind":"PNS"},"decision_date":"2025-07-01"})";
  v1::EvaluationRequest plain, marked;
  ASSERT_TRUE(ParseJson(doc, &plain, "request").ok());
  ASSERT_TRUE(ParseJson("\xEF\xBB\xBF" + doc, &marked, "request").ok());
  EXPECT_EQ(marked.SerializeAsString(), plain.SerializeAsString());

  v1::EvaluationRequest untouched = plain;
  absl::Status st = ParseJson(R"({"employee":{"kind":"PNS","kind":"PPPK"}})", &untouched, "request");
  EXPECT_EQ(st.message(), "invalid request JSON: employee.kind is given twice (each key may appear once)");
  EXPECT_EQ(untouched.SerializeAsString(), plain.SerializeAsString()) << "a refused document changes nothing";
  st = ParseJson(R"({"acts":[{"norm":"a"},{"norm":"b","impact":"INSTANSI","norm":"c"}]})", &untouched, "request");
  EXPECT_EQ(st.message(), "invalid request JSON: acts[1].norm is given twice (each key may appear once)");
  // Keys inside strings and equal values in different objects are not duplicates.
  EXPECT_TRUE(ParseJson(R"({"acts":[{"norm":"a\",\"norm"},{"norm":"b"}]})", &untouched, "request").ok());

  const std::string name(1 << 20, 'x');
  st = ParseJson(absl::StrCat(R"({")", name, R"(":1})"), &untouched, "request");
  EXPECT_LT(st.message().size(), 1000u) << "the name is not echoed whole";
  EXPECT_TRUE(absl::StrContains(st.message(), absl::StrCat("bytes)"))) << st.message();
  // A cut never splits a character.
  auto whole_characters = [](absl::string_view s) {
    for (size_t i = 0; i < s.size();) {
      const unsigned char c = s[i];
      const size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (i + n > s.size()) return false;
      for (size_t k = 1; k < n; ++k) {
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
      }
      i += n;
    }
    return true;
  };
  for (int pad = 0; pad < 4; ++pad) {  // the cut falls before, inside and after an é
    const std::string wide = absl::StrCat(std::string(236 + pad, 'x'), "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");
    st = ParseJson(absl::StrCat(R"({")", wide, R"(":1})"), &untouched, "request");
    EXPECT_TRUE(whole_characters(st.message())) << pad << ": " << st.message();
  }
}

}  // namespace
}  // namespace netra
