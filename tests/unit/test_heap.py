"""A generation collects cycles less often, and leaves the collector as it found it."""

from __future__ import annotations

import gc

import pytest

from generator.heap import sparse_collections


def test_collections_are_sparser_inside_and_as_before_after() -> None:
    before = gc.get_threshold()
    with sparse_collections():
        inside = gc.get_threshold()
    assert inside[0] >= 10 * before[0] and inside[1:] == before[1:]
    assert gc.get_threshold() == before


def test_the_setting_is_restored_when_the_block_fails() -> None:
    before = gc.get_threshold()

    @sparse_collections()
    def failing() -> None:
        assert gc.get_threshold()[0] > before[0]
        raise RuntimeError("stage failed")

    with pytest.raises(RuntimeError, match="stage failed"):
        failing()
    assert gc.get_threshold() == before
