/**
 * `url` as an absolute http(s) URL string for `label`'s request; a relative one is
 * resolved against the page's location where there is one (browsers), as fetch does.
 */
export function absoluteHttpUrl(label, url) {
  if (typeof url !== 'string') {
    throw new TypeError(`${label}: url must be a string, got ${url === null ? 'null' : Array.isArray(url) ? 'an array' : typeof url}`);
  }
  let parsed;
  try {
    parsed = new URL(url, globalThis.location?.href);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    // Only the start is quoted: a query may carry a signature.
    throw new TypeError(`${label}: url must be an absolute http: or https: URL, got ${JSON.stringify(url.split('?')[0].slice(0, 60))}`);
  }
  return parsed.href;
}
