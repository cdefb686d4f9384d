#include "serve/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <istream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "netra/json.h"
#include "serve/dispatch.h"
#include "serve/metrics.h"
#include "serve/plain_server.h"
#include "serve/routes.h"
#include "serve/tokens.h"
#include "serve/web_assets.h"
#include "output_file.h"
#include "utf8.h"
#ifdef NETRA_WITH_GRPC
#include <grpcpp/grpcpp.h>

#include "serve/grpc_service.h"
#endif

namespace netra::serve {

// build/openapi_doc.cc, written by netra_openapi (src/serve/openapi_main.cc).
extern const char kOpenApiJson[];

namespace {

using Clock = std::chrono::steady_clock;

// Connections the kernel queues before they are accepted.
constexpr int kListenBacklog = 1024;

// What the pre-routing handler learns of a request, for its handler and the
// request log. A connection is served by one worker thread from its first
// request to its last, so a thread-local is the request's own.
struct RequestContext {
  Clock::time_point start;
  const v1::AccessToken* token = nullptr;
  int64_t bytes_in = 0;
  int64_t bytes_out = 0;  // a streamed answer's size (the rest: the body's)
};
thread_local RequestContext tl_request;
// Whether this thread's connection has a request between its pre-routing and
// its log (or the connection's end): what Stop waits for.
thread_local bool tl_in_flight = false;

void BeginRequest(std::atomic<int>* in_flight) {
  if (!tl_in_flight) {
    tl_in_flight = true;
    in_flight->fetch_add(1);
  }
}
void EndRequest(std::atomic<int>* in_flight) {
  if (tl_in_flight) {
    tl_in_flight = false;
    in_flight->fetch_sub(1);
  }
}
// Set on the thread that answers connections past max_connections.
thread_local bool tl_over_capacity = false;

std::string ErrorBody(absl::StatusCode code, absl::string_view message) {
  return absl::StrCat("{\"code\":\"", absl::StatusCodeToString(code), "\",\"error\":\"",
                      internal::JsonEscapeLossy(message), "\"}\n");
}

void Refuse(httplib::Response& res, absl::StatusCode code, absl::string_view message) {
  res.status = HttpStatus(code);
  res.set_content(ErrorBody(code, message), kJsonType);
}

// 413 for a body past its limit; the connection is closed, as the rest of
// the body is not read.
void RefuseTooLarge(Metrics& metrics, httplib::Response& res, absl::string_view message) {
  metrics.Refused(Refusal::kTooLarge);
  res.set_header("Connection", "close");
  Refuse(res, absl::StatusCode::kInvalidArgument, message);
  res.status = 413;
}

// The media type of a Content-Type value, lowercased, without parameters.
std::string MediaType(const std::string& content_type) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(content_type.substr(0, content_type.find(';'))));
}

enum class Body { kJson, kProto, kLines, kCsv };

absl::StatusOr<Body> BodyKind(const httplib::Request& req) {
  const std::string type = MediaType(req.get_header_value("Content-Type"));
  // What a client sends when it does not say (curl -d, PHP's curl with a
  // string body) is read as JSON too.
  if (type.empty() || type == "application/json" || type == "text/plain" ||
      type == "application/x-www-form-urlencoded") {
    return Body::kJson;
  }
  if (type == "application/x-protobuf" || type == "application/protobuf" || type == "application/octet-stream") {
    return Body::kProto;
  }
  if (type == "application/x-ndjson" || type == "application/jsonl" || type == "application/json-lines" ||
      type == "application/x-jsonlines") {
    return Body::kLines;
  }
  if (type == kCsvType) return Body::kCsv;
  return absl::InvalidArgumentError(
      absl::StrCat("Content-Type: ", internal::Quoted(type, 100),
                   " is not application/json, application/x-protobuf, application/x-ndjson or text/csv"));
}

// The largest body of `method` in `kind`: a streamed batch (JSON lines, CSV)
// `stream_limit` (ServeOptions::max_stream_bytes); the batch methods (those
// that take JSON lines) the request layer's kMaxBatchBytes otherwise.
int64_t BodyLimit(absl::string_view method, Body kind, int64_t stream_limit) {
  if (kind == Body::kLines || kind == Body::kCsv) return stream_limit;
  return static_cast<int64_t>(TakesLargeBody(method) ? kMaxBatchBytes : kMaxJsonBytes);
}

