// The plain-HTTP connection loop of `netra serve` (src/serve/plain_server.h).
#include "serve/plain_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <chrono>
#include <cstring>
#include <string>

namespace netra::serve {
namespace {

// Held answer bytes past which they are sent without waiting for the end of
// the answer (a streamed batch writes in chunks of this order).
constexpr size_t kHoldBytes = 64 * 1024;
// The longest a recv blocks: a thread waiting for a connection's next
// request looks this often whether the server is stopping, and a read
// timeout is counted in these steps.
constexpr std::chrono::milliseconds kRecvStep(100);

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds Millis(time_t sec, time_t usec) {
  return std::chrono::milliseconds(sec * 1000 + usec / 1000);
}

void SetTimeout(int fd, int option, std::chrono::milliseconds t) {
  if (t.count() <= 0) return;  // none: block as long as it takes
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(t.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>(t.count() % 1000 * 1000);
  ::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

// The numeric host and the port of an address, as cpp-httplib gives them.
void HostAndPort(const sockaddr_storage& addr, socklen_t len, std::string* ip, int* port) {
  char host[NI_MAXHOST];
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, nullptr, 0, NI_NUMERICHOST) ==
      0) {
    *ip = host;
  }
  if (addr.ss_family == AF_INET) {
    *port = ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    *port = ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  }
}

// One connection's stream: reads buffered across its requests, writes held
// until the answer is complete (plain_server.h).
class ConnectionStream final : public httplib::Stream {
 public:
  // The socket's SO_RCVTIMEO is at most kRecvStep: a read waits in such
  // steps until `read_timeout` has passed without a byte.
  ConnectionStream(int fd, std::chrono::milliseconds read_timeout) : fd_(fd), read_timeout_(read_timeout) {}

  bool is_readable() const override {
    if (at_ < end_) return true;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(std::min<int64_t>(read_timeout_.count(), INT32_MAX))) > 0;
  }
  bool is_writable() const override { return !failed_; }

  ssize_t read(char* ptr, size_t size) override {
    if (at_ == end_) {
      // Whatever is held goes out before the thread blocks on the client,
      // which may be waiting for it ("100 Continue").
      if (!Flush()) return -1;
      const auto deadline = Clock::now() + read_timeout_;
      const auto waiting = [&] { return Clock::now() < deadline; };
      if (size >= sizeof in_) return Recv(ptr, size, waiting);
      if (const ssize_t n = Fill(waiting); n <= 0) return n;
    }
    const size_t n = std::min(size, end_ - at_);
    std::memcpy(ptr, in_ + at_, n);
    at_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (failed_) return -1;
    if (out_.size() + size <= kHoldBytes) {
      out_.append(ptr, size);
    } else {  // what is held and this, in one send, without copying this
      if (!Send(ptr, size)) return -1;
      out_.clear();
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    Address(&remote_, &::getpeername);
    ip = remote_.ip;
    port = remote_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    Address(&local_, &::getsockname);
    ip = local_.ip;
    port = local_.port;
  }
  socket_t socket() const override { return fd_; }

  // Sends what is held; false once a send has failed.
  bool Flush() {
    if (out_.empty()) return !failed_;
    const bool ok = Send(nullptr, 0);
    out_.clear();
    return ok;
  }

  // Reads the next request's first bytes: false when the client closed or
  // failed, after `idle` without a byte, or when the server is stopping
  // (`listening` closed). No poll first: the thread sleeps in recv.
  bool WaitForRequest(std::chrono::milliseconds idle, const std::atomic<socket_t>& listening) {
    if (at_ < end_) return true;
    const auto deadline = Clock::now() + idle;
    return Fill([&] { return listening != INVALID_SOCKET && Clock::now() < deadline; }) > 0;
  }

 private:
  struct Cached {
    bool known = false;
    std::string ip;
    int port = 0;
  };

  void Address(Cached* c, int (*get)(int, sockaddr*, socklen_t*)) const {
    if (c->known) return;
    c->known = true;
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (get(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) HostAndPort(addr, len, &c->ip, &c->port);
  }

  // recv, going on after each step without a byte while `go_on()`.
  template <typename GoOn>
  ssize_t Recv(char* ptr, size_t size, GoOn go_on) {
    for (;;) {
      const ssize_t n = ::recv(fd_, ptr, size, 0);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !go_on()) return -1;
    }
  }

  // Refills the read buffer (empty when called): what recv returned, 0 at
  // the end of the stream and -1 on an error or timeout.
  template <typename GoOn>
  ssize_t Fill(GoOn go_on) {
    const ssize_t n = Recv(in_, sizeof in_, go_on);
    if (n > 0) {
      at_ = 0;
      end_ = static_cast<size_t>(n);
    }
    return n;
  }

  // Sends out_ and then [ptr, ptr + size) in as few sendmsg calls as the
  // socket takes; a send that makes no progress within the write timeout
  // (SO_SNDTIMEO) fails the connection.
  bool Send(const char* ptr, size_t size) {
    if (failed_) return false;
    iovec parts[2] = {{out_.data(), out_.size()}, {const_cast<char*>(ptr), size}};
    iovec* next = parts;
    int count = size > 0 ? 2 : 1;
    while (count > 0) {
      msghdr msg{};
      msg.msg_iov = next;
      msg.msg_iovlen = static_cast<size_t>(count);
      const ssize_t n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {  // EAGAIN: nothing went out within the write timeout
        failed_ = true;
        return false;
      }
      size_t sent = static_cast<size_t>(n);
      while (count > 0 && sent >= next->iov_len) {
        sent -= next->iov_len;
        ++next;
        --count;
      }
      if (count > 0) {
        next->iov_base = static_cast<char*>(next->iov_base) + sent;
        next->iov_len -= sent;
      }
    }
    return true;
  }

  const int fd_;
  const std::chrono::milliseconds read_timeout_;
  char in_[16 * 1024];
  size_t at_ = 0, end_ = 0;
  std::string out_;
  bool failed_ = false;
  mutable Cached remote_, local_;
};

}  // namespace

bool PlainServer::process_and_close_socket(socket_t sock) {
  std::chrono::milliseconds read_timeout = Millis(read_timeout_sec_, read_timeout_usec_);
  if (read_timeout.count() <= 0) read_timeout = std::chrono::hours(24 * 365);  // none
  SetTimeout(sock, SO_RCVTIMEO, std::min(kRecvStep, read_timeout));
  SetTimeout(sock, SO_SNDTIMEO, Millis(write_timeout_sec_, write_timeout_usec_));
  ConnectionStream strm(sock, read_timeout);
  bool ret = false;
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!strm.WaitForRequest(Millis(keep_alive_timeout_sec_, 0), svr_sock_)) break;
    bool closed = false;
    ret = process_request(strm, left == 1, closed, nullptr);
    if (!strm.Flush()) ret = false;
    if (!ret || closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace netra::serve
