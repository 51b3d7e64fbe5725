// Compiled by tests/js/types.test.mjs with `tsc --strict` against the built
// package: the right calls type-check, and each `@ts-expect-error` line proves
// a wrong call is refused (tsc fails if such a line has no error).
import {
  Queue, QueueEvents, Secrets, TaskclusterError, ScopeSet, createTemporaryCredentials, fromNow, fromNowJSON,
  hawkHeader, hawkClockOffset, ready, satisfiesExpression, scopeMatch, signUrl, slugid, urls, version,
  type ClientOptions, type Credentials, type ExchangeBinding, type ScopeExpression,
  OAuthCredentialAgent, OAuthError, finishSignIn, signInWithPopup, startSignIn, type SignInOptions,
} from 'taskcluster-wasm';
import { Queue as LegacyQueue } from 'taskcluster-wasm/legacy';

const credentials: Credentials = { clientId: 'me', accessToken: 'token' };
const options: ClientOptions = { rootUrl: 'https://tc.example.com', credentials, retries: 2, timeout: 5000 };
const queue = new Queue(options);

async function calls(): Promise<void> {
  const task = await queue.task('abc');
  const group = await queue.listTaskGroup('g', { limit: 10, continuationToken: 'x' });
  await queue.createTask('t', { provisionerId: 'p' });
  // @ts-expect-error unknown query option
  await queue.listTaskGroup('g', { limt: 10 });
  // @ts-expect-error missing route argument
  await queue.task();
  // @ts-expect-error payload required
  await queue.createTask('t');
  for await (const item of queue.paginate('listTaskGroup', 'g')) void item;
  await new Secrets(options).get('name');
  await new LegacyQueue(options).claimWork('provisioner', 'workerType', { tasks: 1 });
  try {
    await queue.task('missing');
  } catch (error) {
    if (error instanceof TaskclusterError) console.log(error.statusCode, error.code, error.retries);
  }
  void task;
  void group;
}

const binding: ExchangeBinding = new QueueEvents().taskCompleted({ taskId: 'abc' });
const header: string = hawkHeader({ method: 'GET', url: 'https://h/', credentials, authorizedScopes: ['a'] });
const link: string = signUrl({ url: 'https://h/x', credentials, expiration: 60 });
// @ts-expect-error credentials required
hawkHeader({ method: 'GET', url: 'https://h/' });
const offset: number | null = hawkClockOffset('Hawk ts="1"', credentials);
const temporary = createTemporaryCredentials({ ...credentials, expiry: fromNow('1 hour'), scopes: [] });
const certificate: string = temporary.certificate;
const when: Date = fromNow('2 days');
const iso: string = fromNowJSON('1 hour', new Date());
const expression: ScopeExpression = { AnyOf: ['a', { AllOf: ['b', 'c'] }] };
const ok: boolean = satisfiesExpression(['a'], expression) && scopeMatch(['a'], [['a']]) && new ScopeSet(['*']).satisfies('x');
// @ts-expect-error an expression is not a number
satisfiesExpression(['a'], 5);
const api: string = urls.api('https://tc.example.com', 'queue', 'v1', '/ping');
const id: string = slugid() + slugid.nice() + version;
const initialised: Promise<void> = ready;
// @ts-expect-error ready is a promise, not a function
ready();

const signIn: SignInOptions = { rootUrl: 'https://tc.example.com', clientId: 'app', redirectUri: 'https://app/cb', scopes: ['a'], storage: 'session' };
// @ts-expect-error storage is memory, session or local
startSignIn({ ...signIn, storage: 'disk' });
async function oauth(): Promise<void> {
  const agent: OAuthCredentialAgent | null = await finishSignIn();
  const popupAgent = await signInWithPopup({ ...signIn, responseType: 'code', expires: '1 hour' });
  const signedIn = new Queue({ rootUrl: popupAgent.rootUrl, credentials: popupAgent });
  const expires: Date | null = popupAgent.expires;
  const temp = await popupAgent.createTemporaryCredentials({ scopes: ['a'], expiry: new Date() });
  const restored = OAuthCredentialAgent.restore({ storage: 'local' });
  try {
    await popupAgent.getCredentials();
  } catch (error) {
    if (error instanceof OAuthError) console.log(error.code, error.statusCode);
  }
  void [agent, signedIn, expires, temp.certificate, restored];
}

void [oauth, calls, binding, header, link, offset, certificate, when, iso, ok, api, id, initialised];
