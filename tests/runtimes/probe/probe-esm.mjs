// `import` of the package by name; prints the probe's report as one JSON line.
// Usage: <runtime> probe-esm.mjs '<config JSON>'
import * as tc from 'taskcluster-wasm';
import { probe } from './probe.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const report = await probe(tc, JSON.parse(args[0]));
// Which entry the runtime's export conditions chose (Node 18 has no import.meta.resolve).
report.entry = import.meta.resolve?.('taskcluster-wasm') ?? null;
console.log(JSON.stringify(report));
