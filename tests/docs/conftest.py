"""The packages whose documentation the tests read, generated once per run.

Each is generated the way `regen` lays its API folder out (config, spec and documentation pages
side by side): Anam from its pinned snapshot (2 operations), Anam from the newer real capture
(57), Actualize, the Feed fixture (an event stream, a download, idempotency keys), and the
Held fixture (a header every call needs, which the client holds, and a URL variable).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .snippets import REPO, generate_api

CASES = {
    "anam-snapshot": (REPO / "specs" / "anam", None, "anam_client", "Anam"),
    "anam-newer": (REPO / "specs" / "anam", "swagger.newer.json", "anam_client", "Anam"),
    "actualize": (REPO / "specs" / "actualize", None, "actualize_client", "Actualize"),
    "feed": (REPO / "tests" / "streams" / "fixture", None, "feed_client", "Feed"),
    "held": (REPO / "tests" / "wire" / "fixtures" / "held", None, "sdkheld", "Held"),
}


@dataclass(frozen=True)
class Documented:
    root: Path
    package: str
    client: str

    @property
    def src(self) -> Path:
        return self.root / "src"

    def text(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session", params=sorted(CASES))
def documented(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Documented:
    api, capture, package, client = CASES[request.param]
    spec = request.getfixturevalue("upstream") / capture if capture else None
    root = generate_api(api, spec, tmp_path_factory.mktemp(request.param))
    return Documented(root, package, client)
