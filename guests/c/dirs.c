/* Directory operations inside a preopened directory (argv[1]); the fixture
 * holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind
 * (made/ kept, gone/ removed, listing/ intact) is checked on the host by
 * suites/fs/dirs.yaml. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

int main(int argc, char **argv) {
  if (argc < 2) { printf("not ok usage # need the preopen path\n"); return 2; }
  char p[512];

  snprintf(p, sizeof p, "%s/listing", argv[1]);
  DIR *d = opendir(p);
  static const char *want[] = {"a.txt", "b.txt", "c.txt"};
  int seen[3] = {0, 0, 0}, other = 0;
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      int k = 0;
      while (k < 3 && strcmp(e->d_name, want[k]) != 0) k++;
      if (k < 3) seen[k]++;
      else if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) other++;
    }
    closedir(d);
  }
  /* Each name exactly once: a count alone would pass a listing that repeats one. */
  check(d && seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && other == 0, "readdir",
        "opened=%d a.txt=%d b.txt=%d c.txt=%d other=%d", d != NULL, seen[0], seen[1], seen[2], other);

  snprintf(p, sizeof p, "%s/made", argv[1]);
  int rc = mkdir(p, 0755);
  struct stat st;
  int isdir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
  check(rc == 0 && isdir, "mkdir", "rc=%d isdir=%d errno=%s", rc, isdir, strerror(errno));

  snprintf(p, sizeof p, "%s/gone", argv[1]);
  int made = mkdir(p, 0755) == 0;
  rc = rmdir(p);
  check(made && rc == 0 && stat(p, &st) != 0, "rmdir", "mkdir=%d rc=%d errno=%s", made, rc, strerror(errno));

  snprintf(p, sizeof p, "%s/listing", argv[1]);
  rc = rmdir(p);
  int err = errno;
  check(rc != 0 && err == ENOTEMPTY, "rmdir-nonempty-fails", "rc=%d errno=%s", rc, strerror(err));

  return check_failures ? 1 : 0;
}
