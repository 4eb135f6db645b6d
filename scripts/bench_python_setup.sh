#!/usr/bin/env bash
# What the Python binding (issue #18) adds to a fresh machine's set-up, measured without
# uninstalling anything: Debian's openjdk-17-jre-headless downloaded again and reinstalled, and
# a new virtual environment with python/requirements-test.txt installed from PyPI with pip's
# cache off (so every package is downloaded, and pyspark built, as on a fresh machine).
# Writes the section `python-setup` of BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/presslens-pysetup.XXXXXX)
trap 'rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive
t0=$(date +%s)
mkdir -p "$work/apt/partial" # an empty package cache: the package is downloaded again
apt-get install -y -qq --reinstall -o Dir::Cache::archives="$work/apt" openjdk-17-jre-headless >/dev/null
t1=$(date +%s)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --no-cache-dir -r python/requirements-test.txt
t2=$(date +%s)
{
  echo "## Python binding: fresh set-up (issue #18)"
  echo
  echo "\`bash scripts/bench_python_setup.sh\`, $(date -u +%F), load $(cut -d' ' -f1 /proc/loadavg) at the end:"
  echo "what \`scripts/setup.sh\` adds on a fresh machine for the Python binding:"
  echo "Debian \`openjdk-17-jre-headless\` downloaded again and reinstalled (the package alone: its dependencies were on the machine) $((t1 - t0)) s (only where Java 17+ is missing;"
  echo "the image of this machine kind has it), the \`.venv/\` of \`python/requirements-test.txt\` from PyPI"
  echo "without pip's cache $((t2 - t1)) s; total $((t2 - t0)) s."
} | tee /dev/stderr | python3 scripts/bench_section.py python-setup
