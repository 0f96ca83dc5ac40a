import { readFileSync, writeFileSync } from 'node:fs';
import binaryen from 'binaryen';

// With a growable memory, emcc's standalone sbrk tells the host after each memory.grow through
// env.emscripten_notify_memory_growth, so that Emscripten's JS runtime can refresh its views of memory.
// A WASI host has no such views: the hook does nothing there, and as an `env` import it is the one
// thing that keeps the module from becoming a component. Other `env` imports are left as they are.
const HOOK = 'emscripten_notify_memory_growth';

/** Rewrites `file` in place with the growth hook defined as a no-op; true when the module imported it. */
export function defineGrowthHook(file: string): boolean {
  const m = binaryen.readBinary(readFileSync(file));
  try {
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
      if (f.module !== 'env' || f.base !== HOOK) continue;
      m.removeFunction(f.name);
      m.addFunction(f.name, f.params, f.results, [], m.nop());
      if (!m.validate()) throw new Error(`binaryen rejected ${file} with ${HOOK} defined`);
      writeFileSync(file, m.emitBinary());
      return true;
    }
    return false;
  } finally {
    m.dispose();
  }
}
