"""The corpus and its table agree: every file has exactly one expected outcome, and back."""

from __future__ import annotations

from .corpus import CORPUS, TABLE, Refused, table


def test_every_corpus_file_has_an_expected_outcome() -> None:
    files = {path.name for path in CORPUS.iterdir()} - {TABLE.name}
    assert sorted(files - set(table())) == []


def test_every_table_entry_names_a_file_or_how_to_build_it() -> None:
    missing = [
        name
        for name, case in table().items()
        if not (CORPUS / name).is_file() and not (isinstance(case, Refused) and case.built)
    ]
    assert missing == []


def test_every_case_says_what_it_attacks() -> None:
    assert [name for name, case in table().items() if not case.attack.strip()] == []
