"""Numbers listed in the `enum` of a string schema are read as their text (Zoom's `login_type`:
`type: string`, `enum: [0, 1, 99]`), so the client takes and sends `"1"`, never `1`."""

from __future__ import annotations

from typing import Any

from generator.normalize import normalize


def _normalized(**schemas: Any) -> tuple[dict[str, Any], list[str]]:
    document = {"openapi": "3.0.3", "components": {"schemas": schemas}}
    normalized, problems = normalize(document, "spec.json")
    warnings = [str(problem) for problem in problems if problem.level == "warning"]
    return normalized["components"]["schemas"], warnings


def test_numbers_in_a_string_enum_become_their_text_with_a_warning() -> None:
    schemas, warnings = _normalized(
        Login={"type": "string", "enum": [0, 1, 99, "sso"]},
        Ratio={"type": "string", "enum": [1.5]},
        Maybe={"type": "string", "enum": [1, 2], "nullable": True},
    )
    assert schemas["Login"] == {"type": "string", "enum": ["0", "1", "99", "sso"]}
    assert schemas["Ratio"]["enum"] == ["1.5"]
    assert schemas["Maybe"] == {"type": ["string", "null"], "enum": ["1", "2", None]}
    assert sorted(warnings) == [
        f"spec.json#/components/schemas/{name}/enum: warning: `enum` of numbers on a string "
        "schema; read as their text (fix: quote the enum's values)"
        for name in sorted(("Login", "Maybe", "Ratio"))
    ]


def test_enums_a_number_may_satisfy_or_of_text_alone_are_kept() -> None:
    mixed = {"type": ["string", "integer"], "enum": [1, "one"]}
    untyped = {"enum": [1, "one"]}
    numbers = {"type": "integer", "enum": [1, 2]}
    text = {"type": "string", "enum": ["1", "2"]}
    flags = {"type": "string", "enum": [True, "auto"]}
    schemas, warnings = _normalized(
        Mixed=mixed, Untyped=untyped, Numbers=numbers, Text=text, Flags=flags
    )
    assert schemas == {
        "Mixed": mixed,
        "Untyped": untyped,
        "Numbers": numbers,
        "Text": text,
        "Flags": flags,
    }
    assert warnings == []
