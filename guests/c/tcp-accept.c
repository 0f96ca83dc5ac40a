/* p1 sockets: WASI 0.1 cannot open or bind a socket, but it can accept on a listening socket the
 * runtime preopened (fd 3 when nothing else is preopened). Accept one connection, answer its
 * first line with "echo: " and the line. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"
#include "peer.h"

int main(void) {
  /* The preopened listener may be non-blocking: wait for the harness's connection, up to 10 s. */
  int conn = -1;
  for (int tries = 0; tries < 1000; tries++) {
    conn = accept(3, NULL, NULL);
    if (conn >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) break;
    usleep(10000);
  }
  check(conn >= 0, "accept", "accept(3): %s", conn < 0 ? strerror(errno) : "");
  if (conn < 0) return 1;
  char line[256];
  size_t n = 0;
  while (n < sizeof line - 1) {
    ssize_t got = read(conn, line + n, 1);
    if (got <= 0) break;
    if (line[n++] == '\n') break;
  }
  line[n] = 0;
  const char *prefix = "echo: ";
  int sent = write(conn, prefix, strlen(prefix)) > 0 && write(conn, line, n) == (ssize_t)n;
  close(conn);
  check(nonced(line, "ping from the harness\n") && sent, "read-line", "read \"%s\", reply sent: %d", line, sent);
  return check_failures ? 1 : 0;
}
