//! The inbox: a buffer in wasm memory that JS writes a long string into with
//! `TextEncoder.encodeInto` (pkg-template/inbox.js), for the fast paths that
//! read it in the same call. wasm-bindgen copies a string one UTF-16 unit at a
//! time in JS; `encodeInto` copies it natively, which for the kilobytes of a
//! scope set is most of the cost of a check.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    static INBOX: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes room for `capacity` bytes; the inbox's address in wasm memory. The
/// address holds until the next reserve.
#[wasm_bindgen(js_name = inboxReserve, skip_typescript)]
pub fn inbox_reserve(capacity: u32) -> u32 {
    let capacity = usize::try_from(capacity).unwrap_or(usize::MAX);
    INBOX.with_borrow_mut(|inbox| {
        if inbox.len() < capacity {
            inbox.resize(capacity, 0);
        }
        inbox.as_ptr() as u32
    })
}

/// The wasm module's memory, for the views JS writes the inbox through.
#[wasm_bindgen(js_name = inboxMemory, skip_typescript)]
pub fn inbox_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Calls `read` with the first `len` bytes of the inbox as text; `None` if they
/// are not there or not UTF-8.
pub fn read<T>(len: u32, read: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    INBOX.with_borrow(|inbox| {
        let bytes = inbox.get(..usize::try_from(len).ok()?)?;
        read(std::str::from_utf8(bytes).ok()?)
    })
}
