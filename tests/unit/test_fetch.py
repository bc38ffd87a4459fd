"""Fetching: fail fast and cheaply without a network (unless a proxy resolves names), and hold
every limit against hostile servers: an overall deadline, a cap on the decoded size."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.errors import FetchError, SpecError
from generator.fetch import fetch_spec
from generator.load import MAX_BYTES
from generator.regen import regen_api
from tests.support.fault_server import FaultServer, Reply

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


# --- Limits that hold against hostile servers (real loopback servers, real processes) ---------


def _gzip(chunks: Iterator[bytes]) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [compressor.compress(chunk) for chunk in chunks]
    return b"".join([*parts, compressor.flush()])


@pytest.fixture(scope="module")
def double_gzip_bomb() -> bytes:
    """1.8 KB that inflates, through `Content-Encoding: gzip, gzip`, to 1 GiB of zeros."""
    inner = _gzip(b"\0" * (1 << 20) for _ in range(1024))
    return _gzip(iter([inner]))


def test_a_double_gzip_bomb_stops_at_the_size_cap_in_bounded_memory(
    double_gzip_bomb: bytes,
) -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip, gzip"}
    program = (
        "import re, sys\n"
        "from generator.errors import FetchError\n"
        "from generator.fetch import fetch_spec\n"
        "try:\n"
        "    fetch_spec(sys.argv[1], retries=0)\n"
        "except FetchError as error:\n"
        "    print(error.problems[0].message)\n"
        # VmHWM is this process's own peak: ru_maxrss would include the forking parent's.
        "status = open('/proc/self/status').read()\n"
        "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)) // 1024)\n"
    )
    with FaultServer(fallback=Reply(200, headers, double_gzip_bomb)) as server:
        run = subprocess.run(
            [sys.executable, "-c", program, server.url + "/swagger.json"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
    message, peak_mib = run.stdout.splitlines()
    assert message == f"response is larger than {MAX_BYTES:,} bytes"
    assert int(peak_mib) < 200, f"peak RSS {peak_mib} MiB"


@pytest.mark.parametrize("encoding", ["br", "gzip, gzip, gzip", "compress"])
def test_unsupported_or_stacked_encodings_are_refused(encoding: str) -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": encoding}
    with (
        FaultServer(fallback=Reply(200, headers, b"x")) as server,
        pytest.raises(FetchError, match="unsupported Content-Encoding"),
    ):
        fetch_spec(server.url, retries=0)


def test_a_gzipped_spec_is_accepted(repo: Path) -> None:
    spec = (repo / "specs" / "anam" / "swagger.json").read_bytes()
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    with FaultServer(fallback=Reply(200, headers, _gzip(iter([spec])))) as server:
        assert fetch_spec(server.url).data == spec


class DripServer:
    """Answers every connection one byte at a time, every `pause` seconds, for at most
    `limit` bytes: in the status line and headers (`in_headers`) or in the body."""

    def __init__(self, *, in_headers: bool, pause: float = 0.3, limit: int = 60) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 999\r\n\r\n"
        self.head, self.in_headers, self.pause, self.limit = head, in_headers, pause, limit
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/swagger.json"

    def __enter__(self) -> DripServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.listener.close()
        self.thread.join(timeout=5)

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._drip, args=(connection,), daemon=True).start()

    def _drip(self, connection: socket.socket) -> None:
        with connection:
            connection.recv(65536)
            if not self.in_headers:
                connection.sendall(self.head)
            payload = self.head if self.in_headers else b"{" + b" " * self.limit
            for byte in payload[: self.limit]:
                if self.stop.wait(self.pause):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return


@pytest.mark.parametrize("in_headers", [True, False], ids=["headers", "body"])
def test_a_slow_drip_hits_the_overall_deadline(in_headers: bool) -> None:
    with DripServer(in_headers=in_headers) as server:
        started = time.monotonic()
        with pytest.raises(FetchError) as failure:
            fetch_spec(server.url, deadline=1.5, timeout=1.0)
        elapsed = time.monotonic() - started
    assert "deadline" in str(failure.value)
    assert elapsed < 4, elapsed


ANAM_CONFIG = """name: anam
title: Anam
package: anam_client
distribution: anam-client
client_class: Anam
env_prefix: ANAM
spec: swagger.json
source_url: {url}
"""


def _anam(tmp_path: Path, repo: Path, url: str) -> Path:
    api = tmp_path / "specs" / "anam"
    api.mkdir(parents=True)
    for name in ("swagger.json", "names.lock.json", "state.json"):
        shutil.copy(repo / "specs" / "anam" / name, api / name)
    (api / "config.yaml").write_text(ANAM_CONFIG.format(url=url))
    return api


def test_online_regen_falls_back_to_the_snapshot_when_the_deadline_trips(
    tmp_path: Path, repo: Path
) -> None:
    warnings: list[str] = []
    with DripServer(in_headers=False) as server:
        api = _anam(tmp_path, repo, server.url)
        started = time.monotonic()
        result = regen_api(
            api, tmp_path / "generated", deadline=1.5, report=lambda p: warnings.append(str(p))
        )
        assert time.monotonic() - started < 30
    assert result.source == "snapshot"
    assert any("deadline" in warning for warning in warnings), warnings
    assert any("using the pinned snapshot" in warning for warning in warnings)


def test_online_regen_falls_back_when_the_live_spec_holds_a_huge_integer(
    tmp_path: Path, repo: Path
) -> None:
    spec = json.loads((repo / "specs" / "anam" / "swagger.json").read_text())
    text = json.dumps(spec)[:-1] + ', "x-limit": ' + "9" * 5000 + "}"
    warnings: list[str] = []
    with FaultServer(
        fallback=Reply(200, {"Content-Type": "application/json"}, text.encode())
    ) as live:
        api = _anam(tmp_path, repo, live.url)
        result = regen_api(api, tmp_path / "generated", report=lambda p: warnings.append(str(p)))
    assert result.source == "snapshot"
    assert any("integer with more than 40 digits" in warning for warning in warnings), warnings
    assert (api / "swagger.json").read_bytes() == (
        repo / "specs" / "anam" / "swagger.json"
    ).read_bytes()


def test_online_regen_falls_back_when_the_live_spec_cannot_be_generated(
    tmp_path: Path, repo: Path
) -> None:
    spec = json.loads((repo / "specs" / "anam" / "swagger.json").read_text())
    # an API key without the name of its header: valid structure, but no client can send it
    nameless = {"type": "apiKey", "in": "header", "name": " "}
    spec.setdefault("components", {}).setdefault("securitySchemes", {})["key"] = nameless
    spec["security"] = [{"key": []}]
    body = json.dumps(spec).encode()
    warnings: list[str] = []
    with FaultServer(fallback=Reply(200, {"Content-Type": "application/json"}, body)) as live:
        api = _anam(tmp_path, repo, live.url)
        result = regen_api(api, tmp_path / "generated", report=lambda p: warnings.append(str(p)))
        with pytest.raises(SpecError, match="needs the name of its header"):
            regen_api(api, tmp_path / "generated", strict=True)
    assert result.source == "snapshot"
    assert any("needs the name of its header" in warning for warning in warnings), warnings
    assert (tmp_path / "generated" / "anam-client" / "pyproject.toml").is_file()
