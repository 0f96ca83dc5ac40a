/* Prints what the guest was handed: its arguments after argv[0], its whole
 * environment and (on WASI 0.1) its preopened directories, one per line, so a
 * case can say exactly what must arrive and nothing else (suites/selftest/inputs-*). */
#include <stdio.h>
#ifndef __wasip2__
#include <wasi/api.h>
#endif

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("arg=%s\n", argv[i]);
  int n = 0;
  for (char **e = environ; e && *e; e++) n++;
  printf("envc=%d\n", n);
  for (char **e = environ; e && *e; e++) printf("env=%s\n", *e);
#ifndef __wasip2__
  int preopens = 0;
  for (__wasi_fd_t fd = 3;; fd++) {
    __wasi_prestat_t p;
    if (__wasi_fd_prestat_get(fd, &p) != __WASI_ERRNO_SUCCESS) break;
    char name[256] = {0};
    size_t len = p.u.dir.pr_name_len < sizeof name - 1 ? p.u.dir.pr_name_len : sizeof name - 1;
    __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len);
    printf("preopen=%s\n", name);
    preopens++;
  }
  printf("preopens=%d\n", preopens);
#endif
  return 0;
}
