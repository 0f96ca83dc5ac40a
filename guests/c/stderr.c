/* Writes a marker line to stderr; the case checks it arrived there and not on stdout. */
#include <stdio.h>
#include "check.h"

int main(void) {
  int rc = fputs("wasi-matrix-stderr-marker\n", stderr);
  int fl = fflush(stderr);
  check(rc >= 0 && fl == 0, "stderr-write", "fputs=%d fflush=%d", rc, fl);
  return check_failures ? 1 : 0;
}
