from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.naming import Namer, class_name, pascal_case, python_name, singular, snake_case


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("avatarId", "avatar_id"),
        ("perPage", "per_page"),
        ("LLMs", "llms"),
        ("getLLMs", "get_llms"),
        ("HTTPValidationError", "http_validation_error"),
        ("ANAM_GPT_4O_MINI_V1", "anam_gpt_4o_mini_v1"),
        ("x-request-id", "x_request_id"),
        ("share links", "share_links"),
        ("größe", "grosse"),
    ],
)
def test_snake_case_splits_words_as_people_read_them(wire: str, expected: str) -> None:
    assert snake_case(wire) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("share links", "ShareLinks"),
        ("session-token", "SessionToken"),
        ("LLM", "LLM"),
        ("personaConfig", "PersonaConfig"),
        ("HTTPValidationError", "HTTPValidationError"),
    ],
)
def test_pascal_case_keeps_acronyms(text: str, expected: str) -> None:
    assert pascal_case(text) == expected


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("class", "class_"),
        ("from", "from_"),
        ("1abc", "field_1abc"),
        ("", "field"),
        ("schema", "schema_"),
        ("名前", "u540d_u524d"),
        ("match", "match"),  # soft keywords are valid names, on every Python version alike
        ("type", "type"),
    ],
)
def test_python_name_fixes_what_cannot_be_an_identifier(wire: str, expected: str) -> None:
    assert python_name(wire, reserved=frozenset({"schema"})) == expected


def test_long_names_are_bounded_and_stay_unique() -> None:
    first, second = python_name("a" * 300), python_name("a" * 299 + "b")
    assert len(first) <= 60 and len(second) <= 60 and first != second
    assert python_name("a" * 300) == first


@given(st.text(max_size=30))
def test_python_name_is_always_a_plain_identifier(wire: str) -> None:
    name = python_name(wire)
    assert name.isidentifier() and name.isascii()
    assert not keyword.iskeyword(name)
    assert python_name(wire) == name  # deterministic


@given(st.text(max_size=30))
def test_class_name_is_always_a_capitalised_identifier(text: str) -> None:
    name = class_name(text)
    assert name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


def test_class_name_avoids_reserved_and_builtins() -> None:
    assert class_name("Field", reserved=frozenset({"Field"})) == "FieldModel"
    assert class_name("str") == "Str"  # capitalised, so it no longer shadows the builtin
    assert class_name("Exception") == "ExceptionModel"
    assert class_name("None") == "NoneModel"


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("Personas", "Persona"),
        ("LLMs", "LLM"),
        ("Policies", "Policy"),
        ("Aliases", "Alias"),
        ("Status", "Status"),
        ("Knowledge", "Knowledge"),
        ("Boxes", "Box"),
    ],
)
def test_singular(plural: str, expected: str) -> None:
    assert singular(plural) == expected


def test_namer_suffixes_repeats_in_claim_order() -> None:
    namer = Namer({"taken"})
    assert [namer.claim(n) for n in ("taken", "name", "name", "Model", "Model")] == [
        "taken_2",
        "name",
        "name_2",
        "Model",
        "Model2",
    ]
