// Fault injection, read from a live object on every request so tests can change
// it between requests. Counters are decremented per matching request ("fail
// twice, then succeed"); a request consumes at most one counted fault, in the
// order: dropConnection, htmlError, status500Count, truncateBody, then status500Rate.
// truncateBody answers normally but cuts the connection halfway through the body.
//
//   { pathPrefix?: '/api/queue', delayMs?: n, dropConnectionCount?: n,
//     htmlErrorCount?: n, status500Count?: n, truncateBodyCount?: n, status500Rate?: 0..1 }
//
// status500Rate is deterministic: failures are spread evenly (rate 0.25 fails
// exactly every 4th matching request) instead of drawn at random.

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
  return {
    // -> {delayMs, kind: 'drop' | 'html' | 'status500' | 'truncate' | undefined}
    take(path) {
      const faults = getFaults();
      if (!faults || (faults.pathPrefix && !path.startsWith(faults.pathPrefix))) return { delayMs: 0 };
      const delayMs = Number(faults.delayMs) > 0 ? Number(faults.delayMs) : 0;
      if (takeCount(faults, 'dropConnectionCount')) return { delayMs, kind: 'drop' };
      if (takeCount(faults, 'htmlErrorCount')) return { delayMs, kind: 'html' };
      if (takeCount(faults, 'status500Count')) return { delayMs, kind: 'status500' };
      if (takeCount(faults, 'truncateBodyCount')) return { delayMs, kind: 'truncate' };
      const rate = Number(faults.status500Rate) || 0;
      if (rate !== lastRate) [rateDebt, lastRate] = [0, rate];
      if (rate > 0) {
        rateDebt += Math.min(rate, 1);
        if (rateDebt >= 1 - 1e-9) {
          rateDebt -= 1;
          return { delayMs, kind: 'status500' };
        }
      }
      return { delayMs };
    },
  };
}

export const BAD_GATEWAY_HTML = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n'
  + '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx (emulated fault)</center>\r\n</body>\r\n</html>\r\n';
