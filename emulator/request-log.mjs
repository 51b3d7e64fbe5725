// One line per request: method, path, status. Credentials never appear: query
// values that authenticate (bewit, signature) are replaced, headers not logged.
const SECRET_QUERY = /([?&](?:bewit|signature)=)[^&]*/g;
// An upload URL is a capability (like a pre-signed S3 URL).
const UPLOAD_ID = /(\/__emulator\/artifact-upload\/)[^?]*/;

export function redactUrl(url) {
  return url.replace(SECRET_QUERY, '$1REDACTED').replace(UPLOAD_ID, '$1REDACTED');
}

export function createRequestLogger(log) {
  if (!log) return () => {};
  const write = typeof log === 'function' ? log : (line) => process.stderr.write(`${line}\n`);
  return (req, status) => write(`${req.method} ${redactUrl(req.url)} ${status}`);
}
