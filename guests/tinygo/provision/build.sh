#!/usr/bin/env bash
# Build TinyGo (a WASI-capable install: -target=wasip1 and -target=wasip2) from
# package-registry sources only:
#   - TinyGo itself and its Go dependencies: the Go module proxy
#   - LLVM/Clang/LLD 19 (libLLVM, libclang, clang-19, wasm-ld-19): Debian packages
#   - wasi-libc sources: Debian source package `wasi-libc` (bookworm, 2022),
#     with the small patches in patches/wasi-libc-*.patch
#   - compiler-rt builtins sources: Debian source package `llvm-toolchain-19`
#     (only compiler-rt/lib/builtins is unpacked)
#   - wasm-opt: Debian binary package `binaryen` (unpacked into PREFIX, not installed)
#   - wasm-tools (wasip2 only): crates.io (`cargo install wasm-tools`)
#   - WASI 0.2.0 WIT (wasip2 only): the `wasi` crate 0.13.1+wasi-0.2.0 on crates.io
#
# Usage: build.sh PREFIX
#   Produces PREFIX/bin/tinygo with its TINYGOROOT = PREFIX (src/, targets/, lib/),
#   plus PREFIX/bin/wasm-opt and PREFIX/bin/wasm-tools, which that tinygo finds
#   by itself. Use a dedicated PREFIX (e.g. /opt/tinygo): it gets src/ and lib/.
#   Needs at run time: `go` 1.25..1.27 on PATH (TinyGo compiles against GOROOT),
#   /usr/bin/clang-19 and /usr/bin/wasm-ld-19 (installed here via apt).
#
# Idempotent: every step is skipped when its result is already in place (stamp
# files record the inputs: versions and patch checksums).
#
# Knobs (environment):
#   TINYGO_VERSION      (default v0.42.0; 0.41+ needed for Go 1.26)
#   WASM_TOOLS_VERSION  (default 1.263.0)
#   TINYGO_BUILD_CACHE  downloads and intermediate files
#                       (default ${WASI_MATRIX_CACHE:-$HOME/.cache/wasi-matrix}/tinygo-build)
#   JOBS                parallel jobs for go/cargo builds (default 2)
#   SKIP_WASIP2=1       do not build wasm-tools / fetch WIT (wasip2 then fails)
#   WASMTIME            wasmtime binary for the final smoke test (default: PATH)
set -euo pipefail

PREFIX=${1:?usage: build.sh PREFIX}
PREFIX=$(realpath -m "$PREFIX")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PATCHES=$HERE/patches

TINYGO_VERSION=${TINYGO_VERSION:-v0.42.0}
LLVM_MAJOR=19
WASM_TOOLS_VERSION=${WASM_TOOLS_VERSION:-1.263.0}
WASI_WIT_CRATE=0.13.1 # = 0.13.1+wasi-0.2.0: its wit/ holds the WASI 0.2.0 packages
ESPFLASHER_FALLBACK=v0.6.0
GO_FALLBACK_TOOLCHAIN=${GO_FALLBACK_TOOLCHAIN:-go1.26.8}
WORK=${TINYGO_BUILD_CACHE:-${WASI_MATRIX_CACHE:-$HOME/.cache/wasi-matrix}/tinygo-build}
JOBS=${JOBS:-2}

T0=$(date +%s)
STEP_T=0
STEP_NAME=""
log() { printf '[tinygo-build %4ss] %s\n' "$(($(date +%s) - T0))" "$*" >&2; }
step() { STEP_NAME=$1; STEP_T=$(date +%s); log "==> $1"; }
done_step() { log "    done: $STEP_NAME ($(($(date +%s) - STEP_T))s${1:+, $1})"; }
die() { log "ERROR: $*"; exit 1; }

mkdir -p "$WORK" "$PREFIX/bin" "$PREFIX/lib"

