// The client classes as taskcluster-client and taskcluster-client-web code uses
// them (compiled by tests/js/types.test.mjs with tsc --strict).
import { Client, Queue, QueueEvents, createClient, type ClientOptions, type FakeCall } from 'taskcluster-wasm';

const rootUrl = 'https://tc.example.com';
const queue = new Queue({ rootUrl, credentials: { clientId: 'me', accessToken: 'token' }, traceId: 't', signedUrlExpiration: 60 });
const anonymous = new Queue({ rootUrl, credentials: {} });
const agent = new Queue({ rootUrl, credentialAgent: { getCredentials: async () => ({ clientId: 'me', accessToken: 'token' }) } });
const inCluster = new Queue({ rootUrl, serviceDiscoveryScheme: 'k8s-dns' });

const links: string[] = [
  queue.buildUrl(queue.task, 'abc'),
  queue.buildUrl('task', 'abc'),
  queue.buildSignedUrl(queue.getArtifact, 'abc', 0, 'public/log.txt', { expiration: 600 }),
  queue.buildSignedUrlSync(queue.getLatestArtifact, 'abc', 'public/log.txt'),
  inCluster.externalBuildUrl(inCluster.task, 'abc'),
  queue.externalBuildSignedUrl(queue.task, 'abc'),
];
const signedLater: Promise<string> = agent.buildSignedUrlAsync(agent.task, 'abc');

const scoped: Queue = queue.use({ authorizedScopes: ['queue:get-artifact:*'] });
const traced: Queue = queue.taskclusterPerRequestInstance({ requestId: 'r', traceId: 'trace' });
// @ts-expect-error use() takes client options
queue.use({ retires: 2 });

const fake = new Queue({ rootUrl, fake: { task: async (taskId: string) => ({ taskId }) } });
const calls: FakeCall[] | undefined = fake.fakeCalls?.task;

const Legacy = createClient({ name: 'queue', entries: [] });
const Web = Client.create({ serviceName: 'queue', entries: [] });
// @ts-expect-error an unknown option is refused
const typo: ClientOptions = { rootUrl, credentails: {} };
const events = new QueueEvents({ rootUrl, credentials: { clientId: 'me', accessToken: 'token' } });

void [anonymous, links, signedLater, scoped, traced, calls, Legacy, Web, typo, events];
