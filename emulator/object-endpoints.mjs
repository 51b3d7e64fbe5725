// The object service's storage backend, as S3 would be reached: a pre-signed
// PUT URL per upload (its Content-Type and Content-Length are part of the
// signature) and a signed GET URL per download.
import { send } from './responses.mjs';
import { s3Error } from './blob-endpoints.mjs';

export const OBJECT_DATA_PATH = '/__emulator/object-data/';
export const OBJECT_UPLOAD_PATH = '/__emulator/object-upload/';

const pathOf = (prefix, name) => `${prefix}${encodeURIComponent(name)}`;

export function createObjectEndpoints({ state, signer }) {
  function upload(req, res, path, searchParams, rawBody) {
    if (req.method !== 'PUT') return s3Error(req, res, 405, 'MethodNotAllowed', 'Use PUT to upload');
    const problem = signer.checkPath(path, searchParams);
    if (problem) return s3Error(req, res, 403, problem, 'The URL signature is invalid or has expired');
    const object = state.objects.get(decodeURIComponent(path.slice(OBJECT_UPLOAD_PATH.length)));
    if (!object || object.finished) return s3Error(req, res, 404, 'NoSuchUpload', 'The upload does not exist or is finished');
    const contentType = req.headers['content-type'] ?? '';
    if (contentType !== object.contentType) {
      return s3Error(req, res, 403, 'SignatureDoesNotMatch', `The Content-Type header must be exactly ${object.contentType} (got ${contentType || 'none'})`);
    }
    if (rawBody.length !== object.contentLength) {
      return s3Error(req, res, 400, 'IncompleteBody', `Expected ${object.contentLength} bytes, got ${rawBody.length}`);
    }
    object.data = rawBody;
    return send(req, res, 200, { ETag: `"${rawBody.length}"` });
  }

  function download(req, res, path, searchParams) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return s3Error(req, res, 405, 'MethodNotAllowed', 'Use GET');
    const problem = signer.checkPath(path, searchParams);
    if (problem) return s3Error(req, res, 403, problem, 'The URL signature is invalid or has expired');
    const object = state.objects.get(decodeURIComponent(path.slice(OBJECT_DATA_PATH.length)));
    if (!object?.finished) return s3Error(req, res, 404, 'NoSuchKey', 'The specified key does not exist.');
    return send(req, res, 200, { 'Content-Type': object.contentType }, object.data);
  }

  return {
    uploadUrl: (name) => signer.signPath(pathOf(OBJECT_UPLOAD_PATH, name)),
    dataUrl: (name) => signer.signPath(pathOf(OBJECT_DATA_PATH, name)),
    // -> true when the path was one of ours.
    handle(req, res, path, searchParams, rawBody) {
      if (path.startsWith(OBJECT_UPLOAD_PATH)) {
        upload(req, res, path, searchParams, rawBody);
        return true;
      }
      if (path.startsWith(OBJECT_DATA_PATH)) {
        download(req, res, path, searchParams);
        return true;
      }
      return false;
    },
  };
}
