// The emulator's stand-in for S3: PUT to a pre-signed upload URL stores an s3
// artifact's bytes; GET on a signed content URL serves them. Errors use S3's
// XML shape, since clients meet these URLs where they would meet S3.
import { send } from './responses.mjs';
import { CONTENT_PATH, UPLOAD_PATH } from './signed-urls.mjs';

export function s3Error(req, res, status, code, message) {
  send(req, res, status, { 'Content-Type': 'application/xml' },
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`);
}

export function createBlobEndpoints({ state, signer }) {
  function upload(req, res, uploadId, rawBody) {
    if (req.method !== 'PUT') return s3Error(req, res, 405, 'MethodNotAllowed', 'Use PUT to upload');
    const pending = state.uploads.get(uploadId);
    if (!pending || Date.parse(pending.expires) < Date.now()) {
      return s3Error(req, res, 403, 'AccessDenied', 'Request has expired or the upload URL is unknown');
    }
    // A pre-signed S3 PUT is signed with its Content-Type: any other one fails.
    const contentType = req.headers['content-type'] ?? '';
    if (contentType !== pending.contentType) {
      return s3Error(req, res, 403, 'SignatureDoesNotMatch',
        `The Content-Type header must be exactly ${pending.contentType} (got ${contentType || 'none'})`);
    }
    const artifact = state.tasks.get(pending.taskId)?.artifacts.get(pending.runId)?.get(pending.name);
    if (!artifact) return s3Error(req, res, 404, 'NoSuchUpload', 'The artifact no longer exists');
    artifact.content = rawBody;
    return send(req, res, 200, { ETag: `"${rawBody.length}"` });
  }

  function download(req, res, rest, searchParams) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return s3Error(req, res, 405, 'MethodNotAllowed', 'Use GET');
    const m = /^([^/]+)\/(\d+)\/(.+)$/.exec(rest);
    if (!m) return s3Error(req, res, 404, 'NoSuchKey', 'The specified key does not exist.');
    let name;
    try {
      name = decodeURIComponent(m[3]);
    } catch {
      return s3Error(req, res, 400, 'InvalidURI', 'Could not parse the specified URI.');
    }
    const [taskId, runId] = [m[1], Number(m[2])];
    const problem = signer.checkContentSignature(taskId, runId, name, searchParams.get('expires'), searchParams.get('signature'));
    if (problem) return s3Error(req, res, 403, problem, 'The URL signature is invalid or has expired');
    const artifact = state.tasks.get(taskId)?.artifacts.get(runId)?.get(name);
    if (!artifact?.content) return s3Error(req, res, 404, 'NoSuchKey', 'The specified key does not exist.');
    return send(req, res, 200, { 'Content-Type': artifact.contentType }, artifact.content);
  }

  // -> true when the path was one of ours.
  return function handleBlobRequest(req, res, path, searchParams, rawBody) {
    if (path.startsWith(UPLOAD_PATH)) {
      upload(req, res, path.slice(UPLOAD_PATH.length), rawBody);
      return true;
    }
    if (path.startsWith(CONTENT_PATH)) {
      download(req, res, path.slice(CONTENT_PATH.length), searchParams);
      return true;
    }
    return false;
  };
}
