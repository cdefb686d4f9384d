// The store's logic, once for both databases: the check of an event against
// the replayed state and its append in one transaction, the hash chain and
// its verification (netra/store.h).
#include "netra/store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "netra/date.h"
#include "store/backend.h"

namespace netra {
namespace store_internal {
namespace {

// One digest context per thread, reused (the chain hashes millions of
// events when a national registry is read).
struct Digest {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Digest() {
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
  }
  std::string Of(absl::string_view a, absl::string_view b, absl::string_view c) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (md == nullptr || ctx == nullptr || EVP_DigestInit_ex2(ctx, md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx, a.data(), a.size()) != 1 || EVP_DigestUpdate(ctx, b.data(), b.size()) != 1 ||
        EVP_DigestUpdate(ctx, c.data(), c.size()) != 1 || EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != 32) {
      return std::string();  // never equal to a stored hash: reported as damage, never passed
    }
    return std::string(reinterpret_cast<const char*>(out), n);
  }
};

Digest& ThreadDigest() {
  thread_local Digest d;
  return d;
}

}  // namespace

std::string ChainStart(absl::string_view domain, absl::string_view key) {
  return ThreadDigest().Of(domain, absl::string_view("\0", 1), key);
}

std::string ChainNext(absl::string_view prev, int64_t seq, absl::string_view bytes) {
  char le[8];
  for (int i = 0; i < 8; ++i) le[i] = static_cast<char>((static_cast<uint64_t>(seq) >> (8 * i)) & 0xff);
  return ThreadDigest().Of(prev, absl::string_view(le, 8), bytes);
}

}  // namespace store_internal

namespace {

using store_internal::Backend;
using store_internal::Head;
using store_internal::Row;

constexpr absl::string_view kCaseDomain = "netra.store.case.v1";
constexpr absl::string_view kPactDomain = "netra.store.pacts.v1";
constexpr absl::string_view kRosterDomain = "netra.store.roster.v1";
// An election's roster is kept as a log beside its pact log, under this
// prefix: election ids are lowercase letters, digits, '.' and '_' (the
// law's check), so no election is named like a roster.
constexpr absl::string_view kRosterKey = "roster:";
constexpr int kMaxCasePage = 10'000;
constexpr int kMaxPactPage = 100'000;

absl::Status CheckCaseId(const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("case_id: empty");
  if (id.size() > kMaxCaseIdBytes) {
    return absl::InvalidArgumentError(absl::StrCat("case_id: ", id.size(), " bytes, over the limit of ",
                                                   kMaxCaseIdBytes));
  }
  return absl::OkStatus();
}

absl::Status CheckElection(const std::string& election) {
  if (election.empty()) return absl::InvalidArgumentError("election: empty");
  if (election.size() > 128) {
    return absl::InvalidArgumentError(absl::StrCat("election: ", election.size(), " bytes, over the limit of 128"));
  }
  return absl::OkStatus();
}

absl::Status CheckEventBytes(absl::string_view what, size_t bytes) {
  if (bytes <= kMaxEventBytes) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, ": ", bytes, " bytes, over the limit of ", kMaxEventBytes,
                                                 " (kMaxEventBytes); nothing written"));
}

absl::Status Damage(absl::string_view what, int64_t seq, absl::string_view why) {
  return absl::DataLossError(absl::StrCat(what, ": event ", seq, ": ", why, "; nothing is written after it"));
}

