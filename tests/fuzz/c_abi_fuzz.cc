// The C ABI (netra/netra.h) as a host calls it: any bytes, any method, any
// format. Input: byte 0 picks the method, byte 1 the format, the rest is the
// request. Checked: the status is one of the enum; an error returns a
// message and no output; an answer is NUL-terminated and parses as the
// method's response (JSON or binary), a JSON-lines batch answers one line per
// non-blank input line, the shared summary form points every row at one of
// its answers, and the same call gives the same bytes again.
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_common.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "netra/api.h"
#include "netra/netra.h"

namespace {

const char* const kMethods[] = {"Evaluate",   "EvaluateBatch", "Audit",   "AuditBatch",   "Rules",     "Elections",
                                "WorkingDays", "ReplayCase",   "Overdue", "PactProgress", "Compliance", "Nope"};
constexpr int kShared = NETRA_FORMAT_JSON_ARRAY | NETRA_ANSWER_SUMMARY | NETRA_ANSWER_SHARED | NETRA_JSON_EMIT_DEFAULTS;
const int kFormats[] = {NETRA_FORMAT_JSON, NETRA_FORMAT_JSON | NETRA_JSON_COMPACT | NETRA_JSON_EMIT_DEFAULTS,
                        NETRA_FORMAT_PROTO, NETRA_FORMAT_JSON_LINES, NETRA_FORMAT_JSON_ARRAY, kShared};

struct Answer {
  netra_status status;
  std::string out, err;
};

Answer Call(const netra_engine* engine, const char* method, int format, const std::string& in) {
  char* out = nullptr;
  char* err = nullptr;
  size_t len = 0;
  Answer a;
  a.status = netra_call(engine, method, format, in.data(), in.size(), &out, &len, &err);
  FUZZ_CHECK(a.status >= NETRA_OK && a.status <= NETRA_UNAUTHENTICATED, "status ", static_cast<int>(a.status));
  if (a.status == NETRA_OK) {
    FUZZ_CHECK(out != nullptr && err == nullptr, "an answer without output, or with an error");
    FUZZ_CHECK(out[len] == '\0', "output not NUL-terminated");
    a.out.assign(out, len);
  } else {
    FUZZ_CHECK(out == nullptr && len == 0, "an error with an output");
    FUZZ_CHECK(err != nullptr && err[0] != '\0', "an error without a message");
    a.err = err;
  }
  netra_free(out);
  netra_free(err);
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const netra_engine* engine = [] {
    netra_engine* e = nullptr;
    char* err = nullptr;
    FUZZ_CHECK(netra_engine_new(nullptr, &e, &err) == NETRA_OK, err == nullptr ? "" : err);
    return e;
  }();
  if (size < 2) return 0;
  const char* method = kMethods[data[0] % (sizeof kMethods / sizeof kMethods[0])];
  const int format = kFormats[data[1] % (sizeof kFormats / sizeof kFormats[0])];
  const std::string in(reinterpret_cast<const char*>(data) + 2, size - 2);
  const Answer a = Call(engine, method, format, in);
  if (a.status != NETRA_OK) return 0;
  const google::protobuf::MethodDescriptor* m = netra::Engine::FindMethod(method);
  FUZZ_CHECK(m != nullptr, "an unknown method answered: ", method);
  std::unique_ptr<google::protobuf::Message> response(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(m->output_type())->New());
  if (format == NETRA_FORMAT_PROTO) {
    FUZZ_CHECK(response->ParseFromString(a.out), method, ": the binary answer does not parse");
  } else if (format == NETRA_FORMAT_JSON_LINES) {
    // One line out per non-blank line in, each a JSON object.
    size_t lines_in = 0, lines_out = 0;
    size_t start = 0;
    while (start <= in.size()) {
      size_t end = in.find('\n', start);
      if (end == std::string::npos) end = in.size();
      const std::string line = in.substr(start, end - start);
      if (line.find_first_not_of(" \t\r") != std::string::npos) ++lines_in;
      if (end == in.size()) break;
      start = end + 1;
    }
    for (char c : a.out) lines_out += c == '\n';
    FUZZ_CHECK(lines_in == lines_out, method, ": ", lines_in, " lines in, ", lines_out, " out");
  } else if (format == kShared) {
    // Distinct answers, then one index (into them) and one date per row.
    google::protobuf::Struct shared;
    const auto st = google::protobuf::util::JsonStringToMessage(a.out, &shared);
    FUZZ_CHECK(st.ok(), method, ": the shared answer does not parse: ", st.message().as_string());
    const auto& f = shared.fields();
    FUZZ_CHECK(f.size() == 3 && f.count("answers") && f.count("rows") && f.count("decision_dates"), "shared form's keys");
    const auto& answers = f.at("answers").list_value().values();
    const auto& rows = f.at("rows").list_value().values();
    FUZZ_CHECK(rows.size() == f.at("decision_dates").list_value().values_size(), "a date per row");
    FUZZ_CHECK(rows.empty() == answers.empty(), "answers without rows, or rows without answers");
    for (const auto& r : rows) {
      FUZZ_CHECK(r.number_value() >= 0 && r.number_value() < answers.size(), "a row's index past the answers");
    }
  } else if (format != NETRA_FORMAT_JSON_ARRAY) {
    const auto st = google::protobuf::util::JsonStringToMessage(a.out, response.get());
    FUZZ_CHECK(st.ok(), method, ": the JSON answer does not parse: ", st.message().as_string());
  }
  const Answer again = Call(engine, method, format, in);
  FUZZ_CHECK(again.status == a.status && again.out == a.out, method, ": a second call answered differently");
  return 0;
}
