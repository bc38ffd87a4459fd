from __future__ import annotations

import keyword
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.config import load_config
from generator.lock import read_lock
from generator.naming import Namer, class_name, pascal_case, python_name, singular, snake_case
from generator.pipeline import generate_package
from generator.regen import regen_api
from tests.conftest import REPO


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
        ("OAuth2Scopes", "oauth2_scopes"),
        ("Xero OAuth 2 Identity", "xero_oauth_2_identity"),
        ("getGraphQLSchema", "get_graphql_schema"),
        ("iOSAppId", "ios_app_id"),
        ("List an Organization's Metric Alert Rules", "list_an_organization_metric_alert_rules"),
        ("Retrieve a Team\u2019s Stats", "retrieve_a_team_stats"),
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
        ("List a Project's Issues", "ListAProjectIssues"),
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


def test_long_names_keep_their_first_and_last_words_not_a_hash() -> None:
    words = "list_service_cone_monitoring_alert_policies_for_all_regions_and_their_owners"
    assert python_name(words) == "list_alert_policies_for_all_regions_and_their_owners"
    assert class_name(words) == "ListConeMonitoringAlertPoliciesForAllRegionsAndTheirOwners"
    assert len(python_name("a" * 300)) <= 60 and python_name("a" * 300) == python_name("a" * 300)


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
        ("Statuses", "Status"),
        ("Buses", "Bus"),
        ("errorCauses", "errorCause"),
        ("Houses", "House"),
        ("uses", "use"),
        ("Biases", "Bias"),
        ("Databases", "Database"),
        ("releases", "release"),
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


def test_generate_and_regen_name_one_spec_identically(upstream: Path, tmp_path: Path) -> None:
    """The names `generate` chooses are the ones `regen` records, with or without a config."""
    api_dir = tmp_path / "specs" / "anam"
    api_dir.mkdir(parents=True)
    for source in [
        REPO / "specs" / "anam" / "config.yaml",
        *(REPO / "specs" / "anam").glob("*.md"),
    ]:
        shutil.copyfile(source, api_dir / source.name)  # the config and the docs pages it names
    spec = api_dir / "swagger.json"
    shutil.copyfile(upstream / "swagger.newer.json", spec)
    regen_api(api_dir, tmp_path / "regen", offline=True, fresh_names=True)
    recorded = read_lock(api_dir / "names.lock.json")
    data = spec.read_bytes()
    for config in (load_config(api_dir / "config.yaml"), None):
        generated = generate_package(data, str(spec), tmp_path / "generate", config, source=spec)
        assert generated.lock == recorded
