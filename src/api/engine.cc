// The request layer (netra/api.h): one dispatch table keyed by the method
// names of the service netra.v1.Netra, typed methods over the evaluator,
// auditor, case machine, calendar and pact registry, and the JSON codecs
// every surface shares.
#include "netra/api.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "netra/columns.h"
#include "netra/date.h"
#include "netra/json.h"
#include "netra/pact.h"
#include "netra/siasn.h"
#include "netra/store.h"
#include "netra/text.h"
#include "json_fast.h"
#include "api/dispatch.h"
#include "csv.h"
#include "eval/fragments.h"
#include "huge_pages.h"
#include "json_print.h"
#include "line_reader.h"
#include "netra/summary.h"
#include "utf8.h"

namespace netra {
namespace {

namespace pb = google::protobuf;

bool Blank(absl::string_view s) { return s.find_first_not_of(" \t\r\n") == absl::string_view::npos; }

// Parses one document of a batch item (its own limit, kMaxAuditLineBytes)
// into `*message` (cleared first): the plain-JSON fast path
// (src/json_fast.h), else protobuf's parser, whose words a refusal keeps.
absl::Status ParseItem(absl::string_view json, pb::Message* message) {
  if (json.size() > kMaxAuditLineBytes) {
    return absl::InvalidArgumentError(absl::StrCat("item of ", json.size(), " bytes exceeds the limit of ",
                                                   kMaxAuditLineBytes, " bytes (kMaxAuditLineBytes)"));
  }
  if (internal::ParseJsonFast(json, message)) return absl::OkStatus();
  message->Clear();
  const auto st = pb::util::JsonStringToMessage(pb::StringPiece(json.data(), json.size()), message);
  if (!st.ok()) return absl::InvalidArgumentError(absl::StrCat("invalid JSON: ", st.message().as_string()));
  return absl::OkStatus();
}

// Splits a JSON array into its elements' text without parsing them (each is
// parsed as a message by its own item). Errors: not an array, unterminated.
absl::StatusOr<std::vector<absl::string_view>> SplitArray(absl::string_view json) {
  std::vector<absl::string_view> items;
  size_t i = 0;
  auto skip = [&] {
    while (i < json.size() && absl::ascii_isspace(static_cast<unsigned char>(json[i]))) ++i;
  };
  skip();
  if (i >= json.size() || json[i] != '[') {
    return absl::InvalidArgumentError("invalid JSON array: the input does not start with '['");
  }
  ++i;
  skip();
  if (i < json.size() && json[i] == ']') {
    ++i;
    skip();
    if (i != json.size()) return absl::InvalidArgumentError(absl::StrCat("invalid JSON array: text after ']' at byte ", i));
    return items;
  }
  while (true) {
    skip();
    const size_t start = i;
    int depth = 0;
    bool in_string = false;
    for (; i < json.size(); ++i) {
      const char c = json[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    if (i >= json.size()) {
      return absl::InvalidArgumentError(absl::StrCat("invalid JSON array: element ", items.size(),
                                                     " is not terminated (no ']' before the end)"));
    }
    size_t end = i;
    while (end > start && absl::ascii_isspace(static_cast<unsigned char>(json[end - 1]))) --end;
    items.push_back(json.substr(start, end - start));
    if (json[i] == ']') {
      ++i;
      skip();
      if (i != json.size()) {
        return absl::InvalidArgumentError(absl::StrCat("invalid JSON array: text after ']' at byte ", i));
      }
      return items;
    }
    if (json[i] != ',') {
      return absl::InvalidArgumentError(absl::StrCat("invalid JSON array: '", std::string(1, json[i]), "' at byte ", i));
    }
    ++i;
  }
}

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(const std::string& text, absl::string_view field) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  auto d = ParseDate(text, field);
  if (!d.ok()) return d.status();
  return std::optional<absl::CivilDay>(*d);
}

absl::StatusOr<absl::CivilDay> RequiredDate(const std::string& text, absl::string_view field) {
  if (text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": a date is required (netra never reads the clock)"));
  }
  return ParseDate(text, field);
}

v1::ItemError ItemErrorOf(int64_t index, const absl::Status& st) {
  v1::ItemError e;
  e.set_index(index);
  e.set_code(absl::StatusCodeToString(st.code()));
  e.set_message(std::string(st.message()));
  return e;
}

void Count(const v1::AuditFinding& f, v1::AuditSummary* s) {
  switch (f.verdict()) {
    case v1::WITHIN_LAW: s->set_within_law(s->within_law() + 1); break;
    case v1::TOO_LIGHT: s->set_too_light(s->too_light() + 1); break;
    case v1::TOO_HEAVY: s->set_too_heavy(s->too_heavy() + 1); break;
    case v1::OTHER_TYPE: s->set_other_type(s->other_type() + 1); break;
    case v1::TYPE_NOT_IN_FORCE: s->set_type_not_in_force(s->type_not_in_force() + 1); break;
    case v1::OFFICIAL_WITHOUT_AUTHORITY:
      s->set_official_without_authority(s->official_without_authority() + 1);
      break;
    case v1::NOT_SANCTIONED: s->set_not_sanctioned(s->not_sanctioned() + 1); break;
    case v1::DOUBLE_SANCTION: s->set_double_sanction(s->double_sanction() + 1); break;
    case v1::RECOMMENDATION_NOT_FOLLOWED:
      s->set_recommendation_not_followed(s->recommendation_not_followed() + 1);
      break;
    default: s->set_cannot_assess(s->cannot_assess() + 1); break;
  }
}

const pb::ServiceDescriptor* Service() { return v1::EvaluateBatchRequest::descriptor()->file()->FindServiceByName("Netra"); }

// How each method's request is named in errors ("invalid request JSON").
absl::string_view RequestWhat(absl::string_view method) {
  return method == "Audit" ? "decided-case" : "request";
}

// Methods whose request may be as large as kMaxBatchBytes: the batches and
// a whole SIASN export (the service's body limits agree: src/serve/routes.h
// TakesLargeBody).
bool IsBatch(absl::string_view method) {
  return method == "EvaluateBatch" || method == "AuditBatch" || method == "FromSiasn" || method == "SiasnReport";
}

// The PrintJson options of every JSON answer (ToJson).
JsonPrintOptions PrintOptions(const JsonOptions& options) {
  return {.add_whitespace = options.pretty,
          .preserve_proto_field_names = !options.camel_case,
          .always_print_primitive_fields = options.emit_defaults,
          .int64_as_numbers = options.int64_as_numbers};
}

// Evaluate's answer in binary (json == nullptr) or in JSON, written from the
// wire form of the Determination (Evaluator::EvaluateSerialized) and, for
// JSON, the JSON of its rule fragments printed once per rule book and form
// (when first written; src/json_print.h): the same bytes as encoding the
// message Engine::Evaluate returns, several times faster, with or without
// every default.
absl::StatusOr<std::string> EvaluateEncoded(const Evaluator& evaluator, const pb::Message& request,
                                            const JsonOptions* json) {
  std::string wire;
  if (auto st = evaluator.EvaluateSerialized(static_cast<const v1::EvaluationRequest&>(request), &wire); !st.ok()) {
    return st;
  }
  if (json == nullptr) return wire;
  std::string out;
  if (internal::PrintJsonWire(v1::Determination::descriptor(), wire, PrintOptions(*json),
                              &internal::RenderFragmentsOf(evaluator.book()).json, &out)) {
    return out;
  }
  v1::Determination d;
  if (!d.ParseFromString(wire)) return absl::InternalError("Evaluate: the determination does not parse back");
  return ToJson(d, *json);
}

}  // namespace

