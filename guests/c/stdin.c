/* Copies stdin to stdout until end of file. */
#include <stdio.h>
#include "check.h"

int main(void) {
  char buf[256];
  size_t n, total = 0;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    fwrite(buf, 1, n, stdout);
    total += n;
  }
  fflush(stdout);
  check(feof(stdin) && !ferror(stdin), "stdin-eof", "stopped after %zu bytes without EOF", total);
  check(total > 0, "stdin-read", "read 0 bytes");
  return check_failures ? 1 : 0;
}