// Walks stored rows in order, verifying positions and the chain from
// (`seq`, `hash`); `what` names the case or registry in errors.
class ChainCheck {
 public:
  ChainCheck(std::string what, int64_t seq, std::string hash)
      : what_(std::move(what)), seq_(seq), hash_(std::move(hash)) {}
  absl::Status Next(int64_t seq, absl::string_view bytes, absl::string_view hash) {
    const int64_t want = seq_ + 1;
    if (seq != want) {
      return Damage(what_, want,
                    seq > want ? absl::StrCat("missing (the next stored event is ", seq, ")")
                               : absl::StrCat("out of order (stored event ", seq, " found in its place)"));
    }
    std::string next = store_internal::ChainNext(hash_, seq, bytes);
    if (next != hash) {
      return Damage(what_, seq, "its hash does not match its bytes and the event before it (altered, "
                                "reordered or an event before it removed)");
    }
    seq_ = seq;
    hash_ = std::move(next);
    return absl::OkStatus();
  }
  // After the last row: the head must name the same count and hash.
  absl::Status End(const Head& head) const {
    if (seq_ < head.events) {
      return Damage(what_, seq_ + 1, absl::StrCat("missing (the store's head counts ", head.events, " events)"));
    }
    if (seq_ > head.events) {
      return Damage(what_, head.events + 1, absl::StrCat("stored past the head's count of ", head.events));
    }
    if (hash_ != head.hash) return Damage(what_, seq_, "the head's hash does not match the last event");
    return absl::OkStatus();
  }
  int64_t seq() const { return seq_; }
  const std::string& hash() const { return hash_; }

 private:
  std::string what_;
  int64_t seq_;
  std::string hash_;
};

class BackendStore final : public Store {
 public:
  explicit BackendStore(std::unique_ptr<Backend> db, StoreOptions options)
      : db_(std::move(db)), options_(std::move(options)) {}

  const char* kind() const override { return db_->kind(); }

