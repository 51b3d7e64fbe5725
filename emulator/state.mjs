// The deployment's whole in-memory state: plain Maps, one per kind of entity.
export function createState() {
  return {
    tasks: new Map(), // taskId -> task record (see queue-model.mjs)
    taskGroups: new Map(), // taskGroupId -> {taskGroupId, schedulerId, expires}
    indexEntries: new Map(), // namespace -> {namespace, taskId, rank, data, expires}
    secrets: new Map(), // name -> {secret, expires}
    hooks: new Map(), // `${hookGroupId}/${hookId}` -> {definition, lastFires}
    clients: new Map(), // clientId -> client (with accessToken)
    roles: new Map(), // roleId -> role
    uploads: new Map(), // upload id -> pending artifact upload
    objects: new Map(), // object name -> object (see services/object.mjs)
    demo: {}, // ids of the seeded demo data, for tests and the dashboard
  };
}
