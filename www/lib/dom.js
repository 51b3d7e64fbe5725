// Small DOM helpers. Everything from the network is inserted as text, never as HTML.
import { describeError } from './errors.js';

/** h('a', {href, class, onclick}, ...children): an element; null/false children and attributes are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href' && !/^(https?:|blob:|#|\/)/i.test(String(value))) continue; // no javascript: links
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export const $ = (id) => document.getElementById(id);

/** A state badge: completed / failed / exception / running / pending / unscheduled. */
export function stateBadge(state) {
  return h('span', { class: `badge state-${state ?? 'unknown'}` }, state ?? 'unknown');
}

/** Fills a <table> with a header row and body rows (arrays of cells: Node or text). */
export function fillTable(table, headers, rows, emptyText = 'Nothing here.') {
  const body = rows.length
    ? rows.map((cells) => h('tr', {}, cells.map((cell, i) => {
      const td = cell instanceof HTMLTableCellElement ? cell : h('td', {}, cell);
      td.dataset.label = headers[i] ?? ''; // the column's name, shown beside the value on narrow screens
      return td;
    })))
    : [h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, emptyText))];
  table.replaceChildren(h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, body));
}

/** A definition list from [label, value] pairs (values shown as text). */
export function fillFacts(dl, pairs) {
  dl.replaceChildren(...pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : String(v))]));
}

export const prettyJson = (value) => JSON.stringify(value, null, 2);

/** Dates as "2024-05-01 12:00:00 (in 2 hours)" style text. */
export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toLocaleString()} (${relative(date.getTime() - Date.now())})`;
}

export function relative(ms) {
  const abs = Math.abs(ms);
  if (abs < 5000) return 'now';
  const units = [['year', 365 * 864e5], ['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
  for (const [unit, size] of units) {
    if (abs >= size || unit === 'second') {
      const n = Math.round(abs / size);
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return ms >= 0 ? `in ${text}` : `${text} ago`;
    }
  }
  return '';
}

/**
 * The error box: a human title, the status code and Taskcluster error code
 * when there are any, the message, and the call that failed.
 */
export function errorBox(error, options) {
  const { title, message, statusCode, code, meta } = describeError(error, options);
  return h('div', { class: 'error-box', dataset: { statusCode: statusCode ?? '', code: code ?? '' } },
    h('div', { class: 'error-title' },
      h('span', {}, title),
      statusCode !== undefined ? h('span', { class: 'status-code' }, String(statusCode)) : null,
      code ? h('span', { class: 'error-code' }, code) : null),
    h('pre', { class: 'error-message' }, message),
    meta.length ? h('div', { class: 'error-meta' }, meta.join(' · ')) : null);
}

/** Shows `error` in a slot (an element with class error-slot), or clears it when error is null. */
export function showError(slot, error, options) {
  if (error === null || error === undefined) {
    slot.replaceChildren();
    slot.hidden = true;
    return;
  }
  slot.replaceChildren(errorBox(error, options));
  slot.hidden = false;
  if (globalThis.console) console.warn(error);
}

/**
 * Runs an async action with the button disabled and errors shown in the slot;
 * options.action titles unexpected errors, options.onError(error) clears what
 * the failed action leaves stale.
 */
export async function guarded(slot, button, action, options = {}) {
  showError(slot, null);
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (error) {
    options.onError?.(error);
    showError(slot, error, options);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
