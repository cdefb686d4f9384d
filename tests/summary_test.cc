// The lean answer of a batch (issue 12): a DeterminationSummary says what
// the full Determination of the same request says, over every law vector and
// variants of each with its facts taken away; its JSON is protobuf's, byte
// for byte; refused items carry their status code in every batch form; and
// the fast JSON path of batch items gives protobuf's message or declines.
#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "netra/api.h"
#include "netra/summary.h"
#include "netra/v1/conformance.pb.h"
#include "vector_files.h"

namespace netra {
namespace {


const Engine& TheEngine() {
  static const auto* e = new std::shared_ptr<const Engine>(*Engine::Create());
  return **e;
}

// Every law vector's request, and a copy with each act's facts taken away
// (so that facts go missing).
std::vector<std::pair<std::string, v1::EvaluationRequest>> Requests() {
  std::vector<std::pair<std::string, v1::EvaluationRequest>> out;
  for (const auto& [name, v] : testing_vectors::LawVectors()) {
    out.push_back({name, v.request()});
    v1::EvaluationRequest bare = v.request();
    for (v1::Act& a : *bare.mutable_acts()) {
      a.clear_impact();
      a.clear_absence();
      a.clear_valid_reason();
      if (a.has_neutrality()) {
        a.mutable_neutrality()->clear_on_cltn();
        a.mutable_neutrality()->clear_active_support();
        a.mutable_neutrality()->mutable_target()->clear_route();
      }
    }
    bare.mutable_employee()->clear_position();
    out.push_back({name + " (facts taken away)", bare});
  }
  return out;
}

std::string Json(const google::protobuf::Message& m, bool emit_defaults) {
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  o.always_print_primitive_fields = emit_defaults;
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out, o).ok());
  return out;
}

