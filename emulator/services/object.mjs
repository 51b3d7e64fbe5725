// The object service: uploads negotiated by createUpload (`dataInline` or
// `putUrl`), sealed by finishUpload (hashes checked against the data), and
// downloads through startDownload (`getUrl` with hashes, or `simple`).
//
// emu.state.objectDownloadMethods (default ['getUrl', 'simple']) is the order
// in which startDownload prefers the methods a client accepts.
import crypto from 'node:crypto';
import { ApiError, Reply } from '../responses.mjs';

export const DOWNLOAD_METHODS = ['getUrl', 'simple'];
const HASH_ALGORITHMS = ['sha256', 'sha512'];
const DATA_INLINE_MAX_SIZE = 8192;
const UNFINISHED_TTL_MS = 24 * 60 * 60 * 1000;

const hashesOf = (data) => Object.fromEntries(HASH_ALGORITHMS.map((algorithm) => [algorithm, crypto.createHash(algorithm).update(data).digest('hex')]));

function checkHashes(given) {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new ApiError('InputValidationError', 'hashes must be an object');
  for (const [algorithm, hash] of Object.entries(given)) {
    if (!HASH_ALGORITHMS.includes(algorithm)) throw new ApiError('InputValidationError', `hashes.${algorithm} is not a known hash algorithm`);
    if (typeof hash !== 'string' || !/^[a-f0-9]+$/.test(hash)) throw new ApiError('InputValidationError', `hashes.${algorithm} must be lowercase hex`);
  }
  return given;
}

// Hashes, once given, never change.
function mergeHashes(object, given) {
  for (const [algorithm, hash] of Object.entries(checkHashes(given))) {
    if (object.hashes[algorithm] !== undefined && object.hashes[algorithm] !== hash) {
      throw new ApiError('RequestConflict', `hashes.${algorithm} differs from the one already recorded`);
    }
    object.hashes[algorithm] = hash;
  }
}

export function createObjectHandlers({ state, clock }, { endpoints }) {
  function requireObject(name) {
    const object = state.objects.get(name);
    if (!object) throw new ApiError('ResourceNotFound', `Object ${name} not found`);
    return object;
  }

  function requireUpload(ctx) {
    const { projectId, uploadId } = ctx.body;
    if (typeof projectId !== 'string' || typeof uploadId !== 'string') {
      throw new ApiError('InputValidationError', 'projectId and uploadId are required');
    }
    ctx.authorize({ projectId });
    return { projectId, uploadId };
  }

  function createUpload(ctx) {
    const { name } = ctx.params;
    const { projectId, uploadId } = requireUpload(ctx);
    const { expires, proposedUploadMethods = {} } = ctx.body;
    if (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))) {
      throw new ApiError('InputValidationError', 'expires must be a date-time');
    }
    let object = state.objects.get(name);
    if (!object) {
      object = { name, projectId, uploadId, expires: new Date(expires).toJSON(), hashes: {}, data: null, finished: false,
        uploadExpires: clock.now() + UNFINISHED_TTL_MS };
      state.objects.set(name, object);
    } else if (object.uploadId !== uploadId || object.finished) {
      throw new ApiError('RequestConflict', `Object ${name} already exists with another uploadId or is finished`);
    } else if (object.projectId !== projectId || object.expires !== new Date(expires).toJSON()) {
      throw new ApiError('RequestConflict', 'projectId and expires cannot change after the first createUpload');
    }
    mergeHashes(object, ctx.body.hashes);

    let uploadMethod = {};
    const { dataInline, putUrl } = proposedUploadMethods;
    if (dataInline) {
      const data = Buffer.from(String(dataInline.objectData ?? ''), 'base64');
      if (data.length >= DATA_INLINE_MAX_SIZE) throw new ApiError('InputValidationError', 'dataInline objects must be smaller than 8 KiB');
      Object.assign(object, { data, contentType: String(dataInline.contentType ?? 'application/binary') });
      uploadMethod = { dataInline: true };
    } else if (putUrl) {
      if (!Number.isSafeInteger(putUrl.contentLength) || putUrl.contentLength < 0 || typeof putUrl.contentType !== 'string') {
        throw new ApiError('InputValidationError', 'putUrl needs contentType and contentLength');
      }
      Object.assign(object, { contentType: putUrl.contentType, contentLength: putUrl.contentLength });
      const { url, expires: urlExpires } = endpoints.uploadUrl(name);
      uploadMethod = {
        putUrl: { url, expires: urlExpires, headers: { 'Content-Type': putUrl.contentType, 'Content-Length': String(putUrl.contentLength) } },
      };
    }
    return { projectId, uploadId, expires: object.expires, uploadMethod };
  }

  function finishUpload(ctx) {
    const { name } = ctx.params;
    const { projectId, uploadId } = requireUpload(ctx);
    const object = requireObject(name);
    if (object.uploadId !== uploadId || object.projectId !== projectId) throw new ApiError('RequestConflict', 'uploadId or projectId does not match');
    if (object.finished) return {};
    mergeHashes(object, ctx.body.hashes);
    if (!object.data) throw new ApiError('RequestConflict', `No data was uploaded for ${name}`);
    const actual = hashesOf(object.data);
    for (const [algorithm, hash] of Object.entries(object.hashes)) {
      if (actual[algorithm] !== hash) throw new ApiError('InputError', `hashes.${algorithm} does not match the uploaded data`);
    }
    object.finished = true;
    return {};
  }

  function liveObject(name) {
    const object = requireObject(name);
    if (!object.finished) throw new ApiError('ResourceNotFound', `Object ${name} is not finished uploading`);
    if (Date.parse(object.expires) <= clock.now()) throw new ApiError('ResourceNotFound', `Object ${name} has expired`);
    return object;
  }

  function startDownload(ctx) {
    const object = liveObject(ctx.params.name);
    const accepted = ctx.body.acceptDownloadMethods ?? {};
    const method = (state.objectDownloadMethods ?? DOWNLOAD_METHODS).find((m) => DOWNLOAD_METHODS.includes(m) && accepted[m] === true);
    if (!method) throw new ApiError('NoMatchingMethod', 'None of the accepted download methods are available', { status: 406 });
    const { url, expires } = endpoints.dataUrl(object.name);
    return method === 'getUrl' ? { method, url, expires, hashes: { ...object.hashes } } : { method, url };
  }

  return {
    createUpload,
    finishUpload,
    startDownload,
    object: (ctx) => {
      const object = liveObject(ctx.params.name);
      return { projectId: object.projectId, expires: object.expires, hashes: { ...object.hashes } };
    },
    download: (ctx) => Reply.redirect(endpoints.dataUrl(liveObject(ctx.params.name).name).url),
  };
}
