// 3. createTemporaryCredentials with 3 scopes (random seed each call, as in real use).
import { CREDENTIALS, TEMP_EXPIRY, TEMP_SCOPES, TEMP_START } from '../fixtures.mjs';

export function tempCredsCase(ours, official) {
  const officialOptions = { credentials: CREDENTIALS, start: TEMP_START, expiry: TEMP_EXPIRY, scopes: TEMP_SCOPES };
  const contenders = [
    {
      id: 'ours',
      label: 'createTemporaryCredentials',
      // The same options object as the official clients get (ours takes their form too):
      // a spread built per call cost as much as half of our call, on our side only.
      fn: () => ours.createTemporaryCredentials(officialOptions),
    },
    { id: 'client', label: 'taskcluster-client', fn: () => official.client.createTemporaryCredentials(officialOptions) },
  ];
  if (official.clientWeb) {
    contenders.push({ id: 'web', label: 'taskcluster-client-web', fn: () => official.clientWeb.createTemporaryCredentials(officialOptions) });
  }
  return {
    title: 'Temporary credentials',
    contenders,
    rows: [
      { name: 'createTemporaryCredentials vs taskcluster-client', ours: 'ours', official: 'client' },
      { name: 'createTemporaryCredentials vs client-web (crypto-js)', ours: 'ours', official: 'web' },
    ],
  };
}
