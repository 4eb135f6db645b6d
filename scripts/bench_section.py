#!/usr/bin/env python3
"""Replaces one section of BENCHMARKS.md with standard input.

Usage: COMMAND | python3 scripts/bench_section.py NAME

The section is the text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`; it is
appended at the end of the file if absent. Benchmark commands pipe their own report here so
that BENCHMARKS.md only ever holds figures a command printed.
"""
import pathlib
import sys

path = pathlib.Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
name = sys.argv[1]
begin, end = f"<!-- section:{name} -->", f"<!-- /section:{name} -->"
body = sys.stdin.read().strip("\n")
text = path.read_text()
block = f"{begin}\n{body}\n{end}"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    text = head + block + tail
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
path.write_text(text)
print(f"bench_section: wrote section {name!r} of BENCHMARKS.md", file=sys.stderr)
