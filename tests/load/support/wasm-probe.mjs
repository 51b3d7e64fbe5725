// Reaches the package's wasm instance from a test without a public hook: the
// glue creates it with `new WebAssembly.Instance` (Node) or
// `WebAssembly.instantiate[Streaming]` (browsers), so the probe wraps those
// before the package loads and keeps the instance that exports a memory and a
// table (wasm-bindgen's externref table). Found by kind, not by name: the build
// shortens the export names (scripts/short-wasm-names.mjs).
//
//   const probe = installWasmProbe();        // Node, before importing the package
//   await page.addInitScript(BROWSER_PROBE); // Chromium; then globalThis.__wasmProbe
//   probe.sample() -> {memoryBytes, tableSlots}

/** The instance's memory and table exports, or undefined when it lacks either. */
function memoryAndTable(exports) {
  const values = Object.values(exports);
  const memory = values.find((value) => value instanceof WebAssembly.Memory);
  const table = values.find((value) => value instanceof WebAssembly.Table);
  return memory && table ? { memory, table } : undefined;
}

function sampler(getFound) {
  return {
    found: () => Boolean(getFound()),
    sample() {
      const found = getFound();
      if (!found) throw new Error('wasm probe: the package has not instantiated its wasm module yet');
      return { memoryBytes: found.memory.buffer.byteLength, tableSlots: found.table.length };
    },
  };
}

export function installWasmProbe() {
  let found;
  const Original = WebAssembly.Instance;
  WebAssembly.Instance = function Instance(module, imports) {
    const instance = new Original(module, imports);
    found = memoryAndTable(instance.exports) ?? found;
    return instance;
  };
  WebAssembly.Instance.prototype = Original.prototype;
  return sampler(() => found);
}

// The same for a page, as an init script (runs before any page script).
export const BROWSER_PROBE = `(() => {
  const memoryAndTable = ${memoryAndTable.toString()};
  let found;
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    if (instance) found = memoryAndTable(instance.exports) ?? found;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
  globalThis.__wasmProbe = (${sampler.toString()})(() => found);
})();`;
