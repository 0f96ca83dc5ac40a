// std::chrono: steady_clock increases across a sleep; system_clock is a plausible date and advances.
#include <chrono>
#include <ctime>
#include "check.hpp"

using namespace std::chrono;

// libc++ for wasm32-wasi is built without threads, so std::this_thread::sleep_for is absent: nanosleep.
static void nap() {
  timespec t{0, 20'000'000};
  nanosleep(&t, nullptr);
}

int main() {
  Checks c;
  auto a = steady_clock::now();
  nap();
  auto b = steady_clock::now();
  auto ns = duration_cast<nanoseconds>(b - a).count();
  c.check(b > a, "monotonic-increases", "advanced " + std::to_string(ns) + " ns");
  c.check(ns >= 15'000'000, "monotonic-sleep", "20 ms sleep advanced " + std::to_string(ns) + " ns");
  // The clock's own period is compile-time (ns); the host's granularity is what clock_getres reports.
  timespec res{};
  int rc = clock_getres(CLOCK_MONOTONIC, &res);
  long long r = res.tv_sec * 1'000'000'000LL + res.tv_nsec;
  c.check(rc == 0 && r > 0 && r <= 1'000'000, "monotonic-resolution", "rc=" + std::to_string(rc) + " res=" + std::to_string(r) + " ns");

  auto now = system_clock::now();
  auto sec = duration_cast<seconds>(now.time_since_epoch()).count();
  // 2025-01-01 .. 2100-01-01
  c.check(sec > 1735689600LL && sec < 4102444800LL, "realtime-plausible", "sec=" + std::to_string(sec));
  nap();
  c.check(system_clock::now() > now, "realtime-advances", "system_clock did not advance across 20 ms");
  return c.status();
}