std::string ToJson(const pb::Message& message, const JsonOptions& options) {
  std::string json;
  // PrintJson hands what it does not write itself to protobuf's printer.
  (void)PrintJson(message, &json, PrintOptions(options));
  return json;
}

// --- State -------------------------------------------------------------------

using Handler = std::function<absl::Status(const Engine&, const pb::Message&, pb::Message*)>;

struct Engine::State {
  std::shared_ptr<const RuleBook> book;
  std::optional<Evaluator> evaluator;
  std::optional<Auditor> auditor;
  // Cases need the procedure's DeadlineRules; a host law without them can
  // still evaluate and audit, and the case methods give machine_status.
  std::optional<CaseMachine> machine;
  absl::Status machine_status;
  std::optional<WorkingDayCalendar> calendar;
  absl::Status calendar_status;
  std::map<std::string, std::string> settings;
  std::optional<Summarizer> summarizer;
};

namespace {

// Prepares, evaluates and summarizes one request into the caller's reused
// facts, result and summary. Settings in the request take a derived
// evaluator, as Evaluator::Evaluate does (same checks, same words).
absl::Status SummarizeOne(const Evaluator& ev, const Summarizer& summarizer, const v1::EvaluationRequest& request,
                          CaseFacts* facts, CaseResult* result, v1::DeterminationSummary* out) {
  if (!request.settings().empty()) {
    auto derived = ev.WithRequestSettings(request);
    if (!derived.ok()) return derived.status();
    v1::EvaluationRequest copy = request;
    copy.clear_settings();
    return SummarizeOne(*derived, summarizer, copy, facts, result, out);
  }
  if (auto st = ev.Prepare(request, facts); !st.ok()) return st;
  ev.Evaluate(*facts, result);
  summarizer.Summarize(*facts, *result, out);
  return absl::OkStatus();
}

// True if protobuf's printer writes `s` as it is between quotes: printable
// ASCII but '"', '\\', '<' and '>' (which it escapes).
bool Plain(absl::string_view s) {
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>') return false;
  }
  return true;
}

// Appends the compact JSON of a summary, byte for byte what protobuf's
// printer writes (proto field names; every field when emit_defaults).
// False, with nothing appended, when a string is not Plain: left to
// protobuf. tests/summary_test.cc compares the two.
bool AppendSummaryJson(const v1::DeterminationSummary& s, bool emit_defaults, std::string* out) {
  auto plain = [](const auto& list) {
    for (const std::string& x : list) {
      if (!Plain(x)) return false;
    }
    return true;
  };
  if (!plain(s.allowed_types()) || !plain(s.rule_ids()) || !plain(s.citations()) || !plain(s.missing_facts()) ||
      !plain(s.warnings()) || !Plain(s.salary_stop_from()) || !Plain(s.decision_date())) {
    return false;
  }
  const size_t start = out->size();
  bool first = true;
  auto key = [&](absl::string_view name) {
    out->append(first ? "{\"" : ",\"");
    first = false;
    out->append(name.data(), name.size());
    out->append("\":");
  };
  auto quoted = [&](absl::string_view v) {
    out->push_back('"');
    out->append(v.data(), v.size());
    out->push_back('"');
  };
  bool known = true;  // every enum value has a name
  auto enumeration = [&](absl::string_view name, int value, const pb::EnumDescriptor* type) {
    if (value == 0 && !emit_defaults) return;
    const pb::EnumValueDescriptor* v = type->FindValueByNumber(value);
    if (v == nullptr) {
      known = false;
      return;
    }
    key(name);
    quoted(v->name());
  };
  auto strings = [&](absl::string_view name, const pb::RepeatedPtrField<std::string>& list) {
    if (list.empty() && !emit_defaults) return;
    key(name);
    out->push_back('[');
    for (int i = 0; i < list.size(); ++i) {
      if (i > 0) out->push_back(',');
      quoted(list.Get(i));
    }
    out->push_back(']');
  };
  auto text = [&](absl::string_view name, const std::string& v) {
    if (v.empty() && !emit_defaults) return;
    key(name);
    quoted(v);
  };
  enumeration("outcome", s.outcome(), v1::Outcome_descriptor());
  enumeration("level", s.level(), v1::Level_descriptor());
  enumeration("regime", s.regime(), v1::Regime_descriptor());
  strings("allowed_types", s.allowed_types());
  strings("rule_ids", s.rule_ids());
  strings("citations", s.citations());
  strings("missing_facts", s.missing_facts());
  if (!s.officials().empty() || emit_defaults) {
    key("officials");
    out->push_back('[');
    for (int i = 0; i < s.officials_size(); ++i) {
      const pb::EnumValueDescriptor* v = v1::Official_descriptor()->FindValueByNumber(s.officials(i));
      if (v == nullptr) {
        known = false;
        break;
      }
      if (i > 0) out->push_back(',');
      quoted(v->name());
    }
    out->push_back(']');
  }
  enumeration("team", s.team(), v1::ProcedureRule::Team_descriptor());
  enumeration("handled_by", s.handled_by(), v1::HandlingBody_descriptor());
  enumeration("stage", s.stage(), v1::Stage_descriptor());
  enumeration("candidate_status", s.candidate_status(), v1::CandidateStatus_descriptor());
  if (s.salary_stop() || emit_defaults) {
    key("salary_stop");
    out->append(s.salary_stop() ? "true" : "false");
  }
  text("salary_stop_from", s.salary_stop_from());
  strings("warnings", s.warnings());
  text("decision_date", s.decision_date());
  if (!known) {
    out->resize(start);
    return false;
  }
  out->append(first ? "{}" : "}");
  return true;
}