// Through the batch in the summary form (request settings included), each
// summary against the Determination of the same request.
TEST(Summary, SaysWhatTheDeterminationSaysForEveryVector) {
  const Engine& engine = TheEngine();
  const auto requests = Requests();
  ASSERT_GT(requests.size(), 400u);
  v1::EvaluateBatchRequest batch;
  batch.set_form(v1::SUMMARY);
  for (const auto& [name, request] : requests) *batch.add_requests() = request;
  const v1::EvaluateBatchResponse summaries = engine.EvaluateBatch(batch);
  ASSERT_EQ(summaries.items_size(), batch.requests_size());
  int missing_seen = 0, officials_seen = 0, stage_seen = 0, compared = 0;
  for (size_t i = 0; i < requests.size(); ++i) {
    const auto& [name, request] = requests[i];
    SCOPED_TRACE(name);
    auto d = engine.Evaluate(request);
    ASSERT_EQ(d.ok(), summaries.items(i).has_summary());
    if (!d.ok()) {  // a variant the evaluator refuses (a fact some norm requires): the same words
      EXPECT_EQ(summaries.items(i).error().message(), d.status().message());
      continue;
    }
    ++compared;
    const v1::DeterminationSummary& s = summaries.items(i).summary();
    EXPECT_EQ(s.outcome(), d->outcome());
    EXPECT_EQ(s.level(), d->level());
    EXPECT_EQ(s.regime(), d->regime());
    std::vector<std::string> codes;
    for (const auto& a : d->allowed_sanctions()) codes.push_back(a.code());
    EXPECT_EQ(std::vector<std::string>(s.allowed_types().begin(), s.allowed_types().end()), codes);
    std::set<std::string> missing;
    for (const auto& m : d->missing_facts()) missing.insert(m.field());
    EXPECT_EQ(std::set<std::string>(s.missing_facts().begin(), s.missing_facts().end()), missing);
    EXPECT_EQ(static_cast<size_t>(s.missing_facts_size()), missing.size()) << "each missing fact once";
    missing_seen += !missing.empty();
    std::set<int> officials;
    for (const auto& o : d->competent_officials()) officials.insert(o.official());
    EXPECT_EQ(std::set<int>(s.officials().begin(), s.officials().end()), officials);
    officials_seen += !officials.empty();
    EXPECT_EQ(s.team(), d->procedure().team());
    EXPECT_EQ(s.handled_by(), d->handling().body());
    const v1::ElectionStage& es = d->acts(0).election_stage();
    EXPECT_EQ(s.stage(), es.stage());
    EXPECT_EQ(s.candidate_status(), es.candidate_status());
    stage_seen += es.stage() != v1::STAGE_UNSPECIFIED;
    bool stop = false;
    std::string stop_from;
    for (const auto& a : d->acts()) {
      stop |= a.salary_stop();
      if (stop_from.empty()) stop_from = a.salary_stop_from();
    }
    EXPECT_EQ(s.salary_stop(), stop);
    EXPECT_EQ(s.salary_stop_from(), stop_from);
    EXPECT_EQ(std::vector<std::string>(s.warnings().begin(), s.warnings().end()),
              std::vector<std::string>(d->warnings().begin(), d->warnings().end()));
    EXPECT_EQ(s.decision_date(), d->decision_date());
    // The deciding rules are among the Determination's legal basis, and
    // an answer from rules names at least one.
    // Their articles are those the Determination cites for them, as they
    // stood on the dates they were applied on (no repealed law for a 2024
    // act).
    std::set<std::string> basis;
    std::set<std::string> summary_rules(s.rule_ids().begin(), s.rule_ids().end()), cited;
    auto add_basis = [&](const v1::LegalBasis& b) {
      basis.insert(b.rule_id());
      if (summary_rules.count(b.rule_id())) cited.insert(b.cited_as().begin(), b.cited_as().end());
    };
    for (const auto& b : d->basis()) add_basis(b);
    for (const auto& a : d->acts()) {
      for (const auto& b : a.basis()) add_basis(b);
    }
    for (const std::string& id : s.rule_ids()) EXPECT_TRUE(basis.count(id)) << id;
    EXPECT_EQ(std::set<std::string>(s.citations().begin(), s.citations().end()), cited);
    if (d->outcome() == v1::SANCTION) {
      EXPECT_GT(s.rule_ids_size(), 0);
      EXPECT_GT(s.citations_size(), 0);
    }
  }
  // The comparison reached every kind of field.
  EXPECT_GT(compared, 600);
  EXPECT_GT(missing_seen, 50);
  EXPECT_GT(officials_seen, 100);
  EXPECT_GT(stage_seen, 20);
}

// The batch forms: JSON lines and a JSON array, with the summary flag or
// without, give, line for line, protobuf's JSON of the typed EvaluateBatch's
// summaries or determinations, with and without every default written.
TEST(Summary, BatchJsonIsProtobufsJsonOfTheTypedBatch) {
  for (v1::AnswerForm form : {v1::SUMMARY, v1::ANSWER_FORM_UNSPECIFIED}) {
    SCOPED_TRACE(form == v1::SUMMARY ? "summaries" : "determinations");
    const Engine& engine = TheEngine();
    v1::EvaluateBatchRequest batch;
    batch.set_form(form);
    std::string lines, array = "[";
    for (const auto& [name, request] : Requests()) {
      *batch.add_requests() = request;
      const std::string json = ToJson(request, {.pretty = false});
      lines += json + "\n";
      array += (array.size() > 1 ? "," : "") + json;
    }
    array += "]";
    const v1::EvaluateBatchResponse typed = engine.EvaluateBatch(batch);
    ASSERT_EQ(typed.items_size(), batch.requests_size());
    for (bool emit_defaults : {false, true}) {
      SCOPED_TRACE(emit_defaults ? "every default written" : "defaults left out");
      std::istringstream in(lines);
      std::ostringstream out;
      int64_t answered = 0, refused = 0;
      ASSERT_TRUE(engine.EvaluateJsonLines(in, out, &answered, &refused,
                                           {.pretty = false, .emit_defaults = emit_defaults}, form)
                      .ok());
      const std::vector<std::string> got = absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
      ASSERT_EQ(got.size(), static_cast<size_t>(typed.items_size()));
      auto arr = engine.EvaluateJsonArray(array, {.pretty = false, .emit_defaults = emit_defaults}, form);
      ASSERT_TRUE(arr.ok()) << arr.status();
      const std::vector<std::string> elements = absl::StrSplit(*arr, absl::ByAnyChar("\n"), absl::SkipEmpty());
      ASSERT_EQ(elements.size(), got.size() + 2);  // "[" ... "]"
      int answers = 0;
      for (int i = 0; i < typed.items_size(); ++i) {
        const auto& item = typed.items(i);
        std::string want;
        if (item.has_summary() || item.has_determination()) {
          want = item.has_summary() ? Json(item.summary(), emit_defaults) : Json(item.determination(), emit_defaults);
          ++answers;
        } else {
          ASSERT_TRUE(item.has_error());
          EXPECT_EQ(item.error().code(), "INVALID_ARGUMENT");
          EXPECT_TRUE(absl::StartsWith(got[i], absl::StrCat("{\"line\":", i + 1, ",\"code\":\"INVALID_ARGUMENT\"")))
              << got[i];
          continue;
        }
        EXPECT_EQ(got[i], want) << i;
        std::string element = elements[i + 1];
        if (absl::EndsWith(element, ",")) element.pop_back();
        EXPECT_EQ(element, want) << i;
      }
      EXPECT_GT(answers, 400);
      EXPECT_EQ(answered, answers);
      EXPECT_EQ(answered + refused, typed.items_size());
    }
  }
}

