/* TCP server over wasi-libc's sockets: listen on 127.0.0.1:argv[1], print the bound address,
 * accept one connection, answer its first line with "echo: " and the line, then exit. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"
#include "net.h"
#include "peer.h"

int main(int argc, char **argv) {
  char where[80];
  snprintf(where, sizeof where, "127.0.0.1:%s", argc > 1 ? argv[1] : "0");
  struct sockaddr_in addr;
  int fd = parse_addr(where, &addr) ? socket(AF_INET, SOCK_STREAM, 0) : -1;
  int listening = fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(fd, 1) == 0;
  check(listening, "listen", "%s", strerror(errno));
  if (!listening) return 1;
  socklen_t len = sizeof addr;
  if (getsockname(fd, (struct sockaddr *)&addr, &len) == 0) printf("127.0.0.1:%d\n", ntohs(addr.sin_port));
  fflush(stdout);
  int conn = accept(fd, NULL, NULL);
  check(conn >= 0, "accept", "%s", strerror(errno));
  if (conn < 0) return 1;
  char line[256];
  size_t n = 0;
  while (n < sizeof line - 1) {
    ssize_t got = recv(conn, line + n, 1, 0);
    if (got <= 0) break;
    if (line[n++] == '\n') break;
  }
  line[n] = 0;
  const char *prefix = "echo: ";
  int sent = send(conn, prefix, strlen(prefix), 0) > 0 && send(conn, line, n, 0) == (ssize_t)n;
  close(conn);
  close(fd);
  check(nonced(line, "ping from the harness\n") && sent, "read-line", "read \"%s\", reply sent: %d", line, sent);
  return check_failures ? 1 : 0;
}
