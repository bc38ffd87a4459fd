"""Routing asks openapi-core only about the path keys a URL may mean, and answers as if it had
asked about all of them: the same operation, variables and candidates, or the same error.

The reference is openapi-core's path finder over the whole document, as routing used it before
it narrowed the keys first; the URLs are the ones verify sends (awkward ids, raw and encoded
slashes, other servers' prefixes) and the ones a wrong client sends (no such path, method or
server).
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import unquote

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.paths.finders import APICallPathFinder

from generator.verify.routing import Route, Router
from tests import shared

from .specs import ContractSpec, contract_specs, load

HOST = "http://127.0.0.1:9"
_OPERATION = {"responses": {"200": {"description": "ok"}}}
_ELSEWHERE = [{"url": f"{HOST}/__origin/files.example.com"}]
# Keys that overlap, share first segments, start with a variable, or differ only by fragment.
_TRICKY: dict[str, Any] = {
    "/things": {"get": _OPERATION, "post": _OPERATION},
    "/things/{id}": {"get": _OPERATION, "delete": _OPERATION},
    "/things/mine": {"get": _OPERATION},
    "/things/{id}/parts/{part}": {"get": _OPERATION},
    "/things/{id}.{format}": {"get": _OPERATION},
    "/{tenant}/things": {"get": _OPERATION},
    "/v{version}/status": {"get": _OPERATION},
    "/search#byTag": {"get": _OPERATION},
    "/search#byName": {"get": _OPERATION},
    "/files/{name}": {"servers": _ELSEWHERE, "get": _OPERATION},
    "/": {"get": _OPERATION},
}
_IDS = ["1", ".", "..", "a/b", "a%2Fb", "", "with%20space", "%C3%BC", "x.json", "mine", "{id}"]
_PREFIXES = ["", "/__origin/files.example.com", "/__origin/api.example.com/v1", "/v1"]


class _Reference:
    """What routing answered when openapi-core's finder searched the whole document."""

    def __init__(self, document: dict[str, Any]) -> None:
        paths: dict[str, Any] = {}
        self.keys: dict[tuple[str, str], list[str]] = {}
        for key, item in document["paths"].items():
            url = key.partition("#")[0].partition("?")[0]
            paths.setdefault(url, {})
            for name in item:
                paths[url].setdefault(name, item[name])
                self.keys.setdefault((url, name), []).append(key)
        # keys that spell more of a URL before those with as many variables that spell less
        paths = dict(
            sorted(paths.items(), key=lambda item: -len(re.sub(r"\{[^{}/]+\}", "", item[0])))
        )
        whole = {**document, "paths": paths}
        app = OpenAPI.from_dict(whole, config=Config(spec_validator_cls=None))
        self.finder = APICallPathFinder(app.spec)

    def route(self, method: str, raw_path: str) -> Route | str:
        try:
            found = self.finder.find(method, HOST + raw_path)
        except PathError as error:
            return f"{type(error).__name__}: {error}"
        url = str(found.path.parts[-1])
        candidates = tuple(self.keys.get((url, method), [url]))
        variables = {name: unquote(value) for name, value in found.path_result.variables.items()}
        return Route(method, candidates[0], variables, candidates)


def _urls(keys: list[str]) -> list[str]:
    """Every key with each awkward id for its variables, under each prefix, and mangled."""
    found = []
    for key, value, prefix in itertools.product(keys, _IDS, _PREFIXES):
        path = prefix + _filled(key.partition("#")[0].partition("?")[0], value)
        found += [path, path + "/", path[:-1], path + "x", "/nowhere" + path]
    return list(dict.fromkeys(found))


def _filled(key: str, value: str) -> str:
    return re.sub(r"\{[^}]*\}", lambda _: value, key)


def _same_routes(document: dict[str, Any], methods: list[str]) -> int:
    router, reference = Router(document, HOST), _Reference(document)
    compared = 0
    for raw_path, method in itertools.product(_urls(list(document["paths"])), methods):
        found = router.route(method, raw_path)
        expected = reference.route(method, raw_path)
        if isinstance(found, str) and isinstance(expected, str):
            assert found.startswith(expected), (method, raw_path, found, expected)
        else:
            assert found == expected, (method, raw_path)
        compared += 1
    return compared


