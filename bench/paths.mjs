// Paths shared by the benchmark modules.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = path.join(ROOT, 'dist');
export const NODE_MODULES = path.join(ROOT, 'node_modules');
export const OUT_DIR = path.join(ROOT, 'test-output');
// Bundles built by the benchmark (git-ignored with test-output/).
export const BUILD_DIR = path.join(OUT_DIR, 'bench-build');

export const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

export function hasPackage(name) {
  return existsSync(path.join(NODE_MODULES, name, 'package.json'));
}

export function packageVersion(name) {
  return requireFromRoot(`${name}/package.json`).version;
}

/** taskcluster-client-web is optional; BENCH_NO_CLIENT_WEB=1 pretends it is absent. */
export function hasClientWeb() {
  return !process.env.BENCH_NO_CLIENT_WEB && hasPackage('taskcluster-client-web');
}
