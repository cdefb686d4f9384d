#include "serve/tokens.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "output_file.h"

namespace netra::serve {
namespace {

class Collector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first.empty()) first = absl::StrCat("line ", line + 1, ": ", message);
  }
  std::string first;
};

bool ValidName(const std::string& name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

bool ValidHash(const std::string& hex) {
  return hex.size() == 64 &&
         std::all_of(hex.begin(), hex.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string Sha256Hex(absl::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

absl::StatusOr<std::string> NewToken() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return absl::UnavailableError("token: the random source failed");
  std::string encoded;
  absl::WebSafeBase64Escape(absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes), &encoded);
  return absl::StrCat("netra_", encoded);
}

absl::StatusOr<Tokens> Tokens::Load(const std::string& path) {
  // A FIFO given as the tokens file is refused, never waited on.
  auto text = internal::ReadFileToString(path, kMaxTokensFileBytes, "kMaxTokensFileBytes");
  if (!text.ok()) {
    return absl::Status(absl::IsInvalidArgument(text.status()) ? absl::StatusCode::kInvalidArgument
                                                                : absl::StatusCode::kUnavailable,
                        absl::StrCat("tokens file ", text.status().message()));
  }
  Tokens tokens;
  Collector errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  google::protobuf::TextFormat::ParseInfoTree where;
  parser.WriteLocationsTo(&where);
  if (!parser.ParseFromString(*text, &tokens.file_)) {
    return absl::InvalidArgumentError(absl::StrCat("tokens file \"", path, "\" ", errors.first));
  }
  const auto* tokens_field = v1::AccessTokens::descriptor()->FindFieldByName("tokens");
  absl::flat_hash_map<std::string, int> names;
  for (int i = 0; i < tokens.file_.tokens_size(); ++i) {
    const v1::AccessToken& t = tokens.file_.tokens(i);
    const auto at = where.GetLocation(tokens_field, i);
    auto bad = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat("tokens file \"", path, "\" line ", at.line + 1, ": tokens[", i, "]: ", what));
    };
    if (!ValidName(t.name())) {
      return bad(absl::StrCat("name \"", absl::CHexEscape(t.name()),
                              "\": needs 1 to 64 letters, digits, '.', '_' or '-'"));
    }
    if (!names.emplace(t.name(), i).second) return bad(absl::StrCat("name \"", t.name(), "\" is used twice"));
    if (!ValidHash(t.sha256())) {
      return bad(absl::StrCat("sha256 \"", absl::CHexEscape(t.sha256()),
                              "\": needs 64 lowercase hex digits (`netra serve token` prints an entry)"));
    }
    if (t.access() != v1::READ_ONLY && t.access() != v1::READ_WRITE) {
      return bad("access: needs READ_ONLY or READ_WRITE");
    }
    for (const std::string& agency : t.agencies()) {
      if (agency.empty()) return bad("agencies: an empty agency id");
    }
    if (!tokens.by_hash_.emplace(t.sha256(), i).second) return bad("sha256: the same token is listed twice");
  }
  return tokens;
}

const v1::AccessToken* Tokens::Find(absl::string_view token) const {
  auto it = by_hash_.find(Sha256Hex(token));
  return it == by_hash_.end() ? nullptr : &file_.tokens(it->second);
}

}  // namespace netra::serve
