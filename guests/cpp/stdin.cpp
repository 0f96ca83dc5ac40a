// Copies std::cin to std::cout until end of file.
#include "check.hpp"

int main() {
  Checks c;
  size_t total = 0;
  char ch;
  while (std::cin.get(ch)) {
    std::cout.put(ch);
    ++total;
  }
  std::cout.flush();
  c.check(std::cin.eof() && !std::cin.bad(), "stdin-eof", "stopped after " + std::to_string(total) + " bytes without EOF");
  c.check(total > 0, "stdin-read", "read 0 bytes");
  return c.status();
}
