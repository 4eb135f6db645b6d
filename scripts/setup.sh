#!/usr/bin/env bash
# Installs whatever this project needs that the machine lacks, and nothing twice.
# Everything comes from the package registries: rustup's wasm32 target, crates.io
# (wasm-bindgen-cli at exactly the version in Cargo.lock), Debian (chromium, chromium-driver),
# npm (devDependencies from package-lock.json). Nothing downloads a browser or a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(python3 - <<'PY'
import tomllib
lock = tomllib.load(open("Cargo.lock", "rb"))
print(next(p["version"] for p in lock["package"] if p["name"] == "wasm-bindgen"))
PY
)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  # Not --locked: the CLI's own lockfile pins a crate version this registry lacks.
  log "installing wasm-bindgen-cli $want (have: ${have:-none}); this takes 2-3 minutes once"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null || {
    # A concurrent apt-get update can delete downloaded packages mid-install: repair and retry.
    apt-get install -f -y -qq >/dev/null
    apt-get install -y -qq chromium chromium-driver >/dev/null
  }
fi

# npm ci only when node_modules does not match the committed lockfile.
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null &&
   ! node -e '
     const a = require("./package-lock.json").packages, b = require("./node_modules/.package-lock.json").packages;
     for (const k of Object.keys(a)) if (k && (!b[k] || b[k].version !== a[k].version)) process.exit(1);
   ' 2>/dev/null; then
  log "installing npm devDependencies from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The Python binding (issue #18, python/): Java 17+ for Spark from Debian, and a virtual
# environment .venv/ with what python/requirements-test.txt pins (maturin, pytest, pyspark,
# pandas, pyarrow, dask) from PyPI. A copy of the requirements in .venv/ marks it complete.
if ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  log "installing Debian openjdk-17-jre-headless (Java for Spark)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! cmp -s python/requirements-test.txt .venv/requirements-test.txt; then
  log "installing the Python binding's build and test packages into .venv/ (about 100 s once)"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q -r python/requirements-test.txt
  cp python/requirements-test.txt .venv/requirements-test.txt
fi
log "ok"
