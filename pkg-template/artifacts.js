// `downloadArtifact`: a task's artifact, whatever its storage type, found
// through the queue's artifact-info methods (`artifact`/`latestArtifact`,
// which answer JSON, never a redirect) as taskcluster-client does.
import { Object as ObjectService } from './services/index.js';
import { OUTPUT_OPTIONS, checkOptions, downloadObject, fetchInto, outputOf, requireString, retryOptionsOf } from './objects.js';
import { RETRY_OPTIONS, readingOptions } from './read-options.js';

const DOWNLOAD_ARTIFACT_OPTIONS = ['taskId', 'runId', 'name', 'queue', ...OUTPUT_OPTIONS, ...RETRY_OPTIONS];

/** The deployment's rootUrl, from where the queue client sends its calls. */
function rootUrlOf(label, queue) {
  const url = String(queue.buildUrl('ping'));
  const at = url.lastIndexOf('/api/queue/');
  if (at < 0) throw new TypeError(`${label}: object artifacts need a queue client made with a rootUrl (its URLs look like ${url})`);
  return url.slice(0, at);
}

/**
 * Downloads an artifact of `taskId` (of run `runId`, else of the latest run):
 * `s3` and `reference` artifacts from their URL, `object` artifacts from the
 * object service with the credentials the queue hands out (hashes checked),
 * `error` artifacts reject with their message and `reason`. Resolves like `download`.
 */
export async function downloadArtifact(options) {
  const label = 'downloadArtifact';
  const { taskId, name, queue, runId, output, retryOptions } = readingOptions(label, () => {
    checkOptions(label, options, DOWNLOAD_ARTIFACT_OPTIONS);
    const read = { taskId: requireString(label, options, 'taskId'), name: requireString(label, options, 'name'), queue: options.queue, runId: options.runId };
    if (typeof read.queue?.artifact !== 'function' || typeof read.queue.latestArtifact !== 'function') {
      throw new TypeError(`${label}: options.queue must be a Queue client (new Queue({rootUrl, credentials}))`);
    }
    if (read.runId !== undefined && !(Number.isSafeInteger(read.runId) && read.runId >= 0)) {
      throw new RangeError(`${label}: options.runId must be a non-negative integer or undefined (the latest run), got ${read.runId}`);
    }
    return { ...read, output: outputOf(label, options), retryOptions: retryOptionsOf(label, options) };
  });
  const artifact = await (runId === undefined ? queue.latestArtifact(taskId, name) : queue.artifact(taskId, runId, name));

  switch (artifact?.storageType) {
    case 's3':
    case 'reference': {
      // These stores record no hashes: the data is taken as it comes.
      return output.deliver(() => fetchInto(label, { url: artifact.url }, output, retryOptions));
    }
    case 'object': {
      const object = new ObjectService({ rootUrl: rootUrlOf(label, queue), credentials: artifact.credentials });
      return downloadObject(label, { ...options, name: artifact.name, object });
    }
    case 'error': {
      const error = new Error(`${label}: ${name} of task ${taskId} is an error artifact (${artifact.reason}): ${artifact.message}`);
      error.reason = artifact.reason;
      throw error;
    }
    default:
      throw new Error(`${label}: unsupported artifact storageType ${JSON.stringify(artifact?.storageType)}`);
  }
}
