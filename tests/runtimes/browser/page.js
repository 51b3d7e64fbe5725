// A page without a bundler: the probe's report, for the configuration in the
// URL's fragment, lands in window.report (a promise) and #report.
import * as tc from 'taskcluster-wasm';
import { probe } from '/probe/probe.mjs';

window.report = probe(tc, JSON.parse(decodeURIComponent(location.hash.slice(1))));
window.report.then((r) => { document.getElementById('report').textContent = JSON.stringify(r); }, () => {});
