// The pad (src/js/pad.rs): one buffer in wasm memory through which the hot paths
// take their text input and give their result, so a call crosses into wasm once,
// with numbers, and no glue allocates or converts a string on the way.
import { padMemory, padReserve } from './taskcluster_wasm.js';

// Longer input takes the checked path, so the pad never holds on to much memory.
const MAX_INPUT = 16 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// The wasm is initialised after this module is evaluated (web entry): memory is looked up on first use.
let memory;
let address = 0;
let view = new Uint8Array(0);

/** The pad as bytes, at least `size` of them (a new view once wasm memory has grown). */
function padOf(size) {
  // `memory` too: the first write may be empty, and an empty view fits it.
  if (size > view.length || memory === undefined) {
    const length = Math.max(4096, size * 2);
    address = padReserve(length);
    memory ??= padMemory();
    view = new Uint8Array(memory.buffer, address, length);
  } else if (view.byteLength === 0) {
    // Growing wasm memory detaches the old buffer, and every view of it reads as empty.
    view = new Uint8Array(memory.buffer, address, view.length);
  }
  return view;
}

/**
 * Writes `text` at the start of the pad, with room after it for a result of up
 * to `room` bytes more than the text; its length in bytes, or -1 when it is not
 * plain ASCII or too long (the caller then takes the checked path).
 */
export function writePad(text, room) {
  if (text.length > MAX_INPUT) return -1;
  const { read, written } = encoder.encodeInto(text, padOf(text.length * 2 + room));
  return read === text.length && written === read ? written : -1;
}

/** The result of `resultLength` bytes written after an input of `inputLength`; undefined for none (0). */
export function readPad(inputLength, resultLength) {
  if (resultLength === 0) return undefined;
  return decoder.decode(padOf(inputLength + resultLength).subarray(inputLength, inputLength + resultLength));
}
