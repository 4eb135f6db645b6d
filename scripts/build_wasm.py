#!/usr/bin/env python3
"""Builds the WebAssembly module and its JS glue as declared in wasm-pack.toml.

Usage: python3 scripts/build_wasm.py [release|dev] [--features F1,F2] [--out-dir DIR]

--features: cargo features to build with (the test builds use `fault-injection`, which is
never in the shipped build); --out-dir: where the module goes instead of wasm-pack.toml's
out-dir (a git-ignored folder for such test builds, e.g. target/wasm-fault). Everything else
comes from wasm-pack.toml.

Reads wasm-pack.toml (the single place the wasm build is configured), then runs
`cargo build --lib --target wasm32-unknown-unknown`, `wasm-bindgen` (which must be the exact
version pinned in Cargo.lock) and, when the profile asks for it, binaryen's `wasm-opt` from
node_modules. Prints the module's size raw and gzipped.
"""
import argparse
import gzip
import os
import pathlib
import shutil
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(cmd):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)


def locked_version(package):
    lock = tomllib.loads((ROOT / "Cargo.lock").read_text())
    for p in lock["package"]:
        if p["name"] == package:
            return p["version"]
    sys.exit(f"build_wasm: {package} is not in Cargo.lock")


def main():
    parser = argparse.ArgumentParser(description="Builds the wasm module as wasm-pack.toml declares.")
    parser.add_argument("profile", nargs="?", default="release", help="a [profile.*] of wasm-pack.toml")
    parser.add_argument("--features", default="", help="comma-separated cargo features (test builds only)")
    parser.add_argument("--out-dir", default=None, help="output folder instead of wasm-pack.toml's out-dir")
    parser.add_argument("--names", action="store_true",
                        help="keep the functions' names (wasm-opt -g), for profiles (scripts/profile_wasm.mjs); never shipped")
    args = parser.parse_args()
    profile_name = args.profile
    config = tomllib.loads((ROOT / "wasm-pack.toml").read_text())
    build = config["build"]
    try:
        profile = config["profile"][profile_name]
    except KeyError:
        sys.exit(f"build_wasm: wasm-pack.toml has no [profile.{profile_name}]")

    want = locked_version("wasm-bindgen")
    have = subprocess.run(["wasm-bindgen", "--version"], capture_output=True, text=True).stdout.split()
    if have[-1:] != [want]:
        sys.exit(
            f"build_wasm: wasm-bindgen CLI {have[-1] if have else 'missing'} but Cargo.lock has {want}: "
            f"run scripts/setup.sh (cargo install wasm-bindgen-cli --version {want})"
        )

    cargo_profile = profile["cargo-profile"]
    cargo = ["cargo", "build", "--lib", "--target", "wasm32-unknown-unknown", "--profile", cargo_profile]
    if args.features:
        cargo += ["--features", args.features]
    run(cargo)
    target_dir = "debug" if cargo_profile == "dev" else cargo_profile
    target_root = ROOT / os.environ.get("CARGO_TARGET_DIR", "target")
    wasm_in = target_root / "wasm32-unknown-unknown" / target_dir / "presslens.wasm"

    out_dir = ROOT / (args.out_dir or build["out-dir"])
    if (args.features or args.names) and (ROOT / build["out-dir"]).resolve() == out_dir.resolve():
        sys.exit("build_wasm: a build with --features or --names must not replace the shipped module: give another --out-dir")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    cmd = ["wasm-bindgen", "--target", build["target"], "--out-dir", out_dir, "--out-name", build["out-name"]]
    if profile.get("debug"):
        cmd.append("--keep-debug")
    run(cmd + [wasm_in])

    wasm_out = out_dir / f"{build['out-name']}_bg.wasm"
    passes = profile.get("wasm-opt", False)
    if passes:
        wasm_opt = ROOT / "node_modules" / ".bin" / "wasm-opt"
        if not wasm_opt.exists():
            sys.exit("build_wasm: node_modules/.bin/wasm-opt is missing: run `npm ci` (binaryen from npm)")
        tmp = wasm_out.with_suffix(".opt.wasm")
        run([wasm_opt, *passes, *(["-g"] if args.names else []), wasm_out, "-o", tmp])
        tmp.replace(wasm_out)

    raw = wasm_out.read_bytes()
    shown = wasm_out.relative_to(ROOT) if wasm_out.is_relative_to(ROOT) else wasm_out
    print(f"build_wasm: {shown}: {len(raw)} bytes raw, "
          f"{len(gzip.compress(raw, 9))} bytes gzipped (profile {profile_name}"
          f"{', features ' + args.features if args.features else ''}"
          f"{', names kept' if args.names else ''})")


if __name__ == "__main__":
    main()