# sha256 over the given files (for stamps: redo a step when its patches change)
sum_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# ---------------------------------------------------------------------------
step "apt packages (LLVM/Clang/LLD $LLVM_MAJOR, C/C++ compiler for cgo)"
APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" = 0 ]; then
    log "    apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
}
need=()
for p in llvm-$LLVM_MAJOR-dev libclang-$LLVM_MAJOR-dev clang-$LLVM_MAJOR lld-$LLVM_MAJOR \
  g++ xz-utils patch ca-certificates; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing packages ${need[*]} (run as root or install them)"
  apt_update_once
  log "    apt-get install ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
  done_step "installed ${need[*]}"
else
  done_step "all present"
fi

# ---------------------------------------------------------------------------
step "Go toolchain (TinyGo $TINYGO_VERSION needs Go >= 1.25 to build and at run time)"
go_minor() { "$1" env GOVERSION 2>/dev/null | sed -nE 's/^go1\.([0-9]+).*/\1/p'; }
GO=$(command -v go || true)
GO_MINOR=$([ -n "$GO" ] && go_minor "$GO" || true)
if [ "${GO_MINOR:-0}" -lt 25 ]; then
  # No (recent) Go: fetch the official toolchain as a module from the Go module
  # proxy (golang.org/toolchain), using whatever Go is there (Debian's if none).
  if [ -z "$GO" ]; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends golang-go
    GO=$(command -v go)
  fi
  TCMOD=golang.org/toolchain@v0.0.1-$GO_FALLBACK_TOOLCHAIN.linux-$(dpkg --print-architecture)
  TCDIR=$(GOTOOLCHAIN=local GOFLAGS=-mod=mod GOMODCACHE="$WORK/gomod" "$GO" mod download -json "$TCMOD" |
    sed -nE 's/^\s*"Dir": "(.*)",?$/\1/p')
  [ -f "$TCDIR/bin/go" ] || die "could not fetch $TCMOD"
  # Module zips carry no file modes: make the toolchain's programs executable.
  chmod a+x "$TCDIR"/bin/* "$TCDIR"/pkg/tool/*/*
  GO=$TCDIR/bin/go
  log "    using $GO; put $(dirname "$GO") first on PATH when running tinygo"
fi
export GOTOOLCHAIN=local
log "    $("$GO" version)"
done_step

# ---------------------------------------------------------------------------
step "TinyGo $TINYGO_VERSION sources (Go module proxy)"
export GOMODCACHE=$WORK/gomod
export GOFLAGS="${GOFLAGS:-} -mod=mod"
MODDIR=$("$GO" mod download -json "github.com/tinygo-org/tinygo@$TINYGO_VERSION" |
  sed -nE 's/^\s*"Dir": "(.*)",?$/\1/p')
[ -d "$MODDIR/src/runtime" ] || die "go mod download github.com/tinygo-org/tinygo@$TINYGO_VERSION failed"
SRC=$WORK/src-$TINYGO_VERSION
SRC_STAMP_WANT="$TINYGO_VERSION $(sum_of "$PATCHES"/tinygo-*.patch)"
if stamp_ok "$SRC/.prepared" "$SRC_STAMP_WANT"; then
  done_step "already prepared in $SRC"
else
  rm -rf "$SRC"
  cp -r "$MODDIR" "$SRC"
  chmod -R u+w "$SRC"
  (
    cd "$SRC"
    patch -p1 -s <"$PATCHES/tinygo-02-wasm-tools-in-tinygoroot.patch"
    # tinygo.org/x/espflasher (ESP32 flashing only): the pinned version may not be
    # on the proxy; fall back to one that is (see the patch header).
    ESP=$(sed -nE 's#^\s*tinygo\.org/x/espflasher (v[^ ]+).*#\1#p' go.mod)
    if ! "$GO" mod download "tinygo.org/x/espflasher@$ESP" 2>/dev/null; then
      log "    tinygo.org/x/espflasher@$ESP is not on the proxy: using $ESPFLASHER_FALLBACK"
      "$GO" mod edit -require="tinygo.org/x/espflasher@$ESPFLASHER_FALLBACK"
      patch -p1 -s <"$PATCHES/tinygo-01-espflasher-v0.6.0.patch"
    fi
  )
  echo "$SRC_STAMP_WANT" >"$SRC/.prepared"
  rm -f "$SRC/build/tinygo"
  done_step "$SRC"
