"""A server variable standing for a path (`https://api.ebay.com{basePath}`, default
`/sell/feed/v1`) takes path segments, while a variable in the host still takes one run of
unreserved characters: no value moves requests, or the credentials they carry, to another host."""

from __future__ import annotations

import pytest
from sdkrt._exceptions import SDKError
from sdkrt._servers import ServerTemplate, ServerVariable

BASE_PATH = ServerTemplate(
    "https://api.example{basePath}",
    {"basePath": ServerVariable("base_path", default="/sell/feed/v1")},
)


def test_a_path_variable_takes_its_default_of_several_segments() -> None:
    assert BASE_PATH.base_url({}, "X") == "https://api.example/sell/feed/v1"


@pytest.mark.parametrize(
    ("template", "value", "expected"),
    [
        ("https://api.example{basePath}", "/v2/", "https://api.example/v2"),
        ("https://api.example/{prefix}/items", "a/b", "https://api.example/a/b/items"),
        ("https://{region}.api.example/{prefix}", "a/b", "https://eu.api.example/a/b"),
    ],
)
def test_a_path_variable_takes_path_segments(template: str, value: str, expected: str) -> None:
    variables = {"region": ServerVariable("region", default="eu")}
    name = "basePath" if "basePath" in template else "prefix"
    variables[name] = ServerVariable(name)
    assert ServerTemplate(template, variables).base_url({name: value}, "X") == expected


@pytest.mark.parametrize(
    "value",
    [
        ".evil.example/x",  # does not begin the path: it would extend the host
        "@evil.example/x",
        ":8443/x",
        "/a/../../x",
        "/a/./x",
        "//evil.example/x",
        "/a b",
        "/a?x=1",
        "/a#x",
        "/a%2Fb",
        "/",
    ],
)
def test_a_path_value_that_would_change_the_url_shape_is_refused(value: str) -> None:
    with pytest.raises(SDKError, match="Refusing base_path="):
        BASE_PATH.base_url({"basePath": value}, "X")


def test_a_value_after_a_host_the_caller_names_stays_a_host_word() -> None:
    """`https://{account}{suffix}`: a suffix beginning with `/` would cut the host the
    template spells, so a variable after another host variable takes no path."""
    template = ServerTemplate(
        "https://{account}{suffix}",
        {"account": ServerVariable("account"), "suffix": ServerVariable("suffix")},
    )
    with pytest.raises(SDKError, match="Refusing suffix="):
        template.base_url({"account": "evil.example", "suffix": "/x"}, "X")
