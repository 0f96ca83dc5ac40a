/* Writes to stdout without end: the harness must cap output and move on.
 * The first line says the guest started, so the case has a check of its own. */
#include <stdio.h>
int main(void) {
  printf("ok started\n");
  for (;;) fputs("flood flood flood flood flood flood flood flood flood flood\n", stdout);
}