def test_narrowed_routing_answers_as_the_whole_document_does() -> None:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Routes", "version": "1"},
        "servers": [{"url": f"{HOST}/__origin/api.example.com/v1"}],
        "paths": _TRICKY,
    }
    assert _same_routes(document, ["get", "post", "delete"]) > 2000


@pytest.mark.parametrize("spec", contract_specs(), ids=lambda spec: spec.name)
def test_narrowed_routing_answers_as_the_whole_document_does_on_real_specs(
    spec: ContractSpec,
) -> None:
    if spec.shared:
        shared.require(spec.path)
    document = load(spec).document
    paths = dict(itertools.islice(document["paths"].items(), 40))
    assert _same_routes({**document, "paths": paths}, ["get", "post"]) > 0


def test_a_key_that_spells_more_of_the_url_wins_over_an_earlier_one() -> None:
    """`/pulls/{index}` written first must not take `/pulls/3.diff` (index `3.diff`) from
    `/pulls/{index}.diff`: a server routes the URL to the key that spells more of it."""
    integer = {"name": "index", "in": "path", "required": True, "schema": {"type": "integer"}}
    operation = {"parameters": [integer], **_OPERATION}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Suffixes", "version": "1"},
        "servers": [{"url": HOST}],
        "paths": {"/pulls/{index}": {"get": operation}, "/pulls/{index}.diff": {"get": operation}},
    }
    router = Router(document, HOST)
    assert router.route("get", "/pulls/3.diff") == Route(
        "get", "/pulls/{index}.diff", {"index": "3"}, ("/pulls/{index}.diff",)
    )
    assert router.route("get", "/pulls/3") == Route(
        "get", "/pulls/{index}", {"index": "3"}, ("/pulls/{index}",)
    )


def _query_parameter(name: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "integer"}}


_BY_QUERY: dict[str, Any] = {
    # Azure's x-ms-paths: a key's query both fixed and declared (the parameter sends it)
    "/models?$skip=0&$top=5": {
        "get": {
            "parameters": [_query_parameter("$skip"), _query_parameter("$top")],
            **_OPERATION,
        }
    },
    "/models?comp=list": {"get": _OPERATION},
}


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ([], "/models?$skip=0&$top=5"),
        ([("$top", "7")], "/models?$skip=0&$top=5"),
        ([("comp", "list")], "/models?comp=list"),
        ([("comp", "list"), ("$top", "7")], "/models?comp=list"),
    ],
)
def test_a_fixed_query_pair_an_operation_declares_as_a_parameter_is_not_required(
    query: list[tuple[str, str]], key: str
) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Routes", "version": "1"},
        "servers": [{"url": HOST}],
        "paths": _BY_QUERY,
    }
    found = Router(document, HOST).route("get", "/models", query)
    assert isinstance(found, Route), found
    assert found.template == key


def test_a_fixed_query_pair_no_parameter_declares_is_required() -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Routes", "version": "1"},
        "servers": [{"url": HOST}],
        "paths": {"/models?comp=list": {"get": _OPERATION}},
    }
    found = Router(document, HOST).route("get", "/models", [("comp", "other")])
    assert isinstance(found, str) and found.startswith("QueryNotFound"), found


@pytest.mark.parametrize(
    ("query", "key", "variables"),
    [
        ([], "/folders/{folderId}", {"folderId": "x"}),
        ([("by", "path")], "/folders/{folderPath}?by=path", {"folderPath": "x"}),
    ],
)
def test_a_key_of_the_same_shape_chosen_by_its_query_names_the_variables_its_own_way(
    query: list[tuple[str, str]], key: str, variables: dict[str, str]
) -> None:
    """Keys that differ only in their variables' names are all candidates for a URL; the one
    the fixed query picks reads the URL's values under its own names."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Routes", "version": "1"},
        "servers": [{"url": HOST}],
        "paths": {
            "/folders/{folderId}": {"get": _OPERATION},
            "/folders/{folderPath}?by=path": {"get": _OPERATION},
        },
    }
    found = Router(document, HOST).route("get", "/folders/x", query)
    assert isinstance(found, Route), found
    assert (found.template, found.variables) == (key, variables)
