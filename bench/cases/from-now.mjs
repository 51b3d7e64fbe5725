// 5. fromNow('2 days 3 hours') with a fixed reference date. Ours keeps the
// milliseconds of recent offsets (pkg-template/time.js), so the same literal
// again and again is its best case; the "64 offsets in turn" row defeats that
// cache (it keeps fewer) and measures the parse on every call.
import { FROM_NOW_OFFSET, FROM_NOW_REFERENCE } from '../fixtures.mjs';

const ROTATING_OFFSETS = Array.from({ length: 64 }, (_, i) => `${i + 1} days ${i % 24} hours`);

export function fromNowCase(ours, official) {
  let oursTurn = 0;
  let clientTurn = 0;
  const contenders = [
    { id: 'ours', label: 'fromNow', fn: () => ours.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) },
    { id: 'client', label: 'taskcluster-client fromNow', fn: () => official.client.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) },
    {
      id: 'oursRotating', label: 'fromNow, 64 offsets in turn',
      fn: () => ours.fromNow(ROTATING_OFFSETS[oursTurn++ & 63], FROM_NOW_REFERENCE),
    },
    {
      id: 'clientRotating', label: 'taskcluster-client fromNow, 64 offsets in turn',
      fn: () => official.client.fromNow(ROTATING_OFFSETS[clientTurn++ & 63], FROM_NOW_REFERENCE),
    },
  ];
  if (official.clientWeb) {
    contenders.push({ id: 'web', label: 'taskcluster-client-web fromNow', fn: () => official.clientWeb.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) });
  }
  const expected = contenders[1].fn().getTime();
  const warnings = contenders
    .filter((c) => !c.id.endsWith('Rotating') && c.fn().getTime() !== expected)
    .map((c) => `fromNow: ${c.label} disagrees with taskcluster-client`);
  if (ROTATING_OFFSETS.some((offset) => ours.fromNow(offset, FROM_NOW_REFERENCE).getTime() !== official.client.fromNow(offset, FROM_NOW_REFERENCE).getTime())) {
    warnings.push('fromNow: the 64 rotating offsets disagree with taskcluster-client');
  }
  return {
    warnings,
    title: 'fromNow',
    contenders,
    rows: [
      { name: "fromNow('2 days 3 hours') vs taskcluster-client", ours: 'ours', official: 'client' },
      { name: "fromNow('2 days 3 hours') vs client-web", ours: 'ours', official: 'web' },
      { name: 'fromNow, 64 offsets in turn (no cache hits) vs taskcluster-client', ours: 'oursRotating', official: 'clientRotating' },
    ],
  };
}
