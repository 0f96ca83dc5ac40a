/* Monotonic clock increases across a sleep; realtime is a plausible date. */
#include <time.h>
#include "check.h"

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(int argc, char **argv) {
  struct timespec a, b, res, now, later;
  int r1 = clock_gettime(CLOCK_MONOTONIC, &a);
  struct timespec nap = {0, 20 * 1000000};
  nanosleep(&nap, NULL);
  int r2 = clock_gettime(CLOCK_MONOTONIC, &b);
  check(r1 == 0 && r2 == 0 && ns(b) > ns(a), "monotonic-increases", "before=%lld after=%lld", ns(a), ns(b));
  check(ns(b) - ns(a) >= 15 * 1000000LL, "monotonic-sleep", "20 ms sleep advanced %lld ns", ns(b) - ns(a));
  int r3 = clock_getres(CLOCK_MONOTONIC, &res);
  check(r3 == 0 && ns(res) > 0 && ns(res) <= 1000000LL, "monotonic-resolution", "rc=%d res=%lld ns", r3, ns(res));

  int r4 = clock_gettime(CLOCK_REALTIME, &now);
  /* 2025-01-01 .. 2100-01-01 */
  check(r4 == 0 && now.tv_sec > 1735689600LL && now.tv_sec < 4102444800LL, "realtime-plausible",
        "rc=%d sec=%lld", r4, (long long)now.tv_sec);
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_REALTIME, &later);
  check(ns(later) > ns(now), "realtime-advances", "before=%lld after=%lld", ns(now), ns(later));
  return check_failures ? 1 : 0;
}
