// netra_lawc, which writes the precompiled law, is linked without one: it
// loads the embedded law through the text path and every check.
#include "law/precompiled.h"

namespace netra::internal {

absl::string_view PrecompiledLawBlob() { return {}; }

}  // namespace netra::internal
