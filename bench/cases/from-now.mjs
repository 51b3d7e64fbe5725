// 5. fromNow('2 days 3 hours') with a fixed reference date.
import { FROM_NOW_OFFSET, FROM_NOW_REFERENCE } from '../fixtures.mjs';

export function fromNowCase(ours, official) {
  const contenders = [
    { id: 'ours', label: 'fromNow', fn: () => ours.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) },
    { id: 'client', label: 'taskcluster-client fromNow', fn: () => official.client.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) },
  ];
  if (official.clientWeb) {
    contenders.push({ id: 'web', label: 'taskcluster-client-web fromNow', fn: () => official.clientWeb.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) });
  }
  const expected = contenders[1].fn().getTime();
  const warnings = contenders
    .filter((c) => c.fn().getTime() !== expected)
    .map((c) => `fromNow: ${c.label} disagrees with taskcluster-client`);
  return {
    warnings,
    title: 'fromNow',
    contenders,
    rows: [
      { name: "fromNow('2 days 3 hours') vs taskcluster-client", ours: 'ours', official: 'client' },
      { name: "fromNow('2 days 3 hours') vs client-web", ours: 'ours', official: 'web' },
    ],
  };
}
