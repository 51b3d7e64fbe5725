// Writes a string into the wasm inbox (src/js/inbox.rs) with one native
// TextEncoder.encodeInto, for the fast paths that take long strings: copying
// through the wasm-bindgen glue goes one UTF-16 unit at a time in JS.
import { inboxMemory, inboxReserve } from './taskcluster_wasm.js';

const encoder = new TextEncoder();
// The reserved part of wasm memory. Growing the memory detaches its buffer
// (the view's length becomes 0), so a view that is too short is made again.
let view = new Uint8Array(0);

/** Writes `text` as UTF-8 into the inbox; the number of bytes written, all of `text`. */
export function writeInbox(text) {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  const needed = text.length * 3;
  if (view.byteLength < needed) {
    const capacity = Math.max(needed, 4096);
    const address = inboxReserve(capacity);
    view = new Uint8Array(inboxMemory().buffer, address, capacity);
  }
  return encoder.encodeInto(text, view).written;
}
