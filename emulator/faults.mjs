// Fault injection: what flaky networks and proxies in front of Taskcluster do.
// The options are read from a live object on every request, so tests can change
// them between requests. See README.md (Faults) for the table of kinds.
//
//   { pathPrefix?, delayMs?, stallMs?, retryAfterSec?,
//     <kind>Count?: n,                     the next n matching requests get <kind>
//     status500Rate?: 0..1,                deterministic share of 500s
//     mix?: {rate: 0..1, seed: n, kinds?: [kind...]} }   seeded random faults
//
// Counted kinds are taken in the order of KINDS, at most one per request; then
// status500Rate; then the mix. `injected` counts every fault given, by kind.
import { createRandom } from './seeded-random.mjs';

// kind -> when it strikes: 'instead' of handling the request, or 'after' it was
// handled (the server did the work; only the answer is damaged or lost).
export const KINDS = {
  drop: 'instead', // socket destroyed before any answer
  resetMidBody: 'after', // headers and half the body, then the socket is destroyed
  stall: 'after', // headers and half the body, the rest only after stallMs
  truncatedJson: 'after', // the status and headers as handled, the body cut in half
  html200: 'instead', // 200 text/html, e.g. a captive portal or proxy login page
  html502: 'instead', // 502/503/504 with a proxy's HTML page
  html503: 'instead',
  html504: 'instead',
  retryAfter: 'instead', // 503 JSON with `Retry-After: retryAfterSec`
  status500: 'instead', // 500 JSON InternalServerError
};

// The older option names, kept working.
const COUNT_FIELDS = { drop: 'dropConnectionCount', html502: 'htmlErrorCount' };
const countField = (kind) => COUNT_FIELDS[kind] ?? `${kind}Count`;

function takeCount(faults, field) {
  if (!(Number(faults[field]) > 0)) return false;
  faults[field] = Number(faults[field]) - 1;
  return true;
}

export function createFaultInjector(getFaults) {
  // Accumulated share of a failure; restarts whenever the rate changes, so a
  // given rate always produces the same sequence.
  let rateDebt = 0;
  let lastRate = 0;
  // The mix's random sequence restarts whenever a different mix object is set.
  let mixOf;
  let random;
  const injected = {};

  function pick(faults) {
    for (const kind of Object.keys(KINDS)) {
      if (takeCount(faults, countField(kind))) return kind;
    }
    const rate = Number(faults.status500Rate) || 0;
    if (rate !== lastRate) [rateDebt, lastRate] = [0, rate];
    if (rate > 0) {
      rateDebt += Math.min(rate, 1);
      if (rateDebt >= 1 - 1e-9) {
        rateDebt -= 1;
        return 'status500';
      }
    }
    const { mix } = faults;
    if (mix && Number(mix.rate) > 0) {
      if (mixOf !== mix) [mixOf, random] = [mix, createRandom(Number(mix.seed) || 0)];
      const kinds = mix.kinds ?? Object.keys(KINDS);
      const [roll, which] = [random.next(), random.next()];
      if (roll < Number(mix.rate)) return kinds[Math.floor(which * kinds.length)];
    }
    return undefined;
  }

  return {
    injected,
    // -> {delayMs, kind?, when?: 'instead' | 'after'}
    take(path) {
      const faults = getFaults();
      if (!faults || (faults.pathPrefix && !path.startsWith(faults.pathPrefix))) return { delayMs: 0 };
      const delayMs = Number(faults.delayMs) > 0 ? Number(faults.delayMs) : 0;
      const kind = pick(faults);
      if (!kind) return { delayMs };
      if (!KINDS[kind]) throw new Error(`emulator faults: unknown kind ${JSON.stringify(kind)}`);
      injected[kind] = (injected[kind] ?? 0) + 1;
      return { delayMs, kind, when: KINDS[kind] };
    },
  };
}

const proxyPage = (status, reason) => `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n`
  + `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx (emulated fault)</center>\r\n</body>\r\n</html>\r\n`;

export const BAD_GATEWAY_HTML = proxyPage(502, 'Bad Gateway');

const LOGIN_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head>'
  + '<body><form method="post"><input name="user"></form></body></html>\n';

const HTML_ERRORS = { html502: [502, 'Bad Gateway'], html503: [503, 'Service Temporarily Unavailable'], html504: [504, 'Gateway Time-out'] };

/** The answer for an 'instead' fault other than drop and status500 (the server makes those). */
export function faultAnswer(kind, faults) {
  if (HTML_ERRORS[kind]) {
    const [status, reason] = HTML_ERRORS[kind];
    return { status, headers: { 'Content-Type': 'text/html' }, body: proxyPage(status, reason) };
  }
  if (kind === 'html200') return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: LOGIN_PAGE };
  if (kind === 'retryAfter') {
    const seconds = Number(faults?.retryAfterSec ?? 1);
    const body = JSON.stringify({ code: 'ServiceUnavailable', message: 'Slow down (emulated fault)' });
    return { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': String(seconds) }, body };
  }
  return undefined;
}

/**
 * Damages the answer the server is about to write (an 'after' fault): wraps
 * `res.writeHead`/`res.end` for this one response. `schedule(fn, ms)` runs a
 * timer the emulator clears on close.
 */
export function damageAnswer(res, kind, { stallMs = 60_000, schedule }) {
  const [writeHead, end] = [res.writeHead.bind(res), res.end.bind(res)];
  let head = [200, {}];
  res.writeHead = (status, headers = {}) => {
    head = [status, headers];
    return res;
  };
  res.end = (payload) => {
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload ?? '');
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    const [status, headers] = head;
    if (kind === 'truncatedJson') {
      writeHead(status, { ...headers, 'Content-Length': half.length, Connection: 'close' });
      return end(half);
    }
    writeHead(status, headers);
    if (kind === 'resetMidBody') res.write(half, () => res.socket?.destroy());
    else {
      res.write(half);
      schedule(() => end(bytes.subarray(half.length)), stallMs);
    }
    return res;
  };
}
