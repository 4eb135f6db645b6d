# Type declarations of the extension (python/src/lib.rs), for type checkers and editors.
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence

ENTITY_COLUMNS: list[str]

class Analyzer:
    def __init__(self, names: Optional[str] = None) -> None: ...
    def analyze(self, docs: Iterable[Mapping[str, Any]]) -> dict[str, Any]: ...
    def analyze_entities(
        self,
        texts: Sequence[str],
        dates: Optional[Sequence[Optional[str]]] = None,
        format: Literal["auto", "arrow", "lists"] = "auto",
    ) -> Any: ...
