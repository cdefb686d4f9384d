#include "serve/grpc_service.h"

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include <chrono>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "serve/dispatch.h"
#include "utf8.h"
#include "serve/server.h"

namespace netra::serve {
namespace {

// The services' paths: "/netra.v1.Netra/Evaluate", "/netra.v1.Records/GetCase".
constexpr absl::string_view kNetraPrefix = "/netra.v1.Netra/";
constexpr absl::string_view kRecordsPrefix = "/netra.v1.Records/";

// The method a path names, or "".
std::string MethodOf(absl::string_view path) {
  if (absl::ConsumePrefix(&path, kNetraPrefix)) return Engine::FindMethod(path) ? std::string(path) : "";
  if (absl::ConsumePrefix(&path, kRecordsPrefix)) return Records::FindMethod(path) ? std::string(path) : "";
  return "";
}

// One call: read the request, answer it, finish.
class Call : public grpc::ServerGenericBidiReactor {
 public:
  Call(grpc::GenericCallbackServerContext* context, const Engine* engine, Records* records, const Tokens* tokens,
       Metrics* metrics, const std::atomic<bool>* draining)
      : engine_(engine), records_(records), metrics_(metrics), start_(std::chrono::steady_clock::now()) {
    method_ = MethodOf(context->method());
    if (method_.empty()) {
      Done(absl::UnimplementedError(absl::StrCat("method: ", internal::Quoted(context->method(), 100),
                                                 " is not a method of netra.v1.Netra or netra.v1.Records")));
      return;
    }
    if (draining->load()) {
      metrics_->Refused(Refusal::kDraining);
      Done(absl::UnavailableError("the service is stopping: send the request to another instance"));
      return;
    }
    if (tokens != nullptr) {
      const auto& metadata = context->client_metadata();
      const auto it = metadata.find("authorization");
      const std::string auth = it == metadata.end() ? "" : std::string(it->second.data(), it->second.size());
      const bool bearer = absl::StartsWithIgnoreCase(auth, "bearer ");
      token_ = bearer ? tokens->Find(absl::StripAsciiWhitespace(absl::string_view(auth).substr(7))) : nullptr;
      if (token_ == nullptr) {
        metrics_->Refused(Refusal::kUnauthenticated);
        Done(absl::UnauthenticatedError(auth.empty() ? "authorization: no bearer token in the call's metadata"
                                                     : "authorization: the bearer token is not in the service's "
                                                       "tokens file"));
        return;
      }
    }
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Done(absl::InvalidArgumentError("request: the call ended before its message"));
      return;
    }
    std::vector<grpc::Slice> slices;
    std::string bytes;
    if (request_.Dump(&slices).ok()) {
      for (const grpc::Slice& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    absl::StatusOr<std::string> answer =
        Answer(*engine_, records_, token_, method_, bytes, /*proto=*/true, JsonOptions(), metrics_);
    if (!answer.ok()) {
      Done(answer.status());
      return;
    }
    grpc::Slice slice(*answer);
    response_ = grpc::ByteBuffer(&slice, 1);
    Record(absl::StatusCode::kOk);
    StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
  }

  void OnDone() override { delete this; }

 private:
  void Record(absl::StatusCode code) {
    metrics_->Request(metrics_->Route(method_.empty() ? "other" : method_), HttpStatus(code),
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }
  void Done(const absl::Status& st) {
    Record(st.code());
    Finish(grpc::Status(static_cast<grpc::StatusCode>(st.code()), std::string(st.message())));
  }

  const Engine* engine_;
  Records* records_;
  const v1::AccessToken* token_ = nullptr;
  Metrics* metrics_;
  const std::chrono::steady_clock::time_point start_;
  std::string method_;
  grpc::ByteBuffer request_, response_;
};

class Service : public grpc::CallbackGenericService {
 public:
  Service(const Engine* engine, Records* records, const Tokens* tokens, Metrics* metrics,
          const std::atomic<bool>* draining)
      : engine_(engine), records_(records), tokens_(tokens), metrics_(metrics), draining_(draining) {}

  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* context) override {
    return new Call(context, engine_, records_, tokens_, metrics_, draining_);
  }

 private:
  const Engine* engine_;
  Records* records_;
  const Tokens* tokens_;
  Metrics* metrics_;
  const std::atomic<bool>* draining_;
};

}  // namespace

std::unique_ptr<grpc::CallbackGenericService> NewGrpcService(const Engine* engine, Records* records,
                                                            const Tokens* tokens, Metrics* metrics,
                                                            const std::atomic<bool>* draining) {
  return std::make_unique<Service>(engine, records, tokens, metrics, draining);
}

}  // namespace netra::serve
