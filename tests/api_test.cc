// The request layer (netra/api.h): one dispatch table over the methods of
// netra.v1.Netra, the typed methods, the JSON and binary codecs, the batch
// forms and the methods over cases, calendars, pacts and compliance.
#include "netra/api.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "netra/json.h"

namespace netra {
namespace {

const std::string kSource = NETRA_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const Engine& TheEngine() {
  static const auto* engine = new std::shared_ptr<const Engine>(*Engine::Create());
  return **engine;
}

v1::EvaluationRequest Example() {
  v1::EvaluationRequest r;
  EXPECT_TRUE(ParseJson(ReadFile(kSource + "/examples/absence_15_days_2025.json"), &r, "request").ok());
  return r;
}

TEST(Engine, EveryMethodOfTheServiceIsInTheTable) {
  const auto* service = v1::EvaluateBatchRequest::descriptor()->file()->FindServiceByName("Netra");
  ASSERT_NE(service, nullptr);
  ASSERT_EQ(Engine::Methods().size(), static_cast<size_t>(service->method_count()));
  for (int i = 0; i < service->method_count(); ++i) {
    const auto* m = service->method(i);
    EXPECT_EQ(Engine::Methods()[i], m->name());
    EXPECT_EQ(Engine::FindMethod(m->name()), m);
    // Every method answers through Call: the empty request is either answered
    // or refused with InvalidArgument naming a field, never Unimplemented.
    std::unique_ptr<google::protobuf::Message> in(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(m->input_type())->New());
    std::unique_ptr<google::protobuf::Message> out(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(m->output_type())->New());
    const absl::Status st = TheEngine().Call(m->name(), *in, out.get());
    EXPECT_TRUE(st.ok() || absl::IsInvalidArgument(st)) << m->name() << ": " << st;
  }
}

TEST(Engine, TypedCallAndJsonAgree) {
  const v1::EvaluationRequest request = Example();
  auto typed = TheEngine().Evaluate(request);
  ASSERT_TRUE(typed.ok()) << typed.status();
  v1::Determination by_call;
  ASSERT_TRUE(TheEngine().Call("Evaluate", request, &by_call).ok());
  EXPECT_EQ(by_call.SerializeAsString(), typed->SerializeAsString());
  auto json = TheEngine().CallJson("Evaluate", ReadFile(kSource + "/examples/absence_15_days_2025.json"));
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json, ToJson(*typed));
  auto binary = TheEngine().CallBinary("Evaluate", request.SerializeAsString());
  ASSERT_TRUE(binary.ok()) << binary.status();
  EXPECT_EQ(*binary, typed->SerializeAsString());
}

TEST(Engine, WrongMessagesAndMethodsAreRefused) {
  v1::Determination out;
  const absl::Status wrong_in = TheEngine().Call("Audit", Example(), &out);
  EXPECT_TRUE(absl::IsInvalidArgument(wrong_in)) << wrong_in;
  EXPECT_TRUE(absl::StrContains(wrong_in.message(), "netra.v1.EvaluationRequest given to Audit")) << wrong_in;
  v1::AuditFinding finding;
  const absl::Status wrong_out = TheEngine().Call("Evaluate", Example(), &finding);
  EXPECT_TRUE(absl::StrContains(wrong_out.message(), "answers netra.v1.Determination")) << wrong_out;
  const absl::Status unknown = TheEngine().Call("Judge", Example(), &out);
  EXPECT_TRUE(absl::IsUnimplemented(unknown)) << unknown;
  EXPECT_FALSE(TheEngine().CallJson("Judge", "{}").ok());
  EXPECT_TRUE(absl::IsInvalidArgument(TheEngine().Call("Evaluate", Example(), nullptr)));
}

TEST(Engine, EmitDefaultsIsAnOptionOfTheCallDefaultOff) {
  const std::string in = R"({"is_working_day": "2025-01-01"})";
  auto plain = TheEngine().CallJson("WorkingDays", in, {.pretty = false});
  auto all = TheEngine().CallJson("WorkingDays", in, {.pretty = false, .emit_defaults = true});
  ASSERT_TRUE(plain.ok() && all.ok());
  EXPECT_FALSE(absl::StrContains(*plain, "\"count\"")) << *plain;
  EXPECT_TRUE(absl::StrContains(*all, "\"count\":0")) << *all;
  EXPECT_TRUE(absl::StrContains(*all, "\"working_day\":false")) << *all;
  EXPECT_TRUE(absl::StrContains(*plain, "\"day_off\"")) << "New Year's Day is a national holiday: " << *plain;
}

// camel_case: protobuf's own JSON mapping names, byte for byte what its
// printer writes, for Evaluate (written from the wire form) and a summary
// row of a JSON-lines batch alike.
TEST(Engine, CamelCaseNamesAreProtobufsJsonNames) {
  google::protobuf::util::JsonPrintOptions protobuf;
  for (bool emit_defaults : {false, true}) {
    protobuf.always_print_primitive_fields = emit_defaults;
    std::string in;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(Example(), &in).ok());
    auto camel = TheEngine().CallJson("Evaluate", in, {.pretty = false, .emit_defaults = emit_defaults,
                                                       .camel_case = true});
    ASSERT_TRUE(camel.ok()) << camel.status();
    auto d = TheEngine().Evaluate(Example());
    ASSERT_TRUE(d.ok());
    std::string expected;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*d, &expected, protobuf).ok());
    EXPECT_EQ(*camel, expected);
    EXPECT_TRUE(absl::StrContains(*camel, "\"ruleBookRevision\"")) << *camel;
  }
  std::istringstream lines(R"({"employee": {"kind": "PNS"}, "acts": [{"norm": "pp94.duty.attendance", "act_date": "2025-06-30", "absence": {"cumulative_working_days": 15}}]})");
  std::ostringstream out;
  int64_t answered = 0, refused = 0;
  ASSERT_TRUE(TheEngine()
                  .EvaluateJsonLines(lines, out, &answered, &refused, {.pretty = false, .camel_case = true},
                                     v1::SUMMARY)
                  .ok());
  EXPECT_TRUE(absl::StrContains(out.str(), "\"missingFacts\"")) << out.str();
  EXPECT_FALSE(absl::StrContains(out.str(), "missing_facts")) << out.str();
}

