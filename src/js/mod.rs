//! The wasm-bindgen boundary: converts JS values to core types with clear
//! errors, calls the core, and converts results back. No logic lives here.

mod args;
mod credentials;
mod errors;
mod hawk;
mod scopes;
mod slugid;
mod time;
mod types;
mod urls;
mod values;

#[cfg(test)]
mod tests;
