// UDP (p2: wasi:sockets through wasi-libc): send a datagram to the harness's echo peer
// (argv[1] = ip:port) from a bound loopback socket and receive the echo from that peer.
#include <cerrno>
#include <cstring>
#include <string>
#include "check.hpp"
#include "net.hpp"
#include "peer.hpp"

int main(int argc, char** argv) {
  Checks c;
  const std::string message = "datagram from wasi-matrix";
  auto peer = argc > 1 ? parseAddr(argv[1]) : std::nullopt;
  auto local = parseAddr("127.0.0.1:0");
  Socket s(peer ? socket(AF_INET, SOCK_DGRAM, 0) : -1);
  bool sent = s.ok() && bind(s.fd(), raw(*local), sizeof *local) == 0 &&
              sendto(s.fd(), message.data(), message.size(), 0, raw(*peer), sizeof *peer) == static_cast<ssize_t>(message.size());
  c.check(sent, "send", peer ? std::strerror(errno) : "usage: udp-echo ip:port");
  if (!sent) return 1;
  char buf[128];
  sockaddr_in from{};
  socklen_t len = sizeof from;
  ssize_t n = recvfrom(s.fd(), buf, sizeof buf, 0, raw(from), &len);
  std::string reply(buf, n > 0 ? static_cast<size_t>(n) : 0);
  printReply(reply);
  c.check(nonced(reply, "echo: " + message) && from.sin_port == peer->sin_port, "echo", "received \"" + reply + "\" (" + std::strerror(errno) + ")");
  return c.status();
}