absl::StatusOr<bool> ParseBool(const std::string& name, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return absl::InvalidArgumentError(absl::StrCat("query parameter ", name, ": ",
                                                 internal::Quoted(value, 100),
                                                 " is not true or false"));
}

struct CallOptions {
  JsonOptions json{.pretty = false};
  v1::AnswerForm form = v1::ANSWER_FORM_UNSPECIFIED;
};

absl::StatusOr<CallOptions> ParseQuery(const httplib::Request& req, Body kind) {
  CallOptions options;
  for (const auto& [name, value] : req.params) {
    bool* flag = name == "pretty"             ? &options.json.pretty
                 : name == "emit_defaults"    ? &options.json.emit_defaults
                 : name == "camel_case"       ? &options.json.camel_case
                 : name == "int64_as_numbers" ? &options.json.int64_as_numbers
                                              : nullptr;
    if (flag != nullptr) {
      auto b = ParseBool(name, value);
      if (!b.ok()) return b.status();
      *flag = *b;
    } else if (name == "form" && (kind == Body::kLines || kind == Body::kCsv)) {
      if (!v1::AnswerForm_Parse(value, &options.form)) {
        return absl::InvalidArgumentError(absl::StrCat("query parameter form: ",
                                                       internal::Quoted(value, 100),
                                                       " is not an AnswerForm (FULL or SUMMARY)"));
      }
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("query parameter ", internal::Quoted(name, 100), " is unknown (",
                       kind == Body::kLines || kind == Body::kCsv
                           ? "pretty, emit_defaults, camel_case, int64_as_numbers, form"
                                            : "pretty, emit_defaults, camel_case, int64_as_numbers",
                       (name == "form" ? "; form is for JSON-lines bodies, a JSON request has the field form" : ""),
                       ")"));
    }
  }
  if (kind == Body::kProto && !req.params.empty()) {
    return absl::InvalidArgumentError("query parameters are for JSON bodies; a protobuf body takes none");
  }
  return options;
}

// Reads a file descriptor from its start (a spooled body).
class FdInput : public std::streambuf {
 public:
  explicit FdInput(int fd) : fd_(fd) {}

 protected:
  int_type underflow() override {
    ssize_t n;
    do {
      n = ::read(fd_, buffer_, sizeof buffer_);
    } while (n < 0 && errno == EINTR);
    if (n < 0) throw std::ios_base::failure("spool: read failed");
    if (n == 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + n);
    return traits_type::to_int_type(buffer_[0]);
  }

 private:
  int fd_;
  char buffer_[1 << 16];
};

// Writes to a response in chunks of up to 64 KiB; a failed write (the
// client left) makes the stream bad.
class SinkOutput : public std::streambuf {
 public:
  explicit SinkOutput(httplib::DataSink* sink) : sink_(sink) { setp(buffer_, buffer_ + sizeof buffer_); }
  int64_t written() const { return written_; }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    const size_t n = static_cast<size_t>(pptr() - pbase());
    if (n > 0) {
      if (!sink_->write(pbase(), n)) return -1;
      written_ += static_cast<int64_t>(n);
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return 0;
  }

 private:
  httplib::DataSink* sink_;
  int64_t written_ = 0;
  char buffer_[1 << 16];
};

// Closes a file descriptor when the last holder lets go.
struct Fd {
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  int fd;
};

// httplib's task queue: one worker thread per connection up to the limit,
// and one more thread that answers connections past it with 503 (the
// pre-routing handler sees tl_over_capacity).
class ConnectionPool : public httplib::TaskQueue {
 public:
  ConnectionPool(int workers, Metrics* metrics, std::atomic<int>* in_flight)
      : workers_(workers), metrics_(metrics), in_flight_(in_flight) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { Work(&queue_, false); });
    threads_.emplace_back([this] {
      tl_over_capacity = true;
      Work(&over_, true);
    });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (busy_ + static_cast<int>(queue_.size()) < workers_) {
        queue_.push_back(std::move(fn));
      } else {
        over_.push_back(std::move(fn));
      }
    }
    cv_.notify_all();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void Work(std::deque<std::function<void()>>* queue, bool over) {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue->empty(); });
        if (queue->empty()) return;  // stopping, and nothing left to serve
        fn = std::move(queue->front());
        queue->pop_front();
        if (!over) ++busy_;
      }
      metrics_->ConnectionOpened();
      fn();
      EndRequest(in_flight_);  // a request whose answer was never logged (the client left)
      metrics_->ConnectionClosed();
      if (!over) {
        std::lock_guard<std::mutex> lock(mu_);
        --busy_;
      }
    }
  }

  const int workers_;
  Metrics* const metrics_;
  std::atomic<int>* const in_flight_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_, over_;
  int busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

