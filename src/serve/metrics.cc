#include "serve/metrics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace netra::serve {
namespace {
constexpr const char* kRefusalNames[kRefusalKinds] = {"unauthenticated", "forbidden",   "too_large",
                                                      "connections",     "bad_request", "draining"};
}  // namespace

Metrics::Metrics(std::vector<std::string> routes) : routes_(std::move(routes)) {
  if (std::find(routes_.begin(), routes_.end(), "other") == routes_.end()) routes_.push_back("other");
  per_route_ = std::make_unique<PerRoute[]>(routes_.size());
}

int Metrics::Route(absl::string_view route) const {
  int other = 0;
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i] == route) return static_cast<int>(i);
    if (routes_[i] == "other") other = static_cast<int>(i);
  }
  return other;
}

void Metrics::Request(int route, int http_status, double seconds) {
  PerRoute& r = per_route_[route];
  const auto s = std::find(kStatuses.begin(), kStatuses.end(), http_status);
  r.by_status[s - kStatuses.begin()].fetch_add(1, std::memory_order_relaxed);
  const auto b = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  r.buckets[b - kBuckets.begin()].fetch_add(1, std::memory_order_relaxed);
  r.micros.fetch_add(static_cast<int64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::Refused(Refusal why) { refusals_[static_cast<int>(why)].fetch_add(1, std::memory_order_relaxed); }

std::string Metrics::Render() const {
  std::string out =
      "# HELP netra_requests_total Requests answered, by route and HTTP status.\n"
      "# TYPE netra_requests_total counter\n";
  for (size_t i = 0; i < routes_.size(); ++i) {
    for (size_t s = 0; s <= kStatuses.size(); ++s) {
      const int64_t n = per_route_[i].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      absl::StrAppend(&out, "netra_requests_total{route=\"", routes_[i], "\",code=\"",
                      s < kStatuses.size() ? absl::StrCat(kStatuses[s]) : "other", "\"} ", n, "\n");
    }
  }
  absl::StrAppend(&out,
                  "# HELP netra_request_duration_seconds Time from the request's first byte read to its answer "
                  "written, by route.\n"
                  "# TYPE netra_request_duration_seconds histogram\n");
  for (size_t i = 0; i < routes_.size(); ++i) {
    const PerRoute& r = per_route_[i];
    int64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      absl::StrAppend(&out, "netra_request_duration_seconds_bucket{route=\"", routes_[i], "\",le=\"",
                      b < kBuckets.size() ? absl::StrFormat("%g", kBuckets[b]) : "+Inf", "\"} ", cumulative, "\n");
    }
    absl::StrAppend(&out, "netra_request_duration_seconds_sum{route=\"", routes_[i], "\"} ",
                    absl::StrFormat("%.6f", r.micros.load(std::memory_order_relaxed) / 1e6), "\n",
                    "netra_request_duration_seconds_count{route=\"", routes_[i], "\"} ", cumulative, "\n");
  }
  absl::StrAppend(&out,
                  "# HELP netra_refusals_total Requests refused before they were answered, by reason.\n"
                  "# TYPE netra_refusals_total counter\n");
  for (int k = 0; k < kRefusalKinds; ++k) {
    absl::StrAppend(&out, "netra_refusals_total{reason=\"", kRefusalNames[k], "\"} ",
                    refusals_[k].load(std::memory_order_relaxed), "\n");
  }
  absl::StrAppend(&out,
                  "# HELP netra_connections Connections open now.\n# TYPE netra_connections gauge\nnetra_connections ",
                  connections_.load(std::memory_order_relaxed),
                  "\n# HELP netra_requests_in_flight Requests being answered now.\n"
                  "# TYPE netra_requests_in_flight gauge\nnetra_requests_in_flight ",
                  in_flight_.load(std::memory_order_relaxed),
                  "\n# HELP netra_log_appends_total Cases, case and pact events and roster rows stored.\n"
                  "# TYPE netra_log_appends_total counter\nnetra_log_appends_total ",
                  appends_ ? appends_() : 0, "\n");
  return out;
}

}  // namespace netra::serve
