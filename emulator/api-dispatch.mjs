// Runs one API call the way Taskcluster's API library does: route, check
// arguments, parse the JSON body, authenticate, check scopes (up front when the
// route parameters suffice, else when the handler supplies the rest), then the
// handler. Functions in the manifests without a handler answer 501 after the
// checks that can be made.
import { ApiError, Reply } from './responses.mjs';
import { checkQuery, checkRouteParams } from './param-patterns.mjs';
import { parameterNames } from './scopes-template.mjs';
import { authorize } from './authorize.mjs';

const MAX_JSON_BODY = 10 * 1024 * 1024;

// Secret values never travel back in error bodies.
const REDACT_PAYLOAD = {
  'secrets.set': (payload) => ({ ...payload, secret: '(OMITTED)' }),
};

function parseJsonBody(req, rawBody) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (rawBody.length === 0) throw new ApiError('InputValidationError', 'This method requires a JSON request body');
  if (type !== 'application/json') {
    throw new ApiError('InputValidationError', `Request body must be sent with Content-Type: application/json (got ${JSON.stringify(type)})`);
  }
  if (rawBody.length > MAX_JSON_BODY) throw new ApiError('InputTooLarge', 'Request body is too large');
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (err) {
    throw new ApiError('MalformedPayload', `Failed to parse JSON payload: ${err.message}`);
  }
}

export function createApiDispatcher({ services, router, handlers, authenticator }) {
  // -> Reply; throws ApiError (with .requestInfo attached when known).
  async function dispatch(req, { serviceName, apiVersion, path, searchParams, rawBody }) {
    const service = services.get(serviceName);
    const requestInfo = { method: req.method.toLowerCase(), params: {}, payload: {} };
    try {
      if (!service?.functions || apiVersion !== service.apiVersion) {
        throw new ApiError('ResourceNotFound', `No such service or API version: ${serviceName}/${apiVersion}`);
      }
      const match = router.match(serviceName, req.method, path);
      if (!match) throw new ApiError('ResourceNotFound', `No API method matches ${req.method} ${path} on ${serviceName}/${apiVersion}`);
      const { fn, params } = match;
      Object.assign(requestInfo, { method: fn.name, params });
      checkRouteParams(params);
      const query = checkQuery(fn, searchParams);

      const handler = handlers.get(serviceName)?.[fn.name];
      let body;
      if (fn.input) {
        body = parseJsonBody(req, rawBody);
        requestInfo.payload = REDACT_PAYLOAD[`${serviceName}.${fn.name}`]?.(body) ?? body;
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          throw new ApiError('InputValidationError', 'The request body must be a JSON object');
        }
      }

      const customAuthentication = handler?.authentication?.(body);
      let identity = { authenticated: false, scopes: [] };
      if (fn.scopes !== null || customAuthentication) {
        identity = await authenticator.authenticate(req, rawBody, customAuthentication);
      }

      let authorized = false;
      const ctx = {
        req, fn, serviceName, params, query, body, identity,
        authorize(extra = {}) {
          authorize({ template: fn.scopes, params: { ...params, ...extra }, scopes: identity.scopes, clientId: identity.clientId });
          authorized = true;
        },
        authorizeWith(template, extra = {}) {
          authorize({ template, params: { ...params, ...extra }, scopes: identity.scopes, clientId: identity.clientId });
        },
      };
      const needsHandlerParams = fn.scopes !== null
        && [...parameterNames(fn.scopes)].some((name) => !(name in params));
      if (fn.scopes !== null && !needsHandlerParams) ctx.authorize();

      if (!handler) {
        throw new ApiError('NotImplemented', `${serviceName}.${fn.name} exists in the manifests but is not emulated`);
      }
      const result = await handler(ctx);
      if (fn.scopes !== null && !authorized) {
        throw new ApiError('InternalServerError', `emulator bug: ${serviceName}.${fn.name} did not check its scopes`);
      }
      return result instanceof Reply ? result : Reply.json(200, result ?? {});
    } catch (err) {
      err.requestInfo = requestInfo;
      throw err;
    }
  }
  return { dispatch };
}
