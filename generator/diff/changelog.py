"""A release's changelog entry: the diff as a reader of the package wants it.

Grouped by resource (then the models, then the API as a whole), breaking changes first, one line
per change naming the method or model it is about, with the wire detail behind an SDK change
folded under it instead of listed again: `personas.update() lost the argument brain_type`, and
under it `PUT /v1/personas/{id}: request body property brainType was removed`. Model additions
are one line. Documentation-only changes are counted in the summary, not listed.

An entry is stored in the API's state (`state.json`, edited by people, so read as untrusted) as
one string per line: `group`, `line` and its details, separated by newlines, names marked as code
with backticks. `groups` reads them back for the CHANGELOG template, which prints every part
through `strings.markdown_prose`: code stays code, nothing else can become Markdown. An entry
written before this format (one line, no group) is shown ungrouped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..naming import snake_case
from ..strings import Safe, code_span, markdown_prose
from .model import Change, DiffReport, Severity

MODELS = "Models"
API = "API"
_LABELS = {"breaking": "Breaking", "non-breaking": "Added"}
_CALL = re.compile(r"client\.[A-Za-z_][\w.]*\(\)")
_SDK_CODE = (  # the names in the SDK rules' messages (see sdk.py, sdk_models.py)
    re.compile(r"(?<=argument )\w+"),
    re.compile(r"(?<=is now called )\w+"),
    re.compile(r"(?<=^model )\S+"),
    re.compile(r"(?<= is now )(?!client\.)\S+$"),
    re.compile(r"^[A-Za-z_]\w*\.\w+(?= )"),
    re.compile(r"(?<= from ).+(?= to )|(?<= to ).+$"),
    re.compile(r"(?<= returns ).+(?= instead of )|(?<= instead of ).+$"),
)
_WIRE_NAME = re.compile(r"`([^`]+)`")
# The wire changes an SDK change stands for even without a name in common.
_EXPLAINS = {"sdk-return-type-changed": ("response-media-type", "response-body")}


@dataclass(frozen=True)
class Line:
    text: Safe
    details: tuple[Safe, ...]


@dataclass(frozen=True)
class Group:
    title: Safe
    lines: tuple[Line, ...]


_Key = tuple[str, Severity, str]  # group, severity, what the line is about
# SDK changes that come in series, said once per method or model: (pattern, line with {names})
_SERIES = {
    "sdk-argument-added-optional": (
        re.compile(r"^(?P<subject>\S+\(\)) takes a new optional argument (?P<name>\w+)$"),
        "{subject} takes {a new optional argument|new optional arguments} {names}",
    ),
    "sdk-field-added": (
        re.compile(r"^(?P<subject>\w+)\.(?P<name>\w+) was added$"),
        "{subject} has {a new field|new fields} {names}",
    ),
    "sdk-model-added": (
        re.compile(r"^model (?P<name>\S+) was added$"),
        "{a new model|new models}: {names}",
    ),
}
_NUMBER = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


@dataclass
class _Entry:
    group: str
    severity: Severity
    text: str
    names: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def stored(self) -> str:
        names = ", ".join(f"`{name}`" if name else "" for name in self.names)
        text = _NUMBER.sub(lambda m: m.group(1 if len(self.names) == 1 else 2), self.text)
        head = f"{_LABELS[self.severity]}: {text.replace('{names}', names)}"
        return "\n".join(_one_line(part) for part in (self.group, head, *self.details))


def entries(report: DiffReport) -> tuple[str, ...]:
    """The changelog entry of `report`: one string per line, in the order it is printed."""
    listed = [c for c in report.changes if c.severity in _LABELS]
    sdk = [c for c in listed if c.level == "sdk"]
    folded = _fold([c for c in listed if c.level == "wire"], sdk)
    found: dict[_Key, _Entry] = {}
    for change in sdk:
        entry = _sdk_entry(found, _group(report, change), change)
        entry.details += [_wire_text(w) for w in folded.get(id(change), [])]
    for change in folded.get(0, []):  # wire changes no SDK change explains: one line a kind
        key = (_group(report, change), change.severity, change.rule + change.message)
        entry = found.setdefault(key, _Entry(*key[:2], "{names}: " + change.message))
        entry.names.append(change.operation or "")
    ordered = sorted(
        found.values(),
        key=lambda e: (
            _group_order(e.group),
            e.severity != "breaking",
            not e.text.startswith(f"`{e.group}` "),  # the resource itself before its methods
            e.text,
            e.names,
        ),
    )
    return tuple(entry.stored() for entry in ordered)


def _sdk_entry(found: dict[_Key, _Entry], group: str, change: Change) -> _Entry:
    series = _SERIES.get(change.rule)
    match = series[0].match(change.message) if series else None
    if series is None or match is None:
        key = (group, change.severity, change.message)
        return found.setdefault(key, _Entry(group, change.severity, _code(change.message)))
    subject = match.groupdict().get("subject") or ""
    text = series[1].replace("{subject}", f"`{subject}`" if subject else "")
    entry = found.setdefault((group, change.severity, text), _Entry(group, change.severity, text))
    entry.names.append(match.group("name"))
    return entry


def groups(stored: Sequence[str]) -> list[Group]:
    """Stored entry lines as the template prints them, each part escaped for Markdown."""
    found: dict[str, list[Line]] = {}
    for entry in stored:
        parts = entry.split("\n")
        title, line, details = (
            ("", parts[0], []) if len(parts) == 1 else (parts[0], parts[1], parts[2:])
        )
        found.setdefault(title, []).append(
            Line(markdown_prose(line), tuple(markdown_prose(d) for d in details))
        )
    return [Group(_title(title), tuple(lines)) for title, lines in found.items()]


def plain(entry: str) -> list[str]:
    """A stored entry as lines of plain text for a terminal (`regen --dry-run`)."""
    parts = entry.split("\n")
    if len(parts) == 1:
        return [f"- {parts[0]}"]
    group, line, *details = parts
    return [f"- {group}: {line}", *(f"    {detail}" for detail in details)]


def _title(group: str) -> Safe:
    return (
        Safe("")
        if not group
        else code_span(group)
        if group.startswith("client.")
        else markdown_prose(group)
    )


def _fold(wire: list[Change], sdk: list[Change]) -> dict[int, list[Change]]:
    """Each wire change under the SDK change it explains (by id), or unfolded (under 0)."""
    folded: dict[int, list[Change]] = {}
    for change in wire:
        parent = _parent(change, sdk)
        folded.setdefault(id(parent) if parent is not None else 0, []).append(change)
    return folded


def _parent(wire: Change, sdk: list[Change]) -> Change | None:
    """The SDK change whose place contains this wire change's, about the same name if several."""
    around = [s for s in sdk if s.pointer and wire.pointer.startswith(s.pointer)]
    if not around:
        return None
    subject = _subject(wire)
    named = [s for s in around if subject and subject in _names(s.message)]
    if named:
        return max(named, key=lambda s: len(s.pointer))
    related = [
        s
        for s in around
        if s.pointer == wire.pointer or wire.rule.startswith(_EXPLAINS.get(s.rule, ()))
    ]
    return related[0] if len(related) == 1 else None


