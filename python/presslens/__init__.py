"""presslens: a newsroom entity analyzer (who, what, where, when), the Rust core as a Python
extension. Nothing is analysed in Python; this file only re-exports the extension.

    from presslens import Analyzer
    result = Analyzer().analyze([{"id": "a1", "text": "...", "date": "2026-11-30"}])
    rows = Analyzer().analyze_entities(texts, dates=None)   # pyarrow.Table or dict of lists

Offsets are code points (Python ``str`` indices): ``text[e["start"]:e["end"]] == e["text"]``.
The calls release the GIL; the model is compiled into the extension.
"""

from ._presslens import ENTITY_COLUMNS, Analyzer

__all__ = ["Analyzer", "ENTITY_COLUMNS"]
