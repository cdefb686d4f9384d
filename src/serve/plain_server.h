// cpp-httplib's server for plain HTTP with the service's own connection loop
// (issue 14, benchmarks/README.md "The tail at 64 connections").
//
// cpp-httplib 0.11 serves each connection on one thread, as the service
// wants, but makes for every request system calls that cost a loaded
// two-core machine about a fifth of its throughput: a poll before each read
// and each write, the peer's and its own address, and an answer in two sends
// (head, then body), each waking the client. PlainServer keeps the library's
// parsing, routing and handlers (Server::process_request) and replaces only
// the connection loop and its stream:
//   - reads are buffered across requests and block in recv, bounded by the
//     read timeout (SO_RCVTIMEO), with no poll before them;
//   - writes are held until the answer is complete (or 64 KiB are held), then
//     sent in one sendmsg; held bytes are sent before any read blocks, so an
//     interim "100 Continue" reaches the client;
//   - the addresses are asked once per connection;
//   - between requests the thread sleeps in recv for at most the idle
//     timeout, waking every 100 ms to see whether the server is stopping.
// TLS (httplib::SSLServer) keeps the library's own loop.
//
// Thread safety: as httplib::Server; each connection's stream lives on the
// thread that serves it.
#ifndef NETRA_SRC_SERVE_PLAIN_SERVER_H_
#define NETRA_SRC_SERVE_PLAIN_SERVER_H_

#include <httplib.h>

namespace netra::serve {

class PlainServer : public httplib::Server {
 private:
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace netra::serve

#endif  // NETRA_SRC_SERVE_PLAIN_SERVER_H_
