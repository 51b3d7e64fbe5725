//! The pad: one buffer in wasm memory through which the hot paths (Hawk signing,
//! temporary credentials) take their input and give their result. JS writes the
//! call's text into it (ASCII, fields joined by `\n`; pkg-template/pad.js), passes
//! numbers, and reads the result from right after its input: no allocation, no
//! string conversion and only one crossing per call.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static PAD: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes the pad `size` bytes long; returns its address in wasm memory (JS keeps it
/// until it needs a larger pad).
#[wasm_bindgen(js_name = padReserve, skip_typescript)]
pub fn reserve(size: usize) -> usize {
    PAD.with(|pad| {
        let Ok(mut pad) = pad.try_borrow_mut() else { return 0 };
        pad.resize(size, 0);
        pad.as_ptr() as usize
    })
}

/// The wasm memory, in which JS reads and writes the pad.
#[wasm_bindgen(js_name = padMemory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Runs `make` on the first `input_length` bytes of the pad and writes its result
/// right after them; the result's length, 0 when there is none or no room for it.
pub fn with_pad(input_length: usize, make: impl FnOnce(&str) -> Option<String>) -> usize {
    with_pad_output(input_length, |input, output| {
        output.push(&make(input)?);
        Some(())
    })
}

/// As [`with_pad`], for results written piece by piece straight into the pad.
pub fn with_pad_output(input_length: usize, write: impl FnOnce(&str, &mut Output<'_>) -> Option<()>) -> usize {
    PAD.with(|pad| {
        let Ok(mut pad) = pad.try_borrow_mut() else { return 0 };
        let Some((input, area)) = pad.split_at_mut_checked(input_length) else { return 0 };
        let Ok(input) = std::str::from_utf8(input) else { return 0 };
        let mut output = Output { area, length: 0, overflowed: false };
        match write(input, &mut output) {
            Some(()) if !output.overflowed => output.length,
            _ => 0,
        }
    })
}

/// The pad after the input, where a result is written.
pub struct Output<'a> {
    area: &'a mut [u8],
    length: usize,
    /// A piece did not fit: the result is incomplete and reported as none.
    overflowed: bool,
}

impl Output<'_> {
    #[inline]
    pub fn push(&mut self, text: &str) {
        let end = self.length + text.len();
        match self.area.get_mut(self.length..end) {
            Some(slot) => {
                copy_small(slot, text.as_bytes());
                self.length = end;
            }
            None => self.overflowed = true,
        }
    }
}

/// Runs `read` on the first `input_length` bytes of the pad, for fast paths whose
/// result is a number (scope checks); `None` if they are not there or not UTF-8.
pub fn read<T>(input_length: usize, read: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    PAD.with(|pad| {
        let pad = pad.try_borrow().ok()?;
        read(std::str::from_utf8(pad.get(..input_length)?).ok()?)
    })
}

/// `source` into `target` (the same length): a separator is one store, not a call
/// to the engine's memory copy, which costs more than copying a few bytes.
#[inline(always)]
fn copy_small(target: &mut [u8], source: &[u8]) {
    match (target, source) {
        ([slot], [byte]) => *slot = *byte,
        (target, source) => target.copy_from_slice(source),
    }
}
