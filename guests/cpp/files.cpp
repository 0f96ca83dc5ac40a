// File operations inside the preopened directory argv[1]; the fixture holds
// hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind (renamed.txt =
// "fresh bytes", an empty created.txt, no written.txt, no unlink-me.txt) is checked on the
// host by suites/fs/files.yaml.
#include "check.hpp"
#include "posix-fs.hpp"

int main(int argc, char** argv) {
  Checks c;
  if (argc < 2) { c.check(false, "usage", "need the preopen path"); return 2; }
  const std::string root = argv[1];

  auto text = read_text(root + "/hello.txt");
  c.check(text == "hello, fixture\n", "read", text ? "got '" + *text + "'" : errno_text());

  struct stat st{};
  int rc = stat((root + "/hello.txt").c_str(), &st);
  c.check(rc == 0 && S_ISREG(st.st_mode) && st.st_size == 15, "stat", "rc=" + std::to_string(rc) + " size=" + std::to_string(st.st_size));

  bool wrote = write_text(root + "/written.txt", "fresh bytes");
  text = read_text(root + "/written.txt");
  c.check(wrote && text == "fresh bytes", "write", "wrote=" + std::to_string(wrote) + " read back '" + text.value_or("(none)") + "'");

  const std::string created = root + "/created.txt";
  int fd = open(created.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
  int fd2 = open(created.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
  int err2 = errno;
  c.check(fd >= 0 && fd2 < 0 && err2 == EEXIST, "create-exclusive", "first=" + std::to_string(fd) + " second=" + std::to_string(fd2) + " " + std::strerror(err2));
  if (fd >= 0) close(fd);
  if (fd2 >= 0) close(fd2);

  rc = std::rename((root + "/written.txt").c_str(), (root + "/renamed.txt").c_str());
  bool gone = access((root + "/written.txt").c_str(), F_OK) != 0, there = access((root + "/renamed.txt").c_str(), F_OK) == 0;
  c.check(rc == 0 && gone && there, "rename", "rc=" + std::to_string(rc) + " old-gone=" + std::to_string(gone) + " new-there=" + std::to_string(there));

  const std::string doomed = root + "/unlink-me.txt";
  rc = unlink(doomed.c_str());
  c.check(rc == 0 && access(doomed.c_str(), F_OK) != 0, "unlink", "rc=" + std::to_string(rc) + " " + errno_text());
  return c.status();
}
