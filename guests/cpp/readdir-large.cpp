// Creates more entries than one fd_readdir buffer holds, then lists them: the listing must
// resume from its cookie; a runtime that ignores it repeats entries.
#include "check.hpp"
#include "posix-fs.hpp"

constexpr int kCount = 300;

int main(int argc, char** argv) {
  Checks c;
  if (argc < 2) { c.check(false, "usage", "need the preopen path"); return 2; }
  const std::string dir = std::string(argv[1]) + "/many";
  mkdir(dir.c_str(), 0755);
  int made = 0;
  char name[96];
  for (int i = 0; i < kCount; i++) {
    std::snprintf(name, sizeof name, "/entry-with-a-deliberately-long-name-to-fill-buffers-%04d", i);
    if (open_file(dir + name, "w")) made++;
  }
  c.check(made == kCount, "create-entries", "created " + std::to_string(made) + " of " + std::to_string(kCount));
  // Bounded: a runtime that ignores cookies would otherwise loop forever.
  auto names = list_dir(dir, 10 * kCount);
  size_t seen = names ? names->size() : 0;
  c.check(seen == kCount, "readdir-resumes", "listed " + std::to_string(seen) + " entries, want " + std::to_string(kCount));
  return c.status();
}
