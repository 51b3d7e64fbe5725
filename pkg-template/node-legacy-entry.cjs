// Node entry of taskcluster-wasm/legacy (bundled into node/legacy.cjs): the main
// bundle's surface, with the 2018 classes in place of today's. The runtime and
// the wasm instance are the main bundle's (one TaskclusterError class, one module).
const main = require('./index.cjs');
const legacyClasses = require('./legacy/index.js');

const classes = Object.freeze({ ...legacyClasses });
const surface = Object.fromEntries(Object.entries(main).filter(([name]) => name !== 'default' && !(name in main.clients)));
const api = Object.freeze({ ...surface, ...classes, clients: classes });

module.exports = { ...api, default: api };
