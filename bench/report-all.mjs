// Regenerates BENCHMARKS.md: the Node run (bench/run.mjs), the browser run
// (bench/browser/run.mjs, headless Chromium) and the sizes, with the machine
// and the versions. `node bench/report-all.mjs` (about 2-3 minutes on 2 cores);
// `--quick` is the CI smoke (tiny iteration counts, figures meaningless) and
// writes test-output/BENCHMARKS.quick.md unless `--out FILE` says otherwise.
// A measurement, never a test: exits non-zero only when a section crashed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runBrowserBench } from './browser/run.mjs';
import { fmtBytes } from './format.mjs';
import { coldMarkdown, importMarkdown, sizeMarkdown, speedMarkdown } from './markdown.mjs';
import { OUT_DIR, ROOT } from './paths.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const outIndex = args.indexOf('--out');
const OUT = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(QUICK ? OUT_DIR : ROOT, QUICK ? 'BENCHMARKS.quick.md' : 'BENCHMARKS.md');
const errors = [];

function runNode() {
  process.stderr.write('== Node: bench/run.mjs\n');
  const child = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'run.mjs'), ...(QUICK ? ['--quick'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stderr.write(child.stdout ?? '');
  if (child.status !== 0) errors.push(`bench/run.mjs exited with ${child.status}`);
  return JSON.parse(readFileSync(path.join(OUT_DIR, 'bench.json'), 'utf8'));
}

async function runBrowser() {
  process.stderr.write('== Browser: bench/browser/run.mjs (headless Chromium)\n');
  try {
    return await runBrowserBench({ quick: QUICK });
  } catch (error) {
    errors.push(`browser: ${error.stack ?? error}`);
    return null;
  }
}

function timingLine({ rounds, roundMs, warmupMs }) {
  return `median of ${rounds} rounds of a calibrated iteration count (~${roundMs} ms a round) after a warm-up of at least ${warmupMs} ms; contenders interleaved, order reversed every other round`;
}

function render(node, browser) {
  const m = node.machine;
  const out = [];
  out.push('# Benchmarks', '');
  out.push('Regenerate with `node bench/report-all.mjs` (Node run, then headless Chromium; a few minutes on 2 cores).');
  out.push('Figures compare only within this one run, on this one machine; ratios hold up better than absolute figures.');
  out.push('Higher ops/s is better; a ratio above 1 means ours is faster. Anchors: the official clients and libraries named in each row.', '');
  if (QUICK) out.push('**Quick smoke run: tiny iteration counts, the figures mean nothing.**', '');
  out.push(`- Date: ${node.date}`);
  out.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.platform}; load average at start ${m.loadAverage.join(', ')}`);
  out.push(`- Node ${m.node} (V8 ${m.v8})${browser ? `; Chromium ${browser.chromium} (headless, Playwright)` : ''}`);
  out.push(`- Versions: ${Object.entries(m.versions).map(([k, v]) => `${k} ${v ?? '(absent)'}`).join(', ')}`);
  out.push('', '## Node', '', `Speed: ${timingLine(node.timing)}.`, '', speedMarkdown(node.speed));
  if (node.importTimes) out.push('', importMarkdown(node.importTimes, node.importRows ?? []));
  out.push('', '## Browser (headless Chromium)', '');
  if (browser) {
    out.push(`Same page, same run: ${timingLine(browser.timing)}. client-web is bundled by esbuild with the polyfills it needs to run (crypto-browserify, buffer, stream-browserify, url, process, events, util, assert); Web Crypto is the hand-written implementation in bench/browser/webcrypto.mjs (key imported once, every signature an await).`, '');
    out.push(speedMarkdown(browser.speed), '', coldMarkdown(browser.cold));
  } else {
    out.push('Not measured (see errors).');
  }
  out.push('', '## Sizes', '');
  const rows = [];
  if (browser) {
    const s = browser.sizes;
    rows.push({ name: 'Queue browser bundle (minified JS + wasm) vs client-web + polyfills', ours: s.ours, official: s.clientWeb });
    rows.push({ name: '... of which wasm', ours: s.wasm, official: null });
    rows.push({ name: '... of which JS', ours: s.oursJs, official: null });
  }
  const nodeSizes = [...(node.sizes?.files ?? []), ...(node.sizes?.bundles?.rows ?? []), ...(node.sizes?.installed?.rows ?? [])];
  rows.push(...nodeSizes);
  out.push('gzip is `gzip -9` of each file on its own, as served.', '', sizeMarkdown(rows));
  const notes = [...(node.notes ?? []), ...(browser?.warnings ?? []).map((w) => `WARNING (browser) ${w}`)];
  if (browser) notes.push(`client-web + polyfills bundle: ${fmtBytes(browser.sizes.clientWeb.gzip)} gzip; ours: ${fmtBytes(browser.sizes.ours.gzip)} gzip.`);
  if (notes.length) out.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  const allErrors = [...(node.errors ?? []), ...errors];
  if (allErrors.length) out.push('', '## Errors (sections that could not be measured)', '', ...allErrors.map((e) => `- ${e.split('\n')[0]}`));
  return `${out.join('\n')}\n`;
}

const started = Date.now();
const node = runNode();
const browser = await runBrowser();
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, render(node, browser));
writeFileSync(path.join(OUT_DIR, 'bench-browser.json'), `${JSON.stringify(browser, null, 2)}\n`);
process.stderr.write(`Wrote ${path.relative(process.cwd(), OUT)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
for (const e of errors) process.stderr.write(`ERROR ${e}\n`);
process.exitCode = errors.length || node.errors?.length ? 1 : 0;