  absl::Status CreateCase(const v1::CaseLog& log, const CaseMachine& machine) override {
    if (log.events_size() > kMaxCaseEvents) {
      return absl::InvalidArgumentError(absl::StrCat("events: ", log.events_size(), " events, over the limit of ",
                                                     kMaxCaseEvents, " (kMaxCaseEvents)"));
    }
    v1::CaseLog header = log;
    header.clear_events();
    CaseProgress progress;
    // The machine checks the header first (its case_id message, as a replay gives it).
    if (auto st = machine.Start(header, &progress); !st.ok()) return st;
    if (auto st = CheckCaseId(log.case_id()); !st.ok()) return st;
    std::string header_bytes;
    header.SerializeToString(&header_bytes);
    if (auto st = CheckEventBytes("header", header_bytes.size()); !st.ok()) return st;
    const std::string what = absl::StrCat("case ", log.case_id());
    std::string hash = store_internal::ChainStart(kCaseDomain, log.case_id());
    if (auto st = db_->Begin(true); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    if (auto st = db_->InsertCase(log.case_id(), header.kind(), header_bytes, hash); !st.ok()) return st;
    for (int i = 0; i < log.events_size(); ++i) {
      v1::CaseEvent e = log.events(i);
      if (e.seq() == 0) e.set_seq(progress.events + 1);
      if (auto st = machine.Apply(e, &progress); !st.ok()) {
        return absl::Status(st.code(), absl::StrCat("events[", i, "]: ", st.message()));
      }
      Row row{e.seq(), e.SerializeAsString(), ""};
      if (auto st = CheckEventBytes(absl::StrCat("events[", i, "]"), row.bytes.size()); !st.ok()) return st;
      row.hash = store_internal::ChainNext(hash, row.seq, row.bytes);
      hash = row.hash;
      if (auto st = db_->InsertCaseEvent(log.case_id(), row); !st.ok()) return st;
    }
    if (auto st = db_->SetCaseHead(log.case_id(), progress.status, LastDate(progress), progress.events, hash);
        !st.ok()) {
      return st;
    }
    if (auto st = db_->Commit(); !st.ok()) return st;
    std::move(rollback).Cancel();
    return absl::OkStatus();
  }

  absl::StatusOr<CaseProgress> AppendCaseEvent(const std::string& case_id, v1::CaseEvent event,
                                               const CaseMachine& machine) override {
    if (auto st = CheckCaseId(case_id); !st.ok()) return st;
    if (auto st = db_->Begin(true); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    CaseProgress progress;
    std::string hash;
    if (auto st = LoadCase(case_id, /*lock=*/true, &machine, nullptr, &progress, &hash); !st.ok()) return st;
    if (progress.events >= kMaxCaseEvents) {
      return absl::FailedPreconditionError(
          absl::StrCat("case ", case_id, ": holds ", progress.events, " events, the limit (kMaxCaseEvents)"));
    }
    if (event.seq() == 0) event.set_seq(progress.events + 1);
    Row row{event.seq(), event.SerializeAsString(), ""};
    if (auto st = CheckEventBytes("event", row.bytes.size()); !st.ok()) return st;
    if (auto st = machine.Apply(event, &progress); !st.ok()) return st;
    row.hash = store_internal::ChainNext(hash, row.seq, row.bytes);
    if (auto st = db_->InsertCaseEvent(case_id, row); !st.ok()) return st;
    if (auto st = db_->SetCaseHead(case_id, progress.status, LastDate(progress), progress.events, row.hash);
        !st.ok()) {
      return st;
    }
    if (auto st = db_->Commit(); !st.ok()) return st;
    std::move(rollback).Cancel();
    return progress;
  }

  absl::StatusOr<v1::CaseLog> ReadCase(const std::string& case_id) override {
    if (auto st = CheckCaseId(case_id); !st.ok()) return st;
    if (auto st = db_->Begin(false); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    v1::CaseLog log;
    if (auto st = LoadCase(case_id, false, nullptr, &log, nullptr, nullptr); !st.ok()) return st;
    return log;
  }

  absl::StatusOr<std::vector<CaseSummary>> ListCases(const std::string& after, int limit) override {
    if (limit < 1 || limit > kMaxCasePage) {
      return absl::InvalidArgumentError(absl::StrCat("limit: ", limit, " is outside 1..", kMaxCasePage));
    }
    return db_->ListCases(after, limit);
  }

  absl::Status SyncPacts(StoredPacts* pacts) override {
    if (auto st = Usable(pacts); !st.ok()) return st;
    if (auto st = db_->Begin(false); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    auto head = db_->PactHead(pacts->election(), false, "");
    if (!head.ok()) return head.status();
    if (!head->has_value()) {
      if (PactEventsOf(pacts) > 0) {
        return absl::DataLossError(absl::StrCat("pacts of ", pacts->election(), ": the registry is gone from the store "
                                                "after ", PactEventsOf(pacts), " events were read"));
      }
      return absl::OkStatus();
    }
    return CatchUp(**head, pacts);
  }

  absl::StatusOr<AppendResult> AppendPactEvents(StoredPacts* pacts, absl::Span<const v1::PactEvent> events,
                                                RefusedEvents refused) override {
    if (auto st = Usable(pacts); !st.ok()) return st;
    AppendResult result;
    // An error after some batches were committed says how many.
    auto after_some = [&](const absl::Status& st) {
      if (result.appended == 0 || st.ok()) return st;
      return absl::Status(st.code(), absl::StrCat(st.message(), " (", result.appended,
                                                  " events of this call were stored before it)"));
    };
    const size_t batch = options_.batch_events > 0 ? static_cast<size_t>(options_.batch_events) : events.size();
    size_t i = 0;
    std::vector<Row> rows;
    do {
      if (auto st = db_->Begin(true); !st.ok()) return after_some(st);
      absl::Cleanup rollback = [&] { db_->Rollback(); };
      auto head = db_->PactHead(pacts->election(), true, Start(pacts->election()));
      if (!head.ok()) return after_some(head.status());
      if (!head->has_value()) return absl::InternalError("pact registry row not created");
      if (auto st = CatchUp(**head, pacts); !st.ok()) return after_some(st);
      rows.clear();
      int64_t seq = PactEventsOf(pacts);
      std::string hash = PactHeadOf(pacts);
      absl::Status stop;
      const size_t end = std::min(events.size(), i + std::max<size_t>(batch, 1));
      // Each event is checked once, here (callers need not check first):
      // its size, then the registry's Apply, which changes the registry
      // only if it accepts.
      Row row;
      for (; i < end; ++i) {
        events[i].SerializeToString(&row.bytes);
        absl::Status st = CheckEventBytes("event", row.bytes.size());
        if (st.ok()) st = pacts->registry().Apply(events[i]);
        if (!st.ok()) {
          if (refused == RefusedEvents::kSkip) {
            ++result.refused;
            continue;
          }
          stop = absl::Status(st.code(), absl::StrCat("events[", i, "]: ", st.message()));
          break;
        }
        row.seq = ++seq;
        row.hash = store_internal::ChainNext(hash, row.seq, row.bytes);
        hash = row.hash;
        rows.push_back(std::move(row));
        row = Row();
      }
      if (!rows.empty()) {
        absl::Status st = db_->InsertPactEvents((*head)->id, rows);
        if (st.ok()) st = db_->SetPactHead((*head)->id, seq, hash);
        if (st.ok()) st = db_->Commit();
        if (!st.ok()) {
          // The registry applied events that are not stored.
          PactPoisonedOf(pacts) = true;
          return after_some(st);
        }
        std::move(rollback).Cancel();
        PactEventsOf(pacts) = seq;
        PactHeadOf(pacts) = hash;
        result.appended += static_cast<int64_t>(rows.size());
      }
      if (!stop.ok()) return after_some(stop);
    } while (i < events.size());
    return result;
  }

  absl::StatusOr<std::vector<std::string>> ListElections() override {
    auto all = db_->Elections();
    if (!all.ok()) return all.status();
    all->erase(std::remove_if(all->begin(), all->end(),
                              [](const std::string& e) { return absl::StartsWith(e, kRosterKey); }),
               all->end());
    return all;
  }

  absl::StatusOr<std::vector<std::string>> ListRosters() override {
    auto all = db_->Elections();
    if (!all.ok()) return all.status();
    std::vector<std::string> out;
    for (const std::string& e : *all) {
      if (absl::StartsWith(e, kRosterKey)) out.push_back(e.substr(kRosterKey.size()));
    }
    return out;
  }

  absl::StatusOr<int64_t> AppendRosterRows(const std::string& election, int64_t expected_rows,
                                           absl::Span<const v1::RosterEntry> rows) override {
    if (auto st = CheckElection(election); !st.ok()) return st;
    const std::string key = absl::StrCat(kRosterKey, election);
    std::vector<Row> out;
    out.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      Row& row = out.emplace_back();
      rows[i].SerializeToString(&row.bytes);
      if (auto st = CheckEventBytes(absl::StrCat("rows[", i, "]"), row.bytes.size()); !st.ok()) return st;
    }
    if (auto st = db_->Begin(true); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    auto head = db_->PactHead(key, true, store_internal::ChainStart(kRosterDomain, election));
    if (!head.ok()) return head.status();
    if (!head->has_value()) return absl::InternalError("roster row not created");
    if ((*head)->events != expected_rows) {
      return absl::AbortedError(absl::StrCat("roster of ", election, ": ", (*head)->events, " rows stored, ",
                                             expected_rows, " read: another writer added rows; read them and try "
                                             "again"));
    }
    int64_t seq = (*head)->events;
    std::string hash = (*head)->hash;
    for (Row& row : out) {
      row.seq = ++seq;
      row.hash = store_internal::ChainNext(hash, row.seq, row.bytes);
      hash = row.hash;
    }
    if (out.empty()) return seq;
    if (auto st = db_->InsertPactEvents((*head)->id, out); !st.ok()) return st;
    if (auto st = db_->SetPactHead((*head)->id, seq, hash); !st.ok()) return st;
    if (auto st = db_->Commit(); !st.ok()) return st;
    std::move(rollback).Cancel();
    return seq;
  }

  absl::Status ReadRosterRows(const std::string& election, RosterCursor* cursor,
                              const std::function<absl::Status(const v1::RosterEntry&)>& each) override {
    if (auto st = CheckElection(election); !st.ok()) return st;
    const std::string what = absl::StrCat("roster of ", election);
    if (auto st = db_->Begin(false); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    auto head = db_->PactHead(absl::StrCat(kRosterKey, election), false, "");
    if (!head.ok()) return head.status();
    if (!head->has_value()) {
      if (cursor->rows > 0) {
        return absl::DataLossError(absl::StrCat(what, ": gone from the store after ", cursor->rows,
                                                " rows were read"));
      }
      return absl::OkStatus();
    }
    v1::RosterEntry entry;
    return ReadAfter(**head, what, store_internal::ChainStart(kRosterDomain, election), &cursor->rows,
                     &cursor->hash, [&](int64_t seq, absl::string_view bytes) -> absl::Status {
                       if (!entry.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
                         return Damage(what, seq, "not a RosterEntry");
                       }
                       return each(entry);
                     });
  }

  absl::StatusOr<std::vector<v1::PactEvent>> ListPactEvents(const std::string& election, int64_t after,
                                                            int limit) override {
    if (auto st = CheckElection(election); !st.ok()) return st;
    if (limit < 1 || limit > kMaxPactPage) {
      return absl::InvalidArgumentError(absl::StrCat("limit: ", limit, " is outside 1..", kMaxPactPage));
    }
    if (after < 0) return absl::InvalidArgumentError(absl::StrCat("after: ", after, " is negative"));
    if (auto st = db_->Begin(false); !st.ok()) return st;
    absl::Cleanup rollback = [&] { db_->Rollback(); };
    auto head = db_->PactHead(election, false, "");
    if (!head.ok()) return head.status();
    if (!head->has_value()) return absl::NotFoundError(absl::StrCat("election: no pact registry for ", election));
    const std::string what = absl::StrCat("pacts of ", election);
    std::string start = Start(election);
    if (after > 0) {
      if (after > (*head)->events) {
        return absl::InvalidArgumentError(absl::StrCat("after: ", after, " is past the last event ", (*head)->events));
      }
      auto h = db_->PactHash((*head)->id, after);
      if (absl::IsNotFound(h.status())) return Damage(what, after, "missing");
      if (!h.ok()) return h.status();
      start = *h;
    }
    ChainCheck chain(what, after, start);
    std::vector<v1::PactEvent> out;
    auto st = db_->PactEvents((*head)->id, after, limit, [&](int64_t seq, absl::string_view bytes,
                                                             absl::string_view hash) -> absl::Status {
      if (auto c = chain.Next(seq, bytes, hash); !c.ok()) return c;
      if (!out.emplace_back().ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
        return Damage(what, seq, "not a PactEvent");
      }
      return absl::OkStatus();
    });
    if (!st.ok()) return st;
    if (static_cast<int>(out.size()) < limit) {
      if (auto c = chain.End(**head); !c.ok()) return c;
    }
    return out;
  }

 private:
  static std::string LastDate(const CaseProgress& p) { return p.events > 0 ? FormatDate(p.last_date) : ""; }
  static std::string Start(const std::string& election) {
    return store_internal::ChainStart(kPactDomain, election);
  }

  absl::Status Usable(const StoredPacts* pacts) const {
    if (pacts->poisoned()) {
      return absl::FailedPreconditionError(absl::StrCat("pacts of ", pacts->election(), ": a failed write left the "
                                                        "registry ahead of the store; create it again"));
    }
    return CheckElection(pacts->election());
  }

  // Reads and verifies a case inside the current transaction; fills `log`
  // (header and events) and/or replays into `progress` (then `hash` is the
  // chain's last hash).
  absl::Status LoadCase(const std::string& case_id, bool lock, const CaseMachine* machine, v1::CaseLog* log,
                        CaseProgress* progress, std::string* hash) {
    auto head = db_->CaseHead(case_id, lock);
    if (!head.ok()) return head.status();
    if (!head->has_value()) return absl::NotFoundError(absl::StrCat("case_id: no case ", case_id, " in the store"));
    const std::string what = absl::StrCat("case ", case_id);
    v1::CaseLog header;
    if (!header.ParseFromString((*head)->header) || header.case_id() != case_id) {
      return absl::DataLossError(absl::StrCat(what, ": its stored header does not parse or names another case"));
    }
    if (progress != nullptr) {
      if (auto st = machine->Start(header, progress); !st.ok()) {
        return absl::FailedPreconditionError(absl::StrCat(what, ": stored header refused: ", st.message()));
      }
    }
    if (log != nullptr) *log = header;
    ChainCheck chain(what, 0, store_internal::ChainStart(kCaseDomain, case_id));
    v1::CaseEvent e;
    auto st = db_->CaseEvents(case_id, [&](int64_t seq, absl::string_view bytes, absl::string_view h) -> absl::Status {
      if (auto c = chain.Next(seq, bytes, h); !c.ok()) return c;
      if (!e.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) || e.seq() != seq) {
        return Damage(what, seq, "not a CaseEvent of this position");
      }
      if (progress != nullptr) {
        if (auto a = machine->Apply(e, progress); !a.ok()) {
          return absl::FailedPreconditionError(absl::StrCat(what, ": stored event ", seq, " is refused on replay (the "
                                                            "law data changed since it was written): ", a.message()));
        }
      }
      if (log != nullptr) *log->add_events() = e;
      return absl::OkStatus();
    });
    if (!st.ok()) return st;
    if (auto c = chain.End(**head); !c.ok()) return c;
    if (hash != nullptr) *hash = chain.hash();
    return absl::OkStatus();
  }

  // Reads the rows of a log (a pact registry or a roster) stored after
  // *count, whose last read hash is *hash, verifying the chain up to the
  // head: `each` gets every new row, and *count and *hash follow the last
  // row it accepted.
  absl::Status ReadAfter(const Head& head, const std::string& what, const std::string& start, int64_t* count,
                         std::string* hash, const std::function<absl::Status(int64_t, absl::string_view)>& each) {
    if (*count == 0) *hash = start;
    if (head.events < *count) {
      return Damage(what, head.events + 1, absl::StrCat("missing: the store holds ", head.events, " events, ",
                                                        *count, " were read before"));
    }
    // The last row read before must still be there as it was read; the rows
    // before it were verified when they were read.
    if (*count > 0) {
      auto last = db_->PactHash(head.id, *count);
      if (absl::IsNotFound(last.status())) return Damage(what, *count, "missing");
      if (!last.ok()) return last.status();
      if (*last != *hash) return Damage(what, *count, "its hash differs from when it was read (altered)");
    }
    ChainCheck chain(what, *count, *hash);
    if (head.events > *count) {
      auto st = db_->PactEvents(head.id, *count, -1,
                                [&](int64_t seq, absl::string_view bytes, absl::string_view h) -> absl::Status {
                                  if (auto c = chain.Next(seq, bytes, h); !c.ok()) return c;
                                  if (auto e = each(seq, bytes); !e.ok()) return e;
                                  *count = seq;
                                  *hash = chain.hash();
                                  return absl::OkStatus();
                                });
      if (!st.ok()) return st;
    }
    return chain.End(head);
  }

  // Replays into `pacts` the stored events after its position.
  absl::Status CatchUp(const Head& head, StoredPacts* pacts) {
    const std::string what = absl::StrCat("pacts of ", pacts->election());
    v1::PactEvent e;
    return ReadAfter(head, what, Start(pacts->election()), &PactEventsOf(pacts), &PactHeadOf(pacts),
                     [&](int64_t seq, absl::string_view bytes) -> absl::Status {
                       if (!e.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
                         return Damage(what, seq, "not a PactEvent");
                       }
                       if (auto a = pacts->registry().Apply(e); !a.ok()) {
                         return absl::FailedPreconditionError(absl::StrCat(
                             what, ": stored event ", seq, " is refused on replay (the roster or the law changed since "
                             "it was written): ", a.message()));
                       }
                       return absl::OkStatus();
                     });
  }

  std::unique_ptr<Backend> db_;
  StoreOptions options_;
};

}  // namespace

absl::StatusOr<StoredPacts> StoredPacts::Create(std::shared_ptr<const RuleBook> book, const RosterTable* roster,
                                                const std::string& election, const PactOptions& options) {
  auto reg = PactRegistry::Create(std::move(book), roster, election, options);
  if (!reg.ok()) return reg.status();
  return StoredPacts(*std::move(reg));
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& address, const StoreOptions& options) {
  if (address.empty()) return absl::InvalidArgumentError("store: empty address (a file path or postgresql:// URL)");
  if (options.busy_timeout_ms < 0) {
    return absl::InvalidArgumentError(absl::StrCat("busy_timeout_ms: ", options.busy_timeout_ms, " is negative"));
  }
  if (options.batch_events < 0) {
    return absl::InvalidArgumentError(absl::StrCat("batch_events: ", options.batch_events, " is negative"));
  }
  absl::StatusOr<std::unique_ptr<Backend>> db;
  if (absl::StartsWith(address, "postgresql://") || absl::StartsWith(address, "postgres://")) {
    db = store_internal::OpenPostgres(address, options);
  } else {
    std::string path = address;
    if (absl::StartsWith(path, "sqlite:")) path = path.substr(7);
    if (path.empty()) return absl::InvalidArgumentError("store: sqlite: without a path");
    db = store_internal::OpenSqlite(path, options);
  }
  if (!db.ok()) return db.status();
  return std::unique_ptr<Store>(new BackendStore(*std::move(db), options));
}

absl::StatusOr<CaseProgress> Store::ReplayCase(const std::string& case_id, const CaseMachine& machine,
                                               std::optional<absl::CivilDay> up_to) {
  auto log = ReadCase(case_id);
  if (!log.ok()) return log.status();
  return up_to ? machine.Replay(*log, *up_to) : machine.Replay(*log);
}

absl::StatusOr<v1::CaseState> Store::CaseState(const std::string& case_id, const CaseMachine& machine,
                                               absl::CivilDay as_of, int64_t tukin) {
  auto p = ReplayCase(case_id, machine, as_of);
  if (!p.ok()) return p.status();
  return machine.Describe(*p, as_of, tukin);
}

absl::StatusOr<std::vector<CaseOverdue>> Store::Overdue(const CaseMachine& machine, absl::CivilDay as_of) {
  std::vector<CaseOverdue> out;
  std::vector<OverdueItem> items;
  const std::string on = FormatDate(as_of);
  std::string after;
  for (;;) {
    auto page = ListCases(after, 1000);
    if (!page.ok()) return page.status();
    for (const CaseSummary& c : *page) {
      // Closed by its last event, and so on `as_of` if that came before:
      // no duty is open (CaseMachine::Overdue). On an earlier date it was
      // open, and is replayed up to that date.
      if (IsClosed(c.status) && c.last_date <= on) continue;
      auto p = ReplayCase(c.case_id, machine, as_of);
      if (!p.ok()) return p.status();
      items.clear();
      machine.Overdue(*p, as_of, &items);
      for (const OverdueItem& it : items) out.push_back(CaseOverdue{c.case_id, it});
    }
    if (page->size() < 1000) break;
    after = page->back().case_id;
  }
  return out;
}

}  // namespace netra
