"""What a generated package must satisfy, as lists of differences (empty means it does).

Each check returns every difference it finds rather than stopping at the first, so one failing
corpus case says everything that is wrong with it at once. `generic_problems` holds for any package
from any spec (the fuzz test uses it too); `case_problems` compares with the case's table entry.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

from .corpus import Generated
from .harness import escaping_paths, unparsable_python

_DIGEST = re.compile(r"[0-9a-f]{64}")
_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{digit}" for digit in range(1, 10)}
    | {f"lpt{digit}" for digit in range(1, 10)}
)


def generic_problems(out: Path, report: dict[str, Any] | None, leftovers: list[str]) -> list[str]:
    """Parses, stays inside `out`, imports cleanly, touches nothing (`leftovers`: canary files)."""
    problems = [f"does not parse: {failure}" for failure in unparsable_python(out)]
    problems += [f"escapes the output folder: {path}" for path in escaping_paths(out)]
    problems += shadowed_type_imports(out)
    problems += [f"importing created {name!r} in the working directory" for name in leftovers]
    if report is None:
        return problems
    if not report["ok"]:
        return [*problems, f"importing failed:\n{report['error']}"]
    problems += [f"side effect while importing: {event}" for event in report["side_effects"]]
    if report["resources"] != report["async_resources"]:
        problems.append(
            f"sync and async resources differ: {report['resources']} {report['async_resources']}"
        )
    return problems


def shadowed_type_imports(out: Path) -> list[str]:
    """Names imported under `if TYPE_CHECKING:` that the same module binds again.

    Annotations then name the module's own definition, not the import: type checkers see the
    wrong class and report a redefinition.
    """
    problems = []
    for path in sorted(out.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue  # reported by the parse check
        typing_only: set[str] = set()
        bound: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
                typing_only |= {
                    alias.asname or alias.name
                    for child in node.body
                    if isinstance(child, ast.ImportFrom)
                    for alias in child.names
                }
            elif isinstance(node, ast.ClassDef | ast.FunctionDef):
                bound.add(node.name)
        for name in sorted(typing_only & bound):
            problems.append(f"{path.relative_to(out)}: {name} is imported for typing and redefined")
    return problems


def case_problems(case: Generated, out: Path, report: dict[str, Any]) -> list[str]:
    """Differences between the generated package (and its probe report) and the table entry."""
    problems: list[str] = []
    packages = sorted(p.name for p in (out / "src").iterdir()) if (out / "src").is_dir() else []
    if case.package is not None and packages != [case.package]:
        problems.append(f"package: expected [{case.package!r}], found {packages}")
    if case.client is not None and report["client"] != case.client:
        problems.append(f"client: expected {case.client!r}, found {report['client']!r}")
    for resource, methods in case.resources.items():
        found = report["resources"].get(resource)
        if found != sorted(methods):
            problems.append(
                f"resource {resource}: expected methods {sorted(methods)}, found {found} "
                f"(resources: {sorted(report['resources'])})"
            )
    problems += _model_problems(case, report)
    problems += _doc_problems(case, report)
    for key in ("base_url", "auth"):
        expected = getattr(case, key)
        if expected is not None and report[key] != expected:
            problems.append(f"{key}: expected {expected!r}, found {report[key]!r}")
    problems += _request_problems(case, report)
    problems += _file_problems(case, out)
    return problems


def _model_problems(case: Generated, report: dict[str, Any]) -> list[str]:
    problems = []
    models = report["models"]
    for model, names in case.fields.items():
        if model not in models:
            problems.append(f"model {model} missing (models: {sorted(models)})")
            continue
        found = {info["alias"]: name for name, info in models[model]["fields"].items()}
        if found != names:
            problems.append(f"{model} fields (wire -> Python): expected {names}, found {found}")
    for model, defaults in case.defaults.items():
        fields = models.get(model, {}).get("fields", {})
        for name, value in defaults.items():
            found = fields.get(name, {}).get("default", "<no such field>")
            if found != value:
                problems.append(f"{model}.{name} default: expected {value!r}, found {found!r}")
    expected_payloads = case.probe_payloads()
    for model, payloads in expected_payloads.items():
        results = report["roundtrips"].get(model, [])
        for payload, result in zip(payloads, results, strict=True):
            if result != {"dump": payload, "extra": []}:
                problems.append(f"{model} round trip: sent {payload!r}, got back {result!r}")
    return problems


def _doc_problems(case: Generated, report: dict[str, Any]) -> list[str]:
    docs: dict[str, str] = {
        "package": report["package_doc"],
        "client": report["client_doc"],
        **report["docs"],
        **{f"types.{name}": model["doc"] for name, model in report["models"].items()},
    }
    problems = []
    for where, fragments in case.docs.items():
        doc = docs.get(where)
        for fragment in fragments:
            if doc is None or fragment not in doc:
                problems.append(f"docstring of {where} lacks {fragment!r}; it is {doc!r}")
    return problems


def _request_problems(case: Generated, report: dict[str, Any]) -> list[str]:
    problems = []
    for flavour in ("requests", "async_requests"):
        for call, sent in zip(case.requests, report[flavour], strict=True):
            problems += [f"{flavour} {call['call']}: {p}" for p in _sent_problems(call, sent)]
    return problems


def _sent_problems(call: dict[str, Any], sent: dict[str, Any]) -> list[str]:
    if "error" in sent:
        return [f"failed: {sent['error']}"]
    expected = call["sends"]
    problems = []
    for key in ("method", "path", "raw_path", "query", "json"):
        if key in expected and sent[key] != expected[key]:
            problems.append(f"{key}: expected {expected[key]!r}, sent {sent[key]!r}")
    headers = {name.lower(): value for name, value in sent["headers"].items()}
    for name, value in expected.get("headers", {}).items():
        if headers.get(name.lower()) != value:
            problems.append(
                f"header {name!r}: expected {value!r}, sent {headers.get(name.lower())!r}"
            )
    return problems


def _file_problems(case: Generated, out: Path) -> list[str]:
    problems = []
    for relative, wanted in case.files.items():
        text = (out / relative).read_text(encoding="utf-8")
        problems += [f"{relative} lacks {s!r}" for s in wanted.get("contains", []) if s not in text]
        problems += [f"{relative} contains {s!r}" for s in wanted.get("lacks", []) if s in text]
    if case.toml:
        project = tomllib.loads((out / "pyproject.toml").read_text(encoding="utf-8"))
        for dotted, value in case.toml.items():
            found: Any = project
            for key in dotted.split("."):
                found = found.get(key) if isinstance(found, dict) else None
            if found != value:
                problems.append(f"pyproject.toml {dotted}: expected {value!r}, found {found!r}")
    texts = {
        path: path.read_text(encoding="utf-8") for path in sorted(out.rglob("*")) if path.is_file()
    }
    for path, text in texts.items():
        shown = path.relative_to(out)
        without_digests = _DIGEST.sub("", text)
        problems += [f"{shown} contains {s!r}" for s in case.never if s in without_digests]
        if path.suffix == ".py":
            problems += [
                f"{shown} contains raw {char!r}" for char in case.python_lacks if char in text
            ]
    if case.portable_names:
        for path in texts:
            for part in path.relative_to(out).parts:
                if part.split(".")[0].lower() in _DEVICE_NAMES:
                    problems.append(f"{path.relative_to(out)}: {part} is a Windows device name")
    return problems
