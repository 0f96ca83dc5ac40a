// Writes a marker line to std::cerr; the case checks it arrived there and not on stdout.
#include "check.hpp"

int main() {
  Checks c;
  std::cerr << "wasi-matrix-stderr-marker\n";
  std::cerr.flush();
  c.check(!std::cerr.fail(), "stderr-write", "std::cerr failed");
  return c.status();
}
