"""Models that refer to each other in one long cycle, as a big API's expandable fields make them
(Stripe's charge names its customer, who names an invoice, which names charges): pydantic builds
their schemas by recursing along the cycle, about ten frames a model. The package must import
them from deep inside a caller's stack, as a web framework's request handler would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package

MODELS = 150  # about 1,500 frames of schema building: past Python's default limit on its own


def _cycle_spec() -> dict[str, Any]:
    def model(index: int) -> dict[str, Any]:
        following = {"$ref": f"#/components/schemas/Link{(index + 1) % MODELS}"}
        return {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "next": {"anyOf": [{"type": "string"}, following]},  # an expandable field
            },
        }

    ok = {"description": "ok", "content": {"application/json": {"schema": model(0)}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Chain", "version": "1"},
        "paths": {"/links/{id}": {"get": {"operationId": "getLink", "responses": {"200": ok}}}},
        "components": {"schemas": {f"Link{index}": model(index) for index in range(MODELS)}},
    }


def test_a_long_cycle_of_models_imports_from_deep_in_a_call_stack(tmp_path: Path) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_cycle_spec()), "utf-8")
    out = tmp_path / "chain-client"
    generate_package(spec.read_bytes(), str(spec), out)
    program = (
        "import sys\n"
        "def deep(depth):\n"
        "    if depth:\n"
        "        return deep(depth - 1)\n"
        "    from chain_client import types\n"
        "    return types.Link0.model_validate({'id': 'a', 'next': {'id': 'b', 'next': 'c'}})\n"
        "link = deep(600)\n"
        "assert link.next.next == 'c', link\n"
        "print(sys.getrecursionlimit())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program],
        cwd=out / "src",
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "1000"  # the caller's limit is put back