// {"index":I,"code":"INVALID_ARGUMENT","error":"..."} (or "line") for a
// refused batch item.
void AppendItemError(absl::string_view key, int64_t n, const absl::Status& st, std::string* out) {
  absl::StrAppend(out, "{\"", key, "\":", n, ",\"code\":\"", absl::StatusCodeToString(st.code()),
                  "\",\"error\":\"", internal::JsonEscapeLossy(st.message()), "\"}");
}

// Answers the evaluation items of one batch in the chosen form, reusing its
// messages from item to item.
class EvaluateItems {
 public:
  EvaluateItems(const Engine& engine, const Summarizer& summarizer, v1::AnswerForm form, const JsonOptions& options)
      : engine_(engine), summarizer_(summarizer), summary_form_(form == v1::SUMMARY), options_(options) {
    options_.pretty = false;
  }

  // Appends the compact JSON answer to one item's JSON; the refusal otherwise
  // (nothing appended).
  absl::Status Answer(absl::string_view json, std::string* out) {
    if (auto st = ParseItem(json, &request_); !st.ok()) return st;
    return Answer(request_, out);
  }
  // The same for a request already read (a CSV row).
  absl::Status Answer(const v1::EvaluationRequest& request, std::string* out) {
    if (!summary_form_) {
      // As CallJson("Evaluate") writes it: from the wire form, with the
      // fragments' JSON from the memo.
      auto json = EvaluateEncoded(engine_.evaluator(), request, &options_);
      if (!json.ok()) return json.status();
      out->append(*json);
      return absl::OkStatus();
    }
    if (auto st = SummarizeOne(engine_.evaluator(), summarizer_, request, &facts_, &result_, &summary_); !st.ok()) {
      return st;
    }
    if (shared_) {  // the date goes with the row, the rest is shared
      summary_.mutable_decision_date()->swap(decision_date_);
      summary_.clear_decision_date();
    }
    // The summary's own writer knows the default form only.
    if (options_.camel_case || options_.int64_as_numbers || !AppendSummaryJson(summary_, options_.emit_defaults, out)) {
      out->append(ToJson(summary_, options_));
    }
    return absl::OkStatus();
  }

  // The shared form (Engine::EvaluateJsonArrayShared): summaries are written
  // without their decision date, which decision_date() then holds.
  void Share() { shared_ = true; }
  std::string& decision_date() { return decision_date_; }

 private:
  const Engine& engine_;
  const Summarizer& summarizer_;
  const bool summary_form_;
  JsonOptions options_;
  v1::EvaluationRequest request_;
  CaseFacts facts_;
  CaseResult result_;
  v1::DeterminationSummary summary_;
  bool shared_ = false;
  std::string decision_date_;
};

// Wraps a typed method as a handler of the table.
template <typename Req, typename Resp>
Handler Typed(absl::StatusOr<Resp> (Engine::*method)(const Req&) const) {
  return [method](const Engine& e, const pb::Message& in, pb::Message* out) -> absl::Status {
    auto r = (e.*method)(static_cast<const Req&>(in));
    if (!r.ok()) return r.status();
    static_cast<Resp*>(out)->Swap(&*r);
    return absl::OkStatus();
  };
}
template <typename Req, typename Resp>
Handler Plain(Resp (Engine::*method)(const Req&) const) {
  return [method](const Engine& e, const pb::Message& in, pb::Message* out) -> absl::Status {
    Resp r = (e.*method)(static_cast<const Req&>(in));
    static_cast<Resp*>(out)->Swap(&r);
    return absl::OkStatus();
  };
}

// The one dispatch table, keyed by the service descriptor's method names.
// Every method of the service must have a handler (checked on first use).
const absl::flat_hash_map<std::string, Handler>& Table() {
  static const auto* table = [] {
    auto* t = new absl::flat_hash_map<std::string, Handler>{
        {"Evaluate", Typed(&Engine::Evaluate)},
        {"EvaluateBatch", Plain(&Engine::EvaluateBatch)},
        {"Audit", Typed(&Engine::Audit)},
        {"AuditBatch", Plain(&Engine::AuditBatch)},
        {"Rules", Typed(&Engine::Rules)},
        {"Elections", Plain(&Engine::Elections)},
        {"WorkingDays", Typed(&Engine::WorkingDays)},
        {"ReplayCase", Typed(&Engine::ReplayCase)},
        {"Overdue", Typed(&Engine::Overdue)},
        {"PactProgress", Typed(&Engine::PactProgress)},
        {"Compliance", Typed(&Engine::Compliance)},
        {"FromSiasn", Typed(&Engine::FromSiasn)},
        {"SiasnReport", Typed(&Engine::SiasnReport)},
    };
    const pb::ServiceDescriptor* service = Service();
    for (int i = 0; i < service->method_count(); ++i) {
      if (!t->contains(service->method(i)->name())) std::abort();  // a method without a handler: a build error
    }
    return t;
  }();
  return *table;
}

}  // namespace

Engine::Engine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

absl::StatusOr<std::shared_ptr<const Engine>> Engine::Create(const EngineOptions& options) {
  std::vector<LawSource> all;
  if (options.include_embedded) {
    auto base = [](const std::string& p) { return p.substr(p.find_last_of('/') + 1); };
    for (LawSource& e : EmbeddedLaw()) {
      bool replaced = false;
      for (const LawSource& g : options.law) replaced |= base(g.name) == base(e.name);
      if (!replaced) all.push_back(std::move(e));
    }
  }
  all.insert(all.end(), options.law.begin(), options.law.end());
  LoadOptions load;
  load.include_embedded = false;  // merged above
  auto book = RuleBook::Load(all, load);
  if (!book.ok()) return absl::InvalidArgumentError(absl::StrCat("invalid law: ", book.status().message()));
  return Create(*std::move(book), options.settings);
}

