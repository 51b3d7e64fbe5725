// HTTP answers in the shape Taskcluster services use: JSON errors with a code,
// a message and requestInfo; CORS headers on every response so browser pages
// (the demo dashboard, Playwright tests) can call the emulator directly.

// Error codes of Taskcluster's API library and the HTTP status each maps to.
const STATUS_OF_CODE = {
  MalformedPayload: 400,
  InvalidRequestArguments: 400,
  InputValidationError: 400,
  InputError: 400,
  AuthenticationFailed: 401,
  InsufficientScopes: 403,
  ResourceNotFound: 404,
  RequestConflict: 409,
  ResourceExpired: 410,
  InputTooLarge: 413,
  ArtifactError: 424,
  InternalServerError: 500,
  NotImplemented: 501,
};

export class ApiError extends Error {
  constructor(code, message, { headers = {}, status } = {}) {
    super(message);
    this.code = code;
    this.status = status ?? STATUS_OF_CODE[code] ?? 500;
    this.headers = headers;
  }
}

// A handler's non-default answer (redirects, raw bytes, other statuses).
export class Reply {
  constructor({ status = 200, headers = {}, json, body }) {
    Object.assign(this, { status, headers, json, body });
  }
  static json(status, json, headers = {}) {
    return new Reply({ status, json, headers });
  }
  static redirect(location, status = 303) {
    return new Reply({ status, headers: { Location: location }, json: { url: location } });
  }
  static bytes(status, contentType, body, headers = {}) {
    return new Reply({ status, body, headers: { 'Content-Type': contentType, ...headers } });
  }
}

export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Expose-Headers': 'WWW-Authenticate, Retry-After, x-taskcluster-endpoint, Location',
  'Access-Control-Max-Age': '600',
};

export function send(req, res, status, headers, body) {
  if (res.headersSent || res.destroyed) return;
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  res.writeHead(status, { ...CORS_HEADERS, ...headers, 'Content-Length': payload.length });
  // HEAD answers carry the GET headers but never a body.
  res.end(req.method === 'HEAD' ? undefined : payload);
}

export function sendJson(req, res, status, value, headers = {}) {
  send(req, res, status, { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    JSON.stringify(value, null, 2));
}

export function sendReply(req, res, reply) {
  if (reply.body !== undefined) {
    send(req, res, reply.status, reply.headers, reply.body);
  } else {
    sendJson(req, res, reply.status, reply.json ?? {}, reply.headers);
  }
}

// The error body real services send; the message ends with the same kind of
// summary block so clients that print messages show something familiar.
export function errorBody(error, requestInfo) {
  const time = new Date().toJSON();
  const message = `${error.message}\n\n---\n\n* method:     ${requestInfo.method}\n`
    + `* errorCode:  ${error.code}\n* statusCode: ${error.status}\n* time:       ${time}`;
  return { code: error.code, message, requestInfo: { ...requestInfo, time } };
}

export function sendError(req, res, error, requestInfo) {
  sendJson(req, res, error.status, errorBody(error, requestInfo), error.headers);
}