fi

# ---------------------------------------------------------------------------
step "compile the tinygo binary (cgo against Debian LLVM $LLVM_MAJOR, -tags llvm$LLVM_MAJOR)"
if [ -x "$SRC/build/tinygo" ]; then
  done_step "already built"
else
  log "    go build (first time: ~1 min, cgo compiles the LLVM bindings)"
  (cd "$SRC" && "$GO" build -p "$JOBS" -tags "llvm$LLVM_MAJOR" -o build/tinygo .)
  done_step
fi

# ---------------------------------------------------------------------------
step "install TinyGo tree into $PREFIX"
INST_STAMP_WANT="$SRC_STAMP_WANT $(sha256sum "$SRC/build/tinygo" | cut -c1-16)"
if stamp_ok "$PREFIX/.tinygo-stamp" "$INST_STAMP_WANT"; then
  done_step "up to date"
else
  rm -rf "$PREFIX/src" "$PREFIX/targets"
  cp -r "$SRC/src" "$SRC/targets" "$PREFIX/"
  cp "$SRC/lib/"*.c "$PREFIX/lib/" 2>/dev/null || true
  cp "$SRC/LICENSE" "$PREFIX/LICENSE.tinygo"
  # src/net is a git submodule (tinygo-org/net), absent from the module zip.
  # TinyGo merges it with GOROOT/src/net and stats it on every build; an empty
  # directory lets every program that does not import "net" build.
  mkdir -p "$PREFIX/src/net"
  install -m 0755 "$SRC/build/tinygo" "$PREFIX/bin/tinygo"
  echo "$INST_STAMP_WANT" >"$PREFIX/.tinygo-stamp"
  done_step
fi

# ---------------------------------------------------------------------------
# Debian source packages through a private apt configuration: deb-src lines of
# this release, its own lists directory, nothing changed in /etc/apt.
CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
APTSRC=$WORK/apt-src
mkdir -p "$APTSRC/lists/partial" "$APTSRC/dl"
cat >"$APTSRC/sources.list" <<EOF
deb-src http://deb.debian.org/debian $CODENAME main
deb-src http://deb.debian.org/debian $CODENAME-updates main
deb-src http://deb.debian.org/debian-security $CODENAME-security main
EOF
APT_SRC_OPTS=(-o "Dir::Etc::SourceList=$APTSRC/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
  -o "Dir::State::Lists=$APTSRC/lists" -o "APT::Sandbox::User=root")
apt_src_update() {
  if [ -z "$(find "$APTSRC/lists" -maxdepth 1 -name '*Sources*' -mtime -1 2>/dev/null)" ]; then
    log "    apt-get update (deb-src lists for $CODENAME, private)"
    apt-get "${APT_SRC_OPTS[@]}" update -qq
  fi
}
apt_source_download() { # $1 = source package; prints the orig tarball path
  local f
  f=$(ls "$APTSRC/dl/$1"_*.orig.tar.* 2>/dev/null | head -1 || true)
  if [ -z "$f" ]; then
    apt_src_update
    (cd "$APTSRC/dl" && apt-get "${APT_SRC_OPTS[@]}" source --download-only "$1" >&2)
    f=$(ls "$APTSRC/dl/$1"_*.orig.tar.* | head -1)
  fi
  echo "$f"
}
LIBS_CHANGED=0

# ---------------------------------------------------------------------------
step "wasi-libc sources (Debian source package wasi-libc) + patches"
WL_STAMP_WANT="$(sum_of "$PATCHES"/wasi-libc-*.patch)"
if stamp_ok "$PREFIX/lib/wasi-libc/.stamp" "$WL_STAMP_WANT"; then
  done_step "up to date"
