// The index service: dotted namespaces pointing at tasks. Every proper prefix
// of an indexed path is a namespace; the path itself is an indexed task.
import { ApiError } from '../responses.mjs';
import { paginate } from '../paging.mjs';
import { withToken } from './queue-tasks.mjs';

const NAMESPACE = /^([a-zA-Z0-9_!~*'()%-]+\.)*[a-zA-Z0-9_!~*'()%-]+$/;
const SLUGID = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;

const parentOf = (namespace) => namespace.split('.').slice(0, -1).join('.');
const lastPart = (namespace) => namespace.split('.').pop();

export function createIndexHandlers({ state, clock }, { downloadLatest }) {
  const live = () => [...state.indexEntries.values()].filter((e) => Date.parse(e.expires) > clock.now());
  const entryJson = (e) => ({ namespace: e.namespace, taskId: e.taskId, rank: e.rank, data: e.data, expires: e.expires });

  function find(indexPath) {
    const entry = state.indexEntries.get(indexPath);
    if (!entry || Date.parse(entry.expires) <= clock.now()) {
      throw new ApiError('ResourceNotFound', `Indexed task not found: ${indexPath}`);
    }
    return entry;
  }

  return {
    findTask: (ctx) => entryJson(find(ctx.params.indexPath)),

    findTasksAtIndex: (ctx) => {
      const indexPaths = ctx.body?.indexPaths;
      if (!Array.isArray(indexPaths) || !indexPaths.every((p) => typeof p === 'string')) {
        throw new ApiError('InputValidationError', 'indexPaths must be an array of strings');
      }
      ctx.authorize({ indexPaths });
      const found = live().filter((e) => indexPaths.includes(e.namespace));
      const page = paginate(found, ctx.query, (e) => e.namespace);
      return withToken({ tasks: page.items.map(entryJson) }, page);
    },

    insertTask: (ctx) => {
      const { namespace } = ctx.params;
      if (!NAMESPACE.test(namespace) || namespace.length > 255) {
        throw new ApiError('InvalidRequestArguments', `Invalid namespace ${JSON.stringify(namespace)}`);
      }
      const { taskId, rank, data, expires } = ctx.body;
      const problems = [];
      if (typeof taskId !== 'string' || !SLUGID.test(taskId)) problems.push('taskId must be a slugid');
      if (typeof rank !== 'number' || !Number.isFinite(rank)) problems.push('rank must be a number');
      if (data === null || typeof data !== 'object' || Array.isArray(data)) problems.push('data must be an object');
      if (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))) problems.push('expires must be a date-time');
      if (problems.length) throw new ApiError('InputValidationError', problems.join('; '));
      const existing = state.indexEntries.get(namespace);
      // A lower rank never replaces a live entry (older builds arriving late).
      if (existing && Date.parse(existing.expires) > clock.now() && existing.rank > rank) return entryJson(existing);
      const entry = { namespace, taskId, rank, data, expires: new Date(expires).toJSON() };
      state.indexEntries.set(namespace, entry);
      return entryJson(entry);
    },

    deleteTask: (ctx) => {
      if (!state.indexEntries.delete(ctx.params.namespace)) {
        throw new ApiError('ResourceNotFound', `Indexed task not found: ${ctx.params.namespace}`);
      }
      return {};
    },

    listNamespaces: (ctx) => {
      const parent = ctx.params.namespace;
      const children = new Map();
      for (const entry of live()) {
        const parts = entry.namespace.split('.');
        // every proper prefix one level below `parent` is a child namespace
        for (let depth = 1; depth < parts.length; depth++) {
          const namespace = parts.slice(0, depth).join('.');
          if (parentOf(namespace) !== parent) continue;
          const known = children.get(namespace);
          if (!known || entry.expires > known.expires) children.set(namespace, { namespace, name: lastPart(namespace), expires: entry.expires });
        }
      }
      const page = paginate([...children.values()], ctx.query, (n) => n.namespace);
      return withToken({ namespaces: page.items }, page);
    },

    listTasks: (ctx) => {
      const parent = ctx.params.namespace;
      const tasks = live().filter((e) => parentOf(e.namespace) === parent);
      const page = paginate(tasks, ctx.query, (e) => e.namespace);
      return withToken({ tasks: page.items.map(entryJson) }, page);
    },

    findArtifactFromTask: (ctx) => downloadLatest(ctx, find(ctx.params.indexPath).taskId, ctx.params.name),
  };
}
