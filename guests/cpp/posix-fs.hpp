// File access for C++ guests. Debian's libc++ for wasm32-wasi is built without filesystem
// support (_LIBCPP_HAS_NO_FILESYSTEM: no <filesystem>, no <fstream>), so the guests reach files
// through wasi-libc's POSIX calls, wrapped the way a C++ port would wrap them.
#pragma once
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using File = std::unique_ptr<FILE, int (*)(FILE*)>;

inline File open_file(const std::string& path, const char* mode) { return File(std::fopen(path.c_str(), mode), &std::fclose); }

inline std::optional<std::string> read_text(const std::string& path) {
  File f = open_file(path, "rb");
  if (!f) return std::nullopt;
  std::string out;
  char buf[256];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f.get())) > 0;) out.append(buf, n);
  return out;
}

inline bool write_text(const std::string& path, const std::string& text) {
  File f = open_file(path, "wb");
  return f && std::fwrite(text.data(), 1, text.size(), f.get()) == text.size();
}

/** Entry names other than . and .., or nullopt when the directory does not open. */
inline std::optional<std::vector<std::string>> list_dir(const std::string& path, size_t cap) {
  std::unique_ptr<DIR, int (*)(DIR*)> d(opendir(path.c_str()), &closedir);
  if (!d) return std::nullopt;
  std::vector<std::string> names;
  while (dirent* e = readdir(d.get())) {
    if (std::strcmp(e->d_name, ".") && std::strcmp(e->d_name, "..")) names.emplace_back(e->d_name);
    if (names.size() >= cap) break;
  }
  return names;
}

inline std::string errno_text() { return std::strerror(errno); }
