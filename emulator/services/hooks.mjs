// The hooks service: stored task templates that create a task when triggered.
// The task is created with the hook's own role (`assume:hook-id:<group>/<id>`),
// as the real service does, so a hook without the needed scopes fails.
import slugid from 'slugid';
import { ApiError } from '../responses.mjs';
import { paginate } from '../paging.mjs';
import { authorize } from '../authorize.mjs';
import { renderTemplate } from '../json-template.mjs';
import { statusOf } from '../queue-model.mjs';
import { defineTask, withToken } from './queue-tasks.mjs';

const CREATE_TASK_SCOPES_FN = 'createTask';

export function createHooksHandlers(env, { queueFunctions }) {
  const { state, clock, expand } = env;
  const key = (g, h) => `${g}/${h}`;
  const requireHook = (g, h) => {
    const hook = state.hooks.get(key(g, h));
    if (!hook) throw new ApiError('ResourceNotFound', `Hook ${g}/${h} not found`);
    return hook;
  };
  const createTaskTemplate = queueFunctions.find((f) => f.name === CREATE_TASK_SCOPES_FN).scopes;

  return {
    listHookGroups: () => ({ groups: [...new Set([...state.hooks.values()].map((h) => h.definition.hookGroupId))].sort() }),
    listHooks: (ctx) => {
      const hooks = [...state.hooks.values()].filter((h) => h.definition.hookGroupId === ctx.params.hookGroupId);
      if (!hooks.length) throw new ApiError('ResourceNotFound', `No such group: ${ctx.params.hookGroupId}`);
      return { hooks: hooks.map((h) => h.definition) };
    },
    hook: (ctx) => requireHook(ctx.params.hookGroupId, ctx.params.hookId).definition,
    getHookStatus: (ctx) => {
      const hook = requireHook(ctx.params.hookGroupId, ctx.params.hookId);
      const last = hook.lastFires[hook.lastFires.length - 1];
      if (!last) return { lastFire: { result: 'no-fire' } };
      return last.result === 'success'
        ? { lastFire: { result: 'success', taskId: last.taskId, time: last.taskCreateTime } }
        : { lastFire: { result: 'error', error: last.error, time: last.taskCreateTime } };
    },
    listLastFires: (ctx) => {
      const hook = requireHook(ctx.params.hookGroupId, ctx.params.hookId);
      const page = paginate(hook.lastFires, ctx.query, (f) => `${f.taskCreateTime}/${f.taskId}`);
      return withToken({ lastFires: page.items }, page);
    },
    triggerHook: (ctx) => {
      const { hookGroupId, hookId } = ctx.params;
      const hook = requireHook(hookGroupId, hookId);
      const payload = ctx.body;
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw new ApiError('InputValidationError', 'the trigger payload must be a JSON object');
      }
      const id = slugid.nice();
      const now = clock.now();
      const fire = { hookGroupId, hookId, firedBy: 'triggerHook', taskId: id, taskCreateTime: new Date(now).toJSON() };
      try {
        const context = { firedBy: 'triggerHook', payload, clientId: ctx.identity.clientId, taskId: id, now: new Date(now).toJSON() };
        const definition = renderTemplate(hook.definition.task, context, now);
        const hookScopes = expand([`assume:hook-id:${hookGroupId}/${hookId}`]);
        const record = defineTask(env, id, definition, (params) => authorize({
          template: createTaskTemplate, params, scopes: hookScopes, clientId: `hook-id:${hookGroupId}/${hookId}`,
        }));
        hook.lastFires.push({ ...fire, result: 'success', error: '' });
        return { status: statusOf(record) };
      } catch (err) {
        hook.lastFires.push({ ...fire, result: 'error', error: err.message });
        if (err instanceof ApiError) throw new ApiError('InputError', `The hook's task could not be created: ${err.message}`);
        throw new ApiError('InputError', `The hook's task template failed: ${err.message}`);
      }
    },
  };
}
