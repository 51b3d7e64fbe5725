// Inputs shared by the speed benchmarks. Fixed, so every run measures the same work.

export const ROOT_URL = 'https://tc.example.com';
export const CREDENTIALS = {
  clientId: 'project/bench/client',
  accessToken: 'bench-access-token-0123456789abcdefghijklmnop',
};
// The same credentials in the shape the Hawk libraries take.
export const HAWK_CREDENTIALS = { id: CREDENTIALS.clientId, key: CREDENTIALS.accessToken, algorithm: 'sha256' };

export const TASK_ID = 'fN1SbArXTPSVFNUvaOlinQ';
export const RUN_ID = 0;
export const ARTIFACT = 'public/logs/live_backing.log';
export const REQUEST_URL = `${ROOT_URL}/api/queue/v1/task/${TASK_ID}/runs/${RUN_ID}/artifacts/public%2Flogs%2Flive_backing.log`;

export const AUTHORIZED_SCOPES = [
  'queue:get-artifact:public/*',
  'queue:create-task:highest:proj-bench/*',
  'secrets:get:project/bench/*',
];
// What taskcluster-client computes once per client and sends as Hawk ext (btoa: the page imports this file too).
export const AUTHORIZED_SCOPES_EXT = btoa(JSON.stringify({ authorizedScopes: AUTHORIZED_SCOPES }));

export const TEMP_SCOPES = ['queue:create-task:highest:proj-bench/*', 'queue:route:index.project.bench.*', 'secrets:get:project/bench/token'];
export const TEMP_START = new Date('2030-01-01T00:00:00.000Z');
export const TEMP_EXPIRY = new Date('2030-01-01T06:00:00.000Z');

export const FROM_NOW_OFFSET = '2 days 3 hours';
export const FROM_NOW_REFERENCE = new Date('2030-01-01T00:00:00.000Z');

// 50 assumed scopes: 34 exact scopes and 16 `*` patterns, none a bare `*`.
export const ASSUMED_SCOPES = [
  ...Array.from({ length: 12 }, (_, i) => `queue:create-task:highest:proj-${i}/worker-${i}`),
  ...Array.from({ length: 12 }, (_, i) => `secrets:get:project/app-${i}/token`),
  ...Array.from({ length: 10 }, (_, i) => `index:insert-task:project.app-${i}.latest`),
  ...Array.from({ length: 8 }, (_, i) => `queue:route:index.project.app-${i}.*`),
  ...Array.from({ length: 8 }, (_, i) => `assume:project:app-${i}:*`),
];

// AllOf/AnyOf over 10 scopes, satisfied: exact hits, pattern hits, and AnyOf
// branches whose first alternatives fail.
export const SCOPE_EXPRESSION = {
  AllOf: [
    'queue:create-task:highest:proj-7/worker-7',
    'secrets:get:project/app-11/token',
    'queue:route:index.project.app-5.nightly.linux64',
    { AnyOf: ['queue:create-task:highest:proj-99/worker-1', 'auth:create-client:project/app-3', 'assume:project:app-3:ci'] },
    {
      AllOf: [
        'index:insert-task:project.app-9.latest',
        { AnyOf: ['secrets:get:project/other/token', 'queue:route:index.project.app-7.release'] },
        'assume:project:app-0:admin',
      ],
    },
  ],
};
