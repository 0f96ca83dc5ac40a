/* UDP over wasi-libc's sockets: send a datagram to the harness's echo peer (argv[1] = ip:port)
 * and receive the echo. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "check.h"
#include "net.h"
#include "peer.h"

static const char MESSAGE[] = "datagram from wasi-matrix";

int main(int argc, char **argv) {
  struct sockaddr_in peer, local;
  if (argc < 2 || !parse_addr(argv[1], &peer) || !parse_addr("127.0.0.1:0", &local)) {
    check(0, "send", "usage: udp-echo ip:port");
    return 1;
  }
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int sent = fd >= 0 && bind(fd, (struct sockaddr *)&local, sizeof local) == 0 &&
             sendto(fd, MESSAGE, strlen(MESSAGE), 0, (struct sockaddr *)&peer, sizeof peer) == (ssize_t)strlen(MESSAGE);
  check(sent, "send", "%s", strerror(errno));
  if (!sent) return 1;
  char reply[128];
  struct sockaddr_in from;
  socklen_t len = sizeof from;
  ssize_t n = recvfrom(fd, reply, sizeof reply - 1, 0, (struct sockaddr *)&from, &len);
  reply[n > 0 ? n : 0] = 0;
  print_reply(reply);
  int saved = errno;
  close(fd);
  check(n > 0 && nonced(reply, "echo: datagram from wasi-matrix") && from.sin_port == peer.sin_port, "echo",
        "received %zd bytes \"%s\" (%s)", n, reply, strerror(saved));
  return check_failures ? 1 : 0;
}
