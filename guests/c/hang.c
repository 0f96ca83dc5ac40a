/* Never returns: the harness must classify it TIMEOUT and move on.
 * The first line says the guest started, so the case has a check of its own. */
#include <stdio.h>
int main(void) {
  printf("ok started\n");
  fflush(stdout);
  volatile unsigned long spins = 0;
  for (;;) spins++;
}
