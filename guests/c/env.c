/* Sees exactly the environment declared by suites/cli/env.yaml: the declared
 * variables, with UTF-8 intact, and nothing inherited from the host. */
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
    if (strncmp(*e, "WASI_MATRIX_", 12) != 0 && !extra) extra = *e;
  }
  check(extra == NULL, "env-no-leak", "%d variables, first undeclared: %.60s", n, extra ? extra : "");
  return check_failures ? 1 : 0;
}
