#!/usr/bin/env bash
# Builds the npm package into dist/: the generated classes, the wasm twice (Node's
# CommonJS glue and the browsers' ES-module glue), then the entry points, types and
# package.json. Each step runs only when its inputs changed since it last succeeded
# (their hashes are kept in build/.stamps/), so an unchanged tree builds in about a
# second. FORCE_BUILD=1 runs every step.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$repo_root"

stamps=build/.stamps
mkdir -p "$stamps"

# One hash over the names and contents of the files under the given paths.
hash_files() {
  find "$@" -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-64
}

# step NAME "OUTPUTS" INPUTS COMMAND...: runs COMMAND unless every one of OUTPUTS exists
# and INPUTS (a hash) is what the last successful run of NAME was built from.
step() {
  local name=$1 outputs=$2 inputs=$3 output current=yes
  shift 3
  for output in $outputs; do [ -e "$output" ] || current=; done
  if [ -z "${FORCE_BUILD:-}" ] && [ -n "$current" ] && [ "$(cat "$stamps/$name" 2>/dev/null)" = "$inputs" ]; then
    return
  fi
  rm -f "$stamps/$name"
  "$@"
  echo "$inputs" > "$stamps/$name"
  built+=("$name")
}
built=()

clients_inputs=$(hash_files apis scripts/gen-clients.mjs pkg-template/compact-reference.js pkg-template/base-members.js)
step clients build/clients "$clients_inputs" node scripts/gen-clients.mjs build/clients

# A RUSTFLAGS from the environment replaces .cargo/config.toml's flags instead of
# adding to them: keep the module's SIMD (which the shipped figures assume) in it.
if [ -n "${RUSTFLAGS:-}" ] && [[ "$RUSTFLAGS" != *simd128* ]]; then
  export RUSTFLAGS="$RUSTFLAGS -C target-feature=+simd128"
fi

# The toolchain is an input too: rustc, wasm-bindgen, wasm-pack, and binaryen's
# wasm-opt (pinned by the npm lock); so are the flags.
wasm_inputs=$({
  hash_files src .cargo Cargo.toml Cargo.lock package-lock.json scripts/build.sh scripts/env.sh
  echo "${RUSTFLAGS:-}"
  rustc -vV
  wasm-bindgen --version
  wasm-pack --version
} | sha256sum | cut -c1-64)
# wasm-bindgen numbers inline JS snippets in order: a snippet left from an older
# build would be taken for one of this build's, so each build starts without them.
wasm_build() {
  rm -rf "build/$1/snippets"
  wasm-pack --quiet build --release --no-pack --target "$1" --out-dir "build/$1" --out-name taskcluster_wasm
}
for target in nodejs web; do
  step "wasm-$target" "build/$target/taskcluster_wasm_bg.wasm" "$wasm_inputs" wasm_build "$target"
done

# Tests and the demo import dist/ by name through node_modules/taskcluster-wasm,
# which `npm ci` removes: assembling again recreates it.
package_inputs=$({
  echo "$clients_inputs $wasm_inputs"
  hash_files pkg-template scripts/assemble-package.mjs scripts/inline-modules.mjs package-lock.json
} | sha256sum | cut -c1-64)
step package "dist/package.json node_modules/taskcluster-wasm" "$package_inputs" node scripts/assemble-package.mjs

if [ ${#built[@]} -eq 0 ]; then
  echo "dist/: up to date (no input changed since the last build)"
fi
