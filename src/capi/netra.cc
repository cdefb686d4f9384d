// The C ABI (netra/netra.h) over the request layer (netra/api.h). Only
// checks at the boundary live here: handles, pointers, lengths, UTF-8, sizes
// and formats; every answer comes from netra::Engine. No exception leaves a
// function: each body runs inside Guard().
#include "netra/netra.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <istream>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "netra/api.h"
#include "huge_pages.h"
#include "netra/json.h"
#include "netra/rule_book.h"
#include "utf8.h"

#define NETRA_EXPORT extern "C" __attribute__((visibility("default")))

static_assert(NETRA_MAX_JSON_BYTES == netra::kMaxJsonBytes, "netra.h limit differs from netra/json.h");
static_assert(NETRA_MAX_BATCH_BYTES == netra::kMaxBatchBytes, "netra.h limit differs from netra/api.h");

namespace {

constexpr uint64_t kEngineMagic = 0x6e657472612d656eULL;   // "netra-en"
constexpr uint64_t kOptionsMagic = 0x6e657472612d6f70ULL;  // "netra-op"
constexpr uint64_t kFreedMagic = 0x6e657472612d2d2dULL;    // "netra---"

}  // namespace

struct netra_engine {
  uint64_t magic;
  std::shared_ptr<const netra::Engine> engine;
};

struct netra_options {
  uint64_t magic;
  netra::EngineOptions options;
};

namespace {

// Freed engine handles are kept (magic kFreedMagic, engine released) so that
// a call on a freed handle reads our own memory and is refused, never a use
// after free. 16 bytes per engine ever freed; reachable, so not a leak.
std::mutex& GraveyardMutex() {
  static auto* m = new std::mutex;
  return *m;
}
std::vector<netra_engine*>& Graveyard() {
  static auto* g = new std::vector<netra_engine*>;
  return *g;
}

// A copy of `text` in malloc'd memory with a NUL after it; nullptr if out of
// memory.
char* Dup(absl::string_view text) {
  char* p = static_cast<char*>(std::malloc(text.size() + 1));
  if (p == nullptr) return nullptr;
  netra::internal::AdviseHugePages(p, text.size() + 1);
  if (!text.empty()) std::memcpy(p, text.data(), text.size());
  p[text.size()] = '\0';
  return p;
}

// An input stream over the caller's bytes, read in place.
class InputView : public std::streambuf {
 public:
  explicit InputView(absl::string_view bytes) {
    char* p = const_cast<char*>(bytes.data());  // only read: no put area
    setg(p, p, p + bytes.size());
  }
};

// An output stream that appends to a string.
class StringOutput : public std::streambuf {
 public:
  explicit StringOutput(std::string* out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_->append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) out_->push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::string* out_;
};

netra_status Fail(absl::StatusCode code, absl::string_view message, char** err) {
  if (err != nullptr) *err = Dup(message);
  return static_cast<netra_status>(code);
}
netra_status Fail(const absl::Status& st, char** err) { return Fail(st.code(), st.message(), err); }

netra_status Invalid(absl::string_view message, char** err) {
  return Fail(absl::StatusCode::kInvalidArgument, message, err);
}

// Runs `body`; an exception becomes INTERNAL (or RESOURCE_EXHAUSTED for
// bad_alloc) with its message. Nothing is thrown across the boundary.
template <typename F>
netra_status Guard(char** err, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(absl::StatusCode::kResourceExhausted, "out of memory", err);
  } catch (const std::exception& e) {
    return Fail(absl::StatusCode::kInternal, absl::StrCat("internal error (please report): ", e.what()), err);
  } catch (...) {
    return Fail(absl::StatusCode::kInternal, "internal error (please report): unknown exception", err);
  }
}

// Checks a text input (JSON, a law file) at the boundary.
absl::Status CheckText(absl::string_view field, absl::string_view text, size_t limit, absl::string_view limit_name) {
  if (text.size() > limit) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", text.size(), " bytes exceed the limit of ", limit,
                                                   " bytes (", limit_name, ")"));
  }
  if (text.empty()) return absl::OkStatus();  // (data may be NULL: no memchr on it)
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const size_t at = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    return absl::InvalidArgumentError(absl::StrCat(field, ": a NUL byte at offset ", at, " of the ", text.size(),
                                                   " bytes given (does the length match the text?)"));
  }
  if (const size_t at = netra::internal::InvalidUtf8(text); at != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": invalid UTF-8 at byte offset ", at, " (byte 0x",
                     absl::Hex(static_cast<unsigned char>(text[at]), absl::kZeroPad2), ")"));
  }
  return absl::OkStatus();
}

