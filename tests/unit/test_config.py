from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from generator.config import default_config, load_config, parse_config
from generator.config_paths import ConfigPaths, read_config_paths
from generator.errors import ConfigError
from generator.metadata import project_metadata

VALID = {
    "name": "demo",
    "title": "Demo",
    "package": "demo_client",
    "distribution": "demo-client",
    "client_class": "Demo",
    "env_prefix": "DEMO",
    "spec": "openapi.yaml",
}


def test_misspelt_key_suggests_the_intended_one() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({**VALID, "pakage": "x"}, "config.yaml")
    (problem,) = caught.value.problems
    assert (
        str(problem)
        == "config.yaml#/pakage: error: unknown key 'pakage' (fix: did you mean 'package'?)"
    )


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("package", "Bad-Name", "lower-case Python identifier"),
        ("client_class", "demo", "capitalised"),
        ("env_prefix", "demo", "upper-case"),
        ("spec", "../../etc/passwd", "inside the API's folder"),
        ("source_url", "file:///etc/passwd", "http(s) URL"),
        ("distribution", "a b", "distribution"),
        ("idempotency_header", "Idempotency Key", "HTTP header name"),
        # a line break would end the header early and start another
        ("idempotency_header", "Idempotency-Key\n", "HTTP header name"),
    ],
)
def test_invalid_values_are_refused_with_the_key(key: str, value: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({**VALID, key: value}, "config.yaml")
    (problem,) = caught.value.problems
    assert problem.pointer == f"/{key}" and fragment in problem.message


def test_missing_key_says_what_it_is_for() -> None:
    config = dict(VALID)
    del config["env_prefix"]
    with pytest.raises(ConfigError) as caught:
        parse_config(config, "config.yaml")
    assert "missing required key 'env_prefix'" in str(caught.value)
    assert "API_KEY" in str(caught.value)


def test_default_config_derives_names_from_the_title() -> None:
    config = default_config("Anam AI API", "swagger.json")
    assert (config.package, config.distribution, config.client_class, config.env_prefix) == (
        "anam_ai_client",
        "anam-ai-client",
        "AnamAI",
        "ANAM_AI",
    )
    assert default_config("123 !!!", "x.json").package.isidentifier()


def test_default_config_does_not_double_a_client_suffix_in_the_title() -> None:
    config = default_config("Anomaly Detector Client", "AnomalyDetector.json")
    assert (config.package, config.distribution, config.client_class, config.env_prefix) == (
        "anomaly_detector_client",
        "anomaly-detector-client",
        "AnomalyDetector",
        "ANOMALY_DETECTOR",
    )
    assert default_config("Client Portal API", "p.json").package == "client_portal_client"
    # AutoRest's titles are one CamelCase word; a word that merely ends in "client" keeps it.
    camel = default_config("BillingManagementClient", "billing.json")
    assert (camel.package, camel.distribution, camel.client_class) == (
        "billing_management_client",
        "billing-management-client",
        "BillingManagement",
    )
    assert default_config("Webclient", "w.json").package == "webclient_client"


def test_a_possessive_title_names_the_api_not_its_s() -> None:
    for title in ("Acme's API documentation", "Acme\u2019s API"):
        config = default_config(title, "acme.yaml")
        assert (config.package, config.client_class) == ("acme_client", "Acme")


def test_a_brand_in_a_title_stays_one_word_in_the_package_name() -> None:
    names = {
        title: (config.package, config.env_prefix, config.client_class)
        for title in ("PagerDuty API", "GitHub v3 REST API", "OpenAI API", "iCloud Drive")
        for config in [default_config(title, "openapi.json")]
    }
    assert names == {
        "PagerDuty API": ("pagerduty_client", "PAGERDUTY", "PagerDuty"),
        "GitHub v3 REST API": ("github_v3_client", "GITHUB_V3", "GitHubV3"),
        "OpenAI API": ("openai_client", "OPENAI", "OpenAI"),
        "iCloud Drive": ("icloud_drive_client", "ICLOUD_DRIVE", "ICloudDrive"),
    }
    # identifiers are still split into their words: a one-word CamelCase title, a camelCase word
    assert default_config("RedisManagementClient", "r.json").package == "redis_management_client"
    assert default_config("readOnly support", "r.json").package == "read_only_support_client"


def test_a_leading_article_names_nothing() -> None:
    config = default_config("The Plaid API", "plaid.yml")
    assert (config.package, config.client_class) == ("plaid_client", "Plaid")
    assert default_config("Theatre API", "t.json").package == "theatre_client"


def test_a_framework_placeholder_title_gives_way_to_the_spec_file_name() -> None:
    assert default_config("OpenAPI definition", "billing-service.json").package == (
        "billing_service_client"
    )
    assert default_config("FastAPI", "inventory.json").client_class == "Inventory"
    assert default_config("OpenAPI definition", "openapi.json").package == "definition_client"


def test_emoji_and_symbols_in_a_title_name_nothing() -> None:
    config = default_config("\u267e\ufe0f Infinity \u2014 Embedding Server", "openapi.json")
    assert (config.package, config.client_class) == (
        "infinity_embedding_server_client",
        "InfinityEmbeddingServer",
    )
    assert default_config("\u540d\u524d API", "x.json").package == "u540d_u524d_client"


def test_shipped_configs_are_valid(repo: Path) -> None:
    for path in sorted((repo / "specs").glob("*/config.yaml")):
        config = load_config(path)
        assert (path.parent / config.spec).is_file()


def test_the_paths_of_a_config_are_those_its_validation_keeps(repo: Path) -> None:
    for path in sorted((repo / "specs").glob("*/config.yaml")):
        config = load_config(path)
        names = ("name", "spec", "distribution", "source_url", "templates", "docs")
        assert read_config_paths(path) == ConfigPaths(*(getattr(config, n) for n in names))


@pytest.mark.parametrize(
    "change",
    [
        {"spec": "../outside.yaml"},
        {"spec": None},
        {"distribution": "not a name"},
        {"source_url": "ftp://example.com/spec.json"},
        {"templates": ".hidden"},
        {"docs": ["notes.txt"]},
        {"docs": "guide.md"},
    ],
)
def test_a_config_path_its_validation_refuses_has_no_view(
    tmp_path: Path, change: dict[str, object]
) -> None:
    """Then regen validates the whole config, which names the key and the fix."""
    import yaml

    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({**VALID, **change}))
    assert read_config_paths(path) is None
    with pytest.raises(ConfigError):
        load_config(path)
    path.write_text(yaml.safe_dump(VALID))
    assert read_config_paths(path) == ConfigPaths("demo", "openapi.yaml", "demo-client")


