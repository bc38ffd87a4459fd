"""The rule set: every kind of change the diff reports, with one fixed severity and level per id.

Ids follow oasdiff's naming (`api-removed`, `request-property-enum-value-removed`, ...) so people
who know that tool can read ours. Severity is fixed per id, so a CI rule or an ignore list can rely
on it; where the same edit is harmless in one direction and breaking in the other, the direction is
part of the id.

Schema rules are generated: an edit of a schema has an *effect* on the set of values it accepts
(widens, narrows, or neither: incomparable), and that effect breaks clients when it narrows what a
request may hold or widens what a response may return (oasdiff's model, see its NULLABILITY.md).
So `request-property-enum-value-removed` is breaking and `response-property-enum-value-added` is
breaking too: our models spell enums as `Literal`, so a client created with
`strict_response_validation=True` rejects a value it has never seen, and code that matches on the
values misses it. oasdiff rates that ERR (WARN in older releases); we follow it rather than add a
fourth severity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Change, Level, Severity

Direction = Literal["request", "response"]
Effect = Literal["widens", "narrows", "incomparable", "neutral", "docs"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    level: Level
    meaning: str


_SCHEMA_LOCATIONS: dict[str, Direction] = {
    "request-parameter": "request",
    "request-body": "request",
    "request-property": "request",
    "response-body": "response",
    "response-property": "response",
}

# (event, effect on the accepted values, meaning)
_SCHEMA_EVENTS: tuple[tuple[str, Effect, str], ...] = (
    ("type-changed", "incomparable", "the type changed to one that is neither wider nor narrower"),
    ("type-widened", "widens", "the type now allows more (a type added, integer -> number)"),
    ("type-narrowed", "narrows", "the type now allows less (a type dropped, number -> integer)"),
    ("format-added", "narrows", "a `format` was added (e.g. uuid, date-time)"),
    ("format-removed", "widens", "the `format` was removed"),
    ("format-changed", "incomparable", "the `format` changed"),
    ("became-enum", "narrows", "a free value became an enum"),
    ("became-not-enum", "widens", "an enum became a free value"),
    ("enum-value-added", "widens", "enum values were added"),
    ("enum-value-removed", "narrows", "enum values were removed"),
    ("became-nullable", "widens", "null became allowed"),
    ("became-not-nullable", "narrows", "null is no longer allowed"),
    ("constraint-tightened", "narrows", "a bound, pattern or limit got stricter or was added"),
    ("constraint-relaxed", "widens", "a bound, pattern or limit got looser or was removed"),
    ("variant-added", "widens", "a oneOf/anyOf branch was added"),
    ("variant-removed", "narrows", "a oneOf/anyOf branch was removed"),
    ("default-changed", "neutral", "the default value changed"),
    ("deprecated", "neutral", "it was marked deprecated"),
    ("description-changed", "docs", "only its description or title changed"),
)

_EXPLICIT: tuple[tuple[str, Severity, Level, str], ...] = (
    # document
    ("info-changed", "docs", "wire", "title, description, version or contact of the API changed"),
    ("server-added", "non-breaking", "wire", "a server URL was added"),
    ("server-removed", "breaking", "wire", "a server URL was removed (the base URL may move)"),
    ("security-scheme-added", "non-breaking", "wire", "a security scheme was defined"),
    ("security-scheme-removed", "non-breaking", "wire", "a security scheme definition was removed"),
    ("security-scheme-changed", "breaking", "wire", "how credentials are sent changed"),
    ("api-global-security-added", "non-breaking", "wire", "a global security option was added"),
    ("api-global-security-removed", "breaking", "wire", "a global security option was removed"),
    ("api-global-security-scope-added", "breaking", "wire", "a global security scope required"),
    (
        "api-global-security-scope-removed",
        "non-breaking",
        "wire",
        "a global scope is no longer required",
    ),
    # operations
    ("api-added", "non-breaking", "wire", "an operation was added"),
    ("api-removed", "breaking", "wire", "an operation was removed"),
    ("api-deprecated", "non-breaking", "wire", "an operation was marked deprecated"),
    ("api-reactivated", "non-breaking", "wire", "an operation is no longer deprecated"),
    ("api-operation-id-changed", "docs", "wire", "the operationId changed (see sdk-method-*)"),
    ("api-tag-added", "docs", "wire", "a tag was added to an operation (see sdk-method-moved)"),
    ("api-tag-removed", "docs", "wire", "a tag was removed from an operation"),
    ("api-summary-changed", "docs", "wire", "an operation's summary changed"),
    ("api-description-changed", "docs", "wire", "an operation's description changed"),
    ("api-security-added", "non-breaking", "wire", "an operation accepts another security option"),
    (
        "api-security-removed",
        "breaking",
        "wire",
        "a security option (or anonymous access) was removed",
    ),
    ("api-security-scope-added", "breaking", "wire", "an operation requires another scope"),
    ("api-security-scope-removed", "non-breaking", "wire", "an operation requires fewer scopes"),
    ("request-parameter-added-required", "breaking", "wire", "a required parameter was added"),
    ("request-parameter-added-optional", "non-breaking", "wire", "an optional parameter was added"),
    ("request-parameter-removed", "breaking", "wire", "a parameter was removed"),
    ("request-parameter-became-required", "breaking", "wire", "a parameter became required"),
    ("request-parameter-became-optional", "non-breaking", "wire", "a parameter became optional"),
    ("request-body-added-required", "breaking", "wire", "a required request body was added"),
    ("request-body-added-optional", "non-breaking", "wire", "an optional request body was added"),
    ("request-body-removed", "breaking", "wire", "the request body was removed"),
    ("request-body-became-required", "breaking", "wire", "the request body became required"),
    ("request-body-became-optional", "non-breaking", "wire", "the request body became optional"),
    ("request-body-media-type-added", "non-breaking", "wire", "a request media type was added"),
    ("request-body-media-type-removed", "breaking", "wire", "a request media type was removed"),
    (
        "request-property-added-required",
        "breaking",
        "wire",
        "a required request property was added",
    ),
    (
        "request-property-added-optional",
        "non-breaking",
        "wire",
        "an optional request property was added",
    ),
    ("request-property-removed", "breaking", "wire", "a request property was removed"),
    ("request-property-became-required", "breaking", "wire", "a request property became required"),
    (
        "request-property-became-optional",
        "non-breaking",
        "wire",
        "a request property became optional",
    ),
    ("response-property-added", "non-breaking", "wire", "a response property was added"),
    ("response-property-removed", "breaking", "wire", "a response property was removed"),
    ("response-property-became-optional", "breaking", "wire", "a response property may be absent"),
    (
        "response-property-became-required",
        "non-breaking",
        "wire",
        "a response property is now always present",
    ),
    ("response-success-status-added", "non-breaking", "wire", "a 2xx response was added"),
    ("response-success-status-removed", "breaking", "wire", "a 2xx response was removed"),
    ("response-non-success-status-added", "non-breaking", "wire", "an error response was added"),
    (
        "response-non-success-status-removed",
        "non-breaking",
        "wire",
        "an error response was removed",
    ),
    ("response-media-type-added", "non-breaking", "wire", "a response media type was added"),
    ("response-media-type-removed", "breaking", "wire", "a response media type was removed"),
    ("response-description-changed", "docs", "wire", "a response's description changed"),
    # the generated package
    ("sdk-package-renamed", "breaking", "sdk", "the import package or client class was renamed"),
    ("sdk-resource-added", "non-breaking", "sdk", "a resource (client.<name>) was added"),
    ("sdk-resource-removed", "breaking", "sdk", "a resource (client.<name>) was removed"),
    ("sdk-method-added", "non-breaking", "sdk", "a method was added"),
    ("sdk-method-removed", "breaking", "sdk", "a method was removed"),
    ("sdk-method-renamed", "breaking", "sdk", "a method was renamed (operationId changed)"),
    ("sdk-method-moved", "breaking", "sdk", "a method moved to another resource (tags changed)"),
    ("sdk-argument-added-required", "breaking", "sdk", "a method needs a new argument"),
    (
        "sdk-argument-added-optional",
        "non-breaking",
        "sdk",
        "a method takes a new optional argument",
    ),
    ("sdk-argument-removed", "breaking", "sdk", "a keyword argument was removed"),
    ("sdk-argument-renamed", "breaking", "sdk", "a keyword argument was renamed"),
    ("sdk-argument-became-required", "breaking", "sdk", "an argument became required"),
    ("sdk-argument-became-optional", "non-breaking", "sdk", "an argument became optional"),
    (
        "sdk-argument-type-changed",
        "breaking",
        "sdk",
        "an argument's annotation no longer accepts everything it did (e.g. str -> Literal)",
    ),
    (
        "sdk-argument-type-widened",
        "non-breaking",
        "sdk",
        "an argument accepts more types (e.g. str -> str | UUID)",
    ),
    ("sdk-positional-arguments-reordered", "breaking", "sdk", "path arguments changed order"),
    ("sdk-return-type-changed", "breaking", "sdk", "a method returns another type"),
    ("sdk-return-type-narrowed", "non-breaking", "sdk", "a method returns fewer types"),
    ("sdk-model-added", "non-breaking", "sdk", "a model class was added"),
    ("sdk-model-removed", "breaking", "sdk", "a model class was removed"),
    (
        "sdk-model-renamed",
        "breaking",
        "sdk",
        "a model class was renamed or replaced by a component",
    ),
    ("sdk-field-added", "non-breaking", "sdk", "a model field was added"),
    ("sdk-field-added-required", "breaking", "sdk", "a required field added to a request model"),
    ("sdk-field-removed", "breaking", "sdk", "a model field was removed"),
    ("sdk-field-renamed", "breaking", "sdk", "a model field's Python name changed"),
    (
        "sdk-field-type-changed",
        "breaking",
        "sdk",
        "a field's type changed the way its users "
        "break: gained members in a response model (enum value, None), lost members in a request "
        "model, or moved sideways (str -> datetime)",
    ),
    ("sdk-field-type-widened", "non-breaking", "sdk", "a request model field accepts more"),
    ("sdk-field-type-narrowed", "non-breaking", "sdk", "a response model field returns less"),
    ("sdk-field-became-optional", "breaking", "sdk", "a field read from responses may be None"),
    ("sdk-field-became-required", "breaking", "sdk", "a field of a request model must be given"),
    (
        "sdk-field-became-optional-in-request",
        "non-breaking",
        "sdk",
        "a request-only model field became optional",
    ),
    (
        "sdk-field-became-required-in-response",
        "non-breaking",
        "sdk",
        "a response-only model field is now always set",
    ),
    (
        "sdk-alias-type-changed",
        "breaking",
        "sdk",
        "a type alias (enum, union) changed the way its users break (as sdk-field-type-changed)",
    ),
    ("sdk-alias-type-widened", "non-breaking", "sdk", "a request-only type alias grew"),
    ("sdk-alias-type-narrowed", "non-breaking", "sdk", "a response-only type alias shrank"),
)


def _schema_severity(direction: Direction, effect: Effect) -> Severity:
    if effect == "docs":
        return "docs"
    breaks = {"request": ("narrows", "incomparable"), "response": ("widens", "incomparable")}
    return "breaking" if effect in breaks[direction] else "non-breaking"


def _build() -> dict[str, Rule]:
    rules = {
        rule_id: Rule(rule_id, severity, level, meaning)
        for rule_id, severity, level, meaning in _EXPLICIT
    }
    for location, direction in _SCHEMA_LOCATIONS.items():
        for event, effect, meaning in _SCHEMA_EVENTS:
            rule_id = f"{location}-{event}"
            meaning = f"{location.replace('-', ' ')}: {meaning}"
            rules[rule_id] = Rule(rule_id, _schema_severity(direction, effect), "wire", meaning)
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _build()


def change(rule_id: str, operation: str | None, pointer: str, message: str) -> Change:
    """A change under rule `rule_id`, with that rule's severity and level."""
    rule = RULES[rule_id]
    return Change(rule.id, rule.severity, rule.level, operation, pointer, message)
