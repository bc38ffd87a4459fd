"""A big model set made in parts gives the package one run over it would."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

from generator import model_groups, models_child
from generator.ir import ModelSet
from generator.model_groups import join_modules, partition
from generator.model_source import ModelsRequest, model_source
from generator.models import check_models, models_request
from generator.models_child import BIG_SPEC_BYTES, ModelsChild
from generator.refs import refs_in
from generator.split import ModelsPart, cut_part, split_models


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(**properties: object) -> dict[str, object]:
    return {"type": "object", "properties": properties}


# Three groups: a cycle with a union and a list (Node, Edge, Leaf), a pair (Order, Line), and a
# class on its own that uses imports the others do not (Stamp: a date-time, a literal).
SCHEMAS: dict[str, dict[str, Any]] = {
    "Edge": _object(to=_ref("Node"), weight={"type": "number"}),
    "Leaf": _object(value={"type": "string", "maxLength": 5}),
    "Line": _object(sku={"type": "string"}, quantity={"type": "integer"}),
    "Node": _object(
        edges={"type": "array", "items": _ref("Edge")},
        payload={"anyOf": [_ref("Leaf"), {"type": "string"}]},
    ),
    "Order": {
        **_object(lines={"type": "array", "items": _ref("Line")}, note={"type": "string"}),
        "required": ["lines"],
    },
    "Stamp": _object(at={"type": "string", "format": "date-time"}, kind={"enum": ["a", "b"]}),
}
MODELS = ModelSet(
    SCHEMAS, {name: {wire: wire for wire in s["properties"]} for name, s in SCHEMAS.items()}, {}
)
REQUEST = models_request(MODELS, "pkg", "spec.yaml")

# Groups tied only by what they use: an amount (and the currency it names) that an invoice and a
# refund both carry, and a discriminated union, whose members get its tags, of two kinds of
# payment, one of which an account also names.
SHARING: dict[str, dict[str, Any]] = {
    "Currency": {"type": "string", "enum": ["eur", "Refund"]},  # a value spelling a class
    "Money": _object(amount={"type": "integer"}, currency=_ref("Currency")),
    "Invoice": _object(total=_ref("Money"), number={"type": "string"}),
    "Refund": _object(amount=_ref("Money"), reason={"type": "string", "description": "Invoice"}),
    "Card": {**_object(kind={"type": "string"}, last4={"type": "string"}), "required": ["kind"]},
    "Bank": {**_object(kind={"type": "string"}, iban={"type": "string"}), "required": ["kind"]},
    "Payment": {
        "oneOf": [_ref("Card"), _ref("Bank")],
        "discriminator": {"propertyName": "kind", "mapping": {"card": _ref("Card")["$ref"]}},
    },
    "Charge": _object(payment=_ref("Payment"), note={"type": "string"}),
    "Customer": _object(address=_ref("Address"), balance=_ref("Money")),
    "Address": _object(line={"type": "string"}),
    "Account": _object(card=_ref("Card"), balance=_ref("Money")),
}
SHARING["Payment"]["discriminator"]["mapping"]["bank"] = _ref("Bank")["$ref"]
SHARING_MODELS = ModelSet(
    SHARING,
    {name: {wire: wire for wire in s.get("properties", {})} for name, s in SHARING.items()},
    {},
)
SHARING_REQUEST = models_request(SHARING_MODELS, "pkg", "spec.yaml")


def test_groups_that_refer_to_one_another_stay_in_one_part() -> None:
    parts = partition(REQUEST, 2).parts
    assert [sorted(part.schemas) for part in parts] == [
        ["Edge", "Leaf", "Node"],
        ["Line", "Order", "Stamp"],
    ]
    assert partition(REQUEST, 1).parts == [REQUEST]
    single = models_request(ModelSet({"A": _object(b=_ref("B")), "B": _object()}, {}, {}), "p", "")
    assert partition(single, 2).parts == [single]


def test_a_group_of_a_big_share_of_the_classes_is_a_part_alone_that_leads() -> None:
    chain = {f"N{i}": _object(next=_ref(f"N{i + 1}")) for i in range(3)} | {"N3": _object()}
    singles = {f"S{i}": _object() for i in range(5)}
    split = partition(models_request(ModelSet(chain | singles, {}, {}), "pkg", ""), 2)
    assert split.leading  # four of nine classes in one group
    assert [sorted(part.schemas) for part in split.parts] == [sorted(chain), sorted(singles)]

    request = models_request(ModelSet(singles, {}, {}), "pkg", "")
    assert not partition(request, 2).leading  # five groups of one: the parts are alike


def test_a_class_that_groups_share_is_made_by_one_part_and_borrowed_by_the_others() -> None:
    parts = partition(SHARING_REQUEST, 2).parts
    made = [set(part.schemas) - part.borrowed for part in parts]

    assert len(parts) == 2
    assert sorted(name for names in made for name in names) == sorted(SHARING)  # each once
    assert all("Money" in part.schemas for part in parts)
    for part in parts:  # a part has every class its own refer to
        for schema in part.schemas.values():
            assert {ref.rsplit("/", 1)[1] for ref in refs_in(schema)} <= set(part.schemas)


def test_a_class_borrowed_for_its_name_alone_is_a_stub_one_that_shapes_code_is_whole() -> None:
    """`Money` only names a field type of `Invoice`: a class without fields stands in for it,
    and the `Currency` it uses is not needed. A base (`allOf`), an enum, a union and a nullable
    class shape the code of those using them, as does a reference with keywords beside it, so
    they come whole, with what they need."""
    schemas: dict[str, Any] = {
        "Currency": {"type": "string", "enum": ["eur"]},
        "Money": _object(amount={"type": "integer"}, currency=_ref("Currency")),
        "Named": _object(name={"type": "string"}, money=_ref("Money")),
        "Maybe": {**_object(note={"type": "string"}, money=_ref("Money")), "nullable": True},
        "Either": {"anyOf": [_ref("Money"), {"type": "string"}]},
        "Invoice": {
            "allOf": [_ref("Named"), _object(total=_ref("Money"), kind=_ref("Currency"))],
        },
        "Holder": _object(maybe=_ref("Maybe"), either=_ref("Either")),
        "Tagged": _object(money={**_ref("Money"), "nullable": True}),
    }
    request = models_request(ModelSet(schemas, {}, {}), "pkg", "")
    graph = model_groups._Graph(request.schemas)

    def part(*made: str) -> ModelsRequest:
        return model_groups._subset(request, graph, set(made))

    stub = {"type": "object"}
    invoice = part("Invoice")
    assert invoice.schemas["Named"] == schemas["Named"]  # a base: whole
    assert invoice.schemas["Currency"] == schemas["Currency"]  # an enum: whole
    assert invoice.schemas["Money"] == stub
    assert invoice.borrowed == {"Named", "Currency", "Money"}
    holder = part("Holder")
    assert holder.schemas["Maybe"] == schemas["Maybe"]
    assert holder.schemas["Either"] == schemas["Either"]
    assert holder.schemas["Money"] == stub
    assert "Currency" not in holder.schemas
    assert part("Tagged").schemas["Money"] == schemas["Money"]  # more than a name: whole


def test_the_members_of_a_discriminated_union_are_made_where_the_union_is() -> None:
    tagged = {name: SHARING[name] for name in ("Payment", "Card", "Bank")}
    # a class naming one member, and others to fill the second part less than the first
    others = {"Wallet": _object(card=_ref("Card"))} | {f"Other{i}": _object() for i in range(5)}
    request = models_request(ModelSet(tagged | others, {}, {}), "pkg", "")
    made = [set(part.schemas) - part.borrowed for part in partition(request, 2).parts]

    assert any({"Payment", "Card", "Bank"} <= names for names in made)


def test_sharing_that_would_not_shrink_the_biggest_part_is_not_done() -> None:
    """Placed unit by unit, `Quote` would borrow what `Receipt` uses; cut by group, the parts
    are no bigger and make each class once."""
    schemas = {
        "A1": _object(a=_ref("A2")),
        "B1": _object(b=_ref("B2")),
        "Receipt": _object(line=_ref("Item")),
        "Quote": _object(line=_ref("Item")),
        "A2": _object(a=_ref("A3")),
        "B2": _object(b=_ref("B3")),
        "Item": _object(price=_ref("Price")),
        "A3": _object(),
        "B3": _object(),
        "Price": _object(),
    }
    parts = partition(models_request(ModelSet(schemas, {}, {}), "pkg", ""), 2).parts

    assert [sorted(part.schemas) for part in parts] == [
        ["Item", "Price", "Quote", "Receipt"],
        ["A1", "A2", "A3", "B1", "B2", "B3"],
    ]
    assert all(not part.borrowed for part in parts)


def test_sets_too_costly_to_share_are_cut_into_groups_that_share_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(model_groups, "_NEEDS_PER_CLASS", 1)
    parts = partition(SHARING_REQUEST, 2).parts

    assert all(not part.borrowed for part in parts)
    assert sorted(name for part in parts for name in part.schemas) == sorted(SHARING)


def test_a_class_that_refers_into_a_leading_web_is_made_with_it_not_borrowing_it() -> None:
    web = {f"W{i}": _object(next=_ref(f"W{(i + 1) % 4}")) for i in range(4)}
    others = {"Viewer": _object(seen=_ref("W0"))} | {f"S{i}": _object() for i in range(4)}
    split = partition(models_request(ModelSet(web | others, {}, {}), "pkg", ""), 2)

    assert split.leading
    assert sorted(split.parts[0].schemas) == sorted([*web, "Viewer"])
    assert not split.parts[1].borrowed


def test_each_part_keeps_the_aliases_of_its_own_classes() -> None:
    request = models_request(
        ModelSet(SCHEMAS, {"Leaf": {"value": "value_"}, "Line": {"sku": "sku_"}}, {}), "pkg", ""
    )
    assert [part.aliases for part in partition(request, 2).parts] == [
        {"Leaf.value": "value_"},
        {"Line.sku": "sku_"},
    ]


@pytest.mark.parametrize(
    ("request_", "models"),
    [(REQUEST, MODELS), (SHARING_REQUEST, SHARING_MODELS)],
    ids=["apart", "sharing"],
)
def test_parts_joined_or_split_apart_make_the_same_package_as_one_run(
    tmp_path: Path, request_: ModelsRequest, models: ModelSet
) -> None:
    whole = model_source(request_)
    joined = join_modules([model_source(part) for part in partition(request_, 2).parts])
    check_models(joined, models, "pkg")
    parts = [_cut(model_source(part)) for part in partition(request_, 2).parts]
    whole_modules = split_models([_cut(whole)], package="pkg").modules
    joined_modules = split_models([_cut(joined)], package="pkg").modules
    parted_modules = split_models(parts, package="pkg").modules
    formatted = _formatted(whole_modules, tmp_path / "whole")
    assert _formatted(joined_modules, tmp_path / "joined") == formatted
    assert _formatted(parted_modules, tmp_path / "parted") == formatted


def _cut(source: str) -> ModelsPart:
    return cut_part(source, ast.parse(source))


def _formatted(modules: dict[str, str], folder: Path) -> dict[str, str]:
    """The modules as a package has them: after ruff's import fixes and formatting."""
    folder.mkdir()
    for name, source in modules.items():
        (folder / f"{name}.py").write_text(source, "utf-8")
    common = ["--isolated", "--no-cache", "--target-version", "py310", "--line-length", "100"]
    ruff = find_ruff_bin()
    fix = [ruff, "check", *common, "--select", "F401,I", "--fix", "--exit-zero", str(folder)]
    subprocess.run(fix, check=True, capture_output=True)
    subprocess.run([ruff, "format", *common, str(folder)], check=True, capture_output=True)
    return {path.name: path.read_text("utf-8") for path in sorted(folder.iterdir())}


