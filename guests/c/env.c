/* Sees exactly the environment declared by suites/cli/env.yaml: the declared
 * variables, with UTF-8 intact, and no other variable at all (the inherit-env
 * control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do). */
#include <stdlib.h>
#include <string.h>
#include "check.h"

extern char **environ;

int main(void) {
  const char *a = getenv("WASI_MATRIX_A");
  const char *u = getenv("WASI_MATRIX_UTF8");
  check(a && strcmp(a, "one") == 0, "env-set", "WASI_MATRIX_A=%s", a ? a : "(unset)");
  check(u && strcmp(u, "gr\xc3\xbc\xc3\x9f") == 0, "env-utf8", "WASI_MATRIX_UTF8=%s", u ? u : "(unset)");
  int n = 0;
  const char *extra = NULL;
  for (char **e = environ; e && *e; e++) {
    n++;
    int declared = strncmp(*e, "WASI_MATRIX_A=", 14) == 0 || strncmp(*e, "WASI_MATRIX_UTF8=", 17) == 0;
    if (!declared && !extra) extra = *e;
  }
  check(extra == NULL, "env-no-leak", "%d variables, first undeclared: %.60s", n, extra ? extra : "");
  return check_failures ? 1 : 0;
}
