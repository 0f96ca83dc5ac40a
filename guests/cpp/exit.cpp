// Exits with the status given as its first argument.
#include <cstdlib>
#include <string>
#include "check.hpp"

int main(int argc, char** argv) {
  Checks c;
  c.check(argc == 2, "exit-arg", "argc=" + std::to_string(argc));
  if (argc != 2) return 99;
  std::exit(std::atoi(argv[1]));
}
