/* Allocation-heavy kernel: binary trees, every node allocated and freed one by one.
 * argv: the maximum depth, and the node count it gives (suites/perf/alloc.yaml). */
#include <stdlib.h>
#include "check.h"

#define MIN_DEPTH 4

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

int main(int argc, char **argv) {
  if (argc != 3) {
    check(0, "checksum", "usage: perf-alloc DEPTH EXPECTED");
    return 1;
  }
  int max_depth = (int)strtol(argv[1], 0, 10);
  long long expected = strtoll(argv[2], 0, 10);
  long long total = tree(max_depth + 1);
  struct node *kept = make(max_depth);
  for (int d = MIN_DEPTH; d <= max_depth; d += 2) {
    long long iterations = 1LL << (max_depth - d + MIN_DEPTH);
    for (long long i = 0; i < iterations; i++) total += tree(d);
  }
  total += count(kept);
  release(kept);
  check(total == expected, "checksum", "got %lld", total);
  return check_failures ? 1 : 0;
}
