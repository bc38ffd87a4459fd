"""Fetching when the network is not there: fail fast and cheaply, unless a proxy resolves names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.errors import FetchError
from generator.fetch import fetch_spec

_UNRESOLVABLE = "https://spec.invalid/swagger.json"  # .invalid never resolves (RFC 6761)


def test_an_unresolvable_host_fails_before_the_http_stack_is_imported() -> None:
    program = (
        "import sys\n"
        "from generator.errors import FetchError\n"
        "from generator.fetch import fetch_spec\n"
        "try:\n"
        f"    fetch_spec({_UNRESOLVABLE!r})\n"
        "except FetchError as error:\n"
        "    print(error.problems[0].message)\n"
        "print('httpx' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    message, httpx_imported = run.stdout.splitlines()
    assert message.startswith("cannot resolve host:")
    assert httpx_imported == "False"


def test_behind_a_proxy_names_are_left_to_the_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(FetchError) as failure:
        fetch_spec(_UNRESOLVABLE, retries=0)
    message = failure.value.problems[0].message
    assert "cannot resolve host" not in message
    assert "cannot connect" in message