absl::StatusOr<std::shared_ptr<const Engine>> Engine::Create(std::shared_ptr<const RuleBook> book,
                                                             const std::map<std::string, std::string>& settings) {
  if (book == nullptr) return absl::InvalidArgumentError("book: null");
  auto state = std::make_unique<State>();
  state->book = book;
  state->settings = settings;
  auto evaluator = Evaluator::Create(book, settings);
  if (!evaluator.ok()) return evaluator.status();
  state->evaluator.emplace(*std::move(evaluator));
  auto auditor = Auditor::Create(book, settings);
  if (!auditor.ok()) return auditor.status();
  state->auditor.emplace(*std::move(auditor));
  state->summarizer.emplace(book);
  auto machine = CaseMachine::Create(book, {}, settings);
  if (machine.ok()) {
    state->machine.emplace(*std::move(machine));
  } else {
    state->machine_status = machine.status();
  }
  auto calendar = WorkingDayCalendar::Create(book);
  if (calendar.ok()) {
    state->calendar.emplace(*std::move(calendar));
  } else {
    state->calendar_status = calendar.status();
  }
  (void)Table();
  return std::shared_ptr<const Engine>(new Engine(std::move(state)));
}

const RuleBook& Engine::book() const { return *state_->book; }
const std::shared_ptr<const RuleBook>& Engine::book_ptr() const { return state_->book; }
const Evaluator& Engine::evaluator() const { return *state_->evaluator; }
const Auditor& Engine::auditor() const { return *state_->auditor; }
const CaseMachine* Engine::case_machine() const { return state_->machine ? &*state_->machine : nullptr; }

const std::map<std::string, std::string>& Engine::settings() const { return state_->settings; }

absl::StatusOr<RosterTable> ImportRoster(const v1::RosterInput& in, v1::RosterImportReport* report,
                                         std::vector<int64_t>* lines) {
  RosterImportOptions options;
  options.lines = lines;
  absl::StatusOr<RosterTable> table;
  switch (in.source_case()) {
    case v1::RosterInput::kCsv: {
      std::istringstream s(in.csv());
      table = ImportRosterCsv(s, report, options);
      break;
    }
    case v1::RosterInput::kJsonl: {
      std::istringstream s(in.jsonl());
      table = ImportRosterJsonLines(s, report, options);
      break;
    }
    default:
      return absl::InvalidArgumentError("roster: give the roster as csv or jsonl");
  }
  if (!table.ok()) return absl::Status(table.status().code(), absl::StrCat("roster: ", table.status().message()));
  return table;
}

// --- Dispatch ------------------------------------------------------------------

const std::vector<std::string>& Engine::Methods() {
  static const auto* names = new std::vector<std::string>(api_internal::MethodNames(Service()));
  return *names;
}

const pb::MethodDescriptor* Engine::FindMethod(absl::string_view method) {
  return Service()->FindMethodByName(std::string(method));
}

absl::Status Engine::Call(absl::string_view method, const pb::Message& request, pb::Message* response) const {
  const pb::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) return api_internal::UnknownMethod(Service(), method);
  if (auto st = api_internal::CheckTypes(m, request, response); !st.ok()) return st;
  response->Clear();
  return Table().at(m->name())(*this, request, response);
}

absl::StatusOr<std::string> Engine::CallJson(absl::string_view method, absl::string_view json,
                                             const JsonOptions& options) const {
  const pb::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) return api_internal::UnknownMethod(Service(), method);
  // Blank is the empty request only where every field is optional; for the
  // others it is refused as the command refuses an empty file.
  auto request = api_internal::DecodeJson(m, json, IsBatch(m->name()), RequestWhat(m->name()),
                                          m->name() == "Rules" || m->name() == "Elections");
  if (!request.ok()) return request.status();
  if (m->name() == "Evaluate") return EvaluateEncoded(*state_->evaluator, **request, &options);
  std::unique_ptr<pb::Message> response = api_internal::NewOutput(m);
  if (auto st = Table().at(m->name())(*this, **request, response.get()); !st.ok()) return st;
  return ToJson(*response, options);
}

absl::StatusOr<std::string> Engine::CallBinary(absl::string_view method, absl::string_view bytes) const {
  const pb::MethodDescriptor* m = FindMethod(method);
  if (m == nullptr) return api_internal::UnknownMethod(Service(), method);
  auto request = api_internal::DecodeBinary(m, bytes, IsBatch(m->name()));
  if (!request.ok()) return request.status();
  if (m->name() == "Evaluate") return EvaluateEncoded(*state_->evaluator, **request, nullptr);
  std::unique_ptr<pb::Message> response = api_internal::NewOutput(m);
  if (auto st = Table().at(m->name())(*this, **request, response.get()); !st.ok()) return st;
  return response->SerializeAsString();
}

// --- Typed methods ---------------------------------------------------------------

absl::StatusOr<v1::Determination> Engine::Evaluate(const v1::EvaluationRequest& request) const {
  return state_->evaluator->Evaluate(request);
}

v1::EvaluateBatchResponse Engine::EvaluateBatch(const v1::EvaluateBatchRequest& request) const {
  v1::EvaluateBatchResponse out;
  out.mutable_items()->Reserve(request.requests_size());
  CaseFacts facts;
  CaseResult result;
  for (int i = 0; i < request.requests_size(); ++i) {
    auto* item = out.add_items();
    absl::Status st;
    if (request.form() == v1::SUMMARY) {
      st = SummarizeOne(*state_->evaluator, *state_->summarizer, request.requests(i), &facts, &result,
                        item->mutable_summary());
    } else {
      st = state_->evaluator->Evaluate(request.requests(i), item->mutable_determination());
    }
    if (!st.ok()) *item->mutable_error() = ItemErrorOf(i, st);
  }
  return out;
}

absl::StatusOr<v1::AuditFinding> Engine::Audit(const v1::DecidedCase& decided) const {
  return state_->auditor->Audit(decided);
}

v1::AuditBatchResponse Engine::AuditBatch(const v1::AuditBatchRequest& request) const {
  v1::AuditBatchResponse out;
  v1::AuditSummary* s = out.mutable_summary();
  for (int i = 0; i < request.cases_size(); ++i) {
    auto f = state_->auditor->Audit(request.cases(i));
    auto* item = out.add_items();
    s->set_cases(s->cases() + 1);
    if (f.ok()) {
      Count(*f, s);
      item->mutable_finding()->Swap(&*f);
    } else {
      s->set_invalid(s->invalid() + 1);
      *item->mutable_error() = ItemErrorOf(i, f.status());
    }
  }
  return out;
}

