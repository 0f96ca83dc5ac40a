/* Sub-check reporting for C guests: one TAP-like line per check on stdout,
 * so a partly working runtime shows as 7/9 rather than a bare FAIL. */
#ifndef WASI_MATRIX_CHECK_H
#define WASI_MATRIX_CHECK_H
#include <stdarg.h>
#include <stdio.h>

static int check_failures = 0;

static void check(int cond, const char *name, const char *fmt, ...) {
  if (cond) {
    printf("ok %s\n", name);
  } else {
    va_list ap;
    check_failures++;
    printf("not ok %s # ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
  }
  fflush(stdout);
}

#endif
