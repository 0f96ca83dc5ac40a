/* Random bytes are not all zero and differ between calls. */
#include <string.h>
#include <unistd.h>
#include "check.h"

static int nonzero(const unsigned char *b, int n) {
  for (int i = 0; i < n; i++) if (b[i]) return 1;
  return 0;
}

int main(void) {
  unsigned char x[32], y[32], big[256];
  int r1 = getentropy(x, sizeof x), r2 = getentropy(y, sizeof y);
  check(r1 == 0 && r2 == 0, "getentropy", "rc=%d,%d", r1, r2);
  check(nonzero(x, 32) && nonzero(y, 32), "nonzero", "a 32-byte draw was all zero");
  check(memcmp(x, y, 32) != 0, "differ", "two 32-byte draws were equal");
  int r3 = getentropy(big, sizeof big);
  check(r3 == 0 && nonzero(big, 256), "max-request", "rc=%d", r3);
  return check_failures ? 1 : 0;
}
