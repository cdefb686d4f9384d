// Which server model keeps the tail short on a 2-core machine shared with its
// load generator (benchmarks/README.md, "The service under load": the
// experiment behind the decision to keep `netra serve` on a thread per
// connection). A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers
// every request with 11,000 bytes after 40 µs of work (about the service's
// Evaluate), either with a thread per connection or with N event loops
// (epoll, SO_REUSEPORT, one thread each):
//   netra_server_models threads PORT
//   netra_server_models threads-httplib PORT
//   netra_server_models epoll PORT N
// threads-httplib makes the system calls cpp-httplib 0.11 makes for each
// request (a poll before each read and write, the peer's and its own
// address, the head and the body in two writes), to tell their cost apart
// from the model's (benchmarks/serve_tail.sh).
// then, from another shell: wrk -t2 -c64 -d5s --latency http://127.0.0.1:PORT/
// Not part of netra: it parses only what wrk sends (no bodies) and runs until
// killed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

const std::string& Response() {
  static const std::string r =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11000\r\n\r\n" + std::string(11000, 'x');
  return r;
}

// 40 µs of CPU, as a request would take.
void Work() {
  const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(40);
  while (std::chrono::steady_clock::now() < until) {
  }
}

int Listen(int port, bool reuse_port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (reuse_port) setsockopt(s, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(s, 1024) != 0) {
    std::perror("listen");
    std::exit(1);
  }
  return s;
}

bool g_like_httplib = false;

void PollFor(int c, short events) {
  pollfd p{c, events, 0};
  poll(&p, 1, 5000);
}

bool WriteAll(int c, std::string_view r) {
  if (g_like_httplib) PollFor(c, POLLOUT);
  for (size_t at = 0; at < r.size();) {
    const ssize_t n = write(c, r.data() + at, r.size() - at);
    if (n > 0) {
      at += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      usleep(10);
    } else {
      return false;
    }
  }
  return true;
}

// Answers every complete request in `buf`, then reads what has arrived;
// false when the connection is done.
bool Serve(int c, std::string& buf, bool blocking) {
  char tmp[4096];
  for (;;) {
    const size_t end = buf.find("\r\n\r\n");
    if (end != std::string::npos) {
      buf.erase(0, end + 4);
      Work();
      if (g_like_httplib) {
        sockaddr_in a{};
        socklen_t l = sizeof a;
        getpeername(c, reinterpret_cast<sockaddr*>(&a), &l);
        l = sizeof a;
        getsockname(c, reinterpret_cast<sockaddr*>(&a), &l);
        const std::string_view r = Response();
        const size_t head = r.find("\r\n\r\n") + 4;
        if (!WriteAll(c, r.substr(0, head)) || !WriteAll(c, r.substr(head))) return false;
      } else if (!WriteAll(c, Response())) {
        return false;
      }
      continue;
    }
    if (g_like_httplib) PollFor(c, POLLIN);
    const ssize_t n = read(c, tmp, sizeof tmp);
    if (n == 0) return false;
    if (n < 0) return !blocking && errno == EAGAIN;
    buf.append(tmp, static_cast<size_t>(n));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (std::string(argv[1]) == "epoll" && argc < 4)) {
    std::fprintf(stderr, "usage: %s threads PORT | threads-httplib PORT | epoll PORT N\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[2]);
  std::signal(SIGPIPE, SIG_IGN);  // a client that leaves mid-answer ends its connection, not the server
  const int one = 1;
  g_like_httplib = std::string(argv[1]) == "threads-httplib";
  if (std::string(argv[1]) == "threads" || g_like_httplib) {
    const int s = Listen(port, false);
    for (;;) {
      const int c = accept(s, nullptr, nullptr);
      if (c < 0) continue;
      setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::thread([c] {
        std::string buf;
        Serve(c, buf, true);
        close(c);
      }).detach();
    }
  }
  std::vector<std::thread> loops;
  for (int t = 0; t < std::atoi(argv[3]); ++t) {
    loops.emplace_back([port] {
      const int s = Listen(port, true), ep = epoll_create1(0), yes = 1;
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = s;
      epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
      std::vector<std::string> bufs(65536);
      epoll_event ready[256];
      for (;;) {
        const int n = epoll_wait(ep, ready, 256, -1);
        for (int i = 0; i < n; ++i) {
          const int fd = ready[i].data.fd;
          if (fd == s) {
            const int c = accept4(s, nullptr, nullptr, SOCK_NONBLOCK);
            if (c < 0 || c >= static_cast<int>(bufs.size())) {
              if (c >= 0) close(c);
              continue;
            }
            setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
            epoll_event e{};
            e.events = EPOLLIN;
            e.data.fd = c;
            epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
            bufs[c].clear();
          } else if (!Serve(fd, bufs[fd], false)) {
            close(fd);
          }
        }
      }
    });
  }
  for (std::thread& t : loops) t.join();
}
