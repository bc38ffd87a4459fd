"""The changelog entry of the real older -> newer Anam change: grouped, folded, readable raw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.diff import DiffReport, diff_files
from generator.diff.changelog import entries, groups, plain
from generator.diff.model import Change


@pytest.fixture(scope="module")
def stored(upstream: Path) -> tuple[str, ...]:
    return entries(diff_files(upstream / "swagger.older.json", upstream / "swagger.newer.json"))


@pytest.fixture(scope="module")
def markdown(stored: tuple[str, ...]) -> list[str]:
    lines = []
    for group in groups(stored):
        lines += ["", f"### {group.title}", ""]
        for line in group.lines:
            lines.append(f"- {line.text}")
            lines += [f"  - {detail}" for detail in line.details]
    return lines


def test_grouped_by_resource_then_models(stored: tuple[str, ...]) -> None:
    titles = [entry.split("\n")[0] for entry in stored]
    order = list(dict.fromkeys(titles))
    assert order[:3] == ["client.auth", "client.avatars", "client.engine"]
    assert order[-1] == "Models" and order == [*sorted(order[:-1]), "Models"]


def test_each_line_names_its_method_or_model(stored: tuple[str, ...]) -> None:
    for entry in stored:
        line = entry.split("\n")[1]
        assert re.match(r"(Breaking|Added): (\d+ )?.*`", line), line
        named = re.search(r"`(client\.[\w.]+(\(\))?|[A-Z]\w*(\.\w+)?|[A-Z]+ /[^`]*)`", line)
        assert named or line.startswith("Added: new models"), line


def test_wire_detail_is_folded_under_the_sdk_line(stored: tuple[str, ...]) -> None:
    update = next(e for e in stored if "`UpdatePersonaRequest.brain_type` was removed" in e)
    assert "wire: `PUT /v1/personas/{id}`: request body property `brainType` was removed" in update
    lines = [part for entry in stored for part in entry.split("\n")[1:]]
    assert sum("`brainType` was removed" in line for line in lines) == 1
    assert not [line for line in lines if line.startswith(("Breaking (wire)", "Added (sdk)"))]


def test_far_shorter_than_one_line_per_rule_hit(
    stored: tuple[str, ...], markdown: list[str]
) -> None:
    """The old entry listed each wire and SDK change on its own: 427 lines for this release."""
    items = [line for line in markdown if line.lstrip().startswith("- ")]
    assert len(items) < 260 and len(stored) < 130
    assert len(markdown) < 300


def test_raw_markdown_is_not_over_escaped(markdown: list[str]) -> None:
    text = "\n".join(markdown)
    assert "`brain_type`" in text and "`PUT /v1/personas/{id}`" in text
    assert "\\_" not in text and "\\{" not in text and "\\(" not in text


def test_entries_written_before_grouping_are_shown_as_they_were() -> None:
    (group,) = groups(["Breaking (wire): request body property `x_y` was removed"])
    assert group.title == "" and group.lines[0].text.endswith("`x_y` was removed")


def test_spec_text_cannot_add_lines_or_markup() -> None:
    change = Change(
        "api-removed", "breaking", "wire", "GET /a\n# b", "/paths/~1a", "operation GET /a\n# b"
    )
    (entry,) = entries(DiffReport.of([change], {"GET /a\n# b": "things"}))
    assert entry.count("\n") == 1
    (group,) = groups([entry])
    assert "\n" not in group.lines[0].text


def test_entries_read_as_plain_text_in_a_terminal() -> None:
    entry = (
        "client.things\nAdded: `client.things.get()` was added\nwire: operation `GET /t` was added"
    )
    assert plain(entry) == [
        "- client.things: Added: `client.things.get()` was added",
        "    wire: operation `GET /t` was added",
    ]
    assert plain("Breaking (wire): old") == ["- Breaking (wire): old"]
