// Directory operations inside the preopened directory argv[1]; the fixture holds listing/
// with exactly a.txt, b.txt and c.txt. What this leaves behind (made/ kept, gone/ removed,
// listing/ intact) is checked on the host by suites/fs/dirs.yaml.
#include <algorithm>
#include "check.hpp"
#include "posix-fs.hpp"

int main(int argc, char** argv) {
  Checks c;
  if (argc < 2) { c.check(false, "usage", "need the preopen path"); return 2; }
  const std::string root = argv[1];

  auto names = list_dir(root + "/listing", 100);
  if (names) std::sort(names->begin(), names->end());
  c.check(names == std::vector<std::string>{"a.txt", "b.txt", "c.txt"}, "readdir", names ? std::to_string(names->size()) + " entries" : errno_text());

  const std::string made = root + "/made";
  int rc = mkdir(made.c_str(), 0755);
  struct stat st{};
  bool isdir = stat(made.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  c.check(rc == 0 && isdir, "mkdir", "rc=" + std::to_string(rc) + " isdir=" + std::to_string(isdir) + " " + errno_text());

  const std::string gone = root + "/gone";
  rc = mkdir(gone.c_str(), 0755);
  if (rc == 0) rc = rmdir(gone.c_str());
  c.check(rc == 0 && stat(gone.c_str(), &st) != 0, "rmdir", "rc=" + std::to_string(rc) + " " + errno_text());

  rc = rmdir((root + "/listing").c_str());
  int err = errno;
  c.check(rc != 0 && err == ENOTEMPTY, "rmdir-nonempty-fails", "rc=" + std::to_string(rc) + " " + std::strerror(err));
  return c.status();
}
