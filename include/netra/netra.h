/* netra/netra.h: the C ABI of netra (libnetra.so).
 *
 * Plain C99 for any host that can call C: PHP (FFI), Java (JNA or JNI), Go
 * (cgo), .NET (P/Invoke), C and C++. It is a thin boundary over the request
 * layer (netra/api.h): every call is a method of the protobuf service
 * `netra.v1.Netra` (proto/netra/v1/api.proto), with its request and response
 * in JSON (the protobuf JSON mapping, proto field names, as the `netra`
 * command prints) or in binary protobuf. The JSON of a call is byte for byte
 * what `netra evaluate` / `netra audit` ... print.
 *
 *   #include <netra/netra.h>
 *   netra_engine* engine = NULL;
 *   char* err = NULL;
 *   if (netra_engine_new(NULL, &engine, &err) != NETRA_OK) { ... err ...; netra_free(err); }
 *   char* out = NULL; size_t out_len = 0;
 *   const char* req = "{\"employee\": {\"kind\": \"PNS\"}, \"acts\": [...]}";
 *   netra_status st = netra_evaluate(engine, NETRA_FORMAT_JSON, req, strlen(req), &out, &out_len, &err);
 *   if (st == NETRA_OK) { fwrite(out, 1, out_len, stdout); netra_free(out); }
 *   else { fprintf(stderr, "%s: %s\n", netra_status_name(st), err); netra_free(err); }
 *   netra_engine_free(engine);
 *
 * Link with `pkg-config --cflags --libs netra` (-lnetra). The library
 * exports only the netra_* functions below; the engine and the embedded law
 * are linked in, and it needs the shared Abseil and protobuf runtimes
 * (Debian's libabsl20220623 and libprotobuf32). A process that also loads
 * netra's Python package should use the package instead: both register the
 * netra.v1 schema with the one libprotobuf, which aborts the process on the
 * second registration (when libnetra.so is loaded).
 *
 * Errors: every fallible function returns a netra_status (the codes of
 * absl::StatusCode). A legal answer (no level, missing facts, CANNOT_ASSESS)
 * is NETRA_OK with the answer in the response. On an error, if `err` is not
 * NULL, *err receives a NUL-terminated message naming the field and the value
 * in the words of the `netra` command ("acts[0].act_date: \"2025-02-30\" is
 * not a date (no such day)"); on success *err is set to NULL. No C++
 * exception ever crosses this boundary: an unexpected one is NETRA_INTERNAL.
 *
 * Ownership: every buffer the library returns (*out, *err) is allocated by
 * the library and freed by the caller with netra_free(), exactly once.
 * Output buffers carry a NUL byte after their *out_len bytes (not counted),
 * so JSON can be read as a C string. Input buffers stay the caller's; the
 * library does not keep pointers into them after a call returns. On an
 * error *out is NULL and *out_len 0.
 *
 * Thread safety: an engine is immutable after netra_engine_new; every call
 * on it may run concurrently from any number of threads without locking. An
 * options object is not synchronised (build it in one thread). Freeing an
 * engine while another thread still calls it is the caller's error.
 *
 * Handles: an engine and an options object carry a magic number checked on
 * every call. A NULL handle, a handle of the other kind, a pointer to memory
 * that does not start with the magic number, or an engine already freed with
 * netra_engine_free is refused with NETRA_INVALID_ARGUMENT. The limit: a
 * pointer that is not readable memory at all cannot be checked (it faults
 * like any bad pointer in C). The 16 bytes of a freed engine's handle are kept
 * (its engine is released) so that a freed handle is always detected.
 *
 * Input checks at the boundary, each a status and never a crash: NULL
 * pointers (an input may be NULL only with length 0), JSON that holds a NUL
 * byte within its length (a length that does not match the text), JSON that
 * is not valid UTF-8, input past the limits (NETRA_MAX_JSON_BYTES for one
 * document, NETRA_MAX_BATCH_BYTES for a batch), an unknown method or format.
 */
#ifndef NETRA_NETRA_H_
#define NETRA_NETRA_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version: bumped (with the SONAME libnetra.so.N) only for a change
 * that breaks existing callers; additions keep it. */
#define NETRA_ABI_VERSION 1

/* Input limits (the README's Limits): one JSON or binary document; a batch. */
#define NETRA_MAX_JSON_BYTES ((size_t)8 << 20)
#define NETRA_MAX_BATCH_BYTES ((size_t)256 << 20)

