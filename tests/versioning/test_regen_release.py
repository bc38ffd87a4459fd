"""Regenerating Anam from the older capture to the newer one, fetched from a loopback "live" URL:
a major bump, a changelog entry listing the changes, the snapshot replaced, and every name that
did not change kept."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import FetchError
from generator.lock import read_lock
from generator.regen import regen_api
from generator.state import read_state
from tests.support.fault_server import FaultServer, Reply

CONFIG = """name: anam
title: Anam
package: anam_client
distribution: anam-client
client_class: Anam
env_prefix: ANAM
spec: swagger.json
source_url: {url}
"""


@pytest.fixture
def older_release(tmp_path: Path, upstream: Path) -> Path:
    """specs/anam at version 1.0.0 built from the older capture, live URL still to be set."""
    api = tmp_path / "specs" / "anam"
    api.mkdir(parents=True)
    shutil.copy(upstream / "swagger.older.json", api / "swagger.json")
    (api / "config.yaml").write_text(CONFIG.format(url="http://127.0.0.1:9/unused"))
    (api / "state.json").write_text(json.dumps({"version": "1.0.0"}))
    result = regen_api(api, tmp_path / "generated", offline=True)
    assert (result.changed, result.version) == (True, "1.0.0")
    return api


def test_live_spec_change_is_a_major_release_that_keeps_names(
    older_release: Path, upstream: Path, tmp_path: Path
) -> None:
    newer = (upstream / "swagger.newer.json").read_bytes()
    before = read_lock(older_release / "names.lock.json")
    with FaultServer(fallback=Reply(200, {"Content-Type": "application/json"}, newer)) as live:
        (older_release / "config.yaml").write_text(CONFIG.format(url=live.url + "/swagger.json"))
        result = regen_api(older_release, tmp_path / "generated")
    assert (result.changed, result.source, result.version) == (True, "live", "2.0.0")
    assert (older_release / "swagger.json").read_bytes() == newer

    state = read_state(older_release / "state.json")
    assert [r.version for r in state.releases] == ["1.0.0", "2.0.0"]
    assert state.releases[-1].summary.startswith("API changes: 74 breaking")
    changelog = (tmp_path / "generated" / "anam-client" / "CHANGELOG.md").read_text()
    assert changelog.index("## 2.0.0") < changelog.index("## 1.0.0")
    assert "Breaking \\(sdk\\): model Meta is now Pagination" in changelog
    version_file = tmp_path / "generated" / "anam-client" / "src" / "anam_client" / "_version.py"
    assert '__version__ = "2.0.0"' in version_file.read_text()

    after = read_lock(older_release / "names.lock.json")
    kept_operations = set(before.operations) & set(after.operations)
    assert len(kept_operations) == 44
    assert all(after.operations[key] == before.operations[key] for key in kept_operations)
    assert after.operations["POST /v1/auth/session-token"] == {
        "resource": "auth",
        "method": "create_session_token",
    }  # tags moved it; the lock did not
    kept_schemas = set(before.schemas) & set(after.schemas)
    assert kept_schemas and all(after.schemas[p] == before.schemas[p] for p in kept_schemas)


def test_unreachable_live_url_falls_back_to_the_snapshot(
    older_release: Path, tmp_path: Path
) -> None:
    warnings: list[str] = []
    result = regen_api(
        older_release, tmp_path / "generated", report=lambda p: warnings.append(str(p))
    )
    assert (result.changed, result.source, result.version) == (False, "snapshot", "1.0.0")
    assert any("using the pinned snapshot" in w for w in warnings)


def test_strict_fetch_makes_the_fallback_an_error(older_release: Path, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"127\.0\.0\.1:9"):
        regen_api(older_release, tmp_path / "generated", strict=True)


def test_a_bad_live_spec_changes_nothing(older_release: Path, tmp_path: Path) -> None:
    snapshot = (older_release / "swagger.json").read_bytes()
    state = read_state(older_release / "state.json")
    with FaultServer(fallback=Reply.json({"swagger": "2.0"})) as live:
        (older_release / "config.yaml").write_text(CONFIG.format(url=live.url))
        result = regen_api(older_release, tmp_path / "generated", report=lambda p: None)
    assert (result.source, result.version) == ("snapshot", "1.0.0")
    assert (older_release / "swagger.json").read_bytes() == snapshot
    after = read_state(older_release / "state.json")
    assert (after.version, after.spec_sha256, after.releases) == (
        state.version,
        state.spec_sha256,
        state.releases,
    )


def _release_check(released: Path, proposed: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "release-check", str(released), str(proposed)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_release_check_refuses_a_breaking_change_without_a_major_bump(
    older_release: Path, upstream: Path, tmp_path: Path
) -> None:
    proposed = tmp_path / "proposed"
    shutil.copytree(older_release, proposed)
    shutil.copy(upstream / "swagger.newer.json", proposed / "swagger.json")
    (proposed / "state.json").write_text(json.dumps({"version": "1.4.0"}))
    refused = _release_check(older_release, proposed)
    assert refused.returncode == 1
    assert "version 1.4.0 is too small a step from 1.0.0: the changes need at least 2.0.0" in (
        refused.stderr
    )
    (proposed / "state.json").write_text(json.dumps({"version": "2.0.0"}))
    accepted = _release_check(older_release, proposed)
    assert accepted.returncode == 0, accepted.stderr
    assert "anam: 1.0.0 -> 2.0.0 covers the changes (major needed)" in accepted.stdout


def _cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments], capture_output=True, text=True, check=False
    )


def test_fetch_takes_the_live_spec_in_as_a_release(
    older_release: Path, upstream: Path, tmp_path: Path
) -> None:
    newer = (upstream / "swagger.newer.json").read_bytes()
    specs = str(older_release.parent)
    with FaultServer(fallback=Reply(200, {"Content-Type": "application/json"}, newer)) as live:
        fetched = _cli(
            "fetch", "--api", "anam", "--url", live.url + "/swagger.json", "--specs", specs
        )
    assert fetched.returncode == 0, fetched.stderr
    assert "version 2.0.0" in fetched.stdout
    assert (older_release / "swagger.json").read_bytes() == newer
    state = read_state(older_release / "state.json")
    assert state.spec_sha256 == hashlib.sha256(newer).hexdigest()
    stale = _cli("check", "--specs", specs, "--out", str(tmp_path / "generated"))
    assert stale.returncode == 1  # the package still holds 1.0.0 until regen
    regen = _cli("regen", "--offline", "--specs", specs, "--out", str(tmp_path / "generated"))
    assert regen.returncode == 0, regen.stderr
    assert (
        read_state(older_release / "state.json").version == "2.0.0"
    )  # fetch released it; regen only wrote the package
    version_file = tmp_path / "generated" / "anam-client" / "src" / "anam_client" / "_version.py"
    assert '__version__ = "2.0.0"' in version_file.read_text()
    assert _cli("check", "--specs", specs, "--out", str(tmp_path / "generated")).returncode == 0


@pytest.mark.parametrize(
    ("reply", "fragment"),
    [
        (
            Reply(200, {"Content-Type": "text/html"}, b"<html>login</html>"),
            "not a JSON or YAML spec",
        ),
        (Reply.json({"error": "gone"}, status=404), "server answered 404"),
        (Reply.json({"openapi": "3.1.0"}), "missing required key 'info'"),
    ],
)
def test_fetch_failures_leave_the_snapshot_alone(
    older_release: Path, reply: Reply, fragment: str
) -> None:
    before = (older_release / "swagger.json").read_bytes()
    with FaultServer(fallback=reply) as live:
        result = _cli(
            "fetch", "--api", "anam", "--url", live.url, "--specs", str(older_release.parent)
        )
    assert result.returncode == 1 and fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (older_release / "swagger.json").read_bytes() == before


def test_generator_change_that_alters_the_package_is_a_patch_release(
    older_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.regen as pipeline
    import generator.render as render

    monkeypatch.setattr(
        pipeline, "generator_fingerprint", lambda: "a" * 64
    )  # a generator that changed
    unchanged = regen_api(older_release, tmp_path / "generated", offline=True)
    assert (unchanged.changed, unchanged.version) == (True, "1.0.0")  # same bytes: no release

    monkeypatch.setattr(pipeline, "generator_fingerprint", lambda: "b" * 64)  # and one that differs
    files = {**render.runtime_files(), "_extra.py": '"""A new runtime module."""\n'}
    monkeypatch.setattr(render, "runtime_files", lambda: files)
    patched = regen_api(older_release, tmp_path / "generated", offline=True)
    assert (patched.changed, patched.version) == (True, "1.0.1")
    release = read_state(older_release / "state.json").releases[-1]
    assert release.summary.startswith("Regenerated with a new generator version")
    again = regen_api(older_release, tmp_path / "generated", offline=True)
    assert (again.changed, again.version) == (False, "1.0.1")
