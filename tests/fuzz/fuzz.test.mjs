// Hostile input, at volume: FUZZ_CALLS (default 100,000) calls with seeded junk into
// every export and every method of every generated class, of both generations
// (`taskcluster-wasm` and `taskcluster-wasm/legacy`). Each call must return or
// throw (or reject with) an ordinary Error that names the function: never a wasm
// trap, never a hang, never an unhandled rejection; after every batch the module
// still gives the same answers and still sends a signed request.
//
// Safety: requests go only to a local stub; fetch is guarded (see guard.mjs) so a
// junk rootUrl that names a real host is refused and counted as a failure.
// FUZZ_CALLS=1000000 FUZZ_SEED=7 node --test tests/fuzz/   for a longer soak.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installFetchGuard, refused } from './guard.mjs';
import { startStub } from './stub-server.mjs';
import { makeJunk } from './junk.mjs';
import { makeRandom } from '../support/prng.mjs';

installFetchGuard();
// Most calls throw; stack traces are not looked at and would cost a third of the run.
Error.stackTraceLimit = 0;
const current = await import('taskcluster-wasm');
const legacy = await import('taskcluster-wasm/legacy');

const CALLS = Number(process.env.FUZZ_CALLS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const BATCH = 2_000;
const IN_FLIGHT = 32;
const HANG_MS = 10_000;
const SECRET = 'FUZZ-SECRET-accessToken-4711';
const CREDENTIALS = { clientId: 'fuzz/client', accessToken: SECRET };

const stub = await startStub();
after(() => stub.close());

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason?.stack ?? reason)));

const isClass = (f) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));
const isServiceClass = (f) => isClass(f) && f.reference && Array.isArray(f.reference.functions);
const isExchangeClass = (f) => isClass(f) && f.reference && Array.isArray(f.reference.entries);

function methodNames(instance) {
  const names = new Set();
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      // `__destroy_into_raw` is wasm-bindgen's glue, not an API: it detaches the instance.
      if (name !== 'constructor' && !name.startsWith('__') && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}

// Every callable of one generation: [label, names the error must mention one of, call(args)].
function targetsOf(generation, tc) {
  const targets = [];
  const add = (label, names, call) => targets.push({ label: `${generation} ${label}`, names, call });
  for (const [name, value] of Object.entries(tc)) {
    if (name === 'default') continue; // the same exports again, as one object
    if (isServiceClass(value) || isExchangeClass(value)) {
      add(`new ${name}`, [name], (args) => new value(...args));
      const instance = new value({ rootUrl: stub.url, credentials: CREDENTIALS, retries: 0 });
      for (const method of methodNames(instance)) {
        add(`${name}.${method}`, [`${name}.${method}`, name], (args) => instance[method](...args));
      }
    } else if (isClass(value)) {
      add(`new ${name}`, [name], (args) => new value(...args));
      targets.at(-1).errorClass = value.prototype instanceof Error;
    } else if (typeof value === 'function') {
      add(name, [name], (args) => value(...args));
    } else if (value && typeof value === 'object') {
      for (const [key, f] of Object.entries(value)) {
        // `clients` holds the classes themselves: they are constructed, as top-level ones are.
        if (isClass(f)) add(`new ${name}.${key}`, [`${name}.${key}`, key], (args) => new f(...args));
        else if (typeof f === 'function') add(`${name}.${key}`, [`${name}.${key}`, key], (args) => f(...args));
      }
    }
  }
  if (tc.ScopeSet) {
    const set = new tc.ScopeSet(['queue:*', 'a']);
    // free() ends the shared instance; it gets a fresh one each call instead.
    for (const method of methodNames(set).filter((m) => m !== 'free')) {
      add(`ScopeSet.${method}`, [`ScopeSet.${method}`, method], (args) => set[method](...args));
    }
    add('ScopeSet.free', ['ScopeSet'], (args) => new tc.ScopeSet(['a']).free(...args));
  }
  return targets;
}

// Trap-like failures: a wasm trap, a broken RefCell, or a message from the engine's guts.
const TRAP = /unreachable|RuntimeError|already (mutably )?borrowed|recursive use of an object|closure invoked|memory access out of bounds|null function|table index/i;

function judge(target, error, failures) {
  const fail = (kind, detail) => failures.push({ target: target.label, kind, detail: String(detail).slice(0, 200) });
  if (!(error instanceof Error)) return fail('non-Error thrown', typeof error);
  if (error instanceof WebAssembly.RuntimeError || TRAP.test(error.message) || TRAP.test(error.name)) {
    return fail('wasm trap', `${error.name}: ${error.message}`);
  }
  // Error subclasses (TaskclusterError, OAuthError) fail on junk exactly as `new Error(junk)` does.
  const named = target.errorClass || target.names.some((name) => error.message.includes(name));
  if (!named) fail('does not name the function', error.message);
  if (error.message.includes(SECRET)) fail('leaks the accessToken', error.message);
}

const withHangCheck = (promise) => {
  let timer;
  const hang = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('HANG')), HANG_MS); });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
};

