/* Exits with the status given as its first argument. */
#include <stdlib.h>
#include "check.h"

int main(int argc, char **argv) {
  check(argc == 2, "exit-arg", "argc=%d", argc);
  if (argc != 2) return 99;
  exit(atoi(argv[1]));
}
