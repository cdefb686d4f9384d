// Bearer tokens of `netra serve` (proto/netra/v1/serve.proto): the file the
// operator writes, checked when the service starts, and the lookup of the
// token a request carries.
//
// Thread safety: a Tokens is immutable after Load; Find may run on any
// number of threads.
#ifndef NETRA_SERVE_TOKENS_H_
#define NETRA_SERVE_TOKENS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "netra/v1/serve.pb.h"

namespace netra::serve {

// SHA-256 of `bytes` as 64 lowercase hex digits.
std::string Sha256Hex(absl::string_view bytes);

// A new token: 32 random bytes (OpenSSL's RAND_bytes) as 43 characters of
// unpadded base64url, prefixed "netra_". Unavailable if the random source
// fails.
absl::StatusOr<std::string> NewToken();

// The largest tokens file Tokens::Load reads (a line of about 150 bytes a
// token: room for a hundred thousand).
inline constexpr size_t kMaxTokensFileBytes = size_t{16} << 20;

class Tokens {
 public:
  // Reads an AccessTokens text file. InvalidArgument naming the file, line
  // and field for a file that does not parse, an entry without a name,
  // access or well-formed sha256, a name or hash used twice, or an empty
  // agency id, and for a file past kMaxTokensFileBytes; Unavailable if the
  // file cannot be read (or is a FIFO, a device: refused, never waited on).
  static absl::StatusOr<Tokens> Load(const std::string& path);

  // The entry whose sha256 is that of `token`, or nullptr.
  const v1::AccessToken* Find(absl::string_view token) const;
  size_t size() const { return by_hash_.size(); }

 private:
  v1::AccessTokens file_;
  absl::flat_hash_map<std::string, int> by_hash_;  // sha256 -> index in file_
};

}  // namespace netra::serve

#endif  // NETRA_SERVE_TOKENS_H_
