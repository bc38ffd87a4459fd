"""The Stripe-shaped spec the benchmark times: the size the goals name, Stripe's constructs,
and the same bytes every time."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from bench.stripe_shaped import OPERATIONS, describe, figures, stripe_spec, write_stripe_shaped


def test_it_has_the_size_the_goal_names_and_is_deterministic(tmp_path: Path) -> None:
    path = write_stripe_shaped(tmp_path / "spec.yaml")
    text = path.read_text("utf-8")
    assert 4_800_000 < len(text.encode()) < 6_000_000
    assert "&id" not in text and "*id" not in text  # no YAML aliases, as the real spec has none
    document = yaml.safe_load(text)
    operations, schemas = figures(document)
    assert operations == OPERATIONS == 468
    assert schemas >= 1200
    assert document == stripe_spec()
    assert "468 operations" in describe(path)


def test_it_uses_stripes_constructs() -> None:
    document = stripe_spec()
    text = json.dumps(document)
    for construct in (
        '"x-expandableFields"',
        '"x-expansionResources"',
        '"x-stripeOperations"',
        '"x-stripeResource"',
        '"style": "deepObject"',
        '"application/x-www-form-urlencoded"',
        '"enum": [""]',
        '"nullable": true',
        '"format": "unix-time"',
        '"has_more"',
    ):
        assert construct in text, construct
    methods = {m for item in document["paths"].values() for m in item}
    assert methods == {"get", "post", "delete"}
    assert not any("tags" in op for item in document["paths"].values() for op in item.values())