std::vector<std::string> RouteLabels() {
  std::vector<std::string> routes = AllMethods();
  for (const char* r : {"healthz", "readyz", "metrics", "openapi", "web", "other"}) routes.push_back(r);
  return routes;
}

// A GET (or HEAD) of the dashboard: any path but the service's own.
bool IsWebPath(const httplib::Request& req) {
  return (req.method == "GET" || req.method == "HEAD") && !absl::StartsWith(req.path, "/v1/") &&
         req.path != kHealthPath && req.path != kReadyPath && req.path != kMetricsPath;
}

// The file a dashboard path names ("" for /), or nullopt for a path that
// cannot name one: segments of letters, digits, '.', '_' and '-', none
// starting with a dot (no "..", no hidden file).
std::optional<std::string> WebFile(absl::string_view path) {
  path = absl::StripPrefix(path, "/");
  if (path.empty()) return "index.html";
  if (path.size() > 200) return std::nullopt;
  for (absl::string_view segment : absl::StrSplit(path, '/')) {
    if (segment.empty() || segment[0] == '.') return std::nullopt;
    for (char c : segment) {
      if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return std::nullopt;
    }
  }
  return std::string(path);
}

const char* WebMediaType(absl::string_view file) {
  static constexpr std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},              {".png", "image/png"},
      {".json", "application/json"},          {".md", "text/markdown; charset=utf-8"},
      {".woff2", "font/woff2"},               {".ico", "image/x-icon"}};
  for (const auto& [ext, type] : kTypes) {
    if (absl::EndsWith(file, ext)) return type;
  }
  return "text/plain; charset=utf-8";
}

// Leaves "br" out of the request's Accept-Encoding (PreRoute says why).
void StripBrotli(httplib::Request& req) {
  auto it = req.headers.find("Accept-Encoding");
  if (it == req.headers.end() || it->second.find("br") == std::string::npos) return;
  std::vector<std::string> kept;
  for (absl::string_view coding : absl::StrSplit(it->second, ',')) {
    const absl::string_view name = absl::StripAsciiWhitespace(coding.substr(0, coding.find(';')));
    if (!absl::EqualsIgnoreCase(name, "br")) kept.emplace_back(absl::StripAsciiWhitespace(coding));
  }
  it->second = absl::StrJoin(kept, ", ");
}

std::string NotServed(absl::string_view path) {
  return absl::StrCat("path ", internal::JsonEscapeLossy(internal::Utf8Prefix(path, 200)),
                      " is not served (POST /v1/<Method>, GET /healthz, /readyz, /metrics, /v1/openapi.json, "
                      "the dashboard's files)");
}

std::string NowRfc3339() { return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()); }

}  // namespace

