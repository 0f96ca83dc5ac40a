// TCP server (p2: wasi:sockets through wasi-libc): listen on 127.0.0.1:argv[1], accept the
// harness's connection, and answer its first line with "echo: " and the line.
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include "check.hpp"
#include "net.hpp"
#include "peer.hpp"

int main(int argc, char** argv) {
  Checks c;
  auto addr = parseAddr(std::string("127.0.0.1:") + (argc > 1 ? argv[1] : "0"));
  Socket listener(addr ? socket(AF_INET, SOCK_STREAM, 0) : -1);
  bool listening = listener.ok() && bind(listener.fd(), raw(*addr), sizeof *addr) == 0 && listen(listener.fd(), 1) == 0;
  c.check(listening, "listen", std::strerror(errno));
  if (!listening) return 1;
  socklen_t len = sizeof *addr;
  if (getsockname(listener.fd(), raw(*addr), &len) == 0) std::cout << "127.0.0.1:" << ntohs(addr->sin_port) << std::endl;
  Socket conn(accept(listener.fd(), nullptr, nullptr));
  c.check(conn.ok(), "accept", std::strerror(errno));
  if (!conn.ok()) return 1;
  std::string line;
  char ch;
  while (line.size() < 255 && recv(conn.fd(), &ch, 1, 0) == 1) {
    line += ch;
    if (ch == '\n') break;
  }
  const std::string reply = "echo: " + line;
  bool sent = send(conn.fd(), reply.data(), reply.size(), 0) == static_cast<ssize_t>(reply.size());
  c.check(nonced(line, "ping from the harness\n") && sent, "read-line", "read \"" + line + "\", reply sent: " + std::to_string(sent));
  return c.status();
}
