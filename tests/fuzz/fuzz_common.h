// Shared helpers of the libFuzzer targets in tests/fuzz (see README there).
//
// Each <target>_fuzz.cc defines extern "C" LLVMFuzzerTestOneInput. Built
// with -DNETRA_FUZZ=ON (clang) each is a libFuzzer binary; in the normal
// build (any compiler) tests/fuzz/CMakeLists.txt renames the entry point to
// <target>_TestOneInput and replay_main.cc runs every file of the checked-in
// corpus through it once, so the corpus is a regression suite without clang.
#ifndef NETRA_TESTS_FUZZ_FUZZ_COMMON_H_
#define NETRA_TESTS_FUZZ_FUZZ_COMMON_H_

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "netra/case.h"
#include "netra/date.h"
#include "netra/pact.h"
#include "netra/rule_book.h"

// An invariant of the law or of the file formats failed: print why and
// abort, which libFuzzer (and the replay driver) report as a crash.
#define FUZZ_CHECK(cond, ...)                                                                    \
  do {                                                                                           \
    if (!(cond)) {                                                                               \
      std::fprintf(stderr, "netra fuzz: invariant violated at %s:%d: %s\n  %s\n", __FILE__,     \
                   __LINE__, #cond, ::absl::StrCat(__VA_ARGS__).c_str());                        \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)

namespace netra_fuzz {

// The embedded law, loaded once per process (loading is what the law target
// fuzzes; the other targets share one book).
inline const std::shared_ptr<const netra::RuleBook>& Book() {
  static const std::shared_ptr<const netra::RuleBook> book = [] {
    auto b = netra::RuleBook::Load();
    FUZZ_CHECK(b.ok(), "the embedded law does not load: ", b.status().ToString());
    return *b;
  }();
  return book;
}

inline const netra::CaseMachine& Machine() {
  static const netra::CaseMachine* machine = [] {
    auto m = netra::CaseMachine::Create(Book());
    FUZZ_CHECK(m.ok(), m.status().ToString());
    return new netra::CaseMachine(*std::move(m));
  }();
  return *machine;
}

// A file holding the fuzz input: a per-process path under $TMPDIR (or /tmp),
// removed when the object goes out of scope. The log readers take a path
// (they open, stat, truncate and append), so the bytes must be a real file.
class TempFile {
 public:
  explicit TempFile(absl::string_view tag) {
    static std::atomic<int> counter{0};
    const char* dir = std::getenv("TMPDIR");
    path_ = absl::StrCat(dir != nullptr && *dir != '\0' ? dir : "/tmp", "/netra-fuzz-", ::getpid(), "-", tag, "-",
                         counter++);
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  // Replaces the file's content with `bytes`.
  void Write(absl::string_view bytes) const {
    ::unlink(path_.c_str());
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    FUZZ_CHECK(fd >= 0, "cannot create ", path_);
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      FUZZ_CHECK(n > 0, "cannot write ", path_);
      done += static_cast<size_t>(n);
    }
    ::close(fd);
  }
  std::string Read() const {
    std::string out;
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return out;
    char buf[1 << 14];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return out;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads structured choices from the fuzz bytes; past the end every read
// gives 0, so any input decodes to something.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  uint8_t U8() { return p_ < end_ ? *p_++ : 0; }
  uint16_t U16() { return static_cast<uint16_t>(U8() | (U8() << 8)); }
  // A value in [0, n); n > 0.
  uint32_t Pick(uint32_t n) { return n <= 256 ? U8() % n : U16() % n; }
  bool Bit() { return U8() & 1; }
  bool empty() const { return p_ >= end_; }
  // The rest of the input.
  absl::string_view Rest() {
    absl::string_view r(reinterpret_cast<const char*>(p_), static_cast<size_t>(end_ - p_));
    p_ = end_;
    return r;
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// A small synthetic roster (rows of each kind from
// examples/roster_synthetic_500.csv, the first one a leader), shared by the
// pact targets and their seed generator so that logs and events name people
// on the roster.
inline constexpr char kRosterCsv[] =
#include "roster_small.inc"
    ;

inline const netra::RosterTable& Roster() {
  static const netra::RosterTable* roster = [] {
    std::istringstream in(kRosterCsv);
    netra::v1::RosterImportReport report;
    auto r = netra::ImportRosterCsv(in, &report);
    FUZZ_CHECK(r.ok() && report.rejections_size() == 0, "the fuzz roster does not import");
    return new netra::RosterTable(*std::move(r));
  }();
  return *roster;
}

// The election the pact targets use.
inline constexpr char kPactElection[] = "pilkada2024";

// A pact event decoded from fuzz bytes: mostly about people on the roster,
// on dates around the election, naming the election's templates and their
// commitments, so that most events pass the field checks and reach the
// registry's state machine.
inline netra::v1::PactEvent DecodePactEvent(Bytes& in, const netra::RosterTable& roster,
                                            const std::vector<const netra::v1::PactTemplate*>& templates) {
  netra::v1::PactEvent e;
  e.set_type(static_cast<netra::v1::PactEventType>(in.Pick(9)));
  // Dates from 2024-06-01 over about 300 days (issue, campaign, voting,
  // expiry); now and then a malformed one.
  const uint8_t d = in.U8();
  e.set_date(d == 255 ? "2024-02-30" : netra::FormatDate(absl::CivilDay(2024, 6, 1) + d + in.Pick(50)));
  const size_t row = in.Pick(static_cast<uint32_t>(roster.size()) + 1);
  e.set_nip(row < roster.size() ? roster.Nip(row) : "199001012020121001");
  const uint8_t who = in.U8();
  if (who < 200) {
    e.set_signer_nip(e.nip());
  } else if (who < 240) {
    e.set_signer_nip(roster.Nip(in.Pick(static_cast<uint32_t>(roster.size()))));
  }
  if (!templates.empty()) {
    const netra::v1::PactTemplate& t = *templates[in.Pick(static_cast<uint32_t>(templates.size()))];
    if (in.Pick(8) != 0) e.set_template_id(t.id());
    if (t.commitments_size() > 0 && in.Pick(8) != 0) {
      e.set_commitment_id(t.commitments(static_cast<int>(in.Pick(t.commitments_size()))).id());
    }
  }
  e.set_method(static_cast<netra::v1::SigningMethod>(in.Pick(4)));
  if (in.Bit()) e.set_ceremony_id("apel-2024-09-05");
  if (in.Bit()) e.set_linked_case_id(absl::StrCat("NEU-", in.U8()));
  if (in.Bit()) e.set_unit(in.Bit() ? "Dinas Kesehatan" : "Dinas Pendidikan");
  if (in.Bit()) e.set_evidence_ref("scan-001");
  return e;
}

}  // namespace netra_fuzz

#endif  // NETRA_TESTS_FUZZ_FUZZ_COMMON_H_