TEST(Engine, Int64AsNumbersWritesCountsAsNumbers) {
  v1::AuditBatchRequest batch;
  batch.add_cases();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(batch, &json).ok());
  auto quoted = TheEngine().CallJson("AuditBatch", json, {.pretty = false});
  auto numbers = TheEngine().CallJson("AuditBatch", json, {.pretty = false, .int64_as_numbers = true});
  ASSERT_TRUE(quoted.ok() && numbers.ok()) << quoted.status() << numbers.status();
  EXPECT_TRUE(absl::StrContains(*quoted, "\"cases\":\"1\"")) << *quoted;
  EXPECT_TRUE(absl::StrContains(*numbers, "\"cases\":1")) << *numbers;
}

TEST(Engine, BatchesAnswerEveryItem) {
  v1::EvaluateBatchRequest batch;
  *batch.add_requests() = Example();
  batch.add_requests()->mutable_employee();  // no kind: refused
  *batch.add_requests() = Example();
  const v1::EvaluateBatchResponse r = TheEngine().EvaluateBatch(batch);
  ASSERT_EQ(r.items_size(), 3);
  EXPECT_TRUE(r.items(0).has_determination());
  EXPECT_EQ(r.items(1).error().index(), 1);
  EXPECT_EQ(r.items(1).error().code(), "INVALID_ARGUMENT");
  EXPECT_TRUE(absl::StrContains(r.items(1).error().message(), "employee.kind")) << r.items(1).error().message();
  EXPECT_EQ(r.items(2).determination().SerializeAsString(), r.items(0).determination().SerializeAsString());

  std::istringstream lines(ReadFile(kSource + "/examples/audit_neutrality_decisions_2024.jsonl"));
  std::ostringstream out;
  v1::AuditSummary summary;
  ASSERT_TRUE(TheEngine().AuditJsonLines(lines, out, &summary).ok());
  EXPECT_GT(summary.cases(), summary.invalid());
  // One line per case, answered or refused (the example holds a bad line).
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), summary.cases());
}

TEST(Engine, WorkingDaysOnTheAgencysOwnWeek) {
  v1::WorkingDaysRequest r;
  r.mutable_count()->set_from("2025-03-01");  // a Saturday
  r.mutable_count()->set_to("2025-03-08");    // the next Saturday
  auto five = TheEngine().WorkingDays(r);
  ASSERT_TRUE(five.ok()) << five.status();
  r.mutable_calendar()->set_working_weekdays(0b0111111);  // Monday to Saturday
  auto six = TheEngine().WorkingDays(r);
  ASSERT_TRUE(six.ok()) << six.status();
  EXPECT_EQ(six->count(), five->count() + 1);
  EXPECT_NE(six->calendar_version(), five->calendar_version());
}