def _subject(wire: Change) -> str:
    """The snake_case name a wire change is about: `personaConfig.brainType` -> `brain_type`."""
    names = _WIRE_NAME.findall(wire.message)
    if not names:
        return ""
    leaf = re.split(r"[.\[\]]+", names[0].strip("[]."))[-1]
    return snake_case(leaf)


def _names(message: str) -> set[str]:
    return {snake_case(word) for word in re.findall(r"[A-Za-z_]\w*", message)}


def _code(message: str) -> str:
    """An SDK rule's message with the names in it marked as code."""
    spans: list[tuple[int, int]] = []
    for pattern in (_CALL, *_SDK_CODE):
        for match in pattern.finditer(message):
            if match.group().strip() and not any(
                a < match.end() and match.start() < b for a, b in spans
            ):
                spans.append((match.start(), match.end()))
    text, last = "", 0
    for start, end in sorted(spans):
        text += message[last:start] + "`" + message[start:end].replace("`", "'") + "`"
        last = end
    return text + message[last:]


def _wire_text(change: Change) -> str:
    operation = change.operation or ""
    if operation and operation in change.message:  # "operation GET /v1/x was added"
        return "wire: " + change.message.replace(operation, f"`{operation}`")
    where = f"`{operation}`: " if operation else ""
    return f"wire: {where}{change.message}"


def _group(report: DiffReport, change: Change) -> str:
    if change.operation:
        resource = report.resources.get(change.operation)
        return f"client.{resource}" if resource else API
    call = _CALL.search(change.message) or re.match(r"client\.\w+", change.message)
    if change.rule.startswith("sdk-resource") and call:
        return call.group()
    return MODELS if change.rule.startswith(("sdk-model", "sdk-field")) else API


def _group_order(group: str) -> tuple[int, str]:
    return (1 if group == MODELS else 2 if group == API else 0, group)


def _one_line(text: str) -> str:
    return " ".join(text.split())
