/* Escapes from the preopened directory (argv[1]), made with raw WASI calls so
 * that they reach the runtime: wasi-libc's open() would refuse some of them in
 * the guest. The fixture (suites/fs/fixtures/escape) puts outside/secret.txt
 * beside the preopened sandbox/ on the host, and sandbox/link-out -> ../outside.
 * An escape passes only on a refusal errno; a missing target (ENOENT) proves
 * nothing, as the target exists on the host. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"

/* The preopen a path falls under (longest guest-path prefix, as libc picks it)
 * and the rest of the path, left as it is: no `..` is folded here. */
static int preopen_for(const char *path, const char **rel) {
  int best = -1;
  size_t best_len = 0;
  for (__wasi_fd_t fd = 3;; fd++) {
    __wasi_prestat_t ps;
    if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
    if (ps.tag != __WASI_PREOPENTYPE_DIR) continue;
    char name[256];
    size_t n = ps.u.dir.pr_name_len;
    if (n >= sizeof name || __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, n) != 0) continue;
    while (n > 1 && name[n - 1] == '/') n--;
    name[n] = '\0';
    int root = n == 1 && name[0] == '/';
    int under = root ? path[0] == '/' : strncmp(path, name, n) == 0 && (path[n] == '/' || path[n] == '\0');
    if (under && (best < 0 || n > best_len)) { best = fd; best_len = root ? 0 : n; }
  }
  if (best >= 0) {
    const char *r = path + best_len;
    while (*r == '/') r++;
    *rel = *r ? r : ".";
  }
  return best;
}

/* Opens rel under the preopen fd for reading; returns the errno, and on success what it read. */
static __wasi_errno_t open_read(int dir, const char *rel, char *out, size_t cap) {
  __wasi_fd_t fd;
  out[0] = '\0';
  __wasi_errno_t e = __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, rel, 0,
                                      __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  if (e != 0) return e;
  ssize_t n = read(fd, out, cap - 1);
  out[n > 0 ? n : 0] = '\0';
  close(fd);
  return 0;
}

static const char *errno_name(__wasi_errno_t e) {
  switch (e) {
    case __WASI_ERRNO_NOTCAPABLE: return "NOTCAPABLE";
    case __WASI_ERRNO_PERM: return "PERM";
    case __WASI_ERRNO_ACCES: return "ACCES";
    case __WASI_ERRNO_NOENT: return "NOENT";
    case __WASI_ERRNO_LOOP: return "LOOP";
    case __WASI_ERRNO_BADF: return "BADF";
    case __WASI_ERRNO_INVAL: return "INVAL";
    case __WASI_ERRNO_NOTDIR: return "NOTDIR";
    default: return "other";
  }
}

/* A refusal the runtime made because the path leaves the sandbox. */
static int refused(__wasi_errno_t e) {
  return e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_PERM || e == __WASI_ERRNO_ACCES;
}

/* Attempts one escape: `path` is resolved like libc would pick its preopen,
 * unless `dir` >= 0 names the preopen to open `path` under as it is. */
static void escape(const char *name, int dir, const char *path) {
  const char *rel = path;
  if (dir < 0) dir = preopen_for(path, &rel);
  if (dir < 0) { check(0, name, "no preopen holds %s", path); return; }
  char got[128];
  __wasi_errno_t e = open_read(dir, rel, got, sizeof got);
  if (e == 0) {
    check(0, name, "path_open(fd %d, \"%s\") opened it and read %zu bytes: %.40s", dir, rel, strlen(got), got);
  } else if (refused(e)) {
    /* The errno each runtime refuses with is worth recording, so it rides on the ok line. */
    printf("ok %s # refused with errno %d (%s)\n", name, e, errno_name(e));
    fflush(stdout);
  } else {
    check(0, name, "path_open(fd %d, \"%s\") failed with errno %d (%s), not a refusal", dir, rel, e, errno_name(e));
  }
}

int main(int argc, char **argv) {
  if (argc < 2) { printf("not ok usage # need the preopen path\n"); return 2; }
  const char *root = argv[1];
  char p[512];
  const char *rel;

  snprintf(p, sizeof p, "%s/inside.txt", root);
  int dir = preopen_for(p, &rel);
  char got[128];
  __wasi_errno_t e = dir < 0 ? __WASI_ERRNO_BADF : open_read(dir, rel, got, sizeof got);
  check(e == 0 && strcmp(got, "inside\n") == 0, "inside-opens", "fd %d errno %d (%s) read \"%s\"", dir, e, errno_name(e), e ? "" : got);

  snprintf(p, sizeof p, "%s/../outside/secret.txt", root);
  escape("escape-dotdot", -1, p);
  snprintf(p, sizeof p, "%s/link-out/secret.txt", root);
  escape("escape-symlink", -1, p);
  /* An absolute path handed to path_open, which takes only relative ones. */
  escape("escape-absolute", dir, "/etc/passwd");
  return check_failures ? 1 : 0;
}
