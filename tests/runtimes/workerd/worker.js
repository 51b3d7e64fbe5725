// A Cloudflare Worker over the package: it signs artifact links and proxies signed
// API calls to a Taskcluster deployment (here the emulator on 127.0.0.1).
//   GET /tasks/<taskId>                        the task, fetched with a Hawk-signed call
//   GET /tasks/<taskId>/artifact-link/<name>   {url}: a link to the artifact, signed for 10 minutes
// `test()` is what `workerd test` runs: it calls both routes through the SELF binding,
// runs the shared probe inside workerd and logs one JSON line for the Node test.
import * as tc from 'taskcluster-wasm';
import { Queue as LegacyQueue } from 'taskcluster-wasm/legacy';
import { probe } from '../probe/probe.mjs';

const LINK_TTL_SECONDS = 600;

export default {
  async fetch(request, env) {
    const { rootUrl, credentials } = env.CONFIG;
    const queue = new tc.Queue({ rootUrl, credentials, retries: 0 });
    const [, taskId, artifact] = new URL(request.url).pathname.match(/^\/tasks\/([\w-]{22})(?:\/artifact-link\/(.+))?$/) ?? [];
    if (taskId === undefined) return Response.json({ message: 'not found' }, { status: 404 });
    try {
      if (artifact !== undefined) {
        const url = queue.buildSignedUrl('getArtifact', taskId, 0, decodeURIComponent(artifact), { expiration: LINK_TTL_SECONDS });
        return Response.json({ url });
      }
      return Response.json(await queue.task(taskId));
    } catch (error) {
      return Response.json({ message: error.message, code: error.code }, { status: error.statusCode ?? 500 });
    }
  },

  async test(controller, env) {
    const { taskId, artifact } = env.CONFIG;
    const get = async (path) => {
      const response = await env.SELF.fetch(`http://worker${path}`);
      return { status: response.status, body: await response.json() };
    };
    const report = {
      proxiedTask: await get(`/tasks/${taskId}`),
      signedLink: await get(`/tasks/${taskId}/artifact-link/${encodeURIComponent(artifact)}`),
      probe: await probe(tc, env.CONFIG),
      // The 2018 API through its workerd entry, sharing the one wasm instance.
      legacyTask: await new LegacyQueue({ rootUrl: env.CONFIG.rootUrl, credentials: env.CONFIG.credentials, retries: 0 }).task(taskId),
    };
    console.log(`REPORT ${JSON.stringify(report)}`);
  },
};
