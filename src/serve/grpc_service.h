// gRPC for `netra serve` (an optional build part: Debian's libgrpc++-dev).
// Every method of netra.v1.Netra at "/netra.v1.Netra/<Method>" and of
// netra.v1.Records at "/netra.v1.Records/<Method>", served without generated
// code: a generic service hands the request's bytes to the dispatch of
// serve/dispatch.h (as HTTP does) and returns its answer, so gRPC, HTTP and
// every other surface share one request layer. A status is the absl::StatusCode of the same
// number (they are gRPC's codes) with the same message. With tokens, the
// call needs the metadata `authorization: Bearer <token>`
// (UNAUTHENTICATED otherwise).
//
// Thread safety: the service is called on gRPC's threads; the Engine,
// Tokens and Metrics it holds must outlive the grpc::Server.
#ifndef NETRA_SERVE_GRPC_SERVICE_H_
#define NETRA_SERVE_GRPC_SERVICE_H_

#include <grpcpp/generic/async_generic_service.h>

#include <atomic>
#include <memory>

#include "netra/api.h"
#include "netra/records.h"
#include "serve/metrics.h"
#include "serve/tokens.h"

namespace netra::serve {

// `records` may be null (no store: its methods are FAILED_PRECONDITION);
// `tokens` may be null (no tokens file: anyone may call). `draining`: once
// true, new calls are UNAVAILABLE.
std::unique_ptr<grpc::CallbackGenericService> NewGrpcService(const Engine* engine, Records* records,
                                                            const Tokens* tokens, Metrics* metrics,
                                                            const std::atomic<bool>* draining);

}  // namespace netra::serve

#endif  // NETRA_SERVE_GRPC_SERVICE_H_
