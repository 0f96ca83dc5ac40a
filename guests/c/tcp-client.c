/* TCP client over wasi-libc's sockets (WASI 0.2 wasi:sockets underneath): connect to the
 * harness's echo peer (argv[1] = ip:port), send a line, read the echo back. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"
#include "net.h"
#include "peer.h"

static const char MESSAGE[] = "ping from wasi-matrix\n";

int main(int argc, char **argv) {
  struct sockaddr_in peer;
  if (argc < 2 || !parse_addr(argv[1], &peer)) {
    check(0, "connect", "usage: tcp-client ip:port");
    return 1;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int connected = fd >= 0 && connect(fd, (struct sockaddr *)&peer, sizeof peer) == 0;
  check(connected, "connect", "%s", strerror(errno));
  if (!connected) return 1;
  ssize_t sent = send(fd, MESSAGE, strlen(MESSAGE), 0);
  char reply[128];
  size_t got = 0;
  while (sent > 0 && got < sizeof reply - 1 && !memchr(reply, '\n', got)) {
    ssize_t n = recv(fd, reply + got, sizeof reply - 1 - got, 0);
    if (n <= 0) break;
    got += (size_t)n;
  }
  reply[got] = 0;
  print_reply(reply);
  int saved = errno;
  close(fd);
  check(nonced(reply, "echo: ping from wasi-matrix\n"), "echo", "sent %zd, received \"%s\" (%s)", sent, reply, strerror(saved));
  return check_failures ? 1 : 0;
}
