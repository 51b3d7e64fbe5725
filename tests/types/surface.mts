// The top-level surface shared with the official clients, as TypeScript users write it.
import taskcluster, {
  clients, credentialInformation, fromEnvVars, fromNow, fromNowJSON, nice, optionsFromEnvironment, parseTime,
  scopes, simplifyScopeExpression, urls, Urls, v4, withRootUrl,
  type CredentialInformation, type EnvironmentOptions, type ParsedTime,
} from 'taskcluster-wasm';

const now: Date = fromNow();
const created: string = fromNowJSON();
const parsed: ParsedTime = parseTime('-1 day');
const ids: string = nice() + v4() + taskcluster.slugid();
const env: EnvironmentOptions = optionsFromEnvironment();
const fromEnv: EnvironmentOptions = fromEnvVars({ TASKCLUSTER_ROOT_URL: 'https://tc.example.com' });
const queue = new clients.Queue({ rootUrl: 'https://tc.example.com' });
const queue2 = new taskcluster.Queue({ rootUrl: 'https://tc.example.com' });
// @ts-expect-error no such service
void clients.Nonexistent;
const bound: Urls = withRootUrl('https://tc.example.com');
const link: string = bound.api('queue', 'v1', '/ping') + urls.withRootUrl('https://x').docs('/') + new urls.Urls('https://x').ui('/');
// @ts-expect-error the rootUrl is already bound
bound.api('https://tc.example.com', 'queue', 'v1', '/ping');
const divided = simplifyScopeExpression.divideSubexpressions(['a', { AnyOf: ['b'] }]);
const sorted: string[] = divided.scopes;
const satisfied: boolean = scopes.satisfiesExpression(['a'], { AllOf: ['a'] });

async function info(): Promise<void> {
  const credentials = { clientId: 'me', accessToken: 'token' };
  const result: CredentialInformation = await credentialInformation('https://tc.example.com', credentials);
  const webOrder: CredentialInformation = await credentialInformation(credentials, 'https://tc.example.com');
  const kind: 'permanent' | 'temporary' = result.type;
  void [webOrder, kind];
}

void [now, created, parsed, ids, env, fromEnv, queue, queue2, link, sorted, satisfied, info];
