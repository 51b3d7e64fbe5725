//! The wasm-bindgen boundary: converts JS values to core types with clear
//! errors, calls the core, and converts results back. No logic lives here.

mod bulk;
mod client_options;
mod content_hasher;
mod credentials;
mod errors;
mod hawk;
mod oauth;
mod pad;
mod scopes;
mod service_client;
mod slugid;
mod time;
mod transfer_retry;
mod types;
mod values;

#[cfg(test)]
mod tests;
