#!/usr/bin/env bash
# The main job: build the package, then run the example that signs requests
# and has a local Hawk server (127.0.0.1) verify them.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$repo_root"

bash scripts/bootstrap.sh
bash scripts/build.sh
node examples/sign-and-verify.mjs