// The engine behind a handle, or an error naming what is wrong with it.
absl::Status EngineOf(const netra_engine* handle, const netra::Engine** engine) {
  if (handle == nullptr) return absl::InvalidArgumentError("engine: NULL");
  uint64_t magic = 0;
  std::memcpy(&magic, handle, sizeof magic);
  if (magic == kFreedMagic) return absl::InvalidArgumentError("engine: the handle was freed (netra_engine_free)");
  if (magic == kOptionsMagic) return absl::InvalidArgumentError("engine: a netra_options handle, not an engine");
  if (magic != kEngineMagic || handle->engine == nullptr) {
    return absl::InvalidArgumentError("engine: not a netra_engine handle (no magic number)");
  }
  *engine = handle->engine.get();
  return absl::OkStatus();
}

absl::Status OptionsOf(const netra_options* handle) {
  if (handle == nullptr) return absl::InvalidArgumentError("options: NULL");
  uint64_t magic = 0;
  std::memcpy(&magic, handle, sizeof magic);
  if (magic == kEngineMagic || magic == kFreedMagic) {
    return absl::InvalidArgumentError("options: a netra_engine handle, not options");
  }
  if (magic != kOptionsMagic) return absl::InvalidArgumentError("options: not a netra_options handle (no magic number)");
  return absl::OkStatus();
}

enum class Batch { kNone, kEvaluate, kAudit };

// The body of every call: checks, dispatch, output.
netra_status DoCall(const netra_engine* handle, const char* method, int format, const char* in, size_t in_len,
                    char** out, size_t* out_len, char** err, Batch batch) {
  if (err != nullptr) *err = nullptr;
  if (out == nullptr || out_len == nullptr) {
    return Invalid(out == nullptr ? "out: NULL (where the response is returned)" : "out_len: NULL", err);
  }
  *out = nullptr;
  *out_len = 0;
  const netra::Engine* engine = nullptr;
  if (auto st = EngineOf(handle, &engine); !st.ok()) return Fail(st, err);
  if (method == nullptr) return Invalid("method: NULL", err);
  if (in == nullptr && in_len != 0) {
    return Invalid(absl::StrCat("in: NULL with in_len ", in_len, " (NULL is the empty request only with 0)"), err);
  }
  const absl::string_view input = in == nullptr ? absl::string_view() : absl::string_view(in, in_len);
  const int base = format & 0xff;
  const int flags = format & ~0xff;
  if ((flags & ~(NETRA_JSON_EMIT_DEFAULTS | NETRA_JSON_COMPACT | NETRA_ANSWER_SUMMARY | NETRA_ANSWER_SHARED)) != 0 ||
      base > NETRA_FORMAT_JSON_ARRAY || base < 0 || (base == NETRA_FORMAT_PROTO && flags != 0)) {
    return Invalid(absl::StrCat("format: ", format, " is not NETRA_FORMAT_JSON (with NETRA_JSON_* flags), "
                                "NETRA_FORMAT_PROTO, NETRA_FORMAT_JSON_LINES or NETRA_FORMAT_JSON_ARRAY"), err);
  }
  const bool summary = (flags & NETRA_ANSWER_SUMMARY) != 0;
  if (summary && (batch != Batch::kEvaluate || (base != NETRA_FORMAT_JSON_LINES && base != NETRA_FORMAT_JSON_ARRAY))) {
    return Invalid(absl::StrCat("format: NETRA_ANSWER_SUMMARY is for netra_evaluate_batch with "
                                "NETRA_FORMAT_JSON_LINES or NETRA_FORMAT_JSON_ARRAY only (EvaluateBatchRequest "
                                "has its field form); format was ", format),
                   err);
  }
  const bool shared = (flags & NETRA_ANSWER_SHARED) != 0;
  if (shared && (!summary || base != NETRA_FORMAT_JSON_ARRAY)) {
    return Invalid(absl::StrCat("format: NETRA_ANSWER_SHARED is for netra_evaluate_batch with "
                                "NETRA_FORMAT_JSON_ARRAY and NETRA_ANSWER_SUMMARY only; format was ", format),
                   err);
  }
  const netra::v1::AnswerForm form = summary ? netra::v1::SUMMARY : netra::v1::ANSWER_FORM_UNSPECIFIED;
  if ((base == NETRA_FORMAT_JSON_LINES || base == NETRA_FORMAT_JSON_ARRAY) && batch == Batch::kNone) {
    return Invalid(absl::StrCat("format: ", base == NETRA_FORMAT_JSON_LINES ? "NETRA_FORMAT_JSON_LINES" : "NETRA_FORMAT_JSON_ARRAY",
                                " is for netra_evaluate_batch and netra_audit_batch only"), err);
  }
  const absl::string_view name(method, strnlen(method, 64));
  const bool is_batch = name == "EvaluateBatch" || name == "AuditBatch";
  const size_t limit = is_batch ? netra::kMaxBatchBytes : netra::kMaxJsonBytes;
  const char* limit_name = is_batch ? "NETRA_MAX_BATCH_BYTES" : "NETRA_MAX_JSON_BYTES";
  netra::JsonOptions json;
  json.pretty = (flags & NETRA_JSON_COMPACT) == 0;
  json.emit_defaults = (flags & NETRA_JSON_EMIT_DEFAULTS) != 0;
  absl::StatusOr<std::string> result;
  if (base == NETRA_FORMAT_PROTO) {
    if (input.size() > limit) {
      return Invalid(absl::StrCat("in: ", input.size(), " bytes exceed the limit of ", limit, " bytes (", limit_name, ")"),
                     err);
    }
    result = engine->CallBinary(name, input);
  } else {
    if (auto st = CheckText("in", input, limit, limit_name); !st.ok()) return Fail(st, err);
    if (base == NETRA_FORMAT_JSON_LINES) {
      // The caller's bytes are read in place and the answers written
      // straight into one string (no copy of either into a stream).
      InputView view(input);
      std::istream lines(&view);
      std::string text;
      StringOutput sink(&text);
      std::ostream answers(&sink);
      if (auto st = engine->CallJsonLines(name, lines, answers, json, form); !st.ok()) return Fail(st, err);
      result = std::move(text);
    } else if (base == NETRA_FORMAT_JSON_ARRAY) {
      result = shared                      ? engine->EvaluateJsonArrayShared(input, json)
               : batch == Batch::kEvaluate ? engine->EvaluateJsonArray(input, json, form)
                                           : engine->AuditJsonArray(input, json);
    } else {
      result = engine->CallJson(name, input, json);
    }
  }
  if (!result.ok()) return Fail(result.status(), err);
  char* buffer = Dup(*result);
  if (buffer == nullptr) return Fail(absl::StatusCode::kResourceExhausted, "out of memory", err);
  *out = buffer;
  *out_len = result->size();
  return NETRA_OK;
}

}  // namespace

