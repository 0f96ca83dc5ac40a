/* Paths that leave the preopened directory (argv[1]) must not open. The
 * fixture puts outside/secret.txt beside the preopened directory on the host. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static void must_fail(const char *name, const char *path) {
  errno = 0;
  int fd = open(path, O_RDONLY);
  check(fd < 0, name, "opened %s (fd %d)", path, fd);
  if (fd >= 0) close(fd);
}

int main(int argc, char **argv) {
  if (argc < 2) { printf("not ok usage # need the preopen path\n"); return 2; }
  char p[512];
  snprintf(p, sizeof p, "%s/inside.txt", argv[1]);
  int fd = open(p, O_RDONLY);
  check(fd >= 0, "inside-opens", "errno=%s", strerror(errno));
  if (fd >= 0) close(fd);
  snprintf(p, sizeof p, "%s/../outside/secret.txt", argv[1]);
  must_fail("escape-dotdot", p);
  must_fail("escape-absolute", "/outside/secret.txt");
  must_fail("escape-host-root", "/etc/passwd");
  return check_failures ? 1 : 0;
}
