"""A `$ref` to a URL is refused without a single request: proven against a server we control.

The metadata endpoint and `file://` cases in the corpus show the refusal; this one shows the
network was never used, by pointing the reference at a loopback server and counting what it saw.
"""

from __future__ import annotations

import dataclasses
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .corpus import CORPUS, Refused, table
from .harness import AUDIT_MARK, run_cli

CASE = "external_ref_loopback.yaml"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every path it is asked for."""
    seen: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server dispatches GET requests to
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"Thing": {"type": "object"}}')

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_server_is_reachable(server: tuple[str, list[str]]) -> None:
    """Without this, a refusal with no request seen could just mean the server was down."""
    host, seen = server
    with urllib.request.urlopen(f"http://{host}/probe", timeout=5) as response:
        assert response.status == 200
    assert seen == ["/probe"]


def test_ref_to_loopback_url_is_refused_without_a_request(
    server: tuple[str, list[str]], tmp_path: Path
) -> None:
    host, seen = server
    case = table()[CASE]
    assert isinstance(case, Refused)
    text = (CORPUS / CASE).read_text(encoding="utf-8").replace("LOOPBACK", host)
    (tmp_path / CASE).write_text(text, encoding="utf-8")
    run = run_cli(["generate", "--spec", CASE, "--out", "out"], cwd=tmp_path)
    local = dataclasses.replace(case, message=case.message.replace("LOOPBACK", host))
    assert run.returncode == 1, run.stderr
    assert local.line_in(run.stderr), run.stderr
    assert seen == []
    assert AUDIT_MARK not in run.stderr
    assert not (tmp_path / "out").exists()
