//! The request futures, run without an executor of closures: a request's
//! future is polled at once when the call is made, and each time a promise it
//! waits for settles, by one `.then` in JS that calls back into wasm.
//!
//! The futures only ever wait on [`Settled`], so no waker is needed: whoever
//! settles the awaited promise resumes the task. wasm-bindgen-futures' bridge
//! cost per call a promise of its own, a microtask hop per wake-up and two wasm
//! closures per awaited promise (each made, registered for finalization,
//! unregistered and freed); here a call costs one slot in a list and one JS
//! arrow function per await.
//!
//! A pending task lives in its slot until the promise it waits for settles:
//! attempt.js's attempts and delays always settle (an attempt ends at its
//! deadline at the latest), so no slot outlives its request.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use js_sys::Promise;
use wasm_bindgen::prelude::*;

type Task = Pin<Box<dyn Future<Output = JsValue>>>;

#[wasm_bindgen(module = "/src/transport/attempt.js")]
extern "C" {
    /// `promise.then(resume)` for both outcomes, with `id` passed along.
    #[wasm_bindgen(js_name = thenResume)]
    fn then_resume(promise: &Promise, id: u32, resume: &js_sys::Function) -> Promise;
}

thread_local! {
    /// The pending tasks by id; `None` marks a free slot.
    static TASKS: RefCell<Vec<Option<Task>>> = const { RefCell::new(Vec::new()) };
    /// The ids of the free slots.
    static FREE: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// The promise the task being polled now waits for (set by [`Settled`]).
    static AWAITED: Cell<Option<Promise>> = const { Cell::new(None) };
    /// What the promise a resumed task waited for settled with (taken by [`Settled`]).
    static SETTLED: Cell<Option<JsValue>> = const { Cell::new(None) };
    /// The one function every `.then` calls: made once, owned here for the module's lifetime.
    static RESUME: Closure<dyn Fn(u32, JsValue) -> JsValue> = Closure::new(resume);
}

/// Runs `future` until it first waits: the promise of its output.
pub fn run(future: impl Future<Output = JsValue> + 'static) -> Promise {
    let id = FREE.with_borrow_mut(Vec::pop).unwrap_or_else(|| {
        TASKS.with_borrow_mut(|tasks| {
            tasks.push(None);
            (tasks.len() - 1) as u32
        })
    });
    match advance(id, Box::pin(future)) {
        Ok(output) => Promise::resolve(&output),
        Err(next) => next,
    }
}

/// Polls the task `id` (taken out of its slot): its output, or the promise of
/// it when it waits (then the task is back in its slot).
fn advance(id: u32, mut task: Task) -> Result<JsValue, Promise> {
    let polled = task.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    let awaited = AWAITED.take();
    match (polled, awaited) {
        (Poll::Pending, Some(promise)) => {
            TASKS.with_borrow_mut(|tasks| {
                if let Some(slot) = tasks.get_mut(id as usize) {
                    *slot = Some(task);
                }
            });
            Err(RESUME.with(|resume| then_resume(&promise, id, resume.as_ref().unchecked_ref())))
        }
        (Poll::Ready(output), _) => {
            FREE.with_borrow_mut(|free| free.push(id));
            Ok(output)
        }
        // Pending on something other than `Settled`: nothing would ever resume it.
        (Poll::Pending, None) => {
            FREE.with_borrow_mut(|free| free.push(id));
            Err(Promise::reject(&js_sys::Error::new("taskcluster-wasm: a request waited on something that never resumes it")))
        }
    }
}

/// Called by the `.then` of the promise task `id` waits for: the task's output,
/// or the promise of it when it waits again (the `.then`'s promise adopts it).
fn resume(id: u32, settled: JsValue) -> JsValue {
    let Some(task) = TASKS.with_borrow_mut(|tasks| tasks.get_mut(id as usize).and_then(Option::take)) else {
        return JsValue::UNDEFINED;
    };
    SETTLED.set(Some(settled));
    let step = advance(id, task);
    SETTLED.take(); // left only by a task that did not wait on `Settled`
    step.unwrap_or_else(JsValue::from)
}

/// What a promise settles with (fulfilled or rejected alike): the one thing the
/// tasks of [`run`] wait for.
pub struct Settled(Option<Promise>);

impl Settled {
    pub fn new(promise: Promise) -> Settled {
        Settled(Some(promise))
    }
}

impl Future for Settled {
    type Output = JsValue;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<JsValue> {
        match self.get_mut().0.take() {
            Some(promise) => {
                AWAITED.set(Some(promise));
                Poll::Pending
            }
            None => Poll::Ready(SETTLED.take().unwrap_or(JsValue::NULL)),
        }
    }
}