/* Status codes: the values of absl::StatusCode. */
typedef enum netra_status {
  NETRA_OK = 0,
  NETRA_CANCELLED = 1,
  NETRA_UNKNOWN = 2,
  NETRA_INVALID_ARGUMENT = 3, /* malformed input: the message names the field and value */
  NETRA_DEADLINE_EXCEEDED = 4,
  NETRA_NOT_FOUND = 5,         /* a law file that does not exist */
  NETRA_ALREADY_EXISTS = 6,
  NETRA_PERMISSION_DENIED = 7, /* a law file that cannot be opened */
  NETRA_RESOURCE_EXHAUSTED = 8,
  NETRA_FAILED_PRECONDITION = 9, /* a case event the law does not allow now; a year without calendar data */
  NETRA_ABORTED = 10,
  NETRA_OUT_OF_RANGE = 11,
  NETRA_UNIMPLEMENTED = 12, /* a method the service does not have */
  NETRA_INTERNAL = 13,      /* a bug in netra (an unexpected exception); please report it */
  NETRA_UNAVAILABLE = 14,
  NETRA_DATA_LOSS = 15,
  NETRA_UNAUTHENTICATED = 16
} netra_status;

/* Formats of a call's request and response.
 *  NETRA_FORMAT_JSON: the protobuf JSON mapping, proto field names; the
 *    response indented as the `netra` command prints it.
 *  NETRA_FORMAT_PROTO: serialized protobuf of the method's messages.
 *  NETRA_FORMAT_JSON_LINES, NETRA_FORMAT_JSON_ARRAY: batch calls only
 *    (netra_evaluate_batch, netra_audit_batch): one request per line (or
 *    array element) in, one compact response per line (element) out, in
 *    order; a bad item gives {"line":N,"code":"INVALID_ARGUMENT","error":"..."}
 *    (1-based line) or {"index":I,"code":"...","error":"..."} (0-based
 *    element) in its place: `code` is the name of its netra_status
 *    (netra_status_name), `error` names the field and the value.
 * Flags, or-ed into a JSON format:
 *  NETRA_JSON_EMIT_DEFAULTS: write fields at their default value too (0, "",
 *    false, [], {}), so every key is present (PHP arrays, Java maps) but that
 *    of a sub-message, or a oneof or optional member, that is not set: the
 *    bytes of protobuf's always_print_primitive_fields.
 *  NETRA_JSON_COMPACT: one line, no indentation.
 *  NETRA_ANSWER_SUMMARY: netra_evaluate_batch with NETRA_FORMAT_JSON_LINES
 *    or NETRA_FORMAT_JSON_ARRAY only: each answer is a
 *    netra.v1.DeterminationSummary (api.proto: outcome, level, types, rule
 *    ids, citations, missing facts, officials, ... a few hundred bytes)
 *    instead of the full Determination (kilobytes). For the JSON and proto
 *    forms of EvaluateBatchRequest, its field `form` chooses.
 *  NETRA_ANSWER_SHARED: with NETRA_ANSWER_SUMMARY and NETRA_FORMAT_JSON_ARRAY
 *    only: each distinct answer is written once, for hosts that decode
 *    answers into objects (50,000 rows share a few hundred answers). One
 *    JSON object {"answers":[...],"rows":[...],"decision_dates":[...]}: row
 *    i's answer is answers[rows[i]] with its decision_date set to
 *    decision_dates[i] ("" for a refused row, whose answer is its
 *    {"index":I,...} item); the summaries in "answers" have an empty
 *    decision_date. */
#define NETRA_FORMAT_JSON 0
#define NETRA_FORMAT_PROTO 1
#define NETRA_FORMAT_JSON_LINES 2
#define NETRA_FORMAT_JSON_ARRAY 3
#define NETRA_JSON_EMIT_DEFAULTS 0x100
#define NETRA_JSON_COMPACT 0x200
#define NETRA_ANSWER_SUMMARY 0x400
#define NETRA_ANSWER_SHARED 0x800

/* An engine: the law (embedded plus host files), settings, evaluator, auditor,
 * case machine and calendar. Opaque; immutable; shared by threads. */
typedef struct netra_engine netra_engine;
/* How to make an engine: host law files and settings. Opaque; not
 * synchronised. */
typedef struct netra_options netra_options;

/* The ABI version of the loaded library (NETRA_ABI_VERSION it was built
 * with). A host compares it with the header's. Thread-safe. */
uint32_t netra_abi_version(void);

/* netra's version, e.g. "0.1.0" (static storage; do not free). Thread-safe. */
const char* netra_version(void);

/* The name of a status ("INVALID_ARGUMENT"; "UNKNOWN_STATUS" for a value
 * outside the enum). Static storage; do not free. Thread-safe. */
const char* netra_status_name(int status);

/* Frees a buffer returned by the library (*out, *err). NULL is a no-op.
 * Thread-safe. Never pass memory not returned by netra. */
void netra_free(void* buffer);

/* --- Options ------------------------------------------------------------ */

/* A new, empty options object (the embedded law, default settings), or NULL
 * if out of memory. Free it with netra_options_free. */
netra_options* netra_options_new(void);

