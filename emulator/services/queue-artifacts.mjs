// Queue endpoints about artifacts. s3 artifacts get a pre-signed upload URL on
// the emulator; public ones are then served directly, others through a 303 to
// a signed, expiring content URL (as S3 would be reached in a deployment).
// object artifacts live in the object service: createArtifact hands out
// credentials to upload it, finishArtifact seals it, downloads go to its data.
import crypto from 'node:crypto';
import { ApiError, Reply } from '../responses.mjs';
import { issueTemporaryCredentials } from '../certificates.mjs';
import { ROOT_CLIENT_ID } from '../deployment-config.mjs';
import { paginate } from '../paging.mjs';
import { artifactInfo, artifactsOfRun } from '../queue-model.mjs';
import { requireRun, requireTask, withToken } from './queue-tasks.mjs';

const ERROR_REASONS = ['file-missing-on-worker', 'invalid-resource-on-worker', 'too-large-file-on-worker'];
const LATE_ARTIFACT_WINDOW_MS = 25 * 60 * 1000;
const MAX_LINK_HOPS = 10;
const OBJECT_CREDENTIALS_TTL_MS = 60 * 60 * 1000;
// What reading one artifact requires, whichever endpoint leads to it.
const GET_ARTIFACT_SCOPES = { AllOf: [{ for: 'name', in: 'names', each: 'queue:get-artifact:<name>' }] };

const isPublic = (name) => name.startsWith('public/');

function latestRunId(record) {
  if (!record.runs.length) throw new ApiError('ResourceNotFound', `Task ${record.taskId} has no runs`);
  return record.runs.length - 1;
}

function requireArtifact(record, runId, name) {
  const artifact = record.artifacts.get(runId)?.get(name);
  if (!artifact) throw new ApiError('ResourceNotFound', `Artifact ${name} not found for task ${record.taskId} run ${runId}`);
  return artifact;
}

function parseExpires(value, task) {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new ApiError('InputValidationError', 'expires must be an ISO 8601 date-time string');
  }
  if (Date.parse(value) > Date.parse(task.expires)) {
    throw new ApiError('InputError', 'Artifact expires cannot be after the task expires');
  }
  return new Date(value).toJSON();
}

// Where the queue stores an artifact in the object service.
const objectNameOf = (taskId, runId, name) => `t/${taskId}/${runId}/${name}`;

