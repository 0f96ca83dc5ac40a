/* Never returns: the harness must classify it TIMEOUT and move on. */
#include <stdio.h>
int main(void) {
  puts("ok started");
  fflush(stdout);
  volatile unsigned long spins = 0;
  for (;;) spins++;
}
