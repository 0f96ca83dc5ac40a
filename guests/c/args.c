/* Receives the arguments declared by suites/cli/args.yaml and compares them. */
#include <string.h>
#include "check.h"

int main(int argc, char **argv) {
  check(argc == 4, "argc", "argc=%d, want 4", argc);
  check(argc > 0 && argv[0] != NULL && argv[0][0] != '\0', "argv0-present", "argv[0] empty");
  check(argc > 1 && strcmp(argv[1], "alpha") == 0, "argv-plain", "argv[1]=%s", argc > 1 ? argv[1] : "(none)");
  check(argc > 2 && strcmp(argv[2], "beta gamma") == 0, "argv-space", "argv[2]=%s", argc > 2 ? argv[2] : "(none)");
  check(argc > 3 && strcmp(argv[3], "\xc3\xbcnic\xc3\xb8" "de") == 0, "argv-utf8", "argv[3]=%s", argc > 3 ? argv[3] : "(none)");
  return check_failures ? 1 : 0;
}
