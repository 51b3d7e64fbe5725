#!/usr/bin/env bash
# Makes a fresh machine ready to build and test taskcluster-wasm. Idempotent:
# each step checks first and skips what is already there.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$repo_root"

step() { printf '== bootstrap: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo clippy --version >/dev/null 2>&1; then
  step "rustup component clippy"
  rustup component add clippy
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
# (`cargo install --locked` fails here: a locked dependency is missing upstream.)
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
  step "wasm-bindgen-cli $wanted (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$wanted" --force
fi

if ! command -v wasm-pack >/dev/null; then
  step "wasm-pack (about 3 minutes)"
  cargo install wasm-pack --locked
fi

# `npm ci` in a folder only when its package.json or lock changed since the last
# install there that succeeded (the stamp holds their hash): a warm start needs no registry.
npm_ci_when_changed() {
  local dir=$1 inputs stamp=$1/node_modules/.taskcluster-wasm-installed
  inputs=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -c1-64)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$inputs" ]; then
    step "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$inputs" > "$stamp"
  fi
}
# The oracles, binaryen's wasm-opt, esbuild, playwright-core.
npm_ci_when_changed .
# The runtimes (Node 18 and 22, Deno, Bun, workerd) and bundlers the package is tested in.
npm_ci_when_changed tests/runtimes

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  step "chromium + chromium-driver (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
