// netra/api.h: the request layer. One Engine answers every question of the
// `netra.v1.Netra` service (proto/netra/v1/api.proto); every surface calls it.
//
// The `netra` command, the C ABI (netra/netra.h, libnetra.so) and the hosts
// over it (PHP, Java), the Python package and the HTTP service (`netra serve`)
// all route through Engine: a request message in, a response message out,
// errors as absl::Status. No surface re-implements a command, so they give
// the same answers and the same JSON, byte for byte.
//
//   auto engine = netra::Engine::Create();           // embedded law, default settings
//   absl::StatusOr<netra::v1::Determination> d = (*engine)->Evaluate(request);
//   // Or by method name, as a transport does:
//   absl::StatusOr<std::string> json = (*engine)->CallJson("Evaluate", request_json);
//
// Methods are looked up in one table keyed by the names of the service
// descriptor's methods (Engine::Methods()); CallJson and CallBinary decode the
// request, call the typed method and encode the response.
//
// Errors: absl::Status with the words the `netra` command prints after
// "netra: " (e.g. "acts[0].act_date: \"2025-02-30\" is not a date (no such
// day)"). InvalidArgument for malformed input naming the field and value;
// Unimplemented for a method the service does not have. A legal answer (no
// level, missing facts, a conflict, CANNOT_ASSESS) is a response, never an
// error. Batch methods answer each item; a bad item is an ItemError in the
// response and the others are still answered.
//
// Thread safety: an Engine is immutable after Create; every method is const
// and may run concurrently from any number of threads. Hold it by shared_ptr;
// it keeps its RuleBook alive.
#ifndef NETRA_API_H_
#define NETRA_API_H_

#include <cstddef>
#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "netra/audit.h"
#include "netra/calendar.h"
#include "netra/case.h"
#include "netra/evaluator.h"
#include "netra/pact.h"
#include "netra/rule_book.h"
#include "netra/v1/api.pb.h"

namespace netra {

class Store;        // netra/store.h
class StoredPacts;  // netra/store.h

// A batch (EvaluateBatch, AuditBatch, JSON lines or a JSON array) larger than
// this is refused before parsing. A single document is bound by kMaxJsonBytes
// (netra/json.h); one item of a batch by kMaxAuditLineBytes (netra/audit.h).
// 256 MiB holds about 500,000 typical requests; stream bigger files through
// the JSON-lines methods, which read a line at a time.
inline constexpr size_t kMaxBatchBytes = size_t{256} << 20;

// How an Engine is made. Every field's default is the embedded law with the
// law files' default settings.
struct EngineOptions {
  // Host law files (a regional regulation, a correction), added to the
  // embedded law; a file named like an embedded one (same base name, e.g. an
  // edited "pp94_2021.textproto") replaces it, as `netra --law` does.
  std::vector<LawSource> law;
  // Start from the embedded law. False: `law` is the whole law.
  bool include_embedded = true;
  // Setting overrides by name (see the README's table), for every method.
  std::map<std::string, std::string> settings;
};

// How JSON is written. The defaults are what the `netra` command prints.
struct JsonOptions {
  // Indented, one field a line (the command's single documents). False:
  // one line (JSON lines, batch items).
  bool pretty = true;
  // Write fields at their default value (0, "", false, the enum's first
  // name, [], {}) too, as protobuf's always_print_primitive_fields does
  // (netra/json.h): a PHP or Java host that reads arrays by key wants every
  // key present. A message field that is absent stays absent, and so does an
  // unset member of a oneof or proto3 `optional` field.
  bool emit_defaults = false;
  // Field names in lowerCamelCase ("ruleIds"), as protobuf's JSON mapping
  // names them by default; false: as the .proto spells them ("rule_ids").
  bool camel_case = false;
  // 64-bit integers (counts, amounts) as JSON numbers where a double holds
  // them exactly (netra/json.h JsonPrintOptions::int64_as_numbers); false:
  // as strings, the protobuf JSON mapping.
  bool int64_as_numbers = false;
};

// Writes `message` in the protobuf JSON mapping with the proto field names
// (snake_case) as the command does. Never fails for netra.v1 messages.
std::string ToJson(const google::protobuf::Message& message, const JsonOptions& options = {});

// Imports a roster given as CSV or JSON lines (ImportRosterCsv,
// ImportRosterJsonLines in netra/pact.h), refused rows in *report.
// InvalidArgument "roster: give the roster as csv or jsonl" for neither;
// the importers' errors prefixed "roster: ". `lines`, when given, receives
// the line of each accepted row (RosterImportOptions::lines).
absl::StatusOr<RosterTable> ImportRoster(const v1::RosterInput& in, v1::RosterImportReport* report,
                                         std::vector<int64_t>* lines = nullptr);

class Engine {
 public:
  // Loads and validates the law and builds the evaluator, auditor, case
  // machine and calendar (a law without the procedure's deadline rules
  // still makes an engine: its case methods return FailedPrecondition). Errors: InvalidArgument "invalid law: <file, line,
  // rule id and reason>" for a law file that does not validate;
  // InvalidArgument naming the setting for an unknown setting or a bad value.
  static absl::StatusOr<std::shared_ptr<const Engine>> Create(const EngineOptions& options = {});
  // On a rule book already loaded (a host that shares one book).
  static absl::StatusOr<std::shared_ptr<const Engine>> Create(
      std::shared_ptr<const RuleBook> book, const std::map<std::string, std::string>& settings = {});

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // --- By method name (transports) ---------------------------------------

