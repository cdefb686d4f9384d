// The figures `netra serve` exposes at /metrics, in the Prometheus text
// format (version 0.0.4): requests by route and status, latency by route,
// refusals by reason, connections, and the events appended to the store.
//
// Routes and refusal reasons are fixed when the Metrics is made, so the hot
// path only adds to atomics (no lock, no allocation).
//
// Thread safety: every method may be called from any thread.
#ifndef NETRA_SERVE_METRICS_H_
#define NETRA_SERVE_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace netra::serve {

// Why the service refused a request before answering it (the label
// `reason` of netra_refusals_total).
enum class Refusal {
  kUnauthenticated,  // no token, or one not in the tokens file
  kForbidden,        // a token without the access or agency asked for
  kTooLarge,         // a body past its limit
  kConnections,      // past --max-connections
  kBadRequest,       // a request the service could not read (route, options)
  kDraining,         // asked while the service stops
};
inline constexpr int kRefusalKinds = 6;

class Metrics {
 public:
  // `routes`: every route label the service uses ("Evaluate", "healthz", ...).
  explicit Metrics(std::vector<std::string> routes);

  // The index of `route` in the list given to the constructor, or the index
  // of "other" (always present) for an unknown one.
  int Route(absl::string_view route) const;
  void Request(int route, int http_status, double seconds);
  void Refused(Refusal why);
  void ConnectionOpened() { connections_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
  // Where netra_log_appends_total comes from (Records::appended); unset: 0.
  // Set before the service starts.
  void CountAppends(std::function<int64_t()> appends) { appends_ = std::move(appends); }
  // Requests between their routing and their answer (the gauge
  // netra_requests_in_flight): what a drain waits for.
  std::atomic<int>& in_flight() { return in_flight_; }

  // The text served at /metrics.
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   1,     5,    30};
  // Statuses counted per route: 2xx..5xx by their exact code among these,
  // anything else as "other".
  static constexpr std::array<int, 14> kStatuses = {200, 400, 401, 403, 404, 405, 409,
                                                    413, 415, 429, 500, 501, 503, 504};
  struct PerRoute {
    std::array<std::atomic<int64_t>, kStatuses.size() + 1> by_status{};
    std::array<std::atomic<int64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<int64_t> micros{0};
  };
  std::vector<std::string> routes_;
  std::unique_ptr<PerRoute[]> per_route_;
  std::array<std::atomic<int64_t>, kRefusalKinds> refusals_{};
  std::atomic<int64_t> connections_{0};
  std::function<int64_t()> appends_;
  std::atomic<int> in_flight_{0};
};

}  // namespace netra::serve

#endif  // NETRA_SERVE_METRICS_H_
