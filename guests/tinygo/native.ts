import type { NativeBuild } from '../../src/perf-plugins.ts';

const native: NativeBuild = {
  unavailable:
    "TinyGo's linux target compiles musl from TINYGOROOT/lib/musl, which our build (guests/tinygo/provision: the Go proxy's module zip and Debian sources for the wasm targets only) does not carry",
  build() {
    return Promise.reject(new Error(native.unavailable));
  },
};

export default native;
