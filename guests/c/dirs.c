/* Directory operations inside a preopened directory (argv[1]); the fixture
 * holds listing/ with exactly a.txt, b.txt and c.txt. */
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
  int files = 0, dots = 0, other = 0;
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) dots++;
      else if (!strcmp(e->d_name, "a.txt") || !strcmp(e->d_name, "b.txt") || !strcmp(e->d_name, "c.txt")) files++;
      else other++;
    }
    closedir(d);
  }
  check(d && files == 3 && other == 0, "readdir", "opened=%d files=%d other=%d", d != NULL, files, other);

  snprintf(p, sizeof p, "%s/made", argv[1]);
  int rc = mkdir(p, 0755);
  struct stat st;
  int isdir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
  check(rc == 0 && isdir, "mkdir", "rc=%d isdir=%d errno=%s", rc, isdir, strerror(errno));

  rc = rmdir(p);
  check(rc == 0 && stat(p, &st) != 0, "rmdir", "rc=%d errno=%s", rc, strerror(errno));

  snprintf(p, sizeof p, "%s/listing", argv[1]);
  rc = rmdir(p);
  int err = errno;
  check(rc != 0 && err == ENOTEMPTY, "rmdir-nonempty-fails", "rc=%d errno=%s", rc, strerror(err));

  return check_failures ? 1 : 0;
}
