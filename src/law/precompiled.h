// The embedded law in binary form, written at build time by netra_lawc
// (src/law/precompile_main.cc) after it has loaded law/*.textproto with every
// check of RuleBook::Load. Loading the embedded law then parses binary
// protobuf instead of text and skips the checks that only refuse (see
// ValidateLaw's `prechecked`); a host's own files still take the text path
// and every check.
//
// Layout (all integers base-128 varints, strings length-prefixed):
//   magic "netra.precompiled.v1", revision, file count, then per file:
//   name, text size, serialized v1::RuleFile, and the 1-based source lines of
//   its rules, instruments and settings (count, then one line each).
#ifndef NETRA_SRC_LAW_PRECOMPILED_H_
#define NETRA_SRC_LAW_PRECOMPILED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "law/compiled.h"

namespace netra::internal {

struct PrecompiledFile {
  absl::string_view name;
  uint64_t text_size = 0;       // bytes of the text it was compiled from
  absl::string_view rule_file;  // serialized v1::RuleFile
  std::vector<int> rule_lines, instrument_lines, setting_lines;
};

struct PrecompiledLaw {
  std::string revision;  // RuleBook::revision() of the embedded law
  std::vector<PrecompiledFile> files;
};

// The blob compiled into the library; empty in netra_lawc itself (it is
// what writes it). Defined by the generated precompiled_law.cc, or by
// no_precompiled.cc for netra_lawc.
absl::string_view PrecompiledLawBlob();

// The blob decoded once per process (views into it), or nullptr when there
// is none or it does not describe the embedded files of this build (then
// every load takes the text path).
const PrecompiledLaw* EmbeddedPrecompiled();

// Writes `law` (loaded from the embedded files alone) in the layout above.
std::string EncodePrecompiled(const CompiledLaw& law);

// Reads the layout above; InvalidArgument if `blob` is not one.
absl::StatusOr<PrecompiledLaw> DecodePrecompiled(absl::string_view blob);

}  // namespace netra::internal

#endif  // NETRA_SRC_LAW_PRECOMPILED_H_
