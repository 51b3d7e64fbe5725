// The factories the generated class modules call (scripts/gen-clients.mjs): the
// runtime's class factories over a reference in its compact form, so that each of
// those modules imports one function. Their references come from apis/, so their
// first client does not check them again.
import { exchangeClass, serviceClass } from './runtime.js';
import { trustReference } from './method-calls.js';
import { api, exchanges } from './compact-reference.js';

/** A service class from a compact reference (compact-reference.js's `api`). */
export const apiClass = (header, rows) => trustReference(serviceClass(api(header, rows)));

/** An exchanges class from a compact reference (compact-reference.js's `exchanges`). */
export const exchangesClass = (header, rows) => trustReference(exchangeClass(exchanges(header, rows)));
