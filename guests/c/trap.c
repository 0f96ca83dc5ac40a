/* Executes an unreachable instruction: a wasm trap. */
#include <stdio.h>
int main(void) {
  printf("ok before-trap\n");
  fflush(stdout);
  __builtin_trap();
}
