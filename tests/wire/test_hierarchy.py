"""Class hierarchies whose discriminator sits on the base schema, read from a real server.

``fixtures/hierarchy/openapi.yaml`` holds the shapes Java and .NET frameworks publish: the base
listing its subclasses in `oneOf` (Springdoc/Jackson), a mapping without `oneOf` (NSwag), and
neither, the tags being the class names (Springdoc's default). Each reply must come back as the
subclass its tag names, which is still an instance of the base.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.fault_server import FaultServer, Reply


@pytest.fixture
def hierarchy(server: FaultServer) -> Iterator[Any]:
    from sdkhierarchy import Hierarchy

    with Hierarchy(base_url=server.url + "/api", max_retries=0) as client:
        yield client


def test_a_list_of_the_base_is_read_into_each_items_subclass(
    server: FaultServer, hierarchy: Any
) -> None:
    from sdkhierarchy.types import Cat, Dog, Pet

    server.enqueue(
        Reply.json(
            [
                {"petType": "dog", "name": "Rex", "barks": True},
                {"petType": "cat", "name": "Tom", "lives": 9},
            ]
        )
    )
    dog, cat = hierarchy.pets.list()
    assert isinstance(dog, Dog) and dog.barks is True and dog.name == "Rex"
    assert isinstance(cat, Cat) and cat.lives == 9
    assert isinstance(dog, Pet) and isinstance(cat, Pet)  # the base stays their class


def test_a_subclass_is_sent_whole_and_its_reply_read_by_tag(
    server: FaultServer, hierarchy: Any
) -> None:
    from sdkhierarchy.types import Cat

    server.enqueue(Reply.json({"petType": "cat", "name": "Tom", "lives": 7}))
    stored = hierarchy.pets.add(body=Cat(name="Tom", pet_type="cat", lives=7))
    assert server.requests[0].json() == {"name": "Tom", "petType": "cat", "lives": 7}
    assert isinstance(stored, Cat) and stored.lives == 7


@pytest.mark.parametrize(
    ("tag", "kind", "field"), [("Circle", "radius", 2.5), ("Square", "side", 3.0)]
)
def test_an_nswag_mapping_without_one_of_picks_the_subclass(
    server: FaultServer, hierarchy: Any, tag: str, kind: str, field: float
) -> None:
    import sdkhierarchy.types as types

    server.enqueue(Reply.json({"discriminator": tag, "label": None, kind: field}))
    shape = hierarchy.shapes.get("s1")
    assert type(shape) is getattr(types, tag)
    assert getattr(shape, kind) == field


def test_class_names_are_the_tags_in_lists_and_wrapped_fields(
    server: FaultServer, hierarchy: Any
) -> None:
    from sdkhierarchy.types import Bike, Car

    server.enqueue(
        Reply.json(
            {
                "parked": [{"type": "Car", "doors": 5}, {"type": "Bike", "gears": 21}],
                "favourite": {"type": "Bike", "wheels": 2, "gears": 3},
            }
        )
    )
    garage = hierarchy.garages.get("g1")
    assert [type(vehicle) for vehicle in garage.parked or []] == [Car, Bike]
    assert isinstance(garage.favourite, Bike) and garage.favourite.gears == 3
