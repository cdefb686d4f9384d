#include "csv.h"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace netra::internal {

bool SplitCsv(absl::string_view line, char delimiter, std::vector<std::string>* out) {
  // A CRLF line's '\r' is outside any field's text: drop it here, so the
  // last field takes the fast path too.
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t n = 0;
  size_t i = 0;
  for (;;) {
    if (n == out->size()) out->emplace_back();
    std::string& f = (*out)[n++];
    size_t end;
    // '\r' outside quotes is dropped, so it does not keep a quote from
    // opening the field.
    size_t q = i;
    while (q < line.size() && line[q] == '\r') ++q;
    if (q < line.size() && line[q] == '"') {
      i = q;
      f.clear();
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const size_t q = line.find('"', i);
        if (q == absl::string_view::npos) break;
        f.append(line.data() + i, q - i);
        if (q + 1 < line.size() && line[q + 1] == '"') {
          f.push_back('"');
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) return false;
      // Text after the closing quote joins the field, as before.
      end = std::min(line.find(delimiter, i), line.size());
      for (; i < end; ++i) {
        if (line[i] != '\r') f.push_back(line[i]);
      }
    } else {
      end = std::min(line.find(delimiter, i), line.size());
      absl::string_view v = line.substr(i, end - i);
      if (v.find('\r') == absl::string_view::npos) {
        const absl::string_view t = absl::StripAsciiWhitespace(v);
        f.assign(t.data(), t.size());
      } else {
        std::string kept;
        for (char c : v) {
          if (c != '\r') kept.push_back(c);
        }
        const absl::string_view t = absl::StripAsciiWhitespace(kept);
        f.assign(t.data(), t.size());
      }
    }
    if (end >= line.size()) break;
    i = end + 1;
  }
  out->resize(n);
  return true;
}

char CsvDelimiter(absl::string_view header) {
  return header.find(';') != absl::string_view::npos && header.find(',') == absl::string_view::npos ? ';' : ',';
}

}  // namespace netra::internal
