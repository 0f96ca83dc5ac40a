// Sees exactly the environment declared by suites/cli/env.yaml, nothing from the host.
#include <cstdlib>
#include <string>
#include "check.hpp"

extern char** environ;

int main() {
  Checks c;
  const char* a = std::getenv("WASI_MATRIX_A");
  const char* u = std::getenv("WASI_MATRIX_UTF8");
  c.check(a && std::string(a) == "one", "env-set", std::string("WASI_MATRIX_A=") + (a ? a : "(unset)"));
  c.check(u && std::string(u) == "gr\xc3\xbc\xc3\x9f", "env-utf8", std::string("WASI_MATRIX_UTF8=") + (u ? u : "(unset)"));
  int n = 0;
  std::string extra;
  for (char** e = environ; e && *e; ++e, ++n) {
    std::string_view v(*e);
    bool declared = v.rfind("WASI_MATRIX_A=", 0) == 0 || v.rfind("WASI_MATRIX_UTF8=", 0) == 0;
    if (!declared && extra.empty()) extra = *e;
  }
  c.check(extra.empty(), "env-no-leak", std::to_string(n) + " variables, first undeclared: " + extra.substr(0, 60));
  return c.status();
}
