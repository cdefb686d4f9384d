// `netra serve`: the HTTP service over the request layer (netra/api.h).
//
// Every method of netra.v1.Netra (proto/netra/v1/api.proto) is
// `POST /v1/<Method>` with the method's request as its body:
//   - Content-Type application/json (or none): the protobuf JSON mapping in,
//     the response in the same mapping out, as Engine::CallJson gives it
//     (one line; `?pretty=true` indents, `?emit_defaults=true` writes every
//     field at its default value too, `?camel_case=true` names fields in
//     lowerCamelCase, `?int64_as_numbers=true` writes 64-bit integers as
//     numbers where a double holds them: JsonOptions);
//   - application/x-protobuf: the binary encoding both ways (CallBinary);
//   - application/x-ndjson (EvaluateBatch and AuditBatch only): one request
//     a line in, one answer a line out (Engine::CallJsonLines;
//     `?form=SUMMARY` for DeterminationSummary rows). The body is spooled to
//     an unnamed file as it arrives and the answers are streamed back in
//     chunks, so no batch sits in memory whole.
// An error is the HTTP status of its absl::StatusCode (HttpStatus) with the
// body {"code":"INVALID_ARGUMENT","error":"<the field and value>"}: the words
// every other surface gives. GET /healthz (the process answers), GET /readyz
// (200 while serving, 503 once it drains) and GET /metrics (netra/metrics.h,
// Prometheus text) complete it.
//
// gRPC, when asked for (ServeOptions::grpc_port): every method at
// /netra.v1.Netra/<Method> with binary protobuf (serve/grpc_service.h).
//
// TLS: built in (OpenSSL, through cpp-httplib) with ServeOptions::tls_cert_file
// and tls_key_file, for HTTP; gRPC stays plain (put it behind the same
// proxy as a deployment would).
//
// The dashboard (web/dashboard/, README "The dashboard"): GET of any other
// path serves the file of that name under web/dashboard (`/` its
// index.html), compiled in (serve/web_assets.h) or, with
// ServeOptions::web_dir, read from that folder at each request. The pages
// are public (they hold no data; the data comes from /v1/ with the token the
// user signs in with) and go out with a Content-Security-Policy that lets
// them load only the service's own files.
//
// Who may call: with a tokens file (serve/tokens.h) every route but /healthz,
// /readyz and the dashboard's files needs `Authorization: Bearer <token>`
// (401 without a known one). Without one the service refuses to listen on anything but a loopback
// address (Create fails).
//
// Abuse: a body past its limit (kMaxJsonBytes, kMaxBatchBytes for the batch
// methods, kMaxStreamBytes for JSON lines) is 413 before it is read; a
// client that sends nothing for read_timeout_seconds is dropped; at most
// max_connections connections are served at once, each on its own worker
// thread, and one more is answered 503 and closed; Stop (SIGTERM in the
// command) answers new requests 503, lets the requests in flight finish,
// then closes the port.
//
// The request log: one JSON line per request to the log stream (time,
// method, path without its query, status, bytes in and out, milliseconds,
// token name), never a body, a NIP or a name.
//
// Thread safety: Create, Bind and Serve from one thread; Stop from any.
#ifndef NETRA_SERVE_SERVER_H_
#define NETRA_SERVE_SERVER_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "netra/api.h"
#include "netra/records.h"

namespace netra::serve {

// A JSON-lines batch body past this is refused (413): the spool file is on
// disk, but a disk is not endless either. About 8 million typical requests.
inline constexpr int64_t kMaxStreamBytes = int64_t{4} << 30;

struct ServeOptions {
  // The address to listen on: "127.0.0.1" by default; anything but a
  // loopback address needs `tokens_file`.
  std::string host = "127.0.0.1";
  // 0: a free port the system chooses (Bind returns it).
  int port = 8080;
  // An AccessTokens text file (proto/netra/v1/serve.proto); "" = none.
  std::string tokens_file;
  // Where JSON-lines bodies are spooled ("" = $TMPDIR or /tmp).
  std::string spool_dir;
  // Connections served at once (one worker thread each); past it, 503.
  int max_connections = 64;
  // The largest JSON-lines or CSV batch body (1 MiB..kMaxStreamBytes); past
  // it, 413 (before the body is read when it has a length).
  int64_t max_stream_bytes = kMaxStreamBytes;
  // A read that waits longer than this drops the connection.
  int read_timeout_seconds = 10;
  // A write that waits longer than this (a client that does not read) drops it.
  int write_timeout_seconds = 30;
  // A kept-alive connection idle this long is closed.
  int idle_timeout_seconds = 5;
  // Stop waits this long at most for the requests in flight to finish.
  int drain_timeout_seconds = 60;
  // TLS (HTTPS, TLS 1.2 or later) with this certificate chain and its
  // unencrypted private key, PEM files; both "" = plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;
  // gRPC (serve/grpc_service.h) on this address and port too; -1 = off, 0 =
  // a free port. Needs a build with gRPC; a non-loopback host needs tokens.
  std::string grpc_host = "127.0.0.1";
  int grpc_port = -1;
  // Serve the dashboard's files from this folder instead of the compiled-in
  // copy ("" = compiled in): for working on the pages without a rebuild.
  std::string web_dir;
};

// Whether `host` is a loopback address or "localhost".
bool IsLoopback(absl::string_view host);

// The HTTP status that stands for `code` (the mapping of gRPC's HTTP
// gateway: InvalidArgument 400, NotFound 404, AlreadyExists 409,
// FailedPrecondition 400, Unavailable 503, ...).
int HttpStatus(absl::StatusCode code);

class Server {
 public:
  // InvalidArgument for options out of range or a non-loopback host without
  // tokens; the errors of Tokens::Load. `records` serves the methods of
  // netra.v1.Records (nullptr: the service keeps no store, and they answer
  // FailedPrecondition). `records` and `log` (the request log; nullptr:
  // none) must outlive the Server.
  static absl::StatusOr<std::unique_ptr<Server>> Create(std::shared_ptr<const Engine> engine, Records* records,
                                                        const ServeOptions& options, std::ostream* log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket (and starts gRPC, if asked). Returns the HTTP
  // port. Unavailable if an address cannot be bound (in use, not local, no
  // permission).
  absl::StatusOr<int> Bind();
  // The gRPC port after Bind; -1 when gRPC is off.
  int grpc_port() const;
  // Whether this build has gRPC.
  static bool HasGrpc();
  // Serves until Stop; then finishes the requests in flight and returns.
  // Unavailable if the listening socket fails.
  absl::Status Serve();
  // Drains and stops: /readyz and every new request answer 503 from now on,
  // the requests in flight finish (up to drain_timeout_seconds), then the
  // listening socket closes and Serve returns. Not async-signal-safe: call
  // it from a thread (the command's signal thread).
  void Stop();

 private:
  struct State;
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace netra::serve

#endif  // NETRA_SERVE_SERVER_H_