else
  ORIG=$(apt_source_download wasi-libc)
  rm -rf "$PREFIX/lib/wasi-libc"
  mkdir -p "$PREFIX/lib/wasi-libc"
  tar -xf "$ORIG" -C "$PREFIX/lib/wasi-libc" --strip-components=1
  for p in "$PATCHES"/wasi-libc-*.patch; do
    log "    patch $(basename "$p")"
    patch -d "$PREFIX/lib/wasi-libc" -p1 -s <"$p"
  done
  echo "$WL_STAMP_WANT" >"$PREFIX/lib/wasi-libc/.stamp"
  LIBS_CHANGED=1
  done_step "$(basename "$ORIG")"
fi

# ---------------------------------------------------------------------------
step "compiler-rt builtins sources (Debian source package llvm-toolchain-$LLVM_MAJOR)"
if [ -f "$PREFIX/lib/compiler-rt-builtins/.stamp" ]; then
  done_step "up to date"
else
  log "    downloading llvm-toolchain-$LLVM_MAJOR source (~165 MB) if not cached"
  ORIG=$(apt_source_download "llvm-toolchain-$LLVM_MAJOR")
  log "    unpacking compiler-rt/lib/builtins from $(basename "$ORIG")"
  rm -rf "$PREFIX/lib/compiler-rt-builtins"
  mkdir -p "$PREFIX/lib/compiler-rt-builtins"
  tar -xf "$ORIG" -C "$PREFIX/lib/compiler-rt-builtins" --strip-components=4 \
    --wildcards '*/compiler-rt/lib/builtins/*'
  [ -f "$PREFIX/lib/compiler-rt-builtins/udivti3.c" ] || die "compiler-rt builtins not found in $ORIG"
  basename "$ORIG" >"$PREFIX/lib/compiler-rt-builtins/.stamp"
  LIBS_CHANGED=1
  done_step
fi

# ---------------------------------------------------------------------------
step "wasm-opt (Debian binary package binaryen, unpacked into PREFIX/lib/binaryen)"
if "$PREFIX/bin/wasm-opt" --version >/dev/null 2>&1; then
  done_step "$("$PREFIX/bin/wasm-opt" --version)"
else
  apt-cache show binaryen >/dev/null 2>&1 || apt_update_once
  rm -rf "$WORK/binaryen-deb" && mkdir -p "$WORK/binaryen-deb"
  (cd "$WORK/binaryen-deb" && apt-get -o APT::Sandbox::User=root download binaryen)
  rm -rf "$PREFIX/lib/binaryen"
  dpkg -x "$WORK"/binaryen-deb/binaryen_*.deb "$PREFIX/lib/binaryen"
  # wasm-opt finds libbinaryen.so through RUNPATH $ORIGIN/../lib/<triplet>.
  ln -sfn ../lib/binaryen/usr/bin/wasm-opt "$PREFIX/bin/wasm-opt"
  "$PREFIX/bin/wasm-opt" --version >/dev/null || die "unpacked wasm-opt does not run"
  done_step "$("$PREFIX/bin/wasm-opt" --version)"
fi