  // The service's method names in declaration order ("Evaluate", ...).
  static const std::vector<std::string>& Methods();
  // The method of netra.v1.Netra named `method`, or nullptr.
  static const google::protobuf::MethodDescriptor* FindMethod(absl::string_view method);

  // Calls `method` with `request` (of the method's input type) and fills
  // `*response` (of its output type, cleared first). Errors: Unimplemented
  // for an unknown method; InvalidArgument if a message is of the wrong type;
  // otherwise the method's own errors.
  absl::Status Call(absl::string_view method, const google::protobuf::Message& request,
                    google::protobuf::Message* response) const;
  // The same with the request and response in JSON. An empty or all-blank
  // input is the empty request for Rules and Elections, and refused as
  // invalid JSON for the others. InvalidArgument "invalid request JSON: ..."
  // (for Audit "invalid decided-case JSON: ...") naming the field, or past
  // the size limit (kMaxJsonBytes; kMaxBatchBytes for the batch methods).
  absl::StatusOr<std::string> CallJson(absl::string_view method, absl::string_view json,
                                       const JsonOptions& options = {}) const;
  // The same with serialized protobuf. InvalidArgument "request: not a
  // serialized netra.v1.X" for bytes that do not parse; the size limits as
  // for JSON.
  absl::StatusOr<std::string> CallBinary(absl::string_view method, absl::string_view bytes) const;

  // --- Typed methods (C++ hosts) -----------------------------------------

