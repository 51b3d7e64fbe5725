// The queue service: task and artifact endpoints.
import { createQueueTaskHandlers } from './queue-tasks.mjs';
import { createQueueArtifactHandlers } from './queue-artifacts.mjs';

export function createQueueHandlers(env) {
  const artifacts = createQueueArtifactHandlers(env);
  const { downloadLatest, ...artifactHandlers } = artifacts;
  return { handlers: { ...createQueueTaskHandlers(env), ...artifactHandlers }, downloadLatest };
}
