// Paths that leave the preopened directory (argv[1]) must not open. The fixture puts
// outside/secret.txt beside the preopened directory on the host.
#include "check.hpp"
#include "posix-fs.hpp"

static bool opens(const std::string& p) { return open_file(p, "rb") != nullptr; }

int main(int argc, char** argv) {
  Checks c;
  if (argc < 2) { c.check(false, "usage", "need the preopen path"); return 2; }
  const std::string root = argv[1];
  c.check(opens(root + "/inside.txt"), "inside-opens", errno_text());
  c.check(!opens(root + "/../outside/secret.txt"), "escape-dotdot", "opened ../outside/secret.txt");
  c.check(!opens("/outside/secret.txt"), "escape-absolute", "opened /outside/secret.txt");
  c.check(!opens("/etc/passwd"), "escape-host-root", "opened /etc/passwd");
  return c.status();
}
