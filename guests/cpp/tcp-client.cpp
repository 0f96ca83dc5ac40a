// TCP client (p2: wasi:sockets through wasi-libc): connect to the harness's echo peer
// (argv[1] = ip:port), send a line, and read the echo back.
#include <cerrno>
#include <cstring>
#include <string>
#include "check.hpp"
#include "net.hpp"
#include "peer.hpp"

int main(int argc, char** argv) {
  Checks c;
  const std::string message = "ping from wasi-matrix\n";
  auto peer = argc > 1 ? parseAddr(argv[1]) : std::nullopt;
  Socket s(peer ? socket(AF_INET, SOCK_STREAM, 0) : -1);
  bool connected = s.ok() && connect(s.fd(), raw(*peer), sizeof *peer) == 0;
  c.check(connected, "connect", peer ? std::strerror(errno) : "usage: tcp-client ip:port");
  if (!connected) return 1;
  bool sent = send(s.fd(), message.data(), message.size(), 0) == static_cast<ssize_t>(message.size());
  std::string reply;
  char buf[128];
  while (sent && reply.find('\n') == std::string::npos && reply.size() < 1024) {
    ssize_t n = recv(s.fd(), buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<size_t>(n));
  }
  printReply(reply);
  c.check(nonced(reply, "echo: " + message), "echo", "sent: " + std::to_string(sent) + ", received \"" + reply + "\" (" + std::strerror(errno) + ")");
  return c.status();
}
