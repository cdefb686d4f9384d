#include "serve/dispatch.h"

#include "absl/strings/str_cat.h"

namespace netra::serve {

bool IsMethod(absl::string_view method) {
  return Engine::FindMethod(method) != nullptr || Records::FindMethod(method) != nullptr;
}

const std::vector<std::string>& AllMethods() {
  static const auto* all = [] {
    auto* v = new std::vector<std::string>(Engine::Methods());
    v->insert(v->end(), Records::Methods().begin(), Records::Methods().end());
    return v;
  }();
  return *all;
}

Caller CallerOf(const v1::AccessToken* token) {
  if (token == nullptr) return Caller{.name = "local", .may_write = true, .agencies = {}, .personal_data = true};
  return Caller{.name = token->name(),
                .may_write = token->access() == v1::READ_WRITE,
                .agencies = {token->agencies().begin(), token->agencies().end()},
                .personal_data = token->personal_data()};
}

absl::StatusOr<std::string> Answer(const Engine& engine, Records* records, const v1::AccessToken* token,
                                   absl::string_view method, absl::string_view body, bool proto,
                                   const JsonOptions& json, Metrics* metrics) {
  if (Engine::FindMethod(method) != nullptr) {
    return proto ? engine.CallBinary(method, body) : engine.CallJson(method, body, json);
  }
  if (records == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(method, ": the service keeps no cases or pacts: start it with "
                                                      "--data DIR or --store URL"));
  }
  const Caller caller = CallerOf(token);
  auto answer = proto ? records->CallBinary(caller, method, body) : records->CallJson(caller, method, body, json);
  if (absl::IsPermissionDenied(answer.status())) metrics->Refused(Refusal::kForbidden);
  return answer;
}

}  // namespace netra::serve