NETRA_EXPORT uint32_t netra_abi_version(void) { return NETRA_ABI_VERSION; }

NETRA_EXPORT const char* netra_version(void) { return NETRA_VERSION_STRING; }

NETRA_EXPORT const char* netra_status_name(int status) {
  static const char* const names[] = {"OK",
                                      "CANCELLED",
                                      "UNKNOWN",
                                      "INVALID_ARGUMENT",
                                      "DEADLINE_EXCEEDED",
                                      "NOT_FOUND",
                                      "ALREADY_EXISTS",
                                      "PERMISSION_DENIED",
                                      "RESOURCE_EXHAUSTED",
                                      "FAILED_PRECONDITION",
                                      "ABORTED",
                                      "OUT_OF_RANGE",
                                      "UNIMPLEMENTED",
                                      "INTERNAL",
                                      "UNAVAILABLE",
                                      "DATA_LOSS",
                                      "UNAUTHENTICATED"};
  if (status < 0 || status >= static_cast<int>(sizeof names / sizeof names[0])) return "UNKNOWN_STATUS";
  return names[status];
}

NETRA_EXPORT void netra_free(void* buffer) { std::free(buffer); }

NETRA_EXPORT netra_options* netra_options_new(void) {
  try {
    auto* o = new (std::nothrow) netra_options;
    if (o != nullptr) o->magic = kOptionsMagic;
    return o;
  } catch (...) {
    return nullptr;
  }
}

NETRA_EXPORT void netra_options_free(netra_options* options) {
  if (!OptionsOf(options).ok()) return;
  options->magic = kFreedMagic;
  delete options;
}

NETRA_EXPORT netra_status netra_options_add_law_file(netra_options* options, const char* path, char** err) {
  return Guard(err, [&]() -> netra_status {
    if (err != nullptr) *err = nullptr;
    if (auto st = OptionsOf(options); !st.ok()) return Fail(st, err);
    if (path == nullptr) return Invalid("path: NULL", err);
    // Read as `netra --law` reads it (ReadLawFile: its size limit and
    // errors); the law loader judges its text, as for the command.
    auto src = netra::ReadLawFile(path);
    if (!src.ok()) return Fail(src.status(), err);
    options->options.law.push_back(*std::move(src));
    return NETRA_OK;
  });
}

