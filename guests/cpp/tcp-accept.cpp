// p1 sockets: WASI 0.1 cannot open or bind a socket, but it can accept on a listening socket the
// runtime preopened (fd 3 when nothing else is preopened). Accept one connection, answer its
// first line with "echo: " and the line.
#include <cerrno>
#include <cstring>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include "check.hpp"
#include "peer.hpp"

int main() {
  Checks c;
  // The preopened listener may be non-blocking: wait for the harness's connection, up to 10 s.
  int conn = -1;
  for (int tries = 0; tries < 1000; tries++) {
    conn = accept(3, nullptr, nullptr);
    if (conn >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) break;
    usleep(10000);
  }
  c.check(conn >= 0, "accept", std::string("accept(3): ") + (conn < 0 ? std::strerror(errno) : ""));
  if (conn < 0) return 1;
  std::string line;
  char ch;
  while (line.size() < 255 && read(conn, &ch, 1) == 1) {
    line += ch;
    if (ch == '\n') break;
  }
  const std::string reply = "echo: " + line;
  bool sent = write(conn, reply.data(), reply.size()) == static_cast<ssize_t>(reply.size());
  close(conn);
  c.check(nonced(line, "ping from the harness\n") && sent, "read-line", "read \"" + line + "\", reply sent: " + std::to_string(sent));
  return c.status();
}