bool IsLoopback(absl::string_view host) {
  if (host == "localhost") return true;
  const std::string h(host);
  in_addr v4;
  if (::inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  if (::inet_pton(AF_INET6, h.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

int HttpStatus(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange: return 400;
    case absl::StatusCode::kUnauthenticated: return 401;
    case absl::StatusCode::kPermissionDenied: return 403;
    case absl::StatusCode::kNotFound: return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted: return 409;
    case absl::StatusCode::kResourceExhausted: return 429;
    case absl::StatusCode::kCancelled: return 499;
    case absl::StatusCode::kUnimplemented: return 501;
    case absl::StatusCode::kUnavailable: return 503;
    case absl::StatusCode::kDeadlineExceeded: return 504;
    default: return 500;
  }
}

struct Server::State {
  std::shared_ptr<const Engine> engine;
  Records* records = nullptr;
  ServeOptions options;
  std::ostream* log = nullptr;
  std::mutex log_mu;
  std::optional<Tokens> tokens;
  Metrics metrics{RouteLabels()};
  // httplib::SSLServer with a certificate (TLS), else plain HTTP.
  std::unique_ptr<httplib::Server> http;
  std::atomic<bool> ready{false};
  std::atomic<bool> draining{false};
  int listen_socket = -1;
#ifdef NETRA_WITH_GRPC
  std::unique_ptr<grpc::CallbackGenericService> grpc_service;
  std::unique_ptr<grpc::Server> grpc_server;
#endif
  int grpc_port = -1;

  void Log(const httplib::Request& req, const httplib::Response& res);
  void Web(const httplib::Request& req, httplib::Response& res);
  bool PreRoute(const httplib::Request& req, httplib::Response& res);
  void Call(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read);
  void Stream(const std::string& method, bool csv, const CallOptions& options, const httplib::ContentReader& read,
              httplib::Response& res);
};

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}
Server::~Server() = default;

absl::StatusOr<std::unique_ptr<Server>> Server::Create(std::shared_ptr<const Engine> engine, Records* records,
                                                       const ServeOptions& options, std::ostream* log) {
  if (options.port < 0 || options.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("port: ", options.port, " is not in 0..65535"));
  }
  if (options.max_stream_bytes < (int64_t{1} << 20) || options.max_stream_bytes > kMaxStreamBytes) {
    return absl::InvalidArgumentError(absl::StrCat("max_stream_bytes: ", options.max_stream_bytes, " is not in ",
                                                   int64_t{1} << 20, "..", kMaxStreamBytes, " (1 MiB to 4 GiB)"));
  }
  if (options.max_connections < 1 || options.max_connections > 10'000) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_connections: ", options.max_connections, " is not in 1..10000"));
  }
  for (const auto& [name, seconds] : {std::pair{"read_timeout_seconds", options.read_timeout_seconds},
                                      {"write_timeout_seconds", options.write_timeout_seconds},
                                      {"idle_timeout_seconds", options.idle_timeout_seconds},
                                      {"drain_timeout_seconds", options.drain_timeout_seconds}}) {
    if (seconds < 1 || seconds > 3600) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": ", seconds, " is not in 1..3600"));
    }
  }
  if (options.grpc_port >= 0) {
    if (!HasGrpc()) {
      return absl::InvalidArgumentError("grpc_port: this netra was built without gRPC (libgrpc++-dev)");
    }
    if (options.grpc_port > 65535) {
      return absl::InvalidArgumentError(absl::StrCat("grpc_port: ", options.grpc_port, " is not in 0..65535"));
    }
    if (options.tokens_file.empty() && !IsLoopback(options.grpc_host)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "grpc host: \"", options.grpc_host,
          "\" is not a loopback address, and without a tokens file the service answers anyone: give --tokens FILE"));
    }
  }
  auto state = std::make_unique<State>();
  state->engine = std::move(engine);
  state->records = records;
  if (records != nullptr) state->metrics.CountAppends([records] { return records->appended(); });
  state->options = options;
  state->log = log;
  if (!options.tokens_file.empty()) {
    auto tokens = Tokens::Load(options.tokens_file);
    if (!tokens.ok()) return tokens.status();
    if (tokens->size() == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("tokens file \"", options.tokens_file, "\" lists no token: nobody could call the service"));
    }
    state->tokens = *std::move(tokens);
  } else if (!IsLoopback(options.host)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "host: \"", options.host,
        "\" is not a loopback address, and without a tokens file the service answers anyone: give --tokens FILE "
        "(`netra serve token` makes one) or listen on 127.0.0.1"));
  }

  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError("tls: a certificate needs its private key, and a key its certificate");
  }
  if (options.tls_cert_file.empty()) {
    state->http = std::make_unique<PlainServer>();
  } else {
    auto tls = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(), options.tls_key_file.c_str());
    if (!tls->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat("tls: cannot load the certificate \"", options.tls_cert_file,
                                                     "\" with the private key \"", options.tls_key_file,
                                                     "\" (PEM files, the key unencrypted and matching)"));
    }
    SSL_CTX_set_min_proto_version(tls->ssl_context(), TLS1_2_VERSION);
    state->http = std::move(tls);
  }
  State* s = state.get();
  httplib::Server& http = *s->http;
  http.new_task_queue = [s] { return new ConnectionPool(s->options.max_connections, &s->metrics, &s->metrics.in_flight()); };
  http.set_read_timeout(options.read_timeout_seconds, 0);
  http.set_write_timeout(options.write_timeout_seconds, 0);
  http.set_keep_alive_timeout(options.idle_timeout_seconds);
  http.set_keep_alive_max_count(10'000);
  // Over TLS an answer goes out in two writes (head, body), and a streamed
  // one in several: without TCP_NODELAY each after the first waits for the
  // client's delayed ACK, 40 ms a request.
  http.set_tcp_nodelay(true);
  // The listening socket is kept so that Bind can lengthen its queue (the
  // library listens with a backlog of 5, which drops the SYNs of a burst of
  // new connections into a one-second retry).
  http.set_socket_options([s](int sock) {
    const int one = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    s->listen_socket = sock;
  });
  http.set_pre_routing_handler([s](const httplib::Request& req, httplib::Response& res) {
    return s->PreRoute(req, res) ? httplib::Server::HandlerResponse::Handled
                                 : httplib::Server::HandlerResponse::Unhandled;
  });
  http.Get(kHealthPath, [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{\"status\":\"ok\"}\n", kJsonType);
  });
  http.Get(kReadyPath, [s](const httplib::Request&, httplib::Response& res) {
    if (s->ready.load()) {
      res.set_content("{\"status\":\"ready\"}\n", kJsonType);
    } else {
      res.status = 503;
      res.set_content("{\"status\":\"draining\"}\n", kJsonType);
    }
  });
  http.Get(kMetricsPath, [s](const httplib::Request&, httplib::Response& res) {
    res.set_content(s->metrics.Render(), "text/plain; version=0.0.4");
  });
  http.Get(kOpenApiPath, [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kOpenApiJson, kJsonType);
  });
  http.Post(R"(/v1/([^/]+))", [s](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& read) { s->Call(req, res, read); });
  http.Get(R"(/v1/([^/]+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "POST");
    Refuse(res, absl::StatusCode::kInvalidArgument,
           absl::StrCat("GET ", internal::JsonEscapeLossy(internal::Utf8Prefix(req.path, 200)),
                        ": a method of the service is called with POST and its request as the body"));
    res.status = 405;
  });
  // The dashboard: any other GET (registered last: routes match in order).
  http.Get(R"(/(.*))", [s](const httplib::Request& req, httplib::Response& res) { s->Web(req, res); });
  // A status httplib set itself (no route, a malformed request line, a body
  // past the payload limit) gets the JSON error body too.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      Refuse(res, absl::StatusCode::kNotFound,
             NotServed(req.path));
    } else {
      const int status = res.status;
      Refuse(res, absl::StatusCode::kInvalidArgument, absl::StrCat("the request could not be read (HTTP ", status, ")"));
      res.status = status;
    }
  });
  http.set_logger([s](const httplib::Request& req, const httplib::Response& res) { s->Log(req, res); });
  return absl::WrapUnique(new Server(std::move(state)));
}

