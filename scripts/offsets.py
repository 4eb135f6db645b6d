"""Offset conversion shared by the evaluation scripts.

presslens results carry UTF-16 code-unit offsets (what JavaScript's String.slice takes);
score.py and the gold JSONL use Python str indices (code points).
"""


def utf16_to_cp(text):
    """Map from each UTF-16 code-unit offset at a character boundary of `text` to its
    code-point offset (end of text included)."""
    m = {}
    u = 0
    for i, ch in enumerate(text):
        m[u] = i
        u += 2 if ord(ch) > 0xFFFF else 1
    m[u] = len(text)
    return m