/* Frees an options object; NULL is a no-op; a foreign or freed handle is
 * ignored where detected. */
void netra_options_free(netra_options* options);

/* Adds a host law file read from `path` (NUL-terminated). A file named like
 * an embedded one (same base name) replaces it. Errors: NOT_FOUND,
 * PERMISSION_DENIED, FAILED_PRECONDITION (a directory), INVALID_ARGUMENT
 * (too large, NULL). The file is read now; its validity is checked by
 * netra_engine_new. */
netra_status netra_options_add_law_file(netra_options* options, const char* path, char** err);

/* Adds a host law file from memory: `name` (NUL-terminated) is what errors
 * cite, `text` its `text_len` bytes of text-format netra.v1.RuleFile
 * (copied). INVALID_ARGUMENT for NULL, a NUL byte within the length, invalid
 * UTF-8, or more than 16 MiB. */
netra_status netra_options_add_law_bytes(netra_options* options, const char* name, const char* text,
                                         size_t text_len, char** err);

/* Overrides a setting by name (both NUL-terminated), as `netra --set
 * NAME=VALUE`. Checked by netra_engine_new. INVALID_ARGUMENT for NULL. */
netra_status netra_options_set(netra_options* options, const char* name, const char* value, char** err);

/* Leave out the embedded law: the host's files are the whole law. */
netra_status netra_options_exclude_embedded_law(netra_options* options, char** err);

/* --- Engine ------------------------------------------------------------- */

/* Makes an engine from `options` (NULL: the embedded law, default settings);
 * the options may be freed afterwards. Errors: INVALID_ARGUMENT "invalid law:
 * <file>:<line>: rule <id>: ..." or naming the setting. Thread-safe. */
netra_status netra_engine_new(const netra_options* options, netra_engine** engine, char** err);

/* Releases an engine; NULL is a no-op; a freed or foreign handle is ignored
 * where detected. No call may be running on it. */
void netra_engine_free(netra_engine* engine);

/* --- Calls (each thread-safe on a shared engine) ------------------------ */

/* Calls the method of netra.v1.Netra named `method` (NUL-terminated:
 * "Evaluate", "EvaluateBatch", "Audit", "AuditBatch", "Rules", "Elections",
 * "WorkingDays", "ReplayCase", "Overdue", "PactProgress", "Compliance") with
 * the request `in` (`in_len` bytes; NULL with 0 = the empty request) in
 * `format` (NETRA_FORMAT_JSON with flags, or NETRA_FORMAT_PROTO). On
 * NETRA_OK, *out holds the response (*out_len bytes; free with netra_free).
 * Errors: UNIMPLEMENTED for an unknown method; INVALID_ARGUMENT for the input
 * checks above and the method's own refusals; see api.proto for each. */
netra_status netra_call(const netra_engine* engine, const char* method, int format, const char* in, size_t in_len,
                        char** out, size_t* out_len, char** err);

/* Named calls, the same as netra_call with the method in the name. */

/* EvaluationRequest in, Determination out (`netra evaluate`). */
netra_status netra_evaluate(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                            size_t* out_len, char** err);
/* DecidedCase in, AuditFinding out (`netra audit`). */
netra_status netra_audit(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                         size_t* out_len, char** err);
/* Many requests: NETRA_FORMAT_JSON_LINES or NETRA_FORMAT_JSON_ARRAY in and
 * the same form out (a bad item is answered by an error item; the call still
 * succeeds), or NETRA_FORMAT_JSON / NETRA_FORMAT_PROTO of
 * EvaluateBatchRequest / EvaluateBatchResponse. Up to NETRA_MAX_BATCH_BYTES. */
netra_status netra_evaluate_batch(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                                  size_t* out_len, char** err);
/* The same for decided cases (AuditBatchRequest / AuditBatchResponse). */
netra_status netra_audit_batch(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                               size_t* out_len, char** err);
/* RulesRequest ({"as_of": "2025-01-01"}, or empty) in, RuleFile out. */
netra_status netra_rules(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                         size_t* out_len, char** err);
/* ElectionsRequest (empty) in, RuleFile of the election calendars out. */
netra_status netra_elections(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                             size_t* out_len, char** err);
/* WorkingDaysRequest in (add N working days, count them between two dates,
 * or is a date a working day; with an agency's week and days off),
 * WorkingDaysResponse out. */
netra_status netra_working_days(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                                size_t* out_len, char** err);
/* ReplayCaseRequest (a CaseLog, the as-of date, tukin) in, CaseState out. */
netra_status netra_replay_case(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                               size_t* out_len, char** err);
/* PactProgressRequest (roster, election, pact events, as-of date) in,
 * PactProgressResponse out. */
netra_status netra_pact_progress(const netra_engine* engine, int format, const char* in, size_t in_len, char** out,
                                 size_t* out_len, char** err);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NETRA_NETRA_H_ */