def test_package_metadata_is_validated_key_by_key() -> None:
    metadata = {
        "licence": "MIT",
        "license": "MIT OR (",
        "authors": [{"name": "A", "email": "not-an-address"}],
        "classifiers": ["Programming Language :: Python :: 3", "Made :: Up"],
        "urls": {"Homepage": "ftp://example.com"},
    }
    with pytest.raises(ConfigError) as caught:
        parse_config({**VALID, "metadata": metadata}, "config.yaml")
    lines = sorted(str(problem) for problem in caught.value.problems)
    assert lines == [
        "config.yaml#/metadata/authors/0/email: error: must be an e-mail address",
        "config.yaml#/metadata/classifiers/1: error: unknown trove classifier 'Made :: Up' "
        "(see pypi.org/classifiers)",
        "config.yaml#/metadata/licence: error: unknown key 'licence' (fix: did you mean "
        "'license'?)",
        "config.yaml#/metadata/license: error: not an SPDX license expression: Invalid license "
        "expression: 'MIT OR ('",
        "config.yaml#/metadata/urls/Homepage: error: must be an http(s) URL",
    ]


def test_package_metadata_is_normalised() -> None:
    metadata = {
        "license": "mit or apache-2.0",
        "authors": [{"name": "Ada", "email": "ada@example.com"}],
        "classifiers": ["Typing :: Typed"],
        "urls": {"Repository": "https://example.com/repo"},
    }
    config = parse_config({**VALID, "metadata": metadata}, "config.yaml")
    assert config.metadata.license == "MIT OR Apache-2.0"
    assert config.metadata.authors[0].email == "ada@example.com"


def test_package_metadata_renders_as_toml_that_cannot_break_out() -> None:
    metadata = {
        "license": "MIT",
        "authors": [{"name": 'Ada "x" = 1\n[tool.evil]', "email": "ada@example.com"}],
        "keywords": ["voice", "agents"],
        "classifiers": ["Typing :: Typed"],
        "urls": {'Home"page': "https://example.com/"},
    }
    config = parse_config({**VALID, "metadata": {**metadata, "authors": [{"name": "Ada"}]}}, "c")
    text = "[project]\n" + project_metadata(config)
    assert tomllib.loads(text)["project"] == {
        "license": "MIT",
        "authors": [{"name": "Ada"}],
        "keywords": ["voice", "agents"],
        "classifiers": ["Programming Language :: Python :: 3", "Typing :: Typed"],
        "urls": {'Home"page': "https://example.com/"},
    }
    with pytest.raises(ConfigError, match="one line of text"):
        parse_config({**VALID, "metadata": metadata}, "c")
    bare = tomllib.loads("[project]\n" + project_metadata(parse_config(VALID, "c")))
    assert bare["project"] == {
        "classifiers": ["Programming Language :: Python :: 3", "Typing :: Typed"]
    }


@pytest.mark.parametrize("page", ["../outside.md", "/etc/passwd.md", "notes.txt"])
def test_docs_pages_are_markdown_files_beside_the_config(page: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({**VALID, "docs": [page]}, "config.yaml")
    assert "config.yaml#/docs" in str(caught.value) and "Markdown file inside" in str(caught.value)


def test_docs_pages_are_read_beside_the_config_and_must_exist(tmp_path: Path) -> None:
    from generator.docs import read_pages

    (tmp_path / "config.yaml").write_text(
        "name: x\ntitle: X\npackage: x_client\ndistribution: x-client\nclient_class: X\n"
        "env_prefix: X\nspec: openapi.yaml\ndocs: [guide.md]\n"
    )
    config = load_config(tmp_path / "config.yaml")
    assert config.folder == tmp_path and config.model_copy(update={"name": "y"}).folder == tmp_path
    with pytest.raises(ConfigError, match="cannot read docs page"):
        read_pages(tmp_path, config.docs)
    (tmp_path / "guide.md").write_text("# Title\n")
    with pytest.raises(ConfigError, match="level-1 heading"):
        read_pages(tmp_path, config.docs)
    (tmp_path / "guide.md").write_text("## Guide\n\n```python\n# a comment\n```\n")
    assert read_pages(tmp_path, config.docs) == ("## Guide\n\n```python\n# a comment\n```",)


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("style", "pages", "'page', 'offset', 'cursor', 'next_link' or 'link_header'"),
        ("items_field", "result.items", "one property name"),
        ("next_cursor", "meta..next", "names joined by '.'"),
        ("cursor_param", " ", "one line of text"),
    ],
)
def test_pagination_keys_are_refused_with_their_pointer(
    key: str, value: str, fragment: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({**VALID, "pagination": {key: value}}, "config.yaml")
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"config.yaml#/pagination/{key}: error: ")
    assert fragment in str(problem)
