"""The spec as the pipeline reads it: the one place the harness turns bytes into a document.

The mock must validate against exactly the document the package was generated from (normalized:
`nullable` as a null type, 3.0 bounds in the 3.1 form), so it is read the way
`generator.pipeline` reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..load import read_document
from ..normalize import normalize


def spec_document(data: bytes, file: str, root: Path | None = None) -> dict[str, Any]:
    """The normalized document of spec bytes `data` (`file` names it in problems; `root`, the
    path they were read from, lets a multi-file spec's other files be read)."""
    document, _notes = normalize(read_document(data, file, root), file)
    return document
