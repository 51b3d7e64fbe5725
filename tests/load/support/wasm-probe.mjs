// Reaches the package's wasm instance from a test without a public hook: the
// glue creates it with `new WebAssembly.Instance` (Node) or
// `WebAssembly.instantiate[Streaming]` (browsers), so the probe wraps those
// before the package loads and keeps the instance whose exports carry
// wasm-bindgen's externref table.
//
//   const probe = installWasmProbe();        // Node, before importing the package
//   await page.addInitScript(BROWSER_PROBE); // Chromium; then globalThis.__wasmProbe
//   probe.sample() -> {memoryBytes, tableSlots}

const TABLE_EXPORT = '__wbindgen_externrefs';

function sampler(getExports) {
  return {
    found: () => Boolean(getExports()),
    sample() {
      const exports = getExports();
      if (!exports) throw new Error('wasm probe: the package has not instantiated its wasm module yet');
      return { memoryBytes: exports.memory.buffer.byteLength, tableSlots: exports[TABLE_EXPORT].length };
    },
  };
}

export function installWasmProbe() {
  let exports;
  const Original = WebAssembly.Instance;
  WebAssembly.Instance = function Instance(module, imports) {
    const instance = new Original(module, imports);
    if (instance.exports[TABLE_EXPORT]) exports = instance.exports;
    return instance;
  };
  WebAssembly.Instance.prototype = Original.prototype;
  return sampler(() => exports);
}

// The same for a page, as an init script (runs before any page script).
export const BROWSER_PROBE = `(() => {
  const TABLE_EXPORT = '${TABLE_EXPORT}';
  let exports;
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    if (instance && instance.exports.${TABLE_EXPORT}) exports = instance.exports;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
  globalThis.__wasmProbe = (${sampler.toString()})(() => exports);
})();`;
