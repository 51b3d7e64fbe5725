// The drop-in additions as TypeScript users write them: makeRequest, config,
// agents, falsy fromNow offsets, use() on exchange classes, and the legacy entry.
import taskcluster, { agents, config, fromNow, fromNowJSON, makeRequest, Queue, QueueEvents, type MakeRequestResponse } from 'taskcluster-wasm';
import legacy, { clients as legacyClients, AwsProvisioner, fromNow as legacyFromNow, Queue as LegacyQueue, ready } from 'taskcluster-wasm/legacy';

config({ rootUrl: 'https://tc.example.com', retries: 2 });
// @ts-expect-error config takes client options
config({ rootUrl: 'https://tc.example.com', retriez: 2 });
agents.https.destroy();
taskcluster.agents.http.destroy();

const queue = new Queue({ rootUrl: 'https://tc.example.com' });
async function request(): Promise<number> {
  const answer: MakeRequestResponse = await makeRequest(queue, 'get', queue.buildUrl(queue.task, 'abc'), undefined, { limit: 1 });
  return answer.statusCode;
}

const now: Date = fromNow(0);
const nowToo: string = fromNowJSON(false) + fromNowJSON(null) + fromNowJSON('');
// @ts-expect-error only falsy non-strings mean now
fromNow(5);

const events = new QueueEvents({ rootUrl: 'https://tc.example.com' });
const other: QueueEvents = events.use({ exchangePrefix: 'exchange/other/v1/' });
const pattern: string = other.taskCompleted({ taskId: 'abc' }).routingKeyPattern;

const legacyQueue = new legacyClients.Queue({ rootUrl: 'https://taskcluster.net' });
const sameClass: typeof LegacyQueue = legacy.Queue;
const provisioner = new AwsProvisioner({ rootUrl: 'https://taskcluster.net' });
// @ts-expect-error WorkerManager is not a 2018 service
void legacyClients.WorkerManager;
const ok: Promise<void> = ready;

void [request, now, nowToo, pattern, legacyQueue, sameClass, provisioner, legacyFromNow, ok];
