// Request throughput against a local server (127.0.0.1, ephemeral port, no
// signature checks, so the clients' costs dominate): requests/s with 64 in
// flight for our Queue.status, for raw fetch sending the same precomputed
// Authorization header (the floor: the runtime's HTTP stack alone), and for
// taskcluster-client's Queue.status. Contenders alternate round by round.
import { startApiServer } from '../tests/load/support/api-server.mjs';
import { CREDENTIALS } from './fixtures.mjs';

export const IN_FLIGHT = 64;

async function requestsPerSecond(call, requests) {
  let started = 0;
  const worker = async () => {
    while (started < requests) {
      started += 1;
      await call();
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const { user, system } = process.cpuUsage(cpu0);
  // Requests per second of this process's CPU time (client and server): steadier than wall time on a busy machine.
  return { wall: requests / ((performance.now() - t0) / 1000), cpu: requests / ((user + system) / 1e6) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureThroughput(ours, official, { rounds = 5, requests = 2000 } = {}) {
  const server = await startApiServer();
  try {
    const rootUrl = server.rootUrl;
    const url = `${rootUrl}/api/queue/v1/task/abc/status`;
    const headers = { Authorization: ours.hawkHeader({ method: 'GET', url, credentials: CREDENTIALS }) };
    const oursQueue = new ours.Queue({ rootUrl, credentials: CREDENTIALS });
    const officialQueue = new official.client.Queue({ rootUrl, credentials: CREDENTIALS });
    const contenders = [
      { id: 'ours', label: 'taskcluster-wasm Queue.status', fn: () => oursQueue.status('abc') },
      { id: 'fetch', label: 'fetch, same precomputed header', fn: async () => (await fetch(url, { headers })).json() },
      { id: 'client', label: 'taskcluster-client Queue.status', fn: () => officialQueue.status('abc') },
    ];
    for (const c of contenders) {
      await requestsPerSecond(c.fn, Math.ceil(requests / 4)); // warm-up: connections, JIT
      c.samples = [];
      c.cpuSamples = [];
    }
    for (let round = 0; round < rounds; round++) {
      for (const c of contenders) {
        const { wall, cpu } = await requestsPerSecond(c.fn, requests);
        c.samples.push(wall);
        c.cpuSamples.push(cpu);
      }
    }
    const results = Object.fromEntries(contenders.map((c) => [c.id, {
      label: c.label, opsPerSec: median(c.samples), iterations: requests, rounds: c.samples, perCpuSecond: c.cpuSamples,
    }]));
    return {
      title: `Throughput (requests/s, ${IN_FLIGHT} in flight, local server)`,
      rows: [
        { name: `requests/s, ${IN_FLIGHT} in flight: ours vs raw fetch (same header)`, ours: 'ours', official: 'fetch' },
        { name: `requests/s, ${IN_FLIGHT} in flight: ours vs taskcluster-client`, ours: 'ours', official: 'client' },
      ],
      results,
    };
  } finally {
    await server.close();
  }
}

// `node bench/throughput.mjs`: this section alone, printed (what run.mjs measures, in ~20 s).
if (import.meta.url === `file://${process.argv[1]}`) {
  const ours = await import('taskcluster-wasm');
  const client = (await import('taskcluster-client')).default;
  const { title, rows, results } = await measureThroughput(ours, { client });
  console.log(title);
  for (const [id, r] of Object.entries(results)) console.log(`  ${r.label}: ${Math.round(r.opsPerSec)}/s (rounds ${r.rounds.map(Math.round).join(' ')})`);
  // The ratio of medians (as run.mjs reports it), and the median of each round's ratio (steadier on a busy machine).
  for (const { name, ours: a, official: b } of rows) {
    const perRound = median(results[a].rounds.map((value, i) => value / results[b].rounds[i]));
    const perCpu = median(results[a].perCpuSecond.map((value, i) => value / results[b].perCpuSecond[i]));
    console.log(`  ${name}: ${(results[a].opsPerSec / results[b].opsPerSec).toFixed(2)}x (per round ${perRound.toFixed(2)}x; per CPU-second ${perCpu.toFixed(2)}x)`);
  }
}
