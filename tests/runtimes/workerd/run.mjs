// Bundles worker.js the way wrangler does (esbuild, the `workerd`, `worker` and
// `browser` conditions, the .wasm left as a module import), writes a workerd
// config beside it and runs `workerd test` on it: no socket is opened; the worker's
// only network is outbound to the loopback addresses.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const WORKERD = join(here, '..', 'node_modules', '.bin', 'workerd');
const WASM = 'taskcluster_wasm_bg.wasm';
// Not after the date workerd was built (it refuses later ones).
const COMPATIBILITY_DATE = '2026-11-01';

const CONFIG = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "${WASM}", wasm = embed "${WASM}"),
  ],
  bindings = [
    (name = "CONFIG", json = embed "config.json"),
    (name = "SELF", service = "main"),
  ],
  globalOutbound = "loopback",
  compatibilityDate = "${COMPATIBILITY_DATE}",
);
`;

/** Runs the worker's test() in workerd with `config` as env.CONFIG; resolves to its report. */
export async function runWorkerd(config) {
  const dir = mkdtempSync(join(tmpdir(), 'tc-wasm-workerd-'));
  try {
    let wasmPath;
    await build({
      entryPoints: [join(here, 'worker.js')],
      outfile: join(dir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      logLevel: 'warning',
      plugins: [{
        name: 'wasm-module',
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, (args) => {
            wasmPath = join(args.resolveDir, args.path);
            return { path: `./${WASM}`, external: true };
          });
        },
      }],
    });
    if (wasmPath === undefined) throw new Error('the workerd entry did not import the wasm as a module');
    copyFileSync(wasmPath, join(dir, WASM));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    writeFileSync(join(dir, 'config.capnp'), CONFIG);
    const { stdout, stderr } = await promisify(execFile)(WORKERD, ['test', join(dir, 'config.capnp')], { cwd: dir, timeout: 60_000 });
    const line = `${stdout}\n${stderr}`.split('\n').find((l) => l.includes('REPORT {'));
    if (line === undefined) throw new Error(`workerd printed no report:\n${stdout}\n${stderr}`);
    return { report: JSON.parse(line.slice(line.indexOf('REPORT ') + 7)), wasmPath };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