TEST(Summary, RefusedItemsCarryTheirCodeInEveryForm) {
  const Engine& engine = TheEngine();
  const std::string good = R"({"employee":{"kind":"PNS"},"acts":[{"norm":"pp94.duty.attendance",)"
                           R"("act_date":"2025-06-30","absence":{"cumulative_working_days":3}}]})";
  const std::string bad = R"({"employee":{"kind":"PNS"},"acts":[{"norm":"pp94.duty.attendance",)"
                          R"("act_date":"2025-02-30"}]})";
  for (v1::AnswerForm form : {v1::ANSWER_FORM_UNSPECIFIED, v1::SUMMARY}) {
    std::istringstream in(good + "\n" + bad + "\n{not json\n");
    std::ostringstream out;
    int64_t answered = 0, refused = 0;
    ASSERT_TRUE(engine.EvaluateJsonLines(in, out, &answered, &refused, {.pretty = false}, form).ok());
    EXPECT_EQ(answered, 1);
    EXPECT_EQ(refused, 2);
    const std::vector<std::string> lines = absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_TRUE(absl::StartsWith(lines[1], "{\"line\":2,\"code\":\"INVALID_ARGUMENT\",\"error\":\"acts[0].act_date:"))
        << lines[1];
    EXPECT_TRUE(absl::StartsWith(lines[2], "{\"line\":3,\"code\":\"INVALID_ARGUMENT\",\"error\":\"invalid JSON"))
        << lines[2];
    auto arr = engine.EvaluateJsonArray("[" + good + "," + bad + "]", {}, form);
    ASSERT_TRUE(arr.ok());
    EXPECT_TRUE(absl::StrContains(*arr, "{\"index\":1,\"code\":\"INVALID_ARGUMENT\",\"error\":\"acts[0].act_date:"))
        << *arr;
  }
  v1::EvaluateBatchRequest batch;
  batch.set_form(v1::SUMMARY);
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(good, batch.add_requests()).ok());
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(bad, batch.add_requests()).ok());
  batch.mutable_requests(0)->mutable_settings()->insert({"no_such_setting", "x"});
  const auto typed = engine.EvaluateBatch(batch);
  ASSERT_EQ(typed.items_size(), 2);
  EXPECT_EQ(typed.items(0).error().code(), "INVALID_ARGUMENT");
  EXPECT_TRUE(absl::StrContains(typed.items(0).error().message(), "no_such_setting")) << typed.items(0).error().message();
  EXPECT_EQ(typed.items(1).error().index(), 1);
  EXPECT_EQ(typed.items(1).error().code(), "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace netra
