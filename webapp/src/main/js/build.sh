#!/usr/bin/env bash
# Bundles the landing page's browser demo (the example's build runs this at generate-resources):
#   build.sh WORK_DIR PROTO_DIR OUTPUT_FILE
# Installs the npm packages package-lock.json pins into WORK_DIR (again only when the lock changed), generates the
# code for greeter.proto from PROTO_DIR, and bundles greeter_demo.mjs with what it imports into OUTPUT_FILE.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$1 protos=$2 output=$3
if ! command -v npm >/dev/null; then
  echo "The example's browser demo is bundled with npm at build time: install Node.js 18+ with npm" \
       "(Debian: apt-get install nodejs npm), or build with -Dbrowser-demo.skip=true to leave the demo out." >&2
  exit 1
fi
mkdir -p "$work/proto"
if [ ! -d "$work/node_modules" ] || ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp "$here/package.json" "$here/buf.gen.yaml" "$here/greeter_demo.mjs" "$work/"
cp "$protos/greeter.proto" "$work/proto/"
(cd "$work" && npm run --silent generate && npm run --silent bundle -- --log-level=warning)
mkdir -p "$(dirname "$output")"
cp "$work/dist/greeter-demo.js" "$output"
