"""What a package's README and `api.md` must say, read from freshly generated packages."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from generator.pipeline import generate_package

from .conftest import Documented
from .snippets import REPO


def test_the_readme_names_the_spec_it_was_built_from(documented: Documented) -> None:
    readme = documented.text("README.md")
    sha = re.search(r"sha256: `([0-9a-f]{64})`", readme)
    assert sha, readme[:600]
    count = re.search(r"Covers: \*\*(\d+) operations?\*\*", readme)
    assert count and int(count.group(1)) == documented.text("api.md").count("\n### ")


def test_a_snapshot_build_says_how_little_it_covers(documented: Documented) -> None:
    readme = documented.text("README.md")
    if documented.package != "anam_client":
        return
    snapshot = (REPO / "specs" / "anam" / "swagger.json").read_bytes()
    built_from_snapshot = hashlib.sha256(snapshot).hexdigest() in readme
    assert ("**2 operations**" in readme) == built_from_snapshot
    assert "the copy of https://api.anam.ai/swagger.json pinned" in readme


def test_an_api_without_auth_asks_for_no_key(documented: Documented) -> None:
    readme = documented.text("README.md")
    if documented.package in ("actualize_client", "feed_client", "sdkheld"):
        assert "API_KEY" not in readme
        assert "no API key needed" in readme
    else:
        assert "ANAM_API_KEY" in readme


def test_anam_explains_stateful_and_ephemeral_tokens(documented: Documented) -> None:
    if documented.package != "anam_client":
        return
    readme = documented.text("README.md")
    assert "## Session tokens: stateful or ephemeral" in readme
    assert '"personaId"' in readme and '"systemPrompt"' in readme


def test_every_method_is_in_the_reference_with_an_example(documented: Documented) -> None:
    reference = documented.text("api.md")
    methods = re.findall(r"^### `client\.(\w+)\.(\w+)\(\)`$", reference, flags=re.MULTILINE)
    examples = re.findall(r"^(?:\w+ = )?client\.(\w+)\.(\w+)\(", reference, flags=re.MULTILINE)
    assert methods and methods == examples
    assert "Parameters:" in reference and "returns `" in reference


def test_streams_downloads_and_keys_are_documented_where_they_exist(documented: Documented) -> None:
    readme = documented.text("README.md")
    assert ".with_streaming_response." in readme
    models = documented.package not in ("actualize_client", "sdkheld")  # theirs return Any
    assert ("to_dict()" in readme) == models
    feed = documented.package == "feed_client"
    assert ("for event in client.events.watch(" in readme) == feed
    assert (".write_to_file(" in readme) == feed
    assert ("This API accepts an `Idempotency-Key` header" in readme) == feed


def _readme_of(spec: dict[str, object], tmp_path: Path) -> str:
    out = tmp_path / "pkg"
    generate_package(json.dumps(spec).encode(), "search.json", out)
    return (out / "README.md").read_text()


def test_a_spec_without_servers_says_where_the_url_goes(tmp_path: Path) -> None:
    """Typesense's spec names no server: `Typesense()` works only once the URL is given."""
    spec: dict[str, object] = {
        "openapi": "3.0.3",
        "info": {"title": "Search", "version": "1"},
        "paths": {"/health": {"get": {"responses": {"204": {"description": "ok"}}}}},
    }
    assert "`SEARCH_BASE_URL` environment variable" in _readme_of(spec, tmp_path / "bare")
    spec["servers"] = [{"url": "https://search.example"}]
    assert "names no server" not in _readme_of(spec, tmp_path / "served")


def test_a_title_ending_in_a_full_stop_reads_inside_the_docs_sentences(tmp_path: Path) -> None:
    """Grafana's spec is titled "Grafana HTTP API.": the README and docstrings set the title
    inside their own sentences, so its full stop goes."""
    spec: dict[str, object] = {
        "openapi": "3.0.3",
        "info": {"title": "Search HTTP API.", "version": "1"},
        "servers": [{"url": "https://search.example"}],
        "paths": {"/health": {"get": {"responses": {"204": {"description": "ok"}}}}},
    }
    readme = _readme_of(spec, tmp_path)
    assert "Typed Python client for Search HTTP API, generated" in readme
    client = next((tmp_path / "pkg" / "src").glob("*/_client.py")).read_text()
    assert "client for Search HTTP API.\n" in client
    assert "API.." not in client