# ---------------------------------------------------------------------------
if [ "${SKIP_WASIP2:-0}" != 1 ]; then
  step "wasm-tools $WASM_TOOLS_VERSION (crates.io, for -target=wasip2)"
  if "$PREFIX/bin/wasm-tools" --version 2>/dev/null | grep -q "^wasm-tools $WASM_TOOLS_VERSION\b"; then
    done_step "present"
  else
    command -v cargo >/dev/null || die "cargo not found (install Rust with rustup), or set SKIP_WASIP2=1"
    # TinyGo runs only `wasm-tools component embed|new`: the component feature alone builds in half the time.
    log "    cargo install wasm-tools, component feature only (first time: ~2 min on 2 cores)"
    CARGO_TARGET_DIR=$WORK/cargo-target cargo install --locked -j "$JOBS" \
      --root "$WORK/cargo" --version "$WASM_TOOLS_VERSION" --no-default-features --features component wasm-tools
    install -m 0755 "$WORK/cargo/bin/wasm-tools" "$PREFIX/bin/wasm-tools"
    done_step "$("$PREFIX/bin/wasm-tools" --version)"
  fi

  step "WASI 0.2.0 WIT for wasi:cli/command (crate wasi $WASI_WIT_CRATE on crates.io)"
  if [ -f "$PREFIX/lib/wasi-cli/wit/command.wit" ]; then
    done_step "present"
  else
    command -v cargo >/dev/null || die "cargo not found (install Rust with rustup), or set SKIP_WASIP2=1"
    F=$WORK/witfetch
    rm -rf "$F" && mkdir -p "$F/src"
    : >"$F/src/lib.rs"
    printf '[package]\nname = "witfetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\nwasi = "=%s"\n' \
      "$WASI_WIT_CRATE" >"$F/Cargo.toml"
    (cd "$F" && cargo vendor -q vendor >/dev/null)
    W=$F/vendor/wasi/wit
    grep -q 'package wasi:cli@0.2.0;' "$W"/deps/cli/*.wit || die "unexpected WIT in crate wasi $WASI_WIT_CRATE"
    # Same layout as the wasi-cli v0.2.0 repository TinyGo pins as lib/wasi-cli:
    # the wasi:cli package at the top, the packages it uses under deps/.
    rm -rf "$PREFIX/lib/wasi-cli"
    mkdir -p "$PREFIX/lib/wasi-cli/wit/deps"
    cp "$W"/deps/cli/*.wit "$PREFIX/lib/wasi-cli/wit/"
    for p in clocks filesystem io random sockets; do cp -r "$W/deps/$p" "$PREFIX/lib/wasi-cli/wit/deps/"; done
    done_step
  fi
fi

# ---------------------------------------------------------------------------
TG=$PREFIX/bin/tinygo
if [ "$LIBS_CHANGED" = 1 ]; then
  # TinyGo caches built C libraries (and wasi-libc's generated headers) under
  # names that do not depend on their sources: drop those of a previous install.
  C=$("$TG" env GOCACHE 2>/dev/null || true)
  if [ -n "$C" ] && [ -d "$C" ]; then
    log "clearing cached wasi-libc/compiler-rt/wasmbuiltins builds in $C"
    rm -rf "$C"/wasi-libc-* "$C"/compiler-rt-* "$C"/wasmbuiltins-*
  fi
fi

step "smoke test (also fills TinyGo's cache: builds wasi-libc and compiler-rt once)"
SMOKE=$WORK/smoke
mkdir -p "$SMOKE"
cat >"$SMOKE/main.go" <<'EOF'
package main

import (
	"fmt"
	"os"
)

func main() { fmt.Println("hello from tinygo on", os.Args[0] != "") }
EOF
cat >"$SMOKE/go.mod" <<'EOF'
module smoke

go 1.25
EOF
export PATH=$(dirname "$GO"):$PATH
targets=(wasip1)
[ "${SKIP_WASIP2:-0}" != 1 ] && targets+=(wasip2)
WT=${WASMTIME:-$(command -v wasmtime || true)}
for t in "${targets[@]}"; do
  s=$(date +%s)
  (cd "$SMOKE" && env -u TINYGOROOT -u WASMOPT -u WASMTOOLS "$TG" build -target="$t" -o "$SMOKE/hello-$t.wasm" .)
  msg="$t: built $(stat -c %s "$SMOKE/hello-$t.wasm") bytes in $(($(date +%s) - s))s"
  if [ -n "$WT" ]; then
    msg="$msg; wasmtime: $("$WT" run "$SMOKE/hello-$t.wasm")"
  fi
  log "    $msg"
done
done_step

log "TinyGo ready: $TG ($("$TG" version))"
log "TINYGOROOT=$PREFIX (found from the binary's location); wasm-opt and wasm-tools in $PREFIX/bin"
log "total $(($(date +%s) - T0))s"
