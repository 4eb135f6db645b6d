#!/usr/bin/env bash
# Measures the set-up a newcomer's fresh machine goes through, on this machine, without
# uninstalling anything: a fresh clone, an empty CARGO_HOME (so crates and wasm-bindgen-cli are
# fetched and built again), no node_modules, a fresh target/, and a forced re-download and
# reinstall of Debian's chromium packages. Then runs the README's page command up to the point
# where it would start serving, and writes the total to BENCHMARKS.md (section `build`).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/presslens-fresh.XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/presslens"
[ -d "$repo/../shared" ] && ln -s "$repo/../shared" "$work/shared"

# A PATH with the toolchain proxies but none of the tools setup.sh installs.
mkdir -p "$work/bin" "$work/cargo-home"
for t in cargo rustc rustup rustfmt cargo-fmt cargo-clippy clippy-driver; do
  ln -s "$HOME/.cargo/bin/$t" "$work/bin/$t"
done
export CARGO_HOME="$work/cargo-home" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$work/bin:/usr/local/bin:/usr/bin:/bin"

start=$(date +%s)
apt-get install -y -qq --reinstall chromium chromium-driver >/dev/null
apt_done=$(date +%s)
cd "$work/presslens"
bash scripts/setup.sh
python3 scripts/build_wasm.py release >/dev/null
end=$(date +%s)
echo "fresh set-up: apt chromium $((apt_done - start)) s, setup.sh + first wasm build $((end - apt_done)) s, total $((end - start)) s"
cd "$repo"
bash scripts/bench_build.sh "$((end - start))"