TEST(Engine, OverdueAndComplianceReportCasesThatCannotBeReplayed) {
  v1::CaseLog good;
  ASSERT_TRUE(ParseJson(ReadFile(kSource + "/examples/case_neutrality_pilkada_2024.json"), &good, "case").ok());
  v1::OverdueRequest r;
  r.set_as_of("2025-06-30");
  *r.add_cases() = good;
  r.add_cases()->set_case_id("no kind");
  auto overdue = TheEngine().Overdue(r);
  ASSERT_TRUE(overdue.ok()) << overdue.status();
  ASSERT_EQ(overdue->failures_size(), 1);
  EXPECT_EQ(overdue->failures(0).index(), 1);
  for (const auto& it : overdue->items()) EXPECT_EQ(it.case_id(), good.case_id());

  v1::ComplianceRequest c;
  c.mutable_roster()->set_csv("nip,name,type,agency\n197711282004081001,A,PNS,Pemerintah Kabupaten Contoh\n");
  c.set_as_of("2025-06-30");
  *c.add_cases() = good;
  auto report = TheEngine().Compliance(c);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->roster_report().accepted(), 1);
  EXPECT_GT(report->report().agencies_size(), 0);
}

// A case on a past date is the case as it stood then: the events dated
// after it are not yet done (a decision delivered later is not delivered on
// it), and a duty met late was overdue in between.
TEST(Engine, ACaseOnAPastDateCountsOnlyTheEventsUpToIt) {
  v1::ReplayCaseRequest replay;
  ASSERT_TRUE(ParseJson(ReadFile(kSource + "/examples/case_disciplinary_absence_2024.json"), replay.mutable_case_(),
                        "case").ok());
  replay.set_as_of("2024-07-05");
  auto then = TheEngine().ReplayCase(replay);
  ASSERT_TRUE(then.ok()) << then.status();
  EXPECT_EQ(then->status(), v1::SUMMONED);
  EXPECT_EQ(then->events(), 2);
  EXPECT_FALSE(then->has_sanction()) << then->sanction().DebugString();
  replay.clear_as_of();
  auto now = TheEngine().ReplayCase(replay);
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(now->events(), 8);

  v1::CaseLog late;
  ASSERT_TRUE(ParseJson(ReadFile(kSource + "/examples/case_neutrality_pilkada_2024.json"), &late, "case").ok());
  v1::CaseEvent* follow = late.add_events();  // due 2024-12-24, done 2025-01-10
  ASSERT_TRUE(ParseJson(R"({"type":"FOLLOW_UP","date":"2025-01-10","linked_case_id":"d-1",
                            "actor":{"role":"ROLE_PPK"}})", follow, "event").ok());
  v1::OverdueRequest overdue;
  *overdue.add_cases() = late;
  overdue.set_as_of("2024-12-30");
  auto before = TheEngine().Overdue(overdue);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_EQ(before->items_size(), 1) << before->DebugString();
  EXPECT_EQ(before->items(0).period(), "neutrality_follow_up");
  // The item cites its rule as the text numbers it, so no surface formats citations itself.
  const RuleEntry* rule = TheEngine().book().FindRule(before->items(0).rule_id());
  ASSERT_NE(rule, nullptr);
  ASSERT_EQ(before->items(0).cited_as_size(), rule->rule->citations_size());
  EXPECT_EQ(before->items(0).cited_as(0), TheEngine().book().CiteAs(rule->rule->citations(0)));
  EXPECT_EQ(before->items(0).paraphrase(), rule->rule->paraphrase());
  overdue.set_as_of("2025-02-01");
  auto after = TheEngine().Overdue(overdue);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->items_size(), 0) << after->DebugString();
  // A log whose later event is refused is refused on any date.
  overdue.mutable_cases(0)->mutable_events(3)->set_date("2024-01-01");
  overdue.set_as_of("2024-12-30");
  auto refused = TheEngine().Overdue(overdue);
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(refused->failures_size(), 1);
}

TEST(Engine, ALawWithoutTheProcedureStillEvaluates) {
  EngineOptions options;
  for (LawSource& s : EmbeddedLaw()) {
    if (!absl::StrContains(s.name, "pp79_2021_procedure")) options.law.push_back(std::move(s));
  }
  options.include_embedded = false;
  auto engine = Engine::Create(options);
  if (!engine.ok()) GTEST_SKIP() << "the law needs the procedure file: " << engine.status();
  EXPECT_TRUE((*engine)->Evaluate(Example()).ok());
  v1::ReplayCaseRequest r;
  EXPECT_TRUE(absl::IsFailedPrecondition((*engine)->ReplayCase(r).status()));
  EXPECT_EQ((*engine)->case_machine(), nullptr);
}

}  // namespace
}  // namespace netra
