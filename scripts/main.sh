#!/usr/bin/env bash
# The main job: build the package, then start the local Taskcluster emulator
# and the demo dashboard (www/) on 127.0.0.1, and print where to open it.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$repo_root"

bash scripts/bootstrap.sh
bash scripts/build.sh
exec node scripts/serve-demo.mjs "$@"
