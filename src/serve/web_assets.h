// The dashboard's files (web/dashboard/), compiled into `netra serve` by
// cmake/EmbedWeb.cmake so that the pages work on a network closed to the
// internet and with nothing installed beside the binary.
#ifndef NETRA_SERVE_WEB_ASSETS_H_
#define NETRA_SERVE_WEB_ASSETS_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace netra::serve {

struct WebAsset {
  absl::string_view path;   // under web/dashboard/: "index.html", "vendor/uplot/uPlot.iife.min.js"
  absl::string_view bytes;  // the file's bytes, exactly
};

// Every file, in the sorted order of their paths.
const std::vector<WebAsset>& WebAssets();

}  // namespace netra::serve

#endif  // NETRA_SERVE_WEB_ASSETS_H_