absl::StatusOr<v1::RuleFile> Engine::Rules(const v1::RulesRequest& request) const {
  auto as_of = OptionalDate(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  return RulesFile(*state_->book, *as_of);
}

v1::RuleFile Engine::Elections(const v1::ElectionsRequest&) const {
  v1::RuleFile calendars;
  for (const v1::Election* e : state_->book->elections()) *calendars.add_elections() = *e;
  return calendars;
}

absl::StatusOr<v1::WorkingDaysResponse> Engine::WorkingDays(const v1::WorkingDaysRequest& request) const {
  // The engine's calendar (the law's, Monday to Friday) unless the request
  // gives the agency's own.
  std::optional<WorkingDayCalendar> own;
  if (!state_->calendar) return state_->calendar_status;
  const WorkingDayCalendar* cal = &*state_->calendar;
  if (request.has_calendar()) {
    const v1::AgencyCalendar& c = request.calendar();
    CalendarOptions o;
    if (c.working_weekdays() < 0 || c.working_weekdays() > 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrCat("calendar.working_weekdays: ", c.working_weekdays(), " is not a 7-bit mask of weekdays"));
    }
    if (c.working_weekdays() != 0) o.working_weekdays = static_cast<uint8_t>(c.working_weekdays());
    for (int i = 0; i < c.extra_days_off_size(); ++i) {
      auto d = ParseDate(c.extra_days_off(i), absl::StrCat("calendar.extra_days_off[", i, "]"));
      if (!d.ok()) return d.status();
      o.extra_days_off.push_back(*d);
    }
    for (int i = 0; i < c.extra_working_days_size(); ++i) {
      auto d = ParseDate(c.extra_working_days(i), absl::StrCat("calendar.extra_working_days[", i, "]"));
      if (!d.ok()) return d.status();
      o.extra_working_days.push_back(*d);
    }
    auto made = WorkingDayCalendar::Create(state_->book, o);
    if (!made.ok()) return absl::Status(made.status().code(), absl::StrCat("calendar: ", made.status().message()));
    own.emplace(*std::move(made));
    cal = &*own;
  }
  v1::WorkingDaysResponse out;
  switch (request.query_case()) {
    case v1::WorkingDaysRequest::kAdd: {
      auto from = RequiredDate(request.add().from(), "add.from");
      if (!from.ok()) return from.status();
      if (request.add().days() < 0 || request.add().days() > kMaxWorkingDays) {
        return absl::InvalidArgumentError(
            absl::StrCat("add.days: ", request.add().days(), " is outside 0..", kMaxWorkingDays, " (kMaxWorkingDays)"));
      }
      auto d = cal->AddWorkingDays(*from, request.add().days());
      if (!d.ok()) return d.status();
      out.set_date(FormatDate(*d));
      break;
    }
    case v1::WorkingDaysRequest::kCount: {
      auto from = RequiredDate(request.count().from(), "count.from");
      if (!from.ok()) return from.status();
      auto to = RequiredDate(request.count().to(), "count.to");
      if (!to.ok()) return to.status();
      auto n = cal->WorkingDaysBetween(*from, *to);
      if (!n.ok()) return n.status();
      out.set_count(*n);
      break;
    }
    case v1::WorkingDaysRequest::kIsWorkingDay: {
      auto day = RequiredDate(request.is_working_day(), "is_working_day");
      if (!day.ok()) return day.status();
      auto w = cal->IsWorkingDay(*day);
      if (!w.ok()) return w.status();
      out.set_working_day(*w);
      if (const v1::DayOff* off = cal->DayOffOn(*day)) *out.mutable_day_off() = *off;
      break;
    }
    default:
      return absl::InvalidArgumentError("query: give one of add, count or is_working_day");
  }
  out.set_calendar_version(cal->version());
  return out;
}