absl::StatusOr<int> Server::Bind() {
  const ServeOptions& o = state_->options;
  int port = o.port;
  if (port == 0) {
    port = state_->http->bind_to_any_port(o.host);
  } else if (!state_->http->bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port >= 0 && state_->listen_socket >= 0) ::listen(state_->listen_socket, kListenBacklog);
  if (port < 0) {
    return absl::UnavailableError(
        absl::StrCat("listen: cannot bind ", o.host, ":", o.port, " (in use, not an address of this machine, or "
                                                                  "not permitted)"));
  }
#ifdef NETRA_WITH_GRPC
  if (o.grpc_port >= 0) {
    State* s = state_.get();
    s->grpc_service = NewGrpcService(s->engine.get(), s->records, s->tokens ? &*s->tokens : nullptr, &s->metrics, &s->draining);
    grpc::ServerBuilder builder;
    const bool v6 = o.grpc_host.find(':') != std::string::npos;
    builder.AddListeningPort(absl::StrCat(v6 ? "[" : "", o.grpc_host, v6 ? "]" : "", ":", o.grpc_port),
                             grpc::InsecureServerCredentials(), &s->grpc_port);
    // The request layer checks each method's own limit; this lets a batch
    // of kMaxBatchBytes in.
    builder.SetMaxReceiveMessageSize(static_cast<int>(kMaxBatchBytes) + 1024);
    builder.SetMaxSendMessageSize(-1);
    builder.RegisterCallbackGenericService(s->grpc_service.get());
    s->grpc_server = builder.BuildAndStart();
    if (s->grpc_server == nullptr || s->grpc_port <= 0) {
      return absl::UnavailableError(absl::StrCat("grpc listen: cannot bind ", o.grpc_host, ":", o.grpc_port));
    }
  }
#endif
  return port;
}

