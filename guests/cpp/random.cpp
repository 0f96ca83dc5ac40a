// std::random_device (libc++ draws it from getentropy on WASI) gives non-zero bytes that differ
// between draws. Its entropy() is 0 off Linux whatever the source, so the call beneath it is checked.
#include <algorithm>
#include <array>
#include <random>
#include <unistd.h>
#include "check.hpp"

template <size_t N>
static std::array<unsigned char, N> draw(std::random_device& rd) {
  std::array<unsigned char, N> out{};
  for (size_t i = 0; i < N; i += 4) {
    auto v = rd();
    for (size_t j = 0; j < 4 && i + j < N; j++) out[i + j] = static_cast<unsigned char>(v >> (8 * j));
  }
  return out;
}

template <size_t N>
static bool nonzero(const std::array<unsigned char, N>& b) {
  return std::any_of(b.begin(), b.end(), [](unsigned char x) { return x != 0; });
}

int main() {
  Checks c;
  std::random_device rd;
  unsigned char probe[32];
  int rc = getentropy(probe, sizeof probe);
  c.check(rc == 0, "getentropy", "getentropy rc=" + std::to_string(rc));
  auto x = draw<32>(rd), y = draw<32>(rd);
  c.check(nonzero(x) && nonzero(y), "nonzero", "a 32-byte draw was all zero");
  c.check(x != y, "differ", "two 32-byte draws were equal");
  auto big = draw<256>(rd);
  c.check(nonzero(big), "max-request", "a 256-byte draw was all zero");
  return c.status();
}