absl::StatusOr<v1::CaseState> Engine::ReplayCase(const v1::ReplayCaseRequest& request) const {
  if (!state_->machine) return state_->machine_status;
  auto as_of = OptionalDate(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  if (request.tukin() < 0) return absl::InvalidArgumentError(absl::StrCat("tukin: ", request.tukin(), " is negative"));
  auto progress = *as_of ? state_->machine->Replay(request.case_(), **as_of) : state_->machine->Replay(request.case_());
  if (!progress.ok()) return progress.status();
  const absl::CivilDay day = *as_of ? **as_of : progress->last_date;
  return state_->machine->Describe(*progress, day, request.tukin());
}

absl::StatusOr<v1::OverdueResponse> Engine::Overdue(const v1::OverdueRequest& request) const {
  if (!state_->machine) return state_->machine_status;
  auto as_of = RequiredDate(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  v1::OverdueResponse out;
  std::vector<OverdueItem> items;
  for (int i = 0; i < request.cases_size(); ++i) {
    auto progress = state_->machine->Replay(request.cases(i), *as_of);
    if (!progress.ok()) {
      *out.add_failures() = ItemErrorOf(i, progress.status());
      continue;
    }
    items.clear();
    state_->machine->Overdue(*progress, *as_of, &items);
    for (const OverdueItem& it : items) {
      auto* o = out.add_items();
      o->set_case_id(progress->case_id);
      o->set_period(PeriodName(it.period));
      o->set_due(FormatDate(it.due));
      const v1::Rule& rule = *state_->book->rules()[it.rule].rule;
      o->set_rule_id(rule.id());
      for (const v1::Citation& c : rule.citations()) o->add_cited_as(state_->book->CiteAs(c));
      o->set_paraphrase(rule.paraphrase());
    }
  }
  return out;
}

namespace {

// The as_of and max_not_signed of a PactProgressRequest, checked.
absl::StatusOr<absl::CivilDay> ProgressDate(const v1::PactProgressRequest& request) {
  auto as_of = RequiredDate(request.as_of(), "as_of");
  if (as_of.ok() && request.max_not_signed() < 0) {
    return absl::InvalidArgumentError(absl::StrCat("max_not_signed: ", request.max_not_signed(), " is negative"));
  }
  return as_of;
}

}  // namespace

absl::StatusOr<v1::PactProgressResponse> Engine::PactProgress(Store& store, StoredPacts* pacts,
                                                              const v1::PactProgressRequest& request) const {
  auto as_of = ProgressDate(request);
  if (!as_of.ok()) return as_of.status();
  if (pacts == nullptr) return absl::InvalidArgumentError("pacts: null");
  if (auto st = store.SyncPacts(pacts); !st.ok()) return st;
  v1::PactProgressResponse out;
  *out.mutable_progress() = pacts->registry().Progress(*as_of, request.max_not_signed());
  return out;
}

absl::StatusOr<v1::PactProgress> Engine::ProgressOver(const RosterTable& roster, const std::string& election,
                                                     const google::protobuf::RepeatedPtrField<v1::PactEvent>& events,
                                                     absl::string_view events_field, absl::CivilDay as_of,
                                                     int32_t max_not_signed) const {
  PactOptions options;
  options.settings = state_->settings;
  auto reg = PactRegistry::Create(state_->book, &roster, election, options);
  if (!reg.ok()) return reg.status();
  for (int i = 0; i < events.size(); ++i) {
    if (auto st = reg->Apply(events[i]); !st.ok()) {
      return absl::Status(st.code(), absl::StrCat(events_field, "[", i, "]: ", st.message()));
    }
  }
  return reg->Progress(as_of, max_not_signed);
}

absl::StatusOr<v1::PactProgressResponse> Engine::PactProgress(const v1::PactProgressRequest& request) const {
  auto as_of = ProgressDate(request);
  if (!as_of.ok()) return as_of.status();
  v1::PactProgressResponse out;
  auto roster = ImportRoster(request.roster(), out.mutable_roster_report());
  if (!roster.ok()) return roster.status();
  auto progress = ProgressOver(*roster, request.election(), request.events(), "events", *as_of, request.max_not_signed());
  if (!progress.ok()) return progress.status();
  out.mutable_progress()->Swap(&*progress);
  return out;
}

static_assert(kMaxSiasnFileBytes == kMaxBatchBytes, "a SIASN export file is one request at most");

absl::StatusOr<v1::SiasnImport> Engine::FromSiasn(const v1::SiasnRecords& records) const {
  return netra::FromSiasn(records);
}

absl::StatusOr<v1::SiasnReportResponse> Engine::SiasnReport(const v1::SiasnReportRequest& request) const {
  std::optional<absl::CivilDay> as_of;
  if (!request.election().empty()) {
    auto day = RequiredDate(request.as_of(), "as_of");
    if (!day.ok()) return day.status();
    as_of = *day;
    if (request.max_not_signed() < 0) {
      return absl::InvalidArgumentError(absl::StrCat("max_not_signed: ", request.max_not_signed(), " is negative"));
    }
  } else if (request.pact_events_size() > 0) {
    return absl::InvalidArgumentError("election: required with pact_events (whose pacts they are)");
  }
  auto mapped = netra::FromSiasn(request.records());
  if (!mapped.ok()) return mapped.status();
  v1::SiasnReportResponse out;
  out.set_employees(mapped->employees_size());
  out.set_hukdis_rows(mapped->decided_cases_size() + mapped->without_facts_size());
  out.mutable_without_facts()->Swap(mapped->mutable_without_facts());
  out.mutable_refusals()->Swap(mapped->mutable_refusals());
  out.mutable_warnings()->Swap(mapped->mutable_warnings());
  v1::AuditSummary* s = out.mutable_audit_summary();
  for (const v1::DecidedCase& c : mapped->decided_cases()) {
    auto f = state_->auditor->Audit(c);
    s->set_cases(s->cases() + 1);
    if (!f.ok()) {
      s->set_invalid(s->invalid() + 1);
      out.add_audit_errors(absl::StrCat("case ", internal::JsonEscapeLossy(c.case_id()), ": ", f.status().message()));
      continue;
    }
    Count(*f, s);
    out.add_findings()->Swap(&*f);
  }
  if (as_of) {
    std::vector<v1::RosterEntry> entries;
    entries.reserve(mapped->roster_size());
    for (v1::RosterEntry& e : *mapped->mutable_roster()) entries.push_back(std::move(e));
    RosterTable roster;
    if (auto st = roster.AddAll(entries); !st.ok()) {
      return absl::Status(st.code(), absl::StrCat("roster: ", st.message()));
    }
    auto progress = ProgressOver(roster, request.election(), request.pact_events(), "pact_events", *as_of,
                                 request.max_not_signed());
    if (!progress.ok()) return progress.status();
    out.mutable_pact_progress()->Swap(&*progress);
  }
  return out;
}

absl::StatusOr<v1::ComplianceResponse> Engine::Compliance(const v1::ComplianceRequest& request) const {
  if (!state_->machine) return state_->machine_status;
  if (auto as_of = RequiredDate(request.as_of(), "as_of"); !as_of.ok()) return as_of.status();
  v1::RosterImportReport report;
  auto roster = ImportRoster(request.roster(), &report);
  if (!roster.ok()) return roster.status();
  auto out = Compliance(*roster, request);
  if (out.ok()) out->mutable_roster_report()->Swap(&report);
  return out;
}

absl::StatusOr<v1::ComplianceResponse> Engine::Compliance(const RosterTable& roster,
                                                          const v1::ComplianceRequest& request) const {
  if (!state_->machine) return state_->machine_status;
  auto as_of = RequiredDate(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  v1::ComplianceResponse out;
  ComplianceOptions options;
  if (request.has_predicate_bands()) {
    options.predicate_bands = request.predicate_bands();
  } else if (const v1::Setting* s = state_->book->FindSetting("im_nkk_predicate_bands")) {
    options.predicate_bands = s->default_value();
  }
  for (const auto& [agency, index] : request.im_nkk_index()) options.im_nkk_index.emplace(agency, index);
  std::vector<CaseProgress> progress;
  for (int i = 0; i < request.cases_size(); ++i) {
    auto p = state_->machine->Replay(request.cases(i), *as_of);
    if (!p.ok()) {
      *out.add_failures() = ItemErrorOf(i, p.status());
      continue;
    }
    progress.push_back(*std::move(p));
  }
  std::vector<const CaseProgress*> ptrs;
  for (const auto& p : progress) ptrs.push_back(&p);
  auto report = ComplianceFigures(roster, ptrs, *as_of, options);
  if (!report.ok()) return report.status();
  out.mutable_report()->Swap(&*report);
  return out;
}

// --- Streams ---------------------------------------------------------------------

namespace {
// One item a line (blank lines skipped), one compact answer a line: `answer`
// appends the answer to an item's JSON, or refuses it, and a refused or too
// long line is {"line":N,"code":"...","error":"..."} in its place. Counts the
// lines answered and refused (lines_before: lines of `in` already read, so
// that the numbers are those of the file). Errors: DataLoss when `out`
// cannot be written, Unavailable when reading `in` fails part-way.
absl::Status AnswerJsonLines(std::istream& in, std::ostream& out, absl::string_view what,
                             const std::function<absl::Status(absl::string_view, std::string*)>& answer,
                             int64_t* answered, int64_t* refused, int64_t lines_before = 0) {
  std::string line, text;
  bool too_long = false;
  int64_t number = lines_before;
  while (internal::ReadLine(in, &line, &too_long, kMaxAuditLineBytes)) {
    ++number;
    if (!too_long && Blank(line)) continue;
    text.clear();
    const absl::Status st =
        too_long ? absl::InvalidArgumentError(absl::StrCat("line of more than ", kMaxAuditLineBytes, " bytes"))
                 : answer(line, &text);
    if (st.ok()) {
      ++*answered;
    } else {
      ++*refused;
      text.clear();
      AppendItemError("line", number, st, &text);
    }
    text.push_back('\n');
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return absl::DataLossError(absl::StrCat(what, " output: write failed at input line ", number));
  }
  if (in.bad()) {
    return absl::UnavailableError(absl::StrCat(what, " input: the read failed after line ", number));
  }
  return absl::OkStatus();
}

// An AuditFinding for one DecidedCase's JSON, counted in *summary.
absl::Status AuditDecided(const Engine& engine, const v1::DecidedCase& decided, const JsonOptions& options,
                          v1::AuditSummary* summary, std::string* out) {
  auto f = engine.Audit(decided);
  if (!f.ok()) return f.status();
  if (summary != nullptr) Count(*f, summary);
  out->append(ToJson(*f, options));
  return absl::OkStatus();
}

absl::Status AuditItem(const Engine& engine, absl::string_view json, const JsonOptions& options,
                       v1::AuditSummary* summary, std::string* out) {
  v1::DecidedCase decided;
  if (auto st = ParseItem(json, &decided); !st.ok()) return st;
  return AuditDecided(engine, decided, options, summary, out);
}
}  // namespace

absl::Status Engine::EvaluateJsonLines(std::istream& in, std::ostream& out, int64_t* answered, int64_t* refused,
                                       const JsonOptions& options, v1::AnswerForm form) const {
  EvaluateItems items(*this, *state_->summarizer, form, options);
  return AnswerJsonLines(
      in, out, "evaluate", [&](absl::string_view item, std::string* text) { return items.Answer(item, text); },
      answered, refused);
}

absl::Status Engine::AuditJsonLines(std::istream& in, std::ostream& out, v1::AuditSummary* summary,
                                    const JsonOptions& options) const {
  JsonOptions item_options = options;
  item_options.pretty = false;
  int64_t answered = 0, refused = 0;
  const absl::Status st = AnswerJsonLines(
      in, out, "audit",
      [&](absl::string_view item, std::string* text) { return AuditItem(*this, item, item_options, summary, text); },
      &answered, &refused);
  summary->set_cases(summary->cases() + answered + refused);
  summary->set_invalid(summary->invalid() + refused);
  return st;
}

namespace {
// The CSV header of a batch: the columns of netra/columns.h, in any order
// and case. InvalidArgument naming line 1 and the column.
absl::StatusOr<std::vector<const RequestColumn*>> CsvHeader(absl::string_view line, char delimiter, bool audit) {
  std::vector<std::string> names;
  if (!internal::SplitCsv(line, delimiter, &names)) {
    return absl::InvalidArgumentError("CSV line 1: unterminated quote in the header");
  }
  std::vector<const RequestColumn*> columns;
  for (const std::string& name : names) {
    const RequestColumn* c = FindColumn(absl::AsciiStrToLower(name));
    if (c == nullptr || (c->audit_only && !audit)) {
      std::vector<std::string> known;
      for (const RequestColumn& k : RequestColumns()) {
        if (audit || !k.audit_only) known.push_back(k.name);
      }
      return absl::InvalidArgumentError(absl::StrCat(
          "CSV line 1: ", internal::Quoted(name, 80), " is not a column",
          c == nullptr ? "" : " of EvaluateBatch (an audit column)", " (", absl::StrJoin(known, ", "), ")"));
    }
    if (std::find(columns.begin(), columns.end(), c) != columns.end()) {
      return absl::InvalidArgumentError(absl::StrCat("CSV line 1: column ", c->name, " is named twice"));
    }
    columns.push_back(c);
  }
  return columns;
}
}  // namespace

absl::Status Engine::CallCsv(absl::string_view method, std::istream& in, std::ostream& out,
                             const JsonOptions& options, v1::AnswerForm form, int64_t* refused_rows) const {
  const bool audit = method == "AuditBatch";
  if ((method != "EvaluateBatch" && !audit) || (audit && form == v1::SUMMARY)) {
    return absl::InvalidArgumentError(
        absl::StrCat("method: ", internal::Quoted(method, 120), " takes no CSV",
                     audit ? " in the summary form (for EvaluateBatch only)" : " (EvaluateBatch and AuditBatch do)"));
  }
  std::string header;
  bool too_long = false;
  int64_t before = 0;
  while (internal::ReadLine(in, &header, &too_long, kMaxAuditLineBytes)) {
    ++before;
    if (too_long || !Blank(header)) break;
  }
  if (in.bad()) return absl::UnavailableError("CSV input: the read failed before the header");
  if (too_long) return absl::InvalidArgumentError(absl::StrCat("CSV line ", before, ": header of more than ",
                                                               kMaxAuditLineBytes, " bytes"));
  if (before == 0 || Blank(header)) {
    return absl::InvalidArgumentError("CSV: empty (the first line names the columns: netra/columns.h)");
  }
  header.erase(0, internal::BomLength(header));
  if (internal::HasInnerCarriageReturn(header)) {
    return absl::InvalidArgumentError(absl::StrCat("CSV line ", before, ": ", internal::kCrOnlyLines));
  }
  const char delimiter = internal::CsvDelimiter(header);
  auto columns = CsvHeader(header, delimiter, audit);
  if (!columns.ok()) return columns.status();
  // Each row becomes the request and is answered as a JSON line's is.
  std::vector<std::string> fields;
  v1::EvaluationRequest request;
  v1::DecidedCase decided;
  pb::Message& row = audit ? static_cast<pb::Message&>(decided) : request;
  auto read_row = [&](absl::string_view line) -> absl::Status {
    if (!internal::SplitCsv(line, delimiter, &fields)) return absl::InvalidArgumentError("unterminated quote");
    if (fields.size() != columns->size()) {
      return absl::InvalidArgumentError(
          absl::StrCat(fields.size(), " fields where the header names ", columns->size(), " columns"));
    }
    row.Clear();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (auto st = SetColumn(*(*columns)[i], fields[i], &row); !st.ok()) return st;
    }
    return absl::OkStatus();
  };
  int64_t answered = 0, local_refused = 0;
  int64_t& refused = refused_rows != nullptr ? *refused_rows : local_refused;
  if (audit) {
    v1::AuditSummary summary;
    JsonOptions item_options = options;
    item_options.pretty = false;
    return AnswerJsonLines(
        in, out, "audit",
        [&](absl::string_view line, std::string* text) {
          if (auto st = read_row(line); !st.ok()) return st;
          return AuditDecided(*this, decided, item_options, &summary, text);
        },
        &answered, &refused, before);
  }
  EvaluateItems items(*this, *state_->summarizer, form, options);
  return AnswerJsonLines(
      in, out, "evaluate",
      [&](absl::string_view line, std::string* text) {
        if (auto st = read_row(line); !st.ok()) return st;
        return items.Answer(request, text);
      },
      &answered, &refused, before);
}

absl::Status Engine::CallJsonLines(absl::string_view method, std::istream& in, std::ostream& out,
                                   const JsonOptions& options, v1::AnswerForm form) const {
  if (method == "EvaluateBatch") {
    int64_t answered = 0, refused = 0;
    return EvaluateJsonLines(in, out, &answered, &refused, options, form);
  }
  if (method == "AuditBatch" && form != v1::SUMMARY) {
    v1::AuditSummary summary;
    return AuditJsonLines(in, out, &summary, options);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("method: ", internal::Quoted(method, 120), " takes no JSON lines",
                   method == "AuditBatch" ? " in the summary form (for EvaluateBatch only)"
                                          : " (EvaluateBatch and AuditBatch do)"));
}

namespace {
// The elements of a batch's JSON array, within kMaxBatchBytes.
absl::StatusOr<std::vector<absl::string_view>> BatchItems(absl::string_view json) {
  if (json.size() > kMaxBatchBytes) {
    return absl::InvalidArgumentError(absl::StrCat("JSON array of ", json.size(), " bytes exceeds the limit of ",
                                                   kMaxBatchBytes, " bytes (kMaxBatchBytes)"));
  }
  return SplitArray(json);
}

// A JSON array of items in, a JSON array of answers out, one a line; a
// refused item is an error item in its place.
absl::StatusOr<std::string> JsonArray(absl::string_view json,
                                      const std::function<absl::Status(absl::string_view, std::string*)>& answer) {
  auto items = BatchItems(json);
  if (!items.ok()) return items.status();
  std::string out = "[";
  for (size_t i = 0; i < items->size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    const size_t mark = out.size();
    if (absl::Status st = answer((*items)[i], &out); !st.ok()) {
      out.resize(mark);
      AppendItemError("index", static_cast<int64_t>(i), st, &out);
    }
    // Room for every answer the size of the first, and a tenth more (up to
    // kMaxBatchBytes): the text is not copied again as it grows (tens of
    // megabytes for 50,000 rows), and a buffer that large is backed by huge
    // pages where the kernel allows it.
    if (i == 0) {
      out.reserve(std::min(out.size() * items->size() / 10 * 11 + 64, kMaxBatchBytes));
      internal::AdviseHugePages(out.data(), out.capacity());
    }
  }
  out += items->empty() ? "]\n" : "\n]\n";
  return out;
}
}  // namespace

absl::StatusOr<std::string> Engine::EvaluateJsonArray(absl::string_view json, const JsonOptions& options,
                                                      v1::AnswerForm form) const {
  EvaluateItems items(*this, *state_->summarizer, form, options);
  return JsonArray(json, [&](absl::string_view item, std::string* out) { return items.Answer(item, out); });
}

absl::StatusOr<std::string> Engine::EvaluateJsonArrayShared(absl::string_view json,
                                                            const JsonOptions& options) const {
  auto items = BatchItems(json);
  if (!items.ok()) return items.status();
  EvaluateItems answers(*this, *state_->summarizer, v1::SUMMARY, options);
  answers.Share();
  // Each distinct answer once, by its text; the rows point at them.
  absl::flat_hash_map<std::string, int64_t> ids;
  std::string distinct = "{\"answers\":[", rows = "],\"rows\":[", dates = "],\"decision_dates\":[", text;
  for (size_t i = 0; i < items->size(); ++i) {
    text.clear();
    answers.decision_date().clear();
    if (absl::Status st = answers.Answer((*items)[i], &text); !st.ok()) {
      text.clear();
      answers.decision_date().clear();
      AppendItemError("index", static_cast<int64_t>(i), st, &text);
    }
    auto [it, added] = ids.try_emplace(text, static_cast<int64_t>(ids.size()));
    if (added) absl::StrAppend(&distinct, ids.size() > 1 ? ",\n" : "\n", text);
    absl::StrAppend(&rows, i > 0 ? "," : "", it->second);
    absl::StrAppend(&dates, i > 0 ? ",\"" : "\"", answers.decision_date(), "\"");
  }
  absl::StrAppend(&distinct, ids.empty() ? "" : "\n", rows, dates, "]}\n");
  return distinct;
}

absl::StatusOr<std::string> Engine::AuditJsonArray(absl::string_view json, const JsonOptions& options) const {
  JsonOptions item_options = options;
  item_options.pretty = false;
  return JsonArray(json, [&](absl::string_view item, std::string* out) {
    return AuditItem(*this, item, item_options, nullptr, out);
  });
}

}  // namespace netra
