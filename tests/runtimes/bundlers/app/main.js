// The small app each bundler builds: the package by name, the probe's report (for
// the configuration in the URL's fragment) in window.report.
import * as tc from 'taskcluster-wasm';
import { probe } from '../../probe/probe.mjs';

window.report = probe(tc, JSON.parse(decodeURIComponent(location.hash.slice(1))));