export function createQueueArtifactHandlers({ state, clock, signer, objectEndpoints }) {
  // Credentials for exactly one object operation, issued by the queue.
  const objectCredentials = (scope) => issueTemporaryCredentials(state.clients.get(ROOT_CLIENT_ID), [scope], clock.now(), OBJECT_CREDENTIALS_TTL_MS);

  function finishedObject(artifact) {
    if (!artifact.finished) throw new ApiError('ResourceNotFound', `Artifact ${artifact.name} has not been finished (finishArtifact)`);
    return artifact;
  }

  // Follows link artifacts (each hop needs its own get-artifact scope).
  function resolveLinks(ctx, record, runId, name) {
    let artifact = requireArtifact(record, runId, name);
    for (let hops = 0; artifact.storageType === 'link'; hops++) {
      if (hops >= MAX_LINK_HOPS) throw new ApiError('InputError', `Too many link artifacts from ${name}`);
      ctx.authorizeWith(GET_ARTIFACT_SCOPES, { names: [artifact.artifact] });
      artifact = requireArtifact(record, runId, artifact.artifact);
    }
    return artifact;
  }

  function download(ctx, record, runId, name) {
    ctx.authorizeWith(GET_ARTIFACT_SCOPES, { names: [name] });
    const artifact = resolveLinks(ctx, record, runId, name);
    switch (artifact.storageType) {
      case 's3':
        if (isPublic(artifact.name)) {
          if (!artifact.content) throw new ApiError('ResourceNotFound', `Artifact ${artifact.name} has no content yet`);
          return Reply.bytes(200, artifact.contentType, artifact.content);
        }
        return Reply.redirect(signer.contentUrl(record.taskId, runId, artifact.name));
      case 'reference':
        return Reply.redirect(artifact.url);
      case 'object':
        return Reply.redirect(objectEndpoints.dataUrl(finishedObject(artifact).objectName).url);
      case 'error':
        return Reply.json(424, { reason: artifact.reason, message: artifact.message });
      default:
        throw new ApiError('NotImplemented', `storageType ${artifact.storageType} is not emulated`);
    }
  }

  // The `artifact` endpoints: where to fetch it, instead of a redirect.
  function locate(ctx, record, runId, name) {
    ctx.authorizeWith(GET_ARTIFACT_SCOPES, { names: [name] });
    const artifact = resolveLinks(ctx, record, runId, name);
    switch (artifact.storageType) {
      case 's3': return { storageType: 's3', url: signer.contentUrl(record.taskId, runId, artifact.name) };
      case 'reference': return { storageType: 'reference', url: artifact.url };
      case 'object': {
        const { objectName } = finishedObject(artifact);
        return { storageType: 'object', name: objectName, credentials: objectCredentials(`object:download:${objectName}`) };
      }
      case 'error': return { storageType: 'error', reason: artifact.reason, message: artifact.message };
      default: throw new ApiError('NotImplemented', `storageType ${artifact.storageType} is not emulated`);
    }
  }

  function list(ctx, record, runId) {
    const artifacts = [...(record.artifacts.get(runId)?.values() ?? [])];
    const page = paginate(artifacts, ctx.query, (a) => a.name);
    return withToken({ artifacts: page.items.map(artifactInfo) }, page);
  }

  function create(ctx) {
    const record = requireTask(state, ctx.params.taskId);
    const run = requireRun(record, ctx.params.runId);
    if (run.resolved && Date.parse(run.resolved) < clock.now() - LATE_ARTIFACT_WINDOW_MS) {
      throw new ApiError('RequestConflict', 'Artifacts cannot be created more than 25 minutes after the run was resolved');
    }
    const { name } = ctx.params;
    const body = ctx.body;
    const expires = parseExpires(body.expires, record.task);
    const base = { name, expires, storageType: body.storageType };
    let artifact;
    let response;
    switch (body.storageType) {
      case 's3': {
        if (typeof body.contentType !== 'string' || !body.contentType) {
          throw new ApiError('InputValidationError', 'contentType is required for s3 artifacts');
        }
        const upload = signer.newUpload();
        state.uploads.set(upload.id, { taskId: record.taskId, runId: run.runId, name, contentType: body.contentType, expires: upload.expires });
        artifact = { ...base, contentType: body.contentType, content: null };
        response = { storageType: 's3', putUrl: upload.url, expires: upload.expires, contentType: body.contentType };
        break;
      }
      case 'reference':
        if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) {
          throw new ApiError('InputValidationError', 'url must be an http(s) URL for reference artifacts');
        }
        artifact = { ...base, url: body.url, contentType: body.contentType ?? 'application/binary' };
        response = { storageType: 'reference' };
        break;
      case 'link':
        if (typeof body.artifact !== 'string') throw new ApiError('InputValidationError', 'artifact is required for link artifacts');
        artifact = { ...base, artifact: body.artifact, contentType: body.contentType ?? 'application/binary' };
        response = { storageType: 'link' };
        break;
      case 'error':
        if (!ERROR_REASONS.includes(body.reason) || typeof body.message !== 'string') {
          throw new ApiError('InputValidationError', `error artifacts need reason (${ERROR_REASONS.join(', ')}) and message`);
        }
        artifact = { ...base, reason: body.reason, message: body.message, contentType: 'application/json' };
        response = { storageType: 'error' };
        break;
      case 'object': {
        if (typeof body.contentType !== 'string' || !body.contentType) {
          throw new ApiError('InputValidationError', 'contentType is required for object artifacts');
        }
        const objectName = objectNameOf(record.taskId, run.runId, name);
        const projectId = record.task.projectId ?? 'none';
        const uploadId = crypto.randomBytes(16).toString('base64url');
        // Deployments v97-v106 accept contentLength here, then fail every finishArtifact.
        artifact = { ...base, contentType: body.contentType, objectName, uploadId, finished: false, contentLengthGiven: 'contentLength' in body };
        response = {
          storageType: 'object', name: objectName, projectId, uploadId, expires,
          credentials: objectCredentials(`object:upload:${projectId}:${objectName}`),
        };
        break;
      }
      default:
        throw new ApiError('InputValidationError', `unknown storageType ${JSON.stringify(body.storageType)}`);
    }
    const artifacts = artifactsOfRun(record, run.runId);
    const existing = artifacts.get(name);
    if (existing && existing.storageType !== artifact.storageType) {
      throw new ApiError('RequestConflict', `Artifact ${name} already exists with storageType ${existing.storageType}`);
    }
    artifacts.set(name, { ...artifact, created: new Date(clock.now()).toJSON() });
    return response;
  }

  function finish(ctx) {
    const record = requireTask(state, ctx.params.taskId);
    const run = requireRun(record, ctx.params.runId);
    const artifact = requireArtifact(record, run.runId, ctx.params.name);
    if (artifact.storageType !== 'object') throw new ApiError('InputError', `Only object artifacts are finished; ${artifact.name} is ${artifact.storageType}`);
    if (ctx.body.uploadId !== artifact.uploadId) throw new ApiError('InputError', 'uploadId does not match the artifact');
    if (artifact.contentLengthGiven) {
      throw new ApiError('InternalServerError', 'The artifact-created message failed schema validation (contentLength is not allowed)');
    }
    if (!state.objects.get(artifact.objectName)?.finished) {
      throw new ApiError('RequestConflict', `The object ${artifact.objectName} has not been uploaded (finishUpload)`);
    }
    artifact.finished = true;
    return {};
  }

  const runOf = (ctx) => {
    const record = requireTask(state, ctx.params.taskId);
    requireRun(record, ctx.params.runId);
    return [record, Number(ctx.params.runId)];
  };
  const latestOf = (ctx) => {
    const record = requireTask(state, ctx.params.taskId);
    return [record, latestRunId(record)];
  };

  return {
    createArtifact: create,
    finishArtifact: finish,
    // Scopes before lookups: a caller without the scope learns nothing.
    getArtifact: (ctx) => { ctx.authorize({ names: [ctx.params.name] }); return download(ctx, ...runOf(ctx), ctx.params.name); },
    getLatestArtifact: (ctx) => { ctx.authorize({ names: [ctx.params.name] }); return download(ctx, ...latestOf(ctx), ctx.params.name); },
    artifact: (ctx) => { ctx.authorize({ names: [ctx.params.name] }); return locate(ctx, ...runOf(ctx), ctx.params.name); },
    latestArtifact: (ctx) => { ctx.authorize({ names: [ctx.params.name] }); return locate(ctx, ...latestOf(ctx), ctx.params.name); },
    listArtifacts: (ctx) => list(ctx, ...runOf(ctx)),
    listLatestArtifacts: (ctx) => list(ctx, ...latestOf(ctx)),
    artifactInfo: (ctx) => artifactInfo(requireArtifact(...runOf(ctx), ctx.params.name)),
    latestArtifactInfo: (ctx) => artifactInfo(requireArtifact(...latestOf(ctx), ctx.params.name)),
    // for the index's findArtifactFromTask
    downloadLatest: (ctx, taskId, name) => download(ctx, ...latestOf({ params: { taskId } }), name),
  };
}
