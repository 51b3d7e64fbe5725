// The secrets service: named JSON secrets with an expiry; expired ones answer 410.
import { ApiError } from '../responses.mjs';
import { paginate } from '../paging.mjs';
import { withToken } from './queue-tasks.mjs';

export function createSecretsHandlers({ state, clock }) {
  return {
    set: (ctx) => {
      const { secret, expires } = ctx.body;
      if (secret === null || typeof secret !== 'object' || Array.isArray(secret)) {
        throw new ApiError('InputValidationError', 'secret must be a JSON object');
      }
      if (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))) {
        throw new ApiError('InputValidationError', 'expires must be a date-time');
      }
      state.secrets.set(ctx.params.name, { secret, expires: new Date(expires).toJSON() });
      return {};
    },
    get: (ctx) => {
      const entry = state.secrets.get(ctx.params.name);
      if (!entry) throw new ApiError('ResourceNotFound', `Secret ${ctx.params.name} not found`);
      if (Date.parse(entry.expires) <= clock.now()) throw new ApiError('ResourceExpired', 'The requested resource has expired.');
      return { secret: entry.secret, expires: entry.expires };
    },
    remove: (ctx) => {
      if (!state.secrets.delete(ctx.params.name)) throw new ApiError('ResourceNotFound', `Secret ${ctx.params.name} not found`);
      return {};
    },
    list: (ctx) => {
      const page = paginate([...state.secrets.keys()], ctx.query, (name) => name);
      return withToken({ secrets: page.items }, page);
    },
  };
}
