"""`sdkgen verify` proves a list that pages by the `Link` response header: the mock answers the
all-fields call with a `Link` to its own next page, so the client must fetch page two, and every
other call with no `Link` (the spec's example names the real API), so iteration stops cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec

REPO = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
LINK = {
    "required": True,  # so the mock would send the spec's example, which names the real API
    "schema": {"type": "string"},
    "example": '<https://api.github.example/repos?page=2>; rel="next"',
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Linky", "version": "1"},
    "servers": [{"url": "https://api.github.example"}],
    "paths": {
        "/orgs/{org}/repos": {
            "get": {
                "operationId": "listRepos",
                "tags": ["repos"],
                "parameters": [
                    {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "per_page", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "A page of repos.",
                        "headers": {"Link": LINK},
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Repo"},
                                }
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Repo": REPO}},
}
DATA = json.dumps(SPEC).encode()


def test_every_call_of_a_link_header_list_is_proven() -> None:
    verified = verify_spec(DATA, "openapi.json", workers=1)
    result = verified.result
    assert result.line() == "contract: linky 1/1 operations", [f.line() for f in result.failures]


def test_a_client_that_ignores_the_next_link_fails_verification(tmp_path: Path) -> None:
    generated = generate_package(DATA, "openapi.json", tmp_path / "fresh")
    package = generated.api.config.package
    shutil.copytree(tmp_path / "fresh", tmp_path / "broken")
    styles = tmp_path / "broken" / "src" / package / "_page_styles.py"
    text = styles.read_text(encoding="utf-8")
    assert 'link_for(headers, "next")' in text
    styles.write_text(text.replace('link_for(headers, "next")', "None"), encoding="utf-8")

    result = verify_spec(DATA, "openapi.json", package=tmp_path / "broken", workers=1).result
    assert result.line() == "contract: linky 0/1 operations"
    assert any(
        "GET /orgs/{org}/repos" in failure.line() and "found no next page" in failure.line()
        for failure in result.failures
    ), [failure.line() for failure in result.failures]
