/* Creates more entries than one fd_readdir buffer holds, then lists them.
 * libc must resume with the cookie; a runtime that ignores it repeats entries. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "check.h"

#define COUNT 300

int main(int argc, char **argv) {
  if (argc < 2) { printf("not ok usage # need the preopen path\n"); return 2; }
  char p[512];
  snprintf(p, sizeof p, "%s/many", argv[1]);
  mkdir(p, 0755);
  int made = 0;
  for (int i = 0; i < COUNT; i++) {
    snprintf(p, sizeof p, "%s/many/entry-with-a-deliberately-long-name-to-fill-buffers-%04d", argv[1], i);
    FILE *f = fopen(p, "w");
    if (f) { made++; fclose(f); }
  }
  check(made == COUNT, "create-entries", "created %d of %d", made, COUNT);

  snprintf(p, sizeof p, "%s/many", argv[1]);
  DIR *d = opendir(p);
  int seen = 0;
  if (d) {
    struct dirent *e;
    /* Bounded: a runtime that ignores cookies would otherwise loop forever. */
    while (seen < 10 * COUNT && (e = readdir(d)) != NULL)
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) seen++;
    closedir(d);
  }
  check(seen == COUNT, "readdir-resumes", "listed %d entries, want %d", seen, COUNT);
  return check_failures ? 1 : 0;
}