NETRA_EXPORT netra_status netra_options_add_law_bytes(netra_options* options, const char* name, const char* text,
                                                      size_t text_len, char** err) {
  return Guard(err, [&]() -> netra_status {
    if (err != nullptr) *err = nullptr;
    if (auto st = OptionsOf(options); !st.ok()) return Fail(st, err);
    if (name == nullptr) return Invalid("name: NULL", err);
    if (text == nullptr && text_len != 0) return Invalid(absl::StrCat("text: NULL with text_len ", text_len), err);
    const absl::string_view body = text == nullptr ? absl::string_view() : absl::string_view(text, text_len);
    const std::string field = absl::StrCat("text of ", absl::string_view(name, strnlen(name, 256)));
    if (auto st = CheckText(field, body, netra::kMaxLawFileBytes, "kMaxLawFileBytes"); !st.ok()) return Fail(st, err);
    if (auto st = CheckText("name", name, 4096, "4096"); !st.ok()) return Fail(st, err);
    options->options.law.push_back({name, std::string(body)});
    return NETRA_OK;
  });
}

NETRA_EXPORT netra_status netra_options_set(netra_options* options, const char* name, const char* value, char** err) {
  return Guard(err, [&]() -> netra_status {
    if (err != nullptr) *err = nullptr;
    if (auto st = OptionsOf(options); !st.ok()) return Fail(st, err);
    if (name == nullptr) return Invalid("name: NULL", err);
    if (value == nullptr) return Invalid(absl::StrCat("value of setting ", name, ": NULL"), err);
    if (auto st = CheckText("name", name, 4096, "4096"); !st.ok()) return Fail(st, err);
    if (auto st = CheckText(absl::StrCat("value of setting ", name), value, 4096, "4096"); !st.ok()) {
      return Fail(st, err);
    }
    options->options.settings[name] = value;
    return NETRA_OK;
  });
}

NETRA_EXPORT netra_status netra_options_exclude_embedded_law(netra_options* options, char** err) {
  if (err != nullptr) *err = nullptr;
  if (auto st = OptionsOf(options); !st.ok()) return Fail(st, err);
  options->options.include_embedded = false;
  return NETRA_OK;
}

NETRA_EXPORT netra_status netra_engine_new(const netra_options* options, netra_engine** engine, char** err) {
  return Guard(err, [&]() -> netra_status {
    if (err != nullptr) *err = nullptr;
    if (engine == nullptr) return Invalid("engine: NULL (where the new engine is returned)", err);
    *engine = nullptr;
    if (options != nullptr) {
      if (auto st = OptionsOf(options); !st.ok()) return Fail(st, err);
    }
    auto made = netra::Engine::Create(options != nullptr ? options->options : netra::EngineOptions());
    if (!made.ok()) return Fail(made.status(), err);
    auto* handle = new netra_engine{kEngineMagic, *std::move(made)};
    *engine = handle;
    return NETRA_OK;
  });
}

NETRA_EXPORT void netra_engine_free(netra_engine* engine) {
  const netra::Engine* e = nullptr;
  if (!EngineOf(engine, &e).ok()) return;
  // The handle itself is never deleted: it is marked freed and kept in the
  // graveyard (reachable, so not a leak), and its engine is released.
  try {
    std::lock_guard<std::mutex> lock(GraveyardMutex());
    Graveyard().push_back(engine);
  } catch (...) {
    // Out of memory for the list: the handle stays allocated anyway.
  }
  engine->magic = kFreedMagic;
  engine->engine.reset();
}

NETRA_EXPORT netra_status netra_call(const netra_engine* engine, const char* method, int format, const char* in,
                                     size_t in_len, char** out, size_t* out_len, char** err) {
  return Guard(err, [&] {
    Batch b = Batch::kNone;
    if (method != nullptr && std::strcmp(method, "EvaluateBatch") == 0) b = Batch::kEvaluate;
    if (method != nullptr && std::strcmp(method, "AuditBatch") == 0) b = Batch::kAudit;
    return DoCall(engine, method, format, in, in_len, out, out_len, err, b);
  });
}

#define NETRA_NAMED_CALL(fn, method, batch)                                                                  \
  NETRA_EXPORT netra_status fn(const netra_engine* engine, int format, const char* in, size_t in_len,       \
                               char** out, size_t* out_len, char** err) {                                   \
    return Guard(err, [&] { return DoCall(engine, method, format, in, in_len, out, out_len, err, batch); }); \
  }

NETRA_NAMED_CALL(netra_evaluate, "Evaluate", Batch::kNone)
NETRA_NAMED_CALL(netra_audit, "Audit", Batch::kNone)
NETRA_NAMED_CALL(netra_evaluate_batch, "EvaluateBatch", Batch::kEvaluate)
NETRA_NAMED_CALL(netra_audit_batch, "AuditBatch", Batch::kAudit)
NETRA_NAMED_CALL(netra_rules, "Rules", Batch::kNone)
NETRA_NAMED_CALL(netra_elections, "Elections", Batch::kNone)
NETRA_NAMED_CALL(netra_working_days, "WorkingDays", Batch::kNone)
NETRA_NAMED_CALL(netra_replay_case, "ReplayCase", Batch::kNone)
NETRA_NAMED_CALL(netra_pact_progress, "PactProgress", Batch::kNone)
