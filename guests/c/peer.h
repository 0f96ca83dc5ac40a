/* What the harness's peers answer: the text a guest expects, with the cell's nonce before its
 * newline ("echo: ping [3fa94c1b2d7e]\n"). The guest prints the reply it got, so the harness sees
 * the nonce only where a real exchange took place. */
#ifndef WASI_MATRIX_PEER_H
#define WASI_MATRIX_PEER_H
#include <stdio.h>
#include <string.h>

static int nonced(const char *got, const char *want) {
  size_t w = strlen(want), newline = w > 0 && want[w - 1] == '\n', text = w - newline, g = strlen(got);
  if (g < text + 3 + newline || strncmp(got, want, text) != 0 || strncmp(got + text, " [", 2) != 0) return 0;
  if (newline && got[g - 1] != '\n') return 0;
  return got[g - 1 - newline] == ']';
}

static void print_reply(const char *got) {
  size_t g = strlen(got);
  printf("reply: %.*s\n", (int)(g > 0 && got[g - 1] == '\n' ? g - 1 : g), got);
  fflush(stdout);
}

#endif
