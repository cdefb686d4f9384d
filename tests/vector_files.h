// The law vectors (tests/vectors/*.textproto, netra.v1.TestVector) and the
// audit vectors (tests/vectors/audit/*.textproto, netra.v1.AuditVector) as
// the tests that run over all of them read them: parsed, with their file
// names, in file-name order. A file that does not parse is a test failure
// (and left out). Needs NETRA_SOURCE_DIR.
#ifndef NETRA_TESTS_VECTOR_FILES_H_
#define NETRA_TESTS_VECTOR_FILES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "google/protobuf/text_format.h"
#include "netra/v1/conformance.pb.h"

namespace netra::testing_vectors {

// Every `Vector` (v1::TestVector or v1::AuditVector) in tests/vectors/`subdir`.
template <typename Vector>
std::vector<std::pair<std::string, Vector>> Read(const std::string& subdir) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(NETRA_SOURCE_DIR) / "tests" / "vectors" / subdir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".textproto") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::string, Vector>> out;
  for (const fs::path& p : files) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    Vector v;
    if (!google::protobuf::TextFormat::ParseFromString(text.str(), &v)) {
      ADD_FAILURE() << p << " does not parse as " << Vector::descriptor()->full_name();
      continue;
    }
    out.emplace_back(p.filename().string(), std::move(v));
  }
  return out;
}

inline std::vector<std::pair<std::string, v1::TestVector>> LawVectors() { return Read<v1::TestVector>(""); }
inline std::vector<std::pair<std::string, v1::AuditVector>> AuditVectors() { return Read<v1::AuditVector>("audit"); }

}  // namespace netra::testing_vectors

#endif  // NETRA_TESTS_VECTOR_FILES_H_
