// CSV lines, as SIMPEG exports write them (internal; the roster import and
// the request layer's CSV batches share it).
#ifndef NETRA_CSV_H_
#define NETRA_CSV_H_

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace netra::internal {

// Splits one CSV line at `delimiter` (',' or ';'): fields optionally in
// double quotes with "" for a quote; '\r' outside quotes is dropped and
// unquoted fields are trimmed. Returns false on an unterminated quote (a
// quoted field cannot span lines). `out` is reused across lines: fields are
// assigned in place, so a steady import allocates nothing.
bool SplitCsv(absl::string_view line, char delimiter, std::vector<std::string>* out);

// The delimiter of a file from its header line: ';' when the header has
// semicolons and no comma (an export of a spreadsheet set to Indonesian,
// whose list separator is ';'), else ','.
char CsvDelimiter(absl::string_view header);

// 3 when `text` starts with a UTF-8 byte-order mark (a spreadsheet's export
// writes one), else 0: the bytes to skip.
inline size_t BomLength(absl::string_view text) { return absl::StartsWith(text, "\xEF\xBB\xBF") ? 3 : 0; }

// Whether a line holds a carriage return before its end: a file whose lines
// end in CR alone (old Mac exports) reads as one line, its header holding
// every row. The header readers refuse it rather than take the rows for
// column names.
inline bool HasInnerCarriageReturn(absl::string_view line) {
  const size_t cr = line.find('\r');
  return cr != absl::string_view::npos && cr + 1 < line.size();
}
inline constexpr char kCrOnlyLines[] =
    "a carriage return inside the line: the file's lines end in CR alone; save it with LF or CRLF line ends";

}  // namespace netra::internal

#endif  // NETRA_CSV_H_
