// `require()` of the package by name; prints the probe's report as one JSON line.
// Usage: <runtime> probe-cjs.cjs '<config JSON>'
const tc = require('taskcluster-wasm');

import('./probe.mjs')
  .then(({ probe }) => probe(tc, JSON.parse(process.argv[2])))
  .then((report) => console.log(JSON.stringify({ ...report, entry: require.resolve('taskcluster-wasm') })), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
