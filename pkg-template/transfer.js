// The data half of object uploads and downloads: plain HTTP to the URLs the
// object service hands out (no Hawk), retried with the clients' retry options.
import { TransferRetry } from './taskcluster_wasm.js';

/** A failed data transfer; `transient` ones (5xx, network, cut short) are retried. */
export class TransferError extends Error {
  constructor(message, { statusCode, url, transient = false, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TransferError';
    this.statusCode = statusCode;
    this.url = url;
    this.transient = transient;
  }
}

/**
 * A URL fit for an error message: pre-signed URLs carry their signature in the
 * query, which is a credential, so only the origin and path are shown.
 */
export function redactedUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** `fetch`, with every failure turned into a TransferError naming `label`. */
export async function fetchOk(label, url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new TransferError(`${label}: ${init?.method ?? 'GET'} ${redactedUrl(url)} failed: ${cause?.message ?? cause}`,
      { url: redactedUrl(url), transient: true, cause });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new TransferError(`${label}: ${init?.method ?? 'GET'} ${redactedUrl(url)} answered HTTP ${response.status}`,
      { statusCode: response.status, url: redactedUrl(url), transient: response.status >= 500 });
  }
  return response;
}

/** The chunks of a response body; a connection lost midway is a transient TransferError. */
export async function* responseChunks(label, response, url) {
  const reader = response.body.getReader();
  try {
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (cause) {
        throw new TransferError(`${label}: the download from ${redactedUrl(url)} was interrupted: ${cause?.message ?? cause}`,
          { url: redactedUrl(url), transient: true, cause });
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt(number)` until it succeeds, retrying transient TransferErrors
 * as `settings` (`retrySettings` of read-options.js: the checked retry options) allow.
 */
export async function withRetries(label, settings, attempt) {
  const retry = new TransferRetry(...settings);
  try {
    for (let number = 1; ; number++) {
      try {
        return await attempt(number);
      } catch (error) {
        const delay = error instanceof TransferError && error.transient ? retry.nextDelay() : undefined;
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  } finally {
    retry.free();
  }
}
