// What every runtime runs against the emulator, given the package `tc` as that
// runtime loaded it: a signed API call, a signed artifact link fetched, a 404 as
// a TaskclusterError, and the pure helpers. The report is checked by the test in
// Node (runtimes.test.mjs), so the checks live in one place.
export async function probe(tc, { rootUrl, credentials, taskId, artifact }) {
  await tc.ready;
  const queue = new tc.Queue({ rootUrl, credentials, retries: 0 });
  const task = await queue.task(taskId);
  const link = queue.buildSignedUrl('getArtifact', taskId, 0, artifact, { expiration: 600 });
  const response = await fetch(link);
  const artifactText = await response.text();
  let missing;
  try {
    await queue.task(tc.slugid());
    missing = 'resolved';
  } catch (error) {
    missing = { isTaskclusterError: error instanceof tc.TaskclusterError, statusCode: error.statusCode, code: error.code };
  }
  return {
    version: tc.version,
    taskName: task.metadata.name,
    link,
    artifactStatus: response.status,
    artifactText,
    missing,
    slugid: tc.slugid(),
    satisfies: tc.satisfiesExpression(['queue:*'], { AllOf: ['queue:get-task:x'] }),
    fromNow: tc.fromNow('1 hour', new Date(0)).toJSON(),
  };
}
