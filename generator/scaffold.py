"""`sdkgen init`: a new API folder with a config derived from its spec, ready for `make regen`."""

from __future__ import annotations

from pathlib import Path

import yaml

from . import checks
from .config import config_schema, default_config, load_config
from .config_paths import CONFIG_FILE
from .errors import ConfigError, Problem
from .load import parse_spec, read_spec_bytes
from .output import write_file_atomically

SCHEMA_FILE = "config.schema.json"


def init_api(specs: Path, name: str, *, url: str | None, spec: Path | None) -> Path:
    """Write `specs/<name>/` (config and spec) and `specs/config.schema.json`; return the config."""
    api_dir = specs / name
    _check_request(api_dir, name, url, spec)
    if url is not None:
        from .fetch import fetch_spec

        data = fetch_spec(url).data
        spec_name = "openapi.json" if data.lstrip()[:1] == b"{" else "openapi.yaml"
    else:
        assert spec is not None
        data = read_spec_bytes(spec)
        spec_name = spec.name
    document = parse_spec(data, url or str(spec))
    title = str((document.get("info") or {}).get("title") or name)
    derived = default_config(title, spec_name)
    config = {
        "name": name,
        "title": derived.title,
        "package": f"{name}_client",
        "distribution": f"{name.replace('_', '-')}-client",
        "client_class": derived.client_class,
        "env_prefix": name.upper(),
        "spec": spec_name,
        **({"source_url": url} if url else {}),
    }
    text = f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n" + yaml.safe_dump(
        config, sort_keys=False, allow_unicode=True
    )
    write_file_atomically(api_dir / spec_name, data)
    write_file_atomically(api_dir / CONFIG_FILE, text.encode())
    if not (specs / SCHEMA_FILE).exists():
        write_file_atomically(specs / SCHEMA_FILE, config_schema().encode())
    load_config(api_dir / CONFIG_FILE)  # what we wrote must be what we accept
    return api_dir / CONFIG_FILE


def _check_request(api_dir: Path, name: str, url: str | None, spec: Path | None) -> None:
    file = str(api_dir / CONFIG_FILE)
    invalid = checks.api_name(name)
    if invalid:
        raise ConfigError(Problem("error", f"invalid API name {name!r}: {invalid}", file))
    if (url is None) == (spec is None):
        raise ConfigError(Problem("error", "give exactly one of --url and --spec", file))
    if (api_dir / CONFIG_FILE).exists():
        hint = "edit it, or choose another name"
        raise ConfigError(Problem("error", f"API {name!r} already exists", file, hint=hint))