// One call: sync result, promise, or async iterator (pages/paginate: a few steps).
async function callOnce(target, args, failures) {
  try {
    let result = target.call(args);
    if (result && typeof result.then === 'function') result = await withHangCheck(result);
    if (result && typeof result[Symbol.asyncIterator] === 'function') {
      const iterator = result[Symbol.asyncIterator]();
      for (let i = 0; i < 3; i++) if ((await withHangCheck(iterator.next())).done) break;
      await iterator.return?.();
    }
  } catch (error) {
    if (error?.message === 'HANG') failures.push({ target: target.label, kind: 'hang', detail: `no answer in ${HANG_MS} ms` });
    else judge(target, error, failures);
  }
}

// Answers that must not change however much junk went before (both generations
// share one wasm module; the legacy entry exports only the classes).
const canaryValues = (tc = current) => ({
  header: tc.hawkHeader({ method: 'GET', url: 'https://tc.example.com/api/queue/v1/ping', credentials: CREDENTIALS, timestamp: 1353832234, nonce: 'n' }),
  match: tc.scopeMatch(['queue:*'], [['queue:create-task:x']]),
  time: tc.fromNowJSON('1 day', 1484843240974),
  url: tc.urls.api(stub.url, 'queue', 'v1', '/ping'),
});

async function sentinel(tc, reference, ctx) {
  assert.deepEqual(canaryValues(), reference, `canary answers changed after ${ctx}`);
  assert.match(current.slugid(), /^[A-Za-z0-9_-]{22}$/, `slugid after ${ctx}`);
  const before = stub.requests();
  const queue = new tc.Queue({ rootUrl: stub.url, credentials: CREDENTIALS, retries: 0 });
  assert.deepEqual(await queue.ping(), {}, `a request after ${ctx}`);
  assert.equal(stub.requests(), before + 1, `the request reached the stub after ${ctx}`);
}

test('the fetch guard is in the path: a request to another host is refused and recorded', async () => {
  const queue = new current.Queue({ rootUrl: 'https://tc.example.com', credentials: CREDENTIALS, retries: 0 });
  await assert.rejects(queue.ping(), /guard|network/);
  assert.equal(refused.length, 1);
  assert.match(refused[0], /^https:\/\/tc\.example\.com\//);
  refused.length = 0;
});

test(`fuzz: ${CALLS} junk calls into every export and generated method, both generations`, async (t) => {
  const generations = { current, legacy };
  const reference = canaryValues();
  const targets = Object.entries(generations).flatMap(([g, tc]) => targetsOf(g, tc));
  const random = makeRandom(SEED);
  const junk = makeJunk(random, { stubUrl: stub.url, secret: SECRET });
  const failures = [];
  const calls = new Map(targets.map((target) => [target.label, 0]));

  // Round-robin with a shuffled order each pass: every target gets about the same
  // share. Up to IN_FLIGHT calls wait on the stub at once, as in a real page.
  const inFlight = new Set();
  const start = (target) => {
    const call = callOnce(target, junk.args(), failures).finally(() => inFlight.delete(call));
    inFlight.add(call);
    calls.set(target.label, calls.get(target.label) + 1);
  };
  let done = 0;
  while (done < CALLS) {
    for (const target of random.shuffle(targets)) {
      start(target);
      done++;
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      if (done % BATCH === 0) {
        await Promise.all(inFlight);
        for (const [g, tc] of Object.entries(generations)) await sentinel(tc, reference, `${done} calls (${g})`);
      }
      if (done >= CALLS) break;
    }
  }
  await Promise.all(inFlight);
  for (const [g, tc] of Object.entries(generations)) await sentinel(tc, reference, `the last call (${g})`);

  if (process.env.FUZZ_REPORT) (await import('node:fs')).writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(failures, null, 1));
  const byKind = {};
  for (const f of failures) (byKind[`${f.kind}: ${f.target}`] ??= []).push(f.detail);
  const summary = Object.entries(byKind).map(([k, v]) => `${k} (x${v.length}) e.g. ${v[0]}`);
  t.diagnostic(`${done} calls into ${targets.length} callables (seed ${SEED}), ${stub.requests()} requests reached the stub`);
  t.diagnostic(`fewest calls into one callable: ${Math.min(...calls.values())}`);
  assert.deepEqual(summary, [], 'every call returns or throws an ordinary Error naming the function');
  assert.deepEqual(refused, [], 'no request tried to leave 127.0.0.1');
  assert.deepEqual(unhandled, [], 'no unhandled rejection');
});