  absl::StatusOr<v1::Determination> Evaluate(const v1::EvaluationRequest& request) const;
  // Each request's Determination, or with request.form SUMMARY its
  // DeterminationSummary (netra/summary.h); a refused request is an
  // ItemError with its code and message.
  v1::EvaluateBatchResponse EvaluateBatch(const v1::EvaluateBatchRequest& request) const;
  absl::StatusOr<v1::AuditFinding> Audit(const v1::DecidedCase& decided) const;
  v1::AuditBatchResponse AuditBatch(const v1::AuditBatchRequest& request) const;
  // InvalidArgument for a malformed as_of.
  absl::StatusOr<v1::RuleFile> Rules(const v1::RulesRequest& request) const;
  v1::RuleFile Elections(const v1::ElectionsRequest& request = {}) const;
  // InvalidArgument for a missing query, a malformed date or calendar, a day
  // count outside 0..kMaxWorkingDays; FailedPrecondition for a year without
  // holiday data (netra/calendar.h).
  absl::StatusOr<v1::WorkingDaysResponse> WorkingDays(const v1::WorkingDaysRequest& request) const;
  // InvalidArgument / FailedPrecondition naming the first refused event (as
  // CaseMachine::Replay), a malformed as_of or a negative tukin.
  absl::StatusOr<v1::CaseState> ReplayCase(const v1::ReplayCaseRequest& request) const;
  // A case that cannot be replayed is a failure item; InvalidArgument only
  // for a missing or malformed as_of.
  absl::StatusOr<v1::OverdueResponse> Overdue(const v1::OverdueRequest& request) const;
  // InvalidArgument for an unusable roster ("roster: ..."), an unknown
  // election, a refused event ("events[3]: ..."), a missing as_of or a
  // negative max_not_signed.
  absl::StatusOr<v1::PactProgressResponse> PactProgress(const v1::PactProgressRequest& request) const;
  // The same over a registry kept in a store (netra/store.h), as `netra pact
  // progress` serves it and a service would: `pacts` is first brought up to
  // date with `store` (Store::SyncPacts: only the events written since its
  // last read, by any process), then counted on request.as_of.
  // request.roster, election and events are not read (the registry's are;
  // its PactOptions decide the due dates: create it with this engine's
  // settings to get the answer of the form above). as_of and max_not_signed
  // are checked as above before the store is read; then the errors of
  // Store::SyncPacts (DataLoss for damage, Unavailable, FailedPrecondition
  // for a stored event the registry refuses). `store` and `pacts` are the
  // caller's and not synchronised: a service keeps one StoredPacts per
  // election and store connection and passes it to every call, so that each
  // answer reads only what is new.
  absl::StatusOr<v1::PactProgressResponse> PactProgress(Store& store, StoredPacts* pacts,
                                                        const v1::PactProgressRequest& request) const;
  // As PactProgress for the roster; cases that cannot be replayed are
  // failure items; InvalidArgument for bad bands or an index outside [0, 1].
  absl::StatusOr<v1::ComplianceResponse> Compliance(const v1::ComplianceRequest& request) const;
  // The same over a roster already imported (the command streams a national
  // roster from its file); request.roster is not read.
  absl::StatusOr<v1::ComplianceResponse> Compliance(const RosterTable& roster,
                                                    const v1::ComplianceRequest& request) const;
  // SIASN-shaped records mapped (netra/siasn.h FromSiasn; docs/siasn.md).
  absl::StatusOr<v1::SiasnImport> FromSiasn(const v1::SiasnRecords& records) const;
  // The mapping, the audit of every decided case (a case the audit refuses
  // is an audit_errors line, counted as invalid), and with an election the
  // pact progress of the mapped roster on as_of. InvalidArgument for a table
  // that cannot be read, a missing or malformed as_of with an election,
  // pact_events without an election, a refused event ("pact_events[3]: ...")
  // or an unknown election.
  absl::StatusOr<v1::SiasnReportResponse> SiasnReport(const v1::SiasnReportRequest& request) const;

  // --- Streams of JSON lines (files of any size) ---------------------------

