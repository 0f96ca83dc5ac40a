/* File operations inside a preopened directory (argv[1]); the fixture holds
 * hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind
 * (renamed.txt = "fresh bytes", an empty created.txt, no written.txt, no
 * unlink-me.txt) is checked on the host by suites/fs/files.yaml. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static char path_buf[4][512];
static const char *at(int slot, const char *root, const char *name) {
  snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", root, name);
  return path_buf[slot];
}

static int read_all(const char *path, char *out, size_t cap) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t n = fread(out, 1, cap - 1, f);
  out[n] = '\0';
  fclose(f);
  return (int)n;
}

int main(int argc, char **argv) {
  if (argc < 2) { printf("not ok usage # need the preopen path\n"); return 2; }
  const char *root = argv[1];
  char buf[256];

  int n = read_all(at(0, root, "hello.txt"), buf, sizeof buf);
  check(n >= 0 && strcmp(buf, "hello, fixture\n") == 0, "read", "n=%d errno=%s", n, strerror(errno));

  struct stat st;
  int rc = stat(at(0, root, "hello.txt"), &st);
  check(rc == 0 && S_ISREG(st.st_mode) && st.st_size == 15, "stat", "rc=%d size=%lld errno=%s",
        rc, (long long)st.st_size, strerror(errno));

  FILE *f = fopen(at(0, root, "written.txt"), "wb");
  int wrote = f ? (int)fwrite("fresh bytes", 1, 11, f) : -1;
  if (f) fclose(f);
  n = read_all(at(0, root, "written.txt"), buf, sizeof buf);
  check(wrote == 11 && n == 11 && strcmp(buf, "fresh bytes") == 0, "write", "wrote=%d read=%d", wrote, n);

  int fd = open(at(0, root, "created.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
  int fd2 = open(at(0, root, "created.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
  int err2 = errno;
  check(fd >= 0 && fd2 < 0 && err2 == EEXIST, "create-exclusive", "first=%d second=%d errno=%s", fd, fd2, strerror(err2));
  if (fd >= 0) close(fd);
  if (fd2 >= 0) close(fd2);

  rc = rename(at(0, root, "written.txt"), at(1, root, "renamed.txt"));
  int gone = access(at(0, root, "written.txt"), F_OK) != 0;
  int there = access(at(1, root, "renamed.txt"), F_OK) == 0;
  check(rc == 0 && gone && there, "rename", "rc=%d old-gone=%d new-there=%d errno=%s", rc, gone, there, strerror(errno));

  rc = unlink(at(2, root, "unlink-me.txt"));
  check(rc == 0 && access(at(2, root, "unlink-me.txt"), F_OK) != 0, "unlink", "rc=%d errno=%s", rc, strerror(errno));

  return check_failures ? 1 : 0;
}
