/* Allocation-heavy kernel: binary trees (about 15M nodes allocated and freed one by one), depth 16. */
#include <stdlib.h>
#include "check.h"

#define MIN_DEPTH 4
#define MAX_DEPTH 16
#define EXPECTED 14985902LL

struct node { struct node *left, *right; };

static struct node *make(int depth) {
  struct node *n = malloc(sizeof *n);
  n->left = depth > 0 ? make(depth - 1) : NULL;
  n->right = depth > 0 ? make(depth - 1) : NULL;
  return n;
}

static long long count(const struct node *n) { return n->left ? 1 + count(n->left) + count(n->right) : 1; }

static void release(struct node *n) {
  if (n->left) { release(n->left); release(n->right); }
  free(n);
}

static long long tree(int depth) {
  struct node *t = make(depth);
  long long c = count(t);
  release(t);
  return c;
}

int main(void) {
  long long total = tree(MAX_DEPTH + 1);
  struct node *kept = make(MAX_DEPTH);
  for (int d = MIN_DEPTH; d <= MAX_DEPTH; d += 2) {
    long long iterations = 1LL << (MAX_DEPTH - d + MIN_DEPTH);
    for (long long i = 0; i < iterations; i++) total += tree(d);
  }
  total += count(kept);
  release(kept);
  check(total == EXPECTED, "checksum", "got %lld", total);
  return check_failures ? 1 : 0;
}
