// netra/rule_book.h: the law as an immutable, validated, indexed rule book.
//
// A RuleBook is built once from law files (text-format netra.v1.RuleFile):
// the law embedded in the library (law/*.textproto at build time) plus any
// files a host adds at run time (a regional regulation, a correction). Loading
// parses and validates everything; evaluation never re-checks.
//
//   absl::StatusOr<std::shared_ptr<const netra::RuleBook>> book =
//       netra::RuleBook::Load();                        // embedded law only
//   auto more = netra::ReadLawFile("/etc/simpeg/perda.textproto");
//   auto book2 = netra::RuleBook::Load({*more});      // embedded + one file
//
// Validation (each failure is InvalidArgument naming file, line and rule id):
//  - text-format syntax and schema (unknown fields, bad enum names);
//  - duplicate ids of instruments, settings or rules across all files;
//  - citations: unknown instrument, pasal beyond the instrument's
//    article_count, malformed huruf, pasal 0 without a named part;
//  - dates: malformed, or a window whose end is not after its start;
//  - references: a level rule's norm, sanction types, exception_of and
//    concurrent_with ids, settings named by types, principles and authority;
//  - level rules of one norm: every combination of the facts they constrain
//    (impact, absence counts, valid reason, filing duty, position) must be
//    covered by a rule (no gap in a numeric range, no impact left out), and
//    two rules that can match the same facts must declare which is the
//    exception (exception_of) or that both apply (concurrent_with);
//  - the principles and settings the evaluator relies on must be present.
//
// Thread safety: a RuleBook is immutable after Load and safe to share between
// threads; hold it by shared_ptr. Pointers it hands out live as long as it.
#ifndef NETRA_RULE_BOOK_H_
#define NETRA_RULE_BOOK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "netra/v1/law.pb.h"

namespace netra {

namespace internal {
struct CompiledLaw;
}  // namespace internal

// One law file: `name` is what errors cite ("law/pp94_2021.textproto").
struct LawSource {
  std::string name;
  std::string text;
};

// The law files compiled into the library, in name order.
std::vector<LawSource> EmbeddedLaw();

// Reads a law file from disk. Errors, naming the path: NotFound;
// FailedPrecondition for a directory, a FIFO or a device (refused before
// anything waits on it); PermissionDenied when it may not be opened;
// Unavailable for a read that fails (never a shorter file); InvalidArgument
// if it is larger than kMaxLawFileBytes.
absl::StatusOr<LawSource> ReadLawFile(const std::string& path);

// Law files above this size are refused, so a runaway input cannot exhaust
// memory.
inline constexpr size_t kMaxLawFileBytes = 16u << 20;

// Bounds that keep evaluation and validation time fixed whatever a law file
// holds; a law past them does not load (InvalidArgument naming the file, the
// line and the norm): level rules per norm (the evaluator keeps matches in
// fixed arrays), and cells of the coverage grid checked per norm and date.
inline constexpr int kMaxLevelRulesPerNorm = 32;
inline constexpr int64_t kMaxCoverageCells = 200000;
// Sanction types of a rule book, the law's and a host's together: a set of
// them is a SanctionTypeMask, bit i for the type of index i.
inline constexpr int kMaxSanctionTypes = 64;
using SanctionTypeMask = uint64_t;
// Combinations of the values of the settings that switch one norm's level
// rules (LevelRule.setting): each is checked for coverage apart.
inline constexpr int64_t kMaxSettingCombinations = 16;

// A rule with where it was read.
struct RuleEntry {
  const v1::Rule* rule = nullptr;
  std::string file;
  int line = 0;  // 1-based line of the rule's opening brace
};

// How RuleBook::Load combines and checks sources.
struct LoadOptions {
  // Start from the embedded law. False: only `sources` (for checking a
  // stand-alone file, or a host that ships its own complete law).
  bool include_embedded = true;
  // Check that the principles and settings the evaluator needs are present.
  // False only for `netra check-law --standalone` of partial files.
  bool require_evaluator_rules = true;
};

class RuleBook {
 public:
  // Parses, validates and indexes the law. See the file comment for errors.
  static absl::StatusOr<std::shared_ptr<const RuleBook>> Load(
      absl::Span<const LawSource> sources, const LoadOptions& options);
  static absl::StatusOr<std::shared_ptr<const RuleBook>> Load(
      absl::Span<const LawSource> sources = {}) {
    return Load(sources, LoadOptions());
  }

  ~RuleBook();
  RuleBook(const RuleBook&) = delete;
  RuleBook& operator=(const RuleBook&) = delete;

  // All rules in load order (files in the order given, embedded first).
  absl::Span<const RuleEntry> rules() const ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // nullptr when absent.
  const RuleEntry* FindRule(absl::string_view id) const;
  const v1::Instrument* FindInstrument(absl::string_view id) const;
  const v1::Setting* FindSetting(absl::string_view name) const;
  std::vector<const v1::Instrument*> instruments() const;
  std::vector<const v1::Setting*> settings() const;
  // Election calendars (RuleFile.elections) in load order; nullptr if absent.
  std::vector<const v1::Election*> elections() const;
  const v1::Election* FindElection(absl::string_view id) const;

  // Whether `rule` is in force on `day` (its window, or its first cited
  // instrument's when the rule gives none).
  bool InForce(const RuleEntry& rule, absl::CivilDay day) const;
  // The rule's window as strings ("" = open).
  std::string InForceFrom(const RuleEntry& rule) const;
  std::string InForceUntil(const RuleEntry& rule) const;

  // "PP 94/2021 Pasal 10 ayat (2) huruf f angka 2".
  std::string CiteAs(const v1::Citation& citation) const;

  // Content hash of the sources' texts in load order: "fnv1a64:" + 16 hex
  // digits (independent of where the files were read). Determinations
  // carry it so an answer can be traced to the exact law text.
  const std::string& revision() const ABSL_ATTRIBUTE_LIFETIME_BOUND;

  // For the evaluator (internal).
  const internal::CompiledLaw& compiled() const ABSL_ATTRIBUTE_LIFETIME_BOUND { return *law_; }

 private:
  explicit RuleBook(std::unique_ptr<internal::CompiledLaw> law);
  std::unique_ptr<internal::CompiledLaw> law_;
};

}  // namespace netra

#endif  // NETRA_RULE_BOOK_H_
