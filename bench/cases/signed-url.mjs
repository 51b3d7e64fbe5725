// 2. Signed URLs (bewit) for Queue.getArtifact.
import { ARTIFACT, CREDENTIALS, HAWK_CREDENTIALS, REQUEST_URL, ROOT_URL, RUN_ID, TASK_ID } from '../fixtures.mjs';

export function signedUrlCase(ours, official) {
  const options = { rootUrl: ROOT_URL, credentials: CREDENTIALS };
  const oursQueue = new ours.Queue(options);
  const clientQueue = new official.client.Queue(options);
  const contenders = [
    { id: 'oursSignUrl', label: 'signUrl', fn: () => ours.signUrl({ url: REQUEST_URL, credentials: CREDENTIALS }) },
    { id: 'oursQueue', label: 'Queue.buildSignedUrl', fn: () => oursQueue.buildSignedUrl('getArtifact', TASK_ID, RUN_ID, ARTIFACT) },
    { id: 'client', label: 'taskcluster-client Queue.buildSignedUrl', fn: () => clientQueue.buildSignedUrl(clientQueue.getArtifact, TASK_ID, RUN_ID, ARTIFACT) },
    {
      id: 'hawk9',
      label: 'hawk 9 uri.getBewit + append',
      fn: () => `${REQUEST_URL}?bewit=${official.hawk.uri.getBewit(REQUEST_URL, { credentials: HAWK_CREDENTIALS, ttlSec: 900 })}`,
    },
  ];
  if (official.clientWeb) {
    const webQueue = new official.clientWeb.Queue(options);
    contenders.push({
      id: 'web',
      label: 'taskcluster-client-web Queue.buildSignedUrlSync',
      fn: () => webQueue.buildSignedUrlSync(webQueue.getArtifact, TASK_ID, RUN_ID, ARTIFACT),
    });
  }
  return {
    title: 'Signed URL',
    contenders,
    rows: [
      { name: 'Signed URL: Queue.buildSignedUrl vs taskcluster-client', ours: 'oursQueue', official: 'client' },
      { name: 'Signed URL: Queue.buildSignedUrl vs client-web (sync)', ours: 'oursQueue', official: 'web' },
      { name: 'Signed URL: signUrl vs taskcluster-client buildSignedUrl', ours: 'oursSignUrl', official: 'client' },
      { name: 'Signed URL: signUrl vs hawk 9 uri.getBewit', ours: 'oursSignUrl', official: 'hawk9' },
    ],
  };
}