absl::Status Server::Serve() {
  state_->ready = true;
  const bool ok = state_->http->listen_after_bind();
  state_->ready = false;
  if (!ok) return absl::UnavailableError("listen: the listening socket failed");
  return absl::OkStatus();
}

void Server::Stop() {
  state_->ready = false;
  state_->draining = true;
  const auto deadline = Clock::now() + std::chrono::seconds(state_->options.drain_timeout_seconds);
  while (state_->metrics.in_flight().load() > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
#ifdef NETRA_WITH_GRPC
  // gRPC refuses new calls from `draining` on and waits for those in flight.
  if (state_->grpc_server != nullptr) {
    state_->grpc_server->Shutdown(std::chrono::system_clock::now() +
                                  std::max(Clock::duration::zero(), deadline - Clock::now()));
  }
#endif
  state_->http->stop();
}

int Server::grpc_port() const { return state_->grpc_port; }

bool Server::HasGrpc() {
#ifdef NETRA_WITH_GRPC
  return true;
#else
  return false;
#endif
}

void Server::State::Web(const httplib::Request& req, httplib::Response& res) {
  const std::optional<std::string> file = WebFile(req.path);
  std::string bytes;
  bool found = false;
  if (file.has_value() && options.web_dir.empty()) {
    for (const WebAsset& a : WebAssets()) {
      if (a.path == *file) {
        bytes = std::string(a.bytes);
        found = true;
        break;
      }
    }
  } else if (file.has_value()) {
    // A page of the folder is read as every file netra reads (a FIFO in its
    // place is not waited on); one that cannot be read is not served.
    auto text = internal::ReadFileToString(absl::StrCat(options.web_dir, "/", *file), kMaxJsonBytes,
                                           "kMaxJsonBytes");
    found = text.ok();
    if (found) bytes = *std::move(text);
  }
  if (!found) {
    Refuse(res, absl::StatusCode::kNotFound, NotServed(req.path));
    return;
  }
  // The pages load only the service's own files, and no other site may
  // frame them.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
                 "form-action 'self'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::move(bytes), WebMediaType(*file));
}

bool Server::State::PreRoute(const httplib::Request& req, httplib::Response& res) {
  tl_request = RequestContext{.start = Clock::now()};
  // cpp-httplib 0.11 compresses an answer with brotli at its slowest
  // quality when the client accepts it (every browser does): 0.2 s for a
  // page of 1,000 not-signed names, against 7 ms with gzip. The server then
  // takes the client for one that accepts gzip only. The request is the
  // library's own non-const object, handed to the handlers as const.
  StripBrotli(const_cast<httplib::Request&>(req));
  if (tl_over_capacity) {
    metrics.Refused(Refusal::kConnections);
    res.set_header("Connection", "close");
    res.set_header("Retry-After", "1");
    Refuse(res, absl::StatusCode::kUnavailable,
           absl::StrCat("the service holds ", options.max_connections,
                        " connections at once (--max-connections), all in use: try again"));
    return true;
  }
  // Counted before the check, so Stop cannot miss a request that passed it.
  BeginRequest(&metrics.in_flight());
  if (draining.load() && req.path != kHealthPath && req.path != kReadyPath) {
    metrics.Refused(Refusal::kDraining);
    res.set_header("Connection", "close");
    Refuse(res, absl::StatusCode::kUnavailable, "the service is stopping: send the request to another instance");
    return true;
  }
  if (req.path == kHealthPath || req.path == kReadyPath || IsWebPath(req)) return false;
  if (tokens.has_value()) {
    const std::string auth = req.get_header_value("Authorization");
    const bool bearer = absl::StartsWithIgnoreCase(auth, "bearer ");
    const v1::AccessToken* token = bearer ? tokens->Find(absl::StripAsciiWhitespace(auth.substr(7))) : nullptr;
    if (token == nullptr) {
      metrics.Refused(Refusal::kUnauthenticated);
      res.set_header("WWW-Authenticate", "Bearer realm=\"netra\"");
      Refuse(res, absl::StatusCode::kUnauthenticated,
             auth.empty() ? "Authorization: no bearer token (the service's tokens file lists who may call)"
                          : (bearer ? "Authorization: the bearer token is not in the service's tokens file"
                                    : "Authorization: not \"Bearer <token>\""));
      return true;
    }
    tl_request.token = token;
  }
  if (req.method == "POST" && absl::StartsWith(req.path, "/v1/")) {
    // A body past its limit is refused before a byte of it is read.
    auto kind = BodyKind(req);
    const std::string length = req.get_header_value("Content-Length");
    int64_t n = 0;
    if (kind.ok() && !length.empty() && absl::SimpleAtoi(length, &n)) {
      const std::string method = req.path.substr(4);
      const int64_t limit = BodyLimit(method, *kind, options.max_stream_bytes);
      if (n > limit) {
        RefuseTooLarge(metrics, res,
                       absl::StrCat("body: ", n, " bytes exceed the limit of ", limit, " bytes for ",
                                    internal::JsonEscapeLossy(internal::Utf8Prefix(method, 64)),
                                    *kind == Body::kLines || *kind == Body::kCsv
                                        ? " (--max-stream-bytes)"
                                        : (TakesJsonLines(method) ? " (kMaxBatchBytes; send JSON lines for more)"
                                           : TakesLargeBody(method) ? " (kMaxBatchBytes)"
                                                                    : " (kMaxJsonBytes)")));
        return true;
      }
    }
  }
  return false;
}

void Server::State::Call(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
  const std::string method = req.matches[1];
  if (!IsMethod(method)) {
    metrics.Refused(Refusal::kBadRequest);
    Refuse(res, absl::StatusCode::kNotFound,
           absl::StrCat("method: ", internal::Quoted(method, 100),
                        " is not a method of netra.v1.Netra or netra.v1.Records (", absl::StrJoin(AllMethods(), ", "),
                        ")"));
    return;
  }
  auto kind = BodyKind(req);
  if (!kind.ok()) {
    metrics.Refused(Refusal::kBadRequest);
    Refuse(res, kind.status().code(), kind.status().message());
    res.status = 415;
    return;
  }
  if ((*kind == Body::kLines || *kind == Body::kCsv) && !TakesJsonLines(method)) {
    metrics.Refused(Refusal::kBadRequest);
    Refuse(res, absl::StatusCode::kInvalidArgument,
           absl::StrCat("Content-Type: JSON lines and CSV are for EvaluateBatch and AuditBatch; ", method,
                        " takes application/json or application/x-protobuf"));
    res.status = 415;
    return;
  }
  auto options = ParseQuery(req, *kind);
  if (!options.ok()) {
    metrics.Refused(Refusal::kBadRequest);
    Refuse(res, options.status().code(), options.status().message());
    return;
  }
  if (*kind == Body::kLines || *kind == Body::kCsv) {
    Stream(method, *kind == Body::kCsv, *options, read, res);
    return;
  }
  // A whole body: read with its limit (a chunked body has no length to check
  // before).
  const int64_t limit = BodyLimit(method, *kind, this->options.max_stream_bytes);
  std::string body;
  bool too_large = false;
  const bool whole = read([&](const char* data, size_t n) {
    if (static_cast<int64_t>(body.size() + n) > limit) {
      too_large = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  tl_request.bytes_in = static_cast<int64_t>(body.size());
  if (too_large) {
    RefuseTooLarge(metrics, res, absl::StrCat("body: more than ", limit, " bytes, the limit for ", method));
    return;
  }
  if (!whole) {
    Refuse(res, absl::StatusCode::kInvalidArgument, "body: the connection ended before the body did");
    return;
  }
  absl::StatusOr<std::string> answer =
      Answer(*engine, records, tl_request.token, method, body, *kind == Body::kProto, options->json, &metrics);
  if (!answer.ok()) {
    Refuse(res, answer.status().code(), answer.status().message());
    return;
  }
  if (*kind == Body::kJson && !options->json.pretty) answer->push_back('\n');
  res.set_content(*std::move(answer), *kind == Body::kProto ? kProtoType : kJsonType);
}

void Server::State::Stream(const std::string& method, bool csv, const CallOptions& call,
                           const httplib::ContentReader& read, httplib::Response& res) {
  auto spool = internal::UnnamedTempFile(options.spool_dir);  // the body, gone when closed
  if (!spool.ok()) {
    Refuse(res, spool.status().code(), absl::StrCat("spool: ", spool.status().message()));
    return;
  }
  auto file = std::make_shared<Fd>(*spool);
  // The body goes to the spool file as it arrives, a MiB at a time.
  std::string buffer;
  int64_t size = 0;
  bool too_large = false, write_failed = false;
  auto flush = [&] {
    for (size_t at = 0; at < buffer.size() && !write_failed;) {
      const ssize_t n = ::write(file->fd, buffer.data() + at, buffer.size() - at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) write_failed = true;
      else at += static_cast<size_t>(n);
    }
    buffer.clear();
  };
  const bool whole = read([&](const char* data, size_t n) {
    size += static_cast<int64_t>(n);
    if (size > options.max_stream_bytes) {
      too_large = true;
      return false;
    }
    buffer.append(data, n);
    if (buffer.size() >= (size_t{1} << 20)) flush();
    return !write_failed;
  });
  flush();
  tl_request.bytes_in = size;
  if (too_large) {
    RefuseTooLarge(metrics, res,
                   absl::StrCat("body: more than ", options.max_stream_bytes, " bytes of JSON lines or CSV (--max-stream-bytes)"));
    return;
  }
  if (write_failed) {
    Refuse(res, absl::StatusCode::kUnavailable, "spool: writing the body to disk failed (is the disk full?)");
    return;
  }
  if (!whole) {
    Refuse(res, absl::StatusCode::kInvalidArgument, "body: the connection ended before the body did");
    return;
  }
  ::lseek(file->fd, 0, SEEK_SET);
  res.set_chunked_content_provider(
      kLinesType, [this, file, method, csv, call](size_t, httplib::DataSink& sink) {
        FdInput in_buffer(file->fd);
        std::istream in(&in_buffer);
        SinkOutput out_buffer(&sink);
        std::ostream out(&out_buffer);
        const absl::Status st = csv ? engine->CallCsv(method, in, out, call.json, call.form)
                                    : engine->CallJsonLines(method, in, out, call.json, call.form);
        // A failure after some answers (the spool unreadable) ends the
        // stream with its error line, as the C ABI reports it after the
        // answers.
        if (!st.ok() && out) out << ErrorBody(st.code(), st.message());
        out.flush();
        tl_request.bytes_out = out_buffer.written();
        if (!out) return false;  // the client left
        sink.done();
        return true;
      });
}

void Server::State::Log(const httplib::Request& req, const httplib::Response& res) {
  const double seconds = std::chrono::duration<double>(Clock::now() - tl_request.start).count();
  std::string route = "other";
  if (absl::StartsWith(req.path, "/v1/") && IsMethod(absl::string_view(req.path).substr(4))) {
    route = req.path.substr(4);
  } else if (req.path == kHealthPath || req.path == kReadyPath || req.path == kMetricsPath) {
    route = req.path.substr(1);
  } else if (req.path == kOpenApiPath) {
    route = "openapi";
  } else if (IsWebPath(req) && res.status == 200) {
    route = "web";
  }
  metrics.Request(metrics.Route(route), res.status, seconds);
  EndRequest(&metrics.in_flight());
  if (log == nullptr) return;
  const int64_t out = res.body.empty() ? tl_request.bytes_out : static_cast<int64_t>(res.body.size());
  std::string line = absl::StrCat(
      "{\"time\":\"", NowRfc3339(), "\",\"method\":", internal::Quoted(req.method, 16),
      ",\"path\":", internal::Quoted(req.path, 200), ",\"status\":", res.status,
      ",\"in\":", tl_request.bytes_in, ",\"out\":", out, ",\"ms\":", absl::StrFormat("%.3f", seconds * 1e3));
  if (tl_request.token != nullptr) absl::StrAppend(&line, ",\"token\":\"", tl_request.token->name(), "\"");
  line += "}\n";
  std::lock_guard<std::mutex> lock(log_mu);
  log->write(line.data(), static_cast<std::streamsize>(line.size()));
  log->flush();
}

}  // namespace netra::serve
