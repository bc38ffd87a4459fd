"""Path variables and `in: path` parameters made to agree, with a warning where they did not.

Real specs declare `{petId}` on `get` but forget it on `delete`, or keep a path parameter after the
variable left the path. The intent is plain: an undeclared variable borrows the declaration of
another operation on the same path (else it is a string), and a path parameter naming no variable
is dropped (there is nowhere to put it).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .. import jsonpointer, refs
from ..errors import Problem
from ..walk import HTTP_METHODS

_VARIABLE = re.compile(r"\{\+?([^{}/]+)\}")  # `{+name}` is the variable `name` (RFC 6570)


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        variables = _VARIABLE.findall(path)
        base = jsonpointer.join("", "paths", path)
        shared = _path_parameters(document, item.get("parameters"))
        operations = {m: item[m] for m in HTTP_METHODS if isinstance(item.get(m), dict)}
        for method, operation in operations.items():
            where = jsonpointer.join(base, method, "parameters")
            problems += _drop_strays(document, operation, variables, file, where)
            declared = shared | _path_parameters(document, operation.get("parameters"))
            for name in [v for v in variables if v not in declared]:
                donor = _declared_elsewhere(document, operations, name)
                parameters = operation.setdefault("parameters", [])
                parameters.append(donor or _string_parameter(name))
                source = "another operation's declaration" if donor else "a string"
                message = f"path variable {{{name}}} is not declared here; read as {source}"
                hint = f"add `{{name: {name}, in: path, required: true}}` to the parameters"
                problems.append(Problem("warning", message, file, where, hint))
    return problems


def _path_parameters(document: dict[str, Any], parameters: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for raw in parameters if isinstance(parameters, list) else []:
        parameter = refs.resolve(document, raw, "").node
        if isinstance(parameter, dict) and parameter.get("in") == "path":
            found[str(parameter.get("name"))] = parameter
    return found


def _drop_strays(
    document: dict[str, Any], operation: dict[str, Any], variables: list[str], file: str, where: str
) -> list[Problem]:
    parameters = operation.get("parameters")
    if not isinstance(parameters, list):
        return []
    problems = []
    for index in reversed(range(len(parameters))):
        parameter = refs.resolve(document, parameters[index], "").node
        if isinstance(parameter, dict) and parameter.get("in") == "path":
            name = str(parameter.get("name"))
            if name not in variables:
                del parameters[index]
                message = f"path parameter {name!r} names no variable of the path; dropped"
                hint = f"put {{{name}}} in the path, or remove the parameter"
                problems.append(Problem("warning", message, file, f"{where}/{index}", hint))
    return problems


def _declared_elsewhere(
    document: dict[str, Any], operations: dict[str, dict[str, Any]], name: str
) -> dict[str, Any] | None:
    for operation in operations.values():
        parameter = _path_parameters(document, operation.get("parameters")).get(name)
        if parameter is not None:
            return copy.deepcopy(parameter)
    return None


def _string_parameter(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
