// A module Service Worker (they refuse top-level await) over the `worker` entry.
// It answers two of its origin's URLs itself:
//   /sw/artifact-link?config=...   {url}: an artifact link signed here
//   /sw/probe?config=...           the probe's report, run inside the Service Worker
import * as tc from '/pkg/web/worker.js';
import { probe } from '/probe/probe.mjs';

self.addEventListener('install', (event) => event.waitUntil(tc.ready.then(() => self.skipWaiting())));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function answer(url) {
  const config = JSON.parse(url.searchParams.get('config'));
  try {
    if (url.pathname === '/sw/probe') return Response.json(await probe(tc, config));
    await tc.ready;
    const queue = new tc.Queue({ rootUrl: config.rootUrl, credentials: config.credentials });
    return Response.json({ url: queue.buildSignedUrl('getArtifact', config.taskId, 0, config.artifact, { expiration: 600 }) });
  } catch (error) {
    return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin === self.location.origin && url.pathname.startsWith('/sw/')) event.respondWith(answer(url));
});
