from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config


def _field_names(properties: dict[str, Any]) -> dict[str, str]:
    board = {"type": "object", "properties": properties}
    operation = {
        "operationId": "addBoard",
        "requestBody": {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Board"}}}
        },
        "responses": {"204": {"description": "ok"}},
    }
    document = {
        "openapi": "3.0.0",
        "info": {"title": "Boards", "version": "1"},
        "paths": {"/boards": {"post": operation}},
        "components": {"schemas": {"Board": board}},
    }
    api = analyze(document, default_config("Boards", "spec.yaml"), file="spec.yaml")
    return api.models.field_names["Board"]


def test_the_wire_name_nearest_the_python_name_keeps_it_whatever_comes_first() -> None:
    """Trello's boards: `prefs_background=` must send `prefs_background`, not the
    `prefs/background` listed before it."""
    text = {"type": "string"}
    names = _field_names(
        {
            "prefs/background": text,
            "prefs/cardAging": text,
            "prefs-cardAging": text,
            "prefs_background": text,
            "prefs_cardAging": text,
            "labelNames/blue": text,
        }
    )
    assert names == {
        "prefs/background": "prefs_background_2",
        "prefs/cardAging": "prefs_card_aging_2",
        "prefs-cardAging": "prefs_card_aging_3",
        "prefs_background": "prefs_background",
        "prefs_cardAging": "prefs_card_aging",
        "labelNames/blue": "label_names_blue",
    }


def test_between_equals_the_first_keeps_the_name() -> None:
    text = {"type": "string"}
    names = _field_names({"b-x": text, "b/x": text, "fooBar": text, "foo_bar2": text})
    assert names == {"b-x": "b_x", "b/x": "b_x_2", "fooBar": "foo_bar", "foo_bar2": "foo_bar2"}


def test_a_name_pydantic_does_not_define_is_kept() -> None:
    """Typesense's collections: `create(fields=[...])` and `collection.fields`, as the API and its
    docs spell them; pydantic 2 has no `fields` attribute, so there is nothing to shadow."""
    text = {"type": "string"}
    names = _field_names({"fields": text, "json": text, "model_dump": text})
    assert names == {"fields": "fields", "json": "json_", "model_dump": "model_dump_"}