def test_a_second_child_started_for_a_big_spec_is_let_go_when_the_set_is_small() -> None:
    child = ModelsChild()
    child.expect(BIG_SPEC_BYTES)
    spare = child._workers[-1]
    child.submit(REQUEST)  # six classes: one part, one child
    assert list(child.made("spec.yaml")) == [(0, model_source(REQUEST))]
    assert spare._process.returncode is not None  # stopped, not left running


def test_both_children_started_for_a_big_spec_make_the_parts_of_a_big_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(models_child, "SPLIT_AT", 2)
    monkeypatch.setattr(models_child, "_cores", lambda: 2)
    child = ModelsChild()
    child.expect(BIG_SPEC_BYTES)
    child.expect(BIG_SPEC_BYTES)  # one spare at most
    assert len(child._workers) == 2
    child.submit(REQUEST)
    made = [source for _, source in sorted(child.made("spec.yaml"))]
    assert made == [model_source(part) for part in partition(REQUEST, 2).parts]


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="process priorities are POSIX")
def test_the_children_of_lesser_parts_yield_the_cores_to_the_leading_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(models_child, "SPLIT_AT", 2)
    monkeypatch.setattr(models_child, "_cores", lambda: 2)
    # the children wait for a request that never comes, so they are alive when looked at
    monkeypatch.setattr(models_child._Worker, "submit", lambda worker, part: None)
    child = ModelsChild()
    child.submit(REQUEST)
    try:
        leading, lesser = (os.getpriority(os.PRIO_PROCESS, w._process.pid) for w in child._workers)
    finally:
        child.close()
    assert leading == os.getpriority(os.PRIO_PROCESS, 0)
    assert lesser > leading


def test_a_process_pinned_to_one_core_makes_a_big_set_in_one_child() -> None:
    """Under `taskset -c 0` a second child would only compete with the first for the core."""
    script = (
        "import os; from generator import models_child as m; "
        "os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
        "c = m.ModelsChild(); c.expect(m.BIG_SPEC_BYTES); print(len(c._workers)); c.close()"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "1"
