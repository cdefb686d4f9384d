// Readable names for parameterised tests: `ctest -R` and a failure report
// show the case, not "16-byte object <36-98 F2-2D ...>".
#ifndef NETRA_TESTS_TEST_NAMES_H_
#define NETRA_TESTS_TEST_NAMES_H_

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace netra::testing_names {

// `text` as a gtest name: letters and digits kept, every other run of
// characters one '_', at most `max` characters. With `index` >= 0 the name
// starts with it ("3_needs_18"), which keeps names unique when texts repeat.
inline std::string CaseName(std::string_view text, int index = -1, size_t max = 60) {
  std::string out = index >= 0 ? std::to_string(index) + "_" : std::string();
  bool gap = false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (gap && !out.empty() && out.back() != '_') out += '_';
      out += c;
      gap = false;
    } else {
      gap = true;
    }
    if (out.size() >= max) break;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "case" : out;
}

// A name generator for INSTANTIATE_TEST_SUITE_P from a member of the
// parameter: `ByField<&Bad::message>`.
template <auto Field>
struct ByField {
  template <typename Info>
  std::string operator()(const Info& info) const {
    return CaseName(info.param.*Field, static_cast<int>(info.index));
  }
};

}  // namespace netra::testing_names

#endif  // NETRA_TESTS_TEST_NAMES_H_