  // One EvaluationRequest per input line (blank lines skipped), one compact
  // answer per output line: the Determination, or with form SUMMARY the
  // DeterminationSummary (api.proto), or
  // {"line":N,"code":"INVALID_ARGUMENT","error":"..."} for a bad line
  // (longer than kMaxAuditLineBytes, not JSON, or refused; `code` is the
  // absl::StatusCode name, `error` names the field and value). Counts the
  // lines answered and refused. Errors: DataLoss when `out` cannot be
  // written; Unavailable when reading `in` fails part-way (EIO): the answers
  // of the lines before it are in `out` already, so a caller that must give
  // all or nothing holds them until the call returns (the command spools
  // them to a temporary file).
  // Plain JSON lines (objects, strings, whole numbers, booleans, enum names)
  // are read by a fast path that gives exactly protobuf's result; anything
  // else goes to protobuf's parser (src/json_fast.h).
  absl::Status EvaluateJsonLines(std::istream& in, std::ostream& out, int64_t* answered, int64_t* refused,
                                 const JsonOptions& options = {.pretty = false},
                                 v1::AnswerForm form = v1::ANSWER_FORM_UNSPECIFIED) const;
  // The same for DecidedCase lines: one AuditFinding a line (`options.pretty`
  // is ignored), or the error item of a bad line; each non-blank line counted
  // once in *summary (cases, its verdict or invalid).
  absl::Status AuditJsonLines(std::istream& in, std::ostream& out, v1::AuditSummary* summary,
                              const JsonOptions& options = {.pretty = false}) const;
  // The batch method `method` ("EvaluateBatch" or "AuditBatch") over JSON
  // lines, by name, as a transport calls it: EvaluateJsonLines or
  // AuditJsonLines (the counts are not returned). InvalidArgument naming the
  // method for any other, and for form SUMMARY with AuditBatch.
  absl::Status CallJsonLines(absl::string_view method, std::istream& in, std::ostream& out,
                             const JsonOptions& options = {.pretty = false},
                             v1::AnswerForm form = v1::ANSWER_FORM_UNSPECIFIED) const;
  // The same batches from CSV (a spreadsheet's export): the first line names
  // the columns (netra/columns.h, any order and case; separated by ';' when
  // the header has semicolons and no comma, else ','; a UTF-8 BOM skipped),
  // each other line is one request (EvaluateBatch: an EvaluationRequest
  // with one act) or one decided case (AuditBatch), answered one a line as
  // CallJsonLines answers, a refused row as {"line":N,...} (N counts the
  // file's lines, the header being line 1: "column cumulative_days: \"x\" is
  // not a whole number"). A quoted field cannot span lines. InvalidArgument,
  // with nothing written, for a missing or bad header (an unknown column is
  // named with the known ones), and as CallJsonLines for the method.
  // *refused (when given) counts the rows refused.
  absl::Status CallCsv(absl::string_view method, std::istream& in, std::ostream& out,
                       const JsonOptions& options = {.pretty = false},
                       v1::AnswerForm form = v1::ANSWER_FORM_UNSPECIFIED, int64_t* refused = nullptr) const;
  // A JSON array of requests in, a JSON array out: one compact answer per
  // element (as EvaluateJsonLines), or
  // {"index":I,"code":"INVALID_ARGUMENT","error":"..."} for a bad element.
  // Errors: InvalidArgument if `json` is not an array or past kMaxBatchBytes.
  absl::StatusOr<std::string> EvaluateJsonArray(absl::string_view json, const JsonOptions& options = {},
                                                v1::AnswerForm form = v1::ANSWER_FORM_UNSPECIFIED) const;
  // The same requests answered in the summary form, with each distinct
  // answer written once: a host that decodes the answers into objects (PHP's
  // arrays) builds 50,000 rows from a few hundred answers instead of 50,000
  // (bindings/php/src/Engine.php). One JSON object:
  //   {"answers":[A0,A1,...],"rows":[R0,R1,...],"decision_dates":[D0,D1,...]}
  // Row i's answer is answers[rows[i]] with its decision_date set to
  // decision_dates[i] ("" for a refused row, whose answer is its error item,
  // {"index":i,...}, as EvaluateJsonArray writes it). A summary in `answers`
  // has an empty decision_date (written "" with emit_defaults, else left
  // out). Errors as EvaluateJsonArray.
  absl::StatusOr<std::string> EvaluateJsonArrayShared(absl::string_view json, const JsonOptions& options = {}) const;
  // The same for decided cases.
  absl::StatusOr<std::string> AuditJsonArray(absl::string_view json, const JsonOptions& options = {}) const;

  // --- What it was made of -----------------------------------------------

  const RuleBook& book() const ABSL_ATTRIBUTE_LIFETIME_BOUND;
  const std::shared_ptr<const RuleBook>& book_ptr() const ABSL_ATTRIBUTE_LIFETIME_BOUND;
  const Evaluator& evaluator() const ABSL_ATTRIBUTE_LIFETIME_BOUND;
  const Auditor& auditor() const ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // nullptr when the law lacks the procedure's deadline rules (a host law
  // without law/pp79_2021_procedure.textproto); the case methods then
  // return FailedPrecondition.
  const CaseMachine* case_machine() const;
  // The law's settings it was made with (by name).
  const std::map<std::string, std::string>& settings() const ABSL_ATTRIBUTE_LIFETIME_BOUND;

 private:
  struct State;
  explicit Engine(std::unique_ptr<State> state);
  // Pact progress over a roster from a list of events (`events_field` names
  // the list in errors): PactProgress and SiasnReport.
  absl::StatusOr<v1::PactProgress> ProgressOver(const RosterTable& roster, const std::string& election,
                                                const google::protobuf::RepeatedPtrField<v1::PactEvent>& events,
                                                absl::string_view events_field, absl::CivilDay as_of,
                                                int32_t max_not_signed) const;
  std::unique_ptr<State> state_;
};

}  // namespace netra

#endif  // NETRA_API_H_
