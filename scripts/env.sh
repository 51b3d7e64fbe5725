# Sourced by the other scripts: the tools they need, first on PATH.
# wasm-opt must be the npm `binaryen` one (Debian's silently breaks the module).
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$repo_root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
