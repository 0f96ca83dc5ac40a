/* Never returns: the harness must classify it TIMEOUT and move on. */
int main(void) {
  volatile unsigned long spins = 0;
  for (;;) spins++;
}
