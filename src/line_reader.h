// line_reader.h (internal): one line of a JSON-lines stream with the memory
// bounded as bytes arrive, shared by the request layer's batches and the
// roster imports.
#ifndef NETRA_SRC_LINE_READER_H_
#define NETRA_SRC_LINE_READER_H_

#include <exception>
#include <istream>
#include <string>

namespace netra::internal {

// Reads one line into *line; past `limit` bytes the rest of the line is
// consumed and *too_long set, so memory stays bounded. Returns false at end
// of input, and also when the read fails (a file buffer throws on EIO), with
// badbit set on `in`: callers check in.bad() after the loop, so that a
// failed read is an error, never a shorter input.
// With `length`, the whole line's length (without its newline) goes there.
inline bool ReadLine(std::istream& in, std::string* line, bool* too_long, size_t limit, size_t* length = nullptr) {
  line->clear();
  *too_long = false;
  size_t n = 0;
  std::streambuf* sb = in.rdbuf();
  if (sb == nullptr) return false;
  bool any = false;
  try {
    for (int c = sb->sbumpc(); c != std::char_traits<char>::eof(); c = sb->sbumpc()) {
      any = true;
      if (c == '\n') break;
      ++n;
      if (line->size() < limit) {
        line->push_back(static_cast<char>(c));
      } else {
        *too_long = true;
      }
    }
  } catch (const std::exception&) {
    in.setstate(std::ios::badbit);
    return false;
  }
  if (length != nullptr) *length = n;
  return any;
}

}  // namespace netra::internal

#endif  // NETRA_SRC_LINE_READER_H_
