#!/usr/bin/env bash
# Builds the npm package into dist/: the wasm twice (Node's CommonJS glue and
# the browsers' ES-module glue), then the entry points, types and package.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$repo_root"

node scripts/gen-clients.mjs build/clients
for target in nodejs web; do
  wasm-pack --quiet build --release --no-pack --target "$target" \
    --out-dir "build/$target" --out-name taskcluster_wasm
done
node scripts/assemble-package.mjs
