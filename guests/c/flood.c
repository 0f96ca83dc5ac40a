/* Writes to stdout without end: the harness must cap output and move on. */
#include <stdio.h>
int main(void) {
  fputs("ok started\n", stdout);
  for (;;) fputs("flood flood flood flood flood flood flood flood flood flood\n", stdout);
}
