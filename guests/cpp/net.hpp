// Sockets for the C++ guests: wasi-libc's POSIX sockets (wasi:sockets underneath on p2), each
// descriptor owned by a Socket that closes it, and "a.b.c.d:port" addresses as the harness gives them.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <optional>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <unistd.h>

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

inline std::optional<sockaddr_in> parseAddr(std::string_view text) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<unsigned short>(std::stoi(std::string(text.substr(colon + 1)))));
  if (inet_pton(AF_INET, std::string(text.substr(0, colon)).c_str(), &addr.sin_addr) != 1) return std::nullopt;
  return addr;
}

inline const sockaddr* raw(const sockaddr_in& a) { return reinterpret_cast<const sockaddr*>(&a); }
inline sockaddr* raw(sockaddr_in& a) { return reinterpret_cast<sockaddr*>(&a); }
