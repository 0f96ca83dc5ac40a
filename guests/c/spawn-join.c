// triple: wasm32-wasip1-threads
/* Threads from C: pthread_create four threads (wasi-threads' thread-spawn underneath) that each add
 * to one shared counter with atomics, join them, and check the sum only they can have made. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include "check.h"

#define THREADS 4
#define ADDS 100000

static atomic_long counter;
static atomic_int started;

static void *work(void *arg) {
  atomic_fetch_add(&started, 1);
  for (int i = 0; i < ADDS; i++) atomic_fetch_add(&counter, 1);
  return arg;
}

int main(void) {
  pthread_t threads[THREADS];
  int spawned = 0, err = 0;
  for (int i = 0; i < THREADS && !err; i++) {
    err = pthread_create(&threads[i], NULL, work, &threads[i]);
    if (!err) spawned++;
  }
  check(spawned == THREADS, "spawn", "%d of %d threads started: %s", spawned, THREADS, strerror(err));
  int joined = 0;
  for (int i = 0; i < spawned; i++) {
    void *ret = NULL;
    if (pthread_join(threads[i], &ret) == 0 && ret == &threads[i]) joined++;
  }
  check(joined == THREADS, "join", "%d of %d threads joined with their own result", joined, THREADS);
  long sum = atomic_load(&counter);
  check(sum == (long)THREADS * ADDS && atomic_load(&started) == THREADS, "atomic-sum", "sum %ld, want %ld (%d threads ran)", sum,
        (long)THREADS * ADDS, atomic_load(&started));
  return check_failures ? 1 : 0;
}
