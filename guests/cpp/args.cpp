// Receives the arguments declared by suites/cli/args.yaml and compares them.
#include <string>
#include <vector>
#include "check.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> a(argv, argv + argc);
  auto at = [&](size_t i) { return i < a.size() ? a[i] : std::string("(none)"); };
  Checks c;
  c.check(a.size() == 4, "argc", "argc=" + std::to_string(a.size()) + ", want 4");
  c.check(!a.empty() && !a[0].empty(), "argv0-present", "argv[0] empty");
  c.check(at(1) == "alpha", "argv-plain", "argv[1]=" + at(1));
  c.check(at(2) == "beta gamma", "argv-space", "argv[2]=" + at(2));
  c.check(at(3) == "\xc3\xbcnic\xc3\xb8" "de", "argv-utf8", "argv[3]=" + at(3));
  return c.status();
}
