#!/usr/bin/env bash
# Runs every test: native Rust, wasm-bindgen-test in Node and in headless
# Chromium, then the JS tests (Node and Playwright) against the built package.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$repo_root"

bash scripts/bootstrap.sh
bash scripts/build.sh

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver

# A merge that went wrong leaves its markers behind; nothing else would notice them in prose.
echo "== no merge-conflict markers in tracked files"
if git grep -nE '^(<<<<<<<|>>>>>>>)( |$)' -- . ':!*.lock'; then
  echo "merge-conflict markers found (above)" >&2
  exit 1
fi

# The lints chosen in Cargo.toml ([lints]) and clippy.toml, warnings denied,
# for both targets: the wasm boundary only compiles for wasm32.
echo "== clippy: native and wasm32-unknown-unknown"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings

echo "== native: cargo test"
cargo test --quiet

echo "== wasm in Node: wasm-bindgen-test"
cargo test --lib --target wasm32-unknown-unknown

echo "== wasm in headless Chromium: wasm-bindgen-test"
WASM_BINDGEN_USE_BROWSER=1 cargo test --lib --target wasm32-unknown-unknown

echo "== JS: node --test against the built package (Node, Chromium, the runtimes and bundlers in tests/runtimes, leak/load/faults in tests/load, and the benchmark smoke)"
node --test --test-reporter=spec tests/js/ tests/fuzz/ tests/browser/ tests/emulator/ tests/e2e/ tests/runtimes/ tests/load/ tests/bench/
