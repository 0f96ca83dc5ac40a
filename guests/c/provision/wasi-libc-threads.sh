#!/usr/bin/env bash
# wasi-libc built for wasi-threads (THREAD_MODEL=posix, triple wasm32-wasip1-threads) from Debian 13's
# source package: no Debian release ships that sysroot. Installs PREFIX/sysroot and a compiler
# wrapper PREFIX/bin/wasm32-wasip1-threads-clang (clang-19 with that sysroot), into the cache.
# Usage: wasi-libc-threads.sh PREFIX   (idempotent: a finished PREFIX is left alone)
set -euo pipefail
PREFIX=$1
RELEASE=trixie
WORK=${WASI_MATRIX_CACHE:-$HOME/.cache/wasi-matrix}/wasi-libc-threads-build
log() { echo "[wasi-libc-threads] $*"; }
[ -x "$PREFIX/bin/wasm32-wasip1-threads-clang" ] && { log "present"; exit 0; }

# Debian source packages through a private apt configuration: this machine's archive, another
# release's deb-src line, its own lists and cache; nothing in /etc/apt changes.
CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
MIRROR=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk -v c="$CODENAME" '$2 == c { print $1; exit }')
[ -n "$MIRROR" ] || { echo "no apt source for $CODENAME to take the archive's address from" >&2; exit 1; }
APT=$WORK/apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$WORK/src"
echo "deb-src $MIRROR $RELEASE main" >"$APT/sources.list"
OPTS=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o "APT::Sandbox::User=root")
ORIG=$(ls "$WORK"/src/wasi-libc_*.orig.tar.* 2>/dev/null | head -1 || true)
if [ -z "$ORIG" ]; then
  log "apt-get update ($RELEASE deb-src, private lists)"
  apt-get "${OPTS[@]}" update -qq
  log "apt-get source --download-only wasi-libc ($RELEASE)"
  (cd "$WORK/src" && apt-get "${OPTS[@]}" source --download-only wasi-libc >/dev/null)
  ORIG=$(ls "$WORK"/src/wasi-libc_*.orig.tar.* | head -1)
fi
log "unpacking $(basename "$ORIG")"
rm -rf "$WORK/build" && mkdir -p "$WORK/build"
tar -xf "$ORIG" -C "$WORK/build" --strip-components=1

log "make THREAD_MODEL=posix TARGET_TRIPLE=wasm32-wasip1-threads (clang-19)"
STAGE=$PREFIX.partial
rm -rf "$STAGE"
make -C "$WORK/build" -j"$(nproc)" CC=clang-19 AR=llvm-ar-19 NM=llvm-nm-19 \
  THREAD_MODEL=posix TARGET_TRIPLE=wasm32-wasip1-threads CHECK_SYMBOLS=no \
  SYSROOT="$STAGE/sysroot" >"$WORK/make.log" 2>&1 || { tail -30 "$WORK/make.log" >&2; exit 1; }
[ -f "$STAGE/sysroot/lib/wasm32-wasip1-threads/libc.a" ] || { echo "no libc.a for wasm32-wasip1-threads after make" >&2; exit 1; }

# clang looks for the builtins under lib/wasip1/ for this triple; bookworm ships them as lib/wasi/.
RES=/usr/lib/llvm-19/lib/clang/19
mkdir -p "$STAGE/resource/lib/wasip1" "$STAGE/bin"
ln -sfn "$RES/include" "$STAGE/resource/include"
ln -sfn "$RES/lib/wasi/libclang_rt.builtins-wasm32.a" "$STAGE/resource/lib/wasip1/libclang_rt.builtins-wasm32.a"
cat >"$STAGE/bin/wasm32-wasip1-threads-clang" <<WRAP
#!/bin/sh
# clang-19 for wasm32-wasip1-threads against the wasi-libc built beside this script.
here=\$(dirname "\$(readlink -f "\$0")")/..
exec clang-19 --target=wasm32-wasip1-threads --sysroot="\$here/sysroot" -resource-dir="\$here/resource" -pthread "\$@"
WRAP
chmod +x "$STAGE/bin/wasm32-wasip1-threads-clang"
rm -rf "$PREFIX" && mv "$STAGE" "$PREFIX"
log "installed into $PREFIX"
