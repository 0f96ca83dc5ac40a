/*
 * The process the driver starts for a cell run by a warm host, as client.mjs does it, compiled
 * once into the cache: a Node start costs ~90 ms of CPU per cell, this costs ~1. It hands the
 * guest's argv and stdin to the host, writes back the guest's stdout and stderr as they come
 * (frames: type, 32-bit big-endian length, bytes; 1 stdout, 2 stderr, 3 exit status), and exits
 * with the guest's status. Killing it closes the connection, which stops the guest.
 * Usage: client <socket> <guest argv>
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fputs("usage: client <socket> <guest argv>\n", stderr);
    return 2;
  }
  /* A reader gone (the driver's output cap) ends us through a failed write, not a signal. */
  signal(SIGPIPE, SIG_IGN);

  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof addr.sun_path) {
    fputs("wasi-matrix warm host unreachable: socket path too long\n", stderr);
    return 1;
  }
  strcpy(addr.sun_path, argv[1]);
  int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  if (sock < 0 || connect(sock, (struct sockaddr *)&addr, sizeof addr) < 0) {
    fprintf(stderr, "wasi-matrix warm host unreachable: %s\n", strerror(errno));
    return 1;
  }
  if (write_all(sock, argv[2], strlen(argv[2])) < 0 || write_all(sock, "\n", 1) < 0) {
    fprintf(stderr, "wasi-matrix warm host unreachable: %s\n", strerror(errno));
    return 1;
  }

  /* The frame being read: its header so far, then how much of its body is left. */
  unsigned char head[5];
  size_t head_len = 0, left = 0;
  char status_text[32];
  size_t status_len = 0;
  int have_status = 0, stdin_open = 1;
  char buf[65536];

  for (;;) {
    struct pollfd fds[2] = {{.fd = sock, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
    if (poll(fds, stdin_open ? 2 : 1, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (stdin_open && fds[1].revents) {
      ssize_t n = read(0, buf, sizeof buf);
      if (n > 0) {
        if (write_all(sock, buf, (size_t)n) < 0) stdin_open = 0;
      } else if (n == 0 || errno != EINTR) {
        /* The guest's stdin is done: our half of the connection is too. */
        stdin_open = 0;
        shutdown(sock, SHUT_WR);
      }
    }
    if (!fds[0].revents) continue;
    ssize_t n = read(sock, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n;) {
      if (head_len < 5) {
        head[head_len++] = (unsigned char)buf[i++];
        if (head_len == 5) {
          left = ((size_t)head[1] << 24) | ((size_t)head[2] << 16) | ((size_t)head[3] << 8) | head[4];
          if (head[0] == 3) status_len = 0;
        }
      } else {
        size_t take = (size_t)(n - i) < left ? (size_t)(n - i) : left;
        if (head[0] == 1 || head[0] == 2) {
          if (write_all(head[0], buf + i, take) < 0) return 1;
        } else if (head[0] == 3) {
          for (size_t k = 0; k < take && status_len < sizeof status_text - 1; k++) status_text[status_len++] = buf[i + k];
        }
        i += (ssize_t)take;
        left -= take;
      }
      if (head_len == 5 && left == 0) {
        if (head[0] == 3) {
          status_text[status_len] = 0;
          have_status = 1;
        }
        head_len = 0;
      }
    }
  }
  if (!have_status) {
    fputs("wasi-matrix warm host: the guest ended without an exit status\n", stderr);
    return 1;
  }
  return (int)(strtol(status_text, NULL, 10) & 0xff);
}
